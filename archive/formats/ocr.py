"""Text read from pictures of print (scanned clippings, scanned PDF pages) with
Tesseract and its Vietnamese model (Debian: ``tesseract-ocr tesseract-ocr-vie``).

Tesseract runs as a program, one picture at a time, with ``OMP_THREAD_LIMIT=1``
(on two cores it is about four times faster so, the indexing workers giving each
core its own picture). Each run is bounded: at most `MAX_PIXELS` pixels are given to
it (a larger picture is scaled down first), it stops at its time limit (what is left
of its file's `tangthu.archive.formats.SECONDS`), and it ends with the process that
started it (Linux: the kernel kills it; Ctrl-C reaches it as it reaches that process).
A picture goes to it by its file or through its standard input: no temporary files.

What it read is kept in the per-user cache, by the picture's content (not its path or
time: another archive at the same place is other pictures), so a rescan never reads a
picture twice. A run that did not finish (too slow, stopped) is a problem of the file,
never kept. ``TANGTHU_OCR=0`` (``index --no-ocr``) switches it off.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tangthu.archive.digest import digest_of
from tangthu.archive.model import OCR_INSTALL
from tangthu.archive.paths import cache_dir

#: Seconds Tesseract may spend on one picture (less when its file has less time left).
SECONDS = 60.0
#: The most pixels Tesseract is given: a broadsheet page at 300 dpi has some 35 million;
#: a larger picture is scaled down to this before it is read.
MAX_PIXELS = 40_000_000
#: What a picture larger than that may take to decode (and turn grey) before it is
#: scaled down: a 120-million-pixel scan in colour. It is let go before Tesseract starts.
DECODE_FOR_OCR = 640 * 1024 * 1024
#: The languages read: Vietnamese alone. With English added (for the words papers
#: borrow) Tesseract drops more tone marks: 1.0% of words wrong against 0.5% on clean
#: 150-dpi clippings, 5.4% against 4.8% on worn ones (`bench.ocr_clippings`).
LANGUAGES = "vie"
#: A word Tesseract gives at least this confidence (0-100) is one it is sure of; the
#: share of such words is how sure a reading is said to be.
SURE = 90
#: The one command that installs what OCR needs (Debian and Ubuntu).
INSTALL = OCR_INSTALL
#: Words Tesseract is less sure of than this (0-100) are left out.
LEAST_CONFIDENCE = 30
#: Changes when what is cached for a picture changes (older entries are not read).
_CACHE_VERSION = 3


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese model is not installed, or OCR is switched off."""


class OcrFailed(Exception):
    """Tesseract did not finish reading a picture (too slow, stopped, or failed): a
    problem of its file (``kind``), never cached."""

    kind = "ocr-failed"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


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
            [program, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            preexec_fn=_child_setup(),
        ).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract does not start ({exc}); reinstall it: {INSTALL}"
    if "vie" not in langs:
        return f"Tesseract has no Vietnamese model; to read scans, run: {INSTALL}"
    return None


def ready() -> None:
    """Raise `OcrUnavailable` when OCR is off or cannot run here."""
    if not enabled():
        raise OcrUnavailable("OCR is switched off")
    why = missing()
    if why is not None:
        raise OcrUnavailable(why)


def content_key(*parts: object) -> str:
    """A cache key of the pictures' content (digests, page numbers, resolutions)."""
    raw = "\0".join(str(p) for p in (_CACHE_VERSION, LANGUAGES, MAX_PIXELS, *parts))
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def cached(key: str) -> Recognized | None:
    """What was read of the picture of *key* before (None: not read yet)."""
    try:
        data = json.loads((cache_dir() / "ocr" / f"{key}.json").read_text(encoding="utf-8"))
        paragraphs = data["paragraphs"]
        if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
            return None
        return Recognized(paragraphs, float(data["confidence"]))
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
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


def recognize(
    path: Path,
    *,
    picture: bytes | None = None,
    key: str | None = None,
    seconds: float = SECONDS,
) -> Recognized:
    """The text of the picture file at *path*, or of *picture* (a PNG or PGM, with the
    *key* of its content: a page of the document at *path*), from the cache when it was
    read before; all of it, Tesseract included, within *seconds*.

    Raises:
        OcrUnavailable: OCR is off or cannot run here (the message says what to do).
        OcrFailed: Tesseract did not finish (nothing is cached).
    """
    started = time.monotonic()
    ready()
    if key is None:
        key = content_key("file", digest_of(path))
    found = cached(key)
    if found is not None:
        return found
    if picture is None:
        picture = _scaled(path)  # None: small enough to be read from its file
    found = _run(path, picture, seconds - (time.monotonic() - started))
    _keep(key, found)
    return found


def _scaled(path: Path) -> bytes | None:
    """A picture file larger than `MAX_PIXELS`, scaled down to them, in greys (a PGM;
    None: the file is read as it is)."""
    from PIL import Image

    from tangthu.archive.photo import PictureRefused, decoded_bytes, open_picture

    try:  # (its decoding is bounded below, once it is known at what scale)
        with open_picture(path, budget=1 << 62) as im:
            width, height = im.size
            if width * height <= MAX_PIXELS:
                return None
            ratio = (MAX_PIXELS / (width * height)) ** 0.5
            size = (max(1, int(width * ratio)), max(1, int(height * ratio)))
            if im.format == "JPEG":
                im.draft("L", size)  # decoded at a half, a quarter or an eighth
            if decoded_bytes(im) + im.width * im.height > DECODE_FOR_OCR:  # and its greys
                raise PictureRefused(f"{width}×{height} pixels is too many to read with OCR")
            small = im.convert("L").resize(size, Image.Resampling.BOX)
    except (PictureRefused, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise OcrFailed(f"the picture could not be prepared for OCR ({exc})") from None
    out = io.BytesIO()
    small.save(out, "PPM")  # (greys: a PGM, written at once, which Tesseract reads)
    return out.getvalue()


def _child_setup() -> Callable[[], None] | None:
    """What Tesseract's process does before it starts: on Linux, ask the kernel to kill
    it when its parent ends (an indexing worker killed, or the program), and take
    Ctrl-C as a program does by default (a worker that ignores Ctrl-C, leaving it to
    its parent, would pass the ignoring on)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl, set_signal = libc.prctl, libc.signal
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def setup() -> None:
        prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        set_signal(signal.SIGINT, 0)  # SIG_DFL
        if os.getppid() != parent:  # the parent ended before the kernel was told
            os._exit(1)

    return setup


def _run(path: Path, picture: bytes | None, seconds: float) -> Recognized:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    source = "stdin" if picture is not None else str(path)
    if seconds <= 0:
        raise OcrFailed("there was no time left to read it with OCR")
    try:
        done = subprocess.run(
            ["tesseract", source, "stdout", "-l", LANGUAGES, "--psm", "3", "tsv"],
            input=picture,
            capture_output=True,
            timeout=seconds,
            env=env,
            preexec_fn=_child_setup(),
        )
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"Tesseract took longer than {seconds:.0f} s to read it") from None
    except OSError as exc:
        raise OcrUnavailable(f"Tesseract does not start ({exc})") from None
    if done.returncode < 0:
        raise OcrFailed(f"Tesseract was stopped (signal {-done.returncode}) while reading it")
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"Tesseract could not read it ({(said or ['no reason given'])[-1]})")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> Recognized:
    """Tesseract's TSV output as paragraphs (its blocks and paragraphs, lines joined)
    and how sure the reading is: the share of the words kept that Tesseract is sure of
    (`SURE`). (The mean of its confidences said 96 for a reading with one word in 20
    wrong; the share of sure words stays at or under the share of words read right on
    the clippings of `bench.ocr_clippings`.)"""
    paragraphs: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        try:
            conf = float(row.get("conf") or -1)
            key = (int(row["page_num"]), int(row["block_num"]), int(row["par_num"]))
        except (ValueError, KeyError, TypeError):
            continue
        if not text or conf < LEAST_CONFIDENCE:
            continue
        paragraphs.setdefault(key, []).append(text)
        confidences.append(conf)
    joined = []
    for words in paragraphs.values():
        joined.append(unicodedata.normalize("NFC", " ".join(words)))
    sure = 100 * sum(c >= SURE for c in confidences) / len(confidences) if confidences else 0.0
    return Recognized(joined, round(sure, 1))
