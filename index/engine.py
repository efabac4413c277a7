"""The seam between Tàng Thư and a search engine: records, errors and protocols.

Everything above `index/` speaks these records; an engine (Whoosh, the default, in
`index.whoosh_engine`; optionally tantivy in `index.tantivy_engine`) implements
`Searcher` and `Writer` and compiles the query tree of `index.query` its own way.
No object of an engine's own library leaves it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from tangthu.archive.errors import Failure
from tangthu.archive.model import Article, CancelToken, Problem
from tangthu.archive.scan import ArticleEntry
from tangthu.index.query import QueryError
from tangthu.index.snippets import article_body, mark, snippet

__all__ = [
    "NONE",
    "CommitCallback",
    "WriterCommit",
    "Filters",
    "Hit",
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

Progress = Callable[[int, int], None]
#: Called after each commit with the IDs (and fingerprints) it made searchable.
CommitCallback = Callable[[dict[str, str]], None]
#: What an engine's writer calls after each commit: the IDs (and fingerprints) it made
#: searchable, and the problems found in those articles (kept with the commit, so a run
#: killed later loses none of them).
WriterCommit = Callable[[dict[str, str], list[Problem]], None]


def ordered_counts(counts: dict[str, int]) -> dict[str, int]:
    """Facet counts, largest first; the "none" bucket last."""
    return dict(sorted(counts.items(), key=lambda kv: (kv[0] == NONE, -kv[1], kv[0])))


class IndexFailure(Failure):
    """Base of the index layer's errors (the message is for people)."""

    code = "index-failed"


class IndexBusy(IndexFailure):
    """Another writer holds the index."""

    code = "index-busy"


class IndexMissing(IndexFailure):
    """No index was built for this archive yet (or it is of another version, or damaged)."""

    code = "index-missing"


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions of a search. Dates are ``YYYY-MM-DD`` strings (inclusive).

    ``outlet=NONE`` keeps the articles without an outlet, ``year=NONE`` the undated ones.
    ``ids`` keeps only the documents of these IDs (articles' IDs, or ``ID#photo``
    for photos); an empty set keeps nothing.
    """

    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    year: str | None = None
    has_photos: bool = False
    ids: frozenset[str] | None = None


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
    #: the archive folder the hit is of (set above the engines, where several are searched)
    archive: str = ""
    #: the byline's author, as the article gives it
    author: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "date_estimated": self.date_estimated,
            "outlet": self.outlet,
            "author": self.author,
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
    #: documents in the index when it was searched (it may still be growing)
    indexed: int = 0
    #: archives asked for that could not be searched: they have no index yet
    unsearched: list[str] = field(default_factory=list)

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
        }


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


def stored_hit(
    stored: Callable[[str], Any], root: Path, score: float, exact: bool, terms: set[str] | None
) -> Hit:
    """An article's hit from its stored fields (*stored* reads one, "" when absent),
    with its snippet read from the file and its words marked when *terms* are given."""
    title = stored("title") or ""
    article_id = stored("aid") or ""
    found = snippet(article_body(root, article_id), terms) if terms is not None else None
    titled = mark(title, terms) if terms is not None else None
    return Hit(
        id=article_id,
        title=title,
        date=stored("date") or None,
        outlet=stored("outlet") or None,
        author=stored("author") or None,
        score=float(score),
        snippet=found.text if found else "",
        photos=int(stored("photos") or 0),
        thumb=stored("thumb") or None,
        folder=stored("folder") or "",
        exact=bool(exact),
        date_estimated=bool(stored("date_est")),
        snippet_marks=found.spans if found else (),
        title_marks=titled.spans if titled else (),
    )


def month_key(yyyymm: int) -> str:
    """A month facet's value: ``202403`` as ``2024-03``."""
    return f"{yyyymm // 100:04d}-{yyyymm % 100:02d}"


def emptied_by(filters: Filters | None, count: Callable[[Filters | None], int]) -> list[str]:
    """Which of the active filters leave nothing, each alone; ["together"] when only
    their combination does; [] when the words alone find nothing (or no filter is on).

    *count* tells how many articles the words find under a set of filters (None: none).
    The IDs of ``filters`` (named by tags and notes in the query) go with the words.
    """
    f = filters or Filters()
    parts = {
        "date": Filters(date_from=f.date_from, date_to=f.date_to),
        "outlet": Filters(outlet=f.outlet),
        "year": Filters(year=f.year),
        "photos": Filters(has_photos=f.has_photos),
    }
    active = {name: replace(one, ids=f.ids) for name, one in parts.items() if one != Filters()}
    if not active or count(Filters(ids=f.ids) if f.ids is not None else None) == 0:
        return []
    return [name for name, one in active.items() if count(one) == 0] or ["together"]
