"""The edit command: a librarian's corrections, searched, shown and exported as
corrected, the archive untouched."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from main import main
from tests.conftest import SAMPLE

ID = "2024/05/mua-gat-lua-xuan/article.txt"
TITLE = "Mùa gặt được sửa tên"
#: the ways exports write the corrected day
DAY = re.compile(r"2016-12-27|2016/12/27|\[\s*2016,\s*12,\s*27\s*\]|27/12/2016")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(SAMPLE, root)
    return root


def _files(root: Path) -> list[tuple[str, int]]:
    return sorted((str(p), p.stat().st_mtime_ns) for p in root.rglob("*"))


def test_edit_corrects_searches_and_shows_and_reverts(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = ["--index-dir", str(tmp_path / "ix")]
    assert main(["index", str(archive), *index]) == 0
    before = _files(archive)
    argv = ["edit", "2024/05/mua-gat-lua-xuan", "--archive", str(archive), *index]
    assert main([*argv, "--date", "2016-12-27", "--title", TITLE, "--author", ""]) == 0
    out = capsys.readouterr().out
    assert "Changed 1 of 1 articles." in out
    assert "date: 2016-12-27  (corrected; the file says 2024-05-15)" in out
    assert "author: (none)  (corrected; the file says Thu Hà)" in out

    search = ["search", "--archive", str(archive), *index, "--json"]
    assert main([*search, "mua gat duoc sua"]) == 0
    hit = json.loads(capsys.readouterr().out)["hits"][0]
    assert (hit["id"], hit["title"], hit["date"], hit["dated_by"], hit["author"]) == (
        ID,
        TITLE,
        "2016-12-27",
        "corrected",
        None,
    )
    assert main([*search, "", "--dated-by", "corrected"]) == 0
    assert [h["id"] for h in json.loads(capsys.readouterr().out)["hits"]] == [ID]

    assert main(["show", ID, "--archive", str(archive)]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(TITLE)
    assert "Date:     2016-12-27 (corrected)" in shown
    assert "Corrected; the file says:\n  title: Nông dân vào mùa gặt" in shown

    assert main([*argv, "--date", "hôm qua"]) == 2  # not a date: nothing changed
    assert "is not a date" in capsys.readouterr().err
    assert main([*argv, "--revert", "all", "--json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["corrected"] == {} and record["date"] == "2024-05-15"
    assert main([*search, "mua gat duoc sua"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0
    assert _files(archive) == before  # the archive was only read


def _exported_text(target: Path, fmt: str) -> str:
    if fmt == "pdf":
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(target), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return unicodedata.normalize("NFC", done.stdout)
    if fmt == "zip":
        with zipfile.ZipFile(target) as zf:
            return "\n".join(
                zf.read(n).decode("utf-8", "replace")
                for n in zf.namelist()
                if not n.endswith(".jpg")
            )
    if target.is_dir():
        return "\n".join(
            p.read_text("utf-8", "replace")
            for p in target.rglob("*")
            if p.is_file() and p.suffix not in (".jpg", ".png", ".css")
        )
    return target.read_text("utf-8")


@pytest.mark.parametrize(
    "fmt", ["folder", "zip", "bagit", "pdf", "html", "csv", "json", "ris", "csljson"]
)
def test_a_corrected_date_and_title_are_in_every_export(
    archive: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if fmt == "pdf" and not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    argv = ["edit", ID, "--archive", str(archive), "--date", "2016-12-27", "--title", TITLE]
    assert main(argv) == 0
    target = tmp_path / (
        "out" + {"csljson": ".json", "folder": "", "bagit": "", "html": ""}.get(fmt, f".{fmt}")
    )
    export = ["export", "--archive", str(archive), "--format", fmt, "--to", str(target), ID]
    assert main(export) == 0, capsys.readouterr().err
    text = _exported_text(target, fmt)
    assert TITLE in text
    assert DAY.search(text), f"no corrected day in the {fmt} export"
    if fmt == "bagit":  # the bag says it holds records other than their files
        info = (target / "bag-info.txt").read_text("utf-8")
        assert "Corrected-Records: 1 of 1 articles: date, title corrected" in info


def test_trust_follows_a_link_out_of_the_archive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, other = tmp_path / "archive", tmp_path / "other"
    shutil.copytree(SAMPLE / "2024/03", root / "2024/03")
    shutil.copytree(SAMPLE / "2024/05/mua-gat-lua-xuan", other / "gat")
    (root / "linked").symlink_to(other, target_is_directory=True)
    index = ["--index-dir", str(tmp_path / "ix")]
    assert main(["index", str(root), *index]) == 0
    assert "1 outside-link" in capsys.readouterr().out
    assert main(["trust", str(root / "linked"), "--archive", str(root)]) == 0
    assert str(other.resolve()) in capsys.readouterr().out
    assert main(["trust", "--archive", str(root)]) == 0
    assert capsys.readouterr().out.strip() == str(other.resolve())
    assert main(["index", str(root), *index]) == 0
    assert "Problems:  0" in capsys.readouterr().out
    assert main(["search", "gặt", "--archive", str(root), *index, "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [h["id"] for h in hits] == ["linked/gat/article.txt"]
    assert main(["trust", str(tmp_path), "--archive", str(root)]) == 2  # not in the archive


def test_edit_says_when_the_corrections_file_could_not_be_read(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tangthu.archive.paths import data_dir

    store = data_dir() / "corrections.json"
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_text("{not json", encoding="utf-8")
    assert main(["edit", ID, "--archive", str(archive), "--date", "2016"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The corrections file could not be read; it was kept as ")
    assert "date: 2016  (corrected; the file says 2024-05-15)" in out
