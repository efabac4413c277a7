"""Per-document arrays of one Whoosh segment: what filters, facets, sorting and scoring read.

A segment never changes once written (only its deletions do), so its arrays are
worked out once (by the process that wrote it, or from its stored fields after a
merge) and kept beside the index as ``tangthu-<segment>.npz``.

The file is read as data: plain arrays (the names each keyword's values take, as
fixed-width text, never objects), loaded without pickles, each checked for its type, its length
(the segment's documents) and its values before use. A file that fails is not used:
the arrays are worked out again from the segment's stored fields.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tangthu.index.analysis import tokens
from tangthu.index.engine import KEYWORDS, NONE
from tangthu.index.whoosh_engine.schema import ARTICLE, LEXICON, PHOTO

PREFIX = "tangthu-"
SUFFIX = ".npz"
#: The array of a keyword's names is called as the keyword with this after it.
NAMES = "_names"


def date_number(date: str) -> int:
    """``2024-03-21`` -> 20240321; a month alone (``2024-03``) -> 20240300; none -> 0.

    The numbers order as the date strings do, so ranges behave as before.
    """
    if not date:
        return 0
    parts = date.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 0
        d = int(parts[2][:2]) if len(parts) > 2 else 0
    except ValueError:
        return 0
    return y * 10000 + m * 100 + d


@dataclass(slots=True)
class DocValues:
    kind: npt.NDArray[np.uint8]
    date: npt.NDArray[np.int32]
    estimated: npt.NDArray[np.bool_]
    has_photos: npt.NDArray[np.bool_]
    length: npt.NDArray[np.int32]  # tokens in x
    title_length: npt.NDArray[np.int32]  # tokens in tx
    #: each of `KEYWORDS`: per document, an index into its names (-1: none)
    keys: dict[str, npt.NDArray[np.int32]]
    names: dict[str, list[str]]

    def __len__(self) -> int:
        return len(self.kind)

    def code(self, name: str, value: str) -> int:
        """The number of *value* in the keyword *name* (-1: `NONE`; -2: not there)."""
        if value == NONE:
            return -1
        names = self.names[name]
        return names.index(value) if value in names else -2


def build(rows: Iterable[dict[str, Any] | None]) -> DocValues:
    """Arrays from stored-field dictionaries in document order (None: a lexicon document)."""
    kind, date, est, photos, length, tlen = [], [], [], [], [], []
    keys: dict[str, list[int]] = {name: [] for name in KEYWORDS}
    names: dict[str, dict[str, int]] = {name: {} for name in KEYWORDS}
    for row in rows:
        if row is None or row.get("kind") == "lexicon":
            kind.append(LEXICON)
            date.append(0)
            est.append(False)
            photos.append(False)
            length.append(0)
            tlen.append(0)
            for name in KEYWORDS:
                keys[name].append(-1)
            continue
        kind.append(PHOTO if row.get("kind") == "photo" else ARTICLE)
        date.append(date_number(row.get("date") or ""))
        est.append(bool(row.get("date_est")))
        photos.append(bool(row.get("has_photos")))
        length.append(int(row.get("n") or 0))
        tlen.append(len(tokens(row.get("title") or "")) if kind[-1] == ARTICLE else 0)
        for name, (stored, missing) in KEYWORDS.items():
            value = row.get(stored) or missing
            known = names[name]
            keys[name].append(-1 if value == NONE else known.setdefault(value, len(known)))
    return DocValues(
        kind=np.array(kind, dtype=np.uint8),
        date=np.array(date, dtype=np.int32),
        estimated=np.array(est, dtype=np.bool_),
        has_photos=np.array(photos, dtype=np.bool_),
        length=np.array(length, dtype=np.int32),
        title_length=np.array(tlen, dtype=np.int32),
        keys={name: np.array(codes, dtype=np.int32) for name, codes in keys.items()},
        names={name: list(known) for name, known in names.items()},
    )


def path_for(index_path: Path, segment_id: str) -> Path:
    return index_path / f"{PREFIX}{segment_id}{SUFFIX}"


def save(values: DocValues, index_path: Path, segment_id: str) -> None:
    """Write the arrays atomically (a reader never sees half a file)."""
    target = path_for(index_path, segment_id)
    fd, tmp = tempfile.mkstemp(dir=index_path, prefix=".tangthu-", suffix=".tmp")
    arrays: dict[str, npt.NDArray[Any]] = {
        "kind": values.kind,
        "date": values.date,
        "estimated": values.estimated,
        "has_photos": values.has_photos,
        "length": values.length,
        "title_length": values.title_length,
        **{name: values.keys[name] for name in KEYWORDS},
        **{f"{name}{NAMES}": _names(values.names[name]) for name in KEYWORDS},
    }
    with os.fdopen(fd, "wb") as f:
        np.savez(f, **arrays)  # type: ignore[arg-type]
    os.replace(tmp, target)


def _names(names: list[str]) -> npt.NDArray[np.str_]:
    return np.array(names, dtype=np.str_) if names else np.zeros(0, dtype="<U1")


#: Each array of the file: its type, and whether it has one value per document.
_ARRAYS: dict[str, tuple[type, bool]] = {
    "kind": (np.uint8, True),
    "date": (np.int32, True),
    "estimated": (np.bool_, True),
    "has_photos": (np.bool_, True),
    "length": (np.int32, True),
    "title_length": (np.int32, True),
    **{name: (np.int32, True) for name in KEYWORDS},
    **{f"{name}{NAMES}": (np.str_, False) for name in KEYWORDS},
}
#: The most bytes one array may hold per document of its segment (a name of an outlet
#: of 500 characters is 2 KB): what a file claims beyond is not read.
_BYTES_PER_DOC = 4096


def current(index_path: Path, segment_id: str) -> bool:
    """Whether the segment's file is there and of the form `save` writes now (a file
    written before holds objects that are no longer read): its headers only are read."""
    try:
        with zipfile.ZipFile(path_for(index_path, segment_id)) as z:
            if set(z.namelist()) != {f"{name}.npy" for name in _ARRAYS}:
                return False
            for name in (f"{k}{NAMES}" for k in KEYWORDS):
                with z.open(f"{name}.npy") as f:
                    fmt = np.lib.format
                    version = fmt.read_magic(f)
                    header = (
                        fmt.read_array_header_1_0
                        if version == (1, 0)
                        else (fmt.read_array_header_2_0)
                    )
                    _shape, _order, dtype = header(f)
                if dtype.hasobject:
                    return False
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError):
        return False
    return True


def load(index_path: Path, segment_id: str, count: int) -> DocValues | None:
    """The arrays of a segment of *count* documents, or None when the file is missing
    or not what `save` writes (then the caller works them out again)."""
    path = path_for(index_path, segment_id)
    try:
        with zipfile.ZipFile(path) as z:
            sizes = {i.filename: i.file_size for i in z.infolist()}
        if set(sizes) != {f"{name}.npy" for name in _ARRAYS} or any(
            size > 1024 + _BYTES_PER_DOC * max(count, 1) for size in sizes.values()
        ):
            return None
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in _ARRAYS}
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError):
        return None
    for name, (kind, per_doc) in _ARRAYS.items():
        array = arrays[name]
        if array.ndim != 1 or not np.issubdtype(array.dtype, kind):
            return None
        if per_doc and len(array) != count:
            return None
    names = {k: [str(x) for x in arrays[f"{k}{NAMES}"]] for k in KEYWORDS}
    if count and (
        arrays["kind"].max() > LEXICON
        or any(arrays[k].min() < -1 or arrays[k].max() >= len(names[k]) for k in KEYWORDS)
    ):
        return None
    return DocValues(
        kind=arrays["kind"],
        date=arrays["date"],
        estimated=arrays["estimated"],
        has_photos=arrays["has_photos"],
        length=arrays["length"],
        title_length=arrays["title_length"],
        keys={k: arrays[k] for k in KEYWORDS},
        names=names,
    )


def from_segment_reader(reader: Any) -> DocValues:
    """Arrays of a segment read from its stored fields (after a merge)."""
    rows: list[dict[str, Any] | None] = []
    for docnum in range(reader.doc_count_all()):
        rows.append(reader.stored_fields(docnum))
    return build(rows)


def clean(index_path: Path, keep: set[str]) -> None:
    """Remove the arrays of segments that are gone."""
    for path in index_path.glob(f"{PREFIX}*{SUFFIX}"):
        if path.name[len(PREFIX) : -len(SUFFIX)] not in keep:
            try:
                path.unlink()
            except OSError:
                pass
