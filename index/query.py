"""The query syntax, parsed by our own code into a small tree that every engine compiles.

Syntax (DESIGN.md): words (all must appear), ``"phrases"``, ``a OR b``, ``-word`` or
``NOT word``, parentheses, ``title:``, ``caption:``, ``author:``, ``outlet:`` for one
field, ``word*`` for words starting so, ``word~`` (or ``word~2``) for close spellings.
The parser is lenient: an unmatched quote or parenthesis, or an operator with nothing
to work on, is read the way a person most likely meant it, never as an error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tangthu.archive.errors import Failure
from tangthu.archive.fold import has_marks
from tangthu.index.analysis import normalize, tokens

MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64

#: The fields a query may name, as users write them.
FIELDS = ("title", "caption", "author", "outlet", "text", "body")


class QueryError(Failure, ValueError):
    """The query cannot be run; the message says why in one sentence."""

    code = "query-failed"


@dataclass(frozen=True, slots=True)
class Word:
    """One token. ``mode`` is ``""``, ``"prefix"`` (``word*``) or ``"fuzzy"`` (``word~``)."""

    text: str
    field: str = "text"
    mode: str = ""
    distance: int = 1


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]
    field: str = "text"


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    part: Node


@dataclass(frozen=True, slots=True)
class Every:
    """No words: every document."""


Node = Word | Phrase | And | Or | Not | Every

_LEX = re.compile(
    r'(?P<space>\s+)|(?P<quote>")|(?P<open>\()|(?P<close>\))'
    r"|(?P<field>(?:" + "|".join(FIELDS) + r"):)(?=\S)"
    r"|(?P<minus>(?<![^\s(])-)(?=[^\W\d_]|[\"(])"
    r"|(?P<chunk>[^\s\"()]+)",
    re.IGNORECASE,
)
_FUZZY = re.compile(r"^(?P<word>.+?)~(?P<dist>[12]?)$")
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(slots=True)
class _Tok:
    kind: str  # word, phrase, open, close, and, or, not
    text: str = ""
    field: str = "text"


def _prepare(query: str) -> str:
    query = unicodedata.normalize("NFC", query).strip()
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"The query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}.",
            code="query-too-long",
            length=len(query),
            limit=MAX_QUERY_CHARS,
        )
    query = query.replace("\u201c", '"').replace("\u201d", '"').replace("\x00", " ")
    if query.count('"') % 2:  # an unmatched quote is a typo
        query = query[::-1].replace('"', " ", 1)[::-1]
    return query.replace("?", " ")  # a wildcard elsewhere; punctuation in pasted text


def _lex(query: str) -> list[_Tok]:
    out: list[_Tok] = []
    field = "text"
    pos, n = 0, len(query)
    while pos < n:
        m = _LEX.match(query, pos)
        if m is None:  # pragma: no cover - the pattern matches any character
            break
        pos = m.end()
        kind = m.lastgroup
        if kind == "space":
            continue
        if kind == "field":
            name = m.group().rstrip(":").lower()
            field = "text" if name == "body" else name
            continue
        if kind == "quote":
            end = query.find('"', pos)
            end = n if end < 0 else end
            out.append(_Tok("phrase", query[pos:end], field))
            pos = end + 1
        elif kind == "open":
            out.append(_Tok("open", field=field))
        elif kind == "close":
            out.append(_Tok("close"))
        elif kind == "minus":
            out.append(_Tok("not"))
            continue  # a field before "-" applies to what follows
        else:
            chunk = m.group()
            if chunk in _OPERATORS:
                out.append(_Tok(chunk.lower()))
                continue
            out.append(_Tok("word", chunk, field))
        field = "text"
    return out


def _word_node(tok: _Tok) -> Node | None:
    chunk, mode, distance = tok.text, "", 1
    fuzzy = _FUZZY.match(chunk)
    if fuzzy:
        chunk, mode = fuzzy.group("word"), "fuzzy"
        distance = int(fuzzy.group("dist") or 1)
    elif chunk.endswith("*") and chunk.strip("*"):
        chunk, mode = chunk.rstrip("*"), "prefix"
    found = [t for t, _pos in tokens(chunk.replace("*", " ").replace("~", " "))]
    whole = _whole(found)
    if not whole:
        return None
    if len(whole) == 1:
        return Word(whole[0], tok.field, mode, distance)
    return _phrase(found, tok.field)  # "x's", "a+b": the pieces side by side


def _phrase(found: list[str], field: str) -> Phrase:
    """The words side by side: a code's parts each in its place, as the text is indexed
    (``"công văn 999/QĐ-TTg"`` is công, văn, 999, qđ, ttg)."""
    return Phrase(tuple(t for t in found if t.isalnum()), field)


def _whole(found: list[str]) -> list[str]:
    """Tokens without the parts that a compound before them already holds."""
    out: list[str] = []
    for t in found:
        if out and not out[-1].isalnum() and t in re.findall(r"\w+", out[-1]):
            continue
        out.append(t)
    return out


class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.i = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse_or(self) -> Node | None:
        parts = []
        part = self.parse_and()
        if part is not None:
            parts.append(part)
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.i += 1
            part = self.parse_and()
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_and(self) -> Node | None:
        parts: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind not in ("or", "close"):
            if tok.kind == "and":
                self.i += 1
                continue
            part = self.parse_unary()
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_unary(self) -> Node | None:
        tok = self.peek()
        assert tok is not None
        if tok.kind == "not":
            self.i += 1
            if self.peek() is None or self.peek().kind in ("or", "close"):  # type: ignore[union-attr]
                return None
            part = self.parse_unary()
            return Not(part) if part is not None else None
        self.i += 1
        if tok.kind == "open":
            inner = self.parse_or()
            if (close := self.peek()) is not None and close.kind == "close":
                self.i += 1
            if inner is not None and tok.field != "text":
                inner = _in_field(inner, tok.field)
            return inner
        if tok.kind == "phrase":
            found = [t for t, _pos in tokens(tok.text)]
            whole = _whole(found)
            if not whole:
                return None
            if len(whole) == 1:
                return Word(whole[0], tok.field)  # one word, or one code whole ("21/3")
            return _phrase(found, tok.field)
        if tok.kind == "word":
            return _word_node(tok)
        return None  # a stray ")" or operator


def _in_field(node: Node, field: str) -> Node:
    if isinstance(node, Word):
        return Word(node.text, field, node.mode, node.distance)
    if isinstance(node, Phrase):
        return Phrase(node.words, field)
    if isinstance(node, And):
        return And(tuple(_in_field(p, field) for p in node.parts))
    if isinstance(node, Or):
        return Or(tuple(_in_field(p, field) for p in node.parts))
    if isinstance(node, Not):
        return Not(_in_field(node.part, field))
    return node


def leaves(node: Node) -> list[Word | Phrase]:
    """The words and phrases of a tree, in order."""
    if isinstance(node, Word | Phrase):
        return [node]
    if isinstance(node, And | Or):
        return [leaf for p in node.parts for leaf in leaves(p)]
    if isinstance(node, Not):
        return leaves(node.part)
    return []


def positive_leaves(node: Node) -> list[Word | Phrase]:
    """The words and phrases that a match holds (not those under NOT)."""
    if isinstance(node, Word | Phrase):
        return [node]
    if isinstance(node, And | Or):
        return [leaf for p in node.parts for leaf in positive_leaves(p)]
    return []


def parse(query: str) -> Node:
    """The tree of *query*; `Every` when it is empty.

    Raises:
        QueryError: the query is too long, has too many words, or holds none (only
            punctuation).
    """
    toks = _lex(_prepare(query))
    parser = _Parser(toks)
    node: Node | None = None
    parts: list[Node] = []
    while parser.peek() is not None:
        node = parser.parse_or()
        if node is not None:
            parts.append(node)
        if parser.peek() is not None:  # a stray ")"
            parser.i += 1
    if not parts:
        if query.strip():  # "!!!", "?", "*": typed, but nothing in it to look for
            raise QueryError(
                f"{query.strip()!r} holds no word to search for.",
                code="query-no-words",
                query=query.strip(),
            )
        return Every()
    node = parts[0] if len(parts) == 1 else And(tuple(parts))
    if isinstance(node, Not):
        node = And((Every(), node))
    count = sum(len(leaf.words) if isinstance(leaf, Phrase) else 1 for leaf in leaves(node))
    if count > MAX_QUERY_TERMS:
        raise QueryError(
            f"The query has more than {MAX_QUERY_TERMS} words; shorten it.",
            code="query-too-many-words",
            limit=MAX_QUERY_TERMS,
        )
    return node


def typed_with_marks(node: Node) -> bool:
    """True when the user typed diacritics (or đ) in some word of the query."""
    return any(
        has_marks(" ".join(leaf.words) if isinstance(leaf, Phrase) else leaf.text)
        for leaf in leaves(node)
    )


def plain_words(node: Node) -> list[str] | None:
    """The words of a query made only of plain words (ANDed, default field), else None."""
    found = [node] if isinstance(node, Word) else list(node.parts) if isinstance(node, And) else []
    if not found or not all(
        isinstance(p, Word) and p.field == "text" and not p.mode for p in found
    ):
        return None
    return [p.text for p in found if isinstance(p, Word)]


def folded(text: str) -> str:
    """How a query word compares with folded index terms."""
    return normalize(text, folded=True)


def in_captions(node: Node) -> Node:
    """A photo's searchable text is its captions: ``caption:`` means the same there."""
    if isinstance(node, Word):
        return (
            Word(node.text, "text", node.mode, node.distance) if node.field == "caption" else node
        )
    if isinstance(node, Phrase):
        return Phrase(node.words, "text") if node.field == "caption" else node
    if isinstance(node, And):
        return And(tuple(in_captions(p) for p in node.parts))
    if isinstance(node, Or):
        return Or(tuple(in_captions(p) for p in node.parts))
    if isinstance(node, Not):
        return Not(in_captions(node.part))
    return node
