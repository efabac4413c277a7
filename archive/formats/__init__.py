"""The article formats Tàng Thư reads, each declared once, by the module that reads it.

A reader module of this package declares ``READER``, an `ArticleReader`: the file
endings it takes and a function from the file's bytes to a `ParsedText` (title, lead,
blocks of text and photos in reading order with their captions, date, author, source).
`tangthu.archive.article.load_article` does the rest for every format alike: the
photos are looked up in the archive, the date completed, the sidecar applied.
Adding a format is one new module here (and the translation of its label).

Every reader is bounded: at most ``max_bytes`` of a file are read, and a reader
that works page by page stops at ``MAX_PAGES`` pages or ``SECONDS`` seconds and says
so. A file a reader cannot make sense of raises `ReadFailure`, which becomes a
problem of the article (the scan report, the CLI summary, the Problems panel).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tangthu.archive.formats.parsed import ParsedText

#: The readers' edition: one more whenever what is read of a file changes (a better
#: title, date, story or caption; 3: each article's sketch for finding its other
#: versions, `tangthu.index.stories`). An index keeps the edition that read its
#: articles, so the next update of an index made by another reads every article again.
READER_VERSION = 3

#: Pages a paged document (PDF) is read to; the rest are left out and reported.
MAX_PAGES = 400
#: Seconds a reader may spend on one file before it stops where it is and says so: with
#: the program's start and the rest of a step, one bad file holds nothing up a minute.
SECONDS = 50.0


class ReadFailure(Exception):
    """A file its reader cannot make sense of: ``kind`` is a problem kind
    (`tangthu.archive.model.PROBLEM_KINDS`), ``detail`` an English sentence."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True, slots=True)
class ArticleReader:
    """One article format.

    Attributes:
        name: what the index, the command line and JSON call it (``html``).
        label: what the window shows, in English (the window translates it).
        extensions: the file endings it reads, lower case, with the dot.
        read: ``read(data, path)``: the parsed article; raises `ReadFailure`.
        max_bytes: files larger than this are not read (a ``too-large`` problem).
        order: where it comes in lists.
        media_type: its MIME type (Dublin Core's ``format`` in exports).
        alone: its files are articles only in a folder holding no other article file
            (pictures: elsewhere they are the photos of the folder's articles).
        reads_bytes: `read` is given the file's bytes (else ``b""``: it opens the file
            itself, through the guard, as much of it as it needs).
    """

    name: str
    label: str
    extensions: frozenset[str]
    read: Callable[[bytes, Path], ParsedText]
    max_bytes: int = 16 * 1024 * 1024
    order: int = 100
    media_type: str = "application/octet-stream"
    alone: bool = False
    reads_bytes: bool = True


@lru_cache(maxsize=1)
def readers() -> dict[str, ArticleReader]:
    """Every article format by name, in the order lists show them."""
    import tangthu.archive.formats as package

    found: list[ArticleReader] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        reader = getattr(module, "READER", None)
        if reader is not None:
            found.append(reader)
    return {r.name: r for r in sorted(found, key=lambda r: (r.order, r.name))}


@lru_cache(maxsize=1)
def by_extension() -> dict[str, ArticleReader]:
    """The reader of each file ending (``.html`` → the web page reader)."""
    return {ext: r for r in readers().values() for ext in r.extensions}


def article_extensions() -> frozenset[str]:
    """Every file ending an article file may have (pictures aside: `alone_extensions`)."""
    return frozenset(ext for ext, r in by_extension().items() if not r.alone)


def alone_extensions() -> frozenset[str]:
    """The endings of files that are articles only where no article file is beside them."""
    return frozenset(ext for ext, r in by_extension().items() if r.alone)


def reader_for(path: str | os.PathLike[str]) -> ArticleReader | None:
    """The reader of *path*, by its ending; None when no format has that ending."""
    return by_extension().get(Path(path).suffix.lower())


def labels() -> dict[str, str]:
    """Each format's name and its label (English; the window translates it)."""
    return {r.name: r.label for r in readers().values()}


def media_type(name: str) -> str:
    """The MIME type of the format *name* (``pdf`` → ``application/pdf``)."""
    reader = readers().get(name)
    return reader.media_type if reader else "text/plain"


def format_of(article_id: str) -> str:
    """The format name of an article by its ID's ending (``text`` when unknown)."""
    reader = reader_for(article_id)
    return reader.name if reader else "text"


__all__ = [
    "MAX_PAGES",
    "READER_VERSION",
    "SECONDS",
    "ArticleReader",
    "ReadFailure",
    "alone_extensions",
    "article_extensions",
    "by_extension",
    "format_of",
    "labels",
    "media_type",
    "reader_for",
    "readers",
]
