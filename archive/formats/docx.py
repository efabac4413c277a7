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

from tangthu.archive.article import ParsedText, _trailing_byline
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
        core_author = document.core_properties.author or ""
        items = list(_items(document))
    except ReadFailure:
        raise
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ReadFailure("broken-document", f"the Word file could not be read ({exc})") from None
    out = ParsedText()
    blocks: list[Block] = []
    title = ""
    for style, text in items:
        if not text:
            continue
        if not title and (style.startswith("title") or style.startswith("heading")):
            title = text
            continue
        blocks.append(Block("text", text=text))
    core_title = _clean(core_title)
    out.title = title or core_title
    if not out.title and blocks and len(blocks[0].text) <= 200:
        out.title = blocks.pop(0).text
    if blocks:
        out.lead = blocks.pop(0).text
    byline = _trailing_byline(blocks)
    if byline is not None:
        out.author = blocks.pop(byline).text.strip(" ,-") or None
    out.author = out.author or _clean(core_author) or None
    out.blocks = blocks
    return out


def _items(document: Any) -> Any:
    """(style name, text) of each paragraph of the body in order, and of each table
    cell's paragraphs."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            paragraph = Paragraph(child, document)
            style = paragraph.style.name.lower() if paragraph.style is not None else ""
            yield style, _clean(paragraph.text)
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        yield "table", _clean(paragraph.text)


READER = ArticleReader(
    name="docx",
    label="Word document",
    extensions=frozenset({".docx"}),
    read=read,
    max_bytes=256 * 1024 * 1024,
    order=30,
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
