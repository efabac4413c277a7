"""Every article format: saved web pages, PDFs and Word files read as articles, with
their photos and captions in place; bad files are problems, never crashes."""

from __future__ import annotations

import io
import random
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from tangthu.archive.article import load_article
from tangthu.archive.formats import article_extensions, readers
from tangthu.archive.scan import scan
from tests.conftest import REPO, SEED
from tests.formats.pages import FURNITURE_WORDS, TEMPLATES, save_page


def test_the_registry_names_each_format_once() -> None:
    names = list(readers())
    assert names == ["text", "html", "mhtml", "pdf", "docx", "odt", "image"]
    assert {".txt", ".html", ".htm", ".mhtml", ".mht", ".pdf", ".docx"} <= article_extensions()
    assert ".jpg" not in article_extensions()  # pictures: only alone in their folder


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_saved_page_gives_the_story_only(template: str, pictured: list, tmp_path: Path) -> None:
    rng = random.Random(template)
    for article in rng.sample(pictured, 5):
        folder = tmp_path / article.id.replace("/", "_")
        truth = save_page(article, folder, template)
        got = load_article(tmp_path, folder / "bai-bao.html")
        assert got.format == "html"
        assert got.problems == ()
        assert got.title == truth.title
        assert got.lead == truth.lead
        assert [b.text for b in got.blocks if b.type == "text"] == truth.paragraphs
        assert {p.file: p.caption or "" for p in got.photos} == truth.captions
        assert all(p.exists for p in got.photos)
        for word in FURNITURE_WORDS:
            assert word not in got.body_text and word not in " ".join(got.captions)
        if truth.date and len(truth.date) == 10:
            assert (got.date, got.date_source) == (truth.date, "page")
        assert got.source_url == truth.url


def test_a_saved_pages_files_are_not_articles_or_loose_photos(
    pictured: list, tmp_path: Path
) -> None:
    article = pictured[0]
    save_page(article, tmp_path / "a", "dantri")
    (tmp_path / "a" / "bai-bao_files" / "frame.html").write_text("<p>quảng cáo</p>")
    report = scan(tmp_path)
    assert [a.id for a in report.articles] == ["a/bai-bao.html"]
    assert report.unreferenced_photos == []
    assert report.photos == len(report.articles[0].photos) >= 2
    assert report.summary()["formats"] == {"html": 1}


def test_a_page_without_a_story_is_reported(tmp_path: Path) -> None:
    (tmp_path / "menu.html").write_text(
        "<html><body><nav><a href='/'>Trang chủ</a></nav><footer>©</footer></body></html>"
    )
    got = load_article(tmp_path, tmp_path / "menu.html")
    assert [(p.kind, p.detail) for p in got.problems] == [
        ("empty-article", "no story was found in it")
    ]


def _windows_1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: letters whole, tone marks apart."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_hostile_pages_end_quickly_with_an_answer(tmp_path: Path) -> None:
    (tmp_path / "deep.html").write_text("<div>" * 200_000 + "Nội dung sâu, rất sâu." + "</div>")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "legacy.htm").write_bytes(
        b"<html><head><meta charset='windows-1258'></head><body><article><p>"
        + _windows_1258("Hội nghị đoàn kết, sáng tạo và đổi mới của tỉnh.")
        + b"</p></article></body></html>"
    )
    with open(tmp_path / "huge.html", "wb") as f:
        f.truncate(17 * 1024 * 1024)
    for name in ("deep.html", "binary.html", "legacy.htm", "huge.html"):
        got = load_article(tmp_path, tmp_path / name)
        assert got.format == "html"
    assert "đoàn kết" in load_article(tmp_path, tmp_path / "legacy.htm").body_text
    assert [p.kind for p in load_article(tmp_path, tmp_path / "huge.html").problems] == [
        "too-large"
    ]


def _seed_pdf(corpus: Path, target: Path) -> None:
    """The seed exported as a PDF by Tàng Thư's own export (ReportLab, born digital)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, str(REPO / "main.py"), "export", "--archive", str(corpus), SEED,
         "--format", "pdf", "--to", str(target)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip


def test_a_pdf_is_read_page_by_page(corpus: Path, tmp_path: Path) -> None:
    _seed_pdf(corpus, tmp_path / "p" / "bai.pdf")
    seed = load_article(corpus, corpus / SEED / "article.txt")
    got = load_article(tmp_path, tmp_path / "p" / "bai.pdf")
    assert got.format == "pdf" and got.problems == ()
    assert got.title == seed.title
    # the export's line under the title: its author, outlet and source, not its lead;
    # its date a guess ("≈ … (ước tính)"), which is never made firm again
    assert (got.author, got.outlet, got.source_url) == (seed.author, seed.outlet, seed.source_url)
    assert got.lead == seed.lead
    assert seed.date_estimated and got.date is None
    text = " ".join(got.body_text.split())
    for block in seed.blocks:
        if block.type == "text":
            assert " ".join(block.text.split()) in text
    assert seed.title not in got.body_text  # the running footer is left out


def test_bad_pdfs_are_problems(tmp_path: Path) -> None:
    (tmp_path / "fake.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 10)
    (tmp_path / "empty.pdf").write_bytes(b"")
    from reportlab.pdfgen import canvas

    scan_only = canvas.Canvas(str(tmp_path / "scan.pdf"))
    scan_only.rect(50, 50, 400, 600, fill=1)  # a page with no text layer, as a scan
    scan_only.showPage()
    scan_only.save()
    kinds = {
        name: [p.kind for p in load_article(tmp_path, tmp_path / name).problems]
        for name in ("fake.pdf", "empty.pdf", "scan.pdf")
    }
    assert kinds["fake.pdf"] == ["broken-document"]
    assert kinds["empty.pdf"] == ["broken-document"]
    assert kinds["scan.pdf"] == ["scanned-document"]


def _seed_docx(corpus: Path, target: Path) -> None:
    import docx

    seed = load_article(corpus, corpus / SEED / "article.txt")
    document = docx.Document()
    document.add_paragraph(seed.title, style="Title")
    document.add_paragraph(seed.lead)
    for block in seed.blocks:
        if block.type == "text":
            document.add_paragraph(block.text)
        elif block.caption:
            document.add_paragraph(block.caption, style="Caption")
    document.add_paragraph(seed.author or "")
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(target)


def test_a_word_file_is_read_in_order(corpus: Path, tmp_path: Path) -> None:
    _seed_docx(corpus, tmp_path / "w" / "bai.docx")
    seed = load_article(corpus, corpus / SEED / "article.txt")
    got = load_article(tmp_path, tmp_path / "w" / "bai.docx")
    assert got.format == "docx" and got.problems == ()
    assert (got.title, got.lead, got.author) == (seed.title, seed.lead, seed.author)
    assert [b.text for b in got.blocks if b.text in seed.body_text] == [
        b.text for b in seed.blocks if b.type == "text"
    ]


def test_bad_word_files_are_problems(tmp_path: Path) -> None:
    (tmp_path / "not-zip.docx").write_bytes(b"hello")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document>not closed")
        z.writestr("[Content_Types].xml", "<Types/>")
    (tmp_path / "broken.docx").write_bytes(buf.getvalue())
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (70 * 1024 * 1024))
    (tmp_path / "bomb.docx").write_bytes(bomb.getvalue())
    for name, detail in (
        ("not-zip.docx", "not a ZIP package"),
        ("broken.docx", "could not be read"),
        ("bomb.docx", "its text is larger than 64 MB"),
    ):
        problems = load_article(tmp_path, tmp_path / name).problems
        assert [p.kind for p in problems] == ["broken-document"], name
        assert detail in problems[0].detail


def _files_under(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*")}


def test_a_single_file_page_keeps_its_pictures_out_of_the_archive(
    pictured: list, tmp_path: Path
) -> None:
    from tangthu.archive.export import export
    from tangthu.archive.locate import photo_file
    from tangthu.archive.selection import Item
    from tests.formats.pages import as_mhtml

    article = pictured[3]
    truth = save_page(article, tmp_path / "saved", "vnexpress")
    kho = tmp_path / "kho"
    (kho / "web").mkdir(parents=True)
    (kho / "web" / "bai.mhtml").write_bytes(as_mhtml(tmp_path / "saved"))
    before = _files_under(kho)
    got = load_article(kho, kho / "web" / "bai.mhtml")
    assert (got.format, got.problems) == ("mhtml", ())
    assert (got.title, got.lead) == (truth.title, truth.lead)
    assert [b.text for b in got.blocks if b.type == "text"] == truth.paragraphs
    assert [p.caption or "" for p in got.photos] == list(truth.captions.values())
    assert [p.file for p in got.photos] == [
        f"bai.mhtml_files/{Path(f).name}" for f in truth.captions
    ]
    assert all(p.exists and Path(p.path or "").is_file() for p in got.photos)
    assert got.source_url == truth.url  # its canonical address, before the snapshot's
    assert _files_under(kho) == before  # nothing written into the archive
    # the cache lost: the picture is taken out of the file again
    import shutil

    from tangthu.archive.embedded import cache_root

    shutil.rmtree(cache_root())
    again = photo_file(kho, "web/bai.mhtml", got.photos[0].file)
    assert again is not None and again.read_bytes()[:2] == b"\xff\xd8"
    report = export([Item(str(kho), "web/bai.mhtml")], "folder", tmp_path / "out")
    assert not report.problems
    written = _files_under(tmp_path / "out")
    assert "web/bai.mhtml" in written
    assert {f"web/{p.file}" for p in got.photos} <= set(written)


def test_a_word_files_pictures_come_with_their_captions(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from tests.conftest import make_jpeg

    make_jpeg(tmp_path / "a.jpg", (40, 30))
    document = docx.Document()
    document.add_paragraph("Lũ lụt ở miền Trung", style="Title")
    document.add_paragraph("Nước lên nhanh trong đêm, hàng nghìn hộ dân phải sơ tán khẩn cấp.")
    document.add_picture(str(tmp_path / "a.jpg"))
    document.add_paragraph("Người dân sơ tán bằng thuyền.", style="Caption")
    document.add_picture(str(tmp_path / "a.jpg"))
    centred = document.add_paragraph("Ảnh: Minh Anh")
    centred.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_picture(str(tmp_path / "a.jpg"))
    document.add_paragraph(
        "Chính quyền địa phương đã huy động lực lượng cứu hộ suốt đêm, "
        "dù mưa vẫn chưa ngớt và nhiều tuyến đường bị chia cắt."
    )
    (tmp_path / "kho").mkdir()
    document.save(str(tmp_path / "kho" / "lu.docx"))
    got = load_article(tmp_path / "kho", tmp_path / "kho" / "lu.docx")
    assert got.problems == ()
    assert [(p.file, p.caption) for p in got.photos] == [
        ("lu.docx_files/image1.jpg", "Người dân sơ tán bằng thuyền."),
        ("lu.docx_files/image1-2.jpg", "Ảnh: Minh Anh"),
        ("lu.docx_files/image1-3.jpg", None),
    ]
    assert [b.type for b in got.blocks] == ["photos", "photos", "photos", "text"]
    assert all(p.info is not None and p.info.width == 40 for p in got.photos)


def _odt(path: Path, body: str, pictures: dict[str, bytes]) -> None:
    """A minimal OpenDocument text file, as LibreOffice lays one out."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
        '<office:automatic-styles><style:style style:name="P1" style:family="paragraph" '
        'style:parent-style-name="Title"/></office:automatic-styles>'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
        for name, data in pictures.items():
            z.writestr(name, data)


def test_an_opendocument_file_is_read_with_its_pictures(tmp_path: Path) -> None:
    from tests.conftest import make_jpeg

    picture = make_jpeg(tmp_path / "a.jpg", (40, 30)).read_bytes()
    image = '<draw:frame><draw:image xlink:href="Pictures/anh.jpg"/></draw:frame>'
    (tmp_path / "kho").mkdir()
    _odt(
        tmp_path / "kho" / "bai.odt",
        '<text:p text:style-name="P1">Mùa nước nổi ở miền Tây</text:p>'
        "<text:p>Nước về sớm, người dân<text:s/>chuẩn bị đón mùa cá linh.</text:p>"
        # LibreOffice's caption: the picture and its text in one "Illustration" paragraph
        f'<text:p><draw:frame><draw:text-box><text:p text:style-name="Illustration">{image}'
        "Ghe xuồng trên cánh đồng ngập nước.</text:p></draw:text-box></draw:frame></text:p>"
        "<text:h>Sinh kế</text:h><text:p>Cá linh là nguồn thu chính của nhiều hộ.</text:p>",
        {"Pictures/anh.jpg": picture},
    )
    got = load_article(tmp_path / "kho", tmp_path / "kho" / "bai.odt")
    assert (got.format, got.problems) == ("odt", ())
    assert (got.title, got.lead) == (
        "Mùa nước nổi ở miền Tây",
        "Nước về sớm, người dân chuẩn bị đón mùa cá linh.",
    )
    assert [(p.file, p.caption, p.exists) for p in got.photos] == [
        ("bai.odt_files/anh.jpg", "Ghe xuồng trên cánh đồng ngập nước.", True)
    ]
    assert [b.text for b in got.blocks if b.type == "text"] == [
        "Sinh kế",
        "Cá linh là nguồn thu chính của nhiều hộ.",
    ]
    (tmp_path / "kho" / "hong.odt").write_bytes(b"PK\x03\x04broken")
    problems = load_article(tmp_path / "kho", tmp_path / "kho" / "hong.odt").problems
    assert [p.kind for p in problems] == ["broken-document"]


@pytest.mark.parametrize(
    "charset", ["undefined", "idna", "punycode", "utf-7", "unicode_escape", "rot13", "cp500"]
)
def test_a_declared_charset_that_is_no_text_encoding_is_not_believed(
    tmp_path: Path, charset: str
) -> None:
    """Python's codecs include host-name and escape codecs: a page naming one is read
    as a browser reads it (UTF-8), not decoded with it."""
    from tangthu.archive.decode import declared_codec

    assert declared_codec(charset) is None
    story = "Hội nghị nhân rộng các điển hình tiên tiến trong phong trào đoàn kết sáng tạo."
    page = f'<html><head><meta charset="{charset}"></head><body><article><p>{story}</p>'
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_bytes((page + "</article></body></html>").encode())
    got = load_article(tmp_path, tmp_path / "a" / "p.html")
    assert got.problems == () and story in (got.lead, *(b.text for b in got.blocks))


def test_declared_charsets_are_read_as_browsers_read_them() -> None:
    from tangthu.archive.decode import declared_codec

    assert declared_codec("UTF-8") == declared_codec("utf8") == "utf-8"
    assert declared_codec("windows-1258") == "cp1258"
    assert declared_codec("iso-8859-1") == declared_codec("us-ascii") == "cp1252"
    assert declared_codec("utf-16") == "utf-8"  # written in letters a reader could read
    assert declared_codec("") is None and declared_codec("x" * 300) is None


def test_a_reader_failing_unforeseen_is_a_problem_of_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tangthu.archive.formats import html

    def broken(_data: bytes, _path: Path) -> None:
        raise UnicodeError("a codec nobody expected failed")

    import dataclasses

    from tangthu.archive import formats

    patched = dict(formats.by_extension())
    patched[".html"] = dataclasses.replace(html.READER, read=broken)
    monkeypatch.setattr(formats, "by_extension", lambda: patched)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "article.txt").write_text("Bài tốt\n\nĐoàn kết.\n", encoding="utf-8")
    report = scan(tmp_path)
    assert len(report.articles) == 2
    assert [(p.kind, p.detail) for p in report.problems] == [
        ("broken-document", "the file could not be read (UnicodeError: a codec nobody "
         "expected failed)")
    ]  # fmt: skip


def test_the_sizes_worked_out_in_one_pass_are_those_of_each_elements_text(
    corpus: Path, tmp_path: Path
) -> None:
    """`_Sizes` adds up from the leaves what `_words` reads from each element: the same
    lengths (spaces collapsed, trimmed), link lengths and commas, on real pages."""
    from lxml import html as lhtml

    from tangthu.archive.formats.html import _link_density, _Sizes, _words

    article = load_article(corpus, corpus / SEED / "article.txt")
    for template in TEMPLATES:
        folder = tmp_path / template
        save_page(article, folder, template)
        page = next(folder.glob("*.html"))
        doc = lhtml.document_fromstring(page.read_text(encoding="utf-8"))
        sizes = _Sizes(doc)
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            text = _words(el)
            assert sizes.length[el] == len(text), (template, el.tag)
            assert sizes.commas[el] == el.text_content().count(","), (template, el.tag)
            assert abs(sizes.density(el) - _link_density(el, text)) < 1e-9, (template, el.tag)


def test_a_page_inside_one_form_keeps_its_story_and_drops_the_small_forms(
    tmp_path: Path,
) -> None:
    """ASP.NET pages (most Vietnamese papers' until about 2014) wrap the whole page in one
    ``<form>``; a search or log-in form is furniture."""
    paragraphs = [
        f"Đoạn {k} của bài: TAND TP.Đà Nẵng xét xử sơ thẩm vụ án ma túy, tuyên phạt các bị "
        f"cáo những mức án nghiêm khắc theo quy định của pháp luật hiện hành."
        for k in range(1, 6)
    ]
    (tmp_path / "bai.html").write_text(
        "<html><head><title>5 bóng hồng buôn ma túy lãnh án | Thanh Niên</title></head><body>"
        "<form name='search' action='/tim-kiem'><input name='q'><a href='/tk'>Tìm kiếm</a>"
        "<span>Nhập từ khóa để tìm bài viết</span></form>"
        "<form name='aspnetForm' method='post' action='./bai.aspx' id='aspnetForm'>"
        "<div class='menu'><a href='/'>Trang chủ</a> <a href='/xh'>Xã hội</a></div>"
        "<table><tr><td><h1 class='mainTitle'>5 bóng hồng buôn ma túy lãnh án</h1>"
        "<div class='article-content'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div></td><td class='zoneR'><a href='/a'>Tin mới khác</a></td></tr></table>"
        "</form></body></html>",
        encoding="utf-8",
    )
    got = load_article(tmp_path, tmp_path / "bai.html")
    assert got.problems == ()
    assert got.title == "5 bóng hồng buôn ma túy lãnh án"
    assert [got.lead, *(b.text for b in got.blocks if b.type == "text")] == paragraphs
    assert "Tìm kiếm" not in got.body_text and "Nhập từ khóa" not in got.body_text


def test_a_page_in_utf8_under_an_old_one_byte_declaration_is_read_as_utf8(
    tmp_path: Path,
) -> None:
    """Saved as UTF-8 while its server still declared ISO-8859-15 (El Mundo's pages): a
    browser shows ``sanciÃ³n``; the bytes are UTF-8. A BOM says UTF-8 whatever is
    declared; a page truly in Windows-1258 is read so."""
    body = "<h1>La revancha de Verstappen tras su sanción</h1>" + "<p>Él sancionó.</p>" * 3
    page = f"<html><head><meta charset='iso-8859-15'></head><body>{body}</body></html>"
    (tmp_path / "a.html").write_bytes(page.encode("utf-8"))
    assert load_article(tmp_path, tmp_path / "a.html").title.endswith("su sanción")
    (tmp_path / "b.html").write_bytes(
        b"\xef\xbb\xbf" + page.replace("iso-8859-15", "windows-1252").encode()
    )
    assert load_article(tmp_path, tmp_path / "b.html").title.endswith("su sanción")
    viet = "<h1>Hội nghị tổng kết năm</h1>" + "<p>Đoàn kết sáng tạo.</p>" * 3
    old = f"<html><head><meta charset='windows-1258'></head><body>{viet}</body></html>"
    (tmp_path / "c.html").write_bytes(_windows_1258(old))
    assert load_article(tmp_path, tmp_path / "c.html").title == "Hội nghị tổng kết năm"
