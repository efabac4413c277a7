"""The records and failures the core answers with: what an article, a hit, a search
result, a basket item or a problem is, and what can go wrong. Plain data and
exception classes only: what to *do* is `tangthu.library` (`Library` and a few
functions). `ui/` and `cli/` name these types for their annotations and ``except``
clauses; they are defined in the floors below and named here once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tangthu.library.lazy import names

if TYPE_CHECKING:  # imported when first used: a command names few of them
    from tangthu.archive.corrections import FIELDS as CORRECTABLE
    from tangthu.archive.corrections import BadCorrection
    from tangthu.archive.dates import DATINGS
    from tangthu.archive.errors import Failure
    from tangthu.archive.export import ExportError, ExportFormat, ExportReport, TargetExists
    from tangthu.archive.locate import OutsideArchive
    from tangthu.archive.model import (
        OCR_INSTALL,
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
    from tangthu.index.meaning import MeaningMissing, MeaningState
    from tangthu.index.query import QueryError
    from tangthu.index.service import SEARCH_MODES
    from tangthu.index.snippets import Highlight
    from tangthu.library.library import ArticleNotFound, ItemDetails, PhotoEntry

#: The module each record is defined in.
_WHERE = {
    "CORRECTABLE": "tangthu.archive.corrections:FIELDS",
    "BadCorrection": "tangthu.archive.corrections",
    "DATINGS": "tangthu.archive.dates",
    "Failure": "tangthu.archive.errors",
    "ExportError": "tangthu.archive.export",
    "ExportFormat": "tangthu.archive.export",
    "ExportReport": "tangthu.archive.export",
    "TargetExists": "tangthu.archive.export",
    "OutsideArchive": "tangthu.archive.locate",
    "OCR_INSTALL": "tangthu.archive.model",
    "PROBLEM_KINDS": "tangthu.archive.model",
    "Article": "tangthu.archive.model",
    "Block": "tangthu.archive.model",
    "Cancelled": "tangthu.archive.model",
    "CancelToken": "tangthu.archive.model",
    "PhotoInfo": "tangthu.archive.model",
    "PhotoRef": "tangthu.archive.model",
    "Problem": "tangthu.archive.model",
    "Related": "tangthu.archive.model",
    "SavedSearch": "tangthu.archive.saved_searches",
    "SavedSearchError": "tangthu.archive.saved_searches",
    "ScanReport": "tangthu.archive.scan",
    "Item": "tangthu.archive.selection",
    "SelectionError": "tangthu.archive.selection",
    "NONE": "tangthu.index.engine",
    "Filters": "tangthu.index.engine",
    "Hit": "tangthu.index.engine",
    "IndexBusy": "tangthu.index.engine",
    "IndexFailure": "tangthu.index.engine",
    "IndexMissing": "tangthu.index.engine",
    "PhotoHit": "tangthu.index.engine",
    "SearchResult": "tangthu.index.engine",
    "IndexSummary": "tangthu.index.indexer",
    "MeaningMissing": "tangthu.index.meaning",
    "MeaningState": "tangthu.index.meaning",
    "SEARCH_MODES": "tangthu.index.service",
    "QueryError": "tangthu.index.query",
    "Highlight": "tangthu.index.snippets",
    "ArticleNotFound": "tangthu.library.library",
    "ItemDetails": "tangthu.library.library",
    "PhotoEntry": "tangthu.library.library",
}


__getattr__ = names(__name__, _WHERE)

__all__ = [
    "CORRECTABLE",
    "DATINGS",
    "NONE",
    "OCR_INSTALL",
    "PROBLEM_KINDS",
    "Article",
    "ArticleNotFound",
    "BadCorrection",
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
    "MeaningMissing",
    "MeaningState",
    "SEARCH_MODES",
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
