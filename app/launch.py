"""Start Tàng Thư: no arguments opens the window; subcommands run the command line.

The command-line path imports no Qt: the window's module is imported only when
the ``gui`` command runs.
"""

from __future__ import annotations

import os
import sys
from typing import Any


def open_window(roots: list[str], **options: Any) -> int:
    """Open the window on *roots* (see `tangthu.ui.app.run`)."""
    from tangthu.ui.app import run

    return run(roots, **options)


def main(argv: list[str] | None = None) -> int:
    """Run Tàng Thư with *argv* (default: ``sys.argv[1:]``) and return the exit code."""
    from tangthu.archive.guard import quiet_pillow
    from tangthu.cli.commands import run

    quiet_pillow()
    return run(sys.argv[1:] if argv is None else argv, gui=open_window)


def start() -> None:
    """The program's entry point: `main` with worker processes able to start."""
    if getattr(sys, "frozen", False):  # a bundled program's worker processes start here
        import multiprocessing

        multiprocessing.freeze_support()
    _give_streams()
    sys.exit(main())


def _give_streams() -> None:
    """A program started without a console (the bundle's ``tangthuw.exe`` on Windows)
    has no standard output or error: what would be written there is dropped."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
