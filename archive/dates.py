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

#: (not a two-digit year run into a time: "28.09.1912:44" is 28.09.19, 12:44)
_FULL_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})(?![\d/]|:\d)")
_WORD_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.I)
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_PARTIAL_DATE = re.compile(
    r"(?:^|\b)(?:rạng\s+sáng|sáng|chiều|tối|trưa|đêm|khuya|ngày|hôm|hôm\s+nay|từ|đến)"
    r"\s*(?:qua\s*)?\(?\s*(\d{1,2})/(\d{1,2})(?![\d/])",
    re.I,
)
#: A month of a year: ``tháng 6 năm 2019``, ``tháng 6/2019``, ``06/2019`` (not a number
#: such as ``12/2020/NĐ-CP``, which goes on after the year).
_MONTH_YEAR = re.compile(
    r"(?:tháng\s+(\d{1,2})\s*(?:năm\s+|/\s*|-\s*)|(?<![\d/.])(\d{1,2})/)"
    r"((?:19|20)\d{2})(?![\d/])",
    re.I,
)
#: What marks a date as a guess where Tàng Thư writes one (an export's "≈ 2019-05-02").
_GUESS = "≈"


def valid_date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _full_dates(text: str) -> list[tuple[int, int, str]]:
    """The valid complete dates of *text*, as ``(start, end, iso)`` in reading order;
    a date marked as a guess (``≈ 2024-03-21``) is none."""
    found: list[tuple[int, int, str]] = []
    for pattern, order in (
        (_FULL_DATE, (3, 2, 1)),
        (_WORD_DATE, (3, 2, 1)),
        (_ISO_DATE, (1, 2, 3)),
    ):
        for m in pattern.finditer(text):
            if text[: m.start()].rstrip().endswith(_GUESS):
                continue
            iso = valid_date(*(int(m.group(k)) for k in order))
            if iso:
                found.append((m.start(), m.end(), iso))
    return sorted(found)


def find_full_date(texts: list[str]) -> str | None:
    """The first valid complete date in *texts* (``21/3/2024``, ``ngày 21 tháng 3 năm
    2024``, ``2024-03-21``); a date marked as a guess (``≈ 2024-03-21``) is none."""
    for t in texts:
        found = _full_dates(t)
        if found:
            return found[0][2]
    return None


#: How far into its paragraph a date line's date may start (``Hà Nội, ngày …``), and
#: how much of a short line other than the date may hold (``Thứ Hai, …, 03:04 AM``).
DATELINE_REACH = 25
#: A time of day before a date line's date (``15 giờ ngày``, ``7h50 ngày``, ``20:30``).
_CLOCK = re.compile(r"(?<!\d)\d{1,2}\s*(?:giờ|g|h|:)\s*(?:\d{1,2}\s*(?:phút)?)?(?![\d/])", re.I)
#: A date after an opening quote is a speaker's, not the article's.
_QUOTES = '"“”«»„'


def find_dateline_date(texts: list[str]) -> str | None:
    """The first complete date of *texts* that stands where a date line puts it: at the
    opening of its paragraph, after a few words and no number (``Ngày 21/3/2024, …``,
    ``Hà Nội, 21/3/2024 -``), or as nearly all of a short line (a byline's
    ``Minh Anh - 24/12/2012``). A date further into a sentence is an event the article
    mentions (``… vào ngày 8/6/1940``, ``sinh ngày 24-10-1986``, ``cách đây 19 năm,
    ngày 21-5-2000``), not the article's."""
    for t in texts:
        for start, end, iso in _full_dates(t):
            before = _CLOCK.sub("", t[:start])
            opening = len(before.strip()) <= DATELINE_REACH and not any(
                c.isdigit() or c in _QUOTES for c in before
            )
            if opening or len(t.strip()) - (end - start) <= DATELINE_REACH:
                return iso
    return None


#: A line that is only a place and a month of a year: a cover's or a letter's date
#: (``Hà Nội, tháng 6 năm 2019``); a month named in a sentence is an event's, not this.
_PLACE = r"(?:[^\W\d][^\d,;:!?]{1,40},\s*)?"


#: Month names as papers write them in English, German, Dutch, French, Spanish,
#: Portuguese and Italian (a name with its abbreviations), January first.
_MONTH_NAMES = (
    "january jan januar jänner januari janvier janv enero ene janeiro gennaio genn",
    "february feb februar feber februari février fevrier févr fevr febrero fevereiro fev febbraio",
    "march mar märz maerz mrz maart mars marzo março marco",
    "april apr avril avr abril aprile",
    "may mai mei mayo maio maggio mag",
    "june jun juni juin junio junho giugno giu",
    "july jul juli juillet juil julio julho luglio lug",
    "august aug augustus août aout agosto ago",
    "september sep sept septembre septiembre setiembre setembro settembre set",
    "october oct oktober okt octobre octubre outubro ottobre ott",
    "november nov novembre noviembre novembro",
    "december dec dezember dez décembre decembre déc diciembre dic dezembro dicembre",
)
_MONTHS = {
    name.rstrip("."): number
    for number, names in enumerate(_MONTH_NAMES, start=1)
    for name in names.split()
}
_NAMED_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
#: ``25 December 2012``, ``26. Januar 2022``, ``3 de mayo de 2022``, ``1er mars 2020``.
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})(?:\.|er|º)?\s+(?:de\s+)?"
    + _NAMED_MONTH
    + r",?\s+(?:de\s+|del\s+)?((?:19|20)\d{2})(?!\d)",
    re.I,
)
_MONTH_DAY_YEAR = re.compile(
    r"(?<![\w])" + _NAMED_MONTH + r"\s+(\d{1,2}),?\s+((?:19|20)\d{2})(?!\d)", re.I
)
_SHORT_YEAR = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/(\d{2})(?![\d/])")


def find_stated_date(text: str) -> str | None:
    """The date a page's own date line states: the complete dates `find_full_date`
    reads, a month written in English (``25 December 2012``, ``May 14, 2012``), or a day
    with a two-digit year (``24/12/12``: a date line's, never a sentence's)."""
    found = find_full_date([text])
    if found:
        return found
    for pattern, order in ((_DAY_MONTH_YEAR, (3, 2, 1)), (_MONTH_DAY_YEAR, (3, 1, 2))):
        m = pattern.search(text)
        if m:
            month = _MONTHS[m.group(order[1]).lower().rstrip(".")]
            return valid_date(int(m.group(order[0])), month, int(m.group(order[2])))
    m = _SHORT_YEAR.search(text)
    if m:
        return valid_date(2000 + int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def find_month(texts: list[str]) -> str | None:
    """The month of a year a dateline line among *texts* gives (``Hà Nội, tháng 6 năm
    2019`` -> ``2019-06``); a month named within a sentence is not one."""
    for t in texts:
        line = t.strip()
        if len(line) > 80 or line.startswith(_GUESS):
            continue
        m = re.fullmatch(_PLACE + r"(.*)", line)
        rest = m.group(1) if m else line
        found = _MONTH_YEAR.fullmatch(rest.strip().rstrip("."))
        if found:
            month = int(found.group(1) or found.group(2))
            if 1 <= month <= 12:
                return f"{int(found.group(3)):04d}-{month:02d}"
    return None


def find_partial_date(texts: list[str]) -> tuple[int, int] | None:
    """The first ``(day, month)`` introduced by a time word (``Chiều 21/3``)."""
    for t in texts:
        for m in _PARTIAL_DATE.finditer(t):
            d, mo = int(m.group(1)), int(m.group(2))
            if 1 <= d <= 31 and 1 <= mo <= 12:
                return d, mo
    return None


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
    "corrected",
    "sidecar",
    "photo",
    "folder",
    "folder+dateline",
    "page",
    "url",
    "dateline",
    "body",
    "body+exif",
    "exif",
)


#: How an article is dated, as a librarian sorts it (`dating`), strongest first.
DATINGS = ("corrected", "folder", "metadata", "dateline", "estimate", "none")

_DATING = {
    "corrected": "corrected",
    "folder": "folder",
    "folder+dateline": "folder",
    "sidecar": "metadata",
    "photo": "metadata",
    "page": "metadata",
    "url": "metadata",
    "dateline": "dateline",
    "body": "estimate",
    "body+exif": "estimate",
    "exif": "estimate",
}


def dating(date_source: str | None) -> str:
    """How an article with a date of *date_source* is dated (one of `DATINGS`): a
    librarian's correction, its folders, the file's metadata or address (a page's
    publication time, a sidecar, a photo's own date, a date in the URL), its dateline,
    an estimate (a date lower in the text, the photos' EXIF), or none."""
    return _DATING.get(date_source or "", "none")


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
    - ``photo``: the date a picture that is an article of its own gives itself (when
      it was taken, else its IPTC/XMP Date Created);
    - ``page``: the date the file's own metadata states (a saved web page's
      publication time);
    - ``url``: a date in the source URL;
    - ``dateline``: the date an official document's header states (its place and date
      line; a blank one dates nothing, and nothing lower in its text is its date then);
      a date that opens the lead or a paragraph right after it, or is nearly all of
      a short line there or of the byline (`find_dateline_date`: a date further into
      a sentence is an event the article mentions, an estimate at most); ``Chiều
      21/3`` completed with the year of the folder, the URL or the page's metadata,
      never with another number of the text (an article about someone born in 1956 is
      not dated 1956); else a month of a year there
      (``tháng 6 năm 2019``: the date ``2019-06``, a month's precision);
    - estimates, only then: ``body`` (a date the text mentions, whole or with
      the year of the folder, URL or metadata), ``exif`` (the photos'
      ``DateTimeOriginal``, never after *today*). (``body+exif``, a day and month of
      the text with the photos' year, is no longer made: a camera's year is not the
      text's.)

    A date found lower in the text never beats the folder or the dateline, and never
    falls outside the folder's month (or year). A date is never more precise than its
    evidence: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as the evidence gives it. The
    file's modification time is never used.
    """
    today = today or date.today()
    # A camera's clock set in the future says nothing about the article.
    photo_dates = [d for d in photo_dates if d and d[:10] <= today.isoformat()]
    top = top_texts(parsed)
    body = [parsed.title, parsed.lead] + [b.text for b in parsed.blocks if b.type == "text"]
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
    if parsed.photo_date and parsed.photo_date <= today.isoformat() and fits(parsed.photo_date):
        return parsed.photo_date, "photo"
    if fits(parsed.date):
        return parsed.date, "page"
    if fits(linked):
        return linked, "url"
    if fits(parsed.header_date):
        return parsed.header_date, "dateline"
    if parsed.dateless:  # its header's date is blank: what it mentions is not its date
        return (f"{fy:04d}" + (f"-{fm:02d}" if fm else ""), "folder") if fy else (None, None)
    # the year a day and month of the text may take: only from evidence of the date
    year = fy or _year_of(linked) or _year_of(parsed.date)
    stated = _dated(top, year=year, firm=True)
    if fits(stated):
        return stated, "folder+dateline" if fm is not None else "dateline"
    if fy is not None and fm is not None:
        return f"{fy:04d}-{fm:02d}", "folder"
    month = find_month(top)
    if fits(month):
        return month, "dateline"
    # nothing at the top or in the folders: a date mentioned lower down is a guess
    mentioned = _dated(body, year=year)
    if fits(mentioned):
        return mentioned, "body"
    fitting = [d[:10] for d in photo_dates if fits(d[:10])]
    if fitting:
        return min(fitting), "exif"
    if fy is not None:
        return f"{fy:04d}", "folder"
    return None, None


def _year_of(iso: str | None) -> int | None:
    return int(iso[:4]) if iso else None


def _dated(texts: list[str], *, year: int | None, firm: bool = False) -> str | None:
    """The first whole date of *texts* (*firm*: the first that stands where a date line
    puts it, `find_dateline_date`), else its first day and month with *year*."""
    full = find_dateline_date(texts) if firm else find_full_date(texts)
    if full:
        return full
    partial = find_partial_date(texts)
    if partial and year:
        return valid_date(year, partial[1], partial[0])
    return None


_ISO_PARTIAL = re.compile(r"^\s*((?:1[5-9]|20)\d{2})(?:-(\d{1,2}))?\s*$")


def sidecar_date(value: str) -> str | None:
    """A sidecar's date to the precision it gives (``2019``, ``2019-06``, ``2019-06-01``,
    or a date written out)."""
    m = _ISO_DATE.search(value)
    if m:
        return valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    partial = _ISO_PARTIAL.match(value)
    if partial:
        year, month = int(partial.group(1)), partial.group(2)
        if month is None:
            return f"{year:04d}"
        return f"{year:04d}-{int(month):02d}" if 1 <= int(month) <= 12 else None
    return find_full_date([value]) or find_month([value])


__all__ = [
    "DATE_SOURCES",
    "DATINGS",
    "dating",
    "TOP_PARAGRAPHS",
    "find_dateline_date",
    "find_full_date",
    "find_partial_date",
    "find_month",
    "folder_date",
    "infer_date",
    "sidecar_date",
    "top_texts",
    "url_date",
    "valid_date",
]
