"""Text read from pictures of print (scanned clippings, scanned PDF pages) with
Tesseract and its Vietnamese model (Debian: ``tesseract-ocr tesseract-ocr-vie``).

Tesseract runs as a program, one picture at a time, with ``OMP_THREAD_LIMIT=1``
(on two cores it is about four times faster so, the indexing workers giving each
core its own picture), under a time limit. What it read is kept in the per-user
cache, by the picture's path, size and time, so a rescan never reads a picture
twice. ``TANGTHU_OCR=0`` (``index --no-ocr``) switches it off.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tangthu.archive.paths import cache_dir

#: Seconds Tesseract may spend on one picture.
SECONDS = 120
#: The languages read: Vietnamese, with English for the words papers borrow.
LANGUAGES = "vie+eng"
#: The one command that installs what OCR needs (Debian and Ubuntu).
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"
#: Words Tesseract is less sure of than this (0-100) are left out.
LEAST_CONFIDENCE = 30


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese model is not installed, or OCR is switched off."""


@dataclass(frozen=True, slots=True)
class Recognized:
    """What Tesseract read of one picture: paragraphs, and how sure it was (0-100)."""

    paragraphs: list[str]
    confidence: float

    @property
    def letters(self) -> int:
        return sum(c.isalpha() for p in self.paragraphs for c in p)


def enabled() -> bool:
    return os.environ.get("TANGTHU_OCR", "1") != "0"


def use_ocr(on: bool) -> None:
    """Switch OCR on or off for this process and the workers it starts."""
    os.environ["TANGTHU_OCR"] = "1" if on else "0"


@lru_cache(maxsize=1)
def missing() -> str | None:
    """Why OCR cannot run here (None: it can)."""
    program = shutil.which("tesseract")
    if program is None:
        return f"Tesseract is not installed; to read scans, run: {INSTALL}"
    try:
        langs = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30
        ).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract does not start ({exc}); reinstall it: {INSTALL}"
    if "vie" not in langs:
        return f"Tesseract has no Vietnamese model; to read scans, run: {INSTALL}"
    return None


def _key(path: Path, page: int) -> str:
    st = path.stat()
    raw = f"{os.path.realpath(path)}\0{st.st_size}\0{st.st_mtime_ns}\0{page}\0{LANGUAGES}"
    return hashlib.sha1(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _cached(key: str) -> Recognized | None:
    try:
        data = json.loads((cache_dir() / "ocr" / f"{key}.json").read_text(encoding="utf-8"))
        return Recognized([str(p) for p in data["paragraphs"]], float(data["confidence"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _keep(key: str, found: Recognized) -> None:
    folder = cache_dir() / "ocr"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".ocr-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"paragraphs": found.paragraphs, "confidence": found.confidence}, f)
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        pass  # a cache that cannot be written costs time, not text


def recognize(path: Path, *, page: int = 0, picture: bytes | None = None) -> Recognized:
    """The text of the picture at *path* (or of *picture*, a PNG of page *page* of the
    document at *path*), from the cache when it was read before.

    Raises:
        OcrUnavailable: OCR is off or cannot run here (the message says what to do).
    """
    if not enabled():
        raise OcrUnavailable("OCR is switched off")
    why = missing()
    if why is not None:
        raise OcrUnavailable(why)
    key = _key(path, page)
    found = _cached(key)
    if found is not None:
        return found
    found = _run(path, picture)
    _keep(key, found)
    return found


def _run(path: Path, picture: bytes | None) -> Recognized:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory(prefix="tangthu-ocr-") as tmp:
        source = str(path)
        if picture is not None:
            source = os.path.join(tmp, "page.png")
            Path(source).write_bytes(picture)
        try:
            done = subprocess.run(
                ["tesseract", source, "stdout", "-l", LANGUAGES, "--psm", "3", "tsv"],
                capture_output=True,
                timeout=SECONDS,
                env=env,
            )
        except subprocess.TimeoutExpired:
            return Recognized([], 0.0)
        except OSError as exc:
            raise OcrUnavailable(f"Tesseract does not start ({exc})") from None
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> Recognized:
    """Tesseract's TSV output as paragraphs (its blocks and paragraphs, lines joined)
    and the mean confidence of the words kept."""
    paragraphs: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        try:
            conf = float(row.get("conf") or -1)
        except ValueError:
            continue
        if not text or conf < LEAST_CONFIDENCE:
            continue
        key = (int(row["page_num"]), int(row["block_num"]), int(row["par_num"]))
        paragraphs.setdefault(key, []).append(text)
        confidences.append(conf)
    joined = []
    for words in paragraphs.values():
        joined.append(unicodedata.normalize("NFC", " ".join(words)))
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return Recognized(joined, round(mean, 1))
