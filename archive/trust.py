"""Folders outside an archive that the librarian trusts its links to lead to.

A link inside an archive that leads out of it is not followed (`archive.guard`): an
archive copied from elsewhere could otherwise make Tàng Thư read any file of the
computer. An archive spread over several disks links to its other parts on purpose:
the librarian trusts those folders, one by one (File → Check the archive), and the
walk, the readers, the reader's photos and the exports then follow links into them.

The store is one JSON file in the per-user data folder, written whole to a temporary
file renamed over the old one; a file that cannot be read is set aside.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from tangthu.archive.storage import checked_items, root_key, storable, write_atomically

VERSION = 1
MAX_STORE_BYTES = 4 * 1024 * 1024


def link_target(link: str | os.PathLike[str]) -> str | None:
    """The folder a link leads to (a link to a file: the file's folder); None when it
    leads nowhere that exists."""
    target = os.path.realpath(os.fspath(link))
    if os.path.isdir(target):
        return target
    if os.path.exists(target):
        return os.path.dirname(target)
    return None


def _checked(entry: object) -> tuple[str, str]:
    """(archive, folder) of a stored entry.

    Raises:
        ValueError: not a record of two texts.
    """
    root = entry.get("root") if isinstance(entry, dict) else None
    folder = entry.get("folder") if isinstance(entry, dict) else None
    if not isinstance(root, str) or not isinstance(folder, str):
        raise ValueError("an entry has no archive or no folder")
    return storable(root), storable(folder)


class TrustedFolders:
    """Per archive, the folders outside it that its links may lead to."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._items: dict[str, list[str]] = {}
        self.damaged: Path | None = None
        self._load()

    def _load(self) -> None:
        entries, damaged = checked_items(self.path, MAX_STORE_BYTES, _checked)
        self.damaged = damaged or self.damaged
        items: dict[str, list[str]] = {}
        for root, folder in entries:
            items.setdefault(root, []).append(folder)
        self._items = items

    def _save(self) -> None:
        entries = [
            {"root": root, "folder": folder}
            for root, folders in sorted(self._items.items())
            for folder in folders
        ]
        data = json.dumps({"version": VERSION, "items": entries}, ensure_ascii=False, indent=1)
        write_atomically(self.path, data)

    def for_root(self, root: str | os.PathLike[str]) -> tuple[str, ...]:
        """The folders *root*'s links may lead to, besides the archive itself."""
        return tuple(self._items.get(root_key(root), ()))

    def trust(self, root: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
        """Let *root*'s links lead into *folder*; False when they already could."""
        with self._lock:
            self._load()
            folders = self._items.setdefault(root_key(root), [])
            if root_key(folder) in folders:
                return False
            folders.append(root_key(folder))
            self._save()
            return True

    def forget(self, root: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
        """No longer follow *root*'s links into *folder*; False when they did not."""
        with self._lock:
            self._load()
            folders = self._items.get(root_key(root), [])
            if root_key(folder) not in folders:
                return False
            folders.remove(root_key(folder))
            self._save()
            return True


def trusted_path(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / "trusted-links.json"


def trusted_folders(
    data_dir: str | os.PathLike[str], root: str | os.PathLike[str]
) -> tuple[str, ...]:
    """The folders *root*'s links may lead to, as the store of *data_dir* says."""
    return TrustedFolders(trusted_path(data_dir)).for_root(root)
