"""Scanned clippings, scanned PDFs and a photo desk's captioned pictures: each picture
alone in its folder is an article; print is read with Tesseract, once."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tangthu.archive.article import load_article
from tangthu.archive.formats import ocr
from tangthu.archive.scan import scan
from tests.conftest import SEED
from tests.formats.clippings import make_clipping

#: Tesseract runs as a program, about a second a page: these run with `make test`.
pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _tesseract() -> None:
    ocr.missing.cache_clear()
    if ocr.missing() is not None:
        if os.environ.get("TANGTHU_TEST_NEEDS_OCR") == "1":  # CI installs it: fail there
            pytest.fail(str(ocr.missing()))
        pytest.skip(str(ocr.missing()))


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, " ".join(a.split()), " ".join(b.split())).ratio()


def test_a_scanned_clipping_is_read_and_kept(corpus: Path, tmp_path: Path) -> None:
    seed = load_article(corpus, corpus / SEED / "article.txt")
    printed = make_clipping(seed, tmp_path / "kho" / "cat-bao" / "trang-1.jpg", seed=3)
    report = scan(tmp_path / "kho")
    (got,) = report.articles
    assert (got.id, got.format, got.problems) == ("cat-bao/trang-1.jpg", "image", ())
    assert got.title == printed.title
    assert similarity(got.body_text, "\n".join(printed.paragraphs)) > 0.97
    assert got.recognized is not None and got.recognized > 80
    assert [p.file for p in got.photos] == ["trang-1.jpg"] and got.photos[0].exists
    cached = list((Path(os.environ["TANGTHU_CACHE_DIR"]) / "ocr").glob("*.json"))
    assert len(cached) == 1
    os.environ["PATH"] = ""  # the second reading comes from the cache, not from Tesseract
    try:
        again = load_article(tmp_path / "kho", tmp_path / "kho" / "cat-bao" / "trang-1.jpg")
    finally:
        os.environ["PATH"] = os.defpath + os.pathsep + "/usr/bin"
    assert again.body_text == got.body_text


def test_a_scanned_pdf_is_read_page_by_page(corpus: Path, tmp_path: Path) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    seed = load_article(corpus, corpus / SEED / "article.txt")
    printed = make_clipping(seed, tmp_path / "page.jpg", seed=5)
    (tmp_path / "kho").mkdir()
    pdf = canvas.Canvas(str(tmp_path / "kho" / "scan.pdf"))
    with Image.open(tmp_path / "page.jpg") as im:
        width, height = im.size
    pdf.setPageSize((width * 72 / 300, height * 72 / 300))
    pdf.drawImage(
        ImageReader(str(tmp_path / "page.jpg")), 0, 0, width * 72 / 300, height * 72 / 300
    )
    pdf.showPage()
    pdf.save()
    got = load_article(tmp_path / "kho", tmp_path / "kho" / "scan.pdf")
    assert got.format == "pdf" and got.problems == ()
    assert similarity(f"{got.title}\n{got.body_text}", printed.text) > 0.95
    assert got.recognized is not None


def test_a_photo_desks_captions_are_the_pictures_text(tmp_path: Path) -> None:
    desk = tmp_path / "kho" / "anh-thoi-su"
    desk.mkdir(parents=True)
    caption = "HÀ NỘI, 21/3/2024 - Quang cảnh hội nghị đoàn kết sáng tạo tại thủ đô. Ảnh: Minh Anh"
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        '22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/'
        'elements/1.1/"><dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
        f"{caption}</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF>"
        "</x:xmpmeta>"
    )
    Image.new("RGB", (64, 48), "navy").save(desk / "DSC_0001.jpg", xmp=xmp.encode())
    exif = Image.Exif()
    exif[0x010E] = "Bão số 3 đổ bộ vào Quảng Ninh.".encode()  # UTF-8 in EXIF's ASCII field
    Image.new("RGB", (64, 48), "teal").save(desk / "DSC_0003.jpg", exif=exif)
    Image.new("RGB", (64, 48), "olive").save(desk / "DSC_0002.jpg")
    report = scan(tmp_path / "kho")
    by_id = {a.id: a for a in report.articles}
    first = by_id["anh-thoi-su/DSC_0001.jpg"]
    assert first.title == "HÀ NỘI, 21/3/2024 - Quang cảnh hội nghị đoàn kết sáng tạo tại thủ đô."
    assert first.captions == [caption] and first.date == "2024-03-21"
    assert by_id["anh-thoi-su/DSC_0003.jpg"].title == "Bão số 3 đổ bộ vào Quảng Ninh."
    plain = by_id["anh-thoi-su/DSC_0002.jpg"]  # no caption, no print: a photo, nothing more
    assert (plain.title, plain.body_text, plain.problems) == ("DSC_0002", "", ())
    assert report.unreferenced_photos == []


def test_ocr_can_be_switched_off(corpus: Path, tmp_path: Path) -> None:
    seed = load_article(corpus, corpus / SEED / "article.txt")
    make_clipping(seed, tmp_path / "kho" / "cat-bao" / "trang-1.jpg", seed=3)
    ocr.use_ocr(False)
    try:
        got = load_article(tmp_path / "kho", tmp_path / "kho" / "cat-bao" / "trang-1.jpg")
    finally:
        ocr.use_ocr(True)
    assert (got.body_text, got.problems, got.recognized) == ("", (), None)


def test_without_tesseract_the_problem_says_how_to_install_it(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = load_article(corpus, corpus / SEED / "article.txt")
    make_clipping(seed, tmp_path / "kho" / "cat-bao" / "trang-1.jpg", seed=3)
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    ocr.missing.cache_clear()
    try:
        report = scan(tmp_path / "kho")
    finally:
        ocr.missing.cache_clear()
    assert [(p.kind, p.detail) for p in report.problems] == [
        ("ocr-unavailable", f"Tesseract is not installed; to read scans, run: {ocr.INSTALL}")
    ]
    assert report.articles[0].photos[0].exists  # the picture is there all the same


def test_how_sure_a_reading_is_is_the_share_of_words_tesseract_is_sure_of() -> None:
    from tangthu.archive.formats.ocr import LEAST_CONFIDENCE, SURE, parse_tsv

    head = "\t".join(
        "level page_num block_num par_num line_num word_num left top width height conf text".split()
    )
    rows = [(1, 96.0, "Đòn"), (1, 95.0, "ngoại"), (1, 40.0, "giao"), (2, 91.0, "trứng"),
            (2, 89.9, "cá"), (2, 10.0, "@#")]  # fmt: skip
    tsv = "\n".join(
        [head] + [f"5\t1\t{p}\t1\t1\t{k}\t0\t0\t9\t9\t{c}\t{w}" for k, (p, c, w) in enumerate(rows)]
    )
    found = parse_tsv(tsv)
    kept = [c for _, c, _ in rows if c >= LEAST_CONFIDENCE]  # the last one is dropped
    assert found.paragraphs == ["Đòn ngoại giao", "trứng cá"]
    assert found.confidence == round(100 * sum(c >= SURE for c in kept) / len(kept), 1) == 60.0
