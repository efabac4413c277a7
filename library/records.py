"""The records and failures the core answers with: what an article, a hit, a search
result, a basket item or a problem is, and what can go wrong. Plain data and
exception classes only: what to *do* is `tangthu.library` (`Library` and a few
functions). `ui/` and `cli/` name these types for their annotations and ``except``
clauses; they are defined in the floors below and named here once.
"""

from __future__ import annotations

from tangthu.archive.errors import Failure
from tangthu.archive.export import ExportError, ExportFormat, ExportReport, TargetExists
from tangthu.archive.locate import OutsideArchive
from tangthu.archive.model import (
    PROBLEM_KINDS,
    Article,
    Block,
    Cancelled,
    CancelToken,
    PhotoInfo,
    PhotoRef,
    Problem,
    Related,
)
from tangthu.archive.saved_searches import SavedSearch, SavedSearchError
from tangthu.archive.scan import ScanReport
from tangthu.archive.selection import Item, SelectionError
from tangthu.index.engine import (
    NONE,
    Filters,
    Hit,
    IndexBusy,
    IndexFailure,
    IndexMissing,
    PhotoHit,
    SearchResult,
)
from tangthu.index.indexer import IndexSummary
from tangthu.index.query import QueryError
from tangthu.index.snippets import Highlight
from tangthu.library.library import ArticleNotFound, ItemDetails, PhotoEntry

__all__ = [
    "NONE",
    "PROBLEM_KINDS",
    "Article",
    "ArticleNotFound",
    "Block",
    "CancelToken",
    "Cancelled",
    "ExportError",
    "ExportFormat",
    "ExportReport",
    "Failure",
    "Filters",
    "Highlight",
    "Hit",
    "IndexBusy",
    "IndexFailure",
    "IndexMissing",
    "IndexSummary",
    "Item",
    "ItemDetails",
    "OutsideArchive",
    "PhotoEntry",
    "PhotoHit",
    "PhotoInfo",
    "PhotoRef",
    "Problem",
    "QueryError",
    "Related",
    "SavedSearch",
    "SavedSearchError",
    "ScanReport",
    "SearchResult",
    "SelectionError",
    "TargetExists",
]
