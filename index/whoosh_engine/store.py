"""A Whoosh index as arrays: the engine's primitives (`index.engine.Store`).

Whoosh stores and reads the index; the postings of each term come out as arrays
(`postings.read`) and everything else is arithmetic on arrays: AND is an
intersection, a phrase an intersection of positions, BM25 a vector expression,
filters, facets and dates per-document arrays (`docvalues`). A set of matches is one
flag array and one score array per segment. Only the rows shown touch Python
objects: their stored fields. The rules of a search (two passes for diacritics,
totals, suggestions…) are `index.service`'s.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
from whoosh.reading import TermNotFound

from tangthu.index.analysis import fold_term
from tangthu.index.engine import (
    ARTICLE,
    KEYWORDS,
    NONE,
    PHOTO,
    Among,
    Ask,
    Facets,
    FilterNode,
    Keyword,
    WithPhotos,
    Year,
)
from tangthu.index.query import And, Every, Node, Not, Or, Phrase, QueryError, Word
from tangthu.index.store import archive_root, damaged
from tangthu.index.whoosh_engine import docvalues, postings
from tangthu.index.whoosh_engine.safe import (
    check_segments,
    let_go,
    open_index,
    untrusted_cause,
)
from tangthu.index.whoosh_engine.schema import FIELD_OF, SEPARATOR, title_hash

IntArray: TypeAlias = npt.NDArray[np.int64]
FloatArray: TypeAlias = npt.NDArray[np.float64]

K1, B = 1.2, 0.75
TITLE_WEIGHT = 2.0
PHRASE_WEIGHT = 3.0
MAX_EXPANSIONS = 256  # spellings a word* or word~ may stand for
TERM_CACHE = 256  # decoded postings kept between searches (per segment and term)


def _without_estimates(v: docvalues.DocValues) -> npt.NDArray[np.int32]:
    """The dates of a segment, an estimated one as none (0)."""
    return np.where(v.keys["dated"] == v.code("dated", "estimate"), 0, v.date)


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


#: One flag and one score array per segment: a set of matching documents.
Matches: TypeAlias = "list[_Match]"


def _common(a: IntArray, b: IntArray) -> IntArray:
    """The values in both sorted unique arrays."""
    return a[np.isin(a, b, assume_unique=True)]


class WhooshStore:
    """One archive's Whoosh index, read as arrays (see `index.engine.Store`)."""

    def __init__(self, index_path: str | Path, root: str | Path | None = None) -> None:
        self.index_path = Path(index_path)
        self.root = archive_root(self.index_path, root)
        self._values: dict[str, docvalues.DocValues] = {}
        self._cache: OrderedDict[tuple[str, str, str], postings.Postings] = OrderedDict()
        self._spellings: dict[str, list[str]] = {}
        try:
            self._ix = open_index(self.index_path)
            self._searcher = self._ix.searcher()
            self._load()
        except Exception as exc:  # damaged files: say so instead of a traceback
            for opened in (getattr(self, "_searcher", None), getattr(self, "_ix", None)):
                if opened is not None:
                    opened.close()
            refused = untrusted_cause(exc)
            failure = refused.at(self.index_path) if refused else damaged(self.index_path, exc)
        else:
            return
        let_go()  # (the failure's frames are gone: what they held is closed quietly)
        raise failure

    # -- lifecycle

    def _load(self) -> None:
        reader = self._searcher.reader()
        leaves = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
        check_segments([leaf.segment() for leaf, _ in leaves if leaf.segment() is not None])
        self._segments: list[_Segment] = []
        seen = set()
        for leaf, base in leaves:
            if leaf.segment() is None:  # an index of an archive without articles
                continue
            seg_id = leaf.segment().segment_id()
            seen.add(seg_id)
            count = leaf.doc_count_all()
            values = self._values.get(seg_id) or docvalues.load(self.index_path, seg_id, count)
            if values is None or len(values) != count:
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

    def count_of(self, kind: int) -> int:
        return self._count[kind]

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
            if any(("x", word) in seg.reader for seg in self._segments):
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

    def _allowed(self, seg: _Segment, keep: tuple[FilterNode, ...], kind: int) -> BoolArray:
        mask = seg.live & (seg.values.kind == kind)
        for node in keep:
            mask &= self._kept(seg, node, len(mask))
        return np.asarray(mask, dtype=np.bool_)

    def _kept(self, seg: _Segment, node: FilterNode, size: int) -> BoolArray:
        """The documents of *seg* that the filter *node* keeps."""
        v = seg.values
        if isinstance(node, Keyword):
            return np.asarray(v.keys[node.field] == v.code(node.field, node.value))
        if isinstance(node, WithPhotos):
            return v.has_photos
        if isinstance(node, Among):
            return self._with_ids(seg, node.ids, size)
        date = v.date if node.estimates else _without_estimates(v)
        if isinstance(node, Year):
            return np.asarray(date == 0 if node.year == 0 else date // 10000 == node.year)
        mask = np.ones(size, dtype=np.bool_)
        if node.first:
            mask &= date >= docvalues.date_number(node.first)
        if node.last:
            mask &= (date > 0) & (date <= docvalues.date_number(node.last))
        return mask

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

    def _filtered(
        self, matches: list[_Match], keep: tuple[FilterNode, ...], kind: int
    ) -> list[_Match]:
        out = []
        for seg, m in zip(self._segments, matches, strict=True):
            hit = m.hit & self._allowed(seg, keep, kind)
            out.append(_Match(hit, np.where(hit, m.score, 0.0)))
        return out

    # -- the primitives of a search

    def match(self, ask: Ask) -> Matches:
        found = self._evaluate(ask.node, ask.folded, ask.kind)
        if ask.near:  # the words side by side: their phrase's score added
            phrase = self._evaluate_phrase(ask.near, "x", ask.folded, ask.kind)
            for m, p in zip(found, phrase, strict=True):
                m.score += PHRASE_WEIGHT * np.where(m.hit, p.score, 0.0)
        return self._filtered(found, ask.keep, ask.kind)

    def union(self, first: Matches, second: Matches) -> Matches:
        # a document of both keeps its score in *first*
        return [
            _Match(a.hit | b.hit, np.where(a.hit, a.score, b.score))
            for a, b in zip(first, second, strict=True)
        ]

    def minus(self, first: Matches, second: Matches) -> Matches:
        return [_without(a, b) for a, b in zip(first, second, strict=True)]

    def count(self, matches: Matches) -> int:
        return sum(m.count() for m in matches)

    def _gathered(self, matches: Matches) -> tuple[IntArray, FloatArray, list[IntArray]]:
        """Global document numbers and scores of every match, and each segment's own."""
        local = [m.docs for m in matches]
        if not sum(len(d) for d in local):
            return np.zeros(0, np.int64), np.zeros(0), local
        docs = np.concatenate([s.base + d for s, d in zip(self._segments, local, strict=True)])
        scores = np.concatenate([m.score[d] for m, d in zip(matches, local, strict=True)])
        return docs, scores, local

    def top(self, matches: Matches, offset: int, limit: int) -> list[tuple[int, float]]:
        docs, scores, _local = self._gathered(matches)
        want = offset + limit
        if not len(docs) or limit <= 0:
            return []
        if want < len(docs) // 4:  # only the best few need sorting
            best = np.argpartition(-scores, want)[:want]
            keep = scores >= scores[best].min()
            docs, scores = docs[keep], scores[keep]
        order = np.lexsort((docs, -scores))[offset:want]
        return [(int(d), float(s)) for d, s in zip(docs[order], scores[order], strict=True)]

    def top_counted(
        self, matches: Matches, offset: int, limit: int
    ) -> tuple[list[tuple[int, float]], int]:
        return self.top(matches, offset, limit), self.count(matches)

    def by_date(
        self,
        matches: Matches,
        *,
        newest_first: bool,
        offset: int,
        limit: int,
        estimates: bool = True,
    ) -> list[int]:
        docs, _scores, local = self._gathered(matches)
        if not len(docs) or limit <= 0:
            return []
        dates = np.concatenate(
            [
                (s.values.date if estimates else _without_estimates(s.values))[d]
                for s, d in zip(self._segments, local, strict=True)
            ]
        ).astype(np.int64)
        key = np.where(dates > 0, -dates if newest_first else dates, np.iinfo(np.int64).max)
        order = np.lexsort((docs, key))[offset : offset + limit]
        return [int(d) for d in docs[order]]

    def among(self, matches: Matches, docs: list[int]) -> list[bool]:
        out = []
        for doc in docs:
            for seg, m in zip(self._segments, matches, strict=True):
                if seg.base <= doc < seg.base + len(m.hit):
                    out.append(bool(m.hit[doc - seg.base]))
                    break
            else:
                out.append(False)
        return out

    def stored(self, doc: int) -> Callable[[str], Any]:
        return dict(self._searcher.stored_fields(int(doc))).get

    def facets(self, matches: Matches, *, estimates: bool = True) -> Facets:
        out = Facets()
        for seg, m in zip(self._segments, matches, strict=True):
            docs = m.docs
            if not len(docs):
                continue
            v = seg.values
            for name in KEYWORDS:
                codes, counts = np.unique(v.keys[name][docs], return_counts=True)
                for code, n in zip(codes.tolist(), counts.tolist(), strict=True):
                    out.count(name, v.names[name][code] if code >= 0 else NONE, n)
            date = (v.date if estimates else _without_estimates(v))[docs]
            for by, numbers in ((out.years, date // 10000), (out.months, date // 100)):
                keys, counts = np.unique(numbers, return_counts=True)
                for key, n in zip(keys.tolist(), counts.tolist(), strict=True):
                    by[key] = by.get(key, 0) + n
        return out

    # -- terms

    def has_term(self, term: str, *, folded: bool) -> bool:
        field = "fw" if folded else "x"
        return any((field, term) in seg.reader for seg in self._segments)

    def doc_freq(self, term: str, *, folded: bool) -> int:
        terms = self._spellings_of(term) if folded else [term]
        return sum(
            int(seg.live[self._word_postings(seg, "x", terms).docs].sum()) for seg in self._segments
        )

    def terms_with_prefix(self, prefix: str, *, folded: bool, limit: int) -> list[str]:
        field = "fw" if folded else "x"
        out: set[str] = set()
        for seg in self._segments:
            for term in seg.reader.expand_prefix(field, prefix):
                out.add(_text(term))
                if len(out) >= limit:
                    return sorted(out)
        return sorted(out)

    def terms_near(self, term: str, *, folded: bool, distance: int) -> list[str]:
        field = "fw" if folded else "x"
        out: set[str] = set()
        for seg in self._segments:
            out.update(_text(t) for t in seg.reader.terms_within(field, term, distance, prefix=1))
        out.discard(term)
        return sorted(out)

    def with_title(self, key: str) -> str | None:
        hashed = title_hash(key)
        for seg in self._segments:
            post = postings.read(seg.reader, "title_key", hashed)
            alive = post.docs[seg.live[post.docs] & (seg.values.kind[post.docs] == ARTICLE)]
            if len(alive):
                found = seg.reader.stored_fields(int(alive[0])).get("aid")
                return str(found) if found else None
        return None


def _text(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)
