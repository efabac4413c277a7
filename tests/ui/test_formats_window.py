"""Articles of the other formats in the window: a PDF's pages open as pictures in the
viewer, rendered in a worker into the user's cache, never into the archive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from tangthu.index.indexer import update_index
from tests.ui.conftest import open_window


def _pdf(path: Path, pages: int) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for n in range(1, pages + 1):
        pdf.setFont("Helvetica", 14)
        pdf.drawString(72, 760, f"Bao cao trang {n}")
        pdf.drawString(72, 730, "Hoi nghi tong ket phong trao doan ket sang tao nam 2023.")
        pdf.showPage()
    pdf.save()


def test_a_pdfs_pages_open_in_the_viewer(qtbot, qsettings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "kho"
    (root / "bao-cao").mkdir(parents=True)
    _pdf(root / "bao-cao" / "tong-ket.pdf", 3)
    before = sorted(p.name for p in root.rglob("*"))
    update_index(root, tmp_path / "ix", jobs=1)
    w = open_window(qtbot, root, tmp_path / "ix", qsettings)
    try:
        with qtbot.waitSignal(w.searches.article_loaded, timeout=20000):
            w.open_article("bao-cao/tong-ket.pdf")
        article = w.side.reader.article
        assert article is not None and (article.format, article.pages) == ("pdf", 3)
        assert "page-open:1" in w.side.reader.browser.toHtml()
        w.side.reader._on_link(QUrl("page-open:2"))
        qtbot.waitUntil(lambda: w.side.viewer is not None, timeout=20000)
        viewer = w.side.viewer
        assert viewer.current().file == "tong-ket.pdf_files/page-002.png"
        assert viewer.strip is not None and viewer.strip.model().rowCount() == 3
        assert Path(viewer.current().path or "").is_file()
        assert sorted(p.name for p in root.rglob("*")) == before  # nothing in the archive
        viewer.close()
    finally:
        w.shutdown()


def test_ocr_can_be_switched_off_in_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    import os

    from tangthu.ui import settings as cfg

    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "OCR" in a.text())
    assert action.isChecked() and os.environ.get("TANGTHU_OCR", "1") == "1"
    try:
        action.trigger()
        assert os.environ["TANGTHU_OCR"] == "0"
        assert cfg.read(window.settings, "index/ocr") is False
    finally:
        action.trigger()
    assert os.environ["TANGTHU_OCR"] == "1"
