"""The files a user imports or keeps (saved searches, tags and notes) are checked against
their shape, with size and depth limits: a hostile or damaged one is refused or set aside,
never a traceback, never a hang, never a silent loss."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tangthu.archive.annotations import Annotations
from tangthu.archive.saved_searches import (
    FORMAT,
    MAX_SEARCHES,
    SavedSearch,
    SavedSearchError,
    SavedSearches,
)
from tangthu.archive.selection import Item
from tests.conftest import REPO


def _shared(path: Path, searches: list[object]) -> Path:
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "searches": searches}), "utf-8")
    return path


def test_two_thousand_searches_of_one_name_are_named_in_a_moment(tmp_path: Path) -> None:
    store = SavedSearches(tmp_path / "mine.json")
    shared = _shared(tmp_path / "s.json", [{"name": "Lũ", "query": "lũ"}] * 1_998)
    started = time.monotonic()
    names = store.import_from(shared)
    assert time.monotonic() - started < 2
    assert names[:3] == ["Lũ", "Lũ (2)", "Lũ (3)"] and names[-1] == "Lũ (1998)"
    assert len(set(names)) == 1_998
    store.save(SavedSearch("Bão", "bão"))
    again = store.import_from(_shared(tmp_path / "t.json", [{"name": "Lũ", "query": "x"}]))
    assert again == ["Lũ (1999)"]  # MAX_SEARCHES kept in all
    with pytest.raises(SavedSearchError):
        store.import_from(_shared(tmp_path / "u.json", [{"name": "Lũ", "query": "x"}]))


def test_a_file_of_too_many_searches_is_refused_at_once(tmp_path: Path) -> None:
    many = [{"name": f"Tìm {i}", "query": "x"} for i in range(300_000)]
    shared = _shared(tmp_path / "s.json", many)
    store = SavedSearches(tmp_path / "mine.json")
    started = time.monotonic()
    with pytest.raises(SavedSearchError):
        store.import_from(shared)
    assert time.monotonic() - started < 2
    few = _shared(tmp_path / "f.json", many[: MAX_SEARCHES + 1])
    with pytest.raises(SavedSearchError):
        store.import_from(few)
    assert store.items() == []


def test_a_deeply_nested_file_is_refused_not_a_traceback(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(SavedSearchError):
        SavedSearches(tmp_path / "mine.json").import_from(deep)


@pytest.mark.parametrize(
    ("filters", "named"),
    [
        ({"date_from": {"a": 1}}, "date_from"),
        ({"date_to": "31/12/2024"}, "date_to"),
        ({"has_photos": "no"}, "has_photos"),
        ({"year": [2024]}, "year"),
        ({"outlet": 5}, "outlet"),
        ("everything", "filters"),
    ],
)
def test_wrongly_typed_filters_are_refused_with_the_filter_named(
    tmp_path: Path, filters: object, named: str
) -> None:
    shared = _shared(tmp_path / "s.json", [{"name": "Lạ", "query": "x", "filters": filters}])
    with pytest.raises(SavedSearchError, match=named):
        SavedSearches(tmp_path / "mine.json").import_from(shared)


def test_well_typed_filters_are_kept(tmp_path: Path) -> None:
    good = {
        "date_from": "2024-01-01",
        "date_to": "2024-12-31",
        "outlet": "(none)",
        "year": "2024",
        "has_photos": True,
    }
    store = SavedSearches(tmp_path / "mine.json")
    store.import_from(_shared(tmp_path / "s.json", [{"name": "Đủ", "filters": good}]))
    assert store.get("Đủ").filters == good  # type: ignore[union-attr]
    from tangthu.library import saved_filters

    assert saved_filters(store.get("Đủ")).has_photos is True  # type: ignore[arg-type]


def test_a_store_that_cannot_be_read_is_set_aside_not_emptied(tmp_path: Path) -> None:
    path = tmp_path / "saved.json"
    path.write_text(json.dumps({"format": FORMAT, "searches": [{"name": 5}]}))
    store = SavedSearches(path)
    assert store.items() == [] and store.damaged is not None
    assert json.loads(store.damaged.read_text()) == {"format": FORMAT, "searches": [{"name": 5}]}
    store.save(SavedSearch("Mới", "x"))
    assert [s.name for s in SavedSearches(path).items()] == ["Mới"]


# --- tags and notes --------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "[" * 50_000 + "]" * 50_000,
        json.dumps({"version": 1, "items": [{"root": "/a", "id": "x", "tags": "abc"}]}),
        json.dumps({"version": 1, "items": [{"root": "/a", "id": "x", "tags": [1, 2]}]}),
        json.dumps({"version": 1, "items": [{"root": "/a", "id": "x", "note": {"a": 1}}]}),
        json.dumps({"version": 1, "items": [{"root": None, "id": "x"}]}),
        json.dumps({"version": 1, "items": "all"}),
    ],
)
def test_a_tags_store_of_the_wrong_shape_is_set_aside(tmp_path: Path, content: str) -> None:
    path = tmp_path / "annotations.json"
    path.write_text(content)
    store = Annotations(path)
    assert store.damaged is not None and store.damaged.read_text() == content
    assert store.tag_counts() == {}
    store.add_tag([Item(str(tmp_path), "a/article.txt")], "lũ")
    assert Annotations(path).tag_counts() == {"lũ": 1}


def test_a_null_note_is_no_note(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    root = str(tmp_path.resolve())
    items = [{"root": root, "id": "a/article.txt", "tags": ["lũ"], "note": None}]
    path.write_text(json.dumps({"version": 1, "items": items}))
    store = Annotations(path)
    item = Item(root, "a/article.txt")
    assert store.damaged is None and store.note(item) == "" and store.tags(item) == ("lũ",)


def test_every_command_works_beside_a_damaged_tags_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "annotations.json").write_text("[" * 50_000 + "]" * 50_000)
    env = {**os.environ, "TANGTHU_DATA_DIR": str(data)}
    for argv in (
        ["tags"],
        ["tag", "x/article.txt", "--archive", str(REPO / "sample"), "--add", "a"],
    ):
        run = subprocess.run(
            [sys.executable, str(REPO / "main.py"), *argv], capture_output=True, text=True, env=env
        )
        assert "Traceback" not in run.stderr, run.stderr
    assert any(p.name.startswith("annotations.damaged-") for p in data.iterdir())


def test_temporary_files_of_killed_writers_are_cleared(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    dead = tmp_path / ".annotations-999999-abcd1234.tmp"
    dead.write_bytes(b"x" * 1000)
    old = tmp_path / ".annotations-x1y2z3.tmp"  # older naming, two days old
    old.write_bytes(b"x")
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    mine = tmp_path / f".annotations-{os.getpid()}-q.tmp"  # a writer still running
    mine.write_bytes(b"x")
    Annotations(path).add_tag([Item(str(tmp_path), "a")], "t")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["annotations.json", mine.name])
