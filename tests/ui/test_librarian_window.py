"""The results as a table, filter chips, the timeline, context menus, drag and drop
into the basket, and lists that say why they are empty."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication

from tangthu.library.records import NONE
from tangthu.ui.results import Column, Role
from tests.ui.test_basket import _select_rows
from tests.ui.test_window import HNDK, _search


def _drop(target, data):  # type: ignore[no-untyped-def]
    """Drop *data* on *target* as a drag from another view would."""
    event = QDropEvent(
        QPoint(5, 5).toPointF(),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target.dropEvent(event)
    return event


def _action(view, text: str):  # type: ignore[no-untyped-def]
    found = [a for a in view.actions() if a.text() == text]
    assert found, [a.text() for a in view.actions()]
    return found[0]


def test_table_sorts_by_a_column_and_the_choice_is_kept(qtbot, window, qsettings) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "")
    pane = window.results
    pane.show_view("table")
    assert pane.view_name() == "table"
    table = pane.table
    assert table.model().rowCount() == 7
    table.sortByColumn(Column.DATE, Qt.SortOrder.AscendingOrder)
    dates = [table.model().index(r, Column.DATE).data(Role.SORT) for r in range(7)]
    assert dates == sorted(dates) and dates[0] < dates[-1]
    table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
    first = table.model().index(0, 0).data(Role.HIT)
    assert first.date == max(h.date for h in (window.results.model.hit(r) for r in range(7)))
    # the byline has its column, between the date and the outlet
    header = table.horizontalHeader()
    assert table.model().headerData(Column.BYLINE, Qt.Orientation.Horizontal) == "Author"
    assert header.visualIndex(Column.BYLINE) == header.visualIndex(Column.OUTLET) - 1
    bylines = {
        table.model().index(r, 0).data(Role.ID): table.model().index(r, Column.BYLINE).data()
        for r in range(7)
    }
    assert bylines["2024/03/hoi-nghi-doan-ket/article.txt"] == "Minh Anh"
    # the current row is the article read; moving in the table opens that one
    fourth = table.model().index(3, 0).data(Role.ID)
    table.setCurrentIndex(table.model().index(3, 0))
    qtbot.waitUntil(lambda: getattr(window.current_article, "id", None) == fourth, timeout=20000)
    assert pane.selected_hits()[0].id == fourth
    # Ctrl+1 / Ctrl+2: the view is a setting
    assert qsettings.value("results/view") == "table"
    pane.show_view("cards")
    assert pane.current_view() is pane.view
    assert qsettings.value("results/view") is None  # the default is not stored


def test_table_says_when_it_sorts_only_what_is_loaded(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "")
    pane = window.results
    pane.show_view("table")
    pane.table.sortByColumn(Column.OUTLET, Qt.SortOrder.AscendingOrder)
    assert "sorted" not in pane.header.text()  # all 7 are loaded: the order is whole
    result = window.result
    result.total = 500  # as if more were still to load
    pane.show_count(None)
    assert "sorted: the first 7 of 500" in pane.header.text()
    pane.table.unsort()
    assert "sorted" not in pane.header.text()


def test_chips_show_the_filters_and_remove_them(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "")
    chips = window.results.chips
    assert chips.isHidden() and chips.chips == {}
    with qtbot.waitSignal(window.search_done, timeout=20000):
        window.filters_panel.photos_check.setChecked(True)
    with qtbot.waitSignal(window.search_done, timeout=20000):
        window.filters_panel.set_span("2024-01-01", "2024-12-31")
    assert set(chips.chips) == {"photos", "date", "all"}
    assert chips.chips["date"].text().startswith("2024-01-01 – 2024-12-31")
    filtered = window.result.total
    with qtbot.waitSignal(window.search_done, timeout=20000):
        chips.chips["date"].click()
    assert (
        not window.filters_panel.from_check.isChecked()
        and not window.filters_panel.to_check.isChecked()
    )
    assert window.filters_panel.photos_check.isChecked()
    assert set(chips.chips) == {"photos"}
    assert window.result.total > filtered
    with qtbot.waitSignal(window.search_done, timeout=20000):
        chips.chips["photos"].click()
    assert not window.filters_panel.photos_check.isChecked()
    assert window.result.total == 7
    assert chips.isHidden()


def test_timeline_click_sets_the_date_filter(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "")
    timeline = window.results.timeline
    keys = [b.key for b in timeline.bars]
    assert keys == ["2022", "2023", "2024"]
    counts = {b.key: b.count for b in timeline.bars}
    assert counts == {y: n for y, n in window.result.facets["year"].items() if y != NONE}
    timeline.resize(400, 72)
    centre = timeline.bar_rect(keys.index("2023")).center()
    with qtbot.waitSignal(window.search_done, timeout=20000):
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=centre)
    f = window.filters()
    assert (f.date_from, f.date_to) == ("2023-01-01", "2023-12-31")
    assert window.result.total == counts["2023"]
    # inside one year the bars are its months, and a drag takes several
    assert [b.key for b in timeline.bars][:2] == ["2023-01", "2023-02"]
    assert sum(b.count for b in timeline.bars) == counts["2023"]
    timeline.resize(480, 72)
    a, b = timeline.bar_rect(10).center(), timeline.bar_rect(11).center()
    with qtbot.waitSignal(window.search_done, timeout=20000):
        qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=a)
        qtbot.mouseMove(timeline, pos=b)
        qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=b)
    f = window.filters()
    assert (f.date_from, f.date_to) == ("2023-11-01", "2023-12-31")
    assert window.result.total == counts["2023"]  # the sample's 2023 is November and December


def test_results_dragged_into_the_basket(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "doan ket")
    model = window.results.model
    data = model.mimeData([model.index(0, 0), model.index(1, 0)])
    urls = [u.toLocalFile() for u in data.urls()]
    assert urls and all(window.root.as_posix() in u for u in urls)  # folders, for file managers
    assert model.supportedDragActions() == Qt.DropAction.CopyAction  # copied, never moved
    target = window.basket_dock.panel.view
    event = _drop(target, data)
    assert event.isAccepted()
    assert window.basket_model.counts()[:2] == (2, 0)
    assert {i.article_id for i in window.basket_model.items()} == set(model.ids()[:2])


def test_context_menu_copies_path_and_citation(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu

    _search(qtbot, window, "doan ket")
    view = window.results.view
    assert window.results.model.ids()[0] == HNDK
    clipboard = QGuiApplication.clipboard()
    _action(view, "Copy path").trigger()
    assert clipboard.text().endswith("hoi-nghi-doan-ket/article.txt")
    clipboard.setText("")
    _action(view, "Copy citation").trigger()
    qtbot.waitUntil(lambda: clipboard.text() != "", timeout=10000)
    title = window.current_article.title
    assert title in clipboard.text() and "(2024, March" in clipboard.text()  # APA
    styles = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "Citation style")
    next(a for a in styles.actions() if a.text().startswith("Chicago")).trigger()
    clipboard.setText("")
    _action(view, "Copy citation").trigger()
    qtbot.waitUntil(lambda: clipboard.text() != "", timeout=10000)
    assert f"2024. “{title}”" in clipboard.text()
    texts = {a.text() for a in view.actions()}
    assert {"Open", "Open the folder", "Add to basket", "Export these…"} <= texts
    dialog = _action(view, "Export these…")
    dialog.trigger()
    assert window.export_dialog is not None
    window.export_dialog.close()


def test_empty_lists_say_why_and_offer_a_way_out(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "zzxqy")
    empty = window.results.empty
    assert empty.isVisibleTo(window) and "No article holds “zzxqy”" in empty.text()
    # exact accents that nothing has: one click searches without them
    window.search_bar.exact.setChecked(True)
    _search(qtbot, window, "đoan kết")
    assert window.result.total == 0
    assert "href='accents'" in empty.text()
    with qtbot.waitSignal(window.search_done, timeout=20000):
        empty.linkActivated.emit("accents")
    assert not window.search_bar.exact.isChecked()
    assert window.result.total == 2
    assert not empty.isVisibleTo(window)


def test_sort_box_says_newest_first_without_words(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    sort = window.search_bar.sort
    _search(qtbot, window, "")
    assert sort.currentData() == "date"  # what the list does without words
    dates = [h.date for h in window.result.hits]
    assert dates == sorted(dates, reverse=True)
    _search(qtbot, window, "doan ket")
    assert sort.currentData() == "relevance"  # the choice comes back with the words


def test_grid_size_slider_and_ctrl_wheel(qtbot, window, qsettings) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    from tangthu.ui.photo_grid import SIZES

    _search(qtbot, window, "đoàn kết")
    window.show()
    window.side.setCurrentIndex(1)
    grid, slider = window.side.grid, window.side.size_slider
    start = grid.px()
    slider.setValue(SIZES.index(start) + 1)
    assert grid.px() == SIZES[SIZES.index(start) + 1]
    assert grid.gridSize().width() == grid.px() + 8  # square tiles of that size
    assert qsettings.value("grid/thumb_px", type=int) == grid.px()
    wheel = QWheelEvent(
        QPointF(10, 10),
        QPointF(10, 10),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    grid.wheelEvent(wheel)
    assert grid.px() == start and slider.value() == SIZES.index(start)
    model = window.side.grid_model
    qtbot.waitUntil(lambda: model.loaded() == model.rowCount(), timeout=20000)


def test_grid_marks_a_missing_photo_and_drags_photos(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.photo_grid import PhotoRole

    _search(qtbot, window, "")
    window.side.setCurrentIndex(1)
    window.side.scope.setCurrentIndex(2)  # the whole archive
    model = window.side.grid_model
    qtbot.waitUntil(lambda: model.rowCount() == 12, timeout=20000)
    troubles = [model.index(r).data(PhotoRole.TROUBLE) for r in range(model.rowCount())]
    missing = [model.item(r) for r, t in enumerate(troubles) if t == "missing"]
    assert missing and all(not p.exists for p in missing)
    shown = [r for r, t in enumerate(troubles) if t == ""]
    data = model.mimeData([model.index(shown[0])])
    assert [u.toLocalFile() for u in data.urls()] == [model.item(shown[0]).path]
    assert _drop(window.basket_dock.panel.view, data).isAccepted()
    assert window.basket_model.counts()[:2] == (0, 1)


def test_viewer_filmstrip_title_link_and_basket(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.photos import orientation_text

    with qtbot.waitSignal(window.article_shown, timeout=20000):
        window.open_article(HNDK)
    viewer = window._show_viewer(window._article_items(), 0)
    qtbot.addWidget(viewer)
    assert viewer.strip is not None and viewer.strip.model().rowCount() == 3
    viewer.strip.setCurrentIndex(viewer.strip.model().index(2, 0))
    assert viewer.row == 2
    viewer.previous()
    assert viewer.strip.currentIndex().row() == 1
    assert window.current_article.title in viewer.article_link.text()
    with qtbot.waitSignal(window.side.article_requested, timeout=5000) as asked:
        viewer.article_link.linkActivated.emit("article")
    assert asked.args == [HNDK]
    viewer.basket_requested.emit(viewer._items[viewer.row])
    assert window.basket_model.counts()[:2] == (0, 1)
    assert orientation_text(1, str) == "upright" and orientation_text(None, str) == "—"
    labels = [
        viewer.exif.itemAt(i).widget().text()
        for i in range(viewer.exif.count())
        if viewer.exif.itemAt(i).widget()
    ]
    assert not any(text.isdigit() for text in labels)  # no raw "Orientation 1"


def test_basket_rows_reorder_by_drag_and_carry_their_files_out(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QModelIndex

    from tangthu.library.records import Item
    from tangthu.ui.basket_model import BasketColumn

    _search(qtbot, window, "")
    root = str(window.root)
    ids = window.results.model.ids()[:3]
    model = window.basket_model
    model.add([Item(root, i) for i in ids])
    qtbot.waitUntil(lambda: not model.pending(), timeout=20000)
    assert model.columnCount() == 3
    assert all(model.index(r, BasketColumn.SIZE).data().endswith("KB") for r in range(3))
    assert model.index(0, BasketColumn.DATE).data()[:4].isdigit()
    data = model.mimeData([model.index(2, 0)])
    assert [u.toLocalFile() for u in data.urls()] == [str(window.root / ids[2].rsplit("/", 1)[0])]
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [i.article_id for i in model.items()] == [ids[2], ids[0], ids[1]]
    again = type(model.basket)(model.basket.path)  # the order is saved with the basket
    assert [i.article_id for i in again.items] == [ids[2], ids[0], ids[1]]


def test_query_help_examples_search_and_shortcuts_are_listed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl

    from tangthu.ui.help import ShortcutsHelp

    help_ = window.show_query_help()
    qtbot.addWidget(help_)
    text = help_.browser.toPlainText()
    assert "OR between two words" in text and "title:lũ" in text
    with qtbot.waitSignal(window.search_done, timeout=20000):
        help_.browser.anchorClicked.emit(QUrl("try:1"))
    assert window.search_bar.edit.text() == '"đoàn kết"'
    shortcuts = ShortcutsHelp(window)
    qtbot.addWidget(shortcuts)
    rows = {
        shortcuts.table.item(r, 1).text(): shortcuts.table.item(r, 0).text()
        for r in range(shortcuts.table.rowCount())
    }
    assert rows["Ctrl+1"] == "Results as cards" and rows["Ctrl+2"] == "Results as a table"
    assert rows["Ctrl+F"] == "Go to the search field"
    assert rows["F3"] and rows["Ctrl+B"] == "Add to basket"
    assert all(name for name in rows.values())


def test_grid_basket_and_reader_photos_have_context_menus(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu

    from tangthu.library.records import Item

    with qtbot.waitSignal(window.article_shown, timeout=20000):
        window.open_article(HNDK)
    window.side.setCurrentIndex(1)
    grid = window.side.grid
    qtbot.waitUntil(lambda: window.side.grid_model.rowCount() == 3, timeout=20000)
    grid.setCurrentIndex(window.side.grid_model.index(0))
    grid.selectionModel().select(
        window.side.grid_model.index(0), grid.selectionModel().SelectionFlag.Select
    )
    texts = [a.text() for a in grid.actions()]
    assert texts[:3] == ["Add to basket", "Open", "Export these…"]
    _action(grid, "Copy path").trigger()
    assert QGuiApplication.clipboard().text() == window.side.grid_model.item(0).path
    _action(grid, "Export these…").trigger()
    assert window.export_dialog is not None and len(window.export_dialog.items) == 1
    assert window.export_dialog.items[0].is_photo
    window.export_dialog.close()
    # the basket's rows
    panel = window.basket_dock.panel
    window.basket_model.add([Item(str(window.root), HNDK)])
    panel.view.selectionModel().select(
        window.basket_model.index(0, 0), panel.view.selectionModel().SelectionFlag.Select
    )
    _action(panel.view, "Copy path").trigger()
    assert QGuiApplication.clipboard().text() == str(window.root / HNDK)
    with qtbot.waitSignal(window.article_shown, timeout=20000):
        _action(panel.view, "Open").trigger()
    _action(panel.view, "Remove").trigger()
    assert window.basket_model.rowCount() == 0
    # a photo in the reader
    menu = QMenu()
    window.side.reader._photo_menu(0, menu)
    assert [a.text() for a in menu.actions()] == [
        "Open",
        "Add to basket",
        "Open with the system",
        "Copy path",
    ]
    menu.actions()[1].trigger()
    assert window.basket_model.counts()[:2] == (0, 1)


def test_secondary_text_follows_the_palette(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9a9b9c"))
    app.setPalette(dark)
    try:
        with qtbot.waitSignal(window.article_shown, timeout=20000):
            window.open_article(HNDK)
        assert "#9a9b9c" in window.side.reader.browser.toHtml()  # dates and sources, not fixed
    finally:
        app.setPalette(before)
    for text in ("Search words", "Order"):
        assert text in {
            w.accessibleName() for w in (window.search_bar.edit, window.search_bar.sort)
        }


def test_timeline_by_keyboard_and_empty_photo_scopes_say_why(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "")
    timeline = window.results.timeline
    assert [b.key for b in timeline.bars] == ["2022", "2023", "2024"]
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    qtbot.keyClick(timeline, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(window.search_done, timeout=20000):
        qtbot.keyClick(timeline, Qt.Key.Key_Return)
    f = window.filters()
    assert (f.date_from, f.date_to) == ("2022-01-01", "2023-12-31")
    # a search whose words no caption holds: the grid says why it is empty
    window.side.setCurrentIndex(1)
    window.side.scope.setCurrentIndex(1)
    _search(qtbot, window, "zzxqy")
    qtbot.waitUntil(lambda: "No photo caption" in window.side.grid_label.text(), timeout=20000)
    assert window.side.grid_model.rowCount() == 0


def test_tags_and_notes_in_the_window(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    from tangthu.library import records

    _search(qtbot, window, "")
    _select_rows(window.results.view, [0, 1])
    first, second = window.results.model.ids()[:2]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Lũ lụt", True))
    with qtbot.waitSignal(window.tagging.changed, timeout=10000):
        _action(window.results.view, "Tag…").trigger()
    assert window.filters_panel.tag_model.item(0).text() == "Lũ lụt  (2)"
    # a click in the tag list searches for it, with or without marks
    with qtbot.waitSignal(window.search_done, timeout=20000):
        window.filters_panel.tag_chosen.emit("Lũ lụt")
    assert window.search_bar.edit.text() == 'tag:"Lũ lụt"'
    assert set(window.results.model.ids()) == {first, second}
    # the reader shows them, and edits them with the note
    qtbot.waitUntil(lambda: window.side.reader.marks.isVisibleTo(window), timeout=10000)
    assert "Lũ lụt" in window.side.reader.marks.text()
    dialog = window.tagging.edit(window, records.Item(str(window.root), first), "x")
    dialog.tags.setText("Lũ lụt, Lào Cai")
    dialog.note.setPlainText("Đối chiếu bản in")
    with qtbot.waitSignal(window.tagging.changed, timeout=10000):
        dialog.accept()
    store = window.tagging.store()
    item = records.Item(str(window.root), first)
    assert store.tags(item) == ("Lũ lụt", "Lào Cai") and store.note(item) == "Đối chiếu bản in"


def test_saved_searches_keep_query_filters_and_order_and_count(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tangthu import library

    panel = window.saved
    _search(qtbot, window, "hội nghị")
    with qtbot.waitSignal(window.search_done, timeout=20000):
        window.filters_panel.set_span("2024-01-01", "2024-12-31")
    window.search_bar.sort.setCurrentIndex(window.search_bar.sort.findData("date"))
    qtbot.waitUntil(lambda: not window.busy(), timeout=20000)
    total = window.result.total
    panel.save_requested.emit("Hội nghị 2024")
    saved = library.user_saved_searches().get("Hội nghị 2024")
    assert saved is not None and saved.query == "hội nghị"
    assert saved.filters == {"date_from": "2024-01-01", "date_to": "2024-12-31"}
    assert saved.sort == "date"
    qtbot.waitUntil(lambda: panel.counts.get("Hội nghị 2024") == total, timeout=20000)
    assert panel.list.item(0).text() == f"Hội nghị 2024  ({total})"
    # elsewhere, then back with one click
    window.clear_filters()
    window.search_bar.sort.setCurrentIndex(window.search_bar.sort.findData("relevance"))
    _search(qtbot, window, "bão")
    with qtbot.waitSignal(window.search_done, timeout=20000):
        panel.list.itemClicked.emit(panel.list.item(0))
    assert (
        window.search_bar.edit.text() == "hội nghị"
        and window.search_bar.sort.currentData() == "date"
    )
    f = window.filters()
    assert (f.date_from, f.date_to) == ("2024-01-01", "2024-12-31")
    assert window.result.total == total


def test_an_article_added_while_the_window_is_open_appears(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import write_article

    _search(qtbot, window, "")
    reading = window.current_article.id
    before = window.result.total
    write_article(
        window.root / "2024" / "11" / "bai-moi",
        "Thư viện nhận sách mới\n\nThư viện tỉnh vừa nhận thêm sách quý.\n",
    )
    qtbot.waitUntil(lambda: window.result.total == before + 1, timeout=30000)
    assert "2024/11/bai-moi/article.txt" in window.results.model.ids()
    assert window.current_article.id == reading  # the article being read stays
    qtbot.waitUntil(
        lambda: "updated: 1 new, 0 changed" in window.results.header.text(), timeout=10000
    )


def test_the_same_photo_elsewhere_in_the_viewer_and_the_grid(qtbot, tmp_path, qsettings) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from tangthu.index.indexer import update_index
    from tangthu.ui.main_window import MainWindow
    from tests.conftest import SAMPLE

    root = tmp_path / "kho"
    shutil.copytree(SAMPLE, root)
    again = root / "2024" / "10" / "dang-lai"  # the same photo, re-published
    write_article_with_photo = (
        "Đăng lại: hội nghị\n\nBài đăng lại.\nhoi-nghi-1.jpg\nẢnh đăng lại.\n"
    )
    from tests.conftest import write_article

    write_article(again, write_article_with_photo)
    shutil.copy(root / "2024/03/hoi-nghi-doan-ket/hoi-nghi-1.jpg", again / "hoi-nghi-1.jpg")
    ix = tmp_path / "ix"
    update_index(root, ix, jobs=1)
    w = MainWindow(None, index_dir=ix, settings=qsettings)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.indexing_done, timeout=30000):
        w.open_archive(root)
    try:
        with qtbot.waitSignal(w.article_shown, timeout=20000):
            w.open_article(HNDK)
        viewer = w._show_viewer(w._article_items(), 0)
        qtbot.addWidget(viewer)
        qtbot.waitUntil(lambda: viewer.same.isVisibleTo(viewer), timeout=20000)
        assert (
            "Also in 1 article:" in viewer.same.text()
            and "Đăng lại: hội nghị" in viewer.same.text()
        )
        viewer.next()  # another photo: no copies elsewhere
        qtbot.wait(300)
        assert not viewer.same.isVisibleTo(viewer)
        w.side.setCurrentIndex(1)
        w.side.scope.setCurrentIndex(w.side.scope.findData("duplicates"))
        qtbot.waitUntil(lambda: w.side.grid_model.rowCount() == 2, timeout=20000)
        assert {p.article_id for p in w.side.grid_model.items()} == {
            HNDK,
            "2024/10/dang-lai/article.txt",
        }
    finally:
        w.shutdown()


def test_two_archives_searched_together(qtbot, tmp_path, qsettings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from PySide6.QtCore import Qt as QtNS

    from tangthu.index.indexer import update_index
    from tangthu.index.store import index_dir_for
    from tangthu.ui import settings as cfg
    from tangthu.ui.main_window import MainWindow
    from tests.conftest import SAMPLE, write_article

    a = tmp_path / "bao-a"
    shutil.copytree(SAMPLE, a)
    b = tmp_path / "bao-b"
    for n in range(3):
        write_article(b / f"2021/0{n + 1}/hoi-nghi-{n}", f"Hội nghị lần {n}\n\nHội nghị số {n}.\n")
    update_index(a, tmp_path / "ix-a", jobs=1)
    update_index(b, index_dir_for(b.resolve(), None), jobs=1)  # where the window looks
    cfg.remember_root(qsettings, b)
    w = MainWindow(None, index_dir=tmp_path / "ix-a", settings=qsettings)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.indexing_done, timeout=30000):
        w.open_archive(a)
    try:
        _search(qtbot, w, "hội nghị")
        alone = w.result.total
        panel = w.archives
        rows = {panel.list.item(r).data(QtNS.ItemDataRole.UserRole): r for r in range(2)}
        other = panel.list.item(rows[str(b.resolve())])
        with qtbot.waitSignal(w.search_done, timeout=20000):
            other.setCheckState(QtNS.CheckState.Checked)  # search both
        qtbot.waitUntil(lambda: not w.busy(), timeout=20000)
        assert w.result.total == alone + 3
        assert w.result.facets["archive"] == {str(a.resolve()): alone, str(b.resolve()): 3}
        assert "(3)" in panel.list.item(rows[str(b.resolve())]).text()
        # the table shows the archive of each hit; a hit of the other archive opens there
        w.results.show_view("table")
        assert not w.results.table.isColumnHidden(5)
        row = next(r for r, h in enumerate(w.results.model.hits()) if h.archive == str(b.resolve()))
        hit = w.results.model.hit(row)
        table = w.results.table
        table.setCurrentIndex(table.model().index(table.proxy_row(row), 0))
        qtbot.waitUntil(
            lambda: getattr(w.current_article, "title", None) == hit.title, timeout=20000
        )
        assert w.current_article.title == hit.title and w.searches.article_root == str(b.resolve())
        w.add_article_to_basket()
        assert w.basket_model.items()[-1].root == str(b.resolve())
        # unticked: the archive shown alone again
        with qtbot.waitSignal(w.search_done, timeout=20000):
            panel.list.item(rows[str(b.resolve())]).setCheckState(QtNS.CheckState.Unchecked)
        qtbot.waitUntil(lambda: not w.busy(), timeout=20000)
        assert w.result.total == alone
    finally:
        w.shutdown()


def test_the_user_guide_in_both_languages(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu

    from tangthu.ui.help import UserGuide

    vi, en = UserGuide("vi"), UserGuide("en")
    for dialog in (vi, en):
        qtbot.addWidget(dialog)
    assert vi.browser.toPlainText().startswith("Hướng dẫn sử dụng Tàng Thư")
    assert "không bao giờ ghi vào kho" in vi.browser.toPlainText()
    assert en.browser.toPlainText().startswith("Tàng Thư user guide")
    for text in ('tag:"lũ lụt"', "Ctrl+Shift+T", "F5"):  # what the guide teaches exists
        assert text in vi.browser.toPlainText() and text in en.browser.toPlainText()
    help_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Help")
    assert "&User guide" in [a.text() for a in help_menu.actions()]


def test_the_first_start_says_where_things_go_and_offers_the_own_archive(
    qtbot, window, qsettings, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from tangthu import library
    from tangthu.ui.welcome import Welcome

    welcome = Welcome(qsettings.fileName(), window)
    qtbot.addWidget(welcome)
    text = welcome.text.text()
    assert "never written to" in text
    assert str(library.data_dir()) in text and qsettings.fileName() in text
    opened: list[bool] = []
    monkeypatch.setattr(window, "choose_archive", lambda: opened.append(True))
    welcome.open_requested.connect(window.choose_archive)
    own = next(b for b in welcome.findChildren(QPushButton) if "archive" in b.text())
    own.click()
    assert opened == [True] and not welcome.isVisible()


def test_without_the_sample_the_window_opens_empty_and_says_so(qtbot, qsettings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QPushButton

    from tangthu.ui.app import App
    from tangthu.ui.welcome import Welcome

    holder = App(QApplication.instance(), index_dir=None, settings=qsettings)  # type: ignore[arg-type]
    window = holder.open(tmp_path / "no-sample-here")  # as a pipx installation has none
    qtbot.addWidget(window)
    assert window.library is None and window.root is None
    welcome = Welcome(qsettings.fileName(), window, sample=False)
    qtbot.addWidget(welcome)
    assert [b.text() for b in welcome.findChildren(QPushButton)] == ["Open your archive…"]
    assert "sample archive is open" not in welcome.text.text()
    window.shutdown()


def test_a_formats_chip_says_what_its_facet_says(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tangthu.library.records import Filters

    chips = window.results.chips
    chips.show_filters(Filters(format="html"))
    facet = window.filters_panel.format_label_of("html")
    assert facet == "Web page" and chips.chips["format"].text().startswith("Web page")


def test_more_like_this_says_what_its_list_is_and_counts_its_facets(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "hội nghị")
    qtbot.waitUntil(lambda: window.current_article is not None, timeout=20000)
    title = window.current_article.title
    window.side.reader.actions_["like"].trigger()

    def like_shown() -> bool:
        r = window.results.result
        return r is not None and r.mode == "like" and not window.busy()

    qtbot.waitUntil(like_shown, timeout=20000)
    r = window.results.result
    chips = window.results.chips
    assert set(chips.chips) == {"like"} and chips.chips["like"].toolTip() == f"Like: {title}"
    assert chips.chips["like"].text().startswith(f"Like: {title[:20]}")
    assert r.total > 0 and sum(r.facets["year"].values()) == r.total  # counted over the list
    assert window.filters_panel.year_model.rowCount() > 1  # "(all)" and the list's years
    with qtbot.waitSignal(window.search_done, timeout=20000):
        chips.chips["like"].click()  # back to the search
    assert window.results.result.mode != "like" and window.results.result.query == "hội nghị"
