"""Gather the real files `bench.realfiles` scores, and write their truth.

    python -m bench.realfiles_make DEST --mirrors DIR

The files are other people's (news pages saved by scraper and extraction projects,
documents, press photos), so they are not kept in this repository: `realfiles_sources.json`
names each by repository, commit and path, and this command copies it out of a local copy
of that repository (*DIR*/owner+name, a git directory or a folder holding one as ``repo``;
``git clone --bare https://github.com/owner/name DIR/owner+name`` makes one) into
*DEST*/NAME/, one folder per file as an archive keeps them.

The truth (``DEST/truth.json``) is written from each file's own markup and text, never
from what Tàng Thư shows:

- **a page from fundus's test data**: from its maintainers' record of that page (title,
  publishing date, the body's paragraphs, the images' captions), keeping only the
  captions the page shows; the page's own ``h1`` is also accepted as its title; the
  boilerplate is a sample of the page's link texts that are no part of the story;
- **a page with XPaths** (``"xpath"`` in its entry): the story's paragraphs, the title,
  the captions with their pictures and the boilerplate as the expressions chosen by
  looking at the page's markup select them;
- **a page of Mozilla Readability's tests**: from its maintainers' record of the page's
  article (``expected.html``: its paragraphs and figures' captions; its metadata's
  title and date);
- **a page of Zyte's article extraction benchmark** (``"truth": "body"``): from its
  maintainers' record of the page's article body (``ground-truth.json``: its lines of 30
  characters or more that the page shows); that record holds no title, date or caption:
  the captions are those the page marks (``<figure>`` … ``<figcaption>``) between two
  lines of that body (`story_figures`);
- **a test page of newspaper4k** (``"truth": "text"``): from its maintainers' expected
  text (its lines of 30 characters or more that the page shows and does not mark as a
  caption; a line read as a picture's caption counts as found, as those lines hold the
  captions the page does not mark), the captions as for Zyte's;
- **a page of trafilatura's evaluation** (``"truth": "trafilatura"``): from its
  maintainers' record of the page (``tests/evaldata.json``: its title and date, the
  snippets its text must hold, which the page shows, and those it must leave out, which
  the page shows as well); a snippet read as a picture's caption counts as found, as
  those snippets hold captions too, and a snippet to leave out counts as left out when
  it is only a picture's caption or credit (kept with the picture, by design);
- **a page of Postlight Parser's fixtures** (``"truth": "mercury"``): the title and
  publishing date its maintainers' test of the page asserts (the date where the page
  states that day);
- **any other file**: the values written in its entry, by hand from the file (photos'
  fields checked against ExifTool's ``-use MWG`` composites).

An entry's ``values`` replace what its record says where the file itself shows otherwise
(its ``why`` says what the file shows: a record with day and month swapped).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from lxml import html as lxml_html

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "realfiles_sources.json"
#: How many link texts of a page are sampled as its boilerplate.
BOILERPLATE = 15


def norm(text: str | None) -> str:
    from bench.realfiles import norm as _norm

    return _norm(text)


def git_dir(mirrors: Path, repo: str) -> Path:
    base = mirrors / repo.replace("/", "+")
    for candidate in (base / "repo", base):
        if (candidate / "objects").is_dir() or (candidate / ".git").is_dir():
            return candidate
    raise SystemExit(f"no copy of {repo} under {mirrors} (git clone --bare it there)")


def blob(mirrors: Path, repo: str, commit: str, path: str) -> bytes:
    out = subprocess.run(
        ["git", "--git-dir", str(git_dir(mirrors, repo)), "show", f"{commit}:{path}"],
        capture_output=True,
        check=False,
    )
    if out.returncode:
        raise SystemExit(f"{repo}@{commit[:10]}:{path}: {out.stderr.decode().strip()}")
    return out.stdout


def _tree(page: bytes) -> Any:
    """The page's elements (text that is valid UTF-8 is read as UTF-8, as fundus
    stores every page, whatever it declares)."""
    try:
        text = page.decode("utf-8")
    except UnicodeDecodeError:
        return lxml_html.document_fromstring(page)
    return lxml_html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))


def _visible(tree: Any) -> str:
    """The text a reader of the page sees (scripts, styles and the head left out)."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    body = lxml_html.fromstring(lxml_html.tostring(body))
    for bad in body.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    return norm(body.text_content())


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _photo(url: str) -> str:
    inner = parse_qs(urlsplit(url).query).get("url")
    if inner and "://" in inner[0]:  # a resizer's address naming the picture's own
        return _photo(inner[0])
    return unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])


def _boilerplate(tree: Any, story: list[str]) -> list[str]:
    """Up to BOILERPLATE link texts of the page that are no part of *story*, evenly
    spread over the page."""
    joined = norm(" ".join(story))
    openings = [norm(s)[:40] for s in story if len(norm(s)) >= 40]
    seen: set[str] = set()
    found = []
    for a in tree.xpath("//body//a"):
        text = _text(a)
        key = norm(text)
        if len(key) < 25 or len(key.split()) < 4 or key in seen:
            continue
        seen.add(key)
        if key[:60] in joined or any(o in key for o in openings):
            continue
        found.append(text)
    if len(found) <= BOILERPLATE:
        return found
    step = len(found) / BOILERPLATE
    return [found[int(k * step)] for k in range(BOILERPLATE)]


#: Month names in English, German, Dutch, French, Spanish, Portuguese and Italian (a
#: table of its own: the truth is written with none of the readers' code, so that a
#: reader's mistake cannot become the truth it is scored on).
_MONTHS = {
    m: k
    for k, names in enumerate(
        (
            "jan january januar jänner januari janvier enero janeiro gennaio",
            "feb february februar februari février fevrier febrero fevereiro febbraio",
            "mar march märz maart mars marzo março",
            "apr april avril abril aprile",
            "may mai mei mayo maio maggio",
            "jun june juni juin junio junho giugno",
            "jul july juli juillet julio julho luglio",
            "aug august augustus août aout agosto",
            "sep sept september septembre septiembre setembro settembre",
            "oct october oktober octobre octubre outubro ottobre",
            "nov november novembre noviembre novembro",
            "dec december dezember décembre diciembre dezembro dicembre",
        ),
        start=1,
    )
    for m in names.split()
}
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)")
_NUMERIC = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d\d)\b")
_WORDED = re.compile(
    r"\b(?:(\d{1,2})\.? (?:de )?([^\W\d_]{3,9})\.?,? (?:de )?((?:19|20)\d\d)|"
    r"([^\W\d_]{3,9})\.? (\d{1,2}),? ((?:19|20)\d\d))\b"
)


def stated_dates(page: bytes) -> list[str]:
    """Every whole date a page's markup states, in any of the usual ways (ISO, day and
    month either way round with a four-digit year, an English month's name): the dates
    a reader may give it without inventing one."""
    text = page.decode("utf-8", "replace")
    found: set[str] = set()

    def add(year: int, month: int, day: int) -> None:
        try:
            found.add(datetime.date(year, month, day).isoformat())
        except ValueError:
            pass  # (no such day)

    for m in _ISO.finditer(text):
        add(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        add(year, b, a)
        add(year, a, b)
    for m in _WORDED.finditer(text):
        named = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(5, 4, 6)
        if named[1].lower() in _MONTHS:
            add(int(named[2]), _MONTHS[named[1].lower()], int(named[0]))
    return sorted(found)


def _sizes_of(tree: Any, photos: list[str]) -> list[str]:
    """*photos* and the other names the page's own ``<img>`` of each gives it (its
    ``src`` beside its ``srcset``: the same picture in another size)."""
    names = list(photos)
    for img in tree.xpath("//img"):
        given = [
            urlsplit(part.split()[0]).path.rstrip("/").rsplit("/", 1)[-1]
            for attr, value in img.attrib.items()
            if attr.endswith(("src", "srcset", "original"))
            for part in value.split(", ")
            if part.strip() and not part.strip().startswith("data:")
        ]
        if {unquote(n) for n in given} & set(photos):  # (as scored: unquoted once)
            names += [n for n in given if n not in names]
    return names


def fundus_truth(entry: dict[str, Any], page: bytes, mirrors: Path) -> dict[str, Any]:
    """The truth of a fundus test page from its maintainers' record of it."""
    repo, commit, path = entry["repo"], entry["commit"], entry["path"]
    folder, name = path.rsplit("/", 1)
    publisher = name.split("_", 1)[0]
    records = json.loads(blob(mirrors, repo, commit, f"{folder}/{publisher}.json"))
    tree = _tree(page)
    visible = _visible(tree)

    # The record of this page is the one whose paragraphs the page shows.
    def shown(record: dict[str, Any]) -> int:
        sections = (record.get("body") or {}).get("sections", [])
        paras = [p for s in sections for p in s.get("paragraphs", [])]
        return sum(norm(p)[:40] in visible for p in paras)

    record = max(records.values(), key=shown)
    if not shown(record):
        raise SystemExit(f"{path}: none of {publisher}.json's records is this page's")
    body = record.get("body") or {}
    paragraphs = [p for s in body.get("sections", []) for p in s.get("paragraphs", [])]
    summary = [p for p in body.get("summary", []) if norm(p)[:60] in visible]
    captions = []
    for image in record.get("images") or []:
        caption = image.get("caption")
        if caption and norm(caption)[:60] in visible:
            photos = [_photo(v["url"]) for v in image.get("versions", []) if v.get("url")]
            captions.append({"text": caption, "photo": _sizes_of(tree, photos)})
    titles = [record["title"]]
    titles += [_text(h) for h in tree.xpath("//body//h1") if _text(h)][:1]
    date = record.get("publishing_date")
    return {
        "title": titles,
        "date": date[:10] if date else None,
        "paragraphs": summary + paragraphs,
        "boilerplate": _boilerplate(
            tree,
            [
                *titles,
                *paragraphs,
                *(h for s in body.get("sections", []) for h in s.get("headline", [])),
                *body.get("summary", []),
                *(c["text"] for c in captions),
            ],
        ),
        "captions": captions,
    }


def readability_truth(entry: dict[str, Any], page: bytes, mirrors: Path) -> dict[str, Any]:
    """The truth of one of Mozilla Readability's test pages from its maintainers' record
    of what the page's article is (``expected.html``, ``expected-metadata.json``): its
    paragraphs (lines of 30 characters or more the page shows), the captions of its
    figures, its title (or the page's ``h1``) and, where the record has one, its date."""
    repo, commit, path = entry["repo"], entry["commit"], entry["path"]
    folder = path.rsplit("/", 1)[0]
    meta = json.loads(blob(mirrors, repo, commit, f"{folder}/expected-metadata.json"))
    expected = _tree(blob(mirrors, repo, commit, f"{folder}/expected.html"))
    for bad in expected.xpath("//script|//style"):
        bad.drop_tree()
    tree = _tree(page)
    visible = _visible(tree)
    captions_in = set(expected.xpath("//figcaption"))
    root = expected.find(".//body")
    paragraphs: list[str] = []
    captions: list[dict[str, Any]] = []
    image = None
    for kind, value in _lines(root if root is not None else expected, set(), captions_in):
        if kind == "img":
            image = value
        elif kind == "caption":
            if image is not None and norm(value)[:60] in visible:
                captions.append({"text": value, "photo": [_photo(image)]})
        elif len(value) >= 30 and norm(value)[:40] in visible:
            paragraphs.append(value)
            image = None
    titles = [meta["title"]] if meta.get("title") else []
    titles += [_text(h) for h in tree.xpath("//body//h1") if _text(h)][:1]
    record: dict[str, Any] = {
        "title": titles,
        "paragraphs": paragraphs,
        "boilerplate": _boilerplate(
            tree, [*titles, *paragraphs, *(c["text"] for c in captions), _text(expected)]
        ),
        "captions": captions,
    }
    if meta.get("publishedTime"):
        record["date"] = meta["publishedTime"][:10]
    return record


_ASSERTED = re.compile(
    r"assert\.equal\(\s*(title|date_published)\s*,\s*"
    r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)\s*,?\s*\)"""
)


def mercury_truth(entry: dict[str, Any], page: bytes, mirrors: Path) -> dict[str, Any]:
    """The truth of a page of Postlight Parser's fixtures: the title and publishing date
    its maintainers' test of the page asserts (``index.test.js``), the date only where
    the page states that day (the test gives it in UTC, which may be the next day where
    the paper is), and the page's ``h1`` as a fair form of the title."""
    test = blob(mirrors, entry["repo"], entry["commit"], entry["test"]).decode("utf-8")
    asserted: dict[str, str] = {}
    for name, quoted in _ASSERTED.findall(test):
        text = quoted[1:-1]
        text = re.sub(r"\\(.)", r"\1", text)  # (\' and \" as written in the test)
        asserted.setdefault(name, text)
    tree = _tree(page)
    record: dict[str, Any] = {}
    if asserted.get("title"):
        titles = [asserted["title"]]
        titles += [_text(h) for h in tree.xpath("//body//h1") if _text(h)][:1]
        record["title"] = titles
    day = asserted.get("date_published", "")[:10]
    if day and day in stated_dates(page):
        record["date"] = day
    return record


def body_truth(entry: dict[str, Any], page: bytes, mirrors: Path) -> dict[str, Any]:
    """The truth of a page of Zyte's article extraction benchmark: the lines of its
    maintainers' ``articleBody`` (30 characters or more, that the page shows)."""
    repo, commit = entry["repo"], entry["commit"]
    records = json.loads(blob(mirrors, repo, commit, "ground-truth.json"))
    key = entry["path"].rsplit("/", 1)[-1].split(".", 1)[0]
    tree = _tree(page)
    visible = _visible(tree)
    paragraphs = [
        line.strip()
        for line in records[key]["articleBody"].split("\n")
        if len(line.strip()) >= 30 and norm(line)[:40] in visible
    ]
    captions = story_figures(tree, paragraphs, visible)
    return {
        "paragraphs": paragraphs,
        "boilerplate": _boilerplate(tree, paragraphs),
        "captions": captions,
    }


def text_truth(entry: dict[str, Any], page: bytes, mirrors: Path) -> dict[str, Any]:
    """The truth of a test page of newspaper4k: the lines of its maintainers' expected
    text (``entry["text"]``: 30 characters or more, that the page shows, not marked as
    a figure's caption), and the captions the page marks between them
    (`story_figures`)."""
    expected = blob(mirrors, entry["repo"], entry["commit"], entry["text"]).decode("utf-8")
    tree = _tree(page)
    visible = _visible(tree)
    # (a line the page marks as a figure's caption is a caption, scored as one)
    marked = {norm(_text(c)) for c in tree.xpath("//figcaption")}
    paragraphs = [
        line.strip()
        for line in expected.split("\n")
        if len(line.strip()) >= 30 and norm(line)[:40] in visible and norm(line) not in marked
    ]
    captions = story_figures(tree, paragraphs, visible)
    return {
        "paragraphs": paragraphs,
        "boilerplate": _boilerplate(tree, [*paragraphs, *(c["text"] for c in captions)]),
        "captions": captions,
        # its lines hold the captions the page does not mark, where they stand
        "story_with_captions": True,
    }


def trafilatura_truth(entry: dict[str, Any], page: bytes, mirrors: Path) -> dict[str, Any]:
    """The truth of a page of trafilatura's evaluation: its record in the maintainers'
    ``tests/evaldata.json`` (``entry["record"]``: the page's address), the snippets
    kept only where the page shows them."""
    records = json.loads(blob(mirrors, entry["repo"], entry["commit"], "tests/evaldata.json"))
    record = records[entry["record"]]
    visible = _visible(_tree(page))
    out: dict[str, Any] = {
        "paragraphs": [t for t in record["with"] if norm(t) and norm(t)[:40] in visible],
        "boilerplate": [t for t in record["without"] if norm(t) and norm(t)[:40] in visible],
        "story_with_captions": True,
        # (its snippets to leave out include pictures' captions and credits, which a
        # picture keeps in Tàng Thư: those are judged in the story's text)
        "captions_apart": True,
    }
    if record.get("title"):
        out["title"] = [record["title"]]
    if record.get("date"):
        out["date"] = record["date"]
    return out


def story_figures(tree: Any, paragraphs: list[str], visible: str) -> list[dict[str, Any]]:
    """The captions the page itself marks (``<figure>`` … ``<figcaption>``) of the
    figures that stand between two paragraphs of the story (*paragraphs*, in the page's
    own order), each with the names its picture goes by. A caption the page does not
    show, one shorter than 15 characters, or one the story holds as a paragraph is left
    out: what is left is a caption a reader of the page sees inside the story."""
    openings = {norm(p)[:40] for p in paragraphs}
    order = {e: n for n, e in enumerate(tree.iter())}
    hidden = set()
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        hidden.update(bad.iter())
    at = [
        order[e]
        for e in tree.xpath("//p|//div|//li|//blockquote")
        if e not in hidden and norm(_text(e))[:40] in openings
    ]
    if len(at) < 2:
        return []
    first, last = min(at), max(at)
    story = norm(" ".join(paragraphs))
    out: list[dict[str, Any]] = []
    for figure in tree.xpath("//figure"):
        if figure in hidden or not first < order[figure] < last:
            continue
        caption = figure.find(".//figcaption")
        text = _text(caption) if caption is not None else ""
        if len(text) < 15 or norm(text)[:40] not in visible or norm(text)[:40] in story:
            continue
        urls = [
            u.split()[0]
            for u in figure.xpath(".//img/@src|.//img/@data-src|.//source/@srcset|.//img/@srcset")
            if u.strip() and not u.startswith("data:")
        ]
        names = [_photo(u) for u in urls]
        if names:
            out.append({"text": text, "photo": _sizes_of(tree, sorted(set(names)))})
    return out


_BLOCKS = {
    "p",
    "div",
    "td",
    "th",
    "tr",
    "table",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "center",
    "figure",
    "figcaption",
    "section",
    "article",
    "dd",
    "dt",
}


def _lines(container: Any, skip: set[Any], captions: set[Any]) -> list[tuple[str, str]]:
    """The container's text as a browser breaks it into lines: ("text", line) for each
    run of text between block boundaries and line breaks (("caption", line) inside one of
    *captions*), ("img", src) for a picture."""
    out: list[tuple[str, str]] = []
    line: list[str] = []
    inside: list[Any] = []

    def flush() -> None:
        text = " ".join("".join(line).split())  # (inline pieces run on, as a browser shows them)
        if text:
            out.append(("caption" if inside else "text", text))
        line.clear()

    def walk(e: Any) -> None:
        if e in captions:
            flush()
            inside.append(e)
            walk_in(e)
            flush()
            inside.pop()
            if e.tail:
                line.append(e.tail)
            return
        walk_in(e)

    def walk_in(e: Any) -> None:
        if isinstance(e.tag, str) and e not in skip:
            block = e.tag in _BLOCKS or e.tag == "br"
            if block:
                flush()
            if e.tag == "img":
                flush()
                out.append(("img", e.get("src") or ""))
            if e.text:
                line.append(e.text)
            for child in e:
                walk(child)
            if block:
                flush()
        if e.tail and e not in captions:
            line.append(e.tail)

    saved = container.tail
    container.tail = None
    walk(container)
    container.tail = saved
    flush()
    return out


def xpath_truth(spec: dict[str, Any], page: bytes) -> dict[str, Any]:
    """The truth of a page from the expressions chosen by reading its markup.

    *spec*: ``title`` (the text, or ``title_xpath``); ``lead`` (an expression for the
    lead, if apart from the story); ``story`` (the element holding the story);
    ``skip`` (elements inside it that are not the story: bylines, related boxes);
    ``captions``: ``"after-image"`` when the page sets a picture's caption as the short
    line right under it (the line is then that picture's caption, not the story);
    ``caption_in``: the elements that hold captions, where the page marks them (each
    line in one is the caption of the picture before it);
    ``boilerplate`` (an expression; else a sample of the page's link texts).
    """
    tree = _tree(page)
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()

    def texts(expr: str | None) -> list[str]:
        out = []
        for g in tree.xpath(expr) if expr else []:
            text = _text(g) if hasattr(g, "text_content") else " ".join(str(g).split())
            if text:
                out.append(text)
        return out

    skip = set(tree.xpath(spec["skip"])) if spec.get("skip") else set()
    marked = set(tree.xpath(spec["caption_in"])) if spec.get("caption_in") else set()
    story: list[str] = texts(spec.get("lead"))
    captions: list[dict[str, Any]] = []
    shortest = spec.get("shortest", 30)
    longest_caption = spec.get("longest_caption", 220)
    for container in tree.xpath(spec["story"]):
        image = None
        for kind, value in _lines(container, skip, marked):
            if kind == "img":
                image = value
                continue
            if kind == "caption":
                if image is not None:
                    captions.append({"text": value, "photo": [_photo(image)]})
                continue
            if (
                image is not None
                and spec.get("captions") == "after-image"
                and len(value) <= longest_caption
            ):
                captions.append({"text": value, "photo": [_photo(image)]})
            elif len(value) >= shortest:
                story.append(value)
            image = None
    title = [spec["title"]] if spec.get("title") else texts(spec.get("title_xpath"))[:1]
    return {
        "title": title,
        "paragraphs": story,
        "boilerplate": texts(spec["boilerplate"])[:BOILERPLATE]
        if spec.get("boilerplate")
        else _boilerplate(tree, [*title, *story, *(c["text"] for c in captions)]),
        "captions": captions,
    }


def make(dest: Path, mirrors: Path, sources: Path = SOURCES) -> list[dict[str, Any]]:
    spec = json.loads(sources.read_text(encoding="utf-8"))
    records = []
    for entry in spec["files"]:
        entry = {"commit": spec["commits"].get(entry["repo"]), **entry}
        data = blob(mirrors, entry["repo"], entry["commit"], entry["path"])
        name = entry["path"].rsplit("/", 1)[-1]
        if name.endswith(".gz"):
            data, name = gzip.decompress(data), name[:-3]
        stem = entry["name"]
        ext = name.rsplit(".", 1)[-1] if "." in name else "bin"
        leaf = stem.rsplit("/", 1)[-1]
        target = dest / stem / f"{leaf}.{ext}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        record: dict[str, Any] = {
            "file": f"{stem}/{leaf}.{ext}",
            "set": entry["set"],
            "kind": entry["kind"],
            "outlet": entry.get("outlet", ""),
            "source": f"{entry['repo']}@{entry['commit'][:12]}:{entry['path']}",
        }
        if entry.get("truth") == "fundus":
            record |= fundus_truth(entry, data, mirrors)
        elif entry.get("truth") == "readability":
            record |= readability_truth(entry, data, mirrors)
        elif entry.get("truth") == "body":
            record |= body_truth(entry, data, mirrors)
        elif entry.get("truth") == "text":
            record |= text_truth(entry, data, mirrors)
        elif entry.get("truth") == "trafilatura":
            record |= trafilatura_truth(entry, data, mirrors)
        elif entry.get("truth") == "mercury":
            record |= mercury_truth(entry, data, mirrors)
        elif "xpath" in entry:
            record |= xpath_truth(entry["xpath"], data)
        record |= entry.get("values", {})
        if entry["kind"].startswith("page") and "date" in record:
            held = {*record.get("dates_held", []), *stated_dates(data)} - {record["date"]}
            record["dates_held"] = sorted(held)
        records.append(_nfc(record))
    (dest / "truth.json").write_text(
        json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return records


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.realfiles_make")
    parser.add_argument("dest", type=Path)
    parser.add_argument("--mirrors", type=Path, required=True)
    parser.add_argument("--sources", type=Path, default=SOURCES)
    args = parser.parse_args(argv)
    records = make(args.dest, args.mirrors, args.sources)
    sets: dict[str, int] = {}
    for r in records:
        sets[r["set"]] = sets.get(r["set"], 0) + 1
    print(
        f"{len(records)} files in {args.dest}: "
        + ", ".join(f"{k} {v}" for k, v in sorted(sets.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
