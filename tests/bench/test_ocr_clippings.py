"""The OCR benchmark's measures: words wrong by alignment, tone marks told apart."""

from __future__ import annotations

from bench.ocr_clippings import align, words_of


def test_words_wrong_are_counted_by_alignment_and_tone_marks_apart() -> None:
    truth = words_of("Đòn “ngoại giao trứng cá muối” của Nga.")
    assert truth == ["Đòn", "ngoại", "giao", "trứng", "cá", "muối", "của", "Nga"]
    assert align(truth, truth) == (0, 0)
    read = words_of("Don ngoai giao trứng ca muối cua Nga thêm")
    assert align(truth, read) == (5, 4)  # four tone marks lost, one word added
    assert align(truth, truth[1:]) == (1, 0)
