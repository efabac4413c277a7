"""Tàng Thư: an offline browser for folders of news articles and their photos.

Every module lives under this one name: ``tangthu.archive`` (scanning, parsing,
photos, export), ``tangthu.index`` (the search engines), ``tangthu.library`` (the
one way in for the window and the command line), ``tangthu.ui`` and ``tangthu.cli``.

In a source checkout these are the top-level folders ``archive/``, ``index/`` …,
reached from here through symbolic links.  A checkout made without symbolic links
(Git on Windows by default) has small text files in their place; the folders are
then found beside this one, by `_BesideFinder`.  An installed copy has them inside
this folder.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

FOLDERS = ("archive", "index", "library", "ui", "cli")


class _BesideFinder:
    """Finds ``tangthu.<folder>`` in the checkout's folder of that name (a meta path
    finder: only `find_spec` is asked of it; ``importlib.abc`` would cost every start
    some 10 ms for a case most never meet)."""

    def __init__(self, checkout: Path) -> None:
        self.checkout = checkout

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        parent, _, name = fullname.rpartition(".")
        if parent != __name__ or name not in FOLDERS:
            return None
        from importlib.util import spec_from_file_location

        folder = self.checkout / name
        return spec_from_file_location(
            fullname, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )


def _linked_or_installed() -> bool:
    return all((Path(__file__).parent / name).is_dir() for name in FOLDERS)


_checkout = Path(__file__).resolve().parent.parent
if not _linked_or_installed() and (_checkout / "archive" / "__init__.py").is_file():
    sys.meta_path.insert(0, _BesideFinder(_checkout))
