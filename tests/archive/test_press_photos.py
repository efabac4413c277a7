"""A press photo's own fields as photo desks write them, in EXIF, IPTC-IIM and XMP at
once, reconciled by the Metadata Working Group's rules: EXIF first; IIM when it was
edited after the XMP (its digest no longer matches) or when there is no XMP; else XMP.
A photo that is an article of its own takes its headline as title, its creator as
author, its keywords as subject and the date it was taken (else created) as date."""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

from tangthu.archive.article import load_article
from tangthu.archive.photo import read_photo_info
from tangthu.index.documents import article_documents


def _iim(fields: list[tuple[int, str]]) -> bytes:
    out = b""
    for dataset, text in fields:
        data = text.encode("utf-8")
        out += b"\x1c\x02" + bytes([dataset]) + struct.pack(">H", len(data)) + data
    return b"\x1c\x01\x5a\x00\x03\x1b\x25\x47" + out  # record 1: UTF-8


def _resource(rid: int, data: bytes) -> bytes:
    pad = b"\0" if len(data) % 2 else b""
    return b"8BIM" + struct.pack(">H", rid) + b"\0\0" + struct.pack(">I", len(data)) + data + pad


def _xmp(description: str, creator: str, keywords: list[str], headline: str, created: str) -> str:
    items = "".join(f"<rdf:li>{k}</rdf:li>" for k in keywords)
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{description}</rdf:li>'
        f"</rdf:Alt></dc:description><dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq>"
        f"</dc:creator><dc:subject><rdf:Bag>{items}</rdf:Bag></dc:subject>"
        f"<photoshop:Headline>{headline}</photoshop:Headline>"
        f"<photoshop:DateCreated>{created}</photoshop:DateCreated>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )


def press_jpeg(
    path: Path,
    *,
    exif: dict[int, str] | None = None,
    iim: list[tuple[int, str]] | None = None,
    xmp: str | None = None,
    digest: str | None = None,
) -> Path:
    """A JPEG carrying EXIF, an IIM block (with its digest: ``"match"`` or ``"stale"``)
    and an XMP packet, as a photo desk's program writes them."""
    from PIL import Image

    im = Image.new("RGB", (32, 24), "gray")
    ex = Image.Exif()
    for tag, value in (exif or {}).items():
        ex[tag] = value.encode("utf-8")  # as programs write EXIF's ASCII fields: UTF-8
    kwargs: dict[str, object] = {"exif": ex.tobytes()} if exif else {}
    if xmp:
        kwargs["xmp"] = xmp.encode("utf-8")
    im.save(path, "JPEG", **kwargs)
    data = path.read_bytes()
    if iim is not None:
        block = _iim(iim)
        resources = _resource(0x0404, block)
        if digest is not None:
            stale = digest == "stale"
            resources += _resource(0x0425, hashlib.md5(block + (b"x" if stale else b"")).digest())
        payload = b"Photoshop 3.0\0" + resources
        segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
        data = data[:2] + segment + data[2:]
    path.write_bytes(data)
    return path


DESCRIPTION, ARTIST = 0x010E, 0x013B
IIM_ALL = [(5, "Vật thể IIM"), (25, "lũ lụt"), (25, "Huế"), (55, "20201015"),
           (80, "Người chụp IIM"), (105, "Tiêu đề IIM"), (120, "Chú thích IIM")]  # fmt: skip
XMP_ALL = _xmp(
    "Chú thích XMP", "Người chụp XMP", ["mưa", "miền Trung"], "Tiêu đề XMP", "2020-10-16"
)


def test_exif_wins_then_the_iim_if_edited_since_else_the_xmp(tmp_path: Path) -> None:
    three = press_jpeg(
        tmp_path / "a.jpg",
        exif={DESCRIPTION: "Chú thích EXIF", ARTIST: "Người chụp EXIF"},
        iim=IIM_ALL, xmp=XMP_ALL, digest="match",
    )  # fmt: skip
    info = read_photo_info(three)
    assert (info.embedded_caption, info.creator) == ("Chú thích EXIF", "Người chụp EXIF")
    assert (info.headline, info.keywords, info.created) == (
        "Tiêu đề XMP",
        ("mưa", "miền Trung"),
        "2020-10-16",
    )
    edited = read_photo_info(
        press_jpeg(tmp_path / "b.jpg", iim=IIM_ALL, xmp=XMP_ALL, digest="stale")
    )
    assert (edited.embedded_caption, edited.creator, edited.headline) == (
        "Chú thích IIM",
        "Người chụp IIM",
        "Tiêu đề IIM",
    )
    assert (edited.keywords, edited.created) == (("lũ lụt", "Huế"), "2020-10-15")
    in_sync = read_photo_info(
        press_jpeg(tmp_path / "c.jpg", iim=IIM_ALL, xmp=XMP_ALL, digest="match")
    )
    assert (in_sync.embedded_caption, in_sync.headline) == ("Chú thích XMP", "Tiêu đề XMP")
    iim_only = read_photo_info(press_jpeg(tmp_path / "d.jpg", iim=IIM_ALL))
    assert (iim_only.embedded_caption, iim_only.headline) == ("Chú thích IIM", "Tiêu đề IIM")
    no_headline = read_photo_info(press_jpeg(tmp_path / "e.jpg", iim=IIM_ALL[:5] + IIM_ALL[6:]))
    assert no_headline.headline == "Vật thể IIM"  # the object name, when there is no headline


def test_a_press_photo_alone_is_an_article_with_its_own_fields(tmp_path: Path) -> None:
    (tmp_path / "ban-anh").mkdir()
    press_jpeg(tmp_path / "ban-anh" / "lu.jpg", iim=IIM_ALL)
    got = load_article(tmp_path, tmp_path / "ban-anh" / "lu.jpg")
    assert (got.title, got.author, got.subject) == ("Tiêu đề IIM", "Người chụp IIM", "lũ lụt; Huế")
    assert (got.date, got.date_source, got.date_estimated) == ("2020-10-15", "photo", False)
    assert [p.caption for p in got.photos] == ["Chú thích IIM"]
    [doc, _photo] = article_documents(got, "x")
    assert "huế" in doc.text  # its keywords are searched


def _with_segments(path: Path, segments: list[bytes]) -> Path:
    """*path*'s JPEG with APP1 *segments* put right after its start marker."""
    data = path.read_bytes()
    app1 = b"".join(b"\xff\xe1" + struct.pack(">H", len(s) + 2) + s for s in segments)
    path.write_bytes(data[:2] + app1 + data[2:])
    return path


def _extended(guid: bytes, packet: bytes, chunk: int) -> list[bytes]:
    """*packet* as the APP1 segments of an extended XMP packet, in chunks of *chunk*
    bytes, last first (a reader must put them in order by their offsets)."""
    head = b"http://ns.adobe.com/xmp/extension/\0" + guid + struct.pack(">I", len(packet))
    parts = [
        head + struct.pack(">I", at) + packet[at : at + chunk]
        for at in range(0, len(packet), chunk)
    ]
    return parts[::-1]


def test_the_extended_part_of_an_xmp_packet_is_read_in_order_of_its_chunks(tmp_path: Path) -> None:
    from PIL import Image

    guid = hashlib.md5(b"extended").hexdigest().upper().encode()
    main = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        'rdf:about="" xmlns:xmpNote="http://ns.adobe.com/xmp/note/">'
        f"<xmpNote:HasExtendedXMP>{guid.decode()}</xmpNote:HasExtendedXMP>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    extended = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        'rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<photoshop:Headline>Lũ về miền Trung</photoshop:Headline>"
        "<dc:creator><rdf:Seq><rdf:li>Ngọc Hà</rdf:li></rdf:Seq></dc:creator>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()
    path = tmp_path / "lu.jpg"
    Image.new("RGB", (16, 16), "gray").save(path)
    _with_segments(
        path, [b"http://ns.adobe.com/xap/1.0/\0" + main.encode(), *_extended(guid, extended, 100)]
    )
    info = read_photo_info(path)
    assert (info.headline, info.creator) == ("Lũ về miền Trung", "Ngọc Hà")

    # a part of another packet is not this one's; a packet missing a chunk is left out
    other = hashlib.md5(b"other").hexdigest().upper().encode()
    for segments in (_extended(other, extended, 100), _extended(guid, extended, 100)[1:]):
        path = tmp_path / "khac.jpg"
        Image.new("RGB", (16, 16), "gray").save(path)
        _with_segments(path, [b"http://ns.adobe.com/xap/1.0/\0" + main.encode(), *segments])
        info = read_photo_info(path)
        assert (info.headline, info.creator, info.problem) == (None, None, None)


def test_the_iim_of_a_fotostation_trailer_after_the_picture_is_read(tmp_path: Path) -> None:
    # (FotoWare's FotoStation keeps a photo desk's IPTC after the picture's end, a
    # record at a time, each closed by its kind, its length and a signature)
    from PIL import Image

    def record(kind: int, data: bytes) -> bytes:
        return data + struct.pack(">HII", kind, len(data) + 10, 0xA1B2C3D4)

    picture = tmp_path / "anh" / "le-hoi.jpg"
    picture.parent.mkdir()
    Image.new("RGB", (8, 8), "white").save(picture, "JPEG")
    iim = _iim([(105, "Lễ hội đền Hùng"), (120, "Dòng người về đền Hùng sáng mùng 10"),
                (80, "Trọng Đức")])  # fmt: skip
    soft_edit = struct.pack(">12i", 1536, 1024, 3, 0, 9000, 0, 0, 0, 0, 0, 0, 0)
    picture.write_bytes(picture.read_bytes() + record(1, iim) + record(2, soft_edit))
    info = read_photo_info(picture)
    assert (info.embedded_caption, info.headline, info.creator) == (
        "Dòng người về đền Hùng sáng mùng 10",
        "Lễ hội đền Hùng",
        "Trọng Đức",
    )
    article = load_article(tmp_path, picture)
    assert (article.title, article.author) == ("Lễ hội đền Hùng", "Trọng Đức")
    # a trailer whose length is more than the file is no trailer: nothing is read of it
    broken = tmp_path / "anh" / "hong.jpg"
    Image.new("RGB", (8, 8), "white").save(broken, "JPEG")
    broken.write_bytes(broken.read_bytes() + iim + struct.pack(">HII", 1, 10**9, 0xA1B2C3D4))
    info = read_photo_info(broken)
    assert (info.problem, info.embedded_caption) == (None, None)
