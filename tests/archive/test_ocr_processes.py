"""Tesseract ends with the program that started it: Ctrl-C, SIGTERM or SIGKILL of
`index` leaves no OCR running (one once reached 3.38 GB after its program was gone),
and no temporary folder behind. A stand-in `tesseract` on the PATH (it writes its
process number and sleeps) stands for a slow scan."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tangthu.archive.formats import ocr
from tests.conftest import REPO, make_jpeg, write_article

MAIN = str(REPO / "main.py")

FAKE = """#!/bin/sh
if [ "$1" = "--list-langs" ]; then
    echo "List of available languages in /fake (2):"; echo eng; echo vie; exit 0
fi
echo $$ >> "$TANGTHU_FAKE_PIDS"
exec sleep 600
"""


@pytest.fixture
def slow_tesseract(tmp_path: Path) -> dict[str, str]:
    """The environment of a run whose `tesseract` never finishes."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the kernel ends a child with its parent on Linux")
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "tesseract"
    program.write_text(FAKE)
    program.chmod(0o755)
    (tmp_path / "tmp").mkdir()
    return {
        **os.environ,
        "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}",
        "TANGTHU_FAKE_PIDS": str(tmp_path / "pids"),
        "TANGTHU_DATA_DIR": str(tmp_path / "data"),
        "TANGTHU_CACHE_DIR": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path / "tmp"),
    }


def _archive(root: Path, articles: int) -> Path:
    for k in range(articles):
        write_article(root / f"bai-{k:04d}", f"Bài {k}\n\nĐoàn kết là sức mạnh số {k}.\n")
    make_jpeg(root / "cat-bao" / "trang-1.jpg", (200, 300), color="white")
    return root


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def _started(pids: Path, proc: subprocess.Popen[bytes], deadline: float = 60) -> list[int]:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if pids.is_file() and pids.read_text().split():
            return [int(p) for p in pids.read_text().split()]
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError("tesseract was never started")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("how", "jobs"),
    [("ctrl-c", 2), ("sigterm", 2), ("sigkill", 2), ("ctrl-c", 1), ("sigkill", 1)],
)
def test_tesseract_ends_with_the_index_command(
    tmp_path: Path, slow_tesseract: dict[str, str], how: str, jobs: int
) -> None:
    root = _archive(tmp_path / "kho", 450 if jobs > 1 else 3)  # 450: worker processes read
    proc = subprocess.Popen(
        [sys.executable, MAIN, "index", str(root), "--index-dir", str(tmp_path / "ix"),
         "--jobs", str(jobs)],
        env=slow_tesseract, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,  # its own group: Ctrl-C reaches every process of it
    )  # fmt: skip
    pids = _started(Path(slow_tesseract["TANGTHU_FAKE_PIDS"]), proc)
    stopped = time.monotonic()
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGTERM if how == "sigterm" else signal.SIGKILL)
    try:
        _out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"index still running 30 s after {how}")
    took = time.monotonic() - stopped
    end = time.monotonic() + 5
    while any(_alive(p) for p in pids) and time.monotonic() < end:
        time.sleep(0.05)
    left = [p for p in pids if _alive(p)]
    for p in left:
        os.kill(p, signal.SIGKILL)
    assert left == [], f"tesseract still running after {how} of index"
    assert b"Traceback" not in err, err.decode()
    if how == "ctrl-c":
        assert took < 5, f"Ctrl-C took {took:.1f} s"
        assert proc.returncode == 130, err.decode()
    if how == "sigterm":  # stopped as cleanly as by Ctrl-C, as soon
        assert took < 5, f"SIGTERM took {took:.1f} s"
        assert proc.returncode in (130, 143), err.decode()
        assert b"cancelled" in err or b"terminated" in err, err.decode()
    assert os.listdir(slow_tesseract["TMPDIR"]) == []  # no temporary folder of OCR left


@pytest.mark.slow
def test_an_ocr_that_times_out_is_a_problem_never_a_cached_result(
    tmp_path: Path, slow_tesseract: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tangthu.archive.article import load_article
    from tangthu.archive.formats import image

    root = _archive(tmp_path / "kho", 0)
    for name in ("PATH", "TANGTHU_FAKE_PIDS", "TANGTHU_CACHE_DIR"):
        monkeypatch.setenv(name, slow_tesseract[name])
    ocr.missing.cache_clear()
    monkeypatch.setattr(image, "SECONDS", 1.0)
    try:
        started = time.monotonic()
        got = load_article(root, root / "cat-bao" / "trang-1.jpg")
        took = time.monotonic() - started
    finally:
        ocr.missing.cache_clear()
    assert took < 10
    assert [(p.kind, p.detail) for p in got.problems] == [
        ("ocr-failed", "Tesseract took longer than 1 s to read it")
    ]
    assert not list((Path(slow_tesseract["TANGTHU_CACHE_DIR"]) / "ocr").glob("*.json"))
    pids = [int(p) for p in Path(slow_tesseract["TANGTHU_FAKE_PIDS"]).read_text().split()]
    assert not any(_alive(p) for p in pids)  # stopped at its time, not left running
