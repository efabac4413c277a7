"""The ``export`` command: items by ID or by query, to one of the export formats."""

from __future__ import annotations

import argparse

from archive.export import ExportError, TargetExists, export
from archive.selection import Item
from cli.commands import Failure, UsageError, _existing_dir
from cli.progress import ProgressBar
from cli.text import plural


def cmd_export(args: argparse.Namespace) -> int:
    root = _existing_dir(args.archive)
    if bool(args.ids) == bool(args.query):
        raise UsageError("give article IDs (ID or ID#photo.jpg) or --query, not both or neither")
    if args.ids:
        items = [Item.parse(str(root), key) for key in args.ids]
    else:
        from index.search import ArchiveSearcher, QueryError
        from index.store import IndexMissing, index_dir_for

        try:
            with ArchiveSearcher(index_dir_for(root, args.index_dir), root) as searcher:
                result = searcher.search(args.query, pagesize=args.limit, snippets=False)
        except IndexMissing as exc:
            raise Failure(f"{exc} (main.py index {args.archive})") from exc
        except QueryError as exc:
            raise UsageError(str(exc)) from exc
        items = [Item(str(root), hit.id) for hit in result.hits]
        if not items:
            raise Failure(f"No article matches {args.query!r}; nothing was exported.")
    try:
        with ProgressBar("Exporting", unit="items") as bar:
            report = export(items, args.format, args.to, force=args.force, progress=bar.update)
    except TargetExists as exc:
        raise Failure(f"{exc} Add --force to replace it.") from exc
    except ExportError as exc:
        raise Failure(str(exc)) from exc
    for name in report.files:
        print(name)
    print(
        f"Wrote {report.target}: {plural(report.articles, 'article')}, "
        f"{plural(report.photos, 'photo')}, {plural(len(report.files), 'file')} "
        f"in {report.seconds:.1f} s."
    )
    for problem in report.problems:
        print(f"Problem: {problem}")
    return 0
