"""How the figures grow with the archive: a plot of bench.scale results at several sizes.

    python -m bench.growth SIZE=RESULTS.json [SIZE=RESULTS.json ...] --out docs/growth.png

Each RESULTS.json is what ``python -m bench.scale ARCHIVE --json RESULTS.json`` wrote
for an archive of SIZE articles (one size may be given several files: one per
engine). Six panels, one line per engine (and Recoll), articles on a log scale:
full index time, rescan with nothing changed, index size, the slowest kind's
20-hit p95 and first-page p95, and the memory after the searches. Drawn with
Pillow.
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


def _slowest(key: str) -> Callable[[dict[str, Any]], float | None]:
    """The slowest kind's *key* (a p95), or None when no kind has it."""

    def value(r: dict[str, Any]) -> float | None:
        found = [k[key] for k in r.get("kinds", {}).values() if key in k]
        return max(found) if found else None

    return value


PANELS: list[tuple[str, Callable[[dict[str, Any]], float | None]]] = [
    ("full index (min)", lambda r: r["full_index_s"] / 60 if "full_index_s" in r else None),
    ("rescan, nothing changed (s)", lambda r: r.get("rescan_s")),
    ("index on disk (GB)", lambda r: r["size_mb"] / 1000 if "size_mb" in r else None),
    ("20 hits, slowest kind's p95 (ms)", _slowest("page20_p95")),
    ("window's first page, slowest p95 (ms)", _slowest("first_p95")),
    ("memory after the searches (MB)", lambda r: r.get("rss_after_searches_mb")),
]


def _font(size: int) -> Any:
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def plot(series: dict[int, list[dict[str, Any]]], out: Path, note: str = "") -> None:
    """Draw one panel per figure of `PANELS` (3 by 2), articles on a log scale."""
    cols, rows, pw, ph = 3, 2, 560, 360
    w, h = cols * pw + 40, rows * ph + 90
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    font, small = _font(18), _font(14)
    sizes = sorted(series)
    engines = sorted({r["engine"] for rs in series.values() for r in rs})
    lo, hi = math.log10(min(sizes)), math.log10(max(sizes))
    span = (hi - lo) or 1.0
    for i, (title, value) in enumerate(PANELS):
        x0, y0 = 40 + (i % cols) * pw, 10 + (i // cols) * ph
        left, right, top, bottom = x0 + 50, x0 + pw - 40, y0 + 40, y0 + ph - 50
        draw.text((left, y0 + 10), title, fill="black", font=font)
        points = {
            e: [(s, value(r)) for s in sizes for r in series[s] if r["engine"] == e]
            for e in engines
        }
        top_value = max((v for pts in points.values() for _s, v in pts if v), default=1.0)
        ymax = 10 ** math.ceil(math.log10(top_value)) if top_value > 0 else 1.0
        while ymax / 2 >= top_value:
            ymax /= 2
        draw.line([(left, top), (left, bottom), (right, bottom)], fill="black", width=2)
        for k in range(5):
            y = bottom - (bottom - top) * k / 4
            draw.line([(left - 5, y), (right, y)], fill=(225, 225, 225))
            draw.text((left - 8, y), f"{ymax * k / 4:g}", fill="black", font=small, anchor="rm")
        box = (left, right, top, bottom, ymax)

        def px(s: int, v: float, box: tuple[float, ...] = box) -> tuple[float, float]:
            left, right, top, bottom, ymax = box
            x = left + 15 + (right - left - 30) * (math.log10(s) - lo) / span
            return (x, bottom - (bottom - top) * v / ymax)

        for s in sizes:
            x, _y = px(s, 0)
            label = f"{s // 1_000_000}M" if s >= 1_000_000 else f"{s // 1000}k"
            draw.text((x, bottom + 8), label, fill="black", font=small, anchor="mt")
        for e, pts in points.items():
            good = [(s, v) for s, v in pts if v is not None]
            colour = COLOURS.get(e, (0, 0, 0))
            if len(good) > 1:
                draw.line([px(s, v) for s, v in good], fill=colour, width=3)
            for s, v in good:
                x, y = px(s, v)
                draw.ellipse([x - 5, y - 5, x + 5, y + 5], fill=colour)
    for n, e in enumerate(engines):
        x = 90 + n * 140
        draw.rectangle([x, h - 40, x + 14, h - 26], fill=COLOURS.get(e))
        draw.text((x + 20, h - 33), e, fill="black", font=small, anchor="lm")
    draw.text((90 + len(engines) * 140, h - 33), note, fill="black", font=small, anchor="lm")
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("results", nargs="+", help="SIZE=RESULTS.json")
    p.add_argument("--out", type=Path, default=Path("docs/growth.png"))
    p.add_argument("--note", default="", help="a line under the panels (the machine, the runs)")
    args = p.parse_args(argv)
    series: dict[int, list[dict[str, Any]]] = {}
    for item in args.results:
        size, _, path = item.partition("=")
        series.setdefault(int(size), []).extend(json.loads(Path(path).read_text(encoding="utf-8")))
    plot(series, args.out, args.note)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
