"""The layers import downward only: archive and index never import Qt, only index imports whoosh.

Every module is imported under the one name ``tangthu`` (``tangthu.archive`` …): the
folders' own names (``archive``, ``index`` …) are never imported bare.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_core_imports_no_qt() -> None:
    code = (
        "import sys, tangthu.archive.scan, tangthu.archive.article, tangthu.archive.photo,"
        " tangthu.library, tangthu.cli.commands;"
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_only_index_imports_whoosh_and_archive_imports_nothing_above() -> None:
    pattern = re.compile(
        r"^\s*(?:from\s+(?:tangthu\.)?|import\s+(?:tangthu\.)?|from\s+tangthu\s+import\s+)"
        r"(whoosh|PySide6|index|ui|cli)\b",
        re.M,
    )
    offenders = []
    for path in REPO.glob("*/**/*.py"):
        top = path.relative_to(REPO).parts[0]
        if top in (".venv", "tests", "bench", "build", "tangthu"):
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


PROJECT = {"archive", "index", "library", "ui", "cli", "launch"}
#: The names the project's folders would have as top-level modules.
BARE = {"archive", "index", "library", "ui", "cli"}
#: The project's packages each may import (besides itself).
MAY_IMPORT = {
    "archive": set(),
    "index": {"archive"},
    "library": {"archive", "index"},
    "ui": {"library"},
    "cli": {"library"},
}


def _modules(path: Path) -> set[str]:
    """Every absolute module name *path* imports, wherever in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            if node.module == "tangthu":
                found |= {f"tangthu.{alias.name}" for alias in node.names}
    return found


def _imports(path: Path) -> set[str]:
    """The project packages (``tangthu.<name>``) *path* imports, wherever in the file."""
    return {m.split(".")[1] for m in _modules(path) if m.startswith("tangthu.")} & PROJECT


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
    bad.write_text(
        "def f():\n    from tangthu.index.search import Filters\n"
        "    import tangthu.archive.scan\n    from tangthu import ui\n"
    )
    assert _imports(bad) == {"index", "archive", "ui"}


def test_nothing_imports_a_folder_by_its_bare_name() -> None:
    files = [REPO / "main.py", *REPO.glob("app/*.py")]
    for folder in (*BARE, "tests", "bench"):
        files += (REPO / folder).rglob("*.py")
    bare = {
        f"{path.relative_to(REPO)}: {module}"
        for path in files
        for module in _modules(path)
        if module.split(".")[0] in BARE
    }
    assert bare == set()


def test_no_window_file_is_over_450_lines() -> None:
    long = {
        p.name: n
        for p in (REPO / "ui").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert long == {}


#: What `ui/` and `cli/` may import of the core: the package and its two named parts.
WAYS_IN = {"tangthu.library", "tangthu.library.records", "tangthu.library.program"}


def test_the_window_and_the_command_line_reach_the_core_only_through_library() -> None:
    """`tangthu.library` is the one way in (with its records and this program's
    details), never another module inside it or a floor below it."""
    offenders = []
    for top in ("ui", "cli"):
        for path in (REPO / top).rglob("*.py"):
            inside = [
                m for m in _modules(path) if m.startswith("tangthu.library.") and m not in WAYS_IN
            ]
            offenders += [f"{path.relative_to(REPO)}: {m}" for m in inside]
    assert offenders == []


def test_the_way_in_is_library_and_a_few_functions() -> None:
    """The package names `Library`, the user's stores and a few functions; what it
    answers with are plain records, kept apart (no function among them)."""
    import inspect

    from tangthu import library
    from tangthu.library import records

    assert "Library" in library.__all__ and len(library.__all__) <= 40
    assert set(library.__all__).isdisjoint(records.__all__)
    doers = [n for n in records.__all__ if inspect.isfunction(getattr(records, n))]
    assert doers == []
    assert all(hasattr(library, n) for n in library.__all__)
    assert all(hasattr(records, n) for n in records.__all__)


def test_readers_share_one_module_of_their_own_and_import_nothing_from_article() -> None:
    """What every reader shares is `archive/formats/parsed.py`; `archive/article.py`
    (which loads an article with them) is above them."""
    for path in sorted((REPO / "archive" / "formats").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                assert name != "tangthu.archive.article", f"{path.name} imports {name}"
