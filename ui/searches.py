"""The window's searches: one thread that owns the open `Library`'s searcher.

Every search, article load and photo search of the window runs in that one thread,
in the order asked; only the answer to the latest search is shown (an older one
still on its way is dropped).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from library import Filters, Library, PhotoEntry, SearchResult, citation
from ui.jobs import cancel_all, make_pool, pending, run_job

#: Photos a grid shows at most for a search (or the whole archive).
MAX_PHOTOS = 20000


class Searches(QObject):
    """Runs the window's searches off the GUI thread.

    Signals:
        found(object, object, bool): a `SearchResult`, its thumbnails (article ID ->
            file), and whether it refreshes the list (the index grew) rather than
            answering a new search.
        failed(object): the latest search failed (the exception).
        article_loaded(object): the `Article` asked for.
        article_failed(object): the article could not be read (the exception).
        photos_found(object): the list of `PhotoEntry` asked for.
        cited(str, int): the citations of the articles asked for, and how many.
        same_found(str, object): the same photo (its key ``ID#file``) elsewhere: a list
            of `PhotoEntry`.
    """

    found = Signal(object, object, bool)
    failed = Signal(object)
    article_loaded = Signal(object)
    article_failed = Signal(object)
    photos_found = Signal(object)
    cited = Signal(str, int)
    same_found = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = make_pool(1, keep_threads=True)
        self.library: Library | None = None
        self.generation = 0

    def open(self, library: Library) -> None:
        """Search *library* from now on (the one before is closed in the search thread)."""
        old, self.library = self.library, library
        self.generation += 1
        if old is not None:
            run_job(old.close, _ignore, pool=self.pool)

    def search(
        self,
        query: str,
        filters: Filters,
        *,
        sort: str = "relevance",
        exact: bool = False,
        page: int = 1,
        pagesize: int = 50,
        refresh: bool = False,
    ) -> None:
        """Search; page 1 is a new search (any older one's answer is dropped)."""
        lib = self.library
        if lib is None:
            return
        if page == 1:
            self.generation += 1
        generation = self.generation

        def call() -> tuple[SearchResult, dict[str, str]]:
            result = lib.search(
                query,
                filters=filters,
                sort=sort,
                page=page,
                pagesize=pagesize,
                facets=page == 1,
                exact=exact,
            )
            return result, lib.thumbnail_paths(result.hits)

        def done(found: tuple[SearchResult, dict[str, str]]) -> None:
            if generation == self.generation:
                self.found.emit(found[0], found[1], refresh)

        def fail(error: Exception) -> None:
            if generation == self.generation:
                self.failed.emit(error)

        run_job(call, done, fail, pool=self.pool)

    def load_article(self, article_id: str) -> None:
        """Read an article (its related titles linked to articles of the archive)."""
        lib = self.library
        if lib is not None and article_id:
            run_job(
                lambda: lib.article(article_id),
                self.article_loaded.emit,
                self.article_failed.emit,
                pool=self.pool,
            )

    def find_photos(self, query: str, filters: Filters, *, duplicates: bool = False) -> None:
        """Photos whose captions match *query* (all of them for an empty query), or
        the photos used more than once."""
        lib = self.library
        if lib is not None:
            run_job(
                (lambda: lib.duplicate_photos(MAX_PHOTOS))
                if duplicates
                else (lambda: lib.photo_entries(query, filters=filters, limit=MAX_PHOTOS)),
                self._photos,
                pool=self.pool,
            )

    def same_photos(self, photo: PhotoEntry) -> None:
        """The same photo in other places of the archive."""
        lib = self.library
        if lib is not None:
            run_job(
                lambda: lib.same_photos(photo.article_id, photo.file),
                lambda found: self.same_found.emit(photo.id, found),
                lambda _e: None,
                pool=self.pool,
            )

    def cite(self, article_ids: list[str], style: str = "apa") -> None:
        """Cite these articles (read from their files) in *style*, one paragraph each."""
        lib = self.library
        if lib is not None and article_ids:
            run_job(
                lambda: "\n\n".join(citation(lib.article(i), style) for i in article_ids),
                lambda text: self.cited.emit(text, len(article_ids)),
                self.article_failed.emit,
                pool=self.pool,
            )

    def _photos(self, entries: list[PhotoEntry]) -> None:
        self.photos_found.emit(entries)

    def index_grew(self) -> None:
        """A commit made more articles searchable: the next search sees them."""
        if self.library is not None:
            self.library.mark_changed()

    def index_replaced(self) -> None:
        """The index was rebuilt or updated: the next search opens it afresh."""
        lib = self.library
        if lib is not None:
            run_job(lib.mark_stale, _ignore, pool=self.pool)

    def busy(self) -> bool:
        """True while a search, an article or photos are on their way."""
        return pending(self.pool)

    def close(self) -> None:
        """Stop what is queued, close the searcher in its thread, wait for the thread."""
        cancel_all(self.pool)
        lib, self.library = self.library, None
        if lib is not None:
            run_job(lib.close, _ignore, pool=self.pool)
        self.pool.waitForDone()


def _ignore(_result: object) -> None:
    pass
