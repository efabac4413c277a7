"""Background jobs: every outcome reaches the GUI thread, and a job is let go of there."""

from __future__ import annotations

import gc
import threading
import time
import weakref

import pytest

from tangthu.library.records import Cancelled, Failure


def _drain(qtbot, until, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(until, timeout=int(timeout * 1000))


def test_each_outcome_reaches_its_receiver_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    from tangthu.ui.jobs import make_pool, pending, run_job

    pool = make_pool(2)
    gui = QApplication.instance().thread()
    got: list[tuple[str, object, bool]] = []

    def fail() -> None:
        raise Failure("no such archive")

    def cancelled(progress, cancel) -> None:  # type: ignore[no-untyped-def]
        progress(1, 3)
        raise Cancelled()

    def said(how: str):  # type: ignore[no-untyped-def]
        return lambda what=None: got.append((how, what, QThread.currentThread() is gui))

    progress: list[tuple[int, int]] = []
    run_job(lambda: 42, said("done"), pool=pool)
    run_job(fail, print, lambda e: said("failed")(str(e)), pool=pool)
    run_job(
        cancelled,
        print,
        on_progress=lambda d, t: progress.append((d, t)),
        on_cancel=said("cancelled"),
        pool=pool,
    )
    _drain(qtbot, lambda: len(got) == 3 and not pending(pool))
    assert sorted(got, key=lambda g: g[0]) == [
        ("cancelled", None, True),
        ("done", 42, True),
        ("failed", "no such archive", True),
    ]
    assert progress == [(1, 3)]
    pool.waitForDone()


def test_a_job_is_let_go_of_once_delivered_and_in_the_gui_thread(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Its signals are freed (none kept for the program's life) and never by a pool
    thread, even when the pool thread lets go of the job after the GUI thread has."""
    from PySide6.QtCore import QObject

    from tangthu.ui import jobs

    run = jobs._Runnable.run

    def late(self) -> None:  # type: ignore[no-untyped-def]
        run(self)
        time.sleep(0.05)  # the GUI thread has the outcome, and lets go, first

    monkeypatch.setattr(jobs._Runnable, "run", late)
    freed_in: list[str] = []
    original = jobs.JobSignals.__init__

    def watched(self) -> None:  # type: ignore[no-untyped-def]
        original(self)
        # a plain Python object beside the signals dies with them, in their thread
        self.probe = _Probe(freed_in)

    monkeypatch.setattr(jobs.JobSignals, "__init__", watched)
    pool = jobs.make_pool(2)
    results: list[int] = []
    signals: list[weakref.ref[QObject]] = []
    for i in range(40):
        job = jobs.run_job(lambda i=i: i, results.append, pool=pool)
        signals.append(weakref.ref(job.signals))
    del job
    _drain(qtbot, lambda: len(results) == 40)
    pool.waitForDone()
    gc.collect()
    assert sorted(results) == list(range(40))
    assert [s for s in signals if s() is not None] == []
    assert freed_in and set(freed_in) == {threading.main_thread().name}


class _Probe:
    def __init__(self, out: list[str]) -> None:
        self._out = out

    def __del__(self) -> None:
        self._out.append(threading.current_thread().name)


def test_many_jobs_at_once_each_deliver_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.jobs import make_pool, pending, run_job

    pool = make_pool(2)
    results: list[int] = []
    for i in range(500):
        run_job(lambda i=i: i, results.append, pool=pool)
    _drain(qtbot, lambda: not pending(pool), timeout=60)
    assert sorted(results) == list(range(500))
    pool.waitForDone()


@pytest.mark.parametrize("started", [False, True])
def test_cancel_all_takes_back_what_has_not_started(qtbot, started: bool) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.jobs import cancel_all, make_pool, pending, run_job

    pool = make_pool(1)
    gate = threading.Event()
    said: list[str] = []

    def first(progress, cancel) -> str:  # type: ignore[no-untyped-def]
        gate.wait(10)
        cancel.check()
        return "first"

    run_job(first, said.append, on_cancel=lambda: said.append("first cancelled"), pool=pool)
    run_job(lambda: "second", said.append, pool=pool)
    if started:
        gate.set()
        _drain(qtbot, lambda: not pending(pool))
    cancel_all(pool)
    gate.set()
    _drain(qtbot, lambda: not pending(pool))
    pool.waitForDone()
    qtbot.wait(50)
    assert said == (["first", "second"] if started else ["first cancelled"])
