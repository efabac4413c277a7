"""The PySide6 user interface: thin on top of archive/ and index/."""
