"""A press article cited as a bibliography would list it."""

from __future__ import annotations

import datetime as dt

from archive.citation import citation
from archive.model import Article


def test_citation_of_a_dated_article_with_author_outlet_and_url() -> None:
    a = Article(
        id="x/article.txt",
        title="Nhân rộng các điển hình tiên tiến",
        lead="",
        author="Trần Tuấn Ngọc",
        outlet="baolaocai.vn",
        date="2024-03-21",
        date_source="text",
        source_url="https://baolaocai.vn/a.html",
    )
    assert citation(a, accessed=dt.date(2026, 11, 27)) == (
        "Trần Tuấn Ngọc. (2024, March 21). Nhân rộng các điển hình tiên tiến. baolaocai.vn. "
        "https://baolaocai.vn/a.html (accessed 2026-11-27)"
    )


def test_an_estimated_or_partial_date_is_not_cited_as_the_articles() -> None:
    guessed = Article(id="y", title="Lũ.", lead="", date="2019-08-07", date_source="exif")
    assert citation(guessed) == "(n.d.). Lũ."
    month = Article(id="z", title="Lũ", lead="", date="2024-09", date_source="folder")
    assert citation(month) == "(2024, September). Lũ."
