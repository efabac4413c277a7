"""Tàng Thư: no arguments opens the window; subcommands run the command line.

The command-line path imports no Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run Tàng Thư with *argv* (default: ``sys.argv[1:]``) and return the exit code."""
    from cli.commands import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
