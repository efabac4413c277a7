"""A result's card: what it shows under its title, its key, and how tall it is, laid out
as the list paints it (`card_document`) or, on the search thread, with `QTextLayout`
(`measure_card`: no QObject made off the window's thread)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QTextDocument, QTextLayout, QTextOption

from tangthu.library.records import Hit
from tangthu.ui.marks import marked_html

#: The side of a card's thumbnail (pixels).
THUMB_PX = 72


def shown_date(hit: Hit) -> str:
    """The date as the list shows it; a guess (`Hit.date_estimated`) carries ≈ before it,
    a date the user corrected ✎ after it."""
    if not hit.date:
        return ""
    if "date" in hit.corrected:
        return f"{hit.date} ✎"
    return f"≈ {hit.date}" if hit.date_estimated else hit.date


def format_tag(name: str) -> str:
    """A format as the list shows it: ``PDF``, ``HTML``, ``DOCX``, ``TXT``."""
    return "TXT" if name == "text" else name.upper()


def marked(hit: Hit, field: str) -> str:
    """A field of *hit* (``title``, ``author``, ``outlet``…) as lists show it: ✎ after
    it when the user corrected it."""
    value = getattr(hit, field) or ""
    return f"{value} ✎".strip() if field in hit.corrected else value


def meta_line(hit: Hit) -> str:
    """What a card says under its title: date, author, outlet (✎ after what the user
    corrected), and the file's format when it is not the archive's text format."""
    kind = format_tag(hit.format) if hit.format != "text" else ""
    author = marked(hit, "author") if hit.author else ""
    outlet = marked(hit, "outlet") if hit.outlet else ""
    return " · ".join(x for x in (shown_date(hit), author, outlet, kind) if x)


#: A card's measure: what it shows (`card_key`), the text's width and the font's key.
HeightKey = tuple[str, int, str]


def card_key(hit: Hit) -> str:
    """What a card shows, as a key: the same article found by another search may show
    another snippet and other marks, and be as tall as its new text."""
    shown = (hit.title, hit.title_marks, hit.title_near, hit.snippet, hit.snippet_marks)
    return f"{hit.id}\x00{hash(repr((*shown, hit.snippet_near, hit.photos, meta_line(hit))))}"


#: The card's three lines of text: (point size, weight) of the title, the date line and
#: the snippet, as `card_document` sets them.
_CARD_TEXTS = ((11.0, 600), (9.0, None), (9.5, None))
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def card_document(
    hit: Hit, width: int, font: QFont, meta_colour: str, photos_label: Callable[[int], str]
) -> QTextDocument:
    """The text of a hit's card (title with its matches marked, date and outlet, snippet)
    laid out at *width*, as the list paints it (`measure_card` measures the same lines
    without a document, off the window's thread)."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    texts = (
        marked_html(hit.title, hit.title_marks, near=hit.title_near),
        html.escape(_meta(hit, photos_label)),
        marked_html(hit.snippet, hit.snippet_marks, near=hit.snippet_near),
    )
    colours = ("", f"color:{meta_colour}; ", "")
    doc.setHtml(
        "".join(
            f"<div style='{colour}font-size:{size:g}pt"
            + (f"; font-weight:{weight}" if weight else "")
            + f"'>{text}</div>"
            for text, colour, (size, weight) in zip(texts, colours, _CARD_TEXTS, strict=True)
        )
    )
    doc.setTextWidth(width)
    return doc


def card_height(hit: Hit, width: int, font: QFont, photos_label: Callable[[int], str]) -> int:
    """How tall a hit's card is with its text *width* wide (the thumbnail's height at least)."""
    doc = card_document(hit, width, font, "black", photos_label)
    return max(int(THUMB_PX * 0.75), int(doc.size().height()) + 1) + 12


def _meta(hit: Hit, photos_label: Callable[[int], str]) -> str:
    """A card's second line: `meta_line`, and how many photos the article has."""
    meta = meta_line(hit)
    if hit.photos:
        meta = f"{meta} · {photos_label(hit.photos)}" if meta else photos_label(hit.photos)
    return meta


def measure_card(hit: Hit, width: int, font: QFont, photos_label: Callable[[int], str]) -> int:
    """`card_height`, found with `QTextLayout` instead of a document: the same lines
    broken the same way, and no QObject made. The search thread measures with it: a
    QTextDocument made or dropped on another thread connects or disconnects its layout
    there, under a lock of Qt's that the window's thread may hold while it waits for
    Python's (the window hung so, destroying an animation)."""
    meta = _meta(hit, photos_label)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    height = 0.0
    texts = (hit.title, meta, hit.snippet)
    for k, (text, (size, weight)) in enumerate(zip(texts, _CARD_TEXTS, strict=True)):
        text = _HTML_SPACE.sub(" ", text or "").strip(" ")
        if not text and k < 2:
            continue  # an empty title or date line makes no line (the snippet's last
            # block is there, empty or not)
        face = QFont(font)
        face.setPointSizeF(size)
        if weight is not None:
            face.setWeight(QFont.Weight(weight))
        layout = QTextLayout(text, face)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
    return max(int(THUMB_PX * 0.75), int(height) + 1) + 12
