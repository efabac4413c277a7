"""The header of a Vietnamese official document, as Decree 30/2020/NĐ-CP lays it out
(and forms and petitions copy it): the issuing body, the national motto (``CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM`` / ``Độc lập - Tự do - Hạnh phúc``), the number (``Số:
30/2020/NĐ-CP``), the place and date (``Hà Nội, ngày 05 tháng 3 năm 2020``), then the
document's type in capitals (``NGHỊ ĐỊNH``, ``ĐƠN KHỞI KIỆN``) and its subject (``Về
công tác văn thư``, ``(V/v: …)``).

`read_header` finds that header among a document's first paragraphs, whatever order a
table's cells put them in: the document's title is its type and subject, its date the
header's (a form's blank ``ngày .... tháng .... năm ....`` dates nothing).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tangthu.archive.dates import valid_date

#: Paragraphs looked at for a header: a header fits in the first page's top.
HEADER_PARAGRAPHS = 24

#: The national motto, matched without tone marks (``HÒA`` and ``HOÀ`` alike).
_MOTTO = re.compile(r"^cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam")
_MOTTO_2 = re.compile(r"^doc\s+lap\s*[-–—]\s*tu\s+do\s*[-–—]\s*hanh\s+phuc")
_NUMBER = re.compile(r"^(\w+\s+)?s[ốo]\s*[:.]?\s*[\d.…_]*\s*/", re.I)
_PLACE_DATE = re.compile(
    r"^[^\d,]{0,60},?\s*ngày\s+(\S+)\s+tháng\s+(\S+)\s+năm\s+(\S+)", re.IGNORECASE
)
_SUBJECT = re.compile(r"^(\(?\s*(v/v|về\s+việc|về)\b|quy\s+định\b)", re.IGNORECASE)
_RULE = re.compile(r"^[\s\-–—_=─━.…*]+$")
_BODY_START = re.compile(r"^(căn\s+cứ|kính\s+gửi|theo\s+đề\s+nghị|chương\s|điều\s+\d)", re.I)


@dataclass
class Header:
    """What an official document's header says, and which paragraphs it takes."""

    title: str
    #: the date its place-and-date line states, or None (blank or absent)
    date: str | None = None
    #: the issuing body (``CHÍNH PHỦ``), or None (a petition has none)
    issuer: str | None = None
    number: str | None = None
    #: the indices of the paragraphs that are the motto and the title (type, subject)
    taken: set[int] = field(default_factory=set)
    #: the indices of the header's other paragraphs (issuer, number, place and date)
    header: set[int] = field(default_factory=set)


def _plain(text: str) -> str:
    """*text* without tone marks or case (``Hoà`` and ``hòa`` alike)."""
    parts = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in parts if not unicodedata.combining(c)).lower()


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _number(text: str) -> int | None:
    digits = "".join(c for c in text if c.isdigit())
    return int(digits) if digits and len(digits) <= 4 and digits == text.strip(".,") else None


def read_header(paragraphs: list[str]) -> Header | None:
    """The official header among *paragraphs* (a document's first ones, in order), or
    None when they hold no national motto (the mark of such a header)."""
    texts = [unicodedata.normalize("NFC", " ".join(p.split())) for p in paragraphs]
    texts = texts[:HEADER_PARAGRAPHS]
    motto = next((k for k, t in enumerate(texts) if _MOTTO.match(_plain(t))), None)
    if motto is None:
        return None
    taken = {motto}
    header: set[int] = set()
    for k, t in enumerate(texts):
        if _MOTTO_2.match(_plain(t)) or (k > motto and k <= motto + 3 and _RULE.match(t)):
            taken.add(k)
    issuer_lines = [
        k
        for k, t in enumerate(texts[:motto])
        if _capitals(t) and not _NUMBER.match(t) and len(t) <= 120
    ]
    number = next((k for k, t in enumerate(texts) if _NUMBER.match(t)), None)
    place = next((k for k, t in enumerate(texts) if _PLACE_DATE.match(t) and len(t) <= 120), None)
    header.update(issuer_lines)
    if number is not None:
        header.add(number)
    date = None
    if place is not None:
        header.add(place)
        m = _PLACE_DATE.match(texts[place])
        assert m is not None
        d, mo, y = (_number(g) for g in m.groups())
        if d is not None and mo is not None and y is not None and 1000 <= y:
            date = valid_date(y, mo, d)
    # the type: the first line in capitals after the motto that is not the header's
    start = max(taken) + 1
    kind = None
    for k in range(start, len(texts)):
        t = texts[k]
        if k in header or k in taken or not t or _RULE.match(t):
            continue
        if _BODY_START.match(t):
            break
        if _capitals(t) and len(t) <= 200:
            kind = k
        break
    if kind is None:
        return None
    title = texts[kind]
    taken.add(kind)
    # its subject: the line after it that says what it is about (``Về …``, ``(V/v: …)``)
    nxt = kind + 1
    while nxt < len(texts) and (nxt in header or not texts[nxt]):
        nxt += 1
    if nxt < len(texts) and _SUBJECT.match(texts[nxt]) and len(texts[nxt]) <= 300:
        title = f"{title} {texts[nxt]}"
        taken.add(nxt)
    issuer = " ".join(texts[k] for k in issuer_lines) or None
    return Header(
        title=title,
        date=date,
        issuer=issuer,
        number=texts[number] if number is not None else None,
        taken=taken,
        header=header,
    )


#: What a cover page's top lines name: the institution a report or thesis is from.
_INSTITUTION = re.compile(
    r"^(bộ|trường|học\s+viện|đại\s+học|khoa|viện|sở|ủy\s+ban|uỷ\s+ban|ubnd|công\s+ty|"
    r"tổng\s+công\s+ty|tập\s+đoàn|ban|phòng|trung\s+tâm|chi\s+nhánh|liên\s+đoàn|hội|"
    r"university|faculty|department|school|institute|college|ministry)\b",
    re.IGNORECASE,
)
_TOPIC = re.compile(r"^(đề\s+tài|tên\s+đề\s+tài|topic|title)\s*[:：]\s*", re.IGNORECASE)


def cover_title(paragraphs: list[str]) -> tuple[int, str] | None:
    """A cover page's title among a document's first *paragraphs*: after the lines
    naming the institution (``HỌC VIỆN …``, ``KHOA …``), its ``Đề tài: …`` when it
    states one, else its first line in capitals. None when the document does not open
    with an institution's name (it is no cover page)."""
    texts = [" ".join(p.split()) for p in paragraphs[:HEADER_PARAGRAPHS]]
    k = 0
    while k < len(texts) and (not texts[k] or _RULE.match(texts[k])):
        k += 1
    if k >= len(texts) or not (_INSTITUTION.match(texts[k]) and _capitals(texts[k])):
        return None
    while k < len(texts) and (
        not texts[k]
        or _RULE.match(texts[k])
        or (_INSTITUTION.match(texts[k]) and _capitals(texts[k]))
    ):
        k += 1
    for j in range(k, min(k + 8, len(texts))):
        m = _TOPIC.match(texts[j])
        if m and len(texts[j]) > m.end():
            return j, texts[j][m.end() :].strip()
    for j in range(k, min(k + 8, len(texts))):
        if _capitals(texts[j]) and 8 <= len(texts[j]) <= 250:
            return j, texts[j]
    return None
