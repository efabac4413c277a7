"""Each hostile file of `tests.hostile.files`, alone in an archive beside a good article:
every step that reads it ends within 60 s and 1 GB for its whole process tree, exits 0
without a traceback, indexes the good article, and reads the story the file holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.hostile.files import CASES, STORY, Case, build
from tests.hostile.measure import MAIN, env_for, run_tree, step_argv

#: What one step may take: the bound each reader keeps per file.
SECONDS = 60.0
MEGABYTES = 1024.0
#: Cases quick enough for `make check` (the rest run with `make test`).
QUICK = {"charset-undefined", "charset-idna", "mhtml-idna", "charset-punycode"}


def _cases() -> list[object]:
    return [
        pytest.param(case, id=name, marks=() if name in QUICK else (pytest.mark.slow,))
        for name, case in CASES.items()
    ]


@pytest.mark.parametrize("case", _cases())
def test_a_hostile_file_is_read_within_its_bounds(case: Case, tmp_path: Path) -> None:
    root = tmp_path / "archive"
    aid = build(case, root)
    env = env_for(tmp_path)
    for step in case.steps:
        m = run_tree(step_argv(step, root, aid, tmp_path / "ix"), timeout=SECONDS * 3, env=env)
        assert not m.timed_out, f"{step}: still running after {SECONDS * 3:.0f} s"
        assert m.rc == 0 and "Traceback" not in m.err, f"{step}: rc {m.rc}\n{m.err}"
        assert m.seconds <= SECONDS, f"{step}: {m.seconds:.1f} s"
        assert m.peak_mb <= MEGABYTES, f"{step}: {m.peak_mb:.0f} MB"
        assert m.survivors == [], f"{step} left {m.survivors} running"
        if step == "scan":
            report = json.loads(m.out)
            assert report["articles"] == 2
            for kind, at_least in case.problems.items():
                assert report["problems"].get(kind, 0) >= at_least, report["problems"]
        if step == "index":
            assert json.loads(m.out)["articles"] == 2
    shown = run_tree(
        [sys.executable, MAIN, "show", aid, "--archive", str(root), "--json"],
        timeout=SECONDS * 3,
        env=env,
    )
    assert shown.rc == 0, shown.err
    article = json.loads(shown.out)
    if case.story:
        text = [article["lead"], *(b.get("text", "") for b in article["blocks"])]
        assert any(STORY[0] in t for t in text), text[:3]
