"""The rules of searching, written once, over any engine's `Store`.

What a user sees of a search is decided here, whatever the engine: no words lists the
newest first; a query typed with diacritics is matched twice, on its exact spellings
and on every spelling, the exact ones first; the totals say how many of each; a filter
that leaves nothing is named; "did you mean" when nothing matches; the snippets' words;
articles like another; related articles linked by title; photos found by captions.
The engines answer primitives (`index.engine.Store`) and know none of this.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tangthu.archive.dates import DATINGS
from tangthu.archive.fold import has_marks
from tangthu.archive.formats import format_of
from tangthu.archive.model import Article
from tangthu.index import stories
from tangthu.index.analysis import edit_distance, fold_term, title_key, tokens
from tangthu.index.engine import (
    ARTICLE,
    KEYWORDS,
    NONE,
    PHOTO,
    Among,
    Ask,
    Facets,
    FilterNode,
    Filters,
    Hit,
    PhotoHit,
    SearchResult,
    Store,
)
from tangthu.index.query import (
    Every,
    Node,
    Or,
    Phrase,
    Word,
    in_captions,
    leaves,
    parse,
    plain_words,
    positive_leaves,
    typed_with_marks,
)
from tangthu.index.snippets import Highlight, article_body, mark, snippet
from tangthu.index.stories import Version

if TYPE_CHECKING:  # the model and numpy load when a search by meaning is asked for
    from tangthu.index.meaning import MeaningState, Vectors

__all__ = ["SearchService", "emptied_by", "month_key", "ordered_counts", "stored_hit"]

#: Words of a query side by side rank above the same words scattered (up to this many).
NEAR_WORDS = 16
#: Words of a prefix or a close spelling marked in snippets, at most.
MARKED_SPELLINGS = 64
#: Words "more like this" looks for.
LIKE_WORDS = 12
#: The closest words a suggestion weighs by their neighbours in the query (most held first).
SUGGESTED = 8
#: How a search finds articles: by their words, by meaning (`index.meaning`), or both.
SEARCH_MODES = ("words", "meaning", "both")
#: The articles nearest a question that a search by meaning lists.
MEANING_HITS = 200
#: The words' first matches a search of both kinds ranks with the nearest in meaning.
FUSED = 200
#: The questions whose vectors a service keeps.
ASKED = 32
#: Reciprocal rank fusion's constant: a list's first places weigh less apart as it grows.
FUSION_K = 60
#: Grouped by story, a page is made from the first matches, half as many again as the
#: page needs (GROUP_MORE), read further, twice as far each time, while stories fill
#: fewer than a page, up to MAX_GROUP_WINDOW. (Of a first page of 20 hits in 100,000
#: articles, 19 on average are of different stories.)
GROUP_MORE = 1.5
MAX_GROUP_WINDOW = 4000


def ordered_counts(counts: dict[str, int]) -> dict[str, int]:
    """Facet counts, largest first; the "none" bucket last."""
    return dict(sorted(counts.items(), key=lambda kv: (kv[0] == NONE, -kv[1], kv[0])))


def month_key(yyyymm: int) -> str:
    """A month facet's value: ``202403`` as ``2024-03``."""
    return f"{yyyymm // 100:04d}-{yyyymm % 100:02d}"


def shaped(facets: Facets) -> dict[str, dict[str, int]]:
    """Facet counts as lists show them: each of `KEYWORDS` largest first (those without
    a value last; how articles are dated strongest first), the years largest first with
    the undated last, the months in order."""
    years: dict[str, int] = {}
    for year, n in facets.years.items():
        if n:
            key = str(year) if year else NONE
            years[key] = years.get(key, 0) + n
    months = {month_key(ym): n for ym, n in sorted(facets.months.items()) if ym and n}
    out = {
        name: ordered_counts({k: n for k, n in facets.keywords.get(name, {}).items() if n})
        for name in KEYWORDS
    }
    dated = facets.keywords.get("dated", {})
    out["dated"] = {name: dated[name] for name in DATINGS if dated.get(name)}
    return {**out, "year": ordered_counts(years), "month": months}


def emptied_by(
    filters: Filters | None, count: Callable[[tuple[FilterNode, ...]], int]
) -> list[str]:
    """Which of the active filters leave nothing, each alone; ["together"] when only
    their combination does; [] when the words alone find nothing (or no filter is on).

    *count* tells how many articles the words find within some filters (`FilterNode`).
    The IDs of ``filters`` (named by tags and notes in the query) go with the words.
    """
    f = filters or Filters()
    active = f.alone()
    words: tuple[FilterNode, ...] = (Among(f.ids),) if f.ids is not None else ()
    if not active or count(words) == 0:
        return []
    return [name for name, nodes in active.items() if count(tuple(nodes)) == 0] or ["together"]


def keep(filters: Filters | None) -> tuple[FilterNode, ...]:
    """What an engine is asked to keep (`Ask.keep`) for *filters*."""
    return tuple(filters.nodes()) if filters is not None else ()


def stored_hit(
    stored: Callable[[str], Any],
    root: Path,
    score: float,
    exact: bool,
    marks: Highlight | None,
) -> Hit:
    """An article's hit from its stored fields (*stored* reads one, "" when absent),
    with its snippet read from the file and its words marked when *marks* are given."""
    title = stored("title") or ""
    article_id = stored("aid") or ""
    found = snippet(article_body(root, article_id), marks) if marks is not None else None
    titled = mark(title, marks) if marks is not None else None
    return Hit(
        id=article_id,
        title=title,
        date=stored("date") or None,
        outlet=stored("outlet") or None,
        author=stored("author") or None,
        format=stored("format") or format_of(article_id),
        score=float(score),
        snippet=found.text if found else "",
        photos=int(stored("photos") or 0),
        thumb=stored("thumb") or None,
        folder=stored("folder") or "",
        exact=bool(exact),
        date_estimated=bool(stored("date_est")),
        dated_by=stored("dated_by") or "none",
        corrected=tuple((stored("corrected") or "").split()),
        snippet_marks=found.spans if found else (),
        title_marks=titled.spans if titled else (),
        snippet_near=found.near if found else (),
        title_near=titled.near if titled else (),
    )


def _with_versions(hit: Hit, story_of: dict[str, tuple[Version, ...]], found: list[str]) -> Hit:
    """*hit* with the other versions of its story, and how many of them were found."""
    versions = story_of.get(hit.id)
    if not versions:
        return hit
    others = tuple((v.id, v.date, v.outlet) for v in versions if v.id != hit.id)
    return replace(hit, versions=others, found_versions=len(found) - 1)


def question_text(node: Node) -> str:
    """What a query asks, as a model of meaning reads it: its words and phrases, in
    order, without the words it leaves out or its operators."""
    parts = []
    for leaf in positive_leaves(node):
        parts.append(" ".join(leaf.words) if isinstance(leaf, Phrase) else leaf.text)
    return " ".join(parts)


def _near(node: Node) -> tuple[str, ...]:
    """The words of a query that rank higher side by side (a query of plain words)."""
    words = plain_words(node) or []
    return tuple(words) if 1 < len(words) <= NEAR_WORDS else ()


def _photo_hit(stored: Callable[[str], Any], score: float) -> PhotoHit:
    return PhotoHit(
        article_id=stored("aid") or "",
        file=stored("file") or "",
        caption=stored("photo_caption") or "",
        score=float(score),
        title=stored("atitle") or "",
        date=stored("date") or None,
        folder=stored("folder") or "",
        taken=stored("taken") or None,
        embedded_caption=stored("embedded") or "",
    )


class SearchService:
    """Searches one archive's index through its engine's `Store` (see
    `index.engine.Searcher`). One per thread; `refresh` after indexing."""

    def __init__(self, store: Store[Any, Any]) -> None:
        self.store = store
        self.index_path = store.index_path
        self.root = store.root
        self._meaning: Vectors | None = None
        self._stories: tuple[int, dict[str, tuple[Version, ...]]] = (-1, {})
        self._asked: dict[str, Any] = {}  # question -> its vector, the latest last

    # -- lifecycle and counts

    def refresh(self) -> bool:
        return self.store.refresh()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> SearchService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def article_count(self) -> int:
        return self.store.count_of(ARTICLE)

    def photo_count(self) -> int:
        return self.store.count_of(PHOTO)

    def fingerprints(self) -> dict[str, str]:
        return self.store.fingerprints()

    # -- the passes of a query

    def _passes(
        self, node: Node, *, kind: int, keeps: tuple[FilterNode, ...], exact_only: bool, near: bool
    ) -> tuple[Any | None, Any | None]:
        """The exact and the every-spelling matches of *node* within *keeps* (None: not
        asked for).

        A query without words is every document; one typed without diacritics is matched
        on every spelling only; one typed with them on both, or on its exact spellings
        alone when only those are wanted.
        """
        store = self.store
        together = _near(node) if near else ()

        def match(folded: bool) -> Any:
            return store.match(Ask(node, folded, kind, keeps, together))

        if isinstance(node, Every):
            return None, match(True)
        if exact_only:
            return match(False), None
        return (match(False) if typed_with_marks(node) else None), match(True)

    def _page(
        self,
        exact_m: Any | None,
        folded_m: Any | None,
        exact_total: int | None,
        sort: str,
        offset: int,
        limit: int,
        estimates: bool = True,
    ) -> tuple[list[tuple[Any, float, bool]], int | None]:
        """One page of (document, score, exact): by relevance the exact spellings first,
        then the rest by score; by date the undated last, exact or not (without
        *estimates*, an estimated date is none). And how many exact ones there are:
        *exact_total*, or when that is None (by relevance) counted while they are
        ranked."""
        store = self.store
        if sort in ("date", "date-asc"):
            shown = self._shown(exact_m, folded_m)
            docs = store.by_date(
                shown,
                newest_first=sort == "date",
                offset=offset,
                limit=limit,
                estimates=estimates,
            )
            if exact_m is None:
                flags = [False] * len(docs)
            elif folded_m is None:
                flags = [True] * len(docs)
            else:
                flags = store.among(exact_m, docs)
            return [(d, 0.0, e) for d, e in zip(docs, flags, strict=True)], exact_total
        if exact_m is None:
            assert folded_m is not None
            return [(d, s, False) for d, s in store.top(folded_m, offset, limit)], exact_total
        if exact_total is None:
            found, exact_total = store.top_counted(exact_m, offset, limit)
        else:
            found = store.top(exact_m, offset, limit)
        rows = [(d, s, True) for d, s in found]
        if folded_m is not None and len(rows) < limit:
            rest = store.minus(folded_m, exact_m)
            start = max(0, offset - exact_total)
            rows += [(d, s, False) for d, s in store.top(rest, start, limit - len(rows))]
        return rows, exact_total

    def _shown(self, exact_m: Any | None, folded_m: Any | None) -> Any:
        if exact_m is None:
            return folded_m
        if folded_m is None:
            return exact_m
        return self.store.union(exact_m, folded_m)

    # -- articles

    def search(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        sort: str = "relevance",
        page: int = 1,
        pagesize: int = 20,
        snippets: bool = True,
        facets: bool = False,
        exact: bool = False,
        mode: str = "words",
        group: bool = False,
    ) -> SearchResult:
        """Search articles (see `index.engine.Searcher.search`); with *group*, each story
        (`tangthu.index.stories`) once, at the rank of its best version found, shown
        as the earliest of its versions found.

        Raises:
            QueryError: the query cannot be run.
            MeaningMissing: *mode* is "meaning" or "both" and this archive has no
                vectors (or no model is installed).
        """
        started = time.perf_counter()
        page = max(1, page)
        offset = (page - 1) * pagesize
        result = SearchResult(query=query, page=page, pagesize=pagesize, exact_only=exact)
        result.indexed = self.store.count_of(ARTICLE)
        node = parse(query)
        wordless = isinstance(node, Every)
        if sort == "relevance" and wordless:
            sort = "date"  # without words nothing is more relevant: newest first
        if mode not in SEARCH_MODES:
            raise ValueError(f"unknown search mode {mode!r}")
        if mode != "words" and not wordless:
            result.mode = mode

        def fetch(offset: int, limit: int) -> tuple[Any, list[tuple[Any, float, bool]]]:
            if result.mode != "words":
                return self._by_meaning(node, mode, filters, sort, exact, offset, limit, result)
            return self._by_words(node, filters, sort, exact, offset, limit, result)

        story_of = self._story_of() if group else {}
        found: list[list[str]] = []
        if story_of:
            shown, rows, found = self._grouped(fetch, offset, pagesize, story_of)
        else:
            shown, rows = fetch(offset, pagesize)
        if snippets:
            result.highlight = self._highlight(node, strict=exact)
            result.terms = set(result.highlight.terms)
        marks = result.highlight if snippets else None
        result.hits = [
            stored_hit(self.store.stored(d), self.root, score, flag, marks)
            for d, score, flag in rows
        ]
        if group:
            result.hits = [
                _with_versions(h, story_of, f)
                for h, f in zip(result.hits, found or [[h.id] for h in result.hits], strict=True)
            ]
            result.page_articles = sum(1 + h.found_versions for h in result.hits)
        if facets:
            estimates = filters.estimates if filters is not None else True
            result.facets = shaped(self.store.facets(shown, estimates=estimates))
        if result.total == 0:
            if not wordless:
                result.suggestion = self.suggest(query)
            result.emptied_by = emptied_by(filters, lambda k: self._how_many(node, k, exact))
        result.seconds = time.perf_counter() - started
        return result

    def _story_of(self) -> dict[str, tuple[Version, ...]]:
        """Each article of a story of several (`tangthu.index.stories`) -> its versions,
        read again when the index run that groups them has written them anew."""
        path = self.index_path / stories.FOLDER / stories.GROUPS
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return {}
        if self._stories[0] != stamp:
            kept = stories.load(self.index_path)
            self._stories = (stamp, {v.id: versions for versions in kept for v in versions})
        return self._stories[1]

    def _grouped(
        self,
        fetch: Callable[[int, int], tuple[Any, list[tuple[Any, float, bool]]]],
        offset: int,
        limit: int,
        story_of: dict[str, tuple[Version, ...]],
    ) -> tuple[Any, list[tuple[Any, float, bool]], list[list[str]]]:
        """The matches, and one page of them with each story once: at the rank of its
        best version, shown as the earliest version found; with the IDs found of each
        row's story. The matches are read ever further until the page is full."""
        want = offset + limit
        window = math.ceil(want * GROUP_MORE)
        while True:
            shown, rows = fetch(0, window)
            kept: list[tuple[Any, float, bool]] = []
            found: list[list[str]] = []
            where: dict[str, int] = {}  # a story's first version -> its row on the page
            for row in rows:
                aid = self.store.stored(row[0])("aid") or ""
                versions = story_of.get(aid)
                key = versions[0].id if versions else aid
                at = where.get(key)
                if at is None:
                    where[key] = len(kept)
                    kept.append(row)
                    found.append([aid])
                    continue
                found[at].append(aid)
                order = [v.id for v in versions or ()]
                shown_id = found[at][0]
                if order.index(aid) < order.index(shown_id):  # an earlier version found
                    kept[at] = (row[0], kept[at][1], kept[at][2])
                    found[at].remove(aid)
                    found[at].insert(0, aid)
            if len(kept) >= want or len(rows) < window or window >= MAX_GROUP_WINDOW:
                return shown, kept[offset:want], found[offset:want]
            window *= 2

    def _by_words(
        self,
        node: Node,
        filters: Filters | None,
        sort: str,
        exact: bool,
        offset: int,
        limit: int,
        result: SearchResult,
    ) -> tuple[Any, list[tuple[Any, float, bool]]]:
        """The matches of *node* (for counts and facets) and one page of them, by the
        rules of a search by words; sets the result's totals."""
        wordless = isinstance(node, Every)
        estimates = filters.estimates if filters is not None else True
        # (the words side by side rank first: nothing to rank by date)
        exact_m, folded_m = self._passes(
            node, kind=ARTICLE, keeps=keep(filters), exact_only=exact, near=sort == "relevance"
        )
        if folded_m is not None and leaves(node) == positive_leaves(node):
            shown = folded_m  # every spelling holds the exact ones (no word left out)
        else:
            shown = self._shown(exact_m, folded_m)
        result.total = self.store.count(shown)
        if exact_m is not None and folded_m is None:
            result.exact_total = result.total
        elif exact_m is not None and sort != "relevance":
            result.exact_total = self.store.count(exact_m)
        # (by relevance the exact ones are counted as the first page ranks them)
        if exact_m is None and not wordless and sort == "relevance":
            # Typed without marks: the texts that hold those very letters (Nha Trang, the
            # city) come before those that match only once folded (Nhà Trắng).
            as_typed = self.store.match(Ask(node, False, ARTICLE, keep(filters), _near(node)))
            if leaves(node) != positive_leaves(node):
                # a word left out as typed may still be there in another spelling: only
                # what the query matches at all is ranked
                as_typed = self.store.minus(as_typed, self.store.minus(as_typed, folded_m))
            typed, _n = self._page(as_typed, folded_m, None, sort, offset, limit, estimates)
            rows = [(d, score, False) for d, score, _e in typed]
        else:
            rows, counted = self._page(
                exact_m, folded_m, result.exact_total, sort, offset, limit, estimates
            )
            if exact_m is not None:
                result.exact_total = counted
        return shown, rows

    # -- by meaning

    def meaning_state(self) -> MeaningState:
        """Whether this archive can be searched by meaning, and how far its vectors are."""
        from tangthu.index import meaning

        found = meaning.state(self.index_path)
        articles = self.article_count()
        return replace(found, embedded=min(found.embedded, articles), articles=articles)

    def _vectors(self) -> Vectors:
        """The archive's vectors, as the last index run left them.

        Raises:
            MeaningMissing: no model is installed, or no vectors of it were built.
        """
        from tangthu.index import meaning

        if self._meaning is None:
            self._meaning = meaning.Vectors(self.index_path, meaning.model_name())
        return self._meaning.fresh()

    def _question(self, text: str) -> Any:
        """The vector of a question (the last few are kept: the next page, a count)."""
        from tangthu.index import meaning

        found = self._asked.pop(text, None)
        if found is None:
            found = meaning.embedder().query(text)
        self._asked[text] = found  # the latest last
        while len(self._asked) > ASKED:
            del self._asked[next(iter(self._asked))]
        return found

    def _closest(
        self, vectors: Vectors, question: Any, filters: Filters | None, limit: int
    ) -> tuple[list[tuple[str, float]], dict[str, Any]]:
        """The *limit* articles nearest *question* within *filters* (nearest first),
        and the document of each: the nearest are looked up in the index more and more
        of them until enough are within the filters (or none is left)."""
        import numpy as np

        scores = vectors.scores(question)
        held = int(np.count_nonzero(scores > -np.inf))
        base = filters or Filters()
        n = limit * 2
        while True:
            n = min(n, held)
            # the n nearest, nearest first (ties: by row): only those are ordered
            best = np.argpartition(-scores, n - 1)[:n] if 0 < n < len(scores) else None
            if best is None:
                best = np.arange(len(scores))
            order = best[np.lexsort((best, -scores[best]))][:n]
            near = [(vectors.ids[int(i)], float(scores[i])) for i in order]
            wanted = frozenset(a for a, _s in near)
            ids = wanted if base.ids is None else wanted & base.ids
            m = self.store.match(Ask(Every(), True, ARTICLE, keep(replace(base, ids=ids))))
            docs = {self.store.stored(d)("aid"): d for d, _s in self.store.top(m, 0, len(ids))}
            kept = [(a, s) for a, s in near if a in docs]
            if len(kept) >= limit or n >= held:
                kept = kept[:limit]
                return kept, {a: docs[a] for a, _s in kept}
            n *= 10

    def _by_meaning(
        self,
        node: Node,
        mode: str,
        filters: Filters | None,
        sort: str,
        exact: bool,
        offset: int,
        limit: int,
        result: SearchResult,
    ) -> tuple[Any, list[tuple[Any, float, bool]]]:
        """Like `_by_words`, by meaning: the `MEANING_HITS` articles nearest the
        question; with *mode* "both", those and the matches of the words, ranked by the
        fusion of the two lists (each article's 1 / (`FUSION_K` + its rank) in each)."""

        vectors = self._vectors()
        question = self._question(question_text(node))
        closest, docs = self._closest(vectors, question, filters, MEANING_HITS)
        result.closest = MEANING_HITS
        base = filters or Filters()
        kept = frozenset(docs)
        near_m = self.store.match(Ask(Every(), True, ARTICLE, keep(replace(base, ids=kept))))
        if mode == "meaning":
            result.total = len(closest)
            if sort != "relevance":
                found = self.store.by_date(
                    near_m,
                    newest_first=sort == "date",
                    offset=offset,
                    limit=limit,
                    estimates=base.estimates,
                )
                return near_m, [(d, 0.0, True) for d in found]
            page = closest[offset : offset + limit]
            return near_m, [(docs[a], s, True) for a, s in page]
        words = SearchResult(query="")
        words_m, ranked = self._by_words(node, filters, "relevance", exact, 0, FUSED, words)
        shown = self.store.union(words_m, near_m)
        result.total = self.store.count(shown)
        if sort != "relevance":
            found = self.store.by_date(
                shown,
                newest_first=sort == "date",
                offset=offset,
                limit=limit,
                estimates=base.estimates,
            )
            return shown, [(d, 0.0, True) for d in found]
        fused: dict[str, float] = {}
        doc_of = dict(docs)
        for rank, (d, _s, _e) in enumerate(ranked):
            aid = self.store.stored(d)("aid")
            doc_of[aid] = d
            fused[aid] = fused.get(aid, 0.0) + 1.0 / (FUSION_K + rank + 1)
        for rank, (aid, _s) in enumerate(closest):
            fused[aid] = fused.get(aid, 0.0) + 1.0 / (FUSION_K + rank + 1)
        order = sorted(fused, key=lambda a: -fused[a])
        rows = [(doc_of[a], fused[a], True) for a in order[offset : offset + limit]]
        if len(rows) < limit and len(ranked) >= FUSED:
            # past the fused lists: the rest of the words' matches, in their order
            start = max(0, offset - len(order)) + FUSED
            rest = SearchResult(query="")
            _m, more = self._by_words(
                node, filters, "relevance", exact, start, limit + len(kept), rest
            )
            for d, _s, _e in more:
                if len(rows) >= limit:
                    break
                if self.store.stored(d)("aid") not in fused:
                    rows.append((d, 0.0, True))
        return shown, rows

    def _how_many(self, node: Node, keeps: tuple[FilterNode, ...], exact: bool) -> int:
        """How many articles the list would show for *node* within *keeps*."""
        exact_m, folded_m = self._passes(
            node, kind=ARTICLE, keeps=keeps, exact_only=exact, near=False
        )
        return self.store.count(self._shown(exact_m, folded_m))

    def _highlight(self, node: Node, strict: bool) -> Highlight:
        """What the snippets and the reader mark: each word of the query (not those it
        excludes), a phrase only where its words follow each other; a word typed with
        diacritics marks its spelling, and the others only as near matches unless
        *strict* (exact accents on); a prefix or a close spelling marks the words of the
        index it found."""
        words: set[str] = set()
        phrases: list[tuple[str, ...]] = []
        typed: dict[str, frozenset[str]] = {}

        def spelled(word: str) -> str:
            key = fold_term(word)
            if has_marks(word):
                typed[key] = typed.get(key, frozenset()) | {word.lower()}
            return key

        for leaf in positive_leaves(node):
            if isinstance(leaf, Phrase):
                phrases.append(tuple(spelled(w) for w in leaf.words))
                continue
            key = fold_term(leaf.text)
            if leaf.mode == "prefix":
                words.update(self.store.terms_with_prefix(key, folded=True, limit=MARKED_SPELLINGS))
            elif leaf.mode == "fuzzy":
                near = self.store.terms_near(key, folded=True, distance=leaf.distance)
                words.update(near[:MARKED_SPELLINGS])
                words.add(key)
            else:
                words.add(spelled(leaf.text))
        return Highlight(frozenset(words), tuple(phrases), typed, strict)

    def suggest(self, query: str) -> str | None:
        """A respelling of *query* from the index's words, or None.

        A word the index holds stays; another becomes one of the closest words the index
        holds (one edit, else two): of the `SUGGESTED` of them most articles hold, the
        one most articles hold next to its neighbours in the query (as a phrase with the
        word before, as respelled, and with the word after), then the one most articles
        hold. Typed with diacritics, the words are compared with them; else without.
        """
        node = parse(query)
        words = plain_words(node)
        if not words:
            return None
        folded = not typed_with_marks(node)
        out: list[str] = []
        changed = False
        for i, w in enumerate(words):
            key = fold_term(w) if folded else w
            if self.store.has_term(key, folded=folded):
                out.append(w)
                continue
            best = None
            for distance in (1, 2):
                near = self.store.terms_near(key, folded=folded, distance=distance)
                if near:
                    closest = min(edit_distance(key, t) for t in near)
                    freq = {
                        t: self.store.doc_freq(t, folded=folded)
                        for t in near
                        if edit_distance(key, t) == closest
                    }
                    candidates = sorted(freq, key=lambda t: (-freq[t], t))[:SUGGESTED]
                    before = out[i - 1] if i else None
                    after = words[i + 1] if i + 1 < len(words) else None
                    best = candidates[0]
                    if len(candidates) > 1 and (before or after):
                        beside = {t: self._beside(t, before, after) for t in candidates}
                        best = min(candidates, key=lambda t: (-beside[t], -freq[t], t))
                    break
            if best is not None and best != key:
                out.append(best)
                changed = True
            else:
                out.append(w)
        return " ".join(out) if changed else None

    def _beside(self, word: str, before: str | None, after: str | None) -> int:
        """How many articles hold *word* right after *before* plus right before *after*
        (0 without neighbours)."""
        pairs = [f'"{before} {word}"'] if before else []
        pairs += [f'"{word} {after}"'] if after else []
        return sum(self._how_many(parse(pair), (), False) for pair in pairs)

    def more_like_result(self, article_id: str, *, limit: int = 10) -> SearchResult:
        """`more_like` as a list of its own (mode ``like``): its hits, and the facets
        counted over them (what the list holds, not the archive)."""
        started = time.perf_counter()
        hits = self.more_like(article_id, limit=limit)
        result = SearchResult(query="", total=len(hits), hits=hits, pagesize=max(1, limit))
        result.mode = "like"
        if hits:
            ids = frozenset(h.id for h in hits)
            shown = self.store.match(Ask(Every(), True, ARTICLE, (Among(ids),)))
            result.facets = shaped(self.store.facets(shown))
        result.seconds = time.perf_counter() - started
        return result

    def more_like(self, article_id: str, *, limit: int = 10) -> list[Hit]:
        """Articles most like *article_id*: nearest in meaning when the archive has
        vectors (its own among them), with their openings as snippets; else by its
        words (`more_like_words`)."""
        from tangthu.index.meaning import MeaningMissing

        try:
            vectors = self._vectors()
        except MeaningMissing:
            return self.more_like_words(article_id, limit=limit)
        own = vectors.vector(article_id)
        if own is None:
            return self.more_like_words(article_id, limit=limit)
        closest, docs = self._closest(vectors, own, None, limit + 1)
        hits = [
            stored_hit(self.store.stored(docs[a]), self.root, score, False, Highlight())
            for a, score in closest
            if a != article_id
        ]
        return hits[:limit]

    def more_like_words(self, article_id: str, *, limit: int = 10) -> list[Hit]:
        """Articles whose words are most like those of *article_id*: its words weighed
        by how often it uses them and how rare they are in the archive, the strongest
        searched for together."""
        text = article_body(self.root, article_id)
        if not text:
            return []
        counts: dict[str, int] = {}
        for term, _pos in tokens(text, folded=True):
            if term.isalpha() and len(term) > 1:
                counts[term] = counts.get(term, 0) + 1
        n = max(self.store.count_of(ARTICLE), 1)
        weights = []
        for term, tf in counts.items():
            df = self.store.doc_freq(term, folded=True)
            if df:
                weights.append((tf * math.log(1 + n / df), term))
        best = [t for _w, t in sorted(weights, reverse=True)[:LIKE_WORDS]]
        if not best:
            return []
        like = self.store.match(Ask(Or(tuple(Word(t) for t in best)), True, ARTICLE))
        hits = [
            stored_hit(self.store.stored(d), self.root, score, False, None)
            for d, score in self.store.top(like, 0, limit + 1)
        ]
        return [h for h in hits if h.id != article_id][:limit]

    def link_related(self, article: Article) -> Article:
        """*article* with each related item linked to the archive article of that title."""
        if not article.related:
            return article
        items = []
        for item in article.related:
            found = self.store.with_title(title_key(item.title))
            items.append(replace(item, id=found) if found and found != article.id else item)
        return replace(article, related=tuple(items))

    # -- photos

    def search_photos(
        self, query: str, *, filters: Filters | None = None, page: int = 1, pagesize: int = 60
    ) -> SearchResult:
        """Photos whose captions (the article's, or embedded ones) match *query*: exact
        spellings first as for articles; without words, the newest first."""
        started = time.perf_counter()
        page = max(1, page)
        result = SearchResult(query=query, page=page, pagesize=pagesize)
        node = in_captions(parse(query))
        exact_m, folded_m = self._passes(
            node, kind=PHOTO, keeps=keep(filters), exact_only=False, near=False
        )
        shown = self._shown(exact_m, folded_m)
        result.total = self.store.count(shown)
        exact_total = None if exact_m is None else self.store.count(exact_m)
        sort = "date" if isinstance(node, Every) else "relevance"
        rows, _n = self._page(exact_m, folded_m, exact_total, sort, (page - 1) * pagesize, pagesize)
        result.hits = [_photo_hit(self.store.stored(d), score) for d, score, _e in rows]
        result.seconds = time.perf_counter() - started
        return result
