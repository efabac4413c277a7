"""What every export shares: resolving items, safe names, all-or-nothing targets."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from tangthu.archive.annotations import Annotations
from tangthu.archive.article import (
    MAX_SIDECAR_BYTES,
    FolderListing,
    load_article,
    unusable_photo,
)
from tangthu.archive.corrections import Corrections
from tangthu.archive.corrections import apply as apply_correction
from tangthu.archive.errors import Failure
from tangthu.archive.formats import media_type
from tangthu.archive.guard import UnsafeFile, open_regular, regular_size
from tangthu.archive.locate import OutsideArchive, article_file, article_folder, photo_file
from tangthu.archive.model import Article, CancelToken, PhotoRef
from tangthu.archive.photo import read_photo_info
from tangthu.archive.selection import Item
from tangthu.archive.storage import remove_leftovers

Progress = Callable[[int, int], None]

_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
MAX_NAME_BYTES = 150


class ExportError(Failure):
    """An export that could not be made; the message says why and what to do."""

    code = "export-failed"


class TargetExists(ExportError):
    """The target exists and replacing it was not allowed."""

    code = "target-exists"


def safe_name(name: str) -> str:
    """A file or folder name every common file system accepts (NFC, no reserved names)."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip().rstrip(". ")
    if name in ("", ".", ".."):
        name = "_"
    if _RESERVED.match(name):
        name = "_" + name
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 8 and stem:
            name = stem[:-1] + "." + ext
        else:
            name = name[:-1]
    return name


def safe_relpath(rel: str) -> str:
    """A relative path made of safe names; ``..`` and absolute parts cannot escape."""
    parts = [p for p in rel.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return "/".join(safe_name(p) for p in parts) or "_"


@dataclass(slots=True)
class SinglePhoto:
    """A photo chosen by itself, with what its article says of it."""

    item: Item
    path: Path | None
    caption: str
    article: Article | None
    ref: PhotoRef | None


@dataclass(slots=True)
class Resolved:
    """The items of an export, read from the archive."""

    articles: list[tuple[Item, Article]] = field(default_factory=list)
    photos: list[SinglePhoto] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: the user's tags and notes, carried into the records of the export
    annotations: Annotations | None = None
    #: archive files the writer left out (`SourceSkipped`), by path
    skipped: set[str] = field(default_factory=set)
    #: per archive, the folders outside it that its links may lead to (`archive.trust`)
    trusted: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def allowed(self, root: str) -> tuple[str, ...]:
        """The folders outside *root* that an export may read files of."""
        return self.trusted.get(root, ())

    def skip(self, exc: SourceSkipped, rel: str) -> None:
        """Report a file the export leaves out; the rest goes on."""
        if str(exc.path) not in self.skipped:
            self.skipped.add(str(exc.path))
            self.problems.append(f"{rel}: {exc.reason}; it was left out.")

    def marks(self, root: str, key: str) -> tuple[tuple[str, ...], str]:
        """The tags and the note of the item *key* (``ID`` or ``ID#photo``) of *root*."""
        if self.annotations is None:
            return (), ""
        item = Item(root, *key.split("#", 1)) if "#" in key else Item(root, key)
        return self.annotations.tags(item), self.annotations.note(item)


def resolve(
    items: list[Item],
    *,
    cancel: CancelToken | None = None,
    corrections: Corrections | None = None,
    trusted: dict[str, tuple[str, ...]] | None = None,
) -> Resolved:
    """Load the articles and photos that *items* name (as *corrections* corrected
    them, links followed into the *trusted* folders of each archive); unknown ones
    become problems."""
    out = Resolved(trusted=dict(trusted or {}))
    cache: dict[tuple[str, str], Article | None] = {}

    def article(root: str, aid: str) -> Article | None:
        key = (root, aid)
        if key not in cache:
            try:
                path = article_file(root, aid)
            except OutsideArchive:
                path = None
            loaded = load_article(root, path, trusted=out.allowed(root)) if path else None
            fix = corrections.get(root, aid) if corrections is not None and loaded else None
            cache[key] = apply_correction(loaded, fix.fields) if loaded and fix else loaded
        return cache[key]

    for item in items:
        if cancel is not None:
            cancel.check()
        art = article(item.root, item.article_id)
        if art is None:
            out.problems.append(f"{item.key}: no such article in {item.root}; it was left out.")
            continue
        if not item.is_photo:
            out.articles.append((item, art))
            continue
        ref = next((p for p in art.photos if p.file == item.file), None)
        if ref is not None and ref.address:
            out.problems.append(
                f"{item.key}: the picture was not saved with its page (only its address, "
                f"{ref.address}, is kept); it was left out."
            )
            continue
        if ref is not None and not ref.exists:
            why = next(
                (p.detail for p in art.problems if p.path and Path(p.path).name == item.file),
                "the photo file is missing",
            )
            out.problems.append(f"{item.key}: {why}; it was left out.")
            continue
        path = Path(ref.path) if ref and ref.path else None
        if path is None:  # a photo of the folder that the article does not name
            path = photo_file(item.root, art.id, item.file)
            unusable = unusable_photo(path, item.file, item.root) if path is not None else None
            if unusable is not None:
                out.problems.append(f"{item.key}: {unusable.detail}; it was left out.")
                continue
        if path is None:
            out.problems.append(f"{item.key}: the photo file is missing; it was left out.")
            continue
        if ref is None or ref.info is None:
            ref = PhotoRef(
                item.file,
                ref.caption if ref else None,
                True,
                str(path),
                read_photo_info(path, root=item.root),
            )
        out.photos.append(SinglePhoto(item, path, ref.caption or "", art, ref))
    return out


def article_files(item: Item, article: Article) -> list[tuple[Path, str]]:
    """(source, relative path) of an article's text file, sidecar and existing photos."""
    root = Path(item.root)
    text = article_file(root, article.id)
    files: list[tuple[Path, str]] = []
    if text is not None:
        files.append((text, article.id))
    folder = article_folder(root, article.id)
    listing = FolderListing(folder) if folder is not None else FolderListing(root, [])
    for sidecar in (Path(article.id).with_suffix(".json").name, "metadata.json"):
        found = listing.find(sidecar)
        size = regular_size(found) if found is not None else None
        # a sidecar the reader refused for its size is not part of the article as read
        if found is not None and size is not None and size <= MAX_SIDECAR_BYTES:
            files.append((found, _join(article.folder, found.name)))
    seen: set[str] = set()
    for ref in article.photos:
        if ref.exists and ref.path and ref.path not in seen:
            seen.add(ref.path)
            files.append((Path(ref.path), _rel(root, Path(ref.path), article.id, ref.file)))
    return files


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _rel(root: Path, path: Path, article_id: str, name: str) -> str:
    """Where a photo goes in an export: its place in the archive, or, for a picture
    taken out of the article's file, ``NAME_files/PICTURE`` beside that file."""
    try:
        return unicodedata.normalize("NFC", path.relative_to(root).as_posix())
    except ValueError:
        return _join(article_id.rpartition("/")[0], name)


def payload(resolved: Resolved, *, multi_root: bool) -> list[tuple[Path, str, Item]]:
    """Every file to copy: (source, safe relative target path, item), each once."""
    out: list[tuple[Path, str, Item]] = []
    seen: set[str] = set()

    def add(src: Path, rel: str, item: Item) -> None:
        key = str(src)
        if key in seen:
            return
        seen.add(key)
        if multi_root:
            rel = f"{Path(item.root).name or 'archive'}/{rel}"
        out.append((src, safe_relpath(rel), item))

    for item, art in resolved.articles:
        for src, rel in article_files(item, art):
            add(src, rel, item)
    for photo in resolved.photos:
        if photo.path is not None:
            rel = _rel(Path(photo.item.root), photo.path, photo.item.article_id, photo.item.file)
            add(photo.path, rel, photo.item)
    return out


def shown_date(article: Article) -> str:
    """The article's date as export pages show it: a guess is marked as one."""
    if not article.date:
        return ""
    if article.date_estimated:
        return f"≈ {article.date} (ước tính)"
    return article.date


def dublin_core(article: Article, tags: tuple[str, ...] = (), note: str = "") -> dict[str, str]:
    """The article's Dublin Core record (empty values left out); the user's *tags* join
    its subject, and the user's *note* comes after its description."""
    record = {
        "title": article.title,
        "creator": article.author or "",
        "date": article.date or "",
        "date_estimated": "yes" if article.date and article.date_estimated else "",
        # the fields a librarian corrected (the file said otherwise)
        "corrected": ", ".join(field for field, _was in article.corrected),
        "publisher": article.outlet or "",
        "source": article.source_url or "",
        "identifier": article.id,
        "description": "\n\n".join(
            x for x in (_description(article), note and f"Ghi chú: {note}") if x
        ),
        "relation": "; ".join(r.title for r in article.related),
        "subject": "; ".join(x for x in (article.subject, *tags) if x),
        "type": "Text",
        "format": media_type(article.format),
        "language": "vi",
    }
    return {k: v for k, v in record.items() if v}


def _description(article: Article) -> str:
    """What describes the article: a librarian's description, else its lead."""
    if any(field == "description" for field, _was in article.corrected):
        return article.description or ""
    return article.lead


#: The file every folder export of Tàng Thư holds: what it is and which files it wrote.
#: Only a folder holding it (and nothing else than what it lists) is ever replaced.
MARKER = ".tangthu-export.json"
#: An export is written in a folder of its own beside its target, ``.NAME.PID-RANDOM.part``,
#: which holds `PART_MARKER` (Tàng Thư's, with the writer's process) and the export
#: itself; a leftover of a killed export is removed only when it holds that file.
_PART = re.compile(r"\..+\.(?P<pid>\d+)-[0-9a-f]{8}\.part")
PART_MARKER = ".tangthu-part.json"
_PROGRAM = "Tàng Thư"


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(Path(path).expanduser()))


def _within(path: str, folder: str) -> bool:
    base = folder if folder.endswith(os.sep) else folder + os.sep
    return path == folder or path.startswith(base)


def check_target(
    target: Path, roots: list[str], *, force: bool, protected: Iterable[str] = ()
) -> None:
    """Refuse a target that is, holds or lies inside an archive (*roots* and every
    *protected* folder, such as the other archives the user opened), and an existing one
    unless *force* allows replacing it and it may be replaced (`replaceable`).

    Raises:
        ExportError: the target touches an archive, may not be replaced, or its folder
            is missing.
        TargetExists: it exists and *force* is false.
    """
    real = _real(target)
    for root in dict.fromkeys([*roots, *protected]):
        r = _real(root)
        if _within(real, r):
            raise ExportError(
                f"{target} is inside the archive {root}, which Tàng Thư never writes to; "
                "choose a folder outside it.",
                code="target-in-archive",
                target=str(target),
                root=str(root),
            )
        if _within(r, real):
            raise ExportError(
                f"{target} holds the archive {root}; an export never replaces it. "
                "Choose a new name for the export.",
                code="target-holds-archive",
                target=str(target),
                root=str(root),
            )
    if os.path.lexists(target):
        if not force:
            raise TargetExists(
                f"{target} exists already; choose another name or allow replacing it.",
                target=str(target),
            )
        replaceable(target)
    if not target.parent.is_dir():
        raise ExportError(
            f"The folder {target.parent} does not exist; create it first.",
            code="folder-missing",
            folder=str(target.parent),
        )


def replaceable(target: Path) -> str:
    """How an existing *target* may be replaced: ``file`` (one file or a link), ``empty``
    (an empty folder) or ``export`` (a folder a previous export wrote, holding nothing
    else than what it wrote).

    Raises:
        ExportError: any other folder (code ``target-not-export``): it is never replaced.
    """
    if target.is_symlink() or not target.is_dir():
        return "file"
    try:
        names = os.listdir(target)
    except OSError as exc:
        raise _not_export(target, f"it cannot be read ({exc.strerror or exc})") from exc
    if not names:
        return "empty"
    try:
        with open(target / MARKER, encoding="utf-8") as f:
            marker = json.load(f)
        listed = set(marker["files"]) if marker.get("program") == "Tàng Thư" else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        listed = None
    if listed is None:
        raise _not_export(target, "it is not a folder an export of Tàng Thư wrote")
    for here, folders, files in os.walk(target):
        folders.sort()
        for name in sorted(files):
            rel = Path(here, name).relative_to(target).as_posix()
            if rel != MARKER and unicodedata.normalize("NFC", rel) not in listed:
                raise _not_export(target, f"it holds {rel}, which Tàng Thư did not write")
    return "export"


def _not_export(target: Path, why: str) -> ExportError:
    return ExportError(
        f"{target} is a folder that an export may not replace: {why}. Nothing was "
        "replaced; choose a new name.",
        code="target-not-export",
        target=str(target),
        reason=why,
    )


def write_marker(folder: Path, fmt: str) -> None:
    """Sign a finished folder export: `MARKER` lists every file in it."""
    files = sorted(
        unicodedata.normalize("NFC", Path(here, name).relative_to(folder).as_posix())
        for here, _dirs, names in os.walk(folder)
        for name in names
    )
    record = {
        "program": "Tàng Thư",
        "format": fmt,
        "written": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "files": files,
    }
    (folder / MARKER).write_text(json.dumps(record, ensure_ascii=False, indent=0), "utf-8")


@contextmanager
def atomic_target(target: Path, *, directory: bool, force: bool) -> Iterator[Path]:
    """Yield a temporary path beside *target*; rename it to *target* only on success.

    A cancel, an error or a full disk leaves no half-written target behind. An existing
    target is replaced only as `replaceable` allows, checked on the very folder that is
    replaced, when it is replaced (`_replace`). The temporary folders of exports killed
    earlier in the same folder are removed first (only those that hold `PART_MARKER`).
    """
    parent = target.parent
    remove_leftovers(parent, _PART, ours=_is_part)
    try:
        part = _new_part(parent, target.name)
        tmp = part / target.name
        if directory:
            os.mkdir(tmp, 0o777)
        else:
            os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except OSError as exc:
        raise ExportError(
            f"Cannot write in {parent}: {exc.strerror or exc}.",
            code="not-writable",
            folder=str(parent),
        ) from exc
    try:
        yield tmp
        _replace(tmp, target, force=force)
    except BaseException as exc:
        shutil.rmtree(part, ignore_errors=True)
        if isinstance(exc, OSError) and not isinstance(exc, ExportError):
            raise _disk_error(exc, target) from exc
        raise
    _remove_part(part)


def _replace(new: Path, target: Path, *, force: bool) -> None:
    """Put the finished export *new* at *target*, replacing what is there only as
    `replaceable` allows: a file by a rename over it; an empty folder by removing it
    (which fails if anything was put in it); a previous export by renaming it aside
    first, then checking the folder held so (someone swapping a folder of theirs in
    at *target* meanwhile gets it back), then removing only the files its marker lists.

    Raises:
        TargetExists: *target* appeared and *force* is false.
        ExportError: what is at *target* may not be replaced.
    """
    if not os.path.lexists(target):
        os.rename(new, target)  # (a target that appears meanwhile fails the rename)
        return
    if not force:
        raise TargetExists(
            f"{target} appeared while exporting; nothing was replaced.", target=str(target)
        )
    how = replaceable(target)
    if how == "file":
        if new.is_dir():
            _unlink_not_folder(target)
            os.rename(new, target)
        else:
            os.replace(new, target)  # a folder swapped in meanwhile makes it fail
        return
    if how == "empty":
        os.rmdir(target)  # fails when something was put in it meanwhile
        os.rename(new, target)
        return
    # (not a .part name: a kill right here leaves the old export for the user to see)
    old = target.parent / f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.old"
    os.rename(target, old)
    try:
        listed = _listed_export(old)  # the folder held now: what will be removed
    except ExportError:
        _put_back(old, target)
        raise
    os.rename(new, target)
    _remove_listed(old, listed)


def _unlink_not_folder(path: Path) -> None:
    st = os.lstat(path)
    if stat.S_ISDIR(st.st_mode):
        raise _not_export(path, "it became a folder while exporting")
    os.unlink(path)


def _put_back(old: Path, target: Path) -> None:
    try:
        os.rename(old, target)
    except OSError:
        pass  # its place was taken again: it stays, under the name *old*


def _listed_export(folder: Path) -> set[str]:
    """The files a previous export *folder* holds, all of them listed by its marker.

    Raises:
        ExportError: it is not such a folder.
    """
    if replaceable(folder) != "export":
        raise _not_export(folder, "it is not a folder an export of Tàng Thư wrote")
    with open(folder / MARKER, encoding="utf-8") as f:
        return {unicodedata.normalize("NFC", str(n)) for n in json.load(f)["files"]}


def _remove_listed(folder: Path, listed: set[str]) -> None:
    """Remove the files of an old export that its marker lists, then its folders as they
    empty: whatever else is in it (put there while it was replaced) stays."""
    for here, _dirs, files in os.walk(folder, topdown=False):
        for name in files:
            path = Path(here, name)
            rel = unicodedata.normalize("NFC", path.relative_to(folder).as_posix())
            if rel in listed or rel == MARKER:
                try:
                    path.unlink()
                except OSError:
                    pass
        try:
            os.rmdir(here)
        except OSError:
            pass


def _new_part(parent: Path, name: str) -> Path:
    """A new folder beside the target for the export to be written in, holding
    `PART_MARKER`.

    Created with the usual modes (0666/0777 less the user's umask), not the private
    0600/0700 of `tempfile`: the renamed export must open for whoever may read the
    folder it lands in, as any file the user saves would.
    """
    for _ in range(100):
        part = parent / f".{name}.{os.getpid()}-{secrets.token_hex(4)}.part"
        try:
            os.mkdir(part, 0o777)
        except FileExistsError:
            continue
        record = {"program": _PROGRAM, "pid": os.getpid(), "target": name}
        (part / PART_MARKER).write_text(json.dumps(record, ensure_ascii=False), "utf-8")
        return part
    raise FileExistsError(f"no free temporary name in {parent}")


def _is_part(folder: Path) -> bool:
    """Whether *folder* is the temporary folder of an export of Tàng Thư."""
    try:
        with open(folder / PART_MARKER, encoding="utf-8") as f:
            record = json.loads(f.read(4096))
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and record.get("program") == _PROGRAM


def _remove_part(part: Path) -> None:
    """The temporary folder of a finished export: its marker, then itself (empty)."""
    try:
        (part / PART_MARKER).unlink()
        os.rmdir(part)
    except OSError:
        pass


def _disk_error(exc: OSError, target: Path) -> ExportError:
    import errno

    folder = str(target.parent)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportError(
            f"The disk holding {folder} is full; nothing was written. Free some space.",
            code="disk-full",
            folder=folder,
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError(
            f"Tàng Thư may not write to {folder}; choose another folder.",
            code="not-writable",
            folder=folder,
        )
    return ExportError(
        f"Writing {target} failed ({exc.strerror or exc}); nothing was written.",
        code="write-failed",
        target=str(target),
        reason=str(exc.strerror or exc),
    )


class SourceSkipped(Exception):
    """An archive file an export leaves out (a pipe, a link out of the archive, gone,
    unreadable); the export reports it and goes on."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(slots=True)
class Copied:
    """What copying one file found: its size and SHA-256."""

    size: int
    sha256: str


def open_source(src: Path, root: str, trusted: tuple[str, ...] = ()) -> BinaryIO:
    """An archive file opened for an export, through the guard (`open_regular`; links
    may lead into the *trusted* folders).

    Raises:
        SourceSkipped: it is not a regular file inside the archive, or cannot be opened.
    """
    try:
        return open_regular(src, root, trusted=trusted)
    except UnsafeFile as exc:
        raise SourceSkipped(src, exc.detail) from exc
    except OSError as exc:
        raise SourceSkipped(src, str(exc.strerror or exc)) from exc


def stream(f: BinaryIO, write: Callable[[bytes], object]) -> Copied:
    """Hand the bytes of *f* to *write* in blocks; return their size and SHA-256."""
    h = hashlib.sha256()
    size = 0
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
        size += len(block)
        write(block)
    return Copied(size, h.hexdigest())


def copy_file(src: Path, dst: Path, root: str, trusted: tuple[str, ...] = ()) -> Copied:
    """Copy an archive file's bytes and modification time (never touching *src*).

    Raises:
        SourceSkipped: *src* may not or cannot be read (nothing is written).
        OSError: writing *dst* failed.
    """
    with open_source(src, root, trusted) as f:
        dst.parent.mkdir(parents=True, exist_ok=True)
        with open(dst, "wb") as out:
            copied = stream(f, out.write)
        st = os.fstat(f.fileno())
    os.utime(dst, ns=(st.st_atime_ns, st.st_mtime_ns))
    return copied


def tick(progress: Progress | None, cancel: CancelToken | None, done: int, total: int) -> None:
    if cancel is not None:
        cancel.check()
    if progress is not None:
        progress(done, total)


def photo_record(
    photo_path: Path | None,
    ref: PhotoRef | None,
    article: Article | None,
    item: Item,
    marks: tuple[tuple[str, ...], str] = ((), ""),
) -> dict[str, Any]:
    """A photo's row; *marks* are the user's tags and note on it."""
    info = (
        ref.info
        if ref and ref.info
        else (read_photo_info(photo_path, root=item.root) if photo_path else None)
    )
    return {
        "tags": "; ".join(marks[0]),
        "note": marks[1],
        "kind": "photo",
        "identifier": f"{article.id if article else item.article_id}#"
        f"{ref.file if ref else item.file}",
        "title": article.title if article else "",
        "file": ref.file if ref else item.file,
        "caption": (ref.caption if ref else "") or "",
        "embedded_caption": (info.embedded_caption if info else None) or "",
        "width": info.width if info else None,
        "height": info.height if info else None,
        "taken": (info.taken if info else None) or "",
        "bytes": regular_size(photo_path) if photo_path else None,
        "date": article.date if article and article.date else "",
        "publisher": article.outlet if article and article.outlet else "",
        "source": article.source_url if article and article.source_url else "",
        "type": "StillImage",
    }
