"""Starting the program the ways it is started: ``python -m tangthu``, and as a
program without a console (standard output and error are None there)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO, SAMPLE


def test_without_standard_streams_the_program_runs_and_says_nothing(tmp_path) -> None:
    out = tmp_path / "export"
    code = (
        "import sys; sys.stdout = sys.stderr = None;"
        f"sys.argv = ['tangthu', 'export', '--archive', {str(SAMPLE)!r}, '--format', 'folder',"
        f" '--to', {str(out)!r}, '2024/03/hoi-nghi-doan-ket'];"
        "from tangthu.launch import start; start()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    assert (out / "2024" / "03" / "hoi-nghi-doan-ket" / "article.txt").is_file()


def test_python_dash_m_tangthu_is_the_command(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tangthu", "scan", str(SAMPLE), "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["articles"] == 7
