"""Snippets and marks: the passage of an article richest in the words searched for.

Matching is on folded words, so ``doan`` marks ``đoàn`` and ``Đoàn`` alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tangthu.archive.fold import fold

SNIPPET_CHARS = 240
SNIPPET_SCAN_CHARS = 100_000
_TOKEN = re.compile(r"\w+(?:[/.,:\-]\w+)*")


def match_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Character spans of the words of *text* that (folded) are among *terms*.

    The text is folded once and searched with one expression (in C); a word inside
    a code such as ``999/QĐ-TTg`` is found as its own word too.
    """
    if not terms:
        return []
    folded = fold(text.lower())
    if len(folded) != len(text):  # a letter whose lowercase is longer: word by word
        return _match_spans_slowly(text, terms)
    return [m.span() for m in _pattern(frozenset(terms)).finditer(folded)]


@lru_cache(maxsize=64)
def _pattern(terms: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _match_spans_slowly(text: str, terms: set[str]) -> list[tuple[int, int]]:
    spans = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        key = fold(word.lower())
        if key in terms:
            spans.append((m.start(), m.end()))
            continue
        if not word.isalnum():
            for part in re.finditer(r"\w+", word):
                if fold(part.group().lower()) in terms:
                    spans.append((m.start() + part.start(), m.start() + part.end()))
    return spans


Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Marked:
    """A text and the character spans of the words found in it (no presentation:
    the window and the command line each mark them their own way)."""

    text: str
    spans: Spans = ()


def mark(text: str, terms: set[str]) -> Marked:
    """*text* with the spans of the words that (folded) are among *terms*."""
    return Marked(text, tuple(match_spans(text, terms)))


def snippet(text: str, terms: set[str], width: int = SNIPPET_CHARS) -> Marked:
    """The passage of *text* richest in *terms*, with their spans in it.

    Only the first `SNIPPET_SCAN_CHARS` are searched for the passage: enough for
    any article, and a megabyte-long file still answers at once.
    """
    text = text[:SNIPPET_SCAN_CHARS].replace("\n", " ")
    if not text:
        return Marked("")
    spans = match_spans(text, terms)
    if not spans:
        end = _cut_end(text, width)
        return Marked(text[:end] + ("…" if end < len(text) else ""))
    keys = [fold(text[a:b].lower()) for a, b in spans]
    wanted = len(set(keys))
    best, best_score = 0, -1
    for i, (a, _b) in enumerate(spans):
        seen = set()
        for k in range(i, len(spans)):
            if spans[k][1] - a > width:
                break
            seen.add(keys[k])
        if len(seen) > best_score:
            best, best_score = i, len(seen)
            if best_score == wanted:
                break  # no passage can hold more of the words
    first = spans[best][0]
    start = max(0, first - width // 4)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = _cut_end(text, width, start)
    lead = "…" if start > 0 else ""
    shift = len(lead) - start
    inside = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if b > start and a < end
    )
    return Marked(lead + text[start:end] + ("…" if end < len(text) else ""), inside)


def _cut_end(text: str, width: int, start: int = 0) -> int:
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    return end


def article_body(root: Path, article_id: str) -> str:
    """An article's lead and paragraphs, read from its file for its snippet (empty
    when the file cannot be read any more)."""
    from tangthu.archive.article import read_body
    from tangthu.archive.locate import OutsideArchive, article_file

    try:
        path = article_file(root, article_id)
    except OutsideArchive:
        return ""
    if path is None:
        return ""
    return read_body(root, path)
