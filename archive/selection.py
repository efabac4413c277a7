"""The selection basket and named collections, kept in the per-user data folder.

An item is an article or a single photo of an archive root. The basket survives
searches and restarts; collections are named, saved lists of items.
"""

from __future__ import annotations

import json
import os
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tangthu.archive.errors import Failure
from tangthu.archive.storage import storable, write_atomically

#: The most the basket's file may hold (a basket of 100,000 items is some 20 MB).
MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True, order=True)
class Item:
    """An article (``file`` empty) or one photo of it, in an archive root."""

    root: str
    article_id: str
    file: str = ""

    @property
    def is_photo(self) -> bool:
        return bool(self.file)

    @property
    def key(self) -> str:
        """``article_id`` or ``article_id#file``: how the CLI names items."""
        return f"{self.article_id}#{self.file}" if self.file else self.article_id

    @classmethod
    def parse(cls, root: str | os.PathLike[str], key: str) -> Item:
        """An item from a CLI name: ``ID`` or ``ID#photo.jpg``."""
        key = unicodedata.normalize("NFC", key.strip().replace("\\", "/"))
        article_id, _, file = key.partition("#")
        return cls(str(root), article_id, file)

    def to_dict(self) -> dict[str, str]:
        return {"root": self.root, "article_id": self.article_id, "file": self.file}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Item:
        return cls(
            storable(str(data["root"])),
            storable(str(data["article_id"])),
            storable(str(data.get("file") or "")),
        )


class SelectionError(Failure, ValueError):
    """A collection operation that cannot be done (the message says why)."""

    code = "collection-failed"


class Basket:
    """The current selection and the named collections, saved to one JSON file.

    Every change is written at once (atomically), so nothing is lost on a crash.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._items: list[Item] = []
        self._collections: dict[str, list[Item]] = {}
        self._load()

    # -- storage

    def _load(self) -> None:
        from tangthu.archive.guard import read_bytes

        try:
            data = json.loads(read_bytes(self.path, limit=MAX_BYTES).decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return
        if not isinstance(data, dict):
            return
        self._items = _items(data.get("basket", []))
        raw = data.get("collections", {})
        if isinstance(raw, dict):
            self._collections = {storable(str(k)): _items(v) for k, v in raw.items()}

    def _save(self) -> None:
        data = {
            "basket": [i.to_dict() for i in self._items],
            "collections": {k: [i.to_dict() for i in v] for k, v in self._collections.items()},
        }
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=1))

    # -- the basket

    @property
    def items(self) -> list[Item]:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Item]:
        return iter(list(self._items))

    def __contains__(self, item: object) -> bool:
        return item in self._items

    def add(self, items: Iterable[Item]) -> int:
        """Add items not in the basket yet; returns how many were added."""
        with self._lock:
            have = set(self._items)
            new = [i for i in dict.fromkeys(items) if i not in have]
            self._items.extend(new)
            if new:
                self._save()
            return len(new)

    def remove(self, items: Iterable[Item]) -> int:
        with self._lock:
            gone = set(items)
            before = len(self._items)
            self._items = [i for i in self._items if i not in gone]
            if len(self._items) != before:
                self._save()
            return before - len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items = []
            self._save()

    def move(self, items: Iterable[Item], before: int) -> None:
        """Put *items* (in their basket order) before the item now at *before*
        (``len(basket)``: at the end). Exports follow the basket's order."""
        with self._lock:
            moving = set(items)
            anchor = self._items[before] if 0 <= before < len(self._items) else None
            while anchor is not None and anchor in moving:  # dropped onto itself: next one
                i = self._items.index(anchor) + 1
                anchor = self._items[i] if i < len(self._items) else None
            moved = [i for i in self._items if i in moving]
            rest = [i for i in self._items if i not in moving]
            at = rest.index(anchor) if anchor is not None else len(rest)
            new = rest[:at] + moved + rest[at:]
            if new != self._items:
                self._items = new
                self._save()

    # -- named collections

    def collections(self) -> dict[str, list[Item]]:
        return {k: list(v) for k, v in sorted(self._collections.items())}

    def create(self, name: str, items: Iterable[Item] = ()) -> None:
        name = _name(name)
        with self._lock:
            if name in self._collections:
                raise SelectionError(
                    f"A collection named {name!r} already exists.",
                    code="collection-exists",
                    name=name,
                )
            self._collections[name] = list(dict.fromkeys(items))
            self._save()

    def rename(self, old: str, new: str) -> None:
        new = _name(new)
        with self._lock:
            if old not in self._collections:
                raise SelectionError(
                    f"There is no collection named {old!r}.", code="no-collection", name=old
                )
            if new in self._collections and new != old:
                raise SelectionError(
                    f"A collection named {new!r} already exists.",
                    code="collection-exists",
                    name=new,
                )
            self._collections[new] = self._collections.pop(old)
            self._save()

    def delete(self, name: str) -> None:
        with self._lock:
            if self._collections.pop(name, None) is None:
                raise SelectionError(
                    f"There is no collection named {name!r}.", code="no-collection", name=name
                )
            self._save()

    def add_to(self, name: str, items: Iterable[Item]) -> int:
        with self._lock:
            if name not in self._collections:
                raise SelectionError(
                    f"There is no collection named {name!r}.", code="no-collection", name=name
                )
            have = set(self._collections[name])
            new = [i for i in dict.fromkeys(items) if i not in have]
            self._collections[name].extend(new)
            self._save()
            return len(new)

    def remove_from(self, name: str, items: Iterable[Item]) -> int:
        with self._lock:
            if name not in self._collections:
                raise SelectionError(
                    f"There is no collection named {name!r}.", code="no-collection", name=name
                )
            gone = set(items)
            before = len(self._collections[name])
            self._collections[name] = [i for i in self._collections[name] if i not in gone]
            self._save()
            return before - len(self._collections[name])


def _name(name: str) -> str:
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if not name:
        raise SelectionError("A collection needs a name.", code="collection-needs-name")
    return name


def _items(raw: Any) -> list[Item]:
    out = []
    if isinstance(raw, list):
        for entry in raw:
            if isinstance(entry, dict) and "root" in entry and "article_id" in entry:
                out.append(Item.from_dict(entry))
    return list(dict.fromkeys(out))


def basket_path(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / "basket.json"
