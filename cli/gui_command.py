"""The ``gui`` command (checks its arguments, then hands them to the window) and
``desktop-entry``, which puts the window in the applications menu."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from tangthu.cli.errors import CommandFailed, UsageError, existing_dir
from tangthu.library import program


def gui_command(open_window: Callable[..., int] | None) -> Callable[[argparse.Namespace], int]:
    """The ``gui`` command, opening the window with *open_window* (from `tangthu.launch`)."""

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
            mode=args.mode,
        )

    return cmd_gui


def cmd_desktop_entry(args: argparse.Namespace) -> int:
    """Put the menu entry and icons in place for the user (or take them away)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        raise CommandFailed(
            "the applications-menu entry is for Linux desktops; on Windows make a shortcut "
            "to tangthuw.exe, on macOS drag 'Tàng Thư.app' to Applications"
        )
    home = Path(args.data_home) if args.data_home else None
    if args.remove:
        removed = program.remove_desktop_entry(home)
        print(f"Removed {len(removed)} files." if removed else "There was no menu entry.")
        return 0
    written = program.install_desktop_entry(home)
    print(f"Tàng Thư is in the applications menu: {written[0]}")
    print(f"It starts: {program.desktop_exec_line()}")
    return 0
