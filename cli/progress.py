"""A progress bar on stderr (tqdm), fed by ``progress(done, total)`` callbacks."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tqdm import tqdm


class ProgressBar:
    """Context manager whose `update(done, total)` moves a tqdm bar on stderr.

    The bar is shown only when stderr is a terminal, so logs and pipes stay clean.
    """

    def __init__(self, label: str, *, unit: str = "items") -> None:
        self._label = label
        self._unit = unit
        self._bar: tqdm | None = None
        self._enabled = sys.stderr.isatty()

    def update(self, done: int, total: int) -> None:
        if not self._enabled:
            return
        if self._bar is None:
            from tqdm import tqdm  # a tenth of a search's start: imported when a bar shows

            self._bar = tqdm(
                total=total,
                desc=self._label,
                unit=f" {self._unit}",
                file=sys.stderr,
                dynamic_ncols=True,
                leave=False,
            )
        if total != self._bar.total:
            self._bar.total = total
        self._bar.n = done
        self._bar.refresh()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.close()
