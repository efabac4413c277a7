"""The ``index`` and ``search`` commands."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date

from archive.model import Cancelled, CancelToken
from cli.commands import Failure, UsageError, _existing_dir
from cli.progress import ProgressBar
from index.indexer import update_index
from index.search import ArchiveSearcher, Filters, QueryError
from index.store import IndexBusy, IndexMissing, index_dir_for


def cmd_index(args: argparse.Namespace) -> int:
    root = _existing_dir(args.root)
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    token = CancelToken()
    try:
        with ProgressBar("Indexing", unit="articles") as bar:
            summary = update_index(
                root,
                args.index_dir,
                rebuild=args.rebuild,
                jobs=args.jobs,
                progress=bar.update,
                cancel=token,
            )
    except IndexBusy as exc:
        raise Failure(str(exc)) from exc
    except KeyboardInterrupt:
        raise Cancelled from None
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
        return 0
    d = summary.to_dict()
    print(f"Index:     {summary.index_dir}")
    print(f"Articles:  {d['articles']}  (photos {d['photos']})")
    print(f"Changes:   {d['added']} added, {d['updated']} updated, {d['deleted']} deleted")
    kinds = Counter(p.kind for p in summary.problems)
    listed = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    print(
        f"Problems:  {d['problems']}"
        + (f" ({listed}; see: main.py scan ROOT --problems)" if listed else "")
    )
    print(f"Seconds:   {d['seconds']:.2f}")
    return 0


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        if not _DATE.match(value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} takes a date as YYYY-MM-DD, not {value!r}") from None
    return value


def _strip_tags(snippet: str) -> str:
    import html

    return html.unescape(snippet.replace("<b>", "[").replace("</b>", "]"))


def cmd_search(args: argparse.Namespace) -> int:
    root = _existing_dir(args.archive)
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    filters = Filters(
        date_from=_check_date(args.date_from, "--from"),
        date_to=_check_date(args.date_to, "--to"),
        outlet=args.outlet,
        has_photos=args.has_photos,
    )
    path = index_dir_for(root, args.index_dir)
    try:
        searcher = ArchiveSearcher(path)
    except IndexMissing as exc:
        raise Failure(f"{exc} (main.py index {args.archive})") from exc
    with searcher:
        try:
            if args.like:
                hits = searcher.more_like(args.like, limit=args.limit)
                result = None
            elif args.photos:
                result = searcher.search_photos(
                    args.query, filters=filters, page=args.page, pagesize=args.limit
                )
            else:
                result = searcher.search(
                    args.query, filters=filters, sort=args.sort, page=args.page, pagesize=args.limit
                )
        except QueryError as exc:
            raise UsageError(str(exc)) from exc
    if result is None:
        data = {
            "query": args.query,
            "like": args.like,
            "total": len(hits),
            "hits": [h.to_dict() for h in hits],
            "suggestion": None,
        }
        if args.json:
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for h in hits:
                print(f"{h.score:7.2f}  {h.date or '':10}  {h.title}\n         {h.id}")
        return 0
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    out = sys.stdout
    first = (result.page - 1) * result.pagesize
    print(f"{result.total} hits for {args.query!r} ({result.seconds * 1000:.0f} ms)", file=out)
    if result.suggestion:
        print(f"Did you mean: {result.suggestion}", file=out)
    for n, h in enumerate(result.hits, start=first + 1):
        if args.photos:
            print(f"{n:3}. {h.article_id}  {h.file}\n     {h.caption}", file=out)
        else:
            meta = " · ".join(
                x for x in (h.date, h.outlet, f"{h.photos} photos" if h.photos else "") if x
            )
            print(
                f"{n:3}. {h.title}\n     {meta}\n     {h.id}\n     {_strip_tags(h.snippet)}",
                file=out,
            )
    return 0
