"""User interface languages: English source strings, Vietnamese translation.

A `DictTranslator` is a QTranslator fed from a Python table, so no compiled
``.qm`` file is needed; every ``self.tr()`` goes through it.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, QTranslator

from ui.i18n.vi import VI

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}


class DictTranslator(QTranslator):
    def __init__(self, table: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return self._table.get(source, source)

    def isEmpty(self) -> bool:  # noqa: N802
        return not self._table


def language_for(setting: str) -> str:
    """The language to use: the setting, else the system locale's (vi or en)."""
    if setting in LANGUAGES:
        return setting
    return "vi" if QLocale.system().name().lower().startswith("vi") else "en"


def translator(language: str) -> DictTranslator | None:
    return DictTranslator(VI) if language == "vi" else None
