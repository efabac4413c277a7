"""The parser, rule by rule (DESIGN.md), and the seed article field by field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tangthu.archive.article import FolderListing, load_article
from tangthu.archive.dates import find_full_date, find_partial_date, infer_date
from tangthu.archive.formats.parsed import heads_related
from tangthu.archive.formats.text import is_photo_line, parse_text
from tests.conftest import SEED, make_jpeg, write_article

# --- rule 1: title -------------------------------------------------------------


def test_title_is_first_non_blank_line() -> None:
    p = parse_text("\n\n  Tiêu đề bài  \n\nĐoạn mở đầu.\n")
    assert p.title == "Tiêu đề bài"
    assert p.lead == "Đoạn mở đầu."


def test_empty_text_gives_empty_parse() -> None:
    p = parse_text("")
    assert (p.title, p.lead, p.blocks, p.related) == ("", "", [], [])


# --- rule 2: photo lines, groups, captions ---------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "1.JPG",
        "1.jpg",
        "anh-1.jpeg",
        "IMG_4107.JPG",
        "DSC_0213.jpg",
        "hinh 1.jpg",
        "ảnh 1.jpg",
        "photo_01.JPEG",
        "a.png",
        "b.GIF",
        "c.webp",
        "d.tif",
        "e.TIFF",
        "f.bmp",
        "anh/1.jpg",
    ],
)
def test_photo_line_accepts_file_names(line: str) -> None:
    assert is_photo_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Xem ảnh tại http://x.vn/1.jpg",
        "https://x.vn/a.jpg",
        "1.JPG là ảnh đẹp",
        "Ảnh: TTXVN",
        "1.JPGx",
        "/etc/1.jpg",
        "C:\\x\\1.jpg",
        "",
    ],
)
def test_photo_line_rejects_other_lines(line: str) -> None:
    assert not is_photo_line(line)


def test_group_shares_one_caption() -> None:
    p = parse_text("T\n\nMở đầu.\n\n3.JPG\n4.JPG\nChú thích chung.\n\nTiếp.\n")
    photos = [b for b in p.blocks if b.type == "photos"]
    assert photos[0].files == ("3.JPG", "4.JPG")
    assert photos[0].caption == "Chú thích chung."
    assert p.photo_lines == [("3.JPG", "Chú thích chung."), ("4.JPG", "Chú thích chung.")]


def test_group_followed_by_blank_line_has_no_caption() -> None:
    p = parse_text("T\n\nMở đầu.\n\n1.jpg\n\nĐoạn sau.\n")
    assert p.photo_lines == [("1.jpg", None)]
    assert [b.text for b in p.blocks if b.type == "text"] == ["Đoạn sau."]


def test_line_ending_with_colon_after_photo_is_body_not_caption() -> None:
    p = parse_text("T\n\nMở đầu.\n2.JPG\nCùng xem một số hình ảnh mới:\nẢnh sau.\n")
    assert p.photo_lines == [("2.JPG", None)]
    assert "Cùng xem một số hình ảnh mới:" in [b.text for b in p.blocks]


def test_consecutive_photo_caption_pairs_are_separate_groups() -> None:
    p = parse_text("T\n\nMở.\n5.JPG\nMột.\n6.JPG\nHai.\n")
    groups = [(b.files, b.caption) for b in p.blocks if b.type == "photos"]
    assert groups == [(("5.JPG",), "Một."), (("6.JPG",), "Hai.")]


def test_blocks_keep_text_order_around_photos() -> None:
    p = parse_text("T\n\nMở.\nA.\n1.jpg\nCap.\nB.\n")
    assert [(b.type, b.text or b.files) for b in p.blocks] == [
        ("text", "A."),
        ("photos", ("1.jpg",)),
        ("text", "B."),
    ]


# --- rule 3 and 4: source URL and byline -----------------------------------------


def test_source_url_and_outlet_from_host() -> None:
    p = parse_text("T\n\nMở.\nhttps://www.vnexpress.net/a-1.html\n")
    assert p.source_url == "https://www.vnexpress.net/a-1.html"
    assert p.outlet == "vnexpress.net"


def test_byline_with_outlet() -> None:
    p = parse_text("T\n\nMở.\n\nTheo Trần Tuấn Ngọc/baolaocai.vn\n")
    assert (p.author, p.outlet) == ("Trần Tuấn Ngọc", "baolaocai.vn")


def test_byline_agency_alone() -> None:
    p = parse_text("T\n\nMở.\n\nTheo TTXVN\n")
    assert (p.author, p.outlet) == ("TTXVN", None)


def test_sentence_starting_with_theo_is_not_a_byline() -> None:
    line = "Theo điểm b khoản 12 Điều 5, ngoài việc bị phạt tiền, người điều khiển bị tước bằng."
    p = parse_text(f"T\n\nMở.\n{line}\n")
    assert p.author is None
    assert line in [b.text for b in p.blocks]


def test_byline_outlet_beats_url_host() -> None:
    p = parse_text("T\n\nMở.\nhttps://x.vn/a\nTheo A B/y.vn\n")
    assert p.outlet == "y.vn"


def test_name_after_url_is_author() -> None:
    p = parse_text(
        "T\n\nMở.\nĐoạn.\nhttps://vnexpress.net/a.html\nVăn phòng Luật sư Lê Nguyễn, TP HCM\n"
    )
    assert p.author == "Văn phòng Luật sư Lê Nguyễn, TP HCM"


def test_trailing_name_paragraph_is_author() -> None:
    p = parse_text("T\n\nMở đầu.\nĐoạn một dài.\nĐoạn hai dài.\nTrọng Giáp\n")
    assert p.author == "Trọng Giáp"
    assert "Trọng Giáp" not in [b.text for b in p.blocks]


def test_trailing_agency_with_slash() -> None:
    p = parse_text("T\n\nMở đầu.\nĐoạn một.\nĐoạn hai.\nTTXVN/Tin Tức\n")
    assert (p.author, p.outlet) == ("TTXVN", "baotintuc.vn")  # the paper Tin Tức is one outlet


# --- rule 5: related list ---------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Tin Liên Quan",
        "Tin liên quan",
        "TIN LIÊN QUAN:",
        "Bài liên quan",
        "Tin cùng chuyên mục",
        "Tin khác",
        "tin lien quan",
        "Tin liên quan »",
        "Đọc thêm!",
    ],
)
def test_related_headers(header: str) -> None:
    assert heads_related(header)


def test_related_alternates_title_summary() -> None:
    p = parse_text("T\n\nMở.\n\nTin liên quan\n\nA\n\nTóm A\n\nB\n\nTóm B\n\nC\n")
    assert [(r.title, r.summary) for r in p.related] == [("A", "Tóm A"), ("B", "Tóm B"), ("C", "")]


def test_related_text_is_not_body() -> None:
    p = parse_text("T\n\nMở.\nTin Liên Quan\nA\nTóm A\n")
    assert p.blocks == []


# --- rule 6: body ---------------------------------------------------------------------


def test_lead_is_first_paragraph_and_not_repeated() -> None:
    p = parse_text("T\nMở đầu.\nThân một.\nThân hai.\n")
    assert p.lead == "Mở đầu."
    assert [b.text for b in p.blocks] == ["Thân một.", "Thân hai."]


# --- rule 7: date ------------------------------------------------------------------------


def test_full_numeric_date() -> None:
    assert find_full_date(["Hà Nội, 21/3/2024 - Tin"]) == "2024-03-21"


def test_full_worded_date() -> None:
    assert find_full_date(["vào ngày 5 tháng 9 năm 2019"]) == "2019-09-05"


def test_invalid_dates_are_ignored() -> None:
    assert find_full_date(["46/120 sáng kiến, 31/2/2024, Nghị định 46/2016/NĐ-CP"]) is None


def test_partial_date_needs_a_time_word() -> None:
    assert find_partial_date(["Chiều 21/3, hội nghị"]) == (21, 3)
    assert find_partial_date(["tỉ lệ 46/120 sáng kiến"]) is None


@pytest.mark.parametrize(
    "lead",
    [
        "Chiều 21/3, tổng kết năm 2023 và triển khai năm 2024.",
        "Sáng 2/9, kế hoạch đến năm 2045 bắt đầu năm 2020.",
        "Ông qua đời vào ngày 27/12 ở tuổi 60; ông sinh năm 1956 tại Hà Nội.",
    ],
)
def test_a_day_and_month_take_no_year_from_another_number_of_the_text(lead: str) -> None:
    p = parse_text(f"T\n\n{lead}\n")
    assert infer_date(p, [], today=date(2026, 1, 1)) == (None, None)
    # …but the year of the folder, the URL or the page's metadata completes them
    assert infer_date(p, [], folder=(2024, None, None), today=date(2026, 1, 1))[1] == "dateline"
    p.source_url = "https://baomoi.example/2019/12/30/tin.html"
    assert infer_date(p, [], today=date(2026, 1, 1)) == ("2019-12-30", "url")


def test_a_month_of_a_year_is_a_date_of_a_months_precision() -> None:
    p = parse_text("Khóa luận tốt nghiệp\n\nHà Nội, tháng 6 năm 2019\n\nMở đầu.\n")
    assert infer_date(p, [], today=date(2026, 1, 1)) == ("2019-06", "dateline")
    p = parse_text("T\n\nTP. Hồ Chí Minh, tháng 11/2020\n\nMở đầu.\n")
    assert infer_date(p, [], today=date(2026, 1, 1)) == ("2020-11", "dateline")
    p = parse_text("T\n\nTháng 3/1957, một người Mỹ đến đây.\n")  # an event's month
    assert infer_date(p, [], today=date(2026, 1, 1)) == (None, None)
    p = parse_text("T\n\nNghị định số 12/2020/NĐ-CP quy định.\n")  # a number, not a month
    assert infer_date(p, [], today=date(2026, 1, 1)) == (None, None)


def test_a_date_marked_as_a_guess_is_not_made_firm() -> None:
    p = parse_text("T\n\n≈ 2019-05-02 (ước tính) · Minh Anh\n\nMở đầu.\n")
    assert infer_date(p, [], today=date(2026, 1, 1)) == (None, None)


def test_a_day_and_month_take_no_year_from_the_photos() -> None:
    p = parse_text("T\n\nTối 5/1, lễ hội.\n")
    assert infer_date(p, ["2019-06-01T10:00:00"]) == ("2019-06-01", "exif")  # a guess


def test_date_from_exif_alone() -> None:
    p = parse_text("T\n\nKhông có ngày.\n")
    assert infer_date(p, ["2019-06-01T10:00:00", "2018-02-03T00:00:00"]) == ("2018-02-03", "exif")


def test_no_date_is_none_never_mtime() -> None:
    assert infer_date(parse_text("T\n\nKhông có ngày.\n"), []) == (None, None)


# --- photos resolved against the folder ---------------------------------------------------


def test_photo_lookup_is_case_insensitive_and_nfc(tmp_path: Path) -> None:
    import unicodedata

    make_jpeg(tmp_path / "a" / "1.jpg")
    make_jpeg(tmp_path / "a" / unicodedata.normalize("NFD", "ảnh 2.jpg"))
    path = write_article(tmp_path / "a", "T\n\nMở.\n1.JPG\nMột.\nảnh 2.JPG\nHai.\n3.jpg\nBa.\n")
    art = load_article(tmp_path, path)
    assert [(p.file, p.exists) for p in art.photos] == [
        ("1.JPG", True),
        ("ảnh 2.JPG", True),
        ("3.jpg", False),
    ]
    assert [p.kind for p in art.problems] == ["missing-photo"]
    assert art.photos[0].info is not None and art.photos[0].info.width == 64


def test_photo_in_subfolder_and_escape_refused(tmp_path: Path) -> None:
    make_jpeg(tmp_path / "a" / "anh" / "1.jpg")
    make_jpeg(tmp_path / "x.jpg")
    listing = FolderListing(tmp_path / "a")
    assert listing.find("anh/1.jpg") == tmp_path / "a" / "anh" / "1.jpg"
    assert listing.find("../x.jpg") is None


def test_article_id_is_relative_posix_nfc(tmp_path: Path) -> None:
    import unicodedata

    folder = tmp_path / "2024" / unicodedata.normalize("NFD", "Đoàn kết")
    path = write_article(folder, "Tiêu đề\n\nMở.\n")
    assert load_article(tmp_path, path).id == "2024/Đoàn kết/article.txt"


# --- rule 8: sidecar ------------------------------------------------------------------------


def test_sidecar_overrides(tmp_path: Path) -> None:
    path = write_article(tmp_path / "a", "Tiêu đề gốc\n\nMở.\n")
    (tmp_path / "a" / "article.json").write_text(
        json.dumps(
            {
                "title": "Tiêu đề mới",
                "creator": "Nguyễn Văn A",
                "date": "2020-05-06",
                "publisher": "nhandan.vn",
                "subject": ["x", "y"],
                "source": "https://nhandan.vn/a",
            }
        )
    )
    art = load_article(tmp_path, path)
    assert (art.title, art.author, art.outlet) == ("Tiêu đề mới", "Nguyễn Văn A", "nhandan.vn")
    assert (art.date, art.date_source) == ("2020-05-06", "sidecar")
    assert art.subject == "x; y"
    assert art.source_url == "https://nhandan.vn/a"


def test_metadata_json_sidecar(tmp_path: Path) -> None:
    path = write_article(tmp_path / "a", "T\n\nMở.\n")
    (tmp_path / "a" / "metadata.json").write_text('{"creator": "B"}')
    assert load_article(tmp_path, path).author == "B"


def test_bad_sidecar_is_a_problem(tmp_path: Path) -> None:
    path = write_article(tmp_path / "a", "T\n\nMở.\n")
    (tmp_path / "a" / "article.json").write_text("{not json")
    art = load_article(tmp_path, path)
    assert art.title == "T"
    assert [p.kind for p in art.problems] == ["bad-sidecar"]


# --- the seed article, field by field -------------------------------------------------------


@pytest.fixture(scope="module")
def seed(corpus: Path):  # type: ignore[no-untyped-def]
    return load_article(corpus, corpus / SEED / "article.txt")


def test_seed_identity(seed) -> None:  # type: ignore[no-untyped-def]
    assert seed.id == f"{SEED}/article.txt"
    assert seed.title == "Nhân rộng các điển hình tiên tiến trong phong trào đoàn kết sáng tạo"
    assert seed.lead.startswith("Chiều 21/3, Ủy ban MTTQ Việt Nam tỉnh tổ chức Hội nghị")
    assert seed.encoding == "utf-8"
    assert seed.problems == ()


def test_seed_photos_and_captions(seed) -> None:  # type: ignore[no-untyped-def]
    assert [p.file for p in seed.photos] == ["1.JPG", "3.JPG", "4.JPG", "8.JPG", "5.JPG", "6.JPG"]
    assert all(p.exists for p in seed.photos)
    caps = {p.file: p.caption for p in seed.photos}
    assert caps["1.JPG"] == "Quang cảnh hội nghị."
    assert caps["3.JPG"] == caps["4.JPG"] == "Các đại biểu phát biểu tham luận tại hội nghị."
    assert caps["8.JPG"] == (
        "Đồng chí Mã Én Hằng, Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh phát biểu tại hội nghị."
    )
    assert caps["5.JPG"] == "Ủy ban MTTQ Việt Nam tỉnh tặng Bằng khen cho 5 tập thể tiêu biểu."
    assert caps["6.JPG"] == "Ủy ban MTTQ Việt Nam tỉnh tặng Bằng khen cho 10 cá nhân tiêu biểu."
    groups = [b.files for b in seed.blocks if b.type == "photos"]
    assert groups == [("1.JPG",), ("3.JPG", "4.JPG"), ("8.JPG",), ("5.JPG",), ("6.JPG",)]
    assert seed.photos[0].info.width == 640 and seed.photos[0].info.taken == "2001-06-09T15:17:32"


def test_seed_body_order(seed) -> None:  # type: ignore[no-untyped-def]
    kinds = [b.type for b in seed.blocks]
    assert kinds == [
        "text",
        "text",
        "photos",
        "text",
        "text",
        "text",
        "photos",
        "text",
        "photos",
        "text",
        "photos",
        "photos",
        "text",
    ]
    texts = [b.text for b in seed.blocks if b.type == "text"]
    assert texts[0].startswith("Đồng chí Mã Én Hằng")
    assert texts[-1].startswith("Dịp này, Ủy ban MTTQ")
    assert not any("\u00a0" == t.strip() for t in texts)


def test_seed_url_byline_date(seed) -> None:  # type: ignore[no-untyped-def]
    assert seed.source_url == (
        "https://baolaocai.vn/nhan-rong-cac-dien-hinh-tien-tien-trong-"
        "phong-trao-doan-ket-sang-tao-post381622.html"
    )
    assert seed.author == "Trần Tuấn Ngọc"
    assert seed.outlet == "baolaocai.vn"
    # "Chiều 21/3" says no year, nor do its folder and URL: no firm date (its photos'
    # clock gives a guess)
    assert seed.date_source == "exif" and seed.date_estimated


def test_seed_related(seed) -> None:  # type: ignore[no-untyped-def]
    assert len(seed.related) == 6
    assert seed.related[0].title.startswith("Ưu tiên đầu tư tuyến đường sắt Lào Cai")
    assert seed.related[0].summary.startswith("Thủ tướng Chính phủ Phạm Minh Chính")
    assert seed.related[-1].title.startswith("Chính sách miễn, giảm, gia hạn nộp thuế")
    assert all(r.summary for r in seed.related)


def test_seed_json_has_data_model_keys(seed) -> None:  # type: ignore[no-untyped-def]
    d = seed.to_dict()
    for key in (
        "id",
        "title",
        "lead",
        "blocks",
        "photos",
        "source_url",
        "author",
        "outlet",
        "date",
        "date_source",
        "related",
        "problems",
    ):
        assert key in d
    assert d["blocks"][2] == {
        "type": "photos",
        "files": ["1.JPG"],
        "caption": "Quang cảnh hội nghị.",
    }
    assert set(d["photos"][0]) >= {
        "file",
        "caption",
        "exists",
        "width",
        "height",
        "taken",
        "embedded_caption",
    }
    json.dumps(d, ensure_ascii=False)


# --- dates from year/month folders ----------------------------------------------------------


def test_folder_year_completes_partial_date_before_exif() -> None:
    from tangthu.archive.dates import folder_date

    p = parse_text("T\n\nSáng 3/12, lễ chào cờ.\n")
    folder = folder_date("2018/12/pho-chu-tich/article.txt")
    assert folder == (2018, 12, None)
    assert infer_date(p, ["2004-01-01T00:00:00"], folder=folder) == (
        "2018-12-03",
        "folder+dateline",
    )


def test_folder_month_when_text_has_no_date() -> None:
    p = parse_text("T\n\nKhông ngày.\n")
    assert infer_date(p, ["2004-01-01T00:00:00"], folder=(2017, 1, None)) == ("2017-01", "folder")


def test_numeric_folder_names_are_not_years() -> None:
    from tangthu.archive.dates import folder_date

    assert folder_date("21473676/article.txt") is None
    assert folder_date("khong-ro-ngay/x/article.txt") is None


def test_trailing_byline_outlet_drops_theo() -> None:
    p = parse_text("T\n\nMở đầu.\nĐoạn một.\nĐoạn hai.\nNewben / Theo Trí Thức Trẻ\n")
    assert (p.author, p.outlet) == ("Newben", "Trí Thức Trẻ")


def test_the_body_read_alone_is_the_articles_body(corpus: Path) -> None:
    """Snippets read only an article's text: the same lead and paragraphs as the whole
    article, for every corpus article."""
    from tangthu.archive.article import read_body

    for path in sorted(corpus.glob("*/article.txt"))[:400]:
        assert read_body(corpus, path) == load_article(corpus, path).body_text, path


# --- dates by the strongest evidence (folders, URL, dateline; the rest an estimate) ------


def test_a_date_in_the_body_never_beats_the_folder() -> None:
    """The VTV Awards story of 2019 names 31/5/2000 in its body; an article filed under
    2016/03 names a span of 2015."""
    p = parse_text("T\n\nLễ trao giải diễn ra tối qua.\nNgày 31/5/2000, VTV ra đời.\n")
    assert infer_date(p, [], folder=(2019, 9, None)) == ("2019-09", "folder")
    q = parse_text("T\n\nTừ ngày 1-1-2015 đến 31-12-2015, tỉnh có 40 dự án.\n")
    assert infer_date(q, [], folder=(2016, 3, None)) == ("2016-03", "folder")


def test_the_dateline_gives_the_day_of_the_folders_month() -> None:
    p = parse_text("T\n\n(Dân trí) - Tóm tắt.\nQuảng Bình: Ngày 9/12, công an cho biết.\n")
    assert infer_date(p, [], folder=(2018, 12, None)) == ("2018-12-09", "folder+dateline")
    # a dateline of another month is not the article's: the folder's month stays
    q = parse_text("T\n\nSáng 27/8, vụ việc xảy ra.\n")
    assert infer_date(q, [], folder=(2018, 9, None)) == ("2018-09", "folder")


def test_a_day_folder_and_a_date_in_the_url() -> None:
    from tangthu.archive.dates import folder_date, url_date

    assert folder_date("2018/12/09/bai/article.txt") == (2018, 12, 9)
    p = parse_text("T\n\nKhông ngày.\n")
    assert infer_date(p, [], folder=(2018, 12, 9)) == ("2018-12-09", "folder")
    stamped = "https://dantri.com.vn/phap-luat/dung-dao-20181209202623487.htm"
    assert url_date(stamped) == "2018-12-09"
    assert url_date("https://tuoitre.vn/2019/08/22/bai.htm") == "2019-08-22"
    assert url_date("https://vnexpress.net/bai-3704082.html") is None  # an ID, not a date
    q = parse_text(f"T\n\nMở đầu.\n{stamped}\n")
    assert infer_date(q, [], folder=(2018, 12, None)) == ("2018-12-09", "url")
    assert infer_date(q, []) == ("2018-12-09", "url")


def test_a_date_only_mentioned_lower_down_is_an_estimate(tmp_path: Path) -> None:
    text = "T\n\nMở đầu không ngày.\nĐoạn một.\nĐoạn hai.\nHồi ngày 26/1/2008, trận đấu.\n"
    path = write_article(tmp_path / "a", text)
    art = load_article(tmp_path, path)
    assert (art.date, art.date_source, art.date_estimated) == ("2008-01-26", "body", True)
    assert art.to_dict()["date_estimated"] is True


@pytest.mark.corpus
def test_nearly_every_article_in_a_dated_folder_is_dated_in_its_month(corpus_scan) -> None:  # type: ignore[no-untyped-def]
    import re

    articles = [a for a in corpus_scan.articles if re.match(r"^\d{4}/\d{2}/", a.id)]
    inside = [a for a in articles if a.date and a.date[:7] == a.id[:7].replace("/", "-")]
    assert len(articles) > 100
    assert len(inside) >= 0.99 * len(articles)


@pytest.mark.corpus
def test_no_event_of_the_past_is_stated_as_an_articles_date(corpus_scan) -> None:  # type: ignore[no-untyped-def]
    # The corpus's articles are of 2014-2021; their texts mention battles of 1940,
    # births of 1986, the reforms of 1978 near their top. Those are guesses at most.
    stated = [a for a in corpus_scan.articles if a.date and not a.date_estimated]
    assert len(stated) > 100
    assert [(a.id, a.date) for a in stated if a.date < "2000"] == []


@pytest.mark.parametrize(
    "lead",
    [
        "Ngày 26/7/2019 tại Hà Nội, Samsung SDS ký thỏa thuận.",
        "Hà Nội, 21/3/2024 - Hội nghị tổng kết.",
        "Sáng ngày 8/4/2017, tại Trung tâm Hội nghị, lễ khai mạc diễn ra.",
        "Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)",
        "Tính đến 15 giờ ngày 18/9/2024, Ban Vận động cứu trợ đã tiếp nhận 200 tỷ đồng.",
        "7h50 ngày 3/12/2018, chị Nga đưa con đến trường.",
    ],
)
def test_a_date_that_opens_the_article_or_stands_alone_is_its_dateline(lead: str) -> None:
    p = parse_text(f"T\n\n{lead}\n\nĐoạn sau.\n")
    got, source = infer_date(p, [], today=date(2026, 1, 1))
    assert source == "dateline" and got is not None and got[:4] in lead


@pytest.mark.parametrize(
    ("lead", "mentioned"),
    [
        (
            "Bước đầu đã xác định danh tính thuyền viên tử vong là Trần Hoàng Phong "
            "(sinh ngày 24-10-1986, quê Nghệ An), thợ máy của tàu.",
            "1986-10-24",
        ),
        (
            "Ngày này cách đây đúng 40 năm (18-12-1978), Đặng Tiểu Bình tung ra chính sách.",
            "1978-12-18",
        ),
        (
            "Theo Chủ tịch Nguyễn Thiện Nhân, ngày 28/11/1959, Chủ tịch Hồ Chí Minh đến thăm.",
            "1959-11-28",
        ),
        (
            "Tàu sân bay phải dè chừng. Điều này được chứng minh vào ngày 8/6/1940, khi tàu "
            "sân bay Glorious bị đánh chìm.",
            "1940-06-08",
        ),
        ("“Nếu ngày bầu cử là ngày 27/10/2016, tôi đã thắng”, bà nói.", "2016-10-27"),
    ],
)
def test_a_date_inside_a_sentence_of_the_top_is_an_event_not_the_articles_date(
    lead: str, mentioned: str
) -> None:
    p = parse_text(f"T\n\n{lead}\n\nĐoạn sau.\n")
    # what the article mentions is at most a guess at its date, shown as one
    assert infer_date(p, [], today=date(2026, 1, 1)) == (mentioned, "body")


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Datum: 26. Januar 2022", "2022-01-26"),
        ("Dienstag, 6. Mai 2014", "2014-05-06"),
        ("3 de mayo de 2022", "2022-05-03"),
        ("1er mars 2020", "2020-03-01"),
        ("12 août 2019", "2019-08-12"),
        ("4 maart 2021", "2021-03-04"),
        ("25 December 2012", "2012-12-25"),
        ("May 14, 2012", "2012-05-14"),
    ],
)
def test_a_date_line_names_its_month_in_the_papers_language(line: str, iso: str) -> None:
    from tangthu.archive.dates import find_stated_date

    assert find_stated_date(line) == iso


def test_a_two_digit_year_run_into_a_time_is_no_date_of_1912() -> None:
    assert find_full_date(["Kommentar vom 28.09.1912:44"]) is None
    assert find_full_date(["Hà Nội, 28.09.2019 12:44"]) == "2019-09-28"
