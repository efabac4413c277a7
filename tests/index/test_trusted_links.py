"""A link out of the archive is not followed until the librarian trusts the folder it
leads to; then the index, the reader and a scan read what is there."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tangthu import library
from tangthu.archive.trust import TrustedFolders, link_target, trusted_path
from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher
from tests.conftest import SAMPLE

LINKED = "2024/linked/mua-gat-lua-xuan/article.txt"


@pytest.fixture
def spread(tmp_path: Path) -> Path:
    """An archive with a link to a folder on another disk (outside it)."""
    root, other = tmp_path / "archive", tmp_path / "other" / "bai"
    (root / "2024").mkdir(parents=True)
    other.mkdir(parents=True)
    shutil.copytree(SAMPLE / "2024/03", root / "2024/03")
    shutil.copytree(SAMPLE / "2024/05/mua-gat-lua-xuan", other / "mua-gat-lua-xuan")
    (root / "2024/linked").symlink_to(other, target_is_directory=True)
    return root


def _ids(root: Path, ix: Path) -> set[str]:
    with ArchiveSearcher(ix, root) as s:
        return {h.id for h in s.search("", pagesize=50).hits}


def test_a_trusted_folder_is_read_and_forgetting_it_drops_it(spread: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    summary = update_index(spread, ix, jobs=1)
    assert [p.kind for p in summary.problems] == ["outside-link"]
    assert LINKED not in _ids(spread, ix)

    lib = library.Library(spread, index_dir=ix)
    folder = lib.trust(spread / "2024/linked")
    assert folder == str((tmp_path / "other" / "bai").resolve())
    assert lib.trusted() == (folder,)
    summary = update_index(spread, ix, jobs=1)
    assert summary.added == 1 and not summary.problems
    assert LINKED in _ids(spread, ix)
    article = lib.article(LINKED)
    assert article.title.startswith("Nông dân vào mùa gặt")
    assert all(p.exists for p in article.photos)  # its photos, through the link too
    report = library.scan([spread], trusted=lib.trusted())
    assert not report.problems
    # an export copies its files, through the link too
    out = tmp_path / "out.zip"
    done = library.export([library.records.Item(str(spread), LINKED)], "zip", out)
    assert not done.problems
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
    assert {LINKED, "2024/linked/mua-gat-lua-xuan/gat-lua.jpg"} <= names

    assert lib.forget_trust(spread / "2024/linked") == folder
    update_index(spread, ix, jobs=1)
    assert LINKED not in _ids(spread, ix)
    with pytest.raises(library.records.OutsideArchive):
        lib.trust(tmp_path / "other")  # not a link of the archive


def test_the_store_keeps_each_archive_s_folders(tmp_path: Path) -> None:
    store = TrustedFolders(trusted_path(tmp_path))
    assert store.trust("/a", "/x") and not store.trust("/a", "/x")
    assert TrustedFolders(trusted_path(tmp_path)).for_root("/a") == ("/x",)
    assert TrustedFolders(trusted_path(tmp_path)).for_root("/b") == ()
    (tmp_path / "trusted-links.json").write_text("{not json")
    damaged = TrustedFolders(trusted_path(tmp_path))
    assert damaged.damaged is not None and damaged.for_root("/a") == ()
    assert link_target(tmp_path / "nowhere") is None
