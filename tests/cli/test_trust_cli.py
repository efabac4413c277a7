"""The command line gives answers a librarian can act on: empty filters, accents, pipes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate
from main import main
from tangthu.archive.article import load_article
from tangthu.archive.fold import fold
from tangthu.index.indexer import update_index
from tests.conftest import REPO, SAMPLE, make_jpeg, write_article


@pytest.fixture
def ix(tmp_path: Path) -> Path:
    path = tmp_path / "ix"
    update_index(SAMPLE, path, jobs=1)
    return path


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def _search(ix: Path, *args: str) -> list[str]:
    return ["search", *args, "--archive", str(SAMPLE), "--index-dir", str(ix)]


@pytest.mark.parametrize(
    ("query", "extra", "emptied"),
    [
        ("doan ket", ["--from", "2030-01-01"], ["date"]),
        ("doan ket", ["--to", "1999-12-31"], ["date"]),
        ("doan ket", ["--outlet", "nosuch"], ["outlet"]),
        ("doan ket", ["--outlet", "baotinh"], ["outlet"]),  # a part of a name is no outlet
        ("doan ket", ["--year", "1999"], ["year"]),
        ("", ["--year", "2022", "--outlet", "baotinh.example"], ["together"]),
    ],
)
def test_a_filter_that_matches_nothing_gives_nothing(
    ix: Path,
    capsys: pytest.CaptureFixture[str],
    query: str,
    extra: list[str],
    emptied: list[str],
) -> None:
    assert _json(capsys, *_search(ix, query, "--json"))["total"] > 0
    out = _json(capsys, *_search(ix, query, "--json", *extra))
    assert (out["total"], out["hits"], out["emptied_by"]) == (0, [], emptied)


def test_the_text_output_says_which_filter_emptied_it(
    ix: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_search(ix, "doan ket", "--outlet", "baotinh")) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 hits for 'doan ket'")
    assert "No articles from the outlet 'baotinh' (remove --outlet)." in out
    assert "Outlets with that name: baotinh.example" in out


def test_outlet_names_are_compared_as_one_name(
    ix: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _json(capsys, *_search(ix, "", "--json", "--outlet", "baotinh.example"))
    upper = _json(capsys, *_search(ix, "", "--json", "--outlet", "BaoTinh.Example"))
    assert plain["total"] == upper["total"] == 2
    none = _json(capsys, *_search(ix, "", "--json", "--no-outlet"))
    undated = _json(capsys, *_search(ix, "", "--json", "--undated"))
    assert none["total"] == 7 - 2 - 1  # one outlet is a sidecar's publisher
    assert all(h["outlet"] is None for h in none["hits"])
    assert undated["total"] == 0 and undated["emptied_by"] == ["year"]


ACCENTS = {
    "a": "Đoàn kết là sức mạnh\n\nĐoàn kết toàn dân.\n",
    "b": "Đoán kết quả\n\nĐoán kết quả bóng đá.\n",
    "c": "Doan ket thon ban\n\nDoan ket la suc manh.\n",
    "d": "Ảnh\n\nMột buổi chiều.\n1.jpg\nĐoàn người kết thúc chuyến đi.\n",
}


def test_accents_as_typed_are_counted_and_can_be_required(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "kho"
    for folder, text in ACCENTS.items():
        write_article(root / folder, text)
    update_index(root, tmp_path / "ix", jobs=1)
    where = ["--archive", str(root), "--index-dir", str(tmp_path / "ix"), "--json"]
    both = _json(capsys, "search", "đoàn kết", *where)
    exact = _json(capsys, "search", "đoàn kết", "--exact", *where)
    folded = _json(capsys, "search", "doan ket", *where)
    assert (both["total"], both["exact_total"], both["more_without_accents"]) == (4, 2, 2)
    assert [h["id"][0] for h in both["hits"]][:2] in (["a", "d"], ["d", "a"])  # exact first
    assert (exact["total"], exact["exact_total"], exact["exact_only"]) == (2, 2, True)
    assert (folded["total"], folded["exact_total"]) == (4, None)
    for hit in exact["hits"]:
        art = load_article(root, root / hit["id"])
        text = "\n".join([art.title, art.body_text, *art.captions]).lower()
        assert {"đoàn", "kết"} <= set(re.findall(r"\w+", text)), hit["id"]
    plain = {h["id"] for h in folded["hits"]} - {h["id"] for h in exact["hits"]}
    assert plain == {"b/article.txt", "c/article.txt"}
    for aid in plain:
        art = load_article(root, root / aid)
        words = set(re.findall(r"\w+", "\n".join([art.title, art.body_text]).lower()))
        assert not {"đoàn", "kết"} <= words
        assert {"doan", "ket"} <= {fold(w) for w in words}


def test_accent_counts_in_the_text_output(ix: Path, capsys: pytest.CaptureFixture[str]) -> None:
    both = _json(capsys, *_search(ix, "đoàn kết", "--json"))
    assert main(_search(ix, "đoàn kết")) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(
        f"{both['total']} hits for 'đoàn kết': {both['exact_total']} with these accents, "
        f"{both['more_without_accents']} more without"
    )


def test_one_photo_not_one_photos(ix: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_search(ix, "", "--limit", "20")) == 0
    out = capsys.readouterr().out
    assert "1 photos" not in out
    assert re.search(r"· 1 photo$", out, re.M)


def test_embedded_captions_are_labelled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "kho"
    write_article(root / "a", "Tiêu đề\n\nMở đầu.\n1.jpg\nChú thích của bài.\n")
    make_jpeg(root / "a" / "1.jpg", exif={0x010E: "Caption written in the file"})
    update_index(root, tmp_path / "ix", jobs=1)
    args = ["search", "chu thich", "--photos", "--archive", str(root)]
    args += ["--index-dir", str(tmp_path / "ix")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "1 photo for 'chu thich'" in out
    assert "     Chú thích của bài." in out
    assert "     Embedded caption: Caption written in the file" in out


def test_a_closed_pipe_ends_the_search_quietly(tmp_path: Path) -> None:
    root = generate(tmp_path / "kho", 400)
    update_index(root, tmp_path / "ix", jobs=1)
    args = [sys.executable, "main.py", "search", "", "--archive", str(root)]
    args += ["--index-dir", str(tmp_path / "ix"), "--limit", "400"]
    proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()  # as `| head -1` does
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert first.startswith(b"400 hits")
    assert err == b""
