"""Draw the photos of sample/ (simple scenes) with EXIF dates. Run once; the output is committed."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

PHOTOS = {
    "2024/03/hoi-nghi-doan-ket/hoi-nghi-1.jpg": ("hall", "2024:03:21 14:05:00"),
    "2024/03/hoi-nghi-doan-ket/hoi-nghi-2.jpg": ("hall", "2024:03:21 14:40:12"),
    "2024/03/hoi-nghi-doan-ket/hoi-nghi-3.jpg": ("hall", "2024:03:21 15:02:40"),
    "2024/05/mua-gat-lua-xuan/gat-lua.jpg": ("field", "2024:05:15 08:12:00"),
    "2024/09/cuu-tro-sau-bao/cuu-tro-1.jpg": ("boxes", "2024:09:18 10:00:00"),
    "2024/09/cuu-tro-sau-bao/cuu-tro-2.jpg": ("river", "2024:09:18 11:30:00"),
    "2023/11/thu-vien-tinh-mo-cua/thu-vien.jpg": ("shelves", "2023:11:20 09:00:00"),
    "2023/11/thu-vien-tinh-mo-cua/anh-bia.jpg": ("shelves", "2023:11:20 09:10:00"),
    "2023/12/le-hoi-hoa-da-quy/da-quy-1.jpg": ("flowers", "2023:12:08 16:00:00"),
    "2023/12/le-hoi-hoa-da-quy/da-quy-2.jpg": ("flowers", "2023:12:09 07:30:00"),
    "2024/01/truong-hoc-vung-cao/truong-hoc.jpg": ("school", "2024:01:05 07:45:00"),
    "2022/06/bao-tang-tinh/bao-tang.jpg": ("museum", "2022:06:12 09:20:00"),
}


def scene(kind: str, rng: random.Random, size: tuple[int, int] = (800, 533)) -> Image.Image:
    w, h = size
    im = Image.new("RGB", size)
    d = ImageDraw.Draw(im)
    top, bottom = {
        "field": ((135, 190, 235), (230, 200, 90)),
        "river": ((120, 140, 160), (110, 90, 60)),
        "flowers": ((150, 200, 240), (70, 130, 60)),
        "school": ((200, 210, 220), (120, 110, 90)),
    }.get(kind, ((235, 225, 205), (150, 110, 80)))
    for y in range(h):
        t = y / h
        color = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        d.line([(0, y), (w, y)], fill=color)
    if kind in ("field", "river", "flowers", "school"):
        for i in range(3):
            base = h * (0.45 + 0.1 * i)
            pts = [(x, base - 60 * abs(((x / w * (2 + i)) % 2) - 1)) for x in range(0, w + 40, 40)]
            d.polygon([(0, h), *pts, (w, h)], fill=(60 + 30 * i, 110 + 20 * i, 60 + 10 * i))
    if kind == "flowers":
        for _ in range(400):
            x, y = rng.randrange(w), rng.randrange(h // 2, h)
            r = rng.randrange(3, 9)
            d.ellipse([x - r, y - r, x + r, y + r], fill=(250, 200 + rng.randrange(40), 20))
    if kind == "field":
        for _ in range(300):
            x, y = rng.randrange(w), rng.randrange(h // 2, h)
            d.line([(x, y), (x + rng.randrange(-4, 5), y - 14)], fill=(200, 170, 60), width=2)
    if kind in ("hall", "museum"):
        d.rectangle([w * 0.1, h * 0.15, w * 0.9, h * 0.45], fill=(170, 30, 40))
        for row in range(4):
            for col in range(12):
                x, y = 40 + col * 62, int(h * 0.6) + row * 45
                d.ellipse([x, y, x + 30, y + 30], fill=(40 + rng.randrange(40),) * 3)
    if kind in ("shelves", "boxes"):
        for row in range(5):
            for col in range(20):
                x, y = 20 + col * 38, 40 + row * 95
                color = tuple(rng.randrange(60, 220) for _ in range(3))
                d.rectangle([x, y, x + 30, y + 80], fill=color, outline=(60, 40, 20))
    if kind == "school":
        d.rectangle([w * 0.25, h * 0.3, w * 0.75, h * 0.7], fill=(230, 200, 120))
        d.polygon([(w * 0.2, h * 0.3), (w * 0.5, h * 0.12), (w * 0.8, h * 0.3)], fill=(150, 50, 40))
    d.ellipse([w - 140, 30, w - 70, 100], fill=(255, 240, 180))
    return im.filter(ImageFilter.SMOOTH)


def main(root: str = "sample") -> None:
    rng = random.Random(7)
    for rel, (kind, taken) in PHOTOS.items():
        path = Path(root) / rel
        exif = Image.Exif()
        exif[0x010F] = "Tang Thu"  # EXIF text is ASCII: accents would be stored as "?"
        exif[0x0110] = "sample drawing"
        exif[0x0132] = taken
        exif.get_ifd(0x8769)[0x9003] = taken
        scene(kind, rng).save(path, "JPEG", quality=80, exif=exif.tobytes())


if __name__ == "__main__":
    main(*sys.argv[1:])
