"""Everything this engine takes from Whoosh beyond its public interface, in one place.

Whoosh's public interface is too slow for a 100,000-article archive in two places:
reading a term's postings (one Python call per posting) and committing segments that
worker processes wrote (its writer merges and rewrites them itself). So this module
leans on the internals of ``whoosh-reloaded`` 2.7 (pinned ``<2.8`` in pyproject.toml for
this reason), each pinned by a test in ``tests/index/test_whoosh_internals.py`` that
fails on an upgrade which changes it:

- ``whoosh.codec.whoosh3``: ``W3Codec``, ``W3PostingsWriter`` (``_mini_ids``,
  ``_mini_values``, ``_ids``, ``_values``, ``_byteids``, ``_format``) and
  ``W3LeafMatcher`` (``_read_ids``, ``_read_values``, ``_read_data``, ``_data``,
  ``_byteids``, ``_fixedsize``, ``_blocklength``), subclassed by `PackedCodec` below;
  and the layout of a posting list on disk (a header tag, then blocks: a signed int
  length, the pickled block statistics, the block's pickled data, zlib-compressed
  when the statistics say so), read whole by `posting_blocks`.
- ``SegmentReader._terms`` (``term_info(field, bytes).extent()``, ``_postfile.get``):
  where a term's posting list is in the postings file.
- ``SegmentWriter(..., _lk=False)`` (a writer that takes no lock, for the worker
  processes), ``_finalize_segment``, ``_close_segment``, ``_merge_segments``,
  ``_commit_toc``, ``_finish`` and ``_added``: committing segments written elsewhere.
- ``FileIndex._segments()``: the segments of the last commit.

The codec packs posting blocks: W3 pickles a block's document numbers as a tuple of
integers and its values as a tuple of byte strings; with pickle protocol 2 every byte
string costs some twenty bytes of wrapping, more than the positions it holds. Here both
are varints in one byte string each: document numbers as gaps; for positional fields,
the number of positions of each posting, a zero, then every position gap (each
posting's value is itself a run of varint gaps). The index is about a third smaller
and a block decodes in a few array operations (`postings`). Everything else (terms,
stored fields, blocks' statistics) is Whoosh's. Whoosh stores the codec with each
segment, so the classes must keep their module path and names
(`tangthu.index.store.SCHEMA_VERSION` changes when they change).
"""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter
from whoosh.reading import TermNotFound
from whoosh.writing import SegmentWriter

from tangthu.index.whoosh_engine import safe

_INT = struct.Struct("!i")  # whoosh.system.pack_int
#: The most one posting block may unpack to (a block holds at most 128 postings: a few
#: megabytes even for a word said thousands of times in each of them).
MAX_BLOCK = 64 * 1024 * 1024


def unpack(data: bytes) -> bytes:
    """A compressed block's bytes, refused when they unpack to more than `MAX_BLOCK`.

    Raises:
        safe.Untrusted: the block unpacks to more (no index of Tàng Thư holds one).
        zlib.error: the block is damaged.
    """
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, MAX_BLOCK)
    if inflater.unconsumed_tail:
        raise safe.Untrusted(f"a posting block of more than {MAX_BLOCK // 2**20} MB")
    return out


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

    def _read_data(self) -> None:
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        self._data = safe.loads(unpack(data) if self._compression else data)

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


# --- reading a posting list whole ------------------------------------------------------


def posting_bytes(reader: Any, fieldname: str, term: str) -> bytes | None:
    """The bytes of *term*'s posting list in a segment reader's postings file (None: no
    such term in this segment; an inlined list is never written by this codec's
    writer for positional or keyed fields)."""
    terms = reader._terms
    try:
        info = terms.term_info(fieldname, term.encode("utf-8"))
    except TermNotFound:
        return None
    offset, length = info.extent()
    if isinstance(length, tuple):  # WORKAROUND(whoosh3 W3TermInfo.from_bytes keeps a 1-tuple)
        length = length[0]
    data: bytes = terms._postfile.get(offset, length)
    return data


def posting_blocks(buf: bytes, *, positional: bool) -> tuple[list[int], list[bytes], list[bytes]]:
    """The blocks of a posting list: each block's number of postings, its packed
    document numbers and (for a positional field) its packed values."""
    stream = io.BytesIO(buf)
    pos = 4  # the posting list's header tag
    counts: list[int] = []
    id_runs: list[bytes] = []
    value_runs: list[bytes] = []
    while pos < len(buf):
        (size,) = _INT.unpack_from(buf, pos)
        pos += 4
        end = pos + abs(size)
        stream.seek(pos)
        stats = safe.load(stream)
        data = buf[stream.tell() : end]
        if stats[3]:  # compressed
            data = unpack(data)
        block = safe.loads(data)
        counts.append(stats[0])
        id_runs.append(block[0])
        if positional:
            value_runs.append(block[2])
        pos = end
        if size < 0:  # the last block
            break
    return counts, id_runs, value_runs


# --- committing segments written in other processes -----------------------------------


def segment_writer(ix: Any, *, lock: bool, limitmb: int, timeout: float = 0.0) -> Any:
    """A segment writer with this codec; without *lock*, one that takes no index lock
    (a worker's: the parent holds the lock and commits what the workers write).

    Raises:
        whoosh.index.LockError: *lock* and another writer holds the index.
    """
    if lock:
        return SegmentWriter(ix, timeout=timeout, compound=False, limitmb=limitmb, codec=codec())
    return SegmentWriter(ix, _lk=False, compound=False, limitmb=limitmb, codec=codec())


def finish_segment(writer: Any) -> Any:
    """Write out what *writer* was given as a segment (not committed); return it."""
    return writer._finalize_segment()


def drop_segment(writer: Any) -> None:
    """Close an unfinished segment writer without touching the index's temporary files
    (``cancel()`` removes the folder other writers use at the same time)."""
    writer._close_segment()


def commit_segments(writer: Any, segments: list[Any], merge_policy: Any) -> None:
    """Commit *writer*'s own deletions (and merges by *merge_policy*) with *segments*
    that other writers finished, in one new table of contents."""
    final = writer._merge_segments(merge_policy, None, None)
    final += segments
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()


def index_segments(ix: Any) -> list[Any]:
    """The segments of the index's last commit."""
    return list(ix._segments())


#: zlib's level for the posting blocks (Whoosh compresses a block when it pays).
COMPRESSION = 3


def codec() -> PackedCodec:
    """The codec every segment of this engine is written with."""
    return PackedCodec(compression=COMPRESSION)
