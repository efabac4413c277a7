"""Indexing in a process of its own, reporting through a queue.

A program with a window indexes this way: the walk, the manifest and the commits
are Python that holds the interpreter's lock for long stretches (parsing a large
manifest is one call of a hundred milliseconds and more); in a process of its own
none of it can make the window stall.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
from collections.abc import Callable, Iterator
from typing import Any

from tangthu.archive.model import Cancelled, CancelToken
from tangthu.index.engine import IndexFailure
from tangthu.index.indexer import IndexSummary, update_index

#: Seconds to wait, once the process has ended, for what it reported last.
LAST_WORD = 2.0


class _StopToken(CancelToken):
    """A cancel token that also listens to an event set by another process."""

    def __init__(self, stop: Any) -> None:
        super().__init__()
        self._stop = stop

    @property
    def cancelled(self) -> bool:
        return bool(self._stop.is_set()) or super().cancelled

    def check(self) -> None:
        if self._stop.is_set():
            raise Cancelled
        super().check()


def _run(kwargs: dict[str, Any], events: Any, stop: Any, parent: int) -> None:
    from tangthu.index.processes import start_worker

    start_worker(parent)
    try:
        summary = update_index(
            progress=_every(0.1, lambda done, total: events.put(("progress", done, total))),
            committed=lambda done: events.put(("committed", len(done), 0)),
            meaning_progress=_every(0.1, lambda done, total: events.put(("meaning", done, total))),
            cancel=_StopToken(stop),
            **kwargs,
        )
    except Cancelled:
        events.put(("cancelled", None, None))
    except BaseException as exc:  # reported to the parent, which shows it
        code = getattr(exc, "code", "index-failed")
        params = dict(getattr(exc, "params", {}))
        events.put(("failed", str(exc) or type(exc).__name__, (code, params)))
    else:
        events.put(("done", summary, None))


def _every(seconds: float, report: Callable[[int, int], None]) -> Callable[[int, int], None]:
    """*report*, called at most once per *seconds* (and always for the last step): a
    first build of a million articles would otherwise send a million events, each one
    unpickled by the window's process."""
    last = [0.0]

    def throttled(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= seconds:
            last[0] = now
            report(done, total)

    return throttled


class IndexProcess:
    """`update_index` in a spawned process; `events()` yields what it reports.

    Events: ``("progress", done, total)``, ``("committed", count, 0)``,
    ``("meaning", embedded, to embed)`` (the vectors of search by meaning), then one of
    ``("done", IndexSummary, None)``, ``("failed", message, (code, params))``,
    ``("cancelled", None, None)``.
    """

    def __init__(self, **kwargs: Any) -> None:
        ctx = mp.get_context("spawn")
        self._events = ctx.Queue()
        self._stop = ctx.Event()
        # Not a daemon: it starts worker processes of its own. It ends with its parent
        # all the same (orphan_guard), and the window cancels it on quit.
        self._proc = ctx.Process(target=_run, args=(kwargs, self._events, self._stop, os.getpid()))
        self._proc.start()

    def cancel(self) -> None:
        self._stop.set()

    def events(self, poll: Callable[[], bool] | None = None) -> Iterator[tuple[str, Any, Any]]:
        """What the process reports, until it ends; *poll* returning True cancels it."""
        while True:
            if poll is not None and poll():
                self.cancel()
            try:
                event = self._events.get(timeout=0.1)
            except queue.Empty:
                if self._proc.is_alive():
                    continue
                # It ended: its last report, put just before it ended, may still be on
                # its way through the pipe (a wait that ran out a moment too soon).
                try:
                    event = self._events.get(timeout=LAST_WORD)
                except queue.Empty:
                    yield ("failed", "The indexing process ended unexpectedly.", ("index-died", {}))
                    return
            yield event
            if event[0] in ("done", "failed", "cancelled"):
                self._proc.join(timeout=10)
                return


def run(
    *,
    progress: Callable[[int, int], None] | None = None,
    committed: Callable[[int], None] | None = None,
    cancel: CancelToken | None = None,
    meaning_progress: Callable[[int, int], None] | None = None,
    **kwargs: Any,
) -> IndexSummary:
    """`update_index` (with *kwargs*) in a process of its own; waits for it.

    *progress* gets ``(done, total)``, *committed* the number of articles a commit
    made searchable, *meaning_progress* ``(embedded, to embed)``; *cancel* stops the
    process.

    Raises:
        Cancelled: *cancel* was set.
        IndexFailure: the run failed (with the failure's code and parameters).
    """
    process = IndexProcess(**kwargs)
    for kind, a, b in process.events(poll=lambda: cancel is not None and cancel.cancelled):
        if kind == "progress":
            if progress is not None:
                progress(a, b)
        elif kind == "committed":
            if committed is not None:
                committed(a)
        elif kind == "meaning":
            if meaning_progress is not None:
                meaning_progress(a, b)
        elif kind == "done":
            return a  # type: ignore[no-any-return]
        elif kind == "cancelled":
            raise Cancelled
        else:
            code, params = b
            raise IndexFailure(a, code=code, **params)
    raise IndexFailure("The indexing process ended without a result.", code="index-died")
