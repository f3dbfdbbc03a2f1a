"""Example screens → layouts: the blocks a reference screen is made of.

A design system's example screens (``screens/``, ``examples/`` …) show how its pages are laid
out. This module turns one into the flat block form the generator works on
(`scene.blocks.Block`: kind, normalised box ``(x, y, w, h)``, role, style, variant, content),
so retrieval can hand the generator real layouts to copy.

Two readers, one vocabulary:

- `svg_screen_blocks` reads the drawing itself. Every rect, line, path, circle, text and image
  is placed on the canvas with its transforms (``translate``/``scale``/``matrix``/``rotate``
  and nested ``<svg>`` viewports), then grouped by the heuristics documented on
  `group_svg`.
- `raster_screen_blocks` reads pixels only (numpy and Pillow; `ingest.screens_raster`): the
  page colour is the largest border-touching area of one colour, regions are connected runs of
  other colours on a downsampled image, and each region is classified by its size, position,
  fill, and the edge density and projection profiles of what it holds.

Both return blocks in reading order (top to bottom, then left to right). The heuristics are
tuned on desktop screens drawn the way UI mocks usually are (flat fills, outlined inputs,
cards on a tinted page); they never raise on odd input: an element they cannot place is
skipped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.screen_rules import (
    CARD_MIN_H,
    CARD_MIN_W,
    CONTROL_MAX_H,
    CONTROL_MIN_PX,
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

__all__ = ["blocks_meta", "layout_summary", "raster_screen_blocks", "svg_screen_blocks"]


# -- geometry ----------------------------------------------------------------------------------

Affine = tuple[float, float, float, float, float, float]  # (a, b, c, d, e, f): x' = a x + c y + e
_IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Affine, n: Affine) -> Affine:
    """m ∘ n (apply n first)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f)


def _nums(s: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", s or "")]


def _parse_transform(s: str) -> Affine:
    m = _IDENTITY
    for name, args in re.findall(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)", s or ""):
        v = _nums(args)
        t = _IDENTITY
        if name == "matrix" and len(v) == 6:
            t = tuple(v)  # type: ignore[assignment]
        elif name == "translate" and v:
            t = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "scale" and v:
            t = (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
        elif name == "rotate" and v:
            r = math.radians(v[0])
            cx, cy = (v[1], v[2]) if len(v) >= 3 else (0.0, 0.0)
            rot = (math.cos(r), math.sin(r), -math.sin(r), math.cos(r), 0.0, 0.0)
            t = _mul((1, 0, 0, 1, cx, cy), _mul(rot, (1, 0, 0, 1, -cx, -cy)))
        m = _mul(m, t)
    return m


def _apply_box(m: Affine, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """Axis-aligned bounds (x, y, w, h) of a transformed box."""
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    ys = [b * x + d * y + f for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _path_points(d: str) -> list[tuple[float, float]]:
    """End points of every segment of an SVG path (absolute), enough for bounds and vertex counts."""
    tokens = re.findall(r"[MmLlHhVvCcSsQqTtAaZz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", d or "")
    arity = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
    pts: list[tuple[float, float]] = []
    x = y = sx = sy = 0.0
    cmd, i = "", 0
    while i < len(tokens):
        t = tokens[i]
        if t.isalpha():
            cmd, i = t, i + 1
            if cmd in "Zz":
                x, y = sx, sy
                continue
        if not cmd or cmd in "Zz":
            i += 1
            continue
        n = arity[cmd.upper()]
        args = tokens[i : i + n]
        if len(args) < n or any(a.isalpha() for a in args):
            break
        v = [float(a) for a in args]
        i += n
        rel = cmd.islower()
        up = cmd.upper()
        if up == "H":
            x = x + v[0] if rel else v[0]
        elif up == "V":
            y = y + v[0] if rel else v[0]
        else:
            nx, ny = v[-2], v[-1]
            x, y = (x + nx, y + ny) if rel else (nx, ny)
        if up == "M":
            sx, sy = x, y
            cmd = "l" if rel else "L"  # further pairs after a moveto are linetos
        pts.append((x, y))
    return pts


def _iou(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    iw = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    ih = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    inter = iw * ih
    union = aw * ah + bw * bh - inter
    return inter / union if union > 0 else 0.0


def _centre_in(inner, outer) -> bool:
    cx, cy = inner[0] + inner[2] / 2, inner[1] + inner[3] / 2
    return outer[0] <= cx <= outer[0] + outer[2] and outer[1] <= cy <= outer[1] + outer[3]


# -- colour helpers ------------------------------------------------------------------------------


def _rgb(hex_: str | None) -> tuple[int, int, int] | None:
    if not hex_ or not re.fullmatch(r"#[0-9a-fA-F]{6}", hex_):
        return None
    return int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16)


def _close(c1, c2, tol: int = 12) -> bool:
    return c1 is not None and c2 is not None and max(abs(p - q) for p, q in zip(c1, c2)) <= tol


# -- SVG: elements on the canvas -----------------------------------------------------------------


@dataclass
class ScreenElement:
    tag: str  # "rect", "text", "path", "line", "circle", "image", "logo"
    box: tuple[float, float, float, float]  # canvas px
    fill: tuple[int, int, int] | None = None
    stroke: tuple[int, int, int] | None = None
    opacity: float = 1.0
    text: str = ""
    size: float = 0.0  # font size, px on the canvas
    anchor: str = "start"
    points: int = 0  # path vertices
    arcs: int = 0  # arc commands in a path
    stroke_w: float = 0.0


_SKIP = {"defs", "clipPath", "mask", "symbol", "marker", "pattern", "title", "desc", "metadata", "style",
         "linearGradient", "radialGradient"}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _style(el, inherited: dict[str, str]) -> dict[str, str]:
    props = dict(inherited)
    props.pop("opacity", None)
    for k in ("fill", "stroke", "font-size", "font-weight", "text-anchor", "stroke-width", "fill-opacity",
              "opacity", "display", "visibility"):
        if k in el.attrib:
            props[k] = el.attrib[k]
    for part in el.attrib.get("style", "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            props[k.strip().lower()] = v.strip()
    return props


def _paint(v: str | None) -> tuple[int, int, int] | None:
    if not v or v.strip().lower() in ("none", "transparent") or v.strip().startswith("url("):
        return None
    v = v.strip()
    if re.fullmatch(r"#[0-9a-fA-F]{3}", v):
        v = "#" + "".join(ch * 2 for ch in v[1:])
    return _rgb(v.lower())


def _svg_elements(root) -> tuple[list[ScreenElement], float, float]:
    """Every painted element of the drawing with its canvas box, and the canvas size."""
    from ingest.svg_viewport import view_size

    size = view_size(root) or (1440.0, 900.0)
    W, H = size
    vb = _nums(root.attrib.get("viewBox") or root.attrib.get("viewbox") or "")
    base = (1.0, 0.0, 0.0, 1.0, -vb[0], -vb[1]) if len(vb) == 4 else _IDENTITY
    out: list[ScreenElement] = []

    def visit(el, m: Affine, inherited: dict[str, str], op: float, depth: int) -> None:
        tag = _local(el.tag)
        if tag in _SKIP or depth > 200:
            return
        props = _style(el, inherited)
        if props.get("display") == "none" or props.get("visibility") == "hidden":
            return
        op = op * (_nums(props.get("opacity", "1")) or [1.0])[0]
        if "transform" in el.attrib:
            m = _mul(m, _parse_transform(el.attrib["transform"]))
        fop = op * (_nums(props.get("fill-opacity", "1")) or [1.0])[0]
        fill = _paint(props.get("fill", "#000000"))
        stroke = _paint(props.get("stroke"))
        sw = (_nums(props.get("stroke-width", "1")) or [1.0])[0]
        a = {k: (_nums(v) or [0.0])[0] for k, v in el.attrib.items() if k in ("x", "y", "width", "height", "cx",
                                                                                "cy", "r", "rx", "ry", "x1",
                                                                                "y1", "x2", "y2")}
        if tag == "svg" and depth > 0:
            # A nested viewport (usually a logo or an illustration): one element, not its parts.
            x, y, w, h = a.get("x", 0.0), a.get("y", 0.0), a.get("width", 0.0), a.get("height", 0.0)
            if w > 0 and h > 0:
                out.append(ScreenElement("logo", _apply_box(m, x, y, x + w, y + h), opacity=op))
            return
        if tag == "rect":
            x, y, w, h = a.get("x", 0.0), a.get("y", 0.0), a.get("width", 0.0), a.get("height", 0.0)
            if w > 0 and h > 0:
                out.append(ScreenElement("rect", _apply_box(m, x, y, x + w, y + h), fill, stroke, fop, stroke_w=sw))
        elif tag == "image":
            x, y, w, h = a.get("x", 0.0), a.get("y", 0.0), a.get("width", 0.0), a.get("height", 0.0)
            if w > 0 and h > 0:
                out.append(ScreenElement("image", _apply_box(m, x, y, x + w, y + h), opacity=op))
        elif tag in ("circle", "ellipse"):
            rx = a.get("r", a.get("rx", 0.0))
            ry = a.get("r", a.get("ry", rx))
            cx, cy = a.get("cx", 0.0), a.get("cy", 0.0)
            if rx > 0:
                out.append(ScreenElement("circle", _apply_box(m, cx - rx, cy - ry, cx + rx, cy + ry), fill, stroke, fop,
                               stroke_w=sw))
        elif tag == "line":
            x1, y1, x2, y2 = a.get("x1", 0.0), a.get("y1", 0.0), a.get("x2", 0.0), a.get("y2", 0.0)
            out.append(ScreenElement("line", _apply_box(m, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)),
                           None, stroke, op, points=2, stroke_w=sw))
        elif tag in ("path", "polyline", "polygon"):
            if tag == "path":
                d = el.attrib.get("d", "")
                pts = _path_points(d)
                arcs = len(re.findall(r"[Aa]", d))
            else:
                v = _nums(el.attrib.get("points", ""))
                pts, arcs = list(zip(v[0::2], v[1::2])), 0
            if pts:
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                out.append(ScreenElement("path", _apply_box(m, min(xs), min(ys), max(xs), max(ys)), fill, stroke, fop,
                               points=len(pts), arcs=arcs, stroke_w=sw))
        elif tag == "text":
            txt = " ".join(t.strip() for t in el.itertext() if t.strip())
            fs = (_nums(props.get("font-size", "16")) or [16.0])[0]
            if txt:
                x, y = a.get("x", 0.0), a.get("y", 0.0)
                w = 0.55 * fs * len(txt)
                anchor = props.get("text-anchor", "start")
                x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
                box = _apply_box(m, x0, y - 0.8 * fs, x0 + w, y + 0.25 * fs)
                scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2])) or 1.0
                out.append(ScreenElement("text", box, fill, None, fop, txt, fs * scale, anchor))
            return  # tspans are part of the text
        if tag == "g" and el.attrib.get("aria-label", "").strip() and len(el) and all(
                _local(c.tag) == "use" for c in el):
            out.append(_glyph_run(el, m, fill, fop))  # text drawn as outlined glyphs
            return
        if tag in ("svg", "g", "a", "switch") or depth == 0:
            for child in el:
                visit(child, m, props, op, depth + 1)

    visit(root, base, {}, 1.0, 0)
    # Clip everything to the canvas (clip paths are not evaluated).
    clipped = []
    for e in out:
        x, y, w, h = e.box
        x0, y0, x1, y1 = max(0.0, x), max(0.0, y), min(W, x + w), min(H, y + h)
        if x1 - x0 >= 0 and y1 - y0 >= 0 and (x1 > x0 or y1 > y0):
            e.box = (x0, y0, x1 - x0, y1 - y0)
            clipped.append(e)
    return clipped, W, H


def _glyph_run(el, m: Affine, fill, opacity: float) -> ScreenElement:
    """A text line drawn as ``<use>`` glyphs in a group labelled with its text (how vector
    exporters, onbrand's renderer among them, outline text). The em size is estimated from the
    mean advance between glyphs (about 0.55 em for UI typefaces)."""
    xs = [(_nums(c.attrib.get("x", "0")) or [0.0])[0] for c in el]
    text = el.attrib["aria-label"].strip()
    advance = (xs[-1] - xs[0]) / max(len(xs) - 1, 1) if len(xs) > 1 else 0.0
    em = advance / 0.55 if advance > 0 else 1000.0  # glyph units per em
    flipped = m[3] < 0  # glyph outlines are y-up under a scale(s, -s)
    top, bottom = (0.8 * em, -0.25 * em) if flipped else (-0.8 * em, 0.25 * em)
    box = _apply_box(m, xs[0], min(top, bottom), xs[-1] + advance, max(top, bottom))
    scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2])) or 1.0
    return ScreenElement("text", box, fill, None, opacity, text, em * scale, "start")


def svg_screen_blocks(path: str | Path, root=None) -> list[Block]:
    """The blocks of an example-screen SVG (already accepted by `ingest.svg.check_svg`).

    Pass the parsed `root` element to avoid parsing the file twice.
    """
    if root is None:
        import defusedxml.ElementTree as DET

        root = DET.parse(str(path), forbid_dtd=True, forbid_entities=True, forbid_external=True).getroot()
    els, W, H = _svg_elements(root)
    return group_svg(els, W, H)


def group_svg(els: list[ScreenElement], W: float, H: float) -> list[Block]:
    """Group canvas elements into blocks.

    1. **Background**: the first rect covering ≥ 90 % of the canvas; its colour is the page
       colour and it yields no block.
    2. **Frames**: a rect of full height (≥ 75 % of H) at the left or right edge and at most
       30 % wide is a *sidebar*; wider full-height rects are *panels* (a brand or media panel:
       a ``card`` with variant ``panel``). A rect across ≥ 55 % of the width at the top, at
       most 12 % tall, is a *navbar*. Without a drawn bar, a search field in the top band
       right of the sidebar implies one (the band it sits in).
    3. **Cards**: rects at least 6 % of W by 6 % of H with a stroke or a fill other than the
       page colour; a translucent copy under a card (its shadow) is dropped.
    4. **Controls**: rects 18 px to 8.5 % of H tall and wider than tall with text centred in
       them. Filled ones are *buttons* (``primary`` when the fill is dark or saturated,
       ``secondary`` when light); outlined light ones are *buttons* when the text is centred
       and *inputs* when it starts at the left (``search`` when it says so). Small squares
       followed by text are *checkboxes*. Translucent pills are badges and stay in their card.
    5. **Card content** from what lies inside: a path of ≥ 6 vertices across ≥ 40 % of the
       card (a stroked line, not a filled shape) is ``chart-line``; ≥ 3 aligned filled bars are ``chart-bar``; arcs are
       ``chart-donut``; ≥ 4 evenly spaced text rows with ≥ 3 columns are ``table`` (≥ 3 rows
       with fewer columns: ``list``); ≥ 2 inputs are ``form``; a large number in a short card is
       ``kpi``; otherwise ``text``.
    6. **Text** outside every frame and card: lines at least `HEADING_RATIO` × the body size are
       *headings* (``h1`` from 32 px, else ``h2``); other lines are *text*, vertically
       adjacent lines of one size merged. Inside form cards, headings and controls are kept as
       blocks of their own (a sign-in card's fields are the layout); elsewhere a card holds them.
    7. ``<image>`` elements outside cards are *image* blocks; nested ``<svg>`` viewports outside
       frames are *logo* blocks.
    """
    blocks: list[tuple[str, tuple, dict]] = []  # (kind, px box, attributes)
    bg = (255, 255, 255)
    rest = list(els)
    for e in els:
        if e.tag == "rect" and e.box[2] >= 0.9 * W and e.box[3] >= 0.9 * H and e.fill is not None:
            bg = e.fill
            rest.remove(e)
            break
    rects = [e for e in rest if e.tag == "rect" and e.opacity >= 0.5]
    texts = [e for e in rest if e.tag == "text"]
    sizes = sorted(t.size for t in texts)
    body = float(np.median(sizes)) if sizes else 16.0

    frames: list[tuple] = []
    for e in rects:
        x, y, w, h = e.box
        if h >= SIDEBAR_MIN_H * H and (x <= 0.02 * W or x + w >= 0.98 * W) and w <= SIDEBAR_MAX_W * W:
            blocks.append(("sidebar", e.box, {}))
            frames.append(e.box)
        elif h >= SIDEBAR_MIN_H * H and SIDEBAR_MAX_W * W < w < 0.9 * W:
            role = "" if _close(e.fill, bg) else ("primary" if not is_light(e.fill) else "surface-muted")
            blocks.append(("card", e.box, {"variant": "panel", "content": "media", "role": role}))
            frames.append(e.box)
        elif w >= NAVBAR_MIN_W * W and h <= NAVBAR_MAX_H * H and y <= 0.02 * H:
            blocks.append(("navbar", e.box, {}))
            frames.append(e.box)

    def in_frame(box) -> bool:
        return any(inside_box(box, f) for f in frames)

    # Controls first: they are small, and a card is only a card if it is not one.
    controls: list[tuple[str, tuple, dict]] = []
    control_ids: set[int] = set()
    for e in rects:
        x, y, w, h = e.box
        if not (CONTROL_MIN_PX <= h <= CONTROL_MAX_H * H and w >= 1.2 * h and w <= 0.6 * W):
            continue
        inner = [t for t in texts if _centre_in(t.box, e.box)]
        if not inner:
            continue
        t = max(inner, key=lambda t: t.box[2])
        tcx = t.box[0] + t.box[2] / 2
        centred = abs(tcx - (x + w / 2)) <= 0.12 * w or t.anchor == "middle"
        # an outlined control filled with a page-like tone is an input or an outline button
        quiet = not is_accent(e.fill, bg) if not is_light(bg) else is_light(e.fill)
        filled = e.fill is not None and not _close(e.fill, bg, 6) and not (quiet and e.stroke)
        if filled and e.opacity < 0.9 and h <= 28:
            continue  # a translucent pill: a badge
        if filled and is_accent(e.fill, bg):
            controls.append(("button", e.box, {"variant": "primary", "role": "primary", "style": "label"}))
        elif (filled and centred) or (e.stroke is not None and centred and w <= 0.25 * W):
            controls.append(("button", e.box, {"variant": "secondary", "style": "label"}))
        elif e.stroke is not None:
            search = "search" in t.text.lower()
            controls.append(("input", e.box, {"variant": "search" if search else ""}))
        else:
            continue
        control_ids.add(id(e))
    for e in rects:
        x, y, w, h = e.box
        if 10 <= w <= 28 and abs(w - h) <= 2 and any(
                t.box[0] >= x + w and t.box[0] - (x + w) <= 2 * w and abs((t.box[1] + t.box[3] / 2) - (y + h / 2)) <= h
                for t in texts):
            controls.append(("checkbox", (x, y, w, h), {"style": "body"}))
            control_ids.add(id(e))

    cards: list[tuple[float, float, float, float]] = []
    for e in rects:
        x, y, w, h = e.box
        if id(e) in control_ids or w < CARD_MIN_W * W or h < CARD_MIN_H * H or w * h >= 0.8 * W * H:
            continue
        if any(_iou(e.box, f) > 0.9 for f in frames) or in_frame(e.box):
            continue
        if e.stroke is None and (e.fill is None or _close(e.fill, bg, 4)):
            continue
        if any(_iou(e.box, c) > 0.8 for c in cards):
            continue
        cards.append(e.box)
    cards = [c for c in cards if not any(c is not o and inside_box(c, o) for o in cards)]

    # Implicit top bar: a search field in the top band, right of any sidebar.
    if not any(k == "navbar" for k, _, _ in blocks):
        for k, box, attrs in controls:
            if k == "input" and attrs.get("variant") == "search" and box[1] + box[3] <= 0.1 * H:
                left = max((f[0] + f[2] for f in frames if f[0] <= 0.02 * W and f[3] >= SIDEBAR_MIN_H * H),
                           default=0.0)
                bottom = box[1] + box[3] + min(box[1], 0.03 * H)
                blocks.append(("navbar", (left, 0.0, W - left, bottom), {}))
                frames.append((left, 0.0, W - left, bottom))
                break

    for c in cards:
        inside = [e for e in rest if inside_box(e.box, c) and e.box != c]
        inner_controls = [ct for ct in controls if inside_box(ct[1], c)]
        content = _card_content(c, inside, inner_controls, body, W, H)
        blocks.append(("card", c, {"content": content}))
        if content == "form":
            blocks.extend(inner_controls)
            for t in inside:
                if t.tag == "text" and t.size >= HEADING_RATIO * body:
                    blocks.append(("heading", t.box, {"style": "h1" if t.size >= 32 else "h2", "role": "text"}))

    for k, box, attrs in controls:
        if not in_frame(box) and not any(inside_box(box, c) for c in cards):
            blocks.append((k, box, attrs))

    # Free text: outside frames, cards and controls.
    free = [t for t in texts if not in_frame(t.box) and not any(inside_box(t.box, c, 4) for c in cards)
            and not any(_centre_in(t.box, ct[1]) for ct in controls)]
    free.sort(key=lambda t: (t.box[1], t.box[0]))
    merged: list[ScreenElement] = []
    for t in free:
        prev = merged[-1] if merged else None
        if (prev is not None and abs(prev.size - t.size) < 0.5 and t.size < HEADING_RATIO * body
                and 0 <= t.box[1] - (prev.box[1] + prev.box[3]) <= 0.8 * t.size
                and abs(prev.box[0] - t.box[0]) <= 2 * t.size):
            x0, y0 = min(prev.box[0], t.box[0]), prev.box[1]
            x1 = max(prev.box[0] + prev.box[2], t.box[0] + t.box[2])
            prev.box = (x0, y0, x1 - x0, t.box[1] + t.box[3] - y0)
            continue
        merged.append(ScreenElement("text", t.box, t.fill, None, t.opacity, t.text, t.size, t.anchor))
    for t in merged:
        if t.size >= HEADING_RATIO * body:
            blocks.append(("heading", t.box, {"style": "h1" if t.size >= 32 else "h2", "role": "text"}))
        else:
            style = "body" if t.size >= 0.95 * body else "caption"
            blocks.append(("text", t.box, {"style": style}))

    for e in rest:
        if e.tag == "image" and not in_frame(e.box) and not any(inside_box(e.box, c) for c in cards):
            blocks.append(("image", e.box, {"content": "media"}))
        elif e.tag == "logo" and not in_frame(e.box) and not any(inside_box(e.box, c) for c in cards):
            blocks.append(("logo", e.box, {}))
    return finish_screen(blocks, W, H)


def _card_content(card, inside: list[ScreenElement], controls: list, body: float, W: float, H: float) -> str:
    """What a card holds (`scene.blocks.CONTENTS`), read from the elements inside it."""
    w, h = card[2], card[3]
    if sum(1 for k, _, _ in controls if k == "input") >= 2:
        return "form"
    paths = [e for e in inside if e.tag == "path"]
    if any(e.points >= 6 and e.stroke is not None and e.fill is None and e.box[2] >= 0.4 * w
           and e.box[3] >= 0.1 * h for e in paths):
        return "chart-line"
    if sum(e.arcs for e in paths if e.stroke is not None and e.stroke_w >= 6) >= 2 or sum(
            1 for e in inside if e.tag == "circle" and e.fill is None and e.stroke_w >= 6) >= 1:
        return "chart-donut"
    bars = [e for e in inside if e.tag in ("rect", "path") and e.fill is not None and e.opacity >= 0.5
            and e.points <= 8 and not is_light(e.fill)]
    vertical = [b for b in bars if b.box[3] > b.box[2] and b.box[3] >= 0.05 * h]
    bottoms = np.array([b.box[1] + b.box[3] for b in vertical])
    if len(vertical) >= 3 and (np.abs(bottoms - np.median(bottoms)) <= 3).sum() >= 3:
        return "chart-bar"
    horizontal = [b for b in bars if b.box[2] > 3 * b.box[3] and b.box[3] <= 0.05 * h]
    lefts = np.array([b.box[0] for b in horizontal])
    if len(horizontal) >= 3 and (np.abs(lefts - np.median(lefts)) <= 3).sum() >= 3:
        return "chart-bar"
    rows: dict[int, int] = {}
    for t in inside:
        if t.tag == "text" and t.size < HEADING_RATIO * body:
            key = round((t.box[1] + t.box[3]) / 6)
            rows[key] = rows.get(key, 0) + 1
    table_rows = sum(1 for n in rows.values() if n >= 3)
    if table_rows >= 4:
        return "table"
    if sum(1 for n in rows.values() if n >= 1) >= 5 and h >= 0.2 * H:
        return "list"
    if h <= 0.2 * H and any(t.tag == "text" and t.size >= 1.5 * body for t in inside):
        return "kpi"
    return "text"


# -- raster ---------------------------------------------------------------------------------------


def raster_screen_blocks(image) -> list[Block]:
    """The blocks of a screenshot (PNG/JPEG bytes or a Pillow image), by image analysis alone
    (numpy and Pillow; see `ingest.screens_raster` for the method)."""
    from ingest.screens_raster import screen_blocks

    return screen_blocks(image)


def blocks_meta(blocks: list[Block]) -> list[dict]:
    """Blocks as JSON-ready dicts for ``Chunk.meta["blocks"]`` (boxes as lists, so a chunk
    survives a JSON round trip unchanged); `Block.from_dict` reads them back."""
    return [{**b.to_dict(), "box": [float(v) for v in b.box]} for b in blocks]


def layout_summary(name: str, blocks: list[Block]) -> str:
    """A one-line description of a layout for text retrieval, e.g.
    ``"screen dashboard.svg: sidebar left, top bar, 4 KPI cards, line chart card, table card"``."""
    parts: list[str] = []
    for b in blocks:
        if b.kind == "sidebar":
            parts.append("sidebar " + ("left" if b.box[0] < 0.5 else "right"))
    if any(b.kind == "navbar" for b in blocks):
        parts.append("top bar")
    if any(b.variant == "panel" for b in blocks):
        parts.append("brand panel")
    names = {"kpi": "KPI card", "chart-line": "line chart", "chart-bar": "bar chart", "chart-donut": "donut chart",
             "table": "table", "list": "list card", "form": "form card", "text": "card", "media": "media card"}
    counts: dict[str, int] = {}
    for b in blocks:
        if b.kind == "card" and b.variant != "panel":
            key = names.get(b.content, "card")
            counts[key] = counts.get(key, 0) + 1
    for kind, label in (("heading", "heading"), ("input", "input"), ("button", "button"), ("checkbox", "checkbox"),
                        ("image", "image")):
        n = sum(1 for b in blocks if b.kind == kind)
        if n:
            counts[label] = n
    if any(b.kind == "button" and b.variant == "primary" for b in blocks):
        counts["primary button"] = 1
    for label, n in counts.items():
        parts.append(f"{n} {label}{'es' if label.endswith('x') else 's'}" if n > 1 else label)
    return f"screen {name}: " + (", ".join(parts) if parts else "no recognised layout")
