"""Walking archive roots: nesting, hidden folders, loops, unreadable files, fingerprints,
and every messy case of the real corpus."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tangthu.archive.article import load_article
from tangthu.archive.scan import scan, walk
from tests.conftest import SEED, make_jpeg, write_article


def _archive(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    write_article(root / "2024" / "03" / "a", "Bài A\n\nMở A.\n1.jpg\nẢnh A.\n")
    make_jpeg(root / "2024" / "03" / "a" / "1.jpg")
    make_jpeg(root / "2024" / "03" / "a" / "thua.jpg")
    write_article(root / "b", "Bài B\n\nMở B.\n")
    write_article(root / ".hidden" / "c", "Ẩn\n\nKhông được đọc.\n")
    return root


def test_walk_finds_nested_articles_and_skips_hidden(tmp_path: Path) -> None:
    inv = walk(_archive(tmp_path))
    assert [a.id for a in inv.articles] == ["2024/03/a/article.txt", "b/article.txt"]
    assert inv.photo_count == 2
    assert inv.problems == []


def test_scan_counts(tmp_path: Path) -> None:
    report = scan(_archive(tmp_path))
    s = report.summary()
    assert (s["articles"], s["photos"], s["missing_photos"], s["unreferenced_photos"]) == (
        2,
        2,
        0,
        1,
    )
    assert report.unreferenced_photos[0].endswith("thua.jpg")


def test_fingerprint_changes_with_text_and_photos(tmp_path: Path) -> None:
    root = _archive(tmp_path)
    before = {a.id: a.fingerprint for a in walk(root).articles}
    photo = root / "2024" / "03" / "a" / "1.jpg"
    os.utime(photo, ns=(1, 1))
    after = {a.id: a.fingerprint for a in walk(root).articles}
    assert before["2024/03/a/article.txt"] != after["2024/03/a/article.txt"]
    assert before["b/article.txt"] == after["b/article.txt"]
    (root / "b" / "article.txt").write_text("Bài B mới\n\nMở.\n")
    assert walk(root).articles[1].fingerprint != after["b/article.txt"]


def test_symlink_loop_is_reported_not_followed(tmp_path: Path) -> None:
    root = _archive(tmp_path)
    (root / "b" / "loop").symlink_to(root, target_is_directory=True)
    inv = walk(root)
    assert [p.kind for p in inv.problems] == ["symlink-loop"]
    assert len(inv.articles) == 2


def test_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _archive(tmp_path)
    bad = root / "b"
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == bad:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    inv = walk(root)
    assert [(p.kind, p.path) for p in inv.problems] == [("unreadable-folder", str(bad))]
    assert [a.id for a in inv.articles] == ["2024/03/a/article.txt"]


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    root = _archive(tmp_path)
    path = root / "b" / "article.txt"
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their permission bits; see the monkeypatched test")
    path.chmod(0)
    try:
        art = load_article(root, path)
    finally:
        path.chmod(0o644)
    assert [p.kind for p in art.problems] == ["unreadable-file"]


def test_unreadable_file_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _archive(tmp_path)
    path = root / "b" / "article.txt"
    real = os.open

    def refusing_open(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(name) == str(path):  # as a file system refuses root's reads
            raise PermissionError(13, "Permission denied", str(name))
        return real(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    report = scan(root)
    assert [p.kind for p in report.problems] == ["unreadable-file"]
    assert len(report.articles) == 2


def test_binary_junk_txt_is_a_problem(tmp_path: Path) -> None:
    root = _archive(tmp_path)
    write_article(root / "junk", os.urandom(4096))
    report = scan(root)
    assert "binary-file" in report.problem_counts() or "undecodable" in report.problem_counts()
    assert len(report.articles) == 3


def test_zero_byte_jpeg_is_a_problem(tmp_path: Path) -> None:
    root = tmp_path / "r"
    write_article(root / "a", "T\n\nMở.\n0.jpg\nẢnh rỗng.\n")
    (root / "a" / "0.jpg").write_bytes(b"")
    art = scan(root).articles[0]
    assert art.photos[0].exists
    assert [p.kind for p in art.problems] == ["broken-photo"]


def test_nfd_folder_names_give_nfc_ids(tmp_path: Path) -> None:
    root = tmp_path / "r"
    write_article(root / unicodedata.normalize("NFD", "Đoá hồng"), "T\n\nMở.\n")
    assert walk(root).articles[0].id == "Đoá hồng/article.txt"


def test_several_articles_share_a_folder(tmp_path: Path) -> None:
    root = tmp_path / "r"
    write_article(root / "a", "Một\n\nMở.\n1.jpg\nẢnh.\n", name="mot.txt")
    write_article(root / "a", "Hai\n\nMở.\n", name="hai.txt")
    make_jpeg(root / "a" / "1.jpg")
    report = scan(root)
    assert [a.title for a in report.articles] == ["Hai", "Một"]
    assert report.unreferenced_photos == []


def test_missing_root_is_a_problem(tmp_path: Path) -> None:
    assert [p.kind for p in walk(tmp_path / "nowhere").problems] == ["unreadable-folder"]


# --- the real corpus -----------------------------------------------------------------


@pytest.fixture(scope="module")
def report(corpus_scan):  # type: ignore[no-untyped-def]
    return corpus_scan


def _art(report, folder: str):  # type: ignore[no-untyped-def]
    folder = unicodedata.normalize("NFC", folder)
    return next(a for a in report.articles if a.id == f"{folder}/article.txt")


def test_corpus_counts(report) -> None:  # type: ignore[no-untyped-def]
    s = report.summary()
    assert s["articles"] == 2294
    assert s["photos"] == 575
    assert s["missing_photos"] == 2
    assert s["unreferenced_photos"] == 4
    assert s["problems"] == {
        "broken-photo": 1,
        "empty-article": 1,
        "missing-photo": 2,
        "truncated-photo": 2,
    }


@pytest.mark.parametrize(
    "folder",
    [
        "nghi-an-chong-giet-vo-roi-cat-xac-phi-tang-su-bat-hanh-cua-nguoi-phu",
        "dieu-tra-viec-lap-ho-so-gia-van-chuyen-cay-da-sieu-khung",
    ],
)
def test_corpus_cp1258(report, folder: str) -> None:  # type: ignore[no-untyped-def]
    art = _art(report, folder)
    assert art.encoding == "cp1258"
    assert unicodedata.is_normalized("NFC", art.title + art.lead)
    assert any(c in art.title for c in "ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ")


def test_corpus_utf16_and_bom(report) -> None:  # type: ignore[no-untyped-def]
    art = _art(report, "ly-do-17-3-ti-dong-boc-hoi-bi-an-khoi-cay-atm-cua-saigonbank")
    assert art.encoding == "utf-16"
    assert art.title.startswith("Lý do 17,3 tỉ đồng")
    art = _art(report, "nhung-bat-thuong-trong-vu-nguyen-chu-tich-xa-nghi-xam-hai-be-gai-8")
    assert art.encoding == "utf-8-sig"
    assert not art.title.startswith("\ufeff")
    assert "\r" not in art.lead


def test_corpus_nfd_text(report) -> None:  # type: ignore[no-untyped-def]
    art = _art(report, "dieu-tra-nghi-an-bao-ve-benh-vien-tu-vong-khi-can-ga-chong-vu-phu")
    assert unicodedata.is_normalized("NFC", art.title + art.body_text)
    assert art.title.startswith("Điều tra")


def test_corpus_nfd_folder_name(report) -> None:  # type: ignore[no-untyped-def]
    art = _art(report, "Ngọc Thanh Tâm được gọi là 'đoá hồng mới' tại LHP Cannes")
    assert unicodedata.is_normalized("NFC", art.id)


def test_corpus_missing_photos(report) -> None:  # type: ignore[no-untyped-def]
    for folder, name, caption in [
        ("phong-gd-dt-bi-dot-nhap-lay-nhieu-thiet-bi-o-bac-kan", "2.jpg", "Các phòng bị kẻ trộm"),
        ("tp-hcm-lap-doan-giam-sat-tinh-trang-xam-hai-tre-em", "anh-2.jpeg", None),
    ]:
        art = _art(report, folder)
        ref = next(p for p in art.photos if p.file == name)
        assert not ref.exists
        # the caption is kept for the placeholder (the second group has none)
        assert (ref.caption or None) == caption or ref.caption.startswith(caption)
        assert "missing-photo" in [p.kind for p in art.problems]


def test_corpus_unreferenced_photos(report) -> None:  # type: ignore[no-untyped-def]
    names = {Path(p).parent.name + "/" + Path(p).name for p in report.unreferenced_photos}
    assert "ong-trum-phan-quan-khach-moi-dac-biet-trong-liveshow-cua-quang-le/IMG_2041.JPG" in names
    assert (
        "nhieu-nha-dan-duong-giao-thong-bi-nut-toac-nghi-do-khai-thac-cat-lau/anh-bia.jpg" in names
    )


def test_corpus_empty_article(report) -> None:  # type: ignore[no-untyped-def]
    art = _art(report, "hoa-hau-tieu-vy-rang-ro-ve-nuoc-trong-dem-muon-sau-khi-thi-miss-world")
    assert [p.kind for p in art.problems] == ["empty-article"]
    assert art.title  # falls back to the folder name


def test_corpus_photo_without_caption(report) -> None:  # type: ignore[no-untyped-def]
    art = _art(report, "phan-thi-mo-gay-ngac-nhien-voi-dien-mao-khac-la")
    caps = {p.file: p.caption for p in art.photos}
    assert caps == {"1.JPG": "Người đẹp Phan Thị Mơ.", "2.JPG": None}


def test_corpus_long_article(report) -> None:  # type: ignore[no-untyped-def]
    art = _art(report, "baomoi-22453204")
    assert len(art.body_text) > 35_000  # 50 KB of UTF-8
    assert art.problems == ()


def test_corpus_nested_and_numeric(report) -> None:  # type: ignore[no-untyped-def]
    ids = {a.id for a in report.articles}
    assert (
        sum(i.startswith(("2014/", "2015/", "2017/", "2018/", "2019/", "2021/")) for i in ids)
        == 116
    )
    assert sum(i.startswith("khong-ro-ngay/") for i in ids) == 7
    assert "21473676/article.txt" in ids


def test_corpus_every_article_nfc_and_titled(report) -> None:  # type: ignore[no-untyped-def]
    for art in report.articles:
        assert art.title
        assert unicodedata.is_normalized("NFC", art.title + art.body_text + art.id)


def test_corpus_seed_in_scan(report) -> None:  # type: ignore[no-untyped-def]
    art = _art(report, SEED)
    assert len(art.photos) == 6 and art.date_estimated  # 21/3 of no stated year
