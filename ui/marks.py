"""How the window marks the words found: one style everywhere (list, titles, reader)."""

from __future__ import annotations

import html
from collections.abc import Iterable

#: The window's mark: a soft yellow behind the word, as a highlighter pen would, with
#: dark letters (a selected row's white text would not read on yellow).
OPEN = '<span style="background-color:#ffe27a; color:#1d1d1d">'
CLOSE = "</span>"


#: A near match (another spelling of a word typed with diacritics, found because exact
#: accents are off): a paler mark, underlined, told apart from the matches.
NEAR_OPEN = '<span style="background-color:#fff4c8; color:#1d1d1d; text-decoration:underline">'


def marked_html(
    text: str,
    spans: Iterable[tuple[int, int]],
    before: str = OPEN,
    after: str = CLOSE,
    near: Iterable[tuple[int, int]] = (),
    near_before: str = NEAR_OPEN,
) -> str:
    """*text* escaped for rich text, with each span between *before* and *after*, and
    each *near* span between *near_before* and *after*."""
    marks = [(a, b, before) for a, b in spans] + [(a, b, near_before) for a, b in near]
    out, pos = [], 0
    for a, b, opening in sorted(marks):
        if a < pos:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(opening + html.escape(text[a:b]) + after)
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)
