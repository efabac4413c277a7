"""Incremental indexing of an archive root, whatever the engine.

New articles are added, changed ones (by fingerprint) re-indexed, removed ones
deleted. An update is all-or-nothing: a cancel, an interrupt or an error leaves
the index as it was. A first build is searchable while it runs: it commits in
growing chunks, and a build cut short continues where it stopped. A rebuild of a
working index is written beside it and swapped in only when complete.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tangthu.archive.formats import READER_VERSION
from tangthu.archive.guard import is_within
from tangthu.archive.model import CancelToken, Problem
from tangthu.archive.paths import data_dir
from tangthu.archive.scan import Inventory, walk
from tangthu.archive.trust import trusted_folders
from tangthu.index import engines, photo_hashes, stories
from tangthu.index.documents import cpu_jobs
from tangthu.index.engine import CommitCallback, IndexBusy, IndexFailure, Progress
from tangthu.index.lock import index_lock
from tangthu.index.store import (
    holds_only_an_index,
    index_dir_for,
    mark,
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
    #: articles whose vectors (search by meaning) were made
    embedded: int = 0
    #: the engine the index is of, and the articles it was chosen for when no engine
    #: was asked for and the archive's size chose another than the default
    engine: str = ""
    chosen_for: int | None = None
    #: the index was made by readers of another edition (`READER_VERSION`): every
    #: article was read again, and what they find now is indexed
    reread: bool = False
    #: stories of more than one article (reprints, versions: `tangthu.index.stories`)
    stories: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "photos": self.photos,
            "added": self.added,
            "updated": self.updated,
            "deleted": self.deleted,
            "problems": len(self.problems),
            "embedded": self.embedded,
            "reread": self.reread,
            "engine": self.engine,
            "chosen_for": self.chosen_for,
            "stories": self.stories,
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
    meaning: bool | None = None,
    meaning_progress: Progress | None = None,
    corrections: str | os.PathLike[str] | None = None,
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
        meaning: make the vectors of search by meaning (`index.meaning`) of the
            articles without one, once the text is indexed; None: only when the
            archive has vectors already; False: not now.
        meaning_progress: called with (articles embedded, articles to embed).
        corrections: the librarian's corrections to index in place of what the files
            say (`archive.corrections`); default: the store of the per-user data folder.

    Raises:
        IndexBusy: another writer holds the index.
        MeaningMissing: *meaning* is True and no model is installed (before anything
            is done).
        Cancelled: the token was set (or KeyboardInterrupt); nothing was changed.
    """
    started = time.perf_counter()
    root_s = os.path.abspath(root)
    path = index_dir_for(root, index_dir)
    _check_place(root_s, path)
    if meaning:
        from tangthu.index.meaning import embedder

        embedder()  # no model: said before the text is indexed
    with index_lock(path), _disk_full_said(path):
        return _update(
            root_s,
            path,
            started,
            rebuild=rebuild,
            jobs=jobs,
            progress=progress,
            cancel=cancel,
            inventory=inventory,
            engine=engine,
            committed=committed,
            meaning=meaning,
            meaning_progress=meaning_progress,
            corrections=corrections,
        )


def _check_place(root: str, path: Path) -> None:
    """Refuse an index folder inside the archive (nothing is ever written there) or
    holding it, and a folder of other files (it would be emptied to build the index in).

    Raises:
        IndexFailure: the folder may not hold the index.
    """
    real_root, real = os.path.realpath(root), os.path.realpath(path)
    if is_within(real, real_root) or is_within(real_root, real):
        raise IndexFailure(
            f"The index folder {path} is inside the archive {root} (or holds it); Tàng Thư "
            "never writes into an archive. Choose a folder outside it.",
            code="index-in-archive",
            folder=str(path),
            root=root,
        )
    for place in (path, path.with_name(path.name + ".new")):
        if not holds_only_an_index(place):
            raise IndexFailure(
                f"The index folder {place} holds other files; an index is built only in a new "
                "or empty folder (or in its own). Choose another folder.",
                code="index-folder-taken",
                folder=str(place),
            )
    old = path.with_name(path.name + ".old")
    if os.path.lexists(old) and not holds_only_an_index(old):
        raise IndexFailure(
            f"{old} is a folder of other files, where Tàng Thư keeps the previous index while "
            "it swaps in a new one. Rename or move it, or choose another index folder.",
            code="index-folder-taken",
            folder=str(old),
        )


@contextmanager
def _disk_full_said(path: Path) -> Iterator[None]:
    """A full disk, however an engine or a worker process says it, becomes one clear
    failure; the index stays as its last commit left it."""
    try:
        yield
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise _disk_full(path) from exc
        raise
    except ValueError as exc:  # tantivy says it in words, or only that a thread failed
        text = str(exc)
        if "os error 28" in text or "No space left" in text or "os error 122" in text:
            raise _disk_full(path) from exc
        if "io::Error" in text and _nearly_full(path):
            raise _disk_full(path) from exc
        raise


def _nearly_full(path: Path) -> bool:
    """Whether the disk of *path* has (almost) no room left: under 64 MB free."""
    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024 * 1024
    except OSError:
        return False


def _disk_full(path: Path) -> IndexFailure:
    return IndexFailure(
        f"The disk holding the index ({path.parent}) is full: indexing stopped, and the "
        "index keeps what it held before. Free some space and run it again.",
        code="index-disk-full",
        folder=str(path.parent),
    )


def _update(
    root_s: str,
    path: Path,
    started: float,
    *,
    rebuild: bool,
    jobs: int,
    progress: Progress | None,
    cancel: CancelToken | None,
    inventory: Inventory | None,
    engine: str | None,
    committed: CommitCallback | None,
    meaning: bool | None = None,
    meaning_progress: Progress | None = None,
    corrections: str | os.PathLike[str] | None = None,
) -> IndexSummary:
    """`update_index` with the index's lock held."""
    recover(path)
    trusted = trusted_folders(data_dir(), root_s)  # (the folders its links may lead to)
    inv = inventory if inventory is not None else walk(root_s, cancel=cancel, trusted=trusted)
    inv = _corrected(inv, corrections, trusted)
    summary = IndexSummary(index_dir=str(path))
    manifest = read_manifest(path, with_files=True)
    # (the engine asked for, else the index's own, else the one that suits its size)
    own = manifest.get("engine", engines.DEFAULT) if manifest is not None else None
    name = engine or own or engines.for_size(len(inv.articles))
    summary.engine = name
    if not (engine or own) and name != engines.DEFAULT:
        summary.chosen_for = len(inv.articles)
    eng = engines.get(name)
    usable = own == name and eng.opens(path)
    current = {e.id: e.fingerprint for e in inv.articles}
    lost = False

    if usable and not rebuild:
        assert manifest is not None
        target, swap = path, False
        mark(path)  # (an index made before the mark existed gets one)
        eng.tidy(path)
        # a list read back from the index, or kept in the manifest as before it had a
        # file of its own, is written (to its own file) even when nothing changed
        lost = not manifest.get("files")
        if "articles" in manifest:
            indexed: dict[str, str] = dict(manifest["articles"])
        else:  # the manifest lost its list: read it back from the index (and write it)
            with eng.searcher(path, root_s) as searcher:
                indexed = searcher.fingerprints()
            lost = True
            # nor are its counts those of the index: a run killed between writing the
            # list and the manifest committed more than the manifest says
            manifest["counts"] = None
        complete = bool(manifest.get("complete", True))
    else:
        # a rebuild of a working index goes beside it; otherwise it is built in place
        swap = usable
        target = path.with_name(path.name + ".new") if swap else path
        remove_tree(target)
        mark(target)  # first: a run killed now leaves a folder known to be ours
        eng.create(target)
        indexed, complete = {}, False
        manifest = {}
    # An index made by readers of another edition has every article read again: what
    # they read better is indexed (the vectors of search by meaning stay: they go by the
    # files' fingerprints, which are the same)
    summary.reread = bool(manifest) and manifest.get("reader") != READER_VERSION
    to_index = [e for e in inv.articles if summary.reread or indexed.get(e.id) != e.fingerprint]
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
        # (the edition of the readers that read every article: until a run reading them
        # all again ends, the one before)
        "reader": manifest.get("reader") if summary.reread else READER_VERSION,
        # None: not known (a run ended after a commit and before it could count)
        "counts": manifest.get("counts"),
    }
    building = not complete  # a first build (or its rest): commit in chunks, searchable early
    if not manifest:
        # A new index says at once which engine it is of (and whose archive): a build
        # stopped before its first commit goes on with the same engine.
        write_manifest(target, state)
    found_so_far: list[Problem] = []

    def on_commit(done: dict[str, str], found: list[Problem]) -> None:
        state["articles"].update(done)
        found_so_far.extend(found)
        # the problems of what this commit made searchable are kept with it
        state["problems"] = [p.to_dict() for p in _unique(inv.problems + kept + found_so_far)]
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
        not (to_index or to_delete or swap or recounted or lost)
        and complete
        and state["problems"] == manifest.get("problems")
        and manifest.get("reader") == READER_VERSION
    ):
        pass  # nothing changed: the manifest says so already
    else:
        state["complete"] = True
        state["reader"] = READER_VERSION
        write_manifest(target, state)
    if swap:
        # the vectors of search by meaning go with the new index: those of articles
        # unchanged are still good (they are kept by fingerprint)
        _move_vectors(path, target)
        swap_in(target, path)
    # The stories: the sketches the writer left for the articles it read, grouped
    summary.stories = stories.update(
        path, state["articles"], changed=bool(to_index or to_delete or swap)
    )
    # The photos of the articles not hashed yet (those written now, and those of a run
    # stopped before it hashed them): to find the same photo in several articles.
    photo_hashes.update(path, root_s, inv.articles, jobs=cpu_jobs(jobs), cancel=cancel)
    if meaning or (meaning is None and _has_vectors(path)):
        from tangthu.index import meaning as vectors

        summary.embedded = vectors.update(
            path, root_s, state["articles"], progress=meaning_progress, cancel=cancel
        )
    summary.articles = int(state["counts"]["articles"])
    summary.photos = int(state["counts"]["photos"])
    summary.problems = [Problem(**p) for p in state["problems"]]
    summary.seconds = time.perf_counter() - started
    return summary


def _corrected(
    inv: Inventory, store: str | os.PathLike[str] | None, trusted: tuple[str, ...]
) -> Inventory:
    """*inv* with each corrected article carrying its correction, and a fingerprint that
    changes with it (a corrected or reverted field re-indexes that article alone); each
    article carries the folders its links may lead to."""
    from tangthu.archive.corrections import Corrections, corrections_path

    kept = Corrections(store or corrections_path(data_dir()))
    fixes = kept.follow(inv.root, inv.articles)
    if kept.damaged is not None:  # set aside now: said until the index is rebuilt
        said = "your corrections file could not be read; it was kept under this name"
        inv = replace(
            inv,
            problems=[*inv.problems, Problem("corrections-unreadable", str(kept.damaged), said)],
        )
    orphans = [
        Problem(
            "correction-orphan",
            os.path.join(inv.root, *ident.split("/")),
            "a correction of yours is kept for this article, which is no longer here",
        )
        for ident in kept.orphans(inv.root, (e.id for e in inv.articles))
    ]
    if not fixes and not trusted and not orphans:
        return inv
    articles = [
        replace(e, fingerprint=f"{e.fingerprint}~{fix.digest}", correction=fix.fields)
        if (fix := fixes.get(e.id)) is not None
        else e
        for e in inv.articles
    ]
    if trusted:
        articles = [replace(e, trusted=trusted) for e in articles]
    return replace(inv, articles=articles, problems=[*inv.problems, *orphans])


def _has_vectors(path: Path) -> bool:
    """Whether the archive has vectors to keep up to date (and a model to make them)."""
    from tangthu.index import meaning

    return (path / meaning.FOLDER / meaning.MODEL_FILE).is_file() and meaning.installed()


def _move_vectors(old: Path, new: Path) -> None:
    from tangthu.index import meaning

    if (old / meaning.FOLDER).is_dir() and not (new / meaning.FOLDER).exists():
        os.replace(old / meaning.FOLDER, new / meaning.FOLDER)


_WALK_KINDS = frozenset(
    {"unreadable-folder", "symlink-loop", "outside-link", "special-file", "correction-orphan"}
)


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
