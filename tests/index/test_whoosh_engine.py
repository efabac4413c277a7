"""The Whoosh engine's own parts: packed blocks, array reading, merges."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index

from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher
from tangthu.index.whoosh_engine import postings
from tangthu.index.whoosh_engine.codec import split_values, unvarints, varints
from tangthu.index.whoosh_engine.schema import decode_positions, encode_positions
from tests.conftest import write_article


def test_varints_round_trip() -> None:
    numbers = [0, 1, 127, 128, 300, 16383, 16384, 2**21 + 5]
    assert unvarints(varints(numbers)) == numbers
    assert postings.decode_varints(varints(numbers)).tolist() == numbers
    assert decode_positions(encode_positions([3, 4, 200, 70000])) == [3, 4, 200, 70000]


def test_packed_values_split_back() -> None:
    runs = [encode_positions(p) for p in ([1], [2, 900], [5, 6, 7], [40000])]
    packed = varints([1, 2, 3, 1]) + b"\x00" + b"".join(runs)
    assert split_values(packed, 4) == runs


def _archive(root: Path, n: int, seed: int = 3) -> Path:
    rng = random.Random(seed)
    words = "đoàn kết hội nghị tỉnh lào cai đường sắt quyết định thư viện".split()
    for i in range(n):
        body = " ".join(rng.choice(words) for _ in range(rng.randrange(5, 400)))
        write_article(root / f"{i % 7}/{i}", f"Bài {i} {rng.choice(words)}\n\n{body}.\n")
    return root


def test_array_reading_equals_whooshs_own_matchers(tmp_path: Path) -> None:
    root = _archive(tmp_path / "kho", 300)
    update_index(root, tmp_path / "ix", jobs=1)
    ix = whoosh_index.open_dir(str(tmp_path / "ix"))
    reader = ix.reader()
    checked = 0
    for leaf, _base in reader.leaf_readers():
        for term in ("đoàn", "hội", "cai", "bài", "299"):
            fast = postings.read(leaf, "x", term)
            if ("x", term.encode()) not in leaf:
                assert len(fast.docs) == 0
                continue
            m = leaf.postings("x", term)
            ids, poss = [], []
            while m.is_active():
                ids.append(m.id())
                poss.append(m.value_as("positions"))
                m.next()
            assert fast.docs.tolist() == ids
            assert fast.freqs.tolist() == [len(p) for p in poss]
            docs, pos = fast.positions()
            assert docs.tolist() == [d for d, p in zip(ids, poss, strict=True) for _ in p]
            assert pos.tolist() == [x for p in poss for x in p]
            checked += len(ids)
    reader.close()
    ix.close()
    assert checked > 300


def test_merged_segments_search_as_a_fresh_build(tmp_path: Path) -> None:
    root = _archive(tmp_path / "kho", 60)
    ix = tmp_path / "ix"
    update_index(root, ix, jobs=1)
    rng = random.Random(5)
    for step in range(10):  # small updates, each a segment: they get merged
        write_article(root / f"moi/{step}", f"Bài mới {step}\n\nđoàn kết hội nghị {step}.\n")
        victim = rng.choice(sorted(root.rglob("article.txt")))
        victim.write_text(victim.read_text("utf-8") + f"\nSửa {step}.\n", encoding="utf-8")
        update_index(root, ix, jobs=1)
    segments = len(whoosh_index.open_dir(str(ix))._segments())
    assert segments < 10  # the small ones were merged
    fresh = tmp_path / "fresh"
    update_index(root, fresh, jobs=1)
    for query in ('"đoàn kết"', "hội nghị", '"doan ket hoi"', "sửa", "cai -đường", "bài*"):
        with ArchiveSearcher(ix) as a, ArchiveSearcher(fresh) as b:
            got = a.search(query, pagesize=500, snippets=False)
            want = b.search(query, pagesize=500, snippets=False)
            assert {h.id for h in got.hits} == {h.id for h in want.hits}, query
            assert got.total == want.total
            assert np.allclose(
                sorted(h.score for h in got.hits), sorted(h.score for h in want.hits)
            ), query


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_first_build_is_searchable_while_it_runs(tmp_path: Path, jobs: int) -> None:
    from tangthu.index import indexer

    root = _archive(tmp_path / "kho", 900)
    seen: list[int] = []

    def committed(done: dict[str, str]) -> None:
        with ArchiveSearcher(tmp_path / "ix") as s:
            seen.append(s.search("").total)

    old = indexer.FRESH_CHUNK
    indexer.FRESH_CHUNK = 400
    try:
        update_index(root, tmp_path / "ix", jobs=jobs, committed=committed)
    finally:
        indexer.FRESH_CHUNK = old
    assert seen[0] < 900 and seen[-1] == 900
    assert seen == sorted(seen) and len(seen) >= 3
