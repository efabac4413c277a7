"""Search by meaning: the vectors beside the index (made, kept up to date, resumed,
repaired), the three modes with filters and facets, "more like this"."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from tangthu.archive.model import Cancelled, CancelToken
from tangthu.index import meaning
from tangthu.index.analysis import fold_term, tokens
from tangthu.index.engine import Filters
from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher
from tests.conftest import SAMPLE

DIM = 64


class WordsModel:
    """A stand-in model: a text's vector is the sum of its folded words' hashed
    directions (texts sharing words are near). Counts what it embeds."""

    name = "test-words"
    dim = DIM

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(DIM, dtype=np.float32)
        for term, _pos in tokens(text, folded=True):
            h = int.from_bytes(hashlib.blake2b(fold_term(term).encode()).digest()[:4], "little")
            v[h % DIM] += 1.0
        n = float(np.linalg.norm(v))
        return v / n if n else v

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, DIM))

    def query(self, text: str) -> np.ndarray:
        return self._one(text)


@pytest.fixture
def model() -> Iterator[WordsModel]:
    m = WordsModel()
    meaning.use_model(m)
    yield m
    meaning.use_model(None)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    return root


def _folder_of(aid: str) -> str:
    return aid.split("/")[2]


def test_vectors_are_made_beside_the_index_and_kept_by_fingerprint(
    sample: Path, tmp_path: Path, engine: str, model: WordsModel
) -> None:
    ix = tmp_path / "ix"
    before = {p: p.read_bytes() for p in sample.rglob("*") if p.is_file()}
    summary = update_index(sample, ix, engine=engine, meaning=True)
    assert summary.embedded == summary.articles == 7
    assert len(model.embedded) == 7
    assert (ix / meaning.FOLDER / meaning.MODEL_FILE).is_file()
    with ArchiveSearcher(ix, sample) as s:
        state = s.meaning_state()
    assert (state.embedded, state.articles, state.ready) == (7, 7, True)
    # nothing new: nothing embedded; an index run without --meaning keeps them up to date
    assert update_index(sample, ix).embedded == 0
    article = sample / "2024/05/mua-gat-lua-xuan/article.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    shutil.rmtree(sample / "2022/06/bao-tang-tinh")
    model.embedded.clear()
    summary = update_index(sample, ix)
    assert summary.embedded == 1 and len(model.embedded) == 1
    # the title and the opening: the sentence added at the end is not in the passage
    assert "gặt lúa" in model.embedded[0].lower() and "Thêm một câu" not in model.embedded[0]
    assert update_index(sample, ix, meaning=False).embedded == 0
    with ArchiveSearcher(ix, sample) as s:
        assert s.meaning_state().embedded == 6
        ids = {h.id for h in s.search("lúa", mode="meaning", pagesize=50).hits}
    assert len(ids) == 6 and not any("bao-tang-tinh" in i for i in ids)
    # the archive was only read
    after = {p: p.read_bytes() for p in sample.rglob("*") if p.is_file()}
    assert set(after) == set(before) - {p for p in before if "bao-tang-tinh" in str(p)} and all(
        after[p] == before[p] for p in after if p != article
    )


def test_a_passage_is_the_title_and_the_opening_cut_at_a_word() -> None:
    body = "Mở đầu   bài viết\n" + "chữ " * 200
    text = meaning.passage("  Tiêu  đề ", body, limit=40)
    assert text.startswith("Tiêu đề. Mở đầu bài viết chữ")
    assert len(text) <= len("Tiêu đề. ") + 40 and not text.endswith(" ") and text.endswith("chữ")
    assert meaning.passage("", "ngắn") == "ngắn" and meaning.passage("Chỉ tiêu đề", "") == (
        "Chỉ tiêu đề"
    )


def test_an_index_without_vectors_says_so_and_nothing_else_changes(
    sample: Path, tmp_path: Path, model: WordsModel
) -> None:
    ix = tmp_path / "ix"
    update_index(sample, ix)
    assert model.embedded == []
    with ArchiveSearcher(ix, sample) as s:
        assert not s.meaning_state().started
        with pytest.raises(meaning.MeaningMissing) as caught:
            s.search("hội nghị", mode="meaning")
        assert caught.value.code == "meaning-not-built"
        words = s.search("hội nghị")
        assert words.total > 0 and words.mode == "words"
        # "more like this" falls back on the words
        assert s.more_like(words.hits[0].id)


def test_without_a_model_the_build_is_refused_before_anything_is_done(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meaning.use_model(None)
    monkeypatch.setattr(meaning, "installed", lambda: False)
    monkeypatch.setattr(meaning, "model_name", lambda: None)
    ix = tmp_path / "ix"
    with pytest.raises(meaning.MeaningMissing) as caught:
        update_index(sample, ix, meaning=True)
    assert caught.value.code == "meaning-not-installed" and not ix.exists()
    update_index(sample, ix)
    with ArchiveSearcher(ix, sample) as s:
        assert not s.meaning_state().installed
        with pytest.raises(meaning.MeaningMissing):
            s.search("lúa", mode="both")


def test_a_build_cut_short_keeps_its_chunks_and_goes_on_from_there(
    sample: Path, tmp_path: Path, model: WordsModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meaning, "CHUNK", 2)
    monkeypatch.setattr(meaning, "BATCH", 1)
    ix = tmp_path / "ix"
    update_index(sample, ix)
    with ArchiveSearcher(ix, sample) as s:
        current = s.fingerprints()
    cancel = CancelToken()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 3:
            cancel.cancel()

    with pytest.raises(Cancelled):
        meaning.update(ix, str(sample), current, progress=progress, cancel=cancel)
    assert seen[0] == (0, 7) and seen[-1] == (3, 7)
    assert meaning.state(ix, current).embedded == 2  # the first chunk: complete
    model.embedded.clear()
    assert meaning.update(ix, str(sample), current) == 5
    assert len(model.embedded) == 5
    assert meaning.state(ix, current).embedded == 7
    assert len(list((ix / meaning.FOLDER).glob("c*.json"))) == 4
    # many chunks are merged into one (the vectors and what they are of unchanged)
    with ArchiveSearcher(ix, sample) as s:
        before = s.search("lúa", mode="meaning", pagesize=50).hits
    monkeypatch.setattr(meaning, "MAX_CHUNKS", 2)
    assert meaning.update(ix, str(sample), current) == 0
    assert len(list((ix / meaning.FOLDER).glob("c*.json"))) == 1
    assert len(list((ix / meaning.FOLDER).glob("c*.npy"))) == 1
    with ArchiveSearcher(ix, sample) as s:
        after = s.search("lúa", mode="meaning", pagesize=50).hits
    assert [(h.id, round(h.score, 3)) for h in after] == [(h.id, round(h.score, 3)) for h in before]


def test_a_damaged_chunk_is_made_again_and_another_model_starts_over(
    sample: Path, tmp_path: Path, model: WordsModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = tmp_path / "ix"
    update_index(sample, ix, meaning=True)
    folder = ix / meaning.FOLDER
    (chunk,) = folder.glob("c*.npy")
    chunk.write_bytes(b"not an array")
    with ArchiveSearcher(ix, sample) as s:
        with pytest.raises(meaning.MeaningMissing):
            s.search("lúa", mode="meaning")
    assert update_index(sample, ix).embedded == 7
    # what a killed run left (an array without its list, a temporary file) goes
    (folder / "c000099.npy").write_bytes(b"half")
    (folder / ".c000100-123.npy.tmp").write_bytes(b"half")
    assert update_index(sample, ix).embedded == 0
    assert not (folder / "c000099.npy").exists()
    assert not (folder / ".c000100-123.npy.tmp").exists()
    other = WordsModel()
    other.name = "another-model"
    meaning.use_model(other)
    assert update_index(sample, ix).embedded == 7
    assert json.loads((folder / meaning.MODEL_FILE).read_text())["model"] == "another-model"
    assert len(other.embedded) == 7
    # passages of another length are other vectors too
    assert update_index(sample, ix).embedded == 0
    monkeypatch.setattr(meaning, "PASSAGE_CHARS", 100)
    assert update_index(sample, ix).embedded == 7


def test_filters_and_facets_apply_by_meaning_and_both(
    sample: Path, tmp_path: Path, engine: str, model: WordsModel
) -> None:
    ix = tmp_path / "ix"
    update_index(sample, ix, engine=engine, meaning=True)
    with ArchiveSearcher(ix, sample) as s:
        every = s.search("", pagesize=50).hits
        dated = {h.id: h.date or "" for h in every}
        r = s.search("hội nghị đoàn kết", mode="meaning", facets=True, pagesize=50)
        assert r.total == 7 and len(r.hits) == 7 and r.closest == meaning_hits()
        assert _folder_of(r.hits[0].id) == "hoi-nghi-doan-ket"
        assert [h.score for h in r.hits] == sorted((h.score for h in r.hits), reverse=True)
        assert sum(r.facets["year"].values()) == 7
        f = Filters(year="2024")
        r = s.search("hội nghị đoàn kết", mode="meaning", filters=f, facets=True, pagesize=50)
        want = {i for i, d in dated.items() if d.startswith("2024")}
        assert {h.id for h in r.hits} == want and r.total == len(want)
        assert r.facets["year"] == {"2024": len(want)}
        r = s.search("lúa", mode="meaning", filters=Filters(year="1999"))
        assert r.total == 0 and r.hits == [] and r.emptied_by == ["year"]
        # both: the words' matches and the nearest, counted once each
        words = {h.id for h in s.search("đoàn kết", pagesize=50).hits}
        r = s.search("đoàn kết", mode="both", facets=True, pagesize=50)
        assert r.total == 7 == len({h.id for h in r.hits})
        assert words and {h.id for h in r.hits[: len(words)]} >= words - {r.hits[-1].id}
        assert _folder_of(r.hits[0].id) == "hoi-nghi-doan-ket"
        r = s.search("đoàn kết", mode="both", sort="date", pagesize=3, page=2)
        assert [h.id for h in r.hits] == sorted(dated, key=lambda i: dated[i], reverse=True)[3:6]


def meaning_hits() -> int:
    from tangthu.index.service import MEANING_HITS

    return MEANING_HITS


def test_more_like_this_uses_meaning_when_there_are_vectors(
    sample: Path, tmp_path: Path, model: WordsModel
) -> None:
    ix = tmp_path / "ix"
    update_index(sample, ix, meaning=True)
    with ArchiveSearcher(ix, sample) as s:
        aid = s.search("hội nghị").hits[0].id
        like = s.more_like(aid, limit=3)
        own = s._vectors().vector(aid)
        assert own is not None
        expected = [a for a, _s in s._vectors().nearest(own, 4) if a != aid][:3]
    assert [h.id for h in like] == expected and aid not in expected


def test_searches_by_meaning_go_on_while_the_vectors_are_made(
    sample: Path, tmp_path: Path, model: WordsModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meaning, "CHUNK", 1)
    monkeypatch.setattr(meaning, "BATCH", 1)
    ix = tmp_path / "ix"
    update_index(sample, ix, meaning=True)
    article = sample / "2024/05/mua-gat-lua-xuan/article.txt"
    for p in sample.rglob("article.txt"):
        p.write_text(p.read_text(encoding="utf-8") + "\nSửa.\n", encoding="utf-8")
    errors: list[BaseException] = []
    done = threading.Event()

    def build() -> None:
        try:
            update_index(sample, ix)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=build)
    worker.start()
    counts = []
    with ArchiveSearcher(ix, sample) as s:
        while not done.is_set():
            s.refresh()
            counts.append(s.search("lúa gặt", mode="meaning", pagesize=50).total)
        worker.join(timeout=60)
        assert not worker.is_alive() and errors == []
        s.refresh()
        final = s.search("lúa gặt", mode="meaning", pagesize=50)
    assert counts and all(c == 7 for c in counts)
    assert final.total == 7 and article.exists()


@pytest.mark.skipif(not meaning.installed(), reason="the 'meaning' extra is not installed")
def test_the_shipped_model_finds_vietnamese_articles_from_english_questions(
    tmp_path: Path,
) -> None:
    meaning.use_model(None)
    ix = tmp_path / "ix"
    update_index(SAMPLE, ix, meaning=True)
    asked = {
        "donations for people hit by the storm": "cuu-tro-sau-bao",
        "farmers harvesting the spring rice crop": "mua-gat-lua-xuan",
        "children in the mountains going to school in the cold": "truong-hoc-vung-cao",
        "the provincial library opens its doors": "thu-vien-tinh-mo-cua",
    }
    with ArchiveSearcher(ix, SAMPLE) as s:
        for question, folder in asked.items():
            assert _folder_of(s.search(question, mode="meaning").hits[0].id) == folder, question
            words = s.search(question, mode="words")
            assert words.total == 0 or _folder_of(words.hits[0].id) != folder


@pytest.mark.slow
@pytest.mark.skipif(not meaning.installed(), reason="the 'meaning' extra is not installed")
def test_a_killed_build_goes_on_from_its_last_chunk(tmp_path: Path) -> None:
    """SIGKILL `index --meaning` once a chunk is written: the next run embeds only the rest,
    and the vectors equal those of a build never cut short."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import REPO, write_article

    meaning.use_model(None)
    root = tmp_path / "archive"
    for i in range(2 * meaning.CHUNK + 40):
        write_article(root / f"{i:04d}", f"Bài {i}\n\nNội dung thứ {i} về mùa màng.\n")
    ix = tmp_path / "ix"
    update_index(root, ix, jobs=1)
    proc = subprocess.Popen(
        [sys.executable, "main.py", "index", str(root), "--index-dir", str(ix), "--meaning"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    folder = ix / meaning.FOLDER
    deadline = time.monotonic() + 300
    while not list(folder.glob("c*.json")) and time.monotonic() < deadline:
        assert proc.poll() is None, "the build ended before it wrote a chunk"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    with ArchiveSearcher(ix, root) as s:
        current = s.fingerprints()
        kept = meaning.state(ix, current).embedded
        assert kept >= meaning.CHUNK and s.search("mùa màng", mode="meaning").total > 0
    assert update_index(root, ix).embedded == len(current) - kept
    clean = tmp_path / "clean"
    update_index(root, clean, meaning=True)
    got = meaning.Vectors(ix, meaning.model_name()).fresh()
    want = meaning.Vectors(clean, meaning.model_name()).fresh()
    assert len(got) == len(want) == len(current)
    for aid in list(current)[:: len(current) // 20]:
        a, b = got.vector(aid), want.vector(aid)
        assert a is not None and b is not None and float(a @ b) > 0.999


def test_the_nearest_within_filters_match_a_brute_force_scan(
    sample: Path, tmp_path: Path, engine: str, model: WordsModel
) -> None:
    """However few of the nearest a filter keeps, the list is the nearest that pass it."""
    ix = tmp_path / "ix"
    update_index(sample, ix, engine=engine, meaning=True)
    with ArchiveSearcher(ix, sample) as s:
        years = {h.id: (h.date or "")[:4] for h in s.search("", pagesize=50).hits}
        vectors = s._vectors()
        for question in ("hội nghị đoàn kết", "lúa", "thư viện sách"):
            q = model.query(question)
            ranked = [a for a, _score in vectors.nearest(q, 100)]
            for year in ("2022", "2023", "2024"):
                for limit in (1, 2, 3):
                    want = [a for a in ranked if years[a] == year][:limit]
                    got, docs = s._closest(vectors, q, Filters(year=year), limit)
                    assert [a for a, _score in got] == want and set(docs) == set(want)
            r = s.search(question, mode="meaning", filters=Filters(year="2024"), pagesize=2)
            assert [h.id for h in r.hits] == [a for a in ranked if years[a] == "2024"][:2]


def test_archives_searched_together_by_meaning_one_without_vectors(
    sample: Path, tmp_path: Path, model: WordsModel
) -> None:
    """Several archives: those with vectors by meaning, one without by its words; one
    list, counted and merged by score."""
    from tangthu.library import Library, search_archives

    other = tmp_path / "other"
    shutil.copytree(sample / "2024", other / "2024")
    update_index(sample, tmp_path / "ix-a", meaning=True)
    update_index(other, tmp_path / "ix-b")
    a = Library(sample, index_dir=tmp_path / "ix-a")
    b = Library(other, index_dir=tmp_path / "ix-b")
    try:
        r = search_archives([a, b], "hội nghị", mode="meaning", pagesize=50, facets=True)
        by_archive = r.facets["archive"]
        assert by_archive == {str(a.root): 7, str(b.root): 1}  # b: its words' one match
        assert r.total == 8 and len(r.hits) == 8 and r.mode == "meaning"
    finally:
        a.close()
        b.close()


def test_a_question_is_embedded_once_for_its_pages(
    sample: Path, tmp_path: Path, model: WordsModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    plain = model.query
    monkeypatch.setattr(model, "query", lambda text: asked.append(text) or plain(text))
    ix = tmp_path / "ix"
    update_index(sample, ix, meaning=True)
    with ArchiveSearcher(ix, sample) as s:
        first = s.search('lúa "gặt" -bão', mode="both", pagesize=3)
        second = s.search('lúa "gặt" -bão', mode="both", pagesize=3, page=2)
        s.search("hội nghị", mode="meaning")
    assert asked == ["lúa gặt", "hội nghị"]  # the words it asks for, not those left out
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


def test_rows_kept_widened_or_widened_by_blocks_score_alike(
    sample: Path, tmp_path: Path, model: WordsModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = tmp_path / "ix"
    update_index(sample, ix, meaning=True)
    q = model.query("hội nghị đoàn kết")
    kept = meaning.Vectors(ix, model.name).fresh().scores(q)
    monkeypatch.setattr(meaning, "WIDE_ROWS", 0)
    blocks = meaning.Vectors(ix, model.name).fresh().scores(q)
    assert len(kept) == 7 and np.allclose(kept, blocks)


# --- a meaning folder someone else made ---------------------------------------------


def _spoil(folder: Path, how: str) -> None:
    """Make the first chunk of *folder* bad in one of the ways seen in copied folders."""
    import os

    listed = folder / "c000001.json"
    array = folder / "c000001.npy"
    data = json.loads(listed.read_text())
    if how == "ids-not-text":
        data["ids"] = list(range(len(data["ids"])))
        listed.write_text(json.dumps(data))
    elif how == "another-dimension":
        np.save(array, np.zeros((len(data["ids"]), DIM + 3), dtype=np.float16))
    elif how == "text-array":
        np.save(array, np.array(["x"] * len(data["ids"])))
    elif how == "nested-list":
        listed.write_text("[" * 100_000 + "]" * 100_000)
    elif how == "fifo":
        array.unlink()
        os.mkfifo(array)
    elif how == "truncated":
        with open(array, "r+b") as f:
            f.truncate(200)
    elif how == "folder":
        array.unlink()
        array.mkdir()


@pytest.mark.parametrize(
    "how",
    ["ids-not-text", "another-dimension", "text-array", "nested-list", "fifo", "truncated",
     "folder"],
)  # fmt: skip
def test_a_bad_chunk_is_never_trusted_and_is_made_again(
    sample: Path, tmp_path: Path, model: WordsModel, how: str
) -> None:
    ix = tmp_path / "ix"
    update_index(sample, ix, meaning=True)
    _spoil(ix / meaning.FOLDER, how)
    outcome: list[object] = []

    def search() -> None:
        try:
            with ArchiveSearcher(ix, sample) as s:
                outcome.append(s.search("lúa", mode="meaning").total)
        except meaning.MeaningMissing as exc:
            outcome.append(exc)

    worker = threading.Thread(target=search, daemon=True)
    worker.start()
    worker.join(30)  # a pipe read as a chunk would block forever
    assert outcome, f"a search by meaning hung on a chunk that is a {how}"
    assert isinstance(outcome[0], meaning.MeaningMissing)  # the only chunk is refused
    assert update_index(sample, ix).embedded == 7  # made again; the next runs go on
    assert update_index(sample, ix).embedded == 0
    with ArchiveSearcher(ix, sample) as s:
        assert s.search("lúa", mode="meaning").total > 0


_TRUNCATE_UNDER_SEARCH = """
import sys
from pathlib import Path
import numpy as np
from tangthu.index import meaning
vectors = meaning.Vectors(Path(sys.argv[1]), sys.argv[2]).fresh()
for path in (Path(sys.argv[1]) / meaning.FOLDER).glob("c*.npy"):
    with open(path, "r+b") as f:
        f.truncate(128)
print(len(vectors.nearest(np.ones(int(sys.argv[3]), dtype=np.float32), 3)))
"""


def test_a_chunk_truncated_under_a_search_ends_nothing(
    sample: Path, tmp_path: Path, model: WordsModel
) -> None:
    """Read whole, never memory-mapped: a file cut short by another process while it is
    searched would end the searching process (SIGBUS) under a mapping."""
    import subprocess
    import sys

    ix = tmp_path / "ix"
    update_index(sample, ix, meaning=True)
    run = subprocess.run(
        [sys.executable, "-c", _TRUNCATE_UNDER_SEARCH, str(ix), model.name, str(DIM)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, (run.returncode, run.stderr)
    assert run.stdout.strip() == "3"


class WideModel(WordsModel):
    name = "test-wide"
    dim = 4096

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        narrow = super().passages(texts)
        return np.tile(narrow, (1, self.dim // DIM))


def test_a_full_disk_while_writing_vectors_says_the_disk_is_full(
    sample: Path, tmp_path: Path
) -> None:
    import subprocess

    from tangthu.index.engine import IndexFailure

    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs can be mounted here: {mounted.stderr.decode().strip()}")
    try:
        ix = disk / "ix"
        update_index(sample, ix)
        free = shutil.disk_usage(disk).free
        (disk / "fill").write_bytes(b"\0" * (free - 24 * 1024))  # room for the lists
        meaning.use_model(WideModel())
        try:
            with pytest.raises(IndexFailure) as caught:
                update_index(sample, ix, meaning=True)  # 7 rows of 8 KB: no room
        finally:
            meaning.use_model(None)
        assert caught.value.code == "index-disk-full", caught.value
        assert "is full" in str(caught.value)
        assert not list((ix / meaning.FOLDER).glob(".c*.tmp"))  # nothing half written
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_an_article_with_no_text_is_never_among_the_nearest(
    sample: Path, tmp_path: Path, model: WordsModel
) -> None:
    empty = sample / "2025/01/bai-trong"
    empty.mkdir(parents=True)
    (empty / "article.txt").write_text("Lũ lụt bão lúa\n\n", encoding="utf-8")  # a title only
    ix = tmp_path / "ix"
    summary = update_index(sample, ix, meaning=True)
    assert summary.articles == 8
    assert not any("bai-trong" in text or "Lũ lụt bão lúa" in text for text in model.embedded)
    with ArchiveSearcher(ix, sample) as s:
        ids = [h.id for h in s.search("lũ lụt bão lúa", mode="meaning", pagesize=50).hits]
        assert len(ids) == 7 and not any("bai-trong" in i for i in ids)
        assert s.more_like("2025/01/bai-trong/article.txt", limit=3) == []  # like nothing
