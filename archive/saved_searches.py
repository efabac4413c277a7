"""Saved searches: a query with its filters and order, under a name, in the per-user
data folder; shared with colleagues as a small JSON file."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from tangthu.archive.dates import DATINGS
from tangthu.archive.errors import Failure
from tangthu.archive.guard import read_bytes
from tangthu.archive.storage import set_aside, storable, write_atomically

FORMAT = "tangthu-saved-searches"
#: the filters a saved search keeps (those of `index.engine.Filters` a user sets)
FILTER_KEYS = ("date_from", "date_to", "outlet", "year", "has_photos", "format", "dated")
#: A file of saved searches larger than this is not read (a thousand searches take
#: about 200 KB).
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Saved searches one user keeps, and one shared file may bring.
MAX_SEARCHES = 2_000
#: Characters of a name and of a query.
MAX_NAME = 200
MAX_QUERY = 1_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
#: The filter value for "no year" and "no outlet" (`index.engine.NONE`).
NO_VALUE = "(none)"


class SavedSearchError(Failure):
    """A saved search cannot be made, renamed or read (the message says why)."""

    code = "saved-search-failed"


def _valid_date(value: object) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_filters(raw: object) -> dict[str, Any]:
    """The filters of a saved search, each of its own type.

    Raises:
        ValueError: a filter that is not what it should be (says which).
    """
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValueError("its filters are not a set of named values")
    out: dict[str, Any] = {}
    for key in FILTER_KEYS:
        value = raw.get(key)
        if value in (None, "", False):
            continue
        if key in ("date_from", "date_to"):
            if not _valid_date(value):
                raise ValueError(f"{key} is not a date like 2024-03-21")
        elif key == "year":
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not (_YEAR.match(value) or value == NO_VALUE):
                raise ValueError("year is not a year like 2024")
        elif key == "outlet":
            if not isinstance(value, str) or len(value) > MAX_NAME:
                raise ValueError("outlet is not a name")
            value = storable(value)
        elif key == "has_photos":
            if value is not True:
                raise ValueError("has_photos is not true or false")
        elif key == "format":
            if not isinstance(value, str) or not value.isalnum() or len(value) > 20:
                raise ValueError("format is not the name of a format")
        elif key == "dated":
            if value not in DATINGS:
                raise ValueError(f"dated is not one of {', '.join(DATINGS)}")
        out[key] = value
    return out


@dataclass(frozen=True, slots=True)
class SavedSearch:
    name: str
    query: str
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str = "relevance"
    exact: bool = False
    #: how it finds articles: by their words, by meaning or both (`tangthu.index.meaning`)
    mode: str = "words"

    @classmethod
    def from_dict(cls, data: Any) -> SavedSearch:
        """A saved search from its JSON record, every value checked.

        Raises:
            ValueError: a value missing, too long or of the wrong type (says which).
        """
        if not isinstance(data, dict):
            raise ValueError("a saved search is not a set of named values")
        name = data.get("name")
        if not isinstance(name, str) or not _name(name):
            raise ValueError("a saved search needs a name")
        if len(name) > MAX_NAME:
            raise ValueError(f"the name is longer than {MAX_NAME} characters")
        query = data.get("query") or ""
        if not isinstance(query, str) or len(query) > MAX_QUERY:
            raise ValueError(f"the query of {name[:40]!r} is not text of at most {MAX_QUERY}")
        sort = data.get("sort") or "relevance"
        if sort not in ("relevance", "date", "date-asc"):
            raise ValueError(f"the order of {name[:40]!r} is not one Tàng Thư knows")
        exact = data.get("exact", False)
        if not isinstance(exact, bool):
            raise ValueError(f"'exact' of {name[:40]!r} is not true or false")
        mode = data.get("mode") or "words"
        if mode not in ("words", "meaning", "both"):
            raise ValueError(f"the mode of {name[:40]!r} is not one Tàng Thư knows")
        try:
            filters = check_filters(data.get("filters"))
        except ValueError as exc:
            raise ValueError(f"{name[:40]!r}: {exc}") from None
        return cls(_name(name), storable(query), filters, sort, exact, mode)


def _name(name: str) -> str:
    return " ".join(storable(name).split())


class SavedSearches:
    """The user's saved searches, in the order they were saved."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._items: list[SavedSearch] = []
        #: where an unreadable store was set aside (None: it read well, or there was none)
        self.damaged: Path | None = None
        try:
            self._items = _read(self.path)
        except FileNotFoundError:
            pass
        except (OSError, ValueError):
            self.damaged = set_aside(self.path)

    def items(self) -> list[SavedSearch]:
        return list(self._items)

    def get(self, name: str) -> SavedSearch | None:
        return next((s for s in self._items if s.name == _name(name)), None)

    def save(self, search: SavedSearch) -> None:
        """Keep *search*, replacing the one of that name."""
        if not _name(search.name):
            raise SavedSearchError("A saved search needs a name.", code="saved-search-name")
        try:
            search = SavedSearch.from_dict(asdict(search))
        except ValueError as exc:
            raise SavedSearchError(
                f"This search cannot be saved: {exc}.", code="saved-search-invalid"
            ) from exc
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
            self._items = [replace(s, name=new) if s.name == _name(old) else s for s in self._items]
            self._write()

    def delete(self, name: str) -> None:
        with self._lock:
            self._items = [s for s in self._items if s.name != _name(name)]
            self._write()

    def export_to(self, path: str | os.PathLike[str], names: list[str] | None = None) -> int:
        """Write the saved searches (those of *names*, else all) to a file to share."""
        chosen = [s for s in self._items if names is None or s.name in names]
        write_atomically(Path(path), _dump(chosen), tidy=False)  # a folder of the user's
        return len(chosen)

    def import_from(self, path: str | os.PathLike[str]) -> list[str]:
        """Add the saved searches of a shared file; a name already used gets " (2)"…
        Returns the names added.

        Raises:
            SavedSearchError: the file is not a file of saved searches, holds one that is
                not valid (the message says which), or more than the store may keep.
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
            if len(self._items) + len(found) > MAX_SEARCHES:
                raise SavedSearchError(
                    f"{path} holds {len(found):,} saved searches; with the {len(self._items):,} "
                    f"kept already that is more than {MAX_SEARCHES:,}.",
                    code="saved-search-file",
                    path=str(path),
                )
            taken = {s.name for s in self._items}
            next_number: dict[str, int] = {}
            for s in found:
                name = s.name
                if name in taken:
                    n = next_number.get(s.name, 2)
                    while f"{s.name} ({n})" in taken:
                        n += 1
                    name = f"{s.name} ({n})"
                    next_number[s.name] = n + 1
                taken.add(name)
                self._items.append(replace(s, name=name))
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
    """The saved searches of a file, every one checked.

    Raises:
        OSError: the file cannot be read, or is larger than `MAX_FILE_BYTES`.
        ValueError: it is not a file of saved searches, or one of them is not valid.
    """
    raw_bytes = read_bytes(path, limit=MAX_FILE_BYTES)
    try:
        data = json.loads(raw_bytes.decode("utf-8"))
    except RecursionError:
        raise ValueError("it is nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a Tàng Thư file of saved searches")
    raw = data.get("searches")
    if not isinstance(raw, list):
        raise ValueError("no list of searches")
    if len(raw) > MAX_SEARCHES:
        raise ValueError(f"{len(raw):,} searches; at most {MAX_SEARCHES:,} are read")
    return [SavedSearch.from_dict(x) for x in raw]


def saved_searches_path(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / "saved-searches.json"
