"""Read a brand-guideline PDF (pymupdf): text per page, colour specifications and swatches,
fonts, type specimens, embedded images and a thumbnail of every page.

What a brand guide says is taken at its word: a swatch (a filled vector rectangle) is named by
the label next to it, a colour written as ``HEX #0E5E71`` / ``RGB 14 94 113`` /
``CMYK 88 17 0 56`` / ``Pantone 3155 C`` becomes a `FoundColor`, and a line such as
``Heading  Manrope Bold 32/40`` or a specimen set in 32 pt next to the word "Heading" becomes a
`TypeStyle`. PDF points are taken as CSS pixels (specimens in guides are drawn at 1:1).

Limits: files over `MAX_PDF_BYTES` are refused, only the first `MAX_PDF_PAGES` pages are read
(with a warning), and reading stops with a warning after `TIME_BUDGET_S` seconds.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ingest.colour import rgb_to_lab, to_hex
from ingest.model import Chunk, FileExtract, FoundColor, Source, TypeStyle
from ingest.readers_common import (
    THUMB_PX,
    ReadError,
    family_of,
    find_colour_specs,
    fonts_named_in,
    is_generic_family,
    one_line,
    png_thumbnail,
    role_word,
    spec_name,
)

MAX_PDF_BYTES = 200 * 1024 * 1024
MAX_PDF_PAGES = 500
MAX_IMAGES = 64  # embedded images turned into chunks, per file
MAX_IMAGE_PIXELS = 64_000_000
MAX_DRAWINGS = 5000  # vector paths looked at per page (swatches are among the first)
MIN_SWATCH_PT = 12.0  # both sides of a fill must be at least this long to count as a swatch
TIME_BUDGET_S = 60.0
CHUNK_CHARS = 1200

__all__ = ["MAX_PDF_BYTES", "MAX_PDF_PAGES", "ReadError", "read_pdf"]


@dataclass
class _Line:
    text: str
    bbox: tuple[float, float, float, float]
    size: float
    font: str
    color: str
    bold: bool
    block: int


def read_pdf(path: Path, rel: str) -> FileExtract:
    """Everything a PDF contributes; ReadError (one line) for encrypted, damaged or absurd files."""
    import pymupdf

    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file")
    if size > MAX_PDF_BYTES:
        raise ReadError(f"{size} bytes is larger than the {MAX_PDF_BYTES} byte limit for PDF files")
    with open(path, "rb") as f:
        if b"%PDF-" not in f.read(1024):
            raise ReadError("not a PDF (no %PDF- header)")
    try:
        doc = pymupdf.open(str(path), filetype="pdf")
    except Exception as e:
        raise ReadError(f"not a readable PDF ({one_line(e)})") from None
    with doc:
        if doc.needs_pass:
            raise ReadError("the PDF is password-protected; export it again without a password")
        try:
            n_pages = doc.page_count
        except Exception as e:
            raise ReadError(f"the PDF's page tree cannot be read ({one_line(e)})") from None
        if n_pages == 0:
            raise ReadError("the PDF has no pages (it may be truncated or damaged)")
        return _read_doc(doc, rel, n_pages)


def _read_doc(doc, rel: str, n_pages: int) -> FileExtract:
    out = FileExtract(kind="pdf")
    if doc.is_repaired:
        out.warnings.append(f"{rel}: the PDF is damaged; MuPDF repaired it and some content may be missing")
    if n_pages > MAX_PDF_PAGES:
        out.warnings.append(f"{rel}: only the first {MAX_PDF_PAGES} of {n_pages} pages were read")
    t0 = time.perf_counter()
    family_chars: Counter[str] = Counter()
    named: list[str] = []
    fills: dict[str, FoundColor] = {}
    seen_images: set[int] = set()
    read_pages = 0
    for pno in range(min(n_pages, MAX_PDF_PAGES)):
        if read_pages and time.perf_counter() - t0 > TIME_BUDGET_S:
            out.warnings.append(f"{rel}: stopped after {pno} of {n_pages} pages ({TIME_BUDGET_S:g} s time limit)")
            break
        try:
            page = doc.load_page(pno)
            lines = _lines(page)
        except Exception as e:
            out.warnings.append(f"{rel}: page {pno + 1} cannot be read ({one_line(e)})")
            continue
        read_pages += 1
        loc = f"page {pno + 1}"
        for ln in lines:
            family_chars[family_of(ln.font)] += len(ln.text)
        for font in _page_fonts(page):
            family_chars.setdefault(family_of(font), 0)
        page_text = "\n".join(ln.text for ln in lines)
        named += [f for f in fonts_named_in(page_text) if f not in named]
        out.chunks += _text_chunks(lines, rel, loc)
        specs = _text_colours(lines, rel, loc)
        out.colors += specs
        for fc in _swatches(page, lines, specs, rel, loc):
            key = fc.hex
            if key in fills:
                fills[key].share += fc.share
                if not fills[key].name and fc.name:
                    fills[key].name = fc.name
            else:
                fills[key] = fc
        out.type_hints += _type_hints(lines, rel, loc, named)
        out.chunks += _images(doc, page, rel, pno, seen_images, out.warnings)
        try:
            out.chunks.append(_page_render(page, rel, loc, lines))
        except Exception as e:
            out.warnings.append(f"{rel}: page {pno + 1} cannot be rendered ({one_line(e)})")
    if read_pages == 0:
        raise ReadError("no page of the PDF can be read (it is truncated or damaged)")
    for fc in fills.values():
        fc.share = round(fc.share / read_pages, 4)
    out.colors += sorted(fills.values(), key=lambda c: -c.share)
    used = [f for f, n in family_chars.most_common() if f]
    out.font_families = named + [f for f in used if f not in named and not is_generic_family(f)]
    out.font_families += [f for f in used if f not in out.font_families]
    out.type_hints = _dedupe_styles(out.type_hints)
    return out


# -- text -----------------------------------------------------------------------------------


def _lines(page) -> list[_Line]:
    d = page.get_text("dict", flags=0)
    out: list[_Line] = []
    for b in d.get("blocks", []):
        if b.get("type") != 0:
            continue
        for ln in b.get("lines", []):
            spans = [s for s in ln.get("spans", []) if s.get("text", "").strip()]
            if not spans:
                continue
            main = max(spans, key=lambda s: len(s["text"].strip()))
            text = "".join(s["text"] for s in ln["spans"]).strip()
            out.append(_Line(
                text=text, bbox=tuple(ln["bbox"]), size=round(max(s["size"] for s in spans), 2),
                font=main.get("font", ""), color=to_hex(_int_rgb(main.get("color", 0))),
                bold=bool(main.get("flags", 0) & 16) or "bold" in main.get("font", "").lower(),
                block=b.get("number", 0),
            ))
    return out


def _int_rgb(c: int) -> tuple[int, int, int]:
    return (c >> 16) & 255, (c >> 8) & 255, c & 255


def _page_fonts(page) -> list[str]:
    try:
        return [f[3] for f in page.get_fonts() if f[3]]
    except Exception:
        return []


def _text_chunks(lines: list[_Line], rel: str, loc: str) -> list[Chunk]:
    """The page's text in reading order, in chunks of at most CHUNK_CHARS (split between blocks)."""
    if not lines:
        return []
    parts: list[list[_Line]] = [[]]
    size = 0
    for ln in lines:
        if size + len(ln.text) > CHUNK_CHARS and parts[-1]:
            parts.append([])
            size = 0
        parts[-1].append(ln)
        size += len(ln.text) + 1
    chunks = []
    for i, part in enumerate(parts):
        chars: Counter[tuple[str, float, str]] = Counter()
        for ln in part:
            chars[(family_of(ln.font), ln.size, ln.color)] += len(ln.text)
        (font, fsize, colour), _ = chars.most_common(1)[0]
        locator = loc if len(parts) == 1 else f"{loc}, part {i + 1}"
        text = _join_blocks(part)[: CHUNK_CHARS * 2]
        chunks.append(Chunk(id=f"{rel}#{locator}", kind="pdf-text", text=text,
                            source=Source(file=rel, locator=locator),
                            meta={"font": font, "size": fsize, "color": colour}))
    return chunks


def _join_blocks(lines: list[_Line]) -> str:
    out: list[str] = []
    prev = None
    for ln in lines:
        if prev is not None:
            out.append("\n\n" if ln.block != prev else "\n")
        out.append(ln.text)
        prev = ln.block
    return "".join(out)


def _heading_role_above(lines: list[_Line], top: float, limit: float = 160.0) -> str | None:
    """The colour role of the nearest short heading-like line above `top` (e.g. "Primary colours")."""
    best: tuple[float, str] | None = None
    for ln in lines:
        gap = top - ln.bbox[3]
        if gap < -1 or gap > limit or len(ln.text) > 48 or find_colour_specs(ln.text):
            continue
        role = role_word(ln.text)
        if role and (best is None or gap < best[0]):
            best = (gap, role)
    return best[1] if best else None


def _text_colours(lines: list[_Line], rel: str, loc: str) -> list[FoundColor]:
    """Colours written in the page's text, block by block (a label and its values stay together)."""
    blocks: dict[int, list[_Line]] = {}
    for ln in lines:
        blocks.setdefault(ln.block, []).append(ln)
    out: list[FoundColor] = []
    for blines in blocks.values():
        text = "\n".join(ln.text for ln in blines)
        for spec in find_colour_specs(text):
            before = text[: spec.start]
            role = None if role_word(spec.label) else role_word(before[-80:])
            if role is None and not role_word(spec.label):
                role = _heading_role_above(lines, blines[0].bbox[1])
            out.append(FoundColor(hex=spec.hex, name=spec_name(spec, role), how="pdf-text",
                                  source=Source(file=rel, locator=loc)))
    return out


# -- vector swatches ------------------------------------------------------------------------


def _fill_rgb(fill) -> tuple[int, int, int] | None:
    if fill is None:
        return None
    vals = [float(v) for v in fill]
    if len(vals) == 1:
        vals = vals * 3
    elif len(vals) == 4:  # DeviceCMYK
        c, m, y, k = vals
        vals = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    elif len(vals) != 3:
        return None
    return tuple(min(255, max(0, round(v * 255))) for v in vals)  # type: ignore[return-value]


def _swatches(page, lines: list[_Line], specs: list[FoundColor], rel: str, loc: str) -> list[FoundColor]:
    """Filled rectangles of meaningful size, named by the colour spec of the same colour on the
    page or else by the nearest label; share is the fraction of the page they cover."""
    try:
        drawings = page.get_drawings()[:MAX_DRAWINGS]
    except Exception:
        return []
    prect = page.rect
    page_area = max(prect.width * prect.height, 1.0)
    found: dict[str, FoundColor] = {}
    for d in drawings:
        if d.get("type") not in ("f", "fs") or (d.get("fill_opacity") or 1.0) < 0.5:
            continue
        rgb = _fill_rgb(d.get("fill"))
        r = d.get("rect")
        if rgb is None or r is None or r.width < MIN_SWATCH_PT or r.height < MIN_SWATCH_PT:
            continue
        area = min(r.width * r.height, page_area)
        hex_ = to_hex(rgb)
        if hex_ in found:
            found[hex_].share += area / page_area
            continue
        name = _spec_named(rgb, specs) or _nearest_label(r, lines, area >= 0.9 * page_area)
        found[hex_] = FoundColor(hex=hex_, name=name, share=area / page_area, how="pdf-fill",
                                 source=Source(file=rel, locator=loc))
    return list(found.values())


def _spec_named(rgb: tuple[int, int, int], specs: list[FoundColor]) -> str:
    lab = rgb_to_lab(rgb)
    for s in specs:
        h = s.hex.lstrip("#")
        other = rgb_to_lab((int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)))
        if math.dist(lab, other) <= 3.0 and s.name:
            return s.name
    return ""


def _nearest_label(r, lines: list[_Line], is_background: bool) -> str:
    if is_background:
        return ""
    best: tuple[float, str] | None = None
    for ln in lines:
        x0, y0, x1, y1 = ln.bbox
        dx = max(r.x0 - x1, x0 - r.x1, 0.0)
        dy = max(r.y0 - y1, y0 - r.y1, 0.0)
        dist = math.hypot(dx, dy)
        if dist > 40 or len(ln.text) > 60:
            continue
        label = ln.text
        specs = find_colour_specs(label)
        if specs:
            label = specs[0].label
        label = label.strip()
        if label and (best is None or dist < best[0]):
            best = (dist, label)
    return best[1] if best else ""


# -- type -----------------------------------------------------------------------------------

_TYPE_ROLES = (
    (re.compile(r"\b(?:heading|headline|h)\s*([1-6])\b", re.I), None),
    (re.compile(r"\bdisplay\b", re.I), "display"),
    (re.compile(r"\b(?:heading|headline|headings|headlines)\b", re.I), "h1"),
    (re.compile(r"\b(?:subheading|subtitle|sub-heading|title)\b", re.I), "title"),
    (re.compile(r"\b(?:body|paragraph|body copy|text body)\b", re.I), "body"),
    (re.compile(r"\b(?:caption|footnote|small print|small)\b", re.I), "caption"),
    (re.compile(r"\b(?:label|button|overline)\b", re.I), "label"),
)
# "16 px", "16px / 24", "16/24": size (1) and line height (2 or 3)
_SIZE_SPEC = re.compile(r"(?<![\w#])(\d{1,3}(?:\.\d+)?)\s*"
                        r"(?:(?:px|pt)\b\s*(?:/\s*(\d{1,3}(?:\.\d+)?))?|/\s*(\d{1,3}(?:\.\d+)?))")
_WEIGHTS = (("extrabold", 800), ("extra bold", 800), ("semibold", 600), ("semi bold", 600), ("demibold", 600),
            ("bold", 700), ("black", 900), ("heavy", 900), ("medium", 500), ("extralight", 200),
            ("light", 300), ("thin", 100), ("regular", 400), ("book", 400))


def type_role(text: str) -> str | None:
    """The type-scale step a label names ("Heading 2" → "h2", "Body copy" → "body"), or None."""
    for pat, name in _TYPE_ROLES:
        m = pat.search(text)
        if m:
            return name or f"h{m.group(1)}"
    return None


def _weight(text: str, default: int) -> int:
    t = text.lower()
    for word, w in _WEIGHTS:
        if word in t:
            return w
    return default


def _type_hints(lines: list[_Line], rel: str, loc: str, named: list[str]) -> list[TypeStyle]:
    out: list[TypeStyle] = []
    for ln in lines:
        role = type_role(ln.text) if len(ln.text) <= 120 and not find_colour_specs(ln.text) else None
        if role is None:
            continue
        family = next((f for f in named if f.lower() in ln.text.lower()), None) or family_of(ln.font)
        m = _SIZE_SPEC.search(ln.text)
        if m:  # "Body  Manrope Regular 16/24": the text states the size
            size = float(m.group(1))
            lh = m.group(2) or m.group(3)
            weight = _weight(ln.text, 700 if role in ("display", "h1", "h2") else 400)
            how = "text"
        else:  # a specimen: the label's own line, or a larger line right below or beside it
            spec = _specimen_near(ln, lines)
            size, lh = spec.size, None
            weight = _weight(spec.text if spec is not ln else ln.text, 700 if spec.bold else _weight(spec.font, 400))
            if spec is not ln:
                family = next((f for f in named if f.lower() in ln.text.lower()), None) or family_of(spec.font)
            how = "specimen"
        if not 6 <= size <= 200:
            continue
        line_height = float(lh) if lh and float(lh) >= size * 0.8 else size * (1.25 if size >= 24 else 1.5)
        out.append(TypeStyle(name=role, family=family, size=size, weight=weight, line_height=round(line_height, 2),
                             source=Source(file=rel, locator=f"{loc}, {how} {ln.text[:40]!r}")))
    return out


def _specimen_near(label: _Line, lines: list[_Line]) -> _Line:
    """The specimen a short label names: the nearest larger line starting under it (within
    60 pt) or on its row to the right (within 200 pt); else the label itself."""
    if len(label.text) > 32:
        return label
    best: tuple[float, _Line] | None = None
    lx0, ly0, lx1, ly1 = label.bbox
    for ln in lines:
        if ln is label or ln.size < label.size * 1.15 or type_role(ln.text):
            continue
        x0, y0, x1, y1 = ln.bbox
        below = y0 > ly0 + 1 and y1 > ly1 and y0 - ly1 <= 60 and x0 < lx1 + 20 and x1 > lx0 - 20
        beside = 0 <= x0 - lx1 <= 200 and min(ly1, y1) - max(ly0, y0) > 0
        if below or beside:
            dist = max(y0 - ly1, 0.0) if below else (x0 - lx1)
            if best is None or dist < best[0]:
                best = (dist, ln)
    return best[1] if best else label


def _dedupe_styles(styles: list[TypeStyle]) -> list[TypeStyle]:
    """One style per name: a size written in text wins over a specimen's drawn size."""
    best: dict[str, TypeStyle] = {}
    for s in styles:
        cur = best.get(s.name)
        if cur is None or (", text " in s.source.locator and ", text " not in cur.source.locator):
            best[s.name] = s
    return sorted(best.values(), key=lambda s: -s.size)


# -- images ---------------------------------------------------------------------------------


def _images(doc, page, rel: str, pno: int, seen: set[int], warnings: list[str]) -> list[Chunk]:
    import pymupdf
    from PIL import Image

    out: list[Chunk] = []
    try:
        infos = page.get_images(full=True)
    except Exception:
        return out
    for i, info in enumerate(infos):
        xref = info[0]
        if xref in seen or len(seen) >= MAX_IMAGES:
            continue
        seen.add(xref)
        w, h = info[2], info[3]
        if w * h > MAX_IMAGE_PIXELS:
            warnings.append(f"{rel}: image on page {pno + 1} is {w}×{h} px, over the {MAX_IMAGE_PIXELS} pixel limit")
            continue
        if min(w, h) < 16:
            continue
        try:
            pix = pymupdf.Pixmap(doc, xref)
            if pix.n - pix.alpha != 3:
                pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
            long_side = max(pix.width, pix.height)
            shrink = math.floor(math.log2(long_side / (THUMB_PX * 2))) if long_side > THUMB_PX * 2 else 0
            if shrink > 0:  # halve `shrink` times before the exact resize
                pix.shrink(shrink)
            mode = "RGBA" if pix.alpha else "RGB"
            im = Image.frombytes(mode, (pix.width, pix.height), pix.samples)
            thumb = png_thumbnail(im)
        except Exception as e:
            warnings.append(f"{rel}: image on page {pno + 1} cannot be decoded ({one_line(e)})")
            continue
        locator = f"page {pno + 1}, image {i + 1}"
        out.append(Chunk(id=f"{rel}#{locator}", kind="pdf-image",
                         text=f"image {w}×{h} px on page {pno + 1} of {rel}",
                         source=Source(file=rel, locator=locator), thumbnail=thumb,
                         meta={"width": w, "height": h, "page": pno + 1}))
    return out


def _page_render(page, rel: str, loc: str, lines: list[_Line]) -> Chunk:
    import pymupdf

    r = page.rect
    zoom = THUMB_PX / max(r.width, r.height, 1.0)
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    title = max(lines, key=lambda ln: ln.size).text[:80] if lines else ""
    locator = f"{loc}, render"
    return Chunk(id=f"{rel}#{locator}", kind="pdf-page",
                 text=f"{loc} of {rel}" + (f": {title}" if title else ""),
                 source=Source(file=rel, locator=locator), thumbnail=pix.tobytes("png"),
                 meta={"width_pt": round(r.width, 1), "height_pt": round(r.height, 1)})
