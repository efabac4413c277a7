"""What gets indexed of an article and of its photos, the same for every engine."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from tangthu.archive import corrections
from tangthu.archive.article import load_article
from tangthu.archive.dates import dating
from tangthu.archive.model import Article, CancelToken, Problem
from tangthu.archive.scan import ArticleEntry
from tangthu.index import stories
from tangthu.index.analysis import positions, title_key

#: Text beyond this many characters of one article is not indexed (a 50 KB article is
#: long; megabytes in one file are a data dump, and would stall the writer).
MAX_INDEXED_CHARS = 1_000_000


@dataclass(slots=True)
class IndexDoc:
    """One document to index: an article, or one of its photos."""

    id: str
    aid: str
    kind: str  # "article" or "photo"
    text: dict[str, list[int]]  # exact token -> positions in the searchable text
    length: int  # tokens in the searchable text
    fields: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # title, …
    stored: dict[str, Any] = field(default_factory=dict)
    title_key: str = ""
    #: an article's row for its story (`tangthu.index.stories`), kept beside the index
    story: stories.Row | None = None


def _placed(text: str) -> dict[str, list[int]]:
    return positions(text)[0] if text else {}


def article_documents(article: Article, fingerprint: str) -> list[IndexDoc]:
    """The documents of one article: itself, then one per photo it names."""
    existing = [p for p in article.photos if p.exists]
    captions = "\n".join(article.captions)[:MAX_INDEXED_CHARS]
    body = article.body_text[:MAX_INDEXED_CHARS]
    outlet = article.outlet or ""
    subject = article.subject or ""  # a press photo's keywords, a sidecar's subject
    # what the file said of a field a librarian corrected is still found by its words
    was = [value for _field, value in article.corrected if value]
    text = "\n".join([article.title, body, captions, article.author or "", outlet, subject, *was])
    placed, length = positions(text)
    docs = [
        IndexDoc(
            id=article.id,
            aid=article.id,
            kind="article",
            text=placed,
            length=length,
            fields={
                "title": _placed(article.title),
                "caption": _placed(captions),
                "author": _placed(article.author or ""),
                "outlet": _placed(outlet),
            },
            stored={
                "title": article.title,
                "date": article.date or "",
                "date_est": article.date_estimated,
                "dated_by": dating(article.date_source),
                "corrected": " ".join(f for f, _was in article.corrected),
                "outlet": outlet,
                "author": article.author or "",
                "photos": len(article.photos),
                "has_photos": bool(existing),
                "thumb": existing[0].file if existing else "",
                "folder": article.folder,
                "format": article.format,
                "fingerprint": fingerprint,
            },
            title_key=title_key(article.title),
            story=stories.Row(
                article.id, fingerprint, article.date or "", outlet, stories.sketch(body)
            ),
        )
    ]
    seen: set[str] = set()
    for photo in article.photos:
        if photo.file in seen:
            continue
        seen.add(photo.file)
        caption = photo.caption or ""
        embedded = (photo.info.embedded_caption if photo.info else None) or ""
        if embedded == caption:
            embedded = ""
        searchable = f"{caption}\n{embedded}".strip()[:MAX_INDEXED_CHARS]
        placed, length = positions(searchable)
        docs.append(
            IndexDoc(
                id=f"{article.id}#{photo.file}",
                aid=article.id,
                kind="photo",
                text=placed,
                length=length,
                fields={"caption": placed},
                stored={
                    "atitle": article.title,
                    "photo_caption": caption,
                    "embedded": embedded,
                    "date": article.date or "",
                    "date_est": article.date_estimated,
                    "outlet": outlet,
                    "has_photos": photo.exists,
                    "folder": article.folder,
                    "format": article.format,
                    "file": photo.file,
                    "taken": (photo.info.taken if photo.info else None) or "",
                },
            )
        )
    return docs


def parsed(root: str, entries: list[ArticleEntry], cancel: CancelToken | None = None) -> Any:
    """Parse *entries* in order: yields ``(documents, problems)`` per article."""
    for entry in entries:
        if cancel is not None:
            cancel.check()
        article = load_article(root, entry.path, trusted=entry.trusted)
        article = corrections.apply(article, entry.correction)
        problems = list(article.problems)
        if len(article.body_text) > MAX_INDEXED_CHARS:
            problems.append(
                Problem(
                    "too-large",
                    entry.path,
                    f"only the first {MAX_INDEXED_CHARS:,} of {len(article.body_text):,} "
                    "characters are searchable; split the file to search the rest",
                )
            )
        yield article_documents(article, entry.fingerprint), problems


def cpu_jobs(jobs: int) -> int:
    """The number of processes to use: *jobs*, or one per core when 0."""
    return jobs or os.cpu_count() or 1
