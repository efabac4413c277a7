"""The problems the core reports, in the interface language: a name for each kind, and
each detail sentence (English, from the core) matched to a template that `tr` translates."""

from __future__ import annotations

import re
from collections.abc import Callable

from tangthu.ui.i18n import fmt, number

#: The name of each problem kind (`library.PROBLEM_KINDS`), as the panel shows it.
KIND_NAMES: dict[str, str] = {
    "unreadable-folder": "Folder not readable",
    "unreadable-file": "File not readable",
    "symlink-loop": "Link in a circle",
    "binary-file": "Not text",
    "undecodable": "Unknown encoding",
    "empty-article": "Empty article",
    "too-large": "File too large",
    "missing-photo": "Photo missing",
    "broken-photo": "Damaged photo",
    "truncated-photo": "Incomplete photo",
    "huge-photo": "Photo too large",
    "bad-sidecar": "Faulty metadata file",
    "too-many-photos": "Too many photos",
    "outside-link": "Link out of the archive",
    "correction-orphan": "Correction of a missing article",
    "corrections-unreadable": "Corrections unreadable",
    "special-file": "Not an ordinary file",
    "broken-document": "Damaged document",
    "scanned-document": "Scanned pages",
    "partly-read": "Document read in part",
    "guessed-story": "Story found by guess",
    "ocr-unavailable": "Scans not read (no OCR)",
    "ocr-failed": "Scan not read in full (OCR)",
}

_N = r"([\d,]+)"  # a number as the core writes it (1,000): shown as the language groups it

#: Each detail the core writes (a regular expression) and its template (%1… its groups).
DETAILS: list[tuple[str, str]] = [
    (r"the photo file is empty", "the photo file is empty"),
    (
        r"no part of the page is marked as its story: the part with the most prose was taken",
        "no part of the page is marked as its story: the part with the most prose was taken",
    ),
    (r"too many pixels to open safely", "too many pixels to open safely"),
    (r"not a picture in a format Tàng Thư reads", "not a picture in a format Tàng Thư reads"),
    (r"not a readable image \((.*)\)", "not a readable image (%1)"),
    (r"the picture's data ends before its end", "the picture's data ends before its end"),
    (rf"{_N}×{_N} pixels is too many to open safely", "%1×%2 pixels is too many to open safely"),
    (r"the (\S+) data ends before its end marker", "the %1 data ends before its end marker"),
    (rf"larger than {_N} bytes; it is not read", "larger than %1 bytes; it is not read"),
    (r"not valid JSON \((.*)\)", "not valid JSON (%1)"),
    (r"the JSON is nested too deeply to read", "the JSON is nested too deeply to read"),
    (r"the JSON is not an object", "the JSON is not an object"),
    (
        rf"{_N} bytes; articles above {_N} bytes are not read",
        "%1 bytes; articles above %2 bytes are not read",
    ),
    (r"the article file is empty", "the article file is empty"),
    (
        r"your corrections file could not be read; it was kept under this name",
        "your corrections file could not be read; it was kept under this name",
    ),
    (
        r"a correction of yours is kept for this article, which is no longer here",
        "a correction of yours is kept for this article, which is no longer here",
    ),
    (rf"names {_N} photos; the first {_N} are kept", "names %1 photos; the first %2 are kept"),
    (
        r"(.+) names (.+), which is not in the article's folder",
        "%1 names %2, which is not in the article's folder",
    ),
    (
        rf"{_N} more photos it names are not in the article's folder",
        "%1 more photos it names are not in the article's folder",
    ),
    (
        r"a link to (.+), outside the archive; it is not followed",
        "a link to %1, outside the archive; it is not followed",
    ),
    (
        r"a named pipe, a device or a folder, not a photo file",
        "a named pipe, a device or a folder, not a photo file",
    ),
    (
        r"a named pipe, a device or a socket, not a file; it is not read",
        "a named pipe, a device or a socket, not a file; it is not read",
    ),
    (r"a folder, not a file; it is not read", "a folder, not a file; it is not read"),
    (r"a named pipe, not a file; it is not read", "a named pipe, not a file; it is not read"),
    (r"a device, not a file; it is not read", "a device, not a file; it is not read"),
    (r"a socket, not a file; it is not read", "a socket, not a file; it is not read"),
    (
        r"not a regular file, not a file; it is not read",
        "not a regular file; it is not read",
    ),
    (
        r"the name is not valid UTF-8; rename it to read it",
        "the name is not valid UTF-8; rename it to read it",
    ),
    (r"this folder was already visited", "this folder was already visited"),
    (
        rf"only the first {_N} of {_N} characters are searchable; split the file to search "
        r"the rest",
        "only the first %1 of %2 characters are searchable; split the file to search the rest",
    ),
    (r"no known text encoding fits these bytes", "no known text encoding fits these bytes"),
    (
        r"UTF-16 byte order mark but bad data: (.*)",
        "UTF-16 byte order mark but bad data: %1",
    ),
    (r"the file holds binary data, not text", "the file holds binary data, not text"),
    (r"the file holds control characters, not text", "the file holds control characters, not text"),
    (r"no story was found in it", "no story was found in it"),
    (
        r"Tesseract is not installed; to read scans, run: (.+)",
        "Tesseract is not installed; to read scans, run: %1",
    ),
    (
        r"Tesseract has no Vietnamese model; to read scans, run: (.+)",
        "Tesseract has no Vietnamese model; to read scans, run: %1",
    ),
    (
        r"Tesseract does not start \((.*)\); reinstall it: (.+)",
        "Tesseract does not start (%1); reinstall it: %2",
    ),
    (r"the file is too complex to read", "the file is too complex to read"),
    (r"not a web page lxml can read \((.*)\)", "not a web page that can be read (%1)"),
    (r"not a PDF that can be read \((.*)\)", "not a PDF that can be read (%1)"),
    (r"not a single-file web page \((.*)\)", "not a single-file web page (%1)"),
    (r"the PDF could not be read \((.*)\)", "the PDF could not be read (%1)"),
    (
        rf"only the first {_N} of its {_N} pages were read",
        "only the first %1 of its %2 pages were read",
    ),
    (
        rf"reading stopped after {_N} s, at page {_N} of {_N}",
        "reading stopped after %1 s, at page %2 of %3",
    ),
    (
        rf"{_N} of its {_N} pages have no text layer \(a scan\), and OCR found no text on "
        r"them",
        "%1 of its %2 pages have no text layer (a scan), and OCR found no text on them",
    ),
    (r"not a ZIP package \((.*)\)", "not a ZIP package (%1)"),
    (rf"holds {_N} parts; too many to read", "holds %1 parts; too many to read"),
    (
        rf"unpacks to more than {_N} MB; it is not read",
        "unpacks to more than %1 MB; it is not read",
    ),
    (r"has no (\S+): not a document of this kind", "has no %1: not a document of this kind"),
    (rf"its text is larger than {_N} MB", "its text is larger than %1 MB"),
    (r"the Word file could not be read \((.*)\)", "the Word file could not be read (%1)"),
    (
        r"the OpenDocument file could not be read \((.*)\)",
        "the OpenDocument file could not be read (%1)",
    ),
    (r"the file could not be read \((.*)\)", "the file could not be read (%1)"),
    (
        rf"a picture inside it \((.+), {_N} MB\) was left out; pictures above {_N} MB are not "
        r"kept",
        "a picture inside it (%1, %2 MB) was left out; pictures above %3 MB are not kept",
    ),
    (
        rf"its pictures beyond the first {_N} MB were left out",
        "its pictures beyond the first %1 MB were left out",
    ),
    (rf"only its first {_N} paragraphs were read", "only its first %1 paragraphs were read"),
    (
        rf"reading stopped after {_N} s, at paragraph {_N}",
        "reading stopped after %1 s, at paragraph %2",
    ),
    (
        rf"page {_N} was not read: it shows a picture of {_N}×{_N} pixels",
        "page %1 was not read: it shows a picture of %2×%3 pixels",
    ),
    (
        rf"page {_N} was not read: it shows a picture whose size cannot be read",
        "page %1 was not read: it shows a picture whose size cannot be read",
    ),
    (
        rf"OCR did not finish on {_N} of its {_N} scanned pages: (.+)",
        "OCR did not finish on %1 of its %2 scanned pages: %3",
    ),
    (
        rf"Tesseract took longer than {_N} s to read it",
        "Tesseract took longer than %1 s to read it",
    ),
    (
        rf"Tesseract was stopped \(signal {_N}\) while reading it",
        "Tesseract was stopped (signal %1) while reading it",
    ),
    (r"Tesseract could not read it \((.*)\)", "Tesseract could not read it (%1)"),
    (r"there was no time left to read it with OCR", "there was no time left to read it with OCR"),
    (
        r"the picture could not be prepared for OCR \((.*)\)",
        "the picture could not be prepared for OCR (%1)",
    ),
    # what the system says (strerror)
    (r"Permission denied", "Permission denied"),
    (r"No such file or directory", "No such file or directory"),
    (r"Too many levels of symbolic links", "Too many levels of symbolic links"),
    (r"Input/output error", "Input/output error"),
    (r"Not a directory", "Not a directory"),
    (r"Is a directory", "Is a directory"),
]

_COMPILED = [(re.compile(pattern), template) for pattern, template in DETAILS]


def kind_text(kind: str, tr: Callable[[str], str]) -> str:
    """The name of a problem kind in the interface language (the kind itself when new)."""
    name = KIND_NAMES.get(kind)
    return tr(name) if name else kind


def detail_text(detail: str, tr: Callable[[str], str]) -> str:
    """A problem's detail in the interface language (as written when no template fits)."""
    for pattern, template in _COMPILED:
        m = pattern.fullmatch(detail)
        if m:
            args = [
                number(int(g.replace(",", ""))) if re.fullmatch(r"\d[\d,]*", g) else g
                for g in m.groups()
            ]
            return fmt(tr(template), *args)
    return detail
