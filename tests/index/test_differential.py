"""Search against a brute-force scan: random small archives, random queries and filters.

Every hit must satisfy the query and every filter, and the totals (all, exact
spelling, facets) must equal what a plain scan of the parsed articles counts.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tangthu.archive.fold import fold, has_marks
from tangthu.archive.model import Article
from tangthu.archive.scan import scan
from tangthu.index import engines
from tangthu.index.indexer import update_index
from tangthu.index.search import NONE, ArchiveSearcher, Filters
from tests.conftest import make_jpeg, write_article

# Words that fold onto each other (đoàn/đoán/doan), with and without marks, and đ.
VOCAB = [
    "đoàn", "đoán", "doan", "kết", "ket", "kẹt", "hội", "hồi", "hoi", "nghị", "nghi",
    "đà", "da", "dạ", "lũ", "lụt", "lu", "ân", "an", "ấn", "Đông", "dong",
]  # fmt: skip
OUTLETS = [None, "vnexpress.net", "tuoitre.vn", "baolaocai.vn"]
DATES = [None, "2015-01-31", "2018-06-15", "2018-12-03", "2021-02-28", "2024-03-21"]

words = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=8)
#: Random archives per engine: 200 in the full run; `make check` asks for fewer.
EXAMPLES = int(os.environ.get("TANGTHU_TEST_EXAMPLES", "200"))


@dataclass(frozen=True)
class Spec:
    title: list[str]
    body: list[str]
    date: str | None
    outlet: str | None
    caption: list[str] | None  # a photo with this caption; None: no photo
    photo_exists: bool


specs = st.builds(
    Spec,
    title=st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3),
    body=words,
    date=st.sampled_from(DATES),
    outlet=st.sampled_from(OUTLETS),
    caption=st.none() | st.lists(st.sampled_from(VOCAB), min_size=1, max_size=4),
    photo_exists=st.booleans(),
)


def article_text(spec: Spec) -> str:
    lines = [" ".join(spec.title), ""]
    lead = " ".join(spec.body)
    if spec.date:
        y, m, d = spec.date.split("-")
        lead = f"Ngày {int(d)}/{int(m)}/{y}, {lead}"
    lines.append(lead + ".")
    if spec.caption is not None:
        lines += ["1.jpg", " ".join(spec.caption) + "."]
    if spec.outlet:
        lines.append(f"https://{spec.outlet}/bai.html")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Query:
    plain: list[str]
    phrase: list[str]
    negated: str | None
    exact: bool

    def text(self) -> str:
        parts = list(self.plain)
        if self.phrase:
            parts.append('"' + " ".join(self.phrase) + '"')
        if self.negated:
            parts.append("-" + self.negated)
        return " ".join(parts)


queries = st.builds(
    Query,
    plain=st.lists(st.sampled_from(VOCAB), min_size=0, max_size=3),
    phrase=st.one_of(st.just([]), st.lists(st.sampled_from(VOCAB), min_size=2, max_size=2)),
    negated=st.none() | st.sampled_from(VOCAB),
    exact=st.booleans(),
)

filters = st.builds(
    Filters,
    date_from=st.none() | st.sampled_from(["2016-01-01", "2018-06-15", "2030-01-01"]),
    date_to=st.none() | st.sampled_from(["2018-06-15", "2019-12-31", "2010-01-01"]),
    outlet=st.none() | st.sampled_from(["vnexpress.net", "baolaocai.vn", "nosuch", NONE]),
    year=st.none() | st.sampled_from(["2018", "2024", "1999", NONE]),
    has_photos=st.booleans(),
    # the articles that tags or notes named (bai-N/article.txt; some not in the archive)
    ids=st.none()
    | st.frozensets(st.integers(0, 8).map(lambda n: f"bai-{n}/article.txt"), max_size=4),
)


# --- the oracle: a few lines of plain Python over the parsed articles ----------------


def tokens(text: str, folded: bool) -> list[str]:
    found = re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())
    return [fold(t) for t in found] if folded else found


def holds(seq: list[str], toks: list[str]) -> bool:
    n = len(seq)
    return any(toks[i : i + n] == seq for i in range(len(toks) - n + 1))


def matches(text: str, q: Query, folded: bool) -> bool:
    toks = tokens(text, folded)

    def key(ws: list[str]) -> list[str]:
        return [fold(w.lower()) if folded else w.lower() for w in ws]

    return (
        all(holds(key([w]), toks) for w in q.plain)
        and (not q.phrase or holds(key(q.phrase), toks))
        and not (q.negated and holds(key([q.negated]), toks))
    )


def passes(art: Article, f: Filters) -> bool:
    d = art.date or ""
    return (
        (not f.date_from or (d != "" and d >= f.date_from))
        and (not f.date_to or (d != "" and d[:10] <= f.date_to))
        and (f.outlet is None or art.outlet == (None if f.outlet == NONE else f.outlet))
        and (f.year is None or (d[:4] if d else NONE) == f.year)
        and (not f.has_photos or any(p.exists for p in art.photos))
        and (f.ids is None or art.id in f.ids)
    )


def searchable(art: Article) -> str:
    return "\n".join([art.title, art.body_text, *art.captions, art.author or "", art.outlet or ""])


@pytest.mark.parametrize("engine", engines.available())
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(specs, min_size=1, max_size=7), st.lists(st.tuples(queries, filters), max_size=4))
def test_search_equals_a_brute_force_scan(
    engine: str, archive: list[Spec], asks: list[tuple[Query, Filters]]
) -> None:
    # tantivy's folder watcher (a thread of the library, started when an index opens)
    # may put its lock file back while the folder is removed: the removal may fail.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        root = Path(tmp) / "kho"
        for n, spec in enumerate(archive):
            folder = root / f"bai-{n}"
            write_article(folder, article_text(spec))
            if spec.caption is not None and spec.photo_exists:
                make_jpeg(folder / "1.jpg", (8, 8))
        update_index(root, Path(tmp) / "ix", jobs=1, engine=engine)
        articles = scan(root).articles
        assert len(articles) == len(archive)
        with ArchiveSearcher(Path(tmp) / "ix") as searcher:
            for q, f in asks:
                check(searcher, articles, q, f)
            docs = documents(articles)
            for q, _f in asks:
                said = suggestion(docs, len(articles), q.text())
                assert searcher.suggest(q.text()) == said, q.text()
            for art in articles[:3]:
                like = {h.id for h in searcher.more_like(art.id, limit=50)}
                assert like == alike(articles, docs, art), art.id


def documents(articles: list[Article]) -> list[str]:
    """The text of every document of the index: each article's, then each photo's."""
    out = [searchable(a) for a in articles]
    for a in articles:
        seen = set()
        for p in a.photos:
            if p.file not in seen:
                seen.add(p.file)
                out.append(p.caption or "")
    return out


def suggestion(docs: list[str], articles: int, query: str) -> str | None:
    """What "did you mean" should say: each word the documents hold stays; another
    becomes one of the closest words they hold with its first letter (one edit, else
    two): of the 8 of them most documents hold, the one most articles (the first
    *articles* of *docs*) hold next to its neighbours in the query (the word before as
    respelled, the word after as typed, in any spelling), then the one most documents
    hold."""
    from tangthu.index.analysis import edit_distance
    from tangthu.index.query import parse, plain_words, typed_with_marks

    node = parse(query)
    words = plain_words(node)
    if not words:
        return None
    folded = not typed_with_marks(node)
    texts = [set(tokens(d, folded)) for d in docs]
    runs = [tokens(d, True) for d in docs[:articles]]
    vocab = set().union(*texts)

    def beside(t: str, before: str | None, after: str | None) -> int:
        pairs = ([[before, t]] if before else []) + ([[t, after]] if after else [])
        return sum(holds([fold(w.lower()) for w in pair], run) for pair in pairs for run in runs)

    out: list[str] = []
    changed = False
    for i, w in enumerate(words):
        key = fold(w.lower()) if folded else w.lower()
        if key in vocab:
            out.append(w)
            continue
        best = None
        for distance in (1, 2):
            near = [
                t
                for t in vocab
                if t[:1] == key[:1] and t != key and edit_distance(key, t) <= distance
            ]
            if near:
                closest = min(edit_distance(key, t) for t in near)
                freq = {
                    t: sum(t in x for x in texts) for t in near if edit_distance(key, t) == closest
                }
                candidates = sorted(freq, key=lambda t: (-freq[t], t))[:8]
                before = out[i - 1] if i else None
                after = words[i + 1] if i + 1 < len(words) else None
                best = min(candidates, key=lambda t: (-beside(t, before, after), -freq[t], t))
                break
        if best is not None:
            out.append(best)
            changed = True
        else:
            out.append(w)
    return " ".join(out) if changed else None


def alike(articles: list[Article], docs: list[str], art: Article) -> set[str]:
    """The articles "more like" *art* finds: those holding any of its twelve strongest
    words (how often it uses each, how few documents hold it)."""
    import math

    counts: dict[str, int] = {}
    for t in tokens(art.body_text, True):
        if t.isalpha() and len(t) > 1:
            counts[t] = counts.get(t, 0) + 1
    texts = [set(tokens(d, True)) for d in docs]
    weights = []
    for t, tf in counts.items():
        df = sum(t in x for x in texts)
        if df:
            weights.append((tf * math.log(1 + len(articles) / df), t))
    best = {t for _w, t in sorted(weights, reverse=True)[:12]}
    return {a.id for a in articles if a.id != art.id and best & set(tokens(searchable(a), True))}


def check(searcher: ArchiveSearcher, articles: list[Article], q: Query, f: Filters) -> None:
    marked = has_marks(" ".join(q.plain + q.phrase + [q.negated or ""]))
    kept = [a for a in articles if passes(a, f)]
    exact = {a.id for a in kept if matches(searchable(a), q, folded=False)}
    folded = {a.id for a in kept if matches(searchable(a), q, folded=True)}

    def shown(found_exact: set[str], found_folded: set[str]) -> set[str]:
        if q.exact:
            return found_exact
        return found_exact | found_folded if marked else found_folded

    want = shown(exact, folded)
    r = searcher.search(q.text(), filters=f, pagesize=100, facets=True, exact=q.exact)
    got = [h.id for h in r.hits]
    assert len(got) == len(set(got))
    assert set(got) == want, (q.text(), f)
    assert r.total == len(want)
    if not (q.plain or q.phrase or q.negated):
        assert r.exact_total is None  # no words: every article, nothing to spell
    elif q.exact:
        assert r.exact_total == r.total
    elif marked:
        assert r.exact_total == len(exact)
        flags = [h.exact for h in r.hits]
        assert flags == [h.id in exact for h in r.hits]
        assert flags == sorted(flags, reverse=True)  # exact spellings first
    else:
        assert r.exact_total is None
        if q.plain or q.phrase:  # typed without marks: those letters as typed rank first
            plain = [h.id in exact for h in r.hits]
            assert plain == sorted(plain, reverse=True), q.text()
    # facets count what the list shows, the undated and those without outlet included
    assert sum(r.facets["year"].values()) == r.total
    assert sum(r.facets["outlet"].values()) == r.total
    months: dict[str, int] = {}
    for a in articles:
        if a.id in want and a.date:
            months[a.date[:7]] = months.get(a.date[:7], 0) + 1
    assert r.facets["month"] == months  # the timeline's bars: dated articles per month
    if r.total == 0 and f != Filters():
        # the list says which filter emptied it exactly when the words alone find something
        named = [a for a in articles if f.ids is None or a.id in f.ids]  # go with the words
        unfiltered = shown(
            {a.id for a in named if matches(searchable(a), q, folded=False)},
            {a.id for a in named if matches(searchable(a), q, folded=True)},
        )
        assert bool(r.emptied_by) == bool(unfiltered), (q.text(), f, r.emptied_by)
    # photos: captions against the same oracle, the same filters
    if q.plain or q.phrase:
        pr = searcher.search_photos(q.text(), filters=f, pagesize=100)
        want_photos = {
            f"{a.id}#{p.file}"
            for a in kept
            for p in a.photos
            if (not f.has_photos or p.exists)
            and (
                matches(p.caption or "", q, folded=True)
                or (marked and matches(p.caption or "", q, folded=False))
            )
        }
        assert {h.id for h in pr.hits} == want_photos, (q.text(), f)
        assert pr.total == len(want_photos)


# --- phrases over real text ---------------------------------------------------------------


@pytest.fixture(scope="module")
def real_text(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> tuple[Path, list[Article]]:
    """200 corpus articles, those with joined words (Việt Nam-Vũng Tàu, 21/3, 999/QĐ-TTg)
    first, copied into an archive of their own."""
    import shutil

    joined = re.compile(r"\w[-/.]\w")
    folders = sorted(p.parent for p in corpus.glob("*/article.txt"))
    rich = [f for f in folders if joined.search((f / "article.txt").read_text("utf-8", "replace"))]
    chosen = (rich[:90] + [f for f in folders if f not in rich][:30])[:120]
    root = tmp_path_factory.mktemp("real") / "kho"
    for f in chosen:
        shutil.copytree(f, root / f.name)
    return root, scan(root).articles


def _phrases(articles: list[Article]) -> list[list[str]]:
    """Two- and three-word phrases of the real text: around joined words and from titles."""
    found: list[list[str]] = []
    for art in articles:
        text = unicodedata.normalize("NFC", searchable(art))
        for m in re.finditer(r"(\w+)\s+(\w+)[-/.](\w+)", text):
            found.append([m.group(1), m.group(2)])  # "Việt Nam" of "Việt Nam-Vũng"
            found.append([m.group(2), m.group(3)])  # "Nam Vũng": across the hyphen
            break
        words = re.findall(r"\w+", art.title)
        if len(words) >= 3:
            found.append(words[:3])
    return found


@pytest.mark.corpus
@pytest.mark.parametrize("engine", engines.available())
def test_phrases_of_real_text_equal_a_plain_scan(
    engine: str, real_text: tuple[Path, list[Article]], tmp_path: Path
) -> None:
    root, articles = real_text
    update_index(root, tmp_path / "ix", jobs=1, engine=engine)
    phrases = _phrases(articles)
    assert len(phrases) > 150
    # the oracle's tokens joined by spaces: a phrase holds where " its words " occur
    exact_text = {a.id: f" {' '.join(tokens(searchable(a), False))} " for a in articles}
    folded_text = {i: fold(t) for i, t in exact_text.items()}
    with ArchiveSearcher(tmp_path / "ix") as searcher:
        for words in phrases:
            for typed in (words, [fold(w) for w in words]):
                q = Query(plain=[], phrase=typed, negated=None, exact=False)
                low = " ".join(w.lower() for w in typed)
                folded = {i for i, t in folded_text.items() if f" {fold(low)} " in t}
                exact = {i for i, t in exact_text.items() if f" {low} " in t}
                want = exact | folded if has_marks(" ".join(typed)) else folded
                r = searcher.search(q.text(), pagesize=300, facets=False, snippets=False)
                assert {h.id for h in r.hits} == want, q.text()
                assert r.total == len(want)
