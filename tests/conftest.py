"""Shared fixtures. Qt runs offscreen; the real corpus is used when it is present."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

try:
    import fcntl
except ImportError:  # Windows: each worker builds its own
    fcntl = None  # type: ignore[assignment]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("TANGTHU_CORPUS", REPO.parent / "shared" / "corpus" / "vn-news"))
SEED = "nhan-rong-cac-dien-hinh-tien-tien-trong-phong-trao-doan-ket-sang-tao"
SAMPLE = REPO / "sample"


@pytest.fixture(autouse=True)
def _no_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test has data, cache and settings folders of its own: none reads or writes
    the user's (indexes, tags, saved searches, the window's settings)."""
    home = tmp_path_factory.mktemp("user")
    for name, sub in (
        ("TANGTHU_DATA_DIR", "data"),
        ("TANGTHU_CACHE_DIR", "cache"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "share"),
        ("XDG_CACHE_HOME", "xdg-cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real article corpus (../shared/corpus/vn-news); tests skip without it."""
    if not (CORPUS / SEED / "article.txt").is_file():
        pytest.skip(
            f"the shared corpus is not at {CORPUS} (set TANGTHU_CORPUS to its vn-news folder)"
        )
    return CORPUS


@pytest.fixture(scope="session")
def corpus_scan(corpus: Path) -> Any:
    """The corpus scanned once per test process (a `ScanReport`; tests only read it)."""
    from tangthu.archive.scan import scan

    return scan(corpus)


@pytest.fixture(scope="session")
def corpus_index(corpus: Path, tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The corpus indexed once per test run: with several workers (``-n 2``) the
    first to ask builds it under a lock in their shared temporary folder and the
    others wait for it, instead of each building its own. Tests only read it."""
    from tangthu.index.indexer import update_index

    if worker_id == "master" or fcntl is None:
        path = tmp_path_factory.mktemp("corpus-index")
        update_index(corpus, path, jobs=1)
        return path
    shared = tmp_path_factory.getbasetemp().parent
    path = shared / "corpus-index"
    with open(shared / "corpus-index.wait", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "corpus-index.done").exists():
            update_index(corpus, path, jobs=1)
            (shared / "corpus-index.done").touch()
    return path


@pytest.fixture(scope="session")
def pictured(corpus: Path) -> list[Any]:
    """Real articles of the corpus with at least two of their photos on disk, in ID
    order (only the folders holding pictures are read: quicker than a scan)."""
    from tangthu.archive.article import load_article

    found = []
    for folder in sorted(corpus.iterdir()):
        text = folder / "article.txt"
        if text.is_file() and any(p.suffix.lower() in (".jpg", ".jpeg") for p in folder.iterdir()):
            article = load_article(corpus, text)
            if sum(bool(p.path) for p in article.photos) >= 2:
                found.append(article)
    return found


def write_article(folder: Path, text: str | bytes, name: str = "article.txt") -> Path:
    """Write an article file (str as UTF-8) into *folder*, creating it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def make_jpeg(
    path: Path,
    size: tuple[int, int] = (64, 48),
    *,
    color: str = "teal",
    exif: dict[int, object] | None = None,
) -> Path:
    """Write a small real JPEG, optionally with EXIF tags."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    im = Image.new("RGB", size, color)
    ex = Image.Exif()
    for tag, value in (exif or {}).items():
        ex[tag] = value
    im.save(path, "JPEG", exif=ex.tobytes() if exif else b"")
    return path


#: Runs a command and prints, as JSON, its exit code, output and the peak resident memory
#: of it and its workers. The measuring process is small and exec'd fresh: the peak of a
#: process forked from the large test process would count the parent's pages.
_MEASURE = (
    "import json, resource, subprocess, sys, time;"
    "t = time.monotonic(); p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
    "print(json.dumps({'rc': p.returncode, 'kb': r, 's': time.monotonic() - t,"
    " 'out': p.stdout[-20000:], 'err': p.stderr[-5000:]}))"
)


def measured(
    argv: list[str], *, timeout: float, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run *argv*; its exit code (``rc``), peak memory in KB (``kb``) of it and every
    process it started, seconds (``s``), and the ends of its output (``out``, ``err``).

    Raises:
        subprocess.TimeoutExpired: it ran past *timeout* (a hang is an error).
    """
    import json
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    return dict(json.loads(run.stdout))


def skipped_line(reports: list[Any]) -> str:
    """One line saying which tests were skipped and why, most first (empty: none was):
    a test suite run where the shared corpus is not found says so at its end."""
    from collections import Counter

    reasons: Counter[str] = Counter()
    for report in reports:
        longrepr = getattr(report, "longrepr", None)
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else ""
        reasons[str(reason).removeprefix("Skipped: ").strip() or "no reason given"] += 1
    if not reasons:
        return ""
    total = sum(reasons.values())
    groups = "; ".join(f"{n} because {reason}" for reason, n in reasons.most_common())
    return f"Skipped {total} test{'s' if total > 1 else ''}: {groups}"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    line = skipped_line(terminalreporter.stats.get("skipped", []))
    if line:
        terminalreporter.write_line(line)
