"""The one guarded way to read a file of an archive: regular files only, never blocking,
and (given the archive root) never through a link that leads out of the archive.

A named pipe would block the reader forever, ``/dev/zero`` would feed it without end, a
link loop fails to open, and a link to ``~/.ssh/id_rsa`` would carry a private file into
an index or an export. Every reader and copier of archive files opens them here.

Links inside the archive keep working. Links that lead out of it are refused unless
their target lies below one of the *trusted* folders the caller passes in.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import warnings
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class UnsafeFile(OSError):
    """An archive file that is not read: not a regular file, or a link out of the archive.

    Attributes:
        kind: a `Problem` kind: ``special-file`` or ``outside-link``.
        detail: an English sentence saying what it is.
    """

    def __init__(self, kind: str, path: str, detail: str) -> None:
        super().__init__(errno.EPERM, detail, path)
        self.kind = kind
        self.detail = detail


@lru_cache(maxsize=64)
def _real(path: str) -> str:
    return os.path.realpath(path)


def real_root(root: str | os.PathLike[str]) -> str:
    """The archive root with every link resolved, as containment is checked against
    (remembered: an archive's own place does not move while it is read)."""
    return _real(os.fspath(root))


def is_within(path: str, folder: str) -> bool:
    """Whether the real path *path* is *folder* or lies below it (both resolved)."""
    if path == folder:
        return True
    base = folder if folder.endswith(os.sep) else folder + os.sep
    return path.startswith(base)


def _fd_path(fd: int, fallback: str) -> str:
    """The real path of an open file: the kernel's own answer where it gives one (no race
    between checking a path and opening it), else the path resolved."""
    if sys.platform.startswith("linux"):
        try:
            return os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            pass
    return os.path.realpath(fallback)


def outside_target(
    path: str | os.PathLike[str],
    root: str | os.PathLike[str],
    trusted: Iterable[str] = (),
    *,
    real: str | None = None,
) -> str | None:
    """Where *path* really leads when that is outside *root* (and the *trusted* folders);
    None when it stays inside.

    Args:
        real: *path* resolved already (saves resolving it again).
    """
    target = real if real is not None else os.path.realpath(os.fspath(path))
    if is_within(target, real_root(root)):
        return None
    if any(is_within(target, _real(os.fspath(t))) for t in trusted):
        return None
    return target


def _ours(real: str) -> bool:
    """Whether *real* is in Tàng Thư's own cache of pictures taken out of article files
    (asked only of a file outside the archive: opening one inside costs nothing more)."""
    from tangthu.archive.embedded import cache_root

    return is_within(real, _real(str(cache_root())))


def open_regular(
    path: str | os.PathLike[str],
    root: str | os.PathLike[str] | None = None,
    *,
    trusted: Iterable[str] = (),
) -> BinaryIO:
    """Open *path* for reading in binary mode, when it is a regular file.

    Opening never blocks (a named pipe is refused, not waited on). With *root*, the
    file must really lie inside it (after every link), or below a *trusted* folder,
    or in Tàng Thư's own cache of pictures taken out of article files.

    Raises:
        UnsafeFile: a pipe, a device, a socket or a folder; a link out of the archive.
        OSError: the file cannot be opened (missing, no permission, a link loop).
    """
    name = os.fspath(path)
    fd = os.open(name, os.O_RDONLY | _NONBLOCK | _BINARY | _CLOEXEC)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = (
                "a folder"
                if stat.S_ISDIR(st.st_mode)
                else "a named pipe"
                if stat.S_ISFIFO(st.st_mode)
                else "a device"
                if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "a socket"
                if stat.S_ISSOCK(st.st_mode)
                else "not a regular file"
            )
            raise UnsafeFile("special-file", name, f"{what}, not a file; it is not read")
        if root is not None:
            leads = outside_target(name, root, trusted, real=_fd_path(fd, name))
            if leads is not None and _ours(leads):
                leads = None
            if leads is not None:
                raise UnsafeFile(
                    "outside-link",
                    name,
                    f"a link to {leads}, outside the archive; it is not followed",
                )
        # (a regular file reads alike with O_NONBLOCK: it is left on)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(
    path: str | os.PathLike[str],
    root: str | os.PathLike[str] | None = None,
    *,
    limit: int,
    trusted: Iterable[str] = (),
) -> bytes:
    """The bytes of a regular file, at most *limit* of them.

    Raises:
        UnsafeFile, OSError: as `open_regular`.
        FileTooLarge: the file holds more than *limit* bytes (nothing more is read).
    """
    with open_regular(path, root, trusted=trusted) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(os.fspath(path), limit)
    return data


class FileTooLarge(OSError):
    """A file above the size a reader accepts."""

    def __init__(self, path: str, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit:,} bytes", path)
        self.limit = limit


def regular_size(path: Path) -> int | None:
    """The size of *path* when it is a regular file (links followed), else None."""
    try:
        st = path.stat()
    except (OSError, ValueError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


#: What Pillow warns of by itself: damaged metadata it then skips, and pictures above its
#: own pixel limit (`archive.photo.MAX_PIXELS` decides). Each such file is reported as a
#: problem of its own.
_PILLOW_NOTES = (
    "Image appears to be a malformed MPO file",
    "Corrupt EXIF data",
    "Possibly corrupt EXIF",
    "Truncated File Read",
    "Metadata Warning",
    r"Image size \(\d+ pixels\) exceeds limit",
)


def quiet_pillow() -> None:
    """Keep Pillow's warnings about damaged or large files off the user's terminal.

    Called once by each program entry (the command line, the window, worker processes),
    never on import: importing a module changes no warning filter.
    """
    for message in _PILLOW_NOTES:
        warnings.filterwarnings("ignore", message=message, category=Warning)
