"""Small helpers for the command line's English output."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tangthu.library.records import Problem


def plural(n: int, noun: str) -> str:
    """``1 photo``, ``2 photos``, ``1,200 articles``, ``3 stories``."""
    if n == 1:
        return f"{n:,} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{n:,} {noun[:-1]}ies"
    return f"{n:,} {noun}s"


def shown_date(date: str | None, estimated: bool, source: str | None = None) -> str:
    """A date as the command line prints it: ``≈`` before a guess, where it comes from
    after it when known (``2024-03-21 (dateline)``, ``≈ 2005-03-10 (exif)``)."""
    if not date:
        return "unknown" if source is not None else ""
    text = f"≈ {date}" if estimated else date
    return f"{text} ({source})" if source else text


#: Control characters (C0 but tab and line feed, DEL, C1) a file or folder name may hold:
#: written raw they would drive the user's terminal (colours, cursor moves, a title…).
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0, 9), *range(11, 32)]}
#: …and characters that make a terminal show text other than it is: DEL and C1, the
#: bidirectional overrides, embeddings and isolates (U+202E shows the rest of a line
#: backwards: ``gpj.exe`` for ``exe.jpg``) and the line and paragraph separators. Written
#: as ``\\uXXXX``, which a JSON string reads back as the character itself.
_CONTROLS.update(
    {c: f"\\u{c:04x}" for c in [*range(127, 160), *range(0x202A, 0x202F),
                                *range(0x2066, 0x206A), 0x2028, 0x2029]}
)  # fmt: skip


def printable(text: str) -> str:
    """*text* with every control character written as an escape (``\\x1b``)."""
    return text.translate(_CONTROLS)


def one_line(text: str) -> str:
    """A name (a path, an ID, a tag) as one line: its line feeds and tabs as escapes
    too, so that a folder named with a line break cannot pass for another line."""
    return printable(text).replace("\n", "\\n").replace("\t", "\\t")


class PrintableStream:
    """A text stream that writes through `printable`: what a command prints cannot
    drive the terminal, whatever names the archive holds."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, encoding, isatty…
        return getattr(self._stream, name)


def print_ocr_missing(problems: Iterable[Problem]) -> None:
    """Once, when scans were left unread: why, and the command that installs OCR."""
    why = next((p.detail for p in problems if p.kind == "ocr-unavailable"), None)
    if why is not None:
        print(f"Scans not read: {why}")
