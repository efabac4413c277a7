"""The ``export`` command: items by ID or by query, to one of the export formats."""

from __future__ import annotations

import argparse
from pathlib import Path

from tangthu import library
from tangthu.cli.errors import CommandFailed, UsageError, existing_dir, searching
from tangthu.cli.progress import ProgressBar
from tangthu.cli.search_commands import filters_of
from tangthu.cli.text import one_line, plural
from tangthu.library import records


def _items(root: Path, keys: list[str]) -> list[records.Item]:
    """The items *keys* name (``ID`` or ``ID#photo.jpg``; an ID may be the article's
    folder, as for ``show`` and ``cite``). One not found is kept as typed: the export
    reports it and goes on with the rest."""
    lib = library.Library(root)
    try:
        items = []
        for key in keys:
            item = records.Item.parse(str(root), key)
            try:
                found = lib.find_article(item.article_id).relative_to(lib.root).as_posix()
            except (records.ArticleNotFound, records.OutsideArchive):
                found = item.article_id
            items.append(records.Item(item.root, found, item.file))
        return items
    finally:
        lib.close()


def cmd_export(args: argparse.Namespace) -> int:
    root = existing_dir(args.archive)
    formats = library.export_formats()
    if args.format not in formats:
        raise UsageError(f"--format takes one of {', '.join(formats)}, not {args.format!r}")
    if bool(args.ids) == bool(args.query):
        raise UsageError("give article IDs (ID or ID#photo.jpg) or --query, not both or neither")
    if args.limit < 0:
        raise UsageError("--limit must be 0 (every article) or more")
    filters = filters_of(args)
    if args.ids:
        items = _items(root, args.ids)
    else:
        with searching(root, args.index_dir, args.archive) as lib:
            items = lib.items_for_query(
                args.query,
                limit=args.limit,
                filters=filters,
                sort=args.sort,
                exact=args.exact,
                mode=args.mode,
            )
        if not items:
            raise CommandFailed(f"No article matches {args.query!r}; nothing was exported.")
    try:
        with ProgressBar("Exporting", unit="items") as bar:
            report = library.export(
                items,
                args.format,
                args.to,
                force=args.force,
                progress=bar.update,
                options={
                    "about": f"Tìm kiếm: “{args.query}”" if args.query else "",
                    "title": args.title or (f"Tìm kiếm: {args.query}" if args.query else ""),
                    "organization": args.organization,
                },
            )
    except records.TargetExists as exc:
        raise CommandFailed(f"{exc} Add --force to replace it.") from exc
    print(
        f"Wrote {report.target}: {plural(report.articles, 'article')}, "
        f"{plural(report.photos, 'photo')}, {plural(len(report.files), 'file')} "
        f"in {report.seconds:.1f} s."
    )
    for problem in report.problems:
        print(f"Problem: {one_line(str(problem))}")
    if args.list:
        for name in report.files:
            print(one_line(name))
    return 0
