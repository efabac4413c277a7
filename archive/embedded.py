"""Pictures kept inside an article's file (a Word file's pictures, a single-file web
page's images): each is named ``NAME_files/PICTURE`` beside its file ``NAME``, as a
browser names a saved page's files, and is written, when first read, to the
per-user cache (never into the archive), under the SHA-256 of the file that holds it
(`tangthu.archive.digest`). `resolve` finds one by that name, reading
the file again when the cache has lost it.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from tangthu.archive.digest import digest_of
from tangthu.archive.paths import cache_dir

SUFFIX = "_files"
_UNSAFE = re.compile(r"[^\w.\-]+")


def cache_root() -> Path:
    """Where embedded pictures are kept (trusted by `tangthu.archive.guard`)."""
    return cache_dir() / "embedded"


def name_for(document: Path, part: str, taken: set[str]) -> str:
    """The photo name of the picture *part* of *document*, unique among *taken*."""
    base = _UNSAFE.sub("-", unicodedata.normalize("NFC", part.rsplit("/", 1)[-1])).strip("-.")
    base = base or "picture"
    name = f"{document.name}{SUFFIX}/{base}"
    stem, dot, ext = base.rpartition(".")
    n = 2
    while name in taken:
        name = f"{document.name}{SUFFIX}/{stem or base}-{n}{dot}{ext if stem else ''}"
        n += 1
    taken.add(name)
    return name


def _folder(document: Path, source: bytes | None = None) -> Path:
    """The cache folder of *document*'s pictures: named by what the file holds (its
    bytes are *source* when the caller read them already)."""
    return cache_root() / digest_of(document, source)


def cached(document: Path, name: str, source: bytes | None = None) -> Path | None:
    """The cached picture *name* of *document*, if it is there."""
    try:
        target = _folder(document, source) / name.split("/", 1)[1]
    except (OSError, IndexError):
        return None
    return target if target.is_file() else None


def keep(document: Path, name: str, data: bytes, source: bytes | None = None) -> Path | None:
    """Write the picture *name* of *document* (whose bytes are *source*, when read
    already) to the cache (once); its path there."""
    try:
        target = _folder(document, source) / name.split("/", 1)[1]
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        return target
    except (OSError, IndexError):
        return None


def document_of(folder: Path, name: str) -> Path | None:
    """The file ``NAME`` of an embedded picture's name ``NAME_files/…`` in *folder*."""
    head, slash, _rest = name.partition("/")
    if not slash or not head.endswith(SUFFIX):
        return None
    document = folder / head[: -len(SUFFIX)]
    return document if document.is_file() else None


def resolve(folder: Path, name: str) -> Path | None:
    """The cached picture *name* of a file in *folder*, read out of the file again
    when the cache does not hold it; None when there is no such picture."""
    document = document_of(folder, name)
    if document is None:
        return None
    from tangthu.archive.formats import ReadFailure, reader_for
    from tangthu.archive.guard import read_bytes

    reader = reader_for(document)
    if reader is None:
        return None
    try:
        source = read_bytes(document, limit=reader.max_bytes)
        cached = _folder(document, source) / name.split("/", 1)[1]
    except OSError:
        return None
    if cached.is_file():
        return cached
    try:
        parsed = reader.read(source, document)
    except (OSError, ReadFailure, MemoryError, RecursionError):
        return None
    except Exception as exc:  # a reader's failure on one file: no picture, no crash
        from tangthu.archive.article import failed_reading

        failed_reading(exc)
        return None
    data = parsed.embedded.get(name)
    return keep(document, name, data, source) if data is not None else None
