"""What a file holds, as a key of the caches kept beside an archive (pictures taken out
of article files, OCR, thumbnails).

A cache keyed by a file's path, size and time serves a second archive at the same
place with a file of the same size and time the first archive's picture: so the key is
the SHA-256 of the file's bytes. Within one process it is worked out once per file as
the system identifies it (device, inode, size, change and modification times: a file
replaced, copied or edited is another), since reading every picture again for each
thumbnail would cost more than the thumbnail.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, cast

#: Files whose digest one process remembers.
REMEMBERED = 4096

_known: OrderedDict[tuple[int, ...], str] = OrderedDict()
_lock = threading.Lock()


def _identity(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def digest_of(path: str | os.PathLike[str], data: bytes | None = None) -> str:
    """The SHA-256 (hex) of the file at *path*, whose bytes are *data* when the caller
    read them already.

    Raises:
        OSError: the file cannot be read.
    """
    from tangthu.archive.guard import open_regular

    if data is not None:
        return hashlib.sha256(data).hexdigest()
    with open_regular(Path(path)) as f:
        key = _identity(os.fstat(f.fileno()))
        with _lock:
            found = _known.get(key)
            if found is not None:
                _known.move_to_end(key)
                return found
        found = hashlib.file_digest(cast(Any, f), "sha256").hexdigest()
    with _lock:
        _known[key] = found
        while len(_known) > REMEMBERED:
            _known.popitem(last=False)
    return found
