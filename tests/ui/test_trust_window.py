"""What the window says must be right: empty filters, accents, outlets, dates, settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import QDate

from tangthu.index.indexer import update_index
from tangthu.ui import settings as cfg
from tests.conftest import REPO, SAMPLE, make_jpeg, write_article
from tests.ui.conftest import open_window

ARTICLES = {
    "a/dung-dau": "Đoàn kết là sức mạnh\n\nNgày 2/3/2020, đoàn kết toàn dân.\n"
    "https://VnExpress.net/a.html\n",
    "b/sai-dau": "Đoán kết quả\n\nNgày 5/6/2021, đoán kết quả bóng đá.\nhttps://www.vnexpress.net/b\n",
    "c/khong-dau": "Doan ket thon ban\n\nDoan ket la suc manh cua lang.\n",
    "d/anh": "Ảnh phong cảnh\n\nMột buổi chiều đoàn kết.\n1.jpg\nHoàng hôn.\n",
}


@pytest.fixture
def kho(tmp_path: Path) -> Path:
    root = tmp_path / "kho"
    for folder, text in ARTICLES.items():
        write_article(root / folder, text)
    # the only date of d/anh is the photo's EXIF (DateTimeOriginal): an estimate
    make_jpeg(root / "d/anh/1.jpg", exif={0x8769: {0x9003: "2019:08:07 10:00:00"}})
    return root


@pytest.fixture
def win(qtbot, kho: Path, tmp_path: Path, qsettings):  # type: ignore[no-untyped-def]
    ix = tmp_path / "ix"
    update_index(kho, ix, jobs=1)
    w = open_window(qtbot, kho, ix, qsettings)
    yield w
    w.shutdown()


def _settle(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not w.busy(), timeout=20000)


def _search(qtbot, w, query: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(w.search_done, timeout=20000):
        w.set_query(query)
    _settle(qtbot, w)


def test_a_date_filter_that_matches_nothing_empties_the_list_and_says_why(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, win, "doan ket")
    assert win.result.total == 4
    win.filters_panel.from_date.setDate(QDate(2030, 1, 1))
    with qtbot.waitSignal(win.search_done, timeout=20000):
        win.filters_panel.from_check.setChecked(True)
    _settle(qtbot, win)
    assert win.result.total == 0 and win.results.model.rowCount() == 0
    assert win.results.empty.isVisibleTo(win)
    assert "No articles from 2030-01-01 on" in win.results.empty.text()
    assert "remove the date filter" in win.results.empty.text()
    with qtbot.waitSignal(win.search_done, timeout=20000):
        win.results.empty.linkActivated.emit("remove:date")
    _settle(qtbot, win)
    assert not win.filters_panel.from_check.isChecked()
    assert win.result.total == 4
    assert not win.results.empty.isVisibleTo(win)


def test_counts_say_how_many_match_the_accents_as_typed(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, win, "đoàn kết")
    assert (win.result.total, win.result.exact_total) == (4, 2)
    assert "2 with these accents, 2 more without" in win.results.header.text()
    assert [h.exact for h in win.result.hits] == [True, True, False, False]
    with qtbot.waitSignal(win.search_done, timeout=20000):
        win.search_bar.exact.setChecked(True)
    _settle(qtbot, win)
    assert sorted(win.results.model.ids()) == ["a/dung-dau/article.txt", "d/anh/article.txt"]
    assert "2 spelled exactly as typed" in win.results.header.text()
    # the facets count what the list shows
    counts = [
        win.filters_panel.year_model.item(r).text()
        for r in range(win.filters_panel.year_model.rowCount())
    ]
    assert counts == ["(all)", "2020  (1)", "2019  (1)"]


def test_outlets_are_one_name_and_missing_ones_are_a_bucket(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, win, "")
    outlets = [
        win.filters_panel.outlet_model.item(r).text()
        for r in range(win.filters_panel.outlet_model.rowCount())
    ]
    assert outlets == ["(all)", "vnexpress.net  (2)", "(no outlet)  (2)"]
    model = win.filters_panel.outlet_model
    with qtbot.waitSignal(win.search_done, timeout=20000):
        win.filters_panel.outlet_view.setCurrentIndex(model.index(2, 0))
        win.run_search()
    _settle(qtbot, win)
    assert sorted(win.results.model.ids()) == ["c/khong-dau/article.txt", "d/anh/article.txt"]
    years = [
        win.filters_panel.year_model.item(r).text()
        for r in range(win.filters_panel.year_model.rowCount())
    ]
    assert "(undated)  (1)" in years


def test_a_date_from_the_photos_is_shown_as_an_estimate(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(win.search_done, timeout=20000):
        win.set_query("hoàng hôn")
    _settle(qtbot, win)
    hit = win.result.hits[0]
    assert (hit.id, hit.date, hit.date_estimated) == ("d/anh/article.txt", "2019-08-07", True)
    from tangthu.ui.results import Role

    assert win.results.model.data(win.results.model.index(0, 0), Role.META) == "≈ 2019-08-07"
    qtbot.waitUntil(lambda: win.current_article is not None, timeout=20000)
    assert "≈ 2019-08-07" in win.side.reader.browser.toPlainText()


def test_archives_are_remembered_by_absolute_path_once(
    qsettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "kho").mkdir()
    monkeypatch.chdir(tmp_path)
    cfg.remember_root(qsettings, "kho")
    cfg.remember_root(qsettings, str(tmp_path / "kho"))
    cfg.remember_root(qsettings, "./kho/../kho")
    assert cfg.read_list(qsettings, "archives/roots") == [str((tmp_path / "kho").resolve())]
    assert cfg.read(qsettings, "archives/current") == str((tmp_path / "kho").resolve())


def test_a_screenshot_run_changes_no_setting(tmp_path: Path) -> None:
    config = tmp_path / "config"
    conf = config / "TangThu" / "TangThu.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text(
        '[archives]\nroots="[\\"/nowhere/else\\"]"\ncurrent=/nowhere/else\n\n[search]\nsort=date\n',
        encoding="utf-8",
    )
    before = conf.read_bytes()
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(config),
        "TANGTHU_DATA_DIR": str(tmp_path / "data"),
        "TANGTHU_CACHE_DIR": str(tmp_path / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    args = [sys.executable, "main.py", "gui", str(SAMPLE), "-q", "hội nghị"]
    args += ["--screenshot", str(tmp_path / "s.png")]
    assert subprocess.run(args, cwd=REPO, env=env, timeout=120).returncode == 0
    assert conf.read_bytes() == before


def test_a_query_with_nothing_to_search_empties_the_list_and_says_so(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.search_done, timeout=20000):
        window.set_query("!!!")
    assert window.results.model.rowCount() == 0
    assert "no word to search" in window.results.empty.text()
    assert window.results.empty.isVisibleTo(window)
