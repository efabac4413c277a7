"""Born-digital PDFs: the text layer, page by page, joined into paragraphs.

The title is the document's own (its metadata ``Title``, unless that is a file
name or a program's label) or its first line; the lead is the first paragraph after
it; the date is found by the usual rules in the text's dateline. Read with
pypdfium2 (PDFium, BSD/Apache-2.0; PyMuPDF's AGPL does not fit an MIT program),
at most `MAX_PAGES` pages and `SECONDS` seconds per file. Pages without a text
layer (a scan) are counted and reported.
"""

from __future__ import annotations

import io
import re
import time
import unicodedata
from pathlib import Path

from tangthu.archive.article import ParsedText
from tangthu.archive.formats import MAX_PAGES, SECONDS, ArticleReader, ReadFailure
from tangthu.archive.model import Block

#: A page with fewer letters than this has no text layer to speak of (a scan).
_SCANNED = 20
_SENTENCE_END = (".", "!", "?", ":", "…", '"', "”", ";")
_NOT_A_TITLE = re.compile(r"(^untitled$|^microsoft word|\.(docx?|odt|pdf|indd|qxd)$)", re.I)
_SPACES = re.compile(r"[ \t\u00a0]+")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


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
        if current and (not line or abs(size - current_size) > 0.1 * max(size, current_size)):
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


#: The resolution scanned pages are rendered at for OCR.
OCR_DPI = 300


def _read_scan(
    pdf: object, number: int, path: Path, unread: list[str]
) -> tuple[list[Line], float] | None:
    """A scanned page's text by OCR, as lines of one size, and how sure it is; None
    when OCR cannot run (why is added to *unread*, once)."""
    from tangthu.archive.formats.ocr import OcrUnavailable, recognize

    if unread:
        return None
    page = pdf[number]  # type: ignore[index]
    try:
        bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
        picture = io.BytesIO()
        bitmap.to_pil().save(picture, "PNG")
        bitmap.close()
    finally:
        page.close()
    try:
        found = recognize(path, page=number, picture=picture.getvalue())
    except OcrUnavailable as exc:
        unread.append(str(exc))
        return None
    lines: list[Line] = []
    for paragraph in found.paragraphs:
        lines += [(paragraph, 10.0), ("", 10.0)]
    return lines, found.confidence


#: Pages rendered to pictures for the reader (the rest of a long PDF is left out).
MAX_RENDERED = 200
#: Their resolution: a page as wide as a screen (an A4 page: 909 × 1,286 pixels).
PAGE_DPI = 110


def page_name(document: Path, number: int) -> str:
    """The photo name of page *number* (from 1) of *document*."""
    return f"{document.name}_files/page-{number:03d}.png"


def page_pictures(document: Path, *, limit: int = MAX_RENDERED) -> list[tuple[str, Path]]:
    """Each page of *document* as a picture in the per-user cache (rendered once):
    ``(photo name, cached file)``, at most *limit* pages.

    Raises:
        ReadFailure: the file is not a PDF that can be read.
    """
    import pypdfium2 as pdfium

    from tangthu.archive import embedded
    from tangthu.archive.guard import read_bytes

    try:
        pdf = pdfium.PdfDocument(read_bytes(document, limit=READER.max_bytes))
    except (pdfium.PdfiumError, OSError) as exc:
        raise ReadFailure("broken-document", f"not a PDF that can be read ({exc})") from None
    out = []
    try:
        for number in range(1, min(len(pdf), limit) + 1):
            name = page_name(document, number)
            cached = embedded.cached(document, name)
            if cached is None:
                page = pdf[number - 1]
                try:
                    bitmap = page.render(scale=PAGE_DPI / 72)
                    picture = io.BytesIO()
                    bitmap.to_pil().save(picture, "PNG")
                    bitmap.close()
                finally:
                    page.close()
                cached = embedded.keep(document, name, picture.getvalue())
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
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
        pages = len(pdf)
        pages_lines: list[list[Line]] = []
        paras: list[tuple[str, float]] = []
        confidences: list[float] = []
        unread: list[str] = []  # why OCR could not read the scanned pages
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
                read = _read_scan(pdf, number, path, unread)
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
    for lines in pages_lines:
        kept = [(t, size) for t, size in lines if _page_mark(t) not in repeated]
        found = paragraphs(kept)
        if paras and found and not paras[-1][0].endswith(_SENTENCE_END):
            if found[0][0][:1].islower():  # a paragraph going on over the page
                paras[-1] = (f"{paras[-1][0]} {found.pop(0)[0]}", paras[-1][1])
        paras.extend(found)
    out.pages = pages
    if stopped:
        out.notes.append(("partly-read", stopped))
    if unread:
        out.notes.append(("ocr-unavailable", unread[0]))
    elif scanned and not confidences:
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
    body = sorted(size for _, size in paras)[len(paras) // 2] if paras else 0.0
    if paras and len(paras[0][0]) <= 250 and paras[0][1] >= 1.15 * body:
        out.title = paras.pop(0)[0]  # the first paragraph, in larger letters
    elif title and not _NOT_A_TITLE.search(title) and title != path.stem:
        out.title = title
        if paras and paras[0][0] == title:
            paras.pop(0)
    elif paras and len(paras[0][0]) <= 200:
        out.title = paras.pop(0)[0]
    texts = [text for text, _ in paras]
    author = _nfc((meta.get("Author") or "").strip())
    out.author = author or None
    if texts:
        out.lead = texts.pop(0)
    out.blocks = [Block("text", text=p) for p in texts]
    return out


READER = ArticleReader(
    name="pdf",
    label="PDF",
    extensions=frozenset({".pdf"}),
    read=read,
    max_bytes=256 * 1024 * 1024,
    order=20,
    media_type="application/pdf",
)
