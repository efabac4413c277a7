"""Benchmarks: full index, no-change rescan, query latency. Prints medians of several runs.

    python -m bench.run [--articles 20000] [--runs 3] [--work DIR]

The synthetic archive is generated once into the work folder and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.generate import generate
from bench.vocab import SYLLABLES
from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def _queries(rng: random.Random, n: int) -> dict[str, list[str]]:
    common = SYLLABLES[20:400]
    out: dict[str, list[str]] = {"one word": [], "two words": [], "phrase": [], "folded": []}
    from tangthu.archive.fold import fold

    for _ in range(n):
        a, b = rng.sample(common, 2)
        out["one word"].append(a)
        out["two words"].append(f"{a} {b}")
        out["phrase"].append(f'"{a} {b}"')
        out["folded"].append(fold(f"{a} {b}"))
    return out


def bench(articles: int, runs: int, work: Path, jobs: int) -> dict[str, object]:
    root = work / f"archive-{articles}"
    stamp = root / ".complete"
    if not stamp.exists():
        shutil.rmtree(root, ignore_errors=True)
        t = time.perf_counter()
        generate(root, articles)
        stamp.write_text("ok")
        print(f"generated {articles} articles in {time.perf_counter() - t:.1f} s")
    ixdir = work / f"index-{articles}"
    results: dict[str, object] = {"articles": articles, "runs": runs, "jobs": jobs}

    full = []
    for _ in range(runs):
        shutil.rmtree(ixdir, ignore_errors=True)
        t = time.perf_counter()
        s = update_index(root, ixdir, jobs=jobs)
        full.append(time.perf_counter() - t)
        print(f"  full index: {full[-1]:.1f} s ({s.articles} articles, {s.photos} photos)")
    results["full_index_s"] = round(statistics.median(full), 2)
    results["full_index_docs_per_s"] = round(articles / statistics.median(full), 1)

    rescan = []
    for _ in range(runs):
        t = time.perf_counter()
        s = update_index(root, ixdir, jobs=jobs)
        rescan.append(time.perf_counter() - t)
        assert s.added == s.updated == s.deleted == 0
    results["no_change_rescan_s"] = round(statistics.median(rescan), 3)
    print(f"  no-change rescans: {[round(x, 3) for x in rescan]}")

    latency: dict[str, dict[str, float]] = {}
    with ArchiveSearcher(ixdir) as searcher:
        for kind, queries in _queries(random.Random(5), 40).items():
            p50s, p95s = [], []
            for _ in range(runs):
                times = []
                for q in queries:
                    t = time.perf_counter()
                    searcher.search(q, pagesize=20, snippets=True)
                    times.append((time.perf_counter() - t) * 1000)
                p50s.append(_pct(times, 50))
                p95s.append(_pct(times, 95))
            latency[kind] = {
                "p50_ms": round(statistics.median(p50s), 1),
                "p95_ms": round(statistics.median(p95s), 1),
            }
    results["query_latency"] = latency
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "tangthu-bench"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    print(
        json.dumps(bench(args.articles, args.runs, work, args.jobs), indent=2, ensure_ascii=False)
    )


if __name__ == "__main__":
    main()
