"""Searching a tantivy index: the query tree compiled into tantivy's queries."""

from __future__ import annotations

import difflib
import math
import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Occur, Query

from tangthu.archive.model import Article
from tangthu.index.analysis import fold_term, tokens
from tangthu.index.documents import title_key
from tangthu.index.engine import (
    NONE,
    Filters,
    Hit,
    IndexMissing,
    PhotoHit,
    SearchResult,
    emptied_by,
    month_key,
    ordered_counts,
    stored_hit,
)
from tangthu.index.query import (
    And,
    Every,
    Node,
    Not,
    Or,
    Phrase,
    Word,
    in_captions,
    parse,
    plain_words,
    positive_leaves,
    typed_with_marks,
)
from tangthu.index.snippets import article_body
from tangthu.index.store import read_manifest
from tangthu.index.tantivy_engine.schema import (
    ARTICLE,
    FIELDS,
    PHOTO,
    date_number,
    open_index,
    title_hash,
)

TITLE_BOOST = 2.0
PHRASE_BOOST = 3.0
MAX_EXPANSIONS = 256


class TantivySearcher:
    """Searches one archive's tantivy index (see `index.engine.Searcher`)."""

    def __init__(self, index_path: str | Path, root: str | Path | None = None) -> None:
        self.index_path = Path(index_path)
        manifest = read_manifest(self.index_path)
        if manifest is None:
            raise IndexMissing(
                f"No usable index at {self.index_path}; run the index command.",
                path=str(self.index_path),
            )
        self.root = Path(root) if root is not None else Path(manifest.get("root") or ".")
        try:
            self._index = open_index(str(self.index_path))
        except Exception as exc:  # damaged files: say so instead of a traceback
            raise IndexMissing(
                f"The index at {self.index_path} cannot be opened ({exc}); run index --rebuild.",
                code="index-damaged",
                path=str(self.index_path),
            ) from exc
        self._schema = self._index.schema
        self._searcher = self._index.searcher()
        self._articles: int | None = None

    # -- lifecycle

    def refresh(self) -> bool:
        before = self._searcher.num_docs
        self._index.reload()
        self._searcher = self._index.searcher()
        self._articles = None
        return bool(self._searcher.num_docs != before)

    def close(self) -> None:
        # tantivy closes its files (and stops watching the folder) when its objects
        # go: let them go now, not when the garbage collector comes by.
        self.__dict__.pop("_searcher", None)
        self.__dict__.pop("_index", None)

    def __enter__(self) -> TantivySearcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _count(self, query: Query) -> int:
        found = self._searcher.search(query, limit=1, count=True)
        return int(found.count or 0)  # type: ignore[attr-defined]

    def article_count(self) -> int:
        if self._articles is None:
            self._articles = self._count(self._kind(ARTICLE))
        return self._articles

    def photo_count(self) -> int:
        return self._count(self._kind(PHOTO))

    def fingerprints(self) -> dict[str, str]:
        q = self._kind(ARTICLE)
        n = self._count(q)
        out = {}
        for _score, addr in self._searcher.search(q, limit=max(n, 1)).hits:
            d = self._searcher.doc(addr)
            out[_first(d, "aid")] = _first(d, "fingerprint")
        return out

    # -- compiling

    def _kind(self, kind: int) -> Query:
        return Query.term_query(self._schema, "kind", kind)

    def _field(self, name: str, folded: bool) -> str:
        exact, fold = FIELDS.get(name, FIELDS["text"])
        return fold if folded else exact

    def _word(self, word: Word, folded: bool, title_boost: bool) -> Query:
        field = self._field(word.field, folded)
        text = fold_term(word.text) if folded else word.text
        if word.mode == "prefix":
            q = Query.regex_query(self._schema, field, re.escape(text) + ".*")
        elif word.mode == "fuzzy":
            q = Query.fuzzy_term_query(self._schema, field, text, distance=word.distance)
        else:
            q = Query.term_query(self._schema, field, text)
        if word.field == "text" and not word.mode:  # a part of a code counts as a word
            part = Query.term_query(self._schema, "wp" if folded else "xp", text)
            q = Query.boolean_query([(Occur.Should, q), (Occur.Should, part)])
        if title_boost and word.field == "text" and not word.mode:
            title = Query.term_query(self._schema, self._field("title", folded), text)
            q = Query.boolean_query(
                [(Occur.Must, q), (Occur.Should, Query.boost_query(title, TITLE_BOOST))]
            )
        return q

    def _compile(self, node: Node, folded: bool, title_boost: bool = True) -> Query:
        if isinstance(node, Every):
            return Query.all_query()
        if isinstance(node, Word):
            return self._word(node, folded, title_boost)
        if isinstance(node, Phrase):
            words: list[str | tuple[int, str]] = [fold_term(w) if folded else w for w in node.words]
            return Query.phrase_query(self._schema, self._field(node.field, folded), words)
        if isinstance(node, And):
            parts = []
            for p in node.parts:
                if isinstance(p, Not):
                    parts.append((Occur.MustNot, self._compile(p.part, folded, False)))
                else:
                    parts.append((Occur.Must, self._compile(p, folded, title_boost)))
            if all(o == Occur.MustNot for o, _q in parts):
                parts.append((Occur.Must, Query.all_query()))
            return Query.boolean_query(parts)
        if isinstance(node, Or):
            return Query.boolean_query(
                [(Occur.Should, self._compile(p, folded, title_boost)) for p in node.parts]
            )
        if isinstance(node, Not):
            return Query.boolean_query(
                [(Occur.Must, Query.all_query()), (Occur.MustNot, self._compile(node.part, folded))]
            )
        raise TypeError(node)  # pragma: no cover

    def _ranked(self, node: Node, folded: bool) -> Query:
        """The query, with the words side by side ranking above the same words scattered."""
        q = self._compile(node, folded)
        words = plain_words(node)
        if words and 1 < len(words) <= 16:
            phrase = Query.phrase_query(
                self._schema,
                self._field("text", folded),
                [fold_term(w) if folded else w for w in words],
            )
            q = Query.boolean_query(
                [(Occur.Must, q), (Occur.Should, Query.boost_query(phrase, PHRASE_BOOST))]
            )
        return q

    def _filter(self, filters: Filters | None, kind: int) -> list[tuple[Any, Query]]:
        f = filters or Filters()
        out = [(Occur.Must, self._kind(kind))]
        if f.date_from or f.date_to:
            out.append(
                (
                    Occur.Must,
                    Query.range_query(
                        self._schema,
                        "date_n",
                        tantivy.FieldType.Integer,
                        lower_bound=date_number(f.date_from) if f.date_from else 1,
                        upper_bound=date_number(f.date_to) if f.date_to else 99999999,
                    ),
                )
            )
        if f.outlet:
            out.append((Occur.Must, Query.term_query(self._schema, "outlet_key", f.outlet)))
        if f.year:
            year = 0 if f.year == NONE else int(f.year) if f.year.isdigit() else -1
            out.append((Occur.Must, Query.term_query(self._schema, "year", year)))
        if f.has_photos:
            out.append((Occur.Must, Query.term_query(self._schema, "has_photos", 1)))
        if f.ids is not None:
            ids = sorted(f.ids)  # those documents, and the photos of those articles
            either = [
                (Occur.Should, Query.term_set_query(self._schema, field, ids))
                for field in ("id", "aid")
            ]
            out.append((Occur.Must, Query.boolean_query(either)))
        return out

    def _within(self, q: Query, filters: Filters | None, kind: int) -> Query:
        return Query.boolean_query([(Occur.Must, q), *self._filter(filters, kind)])

    # -- searching

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
    ) -> SearchResult:
        started = time.perf_counter()
        page = max(1, page)
        offset = (page - 1) * pagesize
        result = SearchResult(query=query, page=page, pagesize=pagesize, exact_only=exact)
        node = parse(query)
        wordless = isinstance(node, Every)
        marked = not wordless and typed_with_marks(node)
        if sort == "relevance" and wordless:
            sort = "date"
        e_q: Query | None = None
        f_q: Query | None = None
        if not wordless and (exact or marked):
            e_q = self._within(self._ranked(node, False), filters, ARTICLE)
        if wordless or not exact:
            f_q = self._within(self._ranked(node, True), filters, ARTICLE)
        if e_q is not None and f_q is not None:
            shown: Query = Query.boolean_query([(Occur.Should, e_q), (Occur.Should, f_q)])
        elif e_q is not None:
            shown = e_q
        else:
            assert f_q is not None
            shown = f_q
        result.total = self._count(shown)
        if e_q is not None:
            result.exact_total = result.total if f_q is None else self._count(e_q)
        rows: list[tuple[float, Any, bool]] = []
        if sort in ("date", "date-asc"):
            rows = self._by_date(shown, sort, offset, pagesize)
            if e_q is not None and f_q is not None and rows:
                exact_ids = self._addresses_in(e_q, [a for _s, a, _e in rows])
                rows = [(s, a, a_key(a) in exact_ids) for s, a, _e in rows]
            elif e_q is not None:
                rows = [(s, a, True) for s, a, _e in rows]
        else:
            first = e_q if e_q is not None else f_q
            assert first is not None
            top = self._searcher.search(first, limit=offset + pagesize, count=False).hits
            rows = [(s, a, e_q is not None) for s, a in top[offset : offset + pagesize]]
            if e_q is not None and f_q is not None and len(rows) < pagesize:
                rest = Query.boolean_query([(Occur.Must, f_q), (Occur.MustNot, e_q)])
                start = max(0, offset - (result.exact_total or 0))
                more = self._searcher.search(rest, limit=start + pagesize - len(rows), count=False)
                rows += [(s, a, False) for s, a in more.hits[start:]]
        terms = self._marked_terms(node) if snippets else set()
        result.terms = terms
        result.hits = [self._hit(s, a, e, terms if snippets else None) for s, a, e in rows]
        result.indexed = self.article_count()
        if facets:
            result.facets = self._facets(shown)
        if result.total == 0:
            if not wordless:
                result.suggestion = self.suggest(query)
            result.emptied_by = emptied_by(
                filters, lambda f: self._count_words(node, f, exact, marked)
            )
        result.seconds = time.perf_counter() - started
        return result

    def _by_date(
        self, q: Query, sort: str, offset: int, pagesize: int
    ) -> list[tuple[float, Any, bool]]:
        order = tantivy.Order.Desc if sort == "date" else tantivy.Order.Asc
        dated = Query.boolean_query(
            [
                (Occur.Must, q),
                (
                    Occur.Must,
                    Query.range_query(
                        self._schema, "date_n", tantivy.FieldType.Integer, 1, 99999999
                    ),
                ),
            ]
        )
        n_dated = self._count(dated)
        rows: list[tuple[float, Any, bool]] = []
        if offset < n_dated:
            found = self._searcher.search(
                dated,
                limit=pagesize,
                offset=offset,
                order_by_field="date_n",
                order=order,
                count=False,
            )
            rows = [(0.0, a, False) for _s, a in found.hits]
        if len(rows) < pagesize:  # the undated last
            undated = Query.boolean_query(
                [(Occur.Must, q), (Occur.Must, Query.term_query(self._schema, "date_n", 0))]
            )
            start = max(0, offset - n_dated)
            found = self._searcher.search(
                undated, limit=pagesize - len(rows), offset=start, count=False
            )
            rows += [(0.0, a, False) for _s, a in found.hits]
        return rows

    def _addresses_in(self, q: Query, addresses: list[Any]) -> set[tuple[int, int]]:
        ids = [_first(self._searcher.doc(a), "id") for a in addresses]
        limited = Query.boolean_query(
            [(Occur.Must, q), (Occur.Must, Query.term_set_query(self._schema, "id", ids))]
        )
        found = self._searcher.search(limited, limit=max(1, len(ids)), count=False).hits
        return {a_key(a) for _s, a in found}

    def _hit(self, score: float, address: Any, exact: bool, terms: set[str] | None) -> Hit:
        d = self._searcher.doc(address)
        return stored_hit(lambda name: _first(d, name), self.root, score, exact, terms)

    def _marked_terms(self, node: Node) -> set[str]:
        out: set[str] = set()
        for leaf in positive_leaves(node):
            words = leaf.words if isinstance(leaf, Phrase) else (leaf.text,)
            for w in words:
                if isinstance(leaf, Word) and leaf.mode == "prefix":
                    field = self._field(leaf.field, True)
                    found = self._searcher.terms_with_prefix(field, fold_term(w), limit=64)
                    out.update(str(term) for term, _df in found)
                else:
                    out.add(fold_term(w))
        return out

    def _facets(self, q: Query) -> dict[str, dict[str, int]]:
        agg = {
            "outlet": {"terms": {"field": "outlet_key", "size": 100000}},
            "year": {"terms": {"field": "year", "size": 100000}},
            "month": {"histogram": {"field": "date_n", "interval": 100, "min_doc_count": 1}},
        }
        found = self._searcher.aggregate(q, agg)
        outlets = {str(b["key"]): int(b["doc_count"]) for b in found["outlet"]["buckets"]}
        years: dict[str, int] = {}
        for b in found["year"]["buckets"]:
            key = int(b["key"])
            name = str(key) if key else NONE
            years[name] = years.get(name, 0) + int(b["doc_count"])
        months: dict[str, int] = {}
        for b in found["month"]["buckets"]:
            ym = int(b["key"]) // 100
            if ym and int(b["doc_count"]):
                months[month_key(ym)] = months.get(month_key(ym), 0) + int(b["doc_count"])
        return {
            "outlet": ordered_counts(outlets),
            "year": ordered_counts(years),
            "month": dict(sorted(months.items())),
        }

    def _count_words(self, node: Node, filters: Filters | None, exact: bool, marked: bool) -> int:
        """How many articles the list would show for *node* under *filters*."""
        modes = (False,) if exact else (True, False) if marked else (True,)
        qs = [(Occur.Should, self._within(self._compile(node, m), filters, ARTICLE)) for m in modes]
        return self._count(Query.boolean_query(qs))

    def suggest(self, query: str) -> str | None:
        node = parse(query)
        words = plain_words(node)
        if not words:
            return None
        marked = typed_with_marks(node)
        field = self._field("text", not marked)
        out, changed = [], False
        for w in words:
            key = w if marked else fold_term(w)
            if self._searcher.doc_freq(field, key):
                out.append(w)
                continue
            pool = [
                str(t) for t, _df in self._searcher.terms_with_prefix(field, key[:1], limit=200000)
            ]
            close = difflib.get_close_matches(key, pool, n=1, cutoff=0.6)
            if close:
                out.append(str(close[0]))
                changed = True
            else:
                out.append(w)
        return " ".join(out) if changed else None

    def search_photos(
        self, query: str, *, filters: Filters | None = None, page: int = 1, pagesize: int = 60
    ) -> SearchResult:
        started = time.perf_counter()
        page = max(1, page)
        offset = (page - 1) * pagesize
        result = SearchResult(query=query, page=page, pagesize=pagesize)
        node = in_captions(parse(query))
        marked = typed_with_marks(node)
        q = self._within(self._compile(node, True, False), filters, PHOTO)
        if marked:
            q = Query.boolean_query(
                [
                    (Occur.Should, q),
                    (Occur.Should, self._within(self._compile(node, False, False), filters, PHOTO)),
                ]
            )
        result.total = self._count(q)
        if isinstance(node, Every):
            rows = self._by_date(q, "date", offset, pagesize)
            hits = [(s, a) for s, a, _e in rows]
        else:
            hits = self._searcher.search(q, limit=offset + pagesize, count=False).hits[offset:]
        for score, addr in hits:
            d = self._searcher.doc(addr)
            result.hits.append(
                PhotoHit(
                    article_id=_first(d, "aid"),
                    file=_first(d, "file"),
                    caption=_first(d, "photo_caption"),
                    score=float(score),
                    title=_first(d, "atitle"),
                    date=_first(d, "date") or None,
                    folder=_first(d, "folder"),
                    taken=_first(d, "taken") or None,
                    embedded_caption=_first(d, "embedded"),
                )
            )
        result.seconds = time.perf_counter() - started
        return result

    def more_like(self, article_id: str, *, limit: int = 10) -> list[Hit]:
        """Articles whose words are most like those of *article_id*."""
        text = article_body(self.root, article_id)
        if not text:
            return []
        counts: dict[str, int] = {}
        for term, _pos in tokens(text, folded=True):
            if term.isalpha() and len(term) > 1:
                counts[term] = counts.get(term, 0) + 1
        n = max(self.article_count(), 1)
        weights = []
        for term, tf in counts.items():
            df = self._searcher.doc_freq("w", term)
            if df:
                weights.append((tf * math.log(1 + n / df), term))
        best = [t for _w, t in sorted(weights, reverse=True)[:12]]
        if not best:
            return []
        like = Query.boolean_query(
            [(Occur.Should, Query.term_query(self._schema, "w", t)) for t in best]
        )
        found = self._searcher.search(self._within(like, None, ARTICLE), limit=limit + 1)
        out = [self._hit(s, a, False, None) for s, a in found.hits]
        return [h for h in out if h.id != article_id][:limit]

    def link_related(self, article: Article) -> Article:
        if not article.related:
            return article
        items = []
        for item in article.related:
            q = self._within(
                Query.term_query(self._schema, "title_key", title_hash(title_key(item.title))),
                None,
                ARTICLE,
            )
            hits = self._searcher.search(q, limit=1, count=False).hits
            found = _first(self._searcher.doc(hits[0][1]), "aid") if hits else None
            items.append(replace(item, id=found) if found and found != article.id else item)
        return replace(article, related=tuple(items))


def _first(doc: Any, name: str) -> Any:
    value = doc.get_first(name)
    return "" if value is None else value


def a_key(address: Any) -> tuple[int, int]:
    return (address.segment_ord, address.doc)
