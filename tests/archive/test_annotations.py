"""Tags and notes: kept across restarts, safe from a kill, a damaged store set aside."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tangthu.archive.annotations import Annotations
from tangthu.archive.selection import Item
from tests.conftest import REPO


def test_tags_and_notes_are_kept_and_found_with_or_without_marks(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    root = str(tmp_path / "kho")
    a, b = Item(root, "a/article.txt"), Item(root, "b/article.txt")
    photo = Item(root, "a/article.txt", "1.jpg")
    store = Annotations(path)
    assert store.add_tag([a, b, photo], "Lũ lụt") == 3
    assert store.add_tag([a], "lu lut") == 0  # the same tag, typed without marks
    store.add_tag([a], "Lào Cai")
    store.set_note(b, "Xem lại  ảnh số 2 ")
    again = Annotations(path)
    assert again.tags(a) == ("Lũ lụt", "Lào Cai") and again.note(b) == "Xem lại  ảnh số 2"
    assert again.tag_counts(root) == {"Lũ lụt": 3, "Lào Cai": 1}
    assert again.with_tag(root, "LU LUT") == {
        "a/article.txt",
        "b/article.txt",
        "a/article.txt#1.jpg",
    }
    assert again.with_tag(str(tmp_path / "other"), "lũ lụt") == set()
    assert again.with_note(root, "xem anh") == {"b/article.txt"}
    assert again.with_note(root, "xem nothing") == set()
    assert again.remove_tag([a, photo], "lũ lụt") == 2
    assert Annotations(path).tag_counts(root) == {"Lào Cai": 1, "Lũ lụt": 1}
    again.set_note(b, "")
    assert Annotations(path).note(b) == ""


def test_a_damaged_store_is_set_aside_not_emptied(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    path.write_text('{"items": [ {"root": "/r", "id": "a"', encoding="utf-8")  # cut short
    store = Annotations(path)
    assert store.damaged is not None and store.damaged.exists()
    assert store.damaged.read_text(encoding="utf-8").startswith('{"items"')  # all of it kept
    assert not path.exists()
    store.add_tag([Item("/r", "a")], "x")
    assert json.loads(path.read_text("utf-8"))["items"][0]["tags"] == ["x"]


WRITER = """
import sys
from tangthu.archive.annotations import Annotations
from tangthu.archive.selection import Item
store = Annotations(sys.argv[1])
n = 0
print("ready", flush=True)
while True:
    n += 1
    store.add_tag([Item("/r", f"bai-{n % 50}/article.txt")], f"tag {n}")
"""


def test_a_kill_at_any_moment_leaves_a_whole_store(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    for delay in (0.05, 0.13, 0.21, 0.37, 0.5):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        store = Annotations(path)
        assert store.damaged is None, delay  # the old file or the new one, whole
        assert sum(store.tag_counts().values()) > 0
    assert not list(tmp_path.glob("*.damaged-*"))
