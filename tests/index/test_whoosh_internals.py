"""Each private part of Whoosh that `index.whoosh_engine.codec` leans on, pinned: an
upgrade of ``whoosh-reloaded`` that changes one fails here, by name, before it fails
anywhere a user would see it."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.codec import whoosh3
from whoosh.writing import NO_MERGE, SegmentWriter

from tangthu.index.whoosh_engine import codec, create, postings
from tangthu.index.whoosh_engine.schema import FIELD_OF

# What the codec calls or overrides, by class.
PRIVATE = {
    whoosh3.W3PostingsWriter: ["_mini_ids", "_mini_values"],
    whoosh3.W3LeafMatcher: ["_read_ids", "_read_values", "_read_data"],
    SegmentWriter: ["_finalize_segment", "_close_segment", "_merge_segments", "_commit_toc"],
    whoosh_index.FileIndex: ["_segments"],
}


@pytest.mark.parametrize(
    ("cls", "names"), PRIVATE.items(), ids=lambda x: getattr(x, "__name__", "")
)
def test_the_private_methods_are_there(cls: type, names: list[str]) -> None:
    for name in names:
        assert callable(getattr(cls, name, None)), f"{cls.__name__}.{name} is gone"


def test_their_signatures_are_the_ones_the_codec_calls() -> None:
    assert list(inspect.signature(SegmentWriter._merge_segments).parameters) == [
        "self",
        "mergetype",
        "optimize",
        "merge",
    ]
    assert list(inspect.signature(SegmentWriter._commit_toc).parameters) == ["self", "segments"]
    assert "_lk" in inspect.signature(SegmentWriter.__init__).parameters
    finish = inspect.signature(SegmentWriter._finish).parameters
    assert list(finish) == ["self"]


def _docs(ix: whoosh_index.Index, start: int, n: int, *, lock: bool) -> object:
    writer = codec.segment_writer(ix, lock=lock, limitmb=16)
    for i in range(start, start + n):
        positions = {"đoàn": [0, 3], f"bài{i}": [1]}
        writer.add_document(id=f"a/{i}/article.txt", kind="article", x=positions, n=4)
    return writer


def test_segments_written_apart_are_committed_together(tmp_path: Path) -> None:
    """Two lock-free writers finish segments; a locked writer commits both with its own."""
    create(tmp_path)
    ix = whoosh_index.open_dir(str(tmp_path))
    first = codec.finish_segment(_docs(ix, 0, 30, lock=False))
    second = codec.finish_segment(_docs(ix, 30, 20, lock=False))
    dropped = _docs(ix, 100, 5, lock=False)
    codec.drop_segment(dropped)  # never committed
    parent = _docs(ix, 50, 10, lock=True)
    assert parent._added  # the parent's own documents are pending
    codec.commit_segments(parent, [first, second], NO_MERGE)
    ix = whoosh_index.open_dir(str(tmp_path))
    assert len(codec.index_segments(ix)) == 3
    with ix.searcher() as s:
        assert s.doc_count() == 60
        ids = sorted(d["id"] for d in s.all_stored_fields())
        assert ids == sorted(f"a/{i}/article.txt" for i in range(60))
    ix.close()


def test_a_posting_list_read_whole_equals_whooshs_matcher(tmp_path: Path) -> None:
    """The on-disk layout `posting_blocks` parses, against Whoosh's own public reading."""
    create(tmp_path)
    ix = whoosh_index.open_dir(str(tmp_path))
    writer = codec.segment_writer(ix, lock=True, limitmb=16)
    for i in range(500):  # several blocks of postings, some compressed
        positions = {"đoàn": list(range(0, 3 * (i % 7 + 1), 3)), "kết": [i % 5 + 1]}
        writer.add_document(id=f"a/{i}", kind="article", x=positions, n=30)
    writer.commit()
    ix = whoosh_index.open_dir(str(tmp_path))
    reader = ix.reader()
    raw = codec.posting_bytes(reader, FIELD_OF["text"], "đoàn")
    assert isinstance(raw, bytes) and len(raw) > 100
    counts, ids, values = codec.posting_blocks(raw, positional=True)
    assert sum(counts) == 500 and len(ids) == len(values) == len(counts) > 1
    assert codec.posting_bytes(reader, "x", "không-có") is None
    fast = postings.read(reader, "x", "đoàn")
    m = reader.postings("x", "đoàn")
    ids_seen, positions = [], []
    while m.is_active():
        ids_seen.append(m.id())
        positions.append(m.value_as("positions"))
        m.next()
    assert fast.docs.tolist() == ids_seen
    assert fast.freqs.tolist() == [len(p) for p in positions]
    assert fast.positions()[1].tolist() == [p for ps in positions for p in ps]
    reader.close()
    ix.close()


def test_the_codec_is_stored_under_its_module_path(tmp_path: Path) -> None:
    """Whoosh pickles the codec into every segment: renaming it breaks every index."""
    create(tmp_path)
    ix = whoosh_index.open_dir(str(tmp_path))
    codec.commit_segments(_docs(ix, 0, 3, lock=True), [], NO_MERGE)
    toc = next(tmp_path.glob("_MAIN_*.toc")).read_bytes()
    assert b"tangthu.index.whoosh_engine.codec" in toc and b"PackedCodec" in toc
