"""Reference-manager exports: RIS and CSL-JSON, one newspaper-article record per article.

Zotero, EndNote, Mendeley and citation processors read both. A photo chosen alone
is cited through its article (once, however many of its photos are chosen).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from tangthu.archive.citation import csl_item
from tangthu.archive.export.common import Progress, Resolved, tick
from tangthu.archive.export.registry import ExportFormat
from tangthu.archive.model import Article, CancelToken


def _articles(resolved: Resolved) -> list[tuple[str, Article]]:
    """The articles of the export (with their archive), each once, in the export's order."""
    seen: dict[str, tuple[str, Article]] = {}
    for item, art in resolved.articles:
        seen.setdefault(f"{item.root}\0{art.id}", (item.root, art))
    for photo in resolved.photos:
        if photo.article is not None:
            seen.setdefault(
                f"{photo.item.root}\0{photo.article.id}", (photo.item.root, photo.article)
            )
    return list(seen.values())


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def ris_record(
    article: Article, accessed: dt.date, tags: tuple[str, ...] = (), note: str = ""
) -> list[str]:
    """One RIS record (type NEWS) for *article*, with the user's *tags* as keywords and
    *note* as its note; the lines end without a newline."""
    item = csl_item(article, accessed=accessed)
    lines = [_ris_line("TY", "NEWS"), _ris_line("TI", article.title)]
    if article.author:
        lines.append(_ris_line("AU", article.author))
    if article.outlet:
        lines.append(_ris_line("T2", article.outlet))
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        lines.append(_ris_line("PY", f"{parts[0]:04d}"))
        lines.append(_ris_line("DA", "/".join(f"{p:02d}" for p in parts)))
    if article.source_url:
        lines.append(_ris_line("UR", article.source_url))
        lines.append(_ris_line("Y2", accessed.strftime("%Y/%m/%d")))
    if article.lead:
        lines.append(_ris_line("AB", article.lead))
    lines += [_ris_line("KW", tag) for tag in tags]
    if note:
        lines.append(_ris_line("N1", note))
    lines.append(_ris_line("LA", "vi"))
    lines.append(_ris_line("ID", article.id))
    lines.append("ER  - ")
    return lines


def _each(
    resolved: Resolved, progress: Progress | None, cancel: CancelToken | None
) -> Iterator[tuple[Article, tuple[str, ...], str]]:
    """The articles to cite with their tags and note, telling the progress and hearing
    the cancel button."""
    articles = _articles(resolved)
    for n, (root, art) in enumerate(articles):
        tick(progress, cancel, n, len(articles))
        tags, note = resolved.marks(root, art.id)
        yield art, tags, note
    tick(progress, cancel, len(articles), len(articles))


def write_ris(
    resolved: Resolved,
    out: Path,
    *,
    multi_root: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[str]:
    today = dt.date.today()
    lines = [
        line
        for art, tags, note in _each(resolved, progress, cancel)
        for line in ris_record(art, today, tags, note)
    ]
    # UTF-8, and CRLF line ends as the format asks; a blank line after each record.
    out.write_bytes("\r\n".join(lines).replace("ER  - \r\n", "ER  - \r\n\r\n").encode("utf-8"))
    return [out.name]


def write_csljson(
    resolved: Resolved,
    out: Path,
    *,
    multi_root: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[str]:
    today = dt.date.today()
    items = [
        csl_item(art, accessed=today, tags=tags, note=note)
        for art, tags, note in _each(resolved, progress, cancel)
    ]
    out.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [out.name]


EXPORT_FORMATS = (
    ExportFormat(
        "ris",
        "RIS references (Zotero, EndNote)",
        False,
        ".ris",
        write_ris,
        lists_files=False,
        order=80,
    ),
    ExportFormat(
        "csljson",
        "CSL-JSON references",
        False,
        ".json",
        write_csljson,
        lists_files=False,
        order=81,
    ),
)
