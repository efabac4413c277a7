"""PyInstaller: find tangthu's packages in a checkout made without symbolic links.

``tangthu/__init__.py`` then finds them in the checkout's folders at run time; the
analysis, which does not run it, is told here to look there too.
"""

from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[3]


def pre_safe_import_module(api):  # type: ignore[no-untyped-def]  (PyInstaller's hook API)
    if not (CHECKOUT / "tangthu" / "archive").is_dir():
        api.append_package_path(str(CHECKOUT))
