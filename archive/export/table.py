"""CSV and JSON exports: one Dublin Core record per article, one row per photo."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from tangthu.archive.export.common import Progress, Resolved, dublin_core, photo_record, tick
from tangthu.archive.export.registry import ExportFormat
from tangthu.archive.model import CancelToken

FIELDS = [
    "kind",
    "identifier",
    "title",
    "creator",
    "date",
    "date_estimated",
    "corrected",
    "publisher",
    "source",
    "description",
    "relation",
    "subject",
    "type",
    "format",
    "file",
    "caption",
    "embedded_caption",
    "width",
    "height",
    "taken",
    "bytes",
    "tags",
    "note",
]


def records(
    resolved: Resolved, *, progress: Progress | None = None, cancel: CancelToken | None = None
) -> list[dict[str, Any]]:
    """Article records (with their photos as rows after them), then single photos."""
    out: list[dict[str, Any]] = []
    total = len(resolved.articles) + len(resolved.photos)
    done = 0
    for item, art in resolved.articles:
        tick(progress, cancel, done, total)
        tags, note = resolved.marks(item.root, art.id)
        record = dublin_core(art, tags, note)
        out.append({"kind": "article", **record, "tags": "; ".join(tags), "note": note})
        for ref in art.photos:
            marks = resolved.marks(item.root, f"{art.id}#{ref.file}")
            out.append(photo_record(Path(ref.path) if ref.path else None, ref, art, item, marks))
        done += 1
    for photo in resolved.photos:
        tick(progress, cancel, done, total)
        marks = resolved.marks(photo.item.root, photo.item.key)
        out.append(photo_record(photo.path, photo.ref, photo.article, photo.item, marks))
        done += 1
    tick(progress, cancel, total, total)
    return out


def write_csv(
    resolved: Resolved,
    out: Path,
    *,
    multi_root: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[str]:
    rows = records(resolved, progress=progress, cancel=cancel)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in FIELDS})
    out.write_bytes(buf.getvalue().encode("utf-8-sig"))  # a BOM: Excel then reads UTF-8
    return [out.name]


def write_json(
    resolved: Resolved,
    out: Path,
    *,
    multi_root: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[str]:
    rows = records(resolved, progress=progress, cancel=cancel)
    out.write_text(json.dumps({"records": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    return [out.name]


EXPORT_FORMATS = (
    ExportFormat("csv", "CSV table (Excel)", False, ".csv", write_csv, lists_files=False, order=60),
    ExportFormat("json", "JSON records", False, ".json", write_json, lists_files=False, order=70),
)
