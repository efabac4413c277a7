"""Incremental indexing, cancel, a second writer, rebuilds and damaged indexes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tangthu.archive.formats import READER_VERSION
from tangthu.archive.model import Cancelled, CancelToken
from tangthu.index import engines
from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher
from tangthu.index.store import (
    FILES,
    MANIFEST,
    IndexBusy,
    IndexMissing,
    index_dir_for,
    read_manifest,
)
from tests.conftest import write_article
from tests.index.conftest import build_archive


def _ids(index_dir: Path, query: str = "") -> set[str]:
    with ArchiveSearcher(index_dir) as s:
        return {h.id for h in s.search(query, pagesize=100).hits}


def test_first_run_adds_everything(archive: Path, index_dir: Path) -> None:
    s = update_index(archive, index_dir, jobs=1)
    assert (s.articles, s.photos, s.added, s.updated, s.deleted) == (5, 2, 5, 0, 0)
    assert len(_ids(index_dir)) == 5


def test_second_run_changes_nothing(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    s = update_index(archive, index_dir, jobs=1)
    assert (s.added, s.updated, s.deleted) == (0, 0, 0)
    assert s.articles == 5


def test_add_change_delete(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    write_article(archive / "moi", "Bài mới tinh\n\nNội dung về hợp tác xã.\n")
    (archive / "2022/01/rai-rac/article.txt").write_text("Tin đã sửa\n\nChỉ còn chữ khác hẳn.\n")
    os.utime(archive / "2022/01/rai-rac/article.txt", ns=(10**18, 10**18))
    (archive / "2023/05/khong-dau/article.txt").unlink()
    s = update_index(archive, index_dir, jobs=1)
    assert (s.added, s.updated, s.deleted, s.articles) == (1, 1, 1, 5)
    assert "moi/article.txt" in _ids(index_dir, "hợp tác xã")
    assert "2022/01/rai-rac/article.txt" in _ids(index_dir, "khác hẳn")
    assert "2022/01/rai-rac/article.txt" not in _ids(index_dir, "thanh niên")
    assert "2023/05/khong-dau/article.txt" not in _ids(index_dir)


def test_changed_photo_reindexes_its_article(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    os.utime(archive / "2024/03/dk/1.jpg", ns=(10**18, 10**18))
    s = update_index(archive, index_dir, jobs=1)
    assert (s.added, s.updated, s.deleted) == (0, 1, 0)
    with ArchiveSearcher(index_dir) as searcher:
        assert searcher.search_photos("").total == 2  # photo documents replaced, not doubled


def test_cancel_leaves_index_unchanged(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    before = _ids(index_dir)
    for i in range(20):
        write_article(archive / f"them/{i}", f"Thêm {i}\n\nNội dung {i}.\n")
    (archive / "2024/03/dk/article.txt").unlink()
    token = CancelToken()
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 10:
            token.cancel()

    with pytest.raises(Cancelled):
        update_index(archive, index_dir, jobs=1, progress=progress, cancel=token)
    assert seen[-1] == 10
    assert _ids(index_dir) == before
    s = update_index(archive, index_dir, jobs=1)  # a rerun completes it
    # the article's photo, alone in its folder now, is an article of its own
    assert (s.added, s.deleted, s.articles) == (21, 1, 25)
    alone = _ids(index_dir) - before
    assert [i for i in alone if i.startswith("2024/03/dk/")] == ["2024/03/dk/1.jpg"]


def test_cancelled_rebuild_keeps_the_old_index(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        update_index(archive, index_dir, rebuild=True, jobs=1, cancel=token)
    assert len(_ids(index_dir)) == 5
    assert not index_dir.with_name(index_dir.name + ".new").exists()


def test_keyboard_interrupt_releases_the_lock(archive: Path, index_dir: Path) -> None:
    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    update_index(archive, index_dir, jobs=1)
    write_article(archive / "x", "X\n\nY.\n")
    with pytest.raises(KeyboardInterrupt):
        update_index(archive, index_dir, jobs=1, progress=interrupt)
    assert update_index(archive, index_dir, jobs=1).added == 1


def test_second_writer_gets_busy_error(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    write_article(archive / "x", "X\n\nY.\n")
    from whoosh import index as whoosh_index  # hold the default engine's own lock

    ix = whoosh_index.open_dir(str(index_dir))
    writer = ix.writer()
    try:
        with pytest.raises(IndexBusy, match="busy"):
            update_index(archive, index_dir, jobs=1)
    finally:
        writer.cancel()
        ix.close()
    assert update_index(archive, index_dir, jobs=1).added == 1


def test_rebuild_starts_over(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    s = update_index(archive, index_dir, rebuild=True, jobs=1)
    assert (s.added, s.articles) == (5, 5)


def test_lost_manifest_is_recovered_from_the_index(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    (index_dir / FILES).unlink()
    s = update_index(archive, index_dir, jobs=1)
    assert (s.added, s.updated, s.deleted) == (0, 0, 0)
    assert len(read_manifest(index_dir, with_files=True)["articles"]) == 5  # type: ignore[index]


def test_a_list_the_manifest_does_not_name_is_not_trusted(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    files = json.loads((index_dir / FILES).read_text())
    files["token"] = "another run's"
    files["articles"] = {}  # as if nothing were indexed: trusted, all five would be added
    (index_dir / FILES).write_text(json.dumps(files))
    assert "articles" not in read_manifest(index_dir, with_files=True)  # type: ignore[operator]
    s = update_index(archive, index_dir, jobs=1)
    assert (s.added, s.updated, s.deleted, s.articles) == (0, 0, 0, 5)


def test_a_search_does_not_read_the_list_of_files(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    (index_dir / FILES).write_text("not JSON")
    head = read_manifest(index_dir)
    assert head is not None and "articles" not in head and head["counts"]["articles"] == 5
    with ArchiveSearcher(index_dir) as searcher:
        assert searcher.article_count() == 5


def test_a_manifest_holding_its_list_is_still_read(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    data = json.loads((index_dir / MANIFEST).read_text())
    data["articles"] = json.loads((index_dir / FILES).read_text())["articles"]
    del data["files"]
    (index_dir / MANIFEST).write_text(json.dumps(data))
    (index_dir / FILES).unlink()
    s = update_index(archive, index_dir, jobs=1)
    assert (s.added, s.updated, s.deleted, s.articles) == (0, 0, 0, 5)
    assert "articles" not in json.loads((index_dir / MANIFEST).read_text())  # moved out
    assert len(json.loads((index_dir / FILES).read_text())["articles"]) == 5


def test_old_schema_version_is_rebuilt(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    data = json.loads((index_dir / MANIFEST).read_text())
    data["schema"] = -1
    (index_dir / MANIFEST).write_text(json.dumps(data))
    with pytest.raises(IndexMissing, match="older version"):
        ArchiveSearcher(index_dir)
    s = update_index(archive, index_dir, jobs=1)
    assert (s.added, s.articles) == (5, 5)


def test_damaged_index_is_rebuilt(archive: Path, index_dir: Path) -> None:
    update_index(archive, index_dir, jobs=1)
    for toc in index_dir.glob("*.toc"):
        toc.write_bytes(b"garbage")
    s = update_index(archive, index_dir, jobs=1)
    assert s.articles == 5


def test_bulk_run_with_two_processes(tmp_path: Path) -> None:
    root = tmp_path / "big"
    for i in range(1100):
        write_article(root / f"{i // 100}/{i}", f"Bài số {i}\n\nNội dung đoàn kết {i}.\n")
    s = update_index(root, tmp_path / "ix", jobs=2)
    assert (s.added, s.articles) == (1100, 1100)
    with ArchiveSearcher(tmp_path / "ix") as searcher:
        assert searcher.search("doan ket").total == 1100
        assert searcher.search('"bài số 1099"').hits[0].id == "10/1099/article.txt"


def test_index_location_is_outside_the_archive(
    archive: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TANGTHU_DATA_DIR", str(tmp_path / "data"))
    path = index_dir_for(archive)
    assert path.parent == tmp_path / "data" / "indexes"
    assert path.name.startswith("archive-")
    assert index_dir_for(archive) == index_dir_for(str(archive) + "/")
    update_index(archive, jobs=1)
    assert (path / MANIFEST).is_file()
    assert not any(p.name.startswith(("MAIN", "_MAIN")) for p in archive.rglob("*"))


def test_problems_are_kept_between_runs(archive: Path, index_dir: Path) -> None:
    write_article(archive / "thieu", "Thiếu ảnh\n\nMở.\nkhong-co.jpg\nChú thích.\n")
    first = update_index(archive, index_dir, jobs=1)
    assert [p.kind for p in first.problems] == ["missing-photo"]
    second = update_index(archive, index_dir, jobs=1)
    assert [p.kind for p in second.problems] == ["missing-photo"]
    (archive / "thieu" / "article.txt").write_text("Đủ rồi\n\nKhông ảnh.\n")
    os.utime(archive / "thieu/article.txt", ns=(10**18, 10**18))
    assert update_index(archive, index_dir, jobs=1).problems == []


def test_a_run_killed_between_commit_and_manifest_leaves_no_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tangthu.index import indexer
    from tangthu.index.search import ArchiveSearcher

    root = build_archive(tmp_path / "archive")
    ix = tmp_path / "ix"
    update_index(root, ix, jobs=1)
    write_article(root / "moi", "Bài mới\n\nNội dung mới.\n")

    def killed(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt  # as if the process died right after the commit

    monkeypatch.setattr(indexer, "write_manifest", killed)
    with pytest.raises(KeyboardInterrupt):
        update_index(root, ix, jobs=1)
    monkeypatch.undo()
    done = update_index(root, ix, jobs=1)
    assert done.articles == 6
    with ArchiveSearcher(ix) as s:
        assert [h.id for h in s.search("bài mới").hits].count("moi/article.txt") == 1
        assert s.search("").total == 6


def test_an_index_made_by_other_readers_is_read_again_once(
    archive: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = update_index(archive, index_dir, jobs=1)
    assert not first.reread
    assert read_manifest(index_dir)["reader"] == READER_VERSION
    # the readers read files better in the next version: every article is read again
    monkeypatch.setattr("tangthu.index.indexer.READER_VERSION", READER_VERSION + 1)
    s = update_index(archive, index_dir, jobs=1)
    assert (s.added, s.updated, s.deleted, s.reread) == (0, 5, 0, True)
    assert s.to_dict()["reread"] is True
    s = update_index(archive, index_dir, jobs=1)  # once
    assert (s.added, s.updated, s.deleted, s.reread) == (0, 0, 0, False)


def test_a_reading_again_that_is_stopped_goes_on_at_the_next_update(
    archive: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    update_index(archive, index_dir, jobs=1)
    monkeypatch.setattr("tangthu.index.indexer.READER_VERSION", READER_VERSION + 1)
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if done >= 2:
            token.cancel()

    with pytest.raises(Cancelled):
        update_index(archive, index_dir, jobs=1, progress=progress, cancel=token)
    assert read_manifest(index_dir)["reader"] == READER_VERSION  # (not read again yet)
    s = update_index(archive, index_dir, jobs=1)
    assert (s.updated, s.reread) == (5, True)
    assert read_manifest(index_dir)["reader"] == READER_VERSION + 1


@pytest.mark.skipif("tantivy" not in engines.available(), reason="no 'fast' extra")
def test_a_new_index_of_a_large_archive_is_built_with_the_faster_engine(
    archive: Path, index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tangthu.index.engines.FAST_FROM", 5)
    s = update_index(archive, index_dir, jobs=1)
    assert (s.engine, s.chosen_for, read_manifest(index_dir)["engine"]) == ("tantivy", 5, "tantivy")
    assert _ids(index_dir, "doan ket")  # searched with it
    # asked for, an engine is taken whatever the size; an index keeps its own
    asked = update_index(archive, tmp_path / "asked", jobs=1, engine="whoosh")
    assert (asked.engine, asked.chosen_for) == ("whoosh", None)
    monkeypatch.setattr("tangthu.index.engines.FAST_FROM", 1_000)
    kept = update_index(archive, index_dir, jobs=1)
    assert (kept.engine, kept.chosen_for, kept.added, kept.updated) == ("tantivy", None, 0, 0)
    # below the size, and without tantivy, a new index is Whoosh's
    small = update_index(archive, tmp_path / "small", jobs=1)
    assert (small.engine, small.chosen_for) == ("whoosh", None)
    monkeypatch.setattr("tangthu.index.engines.FAST_FROM", 5)
    monkeypatch.setattr("tangthu.index.engines._tantivy", lambda: None)
    bare = update_index(archive, tmp_path / "bare", jobs=1)
    assert (bare.engine, bare.chosen_for) == ("whoosh", None)
