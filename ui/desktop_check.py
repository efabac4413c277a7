"""Before Qt opens a window on Linux: are the system libraries of its X11 plugin there?

When they are not, Qt prints a long message and aborts. This module finds which
libraries are missing (with ``ldd`` on Qt's own plugin) and names the one
``apt-get install`` line that fixes it. It imports no Qt module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tangthu.library import program

#: Library file -> the Debian/Ubuntu package that holds it.
PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}


def uses_x11(env: dict[str, str]) -> bool:
    """True when Qt will open its window through X11 (the xcb plugin)."""
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    wayland = env.get("XDG_SESSION_TYPE") == "wayland" and bool(env.get("WAYLAND_DISPLAY"))
    return not wayland


def missing_from_ldd(output: str) -> list[str]:
    """The library files that ``ldd`` reports as ``not found``, each once, in order."""
    found: list[str] = []
    for line in output.splitlines():
        name, _, rest = line.strip().partition(" => ")
        if rest.startswith("not found") and name not in found:
            found.append(name)
    return found


def install_line(libraries: list[str]) -> str:
    """The apt-get command that installs *libraries*."""
    packages = dict.fromkeys(PACKAGES.get(lib, lib) for lib in libraries)
    return "sudo apt-get install " + " ".join(packages)


def missing_libraries() -> list[str]:
    """The libraries Qt's X11 plugin needs and this system lacks ([] when unknown)."""
    ldd = shutil.which("ldd")
    try:
        import PySide6
    except ImportError:
        return []
    qt = Path(PySide6.__file__).parent / "Qt"
    files = [
        qt / "plugins" / "platforms" / "libqxcb.so",
        *sorted((qt / "lib").glob("libQt6XcbQpa.so*")),
    ]
    files = [f for f in files if f.is_file()]
    if ldd is None or not files:
        return []
    try:
        done = subprocess.run(
            [ldd, *map(str, files)], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return missing_from_ldd(done.stdout)


def problem() -> str | None:
    """What keeps the window from opening here, in sentences, or None."""
    if not sys.platform.startswith("linux") or not uses_x11(dict(os.environ)):
        return None
    if not os.environ.get("DISPLAY"):
        return (
            "There is no display to open the window on (DISPLAY is not set). Start Tàng Thư "
            f"from a desktop session, or use the command line ({program.command_name()} --help)."
        )
    missing = missing_libraries()
    if not missing:
        return None
    return (
        "Tàng Thư cannot open its window: Qt needs system libraries that are not installed "
        f"({', '.join(missing)}). Install them with:\n  {install_line(missing)}"
    )
