"""Sentences the window builds from search results: counts, and why a list is empty."""

from __future__ import annotations

import html
from collections.abc import Callable

from tangthu.library.records import NONE, Filters, SearchResult
from tangthu.ui.chips import chip_texts
from tangthu.ui.i18n import fmt, number

Tr = Callable[[str], str]


def count_line(result: SearchResult, tr: Tr) -> str:
    """The list header: how many, and how many of them match the accents as typed (the
    time kept on one line with its unit)."""
    return _count_line(result, tr).replace(" ms)", "\u00a0ms)")


def _count_line(result: SearchResult, tr: Tr) -> str:
    ms = f"{result.seconds * 1000:.0f}"
    if result.total == 0:
        return fmt(tr("No articles found (%1 ms)"), ms)
    if result.mode == "like":
        return fmt(tr("%1 articles like the one read (%2 ms)"), number(result.total), ms)
    if result.mode == "meaning":
        return fmt(tr("%1 nearest in meaning, the closest first (%2 ms)"), number(result.total), ms)
    if result.mode == "both":
        return fmt(tr("%1 found by their words or their meaning (%2 ms)"), number(result.total), ms)
    if result.exact_only:
        return fmt(tr("%1 spelled exactly as typed (%2 ms)"), number(result.total), ms)
    if result.exact_total is not None:
        return fmt(
            tr("%1 with these accents, %2 more without (%3 ms)"),
            number(result.exact_total),
            number(result.more_without_accents),
            ms,
        )
    return fmt(tr("Articles found: %1 (%2 ms)"), number(result.total), ms)


def emptied_line(result: SearchResult, filters: Filters, tr: Tr) -> str:
    """Rich text saying which filter emptied the list, with a link that removes it."""
    f = filters
    parts = []
    for name in result.emptied_by:
        if name == "date":
            if f.date_from and f.date_to:
                why = fmt(tr("No articles between %1 and %2"), f.date_from, f.date_to)
            elif f.date_from:
                why = fmt(tr("No articles from %1 on"), f.date_from)
            else:
                why = fmt(tr("No articles up to %1"), f.date_to)
            link = tr("remove the date filter")
        elif name == "outlet":
            why = (
                tr("No articles without an outlet")
                if f.outlet == NONE
                else fmt(tr("No articles from %1"), f.outlet)
            )
            link = tr("remove the outlet filter")
        elif name == "year":
            why = (
                tr("No undated articles")
                if f.year == NONE
                else fmt(tr("No articles of %1"), f.year)
            )
            link = tr("remove the year filter")
        elif name == "photos":
            why, link = tr("No articles with photos"), tr("remove the photo filter")
        elif name == "format":
            why = fmt(tr("No articles in %1 files"), (f.format or "").upper())
            link = tr("remove the format filter")
        else:
            why = tr("No article matches all these filters together")
            link, name = tr("clear the filters"), "all"
        parts.append(f"{html.escape(why)}; <a href='remove:{name}'>{html.escape(link)}</a>.")
    return "<br>".join(parts)


def empty_help(result: SearchResult, filters: Filters, tr: Tr) -> str:
    """Rich text under a list that the words alone left empty (the filters are not
    why: removing them would not help): what was looked for, and the way out."""
    if result.total or result.emptied_by:
        return ""
    if not result.query.strip():
        return html.escape(tr("No articles are indexed yet."))
    lines = [html.escape(fmt(tr("No article holds “%1”."), result.query.strip()))]
    if result.exact_only:
        link = f"<a href='accents'>{html.escape(tr('search without exact accents'))}</a>"
        lines.append(fmt(tr("Try: %1"), link))
    else:
        lines.append(html.escape(tr("Check the spelling, or use fewer words.")))
    if filters != Filters():
        lines.append(
            html.escape(tr("The filters are not the reason: there are none without them either."))
        )
    return "<br>".join(lines)


def search_line(query: str, filters: Filters, tr: Tr) -> str:
    """A search and its filters in one line (``Search: “lũ” · 2024-01-01 →``)."""
    words = query.strip()
    parts = [fmt(tr("Search: %1"), f"“{words}”")] if words else []
    parts += [text for _name, text in chip_texts(filters, tr)]
    return " · ".join(parts)
