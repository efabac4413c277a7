"""Shared fixtures. Qt runs offscreen; the real corpus is used when it is present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("TANGTHU_CORPUS", REPO.parent / "shared" / "corpus" / "vn-news"))
SEED = "nhan-rong-cac-dien-hinh-tien-tien-trong-phong-trao-doan-ket-sang-tao"
SAMPLE = REPO / "sample"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real article corpus (../shared/corpus/vn-news); tests skip without it."""
    if not (CORPUS / SEED / "article.txt").is_file():
        pytest.skip(
            f"the shared corpus is not at {CORPUS} (set TANGTHU_CORPUS to its vn-news folder)"
        )
    return CORPUS


@pytest.fixture(scope="session")
def corpus_index(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus indexed once per test session."""
    from tangthu.index.indexer import update_index

    path = tmp_path_factory.mktemp("corpus-index")
    update_index(corpus, path)
    return path


def write_article(folder: Path, text: str | bytes, name: str = "article.txt") -> Path:
    """Write an article file (str as UTF-8) into *folder*, creating it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def make_jpeg(
    path: Path,
    size: tuple[int, int] = (64, 48),
    *,
    color: str = "teal",
    exif: dict[int, object] | None = None,
) -> Path:
    """Write a small real JPEG, optionally with EXIF tags."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    im = Image.new("RGB", size, color)
    ex = Image.Exif()
    for tag, value in (exif or {}).items():
        ex[tag] = value
    im.save(path, "JPEG", exif=ex.tobytes() if exif else b"")
    return path
