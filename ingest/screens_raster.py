"""Screenshot → layout by classical image analysis (numpy and Pillow only).

The page colour is estimated first (`_page_colour`), then the image is downsampled keeping thin
strokes (`_ink_downsample`); regions are connected components of non-page colour
(`_label_runs`, `_regions`: whole-image numpy and scipy.ndimage steps, no per-region pixel
loops), classified by size, position, fill, edge density
and projection profiles (`_classify_regions`). Containers are analysed again from full
resolution against their own surface colour to find fields, buttons, charts and text rows.
The public entry point is `ingest.screens.raster_screen_blocks`.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import numpy as np

from ingest.screen_rules import (
    CARD_MIN_H,
    CARD_MIN_W,
    CONTROL_MAX_H,
    HEADING_RATIO,
    NAVBAR_MAX_H,
    NAVBAR_MIN_W,
    SIDEBAR_MAX_W,
    SIDEBAR_MIN_H,
    finish_screen,
    inside_box,
    is_accent,
    is_light,
)
from scene.blocks import Block

RASTER_SIDE = 480  # long side of the analysed image, px


@dataclass
class _Region:
    box: tuple[int, int, int, int]  # x, y, w, h on the analysed image
    area: int  # pixels of the region
    colour: tuple[int, int, int]  # most frequent colour
    colour_share: float  # share of the region's pixels in that colour
    children: list = field(default_factory=list)


def _label_runs(mask: np.ndarray) -> tuple[np.ndarray, int]:
    """Connected components (8-connected) of a boolean mask, numbered in raster order of their
    first pixel: `scipy.ndimage.label` (identical labels to the union-find over row runs this
    module used before, about 100× faster on screenshots)."""
    from scipy import ndimage

    labels, n = ndimage.label(mask, structure=_EIGHT)
    return labels.astype(np.int32, copy=False), int(n)


_EIGHT = np.ones((3, 3), bool)


def _regions(img: np.ndarray, bg: tuple[int, int, int], tol: int, min_px: int,
             dist: np.ndarray | None = None) -> list[_Region]:
    """Connected regions of colour differing from `bg` by more than `tol` in any channel, in
    raster order of their first pixel, of at least `min_px` pixels. `dist` passes
    ``colour_distance(img, bg)`` when it is known.

    Whole-image operations, no per-pixel work per region: boxes by `scipy.ndimage.find_objects`,
    sizes by `np.bincount`, each region's most frequent colour by one sort of (label, colour)
    keys (of colours equally frequent, the lowest colour code)."""
    from scipy import ndimage

    diff = (colour_distance(img, bg) if dist is None else dist) > tol  # (h, w)
    labels, n = _label_runs(diff)
    if n == 0:
        return []
    flat = labels.ravel()
    counts = np.bincount(flat, minlength=n + 1)
    keep = counts >= min_px
    keep[0] = False
    if not keep.any():
        return []
    on = keep[flat]
    px = img.reshape(-1, 3)[on]
    keys = ((flat[on].astype(np.int64) << 24) | (px[:, 0].astype(np.int64) << 16)
            | (px[:, 1].astype(np.int64) << 8) | px[:, 2])
    keys, n_key = np.unique(keys, return_counts=True)  # sorted by label, then colour code
    lab = keys >> 24
    starts = np.flatnonzero(np.r_[True, lab[1:] != lab[:-1]])
    group = np.cumsum(np.r_[False, lab[1:] != lab[:-1]])
    top = np.maximum.reduceat(n_key, starts)
    first = np.flatnonzero(n_key == top[group])
    first = first[np.r_[True, group[first][1:] != group[first][:-1]]]  # the first of each label's most frequent
    colours, shares = keys[first] & 0xFFFFFF, n_key[first]
    boxes = ndimage.find_objects(labels)
    out = []
    for i, lab_i in enumerate(lab[starts]):
        ys, xs = boxes[lab_i - 1]
        c, area = int(colours[i]), int(counts[lab_i])
        out.append(_Region((xs.start, ys.start, xs.stop - xs.start, ys.stop - ys.start), area,
                           ((c >> 16) & 255, (c >> 8) & 255, c & 255), float(shares[i]) / area))
    return out


def _load(image) -> np.ndarray:
    from PIL import Image

    if isinstance(image, (bytes, bytearray, memoryview)):
        with Image.open(io.BytesIO(bytes(image))) as im:
            im.load()
            image = im.copy()
    if image.mode == "RGB":  # opaque: compositing on white would change nothing
        return np.asarray(image, np.uint8)
    im = image.convert("RGBA")
    flat = Image.new("RGBA", im.size, (255, 255, 255, 255))
    im = Image.alpha_composite(flat, im).convert("RGB")
    return np.asarray(im, np.uint8)


def screen_blocks(image) -> list[Block]:
    """The blocks of a screenshot (PNG/JPEG bytes or a Pillow image), by image analysis alone.

    The page colour is estimated first (`_page_colour`), then the image is downsampled to
    about `RASTER_SIDE` px on its long side keeping thin strokes (`_ink_downsample`); regions
    are 8-connected components of pixels that differ from the page colour. Each region large
    enough to be a container is analysed again, from full resolution, against its own surface
    colour, which finds the fields, buttons, charts and text rows inside it.
    `_classify_regions` documents the rules.
    """
    full = _load(image)
    H0, W0 = full.shape[:2]
    if H0 < 8 or W0 < 8:
        return []
    f = max(1, math.ceil(max(H0, W0) / RASTER_SIDE))
    bg = _page_colour(full[::f, ::f])
    small, dist = _ink_downsample(full, f, bg)
    H, W = small.shape[:2]
    regions = _regions(small, bg, 3, 4, dist)
    blocks = _classify_regions(small, regions, bg, W, H, full, f)
    return finish_screen(blocks, W, H)


def _ink_downsample(img: np.ndarray, f: int, bg) -> tuple[np.ndarray, np.ndarray]:
    """Downsample by `f`, keeping from each f×f block the pixel farthest from the surface colour
    `bg`, so 1 px outlines and thin strokes on that surface survive: nearest-neighbour sampling
    would drop most of them, averaging would fade them. Returns the downsampled image and its
    `colour_distance` from `bg` (the farthest distance of each block)."""
    if f == 1:
        return img, colour_distance(img, bg)
    h, w = (img.shape[0] // f) * f, (img.shape[1] // f) * f
    dist = colour_distance(img[:h, :w], bg)  # (h, w)
    # The first farthest pixel of each block, row by row: one strided pass per block position.
    best = dist[::f, ::f].copy()
    pick = np.zeros(best.shape, np.int32)
    for k in range(1, f * f):
        cand = dist[k // f::f, k % f::f]
        np.copyto(pick, k, where=cand > best)
        np.maximum(best, cand, out=best)
    dy, dx = np.divmod(pick, f)
    idx = (np.arange(h // f)[:, None] * f + dy) * img.shape[1] + (np.arange(w // f)[None, :] * f + dx)
    rgb = np.ascontiguousarray(img).reshape(-1, 3)
    return rgb.take(idx.ravel(), axis=0).reshape(h // f, w // f, 3), best


def colour_distance(img: np.ndarray, colour) -> np.ndarray:
    """``(h, w)`` uint8: the largest per-channel difference of each pixel of `img` (uint8 RGB)
    from `colour`, by one 256-entry lookup table per channel (no widening copy of the image)."""
    lut = np.abs(np.arange(256, dtype=np.int16)[:, None] - np.array(colour, np.int16)[None, :]).astype(np.uint8)
    d = lut[:, 0].take(img[..., 0])
    np.maximum(d, lut[:, 1].take(img[..., 1]), out=d)
    np.maximum(d, lut[:, 2].take(img[..., 2]), out=d)
    return d


def _page_colour(img: np.ndarray, candidates: int = 3) -> tuple[int, int, int]:
    """The page background: of the most frequent colours, the one whose largest area touching
    the image border covers most of the image once the holes in it are filled (what lies on the
    page counts for the page). White cards and a white sidebar can outnumber a tinted page,
    but cards are holes in the page, while a sidebar and top bar only border it."""
    px = img.reshape(-1, 3)
    codes = (px[:, 0].astype(np.uint32) << 16) | (px[:, 1].astype(np.uint32) << 8) | px[:, 2]
    vals, counts = np.unique(codes, return_counts=True)
    best, best_area = int(vals[counts.argmax()]), -1
    for i in np.argsort(-counts)[:candidates]:
        if counts[i] < 0.1 * len(codes):
            continue
        labels, _ = _label_runs((codes == vals[i]).reshape(img.shape[:2]))
        edge = _border_labels(labels)
        if not len(edge):
            continue
        sizes = np.bincount(labels.ravel())
        comp = labels == edge[np.argmax(sizes[edge])]  # the largest border-touching piece
        outside, _ = _label_runs(~comp)
        open_area = int(np.bincount(outside.ravel())[_border_labels(outside)].sum())  # not enclosed by the piece
        area = comp.size - open_area
        if area > best_area:
            best, best_area = int(vals[i]), area
    return ((best >> 16) & 255, (best >> 8) & 255, best & 255)


def _border_labels(labels: np.ndarray) -> np.ndarray:
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return edge[edge > 0]


def _edge_density(img: np.ndarray) -> float:
    """Share of pixels with a strong step (> 60 in summed RGB) to the right or below neighbour."""
    g = img.astype(np.int16).sum(axis=2)
    if g.shape[0] < 2 or g.shape[1] < 2:
        return 0.0
    e = (np.abs(np.diff(g, axis=1))[:-1] > 60) | (np.abs(np.diff(g, axis=0))[:, :-1] > 60)
    return float(e.mean())


def _rows(mask: np.ndarray) -> list[tuple[int, int]]:
    """Row bands of a projection profile: maximal runs of rows holding any ink (XY-cut)."""
    ink = mask.any(axis=1)
    bands, start = [], None
    for i, v in enumerate(list(ink) + [False]):
        if v and start is None:
            start = i
        elif not v and start is not None:
            bands.append((start, i))
            start = None
    return bands


def _columns(mask: np.ndarray, min_gap: int) -> int:
    """Runs of ink columns separated by at least `min_gap` empty columns."""
    ink = mask.any(axis=0)
    n, gap, seen = 0, min_gap, False
    for v in ink:
        if v:
            if gap >= min_gap or not seen:
                n += 1
            gap, seen = 0, True
        else:
            gap += 1
    return n


def _classify_regions(img: np.ndarray, regions: list[_Region], bg, W: int, H: int, full: np.ndarray,
                      f: int) -> list:
    """Blocks from page regions.

    - **frame**: a region spanning ≥ 90 % of both sides is a sidebar and a top bar drawn in
      one colour; `_split_frame` cuts it into them.
    - **sidebar**: a region ≥ 75 % of H tall at the left or right edge, ≤ 30 % of W wide;
      wider full-height regions are **panels** (``card``/``panel``/``media``).
    - **navbar**: a region across ≥ 55 % of W in the top 12 %.
    - **image**: such a region with no dominant colour (under 30 % of its pixels share one)
      and a high edge density (≥ 8 % of pixels on a strong lightness edge): a photo or artwork.
    - **card**: a region ≥ 6 % × 6 % of the canvas whose bounding box it fills (≥ 85 %):
      a surface. Its content comes from `_raster_content`. A sign-in style card holding ≥ 2
      fields yields its fields and buttons as blocks too.
    - **controls**: solid regions 18 px–8.5 % of H tall (at full size), wider than tall: a
      dark or saturated fill is a primary **button**, a light one with ink centred a
      secondary button; an outline with ink at the left an **input**.
    - **text**: remaining regions of low fill (glyphs) grouped into lines by row projection;
      lines taller than 1.35 × the median line height are **headings**.
    """
    blocks: list = []
    small_regions: list[_Region] = []
    frames = []
    px_h = img.shape[0]
    ctrl_min = max(4, round(px_h * 0.02))
    for r in regions:
        x, y, w, h = r.box
        fill = r.area / float(w * h)
        parts = _split_frame(img, r, bg, W, H) if w >= 0.9 * W and h >= 0.9 * H else []
        if parts:
            blocks.extend(parts)
            frames.extend(box for _, box, _ in parts)
        elif h >= SIDEBAR_MIN_H * H and w <= SIDEBAR_MAX_W * W and (x <= 0.02 * W or x + w >= 0.98 * W):
            blocks.append(("sidebar", r.box, {}))
            frames.append(r.box)
        elif h >= SIDEBAR_MIN_H * H and SIDEBAR_MAX_W * W < w < 0.9 * W:
            role = "primary" if not is_light(r.colour) else "surface-muted"
            blocks.append(("card", r.box, {"variant": "panel", "content": "media", "role": role}))
            frames.append(r.box)
        elif w >= NAVBAR_MIN_W * W and h <= NAVBAR_MAX_H * H and y <= 0.02 * H and fill >= 0.8:
            blocks.append(("navbar", r.box, {}))
            frames.append(r.box)
        elif (w >= CARD_MIN_W * W and h >= CARD_MIN_H * H and fill >= 0.85 and r.colour_share < 0.3
              and _edge_density(img[y:y + h, x:x + w]) >= 0.08):
            blocks.append(("image", r.box, {"content": "media"}))  # no surface colour, busy: a picture
            frames.append(r.box)
        elif w >= CARD_MIN_W * W and h >= CARD_MIN_H * H and fill >= 0.85 and h > CONTROL_MAX_H * H:
            # The card again from full resolution, downsampled against its own surface colour.
            sub, sub_dist = _ink_downsample(full[y * f:(y + h) * f, x * f:(x + w) * f], f, r.colour)
            content, inner = _raster_content(sub, r.colour, W, H, (x, y), sub_dist)
            blocks.append(("card", r.box, {"content": content}))
            if content == "form":
                blocks.extend(inner)
            frames.append(r.box)
        else:
            small_regions.append(r)
    free = [r for r in small_regions if not any(inside_box(r.box, f, 1) for f in frames)]
    blocks.extend(_controls_and_text(img, free, bg, W, H, ctrl_min))
    # Implicit top bar: a search field in the top band.
    if not any(k == "navbar" for k, _, _ in blocks):
        for k, box, attrs in blocks:
            if k == "input" and box[1] + box[3] <= 0.1 * H and box[2] >= 0.12 * W:
                left = max((f[0] + f[2] for f in frames if f[0] <= 0.02 * W and f[3] >= SIDEBAR_MIN_H * H), default=0)
                bottom = box[1] + box[3] + min(box[1], 0.03 * H)
                bar = (left, 0, W - left, bottom)
                blocks = [b for b in blocks if not inside_box(b[1], bar, 1)]  # the bar holds them
                blocks.append(("navbar", bar, {}))
                break
    return blocks


def _split_frame(img, r: _Region, bg, W, H) -> list:
    """Sidebars and a top bar joined into one region (same surface colour), by XY-cut: the run
    of columns at the left (right) edge that are ≥ 90 % covered is a sidebar if at most 30 %
    of W wide; then the run of rows at the top, between the sidebars, ≥ 90 % covered is a
    navbar if at most 12 % of H tall."""
    x, y, w, h = r.box
    on = colour_distance(img[y:y + h, x:x + w], bg) > 3  # (h, w)
    col = on.mean(axis=0)  # (w,) coverage of each column

    def run(values: np.ndarray) -> int:
        below = np.flatnonzero(values < 0.9)
        return int(below[0]) if len(below) else len(values)

    out = []
    left, right = run(col), run(col[::-1])
    left = left if 0 < left <= SIDEBAR_MAX_W * W else 0
    right = right if 0 < right <= SIDEBAR_MAX_W * W else 0
    if left:
        out.append(("sidebar", (x, y, left, h), {}))
    if right:
        out.append(("sidebar", (x + w - right, y, right, h), {}))
    if w - left - right > 0:
        top = run(on[:, left:w - right].mean(axis=1))
        if 0 < top <= NAVBAR_MAX_H * H:
            out.append(("navbar", (x + left, y, w - left - right, top), {}))
    return out


def _controls_and_text(img, regions: list[_Region], bg, W, H, ctrl_min, checkboxes: bool = False) -> list:
    """Buttons, inputs, checkboxes, headings and text lines among small regions on one surface."""
    out = []
    glyphs = []
    for r in regions:
        x, y, w, h = r.box
        fill = r.area / float(w * h)
        if ctrl_min <= h <= CONTROL_MAX_H * H and w >= 1.6 * h and fill >= 0.85:
            sub = img[y:y + h, x:x + w]
            ink = colour_distance(sub, r.colour) > 40
            ink[:, :2] = ink[:, -2:] = False
            ink[:2, :] = ink[-2:, :] = False
            cols = np.flatnonzero(ink.any(axis=0))
            centred = len(cols) > 0 and abs((cols[0] + cols[-1]) / 2 - w / 2) <= 0.12 * w
            if is_accent(r.colour, bg):
                out.append(("button", r.box, {"variant": "primary", "role": "primary", "style": "label"}))
            elif centred:
                out.append(("button", r.box, {"variant": "secondary", "style": "label"}))
            else:
                out.append(("input", r.box, {}))
        elif ctrl_min <= h <= CONTROL_MAX_H * H and w >= 1.6 * h and fill < 0.5 and _is_outline(img, r):
            sub = img[y + 2:y + h - 2, x + 2:x + w - 2]
            ink = colour_distance(sub, bg) > 40
            cols = np.flatnonzero(ink.any(axis=0))
            centred = len(cols) > 0 and abs((cols[0] + cols[-1]) / 2 + 2 - w / 2) <= 0.12 * w
            if centred and w <= 0.25 * W:
                out.append(("button", r.box, {"variant": "secondary", "style": "label"}))
            else:
                out.append(("input", r.box, {}))
        elif checkboxes and 3 <= w <= 10 and abs(w - h) <= 1 and fill >= 0.9 and not is_light(r.colour):
            out.append(("checkbox", r.box, {"style": "body"}))
        else:
            glyphs.append(r)
    fields = [b[1] for b in out if b[0] in ("input", "button")]
    out = [b for b in out if b[0] != "checkbox" or not any(inside_box(b[1], f, 1) for f in fields)]
    taken = [b[1] for b in out]
    glyphs = [g for g in glyphs if not any(inside_box(g.box, t, 1) for t in taken)]
    out.extend(_text_lines(glyphs, W, H))
    return out


def _is_outline(img, r: _Region) -> bool:
    """A region whose pixels lie on its bounding box's edges: an outlined rectangle."""
    x, y, w, h = r.box
    on = colour_distance(img[y:y + h, x:x + w], r.colour) <= 12
    edge = np.concatenate([on[0], on[-1], on[:, 0], on[:, -1]]).mean()
    return bool(edge >= 0.7)


def _text_lines(glyphs: list[_Region], W, H) -> list:
    """Glyph regions merged into lines (same band of rows, gaps under two line heights)."""
    glyphs = sorted(glyphs, key=lambda g: (g.box[1], g.box[0]))
    lines: list[list[int]] = []  # x0, y0, x1, y1
    for g in glyphs:
        x, y, w, h = g.box
        if w * h < 2:
            continue
        for ln in lines:
            lh = ln[3] - ln[1]
            overlap = min(ln[3], y + h) - max(ln[1], y)
            if overlap >= 0.5 * min(lh, h) and x - ln[2] <= 2 * max(lh, h) and ln[0] - (x + w) <= 2 * max(lh, h):
                ln[0], ln[1], ln[2], ln[3] = min(ln[0], x), min(ln[1], y), max(ln[2], x + w), max(ln[3], y + h)
                break
        else:
            lines.append([x, y, x + w, y + h])
    if not lines:
        return []
    heights = sorted(ln[3] - ln[1] for ln in lines)
    med = heights[len(heights) // 2]
    out = []
    for x0, y0, x1, y1 in lines:
        h = y1 - y0
        if (x1 - x0) < 2 or h < 2:
            continue
        if h >= HEADING_RATIO * med and h >= 0.02 * H:
            out.append(("heading", (x0, y0, x1 - x0, h), {"style": "h1" if h >= 0.03 * H else "h2", "role": "text"}))
        else:
            out.append(("text", (x0, y0, x1 - x0, h), {"style": "body"}))
    return out


def _raster_content(sub: np.ndarray, colour, W, H, origin, sub_dist: np.ndarray) -> tuple[str, list]:
    """What a card holds, from its pixels (`sub`, the card on the analysed image; `sub_dist`,
    its `colour_distance` from `colour`)."""
    h, w = sub.shape[:2]
    inner = sub[2:h - 2, 2:w - 2]
    if inner.size == 0:
        return "text", []
    dist = sub_dist[2:h - 2, 2:w - 2]
    regs = _regions(inner, colour, 5, 2, dist)
    ox, oy = origin[0] + 2, origin[1] + 2
    for r in regs:
        r.box = (r.box[0] + ox, r.box[1] + oy, r.box[2], r.box[3])
    # Region boxes are in page coordinates: place the card's pixels there to measure controls.
    canvas = np.zeros((oy + inner.shape[0], ox + inner.shape[1], 3), np.uint8)
    canvas[oy:, ox:] = inner
    ctrl_min = max(4, round(H * 0.02))
    found = _controls_and_text(canvas, regs, colour, W, H, ctrl_min, checkboxes=True)
    inputs = [b for b in found if b[0] == "input"]
    if len(inputs) >= 2:
        return "form", [b for b in found if b[0] in ("input", "button", "checkbox", "heading")]
    # Saturated strokes: charts.
    r, g, b = inner[..., 0], inner[..., 1], inner[..., 2]
    satmask = (np.maximum(np.maximum(r, g), b) - np.minimum(np.minimum(r, g), b)) >= 60  # uint8, max ≥ min
    if satmask.any():
        ys, xs = np.nonzero(satmask)
        span_w = (xs.max() - xs.min() + 1) / inner.shape[1]
        span_h = (ys.max() - ys.min() + 1) / inner.shape[0]
        col_cover = satmask.any(axis=0).mean()
        fill = satmask.sum() / float((xs.max() - xs.min() + 1) * (ys.max() - ys.min() + 1))
        if span_w >= 0.4 and span_h >= 0.25 and fill < 0.35 and col_cover >= 0.4:
            bands = _rows(satmask)
            if len(bands) >= 3 and all(b - a <= 0.06 * inner.shape[0] for a, b in bands):
                return "chart-bar", []
            return "chart-line", []
        if span_w >= 0.3 and span_h >= 0.3 and fill >= 0.35:
            return "chart-bar", []
    # Text rows (projection profile) and columns within rows.
    ink = dist > 40
    bands = [b for b in _rows(ink) if b[1] - b[0] >= 2]
    multi = sum(1 for a, b in bands if _columns(ink[a:b], max(6, inner.shape[1] // 30)) >= 3)
    if multi >= 4:
        return "table", []
    if len(bands) >= 5 and h >= 0.2 * H:
        return "list", []
    heights = [b - a for a, b in bands]
    if heights and h <= 0.2 * H and max(heights) >= 1.6 * min(heights):
        return "kpi", []
    return "text", []
