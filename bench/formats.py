"""How well, and how fast, each article format is read.

    python -m bench.formats [--corpus DIR] [--articles 200] [--clippings 20]
                            [--eval DIR] [--runs 3] [--seed 7]

- Saved web pages, PDFs and Word files are made from real articles of the corpus
  (``../shared/corpus/vn-news``), chosen at random by *seed* among those no test
  uses: web pages in the four templates of ``tests/formats/pages.py`` with their
  menus, ads and lists; PDFs by Tàng Thư's own PDF export; Word files by
  python-docx. Each is read back and compared with the article it was made from.
- Scanned clippings print real articles onto paper-like pictures
  (``tests/formats/clippings.py``) and are read with Tesseract, one at a time
  (``OMP_THREAD_LIMIT=1``): how much of the printed text comes back.
- ``--eval DIR``: real pages saved from the web with what each must and must not
  yield (``DIR/evaldata.json`` and ``DIR/eval/*.html``: the evaluation set of the
  trafilatura project, https://github.com/adbar/trafilatura, ``tests/``): the share
  of the required snippets found and of the unwanted ones left out.

Times are medians of *runs* runs, per file. Prints JSON, then a table.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tangthu.archive.article import load_article
from tangthu.archive.formats import ocr
from tangthu.archive.model import Article

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "vn-news"
#: Articles the tests read (never measured here)
TESTED = "nhan-rong-cac-dien-hinh-tien-tien-trong-phong-trao-doan-ket-sang-tao"


def _norm(text: str) -> str:
    return " ".join(text.split())


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _norm(a), _norm(b), autojunk=False).ratio()


def _articles(corpus: Path, n: int, seed: int, *, photos: bool) -> list[Article]:
    folders = sorted(p for p in corpus.iterdir() if (p / "article.txt").is_file())
    rng = random.Random(seed)
    rng.shuffle(folders)
    out: list[Article] = []
    for folder in folders:
        if folder.name == TESTED:
            continue
        has = any(p.suffix.lower() in (".jpg", ".jpeg") for p in folder.iterdir())
        if photos and not has:
            continue
        article = load_article(corpus, folder / "article.txt")
        if len([b for b in article.blocks if b.type == "text"]) < 2 or not article.lead:
            continue
        if photos and not any(p.path for p in article.photos):
            continue
        out.append(article)
        if len(out) == n:
            break
    return out


def _timed(fn: Any, runs: int) -> tuple[Any, float]:
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def pages(articles: list[Article], work: Path, runs: int) -> dict[str, Any]:
    from tests.formats.pages import FURNITURE_WORDS, TEMPLATES, save_page

    counts = dict.fromkeys(
        ("title", "lead", "paragraphs_found", "paragraphs", "extra", "captions_right",
         "captions", "furniture", "date_right", "dated"), 0
    )  # fmt: skip
    times = []
    for k, article in enumerate(articles):
        template = TEMPLATES[k % len(TEMPLATES)]
        folder = work / "pages" / f"{k:04d}"
        truth = save_page(article, folder, template)
        got, seconds = _timed(
            lambda f=folder: load_article(work / "pages", f / "bai-bao.html"), runs
        )
        times.append(seconds)
        found = [b.text for b in got.blocks if b.type == "text"]
        counts["title"] += got.title == truth.title
        counts["lead"] += got.lead == truth.lead
        counts["paragraphs"] += len(truth.paragraphs)
        counts["paragraphs_found"] += sum(p in found for p in truth.paragraphs)
        counts["extra"] += sum(p not in truth.paragraphs for p in found)
        shown = {p.file: p.caption or "" for p in got.photos}
        counts["captions"] += len(truth.captions)
        counts["captions_right"] += sum(shown.get(f) == c for f, c in truth.captions.items())
        text = f"{got.title}\n{got.body_text}\n{' '.join(got.captions)}"
        counts["furniture"] += sum(w in text for w in FURNITURE_WORDS)
        if truth.date and len(truth.date) == 10:
            counts["dated"] += 1
            counts["date_right"] += got.date == truth.date
    n = len(articles)
    return {
        "files": n,
        "title_exact": counts["title"] / n,
        "lead_exact": counts["lead"] / n,
        "paragraph_recall": counts["paragraphs_found"] / max(1, counts["paragraphs"]),
        "paragraphs_not_in_story": counts["extra"],
        "captions_right": counts["captions_right"] / max(1, counts["captions"]),
        "furniture_words_leaked": counts["furniture"],
        "date_right": counts["date_right"] / max(1, counts["dated"]),
        "ms_per_file": statistics.median(times) * 1000,
    }


def pdfs(corpus: Path, articles: list[Article], work: Path, runs: int) -> dict[str, Any]:
    from tangthu.archive.export import export
    from tangthu.archive.selection import Item

    title = sims = dated = 0.0
    times = []
    for k, article in enumerate(articles):
        target = work / "pdf" / f"{k:04d}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        export([Item(str(corpus), article.id)], "pdf", target)
        got, seconds = _timed(lambda t=target: load_article(work / "pdf", t), runs)
        times.append(seconds)
        title += got.title == article.title
        sims += similarity(got.body_text, article.body_text)
        dated += got.date == article.date
    n = len(articles)
    return {
        "files": n,
        "title_exact": title / n,
        "text_similarity": sims / n,
        "date_right": dated / n,
        "ms_per_file": statistics.median(times) * 1000,
    }


def words(articles: list[Article], work: Path, runs: int) -> dict[str, Any]:
    import docx

    title = lead = paras = 0
    times = []
    for k, article in enumerate(articles):
        document = docx.Document()
        document.add_paragraph(article.title, style="Title")
        document.add_paragraph(article.lead)
        texts = [b.text for b in article.blocks if b.type == "text"]
        for text in texts:
            document.add_paragraph(text)
        target = work / "docx" / f"{k:04d}.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(target))
        got, seconds = _timed(lambda t=target: load_article(work / "docx", t), runs)
        times.append(seconds)
        title += got.title == article.title
        lead += got.lead == article.lead
        paras += [b.text for b in got.blocks if b.type == "text"] == texts
    n = len(articles)
    return {
        "files": n,
        "title_exact": title / n,
        "lead_exact": lead / n,
        "paragraphs_exact": paras / n,
        "ms_per_file": statistics.median(times) * 1000,
    }


def clippings(articles: list[Article], work: Path) -> dict[str, Any]:
    from tests.formats.clippings import make_clipping

    if ocr.missing():
        return {"skipped": ocr.missing()}
    sims, word_hits, word_total, confidences, times = [], 0, 0, [], []
    for k, article in enumerate(articles):
        path = work / "scans" / f"{k:04d}" / "trang.jpg"
        printed = make_clipping(article, path, seed=k)
        started = time.perf_counter()
        got = load_article(work / "scans", path)
        times.append(time.perf_counter() - started)
        read = f"{got.title}\n{got.lead}\n" + "\n".join(
            b.text for b in got.blocks if b.type == "text"
        )
        sims.append(similarity(read, printed.text))
        truth_words = _norm(printed.text).split()
        seen = set(_norm(read).split())
        word_hits += sum(w in seen for w in truth_words)
        word_total += len(truth_words)
        confidences.append(got.recognized or 0.0)
    started = time.perf_counter()
    load_article(work / "scans", work / "scans" / "0000" / "trang.jpg")
    cached = time.perf_counter() - started
    return {
        "files": len(articles),
        "character_similarity_median": statistics.median(sims),
        "character_similarity_min": min(sims),
        "words_found": word_hits / max(1, word_total),
        "confidence_median": statistics.median(confidences),
        "seconds_per_page": statistics.median(times),
        "seconds_when_cached": cached,
    }


def real_pages(folder: Path) -> dict[str, Any]:
    """The share of required snippets found and of unwanted ones left out, on real
    pages; trafilatura's own figures beside them when it is installed."""
    gold = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))

    def ours(path: Path) -> str:
        got = load_article(path.parent, path)
        return "\n".join([got.title, got.body_text, *got.captions])

    extractors: dict[str, Callable[[Path], str]] = {"tangthu": ours}
    try:
        import trafilatura

        extractors["trafilatura"] = lambda p: str(
            trafilatura.extract(p.read_text(encoding="utf-8", errors="replace")) or ""
        )
    except ImportError:
        pass
    out: dict[str, Any] = {}
    for name, extract in extractors.items():
        tp = fn = fp = tn = 0
        files = 0
        started = time.perf_counter()
        for item in gold.values():
            path = folder / "eval" / item["file"]
            if not path.is_file():
                continue
            files += 1
            text = _norm(extract(path))
            for snippet in item.get("with", []):
                found = _norm(snippet) in text
                tp, fn = tp + found, fn + (not found)
            for snippet in item.get("without", []):
                found = _norm(snippet) in text
                fp, tn = fp + found, tn + (not found)
        precision = tp / max(1, tp + fp)
        recall = tp / max(1, tp + fn)
        out[name] = {
            "pages": files,
            "required_found": recall,
            "unwanted_left_out": tn / max(1, tn + fp),
            "precision": precision,
            "f1": 2 * precision * recall / max(1e-9, precision + recall),
            "seconds": time.perf_counter() - started,
        }
    return out


def _text_pdf(article: Article, path: Path) -> None:
    """A plain born-digital PDF of *article*: its title in large letters, its text."""
    import textwrap

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = Path(__file__).resolve().parent.parent / "archive" / "export" / "fonts"
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(fonts / "DejaVuSans.ttf")))
    pdf = canvas.Canvas(str(path))
    y = 780.0
    for text, size in [(article.title, 16.0), *((p, 10.0) for p in article.body_text.split("\n"))]:
        for line in textwrap.wrap(text, 95 if size < 12 else 60) + [""]:
            if y < 60:
                pdf.showPage()
                y = 780.0
            pdf.setFont("DejaVu", size)
            pdf.drawString(56, y, line)
            y -= size * 1.4
    pdf.save()


def throughput(corpus: Path, n: int, work: Path, runs: int) -> dict[str, Any]:
    """An archive of *n* real articles in each format, indexed by each engine with both
    cores: seconds and articles per second of a first build, of a rescan that finds
    nothing changed, and the index's size."""
    import docx

    from tangthu.index import engines
    from tangthu.index.indexer import update_index
    from tests.formats.pages import TEMPLATES, save_page

    root = work / "mixed"
    pictured = _articles(corpus, n, 11, photos=True)
    plain = _articles(corpus, n, 13, photos=False)
    for k, article in enumerate(pictured):
        save_page(article, root / "web" / f"{k:05d}", TEMPLATES[k % 4])
    for k, article in enumerate(plain):
        (root / "pdf" / f"{k:05d}").mkdir(parents=True)
        _text_pdf(article, root / "pdf" / f"{k:05d}" / "bai.pdf")
        document = docx.Document()
        document.add_paragraph(article.title, style="Title")
        for text in article.body_text.split("\n"):
            document.add_paragraph(text)
        (root / "word" / f"{k:05d}").mkdir(parents=True)
        document.save(str(root / "word" / f"{k:05d}" / "bai.docx"))
    count = len(pictured) + 2 * len(plain)
    out: dict[str, Any] = {
        "articles": count,
        "web pages": len(pictured),
        "pdfs": len(plain),
        "word files": len(plain),
    }
    for engine in engines.available():
        builds, rescans = [], []
        for run in range(runs):
            ix = work / f"ix-{engine}-{run}"
            started = time.perf_counter()
            update_index(root, ix, engine=engine, jobs=2)
            builds.append(time.perf_counter() - started)
            started = time.perf_counter()
            update_index(root, ix, engine=engine, jobs=2)
            rescans.append(time.perf_counter() - started)
        size = sum(p.stat().st_size for p in (work / f"ix-{engine}-0").rglob("*") if p.is_file())
        out[engine] = {
            "first build s": statistics.median(builds),
            "articles per s": count / statistics.median(builds),
            "no-change rescan s": statistics.median(rescans),
            "index MB": size / 2**20,
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--clippings", type=int, default=20)
    parser.add_argument("--eval", type=Path, help="a folder with evaldata.json and eval/")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--throughput",
        type=int,
        default=0,
        metavar="N",
        help="also index N web pages, N PDFs and N Word files with each engine",
    )
    args = parser.parse_args()
    os.environ.setdefault("TANGTHU_CACHE_DIR", tempfile.mkdtemp(prefix="tangthu-bench-cache-"))
    with tempfile.TemporaryDirectory(prefix="tangthu-bench-formats-") as tmp:
        work = Path(tmp)
        pictured = _articles(args.corpus, args.articles, args.seed, photos=True)
        plain = _articles(args.corpus, args.articles, args.seed + 1, photos=False)
        report: dict[str, Any] = {
            "note": "pages, PDFs, Word files and clippings are made from real corpus "
            "articles and read back; --eval pages are real saved pages",
            "web pages": pages(pictured, work, args.runs),
            "pdf": pdfs(args.corpus, plain[: max(1, args.articles // 4)], work, args.runs),
            "docx": words(plain, work, args.runs),
            "clippings": clippings(plain[: args.clippings], work),
        }
        if args.eval:
            report["real pages"] = real_pages(args.eval)
        if args.throughput:
            report["throughput"] = throughput(args.corpus, args.throughput, work, args.runs)
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
