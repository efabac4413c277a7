"""The layers import downward only: archive and index never import Qt, only index imports whoosh."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO


def test_core_imports_no_qt() -> None:
    code = (
        "import sys, archive.scan, archive.article, archive.photo, cli.commands;"
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_only_index_imports_whoosh_and_archive_imports_nothing_above() -> None:
    pattern = re.compile(r"^\s*(?:from|import)\s+(whoosh|PySide6|index|ui|cli)\b", re.M)
    offenders = []
    for path in REPO.glob("*/**/*.py"):
        top = path.relative_to(REPO).parts[0]
        if top in (".venv", "tests", "bench", "build"):
            continue
        for m in pattern.finditer(path.read_text(encoding="utf-8")):
            mod = m.group(1)
            if top == "archive" and mod in ("whoosh", "PySide6", "index", "ui", "cli"):
                offenders.append(f"{path}: {mod}")
            if top == "index" and mod in ("PySide6", "ui", "cli"):
                offenders.append(f"{path}: {mod}")
            if mod == "whoosh" and top != "index":
                offenders.append(f"{path}: {mod}")
    assert offenders == []
