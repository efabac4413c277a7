"""The core of Tàng Thư: what the window and the command line both stand on.

`Library` is the way in: one per open archive, with its articles, its index, its
searches, its photos and its exports. What spans archives or belongs to the user
rather than to one archive is a function here: scanning roots, exporting a
selection, searching several archives, the user's basket, tags and saved searches,
citations. The records and failures all of these answer with are in
`tangthu.library.records`; this copy of the program (its command, its menu entry)
is `tangthu.library.program`. `ui/` and `cli/` import these three and nothing else
of the core (`tests/test_layers.py`); none of them imports Qt.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tangthu.library.lazy import names

if TYPE_CHECKING:  # the names below, imported when first used (a command needs few)
    from tangthu.archive.annotations import Annotations, clean_tag
    from tangthu.archive.citation import STYLES as CITATION_STYLES
    from tangthu.archive.citation import citation, reference_list
    from tangthu.archive.export import formats as export_formats
    from tangthu.archive.fold import fold
    from tangthu.archive.formats import labels as article_formats
    from tangthu.archive.formats.ocr import use_ocr
    from tangthu.archive.locate import article_file, article_folder, photo_file
    from tangthu.archive.outlet import canonical_outlet
    from tangthu.archive.paths import cache_dir, data_dir
    from tangthu.archive.photo import make_thumbnail as photo_jpeg
    from tangthu.archive.photo import read_photo_info
    from tangthu.archive.photo import rgb_pixels as thumbnail_pixels
    from tangthu.archive.saved_searches import SavedSearches
    from tangthu.archive.scan import scan
    from tangthu.archive.selection import Basket
    from tangthu.archive.thumbs import cached_thumbnail as thumbnail_jpeg
    from tangthu.archive.watch import ArchiveWatcher
    from tangthu.index.engines import KNOWN as ENGINES
    from tangthu.index.engines import available as engine_names
    from tangthu.index.snippets import highlight_spans
    from tangthu.library import program, records
    from tangthu.library.library import (
        Library,
        basket_file,
        export,
        item_details,
        load_engines,
        saved_filters,
        split_annotations,
        user_annotations,
        user_basket,
        user_saved_searches,
    )
    from tangthu.library.shelf import found_items, search_archives

#: Where each name is: "module" (the same name there) or "module:name".
_WHERE = {
    "Annotations": "tangthu.archive.annotations",
    "clean_tag": "tangthu.archive.annotations",
    "CITATION_STYLES": "tangthu.archive.citation:STYLES",
    "citation": "tangthu.archive.citation",
    "reference_list": "tangthu.archive.citation",
    "export_formats": "tangthu.archive.export:formats",
    "fold": "tangthu.archive.fold",
    "article_formats": "tangthu.archive.formats:labels",
    "use_ocr": "tangthu.archive.formats.ocr",
    "article_file": "tangthu.archive.locate",
    "article_folder": "tangthu.archive.locate",
    "photo_file": "tangthu.archive.locate",
    "canonical_outlet": "tangthu.archive.outlet",
    "cache_dir": "tangthu.archive.paths",
    "data_dir": "tangthu.archive.paths",
    "photo_jpeg": "tangthu.archive.photo:make_thumbnail",
    "read_photo_info": "tangthu.archive.photo",
    "thumbnail_pixels": "tangthu.archive.photo:rgb_pixels",
    "SavedSearches": "tangthu.archive.saved_searches",
    "scan": "tangthu.archive.scan",
    "Basket": "tangthu.archive.selection",
    "thumbnail_jpeg": "tangthu.archive.thumbs:cached_thumbnail",
    "ArchiveWatcher": "tangthu.archive.watch",
    "ENGINES": "tangthu.index.engines:KNOWN",
    "engine_names": "tangthu.index.engines:available",
    "highlight_spans": "tangthu.index.snippets",
    "Library": "tangthu.library.library",
    "basket_file": "tangthu.library.library",
    "export": "tangthu.library.library",
    "item_details": "tangthu.library.library",
    "load_engines": "tangthu.library.library",
    "saved_filters": "tangthu.library.library",
    "split_annotations": "tangthu.library.library",
    "user_annotations": "tangthu.library.library",
    "user_basket": "tangthu.library.library",
    "user_saved_searches": "tangthu.library.library",
    "found_items": "tangthu.library.shelf",
    "search_archives": "tangthu.library.shelf",
}


def __getattr__(name: str) -> Any:
    """A name of the package, imported when first asked for (``program`` and
    ``records`` are modules of it)."""
    if name in ("program", "records"):
        return importlib.import_module(f"{__name__}.{name}")
    return _named(name)


_named = names(__name__, _WHERE)


__all__ = [
    "CITATION_STYLES",
    "ENGINES",
    "Annotations",
    "ArchiveWatcher",
    "Basket",
    "Library",
    "SavedSearches",
    "article_file",
    "article_folder",
    "article_formats",
    "basket_file",
    "cache_dir",
    "canonical_outlet",
    "citation",
    "clean_tag",
    "data_dir",
    "engine_names",
    "export",
    "export_formats",
    "found_items",
    "fold",
    "highlight_spans",
    "item_details",
    "load_engines",
    "photo_file",
    "photo_jpeg",
    "program",
    "read_photo_info",
    "records",
    "reference_list",
    "saved_filters",
    "scan",
    "search_archives",
    "split_annotations",
    "thumbnail_jpeg",
    "thumbnail_pixels",
    "user_annotations",
    "user_basket",
    "user_saved_searches",
    "use_ocr",
]
