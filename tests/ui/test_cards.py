"""The results' cards are measured in the search thread and laid out once per look:
showing a page of hits lays out no card on the window's thread."""

from __future__ import annotations

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

    def counted(*args: Any) -> int:
        where.append(threading.current_thread() is threading.main_thread())
        return measure(*args)

    window.show()  # (the cards shown before are measured again at the new width)
    qtbot.wait(100)
    monkeypatch.setattr(results, "card_height", counted)
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
