"""Stories: the articles of an archive that are one story, whatever paper ran them.

A news agency's story reprinted by a provincial paper, the same story trimmed, given a
new headline or byline, or a paragraph added, and a paper's own article republished
a year later are versions of one story. They are found by the overlap of their texts:

- An article's text (its lead and paragraphs, not its headline, byline or captions) is
  folded as a search folds it and cut into shingles of `SHINGLE` words. A MinHash
  `Sketch` sums them up: values of the whole text, values of its opening, and the
  number of shingles.
- Two sketches that agree in all the values of one band are candidates
  (locality-sensitive hashing: no pair of the archive's articles is compared unless
  they share a band).
- A candidate pair is one story when the shorter text is nearly all in the longer one
  (`WITHIN`) or each has much of its text in the other (`SHARED`), as their sketches
  estimate it.
- A story is led by its first version (the earliest); a later article joins the first
  story whose leader it is one story with.

Sketches are made as the index reads each article, so grouping costs no second
reading of the archive. They are kept in the index folder, by article and fingerprint.
"""

from __future__ import annotations

import json
import uuid
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tangthu.archive.storage import write_atomically
from tangthu.index.analysis import fold_term
from tangthu.index.store import write_array

if TYPE_CHECKING:  # numpy is imported when sketches are made or compared
    import numpy as np

__all__ = [
    "FOLDER",
    "Row",
    "Sketch",
    "Version",
    "candidates",
    "groups",
    "load",
    "pairs",
    "save_part",
    "sketch",
    "update",
]

#: Words in a shingle.
SHINGLE = 4
#: Values in a sketch of a whole text, and in the bands of `ROWS` values: two texts
#: that agree in every value of one band are compared.
HASHES = 120
ROWS = 3
#: The opening of a text (its first shingles) has a sketch of its own, of `OPENING_HASHES`
#: values in bands of `ROWS`: a brief keeps a story's opening, and shares few values of
#: the whole text's sketch with a story ten times longer.
OPENING = 50
OPENING_HASHES = 24
#: Two texts are one story when the shorter is nearly all in the longer (at least
#: `WITHIN` of its shingles: a copy, a trimmed or extended version, a brief), or when
#: each has at least `SHARED` of its shingles in the other (a version edited all
#: through). A round-up of the day's news quotes part of several stories: little of it
#: is any one of them, and the story is not nearly all in it.
WITHIN = 0.8
SHARED = 0.5
#: Texts of fewer shingles than this are too short to tell a story from a notice.
MIN_SHINGLES = 12
#: A band value more than this many texts share is left out of the comparisons: it
#: comes from the same boilerplate (or the same short text), not from one story.
CROWD = 200

_SEED = 0x7A6E67
#: A shingle's hash mixes its words' hashes, each multiplied by the constant of its place.
_PLACES = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5)
#: What is around a word and not part of it (``"Hà,"``, ``(SN``).
_AROUND = "\"'()[]{}<>«»“”‘’„.,;:!?…-–—/\\|*•·+=_#%&@~^`"


@dataclass(frozen=True, slots=True)
class Sketch:
    """What a text's shingles are summed up to: the minimum hash values (16 bits each)
    of the whole text (`HASHES`) then of its opening (`OPENING_HASHES`), and how many
    distinct shingles the text has."""

    values: bytes
    shingles: int


@lru_cache(maxsize=1)
def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    rng = np.random.default_rng(_SEED)
    count = HASHES + OPENING_HASHES
    a = rng.integers(1, 1 << 32, size=count, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
    b = rng.integers(0, 1 << 32, size=count, dtype=np.uint64).astype(np.uint32)
    return a, b


def _minima(shingles: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    import numpy as np

    # multiply-shift hashing in 32 bits, one function per value (a·x + b, its top 16
    # bits: the least of them is the top of the least)
    with np.errstate(over="ignore"):
        hashed: np.ndarray = a[:, None] * shingles[None, :]
        hashed += b[:, None]
    least: np.ndarray = (hashed.min(axis=1) >> np.uint32(16)).astype(np.uint16)
    return least


#: Each word (lower case) -> the hash of its folded spelling: a language's words are
#: few, and most texts hold the same ones (at most `_KNOWN_WORDS` kept).
_HASHED: dict[str, int] = {}
_KNOWN_WORDS = 400_000


def _word_hashes(text: str) -> list[int]:
    """The hash of each word of *text* (NFC, as every text in the program), accents,
    case and the punctuation around it ignored (0: a token that is no word)."""
    tokens = text.lower().split()
    hashes = list(map(_HASHED.get, tokens))
    if None in hashes:
        for at, token in enumerate(tokens):
            if hashes[at] is None:
                word = fold_term(token.strip(_AROUND))
                h = zlib.crc32(word.encode("utf-8", "surrogatepass")) if word else 0
                if len(_HASHED) < _KNOWN_WORDS:
                    _HASHED[token] = h
                hashes[at] = h
    return hashes  # type: ignore[return-value]


def sketch(text: str) -> Sketch | None:
    """The sketch of a text (folded as a search folds it); None when it is too short to
    tell its story by."""
    import numpy as np

    words = np.array(_word_hashes(text), dtype=np.uint64)
    words = words[words != 0]
    n = len(words) - SHINGLE + 1
    if n < MIN_SHINGLES:
        return None
    mixed = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for place in range(SHINGLE):
            mixed ^= words[place : place + n] * np.uint64(_PLACES[place])
    folded32 = ((mixed >> np.uint64(32)) ^ mixed).astype(np.uint32)
    ranked = np.sort(folded32)  # (a shingle met twice counts once; its minimum is the same)
    distinct = 1 + int(np.count_nonzero(ranked[1:] != ranked[:-1]))
    if distinct < MIN_SHINGLES:
        return None
    a, b = _coefficients()
    whole = _minima(folded32, a[:HASHES], b[:HASHES])
    opening = _minima(folded32[:OPENING], a[HASHES:], b[HASHES:])
    return Sketch(whole.tobytes() + opening.tobytes(), distinct)


def _table(sketches: Sequence[Sketch]) -> np.ndarray:
    import numpy as np

    return np.frombuffer(b"".join(s.values for s in sketches), dtype=np.uint16).reshape(
        len(sketches), HASHES + OPENING_HASHES
    )


def candidates(table: np.ndarray) -> np.ndarray:
    """The pairs ``(i, j)``, ``i < j``, of rows of *table* that agree in every value of a
    band (of the whole texts' values or of the openings'), as an array of two columns."""
    import numpy as np

    found: list[np.ndarray] = []
    for start in range(0, HASHES + OPENING_HASHES - ROWS + 1, ROWS):
        key = np.zeros(len(table), dtype=np.uint64)  # the band's values as one number
        for col in range(start, start + ROWS):
            key = (key << np.uint64(16)) | table[:, col].astype(np.uint64)
        order = np.argsort(key, kind="stable")
        ranked = key[order]
        starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        # (most values are one text's alone; most shared ones two texts')
        two = starts[sizes == 2]
        found.append(np.sort(np.stack([order[two], order[two + 1]], axis=1), axis=1))
        more = (sizes > 2) & (sizes <= CROWD)
        for first, size in zip(starts[more].tolist(), sizes[more].tolist(), strict=True):
            members = np.sort(order[first : first + size])
            i, j = np.triu_indices(size, 1)
            found.append(np.stack([members[i], members[j]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(found), axis=0)


def pairs(sketches: Sequence[Sketch]) -> list[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of *sketches* that are one story."""
    import numpy as np

    if len(sketches) < 2:
        return []
    table = _table(sketches)
    cand = candidates(table)
    if not len(cand):
        return []
    whole = table[:, :HASHES]
    agree = (whole[cand[:, 0]] == whole[cand[:, 1]]).mean(axis=1)
    sizes = np.array([s.shingles for s in sketches], dtype=np.float64)
    m, n = sizes[cand[:, 0]], sizes[cand[:, 1]]
    both = agree * (m + n) / (1.0 + agree)  # |A ∩ B|, from the estimated Jaccard index
    keep = (both >= WITHIN * np.minimum(m, n)) | (both >= SHARED * np.maximum(m, n))
    return [(i, j) for i, j in cand[keep].tolist()]


def groups(count: int, linked: Iterable[tuple[int, int]]) -> list[int]:
    """Each of *count* items' story: the first item (in their order: the earliest) of
    those it is one story with. An item joins the story of the first earlier item that
    leads a story and that it is linked to itself, so a story is never joined through
    a text that is part of two (a round-up quoting a brief of each)."""
    links: dict[int, list[int]] = {}
    for i, j in linked:
        a, b = min(i, j), max(i, j)
        links.setdefault(b, []).append(a)
    story = list(range(count))
    for item in range(count):
        leaders = sorted(e for e in links.get(item, ()) if story[e] == e)
        if leaders:
            story[item] = leaders[0]
    return story


# --- kept in the index folder ------------------------------------------------------

FOLDER = "stories"
#: In FOLDER: every article's sketch (``sketches.npy``, a row each) and what each row is
#: of (``sketches.json``: ID, fingerprint, date, outlet, shingles); each indexing
#: process leaves the sketches it made in ``parts/`` (the JSON written last: a part
#: without it is incomplete), merged into them when the run ends.
SKETCHES = "sketches"
PARTS = "parts"
#: In FOLDER: the stories of more than one article, largest first, each its versions'
#: IDs, the earliest first.
GROUPS = "groups.json"
VERSION = 1
#: The most a file here may hold (a million articles' sketches are some 290 MB).
MAX_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Row:
    """What is kept of one article for its story: its ID, fingerprint, date and outlet
    (the earliest version leads a story; versions are told by their papers) and its
    sketch (None: its text is too short to tell)."""

    id: str
    fingerprint: str
    date: str
    outlet: str
    sketch: Sketch | None


_WIDTH = HASHES + OPENING_HASHES


def _write(folder: Path, name: str, rows: Sequence[Row]) -> None:
    """*rows* as ``name.npy`` then ``name.json`` (the second says the first is whole)."""
    import numpy as np

    folder.mkdir(parents=True, exist_ok=True)
    sketched = [r.sketch for r in rows if r.sketch is not None]
    table = _table(sketched) if sketched else np.zeros((0, _WIDTH), dtype=np.uint16)
    write_array(folder / f"{name}.npy", table, "<u2")
    meta = [
        [r.id, r.fingerprint, r.date, r.outlet, r.sketch.shingles if r.sketch else 0] for r in rows
    ]
    data = {"version": VERSION, "rows": meta}
    write_atomically(folder / f"{name}.json", json.dumps(data, ensure_ascii=False))


def _read(folder: Path, name: str) -> list[Row] | None:
    """The rows of ``name`` in *folder*; None when it is missing, incomplete or damaged."""
    import numpy as np

    from tangthu.archive.guard import read_bytes

    try:
        data = json.loads(read_bytes(folder / f"{name}.json", limit=MAX_BYTES).decode("utf-8"))
        if data.get("version") != VERSION:
            return None
        meta = data["rows"]
        with open(folder / f"{name}.npy", "rb") as f:
            table = np.load(f, allow_pickle=False)
        if table.dtype != np.dtype("<u2") or table.ndim != 2 or table.shape[1] != _WIDTH:
            return None
        rows: list[Row] = []
        at = 0
        for aid, fingerprint, date, outlet, shingles in meta:
            sketch = None
            if shingles:
                sketch = Sketch(table[at].tobytes(), int(shingles))
                at += 1
            rows.append(Row(str(aid), str(fingerprint), str(date), str(outlet), sketch))
        return rows if at == len(table) else None
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def save_part(index_path: Path, rows: Sequence[Row]) -> None:
    """Leave the rows an indexing process made (for `update` to merge)."""
    if rows:
        _write(Path(index_path) / FOLDER / PARTS, uuid.uuid4().hex, rows)


def update(index_path: Path, current: dict[str, str], *, changed: bool = True) -> int:
    """Merge the parts the last runs left into the kept sketches (those of *current*,
    the index's articles and fingerprints) and group them into stories again. Without
    parts, an index run that *changed* nothing has nothing to do. Returns the number of
    stories of more than one article."""
    folder = Path(index_path) / FOLDER
    spare = folder / PARTS
    parts = sorted(spare.glob("*.json"), key=_age) if spare.is_dir() else []
    if not parts and not changed and (folder / GROUPS).is_file():
        return len(load(index_path))
    kept = _read(folder, SKETCHES) or []
    rows = {r.id: r for r in kept if current.get(r.id) == r.fingerprint}
    for part in parts:
        for r in _read(spare, part.stem) or []:
            if current.get(r.id) == r.fingerprint:
                rows[r.id] = r
    ordered = sorted(rows.values(), key=lambda r: (r.date or "9999", r.id))
    _write(folder, SKETCHES, ordered)
    stories = _stories(ordered)
    data = {"version": VERSION, "stories": stories}
    write_atomically(folder / GROUPS, json.dumps(data, ensure_ascii=False))
    for part in spare.glob("*") if spare.is_dir() else ():
        part.unlink(missing_ok=True)  # (last: a run killed before merges them again)
    return len(stories)


def _age(path: Path) -> tuple[int, str]:
    try:
        return path.stat().st_mtime_ns, path.name
    except OSError:
        return 0, path.name


def _stories(ordered: Sequence[Row]) -> list[list[list[str]]]:
    """The stories of more than one of *ordered* (earliest first), largest first: each
    its versions' ID, date and outlet."""
    sketched = [r for r in ordered if r.sketch is not None]
    leader = groups(len(sketched), pairs([r.sketch for r in sketched if r.sketch]))
    members: dict[int, list[list[str]]] = {}
    for item, lead in enumerate(leader):
        r = sketched[item]
        members.setdefault(lead, []).append([r.id, r.date, r.outlet])
    stories = [versions for versions in members.values() if len(versions) > 1]
    return sorted(stories, key=lambda versions: (-len(versions), versions[0][0]))


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a story: its article's ID, date and outlet ("" when unknown)."""

    id: str
    date: str
    outlet: str


def load(index_path: Path) -> list[tuple[Version, ...]]:
    """The stories of more than one article, largest first, each its versions (the
    earliest first); [] when none were found or kept."""
    from tangthu.archive.guard import read_bytes

    try:
        raw = read_bytes(Path(index_path) / FOLDER / GROUPS, limit=MAX_BYTES)
        data = json.loads(raw.decode("utf-8"))
        if data.get("version") != VERSION:
            return []
        return [
            tuple(Version(str(i), str(d), str(o)) for i, d, o in versions)
            for versions in data["stories"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []
