"""Search by meaning at the scale of an archive: one measuring run on a built index.

    python -m bench.meaning_scale INDEX ROOT QUERIES.json [--runs-per-query 1]

INDEX was built with ``index --meaning``. QUERIES.json is `bench.scale`'s (its kinds
without filters), to which the English questions of ``bench/meaning_questions.json``
are added. Prints JSON: the vectors' size on disk and count, the first search by meaning
(the model and the vectors loaded), then per mode (meaning, both) the times of a 20-hit
page with snippets and of the window's first page (50 hits, snippets, facets) in
milliseconds, with and without a filter, and the resident memory after.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.meaning_eval import QUESTIONS, load
from bench.scale_search import FILTERED, rss_mb


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("index", type=Path)
    p.add_argument("root", type=Path)
    p.add_argument("queries", type=Path)
    args = p.parse_args(argv)
    from tangthu.index.engine import Filters
    from tangthu.index.meaning import FOLDER
    from tangthu.index.search import ArchiveSearcher

    kinds = json.loads(args.queries.read_text(encoding="utf-8"))
    asked = {k: list(v)[:10] for k, v in kinds.items() if not k.endswith("+filter")}
    asked["english question"] = [q["q"] for q in load(QUESTIONS) if q["lang"] == "en"][:20]
    folder = args.index / FOLDER
    out: dict[str, Any] = {
        "vectors_mb": sum(f.stat().st_size for f in folder.iterdir() if f.is_file()) / 1e6,
        "modes": {},
    }
    filtered = Filters(**FILTERED)
    with ArchiveSearcher(args.index, args.root) as s:
        t = time.perf_counter()
        s.search("hội nghị", mode="meaning", pagesize=20)
        out["first_search_ms"] = (time.perf_counter() - t) * 1000
        out["vectors"] = s.meaning_state().embedded
        for mode in ("meaning", "both"):
            rows: dict[str, dict[str, list[float]]] = {}
            for kind, queries in asked.items():
                for f, name in ((None, kind), (filtered, kind + " +filter")):
                    row = rows.setdefault(name, {"page20": [], "first": []})
                    for q in queries:
                        t = time.perf_counter()
                        s.search(q, mode=mode, filters=f, pagesize=20)
                        row["page20"].append((time.perf_counter() - t) * 1000)
                        t = time.perf_counter()
                        s.search(q, mode=mode, filters=f, pagesize=50, facets=True)
                        row["first"].append((time.perf_counter() - t) * 1000)
            out["modes"][mode] = rows
    out["rss_mb"] = rss_mb()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
