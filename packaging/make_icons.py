"""Render the application icon (ui/icons/tangthu.svg) to the PNG sizes desktops use.

python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(REPO / "ui" / "icons" / "tangthu.svg"))
    out = REPO / "ui" / "icons"
    out.mkdir(exist_ok=True)
    for px in SIZES:
        image = QImage(px, px, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"tangthu-{px}.png"))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
