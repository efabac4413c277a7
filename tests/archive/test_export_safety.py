"""An export never deletes what it did not write, and reads only regular files of the archive."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest

from tangthu.archive.export import ExportError, TargetExists, export
from tangthu.archive.export.common import MARKER
from tangthu.archive.selection import Item
from tests.conftest import SAMPLE

HNDK = "2024/03/hoi-nghi-doan-ket"


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """P/arch holds an article folder; P/important.txt is the user's own file."""
    p = tmp_path / "P"
    (p / "arch").mkdir(parents=True)
    shutil.copytree(SAMPLE / HNDK, p / "arch" / "bai")
    (p / "important.txt").write_text("notes")
    return p


def _item(p: Path) -> list[Item]:
    return [Item(str(p / "arch"), "bai/article.txt")]


def _tree(root: Path) -> dict[str, bytes]:
    return {
        q.relative_to(root).as_posix(): q.read_bytes()
        for q in sorted(root.rglob("*"))
        if q.is_file()
    }


@pytest.mark.parametrize("fmt", ["zip", "folder", "pdf", "html", "bagit", "csv"])
def test_a_target_holding_the_archive_is_refused_even_with_force(place: Path, fmt: str) -> None:
    before = _tree(place)
    with pytest.raises(ExportError) as caught:
        export(_item(place), fmt, place, force=True)
    assert caught.value.code == "target-holds-archive"
    assert _tree(place) == before
    assert sorted(os.listdir(place)) == ["arch", "important.txt"]  # no temporary left


def test_a_target_holding_another_known_archive_is_refused(place: Path, tmp_path: Path) -> None:
    other = tmp_path / "Q"
    (other / "kho").mkdir(parents=True)
    (other / "kho" / "x.txt").write_text("x")
    with pytest.raises(ExportError) as caught:
        export(_item(place), "zip", other, force=True, protected=[str(other / "kho")])
    assert caught.value.code == "target-holds-archive"
    assert (other / "kho" / "x.txt").read_text() == "x"


def test_a_target_inside_or_equal_to_an_archive_is_refused(place: Path) -> None:
    for target in (place / "arch", place / "arch" / "bai" / "out.zip"):
        with pytest.raises(ExportError) as caught:
            export(_item(place), "zip", target, force=True)
        assert caught.value.code == "target-in-archive"


def test_a_folder_the_user_made_is_never_replaced(place: Path, tmp_path: Path) -> None:
    docs = tmp_path / "Documents"
    docs.mkdir()
    (docs / "thesis.odt").write_text("years of work")
    for fmt in ("zip", "folder", "html", "bagit", "pdf"):
        with pytest.raises(ExportError) as caught:
            export(_item(place), fmt, docs, force=True)
        assert caught.value.code == "target-not-export"
        assert (docs / "thesis.odt").read_text() == "years of work"
        assert os.listdir(docs) == ["thesis.odt"]


def test_a_previous_export_is_replaced_and_a_changed_one_is_not(
    place: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    export(_item(place), "folder", out)
    marker = json.loads((out / MARKER).read_text("utf-8"))
    assert marker["program"] == "Tàng Thư" and "manifest.csv" in marker["files"]
    with pytest.raises(TargetExists):
        export(_item(place), "folder", out)
    report = export(_item(place), "html", out, force=True)  # a previous export: replaced
    assert (out / "index.html").is_file() and not (out / "manifest.csv").exists()
    assert report.articles == 1
    (out / "my-notes.txt").write_text("mine")  # the user added a file to it
    with pytest.raises(ExportError) as caught:
        export(_item(place), "folder", out, force=True)
    assert caught.value.code == "target-not-export"
    assert (out / "my-notes.txt").read_text() == "mine"


def test_a_single_file_and_an_empty_folder_may_be_replaced(place: Path, tmp_path: Path) -> None:
    f = tmp_path / "x.zip"
    f.write_text("old")
    export(_item(place), "zip", f, force=True)
    assert zipfile.is_zipfile(f)
    empty = tmp_path / "empty"
    empty.mkdir()
    export(_item(place), "folder", empty, force=True)
    assert (empty / "manifest.csv").is_file()


def test_the_cli_refuses_a_target_that_holds_the_archive(
    place: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from main import main

    before = _tree(place)
    rc = main(
        [
            "export",
            "--archive",
            str(place / "arch"),
            "--format",
            "zip",
            "--to",
            str(place),
            "--force",
            "bai/article.txt",
        ]
    )
    err = capsys.readouterr().err
    assert rc == 1 and "holds the archive" in err
    assert _tree(place) == before


def test_the_cli_refuses_a_folder_of_the_user(
    place: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from main import main

    docs = tmp_path / "Documents"
    docs.mkdir()
    (docs / "a.txt").write_text("a")
    argv = ["export", "--archive", str(place / "arch"), "--format", "zip", "--to", str(docs)]
    assert main([*argv, "--force", "bai/article.txt"]) == 1
    assert "may not replace" in capsys.readouterr().err
    assert sorted(os.listdir(docs)) == ["a.txt"] and (docs / "a.txt").read_text() == "a"


def test_an_export_refuses_a_target_holding_an_archive_known_by_its_index(
    place: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive the user indexed once (its index in the data folder) is protected too."""
    from tangthu import library
    from tangthu.index.indexer import update_index

    other = tmp_path / "R" / "kho"
    shutil.copytree(SAMPLE / HNDK, other / "bai")
    update_index(other)  # the index in the (test's own) data folder
    with pytest.raises(ExportError) as caught:
        library.export(_item(place), "zip", tmp_path / "R", force=True)
    assert caught.value.code == "target-holds-archive"
    assert (other / "bai" / "article.txt").is_file()


# --- special files and links ---------------------------------------------------------


@pytest.fixture
def hostile_article(tmp_path: Path) -> Path:
    """An archive whose article names a pipe, /dev/zero, a loop, outside files and one
    good photo."""
    root = tmp_path / "kho"
    shutil.copytree(SAMPLE / HNDK, root / "bai")
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "id_rsa").write_text("secret key")
    folder = root / "bai"
    text = (folder / "article.txt").read_text("utf-8")
    odd = "ong.jpg\nzero.jpg\nvong.jpg\nkhoa.jpg\npasswd.jpg\nCác ảnh lạ.\n\n"
    text = text.replace("\nhoi-nghi-1.jpg\n", "\n" + odd + "hoi-nghi-1.jpg\n", 1)
    (folder / "article.txt").write_text(text, "utf-8")
    os.mkfifo(folder / "ong.jpg")
    os.symlink("/dev/zero", folder / "zero.jpg")
    os.symlink("vong2.jpg", folder / "vong.jpg")
    os.symlink("vong.jpg", folder / "vong2.jpg")
    os.symlink(outside / "id_rsa", folder / "khoa.jpg")
    os.symlink("/etc/passwd", folder / "passwd.jpg")
    return root


def _run_with_deadline(call, seconds: float = 60.0):  # type: ignore[no-untyped-def]
    """Run *call* in a thread; fail (not hang) when it has not ended by the deadline."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # the test looks at it
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    started = time.monotonic()
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still running after {seconds} s"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"], time.monotonic() - started


@pytest.mark.parametrize("fmt", ["folder", "zip", "bagit", "pdf", "html", "csv", "json"])
def test_pipes_devices_loops_and_outside_links_are_skipped_and_the_rest_exported(
    hostile_article: Path, tmp_path: Path, fmt: str
) -> None:
    items = [Item(str(hostile_article), "bai/article.txt")]
    for name in ("ong.jpg", "zero.jpg", "khoa.jpg", "passwd.jpg"):
        items.append(Item(str(hostile_article), "bai/article.txt", name))
    target = tmp_path / f"out-{fmt}"
    report, _seconds = _run_with_deadline(lambda: export(items, fmt, target))
    assert report.articles == 1
    assert report.photos == 3  # the article's three real photos
    written = b""
    if target.is_dir():
        for q in target.rglob("*"):
            if q.is_file():
                assert q.stat().st_size < 5_000_000
                written += q.read_bytes()
    else:
        assert target.stat().st_size < 5_000_000
        if fmt == "zip":
            with zipfile.ZipFile(target) as zf:
                names = zf.namelist()
                written = b"".join(zf.read(n) for n in names)
            assert not any(n.endswith(("khoa.jpg", "passwd.jpg", "ong.jpg")) for n in names)
        else:
            written = target.read_bytes()
    assert b"secret key" not in written and b"root:x:0:0" not in written


def test_the_parser_marks_special_and_outside_photos_as_not_there(hostile_article: Path) -> None:
    from tangthu.archive.article import load_article

    art = load_article(hostile_article, hostile_article / "bai" / "article.txt")
    kinds = {Path(p.path).name: p.kind for p in art.problems if p.path}
    assert kinds["ong.jpg"] == "special-file"
    assert kinds["zero.jpg"] == "outside-link"
    assert kinds["khoa.jpg"] == "outside-link" and kinds["passwd.jpg"] == "outside-link"
    assert kinds["vong.jpg"] == "symlink-loop"
    odd = {"ong.jpg", "zero.jpg", "vong.jpg", "khoa.jpg", "passwd.jpg"}
    assert all(not p.exists for p in art.photos if p.file in odd)
    assert sum(p.exists for p in art.photos) == 3


def _part(folder: Path, name: str, *, ours: bool) -> Path:
    """A temporary folder of an export killed earlier (*ours*), or a user's folder of
    the same shape of name."""
    from tangthu.archive.export.common import PART_MARKER

    part = folder / name
    part.mkdir()
    (part / "bai.zip").write_bytes(b"x" * 1000)
    if ours:
        (part / PART_MARKER).write_text('{"program": "Tàng Thư", "pid": 999999}')
    return part


def test_killed_exports_leave_nothing_that_the_next_one_keeps(place: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    _part(out, ".bai.zip.999999-0123abcd.part", ours=True)  # a process number nobody has
    alive = _part(out, f".other.zip.{os.getpid()}-fedcba98.part", ours=True)  # still writing
    export(_item(place), "zip", out / "bai.zip")
    assert sorted(os.listdir(out)) == sorted(["bai.zip", alive.name])


def test_names_like_an_exports_leftovers_are_kept_unless_they_are_ours(
    place: Path, tmp_path: Path
) -> None:
    """Only a folder holding the part's marker is removed: a name proves nothing."""
    out = tmp_path / "exports"
    out.mkdir()
    mine = _part(out, ".thesis.zip.999999-0123abcd.part", ours=False)
    (out / ".notes.zip.999998-89abcdef.part").write_text("mine too")
    (out / ".old.zip.0123abcd.part").write_text("an older naming")
    os.utime(out / ".old.zip.0123abcd.part", (time.time() - 3 * 86400,) * 2)
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    export(_item(place), "zip", out / "bai.zip")
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert {k: v for k, v in after.items() if k != "bai.zip"} == before
    assert mine.is_dir()


def _users_folder(folder: Path) -> dict[str, bytes]:
    (folder / "src").mkdir(parents=True)
    (folder / "thesis.docx").write_bytes(b"years of work")
    (folder / "src" / "main.c").write_bytes(b"int main(void) { return 0; }\n")
    return {"thesis.docx": b"years of work", "src/main.c": b"int main(void) { return 0; }\n"}


def test_a_folder_swapped_in_after_the_check_is_never_removed(
    place: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check that a target is a previous export and its removal are one step: the
    folder checked is the one removed. Here the user's folder takes the export's place
    right after the export was checked."""
    from tangthu.archive.export import common

    out = tmp_path / "out"
    out.mkdir()
    target = out / "dump"
    export(_item(place), "folder", target)
    real = common.replaceable
    swapped: list[Path] = []

    calls: list[Path] = []

    def check_then_swap(path: Path) -> str:
        how = real(path)
        calls.append(path)
        # checked before writing, then once written: right then, a folder of theirs
        if calls.count(target) == 2 and not swapped:
            os.rename(target, out / "parked")
            theirs = _users_folder(target)
            swapped.append(target)
            assert theirs
        return how

    monkeypatch.setattr(common, "replaceable", check_then_swap)
    with pytest.raises(ExportError) as caught:
        export(_item(place), "folder", target, force=True)
    assert caught.value.code == "target-not-export"
    assert (target / "thesis.docx").read_bytes() == b"years of work"
    assert (target / "src" / "main.c").is_file()
    assert sorted(os.listdir(out)) == ["dump", "parked"]  # no temporary folder left


#: Another program, on the other core, swapping a user's folder in and out of the
#: target's place as fast as it can (it counts its swaps in a file when it ends).
_SWAPPER = """
import os, signal, sys
out = sys.argv[1]
target, park, user = (os.path.join(out, n) for n in ("dump", "park", "user"))
swaps = 0
def done(*_):
    open(os.path.join(out, "..", "swaps"), "w").write(str(swaps)); sys.exit(0)
signal.signal(signal.SIGTERM, done)
while True:
    for a, b, c in ((target, park, user), (target, user, park)):
        try:
            os.rename(a, b); os.rename(c, a); swaps += 1
        except OSError:
            pass
"""


@pytest.mark.slow
def test_swapping_folders_while_exports_replace_them_never_loses_a_users_file(
    place: Path, tmp_path: Path
) -> None:
    """Exports with --force run again and again while another process swaps a user's
    folder in and out of the target's place: not one of the user's files is lost."""
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    target = out / "dump"
    export(_item(place), "folder", target)
    theirs = _users_folder(out / "user")
    swapper = subprocess.Popen([sys.executable, "-c", _SWAPPER, str(out)])
    outcomes: dict[str, int] = {}
    try:
        time.sleep(0.3)  # (it has started)
        for _ in range(400):
            try:
                export(_item(place), "folder", target, force=True)
                outcomes["replaced"] = outcomes.get("replaced", 0) + 1
            except (ExportError, TargetExists, OSError) as exc:
                code = getattr(exc, "code", type(exc).__name__)
                outcomes[code] = outcomes.get(code, 0) + 1
    finally:
        swapper.terminate()
        swapper.wait(10)
    swaps = int((tmp_path / "swaps").read_text())
    assert swaps > 1000, swaps  # the folders did move while exporting
    found = [p for p in out.rglob("thesis.docx") if p.read_bytes() == theirs["thesis.docx"]]
    assert len(found) == 1, (outcomes, sorted(os.listdir(out)))
    assert (found[0].parent / "src" / "main.c").read_bytes() == theirs["src/main.c"]
