"""What every export shares: resolving items, safe names, all-or-nothing targets."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tangthu.archive.annotations import Annotations
from tangthu.archive.article import FolderListing, load_article
from tangthu.archive.errors import Failure
from tangthu.archive.locate import OutsideArchive, article_file, article_folder, photo_file
from tangthu.archive.model import Article, CancelToken, PhotoRef
from tangthu.archive.photo import read_photo_info
from tangthu.archive.selection import Item

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

    def marks(self, root: str, key: str) -> tuple[tuple[str, ...], str]:
        """The tags and the note of the item *key* (``ID`` or ``ID#photo``) of *root*."""
        if self.annotations is None:
            return (), ""
        item = Item(root, *key.split("#", 1)) if "#" in key else Item(root, key)
        return self.annotations.tags(item), self.annotations.note(item)


def resolve(items: list[Item], *, cancel: CancelToken | None = None) -> Resolved:
    """Load the articles and photos that *items* name; unknown ones become problems."""
    out = Resolved()
    cache: dict[tuple[str, str], Article | None] = {}

    def article(root: str, aid: str) -> Article | None:
        key = (root, aid)
        if key not in cache:
            try:
                path = article_file(root, aid)
            except OutsideArchive:
                path = None
            cache[key] = load_article(root, path) if path is not None else None
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
        path = Path(ref.path) if ref and ref.path else None
        if path is None:
            path = photo_file(item.root, art.id, item.file)
        if path is None:
            out.problems.append(f"{item.key}: the photo file is missing; it was left out.")
            continue
        if ref is None or ref.info is None:
            ref = PhotoRef(
                item.file, ref.caption if ref else None, True, str(path), read_photo_info(path)
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
        if found is not None and found.is_file():
            files.append((found, _join(article.folder, found.name)))
    seen: set[str] = set()
    for ref in article.photos:
        if ref.exists and ref.path and ref.path not in seen:
            seen.add(ref.path)
            files.append((Path(ref.path), _rel(root, Path(ref.path))))
    return files


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _rel(root: Path, path: Path) -> str:
    return unicodedata.normalize("NFC", path.relative_to(root).as_posix())


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
            add(photo.path, _rel(Path(photo.item.root), photo.path), photo.item)
    return out


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def shown_date(article: Article) -> str:
    """The article's date as export pages show it: an EXIF guess is marked as one."""
    if not article.date:
        return ""
    if article.date_estimated:
        return f"≈ {article.date} (ước tính theo ngày chụp ảnh)"
    return article.date


def dublin_core(article: Article, tags: tuple[str, ...] = (), note: str = "") -> dict[str, str]:
    """The article's Dublin Core record (empty values left out); the user's *tags* join
    its subject, and the user's *note* comes after its description."""
    record = {
        "title": article.title,
        "creator": article.author or "",
        "date": article.date or "",
        "date_estimated": "yes" if article.date and article.date_estimated else "",
        "publisher": article.outlet or "",
        "source": article.source_url or "",
        "identifier": article.id,
        "description": "\n\n".join(x for x in (article.lead, note and f"Ghi chú: {note}") if x),
        "relation": "; ".join(r.title for r in article.related),
        "subject": "; ".join(x for x in (article.subject, *tags) if x),
        "type": "Text",
        "language": "vi",
    }
    return {k: v for k, v in record.items() if v}


def check_target(target: Path, roots: list[str], *, force: bool) -> None:
    """Refuse targets inside an archive root, and existing ones unless *force*."""
    resolved = target.resolve()
    for root in roots:
        r = Path(root).resolve()
        if resolved == r or r in resolved.parents:
            raise ExportError(
                f"{target} is inside the archive {root}, which Tàng Thư never writes to; "
                "choose a folder outside it.",
                code="target-in-archive",
                target=str(target),
                root=str(root),
            )
    if target.exists() and not force:
        raise TargetExists(
            f"{target} exists already; choose another name or allow replacing it.",
            target=str(target),
        )
    if not target.parent.is_dir():
        raise ExportError(
            f"The folder {target.parent} does not exist; create it first.",
            code="folder-missing",
            folder=str(target.parent),
        )


@contextmanager
def atomic_target(target: Path, *, directory: bool, force: bool) -> Iterator[Path]:
    """Yield a temporary path beside *target*; rename it to *target* only on success.

    A cancel, an error or a full disk leaves no half-written target behind.
    """
    parent = target.parent
    try:
        tmp = _new_part(parent, target.name, directory=directory)
    except OSError as exc:
        raise ExportError(
            f"Cannot write in {parent}: {exc.strerror or exc}.",
            code="not-writable",
            folder=str(parent),
        ) from exc
    try:
        yield tmp
        if target.exists():
            if not force:
                raise TargetExists(
                    f"{target} appeared while exporting; nothing was replaced.",
                    target=str(target),
                )
            old = parent / f".{target.name}.old"
            _remove(old)
            os.replace(target, old)
            os.replace(tmp, target)
            _remove(old)
        else:
            os.replace(tmp, target)
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, ExportError):
            raise _disk_error(exc, target) from exc
        raise


def _new_part(parent: Path, name: str, *, directory: bool) -> Path:
    """A new, empty temporary file or folder beside the target.

    Created with the usual modes (0666/0777 less the user's umask), not the private
    0600/0700 of `tempfile`: the renamed export must open for whoever may read the
    folder it lands in, as any file the user saves would.
    """
    for _ in range(100):
        tmp = parent / f".{name}.{secrets.token_hex(4)}.part"
        try:
            if directory:
                os.mkdir(tmp, 0o777)
            else:
                os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"no free temporary name in {parent}")


def _disk_error(exc: OSError, target: Path) -> ExportError:
    import errno

    folder = str(target.parent)
    if exc.errno == errno.ENOSPC:
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


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def copy_file(src: Path, dst: Path) -> int:
    """Copy bytes and modification time (never touching *src*); return the size."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    st = src.stat()
    os.utime(dst, ns=(st.st_atime_ns, st.st_mtime_ns))
    return st.st_size


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
    info = ref.info if ref and ref.info else (read_photo_info(photo_path) if photo_path else None)
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
        "bytes": photo_path.stat().st_size if photo_path and photo_path.exists() else None,
        "date": article.date if article and article.date else "",
        "publisher": article.outlet if article and article.outlet else "",
        "source": article.source_url if article and article.source_url else "",
        "type": "StillImage",
    }
