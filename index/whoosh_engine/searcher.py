"""Searching a Whoosh index: the query tree evaluated on arrays, segment by segment.

Whoosh stores and reads the index; the postings of each term come out as arrays
(`postings.read`) and everything else is arithmetic on arrays: AND is an
intersection, a phrase an intersection of positions, BM25 a vector expression,
filters, facets and dates per-document arrays (`docvalues`). Only the rows shown
touch Python objects: their stored fields, and their snippets, read from the
article files.

Diacritics: a query typed with them is evaluated twice, on the exact spellings
and on the folded words (the union of all spellings of each word). Exact matches
rank first; totals say how many of each there are (DESIGN.md, "Search behaviour").
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
from whoosh import index as whoosh_index
from whoosh.reading import TermNotFound

from tangthu.archive.model import Article
from tangthu.index.analysis import fold_term, tokens
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
    QueryError,
    Word,
    in_captions,
    parse,
    plain_words,
    positive_leaves,
    typed_with_marks,
)
from tangthu.index.snippets import article_body
from tangthu.index.store import read_manifest
from tangthu.index.whoosh_engine import docvalues, postings
from tangthu.index.whoosh_engine.schema import ARTICLE, FIELD_OF, PHOTO, SEPARATOR, title_hash

IntArray: TypeAlias = npt.NDArray[np.int64]
FloatArray: TypeAlias = npt.NDArray[np.float64]

K1, B = 1.2, 0.75
TITLE_WEIGHT = 2.0
PHRASE_WEIGHT = 3.0
MAX_EXPANSIONS = 256  # spellings a word* or word~ may stand for
TERM_CACHE = 256  # decoded postings kept between searches (per segment and term)


@dataclass(slots=True)
class _Segment:
    reader: Any
    base: int
    values: docvalues.DocValues
    live: npt.NDArray[np.bool_]
    id: str


BoolArray: TypeAlias = npt.NDArray[np.bool_]


@dataclass(slots=True)
class _Match:
    """The documents of one segment a query part matches, as dense arrays: a flag
    and a score per document (0 where it does not match). A segment holds at most
    some tens of thousands of documents: whole-array operations beat set operations."""

    hit: BoolArray
    score: FloatArray

    @staticmethod
    def of(size: int, docs: IntArray, scores: FloatArray) -> _Match:
        hit = np.zeros(size, np.bool_)
        score = np.zeros(size, np.float64)
        hit[docs] = True
        score[docs] = scores
        return _Match(hit, score)

    @property
    def docs(self) -> IntArray:
        return np.flatnonzero(self.hit).astype(np.int64)

    def count(self) -> int:
        return int(np.count_nonzero(self.hit))


def _and(a: _Match, b: _Match) -> _Match:
    hit = a.hit & b.hit
    return _Match(hit, np.where(hit, a.score + b.score, 0.0))


def _or(parts: list[_Match]) -> _Match:
    hit = parts[0].hit.copy()
    score = parts[0].score.copy()
    for p in parts[1:]:
        hit |= p.hit
        score += p.score
    return _Match(hit, score)


def _without(a: _Match, b: _Match) -> _Match:
    hit = a.hit & ~b.hit
    return _Match(hit, np.where(hit, a.score, 0.0))


def _common(a: IntArray, b: IntArray) -> IntArray:
    """The values in both sorted unique arrays."""
    return a[np.isin(a, b, assume_unique=True)]


class WhooshSearcher:
    """Searches one archive's Whoosh index (see `index.engine.Searcher`)."""

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
            self._ix = whoosh_index.open_dir(str(self.index_path))
            self._searcher = self._ix.searcher()
        except Exception as exc:  # damaged files: say so instead of a traceback
            raise IndexMissing(
                f"The index at {self.index_path} cannot be opened ({exc}); run index --rebuild.",
                code="index-damaged",
                path=str(self.index_path),
            ) from exc
        self._values: dict[str, docvalues.DocValues] = {}
        self._cache: OrderedDict[tuple[str, str, str], postings.Postings] = OrderedDict()
        self._spellings: dict[str, list[str]] = {}
        self._load()

    # -- lifecycle

    def _load(self) -> None:
        reader = self._searcher.reader()
        leaves = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
        self._segments: list[_Segment] = []
        seen = set()
        for leaf, base in leaves:
            seg_id = leaf.segment().segment_id()
            seen.add(seg_id)
            values = self._values.get(seg_id) or docvalues.load(self.index_path, seg_id)
            if values is None or len(values) != leaf.doc_count_all():
                values = docvalues.from_segment_reader(leaf)
            self._values[seg_id] = values
            live = np.ones(len(values), dtype=np.bool_)
            deleted = list(leaf.segment().deleted_docs()) if leaf.has_deletions() else []
            if deleted:
                live[np.array(deleted, dtype=np.int64)] = False
            self._segments.append(_Segment(leaf, base, values, live, seg_id))
        for gone in set(self._values) - seen:
            del self._values[gone]
        self._cache.clear()
        self._spellings.clear()
        articles = [s.values.length[(s.values.kind == ARTICLE) & s.live] for s in self._segments]
        photos = [s.values.length[(s.values.kind == PHOTO) & s.live] for s in self._segments]
        self._count = {ARTICLE: sum(len(a) for a in articles), PHOTO: sum(len(p) for p in photos)}
        self._avg = {
            ARTICLE: float(np.concatenate(articles).mean()) if self._count[ARTICLE] else 1.0,
            PHOTO: float(np.concatenate(photos).mean()) if self._count[PHOTO] else 1.0,
        }
        title = [s.values.title_length[(s.values.kind == ARTICLE) & s.live] for s in self._segments]
        self._avg_title = float(np.concatenate(title).mean()) if self._count[ARTICLE] else 1.0

    def refresh(self) -> bool:
        """See what the last commit wrote. Returns True when something changed."""
        if self._searcher.up_to_date():
            return False
        self._searcher = self._searcher.refresh()
        self._load()
        return True

    def close(self) -> None:
        self._searcher.close()
        self._ix.close()

    def __enter__(self) -> WhooshSearcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def article_count(self) -> int:
        return self._count[ARTICLE]

    def photo_count(self) -> int:
        return self._count[PHOTO]

    def fingerprints(self) -> dict[str, str]:
        """Article ID -> the fingerprint it was indexed with (read from every document)."""
        out = {}
        for seg in self._segments:
            for doc in np.flatnonzero(seg.live & (seg.values.kind == ARTICLE)).tolist():
                stored = seg.reader.stored_fields(doc)
                out[stored.get("aid") or ""] = stored.get("fingerprint") or ""
        return out

    # -- terms

    def _postings(self, seg: _Segment, field: str, term: str) -> postings.Postings:
        key = (seg.id, field, term)
        found = self._cache.get(key)
        if found is None:
            found = postings.read(seg.reader, field, term)
            self._cache[key] = found
            if len(self._cache) > TERM_CACHE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return found

    def _spellings_of(self, word: str) -> list[str]:
        """The exact terms whose folded form is *word* (``doan`` -> ``đoàn``, ``đoán``…)."""
        found = self._spellings.get(word)
        if found is None:
            out = set(self._marked(word + SEPARATOR))
            key = word.encode("utf-8")
            if any(("x", key) in seg.reader._terms for seg in self._segments):
                out.add(word)  # spelled without marks
            found = self._spellings[word] = sorted(out)
        return found

    def _marked(self, prefix: str) -> list[str]:
        """The exact terms with diacritics whose folded form starts with *prefix*."""
        out: set[str] = set()
        for seg in self._segments:
            for key in seg.reader.expand_prefix("fx", prefix):
                out.add(_text(key).split(SEPARATOR, 1)[1])
                if len(out) > MAX_EXPANSIONS:
                    return sorted(out)
        return sorted(out)

    def _expand(self, word: Word, folded: bool) -> list[str]:
        """The exact terms a word of the query stands for."""
        field = FIELD_OF.get(word.field, "x")
        text = word.text
        if word.mode == "prefix":
            key = fold_term(text) if folded else text
            out: set[str] = set(self._marked(key)) if folded else set()
            for seg in self._segments:
                for term in seg.reader.expand_prefix(field, key):
                    term = _text(term)
                    if not folded or fold_term(term) == term:
                        out.add(term)
            return sorted(out)[:MAX_EXPANSIONS]
        if word.mode == "fuzzy":
            source = "fw" if folded else field
            key = fold_term(text) if folded else text
            near: set[str] = set()
            for seg in self._segments:
                near.update(_text(t) for t in seg.reader.terms_within(source, key, word.distance))
            if not folded:
                return sorted(near)[:MAX_EXPANSIONS]
            return sorted({s for w in near for s in self._spellings_of(w)})[:MAX_EXPANSIONS]
        return self._spellings_of(fold_term(text)) if folded else [text]

    # -- evaluation

    def _word_postings(self, seg: _Segment, field: str, terms: list[str]) -> postings.Postings:
        return postings.union([self._postings(seg, field, t) for t in terms], len(seg.live))

    def _bm25(
        self, seg: _Segment, docs: IntArray, freqs: IntArray, df: int, kind: int, field: str
    ) -> FloatArray:
        n = max(self._count[kind], 1)
        idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
        tf = freqs.astype(np.float64)
        if field == "x":
            norm = seg.values.length[docs] / self._avg[kind]
        elif field == "tx":
            norm = seg.values.title_length[docs] / self._avg_title
        else:
            norm = np.ones(len(docs))
        return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * norm))

    def _evaluate(self, node: Node, folded: bool, kind: int) -> list[_Match]:
        """The matches of *node*, one per segment."""
        if isinstance(node, Every):
            return [
                _Match(seg.live & (seg.values.kind == kind), np.zeros(len(seg.live)))
                for seg in self._segments
            ]
        if isinstance(node, Word):
            return self._evaluate_word(node, folded, kind)
        if isinstance(node, Phrase):
            return self._evaluate_phrase(node.words, FIELD_OF.get(node.field, "x"), folded, kind)
        if isinstance(node, And):
            positive: list[Node] = [p for p in node.parts if not isinstance(p, Not)]
            negative: list[Node] = [p.part for p in node.parts if isinstance(p, Not)]
            if not positive:
                positive = [Every()]
            result = self._evaluate(positive[0], folded, kind)
            for part in positive[1:]:
                result = [
                    _and(a, b)
                    for a, b in zip(result, self._evaluate(part, folded, kind), strict=True)
                ]
            for part in negative:
                result = [
                    _without(a, b)
                    for a, b in zip(result, self._evaluate(part, folded, kind), strict=True)
                ]
            return result
        if isinstance(node, Or):
            each = [self._evaluate(p, folded, kind) for p in node.parts]
            return [_or([e[i] for e in each]) for i in range(len(self._segments))]
        if isinstance(node, Not):
            return self._evaluate(And((Every(), node)), folded, kind)
        raise QueryError("The query could not be understood.")  # pragma: no cover

    def _evaluate_word(self, word: Word, folded: bool, kind: int) -> list[_Match]:
        field = FIELD_OF.get(word.field, "x")
        terms = self._expand(word, folded)
        found = [self._word_postings(s, field, terms) for s in self._segments]
        df = sum(int(s.live[p.docs].sum()) for s, p in zip(self._segments, found, strict=True))
        out = []
        for seg, post in zip(self._segments, found, strict=True):
            scores = self._bm25(seg, post.docs, post.freqs, df, kind, field)
            out.append(_Match.of(len(seg.live), post.docs, scores))
        if field == "x" and kind == ARTICLE:
            # A word in the title counts more. An article's text starts with its title,
            # so a first position before the title's length says the word is in it.
            titled = []
            for seg in self._segments:
                flags = np.zeros(len(seg.live), np.bool_)
                for term in terms:
                    post = self._postings(seg, field, term)
                    if len(post.docs) and post.gaps is not None:
                        first = post.gaps[np.cumsum(post.freqs) - post.freqs]
                        flags[post.docs[first < seg.values.title_length[post.docs]]] = True
                titled.append(np.flatnonzero(flags & seg.live))
            tdf = sum(len(t) for t in titled)
            for seg, docs, m in zip(self._segments, titled, out, strict=True):
                if len(docs):
                    bonus = self._bm25(seg, docs, np.ones(len(docs), np.int64), tdf, kind, "tx")
                    m.score[docs] += TITLE_WEIGHT * bonus
        return out

    def _occurrences(
        self, seg: _Segment, field: str, terms: list[str], docs: BoolArray
    ) -> IntArray:
        """Keys (document << 32 | position) of the occurrences of any of *terms* in
        the documents flagged in *docs*."""
        keys = []
        for term in terms:
            d, pos = self._postings(seg, field, term).positions()
            keep = docs[d]
            if keep.any():
                keys.append((d[keep] << 32) | pos[keep])
        if not keys:
            return np.zeros(0, np.int64)
        if len(keys) == 1:
            return keys[0]
        # (the spellings of one word never share a position: no duplicates to drop)
        return np.sort(np.concatenate(keys))

    def _evaluate_phrase(
        self, words: tuple[str, ...], field: str, folded: bool, kind: int
    ) -> list[_Match]:
        spellings = [self._expand(Word(w), folded) for w in words]
        found: list[tuple[IntArray, IntArray]] = []
        for seg in self._segments:
            # candidates first: documents holding every word
            docs = seg.live.copy()
            for terms in spellings:
                post = self._word_postings(seg, field, terms)
                has = np.zeros(len(docs), np.bool_)
                has[post.docs] = True
                docs &= has
                if not docs.any():
                    break
            if not docs.any():
                found.append((np.zeros(0, np.int64), np.zeros(0, np.int64)))
                continue
            starts: IntArray | None = None
            for i, terms in enumerate(spellings):
                keys = self._occurrences(seg, field, terms, docs) - i  # where it would start
                starts = keys if starts is None else _common(starts, keys)
                if not len(starts):
                    break
            assert starts is not None
            per_doc = np.bincount(starts >> 32, minlength=len(seg.live))
            hit_docs = np.flatnonzero(per_doc).astype(np.int64)
            found.append((hit_docs, per_doc[hit_docs].astype(np.int64)))
        df = sum(len(d) for d, _c in found)
        return [
            _Match.of(len(s.live), d, self._bm25(s, d, c, df, kind, field))
            for s, (d, c) in zip(self._segments, found, strict=True)
        ]

    # -- filters

    def _allowed(self, seg: _Segment, filters: Filters | None, kind: int) -> npt.NDArray[np.bool_]:
        v = seg.values
        mask = seg.live & (v.kind == kind)
        f = filters or Filters()
        if f.date_from:
            mask &= v.date >= docvalues.date_number(f.date_from)
        if f.date_to:
            mask &= (v.date > 0) & (v.date <= docvalues.date_number(f.date_to))
        if f.outlet:
            if f.outlet == NONE:
                mask &= v.outlet < 0
            else:
                code = v.outlets.index(f.outlet) if f.outlet in v.outlets else -2
                mask &= v.outlet == code
        if f.year:
            if f.year == NONE:
                mask &= v.date == 0
            else:
                try:
                    year = int(f.year)
                except ValueError:
                    year = -1
                mask &= (v.date // 10000) == year
        if f.has_photos:
            mask &= v.has_photos
        if f.ids is not None:
            mask &= self._with_ids(seg, f.ids, len(mask))
        return np.asarray(mask, dtype=np.bool_)

    @staticmethod
    def _with_ids(seg: _Segment, ids: frozenset[str], size: int) -> BoolArray:
        """The documents of *ids*: those IDs, and the photos of those articles."""
        chosen = np.zeros(size, dtype=np.bool_)
        reader = seg.reader
        for ident in ids:
            terms = [ident, *(t for t in reader.expand_prefix("id", ident + "#"))]
            for term in terms:
                try:
                    chosen[list(reader.postings("id", term).all_ids())] = True
                except TermNotFound:
                    continue
        return chosen

    def _filtered(self, matches: list[_Match], filters: Filters | None, kind: int) -> list[_Match]:
        out = []
        for seg, m in zip(self._segments, matches, strict=True):
            hit = m.hit & self._allowed(seg, filters, kind)
            out.append(_Match(hit, np.where(hit, m.score, 0.0)))
        return out

    def _how_many(self, node: Node, filters: Filters | None, modes: tuple[bool, ...]) -> int:
        """How many articles the list would show: the union over the passes in *modes*
        (True: folded, False: exact)."""
        per_pass = [
            self._filtered(self._evaluate(node, folded, ARTICLE), filters, ARTICLE)
            for folded in modes
        ]
        return sum(_or([p[i] for p in per_pass]).count() for i in range(len(self._segments)))

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
        """Search articles (see `index.engine.Searcher.search`).

        Raises:
            QueryError: the query cannot be run.
        """
        started = time.perf_counter()
        page = max(1, page)
        result = SearchResult(query=query, page=page, pagesize=pagesize, exact_only=exact)
        result.indexed = self._count[ARTICLE]
        node = parse(query)
        wordless = isinstance(node, Every)
        marked = not wordless and typed_with_marks(node)
        if sort == "relevance" and wordless:
            sort = "date"  # without words nothing is more relevant: newest first
        exact_m: list[_Match] | None = None
        folded_m: list[_Match] | None = None
        if wordless:
            folded_m = self._evaluate(node, True, ARTICLE)
        elif exact:
            exact_m = self._evaluate(node, False, ARTICLE)
        else:
            folded_m = self._evaluate(node, True, ARTICLE)
            if marked:
                exact_m = self._evaluate(node, False, ARTICLE)
        words = plain_words(node)
        if words and 1 < len(words) <= 16:
            # the words side by side rank above the same words scattered
            if folded_m is not None:
                folded_m = self._boost_phrase(folded_m, words, True)
            if exact_m is not None:
                exact_m = self._boost_phrase(exact_m, words, False)
        if exact_m is not None:
            exact_m = self._filtered(exact_m, filters, ARTICLE)
        if folded_m is not None:
            folded_m = self._filtered(folded_m, filters, ARTICLE)
        shown, is_exact = self._shown(exact_m, folded_m)
        result.total = sum(m.count() for m in shown)
        if exact_m is not None:
            result.exact_total = sum(m.count() for m in exact_m)
        docs, scores, flags = self._rank(shown, is_exact, sort, (page - 1) * pagesize, pagesize)
        result.terms = self._marked_terms(node, marked and not exact) if snippets else set()
        result.hits = [
            self._hit(d, s, f, result.terms if snippets else None)
            for d, s, f in zip(docs, scores, flags, strict=True)
        ]
        if facets:
            result.facets = self._facets(shown)
        if result.total == 0:
            if not wordless:
                result.suggestion = self.suggest(query)
            modes = (False,) if exact else (True, False) if marked else (True,)
            result.emptied_by = emptied_by(filters, lambda f: self._how_many(node, f, modes))
        result.seconds = time.perf_counter() - started
        return result

    def _boost_phrase(self, matches: list[_Match], words: list[str], folded: bool) -> list[_Match]:
        phrase = self._evaluate_phrase(tuple(words), "x", folded, ARTICLE)
        for m, p in zip(matches, phrase, strict=True):
            m.score += PHRASE_WEIGHT * np.where(m.hit, p.score, 0.0)
        return matches

    def _shown(
        self, exact_m: list[_Match] | None, folded_m: list[_Match] | None
    ) -> tuple[list[_Match], list[BoolArray]]:
        """What the list shows (exact matches and folded ones), and which are exact."""
        if folded_m is None:
            assert exact_m is not None
            return exact_m, [m.hit for m in exact_m]
        if exact_m is None:
            return folded_m, [np.zeros(len(m.hit), np.bool_) for m in folded_m]
        shown = []
        for e, f in zip(exact_m, folded_m, strict=True):
            # exact documents keep their exact score
            shown.append(_Match(e.hit | f.hit, np.where(e.hit, e.score, f.score)))
        return shown, [e.hit for e in exact_m]

    def _rank(
        self,
        shown: list[_Match],
        flags: list[BoolArray],
        sort: str,
        offset: int,
        pagesize: int,
    ) -> tuple[IntArray, FloatArray, BoolArray]:
        """The global document numbers, scores and exact flags of one page."""
        local = [m.docs for m in shown]
        if not sum(len(d) for d in local):
            return np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.bool_)
        docs = np.concatenate([s.base + d for s, d in zip(self._segments, local, strict=True)])
        scores = np.concatenate([m.score[d] for m, d in zip(shown, local, strict=True)])
        exact = np.concatenate([f[d] for f, d in zip(flags, local, strict=True)])
        want = offset + pagesize
        if sort in ("date", "date-asc"):
            dates = np.concatenate(
                [s.values.date[d] for s, d in zip(self._segments, local, strict=True)]
            ).astype(np.int64)
            # undated last either way
            key = np.where(dates > 0, -dates if sort == "date" else dates, np.iinfo(np.int64).max)
            order = np.lexsort((docs, key))
            scores = np.zeros(len(docs))
        else:
            # exact spellings first, then by score (ties: index order)
            rank = np.where(exact, scores + 1e12, scores)
            if want < len(docs) // 4:  # only the best few need sorting
                top = np.argpartition(-rank, want)[:want]
                keep = rank >= rank[top].min()
                docs, scores, exact, rank = docs[keep], scores[keep], exact[keep], rank[keep]
            order = np.lexsort((docs, -rank))
        take = order[offset : offset + pagesize]
        return docs[take], scores[take], exact[take]

    def _hit(self, docnum: int, score: float, exact: bool, terms: set[str] | None) -> Hit:
        d = self._searcher.stored_fields(int(docnum))
        return stored_hit(d.get, self.root, score, exact, terms)

    def _body(self, article_id: str) -> str:
        return article_body(self.root, article_id)

    def _marked_terms(self, node: Node, both: bool) -> set[str]:
        """The folded words that snippets and the reader mark."""
        out: set[str] = set()
        for leaf in positive_leaves(node):
            words = (
                [Word(w, leaf.field) for w in leaf.words] if isinstance(leaf, Phrase) else [leaf]
            )
            for word in words:
                if word.mode:
                    out.update(fold_term(t) for t in self._expand(word, True)[:64])
                else:
                    out.add(fold_term(word.text))
        return out

    def _facets(self, shown: list[_Match]) -> dict[str, dict[str, int]]:
        outlets: dict[str, int] = {}
        years: dict[str, int] = {}
        months: dict[str, int] = {}
        for seg, m in zip(self._segments, shown, strict=True):
            docs = m.docs
            if not len(docs):
                continue
            v = seg.values
            codes, counts = np.unique(v.outlet[docs], return_counts=True)
            for code, n in zip(codes.tolist(), counts.tolist(), strict=True):
                name = v.outlets[code] if code >= 0 else NONE
                outlets[name] = outlets.get(name, 0) + n
            ys, counts = np.unique(v.date[docs] // 10000, return_counts=True)
            for y, n in zip(ys.tolist(), counts.tolist(), strict=True):
                name = str(y) if y else NONE
                years[name] = years.get(name, 0) + n
            ms, counts = np.unique(v.date[docs] // 100, return_counts=True)
            for ym, n in zip(ms.tolist(), counts.tolist(), strict=True):
                if ym:
                    months[month_key(ym)] = months.get(month_key(ym), 0) + n
        return {
            "outlet": ordered_counts(outlets),
            "year": ordered_counts(years),
            "month": dict(sorted(months.items())),
        }

    def suggest(self, query: str) -> str | None:
        """A respelling of *query* from the index's words, or None."""
        node = parse(query)
        words = plain_words(node)
        if not words:
            return None
        marked = typed_with_marks(node)
        field = "x" if marked else "fw"
        out, changed = [], False
        for w in words:
            key = w if marked else fold_term(w)
            if any((field, key.encode("utf-8")) in s.reader._terms for s in self._segments):
                out.append(w)
                continue
            found = None
            for dist in (1, 2):
                found = self._searcher.suggest(field, key, limit=1, maxdist=dist)
                if found:
                    break
            if found:
                out.append(found[0])
                changed = True
            else:
                out.append(w)
        return " ".join(out) if changed else None

    def search_photos(
        self, query: str, *, filters: Filters | None = None, page: int = 1, pagesize: int = 60
    ) -> SearchResult:
        """Photos whose captions (the article's, or embedded ones) match *query*."""
        started = time.perf_counter()
        page = max(1, page)
        result = SearchResult(query=query, page=page, pagesize=pagesize)
        node = parse(query)
        node = in_captions(node)
        marked = typed_with_marks(node)
        folded_m = self._filtered(self._evaluate(node, True, PHOTO), filters, PHOTO)
        exact_m = (
            self._filtered(self._evaluate(node, False, PHOTO), filters, PHOTO) if marked else None
        )
        shown, flags = self._shown(exact_m, folded_m)
        result.total = sum(m.count() for m in shown)
        sort = "date" if isinstance(node, Every) else "relevance"
        docs, scores, _flags = self._rank(shown, flags, sort, (page - 1) * pagesize, pagesize)
        for docnum, score in zip(docs, scores, strict=True):
            d = self._searcher.stored_fields(int(docnum))
            result.hits.append(
                PhotoHit(
                    article_id=d.get("aid") or "",
                    file=d.get("file") or "",
                    caption=d.get("photo_caption") or "",
                    score=float(score),
                    title=d.get("atitle") or "",
                    date=d.get("date") or None,
                    folder=d.get("folder") or "",
                    taken=d.get("taken") or None,
                    embedded_caption=d.get("embedded") or "",
                )
            )
        result.seconds = time.perf_counter() - started
        return result

    def more_like(self, article_id: str, *, limit: int = 10) -> list[Hit]:
        """Articles whose words are most like those of *article_id*."""
        text = self._body(article_id)
        if not text:
            return []
        counts: dict[str, int] = {}
        for term, _pos in tokens(text, folded=True):
            if term.isalpha() and len(term) > 1:
                counts[term] = counts.get(term, 0) + 1
        weights = []
        for term, tf in counts.items():
            df = sum(
                len(self._word_postings(s, "x", self._spellings_of(term)).docs)
                for s in self._segments
            )
            if df:
                weights.append((tf * math.log(1 + self._count[ARTICLE] / df), term))
        best = [t for _w, t in sorted(weights, reverse=True)[:12]]
        if not best:
            return []
        node: Node = Or(tuple(Word(t) for t in best))
        matches = self._filtered(self._evaluate(node, True, ARTICLE), None, ARTICLE)
        docs, scores, flags = self._rank(
            matches, [np.zeros(len(m.hit), np.bool_) for m in matches], "relevance", 0, limit + 1
        )
        hits = [self._hit(d, s, f, None) for d, s, f in zip(docs, scores, flags, strict=True)]
        return [h for h in hits if h.id != article_id][:limit]

    def link_related(self, article: Article) -> Article:
        """*article* with each related item linked to the archive article of that title."""
        if not article.related:
            return article
        from tangthu.index.documents import title_key

        items = []
        for item in article.related:
            found = None
            key = title_hash(title_key(item.title))
            for seg in self._segments:
                post = postings.read(seg.reader, "title_key", key)
                alive = post.docs[seg.live[post.docs]]
                if len(alive):
                    found = seg.reader.stored_fields(int(alive[0])).get("aid")
                    break
            items.append(replace(item, id=found) if found and found != article.id else item)
        return replace(article, related=tuple(items))


def _text(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)
