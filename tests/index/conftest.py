"""Small archives and their indexes for the index tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tangthu.index import engines
from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher
from tests.conftest import make_jpeg, write_article

ARTICLES = {
    "2024/03/dk": (
        "Hội nghị đoàn kết sáng tạo\n\nChiều 21/3/2024, hội nghị tổng kết phong trào đoàn kết.\n"
        "1.jpg\nQuang cảnh hội nghị đoàn kết.\n\nTheo Trần Tuấn Ngọc/baolaocai.vn\n"
    ),
    "2023/05/khong-dau": (
        "Bai viet khong dau\n\nNgay 2/5/2023 doan ket la suc manh cua thon ban.\n"
        "https://example/khong-dau.html\n"
    ),
    "2022/01/rai-rac": (
        "Tin rải rác\n\nNgày 10/1/2022, đoàn thanh niên đi làm, sau đó mới kết thúc họp.\n"
        "Theo TTXVN\n"
    ),
    "2021/07/quyet-dinh": (
        "Quyết định số 999/QĐ-TTg\n\nNgày 18/9/2021, Thủ tướng ký Quyết định số 999/QĐ-TTg về "
        "đường sắt Lào Cai.\n2.jpg\nĐoàn tàu trên tuyến đường sắt.\n"
    ),
    "khac/ĐOÀN": (
        "ĐOÀN VIÊN THAM GIA LAO ĐỘNG\n\nCÁC ĐOÀN VIÊN DỌN VỆ SINH ĐƯỜNG LÀNG.\n"
        "Tin Liên Quan\nHội nghị đoàn kết sáng tạo\nTóm tắt.\n"
    ),
}


def build_archive(root: Path) -> Path:
    for folder, text in ARTICLES.items():
        write_article(root / folder, text)
    make_jpeg(root / "2024/03/dk/1.jpg")
    make_jpeg(root / "2021/07/quyet-dinh/2.jpg")
    return root


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return build_archive(tmp_path / "archive")


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


@pytest.fixture(params=engines.available())
def engine(request: pytest.FixtureRequest) -> str:
    """Each installed search engine in turn (Whoosh always)."""
    return str(request.param)


@pytest.fixture
def searcher(archive: Path, index_dir: Path, engine: str):  # type: ignore[no-untyped-def]
    update_index(archive, index_dir, jobs=1, engine=engine)
    s = ArchiveSearcher(index_dir, archive)
    yield s
    s.close()
