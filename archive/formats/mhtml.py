"""Web pages saved as one file (``.mhtml``, ``.mht``: "Save page as… single file",
MIME ``multipart/related``): the page is read as a saved page
(`tangthu.archive.formats.html`), and the images it carries are its photos, kept in
the per-user cache (`tangthu.archive.embedded`). Parsed with the standard
library's ``email`` package.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tangthu.archive.formats import ArticleReader, ReadFailure
from tangthu.archive.formats.html import read_page
from tangthu.archive.formats.parsed import ParsedText

if TYPE_CHECKING:
    from email.message import Message

#: Parts one file may hold (a page with its images, styles and scripts has a few hundred).
MAX_PARTS = 5_000


def read(data: bytes, path: Path) -> ParsedText:
    try:
        import email.policy  # the parser, when a page of this kind is read

        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except (ValueError, LookupError, IndexError) as exc:
        raise ReadFailure("broken-document", f"not a single-file web page ({exc})") from None
    page: bytes | None = None
    charset = None
    images: dict[str, bytes] = {}
    for count, part in enumerate(message.walk()):
        if count > MAX_PARTS:
            break
        kind = part.get_content_type()
        if part.is_multipart():
            continue
        body = _payload(part)
        if body is None:
            continue
        if kind in ("text/html", "application/xhtml+xml") and page is None:
            page, charset = body, part.get_content_charset()
        elif kind.startswith("image/"):
            for key in (part.get("Content-Location"), part.get("Content-ID")):
                if key:
                    key = key.strip()
                    images[key] = body
                    if key.startswith("<") and key.endswith(">"):
                        images["cid:" + key[1:-1]] = body
    if page is None:
        raise ReadFailure("broken-document", "not a single-file web page (it holds no page)")
    if charset and b"charset" not in page[:4096].lower():
        page = f'<meta charset="{charset}">'.encode("ascii", "replace") + page
    where = message.get("Snapshot-Content-Location")
    if where and b"saved from url=" not in page[:4096]:  # the address the page was saved from
        note = f"<!-- saved from url=({len(where):04d}){where.strip()} -->\n"
        page = note.encode("ascii", "replace") + page
    return read_page(page, path, images)


def _payload(part: Message) -> bytes | None:
    try:
        body = part.get_payload(decode=True)
    except (ValueError, LookupError):
        return None
    return body if isinstance(body, bytes) else None


READER = ArticleReader(
    name="mhtml",
    label="Web page (single file)",
    extensions=frozenset({".mhtml", ".mht"}),
    read=read,
    max_bytes=64 * 1024 * 1024,
    order=15,
    media_type="multipart/related",
)
