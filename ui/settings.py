"""The only module that touches QSettings: typed defaults, nothing stored that equals them."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from tangthu import library

DEFAULTS: dict[str, Any] = {
    "archives/roots": "[]",  # JSON list of archive folders
    "archives/current": "",
    "archives/together": "[]",  # JSON list: archives searched with the current one
    "search/history": "[]",  # JSON list, newest first
    "search/sort": "relevance",
    "search/mode": "words",  # words, meaning or both (index/meaning)
    "search/no_estimates": False,  # estimated dates count as none (filters, timeline)
    "ui/language": "",  # "" follows the system locale
    "ui/geometry": b"",
    "ui/splitter": b"",
    "reader/zoom": 0,
    "grid/thumb_px": 160,
    "index/engine": "",  # "": a new index's is chosen by the archive's size
    "index/ocr": True,  # scanned clippings and PDF pages are read with Tesseract
    "results/view": "cards",  # "cards" or "table"
    "results/header": b"",  # the table's columns: order, widths, hidden ones, sorting
    "results/timeline": True,
    "ui/filters": True,  # the filters panel is shown
    "cite/style": "apa",  # "apa" or "chicago"
    "export/organization": "",  # the library named in a BagIt bag's bag-info.txt
}

HISTORY_LENGTH = 30


def settings(*, read_only: bool = False) -> QSettings:
    """The user's settings; *read_only* ones read them and never write (screenshots)."""
    return _ReadOnly("TangThu", "TangThu") if read_only else QSettings("TangThu", "TangThu")


class _ReadOnly(QSettings):
    """Settings that can be read but ignore every change."""

    def setValue(self, key: str, value: Any) -> None:  # noqa: N802
        pass

    def remove(self, key: str) -> None:
        pass


def read(s: QSettings, key: str) -> Any:
    default = DEFAULTS[key]  # an unknown key is a KeyError, on purpose
    if isinstance(default, bytes):
        value: Any = s.value(key, None)
        return bytes(value) if value is not None else default
    return s.value(key, default, type=type(default))


def write(s: QSettings, key: str, value: Any) -> None:
    if value == DEFAULTS[key]:
        s.remove(key)
    else:
        s.setValue(key, value)


def read_list(s: QSettings, key: str) -> list[str]:
    try:
        data = json.loads(read(s, key))
    except ValueError:
        return []
    return [str(x) for x in data] if isinstance(data, list) else []


def write_list(s: QSettings, key: str, values: list[str]) -> None:
    write(s, key, json.dumps(values, ensure_ascii=False))


def remember_query(s: QSettings, query: str) -> list[str]:
    """Put *query* first in the search history and return the history."""
    query = query.strip()
    history = [q for q in read_list(s, "search/history") if q != query]
    if query:
        history.insert(0, query)
    history = history[:HISTORY_LENGTH]
    write_list(s, "search/history", history)
    return history


def archive_key(root: str | Path) -> str:
    """How an archive folder is stored: absolute, links resolved, NFC."""
    return unicodedata.normalize("NFC", str(Path(root).expanduser().resolve()))


def remember_root(s: QSettings, root: str | Path) -> list[str]:
    """Put *root* first among the recent archives (each folder once) and make it current."""
    key = archive_key(root)
    roots = [key]
    for r in read_list(s, "archives/roots"):
        r_key = archive_key(r)
        if r_key not in roots:
            roots.append(r_key)
    write_list(s, "archives/roots", roots[:10])
    write(s, "archives/current", key)
    return roots[:10]


def engine(s: QSettings) -> str | None:
    """The search engine chosen, if it is installed; else None: an index keeps its own,
    a new one's is chosen by the archive's size."""
    chosen = str(read(s, "index/engine"))
    return chosen if chosen in library.engine_names() else None
