"""Photo metadata without decoding pixels; hostile images become problems."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tangthu.archive.photo import exif_date, make_thumbnail, read_photo_info
from tests.conftest import make_jpeg


def test_size_and_exif(tmp_path: Path) -> None:
    path = make_jpeg(
        tmp_path / "a.jpg",
        (120, 80),
        exif={0x010F: "Canon", 0x0110: "Canon EOS 5D", 0x0132: "2020:01:02 03:04:05", 0x0112: 6},
    )
    info = read_photo_info(path)
    assert (info.width, info.height, info.format) == (120, 80, "JPEG")
    assert info.camera == "Canon EOS 5D"
    assert info.taken == "2020-01-02T03:04:05"
    assert info.orientation == 6
    assert info.problem is None


def test_exif_date_parsing() -> None:
    assert exif_date("2024:03:21 14:02:11") == "2024-03-21T14:02:11"
    assert exif_date("0000:00:00 00:00:00") is None
    assert exif_date(b"garbage") is None


def test_zero_byte_jpeg(tmp_path: Path) -> None:
    (tmp_path / "z.jpg").write_bytes(b"")
    assert read_photo_info(tmp_path / "z.jpg").problem.kind == "broken-photo"


def test_junk_named_jpeg(tmp_path: Path) -> None:
    (tmp_path / "j.jpg").write_bytes(b"not a picture at all" * 50)
    assert read_photo_info(tmp_path / "j.jpg").problem.kind == "broken-photo"


def test_truncated_jpeg(tmp_path: Path) -> None:
    full = make_jpeg(tmp_path / "f.jpg", (300, 200)).read_bytes()
    (tmp_path / "t.jpg").write_bytes(full[: len(full) * 6 // 10])
    info = read_photo_info(tmp_path / "t.jpg")
    assert info.width == 300
    assert info.problem.kind == "truncated-photo"


def _png_bomb(path: Path, side: int) -> Path:
    """A tiny PNG file that claims side×side pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = zlib.compress(b"\x00" * (side // 8 + 1) * 64, 9)
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    )
    return path


def test_decompression_bomb_png_is_not_decoded(tmp_path: Path) -> None:
    bomb = _png_bomb(tmp_path / "bomb.png", 60_000)
    assert bomb.stat().st_size < 10_000
    info = read_photo_info(bomb)
    assert info.problem.kind == "huge-photo"
    with pytest.raises(ValueError):
        make_thumbnail(bomb, 128)


def test_malformed_exif_does_not_crash(tmp_path: Path) -> None:
    good = make_jpeg(tmp_path / "g.jpg", exif={0x0132: "2020:01:02 03:04:05"}).read_bytes()
    i = good.find(b"Exif\x00\x00")
    bad = good[: i + 6] + b"MM\x00\x2a\xff\xff\xff\xff" + good[i + 14 :]
    (tmp_path / "bad.jpg").write_bytes(bad)
    info = read_photo_info(tmp_path / "bad.jpg")
    assert info.width == 64


def test_thumbnail_applies_orientation(tmp_path: Path) -> None:
    path = make_jpeg(tmp_path / "o.jpg", (200, 100), exif={0x0112: 6})
    import io

    thumb = Image.open(io.BytesIO(make_thumbnail(path, 64)))
    assert thumb.size == (32, 64)


def test_missing_file(tmp_path: Path) -> None:
    assert read_photo_info(tmp_path / "none.jpg").problem.kind == "unreadable-file"


# --- real photos of the corpus ------------------------------------------------------


def test_corpus_iptc_and_xmp_caption(corpus: Path) -> None:
    info = read_photo_info(corpus / "21493481" / "2.JPG")
    assert info.embedded_caption is not None
    assert "Goalie" in info.embedded_caption


def test_corpus_orientation(corpus: Path) -> None:
    from tangthu.archive.scan import scan

    report = scan(corpus / "nhan-rong-cac-dien-hinh-tien-tien-trong-phong-trao-doan-ket-sang-tao")
    assert report.articles[0].photos[2].info.gps is not None


@pytest.mark.parametrize(
    ("folder", "name", "kind"),
    [
        ("ve-huu-dau-can-phai-nang-ne", "1.jpg", "truncated-photo"),
        ("nhieu-nguoi-hoang-loan-khi-chung-cu-carina-bat-ngo-chay-lai", "1.jpg", "truncated-photo"),
        ("trom-cap-tren-may-bay-dang-tang-bat-thuong", "hinh 1.jpg", "broken-photo"),
    ],
)
def test_corpus_broken_photos(corpus: Path, folder: str, name: str, kind: str) -> None:
    assert read_photo_info(corpus / folder / name).problem.kind == kind


def test_corpus_damaged_photo_fails_thumbnail_not_metadata(corpus: Path) -> None:
    path = corpus / "ben-xe-ben-pha-tp-hcm-dong-nghet-khach-ngay-le" / "1.JPG"
    info = read_photo_info(path)
    assert (info.width, info.height) == (3648, 2736)
    try:
        make_thumbnail(path, 64)
    except (OSError, ValueError):
        pass  # damaged data may or may not decode; it must not crash differently
