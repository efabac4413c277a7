"""The PySide6 window: parts that own their widgets, wired in one place; everything
they show comes through `tangthu.library`."""
