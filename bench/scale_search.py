"""One measuring run of searches against a built index, in a process of its own.

    python -m bench.scale_search INDEX ROOT QUERIES.json

Prints JSON: the time to open the index, per query kind and filter the times of a
20-hit page with snippets and of the window's first page (50 hits, snippets,
facets), and the resident memory after all the searches (200 and more). Besides
the kinds of QUERIES.json: common words in date order ("by date"), and words that
nearly every article holds ("most of the archive"; the share of the archive they
match is printed with them).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

FILTERED: dict[str, Any] = {"date_from": "2010-01-01", "date_to": "2019-12-31"}
#: Common words, searched newest first (the order a librarian often asks for).
BY_DATE = ("người", "năm", "tỉnh", "công", "nhiều", "được", "thành", "phố", "ngày", "nước")
#: Words nearly every Vietnamese article holds: each matches most of the archive.
MOST = ("của", "và", "các", "có", "được", "cho", "những", "trong", "với", "là")


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    index_path, root, query_file = Path(argv[0]), Path(argv[1]), Path(argv[2])
    queries: dict[str, list[str]] = json.loads(query_file.read_text(encoding="utf-8"))
    started = time.perf_counter()
    from tangthu.index.search import ArchiveSearcher, Filters

    imported = time.perf_counter() - started
    opened = []
    for _ in range(3):
        t = time.perf_counter()
        s = ArchiveSearcher(index_path, root)
        opened.append(time.perf_counter() - t)
        s.close()
    out: dict[str, object] = {"import": imported, "open": sorted(opened)[1], "kinds": {}}
    searches = 0
    kinds: list[tuple[str, list[str], str]] = [(k, qs, "relevance") for k, qs in queries.items()]
    kinds += [("by date", list(BY_DATE), "date"), ("most of the archive", list(MOST), "relevance")]
    shares: list[float] = []
    for label, filters in (("", None), (" +filter", Filters(**FILTERED))):
        for kind, qs, sort in kinds:
            page20, first = [], []
            with ArchiveSearcher(index_path, root) as s:
                every = s.article_count() or 1
                for q in qs:
                    t = time.perf_counter()
                    r = s.search(q, filters=filters, pagesize=20, sort=sort)
                    page20.append((time.perf_counter() - t) * 1000)
                    searches += 1
                    assert r.total >= 0
                    if kind == "most of the archive" and filters is None:
                        shares.append(r.total / every)
            with ArchiveSearcher(index_path, root) as s:  # no postings cached from above
                for q in qs:
                    t = time.perf_counter()
                    s.search(q, filters=filters, pagesize=50, facets=True, sort=sort)
                    first.append((time.perf_counter() - t) * 1000)
                    searches += 1
            out["kinds"][kind + label] = {"page20": page20, "first": first}  # type: ignore[index]
    out["searches"] = searches
    out["most_share"] = sorted(shares)[len(shares) // 2] if shares else None
    out["rss_mb"] = rss_mb()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
