"""Searching several archives at once: each with its own index, one list of hits.

Each archive answers the first pages of the search; the hits are merged in the
order asked (relevance: exact spellings first, then score; dates: newest or oldest
first), and the counts are added up, with the archive as one more facet.
"""

from __future__ import annotations

import os
from typing import Any

from tangthu.archive.dates import DATINGS
from tangthu.archive.selection import Item
from tangthu.index.engine import IndexMissing, SearchResult
from tangthu.index.meaning import MeaningMissing
from tangthu.index.service import ordered_counts
from tangthu.library.library import Library


def _order(sort: str) -> Any:
    if sort == "date":
        return lambda h: (not h.date, "".join(chr(0x10FFFF - ord(c)) for c in (h.date or "")))
    if sort == "date-asc":
        return lambda h: (not h.date, h.date or "")
    return lambda h: (not h.exact, -h.score)


def search_archives(libraries: list[Library], query: str, **options: Any) -> SearchResult:
    """*query* in every archive of *libraries* that has an index (see `Library.search`).

    The facet ``archive`` counts the hits of each archive (by folder); an archive
    without an index yet is left out, counted as 0 and named in ``unsearched``; one
    without vectors for search by meaning is searched by its words. An
    archive named twice (by any path to the same folder) is searched once.
    """
    seen: set[str] = set()
    once = []
    for lib in libraries:
        real = os.path.realpath(lib.root)
        if real not in seen:
            seen.add(real)
            once.append(lib)
    libraries = once
    page = int(options.get("page", 1))
    pagesize = int(options.get("pagesize", 20))
    each = {**options, "page": 1, "pagesize": page * pagesize}
    sort = str(options.get("sort", "relevance"))
    if sort == "relevance" and not query.strip():
        sort = "date"  # without words every engine lists the newest first
    results: list[tuple[str, SearchResult]] = []
    unsearched: list[str] = []
    for lib in libraries:
        try:
            try:
                found = lib.search(query, **each)
            except MeaningMissing:  # no vectors there (yet): that archive by its words
                found = lib.search(query, **{**each, "mode": "words"})
            results.append((str(lib.root), found))
        except IndexMissing:
            results.append((str(lib.root), SearchResult(query=query)))
            unsearched.append(str(lib.root))
    hits = sorted((h for _root, r in results for h in r.hits), key=_order(sort))
    merged = SearchResult(
        query=query,
        total=sum(r.total for _root, r in results),
        hits=hits[(page - 1) * pagesize : page * pagesize],
        page=page,
        pagesize=pagesize,
        seconds=sum(r.seconds for _root, r in results),
        indexed=sum(r.indexed for _root, r in results),
        exact_only=any(r.exact_only for _root, r in results),
        unsearched=unsearched,
        mode=next((r.mode for _root, r in results if r.mode != "words"), "words"),
        closest=max((r.closest for _root, r in results), default=0),
    )
    exact = [r.exact_total for _root, r in results if r.exact_total is not None]
    merged.exact_total = sum(exact) if exact else None
    if options.get("group"):  # (each archive's stories: not yet across archives)
        merged.page_articles = sum(1 + h.found_versions for h in merged.hits)
    merged.suggestion = next((r.suggestion for _root, r in results if r.suggestion), None)
    for _root, r in results:
        merged.terms |= r.terms
        if r.highlight and not merged.highlight:
            merged.highlight = r.highlight
    if merged.total == 0:
        merged.emptied_by = sorted({n for _root, r in results for n in r.emptied_by})
    if options.get("facets"):
        facets: dict[str, dict[str, int]] = {}
        for _root, r in results:
            for name, counts in r.facets.items():
                into = facets.setdefault(name, {})
                for value, n in counts.items():
                    into[value] = into.get(value, 0) + n
        for name, counts in facets.items():  # ordered as one archive's are (`shaped`)
            if name == "month":
                facets[name] = dict(sorted(counts.items()))
            elif name == "dated":
                facets[name] = {k: counts[k] for k in DATINGS if counts.get(k)}
            else:
                facets[name] = ordered_counts(counts)
        facets["archive"] = {root: r.total for root, r in results}
        merged.facets = facets
    return merged


def found_items(libraries: list[Library], query: str, **options: Any) -> list[Item]:
    """The basket items of every article *query* finds in *libraries*, in the search's
    order (options: those of `Library.items_for_query`)."""
    if len(libraries) == 1:
        return libraries[0].items_for_query(query, **options)
    limit = int(options.pop("limit", 0))
    options["snippets"] = False
    size = limit or max(1, search_archives(libraries, query, **options, pagesize=1).total)
    result = search_archives(libraries, query, **options, pagesize=size)
    return [Item(h.archive, h.id) for h in result.hits]
