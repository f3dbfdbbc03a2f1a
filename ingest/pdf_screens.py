"""PDF pages that show UI → reference layouts (pymupdf).

Brand guides often show the product: a screenshot placed on a page, or a screen mock drawn in
vectors. Each such *UI region* becomes a reference layout like the folder's own example
screens: a "screen" chunk whose ``meta["blocks"]`` holds `scene.blocks.Block` dicts with boxes
relative to the region (not the page).

Two detectors, one test:

- **Screenshots**: every image placed on the page (`page.get_image_info`) that is reasonably
  large (its long side at least `MIN_REGION_FRAC` of the page's and `MIN_REGION_PT`, at least
  `MIN_IMAGE_PX` pixels on its long side), screen-shaped (width / height within `ASPECT`) and
  mostly flat colour (`MIN_FLAT_SHARE` of a small rendering in its twelve commonest colours).
  The image's own pixels (all of them, even where the page crops it; an inline image is
  rendered from the page at about `REGION_PX` px on its long side) are read by
  `ingest.screens.raster_screen_blocks`.
- **Vector mocks**: a filled or outlined rectangle (sharp or rounded, not the page background),
  equally large and screen-shaped, holding at least `MIN_FRAME_ELEMENTS` drawn rectangles,
  paths and text lines. Its contents are scaled to a nominal screen (`NOMINAL_PX` on its long
  side, so the pixel thresholds of the screen readers apply) and grouped by the SVG screen
  reader's rules (`ingest.screens.group_svg`). Frames inside an accepted frame are its cards.

A region is kept only when its blocks look like a UI (`looks_like_ui`): at least `MIN_BLOCKS`
blocks, at least two of them UI furniture (sidebar, top bar, card, button, input, checkbox),
no single picture covering half of it, and a sidebar, top bar, input, two controls or two
cards with UI content. Photos, logos, charts and colour-swatch grids fail that test.
An image placed on many pages is analysed once (`page_screens`' ``seen``).

Limits: a page whose whole sheet is a screen (an exported frame with no frame drawn on it) is
not detected; a screenshot is read whole even where the page crops it; rotated placements are
read by their bounding box.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.colour import ColourError, fill_rgb, parse_hex
from ingest.model import Chunk, Source
from ingest.readers_common import png_thumbnail
from ingest.screens import (
    ScreenElement,
    blocks_meta,
    group_svg,
    layout_summary,
    raster_screen_blocks,
)
from scene.blocks import Block

MIN_REGION_FRAC = 0.2  # a UI region's long side is at least this share of the page's long side …
MIN_REGION_PT = 120.0  # … and at least this many points
ASPECT = (0.4, 2.6)  # width / height of a screen: tall phones to ultra-wide desktops
MIN_IMAGE_PX = 240  # an embedded image's long side, in its own pixels
REGION_PX = 960  # long side of a rendered region, px
MAX_ZOOM = 4.0  # render at most at 288 dpi
IMAGE_MAX_PX = 4096  # larger screenshots are read nearest-neighbour reduced to this long side
FLAT_PX = 160  # long side of the rendering the flat-colour test looks at
MIN_FLAT_SHARE = 0.4  # share of that rendering in its twelve most frequent colours
MAX_IMAGE_PIXELS = 64_000_000
NOMINAL_PX = 1440.0  # vector mocks are read as if drawn this many px on their long side
MIN_FRAME_ELEMENTS = 8
MIN_BLOCKS = 4
MAX_PAGE_CANDIDATES = 8  # images and frames read per page
MAX_FRAME_CANDIDATES = 32  # largest screen-shaped rectangles looked into per page
UI_KINDS = frozenset({"sidebar", "navbar", "card", "button", "input", "checkbox"})
UI_CONTENTS = frozenset({"kpi", "chart-line", "chart-bar", "chart-donut", "table", "list", "form"})

__all__ = ["PageScreen", "looks_like_ui", "page_screens", "screen_chunks"]


@dataclass
class PageScreen:
    """One UI region of a page: where it is (points), how it was found, and its layout."""

    region: tuple[float, float, float, float]  # x0, y0, x1, y1 on the page, pt
    found: str  # "screenshot" or "vector mock"
    blocks: list[Block]
    thumbnail: bytes  # PNG of the region
    caption: str = ""  # the short text line right under (or over) the region


def looks_like_ui(blocks: list[Block]) -> bool:
    """Whether a layout read from a picture or a drawing is a UI rather than a photo, logo,
    chart or swatch grid: ≥ `MIN_BLOCKS` blocks, ≥ 2 of them UI furniture (`UI_KINDS`), no
    image block covering half the region, and some structure a swatch grid lacks: a sidebar,
    top bar or input; or two controls; or two cards holding UI content (`UI_CONTENTS`)."""
    if len(blocks) < MIN_BLOCKS or sum(1 for b in blocks if b.kind in UI_KINDS) < 2:
        return False
    if any(b.kind == "image" and b.box[2] * b.box[3] >= 0.5 for b in blocks):
        return False
    kinds = [b.kind for b in blocks]
    return (any(k in ("sidebar", "navbar", "input") for k in kinds)
            or sum(1 for k in kinds if k in ("button", "checkbox")) >= 2
            or sum(1 for b in blocks if b.kind == "card" and b.content in UI_CONTENTS) >= 2)


def page_screens(page, drawings: list[dict] | None = None, lines: list | None = None,
                 seen: dict | None = None) -> list[PageScreen]:
    """The UI regions of one pymupdf page in reading order. `drawings`
    (``page.get_drawings()``) and `lines` (objects with ``text``, ``bbox``, ``size`` and
    ``color`` as ``#rrggbb``) are read from the page when not given. `seen` (xref → blocks
    and thumbnail, or None) carries what was read of each embedded image from page to page,
    so an image placed on many pages is analysed once."""
    if drawings is None:
        drawings = page.get_drawings()
    if lines is None:
        lines = _page_lines(page)
    placed = _image_boxes(page)
    out: list[PageScreen] = []
    for box, xref, px_long in placed[:MAX_PAGE_CANDIDATES]:
        if px_long < MIN_IMAGE_PX or not _screen_shaped(page, box):
            continue
        if seen is not None and xref and xref in seen:
            found = seen[xref]
        else:
            found = _read_screenshot(page, box, xref, px_long) if _flat_share(page, box) >= MIN_FLAT_SHARE else None
            if seen is not None and xref:
                seen[xref] = found
        if found is not None:
            out.append(PageScreen(box, "screenshot", found[0], found[1], _caption(box, lines)))
    els = _elements(drawings, lines, placed)
    taken = [s.region for s in out]
    for frame in _frames(page, els)[:MAX_PAGE_CANDIDATES]:
        if any(_within(frame.box, t) or _within(t, frame.box) for t in taken):
            continue
        blocks = _frame_blocks(frame, els)
        if looks_like_ui(blocks):
            out.append(PageScreen(frame.box, "vector mock", blocks, png_thumbnail(_render(page, frame.box)),
                                  _caption(frame.box, lines)))
            taken.append(frame.box)
    out.sort(key=lambda s: (round(s.region[1]), s.region[0]))
    return out


def screen_chunks(page, rel: str, pno: int, drawings: list[dict] | None = None,
                  lines: list | None = None, seen: dict | None = None) -> list[Chunk]:
    """A "screen" chunk per UI region of page `pno` (0-based) of the PDF `rel`: its layout in
    ``meta["blocks"]``, a layout summary and the caption as text, the region's thumbnail, and
    ``page N, screen I (x0,y0–x1,y1 pt)`` as locator."""
    out: list[Chunk] = []
    for i, s in enumerate(page_screens(page, drawings, lines, seen), 1):
        x0, y0, x1, y1 = s.region
        locator = f"page {pno + 1}, screen {i} ({x0:.0f},{y0:.0f}–{x1:.0f},{y1:.0f} pt)"
        text = (layout_summary(f"{Path(rel).name} page {pno + 1}", s.blocks)
                + f"; {s.found} on page {pno + 1} of {rel}" + (f": {s.caption}" if s.caption else ""))
        out.append(Chunk(id=f"{rel}#{locator}", kind="screen", text=text, source=Source(file=rel, locator=locator),
                         thumbnail=s.thumbnail,
                         meta={"blocks": blocks_meta(s.blocks), "page": pno + 1, "found": s.found,
                               "region_pt": [round(v, 1) for v in s.region]}))
    return out


# -- regions --------------------------------------------------------------------------------------


def _image_boxes(page) -> list[tuple[tuple[float, float, float, float], int, int]]:
    """(box on the page clipped to it, xref or 0 for an inline image, long side in the image's
    own pixels) of every placed image, largest first."""
    pr = page.rect
    out = []
    for info in page.get_image_info(xrefs=True):
        x0, y0, x1, y1 = info["bbox"]
        box = (max(x0, pr.x0), max(y0, pr.y0), min(x1, pr.x1), min(y1, pr.y1))
        if box[2] - box[0] > 1 and box[3] - box[1] > 1:
            px_long = max(int(info.get("width") or 0), int(info.get("height") or 0))
            out.append((box, int(info.get("xref") or 0), px_long))
    out.sort(key=lambda t: -(t[0][2] - t[0][0]) * (t[0][3] - t[0][1]))
    return out


def _read_screenshot(page, box, xref: int, px_long: int) -> tuple[list[Block], bytes] | None:
    """(blocks, PNG thumbnail) of the image placed at `box` when it looks like a UI, else None."""
    im = _image_pixels(page.parent, xref) if xref else None
    if im is None:
        im = _render(page, box, max_px=px_long)
    blocks = raster_screen_blocks(im)
    return (blocks, png_thumbnail(im)) if looks_like_ui(blocks) else None


def _image_pixels(doc, xref: int):
    """An embedded image's own pixels as a Pillow RGB(A) image (flat UI colours stay exact,
    which a rendering of the page need not keep), nearest-neighbour reduced to `IMAGE_MAX_PX`
    on its long side; None when MuPDF cannot decode it or it is over `MAX_IMAGE_PIXELS`."""
    import pymupdf
    from PIL import Image

    try:
        pix = pymupdf.Pixmap(doc, xref)
        if pix.width * pix.height > MAX_IMAGE_PIXELS:
            return None
        if pix.n - pix.alpha != 3:
            pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
        im = Image.frombytes("RGBA" if pix.alpha else "RGB", (pix.width, pix.height), pix.samples)
    except Exception:
        return None
    scale = IMAGE_MAX_PX / max(im.size)
    if scale < 1:
        im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.Resampling.NEAREST)
    return im


def _screen_shaped(page, box) -> bool:
    w, h = box[2] - box[0], box[3] - box[1]
    long_page = max(page.rect.width, page.rect.height)
    return (h > 0 and ASPECT[0] <= w / h <= ASPECT[1] and max(w, h) >= MIN_REGION_PT
            and max(w, h) >= MIN_REGION_FRAC * long_page and w * h < 0.9 * page.rect.width * page.rect.height)


def _render(page, box, max_px: int = REGION_PX):
    """The page region `box` as a Pillow RGB image about `REGION_PX` px on its long side (no
    larger than `max_px`, the source image's own size, and at most `MAX_ZOOM`)."""
    import pymupdf
    from PIL import Image

    x0, y0, x1, y1 = box
    zoom = min(REGION_PX, max_px) / max(x1 - x0, y1 - y0)
    zoom = max(0.25, min(zoom, MAX_ZOOM))
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=pymupdf.Rect(box), alpha=False)
    return Image.frombytes("RGB", (pix.width, pix.height), pix.samples)


def _flat_share(page, box) -> float:
    """Share of a small rendering of the region (`FLAT_PX` on its long side) in its twelve most
    frequent exact colours: UI screenshots are mostly flat fills, photos have no such colours.
    0 when fewer than three colours cover 1 % each (a plain fill is no screen either). A cheap
    test before the image is decoded at full size."""
    import numpy as np
    import pymupdf

    x0, y0, x1, y1 = box
    zoom = FLAT_PX / max(x1 - x0, y1 - y0)
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=pymupdf.Rect(box), alpha=False)
    px = np.frombuffer(pix.samples, np.uint8).reshape(-1, pix.n)[:, :3]  # (N, 3)
    if not len(px):
        return 0.0
    codes = (px[:, 0].astype(np.int64) << 16) | (px[:, 1].astype(np.int64) << 8) | px[:, 2]
    counts = np.sort(np.unique(codes, return_counts=True)[1])[::-1]
    if (counts >= 0.01 * len(px)).sum() < 3:
        return 0.0  # one or two colours: a plain fill or a two-tone mark, not a screen
    return float(counts[:12].sum() / len(px))


def _within(inner, outer, slack: float = 2.0) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack
            and inner[3] <= outer[3] + slack)


def _caption(box, lines: list) -> str:
    """The nearest short line right under the region (within 30 pt), else right over it
    (within 20 pt), overlapping it horizontally."""
    x0, y0, x1, y1 = box
    best: tuple[float, str] | None = None
    for ln in lines:
        lx0, ly0, lx1, ly1 = ln.bbox
        if lx1 <= x0 or lx0 >= x1 or len(ln.text) > 100:
            continue
        gap = ly0 - y1 if ly0 >= y1 - 1 else (y0 - ly1 + 10 if ly1 <= y0 + 1 else None)
        if gap is not None and gap <= 30 and (best is None or gap < best[0]):
            best = (gap, ln.text.strip())
    return best[1] if best else ""


# -- vector drawings -------------------------------------------------------------------------------


@dataclass
class _PageEl:
    el: ScreenElement  # box as x, y, w, h in page points
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in page points


def _hex_rgb(hex_: str) -> tuple[int, int, int] | None:
    try:
        return parse_hex(hex_)[0]
    except (ColourError, AttributeError):
        return None


def _shape(d: dict) -> tuple[str, int, int]:
    """(tag, vertices, curves) of a drawn path: one ``re``/``qu`` item, or a closed outline of
    at most four straight sides and four corner curves, is a "rect" (sharp or rounded); four
    curves around a square box a "circle"; a single segment a "line"; anything else a "path"."""
    items = d.get("items") or []
    ops = [it[0] for it in items]
    r = d["rect"]
    curves = ops.count("c")
    if len(ops) == 1 and ops[0] in ("re", "qu"):
        return "rect", 4, 0
    if ops == ["l"]:
        return "line", 2, 0
    if set(ops) <= {"l", "c"} and curves <= 4 and ops.count("l") <= 4 and len(ops) >= 3:
        straight = all(it[0] != "l" or abs(it[1].x - it[2].x) < 0.5 or abs(it[1].y - it[2].y) < 0.5 for it in items)
        if straight and curves == 4 and ops.count("l") == 0 and abs(r.width - r.height) <= 0.1 * max(r.width, 1):
            return "circle", 4, 4
        if straight:
            return "rect", 4, 0
    return "path", len(items) + 1, curves


def _elements(drawings: list[dict], lines: list, images: list[tuple]) -> list[_PageEl]:
    """The page's drawings, text lines and images as screen-reader elements, in page points."""
    out: list[_PageEl] = []
    for d in drawings:
        r = d.get("rect")
        if r is None or (r.width <= 0 and r.height <= 0):
            continue
        tag, points, curves = _shape(d)
        kind = d.get("type") or ""
        fill = fill_rgb(d.get("fill")) if "f" in kind else None
        stroke = fill_rgb(d.get("color")) if "s" in kind else None
        if fill is None and stroke is None:
            continue
        op = float(d.get("fill_opacity") or 1.0) if fill is not None else float(d.get("stroke_opacity") or 1.0)
        box = (r.x0, r.y0, r.x1, r.y1)
        out.append(_PageEl(ScreenElement(tag, (r.x0, r.y0, r.width, r.height), fill, stroke, op, points=points,
                               arcs=curves if stroke is not None else 0,
                               stroke_w=float(d.get("width") or 0.0) if stroke is not None else 0.0), box))
    for ln in lines:
        x0, y0, x1, y1 = ln.bbox
        out.append(_PageEl(ScreenElement("text", (x0, y0, x1 - x0, y1 - y0), _hex_rgb(ln.color), None, 1.0, ln.text,
                               float(ln.size)), (x0, y0, x1, y1)))
    for box, _, _ in images:
        out.append(_PageEl(ScreenElement("image", (box[0], box[1], box[2] - box[0], box[3] - box[1])), box))
    return out


def _frames(page, els: list[_PageEl]) -> list[_PageEl]:
    """Screen-shaped rectangles holding ≥ `MIN_FRAME_ELEMENTS` elements and not mostly one
    image, largest first (of the `MAX_FRAME_CANDIDATES` largest screen-shaped rectangles)."""
    def area(box) -> float:
        return (box[2] - box[0]) * (box[3] - box[1])

    cands = [pe for pe in els if pe.el.tag == "rect" and pe.el.opacity >= 0.5 and _screen_shaped(page, pe.box)]
    cands.sort(key=lambda pe: -area(pe.box))
    kept: list[_PageEl] = []
    for pe in cands[:MAX_FRAME_CANDIDATES]:
        if any(_within(pe.box, k.box) for k in kept):
            continue
        inside = [o for o in els if o is not pe and o.box != pe.box and _within(o.box, pe.box)]
        if any(o.el.tag == "image" and area(o.box) >= 0.5 * area(pe.box) for o in inside):
            continue
        if sum(1 for o in inside if o.el.tag in ("rect", "path", "text", "circle")) >= MIN_FRAME_ELEMENTS:
            kept.append(pe)
    return kept


def _frame_blocks(frame: _PageEl, els: list[_PageEl]) -> list[Block]:
    """The frame's contents, moved to its origin and scaled to `NOMINAL_PX` on the long side,
    grouped by the SVG screen reader's rules; the frame's own fill is the page colour."""
    fx0, fy0, fx1, fy1 = frame.box
    s = NOMINAL_PX / max(fx1 - fx0, fy1 - fy0)
    W, H = (fx1 - fx0) * s, (fy1 - fy0) * s
    scaled: list[ScreenElement] = []
    if frame.el.fill is not None:
        scaled.append(ScreenElement("rect", (0.0, 0.0, W, H), frame.el.fill, frame.el.stroke, frame.el.opacity))
    for pe in els:
        if pe is frame or pe.box == frame.box or not _within(pe.box, frame.box):
            continue
        e = pe.el
        x, y, w, h = e.box
        scaled.append(ScreenElement(e.tag, ((x - fx0) * s, (y - fy0) * s, w * s, h * s), e.fill, e.stroke, e.opacity, e.text,
                          e.size * s, e.anchor, e.points, e.arcs, e.stroke_w * s))
    return group_svg(scaled, W, H)


def _page_lines(page) -> list:
    """Text lines of a page (text, bbox, size, color) when the caller has none."""
    out = []
    for b in page.get_text("dict", flags=0).get("blocks", []):
        for ln in b.get("lines", []) if b.get("type") == 0 else []:
            spans = [sp for sp in ln.get("spans", []) if sp.get("text", "").strip()]
            if spans:
                c = int(spans[0].get("color", 0))
                out.append(_Line("".join(sp["text"] for sp in ln["spans"]).strip(), tuple(ln["bbox"]),
                                 max(sp["size"] for sp in spans), f"#{c:06x}"))
    return out


@dataclass
class _Line:
    text: str
    bbox: tuple[float, float, float, float]
    size: float
    color: str
