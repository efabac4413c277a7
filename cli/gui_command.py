"""The ``gui`` command: the only path of main.py that imports Qt."""

from __future__ import annotations

import argparse
import re

from cli.commands import UsageError, _existing_dir


def cmd_gui(args: argparse.Namespace) -> int:
    for root in args.roots:
        _existing_dir(root)
    if not re.fullmatch(r"\d{3,5}x\d{3,5}", args.size):
        raise UsageError(f"--size takes WIDTHxHEIGHT, such as 1280x800, not {args.size!r}")
    if args.deadline <= 0:
        raise UsageError("--deadline takes a number of seconds above 0")
    from ui.app import run

    return run(
        args.roots,
        query=args.query,
        screenshot=args.screenshot,
        index_dir=args.index_dir,
        size=args.size,
        language=args.lang,
        view=args.view,
        deadline=args.deadline,
    )
