"""Tàng Thư: no arguments opens the window; subcommands run the command line.

This script runs the program from a source checkout (``python main.py …``); an
installed copy has the ``tangthu`` command and ``python -m tangthu``, which do
the same (see `tangthu.launch`).
"""

from __future__ import annotations

from tangthu.launch import main, open_window, start

__all__ = ["main", "open_window"]

if __name__ == "__main__":
    start()
