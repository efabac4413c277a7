"""From an article ID (or a photo's relative path) to the file on disk: the one way.

IDs are NFC, with ``/`` separators. The names on disk may be stored in another
normal form (macOS and some copies keep NFD), so a part that is not found as
written is looked up among its folder's names after NFC. An ID that would leave
the archive root (absolute, or with ``..``) is refused.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from tangthu.archive.article import nfc_key
from tangthu.archive.errors import Failure


class OutsideArchive(Failure, ValueError):
    """The ID names a place outside the archive root."""

    code = "outside-archive"


def _parts(rel: str) -> list[str]:
    rel = rel.strip().replace("\\", "/")
    if rel.startswith("/") or (len(rel) > 1 and rel[1] == ":"):
        raise OutsideArchive(f"{rel!r} is not a path inside the archive", id=rel)
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise OutsideArchive(f"{rel!r} leads out of the archive", id=rel)
    return parts


def _nfc(name: str) -> str:
    return name if name.isascii() else unicodedata.normalize("NFC", name)


def _child(folder: Path, part: str, *, any_case: bool) -> Path | None:
    """The entry of *folder* named *part*: as written, else equal after NFC (or case)."""
    direct = folder / part
    if os.path.lexists(direct):
        return direct
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    want = _nfc(part)
    for name in sorted(names):
        if _nfc(name) == want:
            return folder / name
    if any_case:
        key = nfc_key(part)
        for name in sorted(names):
            if nfc_key(name) == key:
                return folder / name
    return None


def locate(root: str | os.PathLike[str], rel: str, *, any_case: bool = False) -> Path | None:
    """The path of *rel* below *root*, or None when nothing is there.

    Args:
        rel: an article ID, a folder, or a photo path relative to the root.
        any_case: also match names that differ only in case (photo names, as
            articles write them).

    Raises:
        OutsideArchive: *rel* is absolute or climbs out with ``..``.
    """
    base = Path(root)
    parts = _parts(rel)
    direct = base.joinpath(*parts) if parts else base
    if direct.exists():
        return direct
    current = base
    for part in parts:
        found = _child(current, part, any_case=any_case)
        if found is None:
            return None
        current = found
    return current if current.exists() else None


def article_file(root: str | os.PathLike[str], article_id: str) -> Path | None:
    """The text file of *article_id*, or None when it is not (or no longer) there.

    Raises:
        OutsideArchive: the ID leaves the root.
    """
    path = locate(root, article_id)
    return path if path is not None and path.is_file() else None


def article_folder(root: str | os.PathLike[str], article_id: str) -> Path | None:
    """The folder holding *article_id*'s file (the root for an article at the top)."""
    folder = article_id.rpartition("/")[0]
    path = locate(root, folder) if folder else Path(root)
    return path if path is not None and path.is_dir() else None


def photo_file(root: str | os.PathLike[str], article_id: str, name: str) -> Path | None:
    """A photo named by *article_id* (matched after NFC and case, as the parser does)."""
    folder = article_id.rpartition("/")[0]
    rel = f"{folder}/{name}" if folder else name
    try:
        path = locate(root, rel, any_case=True)
    except OutsideArchive:
        return None
    if path is not None and path.is_file():
        return path
    if "/" in name:  # a picture inside the article's file (`tangthu.archive.embedded`)
        from tangthu.archive.embedded import resolve

        try:
            where = locate(root, folder, any_case=True) if folder else Path(root)
        except OutsideArchive:
            return None
        return resolve(where, name) if where is not None else None
    return None
