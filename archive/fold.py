"""Diacritic folding for Vietnamese: marks removed, ``đ``/``Đ`` made ``d``/``D``.

One `str.translate` table does the whole job in a single pass; Unicode
decomposition alone would leave ``đ`` untouched, since it has no decomposition.
"""

from __future__ import annotations

import unicodedata


def _build_table() -> dict[int, int | None]:
    table: dict[int, int | None] = {}
    ranges = [(0x00C0, 0x0250), (0x1E00, 0x1F00)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            base = "".join(
                c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)
            )
            if base and base != ch and len(base) == 1:
                table[cp] = ord(base)
    for cp in range(0x0300, 0x0370):  # stray combining marks (text that was not NFC)
        table[cp] = None
    table[ord("đ")] = ord("d")
    table[ord("Đ")] = ord("D")
    table[ord("ð")] = ord("d")
    table[ord("Ð")] = ord("D")
    return table


FOLD_TABLE = _build_table()


def fold(text: str) -> str:
    """*text* without diacritics (``Đoàn kết`` -> ``Doan ket``); case is kept."""
    return text.translate(FOLD_TABLE)


def has_marks(text: str) -> bool:
    """True when folding would change *text* (it carries diacritics or ``đ``)."""
    return fold(text) != text
