"""The default engine: Whoosh (the ``whoosh-reloaded`` distribution), read through arrays."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import index as whoosh_index

from tangthu.index.whoosh_engine.safe import harden, open_index
from tangthu.index.whoosh_engine.schema import build_schema
from tangthu.index.whoosh_engine.store import WhooshStore

if TYPE_CHECKING:
    from tangthu.index.whoosh_engine.writer import WhooshWriter

NAME = "whoosh"

__all__ = ["NAME", "WhooshStore", "open_writer", "create", "opens", "tidy"]


def open_writer(path: Path) -> WhooshWriter:
    """A writer of the index at *path* (its modules, and what reads articles, are
    imported here: a search needs none of them)."""
    from tangthu.index.whoosh_engine.writer import WhooshWriter

    return WhooshWriter(path)


def tidy(path: Path) -> None:
    """Save again the per-segment arrays an earlier version saved in a form no longer
    read (once: a search works them out from the stored fields until then)."""
    from tangthu.index.whoosh_engine.writer import complete_docvalues

    complete_docvalues(path)


def create(path: Path) -> None:
    """Make an empty index at *path*."""
    harden()
    path.mkdir(parents=True, exist_ok=True)
    whoosh_index.create_in(str(path), build_schema()).close()


def opens(path: Path) -> bool:
    """True when *path* holds a Whoosh index that opens (and holds only what an index of
    Tàng Thư holds: `safe`)."""
    try:
        if not any(n.startswith("_MAIN_") and n.endswith(".toc") for n in os.listdir(path)):
            return False
        open_index(path).close()
    except Exception:  # any damage: the caller rebuilds
        return False
    return True
