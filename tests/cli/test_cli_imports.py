"""A command imports what it needs: a search loads no Qt, no numpy, no Pillow and not
the engine it does not search with; the parser of one command is that command's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tangthu.cli import commands
from tangthu.index import engines
from tests.conftest import REPO, SAMPLE

#: What a process prints after running a command: the modules it imported.
_PROBE = """
import json, sys
from tangthu.launch import main
code = main(sys.argv[1:])
print("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

#: Loaded only by what needs them: the window, photo decoding, the readers of other
#: formats, exports, progress bars, worker processes.
NEVER_FOR_A_SEARCH = (
    "PySide6",
    "shiboken6",
    "numpy",
    "PIL",
    "lxml",
    "pypdfium2",
    "docx",
    "charset_normalizer",
    "citeproc",
    "tqdm",
    "multiprocessing",
    "email",
    "tangthu.archive.export",
    "tangthu.index.indexer",
    "tangthu.index.documents",
)


def _modules(*argv: str) -> set[str]:
    p = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout.rsplit("\n", 2)[-2])
    assert out["code"] == 0, p.stdout
    return set(out["modules"])


def _loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


@pytest.mark.parametrize("engine", engines.available())
def test_a_search_imports_no_window_and_no_other_engine(tmp_path: Path, engine: str) -> None:
    ix = tmp_path / "ix"
    probe = subprocess.run(
        [sys.executable, "main.py", "index", str(SAMPLE), "--index-dir", str(ix)]
        + ["--engine", engine, "--jobs", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert probe.returncode == 0, probe.stderr
    modules = _modules("search", "lễ hội", "--archive", str(SAMPLE), "--index-dir", str(ix))
    assert _loaded(modules, f"tangthu.index.{engine}_engine")  # it did search
    # Whoosh's store reads its columns with numpy; Whoosh itself imports urllib (email)
    needs = {"numpy", "email"} if engine == "whoosh" else set()
    loaded = [n for n in NEVER_FOR_A_SEARCH if n not in needs and _loaded(modules, n)]
    other = "tantivy" if engine == "whoosh" else "whoosh"
    loaded += [n for n in (other, f"tangthu.index.{other}_engine") if _loaded(modules, n)]
    assert loaded == []


def test_the_parser_of_one_command_is_that_command(capsys: pytest.CaptureFixture[str]) -> None:
    full = commands.build_parser()
    subparsers = next(a for a in full._actions if a.dest == "command")
    assert set(subparsers.choices) == commands._NAMES  # type: ignore[arg-type]
    for name in commands._NAMES:
        one = commands.build_parser(name)
        only = next(a for a in one._actions if a.dest == "command")
        assert set(only.choices) == {name}  # type: ignore[arg-type]
        # the same options as in the parser of every command
        mine = subparsers.choices[name]  # type: ignore[index]
        assert [a.option_strings for a in only.choices[name]._actions] == [  # type: ignore[index]
            a.option_strings for a in mine._actions
        ]
    # help of no command, or of an unknown one, still lists them all
    assert commands.run(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in commands._NAMES)
    assert commands.run(["serch", "x"]) == 2
    assert "invalid choice" in capsys.readouterr().err
