"""Records of the archive layer: articles, photos, problems, and the cancel token."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Any


class Cancelled(Exception):
    """Raised by a long operation when its cancel token was set."""


class CancelToken:
    """Thread-safe stop flag: the caller sets it, the worker polls it."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise `Cancelled` when the token was set."""
        if self._event.is_set():
            raise Cancelled


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the archive that could not be read as expected.

    ``kind`` is a short machine name (see `PROBLEM_KINDS`), ``path`` the file or
    folder concerned (absolute), ``detail`` an English sentence saying what happened.
    """

    kind: str
    path: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "path": self.path, "detail": self.detail}


#: The one command that installs what OCR needs (Debian and Ubuntu).
OCR_INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"

#: Every problem kind, with what a person can do about it.
PROBLEM_KINDS: dict[str, str] = {
    "unreadable-folder": "Check that the folder exists and that you may read it.",
    "unreadable-file": "Check that you may read the file; rename it if its name is garbled.",
    "symlink-loop": "A link leads in a circle or back to a folder already read; remove it "
    "if it should lead to a file.",
    "binary-file": "This is not text; move it out of the archive if it is not an article.",
    "undecodable": "Open the file in a text editor and save it as UTF-8.",
    "empty-article": "Fill in the article file, or remove it.",
    "too-large": "Split the file into separate articles.",
    "missing-photo": "Put the photo in the article's folder, or correct its name in the article.",
    "broken-photo": "Replace the photo with an undamaged copy.",
    "truncated-photo": "Replace the photo with a complete copy.",
    "huge-photo": "Save a smaller copy of the photo with an image editor.",
    "bad-sidecar": "Correct the JSON file beside the article.",
    "too-many-photos": "Split the article into several, or name fewer photos in it.",
    "outside-link": "Copy the file into the archive, or trust the folder the link leads "
    "to if it is part of the archive (File → Check the archive).",
    "correction-orphan": "The article was moved, renamed or removed: move it back, or "
    "revert the correction (main.py edit ID --revert all) and correct it again.",
    "corrections-unreadable": "Your corrections could not be read and start over; the file "
    "was kept under the name shown: open it to see what it held.",
    "special-file": "Replace it with an ordinary file, or move it out of the archive.",
    "broken-document": "Open the file in the program that made it and save it again, or "
    "replace it with an undamaged copy.",
    "scanned-document": "Its scanned pages are read only with OCR (Tesseract); the rest "
    "of the document is read.",
    "ocr-unavailable": f"Install Tesseract and its Vietnamese model to read scans: {OCR_INSTALL}",
    "partly-read": "The rest of the document was left out; split it or save it again.",
    "guessed-story": "The page's layout names no part as its story; check in the reader that "
    "the story shown is the whole of it.",
    "ocr-failed": "Tesseract did not finish reading the scan in the time a file may take; "
    "a smaller or cleaner scan reads faster. Update the index to try again.",
}


@dataclass(frozen=True, slots=True)
class GPS:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class PhotoInfo:
    """What Pillow reads from a photo file's header, without decoding pixels."""

    width: int | None = None
    height: int | None = None
    format: str | None = None
    taken: str | None = None
    camera: str | None = None
    orientation: int | None = None
    gps: GPS | None = None
    embedded_caption: str | None = None
    #: a press photo's own fields (IPTC/XMP): its headline, creator, keywords, and the
    #: date its content was created (ISO 8601, as precise as written)
    headline: str | None = None
    creator: str | None = None
    keywords: tuple[str, ...] = ()
    created: str | None = None
    problem: Problem | None = None


def is_address(name: str) -> bool:
    """Whether a photo's name is the web address of a picture a page shows but that was
    not saved with it (never a file name: those are relative to the article's folder)."""
    return "://" in name or name.startswith("/")


@dataclass(frozen=True, slots=True)
class PhotoRef:
    """A photo named by an article (or found unreferenced in its folder)."""

    file: str
    caption: str | None
    exists: bool
    path: str | None = None
    info: PhotoInfo | None = None

    @property
    def address(self) -> str | None:
        """The web address of a picture its page shows but did not save (a page saved
        "HTML only"): kept, never fetched; None for a photo file."""
        return self.file if not self.exists and is_address(self.file) else None

    def to_dict(self) -> dict[str, Any]:
        info = self.info or PhotoInfo()
        return {
            "file": self.file,
            "caption": self.caption,
            "exists": self.exists,
            "address": self.address,
            "width": info.width,
            "height": info.height,
            "taken": info.taken,
            "camera": info.camera,
            "orientation": info.orientation,
            "gps": asdict(info.gps) if info.gps else None,
            "embedded_caption": info.embedded_caption,
            "headline": info.headline,
            "creator": info.creator,
            "keywords": list(info.keywords),
            "created": info.created,
        }


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the body: a paragraph (``type="text"``) or a photo group."""

    type: str
    text: str = ""
    files: tuple[str, ...] = ()
    caption: str | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.type == "text":
            return {"type": "text", "text": self.text}
        return {"type": "photos", "files": list(self.files), "caption": self.caption}


@dataclass(frozen=True, slots=True)
class Related:
    title: str
    summary: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "summary": self.summary, "id": self.id}


#: Dates the article does not state (in its folders, its URL or at its top): a date
#: mentioned lower in the text, or the photos' EXIF. Shown as estimates (≈).
ESTIMATED_SOURCES = frozenset({"body", "body+exif", "exif"})


def is_estimated(date_source: str | None) -> bool:
    """True when a date of this provenance is an estimate (see `ESTIMATED_SOURCES`)."""
    return date_source in ESTIMATED_SOURCES


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: the data model printed by ``show --json``."""

    id: str
    title: str
    lead: str
    blocks: tuple[Block, ...] = ()
    photos: tuple[PhotoRef, ...] = ()
    source_url: str | None = None
    author: str | None = None
    outlet: str | None = None
    #: the outlet's section the source URL names (``kinhdoanh`` of vnexpress.net)
    section: str | None = None
    date: str | None = None
    date_source: str | None = None
    related: tuple[Related, ...] = ()
    problems: tuple[Problem, ...] = ()
    encoding: str | None = None
    subject: str | None = None
    description: str | None = None
    unreferenced: tuple[PhotoRef, ...] = field(default=())
    #: the file's format (`tangthu.archive.formats`): ``text``, ``html``, ``pdf``, …
    format: str = "text"
    #: its text was read from pictures with OCR, this sure of it (0-100); else None
    recognized: float | None = None
    #: the pages of a paged document (a PDF: each can be seen as a picture)
    pages: int | None = None
    #: fields a librarian corrected (`archive.corrections`), each with the file's value
    corrected: tuple[tuple[str, str], ...] = ()

    @property
    def body_text(self) -> str:
        """Lead and paragraphs, one per line (captions not included)."""
        parts = [self.lead] if self.lead else []
        parts.extend(b.text for b in self.blocks if b.type == "text")
        return "\n".join(parts)

    @property
    def captions(self) -> list[str]:
        seen: list[str] = []
        for p in self.photos:
            if p.caption and p.caption not in seen:
                seen.append(p.caption)
        return seen

    @property
    def date_estimated(self) -> bool:
        return is_estimated(self.date_source)

    @property
    def date_precision(self) -> str | None:
        """``day``, ``month`` or ``year``: how precise the date is (None: undated)."""
        return {4: "year", 7: "month", 10: "day"}.get(len(self.date)) if self.date else None

    @property
    def folder(self) -> str:
        return self.id.rpartition("/")[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "lead": self.lead,
            "blocks": [b.to_dict() for b in self.blocks],
            "photos": [p.to_dict() for p in self.photos],
            "source_url": self.source_url,
            "author": self.author,
            "outlet": self.outlet,
            "section": self.section,
            "date": self.date,
            "date_source": self.date_source,
            "date_estimated": self.date_estimated,
            "date_precision": self.date_precision,
            "format": self.format,
            "recognized": self.recognized,
            "pages": self.pages,
            "related": [r.to_dict() for r in self.related],
            "problems": [p.to_dict() for p in self.problems],
            "encoding": self.encoding,
            "unreferenced_photos": [p.to_dict() for p in self.unreferenced],
            # the file's values of the fields a librarian corrected
            "corrected": dict(self.corrected),
        }
