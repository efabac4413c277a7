"""Several windows starting at once never hang, and a screenshot run always ends."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE

WINDOWS = 8
ROUNDS = 3
#: Far above a normal start (a few seconds each, eight at once on two cores).
HANG = 150


def _start(tmp: Path, n: int) -> subprocess.Popen[bytes]:
    home = tmp / f"w{n}"
    env = {
        **os.environ,
        "TANGTHU_DATA_DIR": str(home / "data"),  # a fresh index
        "TANGTHU_CACHE_DIR": str(home / "cache"),  # an empty thumbnail cache
        "XDG_CONFIG_HOME": str(home / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    args = [sys.executable, "main.py", "gui", str(SAMPLE), "--lang", "vi"]
    args += ["--screenshot", str(home / "out.png")]
    return subprocess.Popen(
        args, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


@pytest.mark.slow
def test_eight_windows_starting_together_never_hang(tmp_path: Path) -> None:
    hangs = failures = 0
    started = time.monotonic()
    for round_ in range(ROUNDS):
        procs = [_start(tmp_path / f"r{round_}", n) for n in range(WINDOWS)]
        for proc in procs:
            try:
                _out, err = proc.communicate(timeout=max(1.0, HANG - (time.monotonic() - started)))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                hangs += 1
                continue
            failures += proc.returncode != 0
        started = time.monotonic()
        for n in range(WINDOWS):
            shot = tmp_path / f"r{round_}" / f"w{n}" / "out.png"
            assert shot.is_file() and shot.stat().st_size > 10_000
    print(f"{ROUNDS} rounds of {WINDOWS} windows: {hangs} hangs, {failures} failures")
    assert (hangs, failures) == (0, 0)


def test_screenshot_that_cannot_settle_exits_1_with_a_message(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TANGTHU_DATA_DIR": str(tmp_path / "data"),
        "TANGTHU_CACHE_DIR": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    out = tmp_path / "out.png"
    args = [sys.executable, "main.py", "gui", str(SAMPLE), "--screenshot", str(out)]
    proc = subprocess.run(
        [*args, "--deadline", "0.01"], cwd=REPO, env=env, capture_output=True, timeout=120
    )
    assert proc.returncode == 1
    assert b"had not settled after" in proc.stderr


def test_a_screenshot_whose_indexing_fails_exits_1_with_one_sentence(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TANGTHU_DATA_DIR": str(tmp_path / "data"),
        "TANGTHU_CACHE_DIR": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    taken = tmp_path / "taken"  # a folder holding someone's files: no index is built there
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    out = tmp_path / "out.png"
    args = [sys.executable, "main.py", "gui", str(SAMPLE), "--index-dir", str(taken)]
    proc = subprocess.run(
        [*args, "--screenshot", str(out), "--deadline", "60"],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=150,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 1
    said = [line for line in err.splitlines() if "propagateSizeHints" not in line]  # (Qt's)
    assert len(said) == 1 and "indexing failed: The index folder" in said[0]
    assert out.is_file()  # the window as it was, its message on it


def test_watchdog_ends_a_stuck_process(tmp_path: Path) -> None:
    code = (
        "import time; from tangthu.ui.app import _watchdog; "
        f"_watchdog(1.0, {str(tmp_path / 'x.png')!r}); time.sleep(60)"
    )
    t = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, timeout=60)
    assert proc.returncode == 1
    assert b"nothing was rendered within 1 s" in proc.stderr
    assert time.monotonic() - t < 30
