"""The Vietnamese analysis: NFC, lowercase, folding, compounds, positions."""

from __future__ import annotations

import unicodedata

from tangthu.index.analysis import positions, tokens, words


def test_exact_lowercases_and_keeps_marks() -> None:
    assert [t for t, _ in tokens("Đoàn KẾT")] == ["đoàn", "kết"]


def test_folded_removes_marks_and_d_bar() -> None:
    assert [t for t, _ in tokens("ĐOÀN kết Đà Nẵng", folded=True)] == ["doan", "ket", "da", "nang"]


def test_nfd_input_gives_the_same_tokens() -> None:
    text = "Đoàn kết sáng tạo"
    nfd = unicodedata.normalize("NFD", text)
    assert tokens(nfd) == tokens(text)
    assert tokens(nfd, folded=True) == tokens(text, folded=True)


def test_numbers_and_codes_stay_whole_with_parts_at_same_position() -> None:
    toks = tokens("số 999/QĐ-TTg ngày 21/3")
    assert ("999/qđ-ttg", 1) in toks
    assert ("999", 1) in toks and ("ttg", 1) in toks
    assert ("21/3", 3) in toks
    assert toks[-1][1] == 3


def test_plain_words_have_consecutive_positions() -> None:
    assert tokens("a b c") == [("a", 0), ("b", 1), ("c", 2)]


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


def test_positions_of_every_token_ascending_and_once() -> None:
    found, end = positions("1.1 đoàn 1.1 đoàn")
    assert found == {"1.1": [0, 2], "1": [0, 2], "đoàn": [1, 3]}
    assert end == 4
