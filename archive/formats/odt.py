"""OpenDocument text (``.odt``, LibreOffice and others): the title (the ``Title``
style or the first heading), paragraphs, headings, lists and tables' text in order,
and each picture in place with its caption (a paragraph styled as a caption, as
LibreOffice's "Illustration" and "Figure" are, or the caption LibreOffice writes
beside the picture in its frame). The pictures are kept as embedded photos
(`tangthu.archive.embedded`), each read once from the package however often it is
shown. Read with lxml after the ZIP's listing is checked, as a stream: each part of the
body is forgotten once read (see `tangthu.archive.formats.docx`).
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path
from typing import Any

from tangthu.archive.decode import one_line
from tangthu.archive.formats import ArticleReader, ReadFailure
from tangthu.archive.formats.docx import Pictures, check_zip, compose, forget, stop_here
from tangthu.archive.formats.parsed import ParsedText

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}
_P = f"{{{_NS['text']}}}p"
_H = f"{{{_NS['text']}}}h"
_FRAME = f"{{{_NS['draw']}}}frame"
_IMAGE = f"{{{_NS['draw']}}}image"
_STYLE = f"{{{_NS['text']}}}style-name"
_HREF = f"{{{_NS['xlink']}}}href"
_CAPTION_STYLE = re.compile(r"(caption|illustration|figure|drawing|chú thích|chu_20_thich)", re.I)
#: Characters of one paragraph (a longer run is cut: a document of one endless line).
MAX_PARAGRAPH = 200_000


_clean = one_line


def read(data: bytes, path: Path) -> ParsedText:
    check_zip(data, "content.xml")
    from lxml import etree

    started = time.monotonic()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            pictures = Pictures(z)
            stopped: list[str] = []
            items = _items(z, pictures, started, stopped)
            out = compose(
                path, items, lambda style, _text: _CAPTION_STYLE.search(style) is not None
            )
            out.notes += pictures.notes
            out.notes += [("partly-read", why) for why in stopped]
            return out
    except ReadFailure:
        raise
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadFailure(
            "broken-document", f"the OpenDocument file could not be read ({exc})"
        ) from None


def _parent_styles(root: Any) -> dict[str, str]:
    """Automatic style names (``P3``) and the named styles they derive from."""
    out = {}
    for style in root.iterfind("style:style", _NS):
        name = style.get(f"{{{_NS['style']}}}name")
        parent = style.get(f"{{{_NS['style']}}}parent-style-name")
        if name and parent:
            out[name] = parent
    return out


_AUTOMATIC = f"{{{_NS['office']}}}automatic-styles"
_TEXT = f"{{{_NS['office']}}}text"


def _items(z: zipfile.ZipFile, pictures: Pictures, started: float, stopped: list[str]) -> Any:
    """(style, text, pictures) of each paragraph and heading of the body, in order,
    read as a stream: each part of the body (a paragraph, a list, a table…) once it is
    read whole, then forgotten."""
    from lxml import etree

    parents: dict[str, str] = {}
    count = 0
    with z.open("content.xml") as f:
        events = etree.iterparse(
            f, events=("end",), resolve_entities=False, no_network=True, huge_tree=False
        )
        for _event, el in events:
            parent = el.getparent()
            if el.tag == _AUTOMATIC:
                parents = _parent_styles(el)
                continue
            if parent is None or parent.tag != _TEXT:
                continue
            for p in el.iter(_P, _H):
                style = p.get(_STYLE) or ""
                style = parents.get(style, style).replace("_20_", " ")
                if p.tag == _H and not style:
                    style = "h"
                found = []
                for image in _own(p, _IMAGE):
                    href = image.get(_HREF) or ""
                    if href and not href.startswith(("http:", "https:", "/", "..")):
                        data = pictures.get(href)
                        if data is not None:
                            found.append((href, data))
                yield style, _clean(_own_text(p))[:MAX_PARAGRAPH], found
                count += 1
            forget(el)
            if stop_here(count, started, stopped):
                return


def _own(el: Any, tag: str) -> list[Any]:
    """The *tag* elements inside *el* that are not inside another paragraph of it."""
    found = []
    for child in el.iter(tag):
        up = child.getparent()
        while up is not None and up is not el and up.tag not in (_P, _H):
            up = up.getparent()
        if up is el:
            found.append(child)
    return found


def _own_text(el: Any) -> str:
    """The text of a paragraph, less the paragraphs inside its frames (read on their
    own) and with its spaces, tabs and line breaks as spaces."""
    parts: list[str] = [el.text or ""]
    for child in el:
        local = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if child.tag == _FRAME:
            pass
        elif local in ("s", "tab", "line-break"):
            parts.append(" ")
        elif local != "note":
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


READER = ArticleReader(
    name="odt",
    label="OpenDocument text",
    extensions=frozenset({".odt"}),
    read=read,
    max_bytes=256 * 1024 * 1024,
    order=35,
    media_type="application/vnd.oasis.opendocument.text",
)
