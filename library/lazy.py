"""Names a module gives without importing what defines them until they are used.

The command line runs one command per process: a search should not pay for the
modules of export, scanning or photos. `tangthu.library` and its records name
everything the window and the command line use, and import each part the first
time one of its names is asked for (PEP 562's module ``__getattr__``).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def names(module: str, where: dict[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of *module*: each name of *where* ("module" holding the same
    name, or "module:name") imported when first asked for, then kept in *module*."""

    def __getattr__(name: str) -> Any:  # noqa: N807
        try:
            source, _, attr = where[name].partition(":")
        except KeyError:
            raise AttributeError(f"module {module!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(source), attr or name)
        setattr(sys.modules[module], name, value)
        return value

    return __getattr__
