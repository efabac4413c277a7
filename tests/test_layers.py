"""The layers import downward only: archive and index never import Qt, only index imports whoosh."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_core_imports_no_qt() -> None:
    code = (
        "import sys, archive.scan, archive.article, archive.photo, library, cli.commands;"
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


PROJECT = {"archive", "index", "library", "ui", "cli", "main"}
#: The project's packages each may import (besides itself).
MAY_IMPORT = {
    "archive": set(),
    "index": {"archive"},
    "library": {"archive", "index"},
    "ui": {"library"},
    "cli": {"library"},
}


def _imports(path: Path) -> set[str]:
    """The top-level project packages *path* imports, wherever in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & PROJECT


def test_each_floor_imports_only_the_floors_below_it() -> None:
    offenders = []
    for package, allowed in MAY_IMPORT.items():
        files = sorted((REPO / package).rglob("*.py"))
        assert files, package
        for path in files:
            wrong = _imports(path) - allowed - {package}
            if wrong:
                offenders.append(f"{path.relative_to(REPO)}: {', '.join(sorted(wrong))}")
    assert offenders == []


def test_the_layer_check_sees_a_wrong_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from index.search import Filters\n    import archive.scan\n")
    assert _imports(bad) == {"index", "archive"}


def test_no_window_file_is_over_450_lines() -> None:
    long = {
        p.name: n
        for p in (REPO / "ui").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert long == {}
