"""The index layer: Whoosh schema, Vietnamese analysis, incremental indexing, search. No Qt."""
