"""PDF export with ReportLab: articles with photos in place, single photos on their own pages.

DejaVu Sans is embedded (it has every Vietnamese letter), so the text reads and
copies correctly everywhere.
"""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # ReportLab itself is imported when a PDF is written (it takes a while)
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Image, Paragraph

from tangthu.archive.export.common import Progress, Resolved, SourceSkipped, shown_date, tick
from tangthu.archive.export.registry import ExportFormat
from tangthu.archive.guard import UnsafeFile
from tangthu.archive.model import Article, CancelToken, PhotoRef
from tangthu.archive.photo import make_thumbnail, read_photo_info

FONTS = Path(__file__).resolve().parent / "fonts"
PHOTO_PX = 1400  # photos are scaled to this many pixels on their long side
PHOTO_DPI = 150  # a photo is printed at most at its natural size at this resolution
PER_ROW = 3  # photos side by side in a row of a group
CM = 72 / 2.54  # points
_registered = False


def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", str(FONTS / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily(
        "DejaVu",
        normal="DejaVu",
        bold="DejaVu-Bold",
        italic="DejaVu-Oblique",
        boldItalic="DejaVu-Bold",
    )
    _registered = True


def _styles() -> dict[str, ParagraphStyle]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName="DejaVu", fontSize=10.5, leading=15, spaceAfter=6)
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontName="DejaVu-Bold", fontSize=17, leading=22, spaceAfter=6
        ),
        "meta": ParagraphStyle(
            "meta", parent=base, fontSize=9, textColor=colors.HexColor("#5d5646")
        ),
        "lead": ParagraphStyle("lead", parent=base, fontName="DejaVu-Bold"),
        "body": base,
        "caption": ParagraphStyle(
            "caption",
            parent=base,
            fontName="DejaVu-Oblique",
            fontSize=9,
            leading=12,
            textColor=colors.HexColor("#3f3a2f"),
        ),
        "missing": ParagraphStyle(
            "missing",
            parent=base,
            fontSize=9,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#8a4a3a"),
        ),
        "h2": ParagraphStyle("h2", parent=base, fontName="DejaVu-Bold", fontSize=12, spaceBefore=8),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    from reportlab.platypus import Paragraph

    return Paragraph(html.escape(text, quote=False), style)


def _image(path: str, root: str, max_w: float, max_h: float, resolved: Resolved) -> Image | None:
    """A photo scaled into *max_w* × *max_h* points, never above its natural size at
    `PHOTO_DPI`; None (reported in *resolved*) when it cannot be shown."""
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    try:
        data = make_thumbnail(path, PHOTO_PX, quality=85, root=root, trusted=resolved.allowed(root))
    except (OSError, ValueError, SyntaxError) as exc:
        reason = (
            exc.detail
            if isinstance(exc, UnsafeFile)
            else (exc.strerror if isinstance(exc, OSError) else None)
            or str(exc)
            or type(exc).__name__
        )
        resolved.skip(SourceSkipped(Path(path), reason), Path(path).name)
        return None
    reader = ImageReader(io.BytesIO(data))
    w, h = reader.getSize()
    scale = min(max_w / w, max_h / h, 72 / PHOTO_DPI)
    return Image(io.BytesIO(data), width=w * scale, height=h * scale)


def _photo_rows(
    refs: list[PhotoRef | None],
    names: tuple[str, ...],
    width: float,
    st: dict[str, ParagraphStyle],
    root: str,
    resolved: Resolved,
) -> list[Any]:
    """A group of photos laid out in rows of at most `PER_ROW` (a gallery of any size
    runs over as many rows and pages as it needs)."""
    from reportlab.lib.units import cm
    from reportlab.platypus import Table, TableStyle

    per_row = min(PER_ROW, max(1, len(names)))
    gap = 0.3 * cm
    cell_w = (width - (per_row - 1) * gap) / per_row
    rows = []
    pairs = list(zip(names, refs, strict=True))
    for start in range(0, len(pairs), per_row):
        cells: list[Any] = []
        for name, ref in pairs[start : start + per_row]:
            img = (
                _image(ref.path, root, cell_w, 11 * cm, resolved)
                if ref and ref.exists and ref.path
                else None
            )
            if img is None and ref is not None and ref.address:
                cells.append(_p(f"Ảnh không được lưu cùng trang: {ref.address}", st["missing"]))
            elif img is None:
                why = "Thiếu ảnh" if not (ref and ref.exists) else "Không hiển thị được ảnh"
                cells.append(_p(f"{why}: {name}", st["missing"]))
            else:
                cells.append(img)
        cells += [""] * (per_row - len(cells))
        widths = [cell_w + (gap if k < per_row - 1 else 0) for k in range(per_row)]
        table = Table(
            [cells],
            colWidths=widths,
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "LEFT"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), gap),
                ]
            ),
        )
        rows.append(table)
    return rows


def _article_flow(
    art: Article,
    width: float,
    st: dict[str, ParagraphStyle],
    root: str,
    resolved: Resolved,
    marks: tuple[tuple[str, ...], str] = ((), ""),
) -> list[Any]:
    """An article's flowables; *marks* are the user's tags and note on it."""
    from reportlab.platypus import KeepTogether, Spacer

    flow: list[Any] = [_p(art.title, st["title"])]
    meta = " · ".join(x for x in (shown_date(art), art.author, art.outlet) if x)
    if meta:
        flow.append(_p(meta, st["meta"]))
    if art.source_url:
        flow.append(_p(f"Nguồn: {art.source_url}", st["meta"]))
    tags, note = marks
    if tags:
        flow.append(_p(f"Nhãn: {'; '.join(tags)}", st["meta"]))
    if note:
        flow.append(_p(f"Ghi chú: {note}", st["meta"]))
    flow.append(Spacer(1, 4))
    if art.lead:
        flow.append(_p(art.lead, st["lead"]))
    refs = {p.file: p for p in art.photos}
    for block in art.blocks:
        if block.type == "text":
            flow.append(_p(block.text, st["body"]))
            continue
        rows = _photo_rows(
            [refs.get(n) for n in block.files], block.files, width, st, root, resolved
        )
        # Each row goes whole to the next page when it does not fit (never shrunk); the
        # last row stays with its caption.
        flow += rows[:-1]
        last = rows[-1:]
        if block.caption:
            last += [Spacer(1, 3), _p(block.caption, st["caption"])]
        flow.append(KeepTogether([*last, Spacer(1, 6)]))
    if art.related:
        flow.append(_p("Tin liên quan", st["h2"]))
        flow += [_p(f"• {r.title}", st["body"]) for r in art.related]
    return flow


def _document(out: Path, title: str) -> Any:
    """A document that bookmarks each article, lists them in its contents, and prints
    the article's title at the head of its pages and the page number at their foot."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Frame, PageTemplate
    from reportlab.platypus.doctemplate import BaseDocTemplate

    class Document(BaseDocTemplate):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(
                str(out),
                pagesize=A4,
                leftMargin=2 * cm,
                rightMargin=2 * cm,
                topMargin=2.0 * cm,
                bottomMargin=1.8 * cm,
                title=title,
                author="",
                creator="Tàng Thư",
            )
            frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
            self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._decorate)])
            self.heading = ""

        def beforeDocument(self) -> None:  # noqa: N802
            self.heading = ""  # each pass of a build starts without a running head

        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802
            """An article's title: a bookmark, an outline entry, a line of the contents."""
            heading = getattr(flowable, "heading", None)
            if heading is not None:  # a photo of its own: its article heads the page
                self.heading = heading
            key = getattr(flowable, "bookmark", None)
            if key is None:
                return
            text = flowable.getPlainText()
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0, closed=True)
            self.notify("TOCEntry", (0, html.escape(text, quote=False), self.page, key))
            self.heading = text

        def _decorate(self, canvas: Any, doc: Any) -> None:
            canvas.saveState()
            canvas.setFont("DejaVu", 8)
            canvas.setFillColor(colors.HexColor("#8a8272"))
            top = A4[1] - 1.2 * cm
            if self.heading:
                head = self.heading if len(self.heading) < 110 else self.heading[:107] + "…"
                canvas.drawString(2 * cm, top, head)
                canvas.setStrokeColor(colors.HexColor("#d9d4c7"))
                canvas.line(2 * cm, top - 4, A4[0] - 2 * cm, top - 4)
            canvas.drawCentredString(A4[0] / 2, 1.1 * cm, str(canvas.getPageNumber()))
            canvas.restoreState()

    return Document()


def _contents(title: str, about: str, st: dict[str, ParagraphStyle]) -> list[Any]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak
    from reportlab.platypus.tableofcontents import TableOfContents

    toc = TableOfContents()
    toc.levelStyles = [
        ParagraphStyle("toc", parent=st["body"], leftIndent=0, firstLineIndent=0, spaceAfter=3)
    ]
    toc.dotsMinLevel = 0
    head = [_p(title, st["title"])]
    if about:
        head.append(_p(about, st["meta"]))
    return [*head, _p("Mục lục", st["h2"]), toc, PageBreak()]


def write_pdf(
    resolved: Resolved,
    out: Path,
    *,
    multi_root: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    title: str = "",
    about: str = "",
) -> list[str]:
    """*title* names the document; *about* (the search and its filters) is printed
    under it on the contents page."""
    from reportlab.platypus import PageBreak, Spacer

    _fonts()
    st = _styles()
    title = title or "Tàng Thư"
    doc = _document(out, title)
    width = doc.width
    flow: list[Any] = []
    total = len(resolved.articles) + len(resolved.photos)
    done = 0
    for n, (item, art) in enumerate(resolved.articles):
        tick(progress, cancel, done, total)
        if flow:
            flow.append(PageBreak())
        article = _article_flow(
            art, width, st, item.root, resolved, resolved.marks(item.root, art.id)
        )
        article[0].bookmark = f"article-{n}"
        flow += article
        done += 1
    for photo in resolved.photos:
        tick(progress, cancel, done, total)
        if flow:
            flow.append(PageBreak())
        img = (
            _image(str(photo.path), photo.item.root, width, 20 * CM, resolved)
            if photo.path
            else None
        )
        first = (
            img
            if img is not None
            else _p(f"Không hiển thị được ảnh: {photo.item.file}", st["missing"])
        )
        first.heading = photo.article.title if photo.article else photo.item.file
        flow.append(first)
        flow.append(Spacer(1, 6))
        flow.append(_p(photo.caption or photo.item.file, st["caption"]))
        info = (
            photo.ref.info
            if photo.ref and photo.ref.info
            else (read_photo_info(photo.path, root=photo.item.root) if photo.path else None)
        )
        meta = []
        if info and info.taken:
            meta.append(f"Chụp: {info.taken.replace('T', ' ')}")
        if photo.article:
            meta.append(photo.article.title)
        if meta:
            flow.append(_p(" · ".join(meta), st["meta"]))
        done += 1
    if not flow:
        flow.append(_p("(trống)", st["meta"]))
    if len(resolved.articles) > 1:
        flow = _contents(title, about, st) + flow
        doc.multiBuild(flow)  # twice or more: the contents learn the page numbers
    else:
        doc.build(flow)
    tick(progress, cancel, total, total)
    return [out.name]


EXPORT_FORMATS = (
    ExportFormat(
        "pdf",
        "PDF document",
        False,
        ".pdf",
        write_pdf,
        options=("title", "about"),
        lists_files=False,
        order=40,
    ),
)
