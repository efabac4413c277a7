"""How the figures grow with the archive: a plot of bench.scale results at several sizes.

    python -m bench.growth SIZE=RESULTS.json [SIZE=RESULTS.json ...] --out docs/growth.png

Each RESULTS.json is what ``python -m bench.scale ARCHIVE --json RESULTS.json`` wrote
for an archive of SIZE articles. Three panels, one line per engine (and Recoll):
full index time, the slowest kind's first-page p95 (20-hit p95 for Recoll, which
has no first page), and the memory after the searches. Drawn with Pillow.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

COLOURS = {"whoosh": (31, 119, 180), "tantivy": (214, 39, 40), "recoll": (44, 160, 44)}
PANELS: list[tuple[str, Callable[[dict[str, Any]], float | None]]] = [
    ("full index (s)", lambda r: r.get("full_index_s")),
    (
        "slowest first page p95 (ms)",
        lambda r: max(
            (k.get("first_p95", k.get("page20_p95", 0.0)) for k in r.get("kinds", {}).values()),
            default=None,
        ),
    ),
    ("memory after searches (MB)", lambda r: r.get("rss_after_searches_mb")),
]


def _font(size: int) -> Any:
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def plot(series: dict[int, list[dict[str, Any]]], out: Path) -> None:
    w, h, pad = 1500, 520, 70
    panel_w = (w - pad) // len(PANELS)
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    font, small = _font(18), _font(14)
    sizes = sorted(series)
    engines = sorted({r["engine"] for rs in series.values() for r in rs})
    for i, (title, value) in enumerate(PANELS):
        x0 = pad + i * panel_w
        left, right, top, bottom = x0 + 10, x0 + panel_w - 40, 60, h - 70
        draw.text((left, 20), title, fill="black", font=font)
        points = {
            e: [(s, value(r)) for s in sizes for r in series[s] if r["engine"] == e]
            for e in engines
        }
        ymax = max((v for pts in points.values() for _s, v in pts if v), default=1.0)
        ymax = 10 ** math.ceil(math.log10(ymax)) if ymax > 0 else 1.0
        if ymax / 2 >= max((v for pts in points.values() for _s, v in pts if v), default=1.0):
            ymax /= 2
        draw.line([(left, top), (left, bottom), (right, bottom)], fill="black", width=2)
        for k in range(5):
            y = bottom - (bottom - top) * k / 4
            draw.line([(left - 5, y), (right, y)], fill=(225, 225, 225))
            draw.text((left - 8, y), f"{ymax * k / 4:g}", fill="black", font=small, anchor="rm")
        box = (left, right, top, bottom, max(sizes), ymax)

        def px(s: int, v: float, box: tuple[float, ...] = box) -> tuple[float, float]:
            left, right, top, bottom, xmax, ymax = box
            return (left + (right - left) * s / xmax, bottom - (bottom - top) * v / ymax)

        for s in sizes:
            x, _y = px(s, 0)
            draw.text((x, bottom + 8), f"{s // 1000}k", fill="black", font=small, anchor="mt")
        for e, pts in points.items():
            good = [(s, v) for s, v in pts if v is not None]
            colour = COLOURS.get(e, (0, 0, 0))
            if len(good) > 1:
                draw.line([px(s, v) for s, v in good], fill=colour, width=3)
            for s, v in good:
                x, y = px(s, v)
                draw.ellipse([x - 5, y - 5, x + 5, y + 5], fill=colour)
        draw.text(((left + right) / 2, h - 30), "articles", fill="black", font=small, anchor="mm")
    for n, e in enumerate(engines):
        draw.rectangle([pad + n * 140, h - 22, pad + n * 140 + 14, h - 8], fill=COLOURS.get(e))
        draw.text((pad + n * 140 + 20, h - 15), e, fill="black", font=small, anchor="lm")
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("results", nargs="+", help="SIZE=RESULTS.json")
    p.add_argument("--out", type=Path, default=Path("docs/growth.png"))
    args = p.parse_args(argv)
    series = {}
    for item in args.results:
        size, _, path = item.partition("=")
        series[int(size)] = json.loads(Path(path).read_text(encoding="utf-8"))
    plot(series, args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
