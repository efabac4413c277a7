"""A library's archive for the benchmarks: 400,000 or 1,000,000 articles in the seed layout.

    python -m bench.big_archive --mirror GITDIR --out DIR -n 1000000 [--seed 7]
                                [--tools ../shared/tools]

GITDIR is the VNDS corpus (``ThanhChinhBK/vietnews``, as for
``../shared/tools/make_scale_archive.py``, whose reader and formatter are used
here). The archive holds every usable real VNDS article (train, validation and
test: about 150,000) and, beyond them, articles *recombined* from real
paragraphs: a title taken from a real lead's opening words, a real lead, and
runs of paragraphs from two to four other articles. Their words and term
statistics are real; their stories are not. The output says how many of each
it wrote.

Layout as the scale archive's: ``YYYY/MM/<slug>/article.txt``, dates over
2005-2024 written in the lead ("Ngày D/M/YYYY, ..."), about 30% of the
articles naming one to three photos hard-linked from ``../shared/corpus``; in
addition 60% of them end with a source URL whose host is one of twelve
outlets (so the outlet facet has something to count). The same seed gives the
same archive.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import sys
import time
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SPLITS = ("train_tokenized", "val_tokenized", "test_tokenized")
OUTLETS = (
    ("baolaocai.vn", 30),
    ("baoyenbai.com.vn", 18),
    ("baohagiang.vn", 14),
    ("baotuyenquang.com.vn", 10),
    ("baophutho.vn", 8),
    ("baothainguyen.vn", 6),
    ("baobacgiang.vn", 5),
    ("baolangson.vn", 4),
    ("baocaobang.vn", 2),
    ("baodienbienphu.info.vn", 1),
    ("baolaichau.vn", 1),
    ("baosonla.vn", 1),
)


def load_tools(tools: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_scale_archive", tools / "make_scale_archive.py"
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"make_scale_archive.py not found in {tools}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_articles(msa: ModuleType, src: Any, rng: random.Random) -> list[dict[str, Any]]:
    """Every usable VNDS article of *src* (a ``VndsSource``), parsed, in an order fixed
    by *rng*."""
    splits = SPLITS if src.mirror else [d for d in SPLITS if (Path(src.folder) / d).is_dir()]
    files = [f for split in splits for f in src.list(split)]
    rng.shuffle(files)
    out = []
    for start in range(0, len(files), 5000):
        texts = src.read_many(files[start : start + 5000])
        for path in files[start : start + 5000]:
            art = msa.parse_vnds(texts[path])
            if art and art["lead"] and len(art["body"]) >= 2:
                art["key"] = os.path.basename(path).split(".")[0]
                out.append(art)
        print(f"read {len(out):,} real articles", file=sys.stderr)
    return out


def recombined(pool: list[dict[str, Any]], i: int, rng: random.Random) -> dict[str, Any]:
    """A new article made of real paragraphs of several articles of *pool*."""
    head, lead = rng.choice(pool), rng.choice(pool)
    words = head["lead"].split()
    title = " ".join(words[: rng.randint(7, 14)]).rstrip(",.;:")
    body: list[str] = []
    captions: list[str] = []
    for donor in rng.sample(pool, rng.randint(2, 4)):
        paras = donor["body"]
        n = rng.randint(1, min(6, len(paras)))
        at = rng.randint(0, len(paras) - n)
        body.extend(paras[at : at + n])
        captions.extend(c for c in donor["captions"] if c in paras[at : at + n])
    return {
        "title": title,
        "lead": lead["lead"],
        "body": body,
        "captions": captions,
        "key": f"r{i}",
    }


def build(
    msa: ModuleType, src: Any, out: Path, n: int, seed: int, photos_root: Path
) -> tuple[int, int]:
    """Write *n* articles under *out*; (how many are real, how many recombined)."""
    rng = random.Random(seed)
    with warnings.catch_warnings():  # the tool reads each photo without closing it
        warnings.simplefilter("ignore", ResourceWarning)
        photos = [p for p, size in msa.collect_photos(str(photos_root)) if size < 400_000]
    pool = real_articles(msa, src, rng)
    hosts = [h for h, _w in OUTLETS]
    weights = [w for _h, w in OUTLETS]
    used: set[tuple[int, int, str]] = set()
    real = min(n, len(pool))
    started = time.monotonic()
    for i in range(n):
        art = dict(pool[i]) if i < real else recombined(pool, i, rng)
        y, m, d = rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)
        slug = msa.slugify(art["title"]) or "bai"
        if (y, m, slug) in used:
            slug = f"{slug}-{art['key']}"
        used.add((y, m, slug))
        folder = out / f"{y:04d}" / f"{m:02d}" / slug
        folder.mkdir(parents=True, exist_ok=True)
        k = rng.choice([1, 1, 2, 3]) if rng.random() < 0.3 else 0
        names = [f"{j + 1}.JPG" for j in range(k)]
        for name in names:
            target = folder / name
            if not target.exists():
                source = rng.choice(photos)
                try:
                    os.link(source, target)
                except OSError:
                    msa.copy_file(source, str(target))
        art["lead"] = f"Ngày {d}/{m}/{y}, {art['lead']}"
        url = None
        if rng.random() < 0.6:
            url = f"https://{rng.choices(hosts, weights)[0]}/{slug}-{i}.html"
        (folder / "article.txt").write_text(
            msa.format_article(art, names, rng, url=url), encoding="utf-8"
        )
        if (i + 1) % 50_000 == 0:
            print(f"{i + 1:,} articles, {time.monotonic() - started:.0f} s", file=sys.stderr)
    return real, n - real


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--mirror", help="git directory of ThanhChinhBK/vietnews")
    p.add_argument("--vnds", type=Path, help="or a folder holding its data/ folders")
    p.add_argument("--out", type=Path, required=True, help="folder to create")
    p.add_argument("-n", type=int, default=400_000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--tools", type=Path, default=REPO.parent / "shared" / "tools")
    p.add_argument("--photos", type=Path, default=REPO.parent / "shared" / "corpus" / "vn-news")
    a = p.parse_args(argv)
    if bool(a.mirror) == bool(a.vnds):
        p.error("give --mirror or --vnds")
    if a.out.exists() and any(a.out.iterdir()):
        raise SystemExit(f"{a.out} is not empty")
    msa = load_tools(a.tools)
    src = msa.VndsSource(mirror=a.mirror, folder=str(a.vnds) if a.vnds else None)
    real, made = build(msa, src, a.out, a.n, a.seed, a.photos)
    print(
        f"{real + made:,} articles in {a.out}: {real:,} real VNDS articles and {made:,} "
        "recombined from real paragraphs of different articles (real words and term "
        "statistics, invented stories)"
    )


if __name__ == "__main__":
    main()
