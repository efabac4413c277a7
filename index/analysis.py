"""Vietnamese analysis for Whoosh: one normaliser at index and query time.

NFC, lowercase and (for the folded twin of each field) diacritic folding are done
once on the whole text, then one regular expression cuts tokens: no per-token
filter chain. Numbers such as ``21/3`` or ``999/QĐ-TTg`` stay searchable whole,
and their parts are indexed at the same position.

Whoosh pickles analyzer objects into the index, so these classes must keep their
module path and names; `SCHEMA_VERSION` in schema.py changes when they change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer, Token

from archive.fold import FOLD_TABLE

_WORD = re.compile(r"\w+(?:[/.,:\-]\w+)*")
_PART = re.compile(r"\w+")
_SEPARATORS = frozenset("/.,:-")


def normalize(text: str, *, folded: bool) -> str:
    """The text every token is cut from: NFC, lowercased, folded when asked."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = text.lower()
    return text.translate(FOLD_TABLE) if folded else text


def words(text: str, *, folded: bool) -> list[str]:
    """The tokens of *text* as a list (parts of compounds included)."""
    out: list[str] = []
    for m in _WORD.finditer(normalize(text, folded=folded)):
        word = m.group()
        out.append(word)
        if not word.isalnum():
            out.extend(p for p in _PART.findall(word) if p != word)
    return out


class VietAnalyzer(Analyzer):  # type: ignore[misc]
    """Tokenizer and filters in one: NFC, lowercase, optional folding.

    Args:
        folded: remove diacritics and map ``đ`` to ``d``.
    """

    def __init__(self, folded: bool = False) -> None:
        self.folded = folded

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VietAnalyzer) and other.folded == self.folded

    def __hash__(self) -> int:
        return hash(("VietAnalyzer", self.folded))

    def __repr__(self) -> str:
        return f"VietAnalyzer(folded={self.folded})"

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        text = normalize(value, folded=self.folded)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = text
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        pos = start_pos
        for m in _WORD.finditer(text):
            word = m.group()
            t.text = word
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = word
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + m.start()
                t.endchar = start_char + m.end()
            yield t
            if not word.isalnum() and any(c in _SEPARATORS for c in word):
                # The parts of "999/qđ-ttg" at the compound's position.
                for part in _PART.finditer(word):
                    if part.group() == word:
                        continue
                    t.text = part.group()
                    t.boost = 1.0
                    if keeporiginal:
                        t.original = t.text
                    if positions:
                        t.pos = pos
                    if chars:
                        t.startchar = start_char + m.start() + part.start()
                        t.endchar = start_char + m.start() + part.end()
                    yield t
            pos += 1


EXACT = VietAnalyzer(folded=False)
FOLDED = VietAnalyzer(folded=True)
