"""Benchmarks at the scale of a newspaper's archive, for every installed engine (and Recoll).

    python -m bench.scale ARCHIVE [--runs 3] [--work DIR] [--engines whoosh,tantivy]
                                  [--recoll] [--gui] [--json OUT]

ARCHIVE is a folder of articles (``../shared/tools/make_scale_archive.py`` builds
100,000 real ones). The archive is never written: the benchmark works on a copy
made of hard links in the work folder, where 100 articles are changed for the
rescan measurement. Prints medians of --runs runs of: the full index (time and
peak memory of the whole process tree), a rescan with no change and one after
100 changed articles, the index's size, opening it, 20-hit pages and the window's
first page (50 hits, snippets, facets) p50/p95 for each kind of query with and
without a filter, the memory after the searches, and with --gui the window's
start to its first painted results. With --recoll (when ``recollindex`` and
Python's ``recoll`` module are installed) Recoll indexes and searches the same
copy with the same queries, and the ratios are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.scale_queries import make

REPO = Path(__file__).resolve().parent.parent


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of *pid* and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            p = int(stat.parent.name)
            children.setdefault(int(fields[1]), []).append(p)
            rss[p] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def run_measured(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a command; return (seconds, peak MB of its process tree, stdout)."""
    peak = [0]
    t = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            time.sleep(0.25)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t
    watcher.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}): {err[-2000:]}")
    return seconds, peak[0] / 1024, out


def mirror(archive: Path, work: Path) -> Path:
    """A copy of the archive made of hard links (falls back to copies across devices)."""
    target = work / "archive"
    stamp = work / "archive.complete"
    if stamp.exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    for folder, _dirs, files in os.walk(archive):
        dest = target / Path(folder).relative_to(archive)
        dest.mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(folder) / name, dest / name)
            except OSError:
                shutil.copy2(Path(folder) / name, dest / name)
    stamp.write_text("ok")
    return target


def change_articles(root: Path, n: int, step: int) -> None:
    """Rewrite *n* articles of the copy (new files: the originals keep their links)."""
    every = sorted(root.rglob("*.txt"))
    files = every[:: max(1, len(every) // n)][:n]
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text + f"\nSửa lần {step}.\n", encoding="utf-8")
        os.replace(tmp, path)


def index_dir_size(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def bench_engine(engine: str, root: Path, work: Path, queries: Path, runs: int) -> dict[str, Any]:
    py = sys.executable
    ix = work / f"index-{engine}"
    res: dict[str, Any] = {"engine": engine}
    full, peaks = [], []
    for _ in range(runs):
        shutil.rmtree(ix, ignore_errors=True)
        s, peak, _out = run_measured(
            [
                py,
                "main.py",
                "index",
                str(root),
                "--index-dir",
                str(ix),
                "--engine",
                engine,
                "--json",
            ]
        )
        full.append(s)
        peaks.append(peak)
        print(f"  [{engine}] full index {s:.1f} s, peak {peak:.0f} MB", flush=True)
    res["full_index_s"] = median(full)
    res["full_index_peak_mb"] = median(peaks)
    res["size_mb"] = index_dir_size(ix)
    rescan, changed = [], []
    for step in range(runs):
        s, _p, _o = run_measured(
            [py, "main.py", "index", str(root), "--index-dir", str(ix), "--json"]
        )
        rescan.append(s)
        change_articles(root, 100, step)
        s, _p, out = run_measured(
            [py, "main.py", "index", str(root), "--index-dir", str(ix), "--json"]
        )
        changed.append(s)
        print(
            f"  [{engine}] no-change rescan {rescan[-1]:.2f} s, 100 changed {s:.2f} s"
            f" {out.strip()}",
            flush=True,
        )
    res["rescan_s"] = median(rescan)
    res["rescan_100_s"] = median(changed)
    measured = []
    for _ in range(runs):
        _s, _p, out = run_measured(
            [py, "-m", "bench.scale_search", str(ix), str(root), str(queries)]
        )
        measured.append(json.loads(out))
    res["open_s"] = median([m["open"] for m in measured])
    res["rss_after_searches_mb"] = median([m["rss_mb"] for m in measured])
    res["searches"] = measured[0]["searches"]
    res["most_share"] = measured[0].get("most_share")
    res["kinds"] = {}
    for kind in measured[0]["kinds"]:
        row = {}
        for what in ("page20", "first"):
            row[what + "_p50"] = median([pct(m["kinds"][kind][what], 50) for m in measured])
            row[what + "_p95"] = median([pct(m["kinds"][kind][what], 95) for m in measured])
        res["kinds"][kind] = row
    return res


def bench_gui(root: Path, work: Path, engine: str, runs: int) -> dict[str, Any]:
    """The window: start to its first painted results, and the memory it took."""
    py = sys.executable
    ix = work / f"index-{engine}"
    times, peaks = [], []
    for i in range(runs):
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(work / "cfg"),
            "TANGTHU_CACHE_DIR": str(work / f"cache-{i}"),
        }
        s, peak, _out = run_measured(
            [
                py,
                "main.py",
                "gui",
                str(root),
                "--index-dir",
                str(ix),
                "-q",
                "hội nghị",
                "--screenshot",
                str(work / "gui.png"),
            ],
            env=env,
        )
        times.append(s)
        peaks.append(peak)
    return {"gui_first_results_s": median(times), "gui_peak_mb": median(peaks)}


def bench_recoll(
    root: Path, work: Path, queries: Path, runs: int, index_runs: int
) -> dict[str, Any] | None:
    if shutil.which("recollindex") is None:
        print("  recoll: recollindex is not installed (apt-get install recoll python3-recoll)")
        return None
    conf = work / "recoll"
    res: dict[str, Any] = {"engine": "recoll"}
    full, peaks = [], []
    for _ in range(index_runs):
        shutil.rmtree(conf, ignore_errors=True)
        conf.mkdir(parents=True)
        (conf / "recoll.conf").write_text(
            f"topdirs = {root}\nnoaspell = 1\nidxflushmb = 50\n", encoding="utf-8"
        )
        s, peak, _o = run_measured(["recollindex", "-c", str(conf), "-z"])
        full.append(s)
        peaks.append(peak)
        print(f"  [recoll] full index {s:.1f} s, peak {peak:.0f} MB", flush=True)
    res["full_index_s"] = median(full)
    res["full_index_peak_mb"] = median(peaks)
    res["size_mb"] = index_dir_size(conf)
    rescan = []
    for _ in range(index_runs):
        s, _p, _o = run_measured(["recollindex", "-c", str(conf)])
        rescan.append(s)
        print(f"  [recoll] no-change rescan {s:.1f} s", flush=True)
    res["rescan_s"] = median(rescan)
    measured = []
    for _ in range(runs):
        _s, _p, out = run_measured(
            ["/usr/bin/python3", str(REPO / "bench" / "recoll_search.py"), str(conf), str(queries)]
        )
        measured.append(json.loads(out))
    res["rss_after_searches_mb"] = median([m["rss_mb"] for m in measured])
    res["kinds"] = {}
    for kind in measured[0]["kinds"]:
        vals = [m["kinds"][kind] for m in measured]
        res["kinds"][kind] = {
            "page20_p50": median([pct(v, 50) for v in vals]),
            "page20_p95": median([pct(v, 95) for v in vals]),
        }
    return res


def report(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        lines.append(f"== {r['engine']}")
        for key in (
            "full_index_s",
            "full_index_peak_mb",
            "rescan_s",
            "rescan_100_s",
            "size_mb",
            "open_s",
            "rss_after_searches_mb",
            "gui_first_results_s",
            "gui_peak_mb",
        ):
            if key in r:
                lines.append(f"  {key:<24} {r[key]:.3f}")
        for kind, row in r.get("kinds", {}).items():
            cells = "  ".join(f"{k} {v:7.1f}" for k, v in row.items())
            lines.append(f"  {kind:<20} {cells}")
    recoll = next((r for r in results if r["engine"] == "recoll"), None)
    if recoll:
        for r in results:
            if r is recoll:
                continue
            lines.append(f"== {r['engine']} / recoll (20-hit p95 ratio)")
            for kind, row in r.get("kinds", {}).items():
                other = recoll["kinds"].get(kind)
                if other:
                    lines.append(f"  {kind:<20} {row['page20_p95'] / other['page20_p95']:.2f}x")
            for key in ("full_index_s", "rescan_s", "size_mb"):
                if key in r and key in recoll:
                    lines.append(f"  {key:<20} {r[key] / recoll[key]:.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("archive", type=Path)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--work", type=Path, default=None)
    p.add_argument(
        "--engines",
        default=None,
        help="comma-separated (default: every installed; 'none' for Recoll alone)",
    )
    p.add_argument("--recoll", action="store_true")
    p.add_argument(
        "--recoll-runs", type=int, default=1, help="Recoll's index runs (each takes many minutes)"
    )
    p.add_argument("--gui", action="store_true")
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args(argv)
    from tangthu.index import engines

    names = args.engines.split(",") if args.engines else engines.available()
    names = [n for n in names if n and n != "none"]
    work = args.work or Path(tempfile.mkdtemp(prefix="tangthu-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    root = mirror(args.archive.resolve(), work)
    queries = work / "queries.json"
    queries.write_text(json.dumps(make(root), ensure_ascii=False), encoding="utf-8")
    results = []
    for name in names:
        print(f"engine {name}", flush=True)
        r = bench_engine(name, root, work, queries, args.runs)
        if args.gui:
            r.update(bench_gui(root, work, name, args.runs))
        results.append(r)
        print(report([r]), flush=True)
        _save(args.json, results)
    if args.recoll:
        r2 = bench_recoll(root, work, queries, args.runs, args.recoll_runs)
        if r2:
            results.append(r2)
            _save(args.json, results)
    print(report(results))
    return 0


def _save(path: Path | None, results: list[dict[str, Any]]) -> None:
    """Write what is measured so far, so that a run stopped half-way keeps it."""
    if path is not None:
        path.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
