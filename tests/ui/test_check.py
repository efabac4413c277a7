"""File → Check the archive: the archive read again, then what was found and the fixes
offered (Tesseract's command to copy, a rebuild, the problems panel)."""

from __future__ import annotations

from tangthu.library.records import Problem


def test_checking_the_archive_says_what_was_found(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction

    from tangthu.ui.check import CheckDialog

    (action,) = [a for a in window.findChildren(QAction) if a.text() == "&Check the archive…"]
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(CheckDialog) is not None, timeout=30000)
    dialog = window.findChild(CheckDialog)
    # the sample names a photo it does not hold
    assert dialog.summary.text() == "1 problem (Photo missing: 1)."
    assert set(dialog.fixes) == {"problems"}
    dialog.fixes["problems"].click()
    assert not window.problems_dock.isHidden()


def test_the_fixes_a_check_offers(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    from tangthu.ui.check import CheckDialog

    scans = [Problem("ocr-unavailable", "/a/trang-1.jpg", "Tesseract is not installed")]
    dialog = CheckDialog(window, scans, "index-untrusted")
    qtbot.addWidget(dialog)
    assert set(dialog.fixes) == {"ocr", "rebuild", "problems"}
    assert dialog.summary.text().splitlines() == [
        "The archive could not be read into its index.",
        "1 problem (Scans not read (no OCR): 1).",
    ]
    dialog.fixes["ocr"].click()
    assert (
        QGuiApplication.clipboard().text() == "sudo apt-get install tesseract-ocr tesseract-ocr-vie"
    )
    with qtbot.waitSignal(window.indexing_done, timeout=30000):
        dialog.fixes["rebuild"].click()
    assert window.index_status.failure is None


def test_a_check_offers_to_trust_where_a_link_leads(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from tangthu.ui.check import CheckDialog
    from tests.conftest import SAMPLE

    other = tmp_path / "other-disk"
    shutil.copytree(SAMPLE / "2024/05/mua-gat-lua-xuan", other / "gat")
    link = window.root / "linked"
    link.symlink_to(other, target_is_directory=True)
    found = [Problem("outside-link", str(link), f"a link to {other}, outside the archive")]
    dialog = CheckDialog(window, found)
    qtbot.addWidget(dialog)
    assert set(dialog.fixes) == {"trust0", "problems"}
    with qtbot.waitSignal(window.indexing_done, timeout=30000):
        dialog.fixes["trust0"].click()
    assert window.library.trusted() == (str(other.resolve()),)
    assert dialog.fixes["trust0"].text() == "Trusted"
    qtbot.waitUntil(lambda: not window.indexing(), timeout=30000)
    with qtbot.waitSignal(window.search_done, timeout=20000):
        window.set_query("gặt")
    assert "linked/gat/article.txt" in {h.id for h in window.result.hits}
