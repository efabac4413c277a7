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
