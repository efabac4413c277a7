"""Indexing run twice at once, killed, or stopped by a full disk: one clear message, an index
that opens, and no report lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tangthu.index import engines
from tangthu.index.indexer import indexed_problems, update_index
from tangthu.index.search import ArchiveSearcher
from tangthu.index.store import read_manifest
from tests.conftest import REPO, write_article

MAIN = str(REPO / "main.py")


def _generated(path: Path, articles: int) -> Path:
    from bench.generate import generate

    return generate(path, articles)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive large enough for worker processes (two builds overlap for seconds)."""
    return _generated(tmp_path_factory.mktemp("big") / "kho", 2_000)


def _index(*argv: str, deadline: float = 240) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, MAIN, "index", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(proc: subprocess.Popen[str], deadline: float = 240) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=deadline)  # a hang is a failure, not a stuck run
    return proc.returncode, out, err


@pytest.mark.slow
@pytest.mark.parametrize("rebuild", [False, True])
def test_two_runs_at_once_one_builds_and_the_other_says_busy(
    big: Path, tmp_path: Path, rebuild: bool
) -> None:
    ix = tmp_path / "ix"
    if rebuild:
        update_index(big, ix, jobs=1)
    extra = ["--rebuild"] if rebuild else []
    first = _index(str(big), "--index-dir", str(ix), "--json", *extra)
    deadline = time.monotonic() + 60
    while not (ix.with_name("ix.lock")).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    second = _index(str(big), "--index-dir", str(ix), "--json", *extra)
    results = [_finish(first), _finish(second)]
    codes = sorted(rc for rc, _out, _err in results)
    assert codes == [0, 1], results
    busy = next(err for rc, _out, err in results if rc == 1)
    assert "busy" in busy and "Traceback" not in busy
    assert all("Traceback" not in err for _rc, _out, err in results)
    with ArchiveSearcher(ix) as s:
        assert s.search("").total == 2_000
    assert read_manifest(ix)["complete"] is True


def test_a_second_run_in_the_same_process_is_told_the_index_is_busy(tmp_path: Path) -> None:
    from tangthu.index.engine import IndexBusy
    from tangthu.index.lock import index_lock

    write_article(tmp_path / "kho" / "a", "Tiêu đề\n\nMở đầu.\n")
    ix = tmp_path / "ix"
    with index_lock(ix):
        with pytest.raises(IndexBusy):
            update_index(tmp_path / "kho", ix, jobs=1)
    assert update_index(tmp_path / "kho", ix, jobs=1).articles == 1


_KILL_AFTER_FIRST_COMMIT = """
import os, signal, sys
from tangthu.index import indexer
indexer.FRESH_CHUNK = 400  # commits of 100, 200, 400 ... articles
def committed(done):
    os.kill(os.getpid(), signal.SIGKILL)
indexer.update_index(sys.argv[1], sys.argv[2], jobs=1, committed=committed, engine=sys.argv[3])
"""

_KILL_BEFORE_FIRST_COMMIT = """
import os, signal, sys
from tangthu.index import indexer
def progress(done, total):
    if done >= 5:
        os.kill(os.getpid(), signal.SIGKILL)
indexer.update_index(sys.argv[1], sys.argv[2], jobs=1, progress=progress, engine=sys.argv[3])
"""


def _killed(script: str, root: Path, ix: Path, engine: str) -> None:
    run = subprocess.run(
        [sys.executable, "-c", script, str(root), str(ix), engine],
        cwd=REPO,
        capture_output=True,
        timeout=240,
    )
    assert run.returncode == -9, run.stderr


def _with_problems(root: Path, n: int) -> set[tuple[str, str]]:
    """*n* articles, every 25th of them empty (a problem each)."""
    expected = set()
    for i in range(n):
        folder = root / f"bai-{i:04d}"
        if i % 25 == 0:
            write_article(folder, "")
            expected.add(("empty-article", str(folder / "article.txt")))
        else:
            write_article(folder, f"Bài {i}\n\nĐoàn kết là sức mạnh số {i}.\n")
    return expected


@pytest.mark.parametrize("engine", engines.available())
def test_a_build_killed_after_a_commit_keeps_the_problems_of_what_it_committed(
    tmp_path: Path, engine: str
) -> None:
    root, ix = tmp_path / "kho", tmp_path / "ix"
    expected = _with_problems(root, 300)
    _killed(_KILL_AFTER_FIRST_COMMIT, root, ix, engine)
    manifest = read_manifest(ix, with_files=True)
    assert manifest is not None and not manifest["complete"]
    committed = set(manifest["articles"])
    assert 0 < len(committed) < 300
    kept = {(p.kind, p.path) for p in indexed_problems(root, ix)}
    assert kept == {p for p in expected if Path(p[1]).relative_to(root).as_posix() in committed}
    summary = update_index(root, ix, jobs=1)  # goes on from there
    assert summary.articles == 300
    assert {(p.kind, p.path) for p in summary.problems} == expected


@pytest.mark.skipif("tantivy" not in engines.available(), reason="the fast extra is not installed")
def test_a_tantivy_build_stopped_before_its_first_commit_goes_on_with_tantivy(
    tmp_path: Path,
) -> None:
    root, ix = tmp_path / "kho", tmp_path / "ix"
    _with_problems(root, 50)
    _killed(_KILL_BEFORE_FIRST_COMMIT, root, ix, "tantivy")
    assert read_manifest(ix)["engine"] == "tantivy"
    summary = update_index(root, ix, jobs=1)  # no engine named: the one chosen is kept
    assert summary.articles == 50
    assert read_manifest(ix)["engine"] == "tantivy"


# --- a full disk ------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A small file system of its own (tmpfs); the test skips where mounting is refused."""
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs can be mounted here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(disk: Path, leave_kb: int) -> None:
    free = shutil.disk_usage(disk).free // 1024
    with open(disk / "fill", "wb") as f:
        f.truncate(0)
        block = b"\0" * (1024 * 1024)
        left = (free - leave_kb) * 1024
        while left > 0:
            f.write(block[: min(left, len(block))])
            left -= len(block)


def _said_disk_full(rc: int, err: str) -> None:
    assert rc == 1, err
    assert "is full" in err and "Traceback" not in err, err


def _total(root: Path, ix: Path) -> int:
    run = subprocess.run(
        [sys.executable, MAIN, "search", "", "--archive", str(root), "--index-dir", str(ix)]
        + ["--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return int(json.loads(run.stdout)["total"])


@pytest.mark.slow
def test_a_full_disk_during_a_build_with_two_processes_is_one_clear_message(
    big: Path, small_disk: Path
) -> None:
    _fill(small_disk, 3_000)
    rc, _out, err = _finish(_index(str(big), "--index-dir", str(small_disk / "ix"), "--jobs", "2"))
    _said_disk_full(rc, err)


@pytest.mark.slow
def test_a_full_disk_during_an_update_of_600_leaves_the_index_as_it_was(
    big: Path, tmp_path: Path, small_disk: Path
) -> None:
    root = tmp_path / "kho"
    shutil.copytree(big, root)
    ix = small_disk / "ix"
    rc, _out, err = _finish(_index(str(root), "--index-dir", str(ix), "--jobs", "2"))
    assert rc == 0, err
    before = _total(root, ix)
    for path in sorted(root.rglob("article.txt"))[:600]:
        with open(path, "a", encoding="utf-8") as f:
            f.write("\nĐoạn mới thêm vào bài.\n")
    _fill(small_disk, 300)
    for jobs in ("2", "1"):
        rc, _out, err = _finish(_index(str(root), "--index-dir", str(ix), "--jobs", jobs))
        _said_disk_full(rc, err)
        assert _total(root, ix) == before
    os.remove(small_disk / "fill")
    rc, _out, err = _finish(_index(str(root), "--index-dir", str(ix), "--json"))
    assert rc == 0 and json.loads(_out)["updated"] == 600, err


@pytest.mark.slow
@pytest.mark.skipif("tantivy" not in engines.available(), reason="the fast extra is not installed")
def test_a_full_disk_during_a_tantivy_rebuild_keeps_the_old_index(
    big: Path, small_disk: Path
) -> None:
    ix = small_disk / "tx"
    rc, _out, err = _finish(_index(str(big), "--index-dir", str(ix), "--engine", "tantivy"))
    assert rc == 0, err
    _fill(small_disk, 500)
    rc, _out, err = _finish(
        _index(str(big), "--index-dir", str(ix), "--engine", "tantivy", "--rebuild")
    )
    _said_disk_full(rc, err)
    assert _total(big, ix) == 2_000
