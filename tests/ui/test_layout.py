"""The window at the sizes people have: every part reachable at 1024×600, room given to
what has something to show, lines of a readable length."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect


def _shown(qtbot, window, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(100)


def _inside(window, widget) -> bool:  # type: ignore[no-untyped-def]
    """True when *widget* is shown whole inside *window*."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


def test_the_window_fits_1024_by_600_with_its_docks_open(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _shown(qtbot, window, 1280, 800)
    window.basket_dock.show()
    window.problems_dock.show()
    qtbot.wait(50)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600, hint
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.height() <= 600, timeout=5000)
    assert window.size().width() == 1024 and window.size().height() == 600
    assert _inside(window, window.statusBar())
    assert _inside(window, window.basket_dock.button)
    panel = window.basket_dock.panel
    buttons = [b for b in panel.findChildren(type(window.index_status.cancel_button))]
    assert buttons and all(_inside(window, b) for b in buttons if b.isVisibleTo(panel))
    # the filters scroll rather than hold the window up
    assert window.left_column.widget().minimumSizeHint().height() > window.left_column.height()


def test_lists_with_little_to_show_give_their_room_to_those_with_more(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _shown(qtbot, window, 1920, 1080)
    row = window.saved.list.fontMetrics().height()
    assert window.saved.list.height() < 4 * row + 20  # no saved search: two rows high
    outlet = window.filters_panel.outlet_view
    assert outlet.height() > 8 * row  # the outlets have the room


def test_the_reader_keeps_a_readable_measure_and_the_table_title_the_rest(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    from PySide6.QtWidgets import QTextEdit

    from tangthu.ui.reader import MEASURE
    from tangthu.ui.results_table import MIN_TITLE, NARROW_TITLE, Column
    from tangthu.ui.window_layout import share_out

    browser = window.side.reader.browser
    _shown(qtbot, window, 1920, 1080)
    share_out(window)
    qtbot.wait(50)
    measure = browser.fontMetrics().averageCharWidth() * MEASURE
    assert browser.viewport().width() > measure
    assert browser.lineWrapMode() == QTextEdit.LineWrapMode.FixedPixelWidth
    assert browser.lineWrapColumnOrWidth() == measure
    window.side.reader._zoom(2)  # larger text: the same number of characters a line
    assert browser.lineWrapColumnOrWidth() == browser.fontMetrics().averageCharWidth() * MEASURE
    window.results.show_view("table")
    table = window.results.table
    qtbot.wait(50)
    header = table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(header.count()) if not table.isColumnHidden(c))
    assert abs(used - table.viewport().width()) <= 1  # the title takes what is left
    assert header.sectionSize(Column.TITLE) > MIN_TITLE
    window.resize(1024, 600)
    qtbot.wait(50)
    # too narrow for every column: the table scrolls, the title gives way so that the
    # date beside it is whole, never cut mid-value (and the title stays readable)
    title, date = header.sectionSize(Column.TITLE), header.sectionSize(Column.DATE)
    assert title >= NARROW_TITLE
    assert header.sectionViewportPosition(Column.DATE) + date <= table.viewport().width()
    assert browser.lineWrapMode() == QTextEdit.LineWrapMode.WidgetWidth


def test_the_count_keeps_its_time_with_its_unit() -> None:
    from tangthu.library.records import SearchResult
    from tangthu.ui.messages import count_line

    result = SearchResult(query="x", total=739, seconds=0.645)
    line = count_line(result, lambda s: s)
    assert line.endswith("(645\u00a0ms)")


def test_basket_rows_line_up_with_or_without_a_thumbnail(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from tangthu.library.records import Item
    from tangthu.ui.basket_model import THUMB_PX

    root = str(window.root)
    window.basket_dock.add([Item(root, "no/such/article.txt")], {})
    model = window.basket_dock.model
    qtbot.waitUntil(lambda: not model.pending(), timeout=10000)
    icon = model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert icon is not None and (icon.width(), icon.height()) == (THUMB_PX, THUMB_PX)


def test_the_welcome_is_as_tall_as_what_it_says(qtbot) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.welcome import Welcome

    welcome = Welcome("/home/u/.config/TangThu/TangThu.conf")
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.wait(20)
    text = welcome.text
    room = text.heightForWidth(text.width())
    assert welcome.height() <= room + 100  # the text, its buttons and margins: no band


def test_the_viewer_never_blows_a_small_photo_up(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from tangthu.ui.photos import ImageView

    view = ImageView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    small = QImage(100, 75, QImage.Format.Format_RGB32)
    small.fill(0x336699)
    view.set_image(small)
    assert view.transform().m11() == 1.0  # its own size, not 7 times it
    large = QImage(4000, 3000, QImage.Format.Format_RGB32)
    large.fill(0x336699)
    view.set_image(large)
    assert view.transform().m11() < 0.25  # a large one still fits the view
