"""Where indexes live, their manifest, swapping a rebuilt index in: the same for every engine."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import unicodedata
import uuid
from pathlib import Path
from typing import Any, cast

from tangthu.archive.paths import data_dir
from tangthu.archive.storage import NotOurs, remove_leftovers, remove_ours
from tangthu.index.engine import IndexBusy, IndexFailure, IndexMissing

__all__ = [
    "FILES",
    "MANIFEST",
    "MARK",
    "mark",
    "archive_root",
    "damaged",
    "SCHEMA_VERSION",
    "IndexBusy",
    "IndexFailure",
    "IndexMissing",
    "index_dir_for",
    "holds_only_an_index",
    "is_index_folder",
    "known_roots",
    "read_manifest",
    "recover",
    "remove_tree",
    "write_manifest",
]

MANIFEST = "tangthu-manifest.json"
#: The file that makes a folder an index folder of Tàng Thư: written first, into a new
#: or empty folder, before any engine's file. Only a folder holding it (or, made before
#: it existed, our manifest) is ever emptied, rebuilt or removed; an engine's own files
#: (``meta.json``, ``_MAIN_1.toc``) prove nothing, other programs write such names.
MARK = "tangthu-index.json"
_PROGRAM = "Tàng Thư"
#: Beside the manifest: the fingerprint of every article indexed (read only to update).
FILES = "tangthu-files.json"
#: Beside the manifest: the archive root the index is of (one line, read without the
#: manifest's list of every article).
ROOT_FILE = "tangthu-root.txt"

#: Bump when what an index holds changes (any engine): an index of another version is rebuilt.
#: 6: the modules moved under ``tangthu.`` (Whoosh's index names its classes by module);
#: the author is stored for lists. 7: a code's parts each have a position of their own
#: (phrases match across punctuation, alike in every engine).
SCHEMA_VERSION = 9


def index_dir_for(
    root: str | os.PathLike[str], index_dir: str | os.PathLike[str] | None = None
) -> Path:
    """The index folder of an archive root: *index_dir*, else one in the data folder.

    The name is readable (the root's last part) and unique (a hash of its full path).
    """
    if index_dir:
        return Path(index_dir)
    resolved = unicodedata.normalize("NFC", str(Path(root).resolve()))
    digest = hashlib.sha1(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    slug = re.sub(r"[^\w.-]+", "-", Path(resolved).name, flags=re.UNICODE).strip("-") or "root"
    return data_dir() / "indexes" / f"{slug[:40]}-{digest}"


#: The most the manifest and the list of fingerprints may hold (a million articles'
#: fingerprints are some 100 MB).
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
MAX_FILES_BYTES = 1024 * 1024 * 1024


def _json_file(path: Path, limit: int) -> Any:
    """A JSON file of an index folder, or None: read only when it is a regular file (a
    pipe is not waited on) of at most *limit* bytes, and JSON."""
    from tangthu.archive.guard import read_bytes

    try:
        return json.loads(read_bytes(path, limit=limit).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def _text_map(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _valid(data: dict[str, Any]) -> bool:
    """Whether a manifest holds each of its values in the type the program reads it as
    (one copied from elsewhere, or damaged, may hold anything)."""
    for key, kind in (
        ("engine", str),
        ("root", str),
        ("complete", bool),
        ("files", str),
        ("reader", int),
    ):
        if key in data and not isinstance(data[key], kind):
            return False
    counts = data.get("counts")
    if counts is not None and not (
        isinstance(counts, dict)
        and all(type(counts.get(k)) is int and counts[k] >= 0 for k in ("articles", "photos"))
    ):
        return False
    problems = data.get("problems", [])
    if not isinstance(problems, list) or not all(
        isinstance(p, dict) and set(p) == {"kind", "path", "detail"} and _text_map(p)
        for p in problems
    ):
        return False
    return "articles" not in data or _text_map(data["articles"])


def write_array(path: Path, array: Any, dtype: str) -> None:
    """A NumPy array (as *dtype*) to *path*, whole or not at all: a temporary file beside
    it (``.NAME-PID.npy.tmp``), flushed, renamed. Written by Python's own file writes,
    so that a full disk says so (NumPy's own writing says only how many bytes it wrote)."""
    import numpy as np

    data = np.ascontiguousarray(array, dtype=dtype)
    tmp = path.with_name(f".{path.stem}-{os.getpid()}{path.suffix}.tmp")
    try:
        with open(tmp, "wb") as f:
            fmt = np.lib.format
            fmt.write_array_header_1_0(f, fmt.header_data_from_array_1_0(data))
            view = memoryview(cast(Any, data.reshape(-1))).cast("B")
            for start in range(0, len(view), 1 << 24):
                f.write(view[start : start + (1 << 24)])
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)


def read_manifest(path: Path, with_files: bool = False) -> dict[str, Any] | None:
    """The manifest of the index at *path*, or None (none, damaged, or of another version).

    With *with_files*, its ``articles`` (each article's fingerprint) are read too, from
    the list beside it: tens of megabytes at a million articles, which a search never
    needs. A list that is missing or not the one the manifest names is left out.
    """
    data = _json_file(path / MANIFEST, MAX_MANIFEST_BYTES)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION or not _valid(data):
        return None
    if not with_files:
        data.pop("articles", None)  # a manifest written before the list had its own file
    elif "articles" not in data and data.get("files"):
        files = _json_file(path / FILES, MAX_FILES_BYTES)
        if isinstance(files, dict) and files.get("token") == data["files"]:
            articles = files.get("articles") or {}
            if _text_map(articles):
                data["articles"] = articles
    return data


def write_manifest(path: Path, data: dict[str, Any]) -> None:
    """Write the manifest atomically (temporary file, then rename), and the root file.

    Its ``articles`` go to a file of their own, written first, which the manifest names
    by a token of its own: a run killed between the two leaves a list the manifest
    does not name, and the next run reads the fingerprints back from the index.
    """
    data = {**data, "schema": SCHEMA_VERSION}
    if "articles" in data:
        token = uuid.uuid4().hex
        files = {"token": token, "articles": data.pop("articles")}
        tmp = path / (FILES + ".tmp")
        tmp.write_text(json.dumps(files, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path / FILES)
        data["files"] = token
    tmp = path / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path / MANIFEST)
    root = data.get("root")
    if isinstance(root, str) and _read_root(path) != root:
        tmp = path / (ROOT_FILE + ".tmp")
        tmp.write_text(root + "\n", encoding="utf-8")
        os.replace(tmp, path / ROOT_FILE)


def _read_root(path: Path) -> str | None:
    from tangthu.archive.guard import read_bytes

    try:
        return read_bytes(path / ROOT_FILE, limit=1 << 16).decode("utf-8").strip() or None
    except (OSError, ValueError):
        return None


def known_roots(folder: Path | None = None) -> list[str]:
    """The archive roots that have an index in the data folder (or *folder*): the archives
    this user has opened, which an export may never overwrite."""
    base = folder if folder is not None else data_dir() / "indexes"
    try:
        entries = sorted(os.scandir(base), key=lambda e: e.name)
    except OSError:
        return []
    roots = []
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False):
            continue
        root = _read_root(Path(entry.path))
        if root is None:  # an index written before the root file: its manifest says
            manifest = read_manifest(Path(entry.path))
            found = (manifest or {}).get("root")
            root = found if isinstance(found, str) else None
        if root:
            roots.append(root)
    return roots


def mark(path: Path) -> None:
    """Make *path* (new, empty, or an index of ours) an index folder: create it and
    write `MARK` in it when it is not there."""
    path.mkdir(parents=True, exist_ok=True)
    if _marked(path):
        return
    record = {
        "program": _PROGRAM,
        "made": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    tmp = path / (MARK + ".tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path / MARK)


def _marked(path: Path) -> bool:
    record = _json_file(path / MARK, 4096)
    return isinstance(record, dict) and record.get("program") == _PROGRAM


def _old_manifest(path: Path) -> bool:
    """Whether *path* holds a manifest of ours (an index made before `MARK` existed)."""
    data = _json_file(path / MANIFEST, MAX_MANIFEST_BYTES)
    return isinstance(data, dict) and isinstance(data.get("schema"), int) and "engine" in data


def is_index_folder(path: Path) -> bool:
    """Whether *path* is a folder Tàng Thư made to hold an index (`MARK`)."""
    return _marked(path) or _old_manifest(path)


def recover(path: Path) -> None:
    """Finish or undo a swap that a killed process left half done.

    A rebuilt index is complete once its manifest says so (the last step before
    the swap); otherwise the previous index is put back. Only folders of ours move.
    What a run killed while it removed an old index left (``.NAME.PID-RANDOM.gone``,
    see `remove_tree`) is removed.
    """
    pattern = re.compile(
        rf"\.{re.escape(path.name)}(?:\.new|\.old)?\.(?P<pid>\d+)-[0-9a-f]{{8}}\.gone"
    )
    remove_leftovers(path.parent, pattern, ours=lambda p: not os.listdir(p) or is_index_folder(p))
    if path.exists():
        return
    new = path.with_name(path.name + ".new")
    old = path.with_name(path.name + ".old")
    manifest = read_manifest(new) if new.is_dir() and is_index_folder(new) else None
    if manifest is not None and manifest.get("complete"):
        os.replace(new, path)
    elif old.is_dir() and is_index_folder(old):
        os.replace(old, path)


def swap_in(new: Path, path: Path) -> None:
    """Replace the index at *path* by the complete one at *new*."""
    old = path.with_name(path.name + ".old")
    remove_tree(old)
    if path.exists():
        os.replace(path, old)
    os.replace(new, path)
    remove_tree(old)


def remove_tree(path: Path) -> None:
    """Remove the index folder *path*: only when it is one (`is_index_folder`) or empty,
    checked on the very folder removed (`tangthu.archive.storage.remove_ours`).

    Raises:
        IndexFailure: *path* is a folder of other files (it is left as it was).
    """
    try:
        remove_ours(path, lambda p: not os.listdir(p) or is_index_folder(p))
    except NotOurs as exc:
        raise _taken(path) from exc


def _taken(path: Path) -> IndexFailure:
    return IndexFailure(
        f"The index folder {path} holds other files; an index is built only in a new "
        "or empty folder (or in its own). Choose another folder.",
        code="index-folder-taken",
        folder=str(path),
    )


def holds_only_an_index(path: Path) -> bool:
    """Whether *path* is missing, empty, or an index folder of Tàng Thư (`MARK`): only
    such a folder is ever removed or rebuilt."""
    try:
        names = os.listdir(path)
    except FileNotFoundError:
        return True
    except NotADirectoryError:
        return False
    return not names or is_index_folder(path)


def archive_root(path: Path, root: str | os.PathLike[str] | None) -> Path:
    """The archive an index at *path* is of: *root* when given, else its manifest's.

    Raises:
        IndexMissing: there is no usable index at *path*.
    """
    manifest = read_manifest(path)
    if manifest is None:
        raise IndexMissing(f"No usable index at {path}; run the index command.", path=str(path))
    return Path(root) if root is not None else Path(manifest.get("root") or ".")


def damaged(path: Path, exc: Exception) -> IndexMissing:
    """The failure of an index whose files an engine cannot open."""
    return IndexMissing(
        f"The index at {path} cannot be opened ({exc}); run index --rebuild.",
        code="index-damaged",
        path=str(path),
    )
