"""The one table that routes a file to its reader, by suffix.

    file_kind(Path("guide.pdf"))             # "pdf" (or "tokens", "svg", "raster", "font", "doc"; None)
    ex = read_file(path, rel, root)          # FileExtract, or ReadError with a one-line reason
    reader_for(Path("guide.pdf"))            # the registered `Reader`, or None for other files

Token files (`ingest.tokens.TOKEN_SUFFIXES`) go to the token readers; every other kind is in
`READERS`. A reader is named by module and function and imported on first use, so an unchanged
folder's ingest never imports pymupdf, the SVG or the screenshot readers. Each reader is a pure
function of the file's bytes (see `FileExtract`), so callers may cache an extract by content
hash. A new file format is one `register` call here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import ReadError
from ingest.model import FileExtract
from ingest.tokens import TOKEN_SUFFIXES


@dataclass(frozen=True)
class Reader:
    """A reader: `module.function(path, rel)`, or `(path, rel, root)` when it `takes_root`."""

    kind: str
    module: str
    function: str
    takes_root: bool = False

    def __call__(self, path: Path, rel: str, root: Path) -> FileExtract:
        fn = getattr(importlib.import_module(self.module), self.function)
        return fn(path, rel, root) if self.takes_root else fn(path, rel)


READERS: dict[str, Reader] = {}


def register(kind: str, suffixes: tuple[str, ...], module: str, function: str, takes_root: bool = False) -> None:
    """Route files ending in `suffixes` (lower case, with the dot) to `module.function`."""
    for s in suffixes:
        if not s.startswith(".") or s != s.lower():
            raise ValueError(f"reader suffix {s!r} must be lower case and start with a dot")
        if s in READERS or s in TOKEN_SUFFIXES:
            raise ValueError(f"a reader for {s!r} files is already registered")
        READERS[s] = Reader(kind, module, function, takes_root)


register("pdf", (".pdf",), "ingest.pdf", "read_pdf")
register("svg", (".svg",), "ingest.svg", "read_svg", takes_root=True)
register("raster", (".png", ".jpg", ".jpeg", ".webp", ".gif"), "ingest.raster", "read_raster")
register("font", (".ttf", ".otf", ".woff", ".woff2"), "ingest.fonts", "read_font")
register("doc", (".md", ".markdown", ".mdx", ".txt", ".rst"), "ingest.docs", "read_doc")


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())


def file_kind(path: Path) -> str | None:
    """Which reader handles `path`: "tokens", "pdf", "svg", "raster", "font", "doc" or None."""
    s = path.suffix.lower()
    if s in TOKEN_SUFFIXES:
        return "tokens"
    reader = READERS.get(s)
    return reader.kind if reader else None


def read_file(path: Path, rel: str, root: Path) -> FileExtract:
    """Read one non-token file with the reader its suffix names; ReadError when none does or
    when the reader refuses the file."""
    reader = reader_for(path)
    if reader is None:
        raise ReadError(f"no reader for {path.suffix or 'suffix-less'} files")
    return reader(path, rel, root)


__all__ = ["READERS", "ReadError", "Reader", "file_kind", "read_file", "reader_for", "register"]
