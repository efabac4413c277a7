"""Tàng Thư's own text format (DESIGN.md "The article folder format"): a title, the
lead and paragraphs, each photo's file name on its own line with its caption under
it, the source URL, the byline and a "Tin Liên Quan" list."""

from __future__ import annotations

from pathlib import Path

from tangthu.archive.article import MAX_ARTICLE_BYTES, ParsedText, parse_text
from tangthu.archive.decode import DecodeError, decode
from tangthu.archive.formats import ArticleReader, ReadFailure


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
