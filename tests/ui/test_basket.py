"""Selecting articles and photos into the basket, and exporting it through the dialog."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel

from tangthu.archive.selection import Basket, Item
from tangthu.ui.basket import BasketModel
from tests.conftest import SAMPLE


def _select_rows(view, rows: list[int]) -> None:  # type: ignore[no-untyped-def]
    sm = view.selectionModel()
    sm.clearSelection()
    for r in rows:
        sm.select(view.model().index(r, 0), QItemSelectionModel.SelectionFlag.Select)


def test_basket_model(qtbot, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    model = BasketModel(Basket(tmp_path / "b.json"))
    model.add(
        [
            Item(str(SAMPLE), "2024/03/hoi-nghi-doan-ket/article.txt"),
            Item(str(SAMPLE), "2023/12/le-hoi-hoa-da-quy/article.txt", "da-quy-1.jpg"),
        ]
    )
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: not model.pending(), timeout=10000)  # sizes are read in the background
    articles, photos, size = model.counts()
    assert (articles, photos) == (1, 1) and size > 100_000


def test_select_and_export_zip_through_the_dialog(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.search_done, timeout=20000):
        window.set_query("")
    qtbot.waitUntil(lambda: not window.busy(), timeout=20000)
    ids = window.results.model.ids()
    _select_rows(window.results.view, [0, 1])
    window.add_results_to_basket()
    # one photo of another article, from the photo grid
    third = ids[2]
    with qtbot.waitSignal(window.article_shown, timeout=20000):
        window.open_article(third)
    window.side.setCurrentIndex(1)
    assert window.side.grid_model.rowCount() >= 1
    _select_rows(window.side.grid, [0])
    window.add_photos_to_basket()
    photo = window.side.grid_model.item(0)
    assert window.basket_model.counts()[:2] == (2, 1)
    assert "2 articles, 1 photo" in window.basket_dock.button.text()
    assert "1 photos" not in window.basket_dock.button.text()

    dialog = window.export_basket()
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("zip"))
    target = tmp_path / "basket.zip"
    dialog.target.setText(str(target))
    with qtbot.waitSignal(dialog.export_finished, timeout=30000) as blocker:
        dialog.start()
    report = blocker.args[0]
    with zipfile.ZipFile(target) as zf:
        names = set(zf.namelist())
    # the report counts every photo written: the articles' own and the one chosen alone
    images = [n for n in names if n.lower().endswith((".jpg", ".jpeg", ".png"))]
    assert (report.articles, report.photos) == (2, len(images))
    assert len(images) > 1
    assert {ids[0], ids[1]} <= names
    photo_rel = third.rsplit("/", 1)[0] + "/" + photo.file
    assert photo_rel in names
    assert third not in names  # only the photo of the third article was chosen
    assert "Exported" in dialog.status.text()
    # the basket outlives the window
    assert len(Basket(window.basket_file)) == 3


def test_export_dialog_cancel_writes_nothing(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.export_dialog import ExportDialog

    items = [Item(str(window.root), i) for i in window.results.model.ids()] or [
        Item(str(window.root), "2024/03/hoi-nghi-doan-ket/article.txt")
    ]
    dialog = ExportDialog(items, window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.target.setText(str(tmp_path / "x.pdf"))
    dialog.job = None
    dialog.start()
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert "cancelled" in dialog.status.text() or "Exported" in dialog.status.text()
    if "cancelled" in dialog.status.text():
        assert not (tmp_path / "x.pdf").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    dialog.pool.waitForDone()


def test_the_baskets_date_column_marks_an_estimate(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.basket_model import BasketColumn
    from tests.conftest import write_article

    root = tmp_path / "kho"
    text = "T\n\nMở đầu không ngày.\nĐoạn một.\nĐoạn hai.\nHồi ngày 26/1/2008, trận đấu.\n"
    write_article(root / "a", text)
    model = BasketModel(Basket(tmp_path / "b.json"))
    model.add([Item(str(root), "a/article.txt")])
    qtbot.waitUntil(lambda: not model.pending(), timeout=10000)
    assert model.data(model.index(0, BasketColumn.DATE)) == "≈ 2008-01-26"
