"""Articles: the text format's parser (DESIGN.md "The article folder format", rule
by rule) and `load_article`, which reads an article file of any format.

`parse_text` is pure (text in, `ParsedText` out); `load_article` reads an article
file from an archive root with its format's reader (`tangthu.archive.formats`),
resolves its photos, completes the date and applies a sidecar.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from tangthu.archive.decode import DecodeError, decode
from tangthu.archive.embedded import keep
from tangthu.archive.fold import fold
from tangthu.archive.formats import ReadFailure, reader_for
from tangthu.archive.guard import (
    FileTooLarge,
    UnsafeFile,
    open_regular,
    outside_target,
    read_bytes,
)
from tangthu.archive.model import Article, Block, PhotoInfo, PhotoRef, Problem, Related
from tangthu.archive.outlet import PHOTO_CREDIT, canonical_outlet, from_lead, from_url
from tangthu.archive.photo import IMAGE_EXTENSIONS, read_photo_info

logger = logging.getLogger(__name__)

#: Article files larger than this are not parsed (a 50 KB article is long).
MAX_ARTICLE_BYTES = 16 * 1024 * 1024
#: Photos one article may name (a long gallery has a few hundred); the rest are left out
#: and reported, so one file cannot fill the memory of every search and of the reader.
MAX_PHOTOS = 2_000
#: Missing photos reported one by one for an article; the rest in one line.
MAX_MISSING_REPORTED = 20
#: Sidecars larger than this are not read (a Dublin Core record is a few hundred bytes).
MAX_SIDECAR_BYTES = 1024 * 1024

_IMAGE_EXT = "|".join(e.lstrip(".") for e in sorted(IMAGE_EXTENSIONS))
# A line that is only a file name or relative path: no URL, no sentence around it.
_PHOTO_LINE = re.compile(
    rf"^(?!https?://)[^\s\\/:*?\"<>|][^\\:*?\"<>|]{{0,200}}\.(?:{_IMAGE_EXT})$", re.IGNORECASE
)
_URL_LINE = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:theo|nguồn)\s*:?\s+(?P<who>[^/]+?)(?:\s*/\s*(?P<outlet>[^/]+?))?\s*$", re.I
)
_RELATED_HEADERS = {
    "tin lien quan",
    "bai lien quan",
    "tin cung chuyen muc",
    "tin khac",
    "doc them",
    "xem them",
    "bai viet lien quan",
    "tin bai lien quan",
}
_SENTENCE_END = (".", "!", "?", ";", ",", ":", "…", '"', "”")
_FULL_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})(?![\d/])")
_WORD_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.I)
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_PARTIAL_DATE = re.compile(
    r"(?:^|\b)(?:rạng\s+sáng|sáng|chiều|tối|trưa|đêm|khuya|ngày|hôm|hôm\s+nay|từ|đến)"
    r"\s*(?:qua\s*)?\(?\s*(\d{1,2})/(\d{1,2})(?![\d/])",
    re.I,
)
_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})(?![\d/.,]\d)")


def is_photo_line(line: str) -> bool:
    return bool(_PHOTO_LINE.match(line.strip()))


#: The longest header of a related list, in characters (a longer line is text).
_RELATED_LONGEST = max(len(h) for h in _RELATED_HEADERS) + 4


def is_related_header(line: str) -> bool:
    if len(line) > _RELATED_LONGEST:  # a paragraph: not folded for nothing
        return False
    key = fold(line).strip().rstrip(":").strip().lower()
    return key in _RELATED_HEADERS


@dataclass(slots=True)
class ParsedText:
    """What an article file alone says, whatever its format; photo files are names
    (relative to the article's folder), not yet looked up."""

    title: str = ""
    lead: str = ""
    blocks: list[Block] = field(default_factory=list)
    photo_lines: list[tuple[str, str | None]] = field(default_factory=list)
    source_url: str | None = None
    author: str | None = None
    outlet: str | None = None
    related: list[Related] = field(default_factory=list)
    #: the section of the outlet the source URL names (``kinhdoanh`` of vnexpress.net)
    section: str | None = None
    #: photo lines beyond `MAX_PHOTOS`, left out
    photos_left_out: int = 0
    #: a date the file's own metadata states (a web page's ``article:published_time``)
    date: str | None = None
    #: how the text was decoded (the text format), or None
    encoding: str | None = None
    #: what the reader could not read of the file, said once (pages left out, …)
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: the text was read from pictures with OCR, this sure of it (0-100)
    recognized: float | None = None
    #: pictures kept inside the file, by their photo name (``NAME_files/PICTURE``)
    embedded: dict[str, bytes] = field(default_factory=dict)
    #: pages of a paged document (a PDF)
    pages: int | None = None


def _is_byline_shaped(line: str) -> bool:
    """A short line without sentence punctuation: a name, an agency, an office."""
    return len(line) <= 80 and len(line.split()) <= 12 and not line.endswith(_SENTENCE_END[:5])


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
        if is_related_header(line):
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
            if (
                i < n
                and lines[i]
                and not is_related_header(lines[i])
                and not _URL_LINE.match(lines[i])
            ):
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
        if m and out.author is None and _is_byline_shaped(line):
            out.author = m.group("who").strip()
            if m.group("outlet"):
                out.outlet = m.group("outlet").strip()
            i += 1
            continue
        if after_url and out.author is None and _is_byline_shaped(line):
            out.author = line
            i += 1
            continue
        out.blocks.append(Block("text", text=line))
        i += 1
    if out.author is None:
        byline_index = _trailing_byline(out.blocks)
        if byline_index is not None:
            who = _PARENTHESES.sub("", out.blocks.pop(byline_index).text).strip()
            author, _, outlet = (_BYLINE_SPLIT.split(who, maxsplit=1) + ["", ""])[:3]
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


_PARENTHESES = re.compile(r"\([^()]*\)?")
#: "Author/Outlet", "Author, Theo Outlet", "Author - Theo Outlet"
_BYLINE_SPLIT = re.compile(r"\s*(/|,\s*(?=theo\s|nguồn\s)|\s[-–]\s*(?=theo\s|nguồn\s))\s*", re.I)


def _trailing_byline(blocks: list[Block]) -> int | None:
    """Index of a last paragraph that is only a name ("Trọng Giáp", "TTXVN/Tin Tức")."""
    texts = [k for k, b in enumerate(blocks) if b.type == "text"]
    if len(texts) < 3:
        return None
    k = texts[-1]
    line = _PARENTHESES.sub("", blocks[k].text).strip()
    if PHOTO_CREDIT.match(line):
        return None
    words = line.replace("/", " ").split()
    if not (1 <= len(words) <= 6 and len(line) <= 50) or line.endswith(_SENTENCE_END):
        return None
    if any(ch.isdigit() for ch in line):
        return None
    if all(w[:1].isupper() for w in words):
        return k
    return None


def _parse_related(lines: list[str]) -> list[Related]:
    paras = [ln for ln in lines if ln and not is_photo_line(ln)]
    items = []
    for j in range(0, len(paras), 2):
        summary = paras[j + 1] if j + 1 < len(paras) else ""
        items.append(Related(title=paras[j], summary=summary))
    return items


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_full_date(texts: list[str]) -> str | None:
    """The first valid complete date in *texts* (``21/3/2024``, ``ngày 21 tháng 3 năm 2024``)."""
    for t in texts:
        found: list[tuple[int, str]] = []
        for m in _FULL_DATE.finditer(t):
            iso = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if iso:
                found.append((m.start(), iso))
        for m in _WORD_DATE.finditer(t):
            iso = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if iso:
                found.append((m.start(), iso))
        for m in _ISO_DATE.finditer(t):
            iso = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
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
            valid = _DAY_FOLDER.match(day) and _valid(int(part), int(month), int(day))
            return int(part), int(month), int(day) if valid else None
    return None


def url_date(url: str | None) -> str | None:
    """A date a source URL holds (its path, not its host), or None."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            iso = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
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
        iso = _valid(exif_years[-1], partial[1], partial[0])
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
        return _valid(year, partial[1], partial[0])
    return None


def nfc_key(name: str) -> str:
    """How file names are compared: NFC and case-folded."""
    return unicodedata.normalize("NFC", name).casefold()


class FolderListing:
    """The files of one folder, looked up by NFC, case-folded name."""

    def __init__(self, folder: Path, names: list[str] | None = None) -> None:
        self.folder = folder
        if names is None:
            try:
                names = os.listdir(folder)
            except OSError:
                names = []
        self.by_key: dict[str, str] = {}
        for name in sorted(names):
            self.by_key.setdefault(nfc_key(name), name)

    def find(self, relative: str) -> Path | None:
        """The path of *relative* (a name or ``sub/name``) in this folder, if present."""
        parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".")]
        if not parts or ".." in parts:
            return None
        if len(parts) == 1:
            real = self.by_key.get(nfc_key(parts[0]))
            return self.folder / real if real else None
        sub = FolderListing(self.folder).find(parts[0])
        if sub is None or not sub.is_dir():
            return None
        return FolderListing(sub).find("/".join(parts[1:]))


def read_sidecar(
    path: Path, root: str | os.PathLike[str] | None = None, trusted: tuple[str, ...] = ()
) -> tuple[dict[str, str], Problem | None]:
    """Read a Dublin Core sidecar; a bad one is a problem, not an error.

    Only `MAX_SIDECAR_BYTES` are read; a value is a string, a number or a list of them
    (anything else in it is left out).
    """
    try:
        data = read_bytes(path, root, limit=MAX_SIDECAR_BYTES, trusted=trusted)
    except FileTooLarge:
        return {}, Problem(
            "bad-sidecar", str(path), f"larger than {MAX_SIDECAR_BYTES:,} bytes; it is not read"
        )
    except UnsafeFile as exc:
        return {}, Problem(exc.kind, str(path), exc.detail)
    except OSError as exc:
        return {}, Problem("unreadable-file", str(path), str(exc.strerror or exc))
    try:
        raw = json.loads(decode(data)[0] or "{}")
    except (ValueError, DecodeError) as exc:
        return {}, Problem("bad-sidecar", str(path), f"not valid JSON ({exc})")
    except RecursionError:
        return {}, Problem("bad-sidecar", str(path), "the JSON is nested too deeply to read")
    if not isinstance(raw, dict):
        return {}, Problem("bad-sidecar", str(path), "the JSON is not an object")
    out = {}
    for key, value in raw.items():
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value if isinstance(v, (str, int, float)))
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip()
            if text:
                out[str(key).lower()] = unicodedata.normalize("NFC", text)
    return out, None


def _sidecar_date(value: str) -> str | None:
    m = _ISO_DATE.search(value)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return find_full_date([value])


def article_id(root: Path, path: Path) -> str:
    """The article's ID: its path relative to *root*, with ``/``, NFC."""
    rel = path.relative_to(root).as_posix()
    return unicodedata.normalize("NFC", rel)


def read_body(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> str:
    """The lead and paragraphs of an article file, one per line, as `Article.body_text`
    says them: the file is read and parsed, nothing else looked up (its photos, its
    folder, a sidecar); "" when it cannot be read."""
    return read_title_and_body(root, path)[1]


def read_title_and_body(
    root: str | os.PathLike[str], path: str | os.PathLike[str]
) -> tuple[str, str]:
    """An article file's title and its body (as `read_body`); ("", "") when it cannot
    be read."""
    reader = reader_for(path)
    if reader is None:
        return "", ""
    try:
        parsed = reader.read(read_bytes(path, root, limit=reader.max_bytes), Path(path))
    except (OSError, ReadFailure, MemoryError, RecursionError):
        return "", ""
    except Exception as exc:  # as load_article: one file's failure is that file's
        failed_reading(exc)
        return "", ""
    parts = [parsed.lead] if parsed.lead else []
    parts.extend(b.text for b in parsed.blocks if b.type == "text")
    return parsed.title, "\n".join(parts)


def failed_reading(exc: Exception) -> str:
    """What to say of a reader that failed on a file in a way it did not foresee (the
    file's problem: the scan goes on); its traceback is logged (debug)."""
    logger.debug("a reader failed", exc_info=exc)
    text = " ".join(str(exc).split())
    return f"the file could not be read ({type(exc).__name__}: {text[:200]})"


def load_article(
    root: str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    photo_info: bool = True,
    listing: FolderListing | None = None,
    today: date | None = None,
    trusted: tuple[str, ...] = (),
) -> Article:
    """Read, decode and parse one article file below *root*.

    Problems (unreadable, undecodable, empty, missing or broken photos, links out of
    the archive, more photos than `MAX_PHOTOS`) are recorded in ``Article.problems``;
    only a programming error raises.

    Args:
        trusted: folders outside the archive that its links may lead to.
    """
    root, path = Path(root), Path(path)
    aid = article_id(root, path)
    problems: list[Problem] = []
    reader = reader_for(path)
    limit = reader.max_bytes if reader else MAX_ARTICLE_BYTES
    parsed = ParsedText()
    data = None
    try:
        if reader is not None and not reader.reads_bytes:  # a picture: opened by its reader
            open_regular(path, root, trusted=trusted).close()
            data = b""
        else:
            data = read_bytes(path, root, limit=limit, trusted=trusted)
    except FileTooLarge:
        size = _size(path)
        problems.append(
            Problem(
                "too-large",
                str(path),
                f"{size:,} bytes; articles above {limit:,} bytes are not read",
            )
        )
    except UnsafeFile as exc:
        problems.append(Problem(exc.kind, str(path), exc.detail))
    except OSError as exc:
        problems.append(Problem("unreadable-file", str(path), str(exc.strerror or exc)))
    if data is not None and reader is not None:
        try:
            parsed = reader.read(data, path)
        except ReadFailure as exc:
            problems.append(Problem(exc.kind, str(path), exc.detail))
        except (MemoryError, RecursionError):
            problems.append(
                Problem("broken-document", str(path), "the file is too complex to read")
            )
        except Exception as exc:  # a reader's failure on one file stops no scan
            problems.append(Problem("broken-document", str(path), failed_reading(exc)))
    problems.extend(Problem(kind, str(path), detail) for kind, detail in parsed.notes)
    encoding = parsed.encoding
    if encoding == "empty":
        problems.append(Problem("empty-article", str(path), "the article file is empty"))
    elif reader is not None and reader.name != "text" and not problems:
        if not parsed.lead and not parsed.blocks:
            problems.append(Problem("empty-article", str(path), "no story was found in it"))
    if parsed.photos_left_out:
        problems.append(
            Problem(
                "too-many-photos",
                str(path),
                f"names {len(parsed.photo_lines) + parsed.photos_left_out:,} photos; the "
                f"first {MAX_PHOTOS:,} are kept",
            )
        )
    folder = path.parent
    listing = listing or FolderListing(folder)
    photos: list[PhotoRef] = []
    missing = 0
    for name, caption in parsed.photo_lines:
        found = listing.find(name)
        info = None
        if found is None and name in parsed.embedded:  # a picture inside the file
            found = keep(path, name, parsed.embedded[name], data or None)
            if found is not None:
                info = read_photo_info(found) if photo_info else None
                if info is not None and info.problem:
                    problems.append(info.problem)
                photos.append(PhotoRef(name, caption, True, str(found), info))
                continue
        if found is not None:
            unusable = unusable_photo(found, name, root, trusted)
            if unusable is not None:
                problems.append(unusable)
                photos.append(PhotoRef(file=name, caption=caption, exists=False))
                continue
        if found is None:
            missing += 1
            if missing <= MAX_MISSING_REPORTED:
                problems.append(
                    Problem(
                        "missing-photo",
                        str(folder / name),
                        f"{aid} names {name}, which is not in the article's folder",
                    )
                )
        elif photo_info:
            info = read_photo_info(found, root=root, trusted=trusted)
            if info.problem:
                problems.append(info.problem)
        photos.append(
            PhotoRef(
                file=name,
                caption=caption,
                exists=found is not None,
                path=str(found) if found else None,
                info=info,
            )
        )
    if missing > MAX_MISSING_REPORTED:
        problems.append(
            Problem(
                "missing-photo",
                str(path),
                f"{missing - MAX_MISSING_REPORTED:,} more photos it names are not in the "
                "article's folder",
            )
        )
    the_date, date_source = infer_date(
        parsed,
        [p.info.taken for p in photos if p.info and p.info.taken],
        folder=folder_date(aid),
        today=today,
    )
    if not parsed.title:
        parsed.title = path.parent.name if path.name.lower() == "article.txt" else path.stem
        parsed.title = unicodedata.normalize("NFC", parsed.title)
    article = Article(
        id=aid,
        title=parsed.title,
        lead=parsed.lead,
        blocks=tuple(parsed.blocks),
        photos=tuple(photos),
        source_url=parsed.source_url,
        author=parsed.author,
        outlet=parsed.outlet,
        section=parsed.section,
        date=the_date,
        date_source=date_source,
        related=tuple(parsed.related),
        encoding=encoding,
        format=reader.name if reader else "text",
        recognized=parsed.recognized,
        pages=parsed.pages,
    )
    for candidate in (path.with_suffix(".json"), folder / "metadata.json"):
        real = listing.find(candidate.name)
        if real is not None and real.is_file():
            meta, problem = read_sidecar(real, root, trusted)
            if problem:
                problems.append(problem)
            article = apply_sidecar(article, meta)
            break
    return replace(article, problems=tuple(problems))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def unusable_photo(
    found: Path, name: str, root: str | os.PathLike[str], trusted: tuple[str, ...] = ()
) -> Problem | None:
    """Why a photo's file is not read, if it is not: a link out of the archive, a link in
    a circle, a pipe or a device (an ``lstat`` and a ``stat`` for a plain file in the
    article's own folder)."""
    if "/" in name.replace("\\", "/") or os.path.islink(found):
        leads = outside_target(found, root, trusted)
        if leads is not None:
            return Problem(
                "outside-link",
                str(found),
                f"a link to {leads}, outside the archive; it is not followed",
            )
    try:
        st = found.stat()
    except OSError as exc:
        kind = "symlink-loop" if exc.errno == errno.ELOOP else "unreadable-file"
        return Problem(kind, str(found), str(exc.strerror or exc))
    if not stat.S_ISREG(st.st_mode):
        return Problem(
            "special-file", str(found), "a named pipe, a device or a folder, not a photo file"
        )
    return None


def apply_sidecar(article: Article, meta: dict[str, str]) -> Article:
    """Let Dublin Core keys of a sidecar override what the text said."""
    changes: dict[str, str] = {}
    if meta.get("title"):
        changes["title"] = meta["title"]
    if meta.get("creator"):
        changes["author"] = meta["creator"]
    if canonical_outlet(meta.get("publisher")):
        changes["outlet"] = canonical_outlet(meta["publisher"]) or ""
    if meta.get("source"):
        changes["source_url"] = meta["source"]
    if meta.get("subject"):
        changes["subject"] = meta["subject"]
    if meta.get("description"):
        changes["description"] = meta["description"]
    if meta.get("date"):
        iso = _sidecar_date(meta["date"])
        if iso:
            changes["date"], changes["date_source"] = iso, "sidecar"
    return replace(article, **changes) if changes else article  # type: ignore[arg-type]


def unreferenced_photos(listing: FolderListing, referenced: set[str]) -> list[str]:
    """Names of image files in the folder that no article of it names."""
    return [
        name
        for key, name in sorted(listing.by_key.items())
        if os.path.splitext(key)[1] in IMAGE_EXTENSIONS and key not in referenced
    ]


__all__ = [
    "FolderListing",
    "ParsedText",
    "PhotoInfo",
    "apply_sidecar",
    "article_id",
    "infer_date",
    "is_photo_line",
    "load_article",
    "parse_text",
]
