"""``index`` and ``search`` through main(argv), and through a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from main import main
from tangthu.index import engines
from tests.conftest import REPO, SAMPLE, SEED, write_article


@pytest.fixture
def ixdir(tmp_path: Path) -> Path:
    return tmp_path / "ix"


def _index(ixdir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["index", str(SAMPLE), "--index-dir", str(ixdir), "--json", "--jobs", "1"]) == 0
    return json.loads(capsys.readouterr().out)


def test_index_json_summary(ixdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _index(ixdir, capsys)
    assert set(first) == {
        "articles",
        "photos",
        "added",
        "updated",
        "deleted",
        "problems",
        "embedded",
        "reread",
        "engine",
        "chosen_for",
        "stories",
        "seconds",
    }
    assert (first["engine"], first["chosen_for"]) == ("whoosh", None)  # (7 articles)
    assert (first["articles"], first["photos"], first["added"], first["problems"]) == (7, 12, 7, 1)
    again = _index(ixdir, capsys)
    assert (again["added"], again["updated"], again["deleted"], again["reread"]) == (0, 0, 0, False)


def test_an_index_made_by_other_readers_is_said_to_be_read_again(
    ixdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tangthu.archive.formats import READER_VERSION

    _index(ixdir, capsys)
    monkeypatch.setattr("tangthu.index.indexer.READER_VERSION", READER_VERSION + 1)
    assert main(["index", str(SAMPLE), "--index-dir", str(ixdir), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "0 added, 7 updated, 0 deleted" in out
    assert "every article was read again" in out


def test_index_text_summary(ixdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(SAMPLE), "--index-dir", str(ixdir)]) == 0
    out = capsys.readouterr().out
    assert "Articles:  7" in out and "1 missing-photo" in out


def test_search_json_contract(ixdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _index(ixdir, capsys)
    assert (
        main(["search", "doan ket", "--archive", str(SAMPLE), "--index-dir", str(ixdir), "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {
        "query",
        "total",
        "exact_total",
        "more_without_accents",
        "exact_only",
        "hits",
        "suggestion",
        "emptied_by",
        "unsearched",
        "mode",
    }
    assert set(out["hits"][0]) == {
        "id", "title", "date", "date_estimated", "dated_by", "corrected", "outlet", "author",
        "score", "snippet", "photos",
        "format",
    }  # fmt: skip
    assert out["hits"][0]["id"] == "2024/03/hoi-nghi-doan-ket/article.txt"
    assert out["hits"][0]["author"] == "Minh Anh"


def test_search_photos_json(ixdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _index(ixdir, capsys)
    assert (
        main(
            [
                "search",
                "hoa dã quỳ",
                "--photos",
                "--archive",
                str(SAMPLE),
                "--index-dir",
                str(ixdir),
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert set(out["hits"][0]) == {"article_id", "file", "caption", "embedded_caption", "score"}
    assert {h["file"] for h in out["hits"]} == {"da-quy-1.jpg", "da-quy-2.jpg"}


def test_search_filters_and_sort(ixdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _index(ixdir, capsys)
    args = ["--archive", str(SAMPLE), "--index-dir", str(ixdir), "--json"]
    assert (
        main(["search", "", "--from", "2024-01-01", "--to", "2024-12-31", "--sort", "date", *args])
        == 0
    )
    dates = [h["date"] for h in json.loads(capsys.readouterr().out)["hits"]]
    assert dates == ["2024-09-18", "2024-05-15", "2024-03-21"]
    # the last day is --until, as export names it (--to is kept for search alone)
    assert main(["search", "", "--until", "2024-06-30", "--sort", "date", *args]) == 0
    dates = [h["date"] for h in json.loads(capsys.readouterr().out)["hits"]]
    assert dates[:2] == ["2024-05-15", "2024-03-21"] and "2024-09-18" not in dates
    assert main(["search", "", "--until", "30/6/2024", *args]) == 2
    assert "--until takes a date as YYYY-MM-DD" in capsys.readouterr().err
    assert main(["search", "", "--outlet", "baotinh.example", *args]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 2


def test_search_text_output(ixdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _index(ixdir, capsys)
    assert main(["search", "thư viện", "--archive", str(SAMPLE), "--index-dir", str(ixdir)]) == 0
    out = capsys.readouterr().out
    assert "Thư viện tỉnh mở cửa phòng đọc mới cho thiếu nhi" in out
    assert "[Thư] [viện]" in out


def test_search_without_index_fails_clearly(
    ixdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "x", "--archive", str(SAMPLE), "--index-dir", str(ixdir)]) == 1
    assert "run the index command" in capsys.readouterr().err


def test_search_bad_usage(ixdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _index(ixdir, capsys)
    args = ["--archive", str(SAMPLE), "--index-dir", str(ixdir)]
    assert main(["search", "x", "--from", "21/3/2024", *args]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["search", "a" * 5000, *args]) == 2
    assert "limit" in capsys.readouterr().err


def test_search_suggestion(ixdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _index(ixdir, capsys)
    assert (
        main(["search", "thư việm", "--archive", str(SAMPLE), "--index-dir", str(ixdir), "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == 0 and out["suggestion"] == "thư viện"


def test_show_links_related_when_indexed(
    ixdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TANGTHU_DATA_DIR", str(tmp_path / "data"))
    assert main(["index", str(SAMPLE), "--json"]) == 0
    capsys.readouterr()
    assert main(["show", "2024/01/truong-hoc-vung-cao", "--archive", str(SAMPLE), "--json"]) == 0
    art = json.loads(capsys.readouterr().out)
    assert art["related"][0]["id"] == "2024/03/hoi-nghi-doan-ket/article.txt"


def test_corpus_cli_finds_seed(
    corpus: Path, corpus_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "search",
                "doan ket sang tao",
                "--archive",
                str(corpus),
                "--index-dir",
                str(corpus_index),
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["hits"][0]["id"] == f"{SEED}/article.txt"


def test_subprocess_index_and_search(tmp_path: Path) -> None:
    ix = str(tmp_path / "ix")
    run = [sys.executable, "main.py"]
    p = subprocess.run(
        [*run, "index", "sample", "--index-dir", ix, "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["articles"] == 7
    p = subprocess.run(
        [*run, "search", "lễ hội", "--archive", "sample", "--index-dir", ix, "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["hits"][0]["id"] == "2023/12/le-hoi-hoa-da-quy/article.txt"


def test_tags_and_notes_from_the_command_line_and_in_searches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TANGTHU_DATA_DIR", str(tmp_path / "data"))
    ixdir = tmp_path / "ix"
    assert main(["index", str(SAMPLE), "--index-dir", str(ixdir), "--jobs", "1"]) == 0
    a, b = "2024/03/hoi-nghi-doan-ket", "2024/09/cuu-tro-sau-bao/article.txt"
    assert main(["tag", a, b, "--archive", str(SAMPLE), "--add", "Lũ  lụt"]) == 0
    assert main(["tag", b + "#cuu-tro-1.jpg", "--archive", str(SAMPLE), "--add", "ảnh đẹp"]) == 0
    assert main(["note", b, "--archive", str(SAMPLE), "--set", "Đối chiếu bản in"]) == 0
    capsys.readouterr()
    assert main(["tags", "--archive", str(SAMPLE), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"Lũ lụt": 2, "ảnh đẹp": 1}
    args = ["--archive", str(SAMPLE), "--index-dir", str(ixdir), "--json"]

    def ids(query: str) -> set[str]:
        assert main(["search", query, *args]) == 0
        return {h["id"] for h in json.loads(capsys.readouterr().out)["hits"]}

    both = {f"{a}/article.txt", b}
    assert ids('tag:"lu lut"') == both  # without diacritics too
    assert ids('tag:"Lũ lụt" note:"ban in"') == {b}
    assert ids('tag:"lũ lụt" sáng tạo') == {f"{a}/article.txt"}  # with the words
    assert ids("tag:nosuch") == set()  # an empty set is an answer
    assert main(["tag", a, "--archive", str(SAMPLE), "--remove", "lu lut"]) == 0
    capsys.readouterr()
    assert ids('tag:"lũ lụt"') == {b}
    assert main(["tag", "no/such", "--archive", str(SAMPLE), "--add", "x"]) == 1
    assert main(["tag", a, "--archive", str(SAMPLE)]) == 2  # neither --add nor --remove


@pytest.mark.slow
def test_index_watch_follows_the_archive(tmp_path: Path) -> None:
    import shutil
    import signal
    import threading

    from tests.conftest import REPO

    pytest.importorskip("watchdog", reason="watchdog is not installed")
    root = tmp_path / "kho"
    shutil.copytree(SAMPLE, root)
    cmd = [sys.executable, str(REPO / "main.py"), "index", str(root), "--index-dir"]
    proc = subprocess.Popen(
        [*cmd, str(tmp_path / "ix"), "--jobs", "1", "--json", "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TANGTHU_DATA_DIR": str(tmp_path / "data")},
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)  # type: ignore[arg-type]
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not lines and time.monotonic() < deadline:
            time.sleep(0.1)
        assert json.loads(lines[0])["added"] == 7  # the first build
        time.sleep(1.0)  # the watch has begun
        write_article(root / "2024" / "11" / "bai-moi", "Bài mới\n\nVừa chép vào kho.\n")
        while len(lines) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        update = json.loads(lines[1])
        assert (update["added"], update["articles"]) == (1, 8)
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0  # Ctrl+C ends the watch quietly
        reader.join(timeout=10)
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]


def test_search_several_archives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TANGTHU_DATA_DIR", str(tmp_path / "data"))
    other = tmp_path / "bao-b"
    for n in range(3):
        write_article(other / f"2021/hoi-nghi-{n}", f"Hội nghị lần {n}\n\nHội nghị số {n}.\n")
    assert main(["index", str(other), "--jobs", "1"]) == 0  # its index in the data folder
    ixdir = tmp_path / "ix"
    assert main(["index", str(SAMPLE), "--index-dir", str(ixdir), "--jobs", "1"]) == 0
    capsys.readouterr()
    args = ["--archive", str(SAMPLE), "--index-dir", str(ixdir), "--json"]
    assert main(["search", "hội nghị", *args]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert main(["search", "hội nghị", *args, "--also", str(other), "--limit", "50"]) == 0
    both = json.loads(capsys.readouterr().out)
    assert both["total"] == alone["total"] + 3
    assert {h["archive"] for h in both["hits"]} == {str(SAMPLE.resolve()), str(other.resolve())}
    assert "archive" not in alone["hits"][0]  # one archive: the hits as before


def test_index_summary_names_the_command_that_lists_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "kho báo"  # a space: the command must be typed as printed
    write_article(root / "rong", "")
    write_article(root / "tot", "Bài\n\nMột đoạn.\n")
    assert main(["index", str(root), "--index-dir", str(tmp_path / "ix")]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Problems:"))
    from tangthu.library.program import command_name

    assert line.endswith(f"see: {command_name()} scan '{root}' --problems)")
    assert "1 empty-article" in line


@pytest.mark.skipif(
    not __import__("tangthu.index.meaning", fromlist=["installed"]).installed(),
    reason="the 'meaning' extra is not installed",
)
def test_index_meaning_then_search_by_meaning_and_both(
    ixdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = ["--archive", str(SAMPLE), "--index-dir", str(ixdir)]
    _index(ixdir, capsys)
    # no vectors yet: said, with the command that makes them
    assert main(["search", "storm donations", *archive, "--mode", "meaning"]) == 1
    err = capsys.readouterr().err
    assert "no vectors" in err and "--meaning" in err
    assert main(["index", str(SAMPLE), "--index-dir", str(ixdir), "--meaning"]) == 0
    out = capsys.readouterr().out
    assert "Meaning:   7 articles embedded" in out
    assert main(["search", "storm donations", *archive, "--mode", "meaning", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "meaning" and data["total"] == 7
    assert data["hits"][0]["id"] == "2024/09/cuu-tro-sau-bao/article.txt"
    assert set(data["hits"][0]) >= {"id", "title", "date", "score", "snippet"}
    assert main(["search", "storm donations", *archive, "--mode", "both", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 hits for 'storm donations' (by words, and the 200 nearest")
    assert "2023/" in out and "2024/" not in out
    # "more like this" by meaning
    assert main(["search", "", *archive, "--like", data["hits"][0]["id"], "--json"]) == 0
    like = json.loads(capsys.readouterr().out)
    assert like["total"] == 6 and data["hits"][0]["id"] not in {h["id"] for h in like["hits"]}
    folder = data["hits"][0]["id"].rsplit("/", 1)[0]  # the article's folder names it too
    assert main(["search", "", *archive, "--like", folder, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"] == like["hits"]
    assert main(["search", "", *archive, "--like", folder]) == 0  # a header says what it is
    assert capsys.readouterr().out.startswith(f"The 6 articles most like {folder}:\n")
    assert main(["search", "", *archive, "--like", "2024/09/khong-co"]) == 1
    assert "No article 2024/09/khong-co" in capsys.readouterr().err


@pytest.mark.skipif("tantivy" not in engines.available(), reason="no 'fast' extra")
def test_a_large_archive_gets_the_faster_engine_and_is_told_so(
    ixdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tangthu.index.engines.FAST_FROM", 5)  # (the sample's 7 are many)
    assert main(["index", str(SAMPLE), "--index-dir", str(ixdir), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "Engine:    tantivy, the faster one, chosen for 7 articles" in out
    again = _index(ixdir, capsys)  # the index keeps its engine, chosen once
    assert (again["engine"], again["chosen_for"], again["updated"]) == ("tantivy", None, 0)
