"""How well each search mode finds the article a question was written from.

    python -m bench.meaning_eval ARCHIVE --index-dir DIR [--questions FILE] [--json OUT]

ARCHIVE is ``../shared/corpus/vn-news`` (the questions name its folders); DIR its index,
built with ``index --meaning`` (built here first when it is missing). For each question
of ``bench/meaning_questions.json`` (English questions, and Vietnamese paraphrases that
share no word with their target's title: checked here, a paraphrase that does is an
error) and each mode (words, meaning, both), the rank of the target among the first 100
hits. Prints top-1, top-10 and MRR (the mean of 1/rank; 0 past 100) per language and
mode, and the questions each mode misses.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

QUESTIONS = Path(__file__).with_name("meaning_questions.json")
MODES = ("words", "meaning", "both")
DEPTH = 100


def words_of(text: str) -> set[str]:
    from tangthu.index.analysis import tokens

    return {t for t, _p in tokens(text, folded=True) if t.isalnum()}


def load(path: Path) -> list[dict[str, str]]:
    return list(json.loads(path.read_text(encoding="utf-8"))["questions"])


def check(questions: list[dict[str, str]], titles: dict[str, str]) -> list[str]:
    """What is wrong with the judged set: targets not in the archive, paraphrases
    sharing a word with their target's title."""
    wrong = []
    for q in questions:
        title = titles.get(q["target"])
        if title is None:
            wrong.append(f"no article {q['target']!r} in the archive")
        elif q["lang"] == "vi":
            shared = words_of(q["q"]) & words_of(title)
            if shared:
                wrong.append(f"{q['q']!r} shares {sorted(shared)} with {title!r}")
    return wrong


def rank_of(hits: list[Any], target: str) -> int | None:
    for n, h in enumerate(hits, start=1):
        if h.id.rsplit("/", 1)[0] == target:
            return n
    return None


def summary(ranks: list[int | None]) -> dict[str, float]:
    n = max(len(ranks), 1)
    return {
        "top1": sum(1 for r in ranks if r == 1) / n,
        "top10": sum(1 for r in ranks if r is not None and r <= 10) / n,
        "mrr": sum(1 / r for r in ranks if r is not None) / n,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("archive", type=Path)
    p.add_argument("--index-dir", type=Path, required=True)
    p.add_argument("--questions", type=Path, default=QUESTIONS)
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args(argv)
    from tangthu.index.indexer import update_index
    from tangthu.index.search import ArchiveSearcher

    if not (args.index_dir / "meaning").is_dir():
        t = time.perf_counter()
        done = update_index(args.archive, args.index_dir, meaning=True)
        print(f"indexed {done.articles} articles, embedded {done.embedded} "
              f"in {time.perf_counter() - t:.0f} s")  # fmt: skip
    questions = load(args.questions)
    with ArchiveSearcher(args.index_dir, args.archive) as searcher:
        every = searcher.search("", pagesize=1_000_000, snippets=False).hits
        titles = {h.id.rsplit("/", 1)[0]: h.title for h in every}
        wrong = check(questions, titles)
        if wrong:
            print("\n".join(wrong), file=sys.stderr)
            return 1
        ranks: dict[tuple[str, str], list[int | None]] = {}
        misses: dict[tuple[str, str], list[str]] = {}
        seconds: dict[str, list[float]] = {m: [] for m in MODES}
        for q in questions:
            for mode in MODES:
                t = time.perf_counter()
                found = searcher.search(q["q"], mode=mode, pagesize=DEPTH, snippets=False)
                seconds[mode].append(time.perf_counter() - t)
                r = rank_of(found.hits, q["target"])
                ranks.setdefault((q["lang"], mode), []).append(r)
                if r is None or r > 10:
                    misses.setdefault((q["lang"], mode), []).append(f"{q['q']} (rank {r})")
    out: dict[str, Any] = {"articles": len(every), "questions": len(questions), "modes": {}}
    print(f"{len(every):,} articles; {len(questions)} questions; rank within the first {DEPTH}")
    print(f"{'':4}{'mode':8}{'n':>4}{'top-1':>8}{'top-10':>8}{'MRR':>8}")
    for lang in ("en", "vi"):
        for mode in MODES:
            got = ranks.get((lang, mode), [])
            s = summary(got)
            out["modes"][f"{lang}/{mode}"] = {**s, "n": len(got)}
            print(f"{lang:4}{mode:8}{len(got):4}{s['top1']:8.2f}{s['top10']:8.2f}{s['mrr']:8.3f}")
    for (lang, mode), missed in sorted(misses.items()):
        print(f"-- {lang} {mode}: not in the top 10 ({len(missed)})")
        for m in missed:
            print(f"     {m}")
    import statistics

    for mode in MODES:
        print(f"{mode}: median {statistics.median(seconds[mode]) * 1000:.0f} ms per search")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
