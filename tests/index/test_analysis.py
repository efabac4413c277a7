"""The Vietnamese analyzer: NFC, lowercase, folding, compounds, positions."""

from __future__ import annotations

import unicodedata

from index.analysis import EXACT, FOLDED, words


def _tokens(analyzer, text: str) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(t.text, t.pos) for t in analyzer(text, positions=True)]


def test_exact_lowercases_and_keeps_marks() -> None:
    assert [t for t, _ in _tokens(EXACT, "Đoàn KẾT")] == ["đoàn", "kết"]


def test_folded_removes_marks_and_d_bar() -> None:
    assert [t for t, _ in _tokens(FOLDED, "ĐOÀN kết Đà Nẵng")] == ["doan", "ket", "da", "nang"]


def test_nfd_input_gives_the_same_tokens() -> None:
    text = "Đoàn kết sáng tạo"
    nfd = unicodedata.normalize("NFD", text)
    assert _tokens(EXACT, nfd) == _tokens(EXACT, text)
    assert _tokens(FOLDED, nfd) == _tokens(FOLDED, text)


def test_numbers_and_codes_stay_whole_with_parts_at_same_position() -> None:
    toks = _tokens(EXACT, "số 999/QĐ-TTg ngày 21/3")
    assert ("999/qđ-ttg", 1) in toks
    assert ("999", 1) in toks and ("ttg", 1) in toks
    assert ("21/3", 3) in toks
    assert toks[-1][1] == 3


def test_plain_words_have_consecutive_positions() -> None:
    assert _tokens(EXACT, "a b c") == [("a", 0), ("b", 1), ("c", 2)]


def test_words_helper() -> None:
    assert words("Đoàn kết, 1.900 học sinh", folded=True) == [
        "doan",
        "ket",
        "1.900",
        "1",
        "900",
        "hoc",
        "sinh",
    ]


def test_analyzers_compare_and_pickle() -> None:
    import pickle

    assert pickle.loads(pickle.dumps(FOLDED)) == FOLDED
    assert EXACT != FOLDED
