"""The export command."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from main import main
from tests.conftest import SAMPLE, write_article


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
    # one article with its three photos, and one photo chosen alone: the report alone
    assert out.startswith("Wrote") and "1 article, 4 photos" in out
    assert len(out.splitlines()) == 1
    with zipfile.ZipFile(target) as zf:
        assert "2023/12/le-hoi-hoa-da-quy/da-quy-2.jpg" in zf.namelist()
    argv = ["export", "--archive", str(SAMPLE), "--format", "zip", "--force", "--list"]
    assert main([*argv, "--to", str(target), "2024/03/hoi-nghi-doan-ket/article.txt"]) == 0
    report, *names = capsys.readouterr().out.splitlines()  # the files, after the report
    assert report.startswith("Wrote") and "manifest.csv" in names
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


def _storm_archive(root: Path) -> None:
    """45 articles: bão lũ spelled with and without marks, over two years, a few unrelated."""
    for i in range(45):
        year = 2019 + i % 2
        words = "bão lũ" if i % 3 else "bao lu"
        subject = words if i % 9 else "mùa lúa"
        write_article(
            root / str(year) / f"{i % 12 + 1:02d}" / f"bai-{i:02d}",
            f"Tin số {i}\n\nNgày {i % 28 + 1}/{i % 12 + 1}/{year}, tin về {subject} ở tỉnh.\n",
        )


def _exported(target: Path) -> list[str]:
    return [r["identifier"] for r in json.loads(target.read_text("utf-8"))["records"]]


def test_export_query_takes_every_hit_and_the_searchs_filters(tmp_path: Path) -> None:
    root = tmp_path / "arch"
    _storm_archive(root)
    ix = tmp_path / "ix"
    assert main(["index", str(root), "--index-dir", str(ix), "--json"]) == 0
    brute = {
        p.relative_to(root).as_posix(): p.read_text("utf-8") for p in root.rglob("article.txt")
    }

    def export(name: str, *options: str) -> list[str]:
        target = tmp_path / f"{name}.json"
        argv = ["export", "--archive", str(root), "--index-dir", str(ix), "--format", "json"]
        assert main([*argv, "--to", str(target), "--query", "bão lũ", *options]) == 0
        return _exported(target)

    every = export("all")
    assert sorted(every) == sorted(i for i, t in brute.items() if "mùa lúa" not in t)
    assert len(every) > 20  # more than a page of results
    # exact spellings first, then the unmarked ones
    marked = [i for i in every if "bão lũ" in brute[i]]
    assert every[: len(marked)] == marked
    assert sorted(export("exact", "--exact")) == sorted(marked)
    in_2020 = export("y", "--year", "2020")
    assert in_2020 and sorted(in_2020) == sorted(i for i in every if i.startswith("2020/"))
    until = export("u", "--until", "2019-06-30")
    assert until and all(i.startswith("2019/") and i[5:7] <= "06" for i in until)
    oldest = export("asc", "--sort", "date-asc", "--limit", "5")
    assert len(oldest) == 5
    assert [i[:7] for i in oldest] == sorted(i[:7] for i in every)[:5]


def test_export_help_names_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for option in ("--query", "--until", "--year", "--exact", "--sort", "--title", "--force"):
        assert option in out
    assert "default: all" in out


def test_a_bag_names_the_library_given_and_never_the_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import bagit

    argv = ["export", "2024/03/hoi-nghi-doan-ket/article.txt", "--archive", str(SAMPLE)]
    argv += ["--format", "bagit"]
    named = tmp_path / "named"
    assert main([*argv, "--to", str(named), "--organization", "Thư viện tỉnh Lâm Đồng"]) == 0
    assert bagit.Bag(str(named)).info["Source-Organization"] == "Thư viện tỉnh Lâm Đồng"
    plain = tmp_path / "plain"
    assert main([*argv, "--to", str(plain)]) == 0
    assert "Source-Organization" not in bagit.Bag(str(plain)).info
    capsys.readouterr()
