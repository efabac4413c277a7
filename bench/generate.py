"""Write a synthetic archive in the seed article's format.

Text is drawn from common Vietnamese syllables with a Zipf-like law; about a third
of the articles name photos (small real JPEGs, hard-linked where the file system
allows, so a 20,000-article archive stays small).

    python -m bench.generate OUT --articles 20000
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
from pathlib import Path

from bench.vocab import SYLLABLES

OUTLETS = [
    "baolaocai.vn",
    "nhandan.vn",
    "vnexpress.net",
    "tuoitre.vn",
    "thanhnien.vn",
    "dantri.com.vn",
]
AUTHORS = ["Trần Tuấn Ngọc", "Nguyễn Thu Hà", "Lê Minh", "Phạm Lan", "Hoàng Nam", "Vũ Thảo"]


def _weights(n: int) -> list[float]:
    return [1.0 / (i + 1) ** 0.9 for i in range(n)]


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.weights = _weights(len(SYLLABLES))

    def words(self, n: int) -> list[str]:
        return self.rng.choices(SYLLABLES, weights=self.weights, k=n)

    def sentence(self) -> str:
        w = self.words(self.rng.randint(8, 22))
        w[0] = w[0].capitalize()
        return " ".join(w) + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 3)))

    def article(self, index: int, photos: list[str]) -> str:
        rng = self.rng
        title = " ".join(self.words(rng.randint(6, 12))).capitalize()
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2005, 2024)
        lines = [title, "", f"Chiều {day}/{month}, " + self.paragraph() + f" năm {year}.", ""]
        body = [self.paragraph() for _ in range(rng.randint(5, 9))]
        slots = sorted(rng.sample(range(len(body)), k=min(len(photos), len(body))))
        for i, para in enumerate(body):
            lines += [para, ""]
            if i in slots:
                lines += [photos[slots.index(i)], self.sentence(), ""]
        outlet = rng.choice(OUTLETS)
        lines += [
            f"https://{outlet}/bai-{index}.html",
            "",
            f"Theo {rng.choice(AUTHORS)}/{outlet}",
            "",
        ]
        if rng.random() < 0.3:
            lines += ["Tin Liên Quan", ""]
            for _ in range(3):
                lines += [" ".join(self.words(8)).capitalize(), "", self.sentence(), ""]
        return "\n".join(lines)


def _pool(out: Path, n: int = 6) -> list[Path]:
    from PIL import Image

    pool = out / ".pool"
    pool.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = pool / f"p{i}.jpg"
        if not path.exists():
            Image.new("RGB", (320, 240), (40 * i, 120, 200 - 20 * i)).save(path, quality=70)
        paths.append(path)
    return paths


def generate(out: str | os.PathLike[str], articles: int, *, seed: int = 1) -> Path:
    """Write *articles* article folders under *out* (nested YYYY/MM/slug)."""
    root = Path(out)
    pool = _pool(root)
    w = Writer(seed)
    for i in range(articles):
        folder = root / f"{2005 + i % 20}" / f"{1 + i % 12:02d}" / f"bai-{i:06d}"
        folder.mkdir(parents=True, exist_ok=True)
        names = [f"{k + 1}.JPG" for k in range(w.rng.choice([0, 0, 1, 2, 3]))]
        for name in names:
            target = folder / name
            if not target.exists():
                src = w.rng.choice(pool)
                try:
                    os.link(src, target)
                except OSError:
                    shutil.copyfile(src, target)
        (folder / "article.txt").write_text(w.article(i, names), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.articles, seed=args.seed)


if __name__ == "__main__":
    main()
