"""A hostile archive: every kind of file that once hung, exhausted or fooled Tàng Thư.

`build(base)` writes it under *base* (``base/archive`` is the archive root,
``base/outside`` holds what its links lead to) and says what is where. Everything is
small on disk: the bombs claim their size, the huge sidecar is a sparse file.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import make_jpeg, write_article

GOOD_TEXT = "Bài tốt\n\nĐoàn kết là sức mạnh của cả cộng đồng.\n1.jpg\nẢnh tốt.\n"


@dataclass
class Hostile:
    """Where the hostile archive is, and what it holds."""

    root: Path
    outside: Path
    good: str = "tot/article.txt"
    #: article IDs whose text names hostile photos (each also names one good photo)
    photo_articles: list[str] = field(default_factory=list)
    #: files outside the archive that must never reach an index or an export
    secrets: list[Path] = field(default_factory=list)
    #: what `scan` must report, by problem kind (at least this many)
    expected: dict[str, int] = field(default_factory=dict)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(path: Path, side: int, *, color_type: int = 0, depth: int = 1) -> Path:
    """A PNG claiming side×side pixels, with a few bytes of data (the rest is missing)."""
    raw = zlib.compress(b"\x00" * (side // 8 + 1) * 64, 9)
    ihdr = struct.pack(">IIBBBBB", side, side, depth, color_type, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", raw) + _chunk(b"IEND", b"")
    )
    return path


def png_zeros(path: Path, width: int, height: int) -> Path:
    """A complete RGB PNG of width×height black pixels: small on disk, large once decoded."""
    row = b"\x00" * (1 + 3 * width)  # filter byte, then the pixels
    z = zlib.compressobj(1)
    parts = [z.compress(row) for _ in range(height)]
    parts.append(z.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )
    return path


def _article(root: Path, folder: str, title: str, photos: list[str]) -> str:
    lines = [title, "", f"Bài {title.lower()} có ảnh.", "1.jpg", "Ảnh tốt.", ""]
    for name in photos:
        lines += [name, f"Chú thích {name}.", ""]
    write_article(root / folder, "\n".join(lines))
    make_jpeg(root / folder / "1.jpg", (120, 90))
    return f"{folder}/article.txt"


def build(base: Path, *, photo_lines: int = 1_200_000, bombs: int = 12) -> Hostile:
    """Write the hostile archive under *base*."""
    root, outside = base / "archive", base / "outside"
    root.mkdir(parents=True)
    outside.mkdir()
    h = Hostile(root, outside)
    write_article(root / "tot", GOOD_TEXT)
    make_jpeg(root / "tot" / "1.jpg", (160, 120))

    # Secrets outside, and links to them
    key = outside / "id_rsa"
    key.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nbí mật\n")
    foreign = outside / "bai-ngoai"
    write_article(foreign, "Bài bên ngoài kho\n\nNội dung bí mật ngoài kho lưu trữ.\n")
    h.secrets += [key, foreign / "article.txt"]
    aid = _article(root, "lien-ket-ra-ngoai", "Liên kết", ["khoa.jpg", "passwd.jpg"])
    os.symlink(key, root / "lien-ket-ra-ngoai" / "khoa.jpg")
    os.symlink("/etc/passwd", root / "lien-ket-ra-ngoai" / "passwd.jpg")
    h.photo_articles.append(aid)
    (root / "bai-lien-ket").mkdir()
    os.symlink(foreign / "article.txt", root / "bai-lien-ket" / "article.txt")
    os.symlink(foreign, root / "thu-muc-lien-ket")
    h.expected["outside-link"] = 4  # and /dev/zero below

    # A link inside the archive keeps working
    aid = _article(root, "lien-ket-trong", "Trong kho", ["chung.jpg"])
    os.symlink(root / "tot" / "1.jpg", root / "lien-ket-trong" / "chung.jpg")

    # A named pipe, /dev/zero and a loop as photos
    aid = _article(root, "dac-biet", "Đặc biệt", ["ong.jpg", "zero.jpg", "vong.jpg"])
    os.mkfifo(root / "dac-biet" / "ong.jpg")
    os.symlink("/dev/zero", root / "dac-biet" / "zero.jpg")
    os.symlink("vong2.jpg", root / "dac-biet" / "vong.jpg")
    os.symlink("vong.jpg", root / "dac-biet" / "vong2.jpg")
    h.photo_articles.append(aid)
    h.expected["special-file"] = 1  # the pipe (/dev/zero: a link out of the archive)
    h.expected["outside-link"] += 1
    # a symlink loop of folders
    os.symlink(".", root / "dac-biet" / "vong-thu-muc")
    h.expected["symlink-loop"] = 3

    # Decompression bombs: claimed sizes, and one real large picture
    names = [f"bom{k}.png" for k in range(bombs)] + ["den.png"]
    aid = _article(root, "bom", "Bom ảnh", names)
    for k in range(bombs):
        png_bomb(root / "bom" / f"bom{k}.png", 60_000, color_type=0 if k % 2 else 2, depth=8)
    png_zeros(root / "bom" / "den.png", 9_000, 9_000)  # 81 Mpx: 324 MB in memory
    h.photo_articles.append(aid)
    h.expected["huge-photo"] = bombs

    # A sidecar of 300 MB (sparse) and one nested 100,000 deep
    write_article(root / "phu-lon", "Siêu dữ liệu lớn\n\nBài có tệp siêu dữ liệu rất lớn.\n")
    with open(root / "phu-lon" / "metadata.json", "wb") as f:
        f.truncate(300 * 1024 * 1024)
    write_article(root / "phu-sau", "Siêu dữ liệu sâu\n\nBài có tệp siêu dữ liệu lồng sâu.\n")
    (root / "phu-sau" / "article.json").write_text("[" * 100_000 + "]" * 100_000)
    h.expected["bad-sidecar"] = 2

    # An article naming a million photos
    many = root / "nhieu-anh"
    many.mkdir()
    with open(many / "article.txt", "w", encoding="utf-8") as f:
        f.write("Quá nhiều ảnh\n\nBài nêu hơn một triệu ảnh.\n")
        f.write("a.jpg\n" * photo_lines)
    h.expected["too-many-photos"] = 1
    _hostile_documents(root, h)
    return h


def _hostile_documents(root: Path, h: Hostile) -> None:
    """Article files of the other formats, each hostile its own way."""
    docs = root / "tai-lieu"
    docs.mkdir()
    # a PDF that is not one, and an empty one
    (docs / "gia.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(4096))
    (docs / "rong.pdf").write_bytes(b"")
    # a Word file whose text unpacks to 1 GB (a ZIP bomb), and one that is no ZIP
    with zipfile.ZipFile(docs / "bom.docx", "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            block = b"\0" * (1 << 20)
            for _ in range(1024):
                f.write(block)
    (docs / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    # a single-file page that is binary noise
    (docs / "nhieu.mhtml").write_bytes(os.urandom(8192))
    h.expected["broken-document"] = 5
    # a saved page 200,000 elements deep, one whose image leads out of the archive,
    # and a Word file carrying a picture bomb (a picture inside the file)
    (docs / "sau.html").write_text(
        "<html><body>" + "<div>" * 200_000 + "<p>Nội dung nằm rất sâu trong trang.</p>"
        + "</div>" * 200_000 + "</body></html>", encoding="utf-8"
    )  # fmt: skip
    (docs / "ra-ngoai.html").write_text(
        "<html><body><article><p>Một bài có ảnh trỏ ra ngoài kho, không được đọc.</p>"
        '<figure><img src="../../outside/id_rsa.jpg"><figcaption>Ảnh ngoài</figcaption>'
        "</figure></article></body></html>",
        encoding="utf-8",
    )
    import docx

    bomb = png_bomb(root.parent / "bom-trong-word.png", 60_000, color_type=2, depth=8)
    document = docx.Document()
    document.add_paragraph("Bom ảnh trong tệp Word", style="Title")
    document.add_paragraph("Một tệp Word mang một ảnh khai man kích thước, giữ trong tệp.")
    document.add_picture(str(make_jpeg(root.parent / "nho.jpg", (40, 30))))
    part = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    image_part = document.part.related_parts[part.embed]
    image_part._blob = bomb.read_bytes()  # the picture inside: a PNG claiming 3.6 Gpx
    document.save(str(docs / "bom-anh.docx"))
    bomb.unlink()
    h.expected["huge-photo"] += 1
