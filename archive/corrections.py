"""Corrections a librarian makes to what an article's file says (its title, date,
author, outlet or description), kept in the per-user data folder, never in the archive.

A correction is tied to the archive's folder and the article's ID, and remembers the
article's fingerprint (`archive.scan`): when the ID is gone from the archive and one
article that has no correction of its own carries that fingerprint (its folder was
moved or renamed within the archive: the files kept their sizes and times), the
correction follows it. A folder copied anew (new modification times) and then deleted
is not recognised: its correction stays under the old ID, and `orphans` lists it.

The store is one JSON file, read again before each change (a window and a command may
both change it) and written whole to a temporary file renamed over the old one. A file
that cannot be read is set aside under another name, never emptied in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tangthu.archive.dates import sidecar_date
from tangthu.archive.model import Article
from tangthu.archive.outlet import canonical_outlet
from tangthu.archive.scan import ArticleEntry
from tangthu.archive.storage import checked_items, root_key, storable, write_atomically

VERSION = 1

#: The fields a librarian can correct, in the order they are shown.
FIELDS = ("title", "date", "author", "outlet", "description")

#: A store larger than this is not read (set aside).
MAX_STORE_BYTES = 64 * 1024 * 1024

#: The longest value kept for each field.
_LONGEST = {"title": 1000, "date": 10, "author": 300, "outlet": 200, "description": 4000}


class BadCorrection(ValueError):
    """A value that cannot be a correction (an unknown field, a date not understood…)."""


def clean_value(field: str, value: str) -> str:
    """*value* as it is kept for *field*: NFC, spaces collapsed; a date as ``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD`` (the precision the librarian gave). An empty value
    says the file's value is wrong and there is none (a title cannot be empty).

    Raises:
        BadCorrection: an unknown field, an empty title, a date not understood or a
            value longer than the field holds.
    """
    if field not in FIELDS:
        raise BadCorrection(f"{field} cannot be corrected (only {', '.join(FIELDS)}).")
    text = " ".join(storable(value).split())
    if field == "title" and not text:
        raise BadCorrection("A title cannot be empty.")
    if len(text) > _LONGEST[field] and field != "date":
        raise BadCorrection(f"The {field} is longer than {_LONGEST[field]:,} characters.")
    if field == "date" and text:
        iso = sidecar_date(text)
        if iso is None or not _only_date(text, iso):
            raise BadCorrection(
                f"{text!r} is not a date: write 2016-12-27, 2016-12 or 2016 "
                "(or 27/12/2016, 12/2016) for a day, a month or a year."
            )
        text = iso
    if field == "outlet" and text:
        text = canonical_outlet(text) or text
    return text


def _only_date(text: str, iso: str) -> bool:
    """Whether *text* says no more than the date *iso* (not a date inside a sentence)."""
    digits = "".join(c for c in text if c.isdigit())
    parts = [int(p) for p in iso.split("-")]
    return len(digits) <= 8 and all(str(p) in text or f"{p:02d}" in text for p in parts)


@dataclass(frozen=True, slots=True)
class Correction:
    """What a librarian set for one article: (field, value) pairs in `FIELDS` order."""

    fields: tuple[tuple[str, str], ...]
    #: the article's fingerprint when last seen (to follow a moved folder)
    fingerprint: str = ""
    #: when it was last changed (UTC, ISO 8601)
    when: str = ""

    @property
    def digest(self) -> str:
        """Changes when any corrected value changes (a part of what the index keeps)."""
        h = hashlib.blake2b(digest_size=6)
        h.update(json.dumps(self.fields, ensure_ascii=False).encode("utf-8"))
        return h.hexdigest()

    def value(self, field: str) -> str | None:
        return next((v for f, v in self.fields if f == field), None)


def _ordered(fields: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((f, fields[f]) for f in FIELDS if f in fields)


def apply(article: Article, fields: Iterable[tuple[str, str]]) -> Article:
    """*article* as corrected by *fields*, the file's values kept in ``corrected``
    (a corrected date's source is ``corrected``; an empty value clears the field)."""
    changes: dict[str, Any] = {}
    was: list[tuple[str, str]] = []
    for field, value in fields:
        if field not in FIELDS:
            continue
        old = getattr(article, field)
        was.append((field, old or ""))
        if field == "title":
            changes["title"] = value
        elif field == "date":
            changes["date"] = value or None
            changes["date_source"] = "corrected" if value else None
        else:
            changes[field] = value or None
    if not was:
        return article
    return replace(article, corrected=tuple(was), **changes)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _checked(entry: object) -> tuple[tuple[str, str], Correction]:
    """((root, ID), correction) of a stored entry, checked.

    Raises:
        ValueError: not a record with a root, an ID and fields of text.
    """
    if not isinstance(entry, dict):
        raise ValueError("an entry is not a record")
    root, ident, fields = entry.get("root"), entry.get("id"), entry.get("fields")
    if not isinstance(root, str) or not isinstance(ident, str) or not root or not ident:
        raise ValueError("an entry has no archive or no ID")
    if not isinstance(fields, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in fields.items()
    ):
        raise ValueError("the fields of an entry are not texts")
    kept = {}
    for field, value in fields.items():
        try:
            kept[field] = clean_value(field, value)
        except BadCorrection as exc:
            raise ValueError(str(exc)) from None
    fingerprint, when = entry.get("fingerprint", ""), entry.get("when", "")
    if not isinstance(fingerprint, str) or not isinstance(when, str):
        raise ValueError("an entry's fingerprint or time is not a text")
    key = (storable(root), storable(ident))
    return key, Correction(_ordered(kept), fingerprint, when)


class Corrections:
    """The librarian's corrections, over every archive the user opened."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._items: dict[tuple[str, str], Correction] = {}
        #: where an unreadable store was set aside (None: it read well, or there was none)
        self.damaged: Path | None = None
        self._read_stamp: tuple[int, int] | None = None
        self._load()

    # -- storage

    def refresh(self) -> None:
        """Read the store again if another process changed it since."""
        if self._stamp() != self._read_stamp:
            with self._lock:
                self._load()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def _load(self) -> None:
        self._read_stamp = self._stamp()
        entries, damaged = checked_items(self.path, MAX_STORE_BYTES, _checked)
        self.damaged = damaged or self.damaged
        self._items = dict(entries)

    def _save(self) -> None:
        entries = [
            {
                "root": root,
                "id": ident,
                "fields": dict(fix.fields),
                "fingerprint": fix.fingerprint,
                "when": fix.when,
            }
            for (root, ident), fix in sorted(self._items.items())
            if fix.fields
        ]
        data = json.dumps({"version": VERSION, "items": entries}, ensure_ascii=False, indent=1)
        write_atomically(self.path, data)
        self._read_stamp = self._stamp()

    # -- reading

    def get(self, root: str | os.PathLike[str], article_id: str) -> Correction | None:
        return self._items.get((root_key(root), storable(article_id)))

    def for_root(self, root: str | os.PathLike[str]) -> dict[str, Correction]:
        """Article ID -> its correction, in *root*."""
        want = root_key(root)
        return {ident: fix for (r, ident), fix in self._items.items() if r == want}

    def orphans(self, root: str | os.PathLike[str], ids: Iterable[str]) -> list[str]:
        """IDs of *root* with a correction and no article among *ids* (the archive's)."""
        present = set(ids)
        return sorted(i for i in self.for_root(root) if i not in present)

    # -- changing

    def set(
        self,
        root: str | os.PathLike[str],
        ids: Iterable[str],
        changes: Mapping[str, str],
        *,
        fingerprints: Mapping[str, str] | None = None,
    ) -> int:
        """Correct *changes* (field -> value) of the articles *ids*; returns how many
        articles changed. *fingerprints* (ID -> fingerprint) lets a correction follow
        its article when the folder moves.

        Raises:
            BadCorrection: a value that cannot be kept (nothing is changed then).
        """
        cleaned = {field: clean_value(field, value) for field, value in changes.items()}
        want = root_key(root)
        changed = 0
        with self._lock:
            self._load()  # another process may have changed it since
            for ident in ids:
                key = (want, storable(ident))
                old = self._items.get(key, Correction(()))
                fields = {**dict(old.fields), **cleaned}
                new = Correction(
                    _ordered(fields),
                    (fingerprints or {}).get(ident, old.fingerprint),
                    _now(),
                )
                if new.fields != old.fields or new.fingerprint != old.fingerprint:
                    self._items[key] = new
                    changed += 1
            if changed:
                self._save()
        return changed

    def revert(
        self,
        root: str | os.PathLike[str],
        ids: Iterable[str],
        fields: Iterable[str] | None = None,
    ) -> int:
        """Undo the corrections of *fields* (every field when None) of *ids*; returns
        how many articles changed."""
        drop = set(FIELDS if fields is None else fields)
        unknown = drop - set(FIELDS)
        if unknown:
            raise BadCorrection(f"{sorted(unknown)[0]} cannot be corrected.")
        want = root_key(root)
        changed = 0
        with self._lock:
            self._load()
            for ident in ids:
                key = (want, storable(ident))
                old = self._items.get(key)
                if old is None:
                    continue
                kept = tuple((f, v) for f, v in old.fields if f not in drop)
                if kept != old.fields:
                    changed += 1
                    if kept:
                        self._items[key] = replace(old, fields=kept, when=_now())
                    else:
                        del self._items[key]
            if changed:
                self._save()
        return changed

    def follow(
        self, root: str | os.PathLike[str], entries: Iterable[ArticleEntry]
    ) -> dict[str, Correction]:
        """The corrections of the articles *entries* lists (the archive as walked now).

        A correction whose ID is gone moves to the one article without a correction
        that has its fingerprint (a folder moved within the archive); the fingerprint
        kept with each correction is brought up to date. Returns ID -> correction.
        """
        want = root_key(root)
        current = {e.id: e.fingerprint for e in entries}
        with self._lock:
            self._load()
            mine = {ident: fix for (r, ident), fix in self._items.items() if r == want}
            if not mine:
                return {}
            changed = False
            gone = [i for i in mine if i not in current]
            if gone:
                by_print: dict[str, list[str]] = {}
                for ident, fingerprint in current.items():
                    if ident not in mine:
                        by_print.setdefault(fingerprint, []).append(ident)
                for ident in gone:
                    fix = mine[ident]
                    there = by_print.get(fix.fingerprint, []) if fix.fingerprint else []
                    if len(there) == 1:  # two alike: which one it was cannot be told
                        new_id = there.pop()
                        del self._items[(want, ident)]
                        del mine[ident]
                        self._items[(want, new_id)] = mine[new_id] = fix
                        changed = True
            for ident, fix in list(mine.items()):
                now = current.get(ident)
                if now is not None and now != fix.fingerprint:
                    self._items[(want, ident)] = mine[ident] = replace(fix, fingerprint=now)
                    changed = True
            if changed:
                try:
                    self._save()
                except OSError:
                    pass  # kept for this run; moved again (or not) by the next one
            return {i: fix for i, fix in mine.items() if i in current}


def corrections_path(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / "corrections.json"
