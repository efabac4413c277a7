"""Press articles cited in a bibliography style, and as CSL-JSON records.

Citations are formatted by citeproc-py with the Citation Style Language styles
bundled in ``csl/`` (APA 7th edition, Chicago author-date); the record each style
formats is the article as a CSL-JSON ``article-newspaper`` item, which is also what
the CSL-JSON export writes and what Zotero, Mendeley and EndNote read.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

from tangthu.archive.model import Article

STYLES_DIR = Path(__file__).resolve().parent / "csl"
#: style name -> (file, what a user reads)
STYLES = {
    "apa": ("apa.csl", "APA (7th edition)"),
    "chicago": ("chicago-author-date-16th-edition.csl", "Chicago (author-date)"),
}


def _date_parts(date: str) -> list[int]:
    parts = []
    for piece in date.split("-")[:3]:
        if not piece.isdigit():
            break
        parts.append(int(piece))
    return parts


def csl_item(
    article: Article,
    *,
    item_id: str | None = None,
    tags: tuple[str, ...] = (),
    note: str = "",
    accessed: dt.date | None = None,
) -> dict[str, Any]:
    """*article* as a CSL-JSON newspaper article. A date guessed from the photos is
    not given as the article's."""
    item: dict[str, Any] = {
        "id": item_id or article.id,
        "type": "article-newspaper",
        "title": article.title,
        "language": "vi",
    }
    if article.author:
        item["author"] = [{"literal": article.author}]
    if article.outlet:
        item["container-title"] = article.outlet
    if article.date and not article.date_estimated and _date_parts(article.date):
        item["issued"] = {"date-parts": [_date_parts(article.date)]}
    if article.source_url:
        item["URL"] = article.source_url
        when = accessed or dt.date.today()
        item["accessed"] = {"date-parts": [[when.year, when.month, when.day]]}
    if article.lead:
        item["abstract"] = article.lead
    if tags:
        item["keyword"] = ", ".join(tags)
    if note:
        item["note"] = note
    return item


def citation(article: Article, style: str = "apa", accessed: dt.date | None = None) -> str:
    """*article* as its entry in a bibliography of *style* (``apa`` or ``chicago``).

    Raises:
        KeyError: *style* is not one of `STYLES`.
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    file, _label = STYLES[style]
    record = csl_item(article, item_id="item", accessed=accessed)
    with warnings.catch_warnings():  # citeproc-py warns of CSL features it skips
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(
            _style(file), CiteProcJSON([record]), formatter.plain
        )
        bibliography.register(Citation([CitationItem("item")]))
        entries = [str(entry) for entry in bibliography.bibliography()]
    text = " ".join(" ".join(entries).split())
    if not article.author:
        # Without an author the style puts the title (APA) or the outlet (Chicago) in
        # its place; citeproc-py then prints it a second time where it usually stands.
        for stand_in in (article.title.rstrip("."), f"“{article.title}”", article.outlet or ""):
            text = _without_repeat(text, stand_in)
    return text.strip()


def reference_list(
    articles: list[Article], style: str = "apa", accessed: dt.date | None = None
) -> list[str]:
    """*articles* as the entries of a reference list in *style*, in the order the style
    sorts them (APA, Chicago author-date: by author, or the title standing in for one,
    then by date), each entry as `citation` writes it.

    Raises:
        KeyError: *style* is not one of `STYLES`.
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    file, _label = STYLES[style]
    records = [csl_item(a, item_id=f"i{n}", accessed=accessed) for n, a in enumerate(articles)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(
            _style(file), CiteProcJSON(records), formatter.plain
        )
        bibliography.register(Citation([CitationItem(r["id"]) for r in records]))
        bibliography.sort()
    order = [int(str(key)[1:]) for key in bibliography.keys]
    return [citation(articles[n], style, accessed) for n in order]


def _style(file: str) -> Any:
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(str(STYLES_DIR / file), validate=False)


def _without_repeat(text: str, value: str) -> str:
    """*text* without the second time *value* stands in it as a part of its own (after
    ". " and before a stop or a comma; not inside a web address)."""
    if not value or not text.startswith(value):
        return text
    second = text.find(f". {value}", len(value))
    end = second + 2 + len(value)
    if second < 0 or end >= len(text) or text[end] not in ".,":
        return text
    return text[: second + 2] + text[end + 1 :].lstrip()
