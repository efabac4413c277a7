"""The tantivy schema and how an `IndexDoc` becomes a tantivy document."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import tantivy

from tangthu.index.analysis import fold_term
from tangthu.index.engine import KEYWORDS

if TYPE_CHECKING:
    from tangthu.index.documents import IndexDoc


def open_index(path: str) -> tantivy.Index:
    """The index at *path*, reloaded only when asked (`TantivySearcher.refresh`).

    tantivy's default reader reloads itself from a thread that watches the folder;
    that thread takes the folder's meta lock (a file) even while the folder is being
    deleted, and would outlive our use of the index.
    """
    index = tantivy.Index.open(path)
    index.config_reader(reload_policy="Manual")
    return index


#: Query-syntax field -> (exact field, folded field).
FIELDS = {
    "text": ("x", "w"),
    "title": ("tx", "tw"),
    "caption": ("cx", "cw"),
    "author": ("aux", "auw"),
    "outlet": ("olx", "olw"),
}
ARTICLE, PHOTO = 0, 1

_STORED_TEXT = (
    "title",
    "date",
    "outlet",
    "author",
    "thumb",
    "folder",
    "fingerprint",
    "file",
    "taken",
    "photo_caption",
    "embedded",
    "atitle",
    "format",
    "corrected",
    "dated_by",
)


def build_schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    b.add_text_field("aid", stored=True, tokenizer_name="raw")
    b.add_text_field("title_key", tokenizer_name="raw")
    for exact, folded in FIELDS.values():
        # the words in order (a code's parts each in its place), split at spaces: our
        # analysis made them already
        b.add_text_field(exact, tokenizer_name="whitespace", index_option="position")
        b.add_text_field(folded, tokenizer_name="whitespace", index_option="position")
    # codes whole (999/qđ-ttg, 21/3): found as words; phrases go by their parts
    b.add_text_field("xp", tokenizer_name="whitespace", index_option="freq")
    b.add_text_field("wp", tokenizer_name="whitespace", index_option="freq")
    b.add_integer_field("kind", indexed=True, fast=True)
    b.add_integer_field("date_n", indexed=True, fast=True)
    b.add_integer_field("year", indexed=True, fast=True)
    b.add_integer_field("has_photos", indexed=True, fast=True)
    for name in KEYWORDS:  # what each keyword filter and facet reads
        b.add_text_field(f"{name}_key", tokenizer_name="raw", fast=True)
    b.add_integer_field("photos", stored=True)
    b.add_integer_field("date_est", stored=True)
    for name in _STORED_TEXT:
        b.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    return b.build()


def title_hash(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def date_number(date: str) -> int:
    """``2024-03-21`` -> 20240321; a month alone -> 20240300; none -> 0."""
    if not date:
        return 0
    parts = date.split("-")
    try:
        return (
            int(parts[0]) * 10000
            + (int(parts[1]) if len(parts) > 1 else 0) * 100
            + (int(parts[2][:2]) if len(parts) > 2 else 0)
        )
    except ValueError:
        return 0


def _sequence(placed: dict[str, list[int]]) -> tuple[list[str], list[str]]:
    """The words of a text in order (a code's parts each at its place: `analysis`), and
    the codes whole, once per occurrence (kept apart: tantivy holds one word a place)."""
    at: dict[int, str] = {}
    codes: list[str] = []
    for term, positions in placed.items():
        if term.isalnum():
            for pos in positions:
                at[pos] = term
        else:
            codes.extend([term] * len(positions))
    return [at[p] for p in sorted(at)], codes


def flatten(doc: IndexDoc) -> dict[str, Any]:
    """An `IndexDoc` as plain strings and numbers (made in the parsing processes)."""
    flat: dict[str, Any] = {"id": doc.id, "aid": doc.aid}
    if doc.title_key:
        flat["title_key"] = title_hash(doc.title_key)
    flat["kind"] = PHOTO if doc.kind == "photo" else ARTICLE
    parts: list[str] = []
    if doc.text:
        whole, parts = _sequence(doc.text)
        flat["x"] = " ".join(whole)
        flat["w"] = fold_term(flat["x"])
    if parts:
        flat["xp"] = " ".join(parts)
        flat["wp"] = fold_term(flat["xp"])
    for name, placed in doc.fields.items():
        if placed and name in FIELDS:
            exact, folded = FIELDS[name]
            whole, pieces = _sequence(placed)
            text = " ".join(whole + pieces)  # (short fields: the parts of codes at the end)
            flat[exact], flat[folded] = text, fold_term(text)
    stored: dict[str, Any] = doc.stored
    number = date_number(stored.get("date") or "")
    flat["date_n"] = number
    flat["year"] = number // 10000
    flat["has_photos"] = 1 if stored.get("has_photos") else 0
    for name, (field, missing) in KEYWORDS.items():
        flat[f"{name}_key"] = stored.get(field) or missing
    flat["photos"] = int(stored.get("photos") or 0)
    flat["date_est"] = 1 if stored.get("date_est") else 0
    for name in _STORED_TEXT:
        value = stored.get(name)
        if value:
            flat[name] = str(value)
    return flat


_INTEGERS = ("kind", "date_n", "year", "has_photos", "photos", "date_est")


def to_document(flat: dict[str, Any]) -> tantivy.Document:
    d = tantivy.Document()
    for name, value in flat.items():
        if name in _INTEGERS:
            d.add_integer(name, int(value))
        else:
            d.add_text(name, value)
    return d
