"""How well real files that nobody here wrote are read: saved pages, PDFs, Word and
OpenDocument files, photos with their captions inside.

    python -m bench.realfiles_make DIR --mirrors MIRRORS   # once: gather the files
    python -m bench.realfiles DIR [--set SET] [--json] [--show NAME]   # SET: dev, heldout,
    # fresh, unseen, zyte, blind, late, mercury or all

*DIR* holds the files, each in a folder of its own as an archive keeps them, and
``DIR/truth.json``: a list of records written from each file's own markup and text
(never from what Tàng Thư shows; `bench.realfiles_make` gathers the files named in
`realfiles_sources.json` and writes it). The sets: *dev*, the files looked at while the
readers were changed; *heldout*, files scored once the changes were made; *fresh* and
*unseen*, files scored once before anybody here looked at them (and looked at since);
*zyte* and *blind*, two halves of one benchmark's pages, scored for their story
alone: the first looked at, the second kept from being looked at; *late*, the pages
added last, looked at after their first score::

    {"file": "vi/dantri1/dantri1.html", "set": "dev", "kind": "page-vi",
     "outlet": "dantri.com.vn",
     "title": "…",                      # the title the file gives its article (or a
                                        # list of the forms it may fairly be given)
     "date": "2012-12-25",              # as precise as the file says it (or null)
     "dates_held": ["2024-10-03"],      # other dates the file states (not invented)
     "author": "…",                     # who the file says made it (photos)
     "paragraphs": ["…", …],            # the story's paragraphs (their openings)
     "boilerplate": ["…", …],           # text of menus, related lists, comments…
     "captions": [{"text": "…", "photo": "Hoa-dao-2-bd433.jpg"}, …]}
                                        # (a list of names where the page offers
                                        # the picture in several sizes)

Each file is read with `tangthu.archive.article.load_article`, alone in an archive of
its own, and scored:

- **title**: the same text (spaces and quotation marks aside);
- **date**: the same date at the same precision; a date the file does not state (a day
  where the file gives a month or nothing) is counted as *invented*;
- **author**: the same names (in any order, listed with ``;`` or ``,``), where the
  truth names one;
- **story**: the share of the truth's paragraphs found in the article's lead and text;
- **boilerplate out**: the share of the boilerplate snippets found nowhere in it;
- **captions kept**: the share of captions whose text is anywhere in the article;
  **attached**: the share that are the caption of the photo they belong to (by the
  photo's file name, or the address of a picture that was not saved).

Prints a table per kind of file, and per outlet for pages.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»「」"} | {c: "'" for c in "‘’‚‛"})
#: How much of a paragraph's opening is compared (a paragraph is found when this much
#: of it is, wherever it is cut into paragraphs).
OPENING = 60


def _names(text: str | None) -> set[str]:
    """The people a creator field names: a list is written with ``;`` (EXIF's Artist) or
    ``,`` (ExifTool's joined lists); the same names in another order are the same."""
    return {norm(n) for n in re.split(r"[;,]", text or "") if norm(n)}


#: What shows nothing on a page: the truth, written from its markup, may hold it.
_UNSEEN = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))


def norm(text: str | None) -> str:
    """Text as compared: NFC, quotation marks alike, characters that show nothing left
    out (a soft hyphen, a zero-width space), spaces collapsed, case folded."""
    text = unicodedata.normalize("NFC", text or "").translate(_QUOTES).translate(_UNSEEN)
    return " ".join(text.split()).casefold()


def _unspaced(text: str) -> str:
    return "".join(norm(text).split())


def opening(text: str) -> str:
    return norm(text)[:OPENING]


@dataclass
class Score:
    """What one file scored; each count out of its total (None: nothing to score)."""

    name: str
    kind: str
    outlet: str
    title: bool | None = None
    date: bool | None = None
    invented: bool = False
    author: bool | None = None
    story: tuple[int, int] = (0, 0)
    boilerplate: tuple[int, int] = (0, 0)
    kept: tuple[int, int] = (0, 0)
    attached: tuple[int, int] = (0, 0)
    empty: bool = False
    notes: list[str] = field(default_factory=list)


def _photo_key(name: str) -> str:
    """A photo's name or address, as compared: its last part, unquoted (and the last part
    of that), case folded."""
    inner = parse_qs(urlsplit(name).query).get("url") if "://" in name else None
    if inner and "://" in inner[0]:  # a resizer's address naming the picture's own
        return _photo_key(inner[0])  # (…/resize/599x401!/quality/90/?url=https%3A…)
    path = urlsplit(name).path if "://" in name else name
    # (an image resizer's address may end with the picture's own, quoted: its last part)
    last = unquote(path.rstrip("/").rsplit("/", 1)[-1]).rstrip("/").rsplit("/", 1)[-1]
    return unicodedata.normalize("NFC", last).casefold()


def score(truth: dict[str, Any], article: Any) -> Score:
    """Score *article* (a `tangthu.archive.model.Article`) against its *truth*."""
    s = Score(truth["file"], truth["kind"], truth.get("outlet") or "")
    text_blocks = [article.lead, *(b.text for b in article.blocks if b.type == "text")]
    story = norm(" ".join(t for t in text_blocks if t))
    everything = norm(" ".join([story, *(p.caption or "" for p in article.photos)]))
    s.empty = not article.blocks and not article.lead
    if truth.get("title") is not None:
        titles = truth["title"] if isinstance(truth["title"], list) else [truth["title"]]
        s.title = norm(article.title) in {norm(t) for t in titles}
        if not s.title:
            s.notes.append(f"title: {article.title!r}")
    if "date" in truth:
        want, got = truth["date"], article.date or None
        s.date = got == want
        held = {want, *truth.get("dates_held", [])}
        s.invented = (
            got is not None and got not in held and not any(h and h.startswith(got) for h in held)
        )
        if not s.date:
            s.notes.append(f"date: {got} ({article.date_source}) for {want}")
    if truth.get("author"):
        s.author = _names(article.author) == _names(truth["author"])
        if not s.author:
            s.notes.append(f"author: {article.author!r}")
    paras = [opening(p) for p in truth.get("paragraphs", []) if norm(p)]
    # (a truth whose lines mix the story and captions the page does not mark: a line
    # read as a picture's caption is found too)
    pool = everything if truth.get("story_with_captions") else story
    found = sum(1 for p in paras if p in pool)
    s.story = (found, len(paras))
    missing = [p for p in paras if p not in pool]
    if missing:
        s.notes.append(f"story: {len(missing)} missing, first {missing[0][:50]!r}")
    junk = [opening(b) for b in truth.get("boilerplate", []) if norm(b)]
    # (a truth whose snippets to leave out include what the page shows under pictures:
    # those are judged in the story's text, as Tàng Thư keeps a picture's caption with it)
    judged = story if truth.get("captions_apart") else everything
    left = [b for b in junk if b not in judged]
    s.boilerplate = (len(left), len(junk))
    if len(left) < len(junk):
        s.notes.append(f"boilerplate kept: {next(b for b in junk if b in judged)[:50]!r}")
    # A caption is compared whatever spaces part its lines (a credit in a box of its own
    # under the caption's words: "( Image: Getty)" or "(Image:Getty)").
    captions = truth.get("captions", [])
    by_photo: dict[str, list[str]] = defaultdict(list)
    for p in article.photos:
        if p.caption:
            for name in {p.file, getattr(p, "address", None) or p.file}:
                by_photo[_photo_key(name)].append(_unspaced(p.caption))
    unspaced = _unspaced(everything)
    kept = attached = 0
    for c in captions:
        text = _unspaced(c["text"])[:OPENING]
        if text in unspaced:
            kept += 1
        # A picture may be named by any of the sizes its page offers.
        photos = c.get("photo") or ""
        keys = {_photo_key(n) for n in (photos if isinstance(photos, list) else [photos])}
        if any(text in got for key in keys for got in by_photo.get(key, [])):
            attached += 1
        elif not any(n.startswith("caption") for n in s.notes):
            how = "not attached" if text in unspaced else "not kept"
            s.notes.append(f"caption {how}: {text[:50]!r} of {sorted(keys)[0] if keys else ''}")
    s.kept = (kept, len(captions))
    s.attached = (attached, len(captions))
    return s


def read_all(folder: Path, records: list[dict[str, Any]]) -> list[Score]:
    """Read each file of *records* (under *folder*) alone in an archive; score it."""
    from tangthu.archive.article import load_article

    scores = []
    with tempfile.TemporaryDirectory(prefix="tangthu-realfiles-") as tmp:
        for k, truth in enumerate(records):
            source = folder / truth["file"]
            root = Path(tmp) / f"a{k}"
            shutil.copytree(source.parent, root / source.parent.name)
            article = load_article(root, root / source.parent.name / source.name)
            scores.append(score(truth, article))
    return scores


def _share(pairs: list[tuple[int, int]]) -> str:
    got, total = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    return f"{100 * got / total:.0f}% ({got}/{total})" if total else "—"


def _bools(values: list[bool | None]) -> str:
    scored = [v for v in values if v is not None]
    return f"{sum(scored)}/{len(scored)}" if scored else "—"


def table(scores: list[Score], by: str = "kind") -> str:
    """A Markdown table of *scores* grouped by kind (or outlet)."""
    groups: dict[str, list[Score]] = defaultdict(list)
    for s in scores:
        groups[getattr(s, by) or "—"].append(s)
    head = (
        f"| {by} | files | title right | date right | invented dates | author right | "
        "no story | story found | boilerplate out | captions kept | captions attached |"
    )
    lines = [head, "|" + "---|" * 11]
    for name in sorted(groups):
        g = groups[name]
        lines.append(
            f"| {name} | {len(g)} | {_bools([s.title for s in g])} | "
            f"{_bools([s.date for s in g])} | {sum(s.invented for s in g)} | "
            f"{_bools([s.author for s in g])} | {sum(s.empty for s in g)} | "
            f"{_share([s.story for s in g])} | "
            f"{_share([s.boilerplate for s in g])} | {_share([s.kept for s in g])} | "
            f"{_share([s.attached for s in g])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.realfiles")
    parser.add_argument("folder", type=Path)
    parser.add_argument(
        "--set",
        default="all",
        choices=[
            "dev",
            "heldout",
            "fresh",
            "unseen",
            "zyte",
            "blind",
            "late",
            "mercury",
            "np4k",
            "traf",
            "trafheld",
            "all",
        ],
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", help="the notes of files whose name holds this")
    args = parser.parse_args(argv)
    records = json.loads((args.folder / "truth.json").read_text(encoding="utf-8"))
    records = [r for r in records if args.set == "all" or r.get("set", "dev") == args.set]
    scores = read_all(args.folder, records)
    if args.json:
        print(json.dumps([s.__dict__ for s in scores], ensure_ascii=False, indent=1))
        return 0
    print(table(scores))
    pages = [s for s in scores if s.kind.startswith("page")]
    if pages:
        print()
        print(table(pages, by="outlet"))
    for s in scores:
        if s.notes and (args.show is None or args.show in s.name):
            print(f"\n{s.name}:", *(f"  {n}" for n in s.notes), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
