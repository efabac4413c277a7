"""Scanned clippings made from real articles: the title in large letters and the
paragraphs in two sizes of a common typeface, printed onto slightly grey paper,
turned a little as a scanner turns a page, with the noise of a scan, saved as a
JPEG at about 300 dpi. `make_clipping` returns the text printed (`Printed`), so a
test or the benchmark can compare what OCR read with it.
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tangthu.archive.model import Article
from tests.conftest import REPO

FONT = REPO / "archive" / "export" / "fonts" / "DejaVuSans.ttf"
BOLD = REPO / "archive" / "export" / "fonts" / "DejaVuSans-Bold.ttf"


@dataclass
class Printed:
    title: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n".join([self.title, *self.paragraphs])


def make_clipping(
    article: Article, path: Path, *, seed: int = 0, paragraphs: int = 4, width: int = 1700
) -> Printed:
    rng = random.Random(seed)
    body = [article.lead, *(b.text for b in article.blocks if b.type == "text")]
    printed = Printed(article.title, [p for p in body if p][:paragraphs])
    title_font = ImageFont.truetype(str(BOLD), 46)
    font = ImageFont.truetype(str(FONT), rng.choice((30, 32, 34)))
    margin = 110
    lines: list[tuple[str, ImageFont.FreeTypeFont]] = []
    for line in textwrap.wrap(printed.title, 52):
        lines.append((line, title_font))
    lines.append(("", font))
    chars = int((width - 2 * margin) / (font.size * 0.55))
    for paragraph in printed.paragraphs:
        lines += [(line, font) for line in textwrap.wrap(paragraph, chars)]
        lines.append(("", font))
    height = margin * 2 + sum(int(f.size * 1.45) for _, f in lines)
    paper = rng.randint(232, 246)
    page = Image.new("L", (width, height), paper)
    draw = ImageDraw.Draw(page)
    y = margin
    for line, f in lines:
        draw.text((margin, y), line, font=f, fill=rng.randint(10, 40))
        y += int(f.size * 1.45)
    page = page.rotate(rng.uniform(-0.8, 0.8), expand=True, fillcolor=paper)
    noise = Image.effect_noise(page.size, 12).filter(ImageFilter.GaussianBlur(0.6))
    page = Image.blend(page, noise, 0.08)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.convert("RGB").save(path, "JPEG", quality=85, dpi=(300, 300))
    return printed
