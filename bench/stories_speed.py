"""What grouping by story costs a search, and what it changes on the first page.

    python -m bench.stories_speed INDEX ROOT [--runs 3]

Queries as the scale benchmarks draw them from the archive's titles (`scale_queries`:
one word, two words, a phrase, two words without accents; 30 of each), common words
by date and words most articles hold. Every query is searched once, untimed; then each
query's 20-hit page (snippets included) is timed without grouping and grouped, one
right after the other, each first in half the runs (an engine that keeps the last
matches answers the second faster).
Prints JSON: per kind, the p50 and p95 of each (medians over the runs), the slowest
kind's p95 of each, and over the 30 one-word queries (broad ones) how many of the
first page's 20 hits are distinct stories, without grouping and grouped.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.scale_search import BY_DATE, MOST


def _pct(values: list[float], share: float) -> float:
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, int(share * len(ranked)))]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("index", type=Path)
    p.add_argument("root", type=Path)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args(argv)
    from bench.scale_queries import make
    from tangthu.index import stories
    from tangthu.index.search import ArchiveSearcher

    kinds: list[tuple[str, list[str], str]] = [
        (k, qs, "relevance") for k, qs in make(args.root).items()
    ]
    kinds += [("by date", list(BY_DATE), "date"), ("most of the archive", list(MOST), "relevance")]
    story_of = {v.id: s[0].id for s in stories.load(args.index) for v in s}
    times: dict[str, dict[str, list[list[float]]]] = {
        k: {"plain": [], "grouped": []} for k, _qs, _s in kinds
    }
    distinct: dict[str, list[int]] = {"plain": [], "grouped": []}
    with ArchiveSearcher(args.index, args.root) as s:
        for _kind, queries, sort in kinds:  # (once, untimed: the files read are warm)
            for q in queries:
                s.search(q, pagesize=20, sort=sort, group=True)
        for run in range(args.runs):
            for kind, queries, sort in kinds:
                plain: list[float] = []
                grouped: list[float] = []
                for n, q in enumerate(queries):
                    # (each first half the time: an engine that keeps the last matches
                    # answers the second faster)
                    ways = [(False, plain), (True, grouped)]
                    found: dict[bool, Any] = {}
                    for group, into in ways if (run + n) % 2 == 0 else ways[::-1]:
                        t = time.perf_counter()
                        found[group] = s.search(q, pagesize=20, sort=sort, group=group)
                        into.append((time.perf_counter() - t) * 1000)
                    a, b = found[False], found[True]
                    if run == 0 and kind == "one word":
                        for name, r in (("plain", a), ("grouped", b)):
                            distinct[name].append(len({story_of.get(h.id, h.id) for h in r.hits}))
                times[kind]["plain"].append(plain)
                times[kind]["grouped"].append(grouped)
    out: dict[str, Any] = {"stories": len(set(story_of.values())), "kinds": {}}
    for kind, by in times.items():
        out["kinds"][kind] = {
            name: {
                "p50": round(statistics.median(_pct(r, 0.5) for r in runs), 1),
                "p95": round(statistics.median(_pct(r, 0.95) for r in runs), 1),
            }
            for name, runs in by.items()
        }
    for name in ("plain", "grouped"):
        out[f"slowest_p95_{name}"] = max(k[name]["p95"] for k in out["kinds"].values())
        out[f"distinct_of_20_{name}"] = {
            "mean": round(statistics.mean(distinct[name]), 2) if distinct[name] else None,
            "least": min(distinct[name], default=None),
        }
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
