"""An article's date, by the strongest evidence it has, and where it comes from.

The evidence, strongest first: a sidecar's date (applied by
`tangthu.archive.article.apply_sidecar`), the folders (``YYYY/MM[/DD]``), the date the
file's own metadata states, the source URL, a dateline at the top of the article; only
then, as estimates, a date mentioned lower down or the photos' EXIF date. Never the
file's modification time.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from tangthu.archive.formats.parsed import ParsedText

_FULL_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})(?![\d/])")


_WORD_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.I)


_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")


_PARTIAL_DATE = re.compile(
    r"(?:^|\b)(?:rạng\s+sáng|sáng|chiều|tối|trưa|đêm|khuya|ngày|hôm|hôm\s+nay|từ|đến)"
    r"\s*(?:qua\s*)?\(?\s*(\d{1,2})/(\d{1,2})(?![\d/])",
    re.I,
)


_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})(?![\d/.,]\d)")


def valid_date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_full_date(texts: list[str]) -> str | None:
    """The first valid complete date in *texts* (``21/3/2024``, ``ngày 21 tháng 3 năm 2024``)."""
    for t in texts:
        found: list[tuple[int, str]] = []
        for m in _FULL_DATE.finditer(t):
            iso = valid_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if iso:
                found.append((m.start(), iso))
        for m in _WORD_DATE.finditer(t):
            iso = valid_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if iso:
                found.append((m.start(), iso))
        for m in _ISO_DATE.finditer(t):
            iso = valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if iso:
                found.append((m.start(), iso))
        if found:
            return min(found)[1]
    return None


def find_partial_date(texts: list[str]) -> tuple[int, int] | None:
    """The first ``(day, month)`` introduced by a time word (``Chiều 21/3``)."""
    for t in texts:
        for m in _PARTIAL_DATE.finditer(t):
            d, mo = int(m.group(1)), int(m.group(2))
            if 1 <= d <= 31 and 1 <= mo <= 12:
                return d, mo
    return None


def find_year(texts: list[str], *, latest: int) -> int | None:
    """The most recent plausible year named in *texts* (a report names its own year last)."""
    years = [int(y) for t in texts for y in _YEAR.findall(t)]
    years = [y for y in years if 1900 <= y <= latest]
    return max(years) if years else None


_YEAR_FOLDER = re.compile(r"^(?:19|20)\d{2}$")


_MONTH_FOLDER = re.compile(r"^(?:0?[1-9]|1[0-2])$")


_DAY_FOLDER = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])$")


#: Dates in a source URL: /2018/12/09/, 2018-12-09, or a paper's time stamp
#: 20181209202623487 (year, month, day, then the time, as Dân trí and Tuổi Trẻ write it).
_URL_DATES = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{6,9})?(?!\d)"),
)


#: Paragraphs after the lead that still belong to the top of the article (a dateline
#: often opens the second one: "Quảng Bình: Ngày 9/12, …").
TOP_PARAGRAPHS = 2


def folder_date(article_id: str) -> tuple[int, int | None, int | None] | None:
    """``(year, month, day)`` from folders named like ``2018/12/...`` or
    ``2018/12/09/...`` in an article ID (month and day None where there is none)."""
    parts = article_id.split("/")[:-1]
    for i, part in enumerate(parts):
        if _YEAR_FOLDER.match(part):
            month = parts[i + 1] if i + 1 < len(parts) else ""
            if not _MONTH_FOLDER.match(month):
                return int(part), None, None
            day = parts[i + 2] if i + 2 < len(parts) else ""
            valid = _DAY_FOLDER.match(day) and valid_date(int(part), int(month), int(day))
            return int(part), int(month), int(day) if valid else None
    return None


def url_date(url: str | None) -> str | None:
    """A date a source URL holds (its path, not its host), or None."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            iso = valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if iso:
                return iso
    return None


def top_texts(parsed: ParsedText) -> list[str]:
    """Where an article states its own date: its lead, the paragraphs right after it,
    and its byline."""
    texts = [parsed.lead]
    texts += [b.text for b in parsed.blocks if b.type == "text"][:TOP_PARAGRAPHS]
    if parsed.author:
        texts.append(parsed.author)
    if not any(texts):  # a picture with its caption, and nothing else: the caption's dateline
        texts += [caption for _name, caption in parsed.photo_lines[:1] if caption]
    return [t for t in texts if t]


#: Where a date comes from (`Article.date_source`); those of `ESTIMATED_SOURCES` are
#: guesses, shown as such.
DATE_SOURCES = (
    "sidecar",
    "folder",
    "folder+dateline",
    "page",
    "url",
    "dateline",
    "body",
    "body+exif",
    "exif",
)


def infer_date(
    parsed: ParsedText,
    photo_dates: list[str],
    *,
    folder: tuple[int, int | None, int | None] | None = None,
    today: date | None = None,
) -> tuple[str | None, str | None]:
    """An article's date and where it comes from, by the strongest evidence.

    Returns ``(date, date_source)``, in this order of strength (a sidecar's date is
    applied after, by `apply_sidecar`):

    - ``folder``: a ``YYYY/MM/DD`` folder, or a ``YYYY/MM`` one (the date is then
      ``YYYY-MM``, unless the URL or the dateline names a day of that month:
      ``url`` or ``folder+dateline``);
    - ``page``: the date the file's own metadata states (a saved web page's
      publication time);
    - ``url``: a date in the source URL;
    - ``dateline``: a date at the top of the article (the lead, the paragraphs right
      after it, the byline), ``Chiều 21/3`` completed with the year the top names;
    - estimates, only then: ``body`` (a date mentioned further down), ``body+exif``
      (day and month in the text, the year from the photos), ``exif`` (the photos'
      ``DateTimeOriginal``, never after *today*).

    A date found lower in the text never beats the folder or the dateline, and never
    falls outside the folder's month (or year). The file's modification time is never
    used.
    """
    today = today or date.today()
    latest = today.year
    # A camera's clock set in the future says nothing about the article.
    photo_dates = [d for d in photo_dates if d and d[:10] <= today.isoformat()]
    top = top_texts(parsed)
    body = [parsed.title] + [b.text for b in parsed.blocks if b.type == "text"]
    linked = url_date(parsed.source_url)
    fy, fm, fd = folder if folder else (None, None, None)

    def fits(iso: str | None) -> bool:
        """Inside the folder's year and month, where there are folders."""
        if iso is None:
            return False
        if fy is not None and int(iso[:4]) != fy:
            return False
        return fm is None or int(iso[5:7]) == fm

    if fy is not None and fm is not None and fd is not None:
        return f"{fy:04d}-{fm:02d}-{fd:02d}", "folder"
    if fits(parsed.date):
        return parsed.date, "page"
    if fits(linked):
        return linked, "url"
    stated = _dated(top, year=fy or _year_of(linked) or find_year(top, latest=latest))
    if fits(stated):
        return stated, "folder+dateline" if fm is not None else "dateline"
    if fy is not None and fm is not None:
        return f"{fy:04d}-{fm:02d}", "folder"
    # nothing at the top or in the folders: a date mentioned lower down is a guess
    mentioned = _dated(body, year=fy or find_year(top + body, latest=latest))
    if fits(mentioned):
        return mentioned, "body"
    partial = find_partial_date(top + body)
    exif_years = sorted(int(d[:4]) for d in photo_dates if fits(d[:10]))
    if partial and exif_years:
        iso = valid_date(exif_years[-1], partial[1], partial[0])
        if fits(iso):
            return iso, "body+exif"
    fitting = [d[:10] for d in photo_dates if fits(d[:10])]
    if fitting:
        return min(fitting), "exif"
    if fy is not None:
        return f"{fy:04d}", "folder"
    return None, None


def _year_of(iso: str | None) -> int | None:
    return int(iso[:4]) if iso else None


def _dated(texts: list[str], *, year: int | None) -> str | None:
    """The first whole date of *texts*, else its first day and month with *year*."""
    full = find_full_date(texts)
    if full:
        return full
    partial = find_partial_date(texts)
    if partial and year:
        return valid_date(year, partial[1], partial[0])
    return None


def sidecar_date(value: str) -> str | None:
    m = _ISO_DATE.search(value)
    if m:
        return valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return find_full_date([value])


__all__ = [
    "DATE_SOURCES",
    "TOP_PARAGRAPHS",
    "find_full_date",
    "find_partial_date",
    "find_year",
    "folder_date",
    "infer_date",
    "sidecar_date",
    "top_texts",
    "url_date",
    "valid_date",
]
