"""Searching an archive's index, whichever engine wrote it.

`ArchiveSearcher` opens the engine the index was built with (its manifest says
which) and returns that engine's searcher; the records it answers with are those
of `index.engine`.
"""

from __future__ import annotations

from pathlib import Path

from tangthu.index.engine import (
    NONE,
    Filters,
    Hit,
    IndexMissing,
    PhotoHit,
    QueryError,
    Searcher,
    SearchResult,
)
from tangthu.index.snippets import Marked, mark, match_spans, snippet
from tangthu.index.store import MANIFEST, read_manifest

__all__ = [
    "NONE",
    "ArchiveSearcher",
    "Filters",
    "Hit",
    "PhotoHit",
    "QueryError",
    "SearchResult",
    "Searcher",
    "Marked",
    "mark",
    "match_spans",
    "snippet",
]


def ArchiveSearcher(index_path: str | Path, root: str | Path | None = None) -> Searcher:  # noqa: N802
    """A searcher of the index at *index_path* (built by any installed engine).

    Raises:
        IndexMissing: there is no usable index there.
    """
    path = Path(index_path)
    manifest = read_manifest(path)
    if manifest is None:
        if (path / MANIFEST).is_file():
            raise IndexMissing(
                f"The index at {path} is of an older version; run index --rebuild.",
                code="index-old",
                path=str(path),
            )
        raise IndexMissing(f"No usable index at {path}; run the index command.", path=str(path))
    from tangthu.index import engines

    return engines.get(manifest.get("engine") or "whoosh").searcher(path, root)
