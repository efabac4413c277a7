"""Folder and ZIP exports: copies of the files, relative paths kept, and a manifest."""

from __future__ import annotations

import csv
import io
import os
import time
import unicodedata
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
    shown_date,
    stream,
    tick,
)
from tangthu.archive.export.registry import ExportFormat
from tangthu.archive.model import Article, CancelToken
from tangthu.archive.selection import Item

MANIFEST_FIELDS = [
    "path",
    "kind",
    "article_id",
    "title",
    "date",
    "corrected",
    "bytes",
    "sha256",
    "address",
]


def _kind(src: Path, item: Item) -> str:
    """What a copied file is: the article's own file (whatever its format), its
    metadata sidecar, or a photo."""
    if not item.is_photo and unicodedata.normalize("NFC", src.name) == unicodedata.normalize(
        "NFC", Path(item.article_id).name
    ):
        return "article"
    return "metadata" if src.suffix.lower() == ".json" else "photo"


def _unsaved(resolved: Resolved, about: dict[str, dict[str, str]]) -> list[dict[str, object]]:
    """Manifest rows of the pictures the articles' pages show but did not save: listed
    with their web address, nothing copied."""
    rows: list[dict[str, object]] = []
    for item, art in resolved.articles:
        for ref in art.photos:
            if ref.address:
                rows.append(
                    {
                        "path": "",
                        "kind": "photo not saved with the page",
                        "article_id": item.article_id,
                        **about.get(item.article_id, {}),
                        "bytes": "",
                        "sha256": "",
                        "address": ref.address,
                    }
                )
    return rows


def _about(art: Article) -> dict[str, str]:
    """What the manifest says of an article: its title and date (as corrected), and
    which fields a librarian corrected."""
    return {
        "title": art.title,
        "date": shown_date(art),
        "corrected": ", ".join(field for field, _was in art.corrected),
    }


def _articles(resolved: Resolved) -> dict[str, dict[str, str]]:
    about = {item.article_id: _about(art) for item, art in resolved.articles}
    for photo in resolved.photos:
        if photo.article is not None:
            about.setdefault(photo.item.article_id, _about(photo.article))
    return about


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
    about = _articles(resolved)
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
                "kind": _kind(src, item),
                "article_id": item.article_id,
                **about.get(item.article_id, {}),
                "bytes": copied.size,
                "sha256": copied.sha256,
            }
        )
    tick(progress, cancel, len(files), len(files))
    return written + ["manifest.csv"], manifest_csv(rows + _unsaved(resolved, about))


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
        lambda src, rel, root: copy_file(src, out / rel, root, resolved.allowed(root)),
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
            with open_source(src, root, resolved.allowed(root)) as f:
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
