"""Every shortcut Help → Keyboard shortcuts lists works where a user presses it: its
keys are sent to the widget that has the focus there (a window's key from the search
field, the results and the reader's text; a view's key from that view), and the action
must fire, once, without another action taking the keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu, QToolBar, QWidget

from tangthu.ui.help import ShortcutsHelp
from tests.ui.test_window import _search


def _press(qtbot, target: QWidget, keys: QKeySequence) -> None:  # type: ignore[no-untyped-def]
    target.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target, timeout=5000)
    combo = keys[0]
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())


def _counter(fired: dict[int, int], key: int):  # type: ignore[no-untyped-def]
    """A slot that counts its calls in *fired* under *key*."""

    def count(*_args: object) -> None:
        fired[key] = fired.get(key, 0) + 1

    return count


def _where(window, action: QAction) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """The focused widgets a user presses the action's keys in."""
    owners = [
        o
        for o in action.associatedObjects()
        if isinstance(o, QWidget) and not isinstance(o, (QMenu, QToolBar))
    ]
    context = action.shortcutContext()
    if context == Qt.ShortcutContext.WidgetShortcut:
        return [o for o in owners if o.isVisible()]
    if context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
        out = []
        for owner in owners:
            if not owner.isVisible():
                continue
            focusable = [
                c
                for c in owner.findChildren(QWidget)
                if c.isVisible() and c.focusPolicy() != Qt.FocusPolicy.NoFocus
                and not isinstance(c, QToolBar)
            ]  # fmt: skip
            out.append(focusable[0] if focusable else owner)  # its text, its list…
        return out
    return [
        window.search_bar.edit,
        window.results.current_view(),
        window.side.reader.browser,
    ]


def test_every_listed_shortcut_fires_from_where_it_is_pressed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "hội nghị")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    listed = ShortcutsHelp(window)
    qtbot.addWidget(listed)
    names = {listed.table.item(r, 0).text() for r in range(listed.table.rowCount())}
    actions = [
        a
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty() and a.isEnabled() and a.isVisible()
    ]
    assert len(actions) >= 20
    fired: dict[int, int] = {}
    for action in actions:
        try:
            action.triggered.disconnect()  # what it does is tested elsewhere: not run here
        except (RuntimeError, TypeError):
            pass
        action.triggered.connect(_counter(fired, id(action)))
    tried = 0
    for action in actions:
        name = action.text().replace("&", "").strip()
        for target in _where(window, action):
            fired.clear()
            _press(qtbot, target, action.shortcut())
            where = f"{name} ({action.shortcut().toString()}) from {type(target).__name__}"
            assert fired.get(id(action)) == 1, f"{where} did not fire"
            assert sum(fired.values()) == 1, f"{where} fired another action too"
            tried += 1
        assert name in names or not name
    assert tried >= len(actions)
    # the table's own keys too: its actions are the cards' (each view has its copy)
    window.results.show_view("table")
    table = window.results.current_view()
    assert isinstance(table, QAbstractItemView)
    for action in table.actions():
        if action.shortcut().isEmpty():
            continue
        fired.clear()
        try:
            action.triggered.disconnect()
        except (RuntimeError, TypeError):
            pass
        action.triggered.connect(_counter(fired, id(action)))
        _press(qtbot, table, action.shortcut())
        assert fired.get(id(action)) == 1, action.text()
