"""How well stories are found: versions of one real article grouped, other articles not.

    python -m bench.stories_eval --mirror GITDIR [--set dev|held] [--articles 400]

GITDIR is a snapshot of the VNDS corpus (``ThanhChinhBK/vietnews``: 150,702 real
Vietnamese news articles). ``dev`` takes its articles from ``train_tokenized`` (the
rules were tuned on it), ``held`` from ``test_tokenized`` (never looked at while
tuning). Each real article of at least six paragraphs, taken at random (the seed is
fixed), gets the versions papers make of a story:

- ``copy``: the same text under another byline;
- ``headline``: a new headline (headlines are not part of what is compared);
- ``trimmed``: the first 50–75% of its paragraphs;
- ``cut``: one or two paragraphs dropped from the middle;
- ``extended``: two or three paragraphs of another article added at the end;
- ``lead``: its lead rewritten: clauses in another order, a few words dropped;
- ``edited``: one word in ten replaced by another word of the corpus;
- ``brief``: the lead and the first paragraph alone.

Articles that must not be grouped with it: ``topic``, the real article whose headline
shares the most words with its own (same topic, place or people) and whose text is
another (less than `DIFFERENT` of either's four-word shingles in the other: the
corpus holds some articles twice), and
``roundup``, the first halves of it and of three other articles, one after another.

Prints, as JSON: pair precision and recall of "same story" over every pair of the set,
the share of each kind of version put with its article, and the share of each kind of
other article wrongly put with it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

_STOP = set(
    "và của là có cho các những được trong với người một này đã không đến khi từ theo "
    "về tại ra năm ngày để như sẽ thì lại đó vì nhưng cũng đang mới rất nhiều còn việc "
    "bị sau trên hơn đi làm".split()
)


def articles(mirror: Path, folder: str) -> list[tuple[str, list[str]]]:
    """(headline, paragraphs) of every article of *folder* in the snapshot: the lead,
    then the body's lines (captions, after the second blank line, left out)."""
    listing = subprocess.run(
        ["git", "-C", str(mirror), "ls-tree", "-r", "HEAD", f"data/{folder}"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    blobs = sorted((ln.split("\t")[1], ln.split()[2]) for ln in listing)
    out: list[tuple[str, list[str]]] = []
    with subprocess.Popen(
        ["git", "-C", str(mirror), "cat-file", "--batch"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    ) as proc:  # fmt: skip
        assert proc.stdin is not None and proc.stdout is not None
        for _name, blob in blobs:  # (by object: a path is looked up in a 100,000-entry tree)
            proc.stdin.write(f"{blob}\n".encode())
            proc.stdin.flush()
            size = int(proc.stdout.readline().split()[2])
            text = proc.stdout.read(size).decode("utf-8", "replace").replace("_", " ")
            proc.stdout.read(1)
            parts = text.split("\n\n")
            if len(parts) < 3:
                continue
            lines = [parts[1].strip()] + [ln.strip() for ln in parts[2].splitlines()]
            out.append((parts[0].strip(), [ln for ln in lines if ln]))
        proc.stdin.close()
    return out


def _title_words(title: str) -> set[str]:
    return {w for w in re.findall(r"\w+", title.lower()) if w not in _STOP and len(w) > 1}


#: The corpus holds some articles twice, under two files, and some reprinted: the
#: article nearest in topic is taken as another story only when less than this share
#: of either text's four-word shingles is in the other.
DIFFERENT = 0.3


def _overlap(first: list[str], second: list[str]) -> float:
    def shingles(ps: list[str]) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", " ".join(ps).lower())
        return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}

    a, b = shingles(first), shingles(second)
    return len(a & b) / max(1, min(len(a), len(b)))


def _lead_rewritten(lead: str, rng: random.Random) -> str:
    clauses = [c.strip() for c in re.split(r"\s*[,;]\s*", lead) if c.strip()]
    rng.shuffle(clauses)
    words = " , ".join(clauses).split()
    return " ".join(w for w in words if rng.random() > 0.15)


def _edited(paragraphs: list[str], vocab: list[str], rng: random.Random) -> list[str]:
    out = []
    for p in paragraphs:
        words = p.split()
        out.append(" ".join(rng.choice(vocab) if rng.random() < 0.1 else w for w in words))
    return out


def build(
    pool: list[tuple[str, list[str]]], count: int, seed: int
) -> tuple[list[str], list[str], list[str]]:
    """The set: each item's text, its story (truth) and its kind."""
    rng = random.Random(seed)
    long = [a for a in pool if len(a[1]) >= 6]
    bases = rng.sample(long, count)
    chosen = {id(a) for a in bases}
    others = [a for a in pool if id(a) not in chosen]
    vocab = [w for _t, ps in rng.sample(others, 300) for p in ps for w in p.split()]
    by_word: dict[str, list[int]] = {}
    for i, (title, _ps) in enumerate(others):
        for w in _title_words(title):
            by_word.setdefault(w, []).append(i)
    used: set[int] = set()  # (each article of another story comes in once)
    texts: list[str] = []
    story: list[str] = []
    kinds: list[str] = []

    def add(text: str, label: str, kind: str) -> None:
        texts.append(text)
        story.append(label)
        kinds.append(kind)

    for n, (title, ps) in enumerate(bases):
        label = f"s{n}"
        add("\n".join(ps), label, "original")
        add("\n".join(ps), label, "copy")
        add("\n".join(ps), label, "headline")
        keep = max(2, round(len(ps) * rng.uniform(0.5, 0.75)))
        add("\n".join(ps[:keep]), label, "trimmed")
        middle = list(range(2, len(ps) - 1))
        dropped = set(rng.sample(middle, min(len(middle), rng.choice((1, 2)))))
        add("\n".join(p for i, p in enumerate(ps) if i not in dropped), label, "cut")
        extra = rng.choice(others)[1][1 : 1 + rng.choice((2, 3))]
        add("\n".join(ps + extra), label, "extended")
        add("\n".join([_lead_rewritten(ps[0], rng), *ps[1:]]), label, "lead")
        add("\n".join(_edited(ps, vocab, rng)), label, "edited")
        add("\n".join(ps[:2]), label, "brief")
        # the real article nearest in topic: most headline words shared
        shared: Counter[int] = Counter()
        for w in _title_words(title):
            if len(by_word.get(w, ())) < 2000:
                shared.update(by_word.get(w, ()))
        nearest = [
            i
            for i, _c in shared.most_common(20)
            if i not in used and _overlap(ps, others[i][1]) < DIFFERENT
        ]
        if nearest:
            used.add(nearest[0])
            add("\n".join(others[nearest[0]][1]), f"t{n}", "topic")
        halves = [ps, *(a[1] for a in rng.sample(others, 3))]
        add(
            "\n".join(p for part in halves for p in part[: max(1, len(part) // 2)]),
            f"r{n}",
            "roundup",
        )
    return texts, story, kinds


def score(story: list[str], kinds: list[str], group: list[int]) -> dict[str, Any]:
    """Pair precision and recall, and what happened to each kind."""
    by_pair: Counter[tuple[str, int]] = Counter(zip(story, group, strict=True))
    same_pred = sum(c * (c - 1) // 2 for c in Counter(group).values())
    same_true = sum(c * (c - 1) // 2 for c in Counter(story).values())
    both = sum(c * (c - 1) // 2 for c in by_pair.values())
    original = {s: g for s, g, k in zip(story, group, kinds, strict=True) if k == "original"}
    originals = {s: i for i, (s, k) in enumerate(zip(story, kinds, strict=True)) if k == "original"}
    kept: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for s, g, k in zip(story, group, kinds, strict=True):
        if k == "original":
            continue
        total[k] += 1
        base = s[1:]
        if k in ("topic", "roundup"):
            kept[k] += group[originals[f"s{base}"]] == g
        else:
            kept[k] += original[s] == g
    return {
        "items": len(story),
        "pair_precision": round(both / same_pred, 4) if same_pred else None,
        "pair_recall": round(both / same_true, 4) if same_true else None,
        "pairs_true": same_true,
        "pairs_found": same_pred,
        "versions_grouped": {
            k: f"{kept[k]}/{total[k]}" for k in total if k not in ("topic", "roundup")
        },
        "others_wrongly_grouped": {k: f"{kept[k]}/{total[k]}" for k in ("topic", "roundup")},
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--mirror", type=Path, required=True)
    p.add_argument("--set", choices=["dev", "held"], default="dev")
    p.add_argument("--articles", type=int, default=400)
    args = p.parse_args(argv)
    from tangthu.index import stories

    folder, seed = ("train_tokenized", 1) if args.set == "dev" else ("test_tokenized", 2)
    pool = articles(args.mirror, folder)
    texts, story, kinds = build(pool, args.articles, seed)
    started = time.perf_counter()
    sketches = [stories.sketch(t) for t in texts]
    made = time.perf_counter() - started
    kept = [i for i, s in enumerate(sketches) if s is not None]
    started = time.perf_counter()
    linked = stories.pairs([s for s in sketches if s is not None])
    group = list(range(len(texts)))
    for item, leader in enumerate(stories.groups(len(kept), linked)):
        group[kept[item]] = kept[leader]
    paired = time.perf_counter() - started
    out = score(story, kinds, group)
    out["ms_per_sketch"] = round(1000 * made / len(texts), 3)
    out["seconds_pairing"] = round(paired, 3)
    out["unsketched"] = len(texts) - len(kept)
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
