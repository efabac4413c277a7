"""Tàng Thư: no arguments opens the window; subcommands run the command line.

The command-line path imports no Qt: the window's module is imported only when
the ``gui`` command runs.
"""

from __future__ import annotations

import sys
from typing import Any


def open_window(roots: list[str], **options: Any) -> int:
    """Open the window on *roots* (see `ui.app.run`)."""
    from ui.app import run

    return run(roots, **options)


def main(argv: list[str] | None = None) -> int:
    """Run Tàng Thư with *argv* (default: ``sys.argv[1:]``) and return the exit code."""
    from cli.commands import run

    return run(sys.argv[1:] if argv is None else argv, gui=open_window)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # a bundled program's worker processes start here
    sys.exit(main())
