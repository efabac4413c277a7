"""The default engine: Whoosh (the ``whoosh-reloaded`` distribution), read through arrays."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

from whoosh import index as whoosh_index

from tangthu.index.whoosh_engine.schema import build_schema
from tangthu.index.whoosh_engine.store import WhooshStore
from tangthu.index.whoosh_engine.writer import WhooshWriter

NAME = "whoosh"

__all__ = ["NAME", "WhooshStore", "WhooshWriter", "create", "opens"]


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
