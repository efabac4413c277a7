"""The ``tag``, ``note``, ``tags`` and ``edit`` commands: the user's tags and notes on
articles and photos, and corrections of articles (kept in the per-user data folder,
never in the archive)."""

from __future__ import annotations

import argparse
import json

from tangthu import library
from tangthu.cli.commands import resolve_article
from tangthu.cli.errors import CommandFailed, UsageError, existing_dir
from tangthu.cli.text import one_line
from tangthu.library import records


def _items(lib: library.Library, idents: list[str]) -> list[records.Item]:
    """The items named on the command line: article IDs or folders, or ``ID#photo``."""
    items = []
    for ident in idents:
        article, _, photo = ident.partition("#")
        rel = resolve_article(lib, article).relative_to(lib.root).as_posix()
        if photo and library.photo_file(lib.root, rel, photo) is None:
            raise CommandFailed(f"{rel} names no photo {photo!r}.")
        items.append(records.Item(str(lib.root), rel, photo))
    return items


def _store() -> library.Annotations:
    store = library.user_annotations()
    if store.damaged is not None:
        print(f"The tags and notes file could not be read; it was kept as {store.damaged}.")
    return store


def cmd_tag(args: argparse.Namespace) -> int:
    if bool(args.add) == bool(args.remove):
        raise UsageError("give --add TAG or --remove TAG")
    lib = library.Library(existing_dir(args.archive))
    items = _items(lib, args.ids)
    store = _store()
    if args.add:
        n = store.add_tag(items, args.add)
        print(f"Tagged {n} of {len(items)} with {library.clean_tag(args.add)!r}.")
    else:
        n = store.remove_tag(items, args.remove)
        print(f"Removed {args.remove!r} from {n} of {len(items)}.")
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    lib = library.Library(existing_dir(args.archive))
    (item,) = _items(lib, [args.id])
    store = _store()
    if args.set is not None:
        store.set_note(item, args.set)
    print(store.note(item))
    return 0


def cmd_tags(args: argparse.Namespace) -> int:
    root = str(existing_dir(args.archive)) if args.archive else None
    counts = _store().tag_counts(root)
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, indent=2))
    else:
        for tag, n in counts.items():
            print(f"{n:6d}  {one_line(tag)}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    fields = records.CORRECTABLE
    lib = library.Library(existing_dir(args.archive), index_dir=args.index_dir)
    if lib.corrections.damaged is not None:
        print(f"The corrections file could not be read; it was kept as {lib.corrections.damaged}.")
    try:
        ids = [resolve_article(lib, i).relative_to(lib.root).as_posix() for i in args.ids]
        changes = {f: getattr(args, f) for f in fields if getattr(args, f) is not None}
        reverted = [f for f in args.revert or [] if f != "all"]
        if reverted and set(reverted) - set(fields):
            raise UsageError(f"--revert takes {', '.join(fields)} or all")
        changed = 0
        try:
            if args.revert:
                changed += lib.revert(ids, None if "all" in args.revert else reverted)
            if changes:
                changed += lib.correct(ids, changes)
        except records.BadCorrection as exc:
            raise UsageError(str(exc)) from None
        if changed and lib.index_state()[0]:
            lib.update_index()  # the corrected articles alone are indexed again
        articles = [lib.article(i, link_related=False, photo_info=False) for i in ids]
    finally:
        lib.close()
    if args.json:
        print(json.dumps([_edited(a) for a in articles], ensure_ascii=False, indent=2))
        return 0
    if changes or args.revert:
        print(f"Changed {changed} of {len(ids)} articles.")
    for art in articles:
        print(one_line(art.id))
        for field in fields:
            was = dict(art.corrected)
            if field in was:
                now = getattr(art, field) or "(none)"
                print(f"  {field}: {one_line(now)}  (corrected; the file says "
                      f"{one_line(was[field] or '(none)')})")  # fmt: skip
        if not art.corrected:
            print("  no corrections")
    return 0


def _edited(art: records.Article) -> dict[str, object]:
    """An article's corrected fields as ``edit --json`` prints them."""
    return {
        "id": art.id,
        "corrected": {
            field: {"value": getattr(art, field), "file": was} for field, was in art.corrected
        },
        "date": art.date,
        "date_precision": art.date_precision,
        "date_source": art.date_source,
    }
