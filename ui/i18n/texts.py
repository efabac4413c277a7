"""Longer English texts of the interface, shared with their translations."""

QUERY_HELP = (
    "Words: all must appear (doan ket finds đoàn kết; typed with diacritics, "
    "exact spellings come first).\n"
    '"phrase": the words side by side.\n'
    "a OR b: either word.   -word or NOT word: without it.\n"
    "title:, caption:, author:, outlet: search one field (title:lũ).\n"
    "word*: words starting so.   word~: close spellings too."
)
