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
#: From this many articles a new index is built with tantivy where it is installed, when
#: no engine is asked for: Whoosh's slowest kind of search takes 178-230 ms (p95) at
#: 100,000 articles and 1.1 s at 400,000 on a 2-core PC, tantivy's 24 ms and 195 ms at
#: 1,000,000 (README, "Benchmarks").
FAST_FROM = 150_000


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


def for_size(articles: int) -> str:
    """The engine a new index of *articles* articles is built with when none is asked
    for: Whoosh, or tantivy from `FAST_FROM` articles where it is installed."""
    return "tantivy" if articles >= FAST_FROM and "tantivy" in available() else DEFAULT


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
