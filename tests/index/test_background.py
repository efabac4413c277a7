"""Indexing in a process of its own reports its progress a few times a second, not
once per article (each report is a message the window's process must read)."""

from __future__ import annotations

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
