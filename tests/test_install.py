"""Installing Tàng Thư (``pipx install .``, ``pip install``) puts one top-level name,
``tangthu``, into the environment, with the sample archive inside it.

The wheel is built from a copy of the source (the checkout is never written), then
installed into a fresh virtual environment beside another distribution that owns
every name the program's folders have (``archive``, ``index``, ``library``, ``ui``,
``cli``, ``main``): both must keep working.  The checkout itself runs through its
strict editable install (``make install``), with no links or import hooks of its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import unicodedata
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGES = ("archive", "index", "library", "ui", "cli")
#: Names other distributions may own: the program must neither install nor import them.
TAKEN = (*PACKAGES, "main")
SOURCE = ("pyproject.toml", "README.md", "main.py", "app", *PACKAGES, "sample")

pytestmark = pytest.mark.slow


def _copy_source(dest: Path) -> Path:
    """The files a build reads, copied to *dest*."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    dest.mkdir(parents=True)
    for part in SOURCE:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        else:
            shutil.copy2(src, dest / part)
    return dest


def _build_wheel(source: Path, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(source)],
        check=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    (wheel,) = out.glob("tangthu-*.whl")
    return wheel


def _wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as z:
        return {n for n in z.namelist() if not n.endswith("/")}


def _expected_files() -> set[str]:
    """What the wheel must hold: every module and data file of the five packages, the
    sample archive, and tangthu's own files."""
    expected = {f"tangthu/{p.name}" for p in (REPO / "app").iterdir() if p.is_file()}
    for part in (*PACKAGES, "sample"):
        for path in (REPO / part).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                expected.add(f"tangthu/{path.relative_to(REPO).as_posix()}")
    return expected


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    return _build_wheel(_copy_source(tmp / "src"), tmp / "out")


def test_the_wheel_holds_every_file_under_one_top_level_name(wheel: Path) -> None:
    files = _wheel_files(wheel)
    tops = {name.split("/")[0] for name in files}
    assert tops == {"tangthu", "tangthu-0.1.0.dist-info"}
    with zipfile.ZipFile(wheel) as z:
        assert z.read("tangthu-0.1.0.dist-info/top_level.txt").split() == [b"tangthu"]
        entry = z.read("tangthu-0.1.0.dist-info/entry_points.txt").decode()
    assert "tangthu = tangthu.launch:start" in entry
    assert _expected_files() - files == set()


def _venv(path: Path) -> Path:
    """A fresh virtual environment at *path*; it sees this one's third-party packages
    (PySide6, Whoosh, Pillow …) through a path file, but not the checkout."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, timeout=300)
    python = path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    (Path(site) / "zz-tangthu-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def _other_distribution(tmp: Path) -> Path:
    """A wheel of a distribution named 'clash' owning every name in TAKEN."""
    src = tmp / "clash"
    for name in PACKAGES:
        (src / name).mkdir(parents=True)
        (src / name / "__init__.py").write_text("OWNER = 'clash'\n")
    (src / "main.py").write_text("OWNER = 'clash'\n")
    (src / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "clash"\nversion = "1.0"\n'
        f"[tool.setuptools]\npackages = {list(PACKAGES)!r}\npy-modules = ['main']\n"
    )
    out = tmp / "clash-wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(src)],
        check=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return next(out.glob("clash-*.whl"))


def test_installed_beside_a_distribution_owning_the_folders_names(
    wheel: Path, tmp_path: Path
) -> None:
    python = _venv(tmp_path / "venv")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         str(_other_distribution(tmp_path)), str(wheel)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    program = python.parent / ("tangthu.exe" if os.name == "nt" else "tangthu")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TANGTHU_DATA_DIR": str(tmp_path / "data"),
        "TANGTHU_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("PYTHONPATH", None)
    work = tmp_path / "elsewhere"  # not the checkout: nothing of it is on the path
    work.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), capture_output=True, text=True, env=env, cwd=work, timeout=300
        )

    where = run(
        str(python),
        "-c",
        "import json, archive, index, library, ui, cli, main, tangthu.archive, tangthu.ui.app;"
        "print(json.dumps({'others': [m.OWNER for m in (archive, index, library, ui, cli, main)],"
        " 'ours': tangthu.archive.__file__, 'sample': str(tangthu.ui.app.SAMPLE)}))",
    )
    assert where.returncode == 0, where.stderr
    found = json.loads(where.stdout)
    assert found["others"] == ["clash"] * len(TAKEN)
    site = Path(found["ours"]).parents[2]
    assert site.name == "site-packages" and site.is_relative_to(tmp_path / "venv")
    sample = Path(found["sample"])
    assert sample == site / "tangthu" / "sample"

    usage = run(str(program), "--help")
    assert usage.returncode == 0 and usage.stdout.startswith("usage: tangthu ")
    scan = run(str(program), "scan", str(sample), "--json")
    assert scan.returncode == 0, scan.stderr
    assert json.loads(scan.stdout)["articles"] == 7
    as_module = run(str(python), "-m", "tangthu", "cite", "2024/03/hoi-nghi-doan-ket",
                    "--archive", str(sample))  # fmt: skip
    assert as_module.returncode == 0, as_module.stderr
    assert as_module.stdout.startswith("Minh Anh. (2024, March 21)")

    # The menu entry starts the installed command, with the installed icons.
    if sys.platform.startswith("linux"):  # menu entries are for Linux desktops
        menu = run(str(program), "desktop-entry", "--data-home", str(tmp_path / "menu"))
        assert menu.returncode == 0, menu.stderr
        entry = (tmp_path / "menu" / "applications" / "tangthu.desktop").read_text("utf-8")
        assert f"\nExec={program}\n" in entry
        assert (tmp_path / "menu/icons/hicolor/48x48/apps/tangthu.png").stat().st_size > 500

    # No archive named: the first start opens the installed sample (and indexes it).
    shot = tmp_path / "first.png"
    gui = run(str(program), "gui", "--screenshot", str(shot))
    assert gui.returncode == 0, gui.stderr[-3000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    resolved = unicodedata.normalize("NFC", str(sample.resolve()))
    digest = hashlib.sha1(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    assert (tmp_path / "data" / "indexes" / f"sample-{digest}").is_dir()


def test_the_checkout_is_one_mapping_without_links_or_import_hooks() -> None:
    """``tangthu.index`` is index/ through the editable install alone: the checkout
    holds no symbolic links, and nothing of tangthu's own finds modules at run time."""
    if shutil.which("git") and (REPO / ".git").exists():
        staged = subprocess.run(
            ["git", "ls-files", "--stage"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout
        links = [line.split("\t")[1] for line in staged.splitlines() if line.startswith("120000")]
        assert [path for path in links if path.split("/")[0] in SOURCE] == []
    import tangthu.index.engine
    import tangthu.launch

    assert Path(tangthu.index.engine.__file__).resolve() == REPO / "index" / "engine.py"
    assert Path(tangthu.launch.__file__).resolve() == REPO / "app" / "launch.py"
    assert not any(type(f).__module__.startswith("tangthu") for f in sys.meta_path)


def test_a_checkout_not_yet_installed_says_how_to_install(tmp_path: Path) -> None:
    source = _copy_source(tmp_path / "src")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run(
        [sys.executable, "-S", "main.py", "scan", "sample"],
        cwd=source, capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert run.returncode == 1
    assert "not installed" in run.stderr and "make install" in run.stderr
    assert "Traceback" not in run.stderr
