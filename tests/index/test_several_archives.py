"""Several archives searched at once: one list, counts added up, the archive a facet."""

from __future__ import annotations

import shutil
from pathlib import Path

from tangthu.index.indexer import update_index
from tangthu.library import Library, search_archives
from tangthu.library.records import Filters
from tests.conftest import SAMPLE, write_article


def _two(tmp_path: Path) -> tuple[Library, Library]:
    a = tmp_path / "bao-a"
    shutil.copytree(SAMPLE, a)
    b = tmp_path / "bao-b"
    for n in range(5):
        write_article(
            b / f"2021/0{n + 1}/hoi-nghi-{n}",
            f"Hội nghị lần {n}\n\nNgày {n + 1}/3/2021, tỉnh tổ chức hội nghị số {n}.\n",
        )
    libs = []
    for root in (a, b):
        update_index(root, tmp_path / f"ix-{root.name}", jobs=1)
        libs.append(Library(root, index_dir=tmp_path / f"ix-{root.name}"))
    return libs[0], libs[1]


def test_one_list_from_two_archives(tmp_path: Path) -> None:
    a, b = _two(tmp_path)
    try:
        one_a = a.search("hội nghị", pagesize=50, facets=True)
        one_b = b.search("hội nghị", pagesize=50, facets=True)
        both = search_archives([a, b], "hội nghị", pagesize=50, facets=True)
        assert both.total == one_a.total + one_b.total > one_a.total
        assert both.facets["archive"] == {str(a.root): one_a.total, str(b.root): one_b.total}
        assert {(h.archive, h.id) for h in both.hits} == {
            (str(a.root), h.id) for h in one_a.hits
        } | {(str(b.root), h.id) for h in one_b.hits}
        scores = [h.score for h in both.hits if h.exact]
        assert scores == sorted(scores, reverse=True)  # relevance across archives
        assert sum(both.facets["year"].values()) == both.total
        # pages follow one order: page 2 continues page 1
        p1 = search_archives([a, b], "hội nghị", pagesize=3, page=1)
        p2 = search_archives([a, b], "hội nghị", pagesize=3, page=2)
        assert [h.id for h in p1.hits + p2.hits] == [h.id for h in both.hits[:6]]
        # newest first across archives, and a filter applies to every archive
        dated = search_archives([a, b], "", sort="date", pagesize=50)
        dates = [h.date for h in dated.hits if h.date]
        assert dates == sorted(dates, reverse=True)
        only = search_archives([a, b], "hội nghị", filters=Filters(year="2021"), facets=True)
        assert only.total == one_b.total and only.facets["archive"][str(a.root)] == 0
    finally:
        a.close()
        b.close()
