"""Whoosh's pickles read as data: an index folder never runs code.

Whoosh keeps its table of contents (the schema, the list of segments), each document's
stored fields, the statistics and contents of each posting block and some tables'
extras as pickles, and reads them back with `pickle.load`/`pickle.loads`. A pickle
names the classes and functions to call when it is read: an index folder copied from
someone else, or left on a shared drive, could run any command on the first search.

So every pickle Whoosh reads goes through `Unpickler` below, which builds only the
classes an index of Tàng Thư holds (`ALLOWED`: Whoosh's fields, formats, codec and
segment, our analysers and codec, and a few builtins) and refuses every other global
with `Untrusted`. `harden` puts it in place of the readers Whoosh imported (each name
listed in `_READERS`) and turns off Whoosh's loaders of old index formats, which import
any module an index names. It is called by the engine before any index is opened
(`tangthu.index.whoosh_engine`), never on import.

WORKAROUND(whoosh-reloaded 2.7): Whoosh has no hook for its unpickling, so this module
replaces the names its modules bound at import. ``tests/index/test_untrusted_index.py``
fails when an upgrade adds a reader of pickles that is not covered here.
"""

from __future__ import annotations

import _compat_pickle
import io
import pickle
import re
import threading
import types
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from tangthu.index.engine import IndexMissing

#: The message every refusal ends in: what the user can do.
REBUILD = "this index was not made by Tàng Thư, or is damaged: rebuild it"


class Untrusted(IndexMissing, pickle.UnpicklingError):
    """An index file that holds what an index of Tàng Thư never holds (it is refused
    before anything it names is built)."""

    code = "index-untrusted"

    def __init__(self, what: str, path: str = "") -> None:
        where = f"The index at {path}" if path else "An index file"
        super().__init__(
            f"{where} holds {what}: {REBUILD} (index --rebuild).", what=what, path=path
        )
        self.what = what

    def at(self, path: Path | str) -> Untrusted:
        """The same refusal, naming the index folder."""
        return Untrusted(self.what, str(path))


def _latin1(obj: Any, encoding: str = "utf-8", errors: str = "strict") -> Any:
    """``_codecs.encode`` as protocol 2 pickles use it for bytes: to Latin-1 only."""
    import _codecs

    if encoding not in ("latin1", "latin-1") or errors != "strict":
        raise Untrusted(f"_codecs.encode to {encoding!r}")
    return _codecs.encode(obj, encoding)


#: What a pickle in an index of Tàng Thư names (and what is built for each name: the
#: class itself, or a stand-in that does no more than the pickle needs). Each is a
#: plain container of data whose construction runs nothing else. Found by recording
#: every name the whole test suite's indexes read back.
def _empty_bytes(*args: Any) -> bytes:
    """``bytes()``: how protocol 2 writes an empty bytes value (a bytes value with
    content is `_latin1`); any argument (``bytes(10**12)``) is refused."""
    if args:
        raise Untrusted("builtins.bytes with arguments")
    return b""


ALLOWED: dict[tuple[str, str], Any] = {
    ("builtins", "int"): int,
    ("builtins", "bytes"): _empty_bytes,
    ("collections", "defaultdict"): None,
    ("_codecs", "encode"): _latin1,
    ("whoosh.fields", "Schema"): None,
    ("whoosh.fields", "ID"): None,
    ("whoosh.fields", "STORED"): None,
    ("whoosh.formats", "Existence"): None,
    ("whoosh.analysis.tokenizers", "IDTokenizer"): None,
    ("whoosh.codec.whoosh3", "W3Segment"): None,
    ("tangthu.index.whoosh_engine.codec", "PackedCodec"): None,
    ("tangthu.index.whoosh_engine.schema", "GapPositions"): None,
    ("tangthu.index.whoosh_engine.schema", "Keys"): None,
    ("tangthu.index.whoosh_engine.schema", "Placed"): None,
    ("tangthu.index.whoosh_engine.schema", "Listed"): None,
}


class Unpickler(pickle.Unpickler):
    """A pickle reader that builds only what `ALLOWED` names."""

    def find_class(self, module: str, name: str) -> Any:
        # the names of Python 2 that protocol 2 pickles use (``__builtin__``)
        module = _compat_pickle.IMPORT_MAPPING.get(module, module)
        key = (module, name)
        if key not in ALLOWED:
            raise Untrusted(f"{module}.{name}")
        given = ALLOWED[key]
        return given if given is not None else super().find_class(module, name)

    def persistent_load(self, pid: Any) -> Any:
        raise Untrusted("a persistent object")


def load(file: IO[bytes], **_options: Any) -> Any:
    """`pickle.load`, restricted to `ALLOWED`.

    Raises:
        Untrusted: the pickle names anything else.
    """
    return Unpickler(file).load()


def loads(data: bytes | bytearray | memoryview, **_options: Any) -> Any:
    """`pickle.loads`, restricted to `ALLOWED`.

    Raises:
        Untrusted: the pickle names anything else.
    """
    return Unpickler(io.BytesIO(data)).load()


class _PickleModule(types.ModuleType):
    """The ``pickle`` module as Whoosh's modules see it: the same but for reading."""

    def __init__(self) -> None:
        super().__init__("pickle", "pickle, reading only what an index holds")
        self.load = load
        self.loads = loads
        self.Unpickler = Unpickler
        self.UnpicklingError = pickle.UnpicklingError

    def __getattr__(self, name: str) -> Any:
        return getattr(pickle, name)


_PICKLE = _PickleModule()

#: Every name in Whoosh's modules bound to a reader of pickles, with what replaces it.
_READERS: dict[str, dict[str, Any]] = {
    "whoosh.compat": {"load": load, "loads": loads, "pickle": _PICKLE},
    "whoosh.columns": {"loads": loads},
    "whoosh.formats": {"loads": loads},
    "whoosh.codec.whoosh3": {"loads": loads},
    "whoosh.codec.whoosh2": {"loads": loads},
    "whoosh.codec.plaintext": {"loads": loads},
    "whoosh.filedb.structfile": {"load_pickle": load},
    "whoosh.filedb.misc": {"loads": loads, "depickle": loads},
    "whoosh.filedb.fileindex": {"pickle": _PICKLE},
    "whoosh.index": {"pickle": _PICKLE},
    "whoosh.multiproc": {"pickle": _PICKLE},  # (only if loaded: see _IF_LOADED)
    "whoosh.externalsort": {"load": load},
    "whoosh.legacy": {"RenamingUnpickler": None},
    "whoosh.util.loading": {"pickle": _PICKLE, "RenamingUnpickler": None},
}

#: Modules replaced only once something has loaded them: Whoosh's own writer processes
#: (``procs=N``), which Tàng Thư does not use; importing it would load multiprocessing
#: into every search.
_IF_LOADED = frozenset({"whoosh.multiproc"})

_patched: set[str] = set()
_lock = threading.Lock()


def harden() -> None:
    """Make every pickle Whoosh reads go through `Unpickler` (each module once; those
    of `_IF_LOADED` as soon as a later call finds them loaded)."""
    import importlib
    import sys

    with _lock:
        for module_name, names in _READERS.items():
            if module_name in _patched:
                continue
            if module_name in _IF_LOADED and module_name not in sys.modules:
                continue
            try:
                module = importlib.import_module(module_name)
            except ImportError:  # a module of Whoosh's that no longer imports reads nothing
                _patched.add(module_name)
                continue
            for name, value in names.items():
                if value is None:
                    value = _refused(f"{module_name}.{name}")
                setattr(module, name, value)
            if module_name == "whoosh.index":
                # Whoosh reads indexes of its old formats with loaders that import
                # whatever module the index names: no index of Tàng Thư is of those.
                module.toc_loaders.clear()
            _patched.add(module_name)


def open_index(path: Path) -> Any:
    """The Whoosh index at *path*, read as data: with `harden` in place, our own schema
    (the pickled one is not read) and its segments checked (`check_segments`).

    Raises:
        Untrusted: the folder holds what an index of Tàng Thư never holds.
        Damaged: Whoosh could not open it (damaged, missing, of another version).
    """
    import gc
    import warnings

    from whoosh import index as whoosh_index

    from tangthu.index.whoosh_engine.schema import build_schema

    harden()
    failure: Exception
    # WORKAROUND(whoosh TOC and segment readers): on a damaged or refused file Whoosh
    # raises without closing it; its ResourceWarning says nothing a librarian can act
    # on. The failure is let go (and what it held closed) before one of ours is raised.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            ix = whoosh_index.open_dir(str(path), schema=build_schema())
            check_segments(ix._segments())  # see codec.index_segments
            return ix
        except Untrusted as exc:
            failure = Untrusted(exc.what)
        except Exception as exc:  # noqa: BLE001 - whatever Whoosh raises on damage
            failure = Damaged(f"{type(exc).__name__}: {exc}")
        gc.collect()
    raise failure


class Damaged(Exception):
    """An index folder Whoosh cannot open (the message says why)."""


def let_go() -> None:
    """Close what Whoosh left open when it raised (see `open_index`); call it once the
    failure itself is let go."""
    import gc
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


_SEGMENT_ID = re.compile(r"[a-z0-9]{1,64}")


def check_segments(segments: Iterable[Any]) -> None:
    """Refuse segments that an index of Tàng Thư never has: another codec, a compound
    file, a name that is not Whoosh's own (a name such as ``../../x`` would make
    Whoosh read, and on a merge remove, files outside the index folder).

    Raises:
        Untrusted: one of them is not such a segment.
    """
    from whoosh.codec.whoosh3 import W3Segment

    from tangthu.index.whoosh_engine.codec import PackedCodec

    if not isinstance(segments, list):
        raise Untrusted("a table of contents that is not a list of segments")
    for segment in segments:
        if type(segment) is not W3Segment:
            raise Untrusted(f"a segment of the kind {type(segment).__name__}")
        state = vars(segment)
        segid, name = state.get("segid"), state.get("indexname")
        if name != "MAIN" or not isinstance(segid, str) or not _SEGMENT_ID.fullmatch(segid):
            raise Untrusted(f"a segment named {name!r}, {segid!r}")
        if state.get("compound") or type(state.get("_codec")) is not PackedCodec:
            raise Untrusted(f"the segment {segid} of another kind")
        count, deleted = state.get("_doccount"), state.get("_deleted")
        if type(count) is not int or count < 0:
            raise Untrusted(f"the segment {segid} with {count!r} documents")
        if deleted is not None and not (
            isinstance(deleted, set) and all(type(d) is int and 0 <= d < count for d in deleted)
        ):
            raise Untrusted(f"the segment {segid} with deletions that are not its own")


def _refused(what: str) -> Any:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise Untrusted(what)

    return refuse


def untrusted_cause(exc: BaseException | None) -> Untrusted | None:
    """The refusal of this module that *exc* is or comes from, if any."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, Untrusted):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None
