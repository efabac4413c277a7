"""`Library`: one open archive, its articles, its index and its searches."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tangthu.archive.errors import Failure
from tangthu.archive.locate import OutsideArchive, article_file, article_folder, locate, photo_file
from tangthu.archive.model import Article, CancelToken, Problem
from tangthu.archive.paths import data_dir
from tangthu.index.engine import Filters, Hit, IndexMissing, Searcher, SearchResult
from tangthu.index.query import QueryError
from tangthu.index.search import ArchiveSearcher
from tangthu.index.store import index_dir_for, known_roots

# What reads articles, indexes, exports or keeps the user's stores is imported where it
# is used: a command runs one thing per process, and a search needs none of them.
if TYPE_CHECKING:
    from tangthu.archive.annotations import Annotations
    from tangthu.archive.corrections import Corrections
    from tangthu.archive.export import ExportReport
    from tangthu.archive.saved_searches import SavedSearch, SavedSearches
    from tangthu.archive.selection import Basket, Item
    from tangthu.index.indexer import IndexSummary
    from tangthu.index.meaning import MeaningState
    from tangthu.index.stories import Version

Progress = Callable[[int, int], None]


class ArticleNotFound(Failure):
    """The article (or folder) named is not in the archive (any more)."""

    code = "article-missing"


@dataclass(frozen=True, slots=True)
class PhotoEntry:
    """One photo as lists and the viewer show it: where it is and what its article says."""

    path: str | None
    file: str
    caption: str
    article_id: str
    title: str = ""
    exists: bool = True
    #: when the photo was taken (EXIF), else its article's date; None when neither is known
    date: str | None = None

    @property
    def id(self) -> str:
        return f"{self.article_id}#{self.file}"


class Library:
    """One open archive: its articles (read only) and its index.

    The searches of one `Library` run in one thread (the searcher is not shared
    between threads); `mark_changed` and `mark_stale` may be called from any.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        index_dir: str | os.PathLike[str] | None = None,
        engine: str | None = None,
        annotations: Annotations | None = None,
    ) -> None:
        self.root = Path(root).expanduser().resolve()
        self._annotations = annotations
        self._hash_cache: tuple[int, dict[str, int]] | None = None
        self.index_dir = Path(index_dir) if index_dir else None
        self.index_path = index_dir_for(self.root, self.index_dir)
        self.engine = engine
        self._searcher: Searcher | None = None
        self._stale = False
        self._changed = False

    # -- the searcher

    def searcher(self) -> Searcher:
        """The open searcher (opened, or brought up to date, when needed).

        Raises:
            IndexMissing: the archive has no usable index yet.
        """
        if self._stale or self._searcher is None:
            self.close()
            self._stale = self._changed = False
            self._searcher = ArchiveSearcher(self.index_path, self.root)
        elif self._changed:
            self._changed = False
            self._searcher.refresh()
        return self._searcher

    def mark_changed(self) -> None:
        """A commit added to the index: look at it before the next search."""
        self._changed = True

    def mark_stale(self) -> None:
        """The index was rebuilt or swapped: open it again before the next search."""
        self._stale = True

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    # -- searching

    @property
    def annotations(self) -> Annotations:
        """The user's tags and notes (shared by every archive)."""
        if self._annotations is None:
            self._annotations = user_annotations()
        return self._annotations

    @property
    def corrections(self) -> Corrections:
        """The librarian's corrections of what files say (shared by every archive)."""
        return user_corrections()

    def correct(self, ids: Iterable[str], changes: dict[str, str]) -> int:
        """Correct *changes* (field -> value, `archive.corrections.FIELDS`) of the
        articles *ids*; returns how many changed. The index shows it once updated
        (`update_index`).

        Raises:
            ArticleNotFound: an ID that is not an article of the archive (nothing changed).
            BadCorrection: a value that cannot be kept (nothing changed).
        """
        wanted = [self.article_id(ident) for ident in ids]
        return self.corrections.set(self.root, wanted, changes)

    def trusted(self) -> tuple[str, ...]:
        """The folders outside the archive that its links may lead to (`trust`)."""
        from tangthu.archive.trust import trusted_folders

        return trusted_folders(data_dir(), self.root)

    def trust(self, link: str | os.PathLike[str]) -> str | None:
        """Let the archive's links lead into the folder *link* leads to (a link to a
        file: its folder); returns that folder (None: the link leads nowhere). The next
        update of the index reads what is there.

        Raises:
            OutsideArchive: *link* is not in the archive.
        """
        from tangthu.archive.trust import TrustedFolders, link_target, trusted_path

        where = Path(os.path.abspath(link))
        if not where.is_relative_to(self.root):
            raise OutsideArchive(f"{link} is not inside the archive {self.root}", id=str(link))
        folder = link_target(where)
        if folder is not None:
            TrustedFolders(trusted_path(data_dir())).trust(self.root, folder)
        return folder

    def forget_trust(self, link_or_folder: str | os.PathLike[str]) -> str | None:
        """No longer follow the archive's links into the folder named (or the folder a
        link of the archive leads to); returns it (None: it was not trusted)."""
        from tangthu.archive.trust import TrustedFolders, link_target, trusted_path

        folder = link_target(link_or_folder) or os.path.realpath(link_or_folder)
        store = TrustedFolders(trusted_path(data_dir()))
        return folder if store.forget(self.root, folder) else None

    @staticmethod
    def check_correction(field: str, value: str) -> str:
        """*value* as a correction of *field* keeps it (no file is read).

        Raises:
            BadCorrection: it cannot be one (an empty title, a date not understood…).
        """
        from tangthu.archive.corrections import clean_value

        return clean_value(field, value)

    def revert(self, ids: Iterable[str], fields: Iterable[str] | None = None) -> int:
        """Undo the corrections of *fields* (all when None) of *ids*; how many changed.
        An ID no longer in the archive can be reverted too (its correction is dropped)."""
        return self.corrections.revert(self.root, ids, fields)

    def article_id(self, ident: str) -> str:
        """The ID of the article *ident* names (an ID, its folder, or a path in the
        archive).

        Raises:
            ArticleNotFound: no article is there.
            OutsideArchive: *ident* leads out of the archive.
        """
        path = self.find_article(ident)
        return unicodedata.normalize("NFC", path.relative_to(self.root).as_posix())

    def search(self, query: str, **options: Any) -> SearchResult:
        """Articles matching *query* (see `index.engine.Searcher.search` for options).

        ``tag:NAME`` / ``tag:"two words"`` and ``note:WORD`` in *query* keep the articles
        so tagged or noted (with or without diacritics); the other words search the text.
        """
        words, options = self._annotated(query, options)
        result = self.searcher().search(words, **options)
        result.query = query
        root = str(self.root)
        result.hits = [replace(h, archive=root) for h in result.hits]
        return result

    def search_photos(self, query: str, **options: Any) -> SearchResult:
        words, options = self._annotated(query, options)
        result = self.searcher().search_photos(words, **options)
        result.query = query
        return result

    def _annotated(self, query: str, options: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """*query* without its ``tag:`` and ``note:`` parts, and the IDs they leave
        as a filter."""
        words, asked = split_annotations(query)
        if not asked:
            return query, options
        ids: set[str] | None = None
        root = str(self.root)
        for field, value in asked:
            found = (
                self.annotations.with_tag(root, value)
                if field == "tag"
                else self.annotations.with_note(root, value)
            )
            ids = found if ids is None else ids & found
        f: Filters = options.get("filters") or Filters()
        both = frozenset(ids or ()) if f.ids is None else frozenset(ids or ()) & f.ids
        return words, {**options, "filters": replace(f, ids=both)}

    def count(self, search: SavedSearch) -> int:
        """How many articles a saved search finds in this archive now."""
        result = self.search(
            search.query,
            filters=saved_filters(search),
            exact=search.exact,
            mode=search.mode,
            pagesize=1,
            snippets=False,
        )
        return result.total

    def more_like(self, article_id: str, *, limit: int = 10) -> list[Hit]:
        """Articles like *article_id* (an ID, or a folder holding one article file):
        nearest in meaning when the archive has vectors, else by its words.

        Raises:
            ArticleNotFound: there is no such article.
        """
        return self.searcher().more_like(self._article_ident(article_id), limit=limit)

    def more_like_result(self, article_id: str, *, limit: int = 10) -> SearchResult:
        """`more_like` as a list of its own, with the facets counted over it.

        Raises:
            ArticleNotFound: there is no such article.
        """
        return self.searcher().more_like_result(self._article_ident(article_id), limit=limit)

    def _article_ident(self, article_id: str) -> str:
        path = self.find_article(article_id)
        return unicodedata.normalize("NFC", path.relative_to(self.root).as_posix())

    def meaning_state(self) -> MeaningState:
        """Whether this archive can be searched by meaning (`index.meaning`)."""
        return self.searcher().meaning_state()

    def known_outlets(self) -> dict[str, int]:
        """Every outlet of the archive, with its number of articles."""
        return self.search("", pagesize=1, snippets=False, facets=True).facets["outlet"]

    def photo_entries(
        self, query: str, *, filters: Filters | None = None, limit: int = 20000
    ) -> list[PhotoEntry]:
        """Photos whose captions match *query*, with their files found on disk."""
        result = self.search_photos(query, filters=filters, pagesize=limit)
        out = []
        for h in result.hits:
            path = photo_file(self.root, h.article_id, h.file)
            out.append(
                PhotoEntry(
                    str(path) if path else None,
                    h.file,
                    h.caption,
                    h.article_id,
                    h.title,
                    exists=path is not None,
                    date=(h.taken or "")[:10] or h.date,
                )
            )
        return out

    # -- the same photo in several articles

    def _hashes(self) -> dict[str, int]:
        """The photos' perceptual hashes the last index run left (read again when new)."""
        from tangthu.index import photo_hashes

        path = self.index_path / photo_hashes.FILE
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return {}
        if self._hash_cache is None or self._hash_cache[0] != stamp:
            self._hash_cache = (stamp, photo_hashes.load(self.index_path))
        return self._hash_cache[1]

    def same_photos(self, article_id: str, file: str) -> list[PhotoEntry]:
        """The same photo (re-published, resized, re-compressed) in other articles."""
        from tangthu.index import photo_hashes

        hashes = self._hashes()
        key = f"{article_id}#{file}"
        mine = hashes.get(key)
        if mine is None:
            return []
        keys = [
            k for k, h in hashes.items() if k != key and (h ^ mine).bit_count() <= photo_hashes.SAME
        ]
        return self._entries_of(keys)

    def duplicate_photos(self, limit: int = 20000) -> list[PhotoEntry]:
        from tangthu.index import photo_hashes

        """Photos used more than once, the copies of one photo side by side."""
        keys = [k for group in photo_hashes.groups(self._hashes()) for k in group][:limit]
        return self._entries_of(keys)

    def _entries_of(self, keys: list[str]) -> list[PhotoEntry]:
        if not keys:
            return []
        found = self.photo_entries("", filters=Filters(ids=frozenset(keys)), limit=len(keys))
        order = {k: i for i, k in enumerate(keys)}
        return sorted(found, key=lambda e: order.get(e.id, len(order)))

    def thumbnail_paths(self, hits: Iterable[Hit]) -> dict[str, str]:
        """Article ID -> the file of its list thumbnail (looked up on disk)."""
        paths = {}
        for hit in hits:
            if hit.thumb:
                path = photo_file(self.root, hit.id, hit.thumb)
                if path is not None:
                    paths[hit.id] = str(path)
        return paths

    # -- articles

    def find_article(self, ident: str) -> Path:
        """The article file for *ident*: an ID, a folder holding one article file, or a
        path inside the archive.

        Raises:
            OutsideArchive: *ident* leads out of the archive.
            ArticleNotFound: nothing readable is there.
        """
        ident = unicodedata.normalize("NFC", ident.strip().replace("\\", "/"))
        if Path(ident).is_absolute():
            try:
                ident = Path(ident).resolve().relative_to(self.root).as_posix()
            except ValueError:
                raise OutsideArchive(
                    f"{ident} is not inside the archive {self.root}", id=ident
                ) from None
        path = locate(self.root, ident)
        if path is not None and path.is_dir():  # a folder holding one article, of any format
            from tangthu.archive.scan import folder_articles

            held = folder_articles(self.root, path)
            path = locate(self.root, held[0]) if len(held) == 1 else None
        if path is None or not path.is_file():
            raise ArticleNotFound(
                f"No article {ident} in {self.root}.", id=ident, root=str(self.root)
            )
        return path

    def article(
        self, article_id: str, *, link_related: bool = True, photo_info: bool = True
    ) -> Article:
        """The article as parsed, its related titles linked to articles of the archive
        (unless not *link_related*), its photos' EXIF read (unless not *photo_info*).

        Raises:
            ArticleNotFound: the file is not (or no longer) there.
        """
        try:
            path = article_file(self.root, article_id)
        except OutsideArchive:
            path = None
        if path is None:
            raise ArticleNotFound(
                f"{article_id} is no longer in the archive; update the index.",
                id=article_id,
                root=str(self.root),
            )
        from tangthu.archive.article import load_article

        article = load_article(self.root, path, photo_info=photo_info, trusted=self.trusted())
        fix = self.corrections.get(self.root, article_id)
        if fix is not None:
            from tangthu.archive.corrections import apply

            article = apply(article, fix.fields)
        if link_related and article.related:
            try:
                article = self.searcher().link_related(article)
            except IndexMissing:
                pass  # no index yet: related titles stay unlinked
        return article

    def article_folder(self, article_id: str) -> Path | None:
        return article_folder(self.root, article_id)

    def photo_file(self, article_id: str, name: str) -> Path | None:
        return photo_file(self.root, article_id, name)

    def page_pictures(self, article_id: str) -> list[PhotoEntry]:
        """The pages of a PDF article as pictures (rendered once into the user's cache,
        never into the archive), for the viewer.

        Raises:
            ArticleNotFound: no such article file.
            Failure: not a PDF that can be read.
        """
        from tangthu.archive.formats import ReadFailure
        from tangthu.archive.formats.pdf import page_pictures

        article = self.article(article_id, link_related=False)  # ArticleNotFound
        path = article_file(self.root, article_id)
        if path is None:
            raise ArticleNotFound(f"{article_id} is no longer in the archive.", id=article_id)
        try:
            pages = page_pictures(path)
        except ReadFailure as exc:
            raise Failure(f"{article_id}: {exc.detail}", code="unreadable-document") from None
        return [
            PhotoEntry(
                str(picture),
                name,
                f"{article.title} — {number}",
                article_id,
                article.title,
                True,
                article.date,
            )  # fmt: skip
            for number, (name, picture) in enumerate(pages, start=1)
        ]

    def items_for_query(
        self,
        query: str,
        *,
        limit: int = 0,
        filters: Filters | None = None,
        sort: str = "relevance",
        exact: bool = False,
        mode: str = "words",
    ) -> list[Item]:
        """The basket items of the articles a search finds, every one (or the first
        *limit*), in its order (*mode*: by words, meaning or both)."""
        from tangthu.archive.selection import Item

        options: dict[str, Any] = {
            "filters": filters,
            "exact": exact,
            "snippets": False,
            "mode": mode,
        }
        size = limit or max(1, self.search(query, pagesize=1, **options).total)
        result = self.search(query, sort=sort, pagesize=size, **options)
        return [Item(str(self.root), hit.id) for hit in result.hits]

    # -- stories: reprints and other versions of one article

    def stories(self) -> list[tuple[Version, ...]]:
        """The stories of more than one article the last index run found, largest first,
        each its versions (ID, date, outlet), the earliest first.

        Raises:
            IndexMissing: the archive has no usable index yet.
        """
        from tangthu.index import stories

        self.searcher()  # (an archive without an index says so)
        return stories.load(self.index_path)

    # -- the index

    def index_state(self) -> tuple[bool, bool]:
        """(usable, complete): whether there is an index to search, and whether its
        last build finished."""
        from tangthu.index.indexer import index_state

        return index_state(self.root, self.index_dir)

    def problems(self) -> list[Problem]:
        """What the last indexing run found wrong in the archive's files."""
        from tangthu.index.indexer import indexed_problems

        return indexed_problems(self.root, self.index_dir)

    def update_index(
        self,
        *,
        rebuild: bool = False,
        jobs: int = 0,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
        committed: Callable[[dict[str, str]], None] | None = None,
        meaning: bool | None = None,
        meaning_progress: Progress | None = None,
    ) -> IndexSummary:
        """Bring the index up to date here, in this process (see `index.indexer`;
        *meaning*: make the vectors of search by meaning too, None: when the archive
        has some already)."""
        from tangthu.index.indexer import update_index

        return update_index(
            self.root,
            self.index_dir,
            rebuild=rebuild,
            jobs=jobs,
            progress=progress,
            cancel=cancel,
            engine=self.engine,
            committed=committed,
            meaning=meaning,
            meaning_progress=meaning_progress,
        )

    def update_index_apart(
        self,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
        committed: Callable[[int], None] | None = None,
        meaning: bool | None = None,
        meaning_progress: Progress | None = None,
    ) -> IndexSummary:
        """`update_index` in a process of its own, waiting for it (a window calls this
        from a worker thread: nothing the build does can hold the window's interpreter).

        *committed* gets the number of articles each commit made searchable;
        *meaning* and *meaning_progress* are those of `update_index`.

        Raises:
            Cancelled: *cancel* was set; the index is as it was before the run (or
                holds what its commits made searchable).
            IndexFailure: the run failed.
        """
        from tangthu.index import background

        return background.run(
            progress=progress,
            committed=committed,
            cancel=cancel,
            root=str(self.root),
            index_dir=str(self.index_path),
            rebuild=rebuild,
            jobs=0,
            engine=self.engine,
            meaning=meaning,
            meaning_progress=meaning_progress,
        )


# --- what spans archives -------------------------------------------------------


def basket_file() -> Path:
    """Where the user's basket and collections are kept (the per-user data folder)."""
    from tangthu.archive.selection import basket_path

    return basket_path(data_dir())


def user_basket(path: str | os.PathLike[str] | None = None) -> Basket:
    """The user's basket and collections (from *path*, default `basket_file()`)."""
    from tangthu.archive.selection import Basket

    return Basket(path or basket_file())


@dataclass(frozen=True, slots=True)
class ItemDetails:
    """What the basket shows of an item, read from its files."""

    title: str
    date: str | None
    size: int
    #: the photo that stands for it (the item's photo, or its article's first)
    thumb: str | None
    #: the date is an estimate (from the text or the photos), not a stated one
    date_estimated: bool = False


def item_details(item: Item) -> ItemDetails:
    """Title, date, size and thumbnail of a basket item (its ID as title when the
    file cannot be read)."""
    from tangthu.archive.article import load_article

    size = item_size(item)
    try:
        path = article_file(item.root, item.article_id)
    except OutsideArchive:
        path = None
    article = None
    if path is not None:
        try:
            article = load_article(item.root, path, photo_info=False)
        except OSError:
            article = None
    if item.is_photo:
        photo = photo_file(item.root, item.article_id, item.file)
        thumb = str(photo) if photo is not None else None
    else:
        thumb = (
            next((p.path for p in article.photos if p.exists and p.path), None) if article else None
        )
    return ItemDetails(
        (article.title if article else "") or item.article_id,
        article.date if article else None,
        size,
        thumb,
        bool(article and article.date_estimated),
    )


_ANNOTATED = re.compile(r'(?<!\S)(tag|note):(?:"([^"]*)"|(\S*))', re.IGNORECASE)


def split_annotations(query: str) -> tuple[str, list[tuple[str, str]]]:
    """*query* without its ``tag:`` and ``note:`` parts, and those parts as (field, value).

    Raises:
        QueryError: a ``tag:`` or ``note:`` with nothing after it (``tag:``, ``note:""``).
    """
    asked = [
        (m.group(1).lower(), (m.group(2) if m.group(2) is not None else m.group(3)).strip())
        for m in _ANNOTATED.finditer(query)
    ]
    for field, value in asked:
        if not value:
            raise QueryError(
                f"{field}: needs a {'tag' if field == 'tag' else 'word of a note'} after it "
                f'({field}:"…").',
                code="query-empty-field",
                field=field,
            )
    return " ".join(_ANNOTATED.sub(" ", query).split()), asked


_annotations: dict[Path, Annotations] = {}


def user_saved_searches(path: str | os.PathLike[str] | None = None) -> SavedSearches:
    """The user's saved searches (from *path*, default the per-user data folder)."""
    from tangthu.archive.saved_searches import SavedSearches, saved_searches_path

    return SavedSearches(path or saved_searches_path(data_dir()))


def saved_filters(search: SavedSearch) -> Filters:
    """The filters a saved search keeps, as a search takes them."""
    return Filters(**search.filters)


def annotations_file() -> Path:
    """Where the user's tags and notes are kept (the per-user data folder)."""
    from tangthu.archive.annotations import annotations_path

    return annotations_path(data_dir())


def user_annotations(path: str | os.PathLike[str] | None = None) -> Annotations:
    """The user's tags and notes (one store per file in this process)."""
    where = Path(path) if path else annotations_file()
    if where not in _annotations:
        from tangthu.archive.annotations import Annotations

        _annotations[where] = Annotations(where)
    return _annotations[where]


def corrections_file() -> Path:
    """Where the librarian's corrections are kept (the per-user data folder)."""
    from tangthu.archive.corrections import corrections_path

    return corrections_path(data_dir())


def user_corrections() -> Corrections:
    """The librarian's corrections (read again when another process changed them)."""
    from tangthu.archive.corrections import Corrections

    where = corrections_file()
    store = _corrections.get(where)
    if store is None:
        store = _corrections[where] = Corrections(where)
    else:
        store.refresh()
    return store


_corrections: dict[Path, Corrections] = {}


def export(
    items: list[Item],
    fmt: str,
    target: str | os.PathLike[str],
    *,
    known: Iterable[str] = (),
    **options: Any,
) -> ExportReport:
    """Export *items* (see `archive.export.export`), with the user's tags and notes.

    The target may not be, hold or lie in any archive the user knows: the items' own,
    every archive with an index in the data folder, and *known* (the window's list).
    """
    options.setdefault("annotations", user_annotations())
    options.setdefault("corrections", user_corrections())
    from tangthu.archive.trust import trusted_folders

    roots = {item.root for item in items}
    options.setdefault("trusted", {r: trusted_folders(data_dir(), r) for r in roots})
    protected = [*known, *known_roots()]
    from tangthu.archive.export import export as export_items

    return export_items(items, fmt, Path(target), protected=protected, **options)


def item_title(item: Item) -> str:
    """The title of a basket item's article (its ID when the file cannot be read)."""
    from tangthu.archive.article import load_article

    try:
        path = article_file(item.root, item.article_id)
    except OutsideArchive:
        path = None
    if path is None:
        return item.article_id
    fix = user_corrections().get(item.root, item.article_id)
    if fix is not None and fix.value("title"):
        return fix.value("title") or item.article_id
    try:
        return load_article(item.root, path, photo_info=False).title or item.article_id
    except OSError:
        return item.article_id


_IMAGE_ENDINGS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp")


def item_size(item: Item) -> int:
    """Bytes an item brings to an export (an article: its text and its folder's photos)."""
    try:
        if item.is_photo:
            photo = photo_file(item.root, item.article_id, item.file)
            return photo.stat().st_size if photo is not None else 0
        path = article_file(item.root, item.article_id)
        if path is None:
            return 0
        size = path.stat().st_size
        with os.scandir(path.parent) as it:
            for entry in it:
                if entry.is_file() and entry.name.lower().endswith(_IMAGE_ENDINGS):
                    size += entry.stat().st_size
        return size
    except (OSError, OutsideArchive):
        return 0


def load_engines() -> None:
    """Import the default engine's modules now (a window does it before its threads run)."""
    from tangthu.index import engines

    engines.get()
