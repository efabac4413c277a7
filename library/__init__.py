"""The core of Tàng Thư: what the window and the command line both stand on.

One `Library` per open archive: its articles, its index and its searches. What spans
archives (scans of several roots, exports, searching several archives, the user's
basket, tags and saved searches, citations, this copy of the program) is a function
of this package. The records and failures they answer with come from the floors below,
named here once. `ui/` and `cli/` import this package and nothing else of the core
(`tests/test_layers.py`); it imports no Qt.
"""

from __future__ import annotations

from tangthu.archive.annotations import Annotations, clean_tag
from tangthu.archive.citation import STYLES as CITATION_STYLES
from tangthu.archive.citation import citation, csl_item, reference_list
from tangthu.archive.errors import Failure
from tangthu.archive.export import ExportError, ExportFormat, ExportReport, TargetExists
from tangthu.archive.export import formats as export_formats
from tangthu.archive.fold import fold
from tangthu.archive.locate import OutsideArchive, article_file, article_folder, photo_file
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
from tangthu.archive.outlet import canonical_outlet
from tangthu.archive.paths import cache_dir, data_dir
from tangthu.archive.photo import make_thumbnail as photo_jpeg
from tangthu.archive.photo import read_photo_info
from tangthu.archive.photo import rgb_pixels as thumbnail_pixels
from tangthu.archive.saved_searches import SavedSearch, SavedSearchError, SavedSearches
from tangthu.archive.scan import ScanReport, scan
from tangthu.archive.selection import Basket, Item, SelectionError
from tangthu.archive.thumbs import cached_thumbnail as thumbnail_jpeg
from tangthu.archive.watch import ArchiveWatcher
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
from tangthu.index.engines import KNOWN as ENGINES
from tangthu.index.engines import available as engine_names
from tangthu.index.indexer import IndexSummary
from tangthu.index.query import QueryError
from tangthu.index.snippets import Highlight, highlight_spans
from tangthu.library.library import (
    ArticleNotFound,
    ItemDetails,
    Library,
    PhotoEntry,
    annotations_file,
    basket_file,
    export,
    item_details,
    item_size,
    item_title,
    load_engines,
    saved_filters,
    split_annotations,
    user_annotations,
    user_basket,
    user_saved_searches,
)
from tangthu.library.program import (
    command_name,
    desktop_exec_line,
    install_desktop_entry,
    remove_desktop_entry,
)
from tangthu.library.shelf import found_items, search_archives

__all__ = [
    "desktop_exec_line",
    "install_desktop_entry",
    "remove_desktop_entry",
    "command_name",
    "CITATION_STYLES",
    "ENGINES",
    "NONE",
    "PROBLEM_KINDS",
    "Annotations",
    "ArchiveWatcher",
    "Article",
    "ArticleNotFound",
    "Basket",
    "Block",
    "CancelToken",
    "Cancelled",
    "ExportError",
    "ExportFormat",
    "ExportReport",
    "Failure",
    "Filters",
    "Hit",
    "IndexBusy",
    "IndexFailure",
    "IndexMissing",
    "IndexSummary",
    "Item",
    "ItemDetails",
    "Library",
    "annotations_file",
    "saved_filters",
    "search_archives",
    "found_items",
    "user_saved_searches",
    "SavedSearch",
    "SavedSearches",
    "SavedSearchError",
    "split_annotations",
    "user_annotations",
    "OutsideArchive",
    "PhotoEntry",
    "PhotoHit",
    "PhotoInfo",
    "PhotoRef",
    "Problem",
    "QueryError",
    "Related",
    "ScanReport",
    "SearchResult",
    "SelectionError",
    "TargetExists",
    "canonical_outlet",
    "engine_names",
    "export",
    "export_formats",
    "fold",
    "item_details",
    "item_size",
    "item_title",
    "load_engines",
    "Highlight",
    "highlight_spans",
    "photo_file",
    "photo_jpeg",
    "article_file",
    "article_folder",
    "basket_file",
    "cache_dir",
    "data_dir",
    "clean_tag",
    "citation",
    "reference_list",
    "csl_item",
    "read_photo_info",
    "scan",
    "thumbnail_jpeg",
    "thumbnail_pixels",
    "user_basket",
]
