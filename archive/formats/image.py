"""Pictures that are articles of their own: in a folder holding no article file, each
picture is one. A photo desk's picture carries its fields inside the file
(`tangthu.archive.photo.press_fields`): its caption is the text, its headline the
title, its creator the author, its keywords the subject, the date it was taken (else
its Date Created) the date. A scanned clipping has no caption: its printed
text is read with OCR (`tangthu.archive.formats.ocr`), and the picture is shown
beside what was read, with how sure the reading was.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from tangthu.archive.formats import SECONDS, ArticleReader
from tangthu.archive.formats.ocr import OcrFailed, OcrUnavailable, recognize
from tangthu.archive.formats.parsed import ParsedText
from tangthu.archive.model import Block
from tangthu.archive.photo import IMAGE_EXTENSIONS, read_photo_info

#: Letters OCR must find for a picture to be a clipping rather than a photo.
CLIPPING_LETTERS = 80
#: A title longer than this is cut at a word.
TITLE_CHARACTERS = 150
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


def title_of(text: str) -> str:
    """The first sentence of *text*, at most `TITLE_CHARACTERS` long."""
    first = _SENTENCE.split(text.strip(), maxsplit=1)[0]
    if len(first) <= TITLE_CHARACTERS:
        return first
    return first[:TITLE_CHARACTERS].rsplit(" ", 1)[0] + "…"


def _date_part(iso: str) -> str:
    """The date of an ISO 8601 date and time, as precise as it is (``2006``,
    ``2006-10``, ``2006-10-29``)."""
    return iso.split("T", 1)[0]


def read(_data: bytes, path: Path) -> ParsedText:
    started = time.monotonic()
    out = ParsedText()
    info = read_photo_info(path)
    if info.problem is not None:
        out.notes.append((info.problem.kind, info.problem.detail))
        out.title = path.stem
        return out
    out.author = info.creator
    out.subject = "; ".join(info.keywords) or None
    when = info.taken or info.created
    out.photo_date = _date_part(when) if when else None
    caption = info.embedded_caption
    if caption:
        out.title = info.headline or title_of(caption)
        out.blocks = [Block("photos", files=(path.name,), caption=caption)]
        out.photo_lines = [(path.name, caption)]
        return out
    out.blocks = [Block("photos", files=(path.name,), caption=None)]
    out.photo_lines = [(path.name, None)]
    out.title = info.headline or path.stem
    try:
        found = recognize(path, seconds=SECONDS - (time.monotonic() - started))
    except OcrUnavailable as exc:
        if str(exc) != "OCR is switched off":
            out.notes.append(("ocr-unavailable", str(exc)))
        return out
    except OcrFailed as exc:
        out.notes.append((exc.kind, exc.detail))
        return out
    if found.letters < CLIPPING_LETTERS:
        return out  # a photo without a caption, not a page of print
    paragraphs = list(found.paragraphs)
    if len(paragraphs[0]) <= TITLE_CHARACTERS:
        out.title = paragraphs.pop(0)
    else:
        out.title = title_of(paragraphs[0])
    if paragraphs:
        out.lead = paragraphs.pop(0)
    out.blocks += [Block("text", text=p) for p in paragraphs]
    out.recognized = found.confidence
    return out


READER = ArticleReader(
    name="image",
    label="Picture",
    extensions=IMAGE_EXTENSIONS,
    read=read,
    max_bytes=256 * 1024 * 1024,
    order=40,
    media_type="image/jpeg",
    alone=True,
    reads_bytes=False,  # its header, and Tesseract, read the picture from the file
)
