"""Every item model passes Qt's model tester."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tangthu.archive.model import PROBLEM_KINDS, Problem
from tangthu.index.search import Hit
from tangthu.ui.photo_grid import PhotoGridModel, PhotoItem
from tangthu.ui.problems import ProblemsModel
from tangthu.ui.results import ResultsModel, Role
from tangthu.ui.thumbnails import ThumbnailLoader
from tests.conftest import SAMPLE


def _hits() -> list[Hit]:
    return [
        Hit(
            id=f"a/{i}/article.txt",
            title=f"Bài {i}",
            date="2024-01-0{i}",
            outlet="x.vn",
            score=1.0 / (i + 1),
            snippet="<b>đoàn</b> kết",
            photos=i,
            thumb=None,
            folder=f"a/{i}",
        )
        for i in range(1, 6)
    ]


def test_results_model(qtmodeltester, qtbot) -> None:  # type: ignore[no-untyped-def]
    loader = ThumbnailLoader()
    model = ResultsModel(loader)
    model.set_hits(_hits())
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.data(model.index(0, 0), Role.ID) == "a/1/article.txt"
    model.append_hits(_hits()[:2])
    assert model.rowCount() == 7
    qtmodeltester.check(model)
    loader.shutdown()


def test_photo_grid_model(qtmodeltester, qtbot) -> None:  # type: ignore[no-untyped-def]
    loader = ThumbnailLoader()
    model = PhotoGridModel(loader, px=64)
    folder = SAMPLE / "2023/12/le-hoi-hoa-da-quy"
    items = [
        PhotoItem(str(folder / f"da-quy-{i}.jpg"), f"da-quy-{i}.jpg", "Hoa", "x") for i in (1, 2)
    ]
    items.append(PhotoItem(None, "thieu.jpg", "Thiếu", "x", exists=False))
    model.set_items(items)
    qtmodeltester.check(model)
    for row in range(3):
        model.data(model.index(row, 0), 1)  # DecorationRole asks for the thumbnail
    qtbot.waitUntil(lambda: model.loaded() == 2, timeout=20000)
    loader.shutdown()


def test_problems_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ProblemsModel()
    model.set_problems([Problem("missing-photo", str(Path("/a/b.jpg")), "not there")])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 1)) == str(Path("/a/b.jpg"))
    # what to do is said on the line, not only in a tooltip
    assert model.headerData(3, Qt.Orientation.Horizontal) == "What to do"
    assert model.data(model.index(0, 3)) == PROBLEM_KINDS["missing-photo"]


def test_timeline_labels_never_overlap_and_the_undated_one_stays(qtbot) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.timeline import STEPS, UNDATED, Bar, Timeline

    timeline = Timeline()
    qtbot.addWidget(timeline)
    for width in (240, 300, 410, 640, 1000):
        for years in (range(1950, 2027), range(2001, 2027), range(2019, 2025)):
            timeline.resize(width, 72)
            timeline.bars = [Bar(str(y), str(y), 1) for y in years] + [Bar(UNDATED, "?", 5)]
            places = timeline.label_places()
            rects = [rect for _i, rect in places]
            assert all(a.right() + 6 <= b.left() for a, b in zip(rects, rects[1:], strict=False))
            assert all(0 <= r.left() and r.right() < width for r in rects)
            assert places[0][0] == 0 and places[-1][0] == len(timeline.bars) - 1
            # the other years labelled are round: multiples of one step
            labelled = [int(timeline.bars[i].key) for i, _r in places[1:-1]]
            assert any(all(y % step == 0 for y in labelled) for step in STEPS if step > 1) or (
                labelled == list(range(labelled[0], labelled[-1] + 1)) if labelled else True
            )


def test_timeline_is_a_true_time_axis() -> None:
    """Empty years are bars of their own (1959 does not stand beside 1999); over a long
    span a bar is a decade, and a click on it takes the decade."""
    from tangthu.library.records import SearchResult
    from tangthu.ui.timeline import Filters, bars_for, span_of

    result = SearchResult(query="")
    result.facets = {"year": {"1959": 1, "1999": 3, "2001": 2, "": 0}}
    bars, _zoomed = bars_for(result, Filters())
    assert [b.key for b in bars] == [str(y) for y in range(1959, 2002)]
    assert [b.count for b in bars if b.count] == [1, 3, 2]
    result.facets = {"year": {"1875": 1, "1999": 3, "2018": 2, "2019": 4}}
    bars, _zoomed = bars_for(result, Filters())
    assert bars[0].key == "1870~1879" and bars[-1].key == "2010~2019"
    assert len(bars) == 15 and [b.count for b in bars if b.count] == [1, 3, 6]
    assert span_of("1990~1999", "1900~1909") == ("1900-01-01", "1999-12-31")
