"""What a command raises to stop: bad usage (exit 2) or work it could not do (exit 1)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tangthu import library
from tangthu.library import program, records


class UsageError(Exception):
    """Bad arguments: exit code 2."""


class CommandFailed(Exception):
    """The command could not do its work: exit code 1."""


def existing_dir(value: str) -> Path:
    """*value* as a path, when it names a folder.

    Raises:
        UsageError: it does not.
    """
    path = Path(value).expanduser()
    if not path.is_dir():
        raise UsageError(f"{value} is not a folder")
    return path


@contextmanager
def searching(root: Path, index_dir: str | None, shown: str) -> Iterator[library.Library]:
    """The archive at *root* opened for searching, closed afterwards; a missing index
    and a bad query become the command's failures (*shown*: the archive as typed)."""
    lib = library.Library(root, index_dir=index_dir)
    try:
        yield lib
    except records.IndexMissing as exc:
        raise CommandFailed(f"{exc} ({program.command_name()} index {shown})") from exc
    except records.MeaningMissing as exc:
        if exc.code == "meaning-not-built":
            raise CommandFailed(
                f"{exc} ({program.command_name()} index {shown} --meaning)"
            ) from exc
        raise CommandFailed(str(exc)) from exc
    except records.QueryError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        lib.close()
