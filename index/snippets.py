"""Snippets and marks: the passage of an article richest in the words searched for,
and where those words are in it.

What is marked follows the query (`Highlight`): a word typed without diacritics marks
every spelling of it (``doan`` marks ``đoàn`` and ``Đoàn``); a word typed with them
marks the same spelling, and the other spellings it found only when exact accents are
off, as near matches (the window and the command line show those apart); a phrase is
marked only where its words follow each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tangthu.archive.fold import fold

SNIPPET_CHARS = 240
SNIPPET_SCAN_CHARS = 100_000
_TOKEN = re.compile(r"\w+(?:[/.,:\-]\w+)*")
_BETWEEN = re.compile(r"\W*")


@dataclass(frozen=True, slots=True)
class Highlight:
    """What the words of a query mark in a text.

    Attributes:
        words: folded words marked wherever they stand.
        phrases: folded words marked only where they follow each other, in order.
        typed: a word typed with diacritics (folded) -> its spellings as typed, lower
            case: those are matches; the others, near matches.
        strict: exact accents are on: near matches are not marked at all.
    """

    words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    typed: dict[str, frozenset[str]] = field(default_factory=dict)
    strict: bool = False

    @property
    def terms(self) -> frozenset[str]:
        """Every folded word that may be marked."""
        return self.words.union(*self.phrases)

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    def __hash__(self) -> int:
        return hash((self.words, self.phrases, tuple(sorted(self.typed.items())), self.strict))


def as_highlight(terms: set[str] | frozenset[str] | Highlight) -> Highlight:
    """*terms* as a `Highlight` (a plain set of folded words marks them everywhere)."""
    return terms if isinstance(terms, Highlight) else Highlight(frozenset(terms))


def highlight_spans(
    text: str, terms: set[str] | frozenset[str] | Highlight
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans of *text* a query marks: its matches, and its near matches (see
    `Highlight`), each in text order."""
    h = as_highlight(terms)
    found = match_spans(text, set(h.terms))
    if not found:
        return [], []
    keys = [fold(text[a:b].lower()) for a, b in found]
    lower = text.lower() if len(text.lower()) == len(text) else None
    kinds: dict[int, int] = {}  # candidate -> 1 match, 2 near match

    def kind(i: int) -> int:
        """1 a match, 2 a near match, 0 none, for the word of candidate *i*."""
        typed = h.typed.get(keys[i])
        if typed is None:
            return 1
        a, b = found[i]
        spelled = (lower[a:b] if lower is not None else text[a:b].lower()) in typed
        return 1 if spelled else 0 if h.strict else 2

    for i, key in enumerate(keys):
        if key in h.words:
            k = kind(i)
            if k:
                kinds[i] = min(kinds.get(i, k), k)
    for phrase in h.phrases:
        n = len(phrase)
        for i in range(len(found) - n + 1):
            if tuple(keys[i : i + n]) != phrase:
                continue
            joined = all(
                _BETWEEN.fullmatch(text[found[j][1] : found[j + 1][0]]) for j in range(i, i + n - 1)
            )
            if not joined:
                continue
            each = [kind(j) for j in range(i, i + n)]
            if 0 in each:
                continue
            k = 2 if 2 in each else 1
            for j in range(i, i + n):
                kinds[j] = min(kinds.get(j, k), k)
    matches = [found[i] for i in sorted(kinds) if kinds[i] == 1]
    near = [found[i] for i in sorted(kinds) if kinds[i] == 2]
    return matches, near


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
    """A text and the character spans of the words found in it, and of their near
    matches (no presentation: the window and the command line each mark them their
    own way)."""

    text: str
    spans: Spans = ()
    near: Spans = ()


def mark(text: str, terms: set[str] | frozenset[str] | Highlight) -> Marked:
    """*text* with the spans of the words *terms* (or a `Highlight`) mark."""
    matches, near = highlight_spans(text, terms)
    return Marked(text, tuple(matches), tuple(near))


def snippet(
    text: str, terms: set[str] | frozenset[str] | Highlight, width: int = SNIPPET_CHARS
) -> Marked:
    """The passage of *text* richest in the words *terms* mark, with their spans in it.

    Only the first `SNIPPET_SCAN_CHARS` are searched for the passage: enough for
    any article, and a megabyte-long file still answers at once.
    """
    text = text[:SNIPPET_SCAN_CHARS].replace("\n", " ")
    if not text:
        return Marked("")
    matches, near = highlight_spans(text, terms)
    spans = sorted(matches + near)
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

    def inside(found: list[tuple[int, int]]) -> Spans:
        return tuple(
            (max(a, start) + shift, min(b, end) + shift) for a, b in found if b > start and a < end
        )

    return Marked(
        lead + text[start:end] + ("…" if end < len(text) else ""), inside(matches), inside(near)
    )


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
    return article_text(root, article_id)[1]


def article_text(root: Path, article_id: str) -> tuple[str, str]:
    """An article's title and body (`article_body`), read from its file; ("", "") when
    it cannot be read any more."""
    from tangthu.archive.article import read_title_and_body
    from tangthu.archive.locate import OutsideArchive, article_file

    try:
        path = article_file(root, article_id)
    except OutsideArchive:
        return "", ""
    if path is None:
        return "", ""
    return read_title_and_body(root, path)
