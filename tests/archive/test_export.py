"""Every export format on real items: files byte-identical, bag valid, PDF text, HTML offline."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tangthu.archive.article import load_article
from tangthu.archive.export import ExportError, TargetExists, export, safe_name, safe_relpath
from tangthu.archive.export.common import shown_date
from tangthu.archive.model import Cancelled, CancelToken
from tangthu.archive.selection import Item
from tests.conftest import CORPUS, SAMPLE, SEED

HNDK = "2024/03/hoi-nghi-doan-ket/article.txt"
DAQUY_PHOTO = "2023/12/le-hoi-hoa-da-quy/article.txt#da-quy-2.jpg"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): sha(p) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def items() -> list[Item]:
    return [Item(str(SAMPLE), HNDK), Item.parse(str(SAMPLE), DAQUY_PHOTO)]


@pytest.fixture
def corpus_items(corpus: Path) -> list[Item]:
    return [
        Item(str(corpus), f"{SEED}/article.txt"),
        Item.parse(str(corpus), "21493481/article.txt#2.JPG"),
        Item(str(corpus), "phong-gd-dt-bi-dot-nhap-lay-nhieu-thiet-bi-o-bac-kan/article.txt"),
    ]


def _check_copies(root: Path, out: Path, rels: list[str]) -> None:
    for rel in rels:
        assert sha(out / rel) == sha(root / rel), rel


def test_folder_export_is_byte_identical(tmp_path: Path, items: list[Item]) -> None:
    before = tree_hashes(SAMPLE)
    report = export(items, "folder", tmp_path / "out")
    out = tmp_path / "out"
    rels = [
        HNDK,
        "2024/03/hoi-nghi-doan-ket/hoi-nghi-1.jpg",
        "2024/03/hoi-nghi-doan-ket/hoi-nghi-2.jpg",
        "2024/03/hoi-nghi-doan-ket/hoi-nghi-3.jpg",
        "2023/12/le-hoi-hoa-da-quy/da-quy-2.jpg",
    ]
    _check_copies(SAMPLE, out, rels)
    assert not (out / "2023/12/le-hoi-hoa-da-quy/da-quy-1.jpg").exists()
    rows = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    assert {r["path"] for r in rows} == set(rels)
    assert all(r["sha256"] == sha(out / r["path"]) for r in rows)
    # the article's three photos and the one chosen alone
    assert (report.articles, report.photos) == (1, 4)
    assert tree_hashes(SAMPLE) == before  # the archive is untouched


def test_corpus_folder_export(tmp_path: Path, corpus_items: list[Item], corpus: Path) -> None:
    export(corpus_items, "folder", tmp_path / "out")
    out = tmp_path / "out"
    for p in (out / SEED).iterdir():
        assert sha(p) == sha(corpus / SEED / p.name)
    assert sorted(p.name for p in (out / SEED).iterdir()) == sorted(
        ["article.txt", "1.JPG", "3.JPG", "4.JPG", "5.JPG", "6.JPG", "8.JPG"]
    )
    assert sha(out / "21493481/2.JPG") == sha(corpus / "21493481/2.JPG")


def test_zip_export(tmp_path: Path, corpus_items: list[Item], corpus: Path) -> None:
    target = tmp_path / "out.zip"
    export(corpus_items, "zip", target)
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        assert f"{SEED}/article.txt" in names and "manifest.csv" in names
        for name in names:
            if name != "manifest.csv":
                assert hashlib.sha256(zf.read(name)).hexdigest() == sha(corpus / name), name
                assert zf.getinfo(name).flag_bits & 0x800 or name.isascii()


def test_zip_keeps_vietnamese_names(tmp_path: Path) -> None:
    root = tmp_path / "r"
    (root / "Đoàn kết").mkdir(parents=True)
    (root / "Đoàn kết" / "bài.txt").write_text("Tiêu đề\n\nMở.\nảnh 1.jpg\nChú thích.\n")
    shutil.copy(SAMPLE / "2022/06/bao-tang-tinh/bao-tang.jpg", root / "Đoàn kết" / "ảnh 1.jpg")
    export([Item(str(root), "Đoàn kết/bài.txt")], "zip", tmp_path / "v.zip")
    with zipfile.ZipFile(tmp_path / "v.zip") as zf:
        assert "Đoàn kết/ảnh 1.jpg" in zf.namelist()
        assert zf.getinfo("Đoàn kết/bài.txt").flag_bits & 0x800


def test_bagit_export_validates(tmp_path: Path, corpus_items: list[Item], corpus: Path) -> None:
    import bagit

    target = tmp_path / "bag"
    export(corpus_items, "bagit", target, options={"organization": "Thư viện tỉnh Lâm Đồng"})
    bag = bagit.Bag(str(target))
    bag.validate()
    assert bag.is_valid()
    assert set(bag.algorithms) >= {"sha256", "sha512"}
    info = bag.info
    for key in ("Bagging-Date", "External-Description", "Payload-Oxum"):
        assert info.get(key), key
    assert info["Source-Organization"] == "Thư viện tỉnh Lâm Đồng"
    assert info["Bag-Software-Agent"] == "Tàng Thư"  # the program is the agent, not the source
    assert sha(target / "data" / SEED / "1.JPG") == sha(corpus / SEED / "1.JPG")
    dc = json.loads((target / "metadata" / "dc.json").read_text("utf-8"))
    seed = load_article(corpus, corpus / SEED / "article.txt")
    assert dc[0]["creator"] == "Trần Tuấn Ngọc" and dc[0]["date"] == seed.date
    tagmanifest = (target / "tagmanifest-sha256.txt").read_text()
    assert "metadata/dc.json" in tagmanifest


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_pdf_export_text_and_captions(
    tmp_path: Path, corpus_items: list[Item], corpus: Path
) -> None:
    import unicodedata

    target = tmp_path / "out.pdf"
    export(corpus_items, "pdf", target)
    text = unicodedata.normalize("NFC", _pdf_text(target))
    flat = " ".join(text.split())
    seed = load_article(corpus, corpus / SEED / "article.txt")
    assert seed.title in flat
    for caption in seed.captions:
        assert caption in flat, caption
    assert "Trần Tuấn Ngọc" in flat
    assert "Thiếu ảnh: 2.jpg" in flat  # the missing photo of the third article
    from pypdf import PdfReader

    reader = PdfReader(str(target))
    fonts = {
        str(f)
        for page in reader.pages
        for f in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
    }
    assert len(reader.pages) >= 3 and fonts


def test_pdf_has_bookmarks_contents_headers_and_its_own_title(
    tmp_path: Path, corpus_items: list[Item]
) -> None:
    from pypdf import PdfReader

    from tangthu.archive.article import load_article

    target = tmp_path / "Lũ lụt 2024.pdf"
    export(corpus_items, "pdf", target)
    reader = PdfReader(str(target))
    articles = [i for i in corpus_items if not i.is_photo]
    titles = [load_article(Path(i.root), Path(i.root) / i.article_id).title for i in articles]
    outline = [entry.title for entry in reader.outline]
    assert outline == titles  # one bookmark per article, in the export's order
    assert reader.metadata.title == "Lũ lụt 2024"  # the document is named for its file
    first = " ".join((reader.pages[0].extract_text() or "").split())
    assert "Mục lục" in first
    for n, title in enumerate(titles):
        page = reader.get_destination_page_number(reader.outline[n])
        assert title[:30] in first  # the contents list every article…
        text = " ".join((reader.pages[page].extract_text() or "").split())
        assert text.startswith(title[:40])  # …and its page has it as running head
        assert text.endswith(str(page + 1))  # and its number at the foot


def test_html_export_is_offline(tmp_path: Path, corpus_items: list[Item]) -> None:
    target = tmp_path / "site"
    export(corpus_items, "html", target)
    pages = list(target.rglob("*.html"))
    assert (target / "index.html") in pages and len(pages) == 3
    for page in pages:
        text = page.read_text("utf-8")
        refs = re.findall(r"""(?:src|href)\s*=\s*['"]([^'"]+)""", text)
        for ref in refs:
            assert not re.match(r"^[a-z]+:", ref), (page, ref)  # no http:, file:, data: ...
            assert (page.parent / ref).resolve().exists(), (page, ref)
        assert "<script" not in text and "url(" not in text
    index = (target / "index.html").read_text("utf-8")
    assert "Nhân rộng các điển hình tiên tiến" in index
    assert (target / "style.css").read_text().count("http") == 0


def test_html_index_says_what_was_exported_in_a_table(
    tmp_path: Path, corpus_items: list[Item]
) -> None:
    import datetime as dt
    from html.parser import HTMLParser

    target = tmp_path / "Lũ lụt"
    export(corpus_items, "html", target, options={"about": "Tìm kiếm: “lũ lụt” · 2024-01-01 →"})
    index = (target / "index.html").read_text("utf-8")

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.rows[-1].append("")

        def handle_data(self, data: str) -> None:
            if self.rows and self.rows[-1]:
                self.rows[-1][-1] += data

    parser = Rows()
    parser.feed(index)
    assert parser.rows[0] == ["#", "Tiêu đề", "Ngày", "Nguồn"]
    assert parser.rows[1][1].startswith("Nhân rộng các điển hình") and parser.rows[1][2:] == [
        shown_date(load_article(CORPUS, CORPUS / SEED / "article.txt")),  # a guess, said so
        "baolaocai.vn",
    ]
    assert "<h1>Lũ lụt</h1>" in index
    assert "Tìm kiếm: “lũ lụt” · 2024-01-01 →" in index
    assert f"Xuất ngày {dt.date.today().isoformat()}" in index


def test_csv_round_trip_excel_utf8(tmp_path: Path, corpus_items: list[Item]) -> None:
    target = tmp_path / "out.csv"
    export(corpus_items, "csv", target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    art = next(r for r in rows if r["kind"] == "article" and r["identifier"].startswith(SEED))
    assert art["title"] == "Nhân rộng các điển hình tiên tiến trong phong trào đoàn kết sáng tạo"
    assert art["creator"] == "Trần Tuấn Ngọc" and art["publisher"] == "baolaocai.vn"
    seed = load_article(CORPUS, CORPUS / SEED / "article.txt")
    assert art["date"] == seed.date and art["source"].startswith("https://baolaocai.vn/")
    assert "Ưu tiên đầu tư tuyến đường sắt" in art["relation"]
    photos = [r for r in rows if r["kind"] == "photo" and r["identifier"].startswith(SEED)]
    assert len(photos) == 6 and photos[0]["caption"] == "Quang cảnh hội nghị."
    assert photos[0]["width"] == "640" and photos[0]["taken"] == "2001-06-09T15:17:32"
    single = next(r for r in rows if r["identifier"] == "21493481/article.txt#2.JPG")
    assert "Goalie" in single["embedded_caption"]


def test_json_export(tmp_path: Path, corpus_items: list[Item]) -> None:
    target = tmp_path / "out.json"
    report = export(corpus_items, "json", target)
    data = json.loads(target.read_text("utf-8"))
    kinds = [r["kind"] for r in data["records"]]
    assert kinds.count("article") == 2
    assert report.files == ["out.json"]


# --- safety ------------------------------------------------------------------------------


def test_refuses_existing_target_unless_forced(tmp_path: Path, items: list[Item]) -> None:
    target = tmp_path / "x.zip"
    target.write_bytes(b"keep me")
    with pytest.raises(TargetExists):
        export(items, "zip", target)
    assert target.read_bytes() == b"keep me"
    export(items, "zip", target, force=True)
    assert zipfile.is_zipfile(target)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_refuses_target_inside_the_archive(tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(SAMPLE, root)
    before = tree_hashes(root)
    with pytest.raises(ExportError, match="never writes"):
        export([Item(str(root), HNDK)], "folder", root / "2024" / "export")
    assert tree_hashes(root) == before


def test_cancel_leaves_nothing(tmp_path: Path, items: list[Item]) -> None:
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if done >= 1:
            token.cancel()

    for fmt in ("folder", "zip", "bagit", "pdf", "html", "csv"):
        with pytest.raises(Cancelled):
            export(items, fmt, tmp_path / f"out-{fmt}", progress=progress, cancel=token)
        token = CancelToken()
    assert list(tmp_path.iterdir()) == []


def test_full_disk_leaves_nothing(
    tmp_path: Path, items: list[Item], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import tangthu.archive.export.files as files

    def full(src: Path, dst: Path, root: str, trusted: tuple[str, ...] = ()) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "copy_file", full)
    with pytest.raises(ExportError, match="full"):
        export(items, "folder", tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_target_folder(tmp_path: Path, items: list[Item]) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export(items, "zip", tmp_path / "nope" / "x.zip")


def test_missing_items_are_reported(tmp_path: Path) -> None:
    items = [
        Item(str(SAMPLE), HNDK),
        Item(str(SAMPLE), "khong/co.txt"),
        Item.parse(str(SAMPLE), "2024/09/cuu-tro-sau-bao/article.txt#anh-thieu.jpg"),
    ]
    report = export(items, "json", tmp_path / "x.json")
    assert len(report.problems) == 2
    with pytest.raises(ExportError, match="None of the chosen"):
        export(items[1:], "json", tmp_path / "y.json")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("a/b", "a_b"),
        ("..", "_"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("a:b?c*", "a_b_c_"),
        ("tên. ", "tên"),
        ("x" * 300 + ".jpg", "x" * 146 + ".jpg"),
    ],
)
def test_safe_names(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_relative_paths_cannot_escape() -> None:
    assert safe_relpath("../../etc/passwd") == "etc/passwd"
    assert safe_relpath("/abs/x.jpg") == "abs/x.jpg"
    assert safe_relpath("a/CON/b") == "a/_CON/b"


def test_archive_is_not_written(tmp_path: Path) -> None:
    root = tmp_path / "ro"
    shutil.copytree(SAMPLE, root)
    for p in root.rglob("*"):
        os.chmod(p, 0o555 if p.is_dir() else 0o444)
    before = tree_hashes(root)
    for fmt in ("folder", "zip", "bagit", "pdf", "html", "csv", "json"):
        export([Item(str(root), HNDK)], fmt, tmp_path / f"o-{fmt}")
    assert tree_hashes(root) == before
    for p in root.rglob("*"):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
