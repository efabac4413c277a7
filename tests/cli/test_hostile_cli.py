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
HNDK = "2024/03/hoi-nghi-doan-ket"


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


@pytest.mark.parametrize(
    ("command", "extra"),
    [("tag", ["--add"]), ("tag", ["--remove"]), ("note", ["--set"])],
)
def test_arguments_that_are_not_utf8_are_a_usage_error(
    tmp_path: Path, command: str, extra: list[str]
) -> None:
    """Bytes of another encoding (a terminal set to Latin-1) are said, never a traceback."""
    argv = [sys.executable.encode(), MAIN.encode(), command.encode(),
            f"{HNDK}/article.txt".encode(), b"--archive", str(SAMPLE).encode(),
            *(e.encode() for e in extra), b"l\xfb l\xe4t"]  # fmt: skip
    env = {**os.environ, "TANGTHU_DATA_DIR": str(tmp_path / "data")}
    run = subprocess.run(argv, capture_output=True, env=env)
    assert run.returncode == 2, run.stderr
    assert b"Traceback" not in run.stderr and b"is not valid text (UTF-8)" in run.stderr


def test_a_lone_surrogate_never_stops_the_stores(tmp_path: Path) -> None:
    """A tag, a note or a saved search holding half of a character pair (pasted, or
    read from a file that says \\ud800) is kept as U+FFFD, and every later save works."""
    from tangthu.archive.annotations import Annotations
    from tangthu.archive.saved_searches import SavedSearch, SavedSearches
    from tangthu.archive.selection import Item

    store = Annotations(tmp_path / "annotations.json")
    item = Item(str(SAMPLE), f"{HNDK}/article.txt")
    assert store.add_tag([item], "t\ud800") == 1
    store.set_note(item, "ghi chú \udcff")
    assert store.add_tag([item], "lũ lụt") == 1  # a later save
    again = Annotations(tmp_path / "annotations.json")
    assert again.tags(item) == ("t\ufffd", "lũ lụt") and again.note(item) == "ghi chú \ufffd"
    searches = SavedSearches(tmp_path / "saved.json")
    searches.save(SavedSearch("tìm \ud800", "đoàn kết \udc80"))
    searches.save(SavedSearch("khác", "lúa"))
    assert [s.name for s in SavedSearches(tmp_path / "saved.json").items()] == [
        "tìm \ufffd",
        "khác",
    ]
    # a file written by hand with an escaped half pair reads, and saves again
    (tmp_path / "hand.json").write_text(
        '{"version": 1, "items": [{"root": "/kho", "id": "a\\\\ud800", "tags": ["x\\\\udfff"]}]}'
    )
    hand = Annotations(tmp_path / "hand.json")
    assert hand.damaged is None
    hand.set_note(Item("/kho", "b"), "ok")


@pytest.mark.parametrize("odd", ["hai\ndòng", "\u202egpj.exe", "tách\u2028dòng"])
def test_names_that_would_fake_a_line_or_turn_text_around_are_escaped(
    tmp_path: Path, odd: str
) -> None:
    root = tmp_path / "kho"
    write_article(root / odd, "Tiêu đề\n\nĐoàn kết.\nthieu.jpg\nẢnh thiếu.\n")
    ix = tmp_path / "ix"
    for argv in (
        ["scan", str(root), "--problems"],
        ["index", str(root), "--index-dir", str(ix)],
        ["search", "đoàn kết", "--archive", str(root), "--index-dir", str(ix)],
    ):
        run = subprocess.run([sys.executable, MAIN, *argv], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        for bad in ("\u202e", "\u2028"):
            assert bad not in run.stdout and bad not in run.stderr, argv
        lines = [line for line in run.stdout.splitlines() if "dòng" in line]
        assert all("hai" in line for line in lines if odd.startswith("hai")), lines
    found = subprocess.run(
        [sys.executable, MAIN, "search", "đoàn kết", "--archive", str(root), "--index-dir",
         str(ix), "--json"], capture_output=True, text=True,
    )  # fmt: skip
    assert json.loads(found.stdout)["hits"][0]["id"] == f"{odd}/article.txt"  # as it is


def test_what_a_killed_removal_of_an_old_index_left_goes_at_the_next_run(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    assert main(["index", str(SAMPLE), "--index-dir", str(ix)]) == 0
    left = tmp_path / ".ix.old.999999-0123abcd.gone"  # a process number nobody has
    shutil.copytree(ix, left)
    theirs = tmp_path / ".ix.old.999998-89abcdef.gone"  # the same shape, not an index
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine")
    assert main(["index", str(SAMPLE), "--index-dir", str(ix)]) == 0
    assert not left.exists()
    assert (theirs / "notes.txt").read_text() == "mine"
