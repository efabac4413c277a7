"""Exports of selected articles and photos: folder, zip, bagit, pdf, html, csv, json.

Every export reads the archive only, writes to a temporary name beside the
target and renames it at the end: a cancel or a failure leaves nothing behind.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tangthu.archive.annotations import Annotations
from tangthu.archive.corrections import Corrections
from tangthu.archive.export.common import (
    ExportError,
    Progress,
    Resolved,
    TargetExists,
    atomic_target,
    check_target,
    replaceable,
    resolve,
    safe_name,
    safe_relpath,
    write_marker,
)
from tangthu.archive.export.registry import ExportFormat, formats
from tangthu.archive.model import CancelToken
from tangthu.archive.selection import Item


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


def _format(name: str) -> ExportFormat:
    try:
        return formats()[name]
    except KeyError:
        raise ExportError(
            f"Unknown export format {name!r}; use one of {', '.join(formats())}.",
            code="unknown-format",
            format=name,
        ) from None


def _photo_count(resolved: Resolved) -> int:
    """Photo files the export carries: the articles' own and those chosen alone, each
    once, less those it left out."""
    paths = {ref.path for _item, art in resolved.articles for ref in art.photos if ref.exists}
    paths.update(str(p.path) for p in resolved.photos if p.path is not None)
    paths.discard(None)
    return len(paths - resolved.skipped)


def export(
    items: list[Item],
    fmt: str,
    target: str | Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    options: dict[str, str] | None = None,
    annotations: Annotations | None = None,
    protected: Iterable[str] = (),
    corrections: Corrections | None = None,
    trusted: dict[str, tuple[str, ...]] | None = None,
) -> ExportReport:
    """Export *items* as *fmt* to *target* (with the tags and notes of *annotations*,
    the articles as *corrections* corrected them).

    The archive is only read: a file that is not a regular file inside its archive (a
    pipe, a device, a link out of it) or cannot be read is left out and reported, and
    the rest is exported. An existing target is replaced only with *force*, and only
    when it is one file, an empty folder or a previous export (`replaceable`).

    Args:
        protected: more archive folders (those the user knows) the target may not be,
            hold or lie in, besides the items' own.
        trusted: per archive, the folders outside it that its links may lead to.

    Raises:
        TargetExists: *target* exists and *force* is false.
        ExportError: the target is, holds or is in an archive, may not be replaced, its
            folder is missing or not writable, the disk is full, or nothing could be
            exported.
        Cancelled: *cancel* was set; nothing was written.
    """
    started = time.perf_counter()
    kind = _format(fmt)
    target = Path(target)
    roots = sorted({i.root for i in items})
    check_target(target, roots, force=force, protected=protected)
    resolved = resolve(items, cancel=cancel, corrections=corrections, trusted=trusted)
    resolved.annotations = annotations
    if not resolved.articles and not resolved.photos:
        raise ExportError(
            "None of the chosen items could be found; nothing was exported.", code="nothing-found"
        )
    report = ExportReport(fmt, str(target), len(resolved.articles))
    with atomic_target(target, directory=kind.folder, force=force) as tmp:
        kwargs: dict[str, Any] = {
            "multi_root": len(roots) > 1,
            "progress": progress,
            "cancel": cancel,
        }
        if "title" in kind.options:
            kwargs["title"] = target.stem  # the document is called as its file, unless told
        kwargs.update({k: v for k, v in (options or {}).items() if k in kind.options and v})
        report.files = kind.write(resolved, tmp, **kwargs)
        if kind.folder:
            write_marker(tmp, fmt)
    report.photos = _photo_count(resolved)
    report.problems = list(resolved.problems)
    if not kind.lists_files:
        report.files = [target.name]  # one file, named as asked (not its temporary name)
    report.seconds = time.perf_counter() - started
    return report


__all__ = [
    "ExportFormat",
    "ExportError",
    "ExportReport",
    "Resolved",
    "TargetExists",
    "export",
    "formats",
    "replaceable",
    "safe_name",
    "safe_relpath",
]
