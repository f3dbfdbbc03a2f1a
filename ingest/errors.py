"""The error type readers raise for a file they refuse, and the one-line form of any error.

Every message is one line for the user; the caller adds the file's name."""

from __future__ import annotations


class ReadError(ValueError):
    """A file a reader refuses; the message is one line saying why (the caller adds the file)."""


def one_line(e: BaseException) -> str:
    """An exception's message as one human-readable line (at most 200 characters), or its type
    name when it has none: the first problem of a pydantic ValidationError ("colors.0.hex: Input
    should be a valid string"), a KeyError's key without quotes, and the messages of an
    exception raised with several (as fontTools adds context) joined with "; " instead of a tuple."""
    errors = getattr(e, "errors", None)
    if callable(errors) and type(e).__name__ == "ValidationError":
        try:
            first = errors()[0]
            loc = ".".join(str(p) for p in first.get("loc", ()))
            text = f"{loc}: {first.get('msg', '')}" if loc else str(first.get("msg", ""))
            return " ".join(text.split())[:200] or type(e).__name__
        except Exception:  # noqa: BLE001 - fall back to the message text
            pass
    args = getattr(e, "args", ())
    if isinstance(e, KeyError) and len(args) == 1:
        text = str(args[0])
    elif len(args) > 1 and all(isinstance(a, str) for a in args):
        text = "; ".join(args)
    else:
        text = str(e)
    lines = text.strip().splitlines()
    return lines[0][:200] if lines else type(e).__name__
