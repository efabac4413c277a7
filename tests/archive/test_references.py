"""RIS and CSL-JSON exports, read back by independent parsers (rispy, citeproc-py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tangthu.archive.export import export
from tangthu.archive.selection import Item
from tests.conftest import SAMPLE

HNDK = "2024/03/hoi-nghi-doan-ket/article.txt"
ITEMS = [
    Item(str(SAMPLE), HNDK),
    Item(str(SAMPLE), "2024/09/cuu-tro-sau-bao/article.txt"),
    Item(str(SAMPLE), "2023/12/le-hoi-hoa-da-quy/article.txt", "da-quy-1.jpg"),
    Item(str(SAMPLE), HNDK, "hoi-nghi-1.jpg"),  # its article is in already: cited once
]


def _articles() -> list:  # type: ignore[type-arg]
    from tangthu.archive.article import load_article

    ids = [HNDK, "2024/09/cuu-tro-sau-bao/article.txt", "2023/12/le-hoi-hoa-da-quy/article.txt"]
    return [load_article(SAMPLE, SAMPLE / i) for i in ids]


def test_ris_reads_back_with_rispy(tmp_path: Path) -> None:
    rispy = pytest.importorskip("rispy", reason="rispy (a test dependency) is not installed")
    target = tmp_path / "refs.ris"
    export(ITEMS, "ris", target)
    with target.open(encoding="utf-8") as f:
        entries = rispy.load(f)
    articles = _articles()
    assert [e["type_of_reference"] for e in entries] == ["NEWS"] * 3
    assert [e["title"] for e in entries] == [a.title for a in articles]
    first, a = entries[0], articles[0]
    assert first["authors"] == [a.author]
    assert first["secondary_title"] == a.outlet
    assert first["date"] == a.date.replace("-", "/")
    assert first["year"] == a.date[:4]
    assert first["urls"] == [a.source_url]
    assert first["language"] == "vi"


def test_csljson_is_read_and_formatted_by_citeproc(tmp_path: Path) -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    target = tmp_path / "refs.json"
    export(ITEMS, "csljson", target)
    data = json.loads(target.read_text("utf-8"))
    articles = _articles()
    assert [d["type"] for d in data] == ["article-newspaper"] * 3
    assert [d["title"] for d in data] == [a.title for a in articles]
    source = CiteProcJSON(data)
    # a style that comes with citeproc-py, not one of ours
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for d in data:
        bibliography.register(Citation([CitationItem(d["id"])]))
    text = " ".join(str(entry) for entry in bibliography.bibliography())
    for a in articles:
        assert a.title in text
    assert articles[0].author in text and "2024" in text


def test_tags_and_notes_go_into_every_export_that_carries_metadata(tmp_path: Path) -> None:
    import csv

    import bagit
    import rispy

    from tangthu.archive.annotations import Annotations

    store = Annotations(tmp_path / "annotations.json")
    article = Item(str(SAMPLE), HNDK)
    photo = Item(str(SAMPLE), HNDK, "hoi-nghi-1.jpg")
    store.add_tag([article], "Lũ lụt")
    store.add_tag([article, photo], "Đoàn kết")
    store.set_note(article, "Đối chiếu với bản in")
    items = [article]

    export(items, "ris", tmp_path / "a.ris", annotations=store)
    with (tmp_path / "a.ris").open(encoding="utf-8") as f:
        (entry,) = rispy.load(f)
    assert entry["keywords"] == ["Lũ lụt", "Đoàn kết"] and entry["notes"] == [
        "Đối chiếu với bản in"
    ]
    export(items, "csljson", tmp_path / "a.json", annotations=store)
    (record,) = json.loads((tmp_path / "a.json").read_text("utf-8"))
    assert record["keyword"] == "Lũ lụt, Đoàn kết" and record["note"] == "Đối chiếu với bản in"
    export(items, "csv", tmp_path / "a.csv", annotations=store)
    with (tmp_path / "a.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["tags"] == "Lũ lụt; Đoàn kết" and rows[0]["note"] == "Đối chiếu với bản in"
    assert "Lũ lụt; Đoàn kết" in rows[0]["subject"]  # Dublin Core subject
    assert rows[0]["description"].endswith("Ghi chú: Đối chiếu với bản in")
    one = next(r for r in rows if r["file"] == "hoi-nghi-1.jpg")
    assert one["tags"] == "Đoàn kết"  # the photo's own tag
    export(items, "bagit", tmp_path / "bag", annotations=store)
    assert bagit.Bag(str(tmp_path / "bag")).info["Keywords"] == "Lũ lụt; Đoàn kết"
    dc = json.loads((tmp_path / "bag" / "metadata" / "dc.json").read_text("utf-8"))
    assert "Đoàn kết" in dc[0]["subject"]
    export(items, "html", tmp_path / "site", annotations=store)
    page = (tmp_path / "site" / "articles" / "0001.html").read_text("utf-8")
    assert "Nhãn: Lũ lụt; Đoàn kết" in page and "Ghi chú: Đối chiếu với bản in" in page
