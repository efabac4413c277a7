"""A run of the test suite says at its end which tests it skipped and why (a clone
that does not find the shared corpus beside it skips the corpus's tests: said, with how
to point the suite at the corpus)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from tests.conftest import REPO, skipped_line


def test_skipped_tests_are_counted_by_their_reason() -> None:
    def skipped(reason: str) -> SimpleNamespace:
        return SimpleNamespace(longrepr=("t.py", 1, f"Skipped: {reason}"))

    reports = [skipped("no corpus"), skipped("no tesseract"), skipped("no corpus")]
    assert skipped_line(reports) == "Skipped 3 tests: 2 because no corpus; 1 because no tesseract"
    assert skipped_line([]) == ""


def test_a_run_without_the_corpus_says_so_at_its_end(tmp_path: Path) -> None:
    env = {**os.environ, "TANGTHU_CORPUS": str(tmp_path / "nowhere")}
    test = "tests/archive/test_export.py::test_bagit_export_validates"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    last = run.stdout.strip().splitlines()
    assert run.returncode == 0
    assert any(
        line.startswith("Skipped 1 test: 1 because the shared corpus is not at")
        and "TANGTHU_CORPUS" in line
        for line in last
    )
