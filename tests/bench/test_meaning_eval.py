"""The judged set of search by meaning, and how its figures are counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.meaning_eval import QUESTIONS, check, load, summary


def test_the_figures_count_ranks_as_said() -> None:
    s = summary([1, 3, None, 12])
    assert s == {"top1": 0.25, "top10": 0.5, "mrr": pytest.approx((1 + 1 / 3 + 1 / 12) / 4)}
    assert summary([]) == {"top1": 0.0, "top10": 0.0, "mrr": 0.0}


def test_a_paraphrase_sharing_a_word_with_its_title_is_refused() -> None:
    questions = [
        {"lang": "vi", "q": "Doan ket toan dan", "target": "a"},
        {"lang": "vi", "q": "nhân dân cùng nhau", "target": "a"},
        {"lang": "en", "q": "unity", "target": "b"},
    ]
    wrong = check(questions, {"a": "Đoàn kết sáng tạo"})
    assert len(wrong) == 2
    assert "['doan', 'ket']" in wrong[0] and "no article 'b'" in wrong[1]


def test_the_judged_set_is_whole_and_fair(corpus: Path) -> None:
    from tangthu.archive.article import read_title_and_body

    questions = load(QUESTIONS)
    langs = [q["lang"] for q in questions]
    assert langs.count("en") >= 30 and langs.count("vi") >= 30
    assert len({(q["lang"], q["target"]) for q in questions}) == len(questions)
    titles = {}
    for q in questions:
        path = corpus / q["target"] / "article.txt"
        assert path.is_file(), q["target"]
        titles[q["target"]] = read_title_and_body(corpus, path)[0]
    assert check(questions, titles) == []
