"""Small helpers for the command line's English output."""

from __future__ import annotations


def plural(n: int, noun: str) -> str:
    """``1 photo``, ``2 photos``, ``1,200 articles``."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
