"""The real-files benchmark's scoring: each measure counts what it says, on an article
read from a page made here, against a truth written for it."""

from __future__ import annotations

import json
from pathlib import Path

from bench import realfiles
from tangthu.archive.model import Article, Block, PhotoRef


def _article(**fields: object) -> Article:
    base: dict[str, object] = {"id": "a/b.html", "title": "Tiêu đề", "lead": ""}
    base.update(fields)
    return Article(**base)  # type: ignore[arg-type]


def test_a_title_matches_any_of_its_fair_forms_quotes_and_case_aside() -> None:
    truth = {
        "file": "x",
        "kind": "word",
        "title": ["ĐƠN KHỞI KIỆN", "Đơn khởi kiện về việc ly hôn"],
    }
    assert realfiles.score(truth, _article(title="đơn khởi kiện")).title is True
    truth["title"] = "Thiếu tiền hụi, xách dao đi “nói chuyện”"
    assert realfiles.score(truth, _article(title='Thiếu tiền hụi, xách dao đi "nói chuyện"')).title
    assert (
        realfiles.score(truth, _article(title="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).title is False
    )


def test_a_date_the_file_does_not_state_is_invented_a_vaguer_one_is_only_wrong() -> None:
    truth = {"file": "x", "kind": "pdf", "date": "2024", "dates_held": ["2024-10-03"]}
    day = realfiles.score(truth, _article(date="2024-10-03"))
    assert (day.date, day.invented) == (False, False)  # the file holds that day
    other = realfiles.score(truth, _article(date="2024-06-01"))
    assert (other.date, other.invented) == (False, True)
    assert realfiles.score(truth, _article(date="2024")).date is True
    undated = {"file": "x", "kind": "word", "date": None}
    assert realfiles.score(undated, _article(date="2019-06-01")).invented is True
    assert realfiles.score(undated, _article()).date is True
    vaguer = {"file": "x", "kind": "page-vi", "date": "2012-12-19"}
    assert realfiles.score(vaguer, _article(date="2012-12")).invented is False


def test_story_boilerplate_and_captions_are_counted_each_apart() -> None:
    truth = {
        "file": "x", "kind": "page-vi",
        "paragraphs": ["Đoạn một của bài báo, đủ dài để so sánh.", "Đoạn hai không có trong bài."],
        "boilerplate": ["Tin liên quan: một bài khác", "Xem nhiều nhất hôm nay"],
        "captions": [
            {"photo": "https://cdn.example.vn/2012/12/anh-1.jpg?w=680", "text": "Chú thích một"},
            {"photo": "anh-2.jpg", "text": "Chú thích hai"},
        ],
    }  # fmt: skip
    article = _article(
        lead="Đoạn một của bài báo, đủ dài để so sánh.",
        blocks=(Block("text", text="Tin liên quan: một bài khác"),),
        photos=(
            PhotoRef("anh-1.jpg", "Chú thích một", False),
            PhotoRef("khac.jpg", "Chú thích hai", True),
        ),
    )
    s = realfiles.score(truth, article)
    assert s.story == (1, 2)
    assert s.boilerplate == (1, 2)  # one of two left out
    assert s.kept == (2, 2)
    assert s.attached == (1, 2)  # the second caption is under another photo


def test_a_truth_whose_lines_hold_captions_finds_a_line_read_as_one() -> None:
    line = "Has Sean Penn popped the question to her at last? [Wenn]"
    truth = {"file": "x", "kind": "page-other", "paragraphs": [line, "Đoạn hai của bài."]}
    article = _article(lead="Đoạn hai của bài.", photos=(PhotoRef("a.jpg", line, False),))
    assert realfiles.score(truth, article).story == (1, 2)  # a story's line is no caption
    truth["story_with_captions"] = True  # (newspaper4k's texts hold unmarked captions)
    assert realfiles.score(truth, article).story == (2, 2)


def test_a_caption_is_compared_whatever_spaces_part_its_lines() -> None:
    truth = {
        "file": "x", "kind": "page-other",
        "captions": [{"photo": "a.jpg", "text": "Protest in Plymouth (Image:Anadolu via Getty)"}],
    }  # fmt: skip
    photo = PhotoRef("a.jpg", "Protest in Plymouth ( Image: Anadolu via Getty)", True)
    got = realfiles.score(truth, _article(photos=(photo,)))
    assert (got.kept, got.attached) == ((1, 1), (1, 1))


def test_a_resizers_address_names_the_picture_it_resizes() -> None:
    resized = "https://dims.example/resize/599x401!/quality/90/?url=https%3A%2F%2Fa.example%2F43%2F"
    truth = {
        "file": "x", "kind": "page-other",
        "captions": [{"photo": resized + "pic-one", "text": "Caption one"}],
    }  # fmt: skip
    other = resized.replace("599x401", "1198x802") + "pic-two"
    got = realfiles.score(truth, _article(photos=(PhotoRef(other, "Caption one", True),)))
    assert got.attached == (0, 1)  # (both end in ".../quality/90/": another picture)
    mine = resized.replace("599x401", "1198x802") + "pic-one"
    got = realfiles.score(truth, _article(photos=(PhotoRef(mine, "Caption one", True),)))
    assert got.attached == (1, 1)


def test_the_benchmark_reads_each_file_alone_and_prints_its_table(
    tmp_path: Path, capsys: object
) -> None:
    folder = tmp_path / "vi" / "bai"
    folder.mkdir(parents=True)
    (folder / "bai.html").write_text(
        "<html><head><title>Lũ về - Báo</title></head><body><h1>Lũ về miền Trung</h1>"
        "<div class='content'><p>Mưa lớn kéo dài ba ngày làm nước sông dâng cao, nhiều xã "
        "bị chia cắt, người dân phải sơ tán.</p><p>Chính quyền đã huy động lực lượng cứu "
        "hộ, đưa hàng nghìn hộ dân đến nơi an toàn trong đêm.</p></div>"
        "<div class='related'><a href='/x'>Tin liên quan: bão số 5 đổ bộ</a></div></body></html>",
        encoding="utf-8",
    )
    truth = [
        {
            "file": "vi/bai/bai.html", "set": "dev", "kind": "page-vi", "outlet": "báo",
            "title": "Lũ về miền Trung", "date": None,
            "paragraphs": ["Mưa lớn kéo dài ba ngày", "Chính quyền đã huy động lực lượng"],
            "boilerplate": ["Tin liên quan: bão số 5 đổ bộ"], "captions": [],
        }
    ]  # fmt: skip
    (tmp_path / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    assert realfiles.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "| page-vi | 1 | 1/1 | 1/1 | 0 | — | 0 | 100% (2/2) | 100% (1/1) | — | — |" in out
    assert len(list(tmp_path.rglob("*"))) == 4  # nothing written beside the files
