"""An optional engine: tantivy (Rust), installed with ``pip install '.[fast]'``.

Our own analysis hands it its words in order, split at spaces (the parts of a code
each at its place, the codes whole in a field of their own); every text field has an
exact and a folded twin with positions, so phrases of either kind are tantivy's own
phrase queries. Filters and facets are fast fields and aggregations; counts are
tantivy's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import tantivy  # noqa: F401  (an ImportError here means the extra is not installed)

from tangthu.index.tantivy_engine.schema import build_schema, open_index
from tangthu.index.tantivy_engine.store import TantivyStore

if TYPE_CHECKING:
    from tangthu.index.tantivy_engine.writer import TantivyWriter

NAME = "tantivy"

__all__ = ["NAME", "TantivyStore", "open_writer", "create", "opens"]


def open_writer(path: Path) -> TantivyWriter:
    """A writer of the index at *path* (its modules, and what reads articles, are
    imported here: a search needs none of them)."""
    from tangthu.index.tantivy_engine.writer import TantivyWriter

    return TantivyWriter(path)


def create(path: Path) -> None:
    """Make an empty index at *path*."""
    import tantivy as t

    path.mkdir(parents=True, exist_ok=True)
    t.Index(build_schema(), path=str(path), reuse=False).config_reader(reload_policy="Manual")


def opens(path: Path) -> bool:
    """True when *path* holds a tantivy index of our schema that opens."""
    import tantivy as t

    try:
        if not t.Index.exists(str(path)):
            return False
        open_index(str(path)).searcher()
        return True
    except Exception:  # any damage or another schema: the caller rebuilds
        return False
