"""Exports of selected articles and photos: folder, zip, bagit, pdf, html, csv, json.

Every export reads the archive only, writes to a temporary name beside the
target and renames it at the end: a cancel or a failure leaves nothing behind.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.export.common import (
    ExportError,
    Progress,
    Resolved,
    TargetExists,
    atomic_target,
    check_target,
    resolve,
    safe_name,
    safe_relpath,
)
from archive.model import CancelToken
from archive.selection import Item

#: format -> (writes a folder?, default file extension)
FORMATS: dict[str, tuple[bool, str]] = {
    "folder": (True, ""),
    "zip": (False, ".zip"),
    "bagit": (True, ""),
    "pdf": (False, ".pdf"),
    "html": (True, ""),
    "csv": (False, ".csv"),
    "json": (False, ".json"),
}


@dataclass(slots=True)
class ExportReport:
    format: str
    target: str
    articles: int = 0
    photos: int = 0
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "target": self.target,
            "articles": self.articles,
            "photos": self.photos,
            "files": len(self.files),
            "problems": self.problems,
            "seconds": round(self.seconds, 3),
        }


def _writer(fmt: str) -> Callable[..., list[str]]:
    if fmt in ("folder", "zip"):
        from archive.export import files

        return files.write_folder if fmt == "folder" else files.write_zip
    if fmt == "bagit":
        from archive.export.bag import write_bag

        return write_bag
    if fmt == "pdf":
        from archive.export.pdf import write_pdf

        return write_pdf
    if fmt == "html":
        from archive.export.html import write_html

        return write_html
    if fmt in ("csv", "json"):
        from archive.export import table

        return table.write_csv if fmt == "csv" else table.write_json
    raise ExportError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")


def _photo_count(resolved: Resolved) -> int:
    """Photo files the export carries: the articles' own and those chosen alone, each once."""
    paths = {ref.path for _item, art in resolved.articles for ref in art.photos if ref.exists}
    paths.update(str(p.path) for p in resolved.photos if p.path is not None)
    paths.discard(None)
    return len(paths)


def export(
    items: list[Item],
    fmt: str,
    target: str | Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    options: dict[str, str] | None = None,
) -> ExportReport:
    """Export *items* as *fmt* to *target*.

    Raises:
        TargetExists: *target* exists and *force* is false.
        ExportError: the target is in an archive, its folder is missing or not
            writable, the disk is full, or nothing could be exported.
        Cancelled: *cancel* was set; nothing was written.
    """
    started = time.perf_counter()
    writer = _writer(fmt)
    target = Path(target)
    roots = sorted({i.root for i in items})
    check_target(target, roots, force=force)
    resolved = resolve(items, cancel=cancel)
    if not resolved.articles and not resolved.photos:
        raise ExportError("None of the chosen items could be found; nothing was exported.")
    report = ExportReport(
        fmt,
        str(target),
        len(resolved.articles),
        _photo_count(resolved),
        problems=list(resolved.problems),
    )
    directory = FORMATS[fmt][0]
    with atomic_target(target, directory=directory, force=force) as tmp:
        kwargs: dict[str, Any] = {
            "multi_root": len(roots) > 1,
            "progress": progress,
            "cancel": cancel,
        }
        if fmt == "bagit" and options:
            kwargs.update(
                {k: v for k, v in options.items() if k in ("organization", "description")}
            )
        report.files = writer(resolved, tmp, **kwargs)
    if fmt in ("pdf", "csv", "json"):
        report.files = [target.name]  # one file, named as asked (not its temporary name)
    report.seconds = time.perf_counter() - started
    return report


__all__ = [
    "FORMATS",
    "ExportError",
    "ExportReport",
    "Resolved",
    "TargetExists",
    "export",
    "safe_name",
    "safe_relpath",
]
