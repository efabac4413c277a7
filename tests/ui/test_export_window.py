"""What the window exports is what it says: every hit of a search (not only the ones
loaded), counts that are true, a title that names the search or the collection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tangthu.index.indexer import update_index
from tangthu.library.records import Item
from tests.conftest import write_article
from tests.ui.conftest import open_window

COUNT = 130  # more than a page of the list (50)


@pytest.fixture
def storms(qtbot, tmp_path: Path, qsettings):  # type: ignore[no-untyped-def]
    """A window on an archive where "bão lũ" has more hits than the list loads at once."""
    root = tmp_path / "storms"
    for i in range(COUNT):
        subject = "mùa lúa" if i % 10 == 0 else "bão lũ"
        write_article(
            root / str(2018 + i % 3) / f"{i % 12 + 1:02d}" / f"bai-{i:03d}",
            f"Tin số {i}\n\nTin về {subject} ở tỉnh, số {i}.\n",
        )
    ix = tmp_path / "ix"
    update_index(root, ix, jobs=1)
    w = open_window(qtbot, root, ix, qsettings)
    yield w
    w.shutdown()


def _search(qtbot, w, query: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(w.search_done, timeout=20000):
        w.set_query(query)
    qtbot.waitUntil(lambda: not w.busy(), timeout=20000)


def test_export_search_results_exports_every_hit_not_only_those_loaded(  # type: ignore[no-untyped-def]
    qtbot, storms, tmp_path: Path
) -> None:
    w = storms
    _search(qtbot, w, "bão lũ")
    every = sorted(
        p.relative_to(w.root).as_posix()
        for p in w.root.rglob("article.txt")
        if "bão lũ" in p.read_text("utf-8")
    )
    assert w.result.total == len(every) == 117
    assert w.results.model.rowCount() < len(every)  # the list loaded only its first page
    assert w.export_results() is None  # the rest is gathered in the search thread first
    qtbot.waitUntil(lambda: w.export_dialog is not None, timeout=20000)
    dialog = w.export_dialog
    assert sorted(i.article_id for i in dialog.items) == every
    assert {i.root for i in dialog.items} == {str(w.root)}
    assert dialog.what.text() == "117 articles with their photos"
    assert "bão lũ" in dialog.title.text()  # the PDF's title: the search
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    target = tmp_path / "all.json"
    dialog.target.setText(str(target))
    with qtbot.waitSignal(dialog.export_finished, timeout=30000) as finished:
        dialog.start()
    report = finished.args[0]
    assert report.articles == 117
    records = json.loads(target.read_text("utf-8"))["records"]
    assert sorted(r["identifier"] for r in records) == every
    assert dialog.status.text().startswith("Exported 117 articles, 0 photos to ")
    dialog.close()


def test_export_of_the_loaded_selection_opens_at_once(qtbot, storms) -> None:  # type: ignore[no-untyped-def]
    w = storms
    _search(qtbot, w, "mùa lúa")
    assert w.result.total == 13
    dialog = w.export_results()
    assert dialog is not None and len(dialog.items) == 13
    dialog.close()


def test_counts_of_one_are_singular(qtbot, storms) -> None:  # type: ignore[no-untyped-def]
    w = storms
    _search(qtbot, w, '"số 7."')
    assert w.result.total == 1
    assert w.status_label.text() == "1 hit, 1 shown"


def test_the_dialog_counts_photos_chosen_alone_and_names_the_collection(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    root = str(window.root)
    items = [
        Item(root, "2024/03/hoi-nghi-doan-ket/article.txt"),
        Item(root, "2023/12/le-hoi-hoa-da-quy/article.txt", "da-quy-2.jpg"),
    ]
    panel = window.basket_dock.panel
    window.basket_dock.add(items, {})
    panel.model.basket.create("Đoàn kết", items)
    panel.refresh()
    assert panel.collection_of(items) == "Đoàn kết"
    assert panel.collection_of(items[:1]) == ""
    panel.collections.setCurrentIndex(panel.collections.findData("Đoàn kết"))
    panel.load_collection()
    assert panel.collection_of(items[:1]) == "Đoàn kết"
    panel.export_requested.emit(items)
    dialog = window.export_dialog
    assert dialog is not None
    assert dialog.title.text() == "Đoàn kết"
    assert dialog.what.text() == "1 article with its photos, and 1 photo chosen alone"
    dialog.close()


def test_the_library_named_in_a_bag_is_remembered(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import bagit

    items = [Item(str(window.root), "2024/03/hoi-nghi-doan-ket/article.txt")]
    dialog = window.open_export(items)
    dialog.format.setCurrentIndex(dialog.format.findData("bagit"))
    assert dialog.organization.isEnabled() and dialog.organization.text() == ""
    dialog.organization.setText("Thư viện tỉnh Lâm Đồng")
    dialog.target.setText(str(tmp_path / "bag"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    assert bagit.Bag(str(tmp_path / "bag")).info["Source-Organization"] == "Thư viện tỉnh Lâm Đồng"
    dialog.close()
    again = window.open_export(items)  # the next export offers the same library
    assert again.organization.text() == "Thư viện tỉnh Lâm Đồng"
    again.close()
