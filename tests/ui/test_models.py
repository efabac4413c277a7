"""Every item model passes Qt's model tester."""

from __future__ import annotations

from pathlib import Path

from tangthu.archive.model import Problem
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
    assert model.data(model.index(0), Role.ID) == "a/1/article.txt"
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
        model.data(model.index(row), 1)  # DecorationRole asks for the thumbnail
    qtbot.waitUntil(lambda: model.loaded() == 2, timeout=20000)
    loader.shutdown()


def test_problems_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ProblemsModel()
    model.set_problems([Problem("missing-photo", str(Path("/a/b.jpg")), "not there")])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 1)) == str(Path("/a/b.jpg"))
