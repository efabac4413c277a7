"""Tàng Thư: an offline browser for folders of news articles and their photos.

Every module lives under this one name: ``tangthu.archive`` (scanning, parsing,
photos, export), ``tangthu.index`` (the search engines), ``tangthu.library`` (the
one way in for the window and the command line), ``tangthu.ui`` and ``tangthu.cli``.

The source keeps them as the top-level folders ``archive/``, ``index/`` … and this
one (``app/``, the package's own modules); ``pyproject.toml`` maps each folder to
its name, for an installed copy and for a checkout's editable install alike
(``make install``).
"""
