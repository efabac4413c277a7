"""Indexing worker processes end soon after their parent is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.generate import generate
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads process parents from /proc (Linux)"
)


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
def test_workers_exit_when_the_indexing_process_is_killed(tmp_path: Path) -> None:
    root = generate(tmp_path / "archive", 1500)
    proc = subprocess.Popen(
        [sys.executable, "main.py", "index", str(root), "--index-dir", str(tmp_path / "ix")]
        + ["--jobs", "2"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build did not start its worker processes"
    time.sleep(0.5)  # let them take work off the queue
    os.kill(proc.pid, signal.SIGKILL)  # the parent alone, as a crash would
    proc.wait(timeout=10)
    t = time.monotonic()
    while any(_alive(w) for w in workers) and time.monotonic() - t < 5:
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert left == [], f"workers still alive 5 s after their parent died: {left}"
