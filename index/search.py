"""Searching an archive index: two-pass diacritic ranking, filters, facets, snippets.

A query typed with diacritics searches the exact fields first, then fills the
page from the folded fields with the exact hits masked out; a query typed
without diacritics searches the folded fields only (DESIGN.md, "Search behaviour").
"""

from __future__ import annotations

import html
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import sorting
from whoosh.idsets import BitSet
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, SingleQuotePlugin
from whoosh.query import And, AndMaybe, Every, Or, Phrase, Query, Term, TermRange

from archive.fold import fold, has_marks
from archive.model import Article
from index.analysis import normalize
from index.schema import DEFAULT_FIELDS, TEXT_FIELDS
from index.schema import NONE as NONE
from index.store import link_related, open_index

MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64
SNIPPET_CHARS = 240
SNIPPET_SCAN_CHARS = 100_000

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_FIELD_PREFIX = re.compile(r"(?<![\w:])(" + "|".join(TEXT_FIELDS) + r"):", re.IGNORECASE)
_MINUS = re.compile(r"(?:(?<=\s)|^)-(?=[^\W\d_]|[\"(])")  # "-5" stays a number
_PLAIN = re.compile(r"^[\w\s]+$")
_SYNTAX = re.compile(r"[\"*~:()\[\]{}^]|(?:^|\s)(?:AND|OR|NOT|ANDNOT|ANDMAYBE)(?:\s|$)")
_TOKEN = re.compile(r"\w+(?:[/.,:\-]\w+)*")


class QueryError(ValueError):
    """The query cannot be run; the message says why in one sentence."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions of a search. Dates are ``YYYY-MM-DD`` strings (inclusive).

    ``outlet=NONE`` keeps the articles without an outlet, ``year=NONE`` the undated ones.
    """

    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    year: str | None = None
    has_photos: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str
    date: str | None
    outlet: str | None
    score: float
    snippet: str
    photos: int
    thumb: str | None = None
    folder: str = ""
    title_html: str = ""
    exact: bool = True
    #: the date is a guess from the photos' EXIF
    date_estimated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "date_estimated": self.date_estimated,
            "outlet": self.outlet,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "photos": self.photos,
        }


@dataclass(frozen=True, slots=True)
class PhotoHit:
    article_id: str
    file: str
    caption: str
    score: float
    title: str = ""
    date: str | None = None
    folder: str = ""
    taken: str | None = None
    #: the caption written inside the photo file, when it differs from the article's
    embedded_caption: str = ""

    @property
    def id(self) -> str:
        return f"{self.article_id}#{self.file}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "file": self.file,
            "caption": self.caption,
            "embedded_caption": self.embedded_caption or None,
            "score": round(self.score, 4),
        }


@dataclass(slots=True)
class SearchResult:
    query: str
    total: int = 0
    hits: list[Any] = field(default_factory=list)
    suggestion: str | None = None
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    page: int = 1
    pagesize: int = 20
    #: the folded words to mark in snippets and in the reader
    terms: set[str] = field(default_factory=set)
    #: how many match the words as typed with their accents (None: none were typed)
    exact_total: int | None = None
    #: only exact spellings were asked for
    exact_only: bool = False
    #: when filters emptied the list: the filters that alone leave nothing
    #: ("date", "outlet", "year", "photos"), or ["together"] when only their
    #: combination does
    emptied_by: list[str] = field(default_factory=list)

    @property
    def more_without_accents(self) -> int:
        """Matches found only when the accents are ignored."""
        return 0 if self.exact_total is None else self.total - self.exact_total

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "exact_total": self.exact_total,
            "more_without_accents": self.more_without_accents,
            "exact_only": self.exact_only,
            "hits": [h.to_dict() for h in self.hits],
            "suggestion": self.suggestion,
            "emptied_by": self.emptied_by,
        }


# --- query strings -------------------------------------------------------------------


def _prepare(query: str) -> str:
    query = unicodedata.normalize("NFC", query).strip()
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"The query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}."
        )
    query = query.replace("\u201c", '"').replace("\u201d", '"')
    if query.count('"') % 2:
        query = query[::-1].replace('"', " ", 1)[::-1]  # an unmatched quote is a typo
    query = _MINUS.sub("NOT ", query)
    # "?" is a wildcard to Whoosh but punctuation in a pasted sentence
    query = query.replace("?", " ")
    # lowercase everything but the operators, so wildcards and fields see index terms
    parts = re.split(r"(\s+)", query)
    return "".join(p if p in _OPERATORS else p.lower() for p in parts)


def _for_pass(query: str, folded: bool) -> str:
    if not folded:
        return _FIELD_PREFIX.sub(lambda m: TEXT_FIELDS[m.group(1).lower()][0] + ":", query)
    parts = re.split(r"(\s+)", query)
    query = "".join(p if p in _OPERATORS else fold(p) for p in parts)
    return _FIELD_PREFIX.sub(lambda m: TEXT_FIELDS[m.group(1).lower()][1] + ":", query)


def _words_of(query: str) -> str:
    """The query without operators and field names: what decides the pass."""
    text = _FIELD_PREFIX.sub(" ", query)
    return " ".join(w for w in text.split() if w not in _OPERATORS)


class ArchiveSearcher:
    """Searches one archive's index. Use one per thread; `refresh` after indexing."""

    def __init__(self, index_path: str | Path) -> None:
        self.index_path = Path(index_path)
        self._ix = open_index(self.index_path)
        self._searcher = self._ix.searcher()
        schema = self._ix.schema
        self._parsers: dict[tuple[bool, bool], MultifieldParser] = {}
        for photos in (False, True):
            fields = {"caption": 1.0} if photos else DEFAULT_FIELDS
            for folded in (False, True):
                boosts = {TEXT_FIELDS[u][1 if folded else 0]: b for u, b in fields.items()}
                parser = MultifieldParser(list(boosts), schema, fieldboosts=boosts)
                parser.add_plugin(FuzzyTermPlugin())
                # 'quoted' words are a Whoosh literal; in pasted text they are quotes
                parser.remove_plugin_class(SingleQuotePlugin)
                self._parsers[(photos, folded)] = parser
        self._filter_cache: dict[Any, BitSet] = {}

    # -- lifecycle

    def refresh(self) -> None:
        """See what the last commit wrote."""
        self._searcher = self._searcher.refresh()
        self._filter_cache.clear()

    def close(self) -> None:
        self._searcher.close()
        self._ix.close()

    def __enter__(self) -> ArchiveSearcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- queries

    def _parse(self, query: str, *, folded: bool, photos: bool) -> Query:
        text = _for_pass(query, folded)
        try:
            q = self._parsers[(photos, folded)].parse(text)
        except Exception as exc:  # whoosh raises many kinds on odd input
            raise QueryError(f"The query could not be understood ({exc}).") from exc
        if len(list(q.leaves())) > MAX_QUERY_TERMS:
            raise QueryError(f"The query has more than {MAX_QUERY_TERMS} terms; shorten it.")
        tokens = _TOKEN.findall(normalize(query, folded=folded))
        if not photos and not _SYNTAX.search(query) and 1 < len(tokens) <= 16:
            # Phrase matches rank above the same words scattered.
            suffix = "_f" if folded else ""
            # (The text field holds the title too: one phrase check covers both.)
            q = AndMaybe(q, Phrase("text" + suffix, tokens, boost=3.0))
        return q

    def _queries(self, prepared: str, *, photos: bool) -> tuple[Query, Query | None]:
        """(folded query, exact query or None): every document when there are no words;
        an exact query only when the words carry diacritics."""
        words = _words_of(prepared)
        if not words.strip():
            return Every(), None
        folded = self._parse(prepared, folded=True, photos=photos)
        exact = self._parse(prepared, folded=False, photos=photos) if has_marks(words) else None
        return folded, exact

    def _filter(self, filters: Filters | None, kind: str) -> BitSet:
        """The document numbers a search may return (cached per reader and filter)."""
        key = (filters or Filters(), kind)
        found = self._filter_cache.get(key)
        if found is None:
            s = self._searcher
            found = BitSet(
                s.docs_for_query(self._filter_query(filters, kind)), size=s.doc_count_all()
            )
            if len(self._filter_cache) > 64:
                self._filter_cache.clear()
            self._filter_cache[key] = found
        return found

    def _filter_query(self, filters: Filters | None, kind: str) -> Query:
        parts: list[Query] = [Term("kind", kind)]
        f = filters or Filters()
        if f.date_from or f.date_to:
            # Undated articles ("") fall outside every range; an end date takes its whole day.
            parts.append(TermRange("date", f.date_from or "0000", (f.date_to or "9999") + "\uffff"))
        if f.outlet:
            parts.append(Term("outlet_key", f.outlet))
        if f.year:
            parts.append(Term("year", f.year))
        if f.has_photos:
            parts.append(Term("has_photos", "1"))
        return And(parts) if len(parts) > 1 else parts[0]

    def _highlight_terms(self, queries: list[Query]) -> set[str]:
        terms: set[str] = set()
        reader = self._searcher.reader()
        for q in queries:
            try:
                found = q.existing_terms(reader, expand=True)
            except Exception:  # a query kind that cannot list its terms
                found = set(q.all_terms())
            for _field, text in found:
                value = text.decode("utf-8") if isinstance(text, bytes) else str(text)
                terms.add(fold(value))
        return terms

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
        """Search articles.

        Args:
            query: the query syntax of DESIGN.md; empty means every article.
            sort: ``relevance``, ``date`` (newest first) or ``date-asc``.
            exact: only articles holding the words as spelled, accents included.

        Raises:
            QueryError: the query cannot be run.
        """
        started = time.perf_counter()
        page = max(1, page)
        offset = (page - 1) * pagesize
        prepared = _prepare(query)
        result = SearchResult(query=query, page=page, pagesize=pagesize, exact_only=exact)
        flt = self._filter(filters, "article")
        words = _words_of(prepared)
        if not words.strip():
            folded_q: Query | None = Every()
            exact_q: Query | None = None
        elif exact:
            folded_q, exact_q = None, self._parse(prepared, folded=False, photos=False)
        else:
            folded_q, exact_q = self._queries(prepared, photos=False)
        if sort == "relevance" and isinstance(folded_q, Every):
            sort = "date"  # without words nothing is more relevant: newest first
        shown = _either(exact_q, folded_q)
        if not flt:
            # An empty filter set is an answer: nothing (Whoosh would read it as "no filter").
            result.exact_total = 0 if exact_q is not None else None
            result.emptied_by = self._emptied_by(shown, filters)
            if facets:
                result.facets = {"outlet": {}, "year": {}}
            result.seconds = time.perf_counter() - started
            return result
        s = self._searcher
        docs: list[tuple[int, float, bool]] = []
        by_date = sort in ("date", "date-asc")
        if by_date or exact_q is None or folded_q is None:
            kwargs: dict[str, Any] = {}
            if by_date:
                kwargs = {"sortedby": "date", "reverse": sort == "date"}
            r = s.search(shown, filter=flt, limit=offset + pagesize, **kwargs)
            result.total = len(r)
            docs = [
                (r.docnum(i), 0.0 if by_date else r.score(i) or 0.0, folded_q is None)
                for i in range(offset, min(len(r), offset + pagesize))
            ]
            if exact_q is not None and folded_q is not None:
                exact_set = set(exact_q.docs(s)) & set(flt)
                result.exact_total = len(exact_set)
                docs = [(d, sc, d in exact_set) for d, sc, _ in docs]
            elif exact_q is not None:
                result.exact_total = result.total
        else:
            r1 = s.search(exact_q, filter=flt, limit=offset + pagesize)
            n1 = len(r1)
            docs = [
                (r1.docnum(i), r1.score(i) or 0.0, True)
                for i in range(offset, min(n1, offset + pagesize))
            ]
            need_from = max(0, offset - n1)
            need = pagesize - len(docs)
            r2 = s.search(folded_q, filter=flt, mask=exact_q, limit=need_from + max(need, 1))
            result.total = n1 + len(r2)
            result.exact_total = n1
            if need > 0:
                docs += [
                    (r2.docnum(i), r2.score(i) or 0.0, False)
                    for i in range(need_from, min(len(r2), need_from + need))
                ]
        terms = (
            self._highlight_terms([q for q in (exact_q, folded_q) if q is not None])
            if snippets
            else set()
        )
        result.terms = terms
        for docnum, score, is_exact in docs:
            d = s.stored_fields(docnum)
            body = d.get("body") or ""
            result.hits.append(
                Hit(
                    id=d["aid"],
                    title=d.get("title") or "",
                    date=d.get("date") or None,
                    outlet=d.get("outlet") or None,
                    score=float(score),
                    snippet=make_snippet(body, terms) if snippets else "",
                    photos=int(d.get("photos") or 0),
                    thumb=d.get("thumb") or None,
                    folder=d.get("folder") or "",
                    title_html=highlight(d.get("title") or "", terms) if snippets else "",
                    exact=is_exact,
                    date_estimated=bool(d.get("date_est")),
                )
            )
        if facets:
            result.facets = self.facets(shown, flt)
        if result.total == 0:
            if prepared:
                result.suggestion = self.suggest(query)
            result.emptied_by = self._emptied_by(shown, filters)
        result.seconds = time.perf_counter() - started
        return result

    def _count(self, q: Query, flt: BitSet) -> int:
        if not flt:
            return 0
        return len(self._searcher.search(q, filter=flt, limit=1))

    def _emptied_by(self, q: Query, filters: Filters | None) -> list[str]:
        """Which of the active filters leave nothing, each alone; ["together"] when only
        their combination does; [] when the words alone find nothing."""
        f = filters or Filters()
        parts = {
            "date": Filters(date_from=f.date_from, date_to=f.date_to),
            "outlet": Filters(outlet=f.outlet),
            "year": Filters(year=f.year),
            "photos": Filters(has_photos=f.has_photos),
        }
        active = {name: one for name, one in parts.items() if one != Filters()}
        if not active or self._count(q, self._filter(None, "article")) == 0:
            return []
        alone = [
            name
            for name, one in active.items()
            if self._count(q, self._filter(one, "article")) == 0
        ]
        return alone or ["together"]

    def facets(self, q: Query, flt: BitSet) -> dict[str, dict[str, int]]:
        """Counts of the matching articles by outlet and by year."""
        groups = {
            "outlet": sorting.FieldFacet("outlet_key", maptype=sorting.Count),
            "year": sorting.FieldFacet("year", maptype=sorting.Count),
        }
        r = self._searcher.search(q, filter=flt, groupedby=groups, limit=1)
        out: dict[str, dict[str, int]] = {}
        for name in groups:
            counts = r.groups(name)
            # the articles without an outlet (or date) are a bucket of their own, listed last
            out[name] = {
                str(k): int(v)
                for k, v in sorted(
                    counts.items(), key=lambda kv: (kv[0] == NONE, -kv[1], str(kv[0]))
                )
                if k
            }
        return out

    def suggest(self, query: str) -> str | None:
        """A respelling of *query* from the index's words, or None."""
        plain = _words_of(_prepare(query))
        if not _PLAIN.match(plain or "-"):
            return None
        marked = has_marks(plain)
        fieldname = "text" if marked else "text_f"
        reader = self._searcher.reader()
        out, changed = [], False
        for w in plain.split():
            key = normalize(w, folded=not marked)
            if (fieldname, key) in reader:
                out.append(w)
                continue
            # the nearest spelling first: one edit, then two
            found = self._searcher.suggest(fieldname, key, limit=1, maxdist=1) or (
                self._searcher.suggest(fieldname, key, limit=1, maxdist=2)
            )
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
        offset = (page - 1) * pagesize
        prepared = _prepare(query)
        result = SearchResult(query=query, page=page, pagesize=pagesize)
        flt = self._filter(filters, "photo")
        if not flt:  # an empty filter set: no photo, not every photo
            result.seconds = time.perf_counter() - started
            return result
        q, exact = self._queries(prepared, photos=True)
        if exact is not None:
            q = AndMaybe(q, exact)  # exact spellings first
        r = self._searcher.search(q, filter=flt, limit=offset + pagesize)
        result.total = len(r)
        for i in range(offset, min(len(r), offset + pagesize)):
            d = r[i]
            result.hits.append(
                PhotoHit(
                    article_id=d["aid"],
                    file=d.get("file") or "",
                    caption=d.get("photo_caption") or "",
                    embedded_caption=d.get("embedded") or "",
                    score=float(r.score(i) or 0.0),
                    title=d.get("atitle") or "",
                    date=d.get("date") or None,
                    folder=d.get("folder") or "",
                    taken=d.get("taken") or None,
                )
            )
        result.seconds = time.perf_counter() - started
        return result

    def more_like(self, article_id: str, *, limit: int = 10) -> list[Hit]:
        """Articles whose words are most like those of *article_id*."""
        s = self._searcher
        docnum = s.document_number(id=article_id)
        if docnum is None:
            return []
        d = s.stored_fields(docnum)
        text = (d.get("title") or "") + "\n" + (d.get("body") or "")
        r = s.more_like(
            docnum,
            "text_f",
            text=text,
            top=limit,
            numterms=12,
            filter=self._filter(None, "article"),
        )
        return [
            Hit(
                id=h["aid"],
                title=h.get("title") or "",
                date=h.get("date") or None,
                outlet=h.get("outlet") or None,
                score=float(h.score or 0.0),
                snippet="",
                photos=int(h.get("photos") or 0),
                thumb=h.get("thumb") or None,
                folder=h.get("folder") or "",
            )
            for h in r
        ]

    def link_related(self, article: Article) -> Article:
        """*article* with each related item linked to the archive article of that title."""
        return link_related(article, self._searcher)


def _either(exact_q: Query | None, folded_q: Query | None) -> Query:
    """What the list shows: exact matches and folded ones."""
    if exact_q is None:
        assert folded_q is not None
        return folded_q
    if folded_q is None:
        return exact_q
    return Or([exact_q, folded_q])


# --- snippets ----------------------------------------------------------------------------


def _match_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Character spans of the words of *text* that (folded) are among *terms*."""
    if not terms:
        return []
    spans = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        key = fold(word.lower())
        if key in terms:
            spans.append((m.start(), m.end()))
            continue
        if not word.isalnum():
            for part in re.finditer(r"\w+", word):
                if fold(part.group().lower()) in terms:
                    spans.append((m.start() + part.start(), m.start() + part.end()))
    return spans


def _mark(
    text: str,
    spans: list[tuple[int, int]],
    start: int,
    end: int,
    before: str = "<b>",
    after: str = "</b>",
) -> str:
    out, pos = [], start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        out.append(html.escape(text[pos:a]))
        out.append(before + html.escape(text[a:b]) + after)
        pos = b
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def highlight(text: str, terms: set[str], before: str = "<b>", after: str = "</b>") -> str:
    """*text* HTML-escaped with the words matching *terms* (folded) between *before* and *after*."""
    return _mark(text, _match_spans(text, terms), 0, len(text), before, after)


def make_snippet(text: str, terms: set[str], width: int = SNIPPET_CHARS) -> str:
    """The passage of *text* richest in *terms*, escaped, matches in ``<b>``.

    Only the first `SNIPPET_SCAN_CHARS` are searched for the passage: enough for
    any article, and a megabyte-long file still answers at once.
    """
    text = text[:SNIPPET_SCAN_CHARS].replace("\n", " ")
    if not text:
        return ""
    spans = _match_spans(text, terms)
    if not spans:
        end = _cut_end(text, width)
        return html.escape(text[:end]) + ("…" if end < len(text) else "")
    keys = [fold(text[a:b].lower()) for a, b in spans]
    wanted = len(set(keys))
    best, best_score = 0, -1
    for i, (a, _b) in enumerate(spans):
        seen = set()
        for k in range(i, len(spans)):
            if spans[k][1] - a > width:
                break
            seen.add(keys[k])
        if len(seen) > best_score:
            best, best_score = i, len(seen)
            if best_score == wanted:
                break  # no passage can hold more of the words
    first = spans[best][0]
    start = max(0, first - width // 4)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = _cut_end(text, width, start)
    return (
        ("…" if start > 0 else "")
        + _mark(text, spans, start, end)
        + ("…" if end < len(text) else "")
    )


def _cut_end(text: str, width: int, start: int = 0) -> int:
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    return end
