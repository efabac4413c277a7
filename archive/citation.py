"""A press article cited as a reader would write it in a bibliography."""

from __future__ import annotations

import datetime as dt

from archive.model import Article


def citation(article: Article, accessed: dt.date | None = None) -> str:
    """*article* as a newspaper-article reference (author-date, as APA cites the press):

    ``Author. (2024, March 21). Title. Outlet. URL (accessed 2026-11-27)``

    Missing parts are left out; an estimated date is not given as the article's.
    """
    parts: list[str] = []
    if article.author:
        parts.append(article.author.rstrip(".") + ".")
    if article.date and not article.date_estimated:
        parts.append(f"({_when(article.date)}).")
    else:
        parts.append("(n.d.).")
    parts.append(article.title.rstrip(".") + ".")
    if article.outlet:
        parts.append(article.outlet + ".")
    if article.source_url:
        when = (accessed or dt.date.today()).isoformat()
        parts.append(f"{article.source_url} (accessed {when})")
    return " ".join(parts)


MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _when(date: str) -> str:
    """``2024-03-21`` as ``2024, March 21``; ``2024-03`` as ``2024, March``."""
    year, _, rest = date.partition("-")
    month, _, day = rest.partition("-")
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return year
    text = f"{year}, {MONTHS[int(month) - 1]}"
    return f"{text} {int(day)}" if day[:2].isdigit() else text
