"""The readers of non-token files, registered by file suffix.

    ex = read_file(path, rel, root)          # FileExtract, or ReadError with a one-line reason
    reader_for(Path("guide.pdf"))            # the reader function, or None for other files

Each reader is a pure function of the file's bytes (see `FileExtract`), so callers may cache an
extract by content hash.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.docs import read_doc
from ingest.fonts import FONT_SUFFIXES, read_font
from ingest.model import FileExtract
from ingest.pdf import read_pdf
from ingest.raster import read_raster
from ingest.readers_common import ReadError
from ingest.svg import read_svg

PDF_SUFFIXES = (".pdf",)
SVG_SUFFIXES = (".svg",)
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
DOC_SUFFIXES = (".md", ".markdown", ".mdx", ".txt")

Reader = Callable[[Path, str, Path], FileExtract]
READERS: dict[str, Reader] = {}


def register(suffixes: tuple[str, ...], reader: Reader) -> None:
    """Route files ending in `suffixes` (lower case, with the dot) to `reader(path, rel, root)`."""
    for s in suffixes:
        if not s.startswith(".") or s != s.lower():
            raise ValueError(f"reader suffix {s!r} must be lower case and start with a dot")
        if s in READERS:
            raise ValueError(f"a reader for {s!r} files is already registered")
        READERS[s] = reader


register(PDF_SUFFIXES, lambda p, rel, root: read_pdf(p, rel))
register(SVG_SUFFIXES, read_svg)
register(RASTER_SUFFIXES, lambda p, rel, root: read_raster(p, rel))
register(FONT_SUFFIXES, lambda p, rel, root: read_font(p, rel))
register(DOC_SUFFIXES, lambda p, rel, root: read_doc(p, rel))


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())


def read_file(path: Path, rel: str, root: Path) -> FileExtract:
    """Read one non-token file with the reader its suffix names; ReadError when none does or
    when the reader refuses the file."""
    reader = reader_for(path)
    if reader is None:
        raise ReadError(f"no reader for {path.suffix or 'suffix-less'} files")
    return reader(path, rel, root)


__all__ = ["DOC_SUFFIXES", "PDF_SUFFIXES", "RASTER_SUFFIXES", "READERS", "SVG_SUFFIXES", "ReadError",
           "read_file", "reader_for", "register"]
