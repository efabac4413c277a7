"""One file cannot fill the memory: photos per article, sidecars, the reader's HTML, and a
gallery of any size in a PDF."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tangthu.archive.article import MAX_MISSING_REPORTED, load_article
from tangthu.archive.formats.parsed import MAX_PHOTOS
from tests.conftest import REPO, make_jpeg, measured, write_article


def test_an_article_naming_a_million_photos_keeps_the_first_and_says_so(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    write_article(root / "a", "Nhiều ảnh\n\nMở đầu.\n" + "a.jpg\n" * 1_200_000)
    art = load_article(root, root / "a" / "article.txt")
    assert len(art.photos) == MAX_PHOTOS
    kinds = [p.kind for p in art.problems]
    assert kinds.count("too-many-photos") == 1
    assert "1,200,000" in next(p.detail for p in art.problems if p.kind == "too-many-photos")
    # every missing photo counted, not each reported: a short list and one line for the rest
    assert kinds.count("missing-photo") == MAX_MISSING_REPORTED + 1
    assert len(json.dumps(art.to_dict())) < 1_000_000


def test_searching_an_archive_with_a_huge_article_stays_small(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    write_article(root / "a", "Nhiều ảnh\n\nMở đầu đoàn kết.\n" + "a.jpg\n" * 1_200_000)
    write_article(root / "b", "Bài thường\n\nĐoàn kết là sức mạnh.\n")
    ix = tmp_path / "ix"
    main = str(REPO / "main.py")
    subprocess.run([sys.executable, main, "index", str(root), "--index-dir", str(ix)], check=True)
    run = measured(
        [sys.executable, main, "search", "đoàn kết", "--archive", str(root), "--index-dir"]
        + [str(ix), "--json"],
        timeout=120,
    )
    assert json.loads(run["out"])["total"] == 2
    assert run["kb"] < 400_000


def test_a_huge_sidecar_is_not_read(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    write_article(root / "a", "Tiêu đề\n\nMở đầu.\n")
    with open(root / "a" / "metadata.json", "wb") as f:
        f.truncate(300 * 1024 * 1024)
    art = load_article(root, root / "a" / "article.txt")
    assert art.title == "Tiêu đề"
    assert [p.kind for p in art.problems] == ["bad-sidecar"]
    assert "larger than" in art.problems[0].detail


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000]
)
def test_a_sidecar_nested_too_deeply_is_a_problem(tmp_path: Path, text: str) -> None:
    root = tmp_path / "kho"
    write_article(root / "a", "Tiêu đề\n\nMở đầu.\n")
    (root / "a" / "article.json").write_text(text)
    art = load_article(root, root / "a" / "article.txt")
    assert [p.kind for p in art.problems] == ["bad-sidecar"]


def test_sidecar_values_of_other_types_are_left_out(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    write_article(root / "a", "Tiêu đề\n\nMở đầu.\n")
    meta = {"title": {"nested": "x"}, "creator": True, "subject": ["a", {"b": 1}, 2], "date": None}
    (root / "a" / "metadata.json").write_text(json.dumps(meta))
    art = load_article(root, root / "a" / "article.txt")
    assert art.title == "Tiêu đề" and art.author is None
    assert art.subject == "a; 2"


def test_a_gallery_of_sixty_photos_with_one_caption_makes_a_pdf(tmp_path: Path) -> None:
    from tangthu.archive.export import export
    from tangthu.archive.selection import Item

    root = tmp_path / "kho"
    names = [f"{k}.jpg" for k in range(60)]
    write_article(root / "a", "Thư viện ảnh\n\nMở đầu.\n" + "\n".join(names) + "\nMột chú thích.\n")
    for k, name in enumerate(names):
        make_jpeg(root / "a" / name, (400, 300), color=f"#{4 * k:02x}64{200 - 3 * k:02x}")
    report = export([Item(str(root), "a/article.txt")], "pdf", tmp_path / "x.pdf")
    assert report.photos == 60 and report.problems == []
    from pypdf import PdfReader

    pdf = PdfReader(tmp_path / "x.pdf")
    images = sum(len(page.images) for page in pdf.pages)
    assert images == 60
    assert len(pdf.pages) >= 3
    assert "Một chú thích." in "".join(page.extract_text() for page in pdf.pages)


def test_a_small_photo_is_not_blown_up_in_a_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from tangthu.archive.export import export
    from tangthu.archive.export.pdf import PHOTO_DPI
    from tangthu.archive.selection import Item

    root = tmp_path / "kho"
    write_article(root / "a", "Ảnh nhỏ\n\nMở đầu.\nnho.jpg\nChú thích.\n")
    make_jpeg(root / "a" / "nho.jpg", (100, 75))
    export([Item(str(root), "a/article.txt")], "pdf", tmp_path / "x.pdf")
    page = PdfReader(tmp_path / "x.pdf").pages[0]
    sizes = []

    def visit(op, args, cm, tm):  # type: ignore[no-untyped-def]
        if op == b"Do":
            sizes.append((cm[0], cm[3]))

    page.extract_text(visitor_operand_before=visit)
    assert sizes, "the photo is on the page"
    width, height = sizes[0]
    assert width <= 100 * 72 / PHOTO_DPI + 0.5 and height <= 75 * 72 / PHOTO_DPI + 0.5
