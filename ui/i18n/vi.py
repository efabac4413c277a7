"""Vietnamese strings of the user interface (source: English)."""

VI: dict[str, str] = {}
