"""The format of each article is a facet with counts, a filter and a field of every
hit, the same on both engines, and agrees with a count of the files on disk."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tangthu.archive.scan import scan
from tangthu.cli.commands import run as cli
from tangthu.index import engines
from tangthu.index.engine import Filters
from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher
from tests.archive.test_formats import _seed_docx, _seed_pdf
from tests.conftest import SEED
from tests.formats.pages import TEMPLATES, save_page


@pytest.fixture(scope="module")
def mixed(corpus: Path, pictured: list, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of every format: the seed as text, PDF and Word, and four real
    articles saved as web pages."""
    root = tmp_path_factory.mktemp("mixed") / "kho"
    for template, article in zip(TEMPLATES, pictured[:4], strict=True):
        save_page(article, root / "web" / template, template)
    _seed_pdf(corpus, root / "pdf" / "bai.pdf")
    _seed_docx(corpus, root / "word" / "bai.docx")
    (root / "text").mkdir()
    (root / "text" / "article.txt").write_bytes((corpus / SEED / "article.txt").read_bytes())
    return root


@pytest.mark.parametrize("engine", engines.available())
def test_the_format_is_a_facet_a_filter_and_a_field(
    mixed: Path, tmp_path: Path, engine: str
) -> None:
    update_index(mixed, tmp_path / "ix", jobs=1, engine=engine)
    on_disk = Counter(a.format for a in scan(mixed).articles)
    assert on_disk == {"html": 4, "pdf": 1, "docx": 1, "text": 1}
    with ArchiveSearcher(tmp_path / "ix", mixed) as s:
        everything = s.search("", pagesize=50, facets=True)
        assert everything.facets["format"] == dict(on_disk.most_common())
        assert Counter(h.format for h in everything.hits) == on_disk
        seed_words = s.search("đoàn kết sáng tạo", pagesize=50, facets=True)
        assert set(seed_words.facets["format"]) >= {"pdf", "docx", "text"}
        only_pdf = s.search("đoàn kết sáng tạo", filters=Filters(format="pdf"), pagesize=50)
        assert [h.id for h in only_pdf.hits] == ["pdf/bai.pdf"]
        assert only_pdf.hits[0].format == "pdf"
        none = s.search("đoàn kết sáng tạo", filters=Filters(format="html"))
        assert none.total == 0 and none.emptied_by == ["format"]


def test_the_command_line_filters_by_format(
    mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["scan", str(mixed), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["formats"] == {
        "docx": 1, "html": 4, "pdf": 1, "text": 1
    }  # fmt: skip
    ix = str(tmp_path / "ix")
    assert cli(["index", str(mixed), "--index-dir", ix, "--jobs", "1"]) == 0
    capsys.readouterr()
    args = ["search", "doan ket sang tao", "--archive", str(mixed), "--index-dir", ix]
    assert cli([*args, "--format-of", "docx", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [(h["id"], h["format"]) for h in hits] == [("word/bai.docx", "docx")]
    assert cli([*args, "--format-of", "html"]) == 0
    assert "No articles in html files (remove --format-of)" in capsys.readouterr().out
