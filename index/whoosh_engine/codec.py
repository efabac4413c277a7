"""Whoosh's own codec (W3) with posting blocks packed as bytes.

W3 pickles a block's document numbers as a tuple of integers and its values as a
tuple of byte strings; with pickle protocol 2 every byte string costs some twenty
bytes of wrapping, more than the positions it holds. Here both are varints in one
byte string each: document numbers as gaps; for positional fields, the number of
positions of each posting, a zero, then every position gap (each posting's value
is itself a run of varint gaps). The index is about a third smaller and a block
decodes in a few array operations (`tangthu.index.whoosh_engine.postings`). Everything
else (terms, stored fields, blocks' statistics) is Whoosh's. Whoosh stores the
codec with each segment, so the classes must keep their module path and names
(`tangthu.index.store.SCHEMA_VERSION` changes when they change).
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter


def varints(numbers: Any) -> bytes:
    out = bytearray()
    for n in numbers:
        while n >= 0x80:
            out.append((n & 0x7F) | 0x80)
            n >>= 7
        out.append(n)
    return bytes(out)


def unvarints(data: bytes) -> list[int]:
    out, value, shift = [], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        out.append(value)
        value = shift = 0
    return out


class PackedPostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    """Writes a block's document numbers as varint gaps, its values as one string."""

    def _mini_ids(self) -> Any:
        if self._byteids:
            return super()._mini_ids()
        ids = self._ids
        return varints([ids[0]] + [b - a for a, b in zip(ids, ids[1:], strict=False)])

    def _mini_values(self) -> Any:
        fixedsize = self._format.fixed_value_size()
        if fixedsize is None or fixedsize < 0:
            values = self._values
            counts = [sum(1 for byte in v if byte < 0x80) for v in values]
            return varints(counts) + b"\x00" + b"".join(values)
        return super()._mini_values()


class PackedLeafMatcher(W3LeafMatcher):  # type: ignore[misc]
    """Reads the blocks `PackedPostingsWriter` wrote (with Whoosh's matcher interface)."""

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        ids = self._data[0]
        if isinstance(ids, bytes) and not self._byteids:
            total, out = 0, []
            for gap in unvarints(ids):
                total += gap
                out.append(total)
            self._ids = tuple(out)
        else:
            super()._read_ids()

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        packed = self._data[2]
        if isinstance(packed, bytes) and (self._fixedsize is None or self._fixedsize < 0):
            self._values = tuple(split_values(packed, self._blocklength))
        else:
            super()._read_values()


def split_values(packed: bytes, count: int) -> list[bytes]:
    """The values of a packed block: *count* varint counts, a zero, the varint runs."""
    numbers: list[int] = []
    pos = value = shift = 0
    while len(numbers) < count:
        byte = packed[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        numbers.append(value)
        value = shift = 0
    pos += 1  # the zero between counts and runs
    out = []
    for n in numbers:
        start = pos
        while n:
            if packed[pos] < 0x80:
                n -= 1
            pos += 1
        out.append(packed[start:pos])
    return out


class PackedCodec(W3Codec):  # type: ignore[misc]
    """W3 with packed posting blocks."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> PackedPostingsWriter:
        return PackedPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)
