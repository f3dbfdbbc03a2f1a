"""The error type readers raise for a file they refuse, and the one-line form of any error.

Every message is one line for the user; the caller adds the file's name."""

from __future__ import annotations


class ReadError(ValueError):
    """A file a reader refuses; the message is one line saying why (the caller adds the file)."""


def one_line(e: BaseException) -> str:
    """The first line of an exception's message, or its type name when it has none."""
    text = str(e).strip().splitlines()
    return text[0][:200] if text else type(e).__name__
