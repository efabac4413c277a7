"""Article folders whose names are stored NFD on disk open everywhere, by their NFC ID."""

from __future__ import annotations

import json
import unicodedata
import zipfile
from pathlib import Path

import pytest

from main import main
from tangthu.archive.locate import OutsideArchive, article_file, article_folder, locate, photo_file
from tangthu.archive.selection import Item
from tangthu.index.indexer import update_index
from tests.conftest import make_jpeg, write_article

FOLDER = "2024/Đoàn kết sáng tạo"
AID = f"{FOLDER}/article.txt"
TEXT = "Hội nghị đoàn kết\n\nNgày 21/3/2024, hội nghị đoàn kết.\nẢnh 1.JPG\nQuang cảnh.\n"


@pytest.fixture
def nfd_archive(tmp_path: Path) -> Path:
    root = tmp_path / "kho"
    folder = root / unicodedata.normalize("NFD", FOLDER)
    write_article(folder, TEXT)
    make_jpeg(folder / unicodedata.normalize("NFD", "ảnh 1.jpg"))
    # the name as the article writes it is not on disk byte for byte
    assert not (root / AID).exists()
    return root


def test_locate_finds_nfd_names(nfd_archive: Path) -> None:
    path = article_file(nfd_archive, AID)
    assert path is not None and path.read_text(encoding="utf-8") == TEXT
    assert article_folder(nfd_archive, AID) == path.parent
    photo = photo_file(nfd_archive, AID, "Ảnh 1.JPG")
    assert photo is not None and photo.parent == path.parent
    assert article_file(nfd_archive, f"{FOLDER}/nothing.txt") is None
    assert locate(nfd_archive, "") == nfd_archive


@pytest.mark.parametrize("bad", ["../x/article.txt", "/etc/passwd", "a/../../b.txt", "C:/x.txt"])
def test_ids_leaving_the_root_are_refused(nfd_archive: Path, bad: str) -> None:
    with pytest.raises(OutsideArchive):
        article_file(nfd_archive, bad)
    assert photo_file(nfd_archive, bad, "x.jpg") is None


def test_cli_show_and_export(nfd_archive: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["show", AID, "--archive", str(nfd_archive), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["title"] == "Hội nghị đoàn kết"
    assert shown["photos"][0]["exists"] is True
    target = tmp_path / "out.zip"
    assert (
        main(["export", AID, "--archive", str(nfd_archive), "--format", "zip", "--to", str(target)])
        == 0
    )
    names = zipfile.ZipFile(target).namelist()
    assert f"{FOLDER}/article.txt" in [unicodedata.normalize("NFC", n) for n in names]
    assert any(unicodedata.normalize("NFC", n).endswith("ảnh 1.jpg") for n in names)
    assert main(["show", "../../etc/passwd", "--archive", str(nfd_archive)]) == 2


def test_window_reader_results_and_basket(  # type: ignore[no-untyped-def]
    nfd_archive: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QSettings

    from tangthu.library.library import item_size
    from tangthu.ui.main_window import MainWindow

    monkeypatch.setenv("TANGTHU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TANGTHU_CACHE_DIR", str(tmp_path / "cache"))
    ix = tmp_path / "ix"
    update_index(nfd_archive, ix, jobs=1)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(None, index_dir=ix, settings=settings)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.article_shown, timeout=30000) as shown:
        w.open_archive(nfd_archive)
    assert shown.args == [AID]
    article = w.current_article
    assert article is not None and article.title == "Hội nghị đoàn kết"
    assert [p.kind for p in article.problems] == []
    assert "Hội nghị" in w.side.reader.browser.toPlainText()
    # the results list found the thumbnail in the NFD folder
    qtbot.waitUntil(lambda: not w.busy(), timeout=30000)
    thumb = w.results.model._thumb_path(w.results.model.hit(0))  # noqa: SLF001
    assert thumb is not None and Path(thumb).is_file()
    # the basket reads its title and size through the same lookup
    item = Item(str(nfd_archive), AID)
    assert item_size(item) > len(TEXT.encode())
    w.basket_model.add([item])
    qtbot.waitUntil(lambda: not w.basket_model.pending(), timeout=10000)  # read in the background
    assert w.basket_model.data(w.basket_model.index(0)).endswith("Hội nghị đoàn kết")
    w.shutdown()
