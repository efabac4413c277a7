"""The window marks words found in escaped text: article text is never markup."""

from __future__ import annotations

from tangthu.ui.marks import OPEN, marked_html


def test_marks_escape_the_text_and_wrap_the_words() -> None:
    html = marked_html("a <script>x</script> đoàn", [(21, 25)])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.endswith(f"{OPEN}đoàn</span>")


def test_overlapping_or_unsorted_spans_are_marked_once() -> None:
    assert marked_html("ab cd", [(3, 5), (0, 2), (1, 2)], "[", "]") == "[ab] [cd]"


def test_the_reader_marks_and_counts_a_phrase_only_where_it_stands(  # type: ignore[no-untyped-def]
    qtbot, qsettings, tmp_path, corpus
) -> None:
    """ "Nhân rộng các điển hình tiên tiến": not every nhận, diện and các of the seed
    (the counter said 1/48), only the phrase, seven words wherever it stands."""
    import shutil

    from tangthu.index.indexer import update_index
    from tangthu.ui.main_window import MainWindow
    from tests.conftest import SEED

    root = tmp_path / "kho"
    shutil.copytree(corpus / SEED, root / SEED)
    update_index(root, tmp_path / "ix", jobs=1)
    w = MainWindow(None, index_dir=tmp_path / "ix", settings=qsettings)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.indexing_done, timeout=30000):
        w.open_archive(root)
    with qtbot.waitSignal(w.article_shown, timeout=30000):
        w.set_query('"Nhân rộng các điển hình tiên tiến"')
    text = (root / SEED / "article.txt").read_text("utf-8")
    stands = text.lower().count("nhân rộng các điển hình tiên tiến")
    hits = w.side.reader._hits
    assert stands >= 1 and hits == 7 * stands
    assert "/ 48" not in w.side.reader.hit_label.text()
    w.shutdown()
