"""What the core's failures say in the window, in the user's language.

The core raises `library.Failure` with a code and parameters; this module turns
a code into a sentence (translated) with the parameters filled in. A failure
with a code not listed here shows the core's English sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from tangthu.ui.i18n import fmt

#: code -> (sentence with %1, %2…, the parameters that fill them, in order)
MESSAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "index-missing": ("There is no index for this archive yet; update the index (F5).", ()),
    "index-old": ("The index is of an older version; rebuild it (File → Rebuild index).", ()),
    "index-damaged": ("The index cannot be opened; rebuild it (File → Rebuild index).", ()),
    "index-untrusted": (
        "This index was not made by Tàng Thư, or is damaged: rebuild it (File → Rebuild "
        "index). Nothing in it was run.",
        (),
    ),
    "index-folder-taken": (
        "The index folder %1 holds other files; an index is built only in a new or empty "
        "folder (or in its own). Choose another folder.",
        ("folder",),
    ),
    "index-busy": (
        "Another indexing run is writing to this index; try again when it ends.",
        (),
    ),
    "index-failed": ("Indexing failed.", ()),
    "index-in-archive": (
        "The index folder %1 is inside the archive; Tàng Thư never writes into an archive. "
        "Choose a folder outside it.",
        ("folder",),
    ),
    "index-disk-full": (
        "The disk holding the index (%1) is full: indexing stopped, and the index keeps what "
        "it held before. Free some space and run it again.",
        ("folder",),
    ),
    "index-died": ("The indexing process ended unexpectedly.", ()),
    "meaning-not-built": (
        "This archive has no vectors for search by meaning yet: build them "
        "(File → Build vectors for search by meaning), or search by words.",
        (),
    ),
    "meaning-not-installed": (
        "Search by meaning needs its model, which is not installed (the 'meaning' extra).",
        (),
    ),
    "engine-missing": ("The search engine %1 is not installed.", ("engine",)),
    "query-too-long": ("The query is %1 characters long; the limit is %2.", ("length", "limit")),
    "query-too-many-words": ("The query has more than %1 words; shorten it.", ("limit",)),
    "query-failed": ("The query could not be understood.", ()),
    "query-no-words": ("%1 holds no word to search for.", ("query",)),
    "query-empty-field": ("%1: needs something after it, in quotes if it has spaces.", ("field",)),
    "article-missing": ("%1 is no longer in the archive; update the index (F5).", ("id",)),
    "outside-archive": ("%1 is not inside the archive.", ("id",)),
    "target-exists": ("%1 exists already; choose another name or allow replacing it.", ("target",)),
    "target-in-archive": (
        "%1 is inside the archive, which Tàng Thư never writes to; choose a folder outside it.",
        ("target",),
    ),
    "target-holds-archive": (
        "%1 holds the archive %2; an export never replaces it. Choose a new name for the export.",
        ("target", "root"),
    ),
    "target-not-export": (
        "%1 is a folder that Tàng Thư did not write, or that holds files it did not write: "
        "an export never replaces it. Choose a new name.",
        ("target",),
    ),
    "folder-missing": ("The folder %1 does not exist; create it first.", ("folder",)),
    "not-writable": ("Tàng Thư may not write to %1; choose another folder.", ("folder",)),
    "disk-full": (
        "The disk holding %1 is full; nothing was written. Free some space.",
        ("folder",),
    ),
    "write-failed": ("Writing %1 failed (%2); nothing was written.", ("target", "reason")),
    "bag-invalid": ("The bag did not validate (%1); nothing was written.", ("reason",)),
    "unknown-format": ("There is no export format called %1.", ("format",)),
    "nothing-found": ("None of the chosen items could be found; nothing was exported.", ()),
    "collection-exists": ("A collection named %1 already exists.", ("name",)),
    "no-collection": ("There is no collection named %1.", ("name",)),
    "collection-needs-name": ("A collection needs a name.", ()),
    "saved-search-name": ("A saved search needs a name.", ()),
    "saved-search-exists": ("A saved search is already called %1.", ("name",)),
    "saved-search-file": ("%1 is not a file of saved searches.", ("path",)),
    "saved-search-invalid": ("This search cannot be saved: one of its values is not valid.", ()),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def error_text(error: object, tr: Callable[[str], str] = _tr) -> str:
    """What *error* (an exception from the core, or a message) says to the user."""
    code = getattr(error, "code", None)
    if isinstance(code, str) and code in MESSAGES:
        text, names = MESSAGES[code]
        params = getattr(error, "params", {})
        if all(name in params for name in names):
            return fmt(tr(text), *(params[name] for name in names))
    return str(error) or type(error).__name__
