"""Thumbnails made off the GUI thread with Pillow, cached on disk and in memory."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from tangthu.library import thumbnail_jpeg, thumbnail_pixels


def image_from_jpeg(data: bytes) -> QImage:
    """A QImage of JPEG bytes, decoded by Pillow (in `archive.photo`).

    Worker threads never let Qt decode: Qt's image plugins call the translator,
    which is Python, and a plugin holding Qt's loader lock while it waits for the
    interpreter can deadlock with the GUI thread (seen with several windows
    starting at once). Pillow hands over raw pixels; Qt only wraps them.

    Raises:
        OSError, ValueError: the bytes are not a readable picture.
    """
    width, height, raw = thumbnail_pixels(data)
    image = QImage(raw, width, height, 3 * width, QImage.Format.Format_RGB888)
    if image.isNull():
        raise ValueError("the picture could not be read")
    return image.copy()  # own the pixels: *raw* is freed when this returns


class _Signals(QObject):
    done = Signal(str, QImage)
    failed = Signal(str, str)


class _ThumbJob(QRunnable):
    def __init__(self, key: str, path: str, px: int, cache: Path | None, signals: _Signals) -> None:
        super().__init__()
        # The loader keeps this object alive until it ran: a Python runnable left to
        # Qt's auto-delete can be collected while a pool thread still uses it.
        self.setAutoDelete(False)
        self._key, self._path, self._px, self._cache, self._signals = key, path, px, cache, signals

    def run(self) -> None:
        try:
            image = image_from_jpeg(thumbnail_jpeg(self._path, self._px, self._cache))
        except Exception as exc:  # damaged photos: reported, shown as a placeholder
            self._signals.failed.emit(self._key, str(exc) or type(exc).__name__)
        else:
            self._signals.done.emit(self._key, image)


class ThumbnailLoader(QObject):
    """Queues thumbnail jobs and keeps the latest pixmaps in memory.

    Signals:
        thumbnail_ready(str): the key (path and size) whose pixmap is now available.
    """

    thumbnail_ready = Signal(str)

    def __init__(
        self, parent: QObject | None = None, *, cache: Path | None = None, memory: int = 3000
    ) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max(1, QThreadPool.globalInstance().maxThreadCount()))
        self._cache = cache
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._pending: dict[str, _ThumbJob] = {}
        self._failed: dict[str, str] = {}
        self._memory = memory

    @staticmethod
    def key(path: str, px: int) -> str:
        return f"{px}|{path}"

    def pixmap(self, path: str, px: int) -> QPixmap | None:
        """The pixmap when ready; otherwise None, and a job is queued once."""
        key = self.key(path, px)
        pm = self._pixmaps.get(key)
        if pm is not None:
            self._pixmaps.move_to_end(key)
            return pm
        if key not in self._pending and key not in self._failed:
            job = _ThumbJob(key, path, px, self._cache, self._signals)
            self._pending[key] = job
            self.pool.start(job)
        return None

    def pixmap_cached(self, path: str, px: int) -> bool:
        return self.key(path, px) in self._pixmaps

    def failure(self, path: str, px: int) -> str | None:
        return self._failed.get(self.key(path, px))

    def busy(self) -> bool:
        return bool(self._pending)

    def _on_done(self, key: str, image: QImage) -> None:
        self._pending.pop(key, None)
        self._pixmaps[key] = QPixmap.fromImage(image)
        while len(self._pixmaps) > self._memory:
            self._pixmaps.popitem(last=False)
        self.thumbnail_ready.emit(key)

    def _on_failed(self, key: str, message: str) -> None:
        self._pending.pop(key, None)
        self._failed[key] = message
        self.thumbnail_ready.emit(key)

    def shutdown(self) -> None:
        self.pool.clear()
        self.pool.waitForDone()
        self._pending.clear()


def placeholder(px: int, text: str = "", color: str = "#d9d4c7") -> QPixmap:
    """A neutral square for photos not loaded yet or missing."""
    pm = QPixmap(px, int(px * 0.75))
    pm.fill(QColor(color))
    if text:
        p = QPainter(pm)
        p.setPen(QColor("#6b6455"))
        flags = Qt.AlignmentFlag.AlignCenter.value | Qt.TextFlag.TextWordWrap.value
        p.drawText(pm.rect().adjusted(6, 6, -6, -6), flags, text)
        p.end()
    return pm
