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


def test_codes_stay_whole_and_their_parts_follow_each_other() -> None:
    toks = tokens("số 999/QĐ-TTg ngày 21/3")
    assert toks == [
        ("số", 0),
        ("999/qđ-ttg", 1),  # the code whole, at its first part's position
        ("999", 1),
        ("qđ", 2),
        ("ttg", 3),
        ("ngày", 4),
        ("21/3", 5),
        ("21", 5),
        ("3", 6),
    ]
    placed, length = positions("Việt Nam-Vũng Tàu")
    assert placed["nam-vũng"] == [1] and placed["nam"] == [1] and placed["vũng"] == [2]
    assert length == 4


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
    assert found == {"1.1": [0, 3], "1": [0, 1, 3, 4], "đoàn": [2, 5]}
    assert end == 6
