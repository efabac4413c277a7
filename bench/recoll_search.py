"""Recoll's side of the scale benchmark: the same queries, 20 hits with abstracts, in process.

    /usr/bin/python3 bench/recoll_search.py CONFDIR QUERIES.json

Runs with the system's Python (Debian's python3-recoll), not the project's. Prints
JSON: per query kind the times in milliseconds, and the resident memory after.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from recoll import recoll


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str]) -> int:
    confdir, queries = argv[0], json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    db = recoll.connect(confdir=confdir)
    out: dict[str, object] = {"kinds": {}}
    for kind, qs in queries.items():
        if kind.endswith("+filter"):
            continue
        times = []
        for q in qs:
            t = time.perf_counter()
            query = db.query()
            query.execute(q, stemming=0)
            for doc in query.fetchmany(20):
                query.makedocabstract(doc)
            times.append((time.perf_counter() - t) * 1000)
        out["kinds"][kind] = times  # type: ignore[index]
    out["rss_mb"] = rss_mb()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
