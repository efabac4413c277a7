"""Writing the user's small files (basket, tags and notes, saved searches) safely, and
clearing what a killed writer left behind."""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tangthu.archive.guard import read_bytes

T = TypeVar("T")

#: A temporary file older than this whose writer cannot be told alive is left over.
STALE_SECONDS = 24 * 3600


def pid_alive(pid: int) -> bool | None:
    """Whether process *pid* runs (None: this system cannot say without side effects)."""
    if sys.platform == "win32":
        return None  # os.kill there ends the process: never ask that way
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return None
    return True


def remove_leftovers(
    folder: Path, pattern: re.Pattern[str], *, ours: Callable[[Path], bool] | None = None
) -> list[str]:
    """Remove the temporary files and folders in *folder* that a killed writer left.

    *pattern* matches their names; its group ``pid`` (when it matched) names the writer.
    A leftover goes when its writer is not running, or (where that cannot be told, or
    the name holds no process number) when it is older than `STALE_SECONDS`. A writer
    that is running keeps its file. With *ours*, only folders it says Tàng Thư wrote
    go, checked on the very folder removed (`remove_ours`): a name alone proves nothing
    in a folder of the user's. Returns the names removed.
    """
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    now = time.time()
    for name in names:
        m = pattern.fullmatch(name)
        if m is None:
            continue
        pid = m.groupdict().get("pid")
        alive = pid_alive(int(pid)) if pid else None
        if alive is None:
            try:
                alive = now - os.lstat(folder / name).st_mtime < STALE_SECONDS
            except OSError:
                continue
        if alive:
            continue
        path = folder / name
        try:
            if ours is not None:
                if not remove_ours(path, ours):
                    continue
            elif path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(name)
    return removed


class NotOurs(OSError):
    """A folder that was to be removed is not one Tàng Thư made (it was left as it was)."""


def remove_ours(path: Path, ours: Callable[[Path], bool]) -> bool:
    """Remove the folder *path* if *ours* says Tàng Thư made it, checking the very folder
    that is removed: it is first renamed to a name only this call knows, then checked,
    then removed; a folder that is not ours is renamed back. Someone swapping another
    folder in at *path* meanwhile gets it back.

    Returns False when there was nothing at *path*.

    Raises:
        NotOurs: the folder is not ours (it is where it was, or beside it under the
            name the message gives when its place was taken meanwhile).
        OSError: it could not be renamed (then nothing was removed).
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        raise NotOurs(errno.ENOTDIR, "not a folder; it was left as it was", str(path))
    aside = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.gone")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return False
    if not os.path.isdir(aside) or os.path.islink(aside) or not ours(aside):
        try:
            os.rename(aside, path)
        except OSError:
            raise NotOurs(
                errno.EEXIST, f"not made by Tàng Thư; it was kept as {aside.name}", str(path)
            ) from None
        raise NotOurs(errno.EPERM, "not made by Tàng Thư; it was left as it was", str(path))
    shutil.rmtree(aside, ignore_errors=True)
    return True


def storable(text: str) -> str:
    """*text* as the user's files keep it: NFC, and valid Unicode (a lone surrogate, which
    a pasted fragment or bytes of another encoding leave in a Python string and which no
    UTF-8 file can hold, becomes U+FFFD; a pair becomes its character)."""
    if not text.isascii():
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        text = unicodedata.normalize("NFC", text)
    return text


def read_items(path: Path, limit: int) -> list[Any] | None:
    """The ``items`` list of a store written as ``{"items": [...]}`` (None: no file).

    Raises:
        ValueError: the file cannot be read, is larger than *limit*, is not such JSON
            (it is then set aside by the caller, never emptied in place).
    """
    try:
        raw = read_bytes(path, limit=limit)
    except FileNotFoundError:
        return None
    except OSError as exc:  # unreadable, or larger than a store can be
        raise ValueError(str(exc)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise ValueError(str(exc)) from None
    entries = data.get("items") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError("no item list")
    return entries


def root_key(folder: str | os.PathLike[str]) -> str:
    """How the user's stores name a folder (an archive, a trusted folder): its real,
    absolute path, NFC."""
    return storable(str(Path(folder).expanduser().resolve()))


def checked_items(path: Path, limit: int, check: Callable[[Any], T]) -> tuple[list[T], Path | None]:
    """The entries of a store (`read_items`), each as *check* makes it, and where the
    store was set aside (None: it read well, or there was none). A store that cannot be
    read, or one entry of which *check* refuses (ValueError), is set aside whole: it
    gives no entries and is never emptied in place."""
    try:
        return [check(e) for e in read_items(path, limit) or []], None
    except ValueError:
        return [], set_aside(path)


def set_aside(path: Path) -> Path:
    """Keep a file that cannot be read under another name beside it (never emptied in
    place, so nothing the user wrote is lost); return where it is now (*path* itself when
    it could not be moved)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    try:
        os.replace(path, aside)
    except OSError:
        return path
    return aside


def write_atomically(path: Path, text: str, *, tidy: bool = True) -> None:
    """Write *text* to *path* whole or not at all: a temporary file beside it, flushed
    to disk, renamed over it (a kill at any moment leaves the old file or the new).

    With *tidy* (a folder of Tàng Thư's own: its data folder, an index), temporary files
    of this name that a killed writer left are removed first; in a folder of the user's
    nothing is removed (a name alone does not make a file ours).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.stem}-"
    if tidy:
        pattern = re.compile(re.escape(prefix) + r"(?:(?P<pid>\d+)-)?[\w]+\.tmp")
        remove_leftovers(path.parent, pattern)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{prefix}{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):  # the rename itself reaches the disk
        dir_fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
