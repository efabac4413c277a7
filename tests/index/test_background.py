"""Indexing in a process of its own reports its progress a few times a second, not
once per article (each report is a message the window's process must read)."""

from __future__ import annotations

import queue
from pathlib import Path

from tangthu.index import background
from tests.conftest import write_article


def test_progress_comes_a_few_times_a_second_and_ends_at_the_total(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    for i in range(400):
        write_article(root / f"2020/01/bai-{i}", f"Bài số {i}\n\nNgày 1/1/2020, tin thứ {i}.\n")
    calls: list[tuple[int, int]] = []
    summary = background.run(
        progress=lambda done, total: calls.append((done, total)),
        root=str(root),
        index_dir=str(tmp_path / "ix"),
        rebuild=False,
        jobs=1,
        engine=None,
    )
    assert summary.articles == 400
    assert calls and calls[-1][0] == calls[-1][1]  # the last step is always said
    assert len(calls) < 100  # not one message per article (the scan's and the writer's)


class _LateQueue:
    """A queue whose first wait runs out just before the process's last report
    arrives: the report is there only after the process has ended."""

    def __init__(self, proc: _Ended, last: tuple[str, object, object]) -> None:
        self.proc, self.last, self.waits = proc, last, 0

    def get(self, timeout: float) -> tuple[str, object, object]:
        self.waits += 1
        if self.waits == 1:
            self.proc.alive = False  # it reported and ended during the wait
            raise queue.Empty
        return self.last


class _Ended:
    alive = True

    def is_alive(self) -> bool:
        return self.alive

    def join(self, timeout: float) -> None:
        pass


def test_the_last_report_of_a_process_that_just_ended_is_read_not_taken_for_a_crash() -> None:
    proc = _Ended()
    process = object.__new__(background.IndexProcess)
    process._proc = proc  # type: ignore[assignment]
    process._events = _LateQueue(proc, ("done", "summary", None))
    assert list(process.events()) == [("done", "summary", None)]


def test_a_process_that_ended_saying_nothing_is_a_failure(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(background, "LAST_WORD", 0.01, raising=False)
    proc = _Ended()
    proc.alive = False
    process = object.__new__(background.IndexProcess)
    process._proc = proc  # type: ignore[assignment]

    class Silent:
        def get(self, timeout: float) -> None:
            raise queue.Empty

    process._events = Silent()
    [(kind, _, (code, _params))] = list(process.events())
    assert (kind, code) == ("failed", "index-died")
