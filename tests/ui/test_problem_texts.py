"""The Problems panel speaks the interface language: kinds and details translated, a long
path cut in its middle so both its archive and its file stay readable."""

from __future__ import annotations

import os
from pathlib import Path

from tangthu.index.indexer import update_index
from tangthu.library.records import PROBLEM_KINDS
from tangthu.ui.i18n import VIETNAMESE, translator
from tangthu.ui.problem_texts import KIND_NAMES, detail_text, kind_text
from tests.archive.test_photo import _png_bomb
from tests.conftest import make_jpeg, write_article


def _troubled(root: Path, outside: Path) -> None:
    """An archive whose indexing reports many kinds of problem."""
    write_article(root / "tot", "Bài tốt\n\nMột đoạn.\n")
    write_article(root / "rong", "")
    write_article(root / "nhi-phan", b"\x00\x01\x02\x03" * 500)
    write_article(root / "utf16", b"\xff\xfe" + "Tiêu đề".encode("utf-16-le") + b"\x00\xd8")
    folder = root / "anh"
    write_article(
        folder,
        "Ảnh hỏng\n\nMở.\n0.jpg\nRỗng.\nt.jpg\nCụt.\nrac.jpg\nRác.\nbomb.png\nBom.\n"
        "mat.jpg\nMất.\nngoai.jpg\nNgoài.\n",
    )
    (folder / "article.json").write_text("{not json", "utf-8")
    (folder / "0.jpg").write_bytes(b"")
    full = make_jpeg(folder / "full.jpg", (300, 200)).read_bytes()
    (folder / "t.jpg").write_bytes(full[: len(full) // 2])
    (folder / "rac.jpg").write_bytes(os.urandom(3000))
    _png_bomb(folder / "bomb.png", 60_000)
    outside.mkdir()
    make_jpeg(outside / "x.jpg")
    (folder / "ngoai.jpg").symlink_to(outside / "x.jpg")
    os.mkfifo(root / "tot" / "ong.txt")
    (root / "vong").mkdir()
    (root / "vong" / "lai").symlink_to(root)
    (root / os.fsdecode(b"ten-\xff")).mkdir()


def test_every_problem_the_archive_reports_reads_in_vietnamese(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    _troubled(root, tmp_path / "ngoai")
    problems = update_index(root, tmp_path / "ix", jobs=1).problems
    kinds = {p.kind for p in problems}
    assert len(kinds) >= 8, kinds

    def vi(text: str) -> str:
        return VIETNAMESE[text]  # a text without its translation fails here

    def marked(text: str) -> str:
        return f"«{text}»"

    for p in problems:
        assert kind_text(p.kind, vi) != p.kind
        assert detail_text(p.detail, marked).startswith("«"), p.detail  # a template fits
        assert detail_text(p.detail, vi) != p.detail, p.detail


def test_numbers_in_details_are_grouped_as_the_language_does() -> None:
    def vi(text: str) -> str:
        return VIETNAMESE[text]

    detail = "only the first 1,000,000 of 2,500,000 characters are searchable; split the file "
    detail += "to search the rest"
    translator("vi")  # the language in use groups numbers
    try:
        assert detail_text(detail, vi).startswith("chỉ tìm được trong 1.000.000 ký tự đầu trên")
    finally:
        translator("en")
    assert detail_text("something new", vi) == "something new"  # untranslated, not lost


def test_every_kind_has_a_name() -> None:
    assert sorted(KIND_NAMES) == sorted(PROBLEM_KINDS)


def test_the_panel_shows_names_and_cuts_paths_in_the_middle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from tangthu.library.records import Problem

    dock = window.problems_dock
    path = "/srv/kho/" + "thu-muc-rat-dai/" * 12 + "bai-viet/article.txt"
    dock.show_problems([Problem("empty-article", path, "the article file is empty")])
    model = dock.model
    assert model.data(model.index(0, 0)) == "Empty article"
    assert model.data(model.index(0, 1)) == path
    assert dock.view.textElideMode() == Qt.TextElideMode.ElideMiddle
    tip = model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    assert "Fill in the article file" in tip


def test_every_date_source_is_said_in_words_in_both_languages() -> None:
    """The reader says where a date comes from for each source the core knows."""
    from tangthu.archive.dates import DATE_SOURCES
    from tangthu.archive.model import Article
    from tangthu.library.records import Highlight
    from tangthu.ui.article_page import article_html
    from tangthu.ui.i18n import VIETNAMESE as VI

    for source in DATE_SOURCES:
        article = Article(id="a/article.txt", title="T", lead="", date="2024-03-21",
                          date_source=source)  # fmt: skip
        english, _ = article_html(article, Highlight(frozenset(), frozenset()), lambda s: s)
        label = english.split("(", 1)[1].split(")", 1)[0]
        assert label != source and label in VI, source


def _scan():  # type: ignore[no-untyped-def]
    """A clipping as the reader gets it: its picture, and two paragraphs read by OCR."""
    from tangthu.archive.model import Article, Block, PhotoRef

    scan = Article(
        id="cat-bao/trang-1.jpg", title="Tiêu đề", lead="Đoạn đầu đọc được.",
        blocks=(Block("photos", files=("trang-1.jpg",)), Block("text", text="Đoạn sau.")),
        photos=(PhotoRef("trang-1.jpg", None, False),), recognized=91.4, format="image",
    )  # fmt: skip
    return scan


def test_a_scan_shows_its_picture_then_what_was_read_and_how_sure() -> None:
    from tangthu.library.records import Highlight
    from tangthu.ui.article_page import article_html
    from tangthu.ui.i18n import VIETNAMESE as VI

    scan = _scan()
    page, _ = article_html(scan, Highlight(frozenset(), frozenset()), lambda s: s)
    said = "Text read from the picture by OCR, sure of 91% of the words"
    assert said in page and "Text read from the picture by OCR, sure of %1% of the words" in VI
    picture = page.index("trang-1.jpg")
    assert page.index(said) < picture < page.index("Đoạn đầu đọc được.") < page.index("Đoạn sau.")


def test_a_wide_reader_shows_a_scan_beside_its_text() -> None:
    from tangthu.library.records import Highlight
    from tangthu.ui.article_page import article_html

    scan = _scan()
    page, _ = article_html(scan, Highlight(frozenset(), frozenset()), lambda s: s, width=1000)
    side_by_side = page.split("<td valign='top' width='40%'>", 1)[1]
    left, right = side_by_side.split("</td><td valign='top'>", 1)
    assert "trang-1.jpg" in left and "Đoạn đầu" not in left
    assert "Đoạn đầu đọc được." in right and "Đoạn sau." in right


def test_a_small_photo_is_shown_at_its_own_size_never_blown_up() -> None:
    from tangthu.archive.model import Article, Block, PhotoInfo, PhotoRef
    from tangthu.library.records import Highlight
    from tangthu.ui.article_page import article_html

    def shown(width: int, height: int) -> str:
        photo = PhotoRef("a.jpg", "Ảnh", True, "/x/a.jpg", PhotoInfo(width=width, height=height))
        article = Article(id="a/article.txt", title="T", lead="",
                          blocks=(Block("photos", files=("a.jpg",)),), photos=(photo,))  # fmt: skip
        page, _ = article_html(
            article, Highlight(frozenset(), frozenset()), lambda s: s, width=1000
        )
        return page.split("<img src='photo:0' ", 1)[1].split(">", 1)[0]

    assert shown(65, 52) == "width='65' height='52'"  # (its size: 2x on a high-DPI screen)
    assert shown(4000, 3000) == "width='480' height='360'"
