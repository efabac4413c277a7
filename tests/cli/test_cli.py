"""The command line through main(argv), and one real subprocess run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from main import main
from tests.conftest import REPO, SAMPLE, SEED


def test_scan_sample_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(SAMPLE), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["articles"] == 7
    assert out["photos"] == 12
    assert out["missing_photos"] == 1
    assert out["unreferenced_photos"] == 1
    assert out["problems"] == {"missing-photo": 1}
    assert out["problem_list"][0]["path"].endswith("anh-thieu.jpg")
    [unreferenced] = out["unreferenced_photo_list"]
    assert Path(unreferenced).is_file() and Path(unreferenced).is_relative_to(SAMPLE)


def test_scan_problems_lists_the_unreferenced_photos_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["scan", str(SAMPLE)]) == 0
    assert "add --problems" in capsys.readouterr().out
    assert main(["scan", str(SAMPLE), "--problems"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = [line for line in lines if line.startswith("unreferenced-photo: ")]
    assert len(listed) == 1 and Path(listed[0].split(": ")[1]).is_file()


def test_scan_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Articles:            7" in out
    assert "missing-photo" in out


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["show", "2024/03/hoi-nghi-doan-ket/article.txt", "--archive", str(SAMPLE), "--json"])
        == 0
    )
    art = json.loads(capsys.readouterr().out)
    assert art["title"] == "Hội nghị tổng kết phong trào đoàn kết sáng tạo năm 2023"
    assert art["date"] == "2024-03-21"
    assert [p["file"] for p in art["photos"]] == [
        "hoi-nghi-1.jpg",
        "hoi-nghi-2.jpg",
        "hoi-nghi-3.jpg",
    ]
    assert art["photos"][1]["caption"] == art["photos"][2]["caption"]
    assert (art["author"], art["outlet"]) == ("Minh Anh", "baotinh.example")


def test_show_text_by_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "2024/09/cuu-tro-sau-bao", "--archive", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Hơn 200 tỷ đồng ủng hộ" in out
    assert "anh-thieu.jpg  [missing]" in out
    assert "Author:   TTXVN" in out


def test_show_sidecar(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "2022/06/bao-tang-tinh", "--archive", str(SAMPLE), "--json"]) == 0
    art = json.loads(capsys.readouterr().out)
    assert (art["author"], art["outlet"], art["date_source"]) == (
        "Hoàng Nam",
        "Tạp chí Văn hóa tỉnh",
        "sidecar",
    )


def test_show_unknown_id_is_a_failure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "nope/article.txt", "--archive", str(SAMPLE)]) == 1
    err = capsys.readouterr().err
    assert "No article nope/article.txt" in err


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["scan"]) == 2
    assert main(["scan", str(tmp_path / "missing")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2


def test_show_seed(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    assert main(["show", SEED, "--archive", str(corpus), "--json"]) == 0
    art = json.loads(capsys.readouterr().out)
    assert art["author"] == "Trần Tuấn Ngọc" and len(art["related"]) == 6


def test_subprocess_scan_imports_no_qt() -> None:
    code = (
        "import sys, runpy; sys.argv=['main.py','scan','sample','--json'];"
        "from main import main; rc = main(sys.argv[1:]);"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported';"
        "sys.exit(rc)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["articles"] == 7


def test_subprocess_main_py() -> None:
    proc = subprocess.run(
        [sys.executable, "main.py", "show", "2024/05/mua-gat-lua-xuan", "--archive", "sample"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Nông dân vào mùa gặt lúa xuân" in proc.stdout
    assert "Author:   Thu Hà" in proc.stdout


def test_cite_in_two_styles(capsys: pytest.CaptureFixture[str]) -> None:
    folder = "2024/03/hoi-nghi-doan-ket"
    assert main(["cite", folder, "--archive", str(SAMPLE)]) == 0
    apa = capsys.readouterr().out.strip()
    assert apa.startswith("Minh Anh. (2024, March 21). Hội nghị tổng kết")
    assert main(["cite", folder, "--archive", str(SAMPLE), "--style", "chicago"]) == 0
    chicago = capsys.readouterr().out.strip()
    assert chicago.startswith("Minh Anh. 2024. “Hội nghị tổng kết") and chicago != apa
    assert main(["cite", "no/such/article.txt", "--archive", str(SAMPLE)]) != 0


def test_cite_sorts_the_reference_list_as_the_style_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = sorted(p.parent.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("article.txt"))
    lists = {}
    for order in (ids, ids[::-1]):
        assert main(["cite", *order, "--archive", str(SAMPLE)]) == 0
        lists[tuple(order)] = capsys.readouterr().out.splitlines()
    first, second = lists.values()
    assert first == second and len(first) == len(ids)  # the order given does not matter
    assert first == sorted(first, key=str.casefold)  # APA: by author, else by title
    assert first[0].startswith("Hoàng Nam.") and first[-1].startswith("TTXVN.")
    assert main(["cite", *ids[::-1], "--archive", str(SAMPLE), "--style", "chicago"]) == 0
    chicago = capsys.readouterr().out.splitlines()
    authors = [line.split(".")[0] for line in chicago[:5]]
    assert authors == ["Hoàng Nam", "Lan Phương", "Minh Anh", "Thu Hà", "TTXVN"]
