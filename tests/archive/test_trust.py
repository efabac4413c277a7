"""Outlets with one name each, dates that say when they are guesses, exports others can open."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tangthu.archive.article import load_article
from tangthu.archive.dates import infer_date
from tangthu.archive.export import export
from tangthu.archive.formats.text import parse_text
from tangthu.archive.outlet import canonical_outlet
from tangthu.archive.selection import Item
from tests.conftest import SAMPLE, make_jpeg, write_article

BODY = "T\n\nMở đầu.\nĐoạn một dài.\nĐoạn hai dài.\n"


@pytest.mark.parametrize(
    ("raw", "outlet"),
    [
        ("VnExpress.net", "vnexpress.net"),
        ("Vnexpress.net", "vnexpress.net"),
        ("www.VNEXPRESS.net", "vnexpress.net"),
        ("Theo Trí Thức Trẻ", "Trí Thức Trẻ"),
        ("H)", None),
        ("(T/H)", None),
        ("Ảnh: Trọng Tùng", None),
        ("", None),
        ("TTXVN", "TTXVN"),
    ],
)
def test_canonical_outlet(raw: str, outlet: str | None) -> None:
    assert canonical_outlet(raw) == outlet


@pytest.mark.parametrize(
    ("last_line", "author", "outlet"),
    [
        ("Anh Quách(T/H)", "Anh Quách", None),  # "(T/H)": compiled; no outlet in it
        ("Đoan Trang, Theo Trí Thức Trẻ", "Đoan Trang", "Trí Thức Trẻ"),
        ("Newben / Theo Trí Thức Trẻ", "Newben", "Trí Thức Trẻ"),
        ("TTXVN/Tin Tức", "TTXVN", "baotintuc.vn"),
    ],
)
def test_trailing_bylines(last_line: str, author: str, outlet: str | None) -> None:
    p = parse_text(BODY + last_line + "\n")
    assert (p.author, p.outlet) == (author, outlet)


def test_a_photo_credit_names_no_outlet() -> None:
    p = parse_text(BODY + "Ảnh: Thiên Hùng/Trọng Tùng\n")
    assert (p.author, p.outlet) == (None, None)
    assert p.blocks[-1].text == "Ảnh: Thiên Hùng/Trọng Tùng"


def test_bylines_and_addresses_give_one_name() -> None:
    by_line = parse_text("T\n\nMở.\n\nTheo Trần Tuấn Ngọc/VnExpress.net\n").outlet
    by_url = parse_text("T\n\nMở.\nhttps://www.VnExpress.net/a-1.html\n").outlet
    assert by_line == by_url == "vnexpress.net"


def test_exif_dates_are_never_later_than_today() -> None:
    p = parse_text("T\n\nKhông ngày.\n")
    today = date(2024, 6, 1)
    assert infer_date(p, ["2030-01-01T00:00:00"], today=today) == (None, None)
    assert infer_date(p, ["2030-01-01T00:00:00", "2023-02-03T10:00:00"], today=today) == (
        "2023-02-03",
        "exif",
    )


def _exif_dated(root: Path) -> Item:
    write_article(root / "a", "Ảnh phong cảnh\n\nMột buổi chiều.\n1.jpg\nHoàng hôn.\n")
    make_jpeg(root / "a" / "1.jpg", exif={0x8769: {0x9003: "2019:08:07 10:00:00"}})
    art = load_article(root, root / "a" / "article.txt")
    assert (art.date, art.date_source, art.date_estimated) == ("2019-08-07", "exif", True)
    assert art.to_dict()["date_estimated"] is True
    return Item(str(root), "a/article.txt")


def test_exports_mark_estimated_dates(tmp_path: Path) -> None:
    item = _exif_dated(tmp_path / "kho")
    export([item], "csv", tmp_path / "x.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "x.csv").read_text("utf-8-sig"))))
    assert (rows[0]["date"], rows[0]["date_estimated"]) == ("2019-08-07", "yes")
    export([item], "json", tmp_path / "x.json")
    record = json.loads((tmp_path / "x.json").read_text("utf-8"))["records"][0]
    assert record["date_estimated"] == "yes"
    export([item], "html", tmp_path / "site")
    page = (tmp_path / "site" / "articles" / "0001.html").read_text("utf-8")
    assert "≈ 2019-08-07" in page
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "≈ 2019-08-07" in index


def test_stated_dates_are_not_marked(tmp_path: Path) -> None:
    export([Item(str(SAMPLE), "2023/11/thu-vien-tinh-mo-cua/article.txt")], "csv", tmp_path / "x")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "x").read_text("utf-8-sig"))))
    assert (rows[0]["date"], rows[0]["date_estimated"]) == ("2023-11-20", "")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("fmt", ["folder", "zip", "bagit", "pdf", "html", "csv", "json"])
def test_exports_follow_the_umask(tmp_path: Path, fmt: str) -> None:
    items = [Item(str(SAMPLE), "2024/03/hoi-nghi-doan-ket/article.txt")]
    old = os.umask(0o022)
    try:
        report = export(items, fmt, tmp_path / "out")
    finally:
        os.umask(old)
    target = Path(report.target)
    modes = {stat.S_IMODE(target.stat().st_mode)}
    if target.is_dir():
        for path in target.rglob("*"):
            modes.add(stat.S_IMODE(path.stat().st_mode))
        assert stat.S_IMODE(target.stat().st_mode) == 0o755
        assert modes <= {0o755, 0o644}
    else:
        assert modes == {0o644}
    if fmt == "zip":
        assert zipfile.ZipFile(target).testzip() is None


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_stricter_umask_is_followed_too(tmp_path: Path) -> None:
    items = [Item(str(SAMPLE), "2024/03/hoi-nghi-doan-ket/article.txt")]
    old = os.umask(0o077)
    try:
        export(items, "zip", tmp_path / "x.zip")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.zip").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("raw", "outlet"),
    [
        ("kinhdoanh.vnexpress.net", "vnexpress.net"),
        ("thethao.tuoitre.vn", "tuoitre.vn"),
        ("www.dantri.com.vn", "dantri.com.vn"),
        ("Báo Tin Tức", "baotintuc.vn"),
        ("Tin Tức", "baotintuc.vn"),
        ("VnExpress Kinh Doanh", "vnexpress.net"),
        ("VOV-TP HCM", "vov.vn"),
        ("Theo Tuổi Trẻ", "tuoitre.vn"),
        ("Báo Lào Cai", "baolaocai.vn"),
        ("Một tờ báo lạ", "Một tờ báo lạ"),
    ],
)
def test_one_outlet_per_paper(raw: str, outlet: str) -> None:
    assert canonical_outlet(raw) == outlet


def test_the_section_is_kept_apart_and_the_url_and_lead_name_the_paper() -> None:
    p = parse_text("T\n\nMở đầu.\nhttps://kinhdoanh.vnexpress.net/tin-tuc/bai-1.html\n")
    assert (p.outlet, p.section) == ("vnexpress.net", "kinhdoanh")
    q = parse_text("T\n\nMở đầu.\nhttps://dantri.com.vn/phap-luat/bai-2018.htm\n")
    assert (q.outlet, q.section) == ("dantri.com.vn", "phap-luat")
    r = parse_text("T\n\n(Dân trí) - Khi đang chờ đổ xăng, hai bên xích mích.\n")
    assert r.outlet == "dantri.com.vn"
    t = parse_text("T\n\nNhiều chuyến bay bị hủy. - VnExpress\n")
    assert t.outlet == "vnexpress.net"


@pytest.mark.corpus
def test_the_corpus_outlets_are_one_name_per_paper(corpus_scan) -> None:  # type: ignore[no-untyped-def]
    """The real bylines and URLs of the corpus: no paper under two names, no section or
    paper name standing for an outlet of its own."""
    outlets = {a.outlet for a in corpus_scan.articles if a.outlet}
    assert "vnexpress.net" in outlets and "tuoitre.vn" in outlets
    assert not any(o.endswith(".vnexpress.net") or o.endswith(".tuoitre.vn") for o in outlets)
    assert not {"Tin Tức", "Báo Tin Tức", "Thời Đại", "news.zing.vn"} & outlets
