"""A disk cache of thumbnails, kept in the per-user cache folder (never in an archive),
by what each photo holds (not by its path: another archive at the same place is other
photos)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from tangthu.archive.digest import digest_of
from tangthu.archive.paths import cache_dir
from tangthu.archive.photo import make_thumbnail


def _key(path: Path, px: int) -> str:
    """The thumbnail's name: what the photo holds (`tangthu.archive.digest`) and its size."""
    raw = f"{digest_of(path)}|{px}"
    return hashlib.sha1(raw.encode("ascii")).hexdigest()


def cached_thumbnail(path: str | os.PathLike[str], px: int, folder: Path | None = None) -> bytes:
    """JPEG bytes of a thumbnail of *path*, from the cache when it is there.

    Raises:
        OSError, ValueError: the photo cannot be read or decoded.
    """
    path = Path(path)
    folder = (folder or cache_dir()) / "thumbs"
    key = _key(path, px)
    target = folder / key[:2] / f"{key}.jpg"
    try:
        return target.read_bytes()
    except OSError:
        pass
    data = make_thumbnail(path, px)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except OSError:
        pass  # a full or read-only cache only costs speed
    return data
