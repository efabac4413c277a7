"""How the window's parts talk: every connection between them, in this one place.

Each part (`SearchBar`, `FiltersPanel`, `ResultsPane`, `ReadingSide`, `IndexStatus`,
`ProblemsDock`, `BasketDock`, `SavedSearchesPanel`, `ArchivesPanel`, `Tagging`,
`Watching`, `Searches`) owns its widgets and says what happens through its signals;
here each signal is given to the window's action or to another part's public method.
No part reaches into another's widgets.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tangthu import library
from tangthu.library import records
from tangthu.library.records import IndexSummary, Item, SavedSearch
from tangthu.ui import settings as cfg
from tangthu.ui.errors import error_text
from tangthu.ui.i18n import counted
from tangthu.ui.jobs import run_job, unhandled
from tangthu.ui.saved_searches import saved_from
from tangthu.ui.watching import changes_line

if TYPE_CHECKING:
    from tangthu.ui.main_window import MainWindow


def wire(w: MainWindow) -> None:
    """Connect the parts of *w* to each other and to the window's actions."""
    _search_and_results(w)
    _reading(w)
    _indexing(w)
    _basket_and_export(w)
    _tags(w)
    _corrections(w)
    _saved_searches(w)
    _archives(w)
    unhandled().failed.connect(lambda error: w.status_label.setText(error_text(error, w.tr)))


def _search_and_results(w: MainWindow) -> None:
    bar, results, filters = w.search_bar, w.results, w.filters_panel
    bar.changed.connect(w.run_search)
    bar.submitted.connect(w.run_search)
    bar.open_requested.connect(w.choose_archive)
    bar.help_requested.connect(w.show_query_help)
    bar.meaning_wanted.connect(w.by_meaning.offer)
    w.searches.meaning_known.connect(w.by_meaning.known)
    filters.changed.connect(w.run_search)
    results.article_chosen.connect(lambda i: w.open_article(i, results.chosen_archive))
    results.more_wanted.connect(lambda page: w.run_search(page=page))
    results.suggestion_chosen.connect(w.set_query)
    # (the × of "Like: …" goes back to the search; any other removes its filter)
    results.filter_removed.connect(lambda n: w.run_search() if n == "like" else filters.remove(n))
    results.span_chosen.connect(filters.set_span)
    results.undated_chosen.connect(lambda: filters.set_year(records.NONE))
    results.accents_dropped.connect(bar.drop_exact)
    results.citation_requested.connect(
        lambda: w.searches.cite(
            [(h.archive, h.id) for h in results.selected_hits()],
            str(cfg.read(w.settings, "cite/style")),
        )
    )
    # the cards of a page are measured in the search thread, at the list's width
    w.searches.measurer = lambda: results.delegate.measurer(results.view)
    w.searches.measured.connect(results.delegate.learn)
    w.searches.found.connect(w.show_result)
    w.searches.failed.connect(w.search_failed)
    w.searches.cited.connect(w.citations_copied)


def _reading(w: MainWindow) -> None:
    side = w.side
    side.article_requested.connect(w.open_article)
    side.photos_wanted.connect(w.find_photos)
    side.same_wanted.connect(w.searches.same_photos)
    side.thumb_px_changed.connect(lambda px: cfg.write(w.settings, "grid/thumb_px", px))
    w.searches.article_loaded.connect(w.show_article)
    w.searches.article_failed.connect(lambda error: w.status_label.setText(error_text(error, w.tr)))
    w.searches.photos_found.connect(side.set_photos)
    w.searches.same_found.connect(side.show_same)

    def pages(article: records.Article | None, page: int) -> None:
        """A PDF's pages as pictures, rendered in a worker, then in the viewer."""
        if article is None:
            return
        shown = w.library
        if shown is None:
            return
        root = Path(w.searches.article_root or str(shown.root))

        def render() -> list[records.PhotoEntry]:
            lib = shown if shown.root == root else library.Library(root)
            return lib.page_pictures(article.id)

        def view(entries: list[records.PhotoEntry]) -> None:
            if entries:
                side.show_viewer(entries, min(page, len(entries)) - 1)

        run_job(render, view)

    side.pages_wanted.connect(pages)


def _indexing(w: MainWindow) -> None:
    status = w.index_status
    status.committed.connect(w.index_grew)
    status.progressed.connect(lambda _d, _t: w.show_count())
    status.finished.connect(w.index_finished)
    status.ended.connect(w.indexing_ended)
    w.searches.opened.connect(w.archive_ready)

    def failed() -> None:  # no "building the index…" left standing: it failed
        if status.failure is not None and w.result is None:
            w.status_label.setText(w.tr("No index to search: indexing failed"))

    status.ended.connect(failed)

    # the archive is watched: a change (or a quiet rescan) updates its index
    waiting = {"pending": False}

    def update() -> None:
        if w.indexing():
            waiting["pending"] = True  # once this run ends
        elif w.root is not None:
            w.start_indexing()

    def ended() -> None:
        if waiting["pending"]:
            waiting["pending"] = False
            update()

    def news(summary: IndexSummary) -> None:
        line = changes_line(summary, w.tr)
        if line and w.result is not None:  # an update of an archive being searched
            w.results.show_news(line)

    w.archive_opened.connect(lambda: w.watching.watch(w.root))
    w.watching.update_wanted.connect(update)
    w.editing.changed.connect(lambda _ids: update())  # corrections are indexed too
    w.indexing_done.connect(ended)
    status.finished.connect(news)


def _basket_and_export(w: MainWindow) -> None:
    results, side, basket = w.results, w.side, w.basket_dock
    results.basket_requested.connect(w.add_results_to_basket)
    results.export_requested.connect(lambda: w.export_results(selected=True))
    side.article_to_basket.connect(w.add_article_to_basket)
    side.photos_to_basket.connect(lambda: w.add_photos_to_basket())
    side.photo_to_basket.connect(lambda photo: w.add_photos_to_basket([photo]))
    side.photos_export.connect(
        lambda photos: w.open_export([Item(str(w.root), p.article_id, p.file) for p in photos])
    )
    basket.export_requested.connect(
        lambda items: w.open_export(items, title=basket.panel.collection_of(items))
    )
    w.searches.gathered.connect(w.export_gathered)
    w.searches.gather_failed.connect(w.gather_failed)


def _tags(w: MainWindow) -> None:
    """Tags and notes: the actions of the results, the grid, the basket, the reader and
    the viewer; the tag list of the filters; the reader's marks."""
    tagging = w.tagging

    def root() -> str:
        return str(w.root) if w.root is not None else ""

    def refresh_marks() -> None:
        a = w.current_article
        if a is not None and w.root is not None and tagging.ready():
            store = tagging.store()
            item = Item(root(), a.id)
            w.side.show_marks(store.tags(item), store.note(item))

    def refresh() -> None:
        if w.root is None or not tagging.ready():
            return  # (shown once they are read: `changed`)
        w.filters_panel.show_tags(tagging.store().tag_counts(root()))
        refresh_marks()
        if library.split_annotations(w.search_bar.query())[1]:
            w.run_search(refresh=True)

    def chosen_tag(tag: str) -> None:
        words = library.split_annotations(w.search_bar.query())[0]
        quoted = tag.replace('"', "")
        w.set_query(f'tag:"{quoted}" {words}'.strip())

    def edit_article() -> None:
        a = w.current_article
        if a is not None and w.root is not None:
            tagging.edit(w, Item(root(), a.id), a.title)

    tagging.changed.connect(refresh)
    tagging.failed.connect(w.status_label.setText)
    w.filters_panel.tag_chosen.connect(chosen_tag)
    w.article_shown.connect(lambda _id: refresh_marks())
    w.archive_opened.connect(refresh)
    w.side.article_marks_requested.connect(edit_article)

    def more_like() -> None:
        if w.current_article is not None:
            w.results.like_title = w.current_article.title
            w.searches.more_like(w.current_article.id, w.results.chosen_archive or None)

    w.side.article_like_requested.connect(more_like)
    w.results.tag_requested.connect(
        lambda: tagging.ask_and_tag(
            w, [Item(h.archive or root(), h.id) for h in w.results.selected_hits()]
        )
    )
    w.side.photos_tag_requested.connect(
        lambda: tagging.ask_and_tag(
            w, [Item(root(), p.article_id, p.file) for p in w.side.selected_photos()]
        )
    )
    w.basket_dock.tag_requested.connect(lambda items: tagging.ask_and_tag(w, items))
    w.side.photo_marks_requested.connect(
        lambda p: tagging.edit(w, Item(root(), p.article_id, p.file), f"{p.file} — {p.title}")
    )


def _corrections(w: MainWindow) -> None:
    """Corrections: the reader's "Edit details…" and "revert" links, the results'
    "Edit details…" (of one or many) and the table's cells; estimates left out."""
    editing = w.editing

    def shown_ids() -> list[str]:
        root = str(w.root) if w.root is not None else ""
        return [h.id for h in w.results.selected_hits() if not h.archive or h.archive == root]

    def of_archive_shown() -> bool:
        """Whether the reader's article is of the archive shown (not of one searched
        with it: that one is corrected in its own window)."""
        lib = w.library
        return lib is not None and w.searches.article_root in ("", str(lib.root))

    def edit_article() -> None:
        a = w.current_article
        if a is not None and w.library is not None and of_archive_shown():
            editing.edit(w, w.library, [a.id], a)

    def edit_selected() -> None:
        ids, a = shown_ids(), w.current_article
        if w.library is None or not ids:
            return
        one = a if a is not None and ids == [a.id] and of_archive_shown() else None
        editing.edit(w, w.library, ids, one)

    def revert(field: str) -> None:
        a = w.current_article
        if a is not None and w.library is not None:
            editing.write(w.library, [a.id], {}, [field])

    def cell(ident: str, field: str, value: str) -> None:
        if w.library is not None:
            editing.write(w.library, [ident], {field: value})

    def written(ids: list[str]) -> None:
        a = w.current_article
        if a is not None and a.id in ids:
            w.open_article(a.id)  # read again, as corrected
        w.status_label.setText(
            counted(w.tr, len(ids), "Corrected 1 article", "Corrected %1 articles")
        )

    w.side.article_edit_requested.connect(edit_article)
    w.side.article_revert_requested.connect(revert)
    w.results.edit_requested.connect(edit_selected)
    w.results.correction_wanted.connect(cell)
    editing.changed.connect(written)
    editing.failed.connect(w.status_label.setText)
    filters = w.filters_panel
    filters.leave_out_estimates(bool(cfg.read(w.settings, "search/no_estimates")))
    filters.estimates_left_out.connect(lambda on: cfg.write(w.settings, "search/no_estimates", on))


def _saved_searches(w: MainWindow) -> None:
    panel = w.saved

    def run(search: SavedSearch) -> None:
        w.filters_panel.set_filters(library.saved_filters(search))
        w.search_bar.set_order(search.sort, search.exact)
        w.search_bar.set_mode(search.mode)
        w.set_query(search.query)

    def save(name: str) -> None:
        bar = w.search_bar
        found = saved_from(
            name,
            bar.query(),
            w.filters(),
            bar.sort_order(),
            bar.exact_only(),
            bar.search_mode(),
        )
        panel.save(found, w.library)

    panel.chosen.connect(run)
    panel.save_requested.connect(save)
    w.archive_opened.connect(lambda: panel.recount(w.library))
    w.indexing_done.connect(lambda: panel.recount(w.library))


def _archives(w: MainWindow) -> None:
    """Several archives: those ticked are searched with the one shown."""
    panel = w.archives

    def reopen() -> None:
        together = panel.together()
        w.searches.search_with(together)
        panel.fill(str(w.root) if w.root is not None else "")
        if together:
            w.run_search()  # the first search went to the archive shown alone

    def changed() -> None:
        w.searches.search_with(panel.together())
        w.run_search()

    def counted() -> None:
        result = w.result
        if result is not None and result.page == 1:
            counts = dict(result.facets.get("archive") or {})
            if not counts and w.root is not None:
                counts = {str(w.root): result.total}
            panel.show_counts(counts)

    def open_item(item: Item) -> None:
        """Read a basket item's article: of the archive shown, or searched with it,
        else of its own archive, shown for it."""
        known = {str(w.root), *panel.together()} if w.root is not None else set()
        if cfg.archive_key(item.root) not in {cfg.archive_key(k) for k in known}:
            w.open_archive(Path(item.root))
        w.open_article(item.article_id, item.root)

    w.archive_opened.connect(reopen)
    panel.together_changed.connect(changed)
    panel.open_requested.connect(lambda root: w.open_archive(Path(root)))
    w.search_done.connect(counted)
    w.basket_dock.open_requested.connect(open_item)
