"""Folder and ZIP exports: copies of the files, relative paths kept, and a manifest."""

from __future__ import annotations

import csv
import io
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from tangthu.archive.export.common import (
    Copied,
    Progress,
    Resolved,
    SourceSkipped,
    copy_file,
    open_source,
    payload,
    stream,
    tick,
)
from tangthu.archive.export.registry import ExportFormat
from tangthu.archive.model import CancelToken

MANIFEST_FIELDS = ["path", "kind", "article_id", "title", "bytes", "sha256"]


def _kind(src: Path) -> str:
    ext = src.suffix.lower()
    return "article" if ext == ".txt" else ("metadata" if ext == ".json" else "photo")


def _titles(resolved: Resolved) -> dict[str, str]:
    titles = {item.article_id: art.title for item, art in resolved.articles}
    for photo in resolved.photos:
        if photo.article is not None:
            titles.setdefault(photo.item.article_id, photo.article.title)
    return titles


def manifest_csv(rows: list[dict[str, object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=MANIFEST_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")  # Excel reads UTF-8 with a BOM


def _write_all(
    resolved: Resolved,
    put: Callable[[Path, str, str], Copied],
    *,
    multi_root: bool,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> tuple[list[str], bytes]:
    """Hand every payload file to *put* (source, relative target, archive root); return
    the names written and the manifest. A source that may not or cannot be read is
    reported in *resolved* and left out; the rest goes on."""
    files = payload(resolved, multi_root=multi_root)
    titles = _titles(resolved)
    written: list[str] = []
    rows: list[dict[str, object]] = []
    for n, (src, rel, item) in enumerate(files, start=1):
        tick(progress, cancel, n - 1, len(files))
        try:
            copied = put(src, rel, item.root)
        except SourceSkipped as exc:
            resolved.skip(exc, rel)
            continue
        written.append(rel)
        rows.append(
            {
                "path": rel,
                "kind": _kind(src),
                "article_id": item.article_id,
                "title": titles.get(item.article_id, ""),
                "bytes": copied.size,
                "sha256": copied.sha256,
            }
        )
    tick(progress, cancel, len(files), len(files))
    return written + ["manifest.csv"], manifest_csv(rows)


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
        lambda src, rel, root: copy_file(src, out / rel, root),
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

        def put(src: Path, rel: str, root: str) -> Copied:
            with open_source(src, root) as f:
                mtime = time.localtime(os.fstat(f.fileno()).st_mtime)
                info = zipfile.ZipInfo(rel, date_time=max(mtime[:6], (1980, 1, 1, 0, 0, 0)))
                # photos are compressed already; non-ASCII names get the UTF-8 flag
                stored = src.suffix.lower() in (".jpg", ".jpeg", ".png")
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                with zf.open(info, "w", force_zip64=True) as member:
                    return stream(f, member.write)

        written, manifest = _write_all(
            resolved, put, multi_root=multi_root, progress=progress, cancel=cancel
        )
        zf.writestr("manifest.csv", manifest)
    return written


EXPORT_FORMATS = (
    ExportFormat("folder", "Folder (copies of the files)", True, "", write_folder, order=10),
    ExportFormat("zip", "ZIP file", False, ".zip", write_zip, order=20),
)
