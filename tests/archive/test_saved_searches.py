"""Saved searches: kept, renamed, deleted, shared as a file and read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tangthu.archive.saved_searches import SavedSearch, SavedSearchError, SavedSearches


def test_save_rename_delete_and_keep(tmp_path: Path) -> None:
    path = tmp_path / "saved.json"
    store = SavedSearches(path)
    store.save(SavedSearch("Lũ  2024", "lũ lụt", {"date_from": "2024-01-01", "outlet": ""}, "date"))
    store.save(SavedSearch("Đoàn kết", '"đoàn kết"', {"has_photos": True}, exact=True))
    again = SavedSearches(path)
    assert [s.name for s in again.items()] == ["Lũ 2024", "Đoàn kết"]
    lu = again.get("Lũ 2024")
    assert lu is not None and lu.filters == {"date_from": "2024-01-01"} and lu.sort == "date"
    again.rename("Lũ 2024", "Lũ lụt năm 2024")
    with pytest.raises(SavedSearchError):
        again.rename("Đoàn kết", "Lũ lụt năm 2024")
    with pytest.raises(SavedSearchError):
        again.save(SavedSearch("  ", "x"))
    again.delete("Đoàn kết")
    assert [s.name for s in SavedSearches(path).items()] == ["Lũ lụt năm 2024"]


def test_shared_as_a_file_and_imported_beside_the_own(tmp_path: Path) -> None:
    mine = SavedSearches(tmp_path / "mine.json")
    mine.save(SavedSearch("Lũ", "lũ"))
    theirs = SavedSearches(tmp_path / "theirs.json")
    theirs.save(SavedSearch("Lũ", "lũ quét", {"year": "2024"}))
    theirs.save(SavedSearch("Bão", "bão số 3"))
    shared = tmp_path / "shared.json"
    assert theirs.export_to(shared) == 2
    assert json.loads(shared.read_text("utf-8"))["format"] == "tangthu-saved-searches"
    assert mine.import_from(shared) == ["Lũ (2)", "Bão"]
    imported = mine.get("Lũ (2)")
    assert (
        imported is not None
        and imported.query == "lũ quét"
        and imported.filters == {"year": "2024"}
    )
    (tmp_path / "bad.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(SavedSearchError):
        mine.import_from(tmp_path / "bad.json")
    assert len(SavedSearches(tmp_path / "mine.json").items()) == 3


def test_the_mode_of_a_search_is_kept_renamed_and_shared(tmp_path: Path) -> None:
    store = SavedSearches(tmp_path / "saved.json")
    store.save(SavedSearch("Bão", "storm relief", mode="meaning"))
    store.save(SavedSearch("Lũ", "lũ lụt"))
    store.rename("Bão", "Cứu trợ")
    again = SavedSearches(tmp_path / "saved.json")
    assert [(s.name, s.mode) for s in again.items()] == [("Cứu trợ", "meaning"), ("Lũ", "words")]
    shared = tmp_path / "shared.json"
    again.export_to(shared)
    other = SavedSearches(tmp_path / "other.json")
    other.import_from(shared)
    assert [s.mode for s in other.items()] == ["meaning", "words"]
    with pytest.raises(ValueError, match="mode"):
        SavedSearch.from_dict({"name": "x", "query": "y", "mode": "guess"})
