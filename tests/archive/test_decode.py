"""Decoding article bytes: encodings, BOMs, NFC, line ends, blank lines."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from tangthu.archive.decode import DecodeError, decode

TEXT = "Đoàn kết sáng tạo\n\nỦy ban MTTQ Việt Nam tỉnh tổ chức hội nghị tổng kết.\n"


def test_utf8_plain() -> None:
    assert decode(TEXT.encode()) == (TEXT, "utf-8")


def test_utf8_bom_is_stripped() -> None:
    assert decode(codecs.BOM_UTF8 + TEXT.encode()) == (TEXT, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    data = TEXT.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode(data) == (TEXT, "utf-16")


def test_cp1258_with_combining_tones_becomes_nfc() -> None:
    # Windows-1258 stores base letters (ê, ơ, ă) precomposed and tones as combining marks.
    tones = "\u0300\u0301\u0303\u0309\u0323"
    chars = []
    for ch in TEXT:
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in tones))
        chars.append(base + "".join(c for c in nfd if c in tones))
    data = "".join(chars).encode("cp1258")
    assert b"\xec" in data or b"\xde" in data or b"\xf2" in data  # some combining tone bytes
    text, enc = decode(data)
    assert enc == "cp1258"
    assert text == TEXT


def test_nfd_utf8_becomes_nfc() -> None:
    text, _ = decode(unicodedata.normalize("NFD", TEXT).encode())
    assert text == TEXT


def test_crlf_and_cr_become_lf() -> None:
    text, _ = decode(b"a\r\nb\rc\n")
    assert text == "a\nb\nc\n"


def test_nbsp_only_lines_are_blank() -> None:
    text, _ = decode("a\n\u00a0\n \u00a0 \t\nb\n".encode())
    assert text == "a\n\n\nb\n"


def test_empty_bytes() -> None:
    assert decode(b"") == ("", "empty")


def test_binary_junk_is_refused() -> None:
    junk = bytes(range(256)) * 40
    with pytest.raises(DecodeError) as err:
        decode(junk)
    assert err.value.kind == "binary-file"


def test_jpeg_named_txt_is_refused() -> None:
    with pytest.raises(DecodeError):
        decode(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(500))
