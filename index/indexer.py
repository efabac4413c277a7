"""Incremental indexing of an archive root, whatever the engine.

New articles are added, changed ones (by fingerprint) re-indexed, removed ones
deleted. An update is all-or-nothing: a cancel, an interrupt or an error leaves
the index as it was. A first build is searchable while it runs: it commits in
growing chunks, and a build cut short continues where it stopped. A rebuild of a
working index is written beside it and swapped in only when complete.
"""

from __future__ import annotations

import os
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from tangthu.archive.model import CancelToken, Problem
from tangthu.archive.scan import Inventory, walk
from tangthu.index import engines, photo_hashes
from tangthu.index.documents import cpu_jobs
from tangthu.index.engine import CommitCallback, IndexBusy, Progress
from tangthu.index.store import (
    index_dir_for,
    read_manifest,
    recover,
    remove_tree,
    swap_in,
    write_manifest,
)

__all__ = ["FRESH_CHUNK", "IndexBusy", "IndexSummary", "indexed_problems", "update_index"]

#: A first build commits every this many articles (the first commits are smaller).
FRESH_CHUNK = 32_000


@dataclass(slots=True)
class IndexSummary:
    """What an indexing run did (the CLI's ``--json`` summary)."""

    articles: int = 0
    photos: int = 0
    added: int = 0
    updated: int = 0
    deleted: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    index_dir: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "photos": self.photos,
            "added": self.added,
            "updated": self.updated,
            "deleted": self.deleted,
            "problems": len(self.problems),
            "seconds": round(self.seconds, 3),
        }


def update_index(
    root: str | os.PathLike[str],
    index_dir: str | os.PathLike[str] | None = None,
    *,
    rebuild: bool = False,
    jobs: int = 0,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    inventory: Inventory | None = None,
    engine: str | None = None,
    committed: CommitCallback | None = None,
) -> IndexSummary:
    """Bring the index of *root* up to date with the folders on disk.

    Args:
        root: the archive root (read only).
        index_dir: where the index lives; default: the per-user data folder.
        rebuild: start over (beside the old index, swapped in at the end).
        jobs: processes for big batches; 0 means one per core.
        progress: called with (articles done, articles to do).
        cancel: a token; a cancel leaves the index as it was (a first build keeps
            what it committed, and the next run goes on from there).
        engine: the engine to build with (default: the index's own, else Whoosh).
        committed: called after each commit with the articles it made searchable.

    Raises:
        IndexBusy: another writer holds the index.
        Cancelled: the token was set (or KeyboardInterrupt); nothing was changed.
    """
    started = time.perf_counter()
    root_s = os.path.abspath(root)
    path = index_dir_for(root, index_dir)
    recover(path)
    inv = inventory if inventory is not None else walk(root_s, cancel=cancel)
    summary = IndexSummary(index_dir=str(path))
    manifest = read_manifest(path)
    name = engine or (manifest or {}).get("engine") or engines.DEFAULT
    eng = engines.get(name)
    usable = (
        manifest is not None and manifest.get("engine", engines.DEFAULT) == name and eng.opens(path)
    )
    current = {e.id: e.fingerprint for e in inv.articles}

    if usable and not rebuild:
        assert manifest is not None
        target, swap = path, False
        if "articles" in manifest:
            indexed: dict[str, str] = dict(manifest["articles"])
        else:  # the manifest lost its list: read it back from the index
            with eng.searcher(path, root_s) as searcher:
                indexed = searcher.fingerprints()
        complete = bool(manifest.get("complete", True))
    else:
        # a rebuild of a working index goes beside it; otherwise it is built in place
        swap = usable
        target = path.with_name(path.name + ".new") if swap else path
        remove_tree(target)
        eng.create(target)
        indexed, complete = {}, False
        manifest = {}

    to_index = [e for e in inv.articles if indexed.get(e.id) != e.fingerprint]
    to_delete = sorted(set(indexed) - set(current))
    replaced = [e.id for e in to_index if e.id in indexed]
    summary.added = len(to_index) - len(replaced)
    summary.updated = len(replaced)
    summary.deleted = len(to_delete)
    old_problems = [Problem(**p) for p in manifest.get("problems", [])]
    changed = {_folder_of(root_s, a) for a in [*replaced, *to_delete]}
    kept = [
        p
        for p in old_problems
        if p.kind not in _WALK_KINDS and _folder_of_path(p.path) not in changed
    ]
    state: dict[str, Any] = {
        "engine": name,
        "root": root_s,
        "articles": {k: v for k, v in indexed.items() if k in current},
        "problems": [p.to_dict() for p in _unique(inv.problems + kept)],
        "complete": complete,
        # None: not known (a run ended after a commit and before it could count)
        "counts": manifest.get("counts"),
    }
    building = not complete  # a first build (or its rest): commit in chunks, searchable early

    def on_commit(done: dict[str, str]) -> None:
        state["articles"].update(done)
        state["counts"] = None  # the index holds more now: counted again when it ends
        write_manifest(target, state)
        if committed is not None:
            committed(done)

    if to_index or to_delete or not complete:
        writer = eng.writer(target)
        try:
            new_problems = writer.write(
                inv.root,
                to_index,
                # An update deletes every article it writes, "new" ones too: a run killed
                # after its commit but before its manifest left them in the index already.
                [*to_delete, *(e.id for e in to_index)] if indexed else [],
                jobs=cpu_jobs(jobs),
                chunk=FRESH_CHUNK if building else None,
                progress=progress,
                cancel=cancel,
                committed=on_commit,
            )
        except BaseException:
            if swap:
                remove_tree(target)  # the old index stays as it was
            raise
        state["problems"] = [p.to_dict() for p in _unique(inv.problems + kept + new_problems)]
        state["counts"] = None
    state["articles"] = {k: v for k, v in state["articles"].items() if k in current}
    recounted = state["counts"] is None
    if recounted:
        with eng.searcher(target, root_s) as searcher:
            state["counts"] = {
                "articles": searcher.article_count(),
                "photos": searcher.photo_count(),
            }
    if (
        not (to_index or to_delete or swap or recounted)
        and complete
        and state["problems"] == manifest.get("problems")
    ):
        pass  # nothing changed: the manifest says so already
    else:
        state["complete"] = True
        write_manifest(target, state)
    if swap:
        swap_in(target, path)
    # The photos of the articles not hashed yet (those written now, and those of a run
    # stopped before it hashed them): to find the same photo in several articles.
    photo_hashes.update(path, root_s, inv.articles, jobs=cpu_jobs(jobs), cancel=cancel)
    summary.articles = int(state["counts"]["articles"])
    summary.photos = int(state["counts"]["photos"])
    summary.problems = [Problem(**p) for p in state["problems"]]
    summary.seconds = time.perf_counter() - started
    return summary


_WALK_KINDS = frozenset({"unreadable-folder", "symlink-loop"})


def _folder_of(root: str, aid: str) -> str:
    """The folder of an article, as compared with problem paths (NFC)."""
    return unicodedata.normalize("NFC", os.path.join(root, *aid.split("/")[:-1]))


def _folder_of_path(path: str) -> str:
    return unicodedata.normalize("NFC", os.path.dirname(path))


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        if (p.kind, p.path) not in seen:
            seen.add((p.kind, p.path))
            out.append(p)
    return out


def indexed_problems(
    root: str | os.PathLike[str], index_dir: str | os.PathLike[str] | None = None
) -> list[Problem]:
    """The problems the last indexing run of *root* reported."""
    manifest = read_manifest(index_dir_for(root, index_dir)) or {}
    return [Problem(**p) for p in manifest.get("problems", [])]


def index_state(
    root: str | os.PathLike[str], index_dir: str | os.PathLike[str] | None = None
) -> tuple[bool, bool]:
    """(usable, complete): whether *root* has an index that can be searched, and whether
    its last build finished."""
    path = index_dir_for(root, index_dir)
    recover(path)
    manifest = read_manifest(path)
    if manifest is None:
        return False, False
    eng = engines.get(manifest.get("engine") or engines.DEFAULT)
    return eng.opens(path), bool(manifest.get("complete", True))
