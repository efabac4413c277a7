"""The archive the scale benchmarks are measured on: real articles first, then articles
recombined from their paragraphs, in the seed layout, the same for the same seed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bench import big_archive
from tangthu.archive.article import load_article
from tests.conftest import CORPUS, REPO

TOOLS = REPO.parent / "shared" / "tools"

_PARAGRAPHS = [
    "Ngày 27/3 , Cơ_quan Cảnh_sát điều_tra Công_an tỉnh Hưng_Yên cho biết vừa khởi_tố vụ án .",
    "Theo tài_liệu điều_tra , đối_tượng đã đột_nhập vào nhà ông Thịnh lúc 7h30 .",
    "Vụ án đang được hoàn_thiện hồ_sơ để xử_lý theo quy_định của pháp_luật .",
    "Nông_dân xã Liên_Phương thu_hoạch lúa sớm để tránh mưa bão .",
    "Giá thóc tăng nhẹ so với tuần trước , thương_lái thu_mua tại ruộng .",
]


def _vnds(folder: Path, n: int) -> Path:
    split = folder / "train_tokenized"
    split.mkdir(parents=True)
    for i in range(n):
        body = "\n".join(_PARAGRAPHS[(i + k) % len(_PARAGRAPHS)] for k in range(4))
        (split / f"{i:06d}.txt.seg").write_text(
            f"Tin_tức số {i} về Hưng_Yên\n\nLời dẫn của bài {i} , viết về mùa_vụ .\n\n{body}\n",
            encoding="utf-8",
        )
    return folder


def _digest(root: Path) -> str:
    h = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        h.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.mark.skipif(not (TOOLS / "make_scale_archive.py").is_file(), reason="no shared tools")
def test_real_articles_then_recombined_ones_the_same_for_a_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vnds = _vnds(tmp_path / "vnds", 6)
    argv = ["--vnds", str(vnds), "-n", "40", "--tools", str(TOOLS), "--photos", str(CORPUS)]
    big_archive.main([*argv, "--out", str(tmp_path / "a")])
    assert "40 articles" in capsys.readouterr().out
    big_archive.main([*argv, "--out", str(tmp_path / "b")])
    assert "6 real VNDS articles and 34 recombined" in capsys.readouterr().out
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    files = sorted((tmp_path / "a").rglob("article.txt"))
    assert len(files) == 40
    words = {w for p in _PARAGRAPHS for w in p.replace("_", " ").split()}
    for path in files:
        year, month = path.parent.parent.parent.name, path.parent.parent.name
        assert 2005 <= int(year) <= 2024 and 1 <= int(month) <= 12
        article = load_article(tmp_path / "a", path, photo_info=False)
        assert article.date is not None and article.date.startswith(f"{year}-{month}")
        assert article.title
        text = " ".join(b.text for b in article.blocks if b.text)
        assert words & set(text.split())  # the paragraphs are the sources' own
    outlets = {load_article(tmp_path / "a", p, photo_info=False).outlet for p in files}
    assert len(outlets - {None, ""}) >= 2  # the outlet facet has something to count
    pictured = [p for p in files if any(p.parent.glob("*.JPG"))]
    assert pictured  # some articles name photos, linked from the corpus
