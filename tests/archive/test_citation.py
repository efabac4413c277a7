"""Press articles cited in the bundled CSL styles (APA, Chicago), through citeproc-py."""

from __future__ import annotations

import datetime as dt

import pytest

from tangthu.archive.citation import STYLES, citation, csl_item
from tangthu.archive.model import Article

ARTICLE = Article(
    id="x/article.txt",
    title="Nhân rộng các điển hình tiên tiến",
    lead="Chiều 21/3, Ủy ban MTTQ tỉnh tổ chức hội nghị.",
    author="Trần Tuấn Ngọc",
    outlet="baolaocai.vn",
    date="2024-03-21",
    date_source="text",
    source_url="https://baolaocai.vn/a.html",
)


def test_apa_and_chicago() -> None:
    assert citation(ARTICLE, "apa") == (
        "Trần Tuấn Ngọc. (2024, March 21). Nhân rộng các điển hình tiên tiến. baolaocai.vn. "
        "https://baolaocai.vn/a.html"
    )
    assert citation(ARTICLE, "chicago") == (
        "Trần Tuấn Ngọc. 2024. “Nhân rộng các điển hình tiên tiến”. baolaocai.vn, March 21. "
        "https://baolaocai.vn/a.html."
    )
    with pytest.raises(KeyError):
        citation(ARTICLE, "nosuch")
    assert set(STYLES) == {"apa", "chicago"}


def test_without_author_the_stand_in_is_not_repeated() -> None:
    no_author = Article(
        id="y",
        title="Lũ quét",
        lead="",
        outlet="vnexpress.net",
        date="2024-09-10",
        date_source="text",
    )
    assert citation(no_author, "apa") == "Lũ quét. (2024, September 10). vnexpress.net."
    assert citation(no_author, "chicago") == "vnexpress.net. 2024. “Lũ quét”. September 10."


def test_an_estimated_date_is_not_cited_as_the_articles() -> None:
    guessed = Article(id="y", title="Lũ", lead="", date="2019-08-07", date_source="exif")
    assert citation(guessed) == "Lũ. (n.d.)."
    assert "issued" not in csl_item(guessed)
    month = Article(id="z", title="Lũ", lead="", date="2024-09", date_source="folder")
    assert csl_item(month)["issued"] == {"date-parts": [[2024, 9]]}
    assert citation(month, "apa") == "Lũ. (2024, September)."


def test_csl_item_fields() -> None:
    item = csl_item(
        ARTICLE, tags=("lũ lụt", "Lào Cai"), note="xem lại", accessed=dt.date(2026, 1, 2)
    )
    assert item["type"] == "article-newspaper" and item["container-title"] == "baolaocai.vn"
    assert item["author"] == [{"literal": "Trần Tuấn Ngọc"}]
    assert item["accessed"] == {"date-parts": [[2026, 1, 2]]}
    assert item["keyword"] == "lũ lụt, Lào Cai" and item["note"] == "xem lại"
