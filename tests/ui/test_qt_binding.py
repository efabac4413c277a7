"""The Qt binding keeps Python's reference counts straight (a long session depends on it)."""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_calls_returning_nothing_leave_none_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QCheckBox, QLabel

    label, check = QLabel(), QCheckBox()
    qtbot.addWidget(label)
    qtbot.addWidget(check)
    before = sys.getrefcount(None)
    for i in range(2000):
        label.setText("x")
        check.setChecked(i % 2 == 0)
    # PySide6 6.12.0 loses one reference per call here (-4000); a sound binding ~0
    assert abs(sys.getrefcount(None) - before) < 50
