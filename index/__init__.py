"""The index layer: Vietnamese analysis, incremental indexing, the one search service
(`service`) and the engines below it as storage (`whoosh_engine`, `tantivy_engine`). No Qt."""
