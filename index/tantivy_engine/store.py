"""A tantivy index: the engine's primitives (`index.engine.Store`), each a tantivy query
or a call on one. A set of matches is a query not yet run (two: one ranks, one counts);
counts, top documents, date order and facets are tantivy's own. The rules of a search
are `index.service`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Occur, Query

from tangthu.index.analysis import edit_distance, fold_term
from tangthu.index.engine import (
    ARTICLE,
    KEYWORDS,
    Among,
    Ask,
    Facets,
    FilterNode,
    Keyword,
    WithPhotos,
    Year,
)
from tangthu.index.query import And, Every, Node, Not, Or, Phrase, Word
from tangthu.index.store import archive_root, damaged
from tangthu.index.tantivy_engine.schema import FIELDS, date_number, open_index, title_hash

TITLE_BOOST = 2.0
PHRASE_BOOST = 3.0
#: Terms with a word's first letter looked through for a suggestion, at most.
NEAR_POOL = 200_000


@dataclass(frozen=True, slots=True)
class Matches:
    """Matches not yet run: *rank* orders them (the words side by side weigh more: a
    phrase to check in every document); *plain* is the same documents, to count, facet
    and order by date without checking any phrase."""

    rank: Query
    plain: Query


class TantivyStore:
    """One archive's tantivy index (see `index.engine.Store`)."""

    def __init__(self, index_path: str | Path, root: str | Path | None = None) -> None:
        self.index_path = Path(index_path)
        self.root = archive_root(self.index_path, root)
        try:
            self._index = open_index(str(self.index_path))
        except Exception as exc:  # damaged files: say so instead of a traceback
            raise damaged(self.index_path, exc) from exc
        self._schema = self._index.schema
        self._searcher = self._index.searcher()
        self._articles: int | None = None
        self._dated = Query.range_query(
            self._schema, "date_n", tantivy.FieldType.Integer, 1, 99999999
        )
        self._estimated = Query.term_query(self._schema, "dated_key", "estimate")

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

    def count_of(self, kind: int) -> int:
        if kind != ARTICLE:
            return self._count(self._kind(kind))
        if self._articles is None:
            self._articles = self._count(self._kind(ARTICLE))
        return self._articles

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

    def _filter(self, keep: tuple[FilterNode, ...], kind: int) -> list[tuple[Any, Query]]:
        out = [(Occur.Must, self._kind(kind))]
        for node in keep:
            out += self._clauses(node)
        return out

    def _clauses(self, node: FilterNode) -> list[tuple[Any, Query]]:
        """The filter *node* as clauses of a boolean query."""
        schema = self._schema
        if isinstance(node, Keyword):
            return [(Occur.Must, Query.term_query(schema, f"{node.field}_key", node.value))]
        if isinstance(node, WithPhotos):
            return [(Occur.Must, Query.term_query(schema, "has_photos", 1))]
        if isinstance(node, Among):
            ids = sorted(node.ids)  # those documents, and the photos of those articles
            either = [
                (Occur.Should, Query.term_set_query(schema, field, ids)) for field in ("id", "aid")
            ]
            return [(Occur.Must, Query.boolean_query(either))]
        if isinstance(node, Year):
            year = Query.term_query(schema, "year", node.year)
            if node.estimates:
                return [(Occur.Must, year)]
            if node.year == 0:  # an estimated date counts as none
                either = [(Occur.Should, year), (Occur.Should, self._estimated)]
                return [(Occur.Must, Query.boolean_query(either))]
            return [(Occur.Must, year), (Occur.MustNot, self._estimated)]
        span = Query.range_query(
            schema,
            "date_n",
            tantivy.FieldType.Integer,
            lower_bound=date_number(node.first) if node.first else 1,
            upper_bound=date_number(node.last) if node.last else 99999999,
        )
        out = [(Occur.Must, span)]
        return out if node.estimates else [*out, (Occur.MustNot, self._estimated)]

    # -- the primitives of a search

    def match(self, ask: Ask) -> Matches:
        q = self._compile(ask.node, ask.folded)
        filters = self._filter(ask.keep, ask.kind)
        plain = Query.boolean_query([(Occur.Must, q), *filters])
        if not ask.near:
            return Matches(plain, plain)
        # the words side by side rank above the same words scattered
        phrase = Query.phrase_query(
            self._schema,
            self._field("text", ask.folded),
            [fold_term(w) if ask.folded else w for w in ask.near],
        )
        ranked = Query.boolean_query(
            [(Occur.Must, q), (Occur.Should, Query.boost_query(phrase, PHRASE_BOOST))]
        )
        return Matches(Query.boolean_query([(Occur.Must, ranked), *filters]), plain)

    def union(self, first: Matches, second: Matches) -> Matches:
        return Matches(
            Query.boolean_query([(Occur.Should, first.rank), (Occur.Should, second.rank)]),
            Query.boolean_query([(Occur.Should, first.plain), (Occur.Should, second.plain)]),
        )

    def minus(self, first: Matches, second: Matches) -> Matches:
        return Matches(
            Query.boolean_query([(Occur.Must, first.rank), (Occur.MustNot, second.plain)]),
            Query.boolean_query([(Occur.Must, first.plain), (Occur.MustNot, second.plain)]),
        )

    def count(self, matches: Matches) -> int:
        return self._count(matches.plain)

    def _count(self, query: Query) -> int:
        found = self._searcher.search(query, limit=1, count=True)
        return int(found.count or 0)  # type: ignore[attr-defined]

    def top(self, matches: Matches, offset: int, limit: int) -> list[tuple[Any, float]]:
        if limit <= 0:
            return []
        hits = self._searcher.search(matches.rank, limit=limit, offset=offset, count=False).hits
        return [(address, float(score)) for score, address in hits]

    def top_counted(
        self, matches: Matches, offset: int, limit: int
    ) -> tuple[list[tuple[Any, float]], int]:
        found = self._searcher.search(matches.rank, limit=max(limit, 1), offset=offset, count=True)
        rows = [(address, float(score)) for score, address in found.hits][: max(limit, 0)]
        return rows, int(found.count or 0)  # type: ignore[attr-defined]

    def by_date(
        self,
        matches: Matches,
        *,
        newest_first: bool,
        offset: int,
        limit: int,
        estimates: bool = True,
    ) -> list[Any]:
        order = tantivy.Order.Desc if newest_first else tantivy.Order.Asc
        dated_parts = [(Occur.Must, matches.plain), (Occur.Must, self._dated)]
        undated_part: Query = Query.term_query(self._schema, "date_n", 0)
        if not estimates:  # an estimated date counts as none: with the undated, last
            dated_parts.append((Occur.MustNot, self._estimated))
            undated_part = Query.boolean_query(
                [(Occur.Should, undated_part), (Occur.Should, self._estimated)]
            )
        dated = Query.boolean_query(dated_parts)
        # one pass ranks the dated ones and counts them (where the undated begin)
        found = self._searcher.search(
            dated, limit=max(limit, 1), offset=offset, order_by_field="date_n", order=order
        )
        n_dated = int(found.count or 0)  # type: ignore[attr-defined]
        rows: list[Any] = [a for _s, a in found.hits][: max(limit, 0)]
        if len(rows) < limit:  # the undated last
            undated = Query.boolean_query([(Occur.Must, matches.plain), (Occur.Must, undated_part)])
            start = max(0, offset - n_dated)
            found = self._searcher.search(undated, limit=limit - len(rows), offset=start)
            rows += [a for _s, a in found.hits]
        return rows

    def among(self, matches: Matches, docs: list[Any]) -> list[bool]:
        if not docs:
            return []
        ids = [_first(self._searcher.doc(a), "id") for a in docs]
        limited = Query.boolean_query(
            [
                (Occur.Must, matches.plain),
                (Occur.Must, Query.term_set_query(self._schema, "id", ids)),
            ]
        )
        found = self._searcher.search(limited, limit=len(ids), count=False).hits
        inside = {_key(a) for _s, a in found}
        return [_key(a) in inside for a in docs]

    def stored(self, doc: Any) -> Callable[[str], Any]:
        d = self._searcher.doc(doc)
        return lambda name: _first(d, name)

    def facets(self, matches: Matches, *, estimates: bool = True) -> Facets:
        agg: dict[str, Any] = {
            name: {"terms": {"field": f"{name}_key", "size": 100000}} for name in KEYWORDS
        }
        agg["year"] = {"terms": {"field": "year", "size": 100000}}
        agg["month"] = {"histogram": {"field": "date_n", "interval": 100, "min_doc_count": 1}}
        found = self._searcher.aggregate(matches.plain, agg)
        out = Facets()
        for name in KEYWORDS:
            for b in found[name]["buckets"]:
                out.count(name, str(b["key"]), int(b["doc_count"]))
        estimated = out.keywords.get("dated", {}).get("estimate", 0)
        if not estimates and estimated:
            # the dates of the estimated ones count as none
            dated = Query.boolean_query(
                [(Occur.Must, matches.plain), (Occur.MustNot, self._estimated)]
            )
            found = self._searcher.aggregate(dated, {k: agg[k] for k in ("year", "month")})
            out.years[0] = out.months[0] = estimated
        for b in found["year"]["buckets"]:
            out.years[int(b["key"])] = out.years.get(int(b["key"]), 0) + int(b["doc_count"])
        for b in found["month"]["buckets"]:
            ym = int(b["key"]) // 100
            out.months[ym] = out.months.get(ym, 0) + int(b["doc_count"])
        return out

    # -- terms

    def _text_field(self, folded: bool) -> str:
        return self._field("text", folded)

    def has_term(self, term: str, *, folded: bool) -> bool:
        return self.doc_freq(term, folded=folded) > 0

    def doc_freq(self, term: str, *, folded: bool) -> int:
        return int(self._searcher.doc_freq(self._text_field(folded), term))

    def terms_with_prefix(self, prefix: str, *, folded: bool, limit: int) -> list[str]:
        found = self._searcher.terms_with_prefix(self._text_field(folded), prefix, limit=limit)
        return sorted(str(term) for term, _df in found)

    def terms_near(self, term: str, *, folded: bool, distance: int) -> list[str]:
        if not term:
            return []
        pool = self._searcher.terms_with_prefix(self._text_field(folded), term[:1], limit=NEAR_POOL)
        return sorted(
            str(t)
            for t, _df in pool
            if t != term
            and abs(len(t) - len(term)) <= distance
            and edit_distance(term, str(t)) <= distance
        )

    def with_title(self, key: str) -> str | None:
        q = Query.boolean_query(
            [
                (Occur.Must, Query.term_query(self._schema, "title_key", title_hash(key))),
                (Occur.Must, self._kind(ARTICLE)),
            ]
        )
        hits = self._searcher.search(q, limit=1, count=False).hits
        return str(_first(self._searcher.doc(hits[0][1]), "aid")) if hits else None


def _first(doc: Any, name: str) -> Any:
    value = doc.get_first(name)
    return "" if value is None else value


def _key(address: Any) -> tuple[int, int]:
    return (address.segment_ord, address.doc)
