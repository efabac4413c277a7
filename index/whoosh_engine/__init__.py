"""The default engine: Whoosh (the ``whoosh-reloaded`` distribution), read through arrays."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import index as whoosh_index

from tangthu.index.whoosh_engine.schema import build_schema
from tangthu.index.whoosh_engine.store import WhooshStore

if TYPE_CHECKING:
    from tangthu.index.whoosh_engine.writer import WhooshWriter

NAME = "whoosh"

__all__ = ["NAME", "WhooshStore", "open_writer", "create", "opens"]


def open_writer(path: Path) -> WhooshWriter:
    """A writer of the index at *path* (its modules, and what reads articles, are
    imported here: a search needs none of them)."""
    from tangthu.index.whoosh_engine.writer import WhooshWriter

    return WhooshWriter(path)


def create(path: Path) -> None:
    """Make an empty index at *path*."""
    path.mkdir(parents=True, exist_ok=True)
    whoosh_index.create_in(str(path), build_schema()).close()


def opens(path: Path) -> bool:
    """True when *path* holds a Whoosh index that opens."""
    # WORKAROUND(whoosh TOC reader): on a damaged TOC Whoosh raises without closing
    # the file; its ResourceWarning says nothing a librarian can act on.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            if not whoosh_index.exists_in(str(path)):
                return False
            whoosh_index.open_dir(str(path)).close()
            return True
        except Exception:  # any damage: the caller rebuilds
            gc.collect()  # (closes what the failed reader left open, quietly)
            return False
