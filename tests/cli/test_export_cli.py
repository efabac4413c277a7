"""The export command."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from main import main
from tests.conftest import SAMPLE


def test_export_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "x.zip"
    assert (
        main(
            [
                "export",
                "--archive",
                str(SAMPLE),
                "--format",
                "zip",
                "--to",
                str(target),
                "2024/03/hoi-nghi-doan-ket/article.txt",
                "2023/12/le-hoi-hoa-da-quy/article.txt#da-quy-2.jpg",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    # one article with its three photos, and one photo chosen alone
    assert "Wrote" in out and "1 article, 4 photos" in out
    with zipfile.ZipFile(target) as zf:
        assert "2023/12/le-hoi-hoa-da-quy/da-quy-2.jpg" in zf.namelist()
    assert (
        main(
            [
                "export",
                "--archive",
                str(SAMPLE),
                "--format",
                "zip",
                "--to",
                str(target),
                "2024/03/hoi-nghi-doan-ket/article.txt",
            ]
        )
        == 1
    )
    assert "--force" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                "--archive",
                str(SAMPLE),
                "--format",
                "zip",
                "--to",
                str(target),
                "--force",
                "2024/03/hoi-nghi-doan-ket/article.txt",
            ]
        )
        == 0
    )


def test_export_query(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ix = tmp_path / "ix"
    assert main(["index", str(SAMPLE), "--index-dir", str(ix), "--json"]) == 0
    target = tmp_path / "q.json"
    assert (
        main(
            [
                "export",
                "--archive",
                str(SAMPLE),
                "--index-dir",
                str(ix),
                "--format",
                "json",
                "--to",
                str(target),
                "--query",
                "thư viện",
            ]
        )
        == 0
    )
    data = json.loads(target.read_text("utf-8"))
    assert data["records"][0]["identifier"] == "2023/11/thu-vien-tinh-mo-cua/article.txt"


def test_export_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["export", "--archive", str(SAMPLE), "--format", "zip", "--to", str(tmp_path / "x.zip")]
        )
        == 2
    )
    assert (
        main(
            [
                "export",
                "--archive",
                str(SAMPLE),
                "--format",
                "tar",
                "--to",
                str(tmp_path / "x.tar"),
                "a",
            ]
        )
        == 2
    )
    assert (
        main(
            [
                "export",
                "--archive",
                str(SAMPLE),
                "--format",
                "pdf",
                "--to",
                str(SAMPLE / "x.pdf"),
                "2024/03/hoi-nghi-doan-ket/article.txt",
            ]
        )
        == 1
    )
    assert "never writes" in capsys.readouterr().err
    assert not (SAMPLE / "x.pdf").exists()


def test_export_formats_come_from_the_writers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tangthu.library import export_formats

    names = list(export_formats())
    assert names == ["folder", "zip", "bagit", "pdf", "html", "csv", "json", "ris", "csljson"]
    argv = ["export", "a.txt", "--archive", str(SAMPLE), "--to", str(tmp_path / "x")]
    assert main([*argv, "--format", "docx"]) == 2
    assert ", ".join(names) in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    assert main(["export", "--help"]) == 0
    assert ", ".join(names) in " ".join(capsys.readouterr().out.split())  # help wraps lines


def test_export_takes_article_folders_as_show_and_cite_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out"
    args = ["export", "--archive", str(SAMPLE), "--format", "folder", "--to", str(target)]
    ids = ["2024/03/hoi-nghi-doan-ket", "2023/12/le-hoi-hoa-da-quy#da-quy-2.jpg", "nosuch/x"]
    assert main([*args, *ids]) == 0
    out = capsys.readouterr().out
    assert "1 article, 4 photos" in out and "Problem: nosuch/x" in out
    assert (target / "2024/03/hoi-nghi-doan-ket/article.txt").is_file()
    assert (target / "2023/12/le-hoi-hoa-da-quy/da-quy-2.jpg").is_file()
