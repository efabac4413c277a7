"""Reading a term's postings from a Whoosh segment into arrays, all blocks at once.

Whoosh's matchers hand out one posting per Python call (about a microsecond each:
50 ms for a common word of a 100,000-article archive). Here each block is read
and unpickled by Whoosh's own code, and the packed varints of all blocks
(`index.whoosh_engine.codec`) are decoded together: the documents, frequencies and
positions of a term come out as NumPy arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from tangthu.index.whoosh_engine import codec

IntArray: TypeAlias = npt.NDArray[np.int64]


def decode_varints(data: bytes) -> IntArray:
    """Every varint (7 bits a byte, low bits first) in *data*."""
    if not data:
        return np.zeros(0, np.int64)
    raw = np.frombuffer(data, dtype=np.uint8)
    ends = raw < 0x80
    if ends.all():
        return raw.astype(np.int64)
    number: IntArray = np.cumsum(ends) - ends  # which varint each byte belongs to
    first = np.flatnonzero(np.concatenate(([True], ends[:-1])))
    shift = (np.arange(len(raw)) - first[number]) * 7
    parts = (raw & 0x7F).astype(np.int64) << shift
    return np.bincount(number, weights=parts, minlength=len(first)).astype(np.int64)


def _restarting_sum(values: IntArray, lengths: IntArray) -> IntArray:
    """Running sums of *values* that start again at each run of *lengths*."""
    total = np.cumsum(values)
    starts = np.cumsum(lengths) - lengths
    before = np.concatenate(([0], total[:-1]))[starts]
    out: IntArray = total - np.repeat(before, lengths)
    return out


@dataclass(slots=True)
class Postings:
    """The postings of one term in one segment (segment-local document numbers)."""

    docs: IntArray  # ascending
    freqs: IntArray  # occurrences in each document (1 for presence-only fields)
    gaps: IntArray | None  # position gaps, document after document (None: no positions)

    def positions(self) -> tuple[IntArray, IntArray]:
        """(document, position) of every occurrence, document by document."""
        if self.gaps is None:
            return self.docs, np.zeros(len(self.docs), np.int64)
        return np.repeat(self.docs, self.freqs), _restarting_sum(self.gaps, self.freqs)


EMPTY = Postings(np.zeros(0, np.int64), np.zeros(0, np.int64), None)


def read(reader: Any, fieldname: str, term: str) -> Postings:
    """The postings of *term* in *fieldname* of a segment reader (deleted ones included).

    The term's whole posting list is read in one go (`codec.posting_bytes`) and its
    blocks (`codec.posting_blocks`) decoded together.
    """
    buf = codec.posting_bytes(reader, fieldname, term)
    if buf is None:  # no such term in this segment
        return EMPTY
    positional = reader.schema[fieldname].format.posting_size != 0
    counts, id_runs, value_runs = codec.posting_blocks(buf, positional=positional)
    lengths = np.array(counts, dtype=np.int64)
    docs = _restarting_sum(decode_varints(b"".join(id_runs)), lengths)
    if not positional:
        return Postings(docs, np.ones(len(docs), np.int64), None)
    numbers = decode_varints(b"".join(value_runs))
    freqs, gaps, at = [], [], 0
    for count in counts:
        f = numbers[at : at + count]
        at += count + 1  # the zero between counts and gaps
        n = int(f.sum())
        freqs.append(f)
        gaps.append(numbers[at : at + n])
        at += n
    return Postings(docs, np.concatenate(freqs), np.concatenate(gaps))


def union(parts: list[Postings], size: int) -> Postings:
    """The postings of several terms taken as one (the spellings of a folded word);
    *size* is the number of documents in the segment."""
    parts = [p for p in parts if len(p.docs)]
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    dense = np.bincount(
        np.concatenate([p.docs for p in parts]),
        weights=np.concatenate([p.freqs for p in parts]),
        minlength=size,
    )
    docs = np.flatnonzero(dense).astype(np.int64)
    # positions are not merged here (phrases read each spelling's positions)
    return Postings(docs, dense[docs].astype(np.int64), None)
