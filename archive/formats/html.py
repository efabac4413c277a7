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

import json
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tangthu.archive import embedded
from tangthu.archive.dates import find_full_date, valid_date
from tangthu.archive.decode import DecodeError, declared_codec, decode
from tangthu.archive.formats import ArticleReader, ReadFailure
from tangthu.archive.formats.parsed import MAX_PHOTOS, ParsedText, trailing_byline
from tangthu.archive.model import Block
from tangthu.archive.outlet import canonical_outlet, from_url
from tangthu.archive.photo import IMAGE_EXTENSIONS

#: Never part of a story.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "form", "button",
    "select", "input", "textarea", "nav", "header", "footer", "aside", "object",
    "embed", "video", "audio", "canvas", "map", "dialog", "link", "meta",
)  # fmt: skip
#: Class or id words of page furniture (English and the Vietnamese papers' own).
_FURNITURE = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|header|footer|foot|sidebar|side-bar|widget|banner|ads?|"
    r"advert\w*|quang-?cao|qc|sponsor\w*|promo\w*|social|share|sharing|print|toolbar|"
    r"breadcrumbs?|comments?|binh-?luan|related|relate|lien-?quan|tinlienquan|"
    r"tin-?khac|xem-?them|xemthem|most-?read|xem-?nhieu|doc-?nhieu|tin-?moi|popular|"
    r"trending|newsletter|subscribe|popup|modal|cookie|login|search|tags?|keywords?|"
    r"author-box|rating|vote|recommend\w*|box-?tin|hidden|hide)($|[-_\s])",
    re.IGNORECASE,
)
#: Class or id words of what is never the story, whatever else the element is called.
_NEVER_STORY = re.compile(
    r"(^|[-_\s])(comments?|comment-\w+|binh-?luan|disqus\w*|respond|replies|"
    r"related-\w+|tin-?lien-?quan)($|[-_\s])",
    re.IGNORECASE,
)
#: Class or id words of a story's body; such an element is never furniture.
_BODY_CLASS = re.compile(
    r"(article|story|entry|post|detail|content|body|main|fck_detail|singular|"
    r"noi-?dung|cms-body|maincontent)",
    re.IGNORECASE,
)
_LEAD_CLASS = re.compile(r"(sapo|description|summary|lead|chapeau|intro|excerpt)", re.I)
_AUTHOR_CLASS = re.compile(r"(author|byline|tac-?gia)", re.IGNORECASE)
_CAPTION_CLASS = re.compile(r"(caption|image-?desc|photo-?desc|expnote)", re.I)
_FIGURE_CLASS = re.compile(r"(figure|tplcaption|vcsortable|image-?box|photo-?box)", re.I)
_TEXT_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre", "dd", "dt"}
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ISO = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")
_SPACES = re.compile(r"\s+")
#: A paragraph shorter than this is not scored as prose.
_PROSE = 25
#: A form with less text than this (links aside) is furniture; a larger one holds the
#: page (ASP.NET's pages are one form).
_FORM_TEXT = 600


def _decode_page(data: bytes) -> str:
    """The page's text: by its declared charset, else UTF-8, else the text decoder."""
    head = data[:8192]
    m = _CHARSET.search(head)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    codec = declared_codec(m.group(1).decode("ascii", "replace")) if m else None
    if codec is not None:  # (a charset that is not a text encoding is not believed)
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return decode(data)[0]
        except DecodeError as exc:
            raise ReadFailure(exc.kind, str(exc)) from None


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text or "").strip())


def _words(el: Any) -> str:
    return _clean(el.text_content())


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
            commas = (el.text or "").count(",")
            linked = prose = 0
            size = 1
            for child in el:
                if isinstance(child.tag, str):
                    run = _join(run, runs.pop(child))
                    commas += self.commas[child]
                    linked += self.linked[child]
                    prose += self.prose[child]
                    size += self.size[child]
                run = _join(run, _run(child.tail))
                commas += (child.tail or "").count(",")
            runs[el] = run
            n, lead, trail = run
            length = max(0, n - lead - trail)
            if el.tag == "a":
                linked += length
            if el.tag == "p" and prose < 3 and length >= 80 and linked < 0.3 * length:
                prose += 1
            self.length[el] = length
            self.linked[el] = linked
            self.commas[el] = commas
            self.prose[el] = min(prose, 3)
            self.size[el] = size

    def density(self, el: Any) -> float:
        length = self.length.get(el, 0)
        return self.linked.get(el, 0) / length if length else 0.0


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

    text = _XML_DECLARATION.sub("", _decode_page(data), count=1)
    try:
        doc = lhtml.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadFailure("broken-document", f"not a web page lxml can read ({exc})") from None
    meta = _metadata(doc)
    saved = _SAVED_FROM.search(data[:4096])
    out = ParsedText()
    out.source_url = (
        meta.get("canonical")
        or meta.get("og:url")
        or (saved.group(1).decode("ascii", "replace") if saved else None)
    )
    h1 = next((_words(h) for h in doc.iter("h1") if _words(h)), "")
    out.title = _clean(meta.get("og:title") or meta.get("twitter:title")) or h1
    if not out.title:
        out.title = _page_title(_clean(doc.findtext(".//title")))
    out.date = _iso(
        meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("pubdate")
        or meta.get("date")
        or meta.get("dc.date")
        or meta.get("time")
    )
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
    for el in [*forms, *(e for e in doc.iter(*_DROP_TAGS) if e.tag != "form")]:
        _remove(el)
    lead_el = _lead_element(doc)
    lead = _words(lead_el) if lead_el is not None else ""
    if lead_el is not None:
        _remove(lead_el)
    sizes = _Sizes(doc)
    k = 0
    while k < len(sizes.order):
        el = sizes.order[k]
        k += 1
        if el.getparent() is None or el.tag in ("html", "body"):
            continue
        marks = _marks(el)
        if not marks.strip():
            continue
        if _NEVER_STORY.search(marks) or (
            _FURNITURE.search(marks) and not _BODY_CLASS.search(marks) and sizes.prose[el] < 3
        ):  # (what it holds goes with it: its elements are not looked at)
            _remove(el)
            k += sizes.size[el] - 1
    body = _story(doc)
    blocks: list[Block] = []
    photos = 0
    parts = _with_siblings(body) if body is not None else []
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
        return _local_image(img, path)

    for part in parts:
        for block in _blocks(part, finder):
            if block.type == "photos":
                if photos >= MAX_PHOTOS:
                    out.photos_left_out += 1
                    continue
                photos += 1
                out.photo_lines.append((block.files[0], block.caption))
            blocks.append(block)
    if h1 and blocks and blocks[0].type == "text" and blocks[0].text == h1:
        blocks.pop(0)
    if not lead:
        lead = _clean(meta.get("description") or meta.get("og:description"))
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
    """Take *el* out of the tree, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    previous = el.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _metadata(doc: Any) -> dict[str, str]:
    """``<meta>`` values by property, name or itemprop (lower case), the canonical
    link, and what JSON-LD says of the article."""
    out: dict[str, str] = {}
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        value = el.get("content") or el.get("datetime")
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
                    out.setdefault("og:title", node["headline"])
    return out


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    m = _ISO.search(value)
    if m:
        return valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return find_full_date([value])


def _page_title(title: str) -> str:
    """A ``<title>`` less the site's name after `` - `` or `` | ``."""
    parts = [p.strip() for p in re.split(r"\s+[-|–—]\s+", title) if p.strip()]
    return max(parts, key=len) if parts else title


def _lead_element(doc: Any) -> Any:
    sizes: _Sizes | None = None
    for el in doc.iter("p", "h2", "div", "span", "strong"):
        marks = _marks(el)
        if _LEAD_CLASS.search(marks) and not _FURNITURE.search(marks):
            sizes = sizes or _Sizes(doc)
            if not 40 <= sizes.length.get(el, 0) <= 1500:
                continue
            if el.find(".//img") is not None or el.find(".//figure") is not None:
                continue
            return el
    return None


def _marked_body(el: Any) -> bool:
    if el.tag == "article" or el.get("itemprop") == "articleBody":
        return True
    marks = _marks(el)
    return el.tag == "div" and bool(_BODY_CLASS.search(marks)) and not _FURNITURE.search(marks)


def _story(doc: Any) -> Any:
    """The element holding the story: marked as such, else the best scored."""
    marked = [el for el in doc.iter() if _marked_body(el)]
    sizes = _Sizes(doc)
    scores: dict[Any, float] = {}
    for p in doc.iter("p", "td", "pre", "blockquote"):
        length = sizes.length[p]
        if length < _PROSE:
            continue
        points = 1 + sizes.commas[p] + min(length / 100, 3)
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + points
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + points / 2
    if not scores:
        return doc.find("body") if marked == [] else marked[0]
    for el in list(scores):
        scores[el] *= 1 - sizes.density(el)
    best = max(scores, key=lambda el: scores[el])
    # the smallest marked element holding the best one, or the best one's parent when
    # its paragraphs are spread over siblings (a template's several text boxes)
    holders = set()
    up = best
    while up is not None:
        holders.add(up)
        up = up.getparent()
    for el in sorted(marked, key=lambda el: sizes.length[el]):
        if el in holders and sizes.length[el] < 3 * sizes.length[best] + 2000:
            return el
    return best


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
        if tag == "figure" or (
            _FIGURE_CLASS.search(_marks(node)) and node.find(".//img") is not None and tag != "img"
        ):
            out.extend(_figure(node, find))
            return
        if tag == "img":
            name = find(node)
            if name:
                out.append(Block("photos", files=(name,), caption=None))
            return
        if tag in _TEXT_TAGS:
            text = _words(node)
            if text and _link_density(node, text) < 0.5 and not _only_images(node):
                for img in node.iter("img"):
                    walk(img)
                last = out[-1] if out else None
                if (
                    last is not None
                    and last.type == "photos"
                    and last.caption is None
                    and _CAPTION_CLASS.search(_marks(node))
                ):  # an image's paragraph, then its caption's (a blog's markup)
                    out[-1] = replace(last, caption=text)
                else:
                    out.append(Block("text", text=text))
                return
            if node.find(".//img") is None:
                return
            for child in node:
                walk(child)
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


def _only_images(node: Any) -> bool:
    return not _words(node) and node.find(".//img") is not None


def _figure(node: Any, find: Any) -> list[Block]:
    caption_el = node.find(".//figcaption")
    if caption_el is None:
        caption_el = next(
            (c for c in node.iter() if c is not node and _CAPTION_CLASS.search(_marks(c))), None
        )
    caption = _words(caption_el) if caption_el is not None else ""
    if not caption:  # a template's table: the text of the cells without an image
        cells = [c for c in node.iter("td", "p") if c.find(".//img") is None and _words(c)]
        caption = _clean(" ".join(_words(c) for c in cells[:1]))
    names = [n for n in (find(img) for img in node.iter("img")) if n]
    if not names:
        return [Block("text", text=caption)] if caption else []
    return [Block("photos", files=(name,), caption=caption or None) for name in names[:1]] + [
        Block("photos", files=(name,), caption=None) for name in names[1:]
    ]


def _sources(img: Any) -> list[str]:
    """Every address an image gives: ``src``, the lazy loaders' attributes, srcset's."""
    sources = [img.get(a) for a in ("src", "data-src", "data-original", "data-lazy-src")]
    for attr in ("srcset", "data-srcset"):
        if img.get(attr):
            sources += [part.strip().split(" ")[0] for part in img.get(attr).split(",")]
    return [s for s in sources if s]


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
        if Path(rel).suffix.lower() not in IMAGE_EXTENSIONS:
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
