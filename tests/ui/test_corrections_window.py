"""Corrections in the window: "Edit details…" from the reader's keys, the reader's
provenance and its "revert" links, the table's cells, many articles at once, the
"How dated" facet and column, and leaving estimates out (remembered)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from tangthu import library
from tangthu.ui.editing import DetailsDialog
from tangthu.ui.results import Column, Role
from tests.ui.test_window import HNDK, _search

GAT = "2024/05/mua-gat-lua-xuan/article.txt"


def _dialog(qtbot) -> DetailsDialog:  # type: ignore[no-untyped-def]
    found: list[DetailsDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, DetailsDialog)]
        return any(d.isVisible() for d in found)

    qtbot.waitUntil(shown, timeout=10000)
    return next(d for d in found if d.isVisible())


def _correction(window, ident: str):  # type: ignore[no-untyped-def]
    return library.Library.__dict__["corrections"].fget(window.library).get(window.root, ident)


def test_edit_details_from_the_readers_keys_shows_and_reverts(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "hội nghị")
    reader = window.side.reader
    assert window.current_article.id == HNDK
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    reader.browser.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reader.browser, timeout=5000)
    QTest.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = _dialog(qtbot)
    date = dialog.edits["date"]
    assert isinstance(date, QLineEdit) and date.text() == "2024-03-21"
    date.setText("hôm qua")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible() and "is not a date" in dialog.error.text()  # said, kept open
    date.setText("2016-12")
    with qtbot.waitSignal(window.editing.changed, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.current_article.date == "2016-12", timeout=20000)
    article = window.current_article
    assert article.date_source == "corrected" and dict(article.corrected) == {"date": "2024-03-21"}
    page = reader.browser.toPlainText()
    assert "2016-12 (corrected by you)" in page and "date: “2024-03-21”" in page
    # the index takes it in: the year list and the list show the corrected date
    qtbot.waitUntil(lambda: not window.indexing(), timeout=30000)
    _search(qtbot, window, "hội nghị")
    assert window.result.hits[0].date == "2016-12"
    assert "date" in window.result.hits[0].corrected
    assert window.result.facets["dated"].get("corrected") == 1

    # "revert" in the reader puts the file's date back
    with qtbot.waitSignal(window.editing.changed, timeout=10000):
        reader.browser.anchorClicked.emit(QUrl("revert:date"))
    qtbot.waitUntil(lambda: window.current_article.date == "2024-03-21", timeout=20000)
    assert _correction(window, HNDK) is None


def test_a_table_cell_corrects_its_field(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "")
    pane = window.results
    pane.show_view("table")
    table = pane.table
    row = next(
        r for r in range(table.model().rowCount()) if table.model().index(r, 0).data(Role.ID) == GAT
    )
    cell = table.model().index(row, Column.OUTLET)
    assert table.model().flags(cell) & Qt.ItemFlag.ItemIsEditable
    assert not table.model().flags(table.model().index(row, Column.PHOTOS)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=5000)
    table.setCurrentIndex(cell)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)  # the cell's editor opens
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=5000)
    editor = QApplication.focusWidget()
    editor.selectAll()
    editor.insert("Báo Nông thôn Ngày nay")  # (Vietnamese is typed through an input method)
    with qtbot.waitSignal(window.editing.changed, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return)
    fix = _correction(window, GAT)
    assert fix is not None and fix.value("outlet") == "Báo Nông thôn Ngày nay"
    qtbot.waitUntil(lambda: not window.indexing(), timeout=30000)
    _search(qtbot, window, "")
    hit = next(h for h in window.result.hits if h.id == GAT)
    assert hit.outlet == "Báo Nông thôn Ngày nay" and hit.corrected == ("outlet",)
    row = next(
        r for r in range(table.model().rowCount()) if table.model().index(r, 0).data(Role.ID) == GAT
    )
    assert table.model().index(row, Column.OUTLET).data() == "Báo Nông thôn Ngày nay ✎"
    # the "How dated" column says how each is dated
    row = next(
        r
        for r in range(table.model().rowCount())
        if table.model().index(r, 0).data(Role.ID) == HNDK
    )
    assert table.model().index(row, Column.DATED).data() == "Folder"


def test_many_articles_at_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "")
    pane = window.results
    pane.show_view("table")
    table = pane.table
    table.selectAll()
    ids = [h.id for h in pane.selected_hits()]
    assert len(ids) == 7
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=5000)
    QTest.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = _dialog(qtbot)
    assert set(dialog.ticks) == set(library.records.CORRECTABLE)
    assert not any(t.isChecked() for t in dialog.ticks.values())
    dialog.edits["outlet"].setText("Lưu trữ tỉnh")  # typing ticks it
    assert dialog.ticks["outlet"].isChecked() and dialog.changes() == {"outlet": "Lưu trữ tỉnh"}
    with qtbot.waitSignal(window.editing.changed, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    for ident in ids:
        fix = _correction(window, ident)
        assert fix is not None and fix.fields == (("outlet", "Lưu trữ tỉnh"),)
    qtbot.waitUntil(lambda: not window.indexing(), timeout=30000)
    _search(qtbot, window, "")
    assert window.result.facets["outlet"] == {"Lưu trữ tỉnh": 7}


def test_leaving_estimates_out_is_remembered(qtbot, window, qsettings) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "")
    panel = window.filters_panel
    labels = [panel.dated_model.item(r).text() for r in range(panel.dated_model.rowCount())]
    assert labels[0] == "(all)" and any(x.startswith("Folder  (") for x in labels)
    with qtbot.waitSignal(window.search_done, timeout=20000):
        panel.estimates_check.setChecked(True)
    assert window.filters().estimates is False
    assert qsettings.value("search/no_estimates") in (True, "true")
    from tangthu.ui.filters_panel import FiltersPanel

    again = FiltersPanel()
    qtbot.addWidget(again)
    again.leave_out_estimates(True)
    assert again.filters().estimates is False
