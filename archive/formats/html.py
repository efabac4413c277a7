"""Web pages saved from a paper's site ("Save page as…": ``NAME.html`` with its files
in ``NAME_files/``): the story only.

The title, lead, date, author and source come from the page's metadata (Open Graph,
``article:published_time``, JSON-LD, the canonical link, the "saved from" note a
browser writes) and, where it has none, from its headings. The story is the page's
article body: the element the page marks as such (``<article>``,
``itemprop=articleBody``, the body classes of the papers' templates) or, where none
is marked, the element whose paragraphs hold the most prose (the scoring of
Arc90's Readability, reduced). Menus, headers, footers, ads, scripts, styles,
share buttons and "related" or "most read" lists are removed first, by tag and by
class; paragraphs that are mostly links are left out. Each ``<figure>`` (or a
template's image box) becomes a photo in place, with its ``<figcaption>`` as the
caption; the photo is the page's own saved copy (``NAME_files/…``).

Built on lxml (BSD), which parses any HTML a browser saves; extraction libraries
were not used because they drop figure captions and the figures' places.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from tangthu.archive import embedded
from tangthu.archive.dates import find_stated_date, valid_date
from tangthu.archive.decode import DecodeError, declared_codec, decode, one_line
from tangthu.archive.fold import fold
from tangthu.archive.formats import ArticleReader, ReadFailure
from tangthu.archive.formats.parsed import (
    MAX_PHOTOS,
    ParsedText,
    trailing_byline,
    without_tail,
)
from tangthu.archive.model import Block
from tangthu.archive.outlet import canonical_outlet, from_url
from tangthu.archive.photo import IMAGE_EXTENSIONS

#: Never part of a story.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "form", "button",
    "select", "input", "textarea", "nav", "header", "footer", "aside", "object",
    "embed", "video", "audio", "canvas", "map", "dialog", "link", "meta",
)  # fmt: skip
#: Elements that make boxes of a page: a div holding none of them is a paragraph.
_BLOCK_TAGS = frozenset(
    ("p", "div", "table", "ul", "ol", "dl", "section", "article", "figure", "blockquote",
     "h1", "h2", "h3", "h4", "h5", "h6", "pre", "main", "form")
)  # fmt: skip
#: Headings below the page's own headline.
_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
#: HTML5's boxes, which end a paragraph left open before them.
_HTML5_BOXES = frozenset(
    ("article", "aside", "details", "figure", "figcaption", "footer", "header", "main",
     "nav", "section")
)  # fmt: skip
#: Landmarks of a page that are furniture unless the story is set inside one.
_LANDMARKS = ("aside", "header", "footer", "nav")


def _class_words(words: str) -> re.Pattern[str]:
    """A pattern finding any of *words* (alternatives of a regular expression) as a
    whole word of an element's class or id (``sidebar-left``, ``tin_khac``)."""
    return re.compile(rf"(^|[-_\s])({words})($|[-_\s])", re.IGNORECASE)


#: Class or id words of page furniture (English and the Vietnamese papers' own).
_FURNITURE = _class_words(
    r"nav|navbar|menu|header|footer|foot|sidebar|side-bar|widget|banner|ads?|"
    r"advert\w*|quang-?cao|qc|sponsor\w*|promo\w*|social|share|sharing|print|toolbar|"
    r"breadcrumbs?|comments?|binh-?luan|related|relate|lien-?quan|tinlienquan|"
    r"tin-?khac|xem-?them|xemthem|most-?read|xem-?nhieu|doc-?nhieu|tin-?moi|popular|"
    r"trending|newsletter|subscribe|popup|modal|cookie|login|search|tags?|keywords?|"
    r"author-box|rating|vote|recommend\w*|box-?tin|more-?topics?|more-?stories|"
    r"read-?more|see-?also"
)
#: A line a site's template sets in the story's box for its own sake, not the story's:
#: a call to subscribe, to log in, to comment, to follow its channels or get its app, to
#: download the page, a copyright notice, a reading time (matched on the line folded:
#: lower case, no marks). Only a line of its own, of at most `_CALL_LINE` characters.
_CALL = re.compile(
    r"^(?:©|\(c\)|copyright\b)|(?:all rights reserved|alle rechte vorbehalten|"
    r"todos los derechos reservados|tous droits reserves|wszelkie prawa zastrzezone)$|"
    r"this article is the copyrighted property|"
    r"please subscribe|subscribe now|already a subscriber|first-time subscribers|"
    r"sign up for (?:our|the) newsletter|jetzt abonnieren|newsletter abonnieren|suscribete|"
    r"abonnez-vous|zapraszamy (?:tez )?do subskrypcji|"
    r"(?:you are|sie sind) (?:currently |aktuell |derzeit )?(?:not logged in|nicht eingeloggt)|"
    r"para comentar debes|(?:log|sign) in to (?:comment|continue reading)|"
    r"(?:our|unser\w*|nuestro|notre) (?:canal|channel|kanal|chaine) (?:de |on |auf |sur )?"
    r"(?:youtube|telegram|whatsapp)|canal de (?:youtube|telegram|whatsapp)|"
    r"straight to your phone|download (?:the|our) app|"
    r"\b(?:als|as) pdf(?: herunterladen| downloaden| download)?$|pdf herunterladen$|"
    r"submit (?:a|your) letter to the editor|failed to load|^\d+ min(?:ute)?s? read$"
)
_CALL_LINE = 300


def _call_to_reader(line: str) -> bool:
    """Whether *line* is the site's own call to its reader (`_CALL`), not the story's."""
    return len(line) <= _CALL_LINE and bool(_CALL.search(fold(line).casefold().strip(" .!?")))


#: The longest line that may be a date line over the story.
_DATE_LINE = 60
#: A word of letters alone (no digits).
_LETTERS = re.compile(r"[^\W\d_]+")


def _line_date(block: Block) -> str | None:
    """The date *block* states when it is a line of a date and little else (a label, a
    place, the month's name: at most three words of letters), else None."""
    text = block.text or ""
    if block.type != "text" or len(text) > _DATE_LINE or len(_LETTERS.findall(text)) > 3:
        return None
    return find_stated_date(text)


#: Class or id words of a post quoted in the story from elsewhere (a tweet): its words
#: (a ``blockquote``) are the story's, whatever else its box is called
#: ("social-media-embed"); a box asking consent to show one is not.
_EMBED = _class_words(r"embed|embedded|twitter-tweet|instagram-media|tiktok-embed")
#: Class or id words of a video's transcript.
_TRANSCRIPT = _class_words(r"(?:video-?)?transcripts?\w*")
#: Class or id words of what is not shown (to a reader who sees the page); a template
#: may say so of a label inside a box that also holds a picture, so such a box stays.
_HIDDEN = _class_words(
    r"hidden|hide|offscreen|sr-only|visually[-_]?hidden|screen-?reader-?text|aural"
)
#: A class shown from some screen width on ("hidden xl:block"): not hidden on a desktop.
_SHOWN_FROM = re.compile(
    r"(^|\s)(sm|md|lg|xl|2xl):(block|flex|inline|inline-block|grid|table)(\s|$)"
)


def _hidden(marks: str) -> bool:
    """Whether an element's class or id says it is not shown (to a reader of the page on
    a desktop)."""
    return bool(_HIDDEN.search(marks)) and not _SHOWN_FROM.search(marks)


#: Class or id words of what is never the story, whatever else the element is called.
_NEVER_STORY = re.compile(
    r"(^|[-_\s])(?!comments?-(?:enabled|open|on|allowed|active|count)\b)"
    r"(comments?|comment-\w+|binh-?luan|disqus\w*|respond|replies|"
    r"related-\w+|tin-?lien-?quan|"
    # a box asking consent to cookies (its paragraphs of prose are no story)
    r"cookies?|cookie-?consent|consent|gdpr|dsgvo|privacy-popup|borlabs|onetrust|usercentrics|"
    r"cookiebot|didomi|cmplz)($|[-_\s])",
    re.IGNORECASE,
)  # (what says the story may have comments is not its comments)
#: Class or id words of a story's body; such an element is never furniture.
_BODY_CLASS = re.compile(
    r"(article|story|entry|post|detail|content|body|main|fck_detail|singular|"
    r"noi-?dung|cms-body|maincontent)",
    re.IGNORECASE,
)
#: Class words of a story's lead (not a line height: Tailwind's ``leading-snug``).
_LEAD_CLASS = re.compile(r"(sapo|description|summary|lead(?!ing)|chapeau|intro|excerpt)", re.I)
_AUTHOR_CLASS = re.compile(r"(author|byline|tac-?gia)", re.IGNORECASE)
_CAPTION_CLASS = re.compile(
    r"(caption|image-?desc|photo-?desc|expnote|chu-?thich|legend|(^|\s)image(\s|$))", re.I
)
#: Class words of a slideshow of pictures.
_GALLERY = _class_words(r"carousel|slideshow|gallery|slider|swiper")
#: Class words of a picture with its caption; a product's box (its picture, its name
#: under it and where to buy it) is read as a picture captioned with the name.
_FIGURE_CLASS = re.compile(
    r"(figure|tplcaption|vcsortable|image-?box|photo-?box|product-?embed|product-?card)", re.I
)
_TEXT_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre", "dd", "dt"}
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CLOSED_SCRIPT = re.compile(r"<script\b([^<>]*?)/>", re.IGNORECASE)
_SCRIPT_TAG = re.compile(r"</?script\b", re.IGNORECASE)


def _open_scripts(text: str) -> str:
    """*text* with each ``<script …/>`` that a ``</script>`` closes later (before another
    script opens) written open, as a browser reads it: its code is not the page's text."""
    out: list[str] = []
    at = 0
    for m in _CLOSED_SCRIPT.finditer(text):
        after = _SCRIPT_TAG.search(text, m.end())
        if after is not None and after.group().startswith("</"):
            out.append(text[at : m.start()])
            out.append(f"<script{m.group(1)}>")
            at = m.end()
    return "".join(out) + text[at:] if out else text


_ISO = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")
_SPACES = re.compile(r"\s+")
#: A paragraph shorter than this is not scored as prose.
_PROSE = 25
#: A picture declared smaller than this (pixels, either side) is an icon, not a photo.
_ICON = 60
#: Addresses of pictures that are never a story's photos.
_NOT_A_PHOTO = re.compile(
    r"(^|[/_.-])(icons?|logo\w*|spacer|pixel|blank|1x1|avatar\w*|button\w*|btn|sprite\w*|"
    r"share|banner\w*|ads?|tracking|emoji\w*|smilies|smiley)([/_.-]|$)",
    re.IGNORECASE,
)
#: Addresses of the stand-ins lazy pages show until the picture is loaded.
_PLACEHOLDER = re.compile(
    r"(^|[/_.-])(lazy\w*|placeholder\w*|fallback|loading|loader|spinner|transparent|blank|"
    r"spacer|dummy)([/_.-]|$)",
    re.IGNORECASE,
)
#: A picture's credit line, set in a block of its own under the caption.
_CREDIT = re.compile(
    r"(©|\(c\)|ảnh|hình|nguồn|photo|photograph|image|picture|credit|source|foto|bild|фото|"
    r"kuva|billede|imagen|immagine)\b\s*:?",
    re.I,
)
#: Class or id words of advertising, which no picture of a story is set in.
_ADVERT = _class_words(
    r"ads?|advert\w*|banner|sponsor\w*|promo\w*|cookie|newsletter|subscribe|quang-?cao"
)
_SENTENCE_END = re.compile(r"[.!?](\s|$)|[。！？]")
#: Class or id words of a page's headline.
_TITLE_CLASS = _class_words(r"title|headline|tieu-?de|ttl|tit")
#: The fewest characters of a headline (fewer: a section's name, "The Two-Way").
_HEADLINE = 20
_LOGO = _class_words(r"logo|brand|site-?name|site-?title|masthead")
#: Class words of what a headline's ``h1`` sets beside the headline: the kicker above
#: it (its topic, a German paper's "Dachzeile"), a label.
_KICKER = _class_words(
    r"kicker|dachzeile|roof-?line|top-?title|top-?line|over-?line|eyebrow|topic|label|"
    r"sub-?title|sub-?heading|spitzmarke"
)
#: Class words of a separator a headline's ``h1`` sets after its kicker, besides those
#: of what is shown to screen readers only (`_HIDDEN`): the page's own wording of its
#: title is "Kicker: Headline".
_SEPARATOR = _class_words(r"separator|delimiter|vh")
_WORD = re.compile(r"\w+")
#: Class or id words of an element holding a page's date line (or its byline with the
#: date: "post_meta", "entry-meta").
_DATE_CLASS = re.compile(
    r"(date|time|tmstmp|timestamp|published|pubdate|ngay-?dang|thoi-?gian|tarih|datum|meta|"
    r"fecha|byline|author)",
    re.I,
)
#: A script's writing words into an element of the page (``document.getElementById(
#: "pDateTime").innerHTML="Thứ năm, 20/12/2012, 16:10 GMT+7"``).
_FILLED = re.compile(
    r"""getElementById\(\s*["']([\w-]+)["']\s*\)\.(?:innerHTML|innerText|textContent)\s*="""
    r"""\s*["']([^"'<>]{4,100})["']"""
)
#: The most characters of an element whose text is a date and nothing else.
_DATE_ALONE = 30
_DIGIT = re.compile(r"\d")
#: The metadata that states a page's publication date, strongest first.
_DATE_META = (
    "article:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "publish_date", "article:published", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "date", "dc.date",
)  # fmt: skip
#: Class words, and the opening words, of the date a page shows as today's (its clock,
#: a paper's "Thứ Hai, 07/12/2026" in its header): the day it was seen, not its date.
_NOW = _class_words(r"current-?time|current-?date|today|todays-?date|clock|date-?now")
_NOW_LABEL = re.compile(
    r"(current date|today is|aktuelles datum|heute ist|hôm nay|bây giờ|aujourd'hui)", re.I
)
#: Class words of the date a page was changed on (WordPress's ``<time class="updated">``
#: beside its ``entry-date published``), not published.
_CHANGED = _class_words(r"updated|modified|last-?modified")
#: Class words of the date a page was published on ("published updated": published).
_PUBLISHED = _class_words(r"published|pubdate|entry-date|post-date")
#: The most elements apart two dates of one line are (the day published, the day changed).
_BESIDE = 10
#: The label a page sets before its date (``<strong>Datum</strong> 28.04.2023``).
_DATE_LABEL = re.compile(
    r"(date|published|datum|fecha|data|tarih|ngày|ngày đăng|cập nhật|updated)\s*:?", re.I
)
#: What a page whose story no element is marked as says in the scan report.
_GUESSED = "no part of the page is marked as its story: the part with the most prose was taken"
#: The longest text read as a picture's caption.
_CAPTION_MAX = 400
#: The longest caption a box holding nothing else but its picture may have (a news
#: agency's captions name everyone in the picture: 400 to 600 characters).
_AGENCY_CAPTION = 600
_COMMA = re.compile("[,、，،]")
#: Characters of the Chinese, Japanese and Korean scripts.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: The text a browser shows of a page (its scripts' and styles' aside).
_SHOWN = (
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::template"
    " or ancestor::noscript)]"
)
#: Code pages of one byte a letter (Latin, Cyrillic, Vietnamese…): UTF-8 text declared as
#: one of them is read as UTF-8.
_ONE_BYTE = re.compile(r"^(cp12[5-9]\d|iso8859|iso-8859|latin|koi8|mac|cp8\d\d|tis-620)", re.I)
#: A form with less text than this (links aside) is furniture; a larger one holds the
#: page (ASP.NET's pages are one form).
_FORM_TEXT = 600
#: The most elements a box holding a picture and its caption has.
_FIGURE_ELEMENTS = 30
#: The most characters of a label set on a picture ("View 6 Images", "Video").
_LABEL = 40
#: How many characters outside its links make a block heavy with links a paragraph.
_UNLINKED = 80
#: The most characters a cell of a table of data holds (more: the table sets out a page).
_CELL = 120


def _decode_page(data: bytes) -> str:
    """The page's text: UTF-8 after a byte-order mark; else by its declared charset
    (unless the bytes are UTF-8 and the code page is a one-byte one, or the page has
    more than a few words beyond ASCII: a page saved as UTF-8 under its server's old
    declaration, ``sanci\xc3\xb3n`` read as ``sanciÃ³n``, Chinese read as GB2312); else
    UTF-8, else the text decoder."""
    head = data[:8192]
    m = _CHARSET.search(head)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    codec = declared_codec(m.group(1).decode("ascii", "replace")) if m else None
    if codec is not None and codec != "utf-8" and not data.isascii():
        try:  # valid UTF-8 with letters beyond ASCII is almost never a one-byte page, nor
            # a page of GB2312, Big5 or Shift JIS longer than a few words
            if _ONE_BYTE.match(codec) or sum(b > 0x7F for b in data[:65536]) >= 64:
                return data.decode("utf-8")
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    if codec is not None:  # (a charset that is not a text encoding is not believed)
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return decode(data)[0]
        except DecodeError as exc:
            raise ReadFailure(exc.kind, str(exc)) from None


_clean = one_line


def _words(el: Any) -> str:
    return _clean(el.text_content())


def _spaced_words(el: Any) -> str:
    """`_words`, with a space where a block or a line break parts them (a caption's
    ``<p>`` and its credit's are two lines, not one word)."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node.tag, str):  # (a comment's text is not shown)
            out.append(node.text or "")
        for child in node:
            parted = isinstance(child.tag, str) and (
                child.tag in _BLOCK_TAGS or child.tag in _TEXT_TAGS or child.tag == "br"
            )
            out.append(" " if parted else "")
            walk(child)
            out.append(" " if parted else "")
            out.append(child.tail or "")

    walk(el)
    return _clean("".join(out))


def _marks(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _link_density(el: Any, text: str) -> float:
    if not text:
        return 0.0
    linked = sum(len(_words(a)) for a in el.iter("a"))
    return linked / len(text)


class _Sizes:
    """What scoring asks of every element of a tree at once, worked out in one pass from
    the leaves up (asking each element for its text would read a deeply nested page
    once per level: hours for a page of 250 nested boxes).

    For each element: the length of its text as `_words` gives it (spaces collapsed and
    trimmed), the length of the text of its links (as `_link_density` counts them), its
    commas, the long paragraphs of prose it holds (as `_holds_prose` counts them, up to
    three), and how many elements its subtree has.
    """

    def __init__(self, root: Any) -> None:
        self.order = [el for el in root.iter() if isinstance(el.tag, str)]
        self.length: dict[Any, int] = {}
        self.linked: dict[Any, int] = {}
        self.commas: dict[Any, int] = {}
        self.prose: dict[Any, int] = {}
        self.size: dict[Any, int] = {}
        runs: dict[Any, tuple[int, bool, bool]] = {}
        for el in reversed(self.order):  # every descendant before its ancestors
            run = _run(el.text)
            commas = _commas(el.text)
            linked = prose = 0
            lines = _long_line(el.text)  # its own lines of 80 characters or more
            size = 1
            for child in el:
                if isinstance(child.tag, str):
                    run = _join(run, runs.pop(child))
                    commas += self.commas[child]
                    linked += self.linked[child]
                    prose += self.prose[child]
                    size += self.size[child]
                run = _join(run, _run(child.tail))
                commas += _commas(child.tail)
                lines += _long_line(child.tail)
            runs[el] = run
            n, lead, trail = run
            length = max(0, n - lead - trail)
            if el.tag == "a":
                linked += length
            if el.tag == "p" and prose < 3 and linked < 0.3 * length:
                weighed = length
                if 0 < length < 80:  # a CJK character says what three of a Latin script do
                    weighed += 2 * len(_CJK.findall(el.text_content()))
                prose += weighed >= 80
            elif el.tag != "p":  # lines of a story written as text and <br>
                prose += lines
            self.length[el] = length
            self.linked[el] = linked
            self.commas[el] = commas
            self.prose[el] = min(prose, 3)
            self.size[el] = size

    def density(self, el: Any) -> float:
        length = self.length.get(el, 0)
        return self.linked.get(el, 0) / length if length else 0.0


def _long_line(text: str | None) -> int:
    """1 when *text* is a line of prose by its length (80 characters or more), else 0."""
    return int(text is not None and len(text) >= 80 and len(text.strip()) >= 80)


def _commas(text: str | None) -> int:
    """The commas of *text*, in Latin, CJK and Arabic scripts alike."""
    return len(_COMMA.findall(text)) if text else 0


def _run(text: str | None) -> tuple[int, bool, bool]:
    """A piece of text as `_Sizes` adds it up: its length with spaces collapsed, and
    whether it begins and ends with a space (0 length: no text)."""
    if not text:
        return (0, False, False)
    return (len(_SPACES.sub(" ", text)), text[0].isspace(), text[-1].isspace())


def _join(a: tuple[int, bool, bool], b: tuple[int, bool, bool]) -> tuple[int, bool, bool]:
    if not a[0]:
        return b
    if not b[0]:
        return a
    return (a[0] + b[0] - (a[2] and b[1]), a[1], b[2])


def read(data: bytes, path: Path) -> ParsedText:
    return read_page(data, path)


def read_page(data: bytes, path: Path, images: dict[str, bytes] | None = None) -> ParsedText:
    """The story of a page; *images* (address → bytes) are the pictures a single-file
    page carries inside it, kept as the article's embedded photos."""
    from lxml import etree
    from lxml import html as lhtml

    text = _open_scripts(_XML_DECLARATION.sub("", _decode_page(data), count=1))
    try:
        doc = lhtml.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadFailure("broken-document", f"not a web page lxml can read ({exc})") from None
    # How a word is read, set over it (furigana): not its text, unless the page writes it
    # after the word in parentheses for browsers that do not set it over ("<rp>（</rp>")
    for reading in [r for r in doc.iter("rt") if r.getparent().find("rp") is None]:
        _remove(reading)
    meta = _metadata(doc)
    saved = _SAVED_FROM.search(data[:4096])
    out = ParsedText()
    out.source_url = (
        meta.get("canonical")
        or meta.get("og:url")
        or (saved.group(1).decode("ascii", "replace") if saved else None)
    )
    h1, out.title = _title(doc, meta)
    # (else the date the page shows by its headline, a <time> among others; else its
    # first <time>, wherever it is)
    stamps = [meta[k] for k in _DATE_META if meta.get(k)]
    out.date = _stated_date(doc, stamps) or _iso(meta.get("time"))
    author = _clean(meta.get("author") or meta.get("article:author") or meta.get("dc.creator"))
    out.author = author if author and not author.startswith("http") else None

    for el in list(doc.iter(etree.Comment)):
        _remove(el)
    # A form holding the story is a page's own (ASP.NET wraps every page in one): only
    # the forms of furniture (search, comments, log-in: little text but links) go.
    forms = []
    for form in doc.iter("form"):
        sizes = _Sizes(form)
        if sizes.length[form] - sizes.linked[form] < _FORM_TEXT:
            forms.append(form)
    description = _clean(meta.get("description") or meta.get("og:description"))
    shown = _clean(" ".join(doc.xpath(_SHOWN))) if description else ""
    _close_paragraphs(doc)
    for amp in list(doc.iter("amp-img")):  # an AMP page's picture
        amp.tag = "img"
    for source in list(doc.iter("source")):  # an empty element the parser knows not
        for child in reversed(list(source)):  # as one: what follows it is not in it
            source.addnext(child)
        source.tail, source.text = (source.text or "") + (source.tail or ""), None
    for noscript in list(doc.iter("noscript")):  # a lazy page's picture for readers
        parent = noscript.getparent()  # without scripts: the only copy of it, at times
        pictures = list(noscript.iter("img"))
        if (
            pictures
            and parent is not None
            and not any(img not in pictures and not _stand_in(img) for img in parent.iter("img"))
        ):
            for img in [i for i in parent.iter("img") if i not in pictures]:
                _remove(img)  # the stand-in a script would replace with it
            for img in reversed(pictures):
                img.tail = None
                noscript.addnext(img)
    for button in list(doc.iter("button")):  # a picture one clicks to enlarge
        if button.find(".//img") is not None and any(_is_figure(e) for e in button.iter()):
            for child in reversed(list(button)):  # (with its caption: the figure it is)
                button.addnext(child)
            continue
        for img in reversed(list(button.iter("img"))):
            img.tail = None
            button.addnext(img)
    dropped = [e for e in doc.iter(*_DROP_TAGS) if e.tag != "form"]
    # A video's transcript is its story's words, even in the page's footer: kept apart
    # from the landmark that goes, and read after the story.
    transcripts = _outermost(
        el
        for el in doc.iter("div", "section", "dl", "details")
        if _TRANSCRIPT.search(_marks(el))
        and _long_paragraphs(el) >= 2
        and any(up.tag in _LANDMARKS for up in el.iterancestors())
    )
    for el in transcripts:
        _remove(el)
        for toggle in [a for a in el.iter("a") if (a.get("href") or "").startswith("#")]:
            _remove(toggle)  # "Show transcript": a button of the page, not its words
    whole: _Sizes | None = None
    outside: int | None = None
    for el in [*forms, *dropped]:
        if el.tag in _LANDMARKS and el.find(".//article") is not None:
            whole = whole or _Sizes(doc)
            if any(whole.prose.get(a, 0) >= 3 for a in el.iter("article")):
                continue  # a layout that sets its story inside an aside (a column)
        if el.tag in _LANDMARKS and _long_paragraphs(el) >= 3:
            if outside is None:  # the long paragraphs of the page outside its landmarks
                outside = sum(
                    1
                    for p in doc.iter("p")
                    if not any(a.tag in _LANDMARKS for a in p.iterancestors())
                    and len(_words(p)) >= _LONG_PARAGRAPH
                )
            if outside < 3:
                continue  # the page's only prose: its story (an unclosed tag swallowed it)
        if el.tag == "aside" and _is_figure(el) and _unmarked_figure(el):
            continue  # a picture set aside in the story's column (floated beside it)
        if el.tag == "header" and el.getparent() is not None:
            # an article's header holds its lead picture: that stays where it was
            kept = _outermost(f for f in el.iterdescendants() if _is_figure(f))
            for figure in reversed(kept):
                figure.tail = None
                el.addnext(figure)
        _remove(el)
    lead_el = _lead_element(doc)
    if lead_el is None:
        lead_el = _standfirst(doc)
    lead = _words(lead_el) if lead_el is not None else ""
    if lead_el is not None:
        _remove(lead_el)
    sizes = _Sizes(doc)
    page = sizes.length.get(doc.find("body"), 0) or sizes.length.get(doc, 0)
    k = 0
    while k < len(sizes.order):
        el = sizes.order[k]
        k += 1
        if el.getparent() is None or el.tag in ("html", "body", "img", "figcaption"):
            continue  # (a picture is judged by its address and size, and a caption goes
            # with its figure, whatever their classes say: "ui-modal__hide", "img-share")
        marks = _marks(el)
        if not marks.strip():
            continue
        if (
            _NEVER_STORY.search(marks)
            or (
                _FURNITURE.search(marks)
                and not _BODY_CLASS.search(marks)
                and sizes.length[el] <= page / 2  # (a box of the whole page, "footer-borders")
                and not (_EMBED.search(marks) and el.find(".//blockquote") is not None)
                and sizes.prose[el] < 3
                and not _picture_box(el, marks, sizes)
                and not any(up.tag == "figure" for up in islice(el.iterancestors(), 4))
            )  # (a figure's "footer" holds its caption)
            or (
                _hidden(marks)
                and not _BODY_CLASS.search(marks)
                and sizes.prose[el] < 3
                and el.find(".//img") is None
            )
        ):  # (what it holds goes with it: its elements are not looked at)
            _remove(el)
            k += sizes.size[el] - 1
    body, guessed = _story(doc)
    if guessed and body is not None and body.tag != "body":
        out.notes.append(("guessed-story", _GUESSED))
    blocks: list[Block] = []
    photos = 0
    parts = _with_siblings(body) if body is not None else []
    if parts:  # the lead picture set above the story, as its first photo
        lead_figures = _lead_figures(parts[0])
        for figure in list(lead_figures):  # a caption set right after its figure
            after = figure.getnext()
            if after is not None and after.tag == "figcaption" and after not in parts:
                lead_figures.insert(lead_figures.index(figure) + 1, after)
        parts = [*lead_figures, *parts]
    taken: set[str] = set()

    def finder(img: Any) -> str | None:
        if images:
            for src in _sources(img):
                data = images.get(src) or images.get(unquote(src))
                if data is not None:
                    for name, known in out.embedded.items():
                        if known is data:
                            return name
                    name = embedded.name_for(path, urlsplit(src).path or "picture", taken)
                    out.embedded[name] = data
                    return name
        local = _local_image(img, path)
        if local is not None and (path.parent / local).is_file():
            return local
        return _address(img, out.source_url) or local

    for part in parts:
        if part.tag == "figcaption" and blocks and blocks[-1].type == "photos":
            if blocks[-1].caption is None and _words(part):  # the figure's, set after it
                blocks[-1] = replace(blocks[-1], caption=_words(part))
                out.photo_lines[-1] = (blocks[-1].files[0], blocks[-1].caption)
            continue
        for block in _blocks(part, finder):
            if block.type == "photos":
                if photos >= MAX_PHOTOS:
                    out.photos_left_out += 1
                    continue
                photos += 1
                out.photo_lines.append((block.files[0], block.caption))
            blocks.append(block)
    lines = _TEXT_TAGS | _BLOCK_TAGS | {"center", "dd"}
    for transcript in transcripts:  # its lines, each a paragraph (a "dd" holds many)
        for el in transcript.iter(*lines):
            if not any(d.tag in lines for d in el.iterdescendants()) and _words(el):
                blocks.append(Block("text", text=_words(el)))
    kept = [b for b in without_tail(blocks) if b.type != "text" or not _call_to_reader(b.text)]
    opening = next((k for k, b in enumerate(kept) if b.type == "text" and len(b.text) >= 80), 0)
    # (a date line over the story, "23.10.2018", "Veröffentlichung: 2. Februar 2022", is
    # the page's date, read as such: not its lead, nor a paragraph)
    date_lines = {k: d for k, b in enumerate(kept[:opening]) if (d := _line_date(b))}
    if date_lines and out.date is None:
        out.date = next(iter(date_lines.values()))
    kept = [b for k, b in enumerate(kept) if k not in date_lines]
    if len(kept) < len(blocks):  # (the pictures of what followed the story go with it)
        left = {name for b in kept if b.type == "photos" for name in b.files}
        out.photo_lines = [(name, caption) for name, caption in out.photo_lines if name in left]
        blocks = kept
    if h1 and blocks and blocks[0].type == "text" and blocks[0].text == h1:
        blocks.pop(0)
    if not lead:  # the summary the page shows (its metadata's too), else the first paragraph
        lead = description if description[:60] and description[:60] in shown else ""
        first = next((b for b in blocks if b.type == "text"), None)
        if first is not None and (not lead or first.text.startswith(lead.rstrip(".… "))):
            lead = first.text
            blocks.remove(first)
    out.lead = lead
    if out.author is None:
        byline = trailing_byline(blocks)
        if byline is not None:
            out.author = blocks.pop(byline).text.strip(" ,-") or None
    out.blocks = blocks
    linked, section = from_url(out.source_url)
    out.outlet = linked or canonical_outlet(meta.get("og:site_name"))
    if linked is not None:
        out.section = section
    return out


def _remove(el: Any) -> None:
    """Take *el* out of the tree, keeping the text that follows it (on a line of its
    own when *el* was a box: a ``<br>`` takes its place)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip() and isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
        el.addprevious(el.makeelement("br", {}))
        el.getprevious().tail = tail
        parent.remove(el)
        return
    previous = el.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _close_paragraphs(doc: Any) -> None:
    """End each paragraph where a box of HTML5 begins, as browsers do: the parser knows
    only HTML4's boxes, and sets an ``aside`` or ``figure`` after an unclosed ``<p>``
    inside it (with the rest of the story after it)."""
    for p in list(doc.iter("p")):
        block = next((c for c in p if isinstance(c.tag, str) and c.tag in _HTML5_BOXES), None)
        if block is None:
            continue
        moved = [block, *block.itersiblings()]
        tail, p.tail = p.tail, None
        anchor = p
        for el in moved:
            anchor.addnext(el)
            anchor = el
        anchor.tail = (anchor.tail or "") + (tail or "")


def _metadata(doc: Any) -> dict[str, str]:
    """``<meta>`` values by property, name or itemprop (lower case), the canonical
    link, and what JSON-LD says of the article."""
    out: dict[str, str] = {}
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        key = key.removeprefix("og:") if key.startswith("og:article:") else key
        # (a page saved by some tools writes each meta's content as its "value")
        value = el.get("content") or el.get("datetime") or el.get("value")
        if key and value and key not in out:
            out[key] = value
    for el in doc.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            out.setdefault("canonical", el.get("href"))
    for el in doc.iter("time"):
        if el.get("datetime"):
            out.setdefault("time", el.get("datetime"))
            break
    for el in doc.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            found = json.loads(el.text[:200_000])
        except ValueError:
            continue
        for item in found if isinstance(found, list) else [found]:
            if not isinstance(item, dict):
                continue
            for node in (
                item.get("@graph", [item]) if isinstance(item.get("@graph"), list) else [item]
            ):
                if not isinstance(node, dict):
                    continue
                if isinstance(node.get("datePublished"), str):
                    out.setdefault("datepublished", node["datePublished"])
                who = node.get("author")
                who = who[0] if isinstance(who, list) and who else who
                if isinstance(who, dict) and isinstance(who.get("name"), str):
                    out.setdefault("author", who["name"])
                if isinstance(node.get("headline"), str):
                    out.setdefault("headline", node["headline"])
    if "datepublished" not in out:
        days = _marked_publication_days(doc)
        if len(days) == 1:  # (several: a list of stories, each with its own)
            out["datepublished"] = days.pop()
    return out


#: The names microdata and RDFa give an element stating when its article was published
#: (``<time itemprop="datePublished" datetime=…>``, ``<span property="schema:dateCreated"
#: content=…>``), in lower case.
_PUBLISHED_PROPS = frozenset(
    {"datepublished", "schema:datepublished", "schema:datecreated", "dc:date", "dc:created",
     "dcterms:created", "dcterms:issued", "dcterms:date"}
)  # fmt: skip


def _marked_publication_days(doc: Any) -> set[str]:
    """The days the page's elements (not its ``<meta>``) mark as its publication's."""
    days: set[str] = set()
    for el in doc.xpath("//body//*[@itemprop or @property]"):
        names = f"{el.get('itemprop') or ''} {el.get('property') or ''}".lower().split()
        if not _PUBLISHED_PROPS.intersection(names):
            continue
        day = _iso(el.get("content") or el.get("datetime") or _clean(el.text_content())[:100])
        if day is not None:
            days.add(day)
    return days


def _shown_h1(doc: Any) -> Any:
    """The first ``h1`` with words that a reader sees (not one for screen readers only),
    and not the site's name over every page (a logo's, a link home) where another is."""
    shown = [h for h in doc.iter("h1") if _words(h) and not _hidden(_marks(h))]
    return next((h for h in shown if not _site_h1(h)), shown[0] if shown else None)


def _site_h1(h1: Any) -> bool:
    """Whether the ``h1`` *h1* is the site's name: marked as its logo or title, or a
    link to its home page."""
    return bool(_LOGO.search(_marks(h1))) or _home_link(h1)


def _date_line(doc: Any) -> str | None:
    """The date a page shows by its title (``Thứ năm, 20/12/2012, 10:18 GMT+7``, ``25
    December 2012``): of the elements marked as a date whose few words state a whole
    date, the nearest to the headline."""
    h1 = _shown_h1(doc)
    at = 0
    found: list[tuple[int, str, bool]] = []
    scripted = {  # what a page's scripts write into its elements (a date line, at times)
        m.group(1): m.group(2) for s in doc.iter("script") for m in _FILLED.finditer(s.text or "")
    }
    for pos, el in enumerate(doc.iter()):
        if el is h1:
            at = pos
            continue
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "title"):
            continue
        if el.get("id") in scripted and _DATE_CLASS.search(el.get("id") or ""):
            date = find_stated_date(_clean(scripted[el.get("id")]))
            if date is not None:
                found.append((pos, date, False))
                continue
        if _DATE_LABEL.fullmatch(_clean(el.text)) and len(el) == 0 and el.getparent() is not None:
            texts = [_words(el.getparent())]  # a labelled date: the label's line states it
        elif el.tag == "time" or _DATE_CLASS.search(_marks(el)):
            texts = [_words(el), _clean(el.get("title")), _clean(el.get("datetime"))]
        elif el.tag == "small" and _after_break(el) and h1 in el.iterancestors("h1"):
            texts = [_words(el)]  # the small print under the headline, in its h1
        elif len(el) == 0 and el.text and _DIGIT.search(el.text):  # (no digit: no date)
            texts = [_clean(el.text)]  # a date alone in its element ("December 14, 2016")
            if len(texts[0]) > _DATE_ALONE:
                continue
        else:
            continue
        heading = next((a for a in el.iterancestors(*_SUBHEADINGS)), None)
        if heading is not None and len(_words(heading)) > len(texts[0]) + 20:
            continue  # the date of another item, set in its headline (a list of stories)
        date = next(
            (d for d in (find_stated_date(t) for t in texts if t and len(t) <= 100) if d), None
        )
        # (a comment's date is not the page's: "comment-meta commentmetadata"; looked at
        # only for what states a date, as a page may nest thousands of lines deep)
        if date is not None and not any(
            _NEVER_STORY.search(_marks(up)) for up in (el, *el.iterancestors())
        ):
            if _NOW_LABEL.match(texts[0]) or _NOW.search(_marks(el)):
                continue  # the day the page was seen ("Aktuelles Datum und Uhrzeit: …")
            marks = _marks(el)
            found.append((pos, date, bool(_CHANGED.search(marks) and not _PUBLISHED.search(marks))))
    # (not the day it was changed, "updated", shown beside the day it was published)
    first = [
        f
        for f in found
        if not (f[2] and any(not g[2] and abs(g[0] - f[0]) <= _BESIDE for g in found))
    ]
    if not first:
        return None
    return min(first, key=lambda f: abs(f[0] - at))[1]


#: A moment written in universal time ("2022-05-04T00:53:29Z", "… +00:00", "… GMT"):
#: its hour.
_UNIVERSAL = re.compile(r"(\d\d):\d\d(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]00:?00|GMT|UTC)\s*$", re.I)


def _stated_date(doc: Any, stamps: list[str]) -> str | None:
    """The page's date: its metadata's first (else the date line it shows by its title).

    A moment in universal time near midnight falls on another day than the one the
    paper's readers had (past midnight in London, it is still the evening before in
    Buenos Aires; before it, already the next morning in Hanoi): the day of the date line
    the page shows, when that is the day before (the moment before 6:00) or after (from
    22:00)."""
    date = _iso(stamps[0]) if stamps else None
    if date is None:
        return _date_line(doc)
    moment = _UNIVERSAL.search(stamps[0])
    hour = int(moment.group(1)) if moment else 12
    if 6 <= hour < 22:
        return date
    shown = _date_line(doc)
    if shown is not None and _days_apart(shown, date) == 1 and (shown < date) == (hour < 6):
        return shown
    return date


def _days_apart(a: str, b: str) -> int | None:
    try:
        return abs((datetime.date.fromisoformat(a) - datetime.date.fromisoformat(b)).days)
    except ValueError:  # (a month or a year alone)
        return None


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    m = _ISO.search(value)
    if m:
        return valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return find_stated_date(value)  # (``Tue, 07 Apr 2020 07:36:07 +0530``)


def _title(doc: Any, meta: dict[str, str]) -> tuple[str, str]:
    """The page's first headline, and its title: the headline the page shows (an
    ``<h1>``, else an element of class title) that its metadata's or window's title
    names (those add a site's name, a shorter wording or words for search engines);
    else the metadata's title, else the window title less the site's name."""
    # (the article's headline its structured data gives, before the titles for sharing)
    named = [_clean(meta.get(k)) for k in ("headline", "og:title", "twitter:title", "dc.title")] + [
        _clean(doc.findtext(".//title"))
    ]
    named = [t for t in named if t]
    # (each h1 with the words of its headline, worked out once)
    heads = [(h, _headline_words(h)) for h in doc.iter("h1")]
    h1s = [w for _h, w in heads if w]
    # (not a site's name linked to its home page: a blog's h1 over every post)
    said = [w for h, w in heads if _words(h) and not _home_link(h)]
    marked = [
        el
        for el in doc.iter("h2", "h3", "div", "span", "p", "strong")
        if _TITLE_CLASS.search(_marks(el))
    ]
    inner = set(marked)  # (the innermost: not a box holding the headline with its byline)
    inner.difference_update(up for el in marked for up in el.iterancestors())
    marked_titles = [
        words
        for words in (_headline_words(el) for el in marked if el in inner)
        if 8 <= len(words) <= 300
    ]
    site = _site_names(meta)
    named = [_less_site(t, site) for t in named]
    # (not a headline cut short, "Brothel catering to politicians, doctors,…", where
    # the page's title has it whole)
    # (a headline that gives the site's name too, "Headline | Umweltbundesamt", without it)
    headings = [
        _less_site(h, site)
        for h in [*said, *marked_titles]
        if len(h) >= 8 and not _cut_short(h, named)
    ]
    first = next((w for w in (_words(h) for h in doc.iter("h1")) if w), "")
    for heading in headings:  # a title opens with its headline; a site's name follows
        if any(t.casefold().startswith(heading.casefold()[:40]) for t in named):
            return first, heading
    for h, words in heads:  # a kicker, then the headline the page is titled with
        headline = _after_kicker(h, words, named)
        if headline:
            return first, headline
    for heading in headings:
        if any(_names(title, heading) for title in named):
            return first, heading
    shown = [w for h, w in heads if _headline(h, w, h1s) and not _home_link(h)]
    if shown:  # the headline the page shows, whatever its metadata says for search engines
        return first, shown[0]
    chosen = next((t for t in named[:-1]), "") or _page_title(named[-1] if named else "")
    return first, chosen or first


def _after_kicker(h1: Any, heading: str, named: list[str]) -> str | None:
    """The headline after the kicker an ``h1`` opens with (an element of its own, which
    no title of the page holds), when a title of the page is that headline (*heading*:
    the h1's `_headline_words`)."""
    kicker = next(
        (c for c in h1 if isinstance(c.tag, str) and c.tag not in ("style", "script")), None
    )
    if kicker is None or (h1.text or "").strip() or _home_link(h1):
        return None
    opening = _squeezed(_words(kicker))
    if not opening or any(_squeezed(t).startswith(opening) for t in named):
        return None
    whole = _squeezed(heading)
    for t in named:
        wanted = _squeezed(t)
        if len(t) >= _HEADLINE and whole.endswith(wanted) and whole != wanted:
            # (the h1's own wording of it: its dashes and quotes, not the title's)
            for word in re.finditer(r"\b\w", heading):
                if _squeezed(heading[word.start() :]) == wanted:
                    return heading[word.start() :].strip()
    return None


def _squeezed(name: str) -> str:
    return re.sub(r"\W+", "", name.casefold())


def _site_names(meta: dict[str, str]) -> set[str]:
    """The names a page's site goes by (`_squeezed`): its own (``og:site_name``), its
    host's ("mdr.de") and the words of its host's name ("homify", "bmas", "mien-trung"
    as "Mien Trung")."""
    host = urlsplit(meta.get("canonical") or meta.get("og:url") or "").hostname or ""
    host = host.casefold().removeprefix("www.")
    site = _clean(meta.get("og:site_name")).casefold().removeprefix("www.")
    names = {_squeezed(site), _squeezed(host)}
    names |= {_squeezed(label) for label in host.split(".")[:-1] if len(label) > 3}
    return names - {""}


_TITLE_PARTS = re.compile(r"\s+[-|–—»«]\s+")


def _less_site(title: str, site: set[str]) -> str:
    """*title* less the site's name before or after it ("Site | Headline", "Headline -
    MDR.DE")."""
    parts = _TITLE_PARTS.split(title)
    if len(parts) < 2:
        return title
    if _squeezed(parts[-1]) in site:
        title = title[: title.rfind(parts[-1])].rstrip(" -|–—»«")
    if _squeezed(parts[0]) in site:
        rest = title[len(parts[0]) :].lstrip(" -|–—»«")
        title = rest or title
    return title


def _cut_short(heading: str, named: list[str]) -> bool:
    """Whether *heading* ends cut short ("…") where a title of the page goes on."""
    stem = heading.removesuffix("…").removesuffix("...").rstrip()
    return stem != heading and any(
        t.casefold().startswith(stem.casefold()) and _WORD.match(t[len(stem) :].lstrip())
        for t in named
    )


def _headline_words(h1: Any) -> str:
    """The words of the headline an ``h1`` (or an element of class title) holds, less
    what it sets beside it: a kicker or label above it, its styles, its date (a
    ``<time>``), a line of small print (a date, the categories) parted from it by a line
    break. All of it when the page writes a separator after its kicker
    ("Kicker: Headline", read so aloud) or when that leaves no headline."""
    if any(
        _separator(el) and next(el.iterancestors("small"), None) is None
        for el in h1.iterdescendants()
    ):
        return _words(h1)
    beside = [
        el
        for el in h1.iterdescendants()
        if isinstance(el.tag, str)
        and (
            el.tag in ("style", "script", "template", "time")
            or _KICKER.search(_marks(el))
            or (el.tag == "small" and (_after_break(el) or _before_break(el)))
        )
    ]
    if not beside:
        return _words(h1)
    # (a copy: the page itself is read on)
    kept = copy.deepcopy(h1)
    places = {id(el): path for el, path in zip(h1.iter(), kept.iter(), strict=True)}
    for el in beside:
        copied = places.get(id(el))
        if copied is not None and copied.getparent() is not None:
            copied.drop_tree()
    words = _spaced_words(kept)
    return words if len(words) >= _HEADLINE else _words(h1)


def _separator(el: Any) -> bool:
    """Whether *el* is a separator a page writes between a kicker and its headline
    (": ", often for screen readers only)."""
    return (
        isinstance(el.tag, str)
        and bool(_SEPARATOR.search(_marks(el)) or _HIDDEN.search(_marks(el)))
        and not _WORD.search(_words(el))
    )


def _after_break(el: Any) -> bool:
    before = el.getprevious()
    return before is not None and before.tag == "br" and not (before.tail or "").strip()


def _before_break(el: Any) -> bool:
    after = el.getnext()
    return after is not None and after.tag == "br" and not (el.tail or "").strip()


def _home_link(h1: Any) -> bool:
    """Whether the ``h1`` *h1* is only a link to its site's home page (a blog's name)."""
    links = list(h1.iter("a"))
    if len(links) != 1 or _words(links[0]) != _words(h1):
        return False
    parts = urlsplit(links[0].get("href") or "")
    return parts.path.strip("/") in ("", "index.html", "index.php") and not parts.query


def _headline(h1: Any, words: str, h1s: list[str]) -> bool:
    """Whether the ``h1`` *h1* is an article's headline, not a label the template sets in
    one (the site's name or logo, repeated; a section's name; "Original text"); *words*:
    its `_headline_words`."""
    return (
        len(words) >= _HEADLINE
        and h1s.count(words) == 1
        and not _hidden(_marks(h1))
        and h1.find(".//img") is None
        and not any(
            up.tag in ("nav", "footer", "aside") or _LOGO.search(_marks(up))
            for up in [h1, *islice(h1.iterancestors(), 3)]
        )
    )


def _names(title: str, heading: str) -> bool:
    """Whether a metadata or window *title* names the *heading* (the same words, give
    or take a site's name, a shorter wording, words added for search engines)."""
    a, b = title.casefold(), heading.casefold()
    parts = [p.strip() for p in re.split(r"\s+[-|–—:]\s+", a)]
    if b in parts[1:]:
        return False  # the site's or the section's name after the headline: "… : The Two-Way"
    if b in a or a in b:
        return True
    # the same words as the headline's part of it (the longest), not the site's name
    words_a, words_b = set(_WORD.findall(max(parts, key=len))), set(_WORD.findall(b))
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) >= 0.6 * min(len(words_a), len(words_b))


def _page_title(title: str) -> str:
    """A ``<title>`` less the site's name after `` - ``, `` | `` or `` » ``."""
    parts = [p.strip() for p in re.split(r"\s+[-|–—»«]\s+", title) if p.strip()]
    return max(parts, key=len) if parts else title


def _lead_element(doc: Any) -> Any:
    sizes: _Sizes | None = None
    for el in doc.iter("p", "h2", "div", "span", "strong"):
        marks = _marks(el)
        if (
            # (a schema.org description in the page: a news module's teaser text)
            (_LEAD_CLASS.search(marks) or el.get("itemprop") == "description")
            and not _furniture(marks)
            and not _in_figure(el)
            and not any(_around_picture(up) for up in islice(el.iterancestors(), 3))
        ):
            sizes = sizes or _Sizes(doc)
            if not 40 <= sizes.length.get(el, 0) <= 1500:
                continue
            if el.find(".//img") is not None or el.find(".//figure") is not None:
                continue
            if _link_density(el, _words(el)) >= 0.5:
                continue  # a box of links ("summaryMedium": the most viewed), no lead
            return el
    return None


def _standfirst(doc: Any) -> Any:
    """The summary a page sets right under its headline, nothing marking it so: the
    first block of one or two sentences among the few that follow the ``h1`` (a date
    line or a byline before it), or None."""
    h1 = _shown_h1(doc)
    if h1 is None:
        return None
    for el in islice(h1.itersiblings(), 4):
        if not isinstance(el.tag, str) or el.tag not in ("p", "div", "h2"):
            continue
        if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el):
            return None  # a box: the story, or what comes before it
        text = _words(el)
        if (
            _furniture(_marks(el))
            or el.find(".//img") is not None
            or _link_density(el, text) >= 0.2
            or not text.endswith((".", "!", "?", "…", '"', "”", "»"))
        ):
            continue
        if 60 <= len(text) <= 600 and len(_SENTENCE_END.findall(text)) <= 3:
            return el
    return None


def _around_picture(el: Any) -> bool:
    """Whether *el* is a small box around one picture and no headline (its words are
    the picture's caption)."""
    small = list(islice(el.iter(), _FIGURE_ELEMENTS + 1))
    return (
        len(small) <= _FIGURE_ELEMENTS
        and sum(e.tag == "img" for e in small) == 1
        and not any(e.tag in ("h1", "h2", "h3") for e in small)
    )


def _furniture(marks: str) -> bool:
    return bool(_FURNITURE.search(marks)) or _hidden(marks)


def _marked_body(el: Any) -> bool:
    if el.tag == "article" or el.get("itemprop") == "articleBody":
        return True
    marks = _marks(el)
    return el.tag == "div" and bool(_BODY_CLASS.search(marks)) and not _furniture(marks)


def _story(doc: Any) -> tuple[Any, bool]:
    """The element holding the story: marked as such, else the best scored (a general
    finder: the element whose paragraphs hold the most prose, links aside); and whether
    it was a guess (no element of the page is marked as its story)."""
    marked = [el for el in doc.iter() if _marked_body(el)]
    sizes = _Sizes(doc)
    scores: dict[Any, float] = {}
    prose: dict[Any, int] = {}
    for p in doc.iter("p", "td", "pre", "blockquote", "div"):
        if p.tag == "div" and any(child.tag in _BLOCK_TAGS for child in p):
            # a box, not a paragraph written as a div; but the lines it holds between
            # its boxes are (a story written as text and <br>, an advert's box in it)
            for run in _lines(p):
                if len(run) >= 2 * _PROSE:
                    points = 1 + len(_COMMA.findall(run)) + min(len(run) / 100, 3)
                    prose[p] = prose.get(p, 0) + len(run)
                    scores[p] = scores.get(p, 0) + points
                    if p.getparent() is not None:
                        scores[p.getparent()] = scores.get(p.getparent(), 0) + points / 2
            continue
        length = sizes.length[p]
        if length < 3 * _PROSE:  # a CJK character says what three of a Latin script do
            length += 2 * len(_CJK.findall(_words(p)))
        if length < _PROSE or _in_figure(p):  # a gallery's captions are not its story
            continue
        points = 1 + sizes.commas[p] + min(length / 100, 3)
        prose[p] = sizes.length[p]
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + points
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + points / 2
    if not scores:
        return (doc.find("body"), True) if marked == [] else (marked[0], False)
    for el in list(scores):
        scores[el] *= 1 - sizes.density(el)
    best = max(scores, key=lambda el: scores[el])
    # the smallest marked element holding the best one: not much larger than it, or made
    # mostly of paragraphs of prose (a story told in many boxes: a slideshow's slides)
    holders = [best, *best.iterancestors()]
    chosen = None
    weighed = 0
    for el in sorted((el for el in marked if el in set(holders)), key=lambda el: sizes.length[el]):
        if chosen is None and sizes.length[el] < 3 * sizes.length[best] + 2000:
            chosen = el
            continue
        weighed += 1
        if weighed > 3:  # each is read whole: a few at most
            break
        held = _held(el, prose)
        if chosen is None:
            if held >= sizes.length[el] / 2:
                return el, False
        elif held >= 0.6 * sizes.length[el] and held >= 2 * _held(chosen, prose):
            chosen = el  # the chosen box is one of many the story is told in (a live blog)
        elif (
            el.get("itemprop") == "articleBody"
            and held >= 0.6 * sizes.length[el]
            and held - _held(chosen, prose) >= 2 * _PROSE
        ):
            # the page's own article body, its first paragraphs in boxes of their own
            # before a box of related links and the rest of the story
            chosen = el
    if chosen is not None:
        return chosen, False
    # the best-scored box is in no marked story (readers' comments, a page of their
    # own): a story the page marks that holds much prose of its own is the story
    rivals = [  # (the outermost only: each is read whole)
        el
        for el in _outermost(
            el for el in marked if el.tag == "article" or el.get("itemprop") == "articleBody"
        )[:20]
        if _long_paragraphs(el) >= 3
    ]
    if rivals:
        return max(rivals, key=lambda el: _held(el, prose)), False
    # a marked story made of what scores as no prose (a list of deals, a table) rather
    # than a few lines elsewhere
    larger = [el for el in marked if sizes.length[el] >= max(1000, 5 * sizes.length[best])]
    if larger:
        return min(larger, key=lambda el: sizes.length[el]), False
    return best, True


def _held(box: Any, prose: dict[Any, int]) -> int:
    """How much of *prose* (the scored paragraphs' lengths) *box* holds."""
    return sum(prose.get(p, 0) for p in box.iter("p", "td", "pre", "blockquote", "div"))


def _outermost(elements: Iterable[Any]) -> list[Any]:
    """The *elements* that no other of them holds, in their order (each once)."""
    found = list(dict.fromkeys(elements))
    within = set(found)
    return [el for el in found if not any(up in within for up in el.iterancestors())]


def _picture_box(el: Any, marks: str, sizes: _Sizes) -> bool:
    """Whether *el*, marked as furniture (a widget, a lightbox), is a story's picture
    with its caption: one figure and no other words than captions, or a picture with a
    few words under it; never an advertisement's box."""
    if _ADVERT.search(marks) or sizes.size[el] > _FIGURE_ELEMENTS * 4:
        return False
    if _unmarked_figure(el) or _caption_box(el):
        return True
    figures = _outermost(f for f in el.iterdescendants() if _is_figure(f))
    if len(figures) != 1 or len(list(el.iter("img"))) != len(list(figures[0].iter("img"))):
        return False
    captions = sum(
        len(_words(c))
        for c in el.iter()
        if c.tag == "figcaption" or _CAPTION_CLASS.search(_marks(c))
    )
    return len(_words(el)) <= captions + 20


def _caption_box(el: Any) -> bool:
    """Whether *el* holds all the words of a small box that is otherwise one picture (a
    slideshow's slide: its picture's box, then an expandable box of its caption)."""
    if el.find(".//img") is not None:
        return False
    words = _words(el)
    if not words or len(words) > _AGENCY_CAPTION:
        return False
    for box in islice(el.iterancestors(), 3):
        small = list(islice(box.iter(), _FIGURE_ELEMENTS * 2 + 1))
        if len(small) > _FIGURE_ELEMENTS * 2:
            return False
        if sum(e.tag == "img" for e in small) == 1:
            return _words(box) == words
    return False


def _lines(box: Any) -> list[str]:
    """The lines of text a box holds outside its boxes: its own text and its inline
    elements', split where a ``<br>`` or a box is."""
    lines: list[str] = []
    run = [box.text or ""]
    for child in box:
        if not isinstance(child.tag, str):
            run.append(child.tail or "")
            continue
        if child.tag == "br" or child.tag in _BLOCK_TAGS:
            lines.append(_clean("".join(run)))
            run = []
        else:
            run.append(child.text_content())
        run.append(child.tail or "")
    lines.append(_clean("".join(run)))
    return [line for line in lines if line]


def _is_figure(el: Any) -> bool:
    """Whether *el* is a picture with its caption: a figure, an element marked as one (or
    as a caption) that holds a picture, or a box of one picture and a ``figcaption``."""
    if not isinstance(el.tag, str) or el.tag == "img":
        return False
    if el.tag != "figure" and not (
        _FIGURE_CLASS.search(_marks(el)) or _CAPTION_CLASS.search(_marks(el))
    ):
        caption = el.find("figcaption")
        if caption is None:
            return False
        small = list(islice(el.iter(), _FIGURE_ELEMENTS + 1))
        return (
            len(small) <= _FIGURE_ELEMENTS
            and sum(e.tag == "img" for e in small) == 1
            and len(_words(el)) - len(_words(caption)) <= _LABEL
        )  # (a label on the picture aside: "View 6 Images")
    if el.tag != "figure" and _holds_prose(el):
        return False  # a story marked "image" (its lead picture's layout): not a figure
    return el.find(".//img") is not None


#: A paragraph this long (characters) or longer is prose, whatever its box.
_LONG_PARAGRAPH = 150


def _long_paragraphs(el: Any) -> int:
    """How many paragraphs of *el* are `_LONG_PARAGRAPH` characters long or longer."""
    return sum(1 for p in el.iter("p") if len(_words(p)) >= _LONG_PARAGRAPH)


def _in_caption(node: Any, box: Any) -> bool:
    """Whether *node* is inside a caption (a ``figcaption``, or marked as one) within
    *box*."""
    for up in node.iterancestors():
        if up is box:
            return False
        if up.tag == "figcaption" or _CAPTION_CLASS.search(_marks(up)):
            return True
    return False


def _holds_prose(el: Any) -> bool:
    """Whether *el* holds prose outside its captions: two paragraphs of `_CAPTION_MAX`
    characters or more, or three of `_LONG_PARAGRAPH` or more."""
    long = longer = 0
    for p in el.iter("p"):
        size = len(_words(p))
        if size < _LONG_PARAGRAPH or _in_caption(p, el):
            continue
        long += 1
        longer += size >= _CAPTION_MAX
        if long >= 3 or longer >= 2:
            return True
    return False


def _lead_figures(story: Any) -> list[Any]:
    """The pictures set just above *story* (the lead picture under the headline, outside
    the story's own box): within its article, or between the headline and the story
    (at most six boxes up; two when no headline is above it); at most three, in the
    page's order."""
    scope = next((a for a in story.iterancestors() if a.tag == "article"), None)
    found: list[Any] = []
    near: list[Any] = []  # those found within two boxes of the story
    node = story
    for depth, up in enumerate(story.iterancestors()):
        if (scope is None and depth >= 6) or up.tag in ("body", "html"):
            break
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            if scope is None and (sibling.tag == "h1" or sibling.find(".//h1") is not None):
                # the headline: the pictures after it are the story's, none above it
                after = list(sibling.iter())
                after = after[next(k for k, el in enumerate(after) if el.tag == "h1") :]
                inner = [f for f in after if _is_figure(f)]
                inner += [f for f in map(_picture_holder, after) if f is not None]
                found.extend(reversed(_outermost(inner)))
                return found[:3][::-1]
            if _is_figure(sibling) or _unmarked_figure(sibling):
                found.append(sibling)
            elif len(slides := _slides(sibling)) >= 2:  # a slideshow leading the story
                return [*slides, *found[::-1]]
            else:
                found.extend(reversed(_outermost(f for f in sibling.iter() if _is_figure(f))))
            if len(found) >= 3:
                return found[:3][::-1]
        if up is scope:
            break
        if depth < 2:
            near = list(found)
        node = up
    return (found if scope is not None else near)[::-1]


def _slides(box: Any) -> list[Any]:
    """The slides (each a picture with its caption) of the slideshow *box* is or opens
    with, in their order; none when it is no slideshow."""
    gallery = next((e for e in islice(box.iter(), 4) if _GALLERY.search(_marks(e))), None)
    if gallery is None:
        return []
    return _outermost(
        f
        for f in gallery.iterdescendants()
        if isinstance(f.tag, str) and (_is_figure(f) or _unmarked_figure(f))
    )


def _picture_holder(img: Any) -> Any:
    """The box a picture and its caption make, nothing marking it so (a few boxes up
    from *img* at most), or None."""
    if img.tag != "img":
        return None
    holder = None
    for up in islice(img.iterancestors(), 4):
        if _unmarked_figure(up):
            holder = up
    return holder


def _in_figure(el: Any) -> bool:
    """Whether *el* is a picture's caption: inside a figure, or an element marked as a
    caption or a figure."""
    for up in [el, *el.iterancestors()][:6]:
        if up.tag in ("figure", "figcaption"):
            return True
        marks = _marks(up)
        if marks.strip() and (_CAPTION_CLASS.search(marks) or _FIGURE_CLASS.search(marks)):
            return True
    return False


def _with_siblings(story: Any) -> list[Any]:
    """The story element and the siblings that go on with it: a page that splits its
    story into several boxes of the same kind (``article-text-wrap`` twice, around an
    ad) gives them all, in order."""
    parent = story.getparent()
    if parent is None or story.tag in ("body", "html"):
        return [story]
    kind = (story.tag, story.get("class"))
    return [el for el in parent if el is story or (kind[1] and (el.tag, el.get("class")) == kind)]


def _blocks(el: Any, find: Any) -> list[Block]:
    """The story's text and photos, in reading order."""
    out: list[Block] = []

    def walk(node: Any) -> None:
        if not isinstance(node.tag, str):
            return
        tag = node.tag.lower()
        last = out[-1] if out else None
        if (
            last is not None
            and last.type == "photos"
            and last.caption is None
            and tag not in ("img", "figure", "table", "ul", "ol")
            and node.find(".//img") is None
            and (_caption_styled(node) or _under_picture(node))
        ):  # the block right after a picture, set apart as captions are: its caption
            text = _words(node)
            if text and len(text) <= _CAPTION_MAX and _link_density(node, text) < 0.5:
                out[-1] = replace(last, caption=text)
                return
        if tag == "a" and (_teaser(node) or _link_alone(node)):
            return
        if tag == "figure" or _is_figure(node):
            out.extend(_figure(node, find))
            return
        if tag not in _TEXT_TAGS and tag != "a" and _unmarked_figure(node):
            out.extend(_figure(node, find))
            return
        if tag == "img":
            name = find(node)
            if name:
                out.append(Block("photos", files=(name,), caption=None))
            return
        if tag in _TEXT_TAGS and node.find(".//figure") is None:
            # (a list item or a paragraph holding a figure is read as its parts: the
            # figure with its caption, whatever the caption's length; words around it)
            text = _words(node)
            if text and _prose_or_few_links(node, text) and not _only_images(node):
                before = len(out)
                for img in node.iter("img"):
                    walk(img)
                last = out[-1] if out else None
                pictured = len(out) > before and not _clean(node.text)
                if (
                    last is not None
                    and last.type == "photos"
                    and last.caption is None
                    and (
                        _CAPTION_CLASS.search(_marks(node))  # a blog's caption paragraph
                        or (  # picture, then its words on a line of their own
                            pictured and len(text) <= _CAPTION_MAX and not _beside(node)
                        )
                    )
                ):
                    out[-1] = replace(last, caption=text)
                else:
                    out.append(Block("text", text=text))
                return
            if node.find(".//img") is None:
                return
            for child in node:
                walk(child)
            return
        if tag == "tr" and _data_row(node):  # a table's row: its cells, on one line
            cells = [_words(c) for c in node if isinstance(c.tag, str)]
            out.append(Block("text", text=" ".join(c for c in cells if c)))
            return
        if node.text and node.text.strip() and tag not in _TEXT_TAGS:
            text = _clean(node.text)
            if len(text) >= _PROSE:
                out.append(Block("text", text=text))
        for child in node:
            walk(child)
            if child.tail and child.tail.strip() and len(_clean(child.tail)) >= _PROSE:
                out.append(Block("text", text=_clean(child.tail)))

    walk(el)
    return [b for b in out if b.type != "text" or b.text]


def _data_row(row: Any) -> bool:
    """Whether the table row *row* is one of data (a standings table's: two cells or more
    of a few words each, none holding a box or a picture), not of a page's layout."""
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
    filled = [c for c in cells if _words(c)]
    return (
        len(filled) >= 2
        and all(len(_words(c)) <= _CELL for c in cells)
        and not any(
            isinstance(e.tag, str) and (e.tag in _BLOCK_TAGS or e.tag == "img")
            for c in cells
            for e in c.iterdescendants()
        )
    )


def _beside(node: Any) -> bool:
    """Whether the words of the paragraph *node* run on right after its last picture,
    no line break between (a picture set at a paragraph's start, floated beside it: the
    paragraph's words, not its caption), unless it is set apart as captions are."""
    img = list(node.iter("img"))[-1]
    if _caption_styled(node):
        return False
    after = img.getnext()
    return bool(_clean(img.tail)) or (after is not None and after.tag != "br")


def _prose_or_few_links(node: Any, text: str) -> bool:
    """Whether the block *node* (its words *text*) is a line of the story: less than half
    of it links, or a paragraph with a sentence's worth of words between its links (a
    post quoting tweets, its every name a link)."""
    density = _link_density(node, text)
    return density < 0.5 or (density < 0.9 and (1 - density) * len(text) >= _UNLINKED)


def _caption_styled(node: Any) -> bool:
    """Whether *node* is set apart as a picture's caption is: by its class, centred or
    italic, or all its words in one inline of their own colour or size (the way the
    Vietnamese papers' editors of the 2010s wrote captions)."""
    if _CAPTION_CLASS.search(_marks(node)) or node.tag in ("figcaption", "em", "i", "center"):
        return True
    style = (node.get("style") or "").lower().replace(" ", "")
    if (node.get("align") or "").lower() == "center" or "text-align:center" in style:
        return True
    if "font-style:italic" in style:
        return True
    kids = [c for c in node if isinstance(c.tag, str) and c.tag != "br"]
    if len(kids) != 1 or _clean(node.text) or _clean(kids[0].tail):
        return False
    kid = kids[0]
    kid_style = (kid.get("style") or "").lower()
    return kid.tag in ("em", "i", "small") or (
        kid.tag in ("span", "font")
        and ("color" in kid_style or "font-size" in kid_style or bool(kid.get("color")))
    )


def _under_picture(node: Any) -> bool:
    """Whether *node* is a few words in a box of their own right under a box holding only
    a picture (a template's picture box, then its caption box: ``<div><picture>…</div>
    <div><span>words</span></div>``); a paragraph is never one."""
    if node.tag not in ("div", "span", "small"):
        return False
    if any(isinstance(el.tag, str) and el.tag in _BLOCK_TAGS for el in node.iterdescendants()):
        return False
    before = node.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    if before is None or not _only_images(before) or _clean(before.tail):
        return False
    text = _words(node)
    weight = len(text) + 2 * len(_CJK.findall(text))  # a CJK character says as much as three
    return 0 < weight <= _CAPTION_MAX // 2 and len(_SENTENCE_END.findall(text)) <= 2


def _link_alone(link: Any) -> bool:
    """Whether *link* leads to another page and is all its box holds (a list's headline,
    a button): a link, not a line of the story. A picture in it is read on its own."""
    href = (link.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:")) or link.find(".//img") is not None:
        return False
    if Path(urlsplit(href).path).suffix.lower() in IMAGE_EXTENSIONS:
        return False
    parent = link.getparent()
    return parent is not None and _words(parent) == _words(link)


def _teaser(link: Any) -> bool:
    """Whether *link* is another article's card: a link to a page (not to a larger copy
    of the picture) holding words and a picture or blocks (a headline, a paragraph)."""
    href = urlsplit(link.get("href") or "").path
    if not href or Path(href).suffix.lower() in IMAGE_EXTENSIONS:
        return False
    boxed = any(el.tag in _BLOCK_TAGS for el in link.iterdescendants())
    return (boxed or link.find(".//img") is not None) and bool(_words(link))


def _unmarked_figure(node: Any) -> bool:
    """Whether *node* is a picture with its caption though nothing marks it so: a small
    box holding one picture and, under it, a few words and nothing else (a template's
    ``absatzbild``: the picture's box, then its text's box)."""
    small = list(islice(node.iter(), _FIGURE_ELEMENTS + 1))
    if len(small) > _FIGURE_ELEMENTS:
        return False
    images = [el for el in small if el.tag == "img"]
    if len(images) != 1:
        return False
    text = _words(node)  # a caption, and its credit at times
    if not text or len(text) > _AGENCY_CAPTION + 100 or _link_density(node, text) >= 0.5:
        return False
    image = images[0]
    cell = next((a for a in image.iterancestors("td", "th") if a in small), None)
    if cell is not None and any(
        isinstance(c.tag, str) and _words(c)
        for c in (*cell.itersiblings(preceding=True), *cell.itersiblings())
    ):
        return False  # words in the cell beside the picture's: a table's row, not a caption
    holder: Any = None  # the one block the words under the picture are in
    under = False
    for el in small:  # no words above the picture: a caption is under it
        if el is not node and _is_figure(el):
            return False  # a box holding a figure is read as its figure
        if el is image:
            under = True
        elif not under:
            if _clean(el.text):
                return False
            if el is not node and _clean(el.tail) and image not in el.iterdescendants():
                return False
        elif (el.tag in _BLOCK_TAGS or el.tag in _TEXT_TAGS) and not any(
            child.tag in _BLOCK_TAGS or child.tag in _TEXT_TAGS for child in el
        ):
            words = _words(el)
            if not words or (holder is not None and holder in el.iterancestors()):
                continue
            if holder is None:
                holder = el
            elif not _CREDIT.match(words):
                return False  # words in two blocks: paragraphs, not a caption
    return under and (holder is None or len(_words(holder)) <= _AGENCY_CAPTION)


def _only_images(node: Any) -> bool:
    return not _words(node) and node.find(".//img") is not None


def _figure(node: Any, find: Any) -> list[Block]:
    caption_el = node.find(".//figcaption")
    if caption_el is None:
        caption_el = next(
            (c for c in node.iter() if c is not node and _CAPTION_CLASS.search(_marks(c))), None
        )
    caption = _spaced_words(caption_el) if caption_el is not None else ""
    if not caption:  # a template's table or box: the first block of words (not a credit)
        cells = [
            c
            for c in node.iter("td", "p", "div", "small", "h1", "h2", "h3", "h4", "h5", "h6")
            if c.find(".//img") is None
            and _words(c)
            and not any(isinstance(k.tag, str) and k.tag in _BLOCK_TAGS for k in c)
        ]
        told = [c for c in cells if not _CREDIT.match(_words(c))] or cells
        caption = _words(told[0]) if told else ""
    if not caption and len(_words(node)) <= _CAPTION_MAX:  # the words beside the picture
        caption = _words(node)
    names = [n for n in (find(img) for img in node.iter("img")) if n]
    if not names:
        return [Block("text", text=caption)] if caption else []
    return [Block("photos", files=(name,), caption=caption or None) for name in names[:1]] + [
        Block("photos", files=(name,), caption=None) for name in names[1:]
    ]


def _sources(img: Any) -> list[str]:
    """Every address an image gives: ``src``, the lazy loaders' attributes (``data-src``,
    ``data-lazyimage-src``, ``data-srcset``…), srcset's."""
    known = ("src", "data-src", "data-original", "data-lazy-src")
    sources = [img.get(a) for a in known]
    lazy = [a for a in img.attrib if a.startswith("data-") and a not in known]
    sources += [img.get(a) for a in lazy if a.endswith(("src", "original"))]
    for attr in ("srcset", *(a for a in lazy if a.endswith("srcset"))):
        if img.get(attr):
            sources += _srcset(img.get(attr))
    return [s for s in sources if s]


def _stand_in(img: Any) -> bool:
    """Whether *img* shows only a lazy page's stand-in (an inline pixel, a placeholder)
    until a script sets its picture."""
    return all(
        src.startswith(("data:", "blob:")) or bool(_PLACEHOLDER.search(urlsplit(src).path))
        for src in _sources(img)
    )


def _srcset(value: str) -> list[str]:
    """The addresses of a ``srcset``, as HTML reads it: an address runs to a space (a
    comma inside it is its own: ``?t=crop:0:0,resize:fill:375:234``), its descriptors
    to the next comma."""
    found = []
    pos, end = 0, len(value)
    while pos < end:
        while pos < end and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < end and not value[pos].isspace():
            pos += 1
        address = value[start:pos]
        if address.endswith(","):  # no descriptors: the comma ends it
            address = address.rstrip(",")
        else:
            while pos < end and value[pos] != ",":
                pos += 1
        if address:
            found.append(address)
    return found


def _address(img: Any, base: str | None) -> str | None:
    """The web address of a picture the page shows but did not save (made whole with the
    page's own address when it is relative); None for icons, pixels and buttons."""
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and 0 < int(value) < _ICON:  # (0: a size left to the style)
            return None
    for src in _sources(img):
        src = src.strip()
        if not src or src.startswith(("data:", "blob:", "javascript:")):
            continue
        if _PLACEHOLDER.search(urlsplit(src).path):
            continue  # a lazy page's stand-in: the picture is its next address
        if _NOT_A_PHOTO.search(urlsplit(src).path):
            return None
        if src.startswith("//"):
            src = "http:" + src
        elif not urlsplit(src).scheme:
            if "_files/" in src:
                continue  # the page's own saved folder: a missing file, not a remote one
            if base is None or not urlsplit(base).scheme.startswith("http"):
                if not src.startswith("/"):
                    continue  # a file that should be beside the page: missing, not remote
                return unicodedata.normalize("NFC", src)
            src = urljoin(base, src)
        if urlsplit(src).scheme in ("http", "https"):
            return unicodedata.normalize("NFC", src)
    return None


def _local_image(img: Any, page: Path) -> str | None:
    """The image's saved copy, as a path relative to the page's folder: the first of
    its sources that is a local file of a photo's kind (lazy pages keep the real
    address in ``data-src`` and the saved one in ``src``, or the other way round)."""
    first = None
    for src in _sources(img):
        if not src or src.startswith(("data:", "blob:")):
            continue
        parts = urlsplit(src)
        if parts.scheme or parts.netloc:
            continue
        rel = unquote(parts.path).replace("\\", "/")
        while rel.startswith("./"):
            rel = rel[2:]
        if not rel or rel.startswith(("/", "../")) or "/../" in rel:
            continue
        if Path(rel).suffix.lower() not in IMAGE_EXTENSIONS or _PLACEHOLDER.search(rel):
            continue
        rel = unicodedata.normalize("NFC", rel)
        if (page.parent / rel).is_file():
            return rel
        first = first or rel
    return first


READER = ArticleReader(
    name="html",
    label="Web page",
    extensions=frozenset({".html", ".htm", ".xhtml"}),
    read=read,
    max_bytes=16 * 1024 * 1024,
    order=10,
    media_type="text/html",
)
