"""One indexing run at a time per index, across processes.

The lock is a file beside the index folder (``NAME.lock``), held with the operating
system's advisory lock for the whole run: taken before anything is read, removed or
rebuilt, released when the run ends or its process dies (the kernel drops the lock
with the process, so a killed run never leaves the index locked).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tangthu.index.engine import IndexBusy


def lock_path(index: Path) -> Path:
    return index.with_name(index.name + ".lock")


@contextmanager
def index_lock(index: Path) -> Iterator[None]:
    """Hold the lock of the index at *index* while the block runs.

    Raises:
        IndexBusy: another run (in this or another process) holds it.
    """
    path = lock_path(index)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        if not _try_lock(fd):
            raise IndexBusy(
                "The index is busy: another indexing run is writing to it. Try again when it ends."
            )
        yield
    finally:
        os.close(fd)  # releases the lock


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
