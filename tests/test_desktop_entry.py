"""The menu entry and icons `make install-desktop` puts in place for the current user."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_install_desktop_puts_an_entry_that_starts_this_checkout(tmp_path: Path) -> None:
    if not (REPO / ".venv" / ".installed").exists():
        pytest.skip("the .venv of `make install` is not there")
    done = subprocess.run(
        ["make", "-s", "install-desktop", f"DATA_HOME={tmp_path}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(tmp_path / "applications" / "tangthu.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Name"] == "Tàng Thư" and d["Icon"] == "tangthu" and d["Type"] == "Application"
    program, script = d["Exec"].split()
    assert Path(program).is_file() and Path(script) == REPO / "main.py"
    for size in (16, 32, 48, 256):
        icon = tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "tangthu.png"
        assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "tangthu.svg").exists()
    subprocess.run(["make", "-s", "uninstall-desktop", f"DATA_HOME={tmp_path}"], cwd=REPO)
    assert not (tmp_path / "applications" / "tangthu.desktop").exists()
