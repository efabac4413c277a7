"""Which paper an article is of: one name per outlet, whatever the article calls it.

A paper is named by its registrable web address (``vnexpress.net``, not
``kinhdoanh.vnexpress.net``: the section is kept apart), whether the article gives that
address, a URL on it, or the paper's name in its byline or lead (``Theo Tuổi Trẻ``,
``(Dân trí) -``, ``- VnExpress``). A name that is no known paper's stays as written.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tangthu.archive.fold import fold

#: Endings under which a paper registers its name one label further in.
_SECOND_LEVEL = frozenset(
    {
        "com.vn", "net.vn", "org.vn", "gov.vn", "edu.vn", "info.vn", "biz.vn", "name.vn",
        "pro.vn", "health.vn", "ac.vn", "int.vn", "co.uk", "org.uk", "com.au", "co.jp",
        "com.cn", "com.sg", "co.kr",
    }
)  # fmt: skip

#: Vietnamese papers by their names (folded, lower case, without "báo"), and their
#: addresses.
PAPERS: dict[str, str] = {
    "vnexpress": "vnexpress.net",
    "vn express": "vnexpress.net",
    "sohoa": "vnexpress.net",
    "tuoi tre": "tuoitre.vn",
    "thanh nien": "thanhnien.vn",
    "dan tri": "dantri.com.vn",
    "tin tuc": "baotintuc.vn",
    "thoi dai": "thoidai.com.vn",
    "zing": "zing.vn",
    "zing news": "zing.vn",
    "znews": "znews.vn",
    "lao dong": "laodong.vn",
    "nguoi lao dong": "nld.com.vn",
    "an ninh thu do": "anninhthudo.vn",
    "vietnamnet": "vietnamnet.vn",
    "tien phong": "tienphong.vn",
    "phap luat tp.hcm": "plo.vn",
    "phap luat tphcm": "plo.vn",
    "sai gon giai phong": "sggp.org.vn",
    "nhan dan": "nhandan.vn",
    "quan doi nhan dan": "qdnd.vn",
    "cong an nhan dan": "cand.com.vn",
    "vov": "vov.vn",
    "vtv": "vtv.vn",
    "vtc news": "vtc.vn",
    "lao cai": "baolaocai.vn",
    "kenh 14": "kenh14.vn",
    "kenh14": "kenh14.vn",
    "soha": "soha.vn",
    "cafef": "cafef.vn",
    "infonet": "infonet.vn",
    "giao duc viet nam": "giaoduc.net.vn",
    "the thao & van hoa": "thethaovanhoa.vn",
    "the thao va van hoa": "thethaovanhoa.vn",
    "the thao van hoa": "thethaovanhoa.vn",
    "the thao va xa hoi": "thethaovaxahoi.vn",
    "reatimes": "reatimes.vn",
    "vietnamplus": "vietnamplus.vn",
    "tien phong online": "tienphong.vn",
}

_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+$")
_PARENTHESES = re.compile(r"\([^()]*\)?")
#: "(Dân trí) - …" at the head of a lead, "… - VnExpress" at its end.
_LEAD_HEAD = re.compile(r"^\(\s*([^()]{2,30}?)\s*\)\s*[-–—]")
_LEAD_TAIL = re.compile(r"[-–—]\s*([^-–—.,;:!?]{2,30}?)\s*$")
#: A line crediting the photos ("Ảnh: Thiên Hùng/Trọng Tùng") names photographers.
PHOTO_CREDIT = re.compile(r"^(?:ảnh|hình|photo|clip|video|đồ họa|thực hiện)\s*:", re.I)


def registrable(host: str) -> tuple[str, str | None]:
    """The address a paper registered, and the section its host names before it:
    ``kinhdoanh.vnexpress.net`` is (``vnexpress.net``, ``kinhdoanh``)."""
    labels = host.lower().strip(".").removeprefix("www.").split(".")
    keep = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL else 2
    domain = ".".join(labels[-keep:])
    section = ".".join(labels[:-keep]) or None
    return domain, section


def _name_key(name: str) -> str:
    key = " ".join(fold(name).lower().split())
    return re.sub(r"^bao\s+", "", key).strip(" .")


def paper(name: str) -> str | None:
    """The address of the paper *name* calls (``Báo Tin Tức``, ``VOV-TP HCM``), or None."""
    key = _name_key(name)
    if key in PAPERS:
        return PAPERS[key]
    for part in re.split(r"\s*[-–/]\s*", key):  # "vov-tp hcm", "vnexpress kinh doanh"
        if part in PAPERS:
            return PAPERS[part]
    first = key.split(" ")[0] if key else ""
    return PAPERS.get(first) if first in ("vnexpress", "vov", "vtv", "zing") else None


def canonical_outlet(raw: str | None) -> str | None:
    """One name per outlet: a paper's registrable address (from an address or from its
    name), else the name as written without ``Theo``, parentheses or stray punctuation;
    fragments without letters and photo credits are refused."""
    if not raw:
        return None
    text = _PARENTHESES.sub("", raw)
    text = re.sub(r"^(?:theo|nguồn)\s*:?\s+", "", text.strip(), flags=re.I)
    text = text.strip(" .,;:-–/()")
    if len(text) < 2 or not any(c.isalpha() for c in text) or PHOTO_CREDIT.match(text):
        return None
    if _DOMAIN.match(text):
        return registrable(text)[0]
    return paper(text) or text


def from_url(url: str | None) -> tuple[str | None, str | None]:
    """(outlet, section) a source URL names: its host's registrable address, and the
    section its host puts before it (else the first word of its path, when it has
    another part after it)."""
    if not url:
        return None, None
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not _DOMAIN.match(host):
        return None, None
    domain, section = registrable(host)
    if section is None:
        path = [p for p in parts.path.split("/") if p]
        if len(path) >= 2 and re.fullmatch(r"[a-z][a-z-]{1,40}", path[0]):
            section = path[0]
    return domain, section


def from_lead(lead: str) -> str | None:
    """A paper the lead names at its head or its end (``(Dân trí) -``, ``- VnExpress``),
    when it is a known paper."""
    for pattern in (_LEAD_HEAD, _LEAD_TAIL):
        m = pattern.search(lead)
        if m:
            found = paper(m.group(1))
            if found:
                return found
    return None
