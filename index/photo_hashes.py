"""Perceptual hashes of an archive's photos, kept beside its index and brought up to date
by every index run (for the articles it writes), to find the same photo used by
several articles: re-published, resized, re-compressed."""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
from collections.abc import Iterator
from pathlib import Path

from tangthu.archive.model import CancelToken
from tangthu.archive.photo import is_image_name, perceptual_hash
from tangthu.archive.scan import ArticleEntry
from tangthu.archive.storage import write_atomically

FILE = "photo-hashes.json"
#: a digest of the articles (and fingerprints) FILE was last brought up to date with:
#: when it matches, a run with nothing new need not read FILE (17 MB at 100,000 articles)
STAMP = "photo-hashes.stamp"
#: photos are the same when their DCT hashes differ in at most SAME of 64 bits (three:
#: then two such hashes always share one of their four 16-bit quarters exactly) and
#: their gradient hashes in at most SAME_GRADIENT
SAME = 3
SAME_GRADIENT = 6
VERSION = 3
_LOW = (1 << 64) - 1


def same(a: int, b: int) -> bool:
    """True when the hashes *a* and *b* are of the same photo."""
    x = a ^ b
    return (x >> 64).bit_count() <= SAME and (x & _LOW).bit_count() <= SAME_GRADIENT


_BULK = 400  # fewer photos than this are hashed in this process
#: The most the file of hashes may hold (a million photos' are some 60 MB).
MAX_BYTES = 512 * 1024 * 1024


def _read(index_path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """(article ID -> the fingerprint its photos were hashed at, ``ID#photo`` -> hash)."""
    from tangthu.archive.guard import read_bytes

    try:  # (a regular file only: a pipe there is not waited on)
        data = json.loads(read_bytes(index_path / FILE, limit=MAX_BYTES).decode("utf-8"))
        if data.get("version") != VERSION:
            return {}, {}
        done = {str(k): str(v) for k, v in data["articles"].items()}
        return done, {str(k): int(v, 16) for k, v in data["hashes"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return {}, {}


def load(index_path: Path) -> dict[str, int]:
    """``ID#photo`` -> hash, as the last index run left them ({} when none)."""
    return _read(index_path)[1]


def _photos(root: str, entry: ArticleEntry) -> Iterator[tuple[str, str]]:
    """(key, path) of the pictures in an article's folder."""
    folder = Path(root) / Path(entry.id).parent
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it if e.is_file() and is_image_name(e.name))
    except OSError:
        return
    for name in names:
        yield f"{entry.id}#{name}", str(folder / name)


def _hash(job: tuple[str, str]) -> int | None:
    path, root = job
    return perceptual_hash(path, root=root)


def _init_worker(parent: int) -> None:
    from tangthu.index.processes import start_worker

    start_worker(parent)


def update(
    target: Path,
    root: str,
    articles: list[ArticleEntry],
    *,
    jobs: int,
    cancel: CancelToken | None = None,
) -> int:
    """Bring the hashes up to date with *articles* (all the archive's): hash the photos
    of those new or changed since they were hashed, forget those of articles gone, save.
    Returns how many photos were hashed."""
    current = {e.id: e.fingerprint for e in articles}
    stamp = _digest(current)
    if _stamp(target) == stamp and (target / FILE).is_file():
        return 0
    done, hashes = _read(target)
    written = [e for e in articles if done.get(e.id) != e.fingerprint]
    if not written and set(done) == set(current):
        write_atomically(target / STAMP, stamp)
        return 0
    stale = {a for a in done if current.get(a) != done[a]}
    hashes = {k: v for k, v in hashes.items() if k.split("#", 1)[0] not in stale}
    todo = [kp for e in written for kp in _photos(root, e)]
    paths = [(p, root) for _k, p in todo]
    if jobs > 1 and len(todo) >= _BULK:
        ctx = mp.get_context("spawn")
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(os.getpid(),)) as pool:
            found = []
            for h in pool.imap(_hash, paths, chunksize=64):
                if cancel is not None:
                    cancel.check()
                found.append(h)
    else:
        found = []
        for path in paths:
            if cancel is not None:
                cancel.check()
            found.append(_hash(path))
    for (key, _path), h in zip(todo, found, strict=True):
        if h is not None:
            hashes[key] = h
    data = {
        "version": VERSION,
        "articles": dict(sorted(current.items())),
        "hashes": {k: f"{v:032x}" for k, v in sorted(hashes.items())},
    }
    write_atomically(target / FILE, json.dumps(data, separators=(",", ":")))
    write_atomically(target / STAMP, stamp)  # after FILE: a kill between leaves it stale
    return len(todo)


def _digest(current: dict[str, str]) -> str:
    h = hashlib.blake2b(f"v{VERSION}".encode(), digest_size=16)
    for article_id in sorted(current):
        h.update(f"{article_id}\0{current[article_id]}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _stamp(target: Path) -> str | None:
    try:
        return (target / STAMP).read_text(encoding="utf-8")
    except OSError:
        return None


def groups(hashes: dict[str, int]) -> list[list[str]]:
    """Keys whose photos are the same (`same`), in groups that span two articles or
    more, biggest first. Candidates come from equal 16-bit quarters of the DCT hash (two hashes
    within 3 bits share one quarter at least); each pair is then checked whole."""
    keys = list(hashes)
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for quarter in range(4):
        buckets: dict[int, list[int]] = {}
        for i, k in enumerate(keys):
            buckets.setdefault((hashes[k] >> (64 + 16 * quarter)) & 0xFFFF, []).append(i)
        for members in buckets.values():
            if len(members) < 2 or len(members) > 2000:
                continue  # a flat picture's quarter: too common to say anything
            first = members[0]
            for j in members[1:]:
                if same(hashes[keys[first]], hashes[keys[j]]):
                    parent[find(j)] = find(first)
                else:
                    for i in members:
                        if i != j and same(hashes[keys[i]], hashes[keys[j]]):
                            parent[find(j)] = find(i)
                            break
    out: dict[int, list[str]] = {}
    for i, k in enumerate(keys):
        out.setdefault(find(i), []).append(k)
    several = [sorted(g) for g in out.values() if len({k.split("#", 1)[0] for k in g}) > 1]
    return sorted(several, key=lambda g: (-len(g), g))
