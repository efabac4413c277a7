"""Search by meaning in the window: the switch beside "Exact accents", what it says
when the archive has no vectors, and building them from there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tangthu.index import meaning
from tangthu.index.indexer import update_index
from tests.ui.conftest import open_window

pytestmark = pytest.mark.skipif(
    not meaning.installed(), reason="the 'meaning' extra is not installed"
)


def _choose(w, mode: str) -> None:  # type: ignore[no-untyped-def]
    combo = w.search_bar.mode
    combo.setCurrentIndex(combo.findData(mode))


def _shown(qtbot, w, mode: str, query: str | None = None):  # type: ignore[no-untyped-def]
    def ready() -> bool:
        r = w.results.result
        return r is not None and r.mode == mode and (query is None or r.query == query)

    qtbot.waitUntil(ready, timeout=30000)
    qtbot.waitUntil(lambda: not w.busy(), timeout=30000)
    return w.results.result


def test_the_switch_finds_by_meaning_and_both(  # type: ignore[no-untyped-def]
    qtbot, sample_copy: Path, tmp_path: Path, qsettings
) -> None:
    ix = tmp_path / "ix"
    update_index(sample_copy, ix, jobs=1, meaning=True)
    w = open_window(qtbot, sample_copy, ix, qsettings)
    try:
        qtbot.waitUntil(lambda: w.search_bar.meaning is not None, timeout=30000)
        assert w.search_bar.meaning.ready
        w.set_query("donations for people hit by the storm")
        _choose(w, "meaning")
        r = _shown(qtbot, w, "meaning", "donations for people hit by the storm")
        assert r.total == 7 and r.hits[0].id == "2024/09/cuu-tro-sau-bao/article.txt"
        assert "nearest in meaning" in w.results.header.text()
        assert w.results.model.rowCount() == 7
        _choose(w, "both")
        r = _shown(qtbot, w, "both")
        assert r.hits[0].id == "2024/09/cuu-tro-sau-bao/article.txt"
        assert "by their words or their meaning" in w.results.header.text()
        # the choice is remembered
        assert qsettings.value("search/mode") == "both"
        # "More like this": the nearest in meaning to the article read, which stays read
        qtbot.waitUntil(lambda: w.current_article is not None, timeout=30000)
        reading = w.current_article.id
        w.side.reader.actions_["like"].trigger()
        r = _shown(qtbot, w, "like")
        assert r.total == 6 and reading not in [h.id for h in r.hits]
        assert w.current_article.id == reading
        assert "articles like the one read" in w.results.header.text()
    finally:
        w.shutdown()


def test_without_vectors_the_switch_says_so_and_builds_them(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    from PySide6.QtWidgets import QMessageBox

    w = window
    qtbot.waitUntil(lambda: w.search_bar.meaning is not None, timeout=30000)
    assert not w.search_bar.meaning.started
    assert "no vectors yet" in w.search_bar.mode.toolTip()
    w.set_query("hội nghị")
    _shown(qtbot, w, "words", "hội nghị")
    _choose(w, "meaning")
    qtbot.waitUntil(lambda: bool(w.findChildren(QMessageBox)), timeout=10000)
    (box,) = [b for b in w.findChildren(QMessageBox) if b.isVisible()]
    assert "no vectors for search by meaning" in box.text()
    # nothing else changes meanwhile: the list is by words, and says why
    qtbot.waitUntil(lambda: "found by words" in w.results.header.text(), timeout=30000)
    assert w.results.result.mode == "words" and w.results.result.total == 1
    box.button(QMessageBox.StandardButton.Yes).click()
    r = _shown(qtbot, w, "meaning", "hội nghị")
    assert r.total == 7 and r.hits[0].id == "2024/03/hoi-nghi-doan-ket/article.txt"
    assert w.search_bar.meaning.ready and "found by words" not in w.results.header.text()


def test_the_indexing_corner_says_how_far_the_vectors_are(  # type: ignore[no-untyped-def]
    qtbot, sample_copy: Path, tmp_path: Path
) -> None:
    """While a run makes the vectors, the corner counts them and the time left; its
    Cancel stops the run (the chunks made are kept: tests/index/test_meaning.py)."""
    from tangthu.library import Library
    from tangthu.ui.index_status import IndexStatus

    corner = IndexStatus()
    qtbot.addWidget(corner)
    said: list[tuple[int, int, str, bool]] = []
    corner.embedding.connect(  # after the corner's own slot: what it shows then
        lambda done, total: said.append(
            (done, total, corner.label.text(), corner.cancel_button.isHidden())
        )
    )
    lib = Library(sample_copy, index_dir=tmp_path / "ix")
    with qtbot.waitSignal(corner.ended, timeout=120000):
        corner.start(lib, meaning=True)
        assert corner.meaning
    assert said and said[-1][:2] == (7, 7) and said[0][1] == 7
    assert all(text.startswith("Search by meaning:") and not hidden for *_n, text, hidden in said)
    assert "of 7 articles" in said[-1][2]
    assert "Index ready" in corner.label.text()
    lib.close()
