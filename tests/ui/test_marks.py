"""The window marks words found in escaped text: article text is never markup."""

from __future__ import annotations

from tangthu.ui.marks import OPEN, marked_html


def test_marks_escape_the_text_and_wrap_the_words() -> None:
    html = marked_html("a <script>x</script> đoàn", [(21, 25)])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.endswith(f"{OPEN}đoàn</span>")


def test_overlapping_or_unsorted_spans_are_marked_once() -> None:
    assert marked_html("ab cd", [(3, 5), (0, 2), (1, 2)], "[", "]") == "[ab] [cd]"
