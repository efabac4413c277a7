"""Walk archive roots: find article files and photos, fingerprint them, report problems."""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import stat
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tangthu.archive.article import FolderListing, load_article, nfc_key, unreferenced_photos
from tangthu.archive.formats import alone_extensions, article_extensions
from tangthu.archive.guard import is_within
from tangthu.archive.model import Article, CancelToken, Problem
from tangthu.archive.photo import IMAGE_EXTENSIONS, read_photo_info

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """An article file found by the walk, not parsed yet.

    ``fingerprint`` changes when the text file or any photo of its folder
    changes (size or modification time), so indexing can skip unchanged ones.
    """

    id: str
    path: str
    fingerprint: str
    #: a librarian's corrections of the article (`archive.corrections`), to index
    correction: tuple[tuple[str, str], ...] = ()
    #: folders outside the archive its links may lead to (`archive.trust`)
    trusted: tuple[str, ...] = ()


@dataclass(slots=True)
class FolderEntry:
    path: str
    names: list[str]
    articles: list[str] = field(default_factory=list)
    photos: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Inventory:
    """Everything the walk of one root found."""

    root: str
    articles: list[ArticleEntry] = field(default_factory=list)
    folders: list[FolderEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def photo_count(self) -> int:
        return sum(len(f.photos) for f in self.folders)


_HIDDEN = frozenset({"__MACOSX", "$RECYCLE.BIN", "System Volume Information"})
ARTICLE_EXTENSIONS = article_extensions()
#: Pictures that are articles of their own where no article file is beside them.
ALONE_EXTENSIONS = alone_extensions()
_KNOWN = ARTICLE_EXTENSIONS | IMAGE_EXTENSIONS


def _has_bad_bytes(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _fingerprint(text_stat: os.stat_result, photo_stats: list[tuple[str, int, int]]) -> str:
    h = hashlib.blake2b(digest_size=12)
    h.update(f"{text_stat.st_size}:{text_stat.st_mtime_ns}".encode())
    for name, size, mtime in photo_stats:
        h.update(f"|{name}:{size}:{mtime}".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def walk(
    root: str | os.PathLike[str],
    *,
    cancel: CancelToken | None = None,
    trusted: Sequence[str] = (),
) -> Inventory:
    """List article files and photos under *root* (nested folders, no hidden ones).

    Unreadable folders, symlink loops, names that are not valid UTF-8, links that lead
    out of the archive (unless into a *trusted* folder) and special files (pipes,
    devices) named as articles or photos are recorded as problems and left out; the
    walk goes on. Written with plain strings and
    ``os.scandir``: it is the whole cost of a no-change rescan. (Threads do not help:
    the Python work per entry outweighs the system calls.)
    """
    root_s = os.fspath(root)
    inv = Inventory(root=root_s)
    try:
        st = os.stat(root_s)
    except OSError as exc:
        inv.problems.append(Problem("unreadable-folder", root_s, str(exc.strerror or exc)))
        return inv
    walker = _Walker(root_s, {(st.st_dev, st.st_ino)}, trusted)
    stack = [root_s]
    # The walk makes hundreds of thousands of small objects and no cycles: the cyclic
    # garbage collector would only scan them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        while stack:
            if cancel is not None:
                cancel.check()
            stack.extend(walker.folder(stack.pop(), inv))
    finally:
        if collecting:
            gc.enable()
    inv.articles.sort(key=lambda a: a.id)
    return inv


def folder_articles(root: str | os.PathLike[str], folder: str | os.PathLike[str]) -> list[str]:
    """The IDs of the articles *folder* (under *root*) holds itself, by the walk's own
    rules: its article files of any format, or each picture of a folder of pictures."""
    root_s = os.fspath(root)
    st = os.stat(root_s)
    inv = Inventory(root=root_s)
    _Walker(root_s, {(st.st_dev, st.st_ino)}, ()).folder(os.fspath(folder), inv)
    return sorted(a.id for a in inv.articles)


class _Walker:
    def __init__(self, root: str, seen: set[tuple[int, int]], trusted: Sequence[str]) -> None:
        self.root = root
        self.prefix = len(os.path.join(root, ""))
        self.seen = seen
        self.inside = [os.path.realpath(root), *(os.path.realpath(t) for t in trusted)]

    def _outside(self, path: str) -> str | None:
        """Where the link *path* leads, when that is out of the archive."""
        real = os.path.realpath(path)
        return None if any(is_within(real, f) for f in self.inside) else real

    def folder(self, folder: str, inv: Inventory) -> list[str]:
        """Read one folder into *inv*; return its subfolders (to visit, last first)."""
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            inv.problems.append(Problem("unreadable-folder", folder, str(exc.strerror or exc)))
            return []
        here = FolderEntry(path=folder, names=[e.name for e in entries])
        subfolders: list[str] = []
        stats: dict[str, os.stat_result] = {}
        for entry in entries:
            name = entry.name
            if name[0] == "." or name in _HIDDEN:
                continue
            if not name.isascii() and _has_bad_bytes(name):
                inv.problems.append(
                    Problem(
                        "unreadable-file",
                        entry.path.encode("utf-8", "replace").decode(),
                        "the name is not valid UTF-8; rename it to read it",
                    )
                )
                continue
            try:
                is_dir = entry.is_dir()
                if is_dir:
                    ext = ""
                else:
                    dot = name.rfind(".")
                    ext = name[dot:].lower() if dot > 0 else ""
                    if ext not in _KNOWN:
                        continue
                if entry.is_symlink():
                    leads = self._outside(entry.path)
                    if leads is not None:
                        inv.problems.append(
                            Problem(
                                "outside-link",
                                entry.path,
                                f"a link to {leads}, outside the archive; it is not followed",
                            )
                        )
                        continue
                est = entry.stat()  # follows links
            except OSError as exc:
                kind = "symlink-loop" if exc.errno == errno.ELOOP else "unreadable-file"
                inv.problems.append(Problem(kind, entry.path, str(exc.strerror or exc)))
                continue
            if is_dir:
                key = (est.st_dev, est.st_ino)
                if key in self.seen:
                    inv.problems.append(
                        Problem("symlink-loop", entry.path, "this folder was already visited")
                    )
                    continue
                self.seen.add(key)
                subfolders.append(entry.path)
            elif stat.S_ISREG(est.st_mode):
                if ext in ARTICLE_EXTENSIONS:
                    here.articles.append(name)
                else:
                    here.photos.append(name)
                stats[name] = est
            else:
                inv.problems.append(
                    Problem(
                        "special-file",
                        entry.path,
                        "a named pipe, a device or a socket, not a file; it is not read",
                    )
                )
        here.articles.sort()
        here.photos.sort()
        if subfolders and here.articles:
            subfolders = _without_page_files(subfolders, here.articles)
        photo_stats = [(_nfc(p), stats[p].st_size, stats[p].st_mtime_ns) for p in here.photos]
        sep, prefix = os.sep, self.prefix
        alone = not here.articles
        if alone:  # a photo desk's or a scanner's folder: each picture is an article
            here.articles = [n for n in here.photos if _ending(n) in ALONE_EXTENSIONS]
        for name in here.articles:
            path = folder + sep + name if not folder.endswith(sep) else folder + name
            aid = _nfc(path[prefix:].replace(sep, "/") if sep != "/" else path[prefix:])
            its_photos = [] if alone else photo_stats
            inv.articles.append(ArticleEntry(aid, path, _fingerprint(stats[name], its_photos)))
        if here.articles or here.photos:
            inv.folders.append(here)
        subfolders.sort(reverse=True)
        return subfolders


#: What a browser's "Save page as…" names the folder of a page's files (``NAME_files``).
PAGE_FILES_SUFFIX = "_files"
_PAGE_ENDINGS = (".html", ".htm", ".xhtml")
_IN_PAGE_FILES = PAGE_FILES_SUFFIX + "/"


def _ending(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _without_page_files(subfolders: list[str], articles: list[str]) -> list[str]:
    """The subfolders less each ``NAME_files`` beside a saved page ``NAME.html``: its
    images, styles and scripts are part of the page, not articles or photos of their own."""
    pages = {
        nfc_key(name.rsplit(".", 1)[0]) for name in articles if name.lower().endswith(_PAGE_ENDINGS)
    }
    if not pages:
        return subfolders
    kept = []
    for path in subfolders:
        name = os.path.basename(path)
        if name.endswith(PAGE_FILES_SUFFIX) and nfc_key(name[: -len(PAGE_FILES_SUFFIX)]) in pages:
            continue
        kept.append(path)
    return kept


def iter_articles(
    inv: Inventory,
    *,
    photo_info: bool = True,
    cancel: CancelToken | None = None,
    trusted: tuple[str, ...] = (),
) -> Iterator[Article]:
    """Parse every article of an inventory, folder by folder (listings shared)."""
    root = Path(inv.root)
    for folder in inv.folders:
        listing = FolderListing(Path(folder.path), folder.names)
        for name in folder.articles:
            if cancel is not None:
                cancel.check()
            yield load_article(
                root,
                Path(folder.path) / name,
                photo_info=photo_info,
                listing=listing,
                trusted=trusted,
            )


@dataclass(slots=True)
class ScanReport:
    """The result of `scan`: parsed articles and what was wrong."""

    roots: list[str]
    articles: list[Article] = field(default_factory=list)
    photos: int = 0
    missing_photos: int = 0
    #: pictures pages show but did not save ("HTML only"): their addresses are kept
    unsaved_photos: int = 0
    unreferenced_photos: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def problem_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(p.kind for p in self.problems).items()))

    def summary(self) -> dict[str, object]:
        return {
            "roots": self.roots,
            "articles": len(self.articles),
            "formats": dict(sorted(Counter(a.format for a in self.articles).items())),
            "photos": self.photos,
            "missing_photos": self.missing_photos,
            "unsaved_photos": self.unsaved_photos,
            "unreferenced_photos": len(self.unreferenced_photos),
            "problems": self.problem_counts(),
            "seconds": round(self.seconds, 3),
        }


def scan(
    roots: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    trusted: tuple[str, ...] = (),
) -> ScanReport:
    """Walk and parse every article of *roots*; photos' headers are read too.

    Args:
        trusted: folders outside the archives that their links may lead to.
    """
    started = time.perf_counter()
    if isinstance(roots, (str, os.PathLike)):
        roots = [roots]
    report = ScanReport(roots=[str(r) for r in roots])
    inventories = [walk(r, cancel=cancel, trusted=trusted) for r in roots]
    total = sum(len(inv.articles) for inv in inventories)
    done = 0
    for inv in inventories:
        report.problems.extend(inv.problems)
        report.photos += inv.photo_count
        by_folder: dict[str, set[str]] = {}
        for art in iter_articles(inv, cancel=cancel, trusted=trusted):
            report.articles.append(art)
            report.problems.extend(art.problems)
            report.missing_photos += sum(not p.exists and not p.address for p in art.photos)
            report.unsaved_photos += sum(p.address is not None for p in art.photos)
            # a saved page's photos are in its NAME_files folder, which the walk leaves
            report.photos += sum(p.exists and _IN_PAGE_FILES in p.file for p in art.photos)
            by_folder.setdefault(art.folder, set()).update(
                nfc_key(p.file) for p in art.photos if "/" not in p.file
            )
            done += 1
            if progress is not None:
                progress(done, total)
        root = Path(inv.root)
        for folder in inv.folders:
            rel = Path(folder.path).relative_to(root).as_posix()
            rel = "" if rel == "." else unicodedata.normalize("NFC", rel)
            listing = FolderListing(Path(folder.path), folder.names)
            for name in unreferenced_photos(listing, by_folder.get(rel, set())):
                path = Path(folder.path) / name
                report.unreferenced_photos.append(str(path))
                info = read_photo_info(path, root=inv.root, trusted=trusted)
                if info.problem:
                    report.problems.append(info.problem)
    report.articles.sort(key=lambda a: a.id)
    # the walk and the parser both report a link out of the archive or a pipe: once
    report.problems = list({(p.kind, p.path): p for p in report.problems}.values())
    report.seconds = time.perf_counter() - started
    return report
