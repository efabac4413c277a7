"""Tàng Thư's own text format (DESIGN.md "The article folder format", rule by rule): a
title, the lead and paragraphs, each photo's file name on its own line with its caption
under it, the source URL, the byline and a "Tin Liên Quan" list. `parse_text` is pure
(text in, `ParsedText` out)."""

from __future__ import annotations

import re
from pathlib import Path

from tangthu.archive.decode import DecodeError, decode
from tangthu.archive.formats import ArticleReader, ReadFailure
from tangthu.archive.formats.parsed import (
    BYLINE_SPLIT,
    MAX_ARTICLE_BYTES,
    MAX_PHOTOS,
    PARENTHESES,
    ParsedText,
    heads_related,
    is_byline_shaped,
    trailing_byline,
)
from tangthu.archive.model import Block, Related
from tangthu.archive.outlet import canonical_outlet, from_lead, from_url
from tangthu.archive.photo import IMAGE_EXTENSIONS

_IMAGE_EXT = "|".join(e.lstrip(".") for e in sorted(IMAGE_EXTENSIONS))


# A line that is only a file name or relative path: no URL, no sentence around it.
_PHOTO_LINE = re.compile(
    rf"^(?!https?://)[^\s\\/:*?\"<>|][^\\:*?\"<>|]{{0,200}}\.(?:{_IMAGE_EXT})$", re.IGNORECASE
)


_URL_LINE = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


_BYLINE = re.compile(
    r"^(?:theo|nguồn)\s*:?\s+(?P<who>[^/]+?)(?:\s*/\s*(?P<outlet>[^/]+?))?\s*$", re.I
)


def is_photo_line(line: str) -> bool:
    return bool(_PHOTO_LINE.match(line.strip()))


def parse_text(text: str) -> ParsedText:
    """Parse decoded article text (NFC, LF, blank lines empty) into its parts."""
    lines = [ln.strip() for ln in text.split("\n")]
    out = ParsedText()
    i, n = 0, len(lines)
    while i < n and not lines[i]:
        i += 1
    if i == n:
        return out
    out.title = lines[i]
    i += 1
    after_url = False
    while i < n:
        line = lines[i]
        if not line:
            i += 1
            continue
        if heads_related(line):
            out.related = _parse_related(lines[i + 1 :])
            break
        if is_photo_line(line):
            group: list[str] = []
            while i < n and lines[i] and is_photo_line(lines[i]):
                if len(out.photo_lines) + len(group) < MAX_PHOTOS:
                    group.append(lines[i])
                else:
                    out.photos_left_out += 1
                i += 1
            caption = None
            if i < n and lines[i] and not heads_related(lines[i]) and not _URL_LINE.match(lines[i]):
                # A line that introduces what follows ("Cùng xem ảnh:") is body text.
                if not lines[i].endswith(":"):
                    caption = lines[i]
                    i += 1
            if group:
                out.blocks.append(Block("photos", files=tuple(group), caption=caption))
                out.photo_lines.extend((name, caption) for name in group)
            continue
        if _URL_LINE.match(line) and out.source_url is None:
            out.source_url = line
            after_url = True
            i += 1
            continue
        m = _BYLINE.match(line)
        if m and out.author is None and is_byline_shaped(line):
            out.author = m.group("who").strip()
            if m.group("outlet"):
                out.outlet = m.group("outlet").strip()
            i += 1
            continue
        if after_url and out.author is None and is_byline_shaped(line):
            out.author = line
            i += 1
            continue
        out.blocks.append(Block("text", text=line))
        i += 1
    if out.author is None:
        byline_index = trailing_byline(out.blocks)
        if byline_index is not None:
            who = PARENTHESES.sub("", out.blocks.pop(byline_index).text).strip()
            author, _, outlet = (BYLINE_SPLIT.split(who, maxsplit=1) + ["", ""])[:3]
            out.author = author.strip(" ,-") or None
            if out.outlet is None:
                out.outlet = canonical_outlet(outlet)
    for k, block in enumerate(out.blocks):
        if block.type == "text":
            out.lead = block.text
            del out.blocks[k]
            break
    out.outlet = canonical_outlet(out.outlet)
    linked, section = from_url(out.source_url)
    if out.outlet is None:
        out.outlet = linked or from_lead(out.lead)
    if linked is not None and linked == out.outlet:
        out.section = section
    return out


def _parse_related(lines: list[str]) -> list[Related]:
    paras = [ln for ln in lines if ln and not is_photo_line(ln)]
    items = []
    for j in range(0, len(paras), 2):
        summary = paras[j + 1] if j + 1 < len(paras) else ""
        items.append(Related(title=paras[j], summary=summary))
    return items


def read(data: bytes, path: Path) -> ParsedText:
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        raise ReadFailure(exc.kind, str(exc)) from None
    parsed = parse_text(text)
    parsed.encoding = encoding
    return parsed


READER = ArticleReader(
    name="text",
    label="Text",
    extensions=frozenset({".txt"}),
    read=read,
    max_bytes=MAX_ARTICLE_BYTES,
    order=0,
    media_type="text/plain",
)
