"""The Whoosh schema: article documents and photo documents in one index.

Every text field has an exact twin (NFC, lowercase) and a folded twin (``_f``:
diacritics removed). Only what the interface shows is stored.
"""

from __future__ import annotations

from typing import Any

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from index.analysis import EXACT, FOLDED

#: Bump when fields or analysis change: an index of another version is rebuilt.
SCHEMA_VERSION = 4

#: User-facing field names of the query syntax -> (exact field, folded field).
#: ``text`` holds everything (title, lead, body, captions, author, outlet), so a
#: plain word reads two posting lists (text and title), not one per field.
TEXT_FIELDS: dict[str, tuple[str, str]] = {
    "title": ("title", "title_f"),
    "body": ("text", "text_f"),
    "text": ("text", "text_f"),
    "caption": ("caption", "caption_f"),
    "author": ("author", "author_f"),
    "outlet": ("outlet_t", "outlet_tf"),
}

#: The facet value and filter of articles without an outlet, or without a date.
NONE = "(none)"

#: The fields a word without ``field:`` is looked up in, with their weights.
DEFAULT_FIELDS: dict[str, float] = {"text": 1.0, "title": 2.0}


def _text(stored: bool = False, boost: float = 1.0, folded: bool = False) -> TEXT:
    return TEXT(analyzer=FOLDED if folded else EXACT, stored=stored, phrase=True, field_boost=boost)


def build_schema() -> Schema:
    return Schema(
        # identity and bookkeeping
        id=ID(stored=True, unique=True),
        aid=ID(stored=True),  # the article's ID, also on its photo documents
        kind=ID(stored=True),  # "article" or "photo"
        fingerprint=STORED(),
        # searchable text, exact and folded
        title=_text(stored=True),
        title_f=_text(folded=True),
        text=_text(),
        text_f=_text(folded=True),
        body=STORED(),  # lead and body, for snippets
        caption=_text(),
        photo_caption=STORED(),  # a photo's caption as its article gives it
        embedded=STORED(),  # the caption written inside the photo file (IPTC/XMP/EXIF)
        caption_f=_text(folded=True),
        author=_text(stored=True),
        author_f=_text(folded=True),
        outlet_t=_text(),
        outlet_tf=_text(folded=True),
        # filters, facets, sorting
        outlet=STORED(),
        outlet_key=ID(sortable=True),  # the outlet, or NONE
        date=ID(stored=True, sortable=True),
        date_est=STORED(),  # the date is a guess from the photos' EXIF
        year=ID(stored=True, sortable=True),  # YYYY, or NONE
        has_photos=ID(),
        title_key=ID(stored=False),
        # shown in result lists
        source_url=STORED(),
        folder=STORED(),
        photos=NUMERIC(stored=True),
        file=STORED(),
        taken=STORED(),
        thumb=STORED(),  # the first existing photo of an article, for result lists
        atitle=STORED(),  # the article's title, on photo documents
    )


def title_key(title: str) -> str:
    """How related titles are matched to articles: NFC, case-folded, spaces squeezed."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", title).casefold().split())


def stored(doc: Any, key: str, default: Any = None) -> Any:
    value = doc.get(key, default)
    return default if value in ("", None) else value
