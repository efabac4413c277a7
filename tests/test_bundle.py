"""The application bundle (`make dist`): built in a temporary folder, then run the way a
librarian would, from the command line and to a first painted window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytest.importorskip("PyInstaller", reason="PyInstaller (the 'dist' extra) is not installed")


@pytest.mark.slow
def test_the_bundle_scans_and_opens_the_window(tmp_path: Path) -> None:
    started = time.perf_counter()
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(REPO / "tangthu.spec"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1500,
        env={**os.environ, "TANGTHU_WINDOWED": "1"},  # also the program without a console
    )
    assert build.returncode == 0, build.stderr[-3000:]
    built = time.perf_counter() - started
    program = tmp_path / "dist" / "tangthu" / ("tangthu.exe" if os.name == "nt" else "tangthu")
    sample = next((tmp_path / "dist" / "tangthu").rglob("sample"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TANGTHU_DATA_DIR": str(tmp_path / "data"),
        "TANGTHU_CACHE_DIR": str(tmp_path / "cache"),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(program), *args], capture_output=True, text=True, env=env, timeout=300
        )

    scan = run("scan", str(sample), "--json")
    assert scan.returncode == 0, scan.stderr
    assert json.loads(scan.stdout)["articles"] == 7
    # The console-less program (what Windows' menu starts) is the same program.
    windowed = program.with_name("tangthuw.exe" if os.name == "nt" else "tangthuw")
    again = subprocess.run(
        [str(windowed), "scan", str(sample), "--json"], capture_output=True, text=True, env=env
    )
    assert again.returncode == 0 and json.loads(again.stdout) == {
        **json.loads(scan.stdout),
        "seconds": json.loads(again.stdout)["seconds"],
    }
    if sys.platform.startswith("linux"):  # menu entries are for Linux desktops
        menu = run("desktop-entry", "--data-home", str(tmp_path / "menu"))
        assert menu.returncode == 0, menu.stderr
        entry = (tmp_path / "menu" / "applications" / "tangthu.desktop").read_text("utf-8")
        assert f"\nExec={program.resolve()}\n" in entry
        assert (tmp_path / "menu/icons/hicolor/256x256/apps/tangthu.png").stat().st_size > 5000
    cite = run("cite", "2024/03/hoi-nghi-doan-ket", "--archive", str(sample))  # bundled styles
    assert cite.returncode == 0 and cite.stdout.startswith("Minh Anh. (2024, March 21)")
    from tangthu.index.meaning import installed

    if installed():  # the model of search by meaning is in the bundle and runs there
        ix = str(tmp_path / "ix")
        made = run("index", str(sample), "--index-dir", ix, "--meaning")
        assert made.returncode == 0 and "7 articles embedded" in made.stdout, made.stderr
        asked = run(
            "search",
            "storm donations",
            "--archive",
            str(sample),
            "--index-dir",
            ix,
            "--mode",
            "meaning",
            "--json",
        )
        assert asked.returncode == 0, asked.stderr
        assert json.loads(asked.stdout)["hits"][0]["id"] == "2024/09/cuu-tro-sau-bao/article.txt"
    shot = tmp_path / "out.png"
    t = time.perf_counter()
    gui = run("gui", str(sample), "-q", "hội nghị", "--screenshot", str(shot))
    first_window = time.perf_counter() - t
    assert gui.returncode == 0, gui.stderr[-3000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
    files = (tmp_path / "dist").rglob("*")
    size = sum(f.stat().st_size for f in files if f.is_file() and not f.is_symlink())
    print(
        f"bundle built in {built:.0f} s, {size / 1e6:.0f} MB; first window in {first_window:.1f} s"
    )
