"""Tàng Thư: no arguments opens the window; subcommands run the command line.

This script runs the program from a source checkout (``python main.py …``) once
``make install`` has installed the checkout (editable: changes take effect at
once); an installed copy has the ``tangthu`` command and ``python -m tangthu``,
which do the same (see `tangthu.launch`).
"""

from __future__ import annotations

import sys

try:
    from tangthu.launch import main, open_window, start
except ModuleNotFoundError as missing:  # a checkout nobody has installed yet
    if missing.name != "tangthu":
        raise
    sys.exit(
        "Tàng Thư is not installed in this Python. In this folder, run `make install` "
        "(or `python -m pip install -e . --config-settings editable_mode=strict`)."
    )

__all__ = ["main", "open_window"]

if __name__ == "__main__":
    start()
