"""Argument parsing and the subcommands of ``tangthu`` (``main.py`` in a checkout).

English output, no Qt.

Exit codes: 0 done (problems in files are reported, not fatal), 1 a runtime
failure, 2 bad usage. Errors go to stderr as one sentence.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tangthu import library
from tangthu.cli.errors import CommandFailed, UsageError, existing_dir
from tangthu.cli.progress import ProgressBar
from tangthu.cli.text import (
    PrintableStream,
    one_line,
    print_ocr_missing,
    shown_date,
)
from tangthu.library import program, records

#: Opens the window for the ``gui`` command (given by `tangthu.launch`, which may import Qt).
GuiRunner = Callable[..., int]


#: The commands, as `build_parser` names them (a test keeps the two alike).
_NAMES = frozenset(
    ("gui", "scan", "show", "cite", "tag", "note", "tags", "desktop-entry", "index", "search")
    + ("export", "edit", "trust", "stories")
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: of every command, or of *command* alone (what its
    options list, export formats or article formats, is then read only when needed)."""

    def wanted(name: str) -> bool:
        return command is None or command == name

    parser = argparse.ArgumentParser(
        prog=program.command_name(),
        description="Tàng Thư: browse, search and export folders of news articles and photos.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    if wanted("gui"):
        p = sub.add_parser("gui", help="open the window (default without a command)")
        p.add_argument("roots", nargs="*", metavar="ROOT", help="archive folders to open")
        p.add_argument("--query", "-q", help="run this search at start")
        p.add_argument(
            "--mode",
            choices=["words", "meaning", "both"],
            default=None,
            help="find by words, meaning or both (default: as last chosen)",
        )
        p.add_argument("--screenshot", metavar="PNG", help="render the window to PNG and exit")
        p.add_argument("--index-dir", help="keep the index here instead of the data folder")
        p.add_argument("--size", default="1280x800", help="window size for --screenshot (WxH)")
        p.add_argument("--lang", choices=["vi", "en"], help="user interface language")
        p.add_argument(
            "--view",
            choices=[
                "reader",
                "photos",
                "grid",
                "viewer",
                "table",
                "timeline",
                "basket",
                "problems",
                "edit",
            ],
            default="reader",
            help="what --screenshot shows",
        )
        p.add_argument(
            "--deadline",
            type=float,
            default=120.0,
            metavar="SECONDS",
            help="with --screenshot: give up (exit 1) when the window has not settled by then",
        )

    if wanted("scan"):
        p = sub.add_parser("scan", help="parse an archive and report articles, photos, problems")
        p.add_argument("roots", nargs="+", metavar="ROOT")
        p.add_argument("--json", action="store_true", help="print the report as JSON")
        p.add_argument("--problems", action="store_true", help="list every problem")
        _add_no_ocr(p)

    if wanted("show"):
        p = sub.add_parser("show", help="print one article as parsed")
        p.add_argument("id", metavar="ID", help="the article's path relative to the archive")
        p.add_argument("--archive", required=True, metavar="ROOT")
        p.add_argument("--json", action="store_true")

    if wanted("cite"):
        p = sub.add_parser("cite", help="print articles as a bibliography cites them")
        p.add_argument(
            "ids", nargs="+", metavar="ID", help="articles (paths relative to the archive)"
        )
        p.add_argument("--archive", required=True, metavar="ROOT")
        p.add_argument("--style", choices=list(library.CITATION_STYLES), default="apa")

    if wanted("tag"):
        p = sub.add_parser("tag", help="add or remove a tag on articles or photos (ID#photo)")
        p.add_argument("ids", nargs="+", metavar="ID")
        p.add_argument("--archive", required=True, metavar="ROOT")
        p.add_argument("--add", metavar="TAG")
        p.add_argument("--remove", metavar="TAG")

    if wanted("note"):
        p = sub.add_parser(
            "note", help="print, or with --set write, the note of an article or photo"
        )
        p.add_argument("id", metavar="ID")
        p.add_argument("--archive", required=True, metavar="ROOT")
        p.add_argument("--set", metavar="TEXT", help="the note ('' removes it)")

    if wanted("edit"):
        p = sub.add_parser(
            "edit",
            help="correct an article's title, date, author, outlet or description "
            "(kept in the data folder; the file is not changed)",
        )
        p.add_argument("ids", nargs="+", metavar="ID", help="articles (IDs or folders)")
        p.add_argument("--archive", required=True, metavar="ROOT")
        p.add_argument("--title")
        p.add_argument(
            "--date", help="2016-12-27, 2016-12 or 2016: a day, a month or a year ('' none)"
        )
        p.add_argument("--author", help="('' says there is none)")
        p.add_argument("--outlet", help="('' says there is none)")
        p.add_argument("--description")
        p.add_argument(
            "--revert",
            action="append",
            metavar="FIELD",
            help="undo the correction of FIELD (title, date, …, or all); may repeat",
        )
        p.add_argument("--index-dir", help="the index's folder, when not the data folder's")
        p.add_argument("--json", action="store_true")

    if wanted("trust"):
        p = sub.add_parser(
            "trust",
            help="follow the archive's links into the folder LINK leads to (outside it), "
            "or with --forget no longer; without LINK list the folders trusted",
        )
        p.add_argument("link", nargs="?", metavar="LINK", help="a link inside the archive")
        p.add_argument("--archive", required=True, metavar="ROOT")
        p.add_argument("--forget", action="store_true")

    if wanted("tags"):
        p = sub.add_parser("tags", help="list the tags with how many items carry each")
        p.add_argument("--archive", metavar="ROOT", help="only this archive's (default: all)")
        p.add_argument("--json", action="store_true")

    if wanted("desktop-entry"):
        p = sub.add_parser(
            "desktop-entry", help="put Tàng Thư in the applications menu (Linux desktops)"
        )
        p.add_argument("--remove", action="store_true", help="take the entry away again")
        p.add_argument("--data-home", metavar="DIR", help="instead of $XDG_DATA_HOME")

    if wanted("index"):
        p = sub.add_parser("index", help="build or update the search index of an archive")
        p.add_argument("root", metavar="ROOT")
        p.add_argument("--index-dir")
        p.add_argument("--rebuild", action="store_true", help="start the index over")
        p.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
        _add_no_ocr(p)
        p.add_argument(
            "--engine",
            choices=library.ENGINES,
            default=None,
            help="search engine to build with (default: the index's own; a new index: "
            "whoosh, or tantivy for a large archive where the 'fast' extra is installed)",
        )
        meaning = p.add_mutually_exclusive_group()
        meaning.add_argument(
            "--meaning",
            action="store_true",
            default=None,
            help="then make the vectors of search by meaning (search --mode meaning|both; "
            "the 'meaning' extra): once made, every index run keeps them up to date",
        )
        meaning.add_argument(
            "--no-meaning",
            dest="meaning",
            action="store_false",
            help="do not bring the vectors of search by meaning up to date this time",
        )
        p.add_argument(
            "--watch",
            action="store_true",
            help="then keep the index up to date as articles are added, changed or removed",
        )
        p.add_argument(
            "--interval",
            type=float,
            default=600.0,
            metavar="SECONDS",
            help="with --watch: rescan this often too (for drives that send no change events)",
        )
        p.add_argument("--json", action="store_true", help="print a final summary as JSON")

    if wanted("search"):
        p = sub.add_parser("search", help="search an indexed archive")
        p.add_argument("query", metavar="QUERY")
        p.add_argument("--archive", required=True, metavar="ROOT")
        p.add_argument(
            "--also",
            action="append",
            default=[],
            metavar="ROOT",
            help="search this archive too, with its own index in the data folder (repeatable)",
        )
        p.add_argument("--index-dir")
        p.add_argument("--limit", type=int, default=20)
        p.add_argument("--page", type=int, default=1)
        p.add_argument("--photos", action="store_true", help="search photo captions")
        add_filters(p, also_to=True)
        p.add_argument(
            "--group",
            action="store_true",
            help="each story once: its reprints and other versions under the earliest found",
        )
        p.add_argument(
            "--like",
            metavar="ID",
            help="articles like this one, nearest in meaning when the archive has vectors "
            "(QUERY may be empty)",
        )
        p.add_argument("--json", action="store_true")

    if wanted("stories"):
        p = sub.add_parser(
            "stories",
            help="list the stories an archive holds in several versions (reprints, rewrites)",
        )
        p.add_argument("--archive", required=True, metavar="ROOT")
        p.add_argument("--index-dir")
        p.add_argument("--limit", type=int, default=20, help="the largest this many stories")
        p.add_argument("--json", action="store_true")

    if wanted("export"):
        p = sub.add_parser(
            "export",
            help="export articles and photos",
            description="Export the articles and photos named (ID, ID#photo.jpg or an article's "
            "folder), or every article a search finds (--query, with the filters, order and "
            "--exact and --mode that search takes).",
        )
        p.add_argument(
            "ids", nargs="*", metavar="ID", help="articles (ID) or photos (ID#photo.jpg)"
        )
        p.add_argument("--archive", required=True, metavar="ROOT", help="the archive folder")
        p.add_argument("--index-dir", help="the index's folder, when not the data folder's")
        p.add_argument(
            "--format",
            required=True,
            metavar="FORMAT",
            help="one of: " + ", ".join(library.export_formats()),
        )
        p.add_argument(
            "--to", required=True, metavar="PATH", help="the file or folder to write (new)"
        )
        p.add_argument("--query", help="export every article this search finds")
        p.add_argument(
            "--limit",
            type=int,
            default=0,
            help="with --query: at most this many articles, the first in its order (default: all)",
        )
        add_filters(p)  # (--to names the export's target)
        p.add_argument(
            "--title", help="the PDF's or HTML pages' title (default: the search, or the file name)"
        )
        p.add_argument(
            "--force",
            action="store_true",
            help="replace an existing target: one file, an empty folder or an earlier export",
        )
        p.add_argument(
            "--organization",
            default="",
            metavar="NAME",
            help="the library that makes a BagIt bag (its bag-info.txt's Source-Organization)",
        )
        p.add_argument(
            "--list", action="store_true", help="list the files written, after the report"
        )

    return parser


def _add_no_ocr(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-ocr",
        action="store_true",
        help="do not read scanned pages and clippings with OCR (Tesseract); "
        "what was read before is kept",
    )


def add_filters(p: argparse.ArgumentParser, *, also_to: bool = False) -> None:
    """The options that restrict and order a search (search and export share them; the
    last day is ``--until`` for both, and ``--to`` too where it names nothing else)."""
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="from this day on")
    names = ["--until", "--to"] if also_to else ["--until"]
    p.add_argument(*names, dest="date_to", metavar="YYYY-MM-DD", help="up to this day")
    p.add_argument("--outlet", help="only this outlet (as listed in the search's counts)")
    p.add_argument("--no-outlet", action="store_true", help="only articles without an outlet")
    p.add_argument("--year", help="only articles of this year")
    p.add_argument("--undated", action="store_true", help="only articles without a date")
    p.add_argument("--has-photos", action="store_true", help="only articles with photos")
    p.add_argument(
        "--dated-by",
        dest="dated_by",
        choices=list(records.DATINGS),
        help="only articles dated so: corrected by a librarian, by their folders, by the "
        "file's metadata or address, by their dateline, by an estimate, or not at all",
    )
    p.add_argument(
        "--no-estimates",
        action="store_true",
        help="an estimated date counts as none (for --from, --until, --year, --undated "
        "and the year counts)",
    )
    p.add_argument(
        "--format-of",
        dest="format_of",
        metavar="FORMAT",
        choices=list(library.article_formats()),
        help="only articles in files of this format: "
        + ", ".join(
            f"{name} ({label.lower()})" for name, label in library.article_formats().items()
        ),
    )
    p.add_argument(
        "--sort",
        choices=["relevance", "date", "date-asc"],
        default="relevance",
        help="the order: relevance (exact spellings first), newest or oldest first",
    )
    p.add_argument(
        "--exact", action="store_true", help="only articles spelled as typed, accents included"
    )
    p.add_argument(
        "--mode",
        choices=["words", "meaning", "both"],
        default="words",
        help="find articles by their words (default), by meaning (the nearest 200 to the "
        "question, in any language; after index --meaning), or both lists fused",
    )


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_scan(args: argparse.Namespace) -> int:
    roots = [existing_dir(r) for r in args.roots]
    if args.no_ocr:
        library.use_ocr(False)
    # (links may lead into the folders the librarian trusts for each archive)
    trusted = tuple(f for r in roots for f in library.Library(r).trusted())
    with ProgressBar("Scanning", unit="articles") as bar:
        report = library.scan(roots, progress=bar.update, trusted=trusted)
    summary = report.summary()
    if args.json:
        summary["problem_list"] = [p.to_dict() for p in report.problems]
        summary["unreferenced_photo_list"] = list(report.unreferenced_photos)
        _print_json(summary)
        return 0
    shown = ", ".join(one_line(r) for r in summary["roots"])  # type: ignore[attr-defined]
    print(f"Roots:               {shown}")
    print(f"Articles:            {summary['articles']}")
    formats: dict[str, int] = summary["formats"]  # type: ignore[assignment]
    if set(formats) - {"text"}:
        print("  by format:         " + ", ".join(f"{n} {name}" for name, n in formats.items()))
    print(f"Photos:              {summary['photos']}")
    print(f"Missing photos:      {summary['missing_photos']}")
    if summary["unsaved_photos"]:
        print(f"Not saved with page: {summary['unsaved_photos']} (their web addresses are kept)")
    print(f"Unreferenced photos: {summary['unreferenced_photos']}")
    counts: dict[str, int] = summary["problems"]  # type: ignore[assignment]
    print(f"Problems:            {sum(counts.values())}")
    for kind, n in counts.items():
        print(f"  {kind:<22} {n}")
    print_ocr_missing(report.problems)
    if args.problems:
        for p in report.problems:
            print(
                f"{p.kind}: {one_line(p.path)}: {one_line(p.detail)}. "
                f"{records.PROBLEM_KINDS.get(p.kind, '')}".rstrip()
            )
        for path in report.unreferenced_photos:
            print(f"unreferenced-photo: {one_line(path)}: no article in its folder names it")
    elif report.problems or report.unreferenced_photos:
        print("(add --problems to list them and the unreferenced photos)")
    print(f"Seconds:             {report.seconds:.2f}")
    return 0


def resolve_article(lib: library.Library, ident: str) -> Path:
    """The article file for *ident*: an ID, or a folder holding one article file."""
    try:
        return lib.find_article(ident)
    except records.OutsideArchive as exc:
        if Path(ident.strip()).is_absolute():
            raise UsageError(str(exc)) from None
        raise UsageError(f"{exc}; give an article ID relative to {lib.root}") from None
    except records.ArticleNotFound as exc:
        raise CommandFailed(str(exc)) from None


def format_article(art: records.Article) -> str:
    """A readable text form of an article."""
    width = 88
    lines = [art.title, "=" * min(len(art.title), width)]
    meta = [
        ("ID", art.id),
        ("Date", shown_date(art.date, art.date_estimated, art.date_source)),
        ("Author", art.author),
        ("Outlet", art.outlet),
        ("Source", art.source_url),
        ("Encoding", art.encoding),
    ]
    lines += [f"{k + ':':<10}{v}" for k, v in meta if v]
    if art.corrected:  # what the file says of the fields a librarian corrected
        lines.append("Corrected; the file says:")
        lines += [f"  {field}: {was or '(none)'}" for field, was in art.corrected]
    lines.append("")
    if art.lead:
        lines += textwrap.wrap(art.lead, width) + [""]
    exists = {p.file: p for p in art.photos}
    for block in art.blocks:
        if block.type == "text":
            lines += textwrap.wrap(block.text, width) + [""]
        else:
            for name in block.files:
                ref = exists.get(name)
                mark = "" if ref is None or ref.exists else "  [missing]"
                if ref is not None and ref.address:
                    mark = "  [not saved with the page]"
                lines.append(f"  [photo] {name}{mark}")
            if block.caption:
                lines += textwrap.wrap(
                    block.caption, width, initial_indent="  ", subsequent_indent="  "
                )
            lines.append("")
    if art.related:
        lines.append("Related:")
        for r in art.related:
            lines.append(f"  - {r.title}" + (f"  -> {r.id}" if r.id else ""))
    if art.problems:
        lines += ["", "Problems:"]
        lines += [f"  {p.kind}: {p.path}: {p.detail}" for p in art.problems]
    return "\n".join(lines).rstrip() + "\n"


def cmd_show(args: argparse.Namespace) -> int:
    lib = library.Library(existing_dir(args.archive))
    path = resolve_article(lib, args.id)
    try:
        article = lib.article(path.relative_to(lib.root).as_posix())
    finally:
        lib.close()
    if args.json:
        _print_json(article.to_dict())
    else:
        sys.stdout.write(format_article(article))
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    lib = library.Library(existing_dir(args.archive))
    try:
        articles = [
            lib.article(
                resolve_article(lib, ident).relative_to(lib.root).as_posix(),
                link_related=False,  # a citation names neither related articles nor photos
                photo_info=False,
            )
            for ident in args.ids
        ]
        for entry in library.reference_list(articles, args.style):
            print(entry)
    finally:
        lib.close()
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    lib = library.Library(existing_dir(args.archive))
    if args.link is None:
        for folder in lib.trusted():
            print(one_line(folder))
        return 0
    try:
        if args.forget:
            gone = lib.forget_trust(args.link)
            print(f"No longer following links into {one_line(gone)}." if gone else "Not trusted.")
            return 0
        target = lib.trust(args.link)
    except records.OutsideArchive as exc:
        raise UsageError(str(exc)) from None
    if target is None:
        raise CommandFailed(f"{args.link} leads nowhere that exists.")
    print(f"Links of {one_line(str(lib.root))} may lead into {one_line(target)}; "
          "update the index to read what is there.")  # fmt: skip
    return 0


COMMANDS = {
    "trust": cmd_trust,
    "scan": cmd_scan,
    "show": cmd_show,
    "cite": cmd_cite,
}


def _lazy(name: str, gui: GuiRunner | None) -> Any:
    if name in ("index", "search", "stories"):
        from tangthu.cli import search_commands

        return getattr(search_commands, f"cmd_{name}")
    if name in ("tag", "note", "tags", "edit"):
        from tangthu.cli import annotations_commands

        return getattr(annotations_commands, f"cmd_{name}")
    if name == "export":
        from tangthu.cli import export_command

        return export_command.cmd_export
    if name == "desktop-entry":
        from tangthu.cli.gui_command import cmd_desktop_entry

        return cmd_desktop_entry
    if name == "gui":
        from tangthu.cli.gui_command import gui_command

        return gui_command(gui)
    return COMMANDS[name]


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (captured in tests)
        pass


def run(argv: list[str], *, gui: GuiRunner | None = None) -> int:
    """Parse *argv*, run the command, return the exit code.

    *gui* opens the window for the ``gui`` command (this package imports no Qt).
    """
    if not argv:
        argv = ["gui"]
    parser = build_parser(argv[0] if argv[0] in _NAMES else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command is None:
        args = parser.parse_args(["gui"])
    who = f"{program.command_name()} {args.command}"  # begins each error message
    try:
        with _terminated_as_interrupted(args.command != "gui"):
            return _run(args, gui)
    except Terminated:
        print(f"{who}: terminated.", file=sys.stderr)
        return 143
    except UsageError as exc:
        print(one_line(f"{who}: {exc}"), file=sys.stderr)
        return 2
    except (CommandFailed, records.Failure) as exc:
        print(one_line(f"{who}: {exc}"), file=sys.stderr)
        return 1
    except records.Cancelled:
        print(f"{who}: cancelled.", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print(f"{who}: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Whoever read the output stopped reading (`search ... | head -1`): stop quietly,
        # and keep the interpreter's final flush from complaining about the closed pipe.
        _silence_stdout()
        return 0
    except OSError as exc:
        print(
            one_line(f"{who}: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")),
            file=sys.stderr,
        )
        return 1


class Terminated(KeyboardInterrupt):
    """SIGTERM (a shutdown, ``kill``), taken as Ctrl-C is: the command stops cleanly (an
    index keeps its last commit, an export leaves nothing half written)."""


@contextmanager
def _terminated_as_interrupted(on: bool) -> Iterator[None]:
    def stop(_signum: int, _frame: object) -> None:
        raise Terminated

    if not on or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


#: What the command line calls its positional arguments in a message.
_POSITIONAL = {"ids": "the ID", "id": "the ID", "query": "the query", "root": "the folder"}


def _check_text(args: argparse.Namespace) -> None:
    """Refuse an argument that is not text: bytes of another encoding than UTF-8 (a
    terminal set to another one), which Python keeps as lone surrogates and which no
    file of Tàng Thư's may hold.

    Raises:
        UsageError: naming the argument.
    """
    for key, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for one in values:
            if isinstance(one, str) and not _is_text(one):
                shown = one.encode("utf-8", "replace").decode()
                if key in ("ids", "id"):
                    raise UsageError(
                        f"the ID {shown!r} is not valid text (UTF-8); give the article's "
                        "path as the archive shows it"
                    )
                what = _POSITIONAL.get(key, "--" + key.replace("_", "-"))
                raise UsageError(
                    f"{what} {shown!r} is not valid text (UTF-8); set the terminal to UTF-8 "
                    "or type it again"
                )


def _run(args: argparse.Namespace, gui: GuiRunner | None) -> int:
    """Run the command, its output made printable (`printable`), its arguments checked."""
    _check_text(args)
    if args.command in ("gui",):
        return int(_lazy(args.command, gui)(args))
    out = sys.stdout
    sys.stdout = PrintableStream(out)
    try:
        return int(_lazy(args.command, gui)(args))
    finally:
        sys.stdout = out


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # bytes of another encoding, kept as surrogates by Python
        return False
    return True
