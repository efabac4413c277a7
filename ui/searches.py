"""The window's searches: one thread that owns the open `Library`'s searcher.

Every search, article load and photo search of the window runs in that one thread,
in the order asked; only the answer to the latest search is shown (an older one
still on its way is dropped).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from tangthu.library import Library, found_items, reference_list, search_archives
from tangthu.library.records import Filters, PhotoEntry, SearchResult
from tangthu.ui.jobs import cancel_all, make_pool, pending, run_job

#: Photos a grid shows at most for a search (or the whole archive).
MAX_PHOTOS = 20000
#: Articles "More like this" lists.
LIKE = 20


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
        opened(object, bool, object): the `Library` just opened, whether it has an index
            to search, and the problems its last indexing run found.
        gathered(object): every article a search finds, as a list of `Item` (for an
            export).
        gather_failed(object): they could not be gathered (the exception).
        measured(object): what `measurer`'s function measured of a page of hits, in the
            search thread; said just before `found` says the page.
        meaning_known(object): what the archive shown has for search by meaning (a
            `MeaningState`; None: it could not be told).
    """

    found = Signal(object, object, bool)
    measured = Signal(object)
    failed = Signal(object)
    article_loaded = Signal(object)
    article_failed = Signal(object)
    photos_found = Signal(object)
    cited = Signal(str, int)
    same_found = Signal(str, object)
    opened = Signal(object, bool, object)
    gathered = Signal(object)
    gather_failed = Signal(object)
    meaning_known = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = make_pool(1, keep_threads=True)
        self.library: Library | None = None
        #: archives searched together with the one shown (each with its own index)
        self.others: list[Library] = []
        #: the archive folder of the article loaded last
        self.article_root = ""
        self.generation = 0
        #: called at each search, on this thread: a function measuring the hits' cards
        #: that the search thread calls with the page it found (`measured` says its answer)
        self.measurer: Callable[[], Callable[[list[Any]], object]] | None = None

    def search_with(self, roots: list[str], index_dir: object = None) -> None:
        """Search these archives too (the ones before are closed in the search thread)."""
        old = self.others
        self.others = [Library(r, index_dir=index_dir) for r in roots]  # type: ignore[arg-type]
        for lib in old:
            run_job(lib.close, _ignore, pool=self.pool)

    def _library(self, root: str | None) -> Library | None:
        """The open library of *root* (the one shown for None or "")."""
        if not root or self.library is None:
            return self.library
        key = Path(root).expanduser().resolve()
        if key == self.library.root:
            return self.library
        return next((lib for lib in self.others if lib.root == key), None)

    def open(self, library: Library) -> None:
        """Search *library* from now on (the one before is closed in the search thread);
        what its index holds is read there too, then said by `opened`."""
        old, self.library = self.library, library
        self.generation += 1
        if old is not None:
            run_job(old.close, _ignore, pool=self.pool)

        def state() -> tuple[bool, list[object]]:
            return library.index_state()[0], list(library.problems())

        run_job(state, lambda found: self.opened.emit(library, *found), pool=self.pool)

    def search(
        self,
        query: str,
        filters: Filters,
        *,
        sort: str = "relevance",
        exact: bool = False,
        mode: str = "words",
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

        libraries = [lib, *self.others]
        measure = self.measurer() if self.measurer is not None else None

        def call() -> tuple[SearchResult, dict[str, str], object]:
            options = dict(
                filters=filters,
                sort=sort,
                page=page,
                pagesize=pagesize,
                facets=page == 1,
                mode=mode,
            )
            if len(libraries) == 1:
                result = lib.search(query, exact=exact, **options)
            else:
                result = search_archives(libraries, query, exact=exact, **options)
            thumbs: dict[str, str] = {}
            for one in libraries:
                mine = [h for h in result.hits if h.archive in ("", str(one.root))]
                thumbs.update(one.thumbnail_paths(mine))
            # the cards' heights: laid out here, not on the window's thread
            return result, thumbs, measure(result.hits) if measure is not None else None

        def done(found: tuple[SearchResult, dict[str, str], object]) -> None:
            if found[2] is not None:
                self.measured.emit(found[2])
            self.found.emit(found[0], found[1], refresh)

        self._latest(call, done)

    def _latest(self, call: Callable[[], Any], answer: Callable[[Any], None]) -> None:
        """*call* in the search thread; *answer* (on this thread) its result, or `failed`
        its error, unless another search was asked for meanwhile."""
        generation = self.generation

        def done(found: Any) -> None:
            if generation == self.generation:
                answer(found)

        def fail(error: Exception) -> None:
            if generation == self.generation:
                self.failed.emit(error)

        run_job(call, done, fail, pool=self.pool)

    def gather(
        self, query: str, filters: Filters, *, sort: str, exact: bool, mode: str = "words"
    ) -> None:
        """Every article the search finds in the archives searched, in its order: said
        by `gathered`."""
        lib = self.library
        if lib is not None:
            libraries = [lib, *self.others]
            options = dict(filters=filters, sort=sort, exact=exact, mode=mode)
            run_job(
                lambda: found_items(libraries, query, **options),
                self.gathered.emit,
                self.gather_failed.emit,
                pool=self.pool,
            )

    def more_like(self, article_id: str, archive: str | None = None) -> None:
        """The articles most like *article_id* (of the archive shown, or of *archive*
        searched with it), said by `found` as a list of its own (mode "like") that
        keeps the article being read."""
        lib = self._library(archive)
        if lib is None:
            return
        self.generation += 1

        def call() -> tuple[SearchResult, dict[str, str]]:
            result = lib.more_like_result(article_id, limit=LIKE)
            root = str(lib.root)
            result.hits = [replace(h, archive=root) for h in result.hits]
            return result, lib.thumbnail_paths(result.hits)

        self._latest(call, lambda found: self.found.emit(found[0], found[1], True))

    def ask_meaning(self) -> None:
        """What the archive shown has for search by meaning: said by `meaning_known`."""
        lib = self.library
        if lib is not None:
            run_job(
                lib.meaning_state,
                self.meaning_known.emit,
                lambda _error: self.meaning_known.emit(None),
                pool=self.pool,
            )

    def load_article(self, article_id: str, archive: str | None = None) -> None:
        """Read an article of the archive shown, or of *archive* searched with it (its
        related titles linked to articles of its archive)."""
        lib = self._library(archive)
        if lib is not None and article_id:
            root = str(lib.root)

            def done(article: object) -> None:
                self.article_root = root
                self.article_loaded.emit(article)

            run_job(lambda: lib.article(article_id), done, self.article_failed.emit, pool=self.pool)

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
                pool=self.pool,
            )

    def cite(self, articles: list[tuple[str, str]], style: str = "apa") -> None:
        """Cite these articles ((archive or "", ID); read from their files) in *style*,
        one paragraph each."""
        found = [(lib, i) for root, i in articles if (lib := self._library(root)) is not None]
        if found:
            run_job(
                lambda: "\n\n".join(reference_list([lib.article(i) for lib, i in found], style)),
                lambda text: self.cited.emit(text, len(found)),
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
        for one in [*([lib] if lib is not None else []), *self.others]:
            run_job(one.close, _ignore, pool=self.pool)
        self.others = []
        self.pool.waitForDone()


def _ignore(_result: object) -> None:
    pass
