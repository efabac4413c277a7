"""Vietnamese analysis, one normaliser for indexing and for queries, whatever the engine.

NFC, lowercase and (for folded forms) diacritic folding are done once on the whole
text, then one regular expression cuts tokens. Numbers and codes such as ``21/3`` or
``999/QĐ-TTg`` stay searchable whole; their parts are words of their own, each at its
own position, so that a phrase matches where its words follow each other in the text
whatever punctuation joins them (``"Việt Nam"`` in ``Việt Nam-Vũng Tàu``, ``"Nam Vũng"``
too). The whole code takes the position of its first part.
"""

from __future__ import annotations

import re
import unicodedata

from tangthu.archive.fold import FOLD_TABLE

_WORD = re.compile(r"\w+(?:[/.,:\-]\w+)*")
_PART = re.compile(r"\w+")


def normalize(text: str, *, folded: bool) -> str:
    """The text every token is cut from: NFC, lowercased, folded when asked."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = text.lower()
    return text.translate(FOLD_TABLE) if folded else text


def fold_term(term: str) -> str:
    """A token (already lowercased, NFC) without its diacritics."""
    return term if term.isascii() else term.translate(FOLD_TABLE)


def tokens(text: str, *, folded: bool = False) -> list[tuple[str, int]]:
    """``(token, position)`` pairs of *text*: a compound, then each of its parts at a
    position of its own (the compound at its first part's)."""
    out: list[tuple[str, int]] = []
    pos = 0
    for m in _WORD.finditer(normalize(text, folded=folded)):
        word = m.group()
        if word.isalnum():
            out.append((word, pos))
            pos += 1
            continue
        out.append((word, pos))
        for part in _PART.findall(word):
            out.append((part, pos))
            pos += 1
    return out


def words(text: str, *, folded: bool) -> list[str]:
    """The tokens of *text* as a list (parts of compounds included)."""
    return [t for t, _pos in tokens(text, folded=folded)]


def positions(text: str, *, start: int = 0) -> tuple[dict[str, list[int]], int]:
    """Exact token -> its positions in *text* (from *start*), and the next position."""
    found: dict[str, list[int]] = {}
    pos = start
    for m in _WORD.finditer(normalize(text, folded=False)):
        word = m.group()
        found.setdefault(word, []).append(pos)
        if not word.isalnum():
            for part in _PART.findall(word):
                found.setdefault(part, []).append(pos)
                pos += 1
            continue
        pos += 1
    return found, pos


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: the insertions, deletions and substitutions from *a* to *b*
    (a letter with another diacritic is another letter)."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def title_key(title: str) -> str:
    """How related titles are matched to articles: NFC, case-folded, spaces squeezed."""
    return " ".join(unicodedata.normalize("NFC", title).casefold().split())
