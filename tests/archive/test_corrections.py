"""The librarian's corrections: kept apart from the archive, checked, reverted, and
following an article whose folder moved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tangthu.archive.article import load_article
from tangthu.archive.corrections import (
    BadCorrection,
    Corrections,
    apply,
    clean_value,
)
from tangthu.archive.scan import ArticleEntry
from tests.conftest import write_article


def test_a_date_keeps_the_precision_given() -> None:
    assert clean_value("date", "2016-12-27") == "2016-12-27"
    assert clean_value("date", "27/12/2016") == "2016-12-27"
    assert clean_value("date", "2016-12") == "2016-12"
    assert clean_value("date", "2016") == "2016"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", "hôm qua"),
        ("date", "2016-13-01"),
        ("date", "2016-02-30"),
        ("date", "năm 2016 và 2017 rồi 2018-01-01"),
        ("title", "   "),
        ("subject", "x"),
        ("author", "x" * 301),
    ],
)
def test_values_that_cannot_be_corrections_are_refused(field: str, value: str) -> None:
    with pytest.raises(BadCorrection):
        clean_value(field, value)


def test_values_are_kept_as_nfc_with_spaces_collapsed() -> None:
    assert clean_value("author", " Tra\u0302\u0300n   Va\u0306n ") == "Trần Văn"


def test_corrections_persist_revert_and_never_touch_the_archive(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    write_article(root / "a", "Tiêu đề\n\nNgày 2/5/2023 có tin.\n")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in root.rglob("*"))
    store = Corrections(tmp_path / "data" / "corrections.json")
    ids = ["a/article.txt"]
    assert store.set(root, ids, {"date": "2016-12-27", "author": "Thu Hà"}) == 1
    assert store.set(root, ids, {"date": "2016-12-27"}) == 0  # the same again: no change
    again = Corrections(tmp_path / "data" / "corrections.json")
    fix = again.get(root, "a/article.txt")
    assert fix is not None and fix.fields == (("date", "2016-12-27"), ("author", "Thu Hà"))
    assert again.revert(root, ids, ["author"]) == 1
    fix = Corrections(tmp_path / "data" / "corrections.json").get(root, "a/article.txt")
    assert fix is not None and fix.fields == (("date", "2016-12-27"),)
    assert again.revert(root, ids) == 1
    assert Corrections(tmp_path / "data" / "corrections.json").get(root, ids[0]) is None
    assert sorted((p.name, p.stat().st_mtime_ns) for p in root.rglob("*")) == before


def test_a_correction_applied_keeps_what_the_file_says(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    path = write_article(root / "2023/05/a", "Tiêu đề cũ\n\nNgày 2/5/2023 có tin.\n")
    article = load_article(root, path)
    assert article.date == "2023-05-02"
    fixed = apply(article, (("title", "Tiêu đề mới"), ("date", "2016"), ("author", "")))
    assert (fixed.title, fixed.date, fixed.date_source, fixed.author) == (
        "Tiêu đề mới",
        "2016",
        "corrected",
        None,
    )
    assert (article.date_precision, fixed.date_precision) == ("day", "year")
    assert dict(fixed.corrected) == {"title": "Tiêu đề cũ", "date": "2023-05-02", "author": ""}
    assert fixed.to_dict()["corrected"]["date"] == "2023-05-02"


def test_a_damaged_store_is_set_aside_not_emptied(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    path.write_text('{"items": [{"root": "/x", "id": "a", "fields": {"date": "never"}}]}')
    store = Corrections(path)
    assert store.damaged is not None and store.damaged.read_text().startswith('{"items"')
    assert store.for_root("/x") == {}


def test_another_process_s_change_is_read_before_a_change(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    one, two = Corrections(path), Corrections(path)
    one.set("/x", ["a"], {"title": "Một"})
    two.set("/x", ["b"], {"title": "Hai"})  # must not drop "a"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(e["id"] for e in data["items"]) == ["a", "b"]
    one.refresh()
    assert one.get("/x", "b") is not None


def _entries(*pairs: tuple[str, str]) -> list[ArticleEntry]:
    return [ArticleEntry(ident, ident, fingerprint) for ident, fingerprint in pairs]


def test_a_correction_follows_its_moved_article_by_fingerprint(tmp_path: Path) -> None:
    store = Corrections(tmp_path / "corrections.json")
    store.set("/x", ["old/a.txt"], {"outlet": "TTXVN"})
    store.follow("/x", _entries(("old/a.txt", "f1"), ("b.txt", "f2")))  # fingerprint kept
    found = store.follow("/x", _entries(("new/a.txt", "f1"), ("b.txt", "f2")))
    assert list(found) == ["new/a.txt"]
    assert Corrections(tmp_path / "corrections.json").get("/x", "old/a.txt") is None
    assert store.orphans("/x", ["new/a.txt", "b.txt"]) == []


def test_a_correction_does_not_guess_between_two_alike(tmp_path: Path) -> None:
    store = Corrections(tmp_path / "corrections.json")
    store.set("/x", ["old/a.txt"], {"outlet": "TTXVN"})
    store.follow("/x", _entries(("old/a.txt", "f1")))
    found = store.follow("/x", _entries(("one/a.txt", "f1"), ("two/a.txt", "f1")))
    assert found == {}
    assert store.orphans("/x", ["one/a.txt", "two/a.txt"]) == ["old/a.txt"]
