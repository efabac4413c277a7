"""Articles of any format: `load_article` reads an article file from an archive root with
its format's reader (`tangthu.archive.formats`), resolves its photos in its folder,
dates it (`tangthu.archive.dates`) and applies a sidecar.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

from tangthu.archive.dates import folder_date, infer_date, sidecar_date
from tangthu.archive.decode import DecodeError, decode
from tangthu.archive.embedded import keep
from tangthu.archive.formats import ArticleReader, ReadFailure, reader_for
from tangthu.archive.formats.parsed import MAX_ARTICLE_BYTES, MAX_PHOTOS, ParsedText
from tangthu.archive.guard import (
    FileTooLarge,
    UnsafeFile,
    open_regular,
    outside_target,
    read_bytes,
)
from tangthu.archive.model import Article, PhotoRef, Problem, is_address
from tangthu.archive.outlet import canonical_outlet
from tangthu.archive.photo import IMAGE_EXTENSIONS, read_photo_info

logger = logging.getLogger(__name__)


#: Missing photos reported one by one for an article; the rest in one line.
MAX_MISSING_REPORTED = 20


#: Sidecars larger than this are not read (a Dublin Core record is a few hundred bytes).
MAX_SIDECAR_BYTES = 1024 * 1024


def nfc_key(name: str) -> str:
    """How file names are compared: NFC and case-folded."""
    return unicodedata.normalize("NFC", name).casefold()


class FolderListing:
    """The files of one folder, looked up by NFC, case-folded name."""

    def __init__(self, folder: Path, names: list[str] | None = None) -> None:
        self.folder = folder
        if names is None:
            try:
                names = os.listdir(folder)
            except OSError:
                names = []
        self.by_key: dict[str, str] = {}
        for name in sorted(names):
            self.by_key.setdefault(nfc_key(name), name)

    def find(self, relative: str) -> Path | None:
        """The path of *relative* (a name or ``sub/name``) in this folder, if present."""
        parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".")]
        if not parts or ".." in parts:
            return None
        if len(parts) == 1:
            real = self.by_key.get(nfc_key(parts[0]))
            return self.folder / real if real else None
        sub = FolderListing(self.folder).find(parts[0])
        if sub is None or not sub.is_dir():
            return None
        return FolderListing(sub).find("/".join(parts[1:]))


def read_sidecar(
    path: Path, root: str | os.PathLike[str] | None = None, trusted: tuple[str, ...] = ()
) -> tuple[dict[str, str], Problem | None]:
    """Read a Dublin Core sidecar; a bad one is a problem, not an error.

    Only `MAX_SIDECAR_BYTES` are read; a value is a string, a number or a list of them
    (anything else in it is left out).
    """
    try:
        data = read_bytes(path, root, limit=MAX_SIDECAR_BYTES, trusted=trusted)
    except FileTooLarge:
        return {}, Problem(
            "bad-sidecar", str(path), f"larger than {MAX_SIDECAR_BYTES:,} bytes; it is not read"
        )
    except UnsafeFile as exc:
        return {}, Problem(exc.kind, str(path), exc.detail)
    except OSError as exc:
        return {}, Problem("unreadable-file", str(path), str(exc.strerror or exc))
    try:
        raw = json.loads(decode(data)[0] or "{}")
    except (ValueError, DecodeError) as exc:
        return {}, Problem("bad-sidecar", str(path), f"not valid JSON ({exc})")
    except RecursionError:
        return {}, Problem("bad-sidecar", str(path), "the JSON is nested too deeply to read")
    if not isinstance(raw, dict):
        return {}, Problem("bad-sidecar", str(path), "the JSON is not an object")
    out = {}
    for key, value in raw.items():
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value if isinstance(v, (str, int, float)))
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip()
            if text:
                out[str(key).lower()] = unicodedata.normalize("NFC", text)
    return out, None


def article_id(root: Path, path: Path) -> str:
    """The article's ID: its path relative to *root*, with ``/``, NFC."""
    rel = path.relative_to(root).as_posix()
    return unicodedata.normalize("NFC", rel)


def read_body(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> str:
    """The lead and paragraphs of an article file, one per line, as `Article.body_text`
    says them: the file is read and parsed, nothing else looked up (its photos, its
    folder, a sidecar); "" when it cannot be read."""
    return read_title_and_body(root, path)[1]


def read_title_and_body(
    root: str | os.PathLike[str], path: str | os.PathLike[str]
) -> tuple[str, str]:
    """An article file's title and its body (as `read_body`); ("", "") when it cannot
    be read."""
    reader = reader_for(path)
    if reader is None:
        return "", ""
    try:
        parsed = reader.read(read_bytes(path, root, limit=reader.max_bytes), Path(path))
    except (OSError, ReadFailure, MemoryError, RecursionError):
        return "", ""
    except Exception as exc:  # as load_article: one file's failure is that file's
        failed_reading(exc)
        return "", ""
    parts = [parsed.lead] if parsed.lead else []
    parts.extend(b.text for b in parsed.blocks if b.type == "text")
    return parsed.title, "\n".join(parts)


def failed_reading(exc: Exception) -> str:
    """What to say of a reader that failed on a file in a way it did not foresee (the
    file's problem: the scan goes on); its traceback is logged (debug)."""
    logger.debug("a reader failed", exc_info=exc)
    text = " ".join(str(exc).split())
    return f"the file could not be read ({type(exc).__name__}: {text[:200]})"


def load_article(
    root: str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    photo_info: bool = True,
    listing: FolderListing | None = None,
    today: date | None = None,
    trusted: tuple[str, ...] = (),
) -> Article:
    """Read, decode and parse one article file below *root*.

    Problems (unreadable, undecodable, empty, missing or broken photos, links out of
    the archive, more photos than `MAX_PHOTOS`) are recorded in ``Article.problems``;
    only a programming error raises.

    Args:
        trusted: folders outside the archive that its links may lead to.
    """
    root, path = Path(root), Path(path)
    aid = article_id(root, path)
    problems: list[Problem] = []
    reader = reader_for(path)
    data = _read_file(root, path, reader, trusted, problems)
    parsed = _parse(path, reader, data, problems)
    listing = listing or FolderListing(path.parent)
    photos = _photos(root, path, aid, parsed, data, listing, trusted, problems, photo_info)
    the_date, date_source = infer_date(
        parsed,
        [p.info.taken for p in photos if p.info and p.info.taken],
        folder=folder_date(aid),
        today=today,
    )
    article = Article(
        id=aid,
        title=parsed.title or _title_of_file(path),
        lead=parsed.lead,
        blocks=tuple(parsed.blocks),
        photos=tuple(photos),
        source_url=parsed.source_url,
        author=parsed.author,
        outlet=parsed.outlet,
        section=parsed.section,
        subject=parsed.subject,
        date=the_date,
        date_source=date_source,
        related=tuple(parsed.related),
        encoding=parsed.encoding,
        format=reader.name if reader else "text",
        recognized=parsed.recognized,
        pages=parsed.pages,
    )
    article = _with_sidecar(article, root, path, listing, trusted, problems)
    return replace(article, problems=tuple(problems))


def _read_file(
    root: Path,
    path: Path,
    reader: ArticleReader | None,
    trusted: tuple[str, ...],
    problems: list[Problem],
) -> bytes | None:
    """The file's bytes, through the guard and within its reader's limit (``b""`` for a
    reader that opens the file itself); None, with the problem said, when it is not read."""
    limit = reader.max_bytes if reader else MAX_ARTICLE_BYTES
    try:
        if reader is not None and not reader.reads_bytes:  # a picture: opened by its reader
            open_regular(path, root, trusted=trusted).close()
            return b""
        return read_bytes(path, root, limit=limit, trusted=trusted)
    except FileTooLarge:
        size = _size(path)
        detail = f"{size:,} bytes; articles above {limit:,} bytes are not read"
        problems.append(Problem("too-large", str(path), detail))
    except UnsafeFile as exc:
        problems.append(Problem(exc.kind, str(path), exc.detail))
    except OSError as exc:
        problems.append(Problem("unreadable-file", str(path), str(exc.strerror or exc)))
    return None


def _parse(
    path: Path, reader: ArticleReader | None, data: bytes | None, problems: list[Problem]
) -> ParsedText:
    """What the file says, by its format's reader; what the reader could not read, and a
    file with no story, said."""
    parsed = ParsedText()
    if data is not None and reader is not None:
        try:
            parsed = reader.read(data, path)
        except ReadFailure as exc:
            problems.append(Problem(exc.kind, str(path), exc.detail))
        except (MemoryError, RecursionError):
            problems.append(
                Problem("broken-document", str(path), "the file is too complex to read")
            )
        except Exception as exc:  # a reader's failure on one file stops no scan
            problems.append(Problem("broken-document", str(path), failed_reading(exc)))
    problems.extend(Problem(kind, str(path), detail) for kind, detail in parsed.notes)
    if parsed.encoding == "empty":
        problems.append(Problem("empty-article", str(path), "the article file is empty"))
    elif reader is not None and reader.name != "text" and not problems:
        if not parsed.lead and not parsed.blocks:
            problems.append(Problem("empty-article", str(path), "no story was found in it"))
    if parsed.photos_left_out:
        problems.append(
            Problem(
                "too-many-photos",
                str(path),
                f"names {len(parsed.photo_lines) + parsed.photos_left_out:,} photos; the "
                f"first {MAX_PHOTOS:,} are kept",
            )
        )
    return parsed


def _photos(
    root: Path,
    path: Path,
    aid: str,
    parsed: ParsedText,
    data: bytes | None,
    listing: FolderListing,
    trusted: tuple[str, ...],
    problems: list[Problem],
    photo_info: bool,
) -> list[PhotoRef]:
    """The photos the file names, looked up in its folder (or kept from inside the
    file), each with what its header says; missing and unusable ones said."""
    folder = path.parent
    photos: list[PhotoRef] = []
    missing = 0
    for name, caption in parsed.photo_lines:
        if is_address(name):  # a picture the page shows but did not save: never fetched
            photos.append(PhotoRef(file=name, caption=caption, exists=False))
            continue
        found = listing.find(name)
        info = None
        if found is None and name in parsed.embedded:  # a picture inside the file
            found = keep(path, name, parsed.embedded[name], data or None)
            if found is not None:
                info = read_photo_info(found) if photo_info else None
                if info is not None and info.problem:
                    problems.append(info.problem)
                photos.append(PhotoRef(name, caption, True, str(found), info))
                continue
        if found is not None:
            unusable = unusable_photo(found, name, root, trusted)
            if unusable is not None:
                problems.append(unusable)
                photos.append(PhotoRef(file=name, caption=caption, exists=False))
                continue
        if found is None:
            missing += 1
            if missing <= MAX_MISSING_REPORTED:
                problems.append(
                    Problem(
                        "missing-photo",
                        str(folder / name),
                        f"{aid} names {name}, which is not in the article's folder",
                    )
                )
        elif photo_info:
            info = read_photo_info(found, root=root, trusted=trusted)
            if info.problem:
                problems.append(info.problem)
        photos.append(
            PhotoRef(
                file=name,
                caption=caption,
                exists=found is not None,
                path=str(found) if found else None,
                info=info,
            )
        )
    if missing > MAX_MISSING_REPORTED:
        problems.append(
            Problem(
                "missing-photo",
                str(path),
                f"{missing - MAX_MISSING_REPORTED:,} more photos it names are not in the "
                "article's folder",
            )
        )
    return photos


def _title_of_file(path: Path) -> str:
    """The title of a file that states none: its folder's name for ``article.txt``, else
    its own name without its ending."""
    name = path.parent.name if path.name.lower() == "article.txt" else path.stem
    return unicodedata.normalize("NFC", name)


def _with_sidecar(
    article: Article,
    root: Path,
    path: Path,
    listing: FolderListing,
    trusted: tuple[str, ...],
    problems: list[Problem],
) -> Article:
    """*article* as its sidecar (``NAME.json``, else ``metadata.json``) corrects it."""
    for candidate in (path.with_suffix(".json"), path.parent / "metadata.json"):
        real = listing.find(candidate.name)
        if real is not None and real.is_file():
            meta, problem = read_sidecar(real, root, trusted)
            if problem:
                problems.append(problem)
            return apply_sidecar(article, meta)
    return article


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def unusable_photo(
    found: Path, name: str, root: str | os.PathLike[str], trusted: tuple[str, ...] = ()
) -> Problem | None:
    """Why a photo's file is not read, if it is not: a link out of the archive, a link in
    a circle, a pipe or a device (an ``lstat`` and a ``stat`` for a plain file in the
    article's own folder)."""
    if "/" in name.replace("\\", "/") or os.path.islink(found):
        leads = outside_target(found, root, trusted)
        if leads is not None:
            return Problem(
                "outside-link",
                str(found),
                f"a link to {leads}, outside the archive; it is not followed",
            )
    try:
        st = found.stat()
    except OSError as exc:
        kind = "symlink-loop" if exc.errno == errno.ELOOP else "unreadable-file"
        return Problem(kind, str(found), str(exc.strerror or exc))
    if not stat.S_ISREG(st.st_mode):
        return Problem(
            "special-file", str(found), "a named pipe, a device or a folder, not a photo file"
        )
    return None


def apply_sidecar(article: Article, meta: dict[str, str]) -> Article:
    """Let Dublin Core keys of a sidecar override what the text said."""
    changes: dict[str, str] = {}
    if meta.get("title"):
        changes["title"] = meta["title"]
    if meta.get("creator"):
        changes["author"] = meta["creator"]
    if canonical_outlet(meta.get("publisher")):
        changes["outlet"] = canonical_outlet(meta["publisher"]) or ""
    if meta.get("source"):
        changes["source_url"] = meta["source"]
    if meta.get("subject"):
        changes["subject"] = meta["subject"]
    if meta.get("description"):
        changes["description"] = meta["description"]
    if meta.get("date"):
        iso = sidecar_date(meta["date"])
        if iso:
            changes["date"], changes["date_source"] = iso, "sidecar"
    return replace(article, **changes) if changes else article  # type: ignore[arg-type]


def unreferenced_photos(listing: FolderListing, referenced: set[str]) -> list[str]:
    """Names of image files in the folder that no article of it names."""
    return [
        name
        for key, name in sorted(listing.by_key.items())
        if os.path.splitext(key)[1] in IMAGE_EXTENSIONS and key not in referenced
    ]


__all__ = [
    "FolderListing",
    "apply_sidecar",
    "article_id",
    "load_article",
    "read_body",
    "read_title_and_body",
]
