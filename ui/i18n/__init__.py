"""User interface languages: English source strings, Vietnamese translation.

A `DictTranslator` is a QTranslator fed from a Python table, so no compiled
``.qm`` file is needed; every ``self.tr()`` goes through it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, QObject, QTranslator

from tangthu.ui.i18n.vi import VI
from tangthu.ui.i18n.vi_editing import VI_EDITING
from tangthu.ui.i18n.vi_fields import VI_FIELDS
from tangthu.ui.i18n.vi_messages import VI_MESSAGES
from tangthu.ui.i18n.vi_qt import QT_VI

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
#: Every Vietnamese string: Qt's own, the core's failures and advice, the window's.
VIETNAMESE: dict[str, str] = {**QT_VI, **VI_MESSAGES, **VI_FIELDS, **VI_EDITING, **VI}


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


_current = "en"


def translator(language: str) -> DictTranslator | None:
    """The translator to install for *language* (None for English, the source)."""
    global _current
    _current = language if language in LANGUAGES else "en"
    return DictTranslator(VIETNAMESE) if language == "vi" else None


def current_language() -> str:
    """The interface language in use ("vi" or "en")."""
    return _current


def fmt(text: str, *args: object) -> str:
    """*text* (already translated) with ``%1``, ``%2``… replaced by *args*."""
    # From the highest number down, so %1 never eats the start of %10.
    for n in range(len(args), 0, -1):
        text = text.replace(f"%{n}", str(args[n - 1]))
    return text


def number(n: int) -> str:
    """*n* with thousands grouped as the interface language does (``31.861``, ``31,861``)."""
    text = f"{n:,}"
    return text.replace(",", ".") if _current == "vi" else text


def counted(tr: Callable[[str], str], n: int, one: str, many: str) -> str:
    """*one* (a text without a number) when *n* is 1, else *many* with *n* for ``%1``,
    in the interface language: ``1 hit``, ``12 hits``."""
    return tr(one) if n == 1 else fmt(tr(many), number(n))


def photos_count(tr: Callable[[str], str], photos: int) -> str:
    """``1 photo``, ``12 photos`` in the interface language."""
    return counted(tr, photos, "1 photo", "%1 photos")


def articles_and_photos(tr: Callable[[str], str], articles: int, photos: int) -> str:
    """``2 articles, 1 photo`` in the interface language (singular where it is one)."""
    a = counted(tr, articles, "1 article", "%1 articles")
    return fmt(tr("%1, %2"), a, photos_count(tr, photos))
