"""On a Linux desktop without Qt's X11 libraries, one clear apt-get line instead of a Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tangthu.ui import desktop_check
from tests.conftest import REPO, SAMPLE

LDD = """\
/x/libqxcb.so:
\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxkbcommon-x11.so.0 => not found
/x/libQt6XcbQpa.so.6:
\tlibxcb-icccm.so.4 => not found
\tlibEGL.so.1 => not found
"""


def test_missing_libraries_are_read_from_ldd() -> None:
    missing = desktop_check.missing_from_ldd(LDD)
    assert missing == ["libxcb-icccm.so.4", "libxkbcommon-x11.so.0", "libEGL.so.1"]
    assert desktop_check.install_line(missing) == (
        "sudo apt-get install libxcb-icccm4 libxkbcommon-x11-0 libegl1"
    )


def test_which_platform_uses_x11() -> None:
    assert desktop_check.uses_x11({})
    assert desktop_check.uses_x11({"QT_QPA_PLATFORM": "xcb"})
    assert not desktop_check.uses_x11({"QT_QPA_PLATFORM": "offscreen"})
    assert not desktop_check.uses_x11({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "w-0"})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 libraries are Linux's")
def test_gui_names_the_packages_instead_of_aborting(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = desktop_check.missing_libraries()
    if not missing:
        pytest.skip("this machine has every library Qt's X11 plugin needs")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=":99", TANGTHU_DATA_DIR=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    proc = subprocess.run(
        [sys.executable, "main.py", "gui", str(SAMPLE)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert desktop_check.install_line(missing) in proc.stderr
    assert "qt.qpa.plugin" not in proc.stderr  # Qt's own message never came
