"""How the window marks the words found: one style everywhere (list, titles, reader)."""

from __future__ import annotations

import html
from collections.abc import Iterable

#: The window's mark: a soft yellow behind the word, as a highlighter pen would, with
#: dark letters (a selected row's white text would not read on yellow).
OPEN = '<span style="background-color:#ffe27a; color:#1d1d1d">'
CLOSE = "</span>"


def marked_html(
    text: str, spans: Iterable[tuple[int, int]], before: str = OPEN, after: str = CLOSE
) -> str:
    """*text* escaped for rich text, with each span between *before* and *after*."""
    out, pos = [], 0
    for a, b in sorted(spans):
        if a < pos:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(before + html.escape(text[a:b]) + after)
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)
