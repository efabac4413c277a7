"""Writing a tantivy index: worker processes parse, tantivy's own threads index."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tangthu.archive.model import CancelToken, Problem
from tangthu.archive.scan import ArticleEntry
from tangthu.index import stories
from tangthu.index.documents import IndexDoc, parsed
from tangthu.index.engine import IndexBusy, Progress, WriterCommit
from tangthu.index.tantivy_engine.schema import flatten, open_index, to_document

#: From this many articles on, parsing is done by worker processes.
BULK = 400
HEAP = 256_000_000


def _init_worker(parent: int) -> None:
    from tangthu.index.processes import start_worker

    start_worker(parent)


Flat = dict[str, Any]


#: An article's documents as plain data, the problems found in it, its row for its story.
Parsed = tuple[list[Flat], list[Problem], list[stories.Row]]


def _flat(docs: list[IndexDoc], problems: list[Problem]) -> Parsed:
    return [flatten(d) for d in docs], problems, [d.story for d in docs if d.story]


def _parse(job: tuple[str, list[ArticleEntry]]) -> list[Parsed]:
    root, entries = job
    return [_flat(docs, problems) for docs, problems in parsed(root, entries)]


def _documents(root: str, entries: list[ArticleEntry], jobs: int) -> Iterator[Parsed]:
    """Each article's documents, as plain data, in order: parsed by worker processes for
    big batches (a few batches ahead at most, so memory stays flat)."""
    if jobs > 1 and len(entries) >= BULK:
        ctx = mp.get_context("spawn")
        batches = [(root, entries[i : i + 64]) for i in range(0, len(entries), 64)]
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(os.getpid(),)) as pool:
            ahead = jobs * 4
            pending = [pool.apply_async(_parse, (b,)) for b in batches[:ahead]]
            for i in range(len(batches)):
                result = pending.pop(0).get()
                if i + ahead < len(batches):
                    pending.append(pool.apply_async(_parse, (batches[i + ahead],)))
                yield from result
    else:
        for docs, problems in parsed(root, entries):
            yield _flat(docs, problems)


class TantivyWriter:
    """Writes an archive's tantivy index (see `index.engine.Writer`)."""

    def __init__(self, index_path: Path) -> None:
        self.index_path = Path(index_path)

    def write(
        self,
        root: str,
        add: list[ArticleEntry],
        delete: Iterable[str],
        *,
        jobs: int,
        chunk: int | None,
        progress: Progress | None,
        cancel: CancelToken | None,
        committed: WriterCommit | None,
    ) -> list[Problem]:
        index = open_index(str(self.index_path))
        try:
            writer = index.writer(heap_size=HEAP, num_threads=max(1, jobs))
        except ValueError as exc:
            raise IndexBusy(
                "The index is busy: another indexing run is writing to it. Try again when it ends."
            ) from exc
        problems: list[Problem] = []
        total = len(add)
        pending: dict[str, str] = {}
        pending_problems: list[Problem] = []
        rows: list[stories.Row] = []  # the articles' rows for their stories, to commit
        since_commit = 0
        step = max(1, (chunk or total) // 4)  # the first commits come sooner
        try:
            for aid in delete:
                writer.delete_documents_by_term("aid", aid)
            for done, (entry, (docs, found, told)) in enumerate(
                zip(add, _documents(root, add, jobs), strict=True), start=1
            ):
                if cancel is not None:
                    cancel.check()
                for doc in docs:
                    writer.add_document(to_document(doc))
                rows.extend(told)
                problems.extend(found)
                pending_problems.extend(found)
                pending[entry.id] = entry.fingerprint
                since_commit += 1
                if progress is not None:
                    progress(done, total)
                if chunk and since_commit >= step and done < total:
                    stories.save_part(self.index_path, rows)  # (before: see `stories`)
                    rows = []
                    writer.commit()
                    if committed is not None:
                        committed(pending, pending_problems)
                    pending, pending_problems, since_commit = {}, [], 0
                    step = min(chunk, step * 2)
            stories.save_part(self.index_path, rows)
            writer.commit()
            writer.wait_merging_threads()
            if committed is not None:
                committed(pending, pending_problems)
        except BaseException:
            writer.rollback()
            raise
        return problems
