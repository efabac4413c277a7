"""Word documents (``.docx``): the title (the ``Title`` style, the document's own
title, or the first heading), then the paragraphs and headings in order, tables'
text cell by cell; a paragraph styled as a caption is kept with the text.

Read with python-docx (MIT). The file is a ZIP: before anything is parsed, its
listing is checked, so that a small file claiming gigabytes (a ZIP bomb) is refused.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from tangthu.archive import embedded
from tangthu.archive.article import MAX_PHOTOS, ParsedText, _trailing_byline
from tangthu.archive.formats import ArticleReader, ReadFailure
from tangthu.archive.model import Block

#: What the document's parts may hold once unpacked, in all and for its main text.
MAX_UNPACKED = 512 * 1024 * 1024
MAX_DOCUMENT_XML = 64 * 1024 * 1024
MAX_PARTS = 20_000
_SPACES = re.compile(r"\s+")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text).strip())


def check_zip(data: bytes, main: str) -> None:
    """Refuse an archive that is not a ZIP, lacks *main*, or unpacks to too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ReadFailure("broken-document", f"not a ZIP package ({exc})") from None
    if len(infos) > MAX_PARTS:
        raise ReadFailure("broken-document", f"holds {len(infos):,} parts; too many to read")
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise ReadFailure(
            "broken-document", f"unpacks to more than {MAX_UNPACKED // 2**20} MB; it is not read"
        )
    part = next((i for i in infos if i.filename == main), None)
    if part is None:
        raise ReadFailure("broken-document", f"has no {main}: not a document of this kind")
    if part.file_size > MAX_DOCUMENT_XML:
        raise ReadFailure(
            "broken-document", f"its text is larger than {MAX_DOCUMENT_XML // 2**20} MB"
        )


def read(data: bytes, path: Path) -> ParsedText:
    check_zip(data, "word/document.xml")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        core_title = document.core_properties.title or ""
        items = list(_items(document))
    except ReadFailure:
        raise
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ReadFailure("broken-document", f"the Word file could not be read ({exc})") from None
    return compose(path, items, _is_caption, _clean(core_title))


def compose(path: Path, items: Any, is_caption: Any, fallback_title: str = "") -> ParsedText:
    """A word processor's document as an article, from its paragraphs in order:
    *items* are (style, text, pictures) with pictures as (part name, bytes);
    ``is_caption(style, text)`` tells a caption. A caption goes to the picture in its
    own paragraph (LibreOffice's frame) or else to the pictures just before it; the
    first title or heading is the title (else *fallback_title*); the pictures are
    kept as embedded photos (`tangthu.archive.embedded`), at most `MAX_PHOTOS`."""
    out = ParsedText()
    blocks: list[Block] = []
    title = ""
    taken: set[str] = set()
    waiting: list[str] = []  # pictures whose caption may come next
    for style, text, pictures in items:
        caption = bool(text) and is_caption(style, text)
        names = []
        for part, data in pictures:
            if len(taken) >= MAX_PHOTOS:
                out.photos_left_out += 1
                continue
            name = embedded.name_for(path, part, taken)
            out.embedded[name] = data
            names.append(name)
        if names and caption:  # the picture and its caption in one paragraph
            blocks.append(Block("photos", files=(names[0],), caption=text))
            out.photo_lines.append((names[0], text))
            names, text = names[1:], ""
        if waiting and caption and text:
            blocks.append(Block("photos", files=(waiting[0],), caption=text))
            out.photo_lines.append((waiting[0], text))
            waiting, text = waiting[1:], ""
        blocks += [Block("photos", files=(n,), caption=None) for n in waiting]
        out.photo_lines += [(n, None) for n in waiting]
        waiting = names
        if not text:
            continue
        if not title and (style.lower().startswith(("title", "heading")) or style == "h"):
            title = text
            continue
        blocks.append(Block("text", text=text))
    return finish(out, blocks, waiting, title or fallback_title)


def finish(out: ParsedText, blocks: list[Block], waiting: list[str], title: str) -> ParsedText:
    """A document's last steps, as a word processor's files have them: the pictures
    still *waiting* for a caption placed without one; the title (else the first short
    paragraph); the lead (the first paragraph); the byline (a short last line)."""
    blocks += [Block("photos", files=(n,), caption=None) for n in waiting]
    out.photo_lines += [(n, None) for n in waiting]
    out.title = title
    first = next((k for k, b in enumerate(blocks) if b.type == "text"), None)
    if not out.title and first is not None and len(blocks[first].text) <= 200:
        out.title = blocks.pop(first).text
        first = next((k for k, b in enumerate(blocks) if b.type == "text"), None)
    if first is not None:
        out.lead = blocks.pop(first).text
    byline = _trailing_byline(blocks)
    if byline is not None:
        out.author = blocks.pop(byline).text.strip(" ,-") or None
    out.blocks = blocks
    return out


#: A caption under a picture: styled so, or short and set apart (italic, centred).
_CAPTION_LENGTH = 300


def _is_caption(style: str, text: str) -> bool:
    if style.startswith("caption") or style == "chú thích":
        return True
    return style.endswith("+set-apart") and len(text) <= _CAPTION_LENGTH


def _items(document: Any) -> Any:
    """(style name, text, pictures) of each paragraph of the body in order, and of each
    table cell's paragraphs; pictures are (part name, bytes). A short paragraph set
    apart (italic or centred) has ``+set-apart`` after its style's name."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    related = document.part.related_parts

    def pictures(element: Any) -> list[tuple[str, bytes]]:
        out = []
        for rid in element.xpath(".//a:blip/@r:embed"):
            part = related.get(rid)
            if part is not None and hasattr(part, "blob"):
                out.append((str(part.partname), part.blob))
        return out

    def described(paragraph: Any) -> tuple[str, str, list[tuple[str, bytes]]]:
        style = paragraph.style.name.lower() if paragraph.style is not None else ""
        runs = [r for r in paragraph.runs if r.text.strip()]
        apart = paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER or (
            runs and all(r.italic for r in runs)
        )
        return (
            style + ("+set-apart" if apart else ""),
            _clean(paragraph.text),
            pictures(paragraph._element),
        )

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield described(Paragraph(child, document))
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        yield described(paragraph)


READER = ArticleReader(
    name="docx",
    label="Word document",
    extensions=frozenset({".docx"}),
    read=read,
    max_bytes=256 * 1024 * 1024,
    order=30,
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
