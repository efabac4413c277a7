"""An index folder someone else made is read as data: whatever its files name, nothing
runs. Each crafted file below would write a marker file when unpickled as Whoosh and
numpy do by default; the marker must never appear, and the search says what to do."""

from __future__ import annotations

import importlib
import pickle
import pkgutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tangthu.index.indexer import update_index
from tangthu.index.search import ArchiveSearcher
from tangthu.index.whoosh_engine import codec, docvalues, safe
from tests.conftest import REPO
from tests.index.conftest import build_archive


class _Runs:
    """Unpickled, it runs code: it writes *marker*."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({self.marker!r}, 'w').write('ran')",))


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(archive, its Whoosh index, where a marker would appear)."""
    root = build_archive(tmp_path / "archive")
    ix = tmp_path / "ix"
    update_index(root, ix, jobs=1, engine="whoosh")
    return root, ix, tmp_path / "RAN"


def _refused(ix: Path, root: Path, marker: Path) -> str:
    with pytest.raises(safe.Untrusted) as caught:
        with ArchiveSearcher(ix, root) as s:
            s.search("đoàn kết")
    assert not marker.exists()
    assert "was not made by Tàng Thư, or is damaged: rebuild it" in str(caught.value)
    return str(caught.value)


def _raw_index(ix: Path):  # type: ignore[no-untyped-def]
    from whoosh import index as whoosh_index

    from tangthu.index.whoosh_engine.schema import build_schema

    return whoosh_index.open_dir(str(ix), schema=build_schema())


def _add_document(ix: Path, **fields: object) -> None:
    """A document written by Whoosh itself into a segment of this engine's codec."""
    raw = _raw_index(ix)
    writer = codec.segment_writer(raw, lock=True, limitmb=32)
    writer.add_document(
        id="ke-la/article.txt", aid="ke-la/article.txt", kind="article",
        x={"đoàn": [0], "kết": [1]}, **fields,
    )  # fmt: skip
    writer.commit(merge=False)
    raw.close()


def test_per_document_arrays_hold_no_objects(built: tuple[Path, Path, Path]) -> None:
    root, ix, marker = built
    files = sorted(ix.glob(f"{docvalues.PREFIX}*{docvalues.SUFFIX}"))
    assert files
    for path in files:
        with np.load(path, allow_pickle=False) as data:  # what is written needs no pickle
            assert all(data[name].dtype != object for name in data.files)
    # A file whose outlets are objects (what the arrays were once saved as) is not read
    target = files[0]
    with np.load(target, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files if name != "outlets"}
    with open(target, "wb") as f:
        np.savez(f, outlets=np.array([_Runs(marker)], dtype=object), **arrays)
    with ArchiveSearcher(ix, root) as s:  # worked out again from the stored fields
        assert s.search("đoàn kết").total >= 1
    assert not marker.exists()


def test_arrays_claiming_more_than_their_segment_are_not_read(
    built: tuple[Path, Path, Path],
) -> None:
    root, ix, _marker = built
    target = sorted(ix.glob(f"{docvalues.PREFIX}*{docvalues.SUFFIX}"))[0]
    seg = target.name[len(docvalues.PREFIX) : -len(docvalues.SUFFIX)]
    with np.load(target, allow_pickle=False) as data:
        count = len(data["kind"])
        arrays = {name: data[name] for name in data.files}
    assert docvalues.load(ix, seg, count) is not None
    for name, bad in [
        ("outlet", np.full(count, 99, np.int32)),  # an outlet that is not listed
        ("kind", np.zeros(count + 1, np.uint8)),  # another length
        ("date", np.zeros(count, np.int64)),  # another type
        ("length", np.zeros(50_000_000, np.int8)),  # claims 50 MB
    ]:
        with open(target, "wb") as f:
            np.savez(f, **{**arrays, name: bad})
        assert docvalues.load(ix, seg, count) is None, name
    with ArchiveSearcher(ix, root) as s:
        assert s.search("đoàn kết").total >= 1


def test_stored_fields_that_run_code_are_refused(built: tuple[Path, Path, Path]) -> None:
    root, ix, marker = built
    _add_document(ix, title=_Runs(marker))
    _refused(ix, root, marker)


def test_a_table_of_contents_that_runs_code_is_refused(built: tuple[Path, Path, Path]) -> None:
    from whoosh.index import TOC

    from tangthu.index.whoosh_engine.schema import build_schema

    root, ix, marker = built
    raw = _raw_index(ix)
    storage, generation = raw.storage, raw.latest_generation()
    toc = TOC.read(storage, "MAIN", generation, schema=build_schema())
    toc.segments.append(_Runs(marker))
    toc.generation = generation + 1
    toc.write(storage, "MAIN")
    raw.close()
    message = _refused(ix, root, marker)
    assert "builtins.exec" in message


def test_a_segment_named_outside_the_folder_is_refused(built: tuple[Path, Path, Path]) -> None:
    from whoosh.index import TOC

    from tangthu.index.whoosh_engine.schema import build_schema

    root, ix, marker = built
    raw = _raw_index(ix)
    storage, generation = raw.storage, raw.latest_generation()
    toc = TOC.read(storage, "MAIN", generation, schema=build_schema())
    toc.segments[0].segid = "../../etc/passwd"
    toc.generation = generation + 1
    toc.write(storage, "MAIN")
    raw.close()
    assert "../../etc/passwd" in _refused(ix, root, marker)


def test_posting_blocks_that_run_code_are_refused(
    built: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import whoosh.codec.whoosh3 as w3

    root, ix, marker = built
    real = w3.dumps

    def dumps(obj: object, protocol: int = -1) -> bytes:
        if isinstance(obj, tuple) and len(obj) == 3:  # a block's postings
            return real(_Runs(marker), protocol)
        return real(obj, protocol)

    monkeypatch.setattr(w3, "dumps", dumps)
    _add_document(ix, title="Kẻ lạ")
    monkeypatch.setattr(w3, "dumps", real)
    _refused(ix, root, marker)


def test_a_bomb_in_a_posting_block_is_refused() -> None:
    import zlib

    with pytest.raises(safe.Untrusted):
        codec.unpack(zlib.compress(b"\0" * (codec.MAX_BLOCK + 1)))
    assert codec.unpack(zlib.compress(b"abc")) == b"abc"


def test_bytes_as_whooshs_pickles_write_them_are_read_and_no_more() -> None:
    """Protocol 2 writes an empty bytes value as ``bytes()`` (a table of contents of a
    big first build holds one) and others through ``_codecs.encode``: both are read;
    ``bytes(N)`` (a memory bomb) is not."""
    import io
    import pickle

    for value in (b"", b"abc", {"deleted": b""}):
        assert safe.load(io.BytesIO(pickle.dumps(value, protocol=2))) == value
    bomb = b"\x80\x02c__builtin__\nbytes\nJ\x00\xca\x9a;\x85R."  # bytes(10**9)
    with pytest.raises(safe.Untrusted):
        safe.load(io.BytesIO(bomb))


def test_old_index_formats_are_not_read() -> None:
    """Whoosh's loaders of its old formats import any module an index names."""
    safe.harden()
    import whoosh.index

    assert whoosh.index.toc_loaders == {}


def test_the_command_line_refuses_a_crafted_index(built: tuple[Path, Path, Path]) -> None:
    root, ix, marker = built
    _add_document(ix, title=_Runs(marker))
    run = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "search", "đoàn kết", "--archive", str(root),
         "--index-dir", str(ix), "--json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "was not made by Tàng Thư, or is damaged: rebuild it" in run.stderr
    assert not marker.exists()
    # …and a rebuild makes an index of its own there
    summary = update_index(root, ix, jobs=1, rebuild=True)
    assert summary.articles >= 1
    with ArchiveSearcher(ix, root) as s:
        assert s.search("đoàn kết").total >= 1
    assert not marker.exists()


# --- the hardening covers every reader of pickles in Whoosh ---------------------------


def _whoosh_modules() -> list[object]:
    import whoosh

    found = []
    for info in pkgutil.walk_packages(whoosh.__path__, "whoosh."):
        if ".support." in info.name or info.name.endswith(".support"):
            continue
        try:
            found.append(importlib.import_module(info.name))
        except Exception:  # noqa: BLE001 - a module that does not import reads nothing
            continue
    return found


def test_no_module_of_whoosh_reads_pickles_unchecked() -> None:
    """Fails when an upgrade of Whoosh brings a reader of pickles that `safe` does not
    replace: every name bound to a pickle reader is one of ours after `harden`."""
    safe.harden()
    readers = {id(pickle.load), id(pickle.loads), id(pickle.Unpickler), id(pickle)}
    try:
        import _pickle

        readers |= {id(_pickle.load), id(_pickle.loads), id(_pickle.Unpickler)}
    except ImportError:
        pass
    left = []
    for module in _whoosh_modules():
        for name, value in vars(module).items():
            if id(value) in readers:
                left.append(f"{module.__name__}.{name}")  # type: ignore[attr-defined]
    assert left == []


def test_allowed_names_exist() -> None:
    """Each name the allow-list admits is still there (a rename would refuse our own
    indexes)."""
    for module, name in safe.ALLOWED:
        assert hasattr(importlib.import_module(module), name), (module, name)


def test_the_user_guides_say_what_sharing_an_index_means() -> None:
    english = " ".join((REPO / "docs" / "user-guide.md").read_text(encoding="utf-8").split())
    assert "## Sharing an index" in english and safe.REBUILD in english
    vietnamese = " ".join((REPO / "docs" / "huong-dan.md").read_text(encoding="utf-8").split())
    assert "## Dùng chung chỉ mục" in vietnamese
    assert "không do Tàng Thư tạo ra, hoặc đã hỏng: hãy lập lại" in vietnamese


def test_arrays_an_earlier_version_saved_are_saved_again_by_the_next_run(
    built: tuple[Path, Path, Path],
) -> None:
    """Object arrays (what an earlier version wrote) are no longer read; a search works
    the arrays out from the stored fields, and the next index run saves them plainly."""
    root, ix, marker = built
    for path in ix.glob(f"{docvalues.PREFIX}*{docvalues.SUFFIX}"):
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        arrays["outlet_names"] = np.array(list(arrays["outlet_names"]), dtype=object)
        with open(path, "wb") as f:
            np.savez(f, **arrays)
        assert not docvalues.current(ix, path.name[len(docvalues.PREFIX) : -len(docvalues.SUFFIX)])
    with ArchiveSearcher(ix, root) as s:
        assert s.search("đoàn kết").total >= 1
    update_index(root, ix, jobs=1)  # nothing changed in the archive
    segments = [p.name[len(docvalues.PREFIX) : -len(docvalues.SUFFIX)]
                for p in ix.glob(f"{docvalues.PREFIX}*{docvalues.SUFFIX}")]  # fmt: skip
    assert segments and all(docvalues.current(ix, seg) for seg in segments)


# --- the index folder's own files, as someone else may have left them ----------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tangthu-manifest.json", '{"schema": 8, "engine": "whoosh", "problems": [{"x": 1}]}'),
        ("tangthu-manifest.json", '{"schema": 8, "engine": "whoosh", "counts": "many"}'),
        ("tangthu-manifest.json", '{"schema": 8, "engine": ["whoosh"]}'),
        ("tangthu-manifest.json", "[" * 100_000),
        ("tangthu-manifest.json", None),  # a named pipe: never waited on
        ("tangthu-files.json", None),
        ("tangthu-root.txt", None),
        ("photo-hashes.json", None),
        ("photo-hashes.json", "[" * 100_000),
    ],
)
def test_the_folders_own_files_are_checked_before_use(
    built: tuple[Path, Path, Path], name: str, content: str | None
) -> None:
    """A manifest of odd types, nested JSON or a pipe in place of a file: every command
    ends (within its deadline) with a sentence or its work done, never a traceback."""
    import os

    from tangthu.index import photo_hashes

    root, ix, _marker = built
    if name == "photo-hashes.json":
        name = photo_hashes.FILE
    target = ix / name
    target.unlink(missing_ok=True)
    if content is None:
        os.mkfifo(target)
    else:
        target.write_text(content)
    for argv in (
        ["search", "đoàn kết", "--archive", str(root), "--index-dir", str(ix)],
        ["index", str(root), "--index-dir", str(ix)],
        ["search", "đoàn kết", "--archive", str(root), "--index-dir", str(ix)],
    ):
        run = subprocess.run(
            [sys.executable, str(REPO / "main.py"), *argv],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert "Traceback" not in run.stderr, (argv, run.stderr)
        assert run.returncode in (0, 1), (argv, run.stderr)
    assert run.returncode == 0 and "đoàn kết" in run.stdout.lower(), run.stderr


def test_a_basket_file_nested_too_deeply_is_an_empty_basket(tmp_path: Path) -> None:
    from tangthu.archive.selection import Basket

    path = tmp_path / "basket.json"
    path.write_text('{"basket": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert Basket(path).items == []
    path.write_text('{"basket": [{"root": "/kho", "article_id": "a\\ud800"}]}')
    basket = Basket(path)
    assert basket.items[0].article_id == "a\ufffd"
    basket.clear()  # saves again
