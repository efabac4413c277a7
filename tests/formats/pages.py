"""Saved web pages made from real articles: what a browser's "Save page as…" keeps of
a paper's page (``NAME.html`` and ``NAME_files/``), in the markup of four kinds of
template (modelled on the Vietnamese papers' and a blog's), with the furniture a real
page has around the story: menus, a header, ads, scripts, styles, share buttons, a
"related" box inside the story, a "most read" list, a footer.

`save_page(article, folder, template)` writes one and returns what the page's story
is (`Truth`), so a test or the benchmark can compare what the reader found with it.
"""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from tangthu.archive.model import Article

TEMPLATES = ("vnexpress", "tuoitre", "dantri", "blog")

#: Words that appear only in the page's furniture: none may reach the story.
FURNITURE_WORDS = (
    "Trang chủ", "Thời sự", "Đăng nhập", "Quảng cáo", "Xem nhiều nhất",
    "Tin liên quan", "Bản quyền thuộc về", "Chia sẻ Facebook", "Đọc thêm ở đây",
    "var dataLayer", "font-family",
)  # fmt: skip


@dataclass
class Truth:
    title: str
    lead: str
    paragraphs: list[str]
    captions: dict[str, str] = field(default_factory=dict)  # photo path -> caption
    date: str | None = None
    author: str | None = None
    url: str | None = None


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_HEAD = """<!DOCTYPE html>
<!-- saved from url=(0060){url} -->
<html lang="vi"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{title} - {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta name="description" content="{lead_short}">
{date_meta}
<link rel="canonical" href="{url}">
<style>body {{ font-family: Arial; }} .menu li {{ display: inline; }}</style>
<script>var dataLayer = []; function track() {{ return "Quảng cáo"; }}</script>
</head><body>
<header class="site-header"><a href="/">Trang chủ</a>
<a class="login" href="#">Đăng nhập</a></header>
<nav class="main-menu"><ul class="menu"><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/the-gioi">Thế giới</a></li><li><a href="/kinh-doanh">Kinh doanh</a></li></ul></nav>
<div class="banner-top ads"><a href="#"><img src="./{files}/banner.gif"> Quảng cáo</a></div>
"""

_FOOT = """<div class="box-most-read xem-nhieu"><h3>Xem nhiều nhất</h3><ul>
<li><a href="/a">Một bài khác được nhiều người xem nhất trong ngày,
rất dài để trông như văn</a></li>
<li><a href="/b">Một bài nữa, cũng được nhiều người đọc, với một tiêu đề dài như thật</a></li>
</ul></div>
<footer class="footer"><p>Bản quyền thuộc về tòa soạn. Giấy phép số 548/GP-BTTTT, cấp ngày
24/8/2021. Không được sao chép khi chưa có sự đồng ý bằng văn bản.</p></footer>
<script>track();</script>
</body></html>
"""

_RELATED = """<div class="box-tinlienquan related"><h4>Tin liên quan</h4><ul>
<li><a href="/x">Đọc thêm ở đây một bài có liên quan đến sự kiện này, tiêu đề khá dài</a></li>
<li><a href="/y">Một bài liên quan khác, với tiêu đề cũng dài như những bài báo thật</a></li>
</ul></div>
"""

_SHARE = '<div class="social-share"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a></div>'


def _figure(template: str, src: str, caption: str) -> str:
    if template == "vnexpress":
        return (
            f'<figure class="tplCaption"><div class="fig-picture"><picture>'
            f'<img itemprop="contentUrl" src="{_e(src)}" data-src="https://i.example.vn/x.jpg"'
            f' alt="{_e(caption)}"></picture></div><figcaption itemprop="description">'
            f'<p class="Image">{_e(caption)}</p></figcaption></figure>'
        )
    if template == "tuoitre":
        return (
            f'<div class="VCSortableInPreviewMode" type="Photo"><div><a href="#">'
            f'<img src="{_e(src)}" alt="{_e(caption)}"></a></div>'
            f'<div class="PhotoCMS_Caption"><p data-placeholder="[nhập chú thích]">'
            f"{_e(caption)}</p></div></div>"
        )
    if template == "dantri":
        return (
            f'<figure class="image align-center"><img data-src="https://cdn.example/x.jpg"'
            f' src="{_e(src)}"><figcaption><p>{_e(caption)}</p></figcaption></figure>'
        )
    return f'<p><img src="{_e(src)}"></p><p class="wp-caption-text">{_e(caption)}</p>'


def _story_open(template: str) -> str:
    return {
        "vnexpress": '<article class="fck_detail" itemprop="articleBody">',
        "tuoitre": '<div class="detail-content afcbc-body" data-role="content">',
        "dantri": '<div class="singular-content">',
        "blog": '<div class="entry-content">',
    }[template]


def _story_close(template: str) -> str:
    return "</article>" if template == "vnexpress" else "</div>"


def save_page(article: Article, folder: Path, template: str, *, name: str = "bai-bao") -> Truth:
    """Write *article* as a saved page ``folder/NAME.html`` (+ ``NAME_files/``)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = f"{name}_files"
    (folder / files).mkdir(exist_ok=True)
    (folder / files / "banner.gif").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    (folder / files / "app.js").write_text("var x = 1;", encoding="utf-8")
    url = article.source_url or f"https://{template}.example.vn/{name}.html"
    truth = Truth(title=article.title, lead=article.lead, paragraphs=[], date=article.date, url=url)
    date_meta = (
        f'<meta property="article:published_time" content="{article.date}T08:30:00+07:00">'
        if article.date and len(article.date) == 10
        else ""
    )
    head = _HEAD.format(
        url=_e(url),
        title=_e(article.title),
        site=template.capitalize(),
        lead_short=_e(article.lead[:150]),
        date_meta=date_meta,
        files=files,
    )
    parts = [head, '<main class="container"><div class="sidebar-left ads">Quảng cáo</div>']
    parts.append(f'<h1 class="title-detail">{_e(article.title)}</h1>')
    parts.append(_SHARE)
    if article.lead:
        lead_class = {"tuoitre": "detail-sapo", "dantri": "singular-sapo"}.get(
            template, "description"
        )
        tag = "h2" if template in ("tuoitre", "dantri") else "p"
        parts.append(f'<{tag} class="{lead_class}">{_e(article.lead)}</{tag}>')
    parts.append(_story_open(template))
    shown = 0
    texts = [b for b in article.blocks if b.type == "text"]
    for k, block in enumerate(article.blocks):
        if block.type == "text":
            parts.append(f'<p class="Normal">{_e(block.text)}</p>')
            truth.paragraphs.append(block.text)
            if texts and block is texts[len(texts) // 2] and k:
                parts.append(_RELATED)
        elif block.type == "photos":
            for file in block.files:
                photo = next((p for p in article.photos if p.file == file and p.path), None)
                if photo is None or photo.path is None:
                    continue
                shown += 1
                saved = f"{files}/anh-{shown}{Path(file).suffix.lower()}"
                shutil.copyfile(photo.path, folder / saved)
                parts.append(_figure(template, f"./{saved}", block.caption or ""))
                truth.captions[saved] = block.caption or ""
    if article.author:
        parts.append(
            f'<p class="Normal" style="text-align:right;"><strong>{_e(article.author)}</strong></p>'
        )
        truth.author = article.author
    parts.append(_story_close(template))
    parts.append(_SHARE)
    parts.append("</main>")
    parts.append(_FOOT)
    (folder / f"{name}.html").write_text("\n".join(parts), encoding="utf-8")
    return truth


def as_mhtml(folder: Path, name: str = "bai-bao") -> bytes:
    """A saved page (``NAME.html`` + ``NAME_files/``) as a browser's single file: the
    page and its pictures as parts of ``multipart/related``, the pictures named by
    their web address as the page's ``src`` gives it."""
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    page = (folder / f"{name}.html").read_text(encoding="utf-8")
    whole = MIMEMultipart("related", type="text/html")
    whole["Snapshot-Content-Location"] = "https://bao.example.vn/bai-bao.html"
    for picture in sorted((folder / f"{name}_files").glob("anh-*")):
        address = f"https://cdn.example.vn/images/{picture.name}"
        page = page.replace(f"./{name}_files/{picture.name}", address)
        part = MIMEImage(picture.read_bytes(), "jpeg")
        part["Content-Location"] = address
        whole.attach(part)
    html_part = MIMEText(page, "html", "utf-8")
    html_part["Content-Location"] = "https://bao.example.vn/bai-bao.html"
    whole.attach(html_part)
    return whole.as_bytes()
