"""Read a brand-guideline PDF (pymupdf): text per page, colour specifications and swatches,
fonts, type specimens, embedded images and a thumbnail of every page.

What a brand guide says is taken at its word: a swatch (a filled vector rectangle) is named by
the label next to it, a colour written as ``HEX #0E5E71`` / ``RGB 14 94 113`` /
``CMYK 88 17 0 56`` / ``Pantone 3155 C`` becomes a `FoundColor`, and a line such as
``Heading  Manrope Bold 32/40`` or a specimen set in 32 pt next to the word "Heading" becomes a
`TypeStyle`. PDF points are taken as CSS pixels (specimens in guides are drawn at 1:1).

The layout of a page is read too, by geometry rather than by wording:

- a *labelled swatch* (a fill with a block of text right under or beside it: ``primary`` /
  ``← teal.700`` / ``HEX #0E5E71`` / ``RGB …``) becomes a ``how="pdf-swatch"`` colour named by
  its label (``"primary (teal.700)"``); a ramp step (``700``) takes its row's name (``teal-700``);
- a fill that carries just a role's name ("Secondary" on a button specimen) gives the text
  colour on that role (``how="pdf-specimen-text"``, ``"on-secondary"``) when the fill is the
  colour the guide's own swatch labels give the role;
- a type label over a size line (``h2`` over ``28/36 px · SemiBold · -0.25 px``) is a
  `TypeStyle` named as the guide names it, in the family of the specimen set beside it;
- a spacing or radius heading over values written alone (``8 px``) becomes a chunk whose
  ``meta`` holds the scale (``{"scale": "spacing", "values": [[name, px], …]}``);
- a page whose title says "dark", or whose background is near-black, is marked
  ``meta["theme"] = "dark"`` on its page chunk, so that inference can keep the light values;
- a screenshot placed on a page, or a screen mock drawn in vectors, becomes a "screen" chunk
  with its layout in ``meta["blocks"]`` (`ingest.pdf_screens`), a reference layout like the
  folder's own example screens.

Limits: files over `MAX_PDF_BYTES` are refused, only the first `MAX_PDF_PAGES` pages are read
(with a warning), at most `MAX_SCREENS` reference layouts are kept per file, and reading stops with a warning after `TIME_BUDGET_S` seconds.
A page that draws more than `MAX_PDF_PAGE_PATHS` vector paths refuses the file (counted before
any path is built).
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ingest import limits as _limits
from ingest.colour import fill_rgb, rgb_to_lab, to_hex
from ingest.model import Chunk, FileExtract, FoundColor, Source, TypeStyle
from ingest.readers_common import (
    ROLE_WORDS,
    THUMB_PX,
    ColourSpec,
    ReadError,
    family_of,
    find_colour_specs,
    fonts_named_in,
    is_generic_family,
    is_token_label,
    one_line,
    png_thumbnail,
    role_word,
    spec_name,
)

MAX_PDF_BYTES = 200 * 1024 * 1024
MAX_PDF_PAGES = 500
MAX_IMAGES = 64  # embedded images turned into chunks, per file
MAX_SCREENS = 32  # screenshots and screen mocks turned into reference layouts, per file
MAX_IMAGE_PIXELS = 64_000_000
MAX_DRAWINGS = 5000  # vector paths looked at per page (swatches are among the first)
MAX_PDF_PAGE_PATHS = _limits.MAX_PDF_PAGE_PATHS  # pages drawing more paths refuse the file
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
    from ingest.pdf_screens import screen_chunks  # imports the engine's block schema

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
    on_role: list[tuple[str, str, FoundColor]] = []
    read_pages = n_screens = 0
    page_texts: list[tuple[str, str]] = []  # (locator, text by blocks) for what the guide states
    screenshots: dict = {}  # xref -> what the image showed, for images placed on many pages
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
        if _count_paths(page, MAX_PDF_PAGE_PATHS) > MAX_PDF_PAGE_PATHS:
            raise ReadError(f"page {pno + 1} draws more than {MAX_PDF_PAGE_PATHS} vector paths")
        read_pages += 1
        loc = f"page {pno + 1}"
        for ln in lines:
            family_chars[family_of(ln.font)] += len(ln.text)
        for font in _page_fonts(page):
            family_chars.setdefault(family_of(font), 0)
        page_text = "\n".join(ln.text for ln in lines)
        named += [f for f in fonts_named_in(page_text) if f not in named]
        page_texts.append((loc, _join_blocks(lines)))
        out.chunks += _text_chunks(lines, rel, loc)
        specs = _text_colours(lines, rel, loc)
        out.colors += specs
        drawings = _drawings(page)
        try:  # the page's layout: labelled swatches, role specimens, laid-out scales
            rects = _filled_rects(page, drawings)
            cards, roles, scales = (_swatch_cards(rects, lines, rel, loc), _role_specimens(rects, lines, rel, loc),
                                    _scale_chunks(lines, rel, loc))
        except Exception as e:
            out.warnings.append(f"{rel}: the layout of page {pno + 1} cannot be read ({one_line(e)})")
            rects, cards, roles, scales = [], [], [], []
        out.colors += cards
        on_role += roles
        out.chunks += scales
        for fc in _swatches(page, rects, lines, specs, rel, loc):
            key = fc.hex
            if key in fills:
                fills[key].share += fc.share
                if not fills[key].name and fc.name:
                    fills[key].name = fc.name
            else:
                fills[key] = fc
        out.type_hints += _type_hints(lines, rel, loc, named)
        out.chunks += _images(doc, page, rel, pno, seen_images, out.warnings)
        if n_screens < MAX_SCREENS:
            try:  # screenshots and screen mocks shown on the page: reference layouts
                screens = screen_chunks(page, rel, pno, drawings, lines, screenshots)[: MAX_SCREENS - n_screens]
            except Exception as e:
                out.warnings.append(f"{rel}: the screens shown on page {pno + 1} cannot be read ({one_line(e)})")
                screens = []
            out.chunks += screens
            n_screens += len(screens)
        try:
            out.chunks.append(_page_render(page, rel, loc, lines, _page_theme(page, rects, lines)))
        except Exception as e:
            out.warnings.append(f"{rel}: page {pno + 1} cannot be rendered ({one_line(e)})")
    if read_pages == 0:
        raise ReadError("no page of the PDF can be read (it is truncated or damaged)")
    out.colors += _on_role_colours(on_role, out.colors, out.chunks)
    for fc in fills.values():
        fc.share = round(fc.share / read_pages, 4)
    out.colors += sorted(fills.values(), key=lambda c: -c.share)
    used = [f for f, n in family_chars.most_common() if f]
    out.font_families = named + [f for f in used if f not in named and not is_generic_family(f)]
    out.font_families += [f for f in used if f not in out.font_families]
    _read_guidance(out, page_texts, rel)
    out.type_hints = _dedupe_styles(out.type_hints)
    return out


def _read_guidance(out: FileExtract, page_texts: list[tuple[str, str]], rel: str) -> None:
    """What the guide's sentences state (`ingest.guidance`), page by page: colour uses, rules,
    a type scale, a spacing scale and radii per component. Colour names resolve through the
    colours the whole guide writes next to a value."""
    from ingest.guidance import Guidance, colour_names, extract_guidance

    names: dict[str, str] = {}
    for _, text in page_texts:
        for k, v in colour_names(text).items():
            names.setdefault(k, v)
    family = next((f for f in out.font_families if not is_generic_family(f)), "sans-serif")
    g = Guidance()
    for loc, text in page_texts:
        g.extend(extract_guidance(text, Source(file=rel, locator=loc), names, family=family))
    out.guidance += g.evidence
    out.rules += g.rules
    if len(g.type_styles) >= 3:  # a guide that lists its type scale has said what the scale is
        out.type_hints = list(g.type_styles)
    else:
        out.type_hints += g.type_styles
    out.stated_spacing = out.stated_spacing or g.spacing
    out.stated_radii += g.radii


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


def _count_paths(page, limit: int) -> int:
    """Vector paths (fills, strokes, clips) the page draws, counted while MuPDF interprets it,
    without building them (``get_drawings`` builds every path first). Counting stops at
    ``limit + 1``, so a page of a million paths costs no more than one at the limit."""
    from pymupdf import mupdf

    class Counter_(mupdf.FzDevice2):
        def __init__(self, cookie):
            super().__init__()
            self.n = 0
            self.cookie = cookie
            for name in ("fill_path", "stroke_path", "clip_path", "clip_stroke_path"):
                getattr(self, f"use_virtual_{name}")()

        def _bump(self):
            self.n += 1
            if self.n > limit:
                self.cookie.set_abort()  # MuPDF stops interpreting the page

        def fill_path(self, *args):
            self._bump()

        def stroke_path(self, *args):
            self._bump()

        def clip_path(self, *args):
            self._bump()

        def clip_stroke_path(self, *args):
            self._bump()

    cookie = mupdf.FzCookie()
    dev = Counter_(cookie)
    try:
        mupdf.fz_run_page(page.this, dev, mupdf.FzMatrix(), cookie)
        mupdf.fz_close_device(dev)
    except Exception:  # a damaged page: what was counted stands; reading it reports the damage
        pass
    return dev.n


def _drawings(page) -> list[dict]:
    try:
        return page.get_drawings()[:MAX_DRAWINGS]
    except Exception:
        return []


def _filled_rects(page, drawings: list[dict]) -> list[tuple]:
    """(rect, rgb, is_background) of every opaque fill at least MIN_SWATCH_PT on both sides, in
    drawing order; a fill covering 90 % of the page is the page's background."""
    page_area = max(page.rect.width * page.rect.height, 1.0)
    out = []
    for d in drawings:
        if d.get("type") not in ("f", "fs") or (d.get("fill_opacity") or 1.0) < 0.5:
            continue
        rgb = fill_rgb(d.get("fill"))
        r = d.get("rect")
        if rgb is None or r is None or r.width < MIN_SWATCH_PT or r.height < MIN_SWATCH_PT:
            continue
        out.append((r, rgb, r.width * r.height >= 0.9 * page_area))
    return out


def _swatches(page, rects: list[tuple], lines: list[_Line], specs: list[FoundColor], rel: str,
              loc: str) -> list[FoundColor]:
    """Filled rectangles of meaningful size, named by the colour spec of the same colour on the
    page or else by the nearest label; share is the fraction of the page they cover."""
    prect = page.rect
    page_area = max(prect.width * prect.height, 1.0)
    found: dict[str, FoundColor] = {}
    for r, rgb, is_background in rects:
        area = min(r.width * r.height, page_area)
        hex_ = to_hex(rgb)
        if hex_ in found:
            found[hex_].share += area / page_area
            continue
        name = _spec_named(rgb, specs) or _nearest_label(r, lines, is_background)
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


# -- swatch cards: a swatch with its label block ---------------------------------------------

CARD_GAP_PT = 12.0  # a swatch's label block starts at most this far below or right of it
CARD_LINE_GAP_PT = 8.0  # lines of one label block follow each other at most this far apart
CARD_MAX_LINES = 6
MAX_CARD_SWATCHES = 300  # fills per page looked at as labelled swatches
CARD_MAX_DELTA = 12.0  # CIELAB distance between a fill and the value written under it
_ALIAS = re.compile(r"^[^\w#]*\s*([A-Za-z][\w-]*(?:\.[\w-]+)+)\s*$")  # "← teal.700": the token it aliases
_STEP = re.compile(r"^\d{1,4}$")  # a ramp step ("50", "700") that needs its row's name


def _inside(ln: _Line, r) -> bool:
    cx, cy = (ln.bbox[0] + ln.bbox[2]) / 2, (ln.bbox[1] + ln.bbox[3]) / 2
    return r.x0 <= cx <= r.x1 and r.y0 <= cy <= r.y1


def _card_lines(r, lines: list[_Line]) -> list[_Line]:
    """The label block of a swatch: lines aligned with it that start just below it (left-aligned
    or centred on it), else lines that start just right of it on its rows."""
    def aligned(ln: _Line) -> bool:
        x0, _, x1, _ = ln.bbox
        return r.x0 - 4 <= x0 <= r.x0 + 0.5 * r.width or abs((x0 + x1) / 2 - (r.x0 + r.x1) / 2) <= 0.25 * r.width

    below = sorted((ln for ln in lines if ln.bbox[1] >= r.y1 - 2 and aligned(ln)), key=lambda ln: ln.bbox[1])
    right = sorted((ln for ln in lines if 0 <= ln.bbox[0] - r.x1 <= CARD_GAP_PT + 8
                    and ln.bbox[1] < r.y1 and ln.bbox[3] > r.y0), key=lambda ln: ln.bbox[1])
    for cands, start in ((below, r.y1), (right, None)):
        block: list[_Line] = []
        for ln in cands:
            if not block:
                if start is not None and ln.bbox[1] - start > CARD_GAP_PT:
                    break
            elif ln.bbox[1] - block[-1].bbox[3] > CARD_LINE_GAP_PT or abs(ln.bbox[0] - block[0].bbox[0]) > 4:
                break
            block.append(ln)
            if len(block) >= CARD_MAX_LINES:
                break
        if block:
            return block
    return []


def _row_name(r, lines: list[_Line]) -> str:
    """The name of a swatch row ("teal" left of a ramp): the nearest short line ending left of
    the swatch whose middle lies within the swatch's height."""
    best: tuple[float, str] | None = None
    for ln in lines:
        cy = (ln.bbox[1] + ln.bbox[3]) / 2
        gap = r.x0 - ln.bbox[2]
        if gap < 0 or not r.y0 - 4 <= cy <= r.y1 + 4 or len(ln.text) > 24 or not re.search(r"[A-Za-z]", ln.text):
            continue
        if find_colour_specs(ln.text):
            continue
        if best is None or gap < best[0]:
            best = (gap, ln.text.strip())
    return best[1] if best else ""


def _swatch_cards(rects: list[tuple], lines: list[_Line], rel: str, loc: str) -> list[FoundColor]:
    """One colour per labelled swatch: a filled rectangle with a block of text under (or beside)
    it giving its name and, usually, its value ("primary / ← teal.700 / HEX #0E5E71 / RGB …").
    The value written wins over the fill (the guide is taken at its word) when the two agree to
    within CARD_MAX_DELTA; a block whose value names another colour is not this swatch's label.
    The name is the label as written; a ramp step ("700") is prefixed with its row's name."""
    out: list[FoundColor] = []
    rects = rects[:MAX_CARD_SWATCHES]
    free = [ln for ln in lines if not any(_inside(ln, r) for r, _, bg in rects if not bg)]
    for r, rgb, is_background in rects:
        if is_background:
            continue
        block = _card_lines(r, free)
        if not block:
            continue
        text = "\n".join(ln.text for ln in block)
        specs = find_colour_specs(text)
        label, alias = "", ""
        for ln in block:
            m = _ALIAS.match(ln.text)
            if m and not alias and not find_colour_specs(ln.text):
                alias = m.group(1)
            elif not label and re.search(r"[A-Za-z]", ln.text) and len(ln.text) <= 60:
                label = specs[0].label if find_colour_specs(ln.text) and specs else ln.text.strip()
        if not label and specs:
            label = specs[0].label
        if not specs and (not label or not role_word(label) or len(label.split()) > 3):
            continue  # a shape specimen ("sm / 4 px") or a caption, not a colour swatch
        hex_ = to_hex(rgb)
        if specs:
            if math.dist(rgb_to_lab(specs[0].rgb), rgb_to_lab(rgb)) > CARD_MAX_DELTA:
                continue
            hex_ = specs[0].hex
        if _STEP.match(label):
            row = _row_name(r, free)
            label = f"{_slug(row)}-{label}" if row else label
        if not label:
            continue
        spec = replace(specs[0], label=label) if specs else _bare_spec(label)
        name = label if is_token_label(label) else spec_name(
            spec, None if role_word(label) else _heading_role_above(lines, r.y0))
        if alias and is_token_label(label):
            name = f"{name} ({alias})"
        out.append(FoundColor(hex=hex_, name=name, how="pdf-swatch", source=Source(file=rel, locator=loc)))
    return out


def _role_specimens(rects: list[tuple], lines: list[_Line], rel: str,
                    loc: str) -> list[tuple[str, str, FoundColor]]:
    """(role, fill hex, text colour) of fills that carry just a role's name ("Secondary" on a
    button specimen): the text colour is the colour to set on that role's fills."""
    out = []
    for r, rgb, is_background in rects[:MAX_CARD_SWATCHES]:
        if is_background:
            continue
        for ln in lines:
            word = ln.text.strip().lower()
            role = ROLE_WORDS.get(word)
            if role in _ON_ROLES and _inside(ln, r) and ln.color != to_hex(rgb):
                out.append((role, to_hex(rgb), FoundColor(hex=ln.color, name=f"on-{role}", how="pdf-specimen-text",
                                                          source=Source(file=rel, locator=loc))))
    return out


_ON_ROLES = ("primary", "secondary", "accent", "success", "warning", "danger", "info")


def _on_role_colours(found: list[tuple[str, str, FoundColor]], colors: list[FoundColor],
                     chunks: list[Chunk]) -> list[FoundColor]:
    """The role specimens whose fill is the colour the guide's own swatch labels give that role
    (on a light page), one per role: "on-secondary" from a "Secondary" button's text."""
    dark = {c.source.locator.split(",")[0] for c in chunks if c.kind == "pdf-page" and c.meta.get("theme") == "dark"}
    role_hex = {}
    for fc in colors:
        if fc.how == "pdf-swatch" and fc.source.locator not in dark:
            role_hex.setdefault(fc.name.split(" (")[0], fc.hex)
    out: dict[str, FoundColor] = {}
    for role, fill, fc in found:
        if role_hex.get(role) == fill and fc.source.locator not in dark:
            out.setdefault(role, fc)
    return list(out.values())


def _bare_spec(label: str) -> ColourSpec:
    return ColourSpec(rgb=(0, 0, 0), kind="hex", label=label)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _page_theme(page, rects: list[tuple], lines: list[_Line]) -> str:
    """"dark" for a page that shows a dark theme (its title says so, or a near-black neutral
    background), else "light"."""
    if lines:
        title = max(lines, key=lambda ln: ln.size).text
        if re.search(r"\bdark\b", title, re.I):
            return "dark"
    for r, rgb, is_background in rects:
        if is_background:
            L, a, b = rgb_to_lab(rgb)
            if L < 30 and math.hypot(a, b) < 15:
                return "dark"
    return "light"


# -- spacing and radius scales laid out as a list ---------------------------------------------

_SCALE_HEADINGS = (
    ("spacing", re.compile(r"\b(?:spacing|spacers?|space scale|spaces|gaps?|gutters?)\b", re.I)),
    ("radius", re.compile(r"\b(?:radius|radii|corners?|rounding|border[- ]radius)\b", re.I)),
)
_PX_VALUE = re.compile(r"^\s*(\d{1,4}(?:\.\d+)?)\s*(?:px|pt|dp)\s*$", re.I)


def _scale_chunks(lines: list[_Line], rel: str, loc: str) -> list[Chunk]:
    """A chunk per spacing or radius scale the page lays out as a list: a heading ("Spacing
    scale", "Corner radius") over values written alone ("8 px"), each named by the short label
    left of it on its row or right above it. `meta["values"]` holds ``[name, px]`` pairs."""
    out: list[Chunk] = []
    body = sorted(ln.size for ln in lines)[len(lines) // 2] if lines else 0.0
    heads: list[tuple[_Line, str]] = []
    for ln in lines:
        if len(ln.text) > 40 or ln.size < body or _PX_VALUE.match(ln.text) or not (ln.bold or ln.size > body):
            continue
        kinds = [k for k, pat in _SCALE_HEADINGS if pat.search(ln.text)]
        if len(kinds) == 1:  # "Spacing, radius and elevation" is a page title over both
            heads.append((ln, kinds[0]))
    for ln, kind in heads:
        values = _scale_values(ln, lines)
        if len(values) < (2 if kind == "spacing" else 1):
            continue
        text = f"{ln.text}: " + ", ".join(f"{n} {px:g} px" if n else f"{px:g} px" for n, px in values)
        locator = f"{loc}, {kind} scale"
        out.append(Chunk(id=f"{rel}#{locator}", kind="pdf-text", text=text, source=Source(file=rel, locator=locator),
                         meta={"scale": kind, "values": [[n, px] for n, px in values]}))
    return out


def _scale_values(head: _Line, lines: list[_Line]) -> list[tuple[str, float]]:
    hx0, hy0, hx1, hy1 = head.bbox
    # the column ends at the next heading on the heading's row, the section at the next heading below
    right = min((ln.bbox[0] for ln in lines if ln.bbox[0] > hx1 and ln.size >= head.size * 0.9
                 and ln.bbox[1] < hy1 and ln.bbox[3] > hy0), default=math.inf)
    in_col = [ln for ln in lines if hx0 - 5 <= ln.bbox[0] < right and ln.bbox[1] >= hy1 - 1]
    bottom = min((ln.bbox[1] for ln in in_col if ln is not head and ln.size >= head.size * 0.95), default=math.inf)
    values: list[tuple[str, float]] = []
    for ln in in_col:
        m = _PX_VALUE.match(ln.text)
        if not m or ln.bbox[1] >= bottom:
            continue
        values.append((_value_name(ln, in_col), float(m.group(1))))
    return values


def _value_name(value: _Line, lines: list[_Line]) -> str:
    """The label of a scale value: the nearest short line left of it on its row, else right above."""
    x0, y0, x1, y1 = value.bbox
    cy = (y0 + y1) / 2
    left = [(x0 - ln.bbox[2], ln) for ln in lines
            if ln is not value and 0 <= x0 - ln.bbox[2] <= 80 and ln.bbox[1] <= cy <= ln.bbox[3]]
    above = [(y0 - ln.bbox[3], ln) for ln in lines
             if ln is not value and -1 <= y0 - ln.bbox[3] <= 6 and ln.bbox[0] < x1 and ln.bbox[2] > x0]
    for cands in (left, above):
        cands = [(d, ln) for d, ln in cands if len(ln.text) <= 20 and not _PX_VALUE.match(ln.text)]
        if cands:
            return min(cands, key=lambda t: t[0])[1].text.strip()
    return ""


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
    from ingest.guidance import stated_type_steps

    out: list[TypeStyle] = []
    for ln in lines:
        role = type_role(ln.text) if len(ln.text) <= 120 and not find_colour_specs(ln.text) else None
        if role is not None and len(stated_type_steps(ln.text)) >= 2:
            continue  # a whole scale on one line ("Display 48/56, H1 32/40 …"): `ingest.guidance` reads it
        if role is None:
            continue
        family = next((f for f in named if f.lower() in ln.text.lower()), None) or family_of(ln.font)
        letter_spacing = 0.0
        name = role
        m = _SIZE_SPEC.search(ln.text)
        below = None if m else _spec_line_below(ln, lines)
        if m:  # "Body  Manrope Regular 16/24": the text states the size
            size = float(m.group(1))
            lh = m.group(2) or m.group(3)
            weight = _weight(ln.text, 700 if role in ("display", "h1", "h2") else 400)
            how = "text"
        elif below is not None:  # "h2" over "28/36 px · SemiBold · -0.25 px", a specimen beside
            sm = _SIZE_SPEC.search(below.text)
            size, lh = float(sm.group(1)), sm.group(2) or sm.group(3)
            spec = _specimen_near(ln, lines)
            weight = _weight(below.text, _weight(spec.font, 700 if spec.bold else 400) if spec is not ln else 400)
            if spec is not ln:
                family = family_of(spec.font)
            ls = _LETTER_SPACING.search(below.text[sm.end():])
            letter_spacing = float(ls.group(1).replace("−", "-")) if ls else 0.0
            if is_token_label(ln.text.strip().lower()):
                name = ln.text.strip().lower()  # the guide's own step name ("small", "body-sm")
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
        out.append(TypeStyle(name=name, family=family, size=size, weight=weight, line_height=round(line_height, 2),
                             letter_spacing=letter_spacing,
                             source=Source(file=rel, locator=f"{loc}, {how} {ln.text[:40]!r}")))
    return out


_LETTER_SPACING = re.compile(r"(?<![\w/])([+\-−]\d{1,2}(?:\.\d+)?)\s*(?:px|pt)\b")


def _spec_line_below(label: _Line, lines: list[_Line]) -> _Line | None:
    """The line right under a short type label that states its size as "NN/NN" ("36/44 px ·
    Bold"), left-aligned with it; None when there is none."""
    if len(label.text) > 32:
        return None
    lx0, _, _, ly1 = label.bbox
    for ln in sorted(lines, key=lambda ln: ln.bbox[1]):
        if ln is label or abs(ln.bbox[0] - lx0) > 4 or not -2 <= ln.bbox[1] - ly1 <= 6:
            continue
        m = _SIZE_SPEC.search(ln.text)
        if m and (m.group(3) or m.group(2)) and len(ln.text) <= 60:
            return ln
    return None


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


def _page_render(page, rel: str, loc: str, lines: list[_Line], theme: str) -> Chunk:
    import pymupdf

    r = page.rect
    zoom = THUMB_PX / max(r.width, r.height, 1.0)
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    title = max(lines, key=lambda ln: ln.size).text[:80] if lines else ""
    locator = f"{loc}, render"
    return Chunk(id=f"{rel}#{locator}", kind="pdf-page",
                 text=f"{loc} of {rel}" + (f": {title}" if title else ""),
                 source=Source(file=rel, locator=locator), thumbnail=pix.tobytes("png"),
                 meta={"width_pt": round(r.width, 1), "height_pt": round(r.height, 1), "theme": theme})
