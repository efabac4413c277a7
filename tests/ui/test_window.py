"""The window: search, reader, photo grid, indexing in the background, safety of article text."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication

from tangthu.index.indexer import update_index
from tests.conftest import write_article

HNDK = "2024/03/hoi-nghi-doan-ket/article.txt"


def _search(qtbot, w, query: str) -> None:  # type: ignore[no-untyped-def]
    """Search and wait until the results, and the first hit in the reader, are shown."""
    w.current_article = None
    with qtbot.waitSignal(w.search_done, timeout=20000):
        w.set_query(query)
    qtbot.waitUntil(lambda: not w.busy(), timeout=20000)
    if w.result.hits:
        qtbot.waitUntil(lambda: w.current_article is not None, timeout=20000)


def test_search_fills_results(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "doan ket")
    assert window.results.model.ids()[0] == HNDK
    assert window.result.total == 2
    assert "Articles found: 2" in window.results.header.text()
    outlets = [
        window.filters_panel.outlet_model.item(r).text()
        for r in range(window.filters_panel.outlet_model.rowCount())
    ]
    assert "baotinh.example  (1)" in outlets


def test_opening_a_hit_shows_title_photos_captions(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "đoàn kết")
    qtbot.waitUntil(lambda: window.current_article is not None, timeout=20000)
    text = window.side.reader.browser.toPlainText()
    assert "Hội nghị tổng kết phong trào đoàn kết sáng tạo năm 2023" in text
    assert "Quang cảnh hội nghị tại hội trường tỉnh." in text
    assert "Các đại biểu phát biểu tham luận tại hội nghị." in text
    html = window.side.reader.browser.toHtml()
    assert html.count("photo:") >= 3
    assert window.side.reader.hit_count >= 3
    qtbot.waitUntil(window.side.reader.browser.photos_ready, timeout=20000)


def test_missing_photo_placeholder_and_byline(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.article_shown, timeout=20000):
        window.open_article("2024/09/cuu-tro-sau-bao/article.txt")
    text = window.side.reader.browser.toPlainText()
    assert "Missing photo: anh-thieu.jpg" in text
    assert "TTXVN" in text


def test_related_link_opens_article(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.article_shown, timeout=20000):
        window.open_article("2024/01/truong-hoc-vung-cao/article.txt")
    assert f"article:{HNDK}" in window.side.reader.browser.toHtml()
    with qtbot.waitSignal(window.article_shown, timeout=20000) as blocker:
        window.side.reader.article_requested.emit(HNDK)
    assert blocker.args == [HNDK]


def test_hit_navigation(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "hội nghị")
    qtbot.waitUntil(lambda: window.current_article is not None, timeout=20000)
    reader = window.side.reader
    assert reader.hit_count > 2
    assert reader.hit_label.text().startswith("1 of ")  # the first match is current
    reader.next_hit()
    reader.next_hit()
    assert reader.hit_label.text().startswith("3 of ")
    reader.previous_hit()
    assert reader.hit_label.text().startswith("2 of ")


def test_photo_grid_loads_thumbnails(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "đoàn kết")
    qtbot.waitUntil(lambda: window.current_article is not None, timeout=20000)
    window.show()
    window.side.setCurrentIndex(1)
    assert window.side.grid_model.rowCount() == 3
    qtbot.waitUntil(lambda: window.side.grid_model.loaded() == 3, timeout=20000)
    window.side.scope.setCurrentIndex(2)  # the whole archive
    qtbot.waitUntil(lambda: window.side.grid_model.rowCount() == 12, timeout=20000)
    qtbot.waitUntil(lambda: window.side.grid_model.loaded() >= 6, timeout=20000)


def test_viewer_shows_caption_and_exif(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.article_shown, timeout=20000):
        window.open_article(HNDK)
    viewer = window._show_viewer(window._article_items(), 0)
    assert viewer.caption.text() == "Quang cảnh hội nghị tại hội trường tỉnh."

    def labels() -> list[str]:
        return [
            viewer.exif.itemAt(i).widget().text()
            for i in range(viewer.exif.count())
            if viewer.exif.itemAt(i).widget()
        ]

    # the EXIF data is read in the background (the GUI thread opens no file)
    qtbot.waitUntil(lambda: "2024-03-21 14:05:00" in labels(), timeout=10000)
    assert "800 × 533" in labels()
    viewer.next()
    assert viewer.row == 1
    viewer.view.rotate_by(90)
    viewer.view.zoom(2)
    viewer.previous()
    assert viewer.row == 0
    viewer.close()


def test_keyboard_focus_search(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    window.show()
    qtbot.waitExposed(window)
    window.results.view.setFocus()
    assert not window.search_bar.edit.hasFocus()
    # Key events sent to the window go the way a real key press goes, shortcuts included.
    QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+F"))
    assert window.search_bar.edit.hasFocus()
    QTest.keySequence(window.windowHandle(), QKeySequence(Qt.Key.Key_Escape))
    assert window.results.view.hasFocus()
    QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+L"))
    assert window.search_bar.edit.hasFocus()


def test_history_is_remembered(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, window, "lễ hội")
    _search(qtbot, window, "thư viện")
    assert window.search_bar.history.stringList()[:2] == ["thư viện", "lễ hội"]


def test_filters_and_suggestion(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.filters_panel.photos_check.setChecked(True)
    qtbot.waitUntil(lambda: not window.busy(), timeout=20000)
    _search(qtbot, window, "")
    assert window.result.total == 7  # every sample article has a photo
    model = window.filters_panel.year_model
    row = next(r for r in range(model.rowCount()) if model.item(r).text() == "2023  (2)")
    window.filters_panel.year_view.setCurrentIndex(model.index(row, 0))
    with qtbot.waitSignal(window.search_done, timeout=20000):
        window.run_search()
    assert window.result.total == 2
    window.filters_panel.from_check.setChecked(True)
    window.filters_panel.from_date.setDate(
        window.filters_panel.from_date.date().fromString("2023-12-01", "yyyy-MM-dd")
    )
    qtbot.waitUntil(lambda: not window.busy() and window.result.total == 1, timeout=20000)
    window.clear_filters()
    qtbot.waitUntil(lambda: not window.busy() and window.result.total == 7, timeout=20000)
    _search(qtbot, window, "thư việm")
    assert window.result.total == 0
    assert window.results.suggestion.isVisibleTo(window)
    assert "thư viện" in window.results.suggestion.text()


def test_background_indexing_reports_progress_and_cancels(qtbot, qsettings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.main_window import MainWindow

    root = tmp_path / "big"
    for i in range(400):
        write_article(root / f"{i}", f"Bài {i}\n\nNội dung đoàn kết số {i} " + "chữ " * 200 + "\n")
    w = MainWindow(None, index_dir=tmp_path / "bigix", settings=qsettings)
    qtbot.addWidget(w)
    w.job_progress = []
    seen: list[tuple[int, int]] = []

    def on_progress(done: int, total: int) -> None:
        seen.append((done, total))
        w.cancel_indexing()

    w.index_status.progressed.connect(on_progress)
    with qtbot.waitSignal(w.indexing_done, timeout=60000):
        w.open_archive(root)
    w.index_status.progressed.disconnect(on_progress)
    assert seen and seen[0][1] == 400
    assert "cancelled" in w.index_status.label.text()
    assert w.index_status.progress.isHidden()
    # the window stayed usable and a second run completes the index
    with qtbot.waitSignal(w.indexing_done, timeout=120000):
        w.start_indexing()
    assert "400 articles" in w.index_status.label.text(), repr(w.index_status.failure)
    qtbot.waitUntil(lambda: not w.busy(), timeout=20000)
    assert w.result is not None and w.result.total == 400
    w.shutdown()


def test_job_signals_arrive_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.jobs import Job, make_pool

    pool = make_pool(1)
    threads = []
    job = Job(lambda: QThread.currentThread(), progress=False)
    job.signals.finished.connect(lambda worker: threads.append((worker, QThread.currentThread())))
    with qtbot.waitSignal(job.signals.finished, timeout=5000):
        pool.start(job.runnable)
    qtbot.waitUntil(lambda: bool(threads))
    worker, receiver = threads[0]
    assert worker is not QApplication.instance().thread()
    assert receiver is QApplication.instance().thread()
    pool.waitForDone()


def test_article_text_is_shown_as_text_and_loads_nothing(qtbot, qsettings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.main_window import MainWindow

    root = tmp_path / "hostile"
    write_article(
        root / "a",
        "<b>Tiêu đề</b> <script>alert(1)</script>\n\n"
        'Mở <img src="http://example.com/x.png"> và <a href="http://evil">link</a>.\n'
        "<iframe src='file:///etc/passwd'></iframe>\n",
    )
    ix = tmp_path / "hix"
    update_index(root, ix, jobs=1)
    w = MainWindow(None, index_dir=ix, settings=qsettings)
    qtbot.addWidget(w)
    asked: list[str] = []
    real = w.side.reader.browser.loadResource

    def spy(kind, url):  # type: ignore[no-untyped-def]
        asked.append(url.toString())
        return real(kind, url)

    w.side.reader.browser.loadResource = spy
    with qtbot.waitSignal(w.indexing_done, timeout=30000):
        w.open_archive(root)
    with qtbot.waitSignal(w.article_shown, timeout=20000):
        w.open_article("a/article.txt")
    text = w.side.reader.browser.toPlainText()
    assert "<script>alert(1)</script>" in text
    assert '<img src="http://example.com/x.png">' in text
    html = w.side.reader.browser.toHtml()
    assert 'http://example.com/x.png"' not in html.replace("&quot;", '"').split("<body")[0]
    assert all(u.startswith("photo:") for u in asked)
    w.shutdown()


def test_vietnamese_interface(qtbot, qsettings, indexed) -> None:  # type: ignore[no-untyped-def]
    from tangthu.ui.i18n import translator
    from tangthu.ui.main_window import MainWindow

    app = QApplication.instance()
    tr = translator("vi")
    app.installTranslator(tr)
    try:
        root, ix = indexed
        w = MainWindow(None, index_dir=ix, settings=qsettings)
        qtbot.addWidget(w)
        assert w.side.tabText(0) == "Đọc bài"
        assert w.side.tabText(1) == "Hình ảnh"
        w.shutdown()
    finally:
        app.removeTranslator(tr)


@pytest.mark.slow
def test_screenshot_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    png = tmp_path / "shot.png"
    env = {
        **__import__("os").environ,
        "TANGTHU_DATA_DIR": str(tmp_path / "d"),
        "TANGTHU_CACHE_DIR": str(tmp_path / "c"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
    }
    p = subprocess.run(
        [
            sys.executable,
            "main.py",
            "gui",
            "sample",
            "--query",
            "lễ hội",
            "--screenshot",
            str(png),
            "--lang",
            "vi",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    from PIL import Image

    with Image.open(png) as im:
        assert im.size == (1280, 800)
        assert len(im.convert("L").resize((64, 40)).getcolors(4096) or []) > 20  # not blank


def test_every_interface_string_has_a_vietnamese_translation() -> None:
    import ast
    import re

    from tangthu.library import export_formats
    from tangthu.ui.errors import MESSAGES
    from tangthu.ui.i18n import VIETNAMESE as VI
    from tangthu.ui.problem_texts import DETAILS, KIND_NAMES
    from tests.conftest import REPO

    found = {f.label for f in export_formats().values()}
    found |= {text for text, _params in MESSAGES.values()}
    found |= set(KIND_NAMES.values()) | {template for _pattern, template in DETAILS}
    for path in (REPO / "ui").glob("*.py"):
        # one literal, or several on their lines that Python joins into one
        for m in re.finditer(
            r"""tr\(\s*((?:\"[^\"]*\"\s*)+|'[^']*')\s*\)""", path.read_text("utf-8")
        ):
            found.add(ast.literal_eval(f"({m.group(1)})"))
        # counted(tr, n, "one", "many"): both texts are looked up
        counted = r'counted\([^"]*?"([^"]*)",\s*"([^"]*)"\s*\)'
        for m in re.finditer(counted, path.read_text("utf-8")):
            found |= {m.group(1), m.group(2)}
    missing = sorted(s for s in found if s not in VI)
    assert missing == []


def test_every_problem_advice_is_translated() -> None:
    from tangthu.archive.model import PROBLEM_KINDS
    from tangthu.ui.i18n import VIETNAMESE as VI

    assert [a for a in PROBLEM_KINDS.values() if a not in VI] == []


def test_qt_own_dialogs_speak_vietnamese_and_the_archive_picker_renames_nothing(
    qtbot,
    window,
    monkeypatch,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from tangthu.ui.i18n import translator

    vi = translator("vi")
    QApplication.instance().installTranslator(vi)
    try:
        box = QMessageBox(
            QMessageBox.Icon.Question, "x", "y", QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
        )  # fmt: skip
        assert sorted(b.text() for b in box.buttons()) == ["&Có", "&Không", "Hủy"]
        # An empty folder: the dialog's file-system thread has nothing to gather
        # when the dialog goes away.
        dialog = QFileDialog(None, "x", str(tmp_path))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        # what the dialog's own labels show, read by Qt (no Python wrapper of a
        # child widget is looked up)
        label = QFileDialog.DialogLabel
        shown = [
            dialog.labelText(which) for which in (label.LookIn, label.FileName, label.FileType)
        ]
        assert shown == ["&Tìm trong:", "Thư mục:", "&Kiểu tệp:"]
        box.deleteLater()
        dialog.deleteLater()
    finally:
        QApplication.instance().removeTranslator(vi)
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: asked.append(args) or "")
    window.choose_archive()
    assert asked and asked[0][3] & QFileDialog.Option.ReadOnly


def test_the_readers_keys_work_while_its_text_has_the_focus(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    _search(qtbot, window, "hội nghị")
    reader = window.side.reader
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    reader.browser.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reader.browser, timeout=5000)
    assert reader.hit_label.text().startswith("1 of ")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)
    assert reader.hit_label.text().startswith("3 of ")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reader.hit_label.text().startswith("2 of ")
    before = len(window.basket_model.basket.items)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert len(window.basket_model.basket.items) == before + 1


def test_the_viewers_keys_work_from_its_focused_picture(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    with qtbot.waitSignal(window.article_shown, timeout=20000):
        window.open_article(HNDK)
    viewer = window._show_viewer(window._article_items(), 0)
    qtbot.waitExposed(viewer)
    viewer.activateWindow()
    viewer.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is viewer.view, timeout=5000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # (not the view's scrolling)
    assert viewer.row == 1
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert viewer.row == 0
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_R)
    (picture,) = viewer.view.scene().items()
    assert picture.rotation() == 90
    viewer.close()


def test_the_windows_keys_work_while_the_readers_text_has_the_focus(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tangthu.ui.reading_side import PHOTOS, READER

    _search(qtbot, window, "hội nghị")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()

    def press(keys: str) -> None:  # to the widget that has the focus, as a user would
        QTest.keyClick(QApplication.focusWidget(), *_key(keys))

    browser = window.side.reader.browser
    browser.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is browser, timeout=5000)
    press("Ctrl+2")
    assert window.results.view_name() == "table"
    press("Ctrl+1")
    assert window.results.view_name() == "cards"
    shown = window.results.timeline.isVisibleTo(window)
    press("Ctrl+T")
    assert window.results.timeline.isVisibleTo(window) is not shown
    press("Ctrl+4")
    assert window.side.currentIndex() == PHOTOS
    press("Ctrl+3")
    assert window.side.currentIndex() == READER
    browser.setFocus()
    press("Ctrl+F")
    assert window.search_bar.edit.hasFocus()


def _key(keys: str) -> tuple[Qt.Key, Qt.KeyboardModifier]:
    """A key as QTest.keyClick takes it, from ``Ctrl+2``."""
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(keys)[0]
    return combo.key(), combo.keyboardModifiers()
