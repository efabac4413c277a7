"""The search engine is chosen in the window (View → Search engine) and the index follows."""

from __future__ import annotations

import pytest

from tangthu.index import engines
from tangthu.index.store import read_manifest


@pytest.mark.skipif(
    "tantivy" not in engines.available(), reason="the 'fast' extra is not installed"
)
def test_choosing_tantivy_rebuilds_the_index_with_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert read_manifest(window.index_path())["engine"] == "whoosh"  # type: ignore[index]
    with qtbot.waitSignal(window.indexing_done, timeout=120000):
        window.choose_engine("tantivy")
    assert read_manifest(window.index_path())["engine"] == "tantivy"  # type: ignore[index]
    qtbot.waitUntil(lambda: not window.busy(), timeout=20000)
    with qtbot.waitSignal(window.search_done, timeout=20000):
        window.set_query("doan ket")
    assert window.result.total == 2
    assert window.results.model.ids()[0] == "2024/03/hoi-nghi-doan-ket/article.txt"


def _engine_actions(window):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu

    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "Search engine")
    return {a.text(): a for a in menu.actions()}


def test_by_default_the_archives_size_chooses_and_an_index_keeps_its_engine(
    qtbot, window, qsettings
) -> None:  # type: ignore[no-untyped-def]
    actions = _engine_actions(window)
    assert actions["By the archive's size"].isChecked()
    assert not actions["Whoosh (built in)"].isChecked()
    assert window.library.engine is None  # (the sample's index keeps its own: Whoosh)
    assert read_manifest(window.index_path())["engine"] == "whoosh"  # type: ignore[index]
    # choosing it again after another engine rebuilds nothing: each index keeps its own
    qsettings.setValue("index/engine", "whoosh")
    window.choose_engine("")
    assert not window.index_status.running()
    from tangthu.ui import settings as cfg

    assert (window.library.engine, cfg.engine(qsettings)) == (None, None)


def test_the_window_says_when_the_archives_size_chose_the_faster_engine(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tangthu.library.records import IndexSummary

    summary = IndexSummary(articles=400_000, engine="tantivy", chosen_for=400_000)
    window.index_status._finished(summary)
    assert window.index_status.label.text().endswith("fast engine chosen for 400,000 articles")
