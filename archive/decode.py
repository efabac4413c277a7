"""Turn the bytes of an article file into NFC text with LF line ends.

The encoding is never guessed silently: `decode` returns the name it used.
"""

from __future__ import annotations

import codecs
import re
import unicodedata


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise.

    Attributes:
        kind: ``"binary-file"`` or ``"undecodable"`` (a `Problem` kind).
    """

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind


# Letters only Vietnamese uses (after NFC): a cp1258 reading that yields many of
# them is far more likely than a Western or Central European code page.
_VIETNAMESE = set(
    "ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Bytes that are control characters (tab, line feeds and form feeds are text).
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_BLANKISH = re.compile(r"^(?:[^\S\n]|[\u200b\u2060\ufeff])+$", re.MULTILINE)


def _vietnamese_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c in _VIETNAMESE for c in letters) / len(letters)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * 0.02


def _decode_legacy(data: bytes) -> tuple[str, str]:
    try:
        cp1258 = data.decode("cp1258")
    except UnicodeDecodeError:
        cp1258 = None
    from charset_normalizer import from_bytes  # only for text in no known encoding

    best = from_bytes(data).best()
    guessed = (str(best), best.encoding) if best is not None else None
    if cp1258 is not None:
        share = _vietnamese_share(unicodedata.normalize("NFC", cp1258))
        if guessed is None or share >= _vietnamese_share(unicodedata.normalize("NFC", guessed[0])):
            return cp1258, "cp1258"
    if guessed is None:
        raise DecodeError("undecodable", "no known text encoding fits these bytes")
    return guessed


#: Characters that show nothing: a soft hyphen (where a word may break at a line's end),
#: a zero-width space, a word joiner, a byte-order mark. Kept, they part a word's letters
#: for search ("Mes\u00adsen\u00adger" is not "Messenger").
_UNSEEN = re.compile("[\u00ad\u200b\u2060\ufeff]")


def readable(text: str) -> str:
    """*text* in NFC, without the characters that show nothing (`_UNSEEN`)."""
    if text.isascii():  # (most of a page's lines: nothing to do)
        return text
    return unicodedata.normalize("NFC", _UNSEEN.sub("", text))


_SPACES = re.compile(r"\s+")


def one_line(text: str | None) -> str:
    """*text* as one line: its spaces and line breaks each one space, none at its ends,
    `readable`."""
    return readable(_SPACES.sub(" ", text or "").strip())


def normalize_text(text: str) -> str:
    """NFC, LF line ends, lines of white space only made empty, characters that show
    nothing left out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BLANKISH.sub("", readable(text))


#: The text encodings a page may declare, as a browser reads them (the WHATWG Encoding
#: Standard): Python's name of each, and what a browser reads in its place. Python's
#: other codecs are not charsets (``idna`` and ``punycode`` are for host names,
#: ``undefined`` refuses everything, ``unicode_escape`` reads escapes); one named by a
#: page is not used.
_AS_NAMED = (
    "utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman",
    "gbk", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp", "shift_jis", "cp932",
    "euc_kr", "cp949",
    *(f"cp{n}" for n in range(1250, 1259)),
    *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
)  # fmt: skip
_DECLARABLE: dict[str, str] = {
    **{name: name for name in _AS_NAMED},
    # a page that declares UTF-16 in letters its reader could read is not UTF-16
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
    "cp874": "cp874",
}


def declared_codec(label: str) -> str | None:
    """The codec a page's declared charset *label* stands for, as browsers read it
    (``latin1`` is read as ``cp1252``); None when it names no text encoding."""
    try:
        name = codecs.lookup(label.strip()).name
    except (LookupError, ValueError, TypeError):
        return None
    return _DECLARABLE.get(name)


def decode(data: bytes) -> tuple[str, str]:
    """Decode article bytes.

    Returns:
        ``(text, encoding)``: NFC text with LF line ends, and the encoding used
        (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1258``, or what
        charset-normalizer recognised).

    Raises:
        DecodeError: the bytes are binary or in no recognisable encoding.
    """
    if not data:
        return "", "empty"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return normalize_text(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodeError("undecodable", f"UTF-16 byte order mark but bad data: {exc}") from exc
    if data.startswith(codecs.BOM_UTF8):
        try:
            return normalize_text(data[3:].decode("utf-8")), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise DecodeError("binary-file", "the file holds binary data, not text")
    try:
        return normalize_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    text, encoding = _decode_legacy(data)
    if _CONTROL.search(text[:8192]):
        raise DecodeError("binary-file", "the file holds control characters, not text")
    return normalize_text(text), encoding
