"""The seam between Tàng Thư and a search engine: records, errors and protocols.

Everything above `index/` speaks these records. An engine (Whoosh, the default, in
`index.whoosh_engine`; optionally tantivy in `index.tantivy_engine`) is storage: it
implements `Store`, a few primitives (match a query tree, count, the top documents
by score or by date, stored fields, term statistics, facet counts), and `Writer`.
Every rule a user can see is written once above them, in `index.service`
(`SearchService`, which is the `Searcher` the rest of the program holds). No object of
an engine's own library leaves it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from tangthu.archive.errors import Failure
from tangthu.archive.model import Article, CancelToken, Problem
from tangthu.index.query import Node, QueryError
from tangthu.index.snippets import Highlight

if TYPE_CHECKING:  # a search does not read articles: the readers are not imported
    from tangthu.archive.scan import ArticleEntry
    from tangthu.index.meaning import MeaningState

__all__ = [
    "ARTICLE",
    "Among",
    "Ask",
    "NONE",
    "PHOTO",
    "Facets",
    "Store",
    "CommitCallback",
    "WriterCommit",
    "FilterNode",
    "Filters",
    "Hit",
    "KEYWORDS",
    "Keyword",
    "Span",
    "WithPhotos",
    "Year",
    "IndexBusy",
    "IndexFailure",
    "IndexMissing",
    "PhotoHit",
    "Progress",
    "QueryError",
    "SearchResult",
    "Searcher",
    "Writer",
]

#: The facet value and filter of articles without an outlet, or without a date.
NONE = "(none)"
#: The kinds of documents an index holds: one per article, one per photo it names.
ARTICLE, PHOTO = 0, 1

Progress = Callable[[int, int], None]
#: Called after each commit with the IDs (and fingerprints) it made searchable.
CommitCallback = Callable[[dict[str, str]], None]
#: What an engine's writer calls after each commit: the IDs (and fingerprints) it made
#: searchable, and the problems found in those articles (kept with the commit, so a run
#: killed later loses none of them).
WriterCommit = Callable[[dict[str, str], list[Problem]], None]


class IndexFailure(Failure):
    """Base of the index layer's errors (the message is for people)."""

    code = "index-failed"


class IndexBusy(IndexFailure):
    """Another writer holds the index."""

    code = "index-busy"


class IndexMissing(IndexFailure):
    """No index was built for this archive yet (or it is of another version, or damaged)."""

    code = "index-missing"


#: The filters that keep the documents whose one value of a field is the value asked
#: for (`NONE`: those without one), each counted as a facet too: the filter's name (a
#: field of `Filters`) -> (the stored field it reads, the value of a document without
#: it). The engines read this table: a new filter of this kind is a line here, its
#: field in `Filters`, its label and its control.
KEYWORDS: dict[str, tuple[str, str]] = {
    "outlet": ("outlet", NONE),
    "format": ("format", "text"),
    "dated": ("dated_by", "none"),
}


@dataclass(frozen=True, slots=True)
class Keyword:
    """A filter: the documents whose *field* (of `KEYWORDS`) is *value* (`NONE`: none)."""

    field: str
    value: str


@dataclass(frozen=True, slots=True)
class Span:
    """A filter: the documents dated from *first* to *last* (``YYYY-MM-DD``, inclusive;
    either may be open), an estimated date counting as none without *estimates*."""

    first: str | None
    last: str | None
    estimates: bool = True


@dataclass(frozen=True, slots=True)
class Year:
    """A filter: the documents of the year *year* (0: the undated; -1: none at all),
    an estimated date counting as none without *estimates*."""

    year: int
    estimates: bool = True


@dataclass(frozen=True, slots=True)
class WithPhotos:
    """A filter: the documents with a photo on disk."""


@dataclass(frozen=True, slots=True)
class Among:
    """A filter: the documents of these IDs (an article's ID keeps its photos too)."""

    ids: frozenset[str]


#: One restriction of a search, as the engines apply it (`Filters.nodes`).
FilterNode = Keyword | Span | Year | WithPhotos | Among


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions of a search. Dates are ``YYYY-MM-DD`` strings (inclusive).

    ``outlet=NONE`` keeps the articles without an outlet, ``year=NONE`` the undated ones.
    ``ids`` keeps only the documents of these IDs (articles' IDs, or ``ID#photo``
    for photos); an empty set keeps nothing. The engines see them as `nodes`.
    """

    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    year: str | None = None
    has_photos: bool = False
    ids: frozenset[str] | None = None
    #: the article file's format (``html``, ``pdf``, …: `tangthu.archive.formats`)
    format: str | None = None
    #: how the article is dated (one of `tangthu.archive.dates.DATINGS`)
    dated: str | None = None
    #: False: an estimated date counts as none (the date and year filters and the year
    #: and month facets leave it out; ``year=NONE`` keeps it)
    estimates: bool = True

    def nodes(self) -> list[FilterNode]:
        """The filters that are on, as the engines apply them (all of them at once)."""
        out: list[FilterNode] = [node for _name, node in self._named()]
        if self.ids is not None:
            out.append(Among(self.ids))
        return out

    def _named(self) -> list[tuple[str, FilterNode]]:
        out: list[tuple[str, FilterNode]] = []
        if self.date_from or self.date_to:
            out.append(("date", Span(self.date_from, self.date_to, self.estimates)))
        if self.year:
            year = 0 if self.year == NONE else int(self.year) if self.year.isdigit() else -1
            out.append(("year", Year(year, self.estimates)))
        if self.has_photos:
            out.append(("photos", WithPhotos()))
        for name in KEYWORDS:
            value = getattr(self, name)
            if value:
                out.append((name, Keyword(name, value)))
        return out

    def alone(self) -> dict[str, list[FilterNode]]:
        """Each filter that is on, by its name (``date``, ``year``, ``photos`` or a name
        of `KEYWORDS`), with the IDs kept (they go with the words of a query)."""
        among: list[FilterNode] = [Among(self.ids)] if self.ids is not None else []
        return {name: [node, *among] for name, node in self._named()}


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str
    date: str | None
    outlet: str | None
    score: float
    #: the passage of the article richest in the words found, plain text
    snippet: str
    photos: int
    thumb: str | None = None
    folder: str = ""
    exact: bool = True
    #: the date is a guess from the photos' EXIF
    date_estimated: bool = False
    #: where the words found are, in the snippet and in the title (character spans)
    snippet_marks: tuple[tuple[int, int], ...] = ()
    title_marks: tuple[tuple[int, int], ...] = ()
    #: near matches: other spellings of words typed with diacritics (marked apart)
    snippet_near: tuple[tuple[int, int], ...] = ()
    title_near: tuple[tuple[int, int], ...] = ()
    #: the archive folder the hit is of (set above the engines, where several are searched)
    archive: str = ""
    #: the byline's author, as the article gives it
    author: str | None = None
    #: the article file's format (``text``, ``html``, ``pdf``, …)
    format: str = "text"
    #: how the article is dated (`tangthu.archive.dates.DATINGS`)
    dated_by: str = "none"
    #: the fields a librarian corrected (`tangthu.archive.corrections`)
    corrected: tuple[str, ...] = ()
    #: grouped by story (`tangthu.index.stories`): the story's other versions (ID, date,
    #: outlet), the earliest first, and how many of them the search found too (the
    #: list shows the story once)
    versions: tuple[tuple[str, str, str], ...] = ()
    found_versions: int = 0

    def to_dict(self) -> dict[str, Any]:
        grouped: dict[str, Any] = {}
        if self.versions:
            grouped = {
                "versions": [
                    {"id": i, "date": d or None, "outlet": o or None} for i, d, o in self.versions
                ],
                "found_versions": self.found_versions,
            }
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "date_estimated": self.date_estimated,
            "dated_by": self.dated_by,
            "corrected": list(self.corrected),
            "outlet": self.outlet,
            "author": self.author,
            "format": self.format,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "photos": self.photos,
            **grouped,
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
    #: what those words mark, and how (`index.snippets.Highlight`)
    highlight: Highlight = field(default_factory=Highlight)
    #: how many match the words as typed with their accents (None: none were typed)
    exact_total: int | None = None
    #: only exact spellings were asked for
    exact_only: bool = False
    #: when filters emptied the list: the filters that alone leave nothing
    #: ("date", "outlet", "year", "photos", "format", "dated"), or ["together"] when only their
    #: combination does
    emptied_by: list[str] = field(default_factory=list)
    #: documents in the index when it was searched (it may still be growing)
    indexed: int = 0
    #: archives asked for that could not be searched: they have no index yet
    unsearched: list[str] = field(default_factory=list)
    #: how the articles were found: "words", "meaning" or "both" (`index.service`)
    mode: str = "words"
    #: by meaning: how many of the articles nearest the question are listed at most
    closest: int = 0
    #: the list shows each story once (`tangthu.index.stories`): the articles its page
    #: stands for, its hits and the versions they stand for (None: not grouped)
    page_articles: int | None = None

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
            "unsearched": self.unsearched,
            "mode": self.mode,
            # (grouped by story only: how many articles the page's hits stand for)
            **({"page_articles": self.page_articles} if self.page_articles is not None else {}),
        }


@dataclass(slots=True)
class Facets:
    """What a set of documents counts, before it is shaped for people: articles per
    value of each of `KEYWORDS` (`NONE`: none), per year and per month (``YYYYMM``;
    0: undated)."""

    keywords: dict[str, dict[str, int]] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)
    months: dict[int, int] = field(default_factory=dict)

    def count(self, name: str, value: str, n: int) -> None:
        """Add *n* documents of *value* to the counts of the keyword *name*."""
        counts = self.keywords.setdefault(name, {})
        counts[value] = counts.get(value, 0) + n


@dataclass(frozen=True, slots=True)
class Ask:
    """What a search asks an engine for: the documents of *kind* that *node* matches
    (its exact spellings, or with *folded* every spelling) and that every filter of
    *keep* keeps; those where the words of *near* stand side by side score higher."""

    node: Node
    folded: bool
    kind: int
    keep: tuple[FilterNode, ...] = ()
    near: tuple[str, ...] = ()


#: An engine's set of matching documents (its own: arrays, or a query not yet run).
M = TypeVar("M")
#: An engine's handle of one document.
D = TypeVar("D")


class Store(Protocol, Generic[M, D]):
    """One archive's index as an engine keeps it: the primitives `SearchService` builds
    every search on. One per thread."""

    index_path: Path
    root: Path

    def match(self, ask: Ask) -> M:
        """The documents *ask* wants, scored (see `Ask`)."""
        ...

    def union(self, first: M, second: M) -> M:
        """The documents of either (for counts, facets and date order)."""
        ...

    def minus(self, first: M, second: M) -> M:
        """The documents of *first* that are not in *second*, with their scores."""
        ...

    def count(self, matches: M) -> int: ...

    def top(self, matches: M, offset: int, limit: int) -> list[tuple[D, float]]:
        """Documents by score, highest first (ties: index order), from *offset*."""
        ...

    def top_counted(self, matches: M, offset: int, limit: int) -> tuple[list[tuple[D, float]], int]:
        """`top` and `count` of the same matches (an engine that reads every match to
        rank them counts them in the same pass)."""
        ...

    def by_date(
        self, matches: M, *, newest_first: bool, offset: int, limit: int, estimates: bool = True
    ) -> list[D]:
        """Documents by date, the undated last (ties: index order), from *offset*
        (without *estimates*, an estimated date counts as none)."""
        ...

    def among(self, matches: M, docs: list[D]) -> list[bool]:
        """Which of *docs* are in *matches*."""
        ...

    def stored(self, doc: D) -> Callable[[str], Any]:
        """A reader of the document's stored fields ("" or None when absent)."""
        ...

    def facets(self, matches: M, *, estimates: bool = True) -> Facets:
        """What *matches* count (without *estimates*: an estimated date as none)."""
        ...

    def has_term(self, term: str, *, folded: bool) -> bool:
        """Whether the text holds *term* (exact, or folded with every spelling)."""
        ...

    def doc_freq(self, term: str, *, folded: bool) -> int:
        """How many documents hold *term* (a folded term: any of its spellings)."""
        ...

    def terms_with_prefix(self, prefix: str, *, folded: bool, limit: int) -> list[str]: ...

    def terms_near(self, term: str, *, folded: bool, distance: int) -> list[str]:
        """The terms of the text within *distance* edits of *term* that begin with its
        first letter (the candidates of a suggestion)."""
        ...

    def with_title(self, key: str) -> str | None:
        """The ID of an article whose title has this key (`analysis.title_key`)."""
        ...

    def count_of(self, kind: int) -> int: ...

    def fingerprints(self) -> dict[str, str]: ...

    def refresh(self) -> bool: ...

    def close(self) -> None: ...


class Searcher(Protocol):
    """Searches one archive's index. One per thread; `refresh` after indexing."""

    index_path: Path

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
    ) -> SearchResult: ...

    def search_photos(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        page: int = 1,
        pagesize: int = 60,
    ) -> SearchResult: ...

    def more_like(self, article_id: str, *, limit: int = 10) -> list[Hit]: ...

    def more_like_result(self, article_id: str, *, limit: int = 10) -> SearchResult:
        """`more_like` as a list of its own, with its facets counted over it."""
        ...

    def meaning_state(self) -> MeaningState:
        """How far the archive's vectors for search by meaning are (`index.meaning`)."""
        ...

    def suggest(self, query: str) -> str | None: ...

    def link_related(self, article: Article) -> Article: ...

    def article_count(self) -> int: ...

    def photo_count(self) -> int: ...

    def fingerprints(self) -> dict[str, str]:
        """Article ID -> the fingerprint it was indexed with."""
        ...

    def __enter__(self) -> Searcher: ...

    def __exit__(self, *exc: object) -> None: ...

    def refresh(self) -> bool: ...

    def close(self) -> None: ...


class Writer(Protocol):
    """Changes one archive's index: deletions, then additions, then commits.

    A writer made with ``chunk=None`` commits once (all or nothing); with a chunk
    size it commits every *chunk* articles and calls back, so that what is indexed
    so far can be searched while the rest is written.
    """

    def write(
        self,
        root: str,
        add: list[ArticleEntry],
        delete: Iterable[str],
        *,
        jobs: int,
        chunk: int | None,
        progress: Progress | None,
        cancel: CancelToken | None,
        committed: WriterCommit | None,
    ) -> list[Problem]: ...
