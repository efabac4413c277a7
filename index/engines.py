"""The engines this installation has: Whoosh always, others when their extra is installed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tangthu.index.engine import IndexFailure, Searcher, Store, Writer

DEFAULT = "whoosh"
#: Every engine this code knows, installed here or not.
KNOWN = ("whoosh", "tantivy")


@dataclass(frozen=True, slots=True)
class Engine:
    """An engine: its store (read), its writer, making and checking an index folder."""

    name: str
    label: str
    store: Callable[[Path, Any], Store[Any, Any]]
    writer: Callable[[Path], Writer]
    create: Callable[[Path], None]
    opens: Callable[[Path], bool]
    #: brings what an index made by an earlier version keeps beside its data up to date
    tidy: Callable[[Path], None] = lambda _path: None

    def searcher(self, path: Path, root: Any = None) -> Searcher:
        """The index at *path* searched by the one service of rules (`index.service`)."""
        from tangthu.index.service import SearchService

        return SearchService(self.store(path, root))


def _whoosh() -> Engine:
    from tangthu.index import whoosh_engine as w

    return Engine(w.NAME, "Whoosh", w.WhooshStore, w.open_writer, w.create, w.opens, w.tidy)


def _tantivy() -> Engine | None:
    try:
        from tangthu.index import tantivy_engine as t
    except ImportError:
        return None
    return Engine(t.NAME, "tantivy", t.TantivyStore, t.open_writer, t.create, t.opens)


def available() -> list[str]:
    """The names of the engines that can be used here, the default first."""
    names = [DEFAULT]
    if _tantivy() is not None:
        names.append("tantivy")
    return names


def get(name: str = DEFAULT) -> Engine:
    """The engine called *name*.

    Raises:
        IndexFailure: no such engine is installed.
    """
    if name == DEFAULT:
        return _whoosh()
    if name == "tantivy":
        engine = _tantivy()
        if engine is not None:
            return engine
        raise IndexFailure(
            "The tantivy engine is not installed; install it with pip install '.[fast]'.",
            code="engine-missing",
            engine=name,
        )
    raise IndexFailure(
        f"There is no search engine called {name!r}.", code="engine-missing", engine=name
    )
