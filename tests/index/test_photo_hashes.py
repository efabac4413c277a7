"""The same photo in several articles: hashed while indexing, found by the core."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from tangthu.index import photo_hashes
from tangthu.index.indexer import update_index
from tangthu.index.photo_hashes import groups, load
from tangthu.library import Library
from tests.conftest import SAMPLE, write_article


def _article(root: Path, name: str, photo: str) -> None:
    write_article(root / name, f"Bài {name}\n\nNội dung {name}.\n{photo}\nChú thích {name}.\n")


def test_copies_resized_and_recompressed_are_found_and_others_are_not(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    source = SAMPLE / "2023/12/le-hoi-hoa-da-quy/da-quy-1.jpg"
    other = SAMPLE / "2022/06/bao-tang-tinh/bao-tang.jpg"
    _article(root, "goc", "anh.jpg")
    shutil.copy(source, root / "goc" / "anh.jpg")
    _article(root, "dang-lai", "lai.jpg")  # re-published: smaller and re-compressed
    with Image.open(source) as im:
        im.resize((im.width // 2, im.height // 2)).save(root / "dang-lai" / "lai.jpg", quality=60)
    _article(root, "khac", "khac.jpg")
    shutil.copy(other, root / "khac" / "khac.jpg")
    _article(root, "hong", "hong.jpg")
    (root / "hong" / "hong.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    ix = tmp_path / "ix"
    update_index(root, ix, jobs=1)
    hashes = load(ix)
    assert set(hashes) == {
        "goc/article.txt#anh.jpg",
        "dang-lai/article.txt#lai.jpg",
        "khac/article.txt#khac.jpg",
    }
    assert groups(hashes) == [["dang-lai/article.txt#lai.jpg", "goc/article.txt#anh.jpg"]]
    lib = Library(root, index_dir=ix)
    try:
        same = lib.same_photos("goc/article.txt", "anh.jpg")
        assert [(e.article_id, e.file) for e in same] == [("dang-lai/article.txt", "lai.jpg")]
        assert same[0].title == "Bài dang-lai" and same[0].caption == "Chú thích dang-lai."
        assert lib.same_photos("khac/article.txt", "khac.jpg") == []
        assert [e.id for e in lib.duplicate_photos()] == [
            "dang-lai/article.txt#lai.jpg",
            "goc/article.txt#anh.jpg",
        ]
    finally:
        lib.close()
    # an article removed takes its photos' hashes along; one rewritten is hashed again
    shutil.rmtree(root / "dang-lai")
    update_index(root, ix, jobs=1)
    assert "dang-lai/article.txt#lai.jpg" not in load(ix)
    assert groups(load(ix)) == []


def test_a_run_with_nothing_new_does_not_read_the_hashes_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "kho"
    _article(root, "goc", "anh.jpg")
    shutil.copy(SAMPLE / "2023/12/le-hoi-hoa-da-quy/da-quy-1.jpg", root / "goc" / "anh.jpg")
    ix = tmp_path / "ix"
    update_index(root, ix, jobs=1)
    assert set(load(ix)) == {"goc/article.txt#anh.jpg"}
    reads = []
    real_read = photo_hashes._read
    monkeypatch.setattr(photo_hashes, "_read", lambda p: reads.append(p) or real_read(p))
    update_index(root, ix, jobs=1)
    assert reads == []  # nothing new: the stamp says the file is up to date
    _article(root, "moi", "moi.jpg")  # a new article: the hashes are read and extended
    shutil.copy(SAMPLE / "2022/06/bao-tang-tinh/bao-tang.jpg", root / "moi" / "moi.jpg")
    update_index(root, ix, jobs=1)
    assert reads and set(load(ix)) == {"goc/article.txt#anh.jpg", "moi/article.txt#moi.jpg"}
    reads.clear()
    (ix / photo_hashes.FILE).unlink()  # lost: made again, whatever the stamp says
    update_index(root, ix, jobs=1)
    assert set(load(ix)) == {"goc/article.txt#anh.jpg", "moi/article.txt#moi.jpg"}
