"""How well Tesseract reads Vietnamese clippings, by the languages and resolution it is
given, and whether the confidence Tàng Thư shows says how much of the reading is right.

    python -m bench.ocr_clippings [--corpus DIR] [--articles N] [--dpi 150,200,300]

Real articles of the corpus are set as clean clippings (a bold title over a narrow
column, as a newspaper prints them) in several fonts at each resolution, then read by
Tesseract as Tàng Thư runs it (``--psm 3``, TSV) with each way of calling it:

- ``vie+eng``: the Vietnamese and English models together;
- ``vie``: the Vietnamese model alone;
- ``… ×2``: the picture scaled up to twice its size first when it is below 300 dpi.

For each, against the text set: the words read wrong (word error rate, by alignment),
the words whose letters are right but tone marks wrong, the titles read exactly, the
seconds taken; and, for the confidence, Tesseract's mean word confidence (what was
shown) next to the share of words it is sure of (conf ≥ `SURE`) and the share of
words actually right. Nothing here is a timed test: it prints what it measured.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import subprocess
import sys
import textwrap
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

#: A word Tesseract gives at least this confidence is one it is sure of.
SURE = 90
#: Fonts a clipping is set in, when this machine has them (a serif as papers print,
#: a sans, a condensed face).
FONTS = {
    "Liberation Serif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-{}.ttf",
    "Noto Serif": "/usr/share/fonts/truetype/noto/NotoSerif-{}.ttf",
    "DejaVu Serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif{}.ttf",
    "DejaVu Sans Condensed": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed{}.ttf",
}
_STYLES = {
    "Liberation Serif": ("Regular", "Bold"),
    "Noto Serif": ("Regular", "Bold"),
    "DejaVu Serif": ("", "-Bold"),
    "DejaVu Sans Condensed": ("", "-Bold"),
}
CONFIGS = (("vie+eng", 1), ("vie", 1), ("vie+eng", 2), ("vie", 2))


@dataclass
class Clip:
    title: str
    paragraphs: list[str]


@dataclass
class Tally:
    words: int = 0
    wrong: int = 0
    marks_wrong: int = 0
    titles: int = 0
    titles_right: int = 0
    seconds: list[float] = field(default_factory=list)
    mean_conf: list[float] = field(default_factory=list)
    sure_share: list[float] = field(default_factory=list)
    right_share: list[float] = field(default_factory=list)


def _plain(word: str) -> str:
    parts = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in parts if not unicodedata.combining(c)).casefold()


def words_of(text: str) -> list[str]:
    out = []
    for w in unicodedata.normalize("NFC", text).split():
        w = w.strip(".,;:!?\"'“”‘’()[]…-–—")
        if w:
            out.append(w)
    return out


def align(truth: list[str], read: list[str]) -> tuple[int, int]:
    """Edit distance between two word sequences, and how many of the substitutions
    differ only by tone marks."""
    n, m = len(truth), len(read)
    prev = list(range(m + 1))
    back: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        back[0][j] = 2
    for i in range(1, n + 1):
        cur = [i] + [0] * m
        back[i][0] = 1
        for j in range(1, m + 1):
            same = truth[i - 1] == read[j - 1]
            options = (
                (prev[j - 1] + (0 if same else 1), 0),
                (prev[j] + 1, 1),
                (cur[j - 1] + 1, 2),
            )
            cur[j], back[i][j] = min(options)
        prev = cur
    marks = 0
    i, j = n, m
    while i > 0 or j > 0:
        step = back[i][j]
        if step == 0:
            if truth[i - 1] != read[j - 1] and _plain(truth[i - 1]) == _plain(read[j - 1]):
                marks += 1
            i, j = i - 1, j - 1
        elif step == 1:
            i -= 1
        else:
            j -= 1
    return prev[m], marks


def clippings(corpus: Path, count: int) -> list[Clip]:
    """*count* articles of the corpus with a title and at least three paragraphs."""
    from tangthu.archive.article import load_article

    out: list[Clip] = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        text = folder / "article.txt"
        if not text.is_file():
            continue
        art = load_article(corpus, text, photo_info=False)
        paras = [art.lead, *(b.text for b in art.blocks if b.type == "text")]
        paras = [p for p in paras if len(p) > 80][:3]
        if len(paras) == 3 and 20 <= len(art.title) <= 90:
            out.append(Clip(art.title, paras))
        if len(out) >= count:
            break
    return out


def render(clip: Clip, font: str, dpi: int) -> bytes:
    """*clip* set as a clean printed clipping at *dpi*, as a PNG."""
    from PIL import Image, ImageDraw, ImageFont

    regular, bold = _STYLES[font]
    px = dpi / 72
    body_font = ImageFont.truetype(FONTS[font].format(regular), round(10 * px))
    title_font = ImageFont.truetype(FONTS[font].format(bold), round(16 * px))
    width = round(3.2 * dpi)  # a column of 3.2 inches
    margin = round(0.25 * dpi)
    lines: list[tuple[str, ImageFont.FreeTypeFont, float]] = []
    pieces: list[tuple[str, ImageFont.FreeTypeFont, float]] = [
        (clip.title, title_font, 16.0),
        *((p, body_font, 10.0) for p in clip.paragraphs),
    ]
    for text, face, points in pieces:
        chars = max(10, int((width - 2 * margin) / (0.5 * points * px)))
        wrapped = textwrap.wrap(text, chars)
        while any(face.getlength(w) > width - 2 * margin for w in wrapped) and chars > 10:
            chars -= 2
            wrapped = textwrap.wrap(text, chars)
        lines += [(w, face, points) for w in wrapped]
        lines.append(("", face, points * 0.6))
    height = round(2 * margin + sum(points * px * 1.35 for _, _, points in lines))
    im = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(im)
    y = float(margin)
    for text, face, points in lines:
        if text:
            draw.text((margin, y), text, font=face, fill=0)
        y += points * px * 1.35
    out = io.BytesIO()
    im.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def worn(png: bytes) -> bytes:
    """*png* as a worn clipping scans: yellowed grey paper, ink spread a little, specks,
    a slight tilt, saved as a JPEG of middling quality."""
    import random

    from PIL import Image, ImageFilter

    rng = random.Random(len(png))
    with Image.open(io.BytesIO(png)) as im:
        grey = im.convert("L").point(lambda v: 60 + v * 0.68)  # grey ink, dull paper
        grey = grey.rotate(0.6, resample=Image.Resampling.BICUBIC, fillcolor=230)
        grey = grey.filter(ImageFilter.GaussianBlur(0.7))
        pixels = grey.load()
        for _ in range(grey.width * grey.height // 400):
            x, y = rng.randrange(grey.width), rng.randrange(grey.height)
            pixels[x, y] = rng.choice((40, 90, 250))  # type: ignore[index]
        out = io.BytesIO()
        grey.save(out, "JPEG", quality=45)
    with Image.open(out) as again:
        png_out = io.BytesIO()
        again.save(png_out, "PNG")
    return png_out.getvalue()


def upscale(png: bytes, factor: int) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        big = im.resize((im.width * factor, im.height * factor), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    big.save(out, "PNG")
    return out.getvalue()


def read(png: bytes, languages: str) -> tuple[list[list[tuple[str, float]]], float]:
    """Tesseract's reading of *png* as Tàng Thư asks for it: its paragraphs as (word,
    confidence), and the seconds it took."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    started = time.perf_counter()
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", languages, "--psm", "3", "tsv"],
        input=png, capture_output=True, env=env, timeout=300, check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    paragraphs: dict[tuple[int, int, int], list[tuple[str, float]]] = {}
    rows = csv.DictReader(io.StringIO(done.stdout.decode()), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in rows:
        text = (row.get("text") or "").strip()
        try:
            conf = float(row.get("conf") or -1)
            key = (int(row["page_num"]), int(row["block_num"]), int(row["par_num"]))
        except (ValueError, KeyError, TypeError):
            continue
        if text and conf >= 0:
            paragraphs.setdefault(key, []).append((unicodedata.normalize("NFC", text), conf))
    return list(paragraphs.values()), seconds


def measure(
    clips: list[Clip], fonts: list[str], dpis: list[int], conditions: list[str]
) -> dict[tuple[str, str, int], Tally]:
    from tangthu.archive.formats.ocr import LEAST_CONFIDENCE

    tallies: dict[tuple[str, str, int], Tally] = {}
    for condition in conditions:
        for dpi in dpis:
            for font in fonts:
                for clip in clips:
                    png = render(clip, font, dpi)
                    if condition == "worn":
                        png = worn(png)
                    truth = words_of(" ".join([clip.title, *clip.paragraphs]))
                    for languages, factor in CONFIGS:
                        name = languages + (f" ×{factor}" if factor > 1 else "")
                        if factor > 1 and dpi >= 300:
                            continue
                        picture = upscale(png, factor) if factor > 1 else png
                        paragraphs, seconds = read(picture, languages)
                        kept = [(w, c) for p in paragraphs for w, c in p if c >= LEAST_CONFIDENCE]
                        got = words_of(" ".join(w for w, _ in kept))
                        wrong, marks = align(truth, got)
                        t = tallies.setdefault((condition, name, dpi), Tally())
                        t.words += len(truth)
                        t.wrong += wrong
                        t.marks_wrong += marks
                        t.seconds.append(seconds)
                        title = words_of(clip.title)
                        t.titles += 1
                        t.titles_right += (
                            words_of(" ".join(w for w, _ in kept))[: len(title)] == title
                        )
                        confs = [c for _, c in kept]
                        if confs:
                            t.mean_conf.append(statistics.fmean(confs))
                            t.sure_share.append(100 * sum(c >= SURE for c in confs) / len(confs))
                        t.right_share.append(100 * max(0, len(truth) - wrong) / max(1, len(truth)))
                    print(f"  {condition} {dpi} dpi, {font}: {clip.title[:40]}…", file=sys.stderr)
    return tallies


def table(tallies: dict[tuple[str, str, int], Tally]) -> str:
    lines = [
        "| clipping | languages | dpi | words wrong | tone marks wrong | titles exact "
        "| seconds (median) | mean confidence (shown before) | words sure (≥ 90) | words right |",
        "|" + "---|" * 10,
    ]
    for (condition, name, dpi), t in sorted(
        tallies.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1])
    ):
        lines.append(
            f"| {condition} | {name} | {dpi} | "
            f"{100 * t.wrong / t.words:.1f}% ({t.wrong}/{t.words}) | "
            f"{100 * t.marks_wrong / t.words:.1f}% | {t.titles_right}/{t.titles} | "
            f"{statistics.median(t.seconds):.2f} | {statistics.fmean(t.mean_conf):.1f} | "
            f"{statistics.fmean(t.sure_share):.1f}% | {statistics.fmean(t.right_share):.1f}% |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ocr_clippings")
    here = Path(__file__).resolve().parents[1]
    parser.add_argument("--corpus", type=Path, default=here.parent / "shared/corpus/vn-news")
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--dpi", default="150,200,300")
    parser.add_argument("--conditions", default="clean,worn", help="clean, worn or both")
    args = parser.parse_args(argv)
    fonts = [f for f in FONTS if Path(FONTS[f].format(_STYLES[f][0])).is_file()]
    clips = clippings(args.corpus, args.articles)
    dpis = [int(d) for d in args.dpi.split(",")]
    print(f"{len(clips)} articles × {len(fonts)} fonts ({', '.join(fonts)}) × {dpis} dpi")
    conditions = args.conditions.split(",")
    print(table(measure(clips, fonts, dpis, conditions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
