"""Writing a Whoosh index: each worker process parses articles and writes a segment.

The parent process holds the index lock, deletes what changed or went away, and
commits the segments its workers wrote. A batch is one commit (all or nothing);
a first build commits every so many articles instead, so that what is indexed so
far can be searched while the rest is written.

Parsing (decoding, EXIF) and Whoosh's postings work are all Python: the workers
are processes (spawned, so a threaded caller such as the window is safe) and they
end when their parent dies (`orphan_guard`).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh.index import Index, LockError
from whoosh.query import Prefix
from whoosh.writing import NO_MERGE, SegmentWriter

from tangthu.archive.model import Cancelled, CancelToken, Problem
from tangthu.archive.scan import ArticleEntry
from tangthu.index import stories
from tangthu.index.analysis import fold_term
from tangthu.index.documents import IndexDoc, parsed
from tangthu.index.engine import IndexBusy, Progress, WriterCommit
from tangthu.index.processes import start_worker
from tangthu.index.whoosh_engine import codec, docvalues
from tangthu.index.whoosh_engine.safe import open_index
from tangthu.index.whoosh_engine.schema import FIELD_OF, LEXICON_ID, SEPARATOR, title_hash

#: Seconds a cancelled run waits for its workers to stop by themselves (between two
#: files) before it ends them.
STOP_WAIT = 1.0
#: From this many articles on, a batch is written by worker processes.
BULK = 400
#: Postings a writer keeps in memory before spilling them to temporary runs.
LIMIT_MB = 256
#: Segments of fewer documents than this are merged once there are enough of them.
SMALL_SEGMENT = 1000
SMALL_SEGMENTS = 8


def _fields(doc: IndexDoc) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": doc.id,
        "aid": doc.aid,
        "kind": doc.kind,
        "x": doc.text,
        "n": doc.length,
        **doc.stored,
    }
    for name, placed in doc.fields.items():
        if placed:
            fields[FIELD_OF[name]] = placed
    if doc.title_key:
        fields["title_key"] = title_hash(doc.title_key)
    return fields


def write_segment(
    ix: Index,
    root: str,
    entries: list[ArticleEntry],
    *,
    report: Any = None,
    stop: Any = None,
) -> tuple[Any, list[Problem]]:
    """Parse *entries* and write them as one new segment (not committed).

    Returns the segment and the problems found. The per-document arrays of the
    segment are saved beside the index.
    """
    writer = codec.segment_writer(ix, lock=False, limitmb=LIMIT_MB)
    rows: list[dict[str, Any] | None] = []
    lexicon: set[str] = set()
    problems: list[Problem] = []
    told: list[stories.Row] = []  # (the articles' rows for their stories)
    try:
        for docs, found in parsed(root, entries):
            if stop is not None and stop():
                raise Cancelled
            for doc in docs:
                writer.add_document(**_fields(doc))
                lexicon.update(doc.text)
                rows.append({**doc.stored, "kind": doc.kind, "n": doc.length})
                if doc.story is not None:
                    told.append(doc.story)
            problems.extend(found)
            if report is not None:
                report(1)
        writer.add_document(
            id=LEXICON_ID,
            kind="lexicon",
            fx=sorted({f + SEPARATOR + t for t in lexicon if (f := fold_term(t)) != t}),
            fw=sorted({fold_term(t) for t in lexicon}),
        )
        rows.append(None)
        segment = codec.finish_segment(writer)
    except BaseException:
        _abort(writer)
        raise
    docvalues.save(docvalues.build(rows), Path(ix.storage.folder), segment.segment_id())
    stories.save_part(Path(ix.storage.folder), told)
    return segment, problems


def _abort(writer: SegmentWriter) -> None:
    """Drop an unfinished segment writer.

    Not `cancel()`: that also removes the index's temporary folder, which the
    parent writer and other segment writers use at the same time. The segment's
    files are not in the table of contents; the next commit deletes them.
    """
    try:
        codec.drop_segment(writer)
    except OSError:
        pass


# --- worker processes -------------------------------------------------------------


def _worker(index_path: str, root: str, jobs: Any, results: Any, stop: Any, parent: int) -> None:
    start_worker(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C does
    ix = open_index(Path(index_path))
    while True:
        job = jobs.get()
        if job is None:
            return
        report = _Reporter(results)
        try:
            segment, problems = write_segment(ix, root, job, report=report, stop=stop.is_set)
            report.flush()
        except Cancelled:
            results.put(("cancelled", None, None))
        except BaseException as exc:  # reported to the parent, which raises it
            code = exc.errno if isinstance(exc, OSError) else None
            results.put(("failed", f"{type(exc).__name__}: {exc}", code))
        else:
            results.put(("done", segment, problems))


class _Reporter:
    """Progress from a worker, sent every 25 articles (a message each is too many)."""

    def __init__(self, results: Any) -> None:
        self.results = results
        self.count = 0

    def __call__(self, n: int) -> None:
        self.count += n
        if self.count >= 25:
            self.flush()

    def flush(self) -> None:
        if self.count:
            self.results.put(("progress", self.count, None))
            self.count = 0


class _Workers:
    """A few worker processes, kept for the whole run (one segment each per chunk)."""

    def __init__(self, index_path: Path, root: str, count: int) -> None:
        ctx = mp.get_context("spawn")
        self.jobs = ctx.Queue()
        self.results = ctx.Queue()
        self.stop = ctx.Event()
        self.procs = [
            ctx.Process(
                target=_worker,
                args=(str(index_path), root, self.jobs, self.results, self.stop, os.getpid()),
                daemon=True,
            )
            for _ in range(count)
        ]
        for proc in self.procs:
            proc.start()

    def run(
        self,
        slices: list[list[ArticleEntry]],
        tick: Any,
        cancel: CancelToken | None,
    ) -> tuple[list[Any], list[Problem]]:
        for part in slices:
            self.jobs.put(part)
        segments: list[Any] = []
        problems: list[Problem] = []
        waiting = len(slices)
        failure: str | None = None
        failed_errno: int | None = None
        cancelled = False
        asked = 0.0  # when the workers were asked to stop
        while waiting:
            if cancel is not None and cancel.cancelled and not cancelled:
                cancelled = True
                asked = time.monotonic()
                self.stop.set()
            if cancelled and time.monotonic() - asked > STOP_WAIT:
                break  # one is busy with a single file (a long OCR): close() ends it
            try:
                kind, a, b = self.results.get(timeout=0.1)
            except queue.Empty:
                if not all(p.is_alive() for p in self.procs):
                    failure = failure or "an indexing process ended unexpectedly"
                    break
                continue
            if kind == "progress":
                tick(a)
                continue
            waiting -= 1
            if kind == "done":
                segments.append(a)
                problems.extend(b)
            elif kind == "failed":
                if failure is None:
                    failure, failed_errno = a, b
                self.stop.set()
            else:
                cancelled = True
        # A worker's failure stops the others (they answer "cancelled"): it is the failure
        # that is reported, unless the user cancelled.
        if cancelled and not failure or cancel is not None and cancel.cancelled:
            raise Cancelled
        if failure and failed_errno is not None:  # a full disk, say: as in this process
            raise OSError(failed_errno, os.strerror(failed_errno))
        if failure:
            raise RuntimeError(failure)
        return segments, problems

    def close(self, *, hurry: bool = False) -> None:
        """End the workers: each after its last job, or (*hurry*: the run was cancelled
        or failed) at once, with what it runs (Tesseract ends with its worker)."""
        for _ in self.procs:
            self.jobs.put(None)
        for proc in self.procs:
            proc.join(timeout=STOP_WAIT if hurry else 10)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=5)


def _merge_small(writer: SegmentWriter, segments: list[Any]) -> list[Any]:
    """Merge the small segments once there are many of them; keep the others."""
    from whoosh.reading import SegmentReader

    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT]
    if len(small) < SMALL_SEGMENTS:
        return list(segments)
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [s for s in segments if s not in small]


def _release(writer: SegmentWriter) -> None:
    """Cancel the parent writer: drop its changes and free the lock, whatever is left."""
    try:
        writer.cancel()
    except OSError:  # its temporary files are gone already: the lock must go all the same
        if writer.writelock:
            writer.writelock.release()
        writer.is_closed = True


def _parent_writer(ix: Index) -> SegmentWriter:
    try:
        return codec.segment_writer(ix, lock=True, limitmb=LIMIT_MB)
    except LockError as exc:
        raise IndexBusy(
            "The index is busy: another indexing run is writing to it. Try again when it ends."
        ) from exc


def _commit(writer: SegmentWriter, segments: list[Any], *, merge: bool) -> None:
    """Commit the parent's deletions (and merges) with the workers' segments."""
    codec.commit_segments(writer, segments, _merge_small if merge else NO_MERGE)


def _slices(entries: list[ArticleEntry], count: int) -> list[list[ArticleEntry]]:
    size = -(-len(entries) // count)
    return [entries[i : i + size] for i in range(0, len(entries), size)]


def chunk_sizes(total: int, chunk: int | None) -> list[int]:
    """How many articles each commit takes: growing chunks, so the first is searchable soon."""
    if not chunk:
        return [total]
    sizes, size, left = [], max(1, chunk // 4), total
    while left > 0:
        take = min(size, left)
        sizes.append(take)
        left -= take
        size = min(chunk, size * 2)
    return sizes


class WhooshWriter:
    """Writes an archive's Whoosh index (see `index.engine.Writer`)."""

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
        ix = open_index(self.index_path)
        writer = _parent_writer(ix)
        total = len(add)
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(min(done, total), total)

        workers: _Workers | None = None
        problems: list[Problem] = []
        hurry = False
        try:
            for aid in delete:
                writer.delete_by_term("id", aid)
                writer.delete_by_query(Prefix("id", aid + "#"))  # its photos
            if jobs > 1 and total >= BULK:
                workers = _Workers(self.index_path, root, min(jobs, -(-total // 100)))
            start = 0
            for size in chunk_sizes(total, chunk):
                part = add[start : start + size]
                start += size
                if cancel is not None:
                    cancel.check()
                if workers is not None and len(part) >= BULK // 2:
                    segments, found = workers.run(_slices(part, len(workers.procs)), tick, cancel)
                elif part:
                    segment, found = write_segment(
                        ix, root, part, report=tick, stop=lambda: bool(cancel and cancel.cancelled)
                    )
                    segments = [segment]
                else:
                    segments, found = [], []
                problems.extend(found)
                _commit(writer, segments, merge=chunk is None)
                complete_docvalues(self.index_path)
                if committed is not None:
                    committed({e.id: e.fingerprint for e in part}, list(found))
                if start < total:
                    writer = _parent_writer(ix)
            if not add:
                if not writer.is_closed:
                    _commit(writer, [], merge=True)
                    complete_docvalues(self.index_path)
                if committed is not None:
                    committed({}, [])
        except BaseException:
            hurry = True
            if not writer.is_closed:
                _release(writer)
            raise
        finally:
            if workers is not None:
                workers.close(hurry=hurry)
            ix.close()
        return problems


def complete_docvalues(index_path: Path) -> None:
    """Work out the arrays of segments that have none (those a merge made) or have them
    in a form no longer read (`docvalues.current`)."""
    from whoosh.reading import SegmentReader

    ix = open_index(Path(index_path))
    try:
        segments = codec.index_segments(ix)
        for seg in segments:
            if not docvalues.current(index_path, seg.segment_id()):
                reader = SegmentReader(ix.storage, ix.schema, seg)
                try:
                    docvalues.save(
                        docvalues.from_segment_reader(reader), index_path, seg.segment_id()
                    )
                finally:
                    reader.close()
        docvalues.clean(index_path, {s.segment_id() for s in segments})
    finally:
        ix.close()
