"""The export dialog never replaces a folder that holds an archive or the user's own files,
even when the user answers "Replace it?" with Yes."""

from __future__ import annotations

import os
from pathlib import Path

from tangthu.library.records import Item


def _dialog(qtbot, window, target: Path, fmt: str = "zip"):  # type: ignore[no-untyped-def]
    from tangthu.ui.export_dialog import ExportDialog

    items = [Item(str(window.root), "2024/03/hoi-nghi-doan-ket/article.txt")]
    dialog = ExportDialog(items, window, known=[str(window.root)])
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    dialog.target.setText(str(target))
    return dialog


def _answer_yes(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_yes_to_replace_a_folder_of_the_user_replaces_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    docs = tmp_path / "Documents"
    docs.mkdir()
    (docs / "thesis.odt").write_text("years of work")
    asked = _answer_yes(monkeypatch)
    dialog = _dialog(qtbot, window, docs, "folder")
    dialog.start()
    qtbot.waitUntil(lambda: bool(asked) and dialog.job is None, timeout=30000)
    qtbot.waitUntil(lambda: "did not write" in dialog.status.text(), timeout=30000)
    assert os.listdir(docs) == ["thesis.odt"]
    assert (docs / "thesis.odt").read_text() == "years of work"
    dialog.pool.waitForDone()


def test_a_target_holding_the_open_archive_is_refused(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch
) -> None:
    parent = Path(window.root).parent
    before = sorted(os.listdir(parent))
    asked = _answer_yes(monkeypatch)
    dialog = _dialog(qtbot, window, parent)
    dialog.replace.setChecked(True)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    qtbot.waitUntil(lambda: "holds the archive" in dialog.status.text(), timeout=30000)
    assert asked == []  # refused without asking
    assert sorted(os.listdir(parent)) == before
    assert (Path(window.root) / "2024/03/hoi-nghi-doan-ket/article.txt").is_file()
    dialog.pool.waitForDone()


def test_yes_replaces_a_previous_export(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "out.zip"
    target.write_bytes(b"an older export")
    asked = _answer_yes(monkeypatch)
    dialog = _dialog(qtbot, window, target)
    with qtbot.waitSignal(dialog.export_finished, timeout=30000):
        dialog.start()
    assert len(asked) == 1 and str(target) in asked[0]
    assert target.read_bytes()[:2] == b"PK"
    dialog.pool.waitForDone()
