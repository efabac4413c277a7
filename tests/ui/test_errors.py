"""The core's failures are said in the window's language, from their code and parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tangthu.index.query import MAX_QUERY_CHARS, parse
from tangthu.library import Basket, export
from tangthu.library.records import Failure, Item, QueryError, SelectionError
from tangthu.ui.errors import MESSAGES, error_text
from tangthu.ui.i18n import VIETNAMESE as VI


def vietnamese(text: str) -> str:
    return VI.get(text, text)


def test_a_query_too_long_is_said_in_vietnamese_with_its_numbers() -> None:
    with pytest.raises(QueryError) as caught:
        parse("a" * (MAX_QUERY_CHARS + 5))
    assert error_text(caught.value, vietnamese) == (
        f"Câu tìm kiếm dài {MAX_QUERY_CHARS + 5} ký tự; giới hạn là {MAX_QUERY_CHARS}."
    )
    # untranslated, the window says what the command line says
    assert error_text(caught.value, lambda s: s) == str(caught.value)


def test_export_and_collection_failures_carry_what_the_messages_need(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    target = tmp_path / "out.zip"
    target.write_bytes(b"x")
    with pytest.raises(Failure) as caught:
        export([Item(str(tmp_path / "archive"), "a/article.txt")], "zip", target)
    assert caught.value.code == "target-exists"
    assert (
        error_text(caught.value, vietnamese)
        == f"{target} đã có; hãy chọn tên khác hoặc cho phép thay thế."
    )
    basket = Basket(tmp_path / "b.json")
    basket.create("Lũ lụt", [])
    with pytest.raises(SelectionError) as caught2:
        basket.create("Lũ lụt", [])
    assert error_text(caught2.value, vietnamese) == "Đã có bộ sưu tập tên Lũ lụt."


def test_every_message_names_parameters_it_fills() -> None:
    for code, (text, names) in MESSAGES.items():
        assert text.count("%") == len(names), code


def test_an_unknown_failure_shows_its_own_sentence() -> None:
    assert error_text(ValueError("boom")) == "boom"
    assert error_text(Failure("Something odd.", code="no-such-code")) == "Something odd."
