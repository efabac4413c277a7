"""The Whoosh schema: compact positional fields filled from our own analysis.

Whoosh pickles the field types and formats into the index, so these classes must
keep their module path and names; `tangthu.index.store.SCHEMA_VERSION` changes
when they change.

Layout (measured on 100,000 real articles; see bench/scale.py):

- ``x``: every exact token (NFC, lowercase) of an article's text (title, lead,
  body, captions, author, outlet) or of a photo's captions, with its positions.
  It is the only large field. Folded search does not need a field of its own: a
  folded word is the union of its exact spellings (``doan`` = ``đoàn`` + ``đoán`` +
  ``doan`` …), which the ``fx`` lexicon lists.
- ``tx``, ``cx``, ``aux``, ``olx``: the same for the title, the captions, the
  author and the outlet alone (``title:``, ``caption:``, … and the title boost).
- ``fx``: per segment, one lexicon document holds ``fold(term) + "\\x00" + term``
  for each exact term of the segment that has diacritics: the marked spellings of
  a folded word are a prefix range (an unmarked one is the word itself). ``fw``
  holds the folded words themselves (suggestions, fuzzy search).
- Positions are stored as varints of their gaps (a few bytes a word); postings
  carry no weights (the frequency is the number of positions).
"""

from __future__ import annotations

from typing import Any

from whoosh.fields import ID, STORED, FieldType, Schema
from whoosh.formats import Format
from whoosh.system import emptybytes

#: Query-syntax field -> the exact field it searches.
FIELD_OF = {"text": "x", "title": "tx", "caption": "cx", "author": "aux", "outlet": "olx"}

#: kind codes of the per-document arrays
ARTICLE, PHOTO, LEXICON = 0, 1, 2
LEXICON_ID = "\x00lexicon"
SEPARATOR = "\x00"


def title_hash(key: str) -> str:
    """The indexed form of a title key (a short hash: titles are long)."""
    import hashlib

    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def encode_positions(positions: list[int]) -> bytes:
    """Ascending positions as varints of their gaps (7 bits a byte)."""
    out = bytearray()
    last = 0
    for pos in positions:
        gap = pos - last
        last = pos
        while gap >= 0x80:
            out.append((gap & 0x7F) | 0x80)
            gap >>= 7
        out.append(gap)
    return bytes(out)


def decode_positions(data: bytes) -> list[int]:
    out, value, shift, last = [], 0, 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        last += value
        out.append(last)
        value = shift = 0
    return out


class GapPositions(Format):  # type: ignore[misc]
    """Positions as varint gaps; the weight is always 1 (no weights array is stored)."""

    posting_size = -1

    def __init__(self, field_boost: float = 1.0, **options: Any) -> None:
        self.field_boost = field_boost
        self.options = options

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return decode_positions(valuestring)

    def decode_frequency(self, valuestring: bytes) -> int:
        return sum(1 for byte in valuestring if not byte & 0x80)

    def decode_weight(self, valuestring: bytes) -> float:
        return 1.0


class Keys(Format):  # type: ignore[misc]
    """Presence only: no frequency, no positions, no weight."""

    posting_size = 0

    def __init__(self, field_boost: float = 1.0, **options: Any) -> None:
        self.field_boost = field_boost
        self.options = options

    def decode_frequency(self, valuestring: bytes) -> int:
        return 1

    def decode_weight(self, valuestring: bytes) -> float:
        return 1.0


class Placed(FieldType):  # type: ignore[misc]
    """A field indexed from ``{token: [positions]}`` worked out by `index.analysis`."""

    def __init__(self) -> None:
        super().__init__(GapPositions(), analyzer=None, scorable=True, stored=False)

    def index(
        self, value: dict[str, list[int]], **kwargs: Any
    ) -> list[tuple[bytes, int, float, bytes]]:
        return [
            (term.encode("utf-8"), len(pos), 1.0, encode_positions(pos))
            for term, pos in value.items()
        ]

    def has_morph(self) -> bool:
        return False

    def supports(self, name: str) -> bool:
        return name in ("frequency", "weight", "positions")


class Listed(FieldType):  # type: ignore[misc]
    """A field indexed from a list of distinct terms (the lexicon documents)."""

    def __init__(self) -> None:
        super().__init__(Keys(), analyzer=None, scorable=False, stored=False)

    def index(self, value: list[str], **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        return [(term.encode("utf-8"), 1, 1.0, emptybytes) for term in value]

    def has_morph(self) -> bool:
        return False

    def supports(self, name: str) -> bool:
        return name in ("frequency", "weight")


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),  # article ID, "ID#photo", or LEXICON_ID
        aid=STORED(),  # the article's ID, on its photo documents too
        title_key=ID(),  # a hash of the title: how related titles find their article
        x=Placed(),
        tx=Placed(),
        cx=Placed(),
        aux=Placed(),
        olx=Placed(),
        fx=Listed(),
        fw=Listed(),
        # shown in lists and read into per-document arrays
        kind=STORED(),
        title=STORED(),
        date=STORED(),
        date_est=STORED(),
        dated_by=STORED(),  # how the article is dated (`archive.dates.dating`)
        corrected=STORED(),  # the fields a librarian corrected, by name
        outlet=STORED(),
        format=STORED(),  # the article file's format (text, html, pdf, …)
        author=STORED(),
        photos=STORED(),
        has_photos=STORED(),
        n=STORED(),  # tokens in x
        thumb=STORED(),
        folder=STORED(),
        fingerprint=STORED(),
        file=STORED(),
        taken=STORED(),
        photo_caption=STORED(),
        embedded=STORED(),
        atitle=STORED(),
    )
