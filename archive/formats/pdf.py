"""Born-digital PDFs: the text layer, page by page, joined into paragraphs.

The title is the document's own (its metadata ``Title``, unless that is a file
name or a program's label) or its first line; the lead is the first paragraph after
it; the date is found by the usual rules in the text's dateline. Read with
pypdfium2 (PDFium, BSD/Apache-2.0; PyMuPDF's AGPL does not fit an MIT program),
at most `MAX_PAGES` pages and `SECONDS` seconds per file. Pages without a text
layer (a scan) are counted and reported.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
from pathlib import Path

from tangthu.archive.decode import readable
from tangthu.archive.formats import MAX_PAGES, SECONDS, ArticleReader, ReadFailure, official
from tangthu.archive.formats.parsed import ParsedText
from tangthu.archive.model import Block

#: A page with fewer letters than this has no text layer to speak of (a scan).
_SCANNED = 20
_SENTENCE_END = (".", "!", "?", ":", "…", '"', "”", ";")
_NOT_A_TITLE = re.compile(r"(^untitled$|^microsoft word|\.(docx?|odt|pdf|indd|qxd)$)", re.I)
_SPACES = re.compile(r"[ \t\u00a0]+")


def _nfc(text: str) -> str:
    return readable(text)


Line = tuple[str, float]  # a line's text, and the size of its largest letters


def page_lines(textpage: object) -> list[Line]:
    """The lines of a page's text layer, each with its font size."""
    import pypdfium2.raw as raw

    text = _nfc(textpage.get_text_range())  # type: ignore[attr-defined]
    count = textpage.count_chars()  # type: ignore[attr-defined]
    handle = textpage.raw  # type: ignore[attr-defined]
    out: list[Line] = []
    pos = 0
    for line in text.replace("\r\n", "\n").split("\n"):
        end = min(pos + len(line), count)
        size = max((raw.FPDFText_GetFontSize(handle, i) for i in range(pos, end)), default=0.0)
        out.append((line, float(size)))
        pos += len(line) + 2  # the "\r\n" PDFium puts between lines
    return out


_DIGITS = re.compile(r"\d+")


def _page_mark(line: str) -> str:
    """A line as running headers and footers repeat it: without its numbers."""
    return _DIGITS.sub("#", _SPACES.sub(" ", line).strip()).casefold()


def running_lines(pages: list[list[Line]]) -> set[str]:
    """The headers and footers of a document: the top or bottom lines (numbers aside)
    that recur on several pages, and bare page numbers."""
    seen: dict[str, int] = {}
    for lines in pages:
        filled = [t for t, _ in lines if t.strip()]
        for mark in {_page_mark(t) for t in filled[:2] + filled[-2:]}:
            seen[mark] = seen.get(mark, 0) + 1
    least = max(2, (len(pages) + 1) // 2)
    found = {mark for mark, n in seen.items() if n >= least}
    found.update({"#", "- # -", "trang #", "page #", "# / #", "#/#"})
    return found


def paragraphs(lines: list[Line]) -> list[tuple[str, float]]:
    """Lines joined into paragraphs: an empty line or a change of font size ends one,
    as does a line that ends a sentence short of the page's usual line length; a word
    broken by a hyphen at the end of a line is joined again."""
    lines = [(_SPACES.sub(" ", t).strip(), size) for t, size in lines]
    lengths = sorted(len(t) for t, _ in lines if t)
    if not lengths:
        return []
    usual = lengths[int(len(lengths) * 0.8)] if len(lengths) > 4 else lengths[-1]
    out: list[tuple[str, float]] = []
    current, current_size = "", 0.0
    for line, size in lines:
        if current and (not line or abs(size - current_size) > 0.07 * max(size, current_size)):
            out.append((current, current_size))
            current = ""
        if not line:
            continue
        if current.endswith("-") and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
        current_size = size
        if line.endswith(_SENTENCE_END) and len(line) < 0.85 * usual:
            out.append((current, current_size))
            current = ""
    if current:
        out.append((current, current_size))
    return out


#: The resolution scanned pages are rendered at for OCR (a page that would take more
#: than `tangthu.archive.formats.ocr.MAX_PIXELS` is rendered at less).
OCR_DPI = 300
#: A picture on a page claiming more pixels than this is never decoded: PDFium decodes
#: a picture whole to draw it (a few hundred bytes of JBIG2 can claim 46,000 × 46,000).
MAX_IMAGE_PIXELS = 64_000_000


class PageRefused(Exception):
    """A page that is not drawn: what it shows would take too much memory."""


def render_scale(page: object, dpi: float, max_pixels: int) -> float:
    """The scale to draw *page* at *dpi*, less when that would make more than
    *max_pixels* (a page may be 14,400 points wide: 60,000 pixels at 300 dpi)."""
    width, height = page.get_size()  # type: ignore[attr-defined]
    scale = dpi / 72
    pixels = max(width, 1.0) * max(height, 1.0) * scale * scale
    if pixels > max_pixels:
        scale *= (max_pixels / pixels) ** 0.5
    return scale


def check_images(page: object) -> None:
    """Refuse a page showing a picture of more than `MAX_IMAGE_PIXELS` (its own size,
    as its dictionary says it: nothing is decoded to ask).

    Raises:
        PageRefused: such a picture is on the page.
    """
    import pypdfium2.raw as raw

    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=8):  # type: ignore[attr-defined]
        try:
            width, height = obj.get_px_size()
        except Exception:  # noqa: BLE001 - PDFium could not say: do not draw it
            raise PageRefused("it shows a picture whose size cannot be read") from None
        if width * height > MAX_IMAGE_PIXELS:
            raise PageRefused(f"it shows a picture of {width:,}×{height:,} pixels")


def _picture(page: object, scale: float, *, grayscale: bool) -> bytes:
    """The page drawn: in greys as a PGM (for OCR: written at once), else as a PNG."""
    bitmap = page.render(scale=scale, grayscale=grayscale)  # type: ignore[attr-defined]
    try:
        picture = io.BytesIO()
        bitmap.to_pil().save(picture, "PPM" if grayscale else "PNG")
    finally:
        bitmap.close()
    return picture.getvalue()


def _read_scan(
    pdf: object, number: int, path: Path, digest: str, seconds: float, said: dict[str, list[str]]
) -> tuple[list[Line], float] | None:
    """A scanned page's text by OCR, as lines of one size, and how sure it is; None
    when it cannot be read (why is added to *said*: ``unread`` for OCR that cannot
    run, once; ``failed`` for a page OCR did not finish; ``refused`` for a page not
    drawn)."""
    from tangthu.archive.formats import ocr

    if said["unread"]:
        return None
    try:
        ocr.ready()
    except ocr.OcrUnavailable as exc:
        said["unread"].append(str(exc))
        return None
    page = pdf[number]  # type: ignore[index]
    try:
        scale = render_scale(page, OCR_DPI, ocr.MAX_PIXELS)
        key = ocr.content_key("pdf page", digest, number, OCR_DPI, round(scale, 6))
        found = ocr.cached(key)
        if found is None:
            check_images(page)
            picture = _picture(page, scale, grayscale=True)
            found = ocr.recognize(path, picture=picture, key=key, seconds=seconds)
    except PageRefused as exc:
        said["refused"].append(f"page {number + 1} was not read: {exc}")
        return None
    except ocr.OcrFailed as exc:
        said["failed"].append(exc.detail)
        return None
    finally:
        page.close()
    lines: list[Line] = []
    for paragraph in found.paragraphs:
        lines += [(paragraph, 10.0), ("", 10.0)]
    return lines, found.confidence


#: Pages rendered to pictures for the reader (the rest of a long PDF is left out).
MAX_RENDERED = 200
#: Their resolution: a page as wide as a screen (an A4 page: 909 × 1,286 pixels)…
PAGE_DPI = 110
#: …and their size at most (a poster-sized page is drawn smaller).
PAGE_PIXELS = 16_000_000


def page_name(document: Path, number: int) -> str:
    """The photo name of page *number* (from 1) of *document*."""
    return f"{document.name}_files/page-{number:03d}.png"


def page_pictures(document: Path, *, limit: int = MAX_RENDERED) -> list[tuple[str, Path]]:
    """Each page of *document* as a picture in the per-user cache (rendered once):
    ``(photo name, cached file)``, at most *limit* pages, within `SECONDS`. A page
    showing a picture too large to draw (`check_images`) is left out.

    Raises:
        ReadFailure: the file is not a PDF that can be read.
    """
    import pypdfium2 as pdfium

    from tangthu.archive import embedded
    from tangthu.archive.guard import read_bytes

    started = time.monotonic()
    try:
        data = read_bytes(document, limit=READER.max_bytes)
        pdf = pdfium.PdfDocument(data)
    except (pdfium.PdfiumError, OSError) as exc:
        raise ReadFailure("broken-document", f"not a PDF that can be read ({exc})") from None
    out = []
    try:
        for number in range(1, min(len(pdf), limit) + 1):
            if time.monotonic() - started > SECONDS:
                break
            name = page_name(document, number)
            cached = embedded.cached(document, name, data)
            if cached is None:
                page = pdf[number - 1]
                try:
                    check_images(page)
                    scale = render_scale(page, PAGE_DPI, PAGE_PIXELS)
                    picture = _picture(page, scale, grayscale=False)
                except PageRefused:
                    continue
                finally:
                    page.close()
                cached = embedded.keep(document, name, picture, data)
            if cached is not None:
                out.append((name, cached))
    except pdfium.PdfiumError as exc:
        raise ReadFailure("broken-document", f"the PDF could not be read ({exc})") from None
    finally:
        pdf.close()
    return out


def read(data: bytes, path: Path) -> ParsedText:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadFailure("broken-document", f"not a PDF that can be read ({exc})") from None
    out = ParsedText()
    started = time.monotonic()
    digest = hashlib.sha256(data).hexdigest()
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
        pages = len(pdf)
        pages_lines: list[list[Line]] = []
        paras: list[tuple[str, float]] = []
        confidences: list[float] = []
        # why scanned pages were not read: OCR cannot run, did not finish, page not drawn
        said: dict[str, list[str]] = {"unread": [], "failed": [], "refused": []}
        scanned = 0
        stopped = None
        for number in range(pages):
            if number >= MAX_PAGES:
                stopped = f"only the first {MAX_PAGES} of its {pages} pages were read"
                break
            if time.monotonic() - started > SECONDS:
                stopped = f"reading stopped after {SECONDS:.0f} s, at page {number + 1} of {pages}"
                break
            page = pdf[number]
            try:
                textpage = page.get_textpage()
                lines = page_lines(textpage)
                textpage.close()
            finally:
                page.close()
            if sum(c.isalpha() for t, _ in lines for c in t) < _SCANNED:
                scanned += 1
                left = SECONDS - (time.monotonic() - started)
                read = _read_scan(pdf, number, path, digest, left, said)
                if read is not None and sum(c.isalpha() for t, _ in read[0] for c in t) >= _SCANNED:
                    pages_lines.append(read[0])
                    confidences.append(read[1])
                continue
            pages_lines.append(lines)
    except pdfium.PdfiumError as exc:
        raise ReadFailure("broken-document", f"the PDF could not be read ({exc})") from None
    finally:
        pdf.close()
    repeated = running_lines(pages_lines)
    first_page = 0  # how many paragraphs the first page has
    header = None
    for page_no, lines in enumerate(pages_lines):
        kept = [(t, size) for t, size in lines if _page_mark(t) not in repeated]
        header = official.read_header([t for t, _ in kept]) if page_no == 0 else header
        if page_no == 0 and header is not None:  # each header line a paragraph of its own
            below = max(header.taken | header.header) + 1
            found = [(_SPACES.sub(" ", kept[k][0]).strip(), kept[k][1]) for k in range(below)]
            found += paragraphs(kept[below:])
        else:
            found = paragraphs(kept)
        if paras and found and not paras[-1][0].endswith(_SENTENCE_END):
            if found[0][0][:1].islower():  # a paragraph going on over the page
                paras[-1] = (f"{paras[-1][0]} {found.pop(0)[0]}", paras[-1][1])
        paras.extend(found)
        if page_no == 0:
            first_page = len(paras)
    if header is None and pages_lines:  # a journal's volume line (its running line, at
        # the top of each page) dates an article to the year of its issue
        top = (_VOLUME_YEAR.search(t) for t, _ in pages_lines[0][:6])
        volume = next(filter(None, top), None)
        out.header_date = volume.group(1) if volume is not None else None
    out.pages = pages
    if stopped:
        out.notes.append(("partly-read", stopped))
    unread = said["unread"]
    if said["refused"]:
        out.notes.append(("huge-photo", said["refused"][0]))
    if said["failed"]:
        out.notes.append(
            (
                "ocr-failed",
                f"OCR did not finish on {len(said['failed'])} of its {scanned} scanned pages: "
                f"{said['failed'][0]}",
            )
        )
    if unread:
        out.notes.append(("ocr-unavailable", unread[0]))
    elif scanned and not confidences and not said["failed"] and not said["refused"]:
        out.notes.append(
            (
                "scanned-document",
                f"{scanned} of its {pages} pages have no text layer (a scan), and OCR found "
                "no text on them",
            )
        )
    if confidences:
        out.recognized = round(sum(confidences) / len(confidences), 1)
    title = _nfc((meta.get("Title") or "").strip())
    author = _nfc((meta.get("Author") or "").strip())
    out.author = author or None
    skip = _title(paras, first_page, title, path, out)
    texts = [text for text, _ in paras]
    _export_header(texts, out)
    lead = next((k for k in range(len(texts)) if k not in skip), None)
    if lead is not None:
        out.lead = texts.pop(lead)
    out.blocks = [Block("text", text=p) for p in texts]
    return out


def _title(
    paras: list[tuple[str, float]], first_page: int, meta_title: str, path: Path, out: ParsedText
) -> set[int]:
    """Set the document's title (taking its paragraphs out of *paras*); return the
    paragraphs that are a header's, not the lead.

    An official document's type and subject (`official.read_header`); else the
    largest text of the first page when it stands out (never a journal's running line
    or a DOI above it); else the metadata's title when it is a real one; else a cover
    page's title (never the institution's name); else the first short paragraph."""
    texts = [t for t, _ in paras]
    header = official.read_header(texts)
    if header is not None:
        out.title = header.title
        out.author = out.author or header.issuer
        out.header_date, out.dateless = header.date, header.date is None
        for k in sorted(header.taken, reverse=True):
            paras.pop(k)
        kept = [k for k in range(len(texts)) if k not in header.taken]
        return {kept.index(k) for k in header.header}
    body = sorted(size for _, size in paras)[len(paras) // 2] if paras else 0.0
    page = [
        (k, size)
        for k, (t, size) in enumerate(paras[: max(first_page, 1)])
        if 3 <= len(t) <= 250 and not _NOT_TITLE_LINE.search(t)
    ]
    largest = max(page, key=lambda p: p[1], default=None)
    if largest is not None and largest[1] >= 1.15 * body:
        out.title = paras.pop(largest[0])[0]  # the first page's largest letters
        return set(range(largest[0]))
    if meta_title and not _NOT_A_TITLE.search(meta_title) and meta_title != path.stem:
        out.title = meta_title
        if paras and paras[0][0] == meta_title:
            paras.pop(0)
        return set()
    cover = official.cover_title(texts)
    if cover is not None:
        out.title = paras.pop(cover[0])[0] if paras[cover[0]][0] == cover[1] else cover[1]
        if paras and cover[1] != texts[cover[0]]:
            paras.pop(cover[0])
        return set(range(cover[0]))
    if paras and len(paras[0][0]) <= 200:
        out.title = paras.pop(0)[0]
    return set()


#: A journal's volume line and the year of its issue (``Vol. 16, Special Issue (2024):
#: 52-57``, ``Tập 60, Số 5 (2024)``).
_VOLUME_YEAR = re.compile(
    r"\b(?:vol(?:ume)?\.?|tập)\s*\d+[^()]{0,80}\(((?:19|20)\d\d)\)", re.IGNORECASE
)
#: Lines of a first page that are never its title: a DOI, an address, a journal's
#: volume line, a page number.
_NOT_TITLE_LINE = re.compile(
    r"(^doi\b|doi\.org|https?://|www\.|\bvol(ume)?\.?\s*\d|\bissn\b|^\d+$|@)", re.IGNORECASE
)


#: The lines a PDF exported by Tàng Thư has under each title: its date (``≈ … (ước
#: tính)`` when a guess), author and outlet joined by `` · ``, then its source, the
#: user's tags and note (``tangthu.archive.export.pdf``).
_EXPORT_DATE = re.compile(r"^(≈\s*)?(\d{4}(?:-\d{2}){0,2})(?:\s*\(ước tính\))?$")
_EXPORT_LINES = ("Nguồn: ", "Nhãn: ", "Ghi chú: ")


def _export_header(texts: list[str], out: ParsedText) -> None:
    """Take the lines a PDF exported by Tàng Thư has under its title out of its text:
    a firm date is the document's (its metadata, as a page's is), a guessed one is left
    (never made firm again), author and outlet are kept, the source is its source; the
    tags and note of whoever exported it are not the article's. (The lines may have been
    joined into one paragraph: they are split where each begins.)"""
    if not texts:
        return
    pieces = [p.strip() for p in _EXPORT_SPLIT.split(texts[0]) if p.strip()]
    head = "" if pieces[0].startswith(_EXPORT_LINES) else pieces.pop(0)
    parts = [p.strip() for p in head.split(" · ")] if head else []
    dated = _EXPORT_DATE.match(parts[0]) if parts else None
    if head and dated is None and not (len(parts) > 1 and len(head) <= 200):
        return
    texts.pop(0)
    if dated is not None:
        parts.pop(0)
        if not dated.group(1):
            out.date = dated.group(2)
    if len(parts) >= 2:
        out.author, out.outlet = out.author or parts[0] or None, parts[1] or None
    elif parts and parts[0]:
        if "." in parts[0] and " " not in parts[0]:
            out.outlet = parts[0]
        else:
            out.author = out.author or parts[0]
    while texts and texts[0].startswith(_EXPORT_LINES):
        pieces += [p.strip() for p in _EXPORT_SPLIT.split(texts.pop(0)) if p.strip()]
    for line in pieces:
        if line.startswith("Nguồn: "):  # (an address has no spaces: those are line ends)
            out.source_url = "".join(line[len("Nguồn: ") :].split()) or None


_EXPORT_SPLIT = re.compile(r"(?=(?:^|\s)(?:Nguồn|Nhãn|Ghi chú): )")


READER = ArticleReader(
    name="pdf",
    label="PDF",
    extensions=frozenset({".pdf"}),
    read=read,
    max_bytes=256 * 1024 * 1024,
    order=20,
    media_type="application/pdf",
)
