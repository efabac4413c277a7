"""Reading archive files: regular files only, never blocking, never out of the archive;
every picture decoded within its bounds; importing changes no process-wide state."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tangthu.archive.guard import FileTooLarge, UnsafeFile, open_regular, read_bytes
from tests.conftest import make_jpeg, measured
from tests.hostile.builder import png_bomb, png_zeros


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.jpg")
    started = time.monotonic()
    with pytest.raises(UnsafeFile) as caught:
        open_regular(tmp_path / "p.jpg")
    assert caught.value.kind == "special-file" and "pipe" in caught.value.detail
    assert time.monotonic() - started < 1


def test_devices_and_folders_are_refused(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "z.jpg")
    with pytest.raises(UnsafeFile) as caught:
        open_regular(tmp_path / "z.jpg")
    assert caught.value.kind == "special-file"
    with pytest.raises(UnsafeFile):
        open_regular(tmp_path)


def test_links_out_of_the_archive_are_refused_and_links_inside_kept(tmp_path: Path) -> None:
    root, outside = tmp_path / "kho", tmp_path / "ngoai"
    root.mkdir()
    outside.mkdir()
    (outside / "secret").write_text("s")
    (root / "a.jpg").write_text("a")
    os.symlink(outside / "secret", root / "out.jpg")
    os.symlink(root / "a.jpg", root / "in.jpg")
    os.symlink(outside, root / "folder")
    with pytest.raises(UnsafeFile) as caught:
        open_regular(root / "out.jpg", root)
    assert caught.value.kind == "outside-link" and str(outside / "secret") in caught.value.detail
    with pytest.raises(UnsafeFile):
        open_regular(root / "folder" / "secret", root)  # through a linked folder
    with open_regular(root / "in.jpg", root) as f:
        assert f.read() == b"a"
    with open_regular(root / "out.jpg", root, trusted=[str(outside)]) as f:  # trusted
        assert f.read() == b"s"
    with open_regular(root / "out.jpg") as f:  # no archive given: no containment asked
        assert f.read() == b"s"


def test_a_link_loop_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.symlink("b", tmp_path / "a")
    os.symlink("a", tmp_path / "b")
    with pytest.raises(OSError):
        open_regular(tmp_path / "a", tmp_path)


def test_read_bytes_reads_no_more_than_its_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(300 * 1024 * 1024)  # sparse: nothing is written
    with pytest.raises(FileTooLarge):
        read_bytes(big, limit=1024)
    (tmp_path / "s").write_bytes(b"abc")
    assert read_bytes(tmp_path / "s", limit=3) == b"abc"


# --- pictures ---------------------------------------------------------------------------


def test_every_decode_refuses_a_bomb(tmp_path: Path) -> None:
    from tangthu.archive.photo import (
        PictureRefused,
        make_thumbnail,
        perceptual_hash,
        read_photo_info,
    )

    bomb = png_bomb(tmp_path / "b.png", 60_000, color_type=2, depth=8)
    assert read_photo_info(bomb).problem.kind == "huge-photo"
    with pytest.raises(PictureRefused):
        make_thumbnail(bomb, 128)
    assert perceptual_hash(bomb) is None


def test_a_picture_under_the_pixel_limit_but_over_the_memory_bound_is_refused(
    tmp_path: Path,
) -> None:
    from tangthu.archive.photo import (
        HASH_DECODE_BYTES,
        PictureRefused,
        make_thumbnail,
        perceptual_hash,
        read_photo_info,
    )

    black = png_zeros(tmp_path / "den.png", 9_000, 9_000)  # 81 Mpx, 324 MB decoded
    info = read_photo_info(black)  # the header only: nothing decoded
    assert (info.width, info.height, info.problem) == (9_000, 9_000, None)
    with pytest.raises(PictureRefused):
        make_thumbnail(black, 128)
    assert perceptual_hash(black) is None
    small = png_zeros(tmp_path / "nho.png", 1_000, 800)
    assert 1_000 * 800 * 4 < HASH_DECODE_BYTES and perceptual_hash(small) is not None
    assert make_thumbnail(small, 64)


def test_reading_a_photo_decodes_no_pixels(tmp_path: Path) -> None:
    """Its size, EXIF and captions come from the headers: a large PNG costs nothing."""
    png_zeros(tmp_path / "den.png", 9_000, 9_000)
    code = (
        "from tangthu.archive.photo import read_photo_info as r;"
        f"i = r({str(tmp_path / 'den.png')!r}); assert i.width == 9000"
    )
    run = measured([sys.executable, "-c", code], timeout=60)
    assert run["rc"] == 0, run["err"]
    assert run["kb"] < 150_000  # far below the 324 MB the pixels take


def test_importing_the_photo_module_changes_no_process_wide_state() -> None:
    code = (
        "import warnings; from PIL import Image; before = (Image.MAX_IMAGE_PIXELS, "
        "list(warnings.filters)); import tangthu.archive.photo, tangthu.archive.article, "
        "tangthu.archive.export; after = (Image.MAX_IMAGE_PIXELS, list(warnings.filters));"
        "assert before == after, (before, after)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_pillow_notes_never_reach_the_terminal(tmp_path: Path) -> None:
    """Truncated and damaged pictures are problems in the report, not warnings on stderr."""
    from tests.conftest import REPO, write_article

    root = tmp_path / "kho"
    write_article(root / "a", "Ảnh hỏng\n\nMở.\nt.jpg\nCụt.\nx.jpg\nLạ.\n")
    full = make_jpeg(root / "a" / "full.jpg", (300, 200)).read_bytes()
    (root / "a" / "t.jpg").write_bytes(full[: len(full) // 2])
    good = make_jpeg(root / "a" / "x.jpg", exif={0x0132: "2020:01:02 03:04:05"}).read_bytes()
    i = good.find(b"Exif\x00\x00")
    (root / "a" / "x.jpg").write_bytes(
        good[: i + 6] + b"MM\x00\x2a\xff\xff\xff\xff" + good[i + 14 :]
    )
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    for argv in (
        ["scan", str(root), "--problems"],
        ["index", str(root), "--index-dir", str(tmp_path / "ix")],
    ):
        run = subprocess.run(
            [sys.executable, str(REPO / "main.py"), *argv], capture_output=True, text=True, env=env
        )
        assert run.returncode == 0, run.stderr
        assert "Warning" not in run.stderr, run.stderr
    assert (
        "truncated-photo"
        in subprocess.run(
            [sys.executable, str(REPO / "main.py"), "scan", str(root), "--problems"],
            capture_output=True,
            text=True,
        ).stdout
    )
