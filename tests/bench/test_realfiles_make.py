"""Gathering the real files: each is copied out of its repository at the commit named,
and its truth is written from its own markup (a fundus record, or the expressions
chosen for the page), never from what Tàng Thư reads."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bench import realfiles_make

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PAGE = """<html><head><title>Thiếu tiền hụi | Pháp luật</title></head><body>
<div id="menu"><a href="/a">Giá vàng hôm nay tăng mạnh ở cả hai miền</a></div>
<h1>Thiếu tiền hụi, xách dao đi nói chuyện</h1>
<div class="content">
 <p>Chiều ngày 26-12, Tòa Phúc thẩm TAND Tối cao tại TPHCM đã tuyên bác kháng cáo.</p>
 <div><img src="http://img.example/2012/Trung_fe174.gif"></div>
 <div><span>Đặng Văn Trung trong phiên phúc thẩm</span></div>
 <p>Năm 2007, Đặng Văn Trung đến thuê nhà của chị Phạm Kim Hương ở Vĩnh Long.</p>
 <p class="byline">K. Miên</p>
</div>
<ul><li><a href="/b">Vụ giết người ở Đồng Nai: bàng hoàng cả xóm trọ</a></li></ul>
</body></html>"""

RECORD = {
    "V1": {
        "title": "Sweden tells households how to prepare",
        "publishing_date": "2024-11-18 21:26:36+00:00",
        "body": {
            "summary": ["A summary only the metadata holds."],
            "sections": [
                {
                    "headline": [],
                    "paragraphs": [
                        "The brochure was sent to five million households this week.",
                        "It tells people to keep water and food for three days.",
                    ],
                }
            ],
        },
        "images": [
            {
                "caption": "The English version of the pamphlet",
                "versions": [{"url": "https://cdn.example/up/pamphlet-646.jpg?w=646"}],
            },
            {
                "caption": "A caption the page never shows",
                "versions": [{"url": "https://cdn.example/up/hidden.jpg"}],
            },
        ],
    },
    "V1_1": {"title": "Another page of the same paper", "body": {"sections": []}},
}

FUNDUS_PAGE = """<html><head><meta name="description" content="A summary only the
metadata holds."></head><body><nav><a href="/n">Read the latest news from the
whole of Europe today</a></nav><h1>Sweden tells households how to prepare</h1>
<p>The brochure was sent to five million households this week.</p>
<figure><img src="https://cdn.example/up/pamphlet-646.jpg"
srcset="https://cdn.example/up/pamphlet%2520big.jpg 2x"><figcaption>The English
version of the pamphlet</figcaption></figure>
<p>It tells people to keep water and food for three days.</p></body></html>"""


READABILITY_PAGE = """<html><body><div class="nav"><a href="/w">World news from every
continent, updated hourly</a></div><h1>Whales strand in New Zealand</h1>
<p>Tribes fear that changes in the ocean are behind the spike in beachings.</p>
<figure><img src="https://i.example/img/whales.jpg"><figcaption>Pilot whales on a
beach</figcaption></figure><p>Short.</p>
<p>Scientists say the causes of mass strandings remain poorly understood.</p>
</body></html>"""

READABILITY_EXPECTED = """<div id="readability-page-1" class="page"><div>
<p>Tribes fear that changes in the ocean are behind the spike in beachings.</p>
<figure><img src="https://i.example/img/whales.jpg"><figcaption>Pilot whales on a
beach</figcaption></figure><p>Short.</p>
<p>Scientists say the causes of mass strandings remain <a href="/u">poorly understood</a>.</p>
<p>A line of the record the page does not show at all, never its truth.</p></div></div>"""


BODY_PAGE = """<html><body><ul class="menu"><li><a href="/t">Technology news and reviews
from our editors</a></li></ul><h1>Stadia launches</h1><p>Gaming used to be so simple:
one bought a game and played it.</p><p>Now we spend money over and over on perks.</p>
</body></html>"""

BODY_RECORD = {
    "ab12": {
        "articleBody": "Gaming used to be so simple: one bought a game and played it.\n\n"
        "Now we spend money over and over on perks.\n\nAll...",
        "url": "https://www.example.com/stadia",
    }
}


def _repo(tmp_path: Path) -> tuple[Path, str]:
    work = tmp_path / "work"
    (work / "res/uk").mkdir(parents=True)
    (work / "res/rd").mkdir(parents=True)
    (work / "res/rd/source.html").write_text(READABILITY_PAGE, encoding="utf-8")
    (work / "res/rd/expected.html").write_text(READABILITY_EXPECTED, encoding="utf-8")
    metadata = {"title": "Whales strand | The Paper", "publishedTime": "2019-01-03T07:00:02Z"}
    (work / "res/rd/expected-metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    (work / "res/nld1.html").write_text(PAGE, encoding="utf-8")
    (work / "html").mkdir()
    (work / "html/ab12.html.gz").write_bytes(gzip.compress(BODY_PAGE.encode()))
    (work / "ground-truth.json").write_text(json.dumps(BODY_RECORD), encoding="utf-8")
    (work / "res/uk/Metro.json").write_text(json.dumps(RECORD), encoding="utf-8")
    (work / "res/uk/Metro_2024_11_29.html.gz").write_bytes(gzip.compress(FUNDUS_PAGE.encode()))
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    for cmd in (["init", "-q"], ["add", "."], ["commit", "-qm", "pages"]):
        subprocess.run(["git", *cmd], cwd=work, check=True, env=env)
    mirrors = tmp_path / "mirrors"
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(work), str(mirrors / "someone+pages")],
        check=True,
        env=env,
    )
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=work, check=True, capture_output=True, text=True
    ).stdout.strip()
    return mirrors, commit


def _one(tmp_path: Path, path: str, truth: str) -> dict[str, Any]:
    """The record written for the one page at *path* of the test repository, its truth
    taken the way *truth* names."""
    mirrors, commit = _repo(tmp_path)
    sources = tmp_path / "sources.json"
    entry = {
        "repo": "someone/pages",
        "path": path,
        "name": f"x/{path.rsplit('/', 1)[-1].split('.')[0]}",
        "kind": "page-other",
        "set": "unseen",
        "truth": truth,
    }
    sources.write_text(json.dumps({"commits": {"someone/pages": commit}, "files": [entry]}))
    (record,) = realfiles_make.make(tmp_path / "files", mirrors, sources)
    return record


def test_files_are_copied_at_their_commit_and_their_truth_written_from_their_markup(
    tmp_path: Path,
) -> None:
    mirrors, commit = _repo(tmp_path)
    sources = tmp_path / "sources.json"
    sources.write_text(
        json.dumps(
            {
                "commits": {"someone/pages": commit},
                "files": [
                    {
                        "repo": "someone/pages",
                        "path": "res/nld1.html",
                        "name": "vi/nld1",
                        "kind": "page-vi",
                        "set": "dev",
                        "outlet": "nld.com.vn",
                        "xpath": {
                            "title_xpath": "//h1",
                            "story": "//div[@class='content']",
                            "skip": "//p[@class='byline']",
                            "captions": "after-image",
                        },
                        "values": {"date": "2012-12-26"},
                    },
                    {
                        "repo": "someone/pages",
                        "path": "res/uk/Metro_2024_11_29.html.gz",
                        "name": "fundus/uk/Metro_2024_11_29",
                        "kind": "page-other",
                        "set": "fresh",
                        "outlet": "Metro",
                        "truth": "fundus",
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    dest = tmp_path / "files"
    records = realfiles_make.make(dest, mirrors, sources)

    assert (dest / "vi/nld1/nld1.html").read_text(encoding="utf-8") == PAGE
    assert (dest / "fundus/uk/Metro_2024_11_29/Metro_2024_11_29.html").read_text() == FUNDUS_PAGE
    assert json.loads((dest / "truth.json").read_text(encoding="utf-8")) == records

    page, fundus = records
    assert page["title"] == ["Thiếu tiền hụi, xách dao đi nói chuyện"]
    assert page["date"] == "2012-12-26"
    assert [p[:20] for p in page["paragraphs"]] == ["Chiều ngày 26-12, Tò", "Năm 2007, Đặng Văn T"]
    assert page["captions"] == [
        {"text": "Đặng Văn Trung trong phiên phúc thẩm", "photo": ["Trung_fe174.gif"]}
    ]
    # The links that are no part of the story are its boilerplate.
    assert page["boilerplate"] == [
        "Giá vàng hôm nay tăng mạnh ở cả hai miền",
        "Vụ giết người ở Đồng Nai: bàng hoàng cả xóm trọ",
    ]
    assert page["source"] == f"someone/pages@{commit[:12]}:res/nld1.html"

    assert fundus["title"][0] == "Sweden tells households how to prepare"
    assert fundus["date"] == "2024-11-18"
    # Only what the page shows: the summary held in its metadata and a caption of a
    # picture it does not show are not the truth.
    assert fundus["paragraphs"] == RECORD["V1"]["body"]["sections"][0]["paragraphs"]
    # (and its other sizes the page's picture gives, named as the page writes them)
    assert fundus["captions"] == [
        {
            "text": "The English version of the pamphlet",
            "photo": ["pamphlet-646.jpg", "pamphlet%2520big.jpg"],
        }
    ]
    assert fundus["boilerplate"] == ["Read the latest news from the whole of Europe today"]


def test_a_file_missing_from_its_repository_is_named(tmp_path: Path) -> None:
    mirrors, commit = _repo(tmp_path)
    sources = tmp_path / "sources.json"
    entry = {
        "repo": "someone/pages",
        "path": "res/gone.html",
        "name": "x/gone",
        "kind": "page-vi",
        "set": "dev",
        "values": {},
    }
    sources.write_text(json.dumps({"commits": {"someone/pages": commit}, "files": [entry]}))
    with pytest.raises(SystemExit, match="res/gone.html"):
        realfiles_make.make(tmp_path / "files", mirrors, sources)


def test_a_readability_test_pages_truth_is_its_maintainers_record(tmp_path: Path) -> None:
    record = _one(tmp_path, "res/rd/source.html", "readability")
    assert record["title"] == ["Whales strand | The Paper", "Whales strand in New Zealand"]
    assert record["date"] == "2019-01-03"
    assert record["paragraphs"] == [
        "Tribes fear that changes in the ocean are behind the spike in beachings.",
        "Scientists say the causes of mass strandings remain poorly understood.",
    ]
    assert record["captions"] == [{"text": "Pilot whales on a beach", "photo": ["whales.jpg"]}]
    assert record["boilerplate"] == ["World news from every continent, updated hourly"]


def test_a_page_of_zytes_benchmark_is_its_maintainers_article_body(tmp_path: Path) -> None:
    record = _one(tmp_path, "html/ab12.html.gz", "body")
    assert record["paragraphs"] == [  # (a line cut short by a paywall is no paragraph)
        "Gaming used to be so simple: one bought a game and played it.",
        "Now we spend money over and over on perks.",
    ]
    assert record["boilerplate"] == ["Technology news and reviews from our editors"]
    assert "title" not in record and record["captions"] == []  # it has no figure


def test_the_captions_of_a_body_truth_are_the_marked_figures_inside_the_story() -> None:
    from bench.realfiles_make import _tree, _visible, story_figures

    page = (
        b"<html><body><header><figure><img src='/logo.png'><figcaption>The paper of "
        b"record since 1851</figcaption></figure></header><article>"
        b"<p>The first paragraph of the story, long enough to count.</p>"
        b"<figure><picture><source srcset='/img/whale-800.webp 800w'>"
        b"<img src='/img/whale-400.jpg'></picture><figcaption>Pilot whales stranded "
        b"on the beach at dawn</figcaption></figure>"
        b"<figure><img src='/x.jpg'><figcaption>Short</figcaption></figure>"
        b"<p>The second paragraph of the story, long enough as well.</p></article>"
        b"<aside><figure><img src='/ad.jpg'><figcaption>Buy our new weekend "
        b"edition</figcaption></figure></aside><noscript><figure><img src='/n.jpg'>"
        b"<figcaption>A picture for browsers without scripts</figcaption></figure>"
        b"</noscript></body></html>"
    )
    tree = _tree(page)
    story = [
        "The first paragraph of the story, long enough to count.",
        "The second paragraph of the story, long enough as well.",
    ]
    assert story_figures(tree, story, _visible(tree)) == [
        {
            "text": "Pilot whales stranded on the beach at dawn",
            "photo": ["whale-400.jpg", "whale-800.webp"],
        }
    ]
    assert story_figures(tree, story[:1], _visible(tree)) == []  # no story around it


def test_the_dates_a_page_states_are_held_whatever_their_spelling() -> None:
    page = (
        b"<meta content='2015-12-11T14:28:34Z'><p>Sendung: 24.04.2024, 15:10 Uhr</p>"
        b"<a>Oct 15, 2015</a> <span>3 March 2019</span> <i>05/04/2025</i> 31.02.2020"
    )
    assert realfiles_make.stated_dates(page) == [
        "2015-10-15",
        "2015-12-11",
        "2019-03-03",
        "2024-04-24",
        "2025-04-05",
        "2025-05-04",
    ]
