"""Where indexes live, opening them safely, and the manifest of indexed fingerprints."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import shutil
import unicodedata
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import Index

from archive.model import Article
from archive.paths import data_dir
from index.schema import SCHEMA_VERSION, build_schema, title_key

MANIFEST = "tangthu-manifest.json"


class IndexFailure(Exception):
    """Base of the index layer's errors (the message is for people)."""


class IndexBusy(IndexFailure):
    """Another writer holds the index."""


class IndexMissing(IndexFailure):
    """No index was built for this archive yet."""


def index_dir_for(
    root: str | os.PathLike[str], index_dir: str | os.PathLike[str] | None = None
) -> Path:
    """The index folder of an archive root: *index_dir*, else one in the data folder.

    The name is readable (the root's last part) and unique (a hash of its full path).
    """
    if index_dir:
        return Path(index_dir)
    resolved = unicodedata.normalize("NFC", str(Path(root).resolve()))
    digest = hashlib.sha1(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    slug = re.sub(r"[^\w.-]+", "-", Path(resolved).name, flags=re.UNICODE).strip("-") or "root"
    return data_dir() / "indexes" / f"{slug[:40]}-{digest}"


def read_manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
        return None
    return data


def write_manifest(path: Path, data: dict[str, Any]) -> None:
    """Write the manifest atomically (temporary file, then rename)."""
    data = {**data, "schema": SCHEMA_VERSION}
    tmp = path / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path / MANIFEST)


def _exists(path: Path) -> bool:
    # WORKAROUND(whoosh TOC reader): on a damaged TOC Whoosh raises without closing
    # the file; its ResourceWarning says nothing a librarian can act on.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return bool(whoosh_index.exists_in(str(path)))
        except Exception:  # a damaged table of contents: there is no usable index
            pass
        gc.collect()
    return False


def is_current(path: Path) -> bool:
    """True when *path* holds an index of this schema version that opens."""
    if not _exists(path):
        return False
    manifest = read_manifest(path)
    if manifest is None:
        return False
    try:
        whoosh_index.open_dir(str(path)).close()
    except Exception:  # any damage: the caller rebuilds
        return False
    return True


def recover(path: Path) -> None:
    """Finish or undo a swap that a killed process left half done.

    A rebuilt index is complete once its manifest is written (the last step
    before the swap); otherwise the previous index is put back.
    """
    if path.exists():
        return
    new = path.with_name(path.name + ".new")
    old = path.with_name(path.name + ".old")
    if new.is_dir() and read_manifest(new) is not None:
        os.replace(new, path)
    elif old.is_dir():
        os.replace(old, path)


def open_index(path: Path) -> Index:
    """Open an existing index for searching.

    Raises:
        IndexMissing: there is none, or it is of another version (rebuild it).
    """
    recover(path)
    if not _exists(path):
        raise IndexMissing(f"No usable index at {path}; run the index command.")
    if read_manifest(path) is None:
        raise IndexMissing(f"The index at {path} is of an older version; run index --rebuild.")
    try:
        return whoosh_index.open_dir(str(path))
    except Exception as exc:  # damaged files: say so instead of a traceback
        raise IndexMissing(
            f"The index at {path} cannot be opened ({exc}); run index --rebuild."
        ) from exc


def create_index(path: Path) -> Index:
    path.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(path), build_schema())


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def link_related(article: Article, searcher: Any) -> Article:
    """Give each related item the ID of the archive article with the same title."""
    if not article.related:
        return article
    items = []
    for item in article.related:
        hit = searcher.document(title_key=title_key(item.title), kind="article")
        items.append(replace(item, id=hit["aid"]) if hit and hit["aid"] != article.id else item)
    return replace(article, related=tuple(items))


def link_related_for(
    root: str | os.PathLike[str], article: Article, *, index_dir: str | os.PathLike[str] | None
) -> Article:
    """`link_related` against the archive's index, when it has one."""
    path = index_dir_for(root, index_dir)
    ix = open_index(path)
    try:
        with ix.searcher() as s:
            return link_related(article, s)
    finally:
        ix.close()
