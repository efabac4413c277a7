"""The applications-menu entry and icons (``desktop-entry``, ``make install-desktop``)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from main import main
from tangthu.library import program as desktop_entry
from tests.conftest import REPO


def read_entry(home: Path) -> configparser.SectionProxy:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(home / "applications" / "tangthu.desktop", encoding="utf-8")
    return entry["Desktop Entry"]


def check_icons(home: Path) -> None:
    for size in desktop_entry.PNG_SIZES:
        icon = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "tangthu.png"
        assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / "tangthu.svg").exists()


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
    d = read_entry(tmp_path)
    assert d["Name"] == "Tàng Thư" and d["Icon"] == "tangthu" and d["Type"] == "Application"
    program, script = d["Exec"].split()
    assert Path(program) == (REPO / ".venv" / "bin" / "python").absolute()
    assert Path(script) == REPO / "main.py"
    check_icons(tmp_path)
    subprocess.run(["make", "-s", "uninstall-desktop", f"DATA_HOME={tmp_path}"], cwd=REPO)
    assert not (tmp_path / "applications" / "tangthu.desktop").exists()
    assert not list((tmp_path / "icons").rglob("tangthu.*"))


def test_the_entry_starts_the_copy_it_was_made_by(monkeypatch: pytest.MonkeyPatch) -> None:
    python = sys.executable
    monkeypatch.setattr(sys, "argv", ["/opt/x/main.py"])
    assert desktop_entry.launcher() == [python, "/opt/x/main.py"]
    monkeypatch.setattr(sys, "argv", ["/opt/x/tangthu/__main__.py"])
    assert desktop_entry.launcher() == [python, "-m", "tangthu"]
    monkeypatch.setattr(sys, "argv", ["/home/u/.local/bin/tangthu"])
    assert desktop_entry.launcher() == ["/home/u/.local/bin/tangthu"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/Tàng Thư/tangthu")
    assert desktop_entry.launcher() == ["/opt/Tàng Thư/tangthu"]


def test_exec_quotes_what_the_specification_reserves(tmp_path: Path) -> None:
    line = desktop_entry.exec_line(["/srv/thư viện/tangthu", "-m", 'a$b"c%d\\e'])
    assert line == '"/srv/thư viện/tangthu" -m "a\\\\$b\\\\"c%%d\\\\\\\\e"'
    assert desktop_entry.exec_line(["/usr/bin/tangthu"]) == "/usr/bin/tangthu"


@pytest.mark.skipif(sys.platform != "linux", reason="menu entries are for Linux desktops")
def test_the_command_writes_a_valid_entry_and_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "Tàng Thư (bản sao)" / "main.py")])
    assert main(["desktop-entry", "--data-home", str(tmp_path)]) == 0
    assert "applications menu" in capsys.readouterr().out
    d = read_entry(tmp_path)
    assert d["Exec"] == f'{sys.executable} "{tmp_path}/Tàng Thư (bản sao)/main.py"'
    check_icons(tmp_path)
    validate = shutil.which("desktop-file-validate")
    if validate:
        done = subprocess.run(
            [validate, str(tmp_path / "applications" / "tangthu.desktop")],
            capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0 and done.stdout == "", done.stdout
    assert main(["desktop-entry", "--remove", "--data-home", str(tmp_path)]) == 0
    assert "Removed 9 files." in capsys.readouterr().out
    assert not (tmp_path / "applications" / "tangthu.desktop").exists()
