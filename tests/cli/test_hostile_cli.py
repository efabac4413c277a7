"""The command line facing odd input: bytes that are not text, an index folder in the
archive, archives without an index, names that would drive the terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from main import main
from tests.conftest import REPO, SAMPLE, write_article

MAIN = str(REPO / "main.py")


@pytest.mark.parametrize("command", ["tag", "note", "export", "show", "cite"])
def test_an_id_that_is_not_text_is_a_usage_error(tmp_path: Path, command: str) -> None:
    argv = [
        sys.executable.encode(),
        MAIN.encode(),
        command.encode(),
        b"2024/bad\xff\xfe/article.txt",
    ]
    argv += [b"--archive", str(SAMPLE).encode()]
    if command == "tag":
        argv += [b"--add", b"x"]
    if command == "export":
        argv += [b"--format", b"zip", b"--to", str(tmp_path / "x.zip").encode()]
    run = subprocess.run(argv, capture_output=True)
    assert run.returncode == 2, run.stderr
    assert b"Traceback" not in run.stderr and b"not valid text" in run.stderr


def test_an_index_folder_inside_the_archive_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    shutil.copytree(SAMPLE, root)
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    run = subprocess.run(
        [sys.executable, MAIN, "index", str(root), "--index-dir", str(root / "ix")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1 and "inside the archive" in run.stderr, run.stderr
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before


def test_an_index_folder_holding_other_files_is_never_emptied(tmp_path: Path) -> None:
    docs = tmp_path / "Documents"
    docs.mkdir()
    (docs / "thesis.odt").write_text("years of work")
    run = subprocess.run(
        [sys.executable, MAIN, "index", str(SAMPLE), "--index-dir", str(docs)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1 and "holds other files" in run.stderr, run.stderr
    assert os.listdir(docs) == ["thesis.odt"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}  # fmt: skip


@pytest.mark.parametrize("engine_file", ["meta.json", "_MAIN_1.toc", ".managed.json"])
def test_a_folder_holding_an_engines_file_name_is_not_an_index(
    tmp_path: Path, engine_file: str
) -> None:
    """Other programs write files of those names (``meta.json`` above all): only our own
    mark makes a folder an index folder."""
    docs = tmp_path / "Documents"
    (docs / "src").mkdir(parents=True)
    (docs / "thesis.docx").write_bytes(b"years of work")
    (docs / "src" / "main.c").write_text("int main(void) { return 0; }\n")
    (docs / engine_file).write_text('{"segments": [], "schema": {}}')
    before = _tree(docs)
    for argv in (["--index-dir", str(docs)], ["--index-dir", str(docs), "--rebuild"]):
        run = subprocess.run(
            [sys.executable, MAIN, "index", str(SAMPLE), *argv], capture_output=True, text=True
        )
        assert run.returncode == 1 and "holds other files" in run.stderr, run.stderr
        assert _tree(docs) == before


def test_a_folder_beside_the_index_named_as_its_old_copy_is_kept(tmp_path: Path) -> None:
    """A rebuild keeps the previous index as ``NAME.old`` while it swaps: a folder of the
    user's of that name is never removed."""
    ix = tmp_path / "ix"
    assert main(["index", str(SAMPLE), "--index-dir", str(ix)]) == 0
    old = tmp_path / "ix.old"
    old.mkdir()
    (old / "notes.txt").write_text("mine")
    run = subprocess.run(
        [sys.executable, MAIN, "index", str(SAMPLE), "--index-dir", str(ix), "--rebuild"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 1 and "ix.old" in run.stderr, run.stderr
    assert (old / "notes.txt").read_text() == "mine"


def test_an_index_folder_is_marked_before_any_engine_file(tmp_path: Path) -> None:
    from tangthu.index.store import MARK, is_index_folder

    ix = tmp_path / "ix"
    assert main(["index", str(SAMPLE), "--index-dir", str(ix)]) == 0
    assert (ix / MARK).is_file() and is_index_folder(ix)
    # an index made before the mark existed (its manifest only) is ours, and gets one
    (ix / MARK).unlink()
    assert is_index_folder(ix)
    assert main(["index", str(SAMPLE), "--index-dir", str(ix), "--rebuild"]) == 0
    assert (ix / MARK).is_file()
    assert not (tmp_path / "ix.old").exists() and not (tmp_path / "ix.new").exists()


def test_also_an_archive_without_an_index_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ix = tmp_path / "ix"
    assert main(["index", str(SAMPLE), "--index-dir", str(ix)]) == 0
    other = tmp_path / "khac"
    write_article(other / "a", "Đoàn kết\n\nĐoàn kết là sức mạnh.\n")
    capsys.readouterr()
    argv = ["search", "đoàn kết", "--archive", str(SAMPLE), "--index-dir", str(ix)]
    assert main([*argv, "--also", str(other), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unsearched"] == [str(other)]
    assert main([*argv, "--also", str(other)]) == 0
    assert f"Not searched: {other} has no index yet" in capsys.readouterr().out


def test_also_naming_the_archive_itself_counts_it_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tangthu.index.indexer import update_index

    update_index(SAMPLE)  # in the test's own data folder, where --also looks
    capsys.readouterr()
    argv = ["search", "đoàn kết", "--archive", str(SAMPLE), "--json"]
    assert main(argv) == 0
    alone = json.loads(capsys.readouterr().out)["total"]
    link = tmp_path / "link-to-sample"
    os.symlink(SAMPLE, link)
    assert main([*argv, "--also", str(SAMPLE), "--also", str(link)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert alone > 0 and data["total"] == alone


def test_names_with_control_characters_do_not_reach_the_terminal_raw(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    evil = "\x1b]0;owned\x07\x1b[31mđỏ\x1b[0m"
    write_article(root / evil, "Tiêu đề \x1b[2J\n\nĐoàn kết.\nthieu.jpg\nẢnh thiếu.\n")
    ix = tmp_path / "ix"
    runs = [
        ["scan", str(root), "--problems"],
        ["index", str(root), "--index-dir", str(ix)],
        ["search", "đoàn kết", "--archive", str(root), "--index-dir", str(ix)],
        ["show", f"{evil}/article.txt", "--archive", str(root)],
    ]
    for argv in runs:
        run = subprocess.run([sys.executable, MAIN, *argv], capture_output=True)
        assert run.returncode == 0, run.stderr
        assert b"\x1b" not in run.stdout and b"\x07" not in run.stdout, argv
        assert b"\x1b" not in run.stderr, argv
    shown = subprocess.run(
        [sys.executable, MAIN, "search", "đoàn kết", "--archive", str(root)]
        + ["--index-dir", str(ix)],
        capture_output=True,
        text=True,
    ).stdout
    assert "\\x1b[31mđỏ" in shown  # written as an escape, still readable


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_an_empty_archive_is_an_empty_index_that_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    from tangthu.index import engines

    if engine not in engines.available():
        pytest.skip("the fast extra is not installed")
    (tmp_path / "kho").mkdir()
    ix = str(tmp_path / "ix")
    assert main(["index", str(tmp_path / "kho"), "--index-dir", ix, "--engine", engine]) == 0
    out = capsys.readouterr().out
    assert "holds no article files" in out and "Articles:  0" in out
    argv = ["search", "đoàn", "--archive", str(tmp_path / "kho"), "--index-dir", ix, "--json"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0


@pytest.mark.parametrize("query", ["!!!", "?", "*", "tag:", 'note:""'])
def test_a_query_with_nothing_to_search_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    ix = str(tmp_path / "ix")
    assert main(["index", str(SAMPLE), "--index-dir", ix]) == 0
    capsys.readouterr()
    assert main(["search", query, "--archive", str(SAMPLE), "--index-dir", ix]) == 2
    err = capsys.readouterr().err
    assert "search for" in err or "needs" in err
