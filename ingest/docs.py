"""Read design documentation (Markdown or plain text) into retrievable chunks.

Markdown is split at its ATX headings (``#`` … ``######``; headings inside fenced code blocks
do not count) and each section becomes chunks whose locator is its heading path
(``"# Brand > ## Colour"``). Plain text is split at blank lines. Chunks hold at most
`CHUNK_CHARS` characters, split between paragraphs (or, for one huge paragraph, between
sentences or words). Colours written in the text ("Primary: #0E5E71", "RGB 14 94 113") become
`FoundColor`s and families named ("Typeface: Manrope") are listed.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.model import Chunk, FileExtract, FoundColor, Source
from ingest.readers_common import ReadError, find_colour_specs, fonts_named_in, role_word, spec_name

MAX_DOC_BYTES = 5 * 1024 * 1024
CHUNK_CHARS = 800
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")

__all__ = ["CHUNK_CHARS", "MAX_DOC_BYTES", "ReadError", "read_doc"]


def read_doc(path: Path, rel: str) -> FileExtract:
    """Chunks (kind "doc"), colours (how "doc-text") and named families of a Markdown or text file."""
    size = path.stat().st_size
    if size > MAX_DOC_BYTES:
        raise ReadError(f"{size} bytes is larger than the {MAX_DOC_BYTES} byte limit for documents")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise ReadError("binary data, not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadError(f"not UTF-8 text (bad byte at offset {e.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = FileExtract(kind="doc")
    if not text.strip():
        out.warnings.append(f"{rel}: the document is empty")
        return out
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    sections = _markdown_sections(text) if markdown else [("", text)]
    counts: dict[str, int] = {}
    for heading_path, body in sections:
        pieces = _pack(_paragraphs(body), CHUNK_CHARS)
        for i, piece in enumerate(pieces):
            if markdown:
                locator = heading_path or "(before the first heading)"
            else:
                locator = "text"
            n = counts[locator] = counts.get(locator, 0) + 1
            if n > 1:
                locator = f"{locator} ({n})"
            source = Source(file=rel, locator=locator)
            out.chunks.append(Chunk(id=f"{rel}#{locator}", kind="doc", text=piece, source=source,
                                    meta={"heading": heading_path}))
        heading_role = role_word(heading_path.rsplit(">", 1)[-1]) if heading_path else None
        for spec in find_colour_specs(body):
            role = None if role_word(spec.label) else heading_role
            out.colors.append(FoundColor(hex=spec.hex, name=spec_name(spec, role), how="doc-text",
                                         source=Source(file=rel, locator=heading_path or "text")))
    out.font_families = fonts_named_in(text)
    _read_guidance(out, sections, text, rel, markdown)
    return out


def _read_guidance(out: FileExtract, sections: list[tuple[str, str]], text: str, rel: str, markdown: bool) -> None:
    """What the document's sentences state (`ingest.guidance`), section by section, with the
    section's heading path as the locator; colour names resolve through the colours the whole
    document writes next to a value."""
    from ingest.guidance import Guidance, colour_names, extract_guidance

    names = colour_names(text)
    family = out.font_families[0] if out.font_families else "sans-serif"
    g = Guidance()
    for heading_path, body in sections:
        locator = (heading_path or "(before the first heading)") if markdown else "text"
        g.extend(extract_guidance(body, Source(file=rel, locator=locator), names, family=family))
    out.guidance = g.evidence
    out.rules = g.rules
    out.type_hints = g.type_styles
    out.stated_spacing = g.spacing
    out.stated_radii = g.radii


def _markdown_sections(text: str) -> list[tuple[str, str]]:
    """(heading path, body) per section, the body including its heading line."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    stack: list[tuple[int, str]] = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        m = None if in_fence else _HEADING.match(line)
        if m:
            level = len(m.group(1))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, f"{m.group(1)} {m.group(2).strip()}"))
            sections.append((" > ".join(h for _, h in stack), [line]))
        else:
            sections[-1][1].append(line)
    out = []
    for h, lines in sections:
        body = "\n".join(lines).strip()
        if body and not (h and body.count("\n") == 0 and _HEADING.match(body)):  # skip heading-only sections
            out.append((h, body))
    return out


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n[ \t]*\n", body) if p.strip()]


def _pack(paragraphs: list[str], limit: int) -> list[str]:
    """Paragraphs joined into pieces of at most `limit` characters."""
    pieces: list[str] = []
    cur = ""
    for para in paragraphs:
        for part in _split_long(para, limit):
            if cur and len(cur) + 2 + len(part) > limit:
                pieces.append(cur)
                cur = part
            else:
                cur = f"{cur}\n\n{part}" if cur else part
    if cur:
        pieces.append(cur)
    return pieces


def _split_long(para: str, limit: int) -> list[str]:
    if len(para) <= limit:
        return [para]
    out: list[str] = []
    cur = ""
    for unit in re.split(r"(?<=[.!?])\s+|\n", para):
        while len(unit) > limit:  # a sentence longer than a chunk: cut between words
            cut = unit.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            if cur:
                out.append(cur)
                cur = ""
            out.append(unit[:cut].strip())
            unit = unit[cut:].strip()
        if cur and len(cur) + 1 + len(unit) > limit:
            out.append(cur)
            cur = unit
        else:
            cur = f"{cur} {unit}" if cur else unit
    if cur:
        out.append(cur)
    return out
