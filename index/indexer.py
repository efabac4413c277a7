"""Incremental indexing of an archive root.

New articles are added, changed ones (by fingerprint) re-indexed, removed ones
deleted. A run is all-or-nothing: a cancel, an interrupt or an error discards
the batch and leaves the index as it was. A rebuild is written beside the old
index and swapped in only when complete.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.index import Index, LockError
from whoosh.multiproc import MultiSegmentWriter, SubWriterTask
from whoosh.writing import IndexWriter

from archive.article import load_article
from archive.model import Article, CancelToken, Problem
from archive.scan import ArticleEntry, Inventory, walk
from index.schema import NONE, title_key
from index.store import (
    IndexBusy,
    create_index,
    index_dir_for,
    is_current,
    open_index,
    read_manifest,
    recover,
    remove_tree,
    write_manifest,
)

Progress = Callable[[int, int], None]

#: From this many articles on, a run analyses in several processes.
BULK = 1000

#: A fresh build commits every this many articles (memory stays bounded; the
#: build is swapped in only when complete, so it stays all-or-nothing).
FRESH_CHUNK = 5000

#: Text beyond this many characters of one article is not indexed (a 50 KB article
#: is long; megabytes in one file are a data dump, and would stall the writer).
MAX_INDEXED_CHARS = 1_000_000


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


def article_documents(article: Article, fingerprint: str) -> list[dict[str, Any]]:
    """The Whoosh documents of one article: itself, then one per photo."""
    year = article.date[:4] if article.date else NONE
    outlet_key = article.outlet or NONE
    existing = [p for p in article.photos if p.exists]
    captions = "\n".join(article.captions)
    body = article.body_text[:MAX_INDEXED_CHARS]
    outlet = article.outlet or ""
    text = "\n".join([article.title, body, captions, article.author or "", outlet])
    docs: list[dict[str, Any]] = [
        {
            "id": article.id,
            "aid": article.id,
            "kind": "article",
            "fingerprint": fingerprint,
            "title": article.title,
            "title_f": article.title,
            "body": body,
            "text": text,
            "text_f": text,
            "caption": captions,
            "caption_f": captions,
            "author": article.author or "",
            "author_f": article.author or "",
            "outlet_t": outlet,
            "outlet_tf": outlet,
            "outlet": outlet,
            "outlet_key": outlet_key,
            "date": article.date or "",
            "date_est": article.date_estimated,
            "year": year,
            "has_photos": "1" if existing else "0",
            "title_key": title_key(article.title),
            "source_url": article.source_url or "",
            "folder": article.folder,
            "photos": len(article.photos),
            "thumb": existing[0].file if existing else "",
        }
    ]
    seen: set[str] = set()
    for photo in article.photos:
        if photo.file in seen:
            continue
        seen.add(photo.file)
        caption = photo.caption or ""
        embedded = (photo.info.embedded_caption if photo.info else None) or ""
        if embedded == caption:
            embedded = ""
        searchable = f"{caption}\n{embedded}".strip()
        docs.append(
            {
                "id": f"{article.id}#{photo.file}",
                "aid": article.id,
                "kind": "photo",
                "atitle": article.title,
                "caption": searchable,
                "caption_f": searchable,
                "photo_caption": caption,
                "embedded": embedded,
                "outlet": outlet,
                "outlet_key": outlet_key,
                "date": article.date or "",
                "year": year,
                "has_photos": "1" if photo.exists else "0",
                "folder": article.folder,
                "file": photo.file,
                "taken": (photo.info.taken if photo.info else None) or "",
            }
        )
    return docs


def _parsed(
    root: str, entries: list[ArticleEntry], cancel: CancelToken | None
) -> Iterator[tuple[list[dict[str, Any]], list[Problem]]]:
    """Parse *entries* in order into documents and problems."""
    for entry in entries:
        if cancel is not None:
            cancel.check()
        article = load_article(root, entry.path)
        problems = list(article.problems)
        if len(article.body_text) > MAX_INDEXED_CHARS:
            problems.append(
                Problem(
                    "too-large",
                    entry.path,
                    f"only the first {MAX_INDEXED_CHARS:,} of {len(article.body_text):,} "
                    "characters are searchable; split the file to search the rest",
                )
            )
        yield article_documents(article, entry.fingerprint), problems


def _writer(ix: Index, batch: int, jobs: int) -> IndexWriter:
    """A writer; for big batches one that analyses in *jobs* processes.

    Each process writes its own segment (no final merge, about half of a bulk
    build's time); postings stay in memory up to ``limitmb`` instead of being
    pickled to temporary runs.
    """
    options: dict[str, Any] = {"timeout": 0.0, "limitmb": 512}
    try:
        if jobs > 1 and batch >= BULK:
            return _GuardedWriter(ix, procs=jobs, subargs={"limitmb": 512}, **options)
        return ix.writer(**options)
    except LockError as exc:
        raise IndexBusy(
            "The index is busy: another indexing run is writing to it. Try again when it ends."
        ) from exc


class _GuardedTask(SubWriterTask):  # type: ignore[misc]
    """Whoosh's analysing process, which ends when the process that started it dies.

    Whoosh's own waits on its job queue forever: killed parents (a crash, the OS,
    ``kill -9``) left it holding deleted index files open.
    """

    def run(self) -> None:
        orphan_guard()
        super().run()


class _GuardedWriter(MultiSegmentWriter):  # type: ignore[misc]
    """Whoosh's multi-process writer (one segment per process) with guarded processes."""

    def _new_task(self) -> _GuardedTask:
        task = _GuardedTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task


def orphan_guard(poll: float = 1.0) -> None:
    """Make this (child) process end when its parent dies.

    On Linux the kernel sends SIGKILL at once (``PR_SET_PDEATHSIG``); everywhere a
    thread also checks every *poll* seconds whether the parent is still the same.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(poll)

    if os.getppid() != parent:  # the parent died before the kernel was told
        os._exit(1)
    threading.Thread(target=watch, name="orphan-guard", daemon=True).start()


def _indexed_fingerprints(ix: Index) -> dict[str, str]:
    """Article ID -> fingerprint, read from the index itself (when the manifest is lost)."""
    with ix.searcher() as s:
        return {
            d["aid"]: d.get("fingerprint", "")
            for d in s.all_stored_fields()
            if d.get("kind") == "article"
        }


def _apply(
    ix: Index,
    root: str,
    to_index: list[ArticleEntry],
    to_delete: Iterable[str],
    replace_existing: set[str],
    *,
    jobs: int,
    progress: Progress | None,
    cancel: CancelToken | None,
    chunk: int | None = None,
) -> tuple[int, list[Problem]]:
    """Write the changes. Returns (photo documents added, problems).

    Without *chunk* the whole batch is one commit: all or nothing. A fresh
    build (written beside the live index, swapped in at the end) commits every
    *chunk* articles instead, which keeps each writer's postings in memory.
    """
    total = len(to_index)
    writer = _writer(ix, min(total, chunk or total), jobs)
    in_writer = 0
    photos = 0
    problems: list[Problem] = []
    try:
        for aid in to_delete:
            writer.delete_by_term("aid", aid)
        for done, (docs, probs) in enumerate(_parsed(root, to_index, cancel), start=1):
            if cancel is not None:
                cancel.check()
            aid = docs[0]["aid"]
            if aid in replace_existing:
                writer.delete_by_term("aid", aid)
            for doc in docs:
                writer.add_document(**doc)
            photos += len(docs) - 1
            problems.extend(probs)
            in_writer += 1
            if chunk and in_writer >= chunk and done < total:
                writer.commit(merge=False)
                writer = _writer(ix, min(total - done, chunk), jobs)
                in_writer = 0
            if progress is not None:
                progress(done, total)
    except BaseException:
        writer.cancel()  # drops the batch and releases the write lock
        raise
    writer.commit(merge=not chunk)
    return photos, problems


def update_index(
    root: str | os.PathLike[str],
    index_dir: str | os.PathLike[str] | None = None,
    *,
    rebuild: bool = False,
    jobs: int = 0,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    inventory: Inventory | None = None,
) -> IndexSummary:
    """Bring the index of *root* up to date with the folders on disk.

    Args:
        root: the archive root (read only).
        index_dir: where the index lives; default: the per-user data folder.
        rebuild: start over (written beside the old index, swapped in at the end).
        jobs: analysing processes for big batches; 0 means one per core.
        progress: called with (articles done, articles to do).
        cancel: a token; a cancel leaves the index as it was.

    Raises:
        IndexBusy: another writer holds the index.
        Cancelled: the token was set (or KeyboardInterrupt); nothing was changed.
    """
    started = time.perf_counter()
    root_s = str(root)
    path = index_dir_for(root, index_dir)
    recover(path)
    jobs = jobs or os.cpu_count() or 1
    inv = inventory if inventory is not None else walk(root, cancel=cancel)
    summary = IndexSummary(index_dir=str(path))
    current = {e.id: e for e in inv.articles}

    fresh = rebuild or not is_current(path)
    if fresh:
        manifest: dict[str, Any] = {"articles": {}, "problems": []}
        target = path.with_name(path.name + ".new")
        remove_tree(target)
        ix = create_index(target)
        indexed: dict[str, str] = {}
    else:
        target = path
        ix = open_index(path)
        manifest = read_manifest(path) or {}
        indexed = manifest.get("articles") or _indexed_fingerprints(ix)

    try:
        to_index = [e for e in inv.articles if indexed.get(e.id) != e.fingerprint]
        to_delete = sorted(set(indexed) - set(current))
        replace_existing = {e.id for e in to_index if e.id in indexed}
        summary.added = len(to_index) - len(replace_existing)
        summary.updated = len(replace_existing)
        summary.deleted = len(to_delete)
        old_problems = [Problem(**p) for p in manifest.get("problems", [])]
        changed = {_folder_of(root_s, a) for a in set(replace_existing) | set(to_delete)}
        problems_kept = [p for p in old_problems if _folder_of_path(p.path) not in changed]
        if to_index or to_delete or fresh:
            _, new_problems = _apply(
                ix,
                root_s,
                to_index,
                to_delete,
                # An update deletes every article it writes, "new" ones too: a run killed
                # after its commit but before its manifest left them in the index already.
                set() if fresh else {e.id for e in to_index},
                jobs=jobs,
                progress=progress,
                cancel=cancel,
                chunk=FRESH_CHUNK if fresh else None,
            )
        else:
            new_problems = []
        problems = inv.problems + [p for p in problems_kept if p.kind not in _WALK_KINDS]
        problems += new_problems
        with ix.searcher() as s:
            summary.articles = len(list(s.document_numbers(kind="article")))
            summary.photos = s.doc_count() - summary.articles
    except BaseException:
        ix.close()
        if fresh:
            remove_tree(target)  # the old index stays as it was
        raise
    ix.close()

    write_manifest(
        target,
        {
            "root": root_s,
            "articles": {e.id: e.fingerprint for e in inv.articles},
            "problems": [p.to_dict() for p in _unique(problems)],
        },
    )
    if fresh:
        _swap_in(target, path)
    summary.problems = _unique(problems)
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


def _swap_in(new: Path, path: Path) -> None:
    """Replace the index at *path* by the complete one at *new*."""
    old = path.with_name(path.name + ".old")
    remove_tree(old)
    if path.exists():
        os.replace(path, old)
    os.replace(new, path)
    remove_tree(old)


def indexed_problems(
    root: str | os.PathLike[str], index_dir: str | os.PathLike[str] | None = None
) -> list[Problem]:
    """The problems the last indexing run of *root* reported."""
    manifest = read_manifest(index_dir_for(root, index_dir)) or {}
    return [Problem(**p) for p in manifest.get("problems", [])]
