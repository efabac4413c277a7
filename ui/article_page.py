"""The article as the reader shows it: HTML with its photos in place, captions under
them, the words found marked. Everything is escaped; photos are ``photo:N`` images
that the reader serves itself."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtGui import QGuiApplication, QPalette

from tangthu.library import highlight_spans
from tangthu.library.records import Article, Highlight, PhotoRef
from tangthu.ui.i18n import fmt
from tangthu.ui.marks import NEAR_OPEN, OPEN, marked_html

PHOTO_PX = 640
#: The reader shows at most this much text of one article (a whole newspaper year
#: pasted into one file would freeze any text view); the rest is announced.
MAX_SHOWN_CHARS = 300_000
#: The same for photos (the Photos tab shows every one of them).
MAX_SHOWN_PHOTOS = 300
#: Photos side by side in one row of a group; a larger group runs over several rows.
PER_ROW = 4
#: A reader at least this wide (pixels) shows a scan beside the text read from it.
SIDE_BY_SIDE = 900
_HIT_OPEN = OPEN


def muted() -> str:
    """Secondary text's colour (dates, sources, captions), from the palette: it reads
    on light and on dark."""
    return str(QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText).name())


def _mark(text: str, terms: Highlight) -> str:
    if not terms:
        return html.escape(text)
    matches, near = highlight_spans(text, terms)
    return marked_html(text, matches, near=near)


def corrected_html(article: Article, tr: Callable[[str], str]) -> str:
    """What the file says of the fields a librarian corrected, each with a link that
    reverts it (``revert:FIELD``; ``revert:all`` for every one)."""
    names = {
        "title": tr("title"),
        "date": tr("date"),
        "author": tr("author"),
        "outlet": tr("outlet"),
        "description": tr("description"),
    }
    parts = []
    for field, was in article.corrected:
        said = f"“{html.escape(was)}”" if was else html.escape(tr("(nothing)"))
        parts.append(
            f"{html.escape(names.get(field, field))}: {said} "
            f"<a href='revert:{field}'>{html.escape(tr('revert'))}</a>"
        )
    head = html.escape(tr("Corrected by you. The file says:"))
    every = ""
    if len(parts) > 1:
        every = f" · <a href='revert:all'>{html.escape(tr('Revert all'))}</a>"
    return f"<p style='color:{muted()}; font-size:9pt'>✎ {head} {' · '.join(parts)}{every}</p>"


def article_html(
    article: Article,
    terms: Highlight,
    tr: Callable[[str], str],
    *,
    width: int = 640,
) -> tuple[str, int]:
    """The reader's HTML for *article*, and how many search hits it marks.

    Every text of the article is escaped; photos are ``photo:N`` images (N is the
    index in ``article.photos``), missing ones a labelled placeholder.
    """
    refs = {p.file: (i, p) for i, p in enumerate(article.photos)}
    out = [f"<h1 style='font-size:19pt; margin-bottom:4px'>{_mark(article.title, terms)}</h1>"]
    meta = []
    if article.date:
        source = {
            "sidecar": tr("from the metadata file"),
            "folder": tr("from the folder name"),
            "folder+dateline": tr("month from the folder, day from the top of the article"),
            "page": tr("published date in the saved page"),
            "url": tr("from the source address"),
            "photo": tr("the photo's own date: when taken, else its IPTC date"),
            "dateline": tr("stated at the top of the article"),
            "body": tr("estimated: a date mentioned in the article"),
            "body+exif": tr("estimated: day in the text, year from the photos' EXIF"),
            "exif": tr("estimated from the photos' EXIF dates"),
            "corrected": tr("corrected by you"),
        }.get(article.date_source or "", article.date_source or "")
        shown = f"≈ {article.date}" if article.date_estimated else article.date
        meta.append(f"{html.escape(shown)} <span style='color:{muted()}'>({source})</span>")
    byline = " / ".join(html.escape(x) for x in (article.author, article.outlet) if x)
    if byline:
        meta.append(byline)
    if meta:
        out.append(f"<p style='color:{muted()}'>{' · '.join(meta)}</p>")
    if article.corrected:
        out.append(corrected_html(article, tr))
    if article.source_url:
        out.append(
            f"<p style='color:{muted()}; font-size:9pt'>{html.escape(tr('Source:'))} "
            f"<span style='font-family:monospace'>{html.escape(article.source_url)}</span></p>"
        )
    if article.pages:
        see = fmt(tr("See its %1 pages as pictures"), str(article.pages))
        if article.pages == 1:
            see = tr("See the page as a picture")
        out.append(f"<p><a href='page-open:1'>{html.escape(see)}</a></p>")
    budget = MAX_SHOWN_CHARS
    photos_left = MAX_SHOWN_PHOTOS
    blocks = list(article.blocks)
    # a scan: the picture, and what was read of it (side by side in a wide reader)
    beside = article.recognized is not None and width >= SIDE_BY_SIDE
    if article.recognized is not None:
        sure = fmt(
            tr("Text read from the picture by OCR, sure of %1% of the words"),
            f"{article.recognized:.0f}",
        )
        out.append(f"<p style='color:{muted()}; font-style:italic'>{html.escape(sure)}</p>")
        blocks.sort(key=lambda b: b.type != "photos")
        lead_at = sum(b.type == "photos" for b in blocks)
        width = width * 2 // 5 if beside else width
    else:
        lead_at = 0
    pictures_from = split = len(out)
    for at, block in enumerate([*blocks, None]):
        if at == lead_at:
            split = len(out)
            if article.lead:
                out.append(f"<p style='font-weight:600'>{_mark(article.lead[:budget], terms)}</p>")
                budget -= len(article.lead)
        if block is None:
            break
        if budget <= 0:
            note = tr("The article is too long to show whole; export it to read the rest.")
            out.append(f"<p style='color:#a33'>{html.escape(note)}</p>")
            break
        if block.type == "text":
            out.append(f"<p>{_mark(block.text[:budget], terms)}</p>")
            budget -= len(block.text)
            continue
        if photos_left <= 0:
            note = fmt(
                tr("%1 more photos are not shown here; the Photos tab shows them all."),
                sum(len(b.files) for b in article.blocks if b.type == "photos") - MAX_SHOWN_PHOTOS,
            )
            out.append(f"<p style='color:#a33'>{html.escape(note)}</p>")
            break
        files = block.files[:photos_left]
        photos_left -= len(files)
        per_row = min(PER_ROW, max(1, len(files)))
        photo_width = max(120, min(480, (width - 30) // per_row - 12))
        rows = []
        for start in range(0, len(files), per_row):
            cells = []
            for name in files[start : start + per_row]:
                i, ref = refs.get(name, (-1, None))
                cells.append(_photo_cell(i, ref, name, photo_width, tr))
            rows.append("<tr>" + "".join(cells) + "</tr>")
        caption = (
            f"<p style='color:{muted()}; font-style:italic; margin-top:2px'>"
            f"{_mark(block.caption, terms)}</p>"
            if block.caption
            else ""
        )
        out.append(
            "<table cellspacing='6' style='margin-top:6px'>" + "".join(rows) + f"</table>{caption}"
        )
    if beside:  # the scan on the left, its text on the right
        left, right = "".join(out[pictures_from:split]), "".join(out[split:])
        out[pictures_from:] = [
            "<table width='100%' cellspacing='0'><tr>"
            f"<td valign='top' width='40%'>{left}</td><td valign='top'>{right}</td></tr></table>"
        ]
    if article.related:
        out.append(f"<h3>{html.escape(tr('Related articles'))}</h3><ul>")
        for item in article.related:
            title = html.escape(item.title)
            link = (
                f"<a href='article:{html.escape(item.id, quote=True)}'>{title}</a>"
                if item.id
                else title
            )
            summary = (
                f"<br><span style='color:{muted()}'>{html.escape(item.summary)}</span>"
                if item.summary
                else ""
            )
            out.append(f"<li>{link}{summary}</li>")
        out.append("</ul>")
    if article.problems:
        out.append(f"<h3 style='color:#a33'>{html.escape(tr('Problems'))}</h3><ul>")
        out += [
            f"<li>{html.escape(p.detail)} "
            f"<span style='color:{muted()}'>({html.escape(p.kind)})</span></li>"
            for p in article.problems
        ]
        out.append("</ul>")
    body = "\n".join(out)
    count = 0

    def number(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        opening = _HIT_OPEN if m.group() == "\0" else NEAR_OPEN
        return f"<a name='hit-{count - 1}'></a>{opening}"

    body = body.replace(_HIT_OPEN, "\0").replace(NEAR_OPEN, "\1")
    body = re.sub("[\0\1]", number, body)
    return f"<html><body style='font-size:11pt'>{body}</body></html>", count


def _photo_cell(
    i: int, ref: PhotoRef | None, name: str, width: int, tr: Callable[[str], str]
) -> str:
    if ref is not None and ref.address:
        label = html.escape(tr("Photo not saved with the page (never fetched):"))
        return (
            f"<td width='{width}' height='{width * 3 // 4}' bgcolor='#ece6d8' align='center' "
            f"style='color:#5a5040'>{label}<br><span style='font-size:8pt'>"
            f"{html.escape(ref.address)}</span></td>"
        )
    if ref is None or not ref.exists:
        label = html.escape(fmt(tr("Missing photo: %1"), name))
        return (
            f"<td width='{width}' height='{width * 3 // 4}' bgcolor='#ece6d8' align='center' "
            f"style='color:#8a4a3a'>{label}</td>"
        )
    info = ref.info
    w, h = (info.width, info.height) if info and info.width and info.height else (4, 3)
    if info and info.orientation in (5, 6, 7, 8):
        w, h = h, w
    if info and info.width and info.height:
        width = min(width, w)  # never blown up past its own size (2x a high-DPI screen's)
    height = max(1, round(width * h / w))
    return (
        f"<td><a href='photo-open:{i}'><img src='photo:{i}' width='{width}' height='{height}'></a>"
        f"<br><span style='color:{muted()}; font-size:8pt'>{html.escape(name)}</span></td>"
    )
