"""A corrected article is searched, filtered, faceted and sorted as corrected, on every
engine, and stays so through a rescan, a rebuild and a move of its folder; how each
article is dated is a facet and a filter whose counts agree with a scan of the files."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from tangthu.archive.article import load_article
from tangthu.archive.corrections import Corrections, corrections_path
from tangthu.archive.dates import dating
from tangthu.archive.paths import data_dir
from tangthu.archive.scan import walk
from tangthu.index.engine import NONE, Filters
from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher
from tests.conftest import write_article

ID = "2023/05/khong-dau/article.txt"


def _store() -> Corrections:
    return Corrections(corrections_path(data_dir()))


def _search(archive: Path, index_dir: Path, query: str = "", **options: object):  # type: ignore[no-untyped-def]
    s = ArchiveSearcher(index_dir, archive)
    try:
        return s.search(query, pagesize=50, facets=True, **options)  # type: ignore[arg-type]
    finally:
        s.close()


def test_a_correction_is_indexed_and_survives_rescan_rebuild_and_move(
    archive: Path, index_dir: Path, engine: str
) -> None:
    update_index(archive, index_dir, jobs=1, engine=engine)
    _store().set(archive, [ID], {"date": "2016-12-27", "outlet": "Nhân Dân", "title": "Đã sửa"})
    summary = update_index(archive, index_dir, jobs=1)
    assert summary.updated == 1  # the corrected article alone is indexed again

    def check(ident: str) -> None:
        found = _search(archive, index_dir, "da sua")
        assert [h.id for h in found.hits] == [ident]
        hit = found.hits[0]
        assert (hit.date, hit.dated_by, hit.corrected) == (
            "2016-12-27",
            "corrected",
            ("title", "date", "outlet"),
        )
        by_year = _search(archive, index_dir, filters=Filters(year="2016"))
        assert [h.id for h in by_year.hits] == [ident]
        assert by_year.facets["dated"] == {"corrected": 1}
        assert _search(archive, index_dir, "suc manh").total == 1  # its text is searched still
        # the file's title is still found by its words (not as the title)
        assert [h.id for h in _search(archive, index_dir, "bai viet khong dau").hits] == [ident]
        assert _search(archive, index_dir, filters=Filters(year="2023")).total == 0
        oldest = _search(archive, index_dir, sort="date-asc").hits[0]
        assert oldest.id == ident

    check(ID)
    assert update_index(archive, index_dir, jobs=1).updated == 0  # a rescan changes nothing
    check(ID)
    update_index(archive, index_dir, jobs=1, rebuild=True)
    check(ID)
    moved = archive / "chuyen" / "khong-dau"
    moved.parent.mkdir()
    shutil.move(archive / "2023/05/khong-dau", moved)  # sizes and times kept
    update_index(archive, index_dir, jobs=1)
    check("chuyen/khong-dau/article.txt")
    assert _store().get(archive, ID) is None

    assert _store().revert(archive, ["chuyen/khong-dau/article.txt"]) == 1
    update_index(archive, index_dir, jobs=1)
    assert _search(archive, index_dir, "da sua").total == 0
    assert _search(archive, index_dir, filters=Filters(year="2023")).total == 1


def _scan(root: Path) -> dict[str, str]:
    """How each article of *root* is dated, read from the files one by one."""
    return {e.id: dating(load_article(root, e.path).date_source) for e in walk(str(root)).articles}


def test_the_dating_facet_and_filter_agree_with_a_scan(
    archive: Path, index_dir: Path, engine: str
) -> None:
    # an article dated only by a date lower in its text: an estimate
    write_article(
        archive / "khac/uoc-tinh",
        "Chuyện làng\n\nLàng có nghề dệt từ lâu.\n\nNgười làng kể lại.\n\nCũng vậy.\n\n"
        "Hội làng mở lại hôm 12/3/1998 sau nhiều năm.\n",
    )
    update_index(archive, index_dir, jobs=1, engine=engine)
    _store().set(archive, ["2022/01/rai-rac/article.txt"], {"date": "2019"})
    update_index(archive, index_dir, jobs=1)
    truth = _scan(archive)
    truth["2022/01/rai-rac/article.txt"] = "corrected"
    assert "estimate" in truth.values()
    counts = Counter(truth.values())
    facets = _search(archive, index_dir).facets
    assert facets["dated"] == {k: counts[k] for k in facets["dated"]}
    assert sum(facets["dated"].values()) == len(truth)
    for how in set(truth.values()):
        found = _search(archive, index_dir, filters=Filters(dated=how))
        assert sorted(h.id for h in found.hits) == sorted(i for i, d in truth.items() if d == how)

    # without estimates: the estimated date counts as none, in filters and in facets
    with_est = _search(archive, index_dir).facets["year"]
    without = _search(archive, index_dir, filters=Filters(estimates=False)).facets["year"]
    assert with_est.get("1998") == 1 and "1998" not in without
    assert without.get(NONE, 0) == with_est.get(NONE, 0) + 1
    assert _search(archive, index_dir, filters=Filters(year="1998", estimates=False)).total == 0
    undated = _search(archive, index_dir, filters=Filters(year=NONE, estimates=False))
    assert "khac/uoc-tinh/article.txt" in {h.id for h in undated.hits}
    ranged = Filters(date_from="1990-01-01", date_to="1999-12-31", estimates=False)
    assert _search(archive, index_dir, filters=ranged).total == 0
    empty = _search(archive, index_dir, filters=ranged)
    assert empty.emptied_by == ["date"]
    # and in the order by date: with the undated, after the dated ones
    for sort in ("date", "date-asc"):
        left = _search(archive, index_dir, sort=sort, filters=Filters(estimates=False))
        dated = [h for h in left.hits if h.dated_by != "estimate" and h.date]
        assert [h.id for h in left.hits[: len(dated)]] == [h.id for h in dated]
    oldest = _search(archive, index_dir, sort="date-asc").hits[0]
    assert oldest.id == "khac/uoc-tinh/article.txt"  # 1998, with its estimate
    oldest = _search(archive, index_dir, sort="date-asc", filters=Filters(estimates=False))
    assert oldest.hits[0].id != "khac/uoc-tinh/article.txt"


def test_filters_reach_the_engines_as_nodes() -> None:
    from tangthu.index.engine import KEYWORDS, Among, Keyword, Span, WithPhotos, Year

    f = Filters(
        date_from="2020-01-01",
        year=NONE,
        has_photos=True,
        outlet="tuoitre.vn",
        dated="dateline",
        ids=frozenset({"a"}),
        estimates=False,
    )
    assert f.nodes() == [
        Span("2020-01-01", None, False),
        Year(0, False),
        WithPhotos(),
        Keyword("outlet", "tuoitre.vn"),
        Keyword("dated", "dateline"),
        Among(frozenset({"a"})),
    ]
    assert set(f.alone()) == {"date", "year", "photos", "outlet", "dated"}
    assert all(nodes[-1] == Among(frozenset({"a"})) for nodes in f.alone().values())
    assert Filters(year="19x5").nodes() == [Year(-1, True)]  # a year that is none
    assert set(KEYWORDS) == {"outlet", "format", "dated"}


def test_a_correction_whose_article_is_gone_is_a_problem_until_reverted(
    archive: Path, index_dir: Path
) -> None:
    _store().set(archive, [ID], {"title": "Đã sửa"})
    update_index(archive, index_dir, jobs=1)
    shutil.rmtree(archive / "2023/05/khong-dau")  # gone, not moved
    summary = update_index(archive, index_dir, jobs=1)
    (orphan,) = [p for p in summary.problems if p.kind == "correction-orphan"]
    assert orphan.path == str(archive / "2023/05/khong-dau/article.txt")
    assert update_index(archive, index_dir, jobs=1).problems.count(orphan) == 1  # said once
    _store().revert(archive, [ID])
    summary = update_index(archive, index_dir, jobs=1)
    assert not [p for p in summary.problems if p.kind == "correction-orphan"]


def test_an_unreadable_corrections_file_is_said_and_kept(archive: Path, index_dir: Path) -> None:
    path = corrections_path(data_dir())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"items": [{"root": 1}]}', encoding="utf-8")
    summary = update_index(archive, index_dir, jobs=1)
    (said,) = [p for p in summary.problems if p.kind == "corrections-unreadable"]
    assert Path(said.path).read_text(encoding="utf-8") == '{"items": [{"root": 1}]}'
    again = update_index(archive, index_dir, jobs=1)  # still said (until a rebuild)
    assert [p.kind for p in again.problems].count("corrections-unreadable") == 1
