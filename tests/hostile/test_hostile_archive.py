"""Every command over the hostile archive (`builder.py`), each within a time and a memory
bound, each ending with rc 0 and no traceback; nothing outside the archive read into an
index or an export, nothing in the archive changed."""

from __future__ import annotations

import json
import os
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tangthu.index import engines
from tests.conftest import REPO, measured
from tests.hostile.builder import Hostile, build

MAIN = str(REPO / "main.py")
#: Peak memory of any one process of a step (the issue's bound for a folder of bombs).
MAX_RSS_MB = 500
FIGURES: list[tuple[str, float, int]] = []


def _step(name: str, argv: list[str], deadline: float, env: dict[str, str]) -> dict[str, object]:
    # a hang fails the test instead of stalling it
    result = measured([sys.executable, MAIN, *argv], timeout=deadline, env=env)
    FIGURES.append((name, float(result["s"]), int(result["kb"]) // 1024))  # type: ignore[arg-type]
    if result["rc"] != 0 or "Traceback" in str(result["err"]):
        pytest.fail(f"{name}: rc {result['rc']}\n{result['err']}")
    assert int(result["kb"]) < MAX_RSS_MB * 1024, (name, int(result["kb"]) // 1024)  # type: ignore[arg-type]
    return result


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for here, dirs, files in os.walk(root):
        for name in dirs + files:
            st = os.lstat(os.path.join(here, name))
            out[os.path.relpath(os.path.join(here, name), root)] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return build(tmp_path_factory.mktemp("hostile"))


@pytest.mark.slow
def test_every_command_over_the_hostile_archive(hostile: Hostile, tmp_path: Path) -> None:
    root = str(hostile.root)
    before = _tree(hostile.root)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TANGTHU_DATA_DIR": str(tmp_path / "data"),
        "TANGTHU_CACHE_DIR": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    secrets = [p.read_bytes() for p in hostile.secrets] + [b"root:x:0:0"]

    scan = _step("scan", ["scan", root, "--json"], 120, env)
    report = json.loads(str(scan["out"]))
    for kind, at_least in hostile.expected.items():
        assert report["problems"].get(kind, 0) >= at_least, (kind, report["problems"])
    assert report["articles"] == 16  # the linked-in article is not read; 8 documents

    for engine in engines.available():
        ix = str(tmp_path / f"ix-{engine}")
        _step(f"index ({engine}, 2 jobs)", ["index", root, "--index-dir", ix, "--engine", engine,
              "--jobs", "2"], 300, env)  # fmt: skip
        found = _step(f"search ({engine})", ["search", "bí mật", "--archive", root,
                      "--index-dir", ix, "--json"], 120, env)  # fmt: skip
        assert json.loads(str(found["out"]))["total"] == 0  # the outside article is not indexed
        good = _step(f"search ({engine}, a word)", ["search", "đoàn kết", "--archive", root,
                     "--index-dir", ix, "--json"], 120, env)  # fmt: skip
        assert json.loads(str(good["out"]))["total"] >= 1

    ix = str(tmp_path / "ix-whoosh")
    for fmt in ("folder", "zip", "bagit", "pdf", "html", "csv", "json", "ris", "csljson"):
        target = tmp_path / f"export-{fmt}"
        _step(f"export {fmt}", ["export", "--archive", root, "--index-dir", ix, "--format", fmt,
              "--to", str(target), "--query", "ảnh OR bài OR liệu"], 180, env)  # fmt: skip
        blobs = []
        if target.is_dir():
            blobs = [p.read_bytes() for p in target.rglob("*") if p.is_file()]
        elif zipfile.is_zipfile(target):
            with zipfile.ZipFile(target) as zf:
                blobs = [zf.read(n) for n in zf.namelist()]
        else:
            blobs = [target.read_bytes()]
        assert sum(len(b) for b in blobs) < 50_000_000, fmt  # /dev/zero was not copied
        for secret in secrets:
            assert not any(secret in b for b in blobs), (fmt, secret[:20])

    started = time.monotonic()
    _step("window (screenshot)", ["gui", root, "--index-dir", ix, "--query", "nhiều ảnh",
          "--size", "1366x768", "--screenshot", str(tmp_path / "w.png")], 180, env)  # fmt: skip
    assert (tmp_path / "w.png").stat().st_size > 10_000
    assert time.monotonic() - started < 180

    assert _tree(hostile.root) == before  # nothing in the archive changed
    width = max(len(n) for n, _s, _m in FIGURES)
    print("\nstep".ljust(width + 1), "seconds", "peak MB")
    for name, seconds, mb in FIGURES:
        print(name.ljust(width), f"{seconds:7.2f}", f"{mb:7d}")
