"""How SQLite FTS5 would do on the same archive and queries (not an engine of Tàng Thư).

    python -m bench.fts5_probe ARCHIVE QUERIES.json [--db PATH]

Builds one FTS5 table (exact and folded text of every article, our own tokens
joined by spaces, unicode61 tokenizer with no folding of its own) and times the
queries as the engines answer them: a total count and 20 hits by BM25 with an
FTS5 snippet. Prints JSON: build seconds, database size, and per kind the 20-hit
times in milliseconds.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sqlite3
import sys
import time
from pathlib import Path

from tangthu.archive.fold import fold
from tangthu.archive.scan import walk
from tangthu.index.analysis import words
from tangthu.index.documents import parsed
from tangthu.index.query import Phrase, Word, leaves, parse


def _texts(job: tuple[str, list]) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    root, entries = job
    out = []
    for docs, _problems in parsed(root, entries):
        doc = docs[0]
        at: dict[int, str] = {}
        for term, positions in doc.text.items():
            for pos in positions:
                if len(term) > len(at.get(pos, "")):
                    at[pos] = term
        exact = " ".join(at[p] for p in sorted(at))
        out.append((doc.id, exact, fold(exact)))
    return out


def _match(query: str, folded: bool) -> str:
    parts = []
    for leaf in leaves(parse(query)):
        ws = (
            leaf.words
            if isinstance(leaf, Phrase)
            else (leaf.text,)
            if isinstance(leaf, Word)
            else ()
        )
        ws = tuple(fold(w) if folded else w for w in ws)
        parts.append('"' + " ".join(ws) + '"')
    column = "w" if folded else "x"
    return f"{column} : ({' AND '.join(parts)})"


def main(argv: list[str]) -> int:
    root, queries = Path(argv[0]), json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    db_path = Path(argv[3]) if len(argv) > 3 and argv[2] == "--db" else Path("/tmp/fts5-probe.db")
    db_path.unlink(missing_ok=True)
    started = time.perf_counter()
    inv = walk(root)
    con = sqlite3.connect(db_path)
    con.execute(
        "CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, x, w, "
        "tokenize = \"unicode61 remove_diacritics 0 tokenchars './:,-'\")"
    )
    batches = [(inv.root, inv.articles[i : i + 200]) for i in range(0, len(inv.articles), 200)]
    with mp.get_context("spawn").Pool(os.cpu_count() or 1) as pool:
        for rows in pool.imap(_texts, batches):
            con.executemany("INSERT INTO a VALUES (?, ?, ?)", rows)
    con.commit()
    build = time.perf_counter() - started
    out: dict[str, object] = {
        "build_s": build,
        "size_mb": db_path.stat().st_size / 1e6,
        "kinds": {},
    }
    for kind, qs in queries.items():
        times = []
        for q in qs:
            folded = not any(w != fold(w) for w in words(q, folded=False))
            t = time.perf_counter()
            match = _match(q, folded)
            con.execute("SELECT count(*) FROM a WHERE a MATCH ?", (match,)).fetchone()
            con.execute(
                "SELECT id, snippet(a, 1, '[', ']', '…', 24) FROM a WHERE a MATCH ? "
                "ORDER BY rank LIMIT 20",
                (match,),
            ).fetchall()
            times.append((time.perf_counter() - t) * 1000)
        out["kinds"][kind] = times  # type: ignore[index]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
