"""Stories: reprints and other versions of one article found while indexing, kept beside
the index, and shown once in a search that groups them."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from tangthu.index import engines, stories
from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher
from tests.conftest import write_article


def _long_articles(corpus: Path, count: int) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of real articles of the corpus with at least eight paragraphs."""
    found: list[tuple[str, list[str]]] = []
    for folder in sorted(p for p in corpus.iterdir() if (p / "article.txt").is_file()):
        lines = (folder / "article.txt").read_text(encoding="utf-8").splitlines()
        paragraphs = [
            ln.strip()
            for ln in lines[1:]
            if len(ln.split()) >= 12 and not ln.lower().endswith((".jpg", ".jpeg", ".png"))
        ]
        if len(paragraphs) >= 8:
            found.append((lines[0].strip(), paragraphs))
        if len(found) == count:
            return found
    pytest.skip("the corpus has too few long articles")


def _sketch(paragraphs: list[str]) -> stories.Sketch:
    made = stories.sketch("\n".join(paragraphs))
    assert made is not None
    return made


def test_versions_of_a_story_are_one_story_and_other_stories_are_not(corpus: Path) -> None:
    (_t, story), (_t2, other), (_t3, third) = _long_articles(corpus, 3)
    rng = random.Random(5)
    edited = [
        " ".join("và" if rng.random() < 0.08 else w for w in p.split()) for p in story
    ]  # copy-editing all through
    texts = {
        "original": story,
        "trimmed": story[: len(story) // 2],
        "brief": story[:2],
        "extended": [*story, *other[:3]],
        "cut": story[:3] + story[5:],
        "edited": edited,
        "other": other,
        "third": third,
    }
    names = list(texts)
    sketches = [_sketch(texts[n]) for n in names]
    story_of = stories.groups(len(names), stories.pairs(sketches))
    together = {names[i] for i, s in enumerate(story_of) if s == 0}
    assert together == {"original", "trimmed", "brief", "extended", "cut", "edited"}
    assert story_of[names.index("other")] != story_of[names.index("third")]


def test_a_round_up_quoting_several_stories_is_none_of_them(corpus: Path) -> None:
    articles = [ps for _t, ps in _long_articles(corpus, 4)]
    roundup = [p for ps in articles for p in ps[: len(ps) // 2]]
    sketches = [_sketch(ps) for ps in articles] + [_sketch(roundup)]
    story_of = stories.groups(len(sketches), stories.pairs(sketches))
    assert story_of == [0, 1, 2, 3, 4]


def test_a_story_is_joined_only_by_a_version_of_its_first() -> None:
    # b is one story with a, and c with b but not with a: c leads a story of its own
    assert stories.groups(3, [(0, 1), (1, 2)]) == [0, 0, 2]
    assert stories.groups(4, [(2, 3), (0, 3)]) == [0, 1, 2, 0]


def test_a_text_too_short_to_tell_has_no_sketch() -> None:
    assert stories.sketch("") is None
    assert stories.sketch("Thông báo nghỉ lễ.") is None


def test_sketches_are_the_same_in_every_process_and_ignore_case_and_accents() -> None:
    a = stories.sketch(_TEXT)
    b = stories.sketch(_TEXT.upper())
    from tangthu.archive.fold import fold

    c = stories.sketch(fold(_TEXT))
    assert a is not None and a == b == c
    # a fixed seed, no salted hash: this value is what every index of the text holds
    assert a.values[:8].hex() == _FIRST_VALUES


_TEXT = (
    "Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết phong trào thi đua "
    "đoàn kết sáng tạo năm 2023, với sự tham dự của đại biểu các sở, ngành và "
    "các điển hình tiên tiến được khen thưởng trong năm."
)
_FIRST_VALUES = "c501d21116037402"


def _write_story_archive(root: Path, corpus: Path) -> list[str]:
    """An archive of four real articles, one of them with a reprint a year later and a
    trimmed copy in another paper. Returns the IDs of the story's versions, earliest
    first."""
    articles = _long_articles(corpus, 4)
    title, story = articles[0]
    for n, (t, ps) in enumerate(articles[1:], start=1):
        write_article(root / "2021" / "03" / f"khac-{n}", t + "\n\n" + "\n".join(ps) + "\n")
    write_article(root / "2021" / "05" / "goc", title + "\n\n" + "\n".join(story) + "\n")
    write_article(
        root / "2021" / "06" / "bao-khac",
        "Tin mới: " + title + "\n\n" + "\n".join(story[: len(story) * 2 // 3]) + "\n",
    )
    write_article(
        root / "2022" / "05" / "dang-lai", title + " (đăng lại)\n\n" + "\n".join(story) + "\n"
    )
    return [
        "2021/05/goc/article.txt",
        "2021/06/bao-khac/article.txt",
        "2022/05/dang-lai/article.txt",
    ]


@pytest.fixture(params=engines.available())
def story_index(
    request: pytest.FixtureRequest, corpus: Path, tmp_path: Path
) -> tuple[Path, list[str], Path]:
    """(archive, its story's versions, its index) for each engine installed."""
    root = tmp_path / "kho"
    versions = _write_story_archive(root, corpus)
    ix = tmp_path / "ix"
    assert update_index(root, ix, jobs=1, engine=request.param).stories == 1
    return root, versions, ix


def test_indexing_finds_the_story_and_keeps_it_up_to_date(
    story_index: tuple[Path, list[str], Path],
) -> None:
    root, versions, ix = story_index
    assert [[v.id for v in s] for s in stories.load(ix)] == [versions]
    assert [v.date for v in stories.load(ix)[0]] == ["2021-05", "2021-06", "2022-05"]

    groups_file = ix / stories.FOLDER / stories.GROUPS
    before = groups_file.stat().st_mtime_ns
    assert update_index(root, ix, jobs=1).stories == 1  # nothing changed: nothing redone
    assert groups_file.stat().st_mtime_ns == before
    assert not list((ix / stories.FOLDER / stories.PARTS).glob("*"))

    # the reprint goes: the story is the first two; the trimmed copy goes too: no story
    (root / "2022/05/dang-lai/article.txt").unlink()
    assert update_index(root, ix, jobs=1).stories == 1
    assert [[v.id for v in s] for s in stories.load(ix)] == [versions[:2]]
    (root / "2021/06/bao-khac/article.txt").unlink()
    assert update_index(root, ix, jobs=1).stories == 0
    assert stories.load(ix) == []


def test_parts_of_a_killed_run_and_damaged_files_lose_nothing(tmp_path: Path) -> None:
    sketch = stories.sketch(_TEXT)
    row = stories.Row("a/article.txt", "f1", "2023-01-02", "Báo A", sketch)
    copy = stories.Row("b/article.txt", "f2", "2023-01-03", "Báo B", sketch)
    stale = stories.Row("c/article.txt", "old", "2023-01-01", "Báo C", sketch)
    stories.save_part(tmp_path, [row, stale])
    stories.save_part(tmp_path, [copy])
    # a part whose list was never written (its process was killed) is left out
    half = tmp_path / stories.FOLDER / stories.PARTS / "half.npy"
    half.write_bytes(b"\x93NUMPY not finished")
    current = {"a/article.txt": "f1", "b/article.txt": "f2", "c/article.txt": "new"}
    assert stories.update(tmp_path, current) == 1
    assert [v.id for v in stories.load(tmp_path)[0]] == ["a/article.txt", "b/article.txt"]
    assert not list((tmp_path / stories.FOLDER / stories.PARTS).iterdir())
    # damaged kept files: no story is told (none made up), and the next run says so
    (tmp_path / stories.FOLDER / stories.GROUPS).write_text("{not json", encoding="utf-8")
    assert stories.load(tmp_path) == []
    (tmp_path / stories.FOLDER / "sketches.json").write_text("[1, 2", encoding="utf-8")
    assert stories.update(tmp_path, current) == 0


def test_a_grouped_search_shows_each_story_once_as_its_earliest_version(
    story_index: tuple[Path, list[str], Path],
) -> None:
    root, versions, ix = story_index
    words = " ".join((root / versions[0]).read_text(encoding="utf-8").split()[:3])
    with ArchiveSearcher(ix, root) as s:
        plain = s.search(words, pagesize=20)
        grouped = s.search(words, pagesize=20, group=True)
        second = s.search(words, pagesize=1, page=2, group=True)
    # brute force: the list without grouping, each story's versions folded into its first
    story = set(versions)
    expected: list[str] = []
    for h in plain.hits:
        shown = versions[0] if h.id in story else h.id
        if shown not in expected:
            expected.append(shown)
    assert [h.id for h in grouped.hits] == expected
    assert grouped.total == plain.total  # (the count is of articles)
    lead = next(h for h in grouped.hits if h.id == versions[0])
    assert [v[0] for v in lead.versions] == versions[1:]
    assert lead.found_versions == 2
    assert grouped.page_articles == len(plain.hits)
    assert [h.id for h in second.hits] == expected[1:2]
    assert all(not h.versions for h in plain.hits) and plain.page_articles is None
    data = grouped.to_dict()
    shown = next(d for d in data["hits"] if d["id"] == versions[0])
    assert [v["id"] for v in shown["versions"]] == versions[1:]


def test_the_command_line_lists_the_stories_and_groups_a_search(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tangthu.cli.commands import run

    root = tmp_path / "kho"
    versions = _write_story_archive(root, corpus)
    ix = tmp_path / "ix"
    assert run(["index", str(root), "--index-dir", str(ix)]) == 0
    capsys.readouterr()
    assert run(["stories", "--archive", str(root), "--index-dir", str(ix), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["stories"] == 1 and data["articles"] == 3
    assert [v["id"] for v in data["shown"][0]["versions"]] == versions
    assert run(["stories", "--archive", str(root), "--index-dir", str(ix)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 story in several versions, 3 articles:")
    assert "(3 versions)" in out
    words = " ".join((root / versions[0]).read_text(encoding="utf-8").split()[:3])
    argv = ["search", words, "--archive", str(root), "--index-dir", str(ix), "--group"]
    assert run(argv) == 0
    out = capsys.readouterr().out
    assert "and 2 other versions, 2 of them found too" in out
    assert out.count(versions[0]) == 1 and versions[2] not in out


def test_stories_of_an_archive_without_index_say_so(tmp_path: Path) -> None:
    from tangthu.cli.commands import run

    root = tmp_path / "kho"
    write_article(root / "a", "Tiêu đề\n\nMột đoạn.\n")
    assert run(["stories", "--archive", str(root), "--index-dir", str(tmp_path / "ix")]) != 0
    assert not (tmp_path / "ix").exists() or not os.listdir(tmp_path / "ix")
