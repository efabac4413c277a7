"""Folder and ZIP exports: copies of the files, relative paths kept, and a manifest."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from tangthu.archive.export.common import Progress, Resolved, copy_file, payload, sha256_of, tick
from tangthu.archive.export.registry import ExportFormat
from tangthu.archive.model import CancelToken
from tangthu.archive.selection import Item

MANIFEST_FIELDS = ["path", "kind", "article_id", "title", "bytes", "sha256"]


def _manifest_rows(
    resolved: Resolved, files: list[tuple[Path, str, Item]]
) -> list[dict[str, object]]:
    titles = {item.article_id: art.title for item, art in resolved.articles}
    for photo in resolved.photos:
        if photo.article is not None:
            titles.setdefault(photo.item.article_id, photo.article.title)
    rows = []
    for src, rel, item in files:
        kind = (
            "article"
            if src.suffix.lower() == ".txt"
            else ("metadata" if src.suffix.lower() == ".json" else "photo")
        )
        rows.append(
            {
                "path": rel,
                "kind": kind,
                "article_id": item.article_id,
                "title": titles.get(item.article_id, ""),
                "bytes": src.stat().st_size,
                "sha256": sha256_of(src),
            }
        )
    return rows


def manifest_csv(rows: list[dict[str, object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=MANIFEST_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")  # Excel reads UTF-8 with a BOM


def _write_all(
    resolved: Resolved,
    put: Callable[[Path, str], object],
    *,
    multi_root: bool,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> tuple[list[str], bytes]:
    """Hand every payload file to *put*; return the names written and the manifest."""
    files = payload(resolved, multi_root=multi_root)
    written = []
    for n, (src, rel, _item) in enumerate(files, start=1):
        tick(progress, cancel, n - 1, len(files))
        put(src, rel)
        written.append(rel)
    manifest = manifest_csv(_manifest_rows(resolved, files))
    tick(progress, cancel, len(files), len(files))
    return written + ["manifest.csv"], manifest


def write_folder(
    resolved: Resolved,
    out: Path,
    *,
    multi_root: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[str]:
    written, manifest = _write_all(
        resolved,
        lambda src, rel: copy_file(src, out / rel),
        multi_root=multi_root,
        progress=progress,
        cancel=cancel,
    )
    (out / "manifest.csv").write_bytes(manifest)
    return written


def write_zip(
    resolved: Resolved,
    out: Path,
    *,
    multi_root: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[str]:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:

        def put(src: Path, rel: str) -> None:
            # photos are compressed already; non-ASCII names get the UTF-8 flag
            stored = src.suffix.lower() in (".jpg", ".jpeg", ".png")
            zf.write(src, rel, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)

        written, manifest = _write_all(
            resolved, put, multi_root=multi_root, progress=progress, cancel=cancel
        )
        zf.writestr("manifest.csv", manifest)
    return written


EXPORT_FORMATS = (
    ExportFormat("folder", "Folder (copies of the files)", True, "", write_folder, order=10),
    ExportFormat("zip", "ZIP file", False, ".zip", write_zip, order=20),
)
