"""The results' cards are measured in the search thread and laid out once per look:
showing a page of hits lays out no card on the window's thread."""

from __future__ import annotations

import faulthandler
import threading
from dataclasses import replace
from typing import Any

import pytest

from tangthu.library.records import Hit
from tangthu.ui import results


def _hit(**fields: Any) -> Hit:
    base: dict[str, Any] = dict(
        id="2023/12/a/article.txt",
        title="Lễ hội hoa dã quỳ",
        date="2023-12-01",
        outlet=None,
        score=1.0,
        snippet="Đà Lạt mùa hoa",
        photos=0,
    )
    return Hit(**{**base, **fields})


def test_a_card_is_keyed_by_what_it_shows() -> None:
    hit = _hit()
    assert results.card_key(hit) == results.card_key(_hit())
    other = replace(hit, snippet="Một đoạn khác, dài hơn nhiều, của cùng bài báo ấy")
    assert results.card_key(other) != results.card_key(hit)  # another search's snippet
    assert results.card_key(replace(hit, snippet_marks=((0, 2),))) != results.card_key(hit)


def test_a_page_is_measured_off_the_window_thread(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    where: list[bool] = []
    measure = results.card_height
    layout = results.measure_card

    def counted(*args: Any) -> int:
        where.append(threading.current_thread() is threading.main_thread())
        return layout(*args)

    window.show()  # (the cards shown before are measured again at the new width)
    qtbot.wait(100)
    monkeypatch.setattr(results, "measure_card", counted)
    with qtbot.waitSignal(window.search_done, timeout=30000):
        window.set_query("hội")
    shown = window.results.model.rowCount()
    assert shown > 1
    qtbot.wait(50)  # the list lays its cards out and paints them
    assert where.count(False) >= shown  # the search thread measured every card
    assert where.count(True) == 0  # the window measured none
    # and the list's cards are those heights: nothing cut off, nothing to measure again
    view = window.results.view
    delegate = window.results.delegate
    for row in range(shown):
        hit = window.results.model.hit(row)
        rect = view.visualRect(window.results.model.index(row, 0))
        expected = measure(hit, delegate.text_width(view), view.font(), delegate._photos_label)
        assert rect.height() == expected, row


def test_a_resized_list_measures_its_cards_again(window: Any, qtbot: Any) -> None:
    window.show()
    with qtbot.waitSignal(window.search_done, timeout=30000):
        window.set_query("hội")
    view = window.results.view
    narrow = view.visualRect(window.results.model.index(0, 0)).height()
    window.resize(1900, 800)
    qtbot.waitUntil(lambda: view.visualRect(window.results.model.index(0, 0)).height() != narrow)
    hit = window.results.model.hit(0)
    delegate = window.results.delegate
    width = delegate.text_width(view)
    expected = results.card_height(hit, width, view.font(), delegate._photos_label)
    assert view.visualRect(window.results.model.index(0, 0)).height() == expected


def test_the_search_threads_measure_is_the_painted_cards_height(qtbot: Any) -> None:
    """`measure_card` (lines laid out with QTextLayout, no QObject made off the window's
    thread) gives the height of the document the card is painted from, whatever its
    text, marks, date line and width."""
    import random

    from PySide6.QtGui import QFont

    words = (
        "Lễ hội hoa dã quỳ Đà Lạt mùa hoa nở rộ khắp các con đường thành phố du khách 2023 "
        "(ảnh) — “trích dẫn” supercalifragilisticexpialidocious-a-very-long-word-unbroken"
    ).split()
    rng = random.Random(7)

    def text(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n))

    label = lambda n: f"{n} ảnh"  # noqa: E731
    font = QFont()
    for k in range(300):
        title = text(rng.randint(0, 25))
        hit = _hit(
            id=f"{k}/article.txt",
            title=title,
            title_marks=((0, min(3, len(title))),),
            snippet=rng.choice(["", text(rng.randint(1, 80)), "  hai\u00a0 dấu   cách \n"]),
            date=rng.choice(["2023-12-01", None, "2019"]),
            outlet=rng.choice([None, "Tuổi Trẻ"]),
            photos=rng.choice([0, 0, 3]),
        )
        width = rng.choice([80, 120, 200, 333, 500, 800])
        assert results.measure_card(hit, width, font, label) == results.card_height(
            hit, width, font, label
        ), (k, hit)


def test_cards_are_measured_while_the_window_drops_animations(qtbot: Any) -> None:
    """The search thread measures pages of cards while the window's thread makes and
    drops widgets' animations (as a style does): both finish, within a deadline."""
    import time

    from PySide6.QtCore import QPropertyAnimation
    from PySide6.QtWidgets import QListView, QWidget

    class Shown(QWidget):
        pass

    view = QListView()
    measure = results.ResultDelegate(view).measurer(view)
    hits = [_hit(id=f"{k}/a.txt", title=f"Lễ hội {k}", snippet="Đà Lạt " * k) for k in range(60)]
    done = threading.Event()

    def work() -> None:
        for _ in range(60):
            measure(hits)
        done.set()

    # a hang ends the run with both threads' stacks, not at CI's time limit
    faulthandler.dump_traceback_later(120, exit=True)
    threading.Thread(target=work, daemon=True).start()
    deadline = time.monotonic() + 60
    while not done.is_set():
        assert time.monotonic() < deadline, "the measuring thread and the window hung"
        widgets = [Shown() for _ in range(30)]
        animations = [QPropertyAnimation(w, b"pos") for w in widgets]
        for animation, widget in zip(animations, widgets, strict=True):
            animation.finished.connect(widget.update)
        for obj in [*animations, *widgets]:
            obj.deleteLater()
        del widgets, animations
        qtbot.wait(1)
    faulthandler.cancel_dump_traceback_later()
