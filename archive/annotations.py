"""Tags and notes on articles and photos, kept in the per-user data folder.

They are tied to the archive's folder and the item's ID (``ID`` or ``ID#photo``), so
they outlive any rebuild of the index. The store is one JSON file, written whole to
a temporary file, flushed to disk and renamed over the old one: a kill at any moment
leaves the old file or the new one, never half of one. A file that cannot be read is
set aside under another name (never emptied in place) and the store starts over,
saying so in `damaged`.
"""

from __future__ import annotations

import json
import os
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tangthu.archive.fold import fold
from tangthu.archive.selection import Item
from tangthu.archive.storage import checked_items, root_key, storable, write_atomically

VERSION = 1


#: A store larger than this is not read (set aside); 100,000 tagged items take ~15 MB.
MAX_STORE_BYTES = 128 * 1024 * 1024


def _checked_key(entry: object) -> tuple[str, str]:
    """(root, item key) of a stored entry, checked.

    Raises:
        ValueError: the entry is not a record with a root and an ID, both text.
    """
    if not isinstance(entry, dict):
        raise ValueError("an item is not a record")
    root, ident = entry.get("root"), entry.get("id")
    if not isinstance(root, str) or not isinstance(ident, str) or not root or not ident:
        raise ValueError("an item has no archive or no ID")
    return storable(root), storable(ident)


def _checked_marks(entry: dict[str, Any]) -> dict[str, Any]:
    """The tags (a list of texts) and the note (a text) of a stored entry, checked.

    Raises:
        ValueError: a value of another type (a text where a list belongs, a number…).
    """
    tags, note = entry.get("tags", []), entry.get("note")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError("the tags of an item are not a list of texts")
    if note is not None and not isinstance(note, str):
        raise ValueError("the note of an item is not a text")
    return {"tags": [c for c in (clean_tag(t) for t in tags) if c], "note": storable(note or "")}


def clean_tag(tag: str) -> str:
    """A tag as it is kept: NFC, spaces collapsed, no leading or trailing space."""
    return " ".join(storable(tag).split())


def tag_key(tag: str) -> str:
    """What makes two tags the same: case and diacritics set aside (``Lũ lụt`` = ``lu lut``)."""
    return fold(clean_tag(tag).casefold())


class Annotations:
    """Tags and a note per item, over every archive the user opened."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        #: (root key, item key) -> {"tags": [...], "note": "..."}
        self._items: dict[tuple[str, str], dict[str, Any]] = {}
        #: where an unreadable store was set aside (None: it read well, or there was none)
        self.damaged: Path | None = None
        self._load()

    # -- storage

    def _load(self) -> None:
        entries, self.damaged = checked_items(
            self.path, MAX_STORE_BYTES, lambda e: (_checked_key(e), _checked_marks(e))
        )
        self._items = dict(entries)

    def _save(self) -> None:
        entries = [
            {"root": root, "id": ident, "tags": v["tags"], "note": v["note"]}
            for (root, ident), v in sorted(self._items.items())
            if v["tags"] or v["note"]
        ]
        data = json.dumps({"version": VERSION, "items": entries}, ensure_ascii=False, indent=1)
        write_atomically(self.path, data)

    def _entry(self, item: Item) -> dict[str, Any]:
        return self._items.setdefault((root_key(item.root), item.key), {"tags": [], "note": ""})

    # -- reading

    def tags(self, item: Item) -> tuple[str, ...]:
        entry = self._items.get((root_key(item.root), item.key))
        return tuple(entry["tags"]) if entry else ()

    def note(self, item: Item) -> str:
        entry = self._items.get((root_key(item.root), item.key))
        return str(entry["note"]) if entry else ""

    def tag_counts(self, root: str | None = None) -> dict[str, int]:
        """Each tag (as first written) and how many items carry it, most used first."""
        want = root_key(root) if root is not None else None
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for (r, _ident), v in self._items.items():
            if want is not None and r != want:
                continue
            for tag in v["tags"]:
                k = tag_key(tag)
                names.setdefault(k, tag)
                counts[k] = counts.get(k, 0) + 1
        return {
            names[k]: n for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]]))
        }

    def with_tag(self, root: str, tag: str) -> set[str]:
        """Keys (``ID`` or ``ID#photo``) in *root* tagged *tag* (case and marks aside)."""
        want, k = root_key(root), tag_key(tag)
        return {
            ident
            for (r, ident), v in self._items.items()
            if r == want and any(tag_key(t) == k for t in v["tags"])
        }

    def with_note(self, root: str, words: str) -> set[str]:
        """Keys in *root* whose note holds every word of *words* (case and marks aside)."""
        want = root_key(root)
        needles = [fold(w.casefold()) for w in clean_tag(words).split()]
        return {
            ident
            for (r, ident), v in self._items.items()
            if r == want
            and v["note"]
            and all(n in fold(unicodedata.normalize("NFC", v["note"]).casefold()) for n in needles)
        }

    # -- changing

    def add_tag(self, items: Iterable[Item], tag: str) -> int:
        """Tag *items*; returns how many did not have the tag yet."""
        tag = clean_tag(tag)
        if not tag:
            return 0
        added = 0
        with self._lock:
            for item in items:
                entry = self._entry(item)
                if all(tag_key(t) != tag_key(tag) for t in entry["tags"]):
                    entry["tags"].append(tag)
                    added += 1
            if added:
                self._save()
        return added

    def remove_tag(self, items: Iterable[Item], tag: str) -> int:
        removed = 0
        with self._lock:
            for item in items:
                entry = self._entry(item)
                kept = [t for t in entry["tags"] if tag_key(t) != tag_key(tag)]
                removed += len(entry["tags"]) - len(kept)
                entry["tags"] = kept
            if removed:
                self._save()
        return removed

    def set_note(self, item: Item, text: str) -> None:
        """Set (an empty *text*: remove) the note of *item*."""
        with self._lock:
            self._entry(item)["note"] = storable(text.strip())
            self._save()


def annotations_path(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / "annotations.json"
