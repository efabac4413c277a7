"""A self-contained HTML folder: index.html, one page per article, copied images.

Nothing refers outside the folder: no remote links, scripts or fonts.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from tangthu.archive.export.common import (
    Progress,
    Resolved,
    SourceSkipped,
    copy_file,
    safe_name,
    shown_date,
    tick,
)
from tangthu.archive.export.registry import ExportFormat
from tangthu.archive.model import Article, CancelToken

CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; max-width: 52em; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.5; }
h1 { font-size: 1.6em; line-height: 1.25; }
.meta, .source { color: #665f50; }
.source code { font-size: .85em; word-break: break-all; }
figure { margin: 1em 0; }
figure .row { display: flex; gap: .5em; flex-wrap: wrap; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figure .row img { max-width: calc(50% - .5em); }
figcaption { font-style: italic; color: #4a4538; }
.missing { background: #ece6d8; color: #8a4a3a; padding: 2em; text-align: center; }
table.items { border-collapse: collapse; width: 100%; }
table.items th, table.items td { text-align: left; padding: .3em .5em;
       border-bottom: 1px solid #e4dfd3; vertical-align: top; }
table.items td.date { white-space: nowrap; }
.about { background: #f4f0e6; padding: .6em 1em; border-radius: .3em; }
.photos { display: flex; flex-wrap: wrap; gap: 1em; }
.photos figure { width: 14em; }
"""


def _page(title: str, body: str, css: str = "style.css") -> str:
    return (
        "<!DOCTYPE html>\n<html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><link rel='stylesheet' href='{css}'></head>"
        f"<body>{body}</body></html>\n"
    )


def write_html(
    resolved: Resolved,
    out: Path,
    *,
    multi_root: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    title: str = "",
    about: str = "",
) -> list[str]:
    """*title* names the export; *about* says what was exported (the search and its
    filters), shown with the date of the export on the index page."""
    (out / "style.css").write_text(CSS, encoding="utf-8")
    (out / "articles").mkdir()
    (out / "images").mkdir()
    written = ["style.css"]
    copied: dict[str, str | None] = {}

    def image(src: str, root: str) -> str | None:
        """The copied image's path in the export; None when the file was left out."""
        if src not in copied:
            name = safe_name(f"{len(copied) + 1:04d}-{Path(src).name}")
            try:
                copy_file(Path(src), out / "images" / name, root, resolved.allowed(root))
            except SourceSkipped as exc:
                resolved.skip(exc, Path(src).name)
                copied[src] = None
            else:
                copied[src] = f"images/{name}"
                written.append(f"images/{name}")
        return copied[src]

    total = len(resolved.articles) + len(resolved.photos)
    listing = []
    for n, (_item, art) in enumerate(resolved.articles, start=1):
        tick(progress, cancel, n - 1, total)
        page = f"articles/{n:04d}.html"
        marks = resolved.marks(_item.root, art.id)
        page_html = _article_page(art, lambda src, root=_item.root: image(src, root), marks)
        (out / page).write_text(page_html, encoding="utf-8")
        written.append(page)
        listing.append(
            f"<tr><td>{n}</td><td><a href='{page}'>{html.escape(art.title)}</a></td>"
            f"<td class='date'>{html.escape(shown_date(art))}</td>"
            f"<td>{html.escape(art.outlet or '')}</td></tr>"
        )
    photos = []
    for k, photo in enumerate(resolved.photos, start=len(resolved.articles) + 1):
        tick(progress, cancel, k - 1, total)
        if photo.path is None:
            continue
        src = image(str(photo.path), photo.item.root)
        if src is None:
            continue
        of = html.escape(photo.article.title) if photo.article else ""
        photos.append(
            f"<figure><img src='{src}' alt=''><figcaption>{html.escape(photo.caption)}"
            f"<br><span class='meta'>{of}</span></figcaption></figure>"
        )
    heading = title or "Tàng Thư"
    lines = [f"Xuất ngày {dt.date.today().isoformat()} bằng Tàng Thư"]
    if about:
        lines.insert(0, about)
    body = [
        f"<h1>{html.escape(heading)}</h1>",
        "<p class='about'>" + "<br>".join(html.escape(x) for x in lines) + "</p>",
    ]
    if listing:
        body.append(
            f"<h2>Bài viết ({len(listing)})</h2><table class='items'>"
            "<tr><th>#</th><th>Tiêu đề</th><th>Ngày</th><th>Nguồn</th></tr>"
            f"{''.join(listing)}</table>"
        )
    if photos:
        body.append(f"<h2>Ảnh ({len(photos)})</h2><div class='photos'>{''.join(photos)}</div>")
    (out / "index.html").write_text(_page(heading, "".join(body)), encoding="utf-8")
    tick(progress, cancel, total, total)
    return ["index.html", *written]


def _article_page(art: Article, image, marks=((), "")) -> str:  # type: ignore[no-untyped-def]
    """An article's page; *marks* are the user's tags and note on it."""
    e = html.escape
    refs = {p.file: p for p in art.photos}
    parts = ["<p><a href='../index.html'>← Tàng Thư</a></p>", f"<h1>{e(art.title)}</h1>"]
    meta = " · ".join(e(x) for x in (shown_date(art), art.author, art.outlet) if x)
    if meta:
        parts.append(f"<p class='meta'>{meta}</p>")
    if art.source_url:
        parts.append(f"<p class='source'>Nguồn: <code>{e(art.source_url)}</code></p>")
    tags, note = marks
    if tags:
        parts.append(f"<p class='meta'>Nhãn: {e('; '.join(tags))}</p>")
    if note:
        parts.append(f"<p class='about'>Ghi chú: {e(note)}</p>")
    if art.lead:
        parts.append(f"<p><strong>{e(art.lead)}</strong></p>")
    for block in art.blocks:
        if block.type == "text":
            parts.append(f"<p>{e(block.text)}</p>")
            continue
        imgs = []
        for name in block.files:
            ref = refs.get(name)
            src = image(ref.path) if ref is not None and ref.exists and ref.path else None
            if src is not None:
                imgs.append(f"<img src='../{src}' alt='{e(name)}'>")
            elif ref is not None and ref.address:
                imgs.append(
                    "<div class='missing'>Ảnh không được lưu cùng trang"
                    f"<br><code>{e(ref.address)}</code></div>"
                )
            else:
                imgs.append(f"<div class='missing'>Thiếu ảnh: {e(name)}</div>")
        cap = f"<figcaption>{e(block.caption)}</figcaption>" if block.caption else ""
        parts.append(f"<figure><div class='row'>{''.join(imgs)}</div>{cap}</figure>")
    if art.related:
        items = "".join(f"<li>{e(r.title)}</li>" for r in art.related)
        parts.append(f"<h2>Tin liên quan</h2><ul>{items}</ul>")
    return _page(art.title, "".join(parts), "../style.css")


EXPORT_FORMATS = (
    ExportFormat(
        "html",
        "Web pages (offline folder)",
        True,
        "",
        write_html,
        options=("title", "about"),
        order=50,
    ),
)
