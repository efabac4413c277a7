"""Queries for the scale benchmarks, drawn from an archive's own titles.

Four kinds, 30 of each by default: one word, two words, a quoted phrase (two or
three words side by side in a title), and two words typed without diacritics.
The same seed gives the same queries, so every engine (and Recoll) answers the
same ones.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from tangthu.archive.fold import fold

KINDS = ("one word", "two words", "phrase", "folded")
_WORD = re.compile(r"^[^\W\d_]{2,}$")


def titles(root: Path, limit: int = 5000, seed: int = 7) -> list[str]:
    """Titles of up to *limit* articles of the archive (their first lines)."""
    files = sorted(root.rglob("*.txt"))
    rng = random.Random(seed)
    rng.shuffle(files)
    out = []
    for path in files[:limit]:
        try:
            with path.open(encoding="utf-8", errors="replace") as f:
                first = f.readline().strip()
        except OSError:
            continue
        if first:
            out.append(first)
    return out


def make(root: Path, per_kind: int = 30, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    pairs: list[list[str]] = []
    for title in titles(root, seed=seed):
        words = [w.lower() for w in title.split()]
        runs = []
        for i in range(len(words) - 1):
            if _WORD.match(words[i]) and _WORD.match(words[i + 1]):
                runs.append(
                    words[i : i + 3]
                    if i + 2 < len(words) and _WORD.match(words[i + 2])
                    else words[i : i + 2]
                )
        if runs:
            pairs.append(rng.choice(runs))
    rng.shuffle(pairs)
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for words in pairs:
        if len(out["one word"]) < per_kind:
            out["one word"].append(words[0])
        elif len(out["two words"]) < per_kind:
            out["two words"].append(" ".join(words[:2]))
        elif len(out["phrase"]) < per_kind:
            out["phrase"].append('"' + " ".join(words) + '"')
        elif len(out["folded"]) < per_kind:
            out["folded"].append(fold(" ".join(words[:2])))
        else:
            break
    return out
