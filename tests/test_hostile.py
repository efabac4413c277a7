"""Hostile input: every case is skipped or reported, never a crash, and the rest goes on."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tangthu.archive.decode import DecodeError, decode
from tangthu.archive.formats.text import parse_text
from tangthu.archive.scan import scan, walk
from tangthu.index.documents import MAX_INDEXED_CHARS
from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher, QueryError
from tests.conftest import make_jpeg, write_article

GOOD = "Bài tốt\n\nĐoàn kết là sức mạnh.\n"


def _with_good(root: Path) -> Path:
    write_article(root / "tot", GOOD)
    return root


def test_fifty_megabyte_text_file_is_skipped(tmp_path: Path) -> None:
    root = _with_good(tmp_path / "r")
    big = root / "lon" / "article.txt"
    big.parent.mkdir()
    with big.open("wb") as f:
        line = ("chữ " * 2500 + "\n").encode()
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    report = scan(root)
    assert report.problem_counts() == {"too-large": 1}
    assert len(report.articles) == 2


@pytest.mark.slow
def test_ten_megabyte_line(tmp_path: Path) -> None:
    root = _with_good(tmp_path / "r")
    write_article(root / "dai", "Một dòng dài\n\n" + "đoàn kết " * (10 * 1024 * 1024 // 10) + "\n")
    summary = update_index(root, tmp_path / "ix", jobs=1)
    assert summary.articles == 2
    assert [p.kind for p in summary.problems] == ["too-large"]  # indexed up to the limit
    with ArchiveSearcher(tmp_path / "ix") as s:
        assert {h.id for h in s.search("đoàn kết").hits} == {"dai/article.txt", "tot/article.txt"}
    assert MAX_INDEXED_CHARS < 10 * 1024 * 1024


def test_deeply_nested_folders(tmp_path: Path) -> None:
    root = tmp_path / "r"
    deep = root.joinpath(*["d"] * 300)
    write_article(deep, GOOD)
    inv = walk(root)
    assert len(inv.articles) == 1 and inv.articles[0].id.count("/") == 300


def test_invalid_utf8_names_are_reported(tmp_path: Path) -> None:
    root = _with_good(tmp_path / "r")
    os.mkdir(os.fsencode(root) + b"/bad\xff\xfename")
    with open(os.fsencode(root) + b"/bad\xff\xfename/article.txt", "wb") as f:
        f.write(GOOD.encode())
    inv = walk(root)
    assert [a.id for a in inv.articles] == ["tot/article.txt"]
    assert [p.kind for p in inv.problems] == ["unreadable-file"]
    assert "rename" in inv.problems[0].detail
    inv.problems[0].path.encode("utf-8")  # printable


def test_nfd_and_very_long_names(tmp_path: Path) -> None:
    root = _with_good(tmp_path / "r")
    long_name = "Đoàn kết " * 15  # about 230 bytes in NFD on disk, near the 255-byte limit
    folder = root / unicodedata.normalize("NFD", long_name.strip())
    write_article(folder, "Tên dài\n\nMở.\nảnh.jpg\nChú thích.\n")
    make_jpeg(folder / unicodedata.normalize("NFD", "ảnh.jpg"))
    report = scan(root)
    art = next(a for a in report.articles if a.title == "Tên dài")
    assert art.id == unicodedata.normalize("NFC", long_name.strip()) + "/article.txt"
    assert art.photos[0].exists
    summary = update_index(root, tmp_path / "ix", jobs=1)
    assert summary.articles == 2


def test_hostile_photos_do_not_stop_indexing(tmp_path: Path) -> None:
    root = _with_good(tmp_path / "r")
    folder = root / "anh"
    write_article(
        folder, "Ảnh hỏng\n\nMở.\n0.jpg\nRỗng.\nt.jpg\nCụt.\nrac.jpg\nRác.\nbomb.png\nBom.\n"
    )
    (folder / "0.jpg").write_bytes(b"")
    full = make_jpeg(folder / "full.jpg", (300, 200)).read_bytes()
    (folder / "t.jpg").write_bytes(full[: len(full) // 2])
    (folder / "rac.jpg").write_bytes(os.urandom(3000))
    from tests.archive.test_photo import _png_bomb

    _png_bomb(folder / "bomb.png", 60_000)
    summary = update_index(root, tmp_path / "ix", jobs=1)
    kinds = sorted(p.kind for p in summary.problems)
    assert kinds == ["broken-photo", "broken-photo", "huge-photo", "truncated-photo"]
    assert summary.articles == 2


# --- fuzzing with a bounded budget ---------------------------------------------------------

FUZZ = settings(
    max_examples=int(os.environ.get("TANGTHU_TEST_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

line = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "1.JPG",
            "3.jpg",
            "ảnh 1.jpeg",
            "Tin Liên Quan",
            "Theo TTXVN",
            "Theo A/b.vn",
            "https://x.vn/a",
            "",
            "\u00a0",
            "Chiều 21/3",
            "x.png",
        ]
    ),
)


@FUZZ
@given(st.lists(line, max_size=40))
def test_fuzz_parser(lines: list[str]) -> None:
    text = unicodedata.normalize("NFC", "\n".join(lines))
    parsed = parse_text(text)
    assert parsed.title == "" or parsed.title in text
    for block in parsed.blocks:
        assert (block.type == "text") == (not block.files)
    assert len(parsed.photo_lines) == sum(len(b.files) for b in parsed.blocks if b.type == "photos")


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_decoder(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        assert exc.kind in ("binary-file", "undecodable")
        return
    assert unicodedata.is_normalized("NFC", text) and "\r" not in text and encoding


@pytest.fixture(scope="module")
def fuzz_searcher(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from tests.index.conftest import build_archive

    root = build_archive(tmp_path_factory.mktemp("fz") / "a")
    ix = tmp_path_factory.mktemp("fzix")
    update_index(root, ix, jobs=1)
    s = ArchiveSearcher(ix)
    yield s
    s.close()


@FUZZ
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=120)
    | st.lists(
        st.sampled_from(
            [
                '"',
                "(",
                ")",
                "OR",
                "AND",
                "NOT",
                "-",
                "*",
                "~",
                ":",
                "title:",
                "đoàn",
                "kết",
                "[",
                "]",
                "{",
                "}",
                "^",
                "\\",
                "?",
                "'",
            ]
        ),
        max_size=20,
    ).map(" ".join)
)
def test_fuzz_queries(fuzz_searcher, query: str) -> None:  # type: ignore[no-untyped-def]
    try:
        fuzz_searcher.search(query)
        fuzz_searcher.search_photos(query)
    except QueryError as exc:
        assert str(exc)
