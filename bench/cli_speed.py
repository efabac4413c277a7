"""How long a whole command-line process takes: search, show, cite and tag.

    python -m bench.cli_speed ARCHIVE --index-dir DIR [--runs 7]

Each command runs --runs times (after one run that is not counted) as a user's
shell would start it; prints the median and slowest wall time of each, in
milliseconds, as JSON. The data folder is a temporary one whose index of ARCHIVE
is DIR (linked), so that ``show`` links related articles as it does for a user and
``tag`` writes nowhere but there.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def an_article(root: Path) -> str:
    """The ID of an article of *root* (the first in name order)."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        if "article.txt" in filenames:
            return (Path(dirpath) / "article.txt").relative_to(root).as_posix()
    raise SystemExit(f"no article.txt under {root}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("archive", type=Path)
    p.add_argument("--index-dir", type=Path, required=True)
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args(argv)
    root = args.archive.resolve()
    ident = an_article(root)
    with tempfile.TemporaryDirectory(prefix="tangthu-cli-") as tmp:
        env = {**os.environ, "TANGTHU_DATA_DIR": tmp, "XDG_CONFIG_HOME": tmp}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules kept
        from tangthu.index.store import index_dir_for

        os.environ["TANGTHU_DATA_DIR"] = tmp  # where this process looks for it too
        link = index_dir_for(root, None)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(args.index_dir.resolve(), target_is_directory=True)
        a = ["--archive", str(root)]
        commands = {
            "search": ["search", "hội nghị", *a, "--index-dir", str(args.index_dir)],
            "search --json": ["search", "hội nghị", *a, "--json"],
            "show": ["show", ident, *a],
            "cite": ["cite", ident, *a],
            "tag": ["tag", ident, *a, "--add", "đọc sau"],
        }
        out = {}
        for name, command in commands.items():
            times = []
            for i in range(args.runs + 1):
                t = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "main.py", *command],
                    cwd=REPO,
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if done.returncode != 0:
                    raise SystemExit(f"{name} failed: {done.stderr.strip()}")
                if i:  # the first run compiles and caches: not counted
                    times.append((time.perf_counter() - t) * 1000)
            out[name] = {"median_ms": statistics.median(times), "max_ms": max(times)}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
