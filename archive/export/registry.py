"""The export formats, each declared once, by the module that writes it.

A writer module of this package declares ``EXPORT_FORMATS``, a tuple of
`ExportFormat`; the command line's choices, the window's list and `export()`
all come from here. Adding a format is one new module (and the translation of
its label).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

#: What a writer is called with: (resolved items, temporary target, keyword options).
Writer = Callable[..., list[str]]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format.

    Attributes:
        name: what the command line calls it (``--format zip``).
        label: what the window shows, in English (the window translates it).
        folder: the export is a folder (else one file).
        extension: the file name's ending for a file export (``.zip``).
        write: the function that writes it.
        options: the keyword options the writer takes besides the usual ones.
        lists_files: the report lists the files written (else it names the target).
        order: where it comes in lists.
    """

    name: str
    label: str
    folder: bool
    extension: str
    write: Writer
    options: tuple[str, ...] = ()
    lists_files: bool = True
    order: int = 100


@lru_cache(maxsize=1)
def formats() -> dict[str, ExportFormat]:
    """Every export format, in the order lists show them."""
    import tangthu.archive.export as package

    found: list[ExportFormat] = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name in ("common", "registry"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.extend(getattr(module, "EXPORT_FORMATS", ()))
    return {f.name: f for f in sorted(found, key=lambda f: (f.order, f.name))}
