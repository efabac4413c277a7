"""Search behaviour: diacritics, ranking, syntax, filters, sorting, snippets, facets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tangthu.index.indexer import update_index
from tangthu.index.search import NONE, ArchiveSearcher, Filters, QueryError, snippet
from tests.conftest import SEED, write_article


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.id.split("/article.txt")[0] for h in result.hits]


def test_exact_spelling_outranks_folded(searcher: ArchiveSearcher) -> None:
    r = searcher.search("đoàn kết")
    assert ids(r)[0] == "2024/03/dk"
    assert "2023/05/khong-dau" in ids(r)
    exact = [h.exact for h in r.hits]
    assert exact == sorted(exact, reverse=True)  # every exact hit before every folded one
    assert r.hits[ids(r).index("2023/05/khong-dau")].exact is False


def test_query_without_marks_finds_both_spellings(searcher: ArchiveSearcher) -> None:
    r = searcher.search("doan ket")
    assert {"2024/03/dk", "2023/05/khong-dau"} <= set(ids(r))


def test_upper_and_lower_d_bar(searcher: ArchiveSearcher) -> None:
    for q in ("ĐOÀN VIÊN", "đoàn viên", "Đoàn Viên", "doan vien", "DOAN VIEN"):
        assert ids(searcher.search(q))[0] == "khac/ĐOÀN", q


def test_phrase_only_matches_adjacent_words(searcher: ArchiveSearcher) -> None:
    r = searcher.search('"đoàn kết"')
    assert "2022/01/rai-rac" not in ids(r)
    assert "2024/03/dk" in ids(r)
    r = searcher.search('"doan ket"')
    # the two articles holding the words side by side (ĐOÀN VIÊN is not "đoàn kết")
    assert set(ids(r)) == {"2024/03/dk", "2023/05/khong-dau"}
    assert "2022/01/rai-rac" not in ids(r)


def test_phrase_ranks_above_scattered_words(searcher: ArchiveSearcher) -> None:
    r = searcher.search("doan ket")
    assert ids(r).index("2022/01/rai-rac") > ids(r).index("2023/05/khong-dau")


def test_field_queries(searcher: ArchiveSearcher) -> None:
    assert ids(searcher.search("title:quyết")) == ["2021/07/quyet-dinh"]
    assert ids(searcher.search("caption:tàu")) == ["2021/07/quyet-dinh"]
    assert ids(searcher.search("caption:tau")) == ["2021/07/quyet-dinh"]
    assert ids(searcher.search("author:ngọc")) == ["2024/03/dk"]
    assert ids(searcher.search("outlet:baolaocai")) == ["2024/03/dk"]
    # both titles hold đoàn once in six words: same score, so no order is asserted
    assert set(ids(searcher.search("title:doan"))) == {"2024/03/dk", "khac/ĐOÀN"}


def test_hits_carry_the_byline(searcher: ArchiveSearcher) -> None:
    (hit,) = searcher.search("author:ngọc").hits
    assert hit.author == "Trần Tuấn Ngọc" and hit.to_dict()["author"] == "Trần Tuấn Ngọc"
    (plain,) = searcher.search("khong dau").hits
    assert plain.id.startswith("2023/05/khong-dau/") and plain.author is None


def test_or_not_minus_prefix_fuzzy(searcher: ArchiveSearcher) -> None:
    assert set(ids(searcher.search("tàu OR thanh"))) == {"2021/07/quyet-dinh", "2022/01/rai-rac"}
    both = set(ids(searcher.search("đoàn")))
    assert "2022/01/rai-rac" not in ids(searcher.search("đoàn NOT thanh"))
    assert set(ids(searcher.search("đoàn -thanh"))) == both - {"2022/01/rai-rac"}
    assert "2021/07/quyet-dinh" in ids(searcher.search("quyế*"))
    assert "2021/07/quyet-dinh" in ids(searcher.search("quyet*"))
    assert "2021/07/quyet-dinh" in ids(searcher.search("duong sat~"))
    assert "2021/07/quyet-dinh" in ids(searcher.search("đường sắc~"))


def test_codes_and_dates_are_searchable(searcher: ArchiveSearcher) -> None:
    assert ids(searcher.search("999/QĐ-TTg")) == ["2021/07/quyet-dinh"]
    assert ids(searcher.search("999/qd-ttg")) == ["2021/07/quyet-dinh"]
    assert ids(searcher.search("999")) == ["2021/07/quyet-dinh"]
    assert "2024/03/dk" in ids(searcher.search("21/3/2024"))


def test_filters(searcher: ArchiveSearcher) -> None:
    r = searcher.search("", filters=Filters(date_from="2022-01-01", date_to="2023-12-31"))
    assert set(ids(r)) == {"2022/01/rai-rac", "2023/05/khong-dau"}
    r = searcher.search("", filters=Filters(outlet="baolaocai.vn"))
    assert ids(r) == ["2024/03/dk"]
    r = searcher.search("", filters=Filters(has_photos=True))
    assert set(ids(r)) == {"2024/03/dk", "2021/07/quyet-dinh"}
    r = searcher.search("", filters=Filters(year="2021"))
    assert ids(r) == ["2021/07/quyet-dinh"]


def test_sort_by_date(searcher: ArchiveSearcher) -> None:
    r = searcher.search("", sort="date")
    dates = [h.date for h in r.hits if h.date]
    assert dates == sorted(dates, reverse=True)
    r = searcher.search("", sort="date-asc")
    dates = [h.date for h in r.hits if h.date]
    assert dates == sorted(dates)


def test_paging_is_consistent(searcher: ArchiveSearcher) -> None:
    full = ids(searcher.search("đoàn", pagesize=50))
    paged = []
    for page in range(1, 6):
        paged += ids(searcher.search("đoàn", page=page, pagesize=1))
    assert paged == full
    assert searcher.search("đoàn", pagesize=1).total == len(full)


def _bracketed(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    out, pos = [], 0
    for a, b in spans:
        out.append(f"{text[pos:a]}[{text[a:b]}]")
        pos = b
    return "".join(out) + text[pos:]


def test_snippets_mark_exact_and_folded_matches(searcher: ArchiveSearcher) -> None:
    hits = searcher.search("doan ket").hits
    assert "[doan] [ket]" in _bracketed(hits[0].snippet, hits[0].snippet_marks)  # as typed
    hit = next(h for h in hits if "đoàn" in h.snippet)  # and once folded
    assert "[đoàn] [kết]" in _bracketed(hit.snippet, hit.snippet_marks)
    assert "[" in _bracketed(hit.title, hit.title_marks)


def test_snippet_is_plain_text_with_marks() -> None:
    found = snippet("a <script>x</script> đoàn", {"doan"})
    # the text as it is (the window escapes it, the command line prints it)
    assert found.text == "a <script>x</script> đoàn"
    assert _bracketed(found.text, found.spans).endswith("[đoàn]")


def test_snippet_picks_the_passage_with_matches() -> None:
    text = "mở đầu " * 100 + "đây là đoàn kết " + "kết thúc " * 100
    found = snippet(text, {"doan", "ket"})
    assert "[đoàn] [kết]" in _bracketed(found.text, found.spans)
    assert found.text.startswith("…") and found.text.endswith("…")
    assert len(found.text) <= 250


def test_facets(searcher: ArchiveSearcher) -> None:
    r = searcher.search("", facets=True)
    assert r.facets["year"]["2024"] == 1
    assert r.facets["outlet"]["baolaocai.vn"] == 1
    assert r.facets["year"][NONE] == 1  # one article has no date: a bucket of its own
    assert sum(r.facets["year"].values()) == 5


def test_did_you_mean(searcher: ArchiveSearcher) -> None:
    r = searcher.search("đoàm viên")
    assert r.total == 0
    assert r.suggestion == "đoàn viên"
    assert searcher.search("đoàn").suggestion is None


def test_photo_search(searcher: ArchiveSearcher) -> None:
    r = searcher.search_photos("doan tau")
    assert [(h.article_id, h.file) for h in r.hits] == [("2021/07/quyet-dinh/article.txt", "2.jpg")]
    assert r.hits[0].caption == "Đoàn tàu trên tuyến đường sắt."
    assert searcher.search_photos("").total == 2


def test_more_like_this(searcher: ArchiveSearcher) -> None:
    hits = searcher.more_like("2024/03/dk/article.txt")
    assert hits and "2024/03/dk/article.txt" not in [h.id for h in hits]


def test_related_titles_link_to_articles(searcher: ArchiveSearcher, archive: Path) -> None:
    from tangthu.archive.article import load_article

    art = load_article(archive, archive / "khac/ĐOÀN/article.txt")
    linked = searcher.link_related(art)
    assert linked.related[0].id == "2024/03/dk/article.txt"


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"""',
        "(",
        ")",
        "((a",
        "a AND",
        "OR",
        "NOT",
        "title:",
        ":",
        "*",
        "a*b*c",
        "~",
        "a~~",
        "[a TO",
        "{",
        "^",
        "\\",
        "'",
        "title:(",
        "-",
        "--",
        "- -",
        "AND OR NOT",
        "\x00",
        "🙂",
        "a" * 900,
        "đoàn " * 60,
    ],
)
def test_odd_queries_never_raise_other_errors(searcher: ArchiveSearcher, query: str) -> None:
    try:
        searcher.search(query)
        searcher.search_photos(query)
    except QueryError as exc:
        assert str(exc)


def test_huge_query_is_refused_clearly(searcher: ArchiveSearcher) -> None:
    with pytest.raises(QueryError, match="limit"):
        searcher.search("a" * 5000)


# --- the real corpus --------------------------------------------------------------------


def test_corpus_seed_first_for_folded_query(corpus_index: Path) -> None:
    with ArchiveSearcher(corpus_index) as s:
        r = s.search("doan ket sang tao")
        assert r.hits[0].id == f"{SEED}/article.txt"
        assert f"{SEED}/article.txt" in [h.id for h in s.search("doan ket", pagesize=3).hits]
        assert s.search("đoàn kết sáng tạo").hits[0].id == f"{SEED}/article.txt"


def test_corpus_phrases_find_their_article(corpus_index: Path, corpus_scan) -> None:  # type: ignore[no-untyped-def]
    report = corpus_scan
    rng = random.Random(2024)
    candidates = [a for a in report.articles if len(a.body_text.split()) > 40]
    misses = []
    with ArchiveSearcher(corpus_index) as s:
        for art in rng.sample(candidates, 30):
            words = art.body_text.split()
            start = rng.randrange(0, len(words) - 8)
            phrase = " ".join(words[start : start + 7])
            top = [h.id for h in s.search(phrase, pagesize=3).hits]
            if art.id not in top:
                misses.append((art.id, phrase))
    assert misses == []


def test_typed_without_marks_the_same_letters_rank_first(tmp_path: Path) -> None:
    """Nha Trang, the city, before Nhà Trắng, the White House, for "nha trang"."""
    from tangthu.index import engines

    root = tmp_path / "kho"
    words = "Nhà Trắng nói về Nhà Trắng và Nhà Trắng hôm nay."
    for i in range(3):  # the folded matches are many, and their words frequent
        write_article(root / f"nha-trang-{i}", f"Nhà Trắng {i}\n\n{words} {words}\n")
    write_article(root / "thanh-pho", "Du lịch biển\n\nKhách đến Nha Trang ngày một đông.\n")
    for engine in engines.available():
        update_index(root, tmp_path / f"ix-{engine}", jobs=1, engine=engine)
        with ArchiveSearcher(tmp_path / f"ix-{engine}") as s:
            r = s.search("nha trang")
            assert r.total == 4 and r.exact_total is None
            assert r.hits[0].id == "thanh-pho/article.txt", engine
            assert s.search("Nhà Trắng").hits[0].id.startswith("nha-trang-")


def test_a_word_left_out_without_marks_leaves_out_every_spelling(tmp_path: Path) -> None:
    """ "-doan" keeps no article that says đoàn: not even on the page the count says is
    empty (the ranking of the very letters typed must not bring it back)."""
    from tangthu.index import engines

    root = tmp_path / "kho"
    write_article(root / "doan", "Đoàn\n\nĐoàn viên họp.\n")
    write_article(root / "khac", "Khác\n\nNông dân gặt lúa.\n")
    for engine in engines.available():
        update_index(root, tmp_path / f"ix-{engine}", jobs=1, engine=engine)
        with ArchiveSearcher(tmp_path / f"ix-{engine}") as s:
            for query in ("-doan", "-đoàn", "nong -doan"):
                r = s.search(query)
                assert [h.id for h in r.hits] == ["khac/article.txt"], (engine, query)
                assert r.total == 1


# --- what a query marks -------------------------------------------------------------


def test_a_phrase_is_marked_only_where_its_words_follow_each_other() -> None:
    from tangthu.index.snippets import Highlight, highlight_spans

    text = "Nhân rộng các điển hình tiên tiến. Các em nhận rộng, diện hình tiến bộ."
    phrase = ("nhan", "rong", "cac", "dien", "hinh", "tien", "tien")
    typed = {
        "nhan": frozenset({"nhân"}),
        "rong": frozenset({"rộng"}),
        "cac": frozenset({"các"}),
        "dien": frozenset({"điển"}),
        "hinh": frozenset({"hình"}),
        "tien": frozenset({"tiên", "tiến"}),
    }
    matches, near = highlight_spans(text, Highlight(frozenset(), (phrase,), typed, strict=False))
    assert [text[a:b] for a, b in matches] == [
        "Nhân", "rộng", "các", "điển", "hình", "tiên", "tiến",
    ]  # fmt: skip
    assert near == []  # nothing of the second sentence


def test_a_word_typed_with_marks_marks_its_spelling_and_the_others_apart() -> None:
    from tangthu.index.snippets import Highlight, highlight_spans

    text = "đoàn kết, đoán kết quả, doan ket"
    h = Highlight(frozenset({"doan"}), (), {"doan": frozenset({"đoàn"})}, strict=False)
    matches, near = highlight_spans(text, h)
    assert [text[a:b] for a, b in matches] == ["đoàn"]
    assert [text[a:b] for a, b in near] == ["đoán", "doan"]
    strict = Highlight(frozenset({"doan"}), (), {"doan": frozenset({"đoàn"})}, strict=True)
    assert highlight_spans(text, strict) == ([(0, 4)], [])
    unmarked = Highlight(frozenset({"doan"}))  # typed without marks: every spelling
    assert len(highlight_spans(text, unmarked)[0]) == 3


def test_the_search_marks_a_phrase_only_where_it_stands(tmp_path: Path) -> None:
    from tangthu.index import engines

    root = tmp_path / "kho"
    write_article(
        root / "a", "Biểu tình lớn\n\nHàng nghìn người biểu tình. Ước tính 2.000 người.\n"
    )
    for engine in engines.available():
        update_index(root, tmp_path / f"ix-{engine}", jobs=1, engine=engine)
        with ArchiveSearcher(tmp_path / f"ix-{engine}") as s:
            hit = s.search('"biểu tình"').hits[0]
            shown = _bracketed(hit.snippet, hit.snippet_marks + hit.snippet_near)
            assert "[biểu] [tình]" in shown and "[tính]" not in shown, shown


def test_corpus_suggestion_prefers_the_word_more_articles_hold(corpus_index: Path) -> None:
    """ "hoi ngi": "nghi" and "nui" are one edit away; far more articles say hội nghị."""
    with ArchiveSearcher(corpus_index) as s:
        r = s.search("hoi ngi")
        assert r.suggestion == "hoi nghi"
        assert s.search("hoi nghi").total > s.search("hoi nui").total > 0


@pytest.mark.parametrize("sort", ["date", "date-asc"])
def test_pages_by_date_run_on_into_the_undated(tmp_path: Path, engine: str, sort: str) -> None:
    """Page by page, the dated articles in date order, then the undated ones: every
    article once, whatever the page size (the undated begin where the dated end)."""
    root = tmp_path / "kho"
    dated = {f"bai-{i}": f"2019-0{1 + i % 9}-1{i % 10}" for i in range(7)}
    for name, day in dated.items():
        y, m, d = day.split("-")
        write_article(root / name, f"Tin {name}\n\nNgày {int(d)}/{int(m)}/{y}, mùa lúa.\n")
    for i in range(4):
        write_article(root / f"khong-ngay-{i}", f"Tin không ngày {i}\n\nMùa lúa chín.\n")
    update_index(root, tmp_path / "ix", jobs=1, engine=engine)
    with ArchiveSearcher(tmp_path / "ix", root) as s:
        for size in (1, 2, 3, 5, 20):
            seen: list[str] = []
            for page in range(1, 20):
                r = s.search("lúa", sort=sort, page=page, pagesize=size)
                if not r.hits:
                    break
                seen += ids(r)
            order = sorted(dated, key=lambda n: dated[n], reverse=sort == "date")
            assert seen[:7] == order, size
            assert sorted(seen[7:]) == [f"khong-ngay-{i}" for i in range(4)], size
