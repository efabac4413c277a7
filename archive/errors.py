"""Errors that carry a code and parameters, so each interface says them its own way.

The English sentence (``str(error)``) is what the command line prints; the window
looks the code up and writes the message in the user's language with the
parameters.
"""

from __future__ import annotations


class Failure(Exception):
    """An operation that could not be done.

    Attributes:
        code: a short machine name (``target-exists``, ``index-busy``…).
        params: what the message names (a path, a name, a number).
    """

    code = "failure"

    def __init__(self, message: str, *, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.params: dict[str, object] = params
