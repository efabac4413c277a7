"""The ``index`` and ``search`` commands."""

from __future__ import annotations

import argparse
import json
import re
import shlex
import signal
import sys
import threading
from collections import Counter
from datetime import date
from typing import Any

from tangthu import library
from tangthu.cli.errors import UsageError, existing_dir, searching
from tangthu.cli.progress import ProgressBar
from tangthu.cli.text import one_line, plural, print_ocr_missing, shown_date
from tangthu.library import program, records
from tangthu.library.records import NONE, Filters, SearchResult


def cmd_index(args: argparse.Namespace) -> int:
    root = existing_dir(args.root)
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    if args.no_ocr:
        library.use_ocr(False)
    lib = library.Library(root, index_dir=args.index_dir, engine=args.engine)
    try:
        with (
            ProgressBar("Indexing", unit="articles") as bar,
            ProgressBar("Meaning", unit="articles") as vectors,
        ):
            summary = lib.update_index(
                rebuild=args.rebuild,
                jobs=args.jobs,
                progress=bar.update,
                cancel=records.CancelToken(),
                meaning=args.meaning,
                meaning_progress=vectors.update,
            )
    except KeyboardInterrupt:
        raise records.Cancelled from None
    _report(summary, args.root, args.json)
    if args.watch:
        return _watch(lib, args)
    return 0


def _watch(lib: library.Library, args: argparse.Namespace) -> int:
    """Keep the index up to date as the archive changes, until Ctrl+C.

    Ctrl+C asks the loop to stop (an update under way is cancelled at its next step)
    rather than raising wherever the program happens to be: in the middle of the
    watcher's or the index's locks an interrupt could leave them held.
    """
    changed = threading.Event()
    stop = records.CancelToken()

    def interrupted(_signum: int, _frame: object) -> None:
        stop.cancel()
        changed.set()

    previous = signal.signal(signal.SIGINT, interrupted)
    watcher = library.ArchiveWatcher(lib.root, changed.set)
    try:
        if not watcher.start():
            print(
                f"No change events for {lib.root}; rescanning every {args.interval:g} s.",
                file=sys.stderr,
            )
        print(f"Watching {lib.root} (Ctrl+C to stop).", file=sys.stderr, flush=True)
        while not stop.cancelled:
            changed.wait(args.interval)
            changed.clear()
            if stop.cancelled:
                break
            try:
                summary = lib.update_index(jobs=args.jobs, cancel=stop)
            except records.Cancelled:
                break
            if summary.added or summary.updated or summary.deleted:
                _report(summary, args.root, args.json)
        return 0
    finally:
        watcher.stop()
        signal.signal(signal.SIGINT, previous)


def _report(summary: records.IndexSummary, root: str, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False), flush=True)
        return
    d = summary.to_dict()
    if not summary.articles:
        print(
            f"{root} holds no article files (an article is a text, web page, PDF or Word "
            "file in a folder, or a picture alone in its folder)."
        )
    print(f"Index:     {one_line(summary.index_dir)}")
    print(f"Articles:  {d['articles']}  (photos {d['photos']})")
    print(f"Changes:   {d['added']} added, {d['updated']} updated, {d['deleted']} deleted")
    if summary.chosen_for is not None:
        print(
            f"Engine:    {summary.engine}, the faster one, chosen for "
            f"{summary.chosen_for:,} articles (--rebuild --engine whoosh to use Whoosh)"
        )
    if summary.reread:
        print(
            "           (every article was read again: this version of Tàng Thư reads "
            "some files better than the one that made the index)"
        )
    if summary.embedded:
        print(f"Meaning:   {plural(summary.embedded, 'article')} embedded")
    kinds = Counter(p.kind for p in summary.problems)
    listed = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    see = f"see: {program.command_name()} scan {shlex.quote(root)} --problems"
    print(f"Problems:  {d['problems']}" + (f" ({listed}; {see})" if listed else ""))
    if summary.stories:
        stories = f"{program.command_name()} stories --archive {shlex.quote(root)}"
        print(f"Stories:   {plural(summary.stories, 'story')} in several versions (see: {stories})")
    print_ocr_missing(summary.problems)
    print(f"Seconds:   {d['seconds']:.2f}", flush=True)


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


def bracketed(
    text: str, spans: tuple[tuple[int, int], ...], near: tuple[tuple[int, int], ...] = ()
) -> str:
    """*text* with each span of a word found between square brackets, and each near
    match (another spelling of a word typed with diacritics) between braces."""
    marks = [(a, b, "[", "]") for a, b in spans] + [(a, b, "{", "}") for a, b in near]
    out, pos = [], 0
    for a, b, opening, closing in sorted(marks):
        if a < pos:
            continue
        out.append(f"{text[pos:a]}{opening}{text[a:b]}{closing}")
        pos = b
    return "".join(out) + text[pos:]


def _count_line(result: SearchResult, args: argparse.Namespace) -> str:
    noun = "photo" if args.photos else "hit"
    line = f"{plural(result.total, noun)} for {args.query!r}"
    if result.mode == "meaning":
        return line + f" (the nearest in meaning, {result.closest} at most)"
    if result.mode == "both":
        return line + f" (by words, and the {result.closest} nearest in meaning)"
    if result.exact_only:
        return line + " (exact spelling only)"
    if result.exact_total is not None:
        line += (
            f": {result.exact_total:,} with these accents, "
            f"{result.more_without_accents:,} more without"
        )
    if result.page_articles is not None and result.page_articles > len(result.hits):
        line += (
            f"; each story once: the {len(result.hits):,} on this page stand for "
            f"{result.page_articles:,}"
        )
    return line


def _versions_line(hit: Any) -> str:
    """``and 9 other versions (6 papers), 3 of them found too`` under a story's hit."""
    if not hit.versions:
        return ""
    papers = {o for _i, _d, o in hit.versions if o} | ({hit.outlet} if hit.outlet else set())
    line = f"and {plural(len(hit.versions), 'other version')}"
    if papers:
        line += f" ({plural(len(papers), 'paper')})"
    if hit.found_versions:
        line += f", {hit.found_versions:,} of them found too"
    return line


def cmd_stories(args: argparse.Namespace) -> int:
    root = existing_dir(args.archive)
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    with searching(root, args.index_dir, args.archive) as lib:
        found = lib.stories()
        shown = found[: args.limit]
        titles = {}
        for versions in shown:
            try:
                titles[versions[0].id] = lib.article(versions[0].id).title
            except records.Failure:  # (gone since it was indexed)
                titles[versions[0].id] = ""
    if args.json:
        data = {
            "stories": len(found),
            "articles": sum(len(v) for v in found),
            "shown": [
                {
                    "title": titles[versions[0].id],
                    "versions": [
                        {"id": v.id, "date": v.date or None, "outlet": v.outlet or None}
                        for v in versions
                    ],
                }
                for versions in shown
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("No story is in the archive more than once (as the last index run found).")
        return 0
    articles = sum(len(v) for v in found)
    print(f"{plural(len(found), 'story')} in several versions, {plural(articles, 'article')}:")
    for n, versions in enumerate(shown, start=1):
        papers = {v.outlet for v in versions if v.outlet}
        first = versions[0]
        head = f"{plural(len(versions), 'version')}"
        if papers:
            head += f", {plural(len(papers), 'paper')}"
        print(f"{n:3}. {one_line(titles[first.id]) or one_line(first.id)}  ({head})")
        for v in versions:
            meta = " · ".join(x for x in (v.date, v.outlet) if x)
            print(f"     {meta:30}  {one_line(v.id)}")
    return 0


def _close_outlets(wanted: str, known: dict[str, int]) -> list[str]:
    """Known outlets whose name holds *wanted* (case and accents ignored)."""
    key = library.fold(wanted).casefold()
    return [
        name for name in known if key and name != NONE and key in library.fold(name).casefold()
    ][:5]


def _emptied_line(emptied_by: list[str], f: Filters) -> str:
    if emptied_by == ["together"]:
        return "No article matches all these filters together; remove one of them."
    reasons = {
        "date": "no articles "
        + (
            f"between {f.date_from} and {f.date_to}"
            if f.date_from and f.date_to
            else (f"from {f.date_from} on" if f.date_from else f"up to {f.date_to}")
        )
        + " (remove --from/--to)",
        "outlet": (
            "no articles without an outlet (remove --no-outlet)"
            if f.outlet == NONE
            else f"no articles from the outlet {f.outlet!r} (remove --outlet)"
        ),
        "photos": "no articles with photos (remove --has-photos)",
        "format": f"no articles in {f.format} files (remove --format-of)",
        "dated": f"no articles dated by {f.dated} (remove --dated-by)",
        "year": (
            "no undated articles (remove --undated)"
            if f.year == NONE
            else f"no articles of {f.year} (remove --year)"
        ),
    }
    text = "; ".join(reasons[name] for name in emptied_by if name in reasons)
    return text[:1].upper() + text[1:] + "."


def filters_of(args: argparse.Namespace) -> Filters:
    """The filters the options of `commands.add_filters` ask for.

    Raises:
        UsageError: options that contradict each other, a date or a year not one.
    """
    if args.outlet and args.no_outlet:
        raise UsageError("give --outlet or --no-outlet, not both")
    if args.year and args.undated:
        raise UsageError("give --year or --undated, not both")
    if args.year and not re.fullmatch(r"\d{4}", args.year):
        raise UsageError(f"--year takes a year such as 2018, not {args.year!r}")
    return Filters(
        date_from=_check_date(args.date_from, "--from"),
        date_to=_check_date(args.date_to, "--until"),
        outlet=NONE if args.no_outlet else (library.canonical_outlet(args.outlet) or args.outlet),
        year=NONE if args.undated else args.year,
        has_photos=args.has_photos,
        format=getattr(args, "format_of", None),
        dated=getattr(args, "dated_by", None),
        estimates=not getattr(args, "no_estimates", False),
    )


def cmd_search(args: argparse.Namespace) -> int:
    root = existing_dir(args.archive)
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    filters = filters_of(args)
    with searching(root, args.index_dir, args.archive) as lib:
        if args.like:
            hits = lib.more_like(args.like, limit=args.limit)
            result = None
        elif args.photos:
            result = lib.search_photos(
                args.query, filters=filters, page=args.page, pagesize=args.limit
            )
        else:
            options: dict[str, Any] = dict(
                filters=filters,
                sort=args.sort,
                page=args.page,
                pagesize=args.limit,
                exact=args.exact,
                mode=args.mode,
            )
            if args.group:
                options["group"] = True
            others = [library.Library(existing_dir(r)) for r in args.also]
            try:
                result = (
                    library.search_archives([lib, *others], args.query, facets=True, **options)
                    if others
                    else lib.search(args.query, **options)
                )
            finally:
                for other in others:
                    other.close()
        known = lib.known_outlets() if result is not None and "outlet" in result.emptied_by else {}
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
            if hits:
                print(f"The {plural(len(hits), 'article')} most like {one_line(args.like)}:")
            else:
                print(f"No article is like {one_line(args.like)}.")
            for h in hits:
                date = shown_date(h.date, h.date_estimated)
                print(f"{h.score:7.2f}  {date:12}  {one_line(h.title)}\n         {one_line(h.id)}")
        return 0
    if args.json:
        data = result.to_dict()
        if args.also:  # several archives: each hit says which
            for d, h in zip(data["hits"], result.hits, strict=True):
                d["archive"] = h.archive
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    out = sys.stdout
    first = (result.page - 1) * result.pagesize
    for missing in result.unsearched:
        print(
            f"Not searched: {missing} has no index yet ({program.command_name()} index {missing}).",
            file=out,
        )
    print(f"{_count_line(result, args)} ({result.seconds * 1000:.0f} ms)", file=out)
    if result.emptied_by:
        print(_emptied_line(result.emptied_by, filters), file=out)
        close = _close_outlets(filters.outlet or "", known)
        if close:
            print(f"Outlets with that name: {', '.join(close)}", file=out)
    if result.suggestion:
        print(f"Did you mean: {result.suggestion}", file=out)
    for n, h in enumerate(result.hits, start=first + 1):
        if args.photos:
            print(f"{n:3}. {one_line(h.article_id)}  {one_line(h.file)}", file=out)
            if h.caption:
                print(f"     {one_line(h.caption)}", file=out)
            if h.embedded_caption:
                print(f"     Embedded caption: {one_line(h.embedded_caption)}", file=out)
        else:
            photos = plural(h.photos, "photo") if h.photos else ""
            date = shown_date(h.date, h.date_estimated)
            kind = h.format.upper() if h.format != "text" else ""
            meta = " · ".join(x for x in (date, h.author, h.outlet, photos, kind) if x)
            where = f"{h.archive}: {h.id}" if args.also else h.id
            lines = [
                f"{n:3}. {one_line(h.title)}",
                one_line(meta),
                one_line(where),
                _versions_line(h),
                bracketed(h.snippet, h.snippet_marks, h.snippet_near),
            ]
            print("\n     ".join(line for line in lines if line), file=out)
    return 0
