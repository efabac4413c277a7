"""Saved searches: a query with its filters and order, under a name, in the per-user
data folder; shared with colleagues as a small JSON file."""

from __future__ import annotations

import json
import os
import threading
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tangthu.archive.errors import Failure
from tangthu.archive.storage import write_atomically

FORMAT = "tangthu-saved-searches"
#: the filters a saved search keeps (those of `index.engine.Filters` a user sets)
FILTER_KEYS = ("date_from", "date_to", "outlet", "year", "has_photos")


class SavedSearchError(Failure):
    """A saved search cannot be made, renamed or read (the message says why)."""

    code = "saved-search-failed"


@dataclass(frozen=True, slots=True)
class SavedSearch:
    name: str
    query: str
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str = "relevance"
    exact: bool = False

    @classmethod
    def from_dict(cls, data: Any) -> SavedSearch:
        if not isinstance(data, dict) or not str(data.get("name", "")).strip():
            raise ValueError("a saved search needs a name")
        raw = data.get("filters") or {}
        filters = {k: raw[k] for k in FILTER_KEYS if isinstance(raw, dict) and raw.get(k)}
        return cls(
            _name(str(data["name"])),
            unicodedata.normalize("NFC", str(data.get("query") or "")),
            filters,
            str(data.get("sort") or "relevance"),
            bool(data.get("exact")),
        )


def _name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


class SavedSearches:
    """The user's saved searches, in the order they were saved."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._items: list[SavedSearch] = []
        try:
            self._items = _read(self.path)
        except (OSError, ValueError):
            self._items = []

    def items(self) -> list[SavedSearch]:
        return list(self._items)

    def get(self, name: str) -> SavedSearch | None:
        return next((s for s in self._items if s.name == _name(name)), None)

    def save(self, search: SavedSearch) -> None:
        """Keep *search*, replacing the one of that name."""
        if not _name(search.name):
            raise SavedSearchError("A saved search needs a name.", code="saved-search-name")
        search = SavedSearch.from_dict(asdict(search))
        with self._lock:
            self._items = [s for s in self._items if s.name != search.name] + [search]
            self._write()

    def rename(self, old: str, new: str) -> None:
        new = _name(new)
        if not new:
            raise SavedSearchError("A saved search needs a name.", code="saved-search-name")
        with self._lock:
            if self.get(new) is not None and _name(old) != new:
                raise SavedSearchError(
                    f"A saved search is already called {new!r}.",
                    code="saved-search-exists",
                    name=new,
                )
            self._items = [
                SavedSearch(new, s.query, s.filters, s.sort, s.exact) if s.name == _name(old) else s
                for s in self._items
            ]
            self._write()

    def delete(self, name: str) -> None:
        with self._lock:
            self._items = [s for s in self._items if s.name != _name(name)]
            self._write()

    def export_to(self, path: str | os.PathLike[str], names: list[str] | None = None) -> int:
        """Write the saved searches (those of *names*, else all) to a file to share."""
        chosen = [s for s in self._items if names is None or s.name in names]
        write_atomically(Path(path), _dump(chosen))
        return len(chosen)

    def import_from(self, path: str | os.PathLike[str]) -> list[str]:
        """Add the saved searches of a shared file; a name already used gets " (2)"…
        Returns the names added.

        Raises:
            SavedSearchError: the file is not a file of saved searches.
        """
        try:
            found = _read(Path(path))
        except (OSError, ValueError) as exc:
            raise SavedSearchError(
                f"{path} is not a file of saved searches ({exc}).",
                code="saved-search-file",
                path=str(path),
            ) from exc
        added = []
        with self._lock:
            for s in found:
                name, n = s.name, 2
                while any(x.name == name for x in self._items):
                    name, n = f"{s.name} ({n})", n + 1
                self._items.append(SavedSearch(name, s.query, s.filters, s.sort, s.exact))
                added.append(name)
            if added:
                self._write()
        return added

    def _write(self) -> None:
        write_atomically(self.path, _dump(self._items))


def _dump(items: list[SavedSearch]) -> str:
    data = {"format": FORMAT, "version": 1, "searches": [asdict(s) for s in items]}
    return json.dumps(data, ensure_ascii=False, indent=1)


def _read(path: Path) -> list[SavedSearch]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a Tàng Thư file of saved searches")
    raw = data.get("searches")
    if not isinstance(raw, list):
        raise ValueError("no list of searches")
    return [SavedSearch.from_dict(x) for x in raw]


def saved_searches_path(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / "saved-searches.json"
