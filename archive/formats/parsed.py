"""What every reader of `tangthu.archive.formats` gives back, and the helpers they share:
`ParsedText` (what an article file alone says), and telling a byline from a paragraph.
`tangthu.archive.article.load_article` does the rest for every format alike."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tangthu.archive.fold import fold
from tangthu.archive.model import Block, Related
from tangthu.archive.outlet import PHOTO_CREDIT

#: Article files larger than this are not parsed (a 50 KB article is long).
MAX_ARTICLE_BYTES = 16 * 1024 * 1024


#: Photos one article may name (a long gallery has a few hundred); the rest are left out
#: and reported, so one file cannot fill the memory of every search and of the reader.
MAX_PHOTOS = 2_000


SENTENCE_END = (".", "!", "?", ";", ",", ":", "…", '"', "”")


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
    #: the date the file's own header states (an official document's place and date
    #: line), and whether its header leaves that date blank: then nothing lower in its
    #: text dates it (the dates it mentions are other documents')
    header_date: str | None = None
    dateless: bool = False
    #: the date a picture that is an article of its own gives itself (EXIF's
    #: DateTimeOriginal, else IPTC/XMP Date Created), as precise as written
    photo_date: str | None = None
    #: the subject the file gives itself: a press photo's keywords, joined by ``; ``
    subject: str | None = None
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


def is_byline_shaped(line: str) -> bool:
    """A short line without sentence punctuation: a name, an agency, an office."""
    return len(line) <= 80 and len(line.split()) <= 12 and not line.endswith(SENTENCE_END[:5])


PARENTHESES = re.compile(r"\([^()]*\)?")


#: "Author/Outlet", "Author, Theo Outlet", "Author - Theo Outlet"
BYLINE_SPLIT = re.compile(r"\s*(/|,\s*(?=theo\s|nguồn\s)|\s[-–]\s*(?=theo\s|nguồn\s))\s*", re.I)


#: The headings of a Vietnamese paper's list of related articles, folded ("Tin liên
#: quan", "Đọc thêm").
RELATED_HEADINGS = frozenset(
    {
        "tin lien quan",
        "bai lien quan",
        "tin cung chuyen muc",
        "tin khac",
        "doc them",
        "xem them",
        "bai viet lien quan",
        "tin bai lien quan",
    }
)
#: Lines that open what follows a story, not its text (another articles' list, a
#: sharing bar), in the languages of the papers a library keeps: a page's template
#: sets them as plain headings, in no box marked as such.
_TAIL_HEADINGS = """
related|related articles|related stories|related posts|related content|you may also like|
you might also like|more stories|most read|most popular|recommended|recommended for you|
share this|like this|more from this section|
ahnliche beitrage|ahnliche artikel|verwandte artikel|verwandte beitrage|
das konnte sie auch interessieren|das konnte dich auch interessieren|auch interessant|
empfohlene beitrage|empfohlene artikel|weitere artikel|weitere beitrage|mehr zum thema|
lesen sie auch|meistgelesen|meist gelesen|beliebte beitrage|neueste beitrage|
teilen mit|gefallt mir|sie konnten auch an folgenden artikeln interessiert sein|
vorschau auf den nachsten artikel|schon gelesen|zum weiterlesen|mehr themen|meist diskutiert|
meistdiskutiert|diesen artikel teilen|artikel teilen|lesen sie auch die folgenden beitrage|
articles les plus lus|a lire aussi|lire aussi|sur le meme sujet|articles similaires|
articles lies|vous aimerez aussi|partager|
noticias relacionadas|te puede interesar|articulos relacionados|lo mas leido|
tambien te puede interesar|temas relacionados|
leggi anche|articoli correlati|potrebbe interessarti|
zobacz takze|czytaj takze|zobacz tez|czytaj tez|polecane|
lees ook|gerelateerde artikelen
"""
TAIL_HEADINGS = RELATED_HEADINGS | {h.strip() for h in _TAIL_HEADINGS.replace("\n", "").split("|")}
_TAIL_LONGEST = max(len(h) for h in TAIL_HEADINGS) + 4


_RELATED_LONGEST = max(len(h) for h in RELATED_HEADINGS) + 4


def heads_related(line: str) -> bool:
    """Whether *line* is a heading of a list of related articles (`RELATED_HEADINGS`:
    "Tin liên quan:", "ĐỌC THÊM", whatever their case, marks and colon)."""
    if len(line) > _RELATED_LONGEST:  # a paragraph: not folded for nothing
        return False
    return _tail_key(line) in RELATED_HEADINGS


def opens_the_tail(line: str) -> bool:
    """Whether *line* is a heading of what follows a story (`TAIL_HEADINGS`: "Tin liên
    quan", "Ähnliche Beiträge", "À lire aussi", whatever their case, marks and colon)."""
    if len(line) > _TAIL_LONGEST:
        return False
    return _tail_key(line) in TAIL_HEADINGS


def _tail_key(line: str) -> str:
    return fold(line).casefold().replace("-", " ").strip(" :»›>!?.").strip()


#: The longest line of a list after a story (another article's title, a name).
_TAIL_LINE = 150


#: How a heading of what follows a story opens when it names what it lists ("Mehr zu
#: Wärmepumpe", "Weitere Tourentipps in Schweden", "More on Politics", "Auch auf
#: gofeminin.de"): such a heading ends a story only where short lines alone follow it.
_TAIL_OPENINGS = (
    "mehr zu ", "mehr zum ", "mehr von ", "mehr aus ", "mehr kolumnen", "weitere ",
    "entdecke weitere", "neueste ", "auch auf ", "more on ", "more about ",
    "more in ", "notas relacionadas", "mas noticias", "plus d'articles", "altre notizie",
)  # fmt: skip


#: The longest heading naming what follows a story.
_TAIL_NAMED = 60


def _names_what_follows(line: str) -> bool:
    """Whether *line* is a heading of what follows a story (`opens_the_tail`), or a
    short line opening as one that names what it lists (`_TAIL_OPENINGS`)."""
    if len(line) > max(_TAIL_LONGEST, _TAIL_NAMED):  # a paragraph: not folded for nothing
        return False
    key = _tail_key(line)
    return (len(line) <= _TAIL_LONGEST and key in TAIL_HEADINGS) or (
        len(line) <= _TAIL_NAMED and key.startswith(_TAIL_OPENINGS)
    )


def without_tail(blocks: list[Block]) -> list[Block]:
    """*blocks* up to a heading of what follows the story (`opens_the_tail`) in their
    second half, when only short lines follow it (other articles' titles): a heading the
    template sets over such a list, not a teaser in the story ("Lesen Sie auch: …" and
    the story going on after it).

    Elsewhere, a line that is only such a heading of more than one word ("Lesen Sie
    auch", "Das könnte Sie auch interessieren!") goes: no story says only that (the
    titles it lists, short lines like many a story's, stay)."""
    last_long = max(
        (k for k, b in enumerate(blocks) if b.type == "text" and len(b.text) >= _TAIL_LINE),
        default=-1,
    )
    for k in range(max(len(blocks) // 2, last_long + 1), len(blocks)):
        if blocks[k].type == "text" and _names_what_follows(blocks[k].text):
            return blocks[:k]
    return [
        b
        for b in blocks
        if not (b.type == "text" and opens_the_tail(b.text) and " " in _tail_key(b.text))
    ]


def trailing_byline(blocks: list[Block]) -> int | None:
    """Index of a last paragraph that is only a name ("Trọng Giáp", "TTXVN/Tin Tức")."""
    texts = [k for k, b in enumerate(blocks) if b.type == "text"]
    if len(texts) < 3:
        return None
    k = texts[-1]
    line = PARENTHESES.sub("", blocks[k].text).strip()
    if PHOTO_CREDIT.match(line):
        return None
    words = line.replace("/", " ").split()
    if not (1 <= len(words) <= 6 and len(line) <= 50) or line.endswith(SENTENCE_END):
        return None
    if any(ch.isdigit() for ch in line):
        return None
    if all(w[:1].isupper() for w in words):
        return k
    return None


__all__ = [
    "BYLINE_SPLIT",
    "MAX_ARTICLE_BYTES",
    "MAX_PHOTOS",
    "PARENTHESES",
    "SENTENCE_END",
    "ParsedText",
    "heads_related",
    "is_byline_shaped",
    "trailing_byline",
]
