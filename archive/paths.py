"""The per-user folders: data (indexes, basket) and cache (thumbnails). Never an archive."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tangthu"


def data_dir() -> Path:
    """The per-user data folder (``TANGTHU_DATA_DIR`` overrides it)."""
    from platformdirs import user_data_dir

    override = os.environ.get("TANGTHU_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The per-user cache folder (``TANGTHU_CACHE_DIR`` overrides it)."""
    from platformdirs import user_cache_dir

    override = os.environ.get("TANGTHU_CACHE_DIR")
    return Path(override) if override else Path(user_cache_dir(APP_NAME, appauthor=False))
