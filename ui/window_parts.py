"""The window's parts by the short names that tests, benchmarks and screenshots use."""

from __future__ import annotations


class WindowParts:
    """Short names for the parts of `MainWindow`'s rooms (read-only)."""

    search_edit = property(lambda self: self.search_bar.edit)
    history_model = property(lambda self: self.search_bar.history)
    exact_check = property(lambda self: self.search_bar.exact)
    sort_combo = property(lambda self: self.search_bar.sort)
    results_model = property(lambda self: self.results.model)
    results_view = property(lambda self: self.results.view)
    results_header = property(lambda self: self.results.header)
    suggestion_label = property(lambda self: self.results.suggestion)
    empty_label = property(lambda self: self.results.empty)
    from_check = property(lambda self: self.filters_panel.from_check)
    from_date = property(lambda self: self.filters_panel.from_date)
    to_check = property(lambda self: self.filters_panel.to_check)
    to_date = property(lambda self: self.filters_panel.to_date)
    photos_check = property(lambda self: self.filters_panel.photos_check)
    outlet_model = property(lambda self: self.filters_panel.outlet_model)
    outlet_view = property(lambda self: self.filters_panel.outlet_view)
    year_model = property(lambda self: self.filters_panel.year_model)
    year_view = property(lambda self: self.filters_panel.year_view)
    tabs = property(lambda self: self.side)
    reader = property(lambda self: self.side.reader)
    grid = property(lambda self: self.side.grid)
    grid_model = property(lambda self: self.side.grid_model)
    grid_scope = property(lambda self: self.side.scope)
    index_label = property(lambda self: self.index_status.label)
    progress = property(lambda self: self.index_status.progress)
    index_job = property(lambda self: self.index_status.job)
    problems_model = property(lambda self: self.problems_dock.model)
    basket_button = property(lambda self: self.basket_dock.button)
