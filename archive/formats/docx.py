"""Word documents (``.docx``): the title (the ``Title`` style, the document's own
title, or the first heading), then the paragraphs and headings in order, tables'
text cell by cell; a paragraph styled as a caption is kept with the text.

The file is a ZIP: before anything is parsed, its listing is checked, so that a small
file claiming gigabytes (a ZIP bomb) is refused. Its text (``word/document.xml``) is
then read as a stream with lxml, paragraph by paragraph, each forgotten once read:
memory stays that of the paragraphs kept, at most `MAX_PARAGRAPHS` of them, and the
time bounded by `tangthu.archive.formats.SECONDS`, whatever the file holds. Styles,
relationships and the document's properties are small parts read whole. (python-docx,
which reads the whole text into one tree and looks each paragraph's style up among
all styles, took 5 minutes and a gigabyte on a file of 100,000 short paragraphs.)
"""

from __future__ import annotations

import io
import posixpath
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tangthu.archive import embedded
from tangthu.archive.decode import one_line
from tangthu.archive.formats import SECONDS, ArticleReader, ReadFailure, official
from tangthu.archive.formats.parsed import MAX_PHOTOS, ParsedText, trailing_byline
from tangthu.archive.model import Block

#: What the document's parts may hold once unpacked, in all and for its main text.
MAX_UNPACKED = 512 * 1024 * 1024
MAX_DOCUMENT_XML = 64 * 1024 * 1024
MAX_PARTS = 20_000
#: Paragraphs read of one document (a 1,000-page book has some 20,000): the rest is
#: left out and said.
MAX_PARAGRAPHS = 200_000
#: A picture inside a document larger than this is left out (and said); all its pictures
#: together, counted once per place they are shown, stop at `MAX_PICTURES`.
MAX_PICTURE = 64 * 1024 * 1024
MAX_PICTURES = 256 * 1024 * 1024
#: The small parts read whole: styles, relationships, properties.
MAX_SMALL_PART = 16 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_TRUE = ("1", "true", "on")


_clean = one_line


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


class Pictures:
    """The pictures of a document's package, each member read once however often the
    document shows it, within `MAX_PICTURE` each and `MAX_PICTURES` in all (counted
    once per place shown: each place is a photo of its own, kept in the cache)."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self._z = z
        self._read: dict[str, bytes] = {}
        self._spent = 0
        self.notes: list[tuple[str, str]] = []

    def get(self, member: str) -> bytes | None:
        """The bytes of *member*, or None (missing, or left out: said in `notes`)."""
        try:
            size = self._z.getinfo(member).file_size
        except KeyError:
            return None
        if size > MAX_PICTURE:
            self._note(f"a picture inside it ({member}, {size // 2**20} MB) was left out; "
                       f"pictures above {MAX_PICTURE // 2**20} MB are not kept")  # fmt: skip
            return None
        if self._spent + size > MAX_PICTURES:
            self._note(f"its pictures beyond the first {MAX_PICTURES // 2**20} MB were left out")
            return None
        data = self._read.get(member)
        if data is None:
            data = self._read[member] = self._z.read(member)
        self._spent += len(data)
        return data

    def _note(self, text: str) -> None:
        if all(text != seen for _kind, seen in self.notes):
            self.notes.append(("huge-photo", text))


def read(data: bytes, path: Path) -> ParsedText:
    check_zip(data, "word/document.xml")
    from lxml import etree

    started = time.monotonic()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            styles, default = _styles(z)
            related = _relationships(z)
            title = _core_title(z)
            pictures = Pictures(z)
            stopped: list[str] = []
            items = _items(z, styles, default, related, pictures, started, stopped)
            out = compose(path, items, _is_caption, _clean(title))
            out.notes += pictures.notes
            out.notes += [("partly-read", why) for why in stopped]
            return out
    except ReadFailure:
        raise
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadFailure("broken-document", f"the Word file could not be read ({exc})") from None


def _parse_small(z: zipfile.ZipFile, name: str) -> Any:
    """A small XML part of the package, parsed (None when missing or too large)."""
    from lxml import etree

    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_SMALL_PART:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(z.read(name), parser)


def _styles(z: zipfile.ZipFile) -> tuple[dict[str, str], str]:
    """Paragraph style ID -> its name (lower case), and the default paragraph style's."""
    root = _parse_small(z, "word/styles.xml")
    names: dict[str, str] = {}
    default = ""
    if root is None:
        return names, default
    for style in root.iter(f"{_W}style"):
        if style.get(f"{_W}type") not in (None, "paragraph"):
            continue
        name_el = style.find(f"{_W}name")
        name = (name_el.get(f"{_W}val") if name_el is not None else None) or ""
        ident = style.get(f"{_W}styleId") or ""
        names[ident] = name.lower()
        if style.get(f"{_W}default") in _TRUE and not default:
            default = name.lower()
    return names, default


def _relationships(z: zipfile.ZipFile) -> dict[str, str]:
    """The main text's relationship IDs -> the package members they name (internal ones)."""
    root = _parse_small(z, "word/_rels/document.xml.rels")
    out: dict[str, str] = {}
    if root is None:
        return out
    for rel in root.iter(f"{_REL}Relationship"):
        target, ident = rel.get("Target") or "", rel.get("Id") or ""
        if not target or not ident or (rel.get("TargetMode") or "").lower() == "external":
            continue
        member = target.lstrip("/") if target.startswith("/") else posixpath.join("word", target)
        member = posixpath.normpath(member)
        if not member.startswith("../"):
            out[ident] = member
    return out


def _core_title(z: zipfile.ZipFile) -> str:
    root = _parse_small(z, "docProps/core.xml")
    found = root.find(f".//{_DC}title") if root is not None else None
    return (found.text or "") if found is not None else ""


_BREAKS_NOTHING = ("page", "column")


def _run_text(run: Any) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append("\t")
        elif tag == f"{_W}cr" or (
            tag == f"{_W}br" and child.get(f"{_W}type") not in _BREAKS_NOTHING
        ):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _paragraph(
    p: Any, styles: dict[str, str], default: str, related: dict[str, str], pictures: Pictures
) -> tuple[str, str, list[tuple[str, bytes]]]:
    """(style name, text, pictures) of one ``w:p``. A short paragraph set apart (centred,
    or every run with words italic) has ``+set-apart`` after its style's name."""
    ppr = p.find(f"{_W}pPr")
    style_el = ppr.find(f"{_W}pStyle") if ppr is not None else None
    style_id = style_el.get(f"{_W}val") if style_el is not None else None
    style = styles.get(style_id, default) if style_id is not None else default
    jc = ppr.find(f"{_W}jc") if ppr is not None else None
    centred = jc is not None and jc.get(f"{_W}val") == "center"
    texts, italic = [], []
    for child in p:
        if child.tag == f"{_W}r":
            text = _run_text(child)
            texts.append(text)
            if text.strip():
                flag = child.find(f"{_W}rPr/{_W}i")
                italic.append(
                    flag is not None and (flag.get(f"{_W}val") or "true").lower() in _TRUE
                )
        elif child.tag == f"{_W}hyperlink":
            texts.extend(_run_text(r) for r in child.iter(f"{_W}r"))
    apart = centred or (bool(italic) and all(italic))
    found = []
    for blip in p.iter(f"{_A}blip"):
        member = related.get(blip.get(f"{_R}embed") or "")
        data = pictures.get(member) if member is not None else None
        if member is not None and data is not None:
            found.append(("/" + member, data))
    return style + ("+set-apart" if apart else ""), _clean("".join(texts)), found


def _items(
    z: zipfile.ZipFile,
    styles: dict[str, str],
    default: str,
    related: dict[str, str],
    pictures: Pictures,
    started: float,
    stopped: list[str],
) -> Iterator[tuple[str, str, list[tuple[str, bytes]]]]:
    """(style name, text, pictures) of each paragraph of the body in order, and of each
    table cell's paragraphs (a merged cell once), read as a stream."""
    from lxml import etree

    body_tag, p_tag, tbl_tag = f"{_W}body", f"{_W}p", f"{_W}tbl"
    count = 0
    with z.open("word/document.xml") as f:
        events = etree.iterparse(
            f, events=("end",), tag=(p_tag, tbl_tag),
            resolve_entities=False, no_network=True, huge_tree=False,
        )  # fmt: skip
        for _event, el in events:
            parent = el.getparent()
            if parent is None or parent.tag != body_tag:
                continue  # a paragraph of a table or a frame: read with what holds it
            if el.tag == p_tag:
                paragraphs = [el]
            else:
                paragraphs = [
                    p
                    for cell in el.iter(f"{_W}tc")
                    if not _continues_above(cell)
                    for p in cell.iterchildren(p_tag)
                ]
            for p in paragraphs:
                yield _paragraph(p, styles, default, related, pictures)
                count += 1
            forget(el)
            if stop_here(count, started, stopped):
                return


def forget(el: Any) -> None:
    """Drop a part of the body read as a stream, and what came before it."""
    parent = el.getparent()
    el.clear()
    while el.getprevious() is not None:
        del parent[0]


def stop_here(count: int, started: float, stopped: list[str]) -> bool:
    """Whether a document read as a stream has given enough: `MAX_PARAGRAPHS`, or its
    file's `SECONDS` (said in *stopped*)."""
    if count >= MAX_PARAGRAPHS:
        stopped.append(f"only its first {MAX_PARAGRAPHS:,} paragraphs were read")
        return True
    if time.monotonic() - started > SECONDS:
        stopped.append(f"reading stopped after {SECONDS:.0f} s, at paragraph {count:,}")
        return True
    return False


def _continues_above(cell: Any) -> bool:
    """Whether a table cell goes on from the one above it (its text is there)."""
    props = cell.find(f"{_W}tcPr")
    merge = props.find(f"{_W}vMerge") if props is not None else None
    return merge is not None and merge.get(f"{_W}val") in (None, "continue")


def compose(path: Path, items: Any, is_caption: Any, fallback_title: str = "") -> ParsedText:
    """A word processor's document as an article, from its paragraphs in order:
    *items* are (style, text, pictures) with pictures as (part name, bytes);
    ``is_caption(style, text)`` tells a caption. A caption goes to the picture in its
    own paragraph (LibreOffice's frame) or else to the pictures just before it; the
    first title or heading is the title (else *fallback_title*); the pictures are
    kept as embedded photos (`tangthu.archive.embedded`), at most `MAX_PHOTOS`."""
    out = ParsedText()
    blocks: list[Block] = []
    title_at: int | None = None  # the first paragraph styled as a title or heading
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
        if title_at is None and (style.lower().startswith(("title", "heading")) or style == "h"):
            title_at = len(blocks)
        blocks.append(Block("text", text=text))
    return finish(out, blocks, waiting, fallback_title, title_at=title_at)


def finish(
    out: ParsedText,
    blocks: list[Block],
    waiting: list[str],
    title: str,
    *,
    title_at: int | None = None,
) -> ParsedText:
    """A document's last steps, as a word processor's files have them: the pictures
    still *waiting* for a caption placed without one; the title; the lead (the first
    paragraph); the byline (a short last line).

    The title is an official document's type and subject (`official.read_header`:
    never its issuing body or the national motto), else the paragraph styled as a title
    or heading (*title_at*), else *title* (the file's own), else a cover page's title
    (never the institution's name), else the first short paragraph."""
    blocks += [Block("photos", files=(n,), caption=None) for n in waiting]
    out.photo_lines += [(n, None) for n in waiting]
    texts = [(k, b.text) for k, b in enumerate(blocks) if b.type == "text"]
    header = official.read_header([t for _, t in texts])
    skip: set[int] = set()  # header lines the lead is not
    if header is not None:
        out.title = header.title
        out.author = out.author or header.issuer
        out.header_date, out.dateless = header.date, header.date is None
        skip = {texts[i][0] for i in header.header}
        drop = {texts[i][0] for i in header.taken}
    elif title_at is not None:
        out.title, drop = blocks[title_at].text, {title_at}
    else:
        cover = official.cover_title([t for _, t in texts]) if not title else None
        out.title, drop = title, set()
        if cover is not None:
            out.title, drop = cover[1], {texts[cover[0]][0]}
            skip = {k for k, _ in texts[: cover[0]]}
    blocks = [b for k, b in enumerate(blocks) if k not in drop]
    keep = [k for k in range(len(blocks) + len(drop)) if k not in drop]
    skip = {keep.index(k) for k in skip if k in keep}
    first = next((k for k, b in enumerate(blocks) if b.type == "text" and k not in skip), None)
    if not out.title and first is not None and len(blocks[first].text) <= 200:
        out.title = blocks.pop(first).text
        skip = {k - (k > first) for k in skip}
        first = next((k for k, b in enumerate(blocks) if b.type == "text" and k not in skip), None)
    if first is not None:
        out.lead = blocks.pop(first).text
    byline = trailing_byline(blocks)
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


READER = ArticleReader(
    name="docx",
    label="Word document",
    extensions=frozenset({".docx"}),
    read=read,
    max_bytes=256 * 1024 * 1024,
    order=30,
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
