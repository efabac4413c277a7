"""Pages in the layouts real papers used, as nobody here would write them: saved "HTML
only" (the pictures left on the paper's server), captions set apart by style in the
2010s editors' way or in a table's cell, a date line by the headline, a headline that
the window title words otherwise. Each is read as the page itself says."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from main import main
from tangthu.archive.article import load_article
from tangthu.archive.scan import scan
from tests.conftest import write_article

PROSE = (
    "TAND TP.Đà Nẵng ngày 19.12 xét xử sơ thẩm, tuyên phạt các bị cáo những mức án "
    "nghiêm khắc theo quy định của pháp luật về tội mua bán trái phép chất ma túy."
)

#: A 2012 page saved "HTML only": ASP.NET's one form, a table layout, the story's
#: pictures on the paper's server (an absolute address, one relative to the site, one
#: written without a scheme), three ways of captioning them, and an icon.
HTML_ONLY = f"""<!DOCTYPE html>
<!-- saved from url=(0064)http://www.thanhnien.com.vn/pages/20121219/bong-hong-ma-tuy.aspx -->
<html><head><meta charset="utf-8">
<title>5 "bóng hồng" buôn ma túy lãnh án | Thanh Niên Online</title>
<meta property="og:title" content="5 bóng hồng buôn ma túy lãnh án-bong hong ma tuy">
</head><body><form id="aspnetForm" method="post" action="./bai.aspx">
<div class="menu"><a href="/">Trang chủ</a> | <a href="/xh">Xã hội</a></div>
<table><tr><td>
<h1 class="mainTitle">5 "bóng hồng" buôn ma túy lãnh án</h1>
<div class="meta"><span class="date-line">19/12/2012 17:41</span></div>
<div class="article-content">
<p>{PROSE} Đoạn một.</p>
<p align="center"><img src="/Pictures201212/THANHLUAN/3/matuy.jpg"><br>
<span style="color:#595959">Các bị cáo tại tòa</span></p>
<p>{PROSE} Đoạn hai.</p>
<div style="TEXT-ALIGN: center"><img src="http://nld.vcmedia.vn/Image/Trung_fe174.gif"
 width="500"></div>
<div style="TEXT-ALIGN: center"><span style="COLOR: #4682b4; FONT-SIZE: 10pt">Đặng Văn Trung
 trong phiên phúc thẩm</span></div>
<p>{PROSE} Đoạn ba.</p>
<table><tr><td><img src="//img2.news.zing.vn/2012/12/24/qo7t9539.jpg" class="oImage"></td></tr>
<tr><td class="pCaption">Nhà thờ Hàm Long lung linh ánh sáng.</td></tr></table>
<p>{PROSE} <img src="http://www.thanhnien.com.vn/images/icons/smile.gif" width="16"> Đoạn bốn.</p>
</div></td><td class="zoneR"><a href="/x">Tin mới</a></td></tr></table>
</form></body></html>"""


def test_a_page_saved_html_only_keeps_its_pictures_where_they_were(tmp_path: Path) -> None:
    write_article(tmp_path / "2012" / "bai", HTML_ONLY, "bai.html")
    got = load_article(tmp_path, tmp_path / "2012" / "bai" / "bai.html")
    assert got.problems == ()  # a picture left on the server is no missing photo
    assert [(p.address, p.caption) for p in got.photos] == [
        (
            "http://www.thanhnien.com.vn/Pictures201212/THANHLUAN/3/matuy.jpg",
            "Các bị cáo tại tòa",
        ),
        ("http://nld.vcmedia.vn/Image/Trung_fe174.gif", "Đặng Văn Trung trong phiên phúc thẩm"),
        (
            "http://img2.news.zing.vn/2012/12/24/qo7t9539.jpg",
            "Nhà thờ Hàm Long lung linh ánh sáng.",
        ),
    ]
    assert all(not p.exists and p.path is None for p in got.photos)
    kinds = [b.type for b in got.blocks]
    assert kinds == ["photos", "text", "photos", "text", "photos", "text"]
    assert got.lead.endswith("Đoạn một.")
    texts = [b.text for b in got.blocks if b.type == "text"]
    assert [t.rsplit(" ", 2)[-2:] for t in texts] == [
        ["Đoạn", "hai."],
        ["Đoạn", "ba."],
        ["Đoạn", "bốn."],
    ]
    # every caption is a picture's, none is left as a paragraph
    assert not any("Các bị cáo" in t or "Hàm Long" in t for t in texts)
    assert (got.title, got.date, got.date_source) == (
        '5 "bóng hồng" buôn ma túy lãnh án',
        "2012-12-19",
        "page",
    )
    assert got.to_dict()["photos"][0]["address"] == got.photos[0].address


def test_pictures_not_saved_are_counted_shown_and_exported_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "kho"
    write_article(root / "2012" / "bai", HTML_ONLY, "bai.html")
    report = scan(root)
    assert (report.missing_photos, report.unsaved_photos) == (0, 3)
    assert main(["scan", str(root)]) == 0
    assert "Not saved with page: 3" in capsys.readouterr().out
    # the folder is enough to show it, whatever the article file's format
    assert main(["show", "2012/bai", "--archive", str(root)]) == 0
    shown = capsys.readouterr().out
    assert shown.count("[not saved with the page]") == 3
    out = tmp_path / "out"
    args = ["export", "--archive", str(root), "--format", "folder", "--to", str(out)]
    assert main([*args, "2012/bai/bai.html"]) == 0
    rows = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    assert [(r["path"], r["kind"]) for r in rows][0] == ("2012/bai/bai.html", "article")
    unsaved = [r for r in rows if r["kind"] == "photo not saved with the page"]
    assert [r["address"] for r in unsaved] == [p.address for p in report.articles[0].photos]
    assert {r["path"] for r in unsaved} == {""}  # nothing fetched, nothing copied
    copied = sorted(p.name for p in out.rglob("*") if p.is_file() and p.name[0] != ".")
    assert copied == ["bai.html", "manifest.csv"]


def test_a_date_line_by_the_headline_dates_the_page_not_the_lists_around_it(
    tmp_path: Path,
) -> None:
    page = f"""<html><head><title>US firefighters killed in 'trap' - BBC News</title>
    <meta property="og:title" content="US firefighters killed in 'trap'"></head><body>
    <div class="story-body"><span class="story-date"><span class="date">25 December 2012</span>
    <span class="time">07:22 GMT</span></span>
    <h1 class="story-header">US firefighters shot dead in 'ambush' in New York state</h1>
    <p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>
    <div class="related"><ul><li><a href="/a">Gun lobby defiant</a>
    <span class="date">18 December 2012</span></li></ul></div></body></html>"""
    write_article(tmp_path, page, "story.html")
    got = load_article(tmp_path, tmp_path / "story.html")
    assert (got.date, got.date_source) == ("2012-12-25", "page")
    # the headline shown, which the window's shorter title names
    assert got.title == "US firefighters shot dead in 'ambush' in New York state"


def test_a_headline_under_a_site_banner_is_the_title(tmp_path: Path) -> None:
    page = f"""<html><head><title>Những người khổ hạnh vì bớt lạ - Ảnh | Trang thông tin
    dành cho giới trẻ - VnExpress iOne</title></head><body>
    <h1>Trang thông tin dành cho giới trẻ - VnExpress iOne</h1>
    <div class="dtContent"><h3 class="Title">Những người khổ hạnh vì bớt lạ</h3>
    <p>{PROSE}</p><p>{PROSE}</p></div></body></html>"""
    write_article(tmp_path, page, "bai.html")
    assert load_article(tmp_path, tmp_path / "bai.html").title == "Những người khổ hạnh vì bớt lạ"


def test_show_json_of_a_folder_holding_a_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_article(tmp_path / "a", HTML_ONLY, "article.html")
    assert main(["show", "a", "--archive", str(tmp_path), "--json"]) == 0
    art = json.loads(capsys.readouterr().out)
    assert art["id"] == "a/article.html" and len(art["photos"]) == 3


def test_a_layout_naming_no_story_is_read_by_guess_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 2012 page of nested tables and classes of the site's own words: the general
    finder takes the part with the most prose, and the scan report says it guessed."""
    rows = "".join(f"<p>{PROSE} Đoạn {k}.</p>" for k in range(1, 5))
    page = (
        "<html><head><title>Lũ về miền Trung | Báo X</title></head><body>"
        "<table><tr><td class='cot-trai'><a href='/a'>Thời sự</a><br><a href='/b'>Thế giới</a>"
        "</td><td class='cot-giua'><h1>Lũ về miền Trung</h1><div class='fon34 mt3'>"
        f"{rows}</div></td><td class='cot-phai'><ul><li><a href='/c'>Tin khác một hai ba "
        "bốn năm</a></li><li><a href='/d'>Tin khác sáu bảy tám chín</a></li></ul></td></tr>"
        "</table></body></html>"
    )
    write_article(tmp_path / "kho" / "a", page, "bai.htm")
    got = load_article(tmp_path / "kho", tmp_path / "kho" / "a" / "bai.htm")
    texts = [got.lead, *(b.text for b in got.blocks if b.type == "text")]
    assert [t.rsplit(" ", 2)[-2:] for t in texts] == [["Đoạn", f"{k}."] for k in range(1, 5)]
    assert [p.kind for p in got.problems] == ["guessed-story"]
    assert main(["scan", str(tmp_path / "kho"), "--problems"]) == 0
    assert "guessed-story" in capsys.readouterr().out


def test_a_gallery_beside_the_story_is_its_pictures_not_its_story(tmp_path: Path) -> None:
    """Many long captions in a gallery outweigh a short story by their words: they are
    the pictures' captions, and the story is the text beside them."""
    caption = (
        "Người dân phường Hương Sơ dùng thuyền di chuyển trên những tuyến đường ngập sâu, "
        "nước lên nhanh trong đêm, nhiều hộ chưa kịp kê cao đồ đạc, tài sản."
    )
    gallery = "".join(
        f"<p><img src='http://anh.example.vn/lu-{k}.jpg'></p><p class='chu-thich'>{caption} "
        f"Ảnh {k}.</p>"
        for k in range(12)
    )
    story = "".join(f"<p>{PROSE} Đoạn {k}.</p>" for k in range(1, 5))
    page = (
        "<html><head><title>Huế ngập sâu</title></head><body><h1>Huế ngập sâu</h1>"
        f"<div class='khung-anh'>{gallery}</div><div class='noi-van'>{story}</div>"
        "</body></html>"
    )
    write_article(tmp_path, page, "bai.html")
    got = load_article(tmp_path, tmp_path / "bai.html")
    texts = [got.lead, *(b.text for b in got.blocks if b.type == "text")]
    assert [t.rsplit(" ", 2)[-2:] for t in texts] == [["Đoạn", f"{k}."] for k in range(1, 5)]


def test_a_description_only_in_the_metadata_is_no_lead(tmp_path: Path) -> None:
    story = "".join(f"<p>{PROSE} Đoạn {k}.</p>" for k in range(1, 4))
    for shown, name in ((False, "a.html"), (True, "b.html")):
        summary = "Tóm tắt cho máy tìm kiếm, không phải lời dẫn của bài báo này."
        page = (
            f"<html><head><meta name='description' content='{summary}'></head><body>"
            + (f"<header><p class='sapo'>{summary}</p></header>" if shown else "")
            + f"<h1>Tiêu đề bài báo thử</h1><article>{story}</article></body></html>"
        )
        write_article(tmp_path, page, name)
        got = load_article(tmp_path, tmp_path / name)
        assert got.lead == (summary if shown else f"{PROSE} Đoạn 1.")
