"""The ``gui`` command: checks its arguments, then hands them to the window."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from tangthu.cli.errors import CommandFailed, UsageError, existing_dir


def gui_command(open_window: Callable[..., int] | None) -> Callable[[argparse.Namespace], int]:
    """The ``gui`` command, opening the window with *open_window* (from ``main.py``)."""

    def cmd_gui(args: argparse.Namespace) -> int:
        for root in args.roots:
            existing_dir(root)
        if not re.fullmatch(r"\d{3,5}x\d{3,5}", args.size):
            raise UsageError(f"--size takes WIDTHxHEIGHT, such as 1280x800, not {args.size!r}")
        if args.deadline <= 0:
            raise UsageError("--deadline takes a number of seconds above 0")
        if open_window is None:
            raise CommandFailed("this program was started without its window")
        return open_window(
            args.roots,
            query=args.query,
            screenshot=args.screenshot,
            index_dir=args.index_dir,
            size=args.size,
            language=args.lang,
            view=args.view,
            deadline=args.deadline,
        )

    return cmd_gui
