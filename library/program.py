"""This copy of the program: how it was started, and its applications-menu entry.

A copy is the bundle's executable, the ``tangthu`` command of pip or pipx, or
``main.py`` of a checkout run by some Python. Messages name the command the user
types (`command_name`); the menu entry on Linux desktops (GNOME, KDE, Xfce …)
starts the copy that wrote it (`launcher`). The entry and the icons go under the
user's ``$XDG_DATA_HOME`` (``~/.local/share``), never anywhere else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tangthu.archive.storage import write_atomically

ICONS = Path(__file__).resolve().parent.parent / "ui" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ENTRY = "tangthu.desktop"

TEMPLATE = """\
[Desktop Entry]
Type=Application
Name=Tàng Thư
GenericName=Press archive browser
GenericName[vi]=Tra cứu kho báo
Comment=Search, read and export a press archive kept as folders, offline
Comment[vi]=Tìm, đọc và xuất kho báo lưu trên máy, không cần Internet
Exec={exec}
Icon=tangthu
Terminal=false
Categories=Office;Viewer;
Keywords=archive;newspaper;search;library;báo;lưu trữ;thư viện;
StartupWMClass=Tàng Thư
"""


def _checkout_script(path: Path) -> bool:
    """True when *path* is a checkout's ``main.py`` (not an installed command)."""
    return path.name == "main.py"


def command_name() -> str:
    """What the user types to run this program: ``main.py`` from a source checkout,
    ``tangthu`` when installed or bundled (for messages that name a command)."""
    return "main.py" if _checkout_script(Path(sys.argv[0])) else "tangthu"


def launcher() -> list[str]:
    """The command that starts this copy of the program again."""
    if getattr(sys, "frozen", False):  # the bundle
        return [str(Path(sys.executable).resolve())]
    started = Path(sys.argv[0]).resolve()
    python = str(Path(sys.executable).absolute())  # a venv's python: not its target
    if _checkout_script(started):
        return [python, str(started)]
    if started.name == "__main__.py":  # python -m tangthu
        return [python, "-m", "tangthu"]
    return [str(Path(sys.argv[0]).absolute())]  # the tangthu command (pip, pipx)


def exec_line(argv: list[str]) -> str:
    """*argv* as a desktop entry's ``Exec`` value (quoted and escaped as the
    Desktop Entry Specification says)."""
    words = []
    for arg in argv:
        if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            word = arg
        else:
            word = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
        words.append(word.replace("%", "%%"))
    return " ".join(words).replace("\\", "\\\\")  # the value is a string: one more level


def desktop_exec_line() -> str:
    """The command line the menu entry starts (this copy of the program)."""
    return exec_line(launcher())


def data_home() -> Path:
    """Where the user's menu entries and icons live."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _targets(home: Path) -> dict[Path, Path | None]:
    """Each file the entry consists of, with the packaged file it is a copy of."""
    hicolor = home / "icons" / "hicolor"
    files: dict[Path, Path | None] = {home / "applications" / ENTRY: None}
    files[hicolor / "scalable" / "apps" / "tangthu.svg"] = ICONS / "tangthu.svg"
    for px in PNG_SIZES:
        files[hicolor / f"{px}x{px}" / "apps" / "tangthu.png"] = ICONS / f"tangthu-{px}.png"
    return files


def install_desktop_entry(home: Path | None = None) -> list[Path]:
    """Put the menu entry and its icons in place for the user; the files written."""
    home = home or data_home()
    written = []
    for target, source in _targets(home).items():
        if source is None:
            write_atomically(target, TEMPLATE.format(exec=desktop_exec_line()), tidy=False)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        written.append(target)
    _refresh(home)
    return written


def remove_desktop_entry(home: Path | None = None) -> list[Path]:
    """Take the menu entry and its icons away; the files removed."""
    home = home or data_home()
    removed = [target for target in _targets(home) if target.exists()]
    for target in removed:
        target.unlink()
    _refresh(home)
    return removed


def _refresh(home: Path) -> None:
    """Tell the desktop's caches, where the tools are there (they need not be)."""
    for tool, args in (
        ("update-desktop-database", [str(home / "applications")]),
        ("gtk-update-icon-cache", ["-q", "-t", str(home / "icons" / "hicolor")]),
    ):
        if shutil.which(tool) and Path(args[-1]).is_dir():
            subprocess.run([tool, *args], capture_output=True, timeout=60, check=False)
