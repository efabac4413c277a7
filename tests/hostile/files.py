"""Hostile files, one at a time: each once stalled a reader for minutes, took gigabytes,
or stopped a whole scan. `CASES` names them; `Case.build(folder)` writes one into an
article folder of its own (with what it needs beside it) and returns the article's file
name. `tests/hostile/test_hostile_files.py` runs the program over each within a time
and a memory bound; ``python -m tests.hostile.measure`` prints what each costs.

Everything is generated here, small on disk where the format allows it (ZIP members of
zeros, PDFs of a few hundred bytes that claim huge pages or pictures).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: A story that any reader must still find in a page around the hostile part.
STORY = [
    "Sáng 21/3, Hội Liên hiệp Phụ nữ tỉnh tổ chức hội nghị nhân rộng các điển hình tiên "
    "tiến trong phong trào đoàn kết sáng tạo, với sự tham dự của đại biểu các huyện.",
    "Tại hội nghị, các đại biểu đã nghe báo cáo tổng kết, trao đổi kinh nghiệm và cách làm "
    "hay, nhất là trong việc giúp hội viên phát triển kinh tế gia đình, giảm nghèo bền vững.",
    "Dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc được khen thưởng, góp phần "
    "lan tỏa tinh thần thi đua yêu nước trong toàn tỉnh, đúng như tinh thần của phong trào.",
]


def _page(head: str, body: str) -> str:
    title = "<title>Hội nghị điển hình tiên tiến</title>"
    return f"<html><head>{head}{title}</head><body>{body}</body></html>"


def _story_html() -> str:
    return (
        "<article><h1>Hội nghị điển hình tiên tiến</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</article>"
    )


def charset_undefined(folder: Path) -> str:
    """A page whose declared charset is Python's ``undefined`` codec (it raises on any
    input): once, the whole scan stopped."""
    page = _page('<meta charset="undefined">', _story_html())
    (folder / "trang.html").write_bytes(page.encode("utf-8"))
    return "trang.html"


def charset_idna(folder: Path) -> str:
    """A page declaring ``idna``, a codec for host names, not text."""
    page = _page('<meta http-equiv="Content-Type" content="text/html; charset=idna">',
                 _story_html())  # fmt: skip
    (folder / "trang.html").write_bytes(page.encode("utf-8"))
    return "trang.html"


def mhtml_idna(folder: Path) -> str:
    """A single-file page whose HTML part declares ``charset=idna`` in its MIME header."""
    html = _page("", _story_html()).encode("utf-8")
    message = (
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; boundary="B"; type="text/html"\r\n'
        b"Snapshot-Content-Location: https://baomoi.example/hoi-nghi.html\r\n\r\n"
        b"--B\r\nContent-Type: text/html; charset=idna\r\n"
        b"Content-Transfer-Encoding: binary\r\n"
        b"Content-Location: https://baomoi.example/hoi-nghi.html\r\n\r\n" + html + b"\r\n--B--\r\n"
    )
    (folder / "trang.mhtml").write_bytes(message)
    return "trang.mhtml"


def charset_punycode(folder: Path) -> str:
    """A 1 MB page declaring ``punycode``: Python decodes it in quadratic time."""
    head = _page('<meta charset="punycode">', _story_html()).encode("ascii", "xmlcharrefreplace")
    filler = b"<p>" + b"a" * 500_000 + b"-" + b"b" * (1_000_000 - 500_000 - len(head)) + b"</p>"
    (folder / "trang.html").write_bytes(head + filler)
    return "trang.html"


def nested_menus(folder: Path) -> str:
    """250 nested menus around 200,000 short paragraphs, beside the story."""
    depth, items = 250, 200_000
    with open(folder / "trang.html", "w", encoding="utf-8") as f:
        f.write('<html><head><meta charset="utf-8"><title>Trang nhiều menu</title></head><body>')
        f.write(_story_html())
        f.write('<div class="menu">' * depth)
        for k in range(items):
            f.write(f"<p>Mục {k}</p>")
        f.write("</div>" * depth)
        f.write("</body></html>")
    return "trang.html"


def nested_content(folder: Path) -> str:
    """250 nested content boxes holding 14.5 MB of prose, a share at each level."""
    depth, total = 250, 14_500_000
    paragraph = "<p>" + " ".join(STORY) + "</p>"
    per_level = max(1, total // depth // len(paragraph.encode("utf-8")))
    with open(folder / "trang.html", "w", encoding="utf-8") as f:
        f.write('<html><head><meta charset="utf-8"><title>Trang lồng sâu</title></head><body>')
        for _ in range(depth):
            f.write('<div class="content">')
            f.write(paragraph * per_level)
        f.write("</div>" * depth)
        f.write("</body></html>")
    return "trang.html"


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, paragraphs: Callable[[], object], *, pictures: dict[str, bytes] | None = None,
          rels: str = "") -> None:  # fmt: skip
    """A Word file: python-docx's own template (its styles, as Word writes them) with
    *paragraphs* (a callable writing the body's XML to the open member) as its text."""
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    with (
        zipfile.ZipFile(template) as src,
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out,
    ):
        for info in src.infolist():
            if info.filename == "word/document.xml":
                continue
            data = src.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels" and rels:
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            out.writestr(info, data)
        for name, data in (pictures or {}).items():
            out.writestr(name, data)
        with out.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
                f'xmlns:w="{_W}"><w:body>'.encode()
            )
            paragraphs(f)  # type: ignore[call-arg]
            f.write(b"</w:body></w:document>")


_TITLE = (
    b'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>'
    + "Văn bản rất dài".encode()
    + b"</w:t></w:r></w:p>"
)


def docx_many(count: int) -> Callable[[Path], str]:
    """A Word file of *count* paragraphs (short text, each of the body style)."""

    def build(folder: Path) -> str:
        def body(f: io.BufferedWriter) -> None:
            f.write(_TITLE + b"<w:p><w:r><w:t>" + STORY[0].encode() + b"</w:t></w:r></w:p>")
            line = "<w:p><w:r><w:t>Đoạn {}</w:t></w:r></w:p>"
            batch = []
            for k in range(count):
                batch.append(line.format(k))
                if len(batch) == 10_000:
                    f.write("".join(batch).encode())
                    batch = []
            f.write("".join(batch).encode())

        _docx(folder / "van-ban.docx", body)
        return "van-ban.docx"

    return build


def docx_tiny_paragraphs(folder: Path) -> str:
    """1.8 million empty-ish paragraphs: 63 MB of XML, under the limit on a Word file's
    text (64 MB), which the reader must still read in bounded time and memory."""

    def body(f: io.BufferedWriter) -> None:
        f.write(_TITLE + b"<w:p><w:r><w:t>" + STORY[0].encode() + b"</w:t></w:r></w:p>")
        block = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 10_000
        for _ in range(180):
            f.write(block)

    _docx(folder / "van-ban.docx", body)
    return "van-ban.docx"


def _png(width: int = 8, height: int = 8, chunks: list[tuple[bytes, bytes]] = ()) -> bytes:  # type: ignore[assignment]
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    extra = b"".join(chunk(k, d) for k, d in chunks)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + extra
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def odt_shared_member(folder: Path) -> str:
    """An OpenDocument file whose one 200 MB picture (zeros after a small PNG: 200 KB
    packed) is placed 20 times: the ZIP's listing counts it once."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"'
    )
    frames = "".join(
        f'<text:p><draw:frame><draw:image xlink:href="Pictures/lon.png"/></draw:frame></text:p>'
        f"<text:p>{STORY[k % 3]}</text:p>"
        for k in range(20)
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body>'
        f"<office:text><text:h>Văn bản có ảnh lặp lại</text:h>{frames}</office:text>"
        "</office:body></office:document-content>"
    )
    with zipfile.ZipFile(folder / "van-ban.odt", "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
        with z.open("Pictures/lon.png", "w", force_zip64=True) as f:
            f.write(_png(64, 64))
            zeros = b"\x00" * (1 << 20)
            for _ in range(200):
                f.write(zeros)
    return "van-ban.odt"


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of *objects* (numbered from 1; the first is the catalog)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def pdf_huge_page(folder: Path) -> str:
    """A page of 14,400 × 14,400 points (the largest a PDF may have) without text: at
    300 dpi, a picture of 60,000 × 60,000 pixels to read."""
    pdf = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
            _stream(b"", b"0.5 g 0 0 14400 14400 re f"),
        ]
    )
    (folder / "trang.pdf").write_bytes(pdf)
    return "trang.pdf"


def _jbig2(width: int, height: int) -> bytes:
    """An embedded JBIG2 stream: a page information segment and an immediate generic
    region of *width* × *height* pixels, with a few bytes of coded data."""

    def segment(number: int, kind: int, data: bytes) -> bytes:
        return struct.pack(">IBBBI", number, kind, 0, 1, len(data)) + data

    page = struct.pack(">IIIIBH", width, height, 0, 0, 0, 0)
    region = struct.pack(">IIIIB", width, height, 0, 0, 0)
    generic = b"\x00" + bytes([3, 0xFF, 0xFD, 0xFF, 2, 0xFE, 0xFE, 0xFE]) + b"\x00\x01\xff\xac"
    return segment(0, 48, page) + segment(1, 38, region + generic)


def pdf_jbig2(folder: Path) -> str:
    """A page showing one JBIG2 picture that claims 46,000 × 46,000 pixels (a few
    hundred bytes on disk)."""
    side = 46_000
    pdf = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
            _stream(b"", b"q 612 0 0 792 0 0 cm /Im0 Do Q"),
            _stream(
                b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                b"/BitsPerComponent 1 /Filter /JBIG2Decode" % (side, side),
                _jbig2(side, side),
            ),
        ]
    )
    (folder / "trang.pdf").write_bytes(pdf)
    return "trang.pdf"


def xmp_captions(folder: Path) -> str:
    """An article naming 200 tiny PNGs, each carrying an XMP caption of 0.9 MB (packed
    in the PNG: 6 KB on disk)."""
    once = "Chú thích rất dài của ảnh, lặp lại nhiều lần. "
    caption = once * (900_000 // len(once.encode("utf-8")))  # 0.9 MB in UTF-8
    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt>'
        "</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()
    itxt = b"XML:com.adobe.xmp\x00\x01\x00\x00\x00" + zlib.compress(xmp, 9)  # packed
    lines = ["Hai trăm ảnh có chú thích nhúng rất dài", "", STORY[0], ""]
    for k in range(200):
        name = f"anh{k:03d}.png"
        (folder / name).write_bytes(_png(chunks=[(b"iTXt", itxt)]))
        lines += [name, ""]
    (folder / "article.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "article.txt"


def dense_clipping(folder: Path) -> str:
    """A "clipping" of 120 million pixels of noise, alone in its folder: read by OCR,
    the densest picture there is (Tesseract took 3.4 GB, and its time limit, on one)."""
    import numpy as np
    from PIL import Image

    noise = np.random.default_rng(7).random((10_000, 12_000)) > 0.5
    Image.fromarray(noise).save(folder / "trang.png")  # 1 bit a pixel: 15 MB
    return "trang.png"


@dataclass(frozen=True)
class Case:
    """One hostile file: the issue's item it comes from, what writes it, and the steps
    that read it (``scan``, ``index``, ``pages``: the PDF's pages as pictures)."""

    name: str
    item: int
    build: Callable[[Path], str]
    steps: tuple[str, ...] = ("scan", "index")
    #: what `scan --json` must count among its problems (kind: at least)
    problems: dict[str, int] = field(default_factory=dict)
    #: whether the story (the first paragraph of `STORY`) must be read
    story: bool = True


CASES: dict[str, Case] = {
    c.name: c
    for c in [
        Case("charset-undefined", 3, charset_undefined),
        Case("charset-idna", 3, charset_idna),
        Case("mhtml-idna", 3, mhtml_idna),
        Case("charset-punycode", 4, charset_punycode),
        Case("nested-menus", 5, nested_menus),
        Case("nested-content", 5, nested_content),
        Case("docx-100k-paragraphs", 6, docx_many(100_000)),
        Case("docx-1.8m-paragraphs", 6, docx_tiny_paragraphs, problems={"partly-read": 1}),
        Case("odt-shared-member", 7, odt_shared_member),
        Case("pdf-huge-page", 8, pdf_huge_page, ("scan", "index", "pages"), story=False),
        Case("pdf-jbig2", 8, pdf_jbig2, ("scan", "index", "pages"), story=False),
        Case("xmp-captions", 9, xmp_captions),
        Case("clipping-120mpx", 10, dense_clipping, story=False),
    ]
}


def build(case: Case, root: Path) -> str:
    """Write *case* into an archive at *root* (its own folder, and a good article
    beside it); return the hostile article's ID."""
    folder = root / case.name
    folder.mkdir(parents=True)
    good = root / "tot"
    good.mkdir(exist_ok=True)
    (good / "article.txt").write_text(
        "Bài tốt\n\nĐoàn kết là sức mạnh của cả cộng đồng.\n", encoding="utf-8"
    )
    return f"{case.name}/{case.build(folder)}"
