"""The caches beside an archive (pictures taken out of article files, OCR, thumbnails)
are keyed by what a file holds: a second archive at the same place, with a file of the
same size and time, gets its own pictures and its own text, never the first one's."""

from __future__ import annotations

import io
import os
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tangthu.archive.formats import ocr


def _picture(color: tuple[int, int, int]) -> bytes:
    """A PNG whose size does not depend on its colour (stored, not compressed)."""
    out = io.BytesIO()
    Image.new("RGB", (32, 24), color).save(out, "PNG", compress_level=0)
    return out.getvalue()


def _word_file(path: Path, picture: bytes) -> None:
    """A Word file showing *picture*, its members stored: same size for any picture."""
    import docx

    source = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Ảnh trong tệp Word", style="Title")
    document.add_paragraph("Một đoạn mở đầu đủ dài để làm phần dẫn của bài viết này.")
    document.add_picture(io.BytesIO(picture))
    document.save(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as out:
        for info in z.infolist():
            out.writestr(zipfile.ZipInfo(info.filename, info.date_time), z.read(info.filename))


def _again_at_the_same_place(root: Path, write: object, second: object) -> None:
    """Write the archive at *root* again (new files) with *second*, giving each new file
    the size and time of the one it replaces."""
    files = [p for p in root.rglob("*") if p.is_file()]
    stats = {p: p.stat() for p in files}
    shutil.rmtree(root)
    write(second)  # type: ignore[operator]
    for path, st in stats.items():
        assert path.stat().st_size == st.st_size
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_a_word_files_pictures_are_those_of_the_file_at_that_place_now(tmp_path: Path) -> None:
    from tangthu.archive.export import export
    from tangthu.archive.selection import Item

    root = tmp_path / "kho"
    red, blue = _picture((200, 0, 0)), _picture((0, 0, 200))
    assert len(red) == len(blue) and red != blue

    def write(picture: bytes) -> None:
        _word_file(root / "bai" / "bai.docx", picture)

    write(red)
    export([Item(str(root), "bai/bai.docx")], "folder", tmp_path / "first")
    _again_at_the_same_place(root, write, blue)
    export([Item(str(root), "bai/bai.docx")], "folder", tmp_path / "second")
    (first,) = (tmp_path / "first" / "bai").glob("bai.docx_files/*")
    (second,) = (tmp_path / "second" / "bai").glob("bai.docx_files/*")
    assert first.read_bytes() == red
    assert second.read_bytes() == blue


def test_a_thumbnail_is_of_the_photo_at_that_place_now(tmp_path: Path) -> None:
    from tangthu.archive.thumbs import cached_thumbnail

    photo = tmp_path / "kho" / "bai" / "1.png"

    def write(picture: bytes) -> None:
        photo.parent.mkdir(parents=True, exist_ok=True)
        photo.write_bytes(picture)

    write(_picture((200, 0, 0)))
    red = Image.open(io.BytesIO(cached_thumbnail(photo, 16))).convert("RGB").getpixel((2, 2))
    _again_at_the_same_place(tmp_path / "kho", write, _picture((0, 0, 200)))
    blue = Image.open(io.BytesIO(cached_thumbnail(photo, 16))).convert("RGB").getpixel((2, 2))
    assert red[0] > 150 and blue[2] > 150, (red, blue)


#: A stand-in Tesseract whose "text" is made from the picture's checksum.
_ECHO = """#!/bin/sh
if [ "$1" = "--list-langs" ]; then echo "List (2):"; echo eng; echo vie; exit 0; fi
word=$(md5sum "$1" | cut -c1-16 | tr '0-9' 'g-p')
printf 'level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\t'
printf 'left\\ttop\\twidth\\theight\\tconf\\ttext\\n'
for n in 1 2 3 4 5 6 7 8; do
    printf '5\\t1\\t1\\t1\\t1\\t%s\\t0\\t0\\t10\\t10\\t95\\t%s\\n' "$n" "$word"
done
"""


def test_ocr_reads_the_picture_at_that_place_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tangthu.archive.article import load_article

    if not sys.platform.startswith("linux"):
        pytest.skip("the stand-in Tesseract is a shell script")
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "tesseract").write_text(_ECHO)
    (folder / "tesseract").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    ocr.missing.cache_clear()
    root = tmp_path / "kho"
    clipping = root / "cat-bao" / "trang-1.png"

    def write(picture: bytes) -> None:
        clipping.parent.mkdir(parents=True, exist_ok=True)
        clipping.write_bytes(picture)

    try:
        write(_picture((250, 250, 250)))
        first = load_article(root, clipping).title
        _again_at_the_same_place(root, write, _picture((240, 240, 240)))
        second = load_article(root, clipping).title
    finally:
        ocr.missing.cache_clear()
    assert first and second and first != second
