"""Worker processes: they end with their parent (indexing workers never outlive the
program), and start as the program does."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time


def orphan_guard(parent: int, poll: float = 1.0) -> None:
    """Make this (child) process end when its parent, process *parent*, dies.

    On Linux the kernel sends SIGKILL at once (``PR_SET_PDEATHSIG``); everywhere a
    thread also checks every *poll* seconds whether the parent is still the same.
    The parent passes its own number: a child that starts slowly may find itself
    orphaned already, and its parent of the moment is then someone else.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(poll)

    if os.getppid() != parent:  # the parent died before the kernel was told
        os._exit(1)
    threading.Thread(target=watch, name="orphan-guard", daemon=True).start()


def start_worker(parent: int) -> None:
    """What every worker process does first: end with *parent* (`orphan_guard`), and keep
    Pillow's notes off the terminal as the program's own start does."""
    from tangthu.archive.guard import quiet_pillow

    quiet_pillow()
    orphan_guard(parent)
