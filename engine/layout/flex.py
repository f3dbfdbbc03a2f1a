"""Flex auto-layout: a small, single-line flexbox over layout nodes, emitting scene elements.

A `Node` is either a frame (no `kind`; it only arranges its children) or a scene element
(`kind` from `scene.model.KINDS`), which may itself arrange children. Each node has

- ``direction``: ``"row"`` or ``"column"`` (the main axis),
- ``gap`` and ``padding``: spacing-scale *steps* (see `STEP_PX`), resolved through the
  design system's spacing scale, so the same layout breathes with each system's rhythm,
- ``justify`` (main axis: start | center | end | space-between) and ``align`` (cross axis:
  start | center | end | stretch; a child may override it with ``align_self``),
- ``width`` / ``height``: a `Size` — ``fill`` (share free space by ``grow``), ``hug`` (its
  content: measured text, its children, or its ``intrinsic`` size; shrinks in proportion
  when the line is too short, and its text then ellipsizes) or ``fixed``, each with
  optional ``min`` / ``max``.

Layout runs in three passes, as in CSS flexbox without wrapping: widths top-down, heights
bottom-up at those widths (wrapped text grows with its line count), then positions top-down.
Positions snap to the spacing unit. A column with ``overflow="drop"`` leaves out trailing
children that do not fit, which is how one layout serves a tall desktop and a short phone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scene.model import Element

#: Nominal design-px value of each spacing step; a system's scale value nearest to it is used.
STEP_PX: tuple[float, ...] = (0, 4, 8, 12, 16, 24, 32, 48, 64, 80)

#: (text, type-style name, max width or None) -> (width, line height, lines used) in design px
Measure = Callable[[str, str, "float | None", int], tuple[float, float]]


@dataclass(frozen=True)
class Size:
    mode: str = "hug"  # fill | hug | fixed
    value: float = 0.0  # fixed size, or the grow factor of a fill
    min: float = 0.0
    max: float = math.inf

    def clamp(self, v: float) -> float:
        return max(self.min, min(self.max, v))


def fill(grow: float = 1.0, min: float = 0.0, max: float = math.inf) -> Size:
    return Size("fill", grow, min, max)


def hug(min: float = 0.0, max: float = math.inf) -> Size:
    return Size("hug", 0.0, min, max)


def fixed(v: float) -> Size:
    return Size("fixed", v, v, v)


@dataclass
class Node:
    name: str = ""
    kind: str = ""  # scene element kind; empty for a pure layout frame
    direction: str = "column"
    gap: int = 0
    padding: int | tuple[int, int, int, int] = 0  # steps; one value or (top, right, bottom, left)
    justify: str = "start"
    align: str = "stretch"
    align_self: str = ""
    width: Size = field(default_factory=hug)
    height: Size = field(default_factory=hug)
    children: list[Node] = field(default_factory=list)
    overflow: str = "visible"  # visible | drop
    text: str = ""
    style: str = ""  # type style of `text`; a node with text and no children hugs the text
    max_lines: int = 1
    intrinsic: tuple[float, float] = (0.0, 0.0)  # hug size of a leaf without text
    el: dict[str, Any] = field(default_factory=dict)  # role, variant, props, style of the element
    # results (design px)
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    dropped: bool = False
    gap_px: float = 0.0  # the gap and padding the layout resolved (design px)
    pad_px: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def frame(*children: Node, name: str = "", **kw) -> Node:
    return Node(name=name, children=list(children), **kw)


def row(*children: Node, name: str = "", **kw) -> Node:
    return Node(name=name, direction="row", children=list(children), **kw)


def col(*children: Node, name: str = "", **kw) -> Node:
    return Node(name=name, direction="column", children=list(children), **kw)


def approx_measure(text: str, style: str, width: float | None, max_lines: int) -> tuple[float, float]:
    """A font-free estimate (0.55 em per character) for composing without a design system."""
    size = {"display": 48, "h1": 36, "h2": 28, "h3": 22, "title": 18, "caption": 12, "small": 14,
            "label": 14}.get(style, 16)
    lh = round(size * 1.35)
    w = 0.55 * size * len(text)
    if width is None or w <= width:
        return w, lh
    lines = min(max_lines, math.ceil(w / max(width, 1)))
    return width, lh * lines


class Layout:
    """Resolves steps and measures text for one design system (or the font-free estimate)."""

    def __init__(self, spacing: list[float] | None = None, unit: float = 4.0, measure: Measure | None = None):
        self.spacing = sorted(s for s in (spacing or [4, 8, 12, 16, 24, 32, 48, 64, 80]) if s > 0)
        self.unit = unit if unit >= 1 else 1.0
        self.measure = measure or approx_measure

    @classmethod
    def for_theme(cls, theme) -> Layout:
        def measure(text: str, style: str, width: float | None, max_lines: int) -> tuple[float, float]:
            return theme.measure_text(text, style, width, max_lines)

        return cls(theme.spacing, theme.unit, measure)

    def step(self, n: int) -> float:
        if n <= 0:
            return 0.0
        want = STEP_PX[min(n, len(STEP_PX) - 1)]
        return min(self.spacing, key=lambda s: (abs(s - want), s))

    def pad(self, n: Node) -> tuple[float, float, float, float]:
        p = n.padding if isinstance(n.padding, tuple) else (n.padding,) * 4
        return tuple(self.step(v) for v in p)  # type: ignore[return-value]

    def snap(self, v: float) -> float:
        return round(v / self.unit) * self.unit

    # -- pass 1: hug widths ----------------------------------------------------------------
    def hug_w(self, n: Node) -> float:
        if n.width.mode == "fixed":
            return n.width.value
        _t, r, _b, l = self.pad(n)
        if n.children:
            ws = [self.hug_w(c) for c in n.children]
            if n.direction == "row":
                inner = sum(ws) + self.step(n.gap) * (len(ws) - 1)
            else:
                inner = max(ws)
            return n.width.clamp(inner + l + r)
        if n.text:
            tw = self.measure(n.text, n.style or "body", None, 1)[0]
            return n.width.clamp(math.ceil(tw) + n.intrinsic[0] + l + r)
        return n.width.clamp(n.intrinsic[0] + l + r)

    # -- pass 2: heights at a width ----------------------------------------------------------
    def hug_h(self, n: Node, w: float) -> float:
        if n.height.mode == "fixed":
            return n.height.value
        t, r, b, l = self.pad(n)
        if n.children:
            iw = w - l - r
            if n.direction == "row":
                widths = self._main_sizes(n, iw, [c.width for c in n.children], [self.hug_w(c) for c in n.children])
                hs = [self.hug_h(c, cw) for c, cw in zip(n.children, widths)]
                inner = max(hs)
            else:
                hs = [self.hug_h(c, self._cross(n, c, iw, horizontal=True)) for c in n.children]
                inner = sum(hs) + self.step(n.gap) * (len(hs) - 1)
            return n.height.clamp(inner + t + b)
        if n.text:
            th = self.measure(n.text, n.style or "body", w - l - r - n.intrinsic[0], n.max_lines)[1]
            return n.height.clamp(max(th, n.intrinsic[1]) + t + b)
        return n.height.clamp(n.intrinsic[1] + t + b)

    def _cross(self, parent: Node, c: Node, avail: float, horizontal: bool) -> float:
        """The cross-axis size of child `c` in `avail` px (horizontal: it is a width)."""
        size = c.width if horizontal else c.height
        a = c.align_self or parent.align
        if size.mode == "fixed":
            return size.value
        if size.mode == "fill" or a == "stretch":
            return size.clamp(avail)
        return min(avail, self.hug_w(c)) if horizontal else self.hug_h(c, avail)

    def _main_sizes(self, n: Node, avail: float, sizes: list[Size], bases: list[float]) -> list[float]:
        """Main-axis sizes: fixed and hug take their base; fills share what is left by grow."""
        gaps = self.step(n.gap) * (len(sizes) - 1)
        out = [s.value if s.mode == "fixed" else (b if s.mode == "hug" else 0.0) for s, b in zip(sizes, bases)]
        flex = [i for i, s in enumerate(sizes) if s.mode == "fill"]
        frozen: set[int] = set()
        for _ in range(len(flex) + 1):  # freeze the clamped ones, re-share the rest
            free = avail - gaps - sum(out[i] for i in range(len(out)) if i not in flex or i in frozen)
            live = [i for i in flex if i not in frozen]
            grow = sum(sizes[i].value for i in live) or 1.0
            changed = False
            for i in live:
                v = max(0.0, free) * sizes[i].value / grow
                cv = sizes[i].clamp(v)
                out[i] = cv
                if cv != v:
                    frozen.add(i)
                    changed = True
            if not changed:
                break
        over = sum(out) + gaps - avail
        if over > 0.5:  # too little room: content-sized children shrink (down to their min), as CSS flex-shrink
            hugs = [i for i, sz in enumerate(sizes) if sz.mode == "hug" and out[i] > sz.min]
            room = sum(out[i] for i in hugs)
            for i in hugs:
                out[i] = max(sizes[i].min, out[i] - over * out[i] / room)
        return out

    # -- pass 3: positions -----------------------------------------------------------------
    def place(self, n: Node, x: float, y: float, w: float, h: float) -> None:
        n.box = (x, y, w, h)
        if not n.children:
            return
        t, r, b, l = self.pad(n)
        ix, iy, iw, ih = x + l, y + t, w - l - r, h - t - b
        kids = n.children
        gap = self.step(n.gap)
        n.gap_px, n.pad_px = gap, (t, r, b, l)
        if n.direction == "row":
            mains = self._main_sizes(n, iw, [c.width for c in kids], [self.hug_w(c) for c in kids])
            crosses = [self._cross(n, c, ih, horizontal=False) if c.height.mode != "hug" or
                       (c.align_self or n.align) == "stretch" else min(ih, self.hug_h(c, m))
                       for c, m in zip(kids, mains)]
            avail = iw
        else:
            crosses = [self._cross(n, c, iw, horizontal=True) for c in kids]
            bases = [self.hug_h(c, cw) if c.height.mode == "hug" else 0.0 for c, cw in zip(kids, crosses)]
            if n.overflow == "drop":
                kids, crosses, bases = self._drop(n, kids, crosses, bases, ih, gap)
            mains = self._main_sizes(n, ih, [c.height for c in kids], bases)
            avail = ih
        used = sum(mains) + gap * (len(mains) - 1)
        free = avail - used
        lead, between = 0.0, gap
        if free > 0.5:  # what fills left over (all hug or fixed, or fills held at their max)
            if n.justify == "center":
                lead = free / 2
            elif n.justify == "end":
                lead = free
            elif n.justify == "space-between" and len(kids) > 1:
                between = gap + free / (len(kids) - 1)
        pos = lead
        fills = [i for i, c in enumerate(kids) if (c.width if n.direction == "row" else c.height).mode == "fill"]
        last_fill = fills[-1] if fills else len(kids)
        for i, (c, m, cr) in enumerate(zip(kids, mains, crosses)):
            a = c.align_self or n.align
            span = ih if n.direction == "row" else iw
            off = {"center": (span - cr) / 2, "end": span - cr}.get(a, 0.0)
            if n.direction == "row":
                cx, cy, cw, ch = ix + pos, iy + off, m, cr
            else:
                cx, cy, cw, ch = ix + off, iy + pos, cr, m
            sx, sy = self.snap(cx), self.snap(cy)
            if i > last_fill:  # after the last fill, far edges sit on the grid (right-aligned ends line up)
                if n.direction == "row":
                    sx = self.snap(cx + cw) - cw
                else:
                    sy = self.snap(cy + ch) - ch
            if c.width.mode == "fill" or (n.direction == "column" and a == "stretch"):
                cw = self._far(cx + cw, c.width.mode == "hug") - sx
            if c.height.mode == "fill" or (n.direction == "row" and a == "stretch"):
                ch = self._far(cy + ch, c.height.mode == "hug") - sy
            # snapping never leaves the parent: content-sized boxes move back, the others shrink
            if c.width.mode == "hug" and sx + cw > ix + iw:
                sx = max(ix, ix + iw - cw)
            if c.height.mode == "hug" and sy + ch > iy + ih:
                sy = max(iy, iy + ih - ch)
            cw, ch = min(cw, ix + iw - sx), min(ch, iy + ih - sy)
            self.place(c, sx, sy, max(cw, 0.0), max(ch, 0.0))
            # continue from where the snapped box ends, so the gaps stay even
            pos = (sx - ix + cw if n.direction == "row" else sy - iy + ch) + between

    def _far(self, edge: float, keep_content: bool) -> float:
        """A far edge on the grid; content-sized boxes round up so their text still fits."""
        if keep_content:
            return math.ceil(edge / self.unit - 1e-6) * self.unit
        return self.snap(edge)

    def _drop(self, n, kids, crosses, bases, ih, gap):
        keep = []
        used = 0.0
        for i, c in enumerate(kids):
            need = c.height.value if c.height.mode == "fixed" else (bases[i] if c.height.mode == "hug" else c.height.min)
            extra = need + (gap if keep else 0.0)
            if used + extra > ih + 0.5:
                c.dropped = True
                for d in kids[i + 1:]:
                    d.dropped = True
                break
            used += extra
            keep.append(i)
        return [kids[i] for i in keep], [crosses[i] for i in keep], [bases[i] for i in keep]

    # -- run -------------------------------------------------------------------------------
    def run(self, root: Node, width: float, height: float, x: float = 0.0, y: float = 0.0) -> Node:
        self.place(root, x, y, width, height)
        return root


def to_elements(root: Node, parent: str = "") -> list[Element]:
    """Scene elements of a laid-out tree. Ids join the names of named ancestors (``page/sidebar/
    nav-item-3``); repeated names get ``-2``, ``-3``… in order. Each element keeps its layout
    (`Element.layout`: how it is sized and, for a container, how it arranges its children, with
    the layout-only frames between it and them), so the flex tree survives into the scene."""
    return emit(root, parent)[0]


def emit(root: Node, parent: str = "") -> tuple[list[Element], dict | str | None]:
    """`to_elements`, plus the layout item of `root` itself: its element id, or (for a frame)
    the frame's layout with its items; None when it was dropped. A page's root frame item is
    the scene's top-level layout (`Scene.layout`)."""
    counts: dict[str, int] = {}
    return _emit(root, parent, counts)


def _sizing(n: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"width": n.width.mode, "height": n.height.mode}
    for axis, size in (("width", n.width), ("height", n.height)):
        if size.mode == "fill":
            out[f"{axis}_grow"] = size.value
        if size.min > 0 and size.mode != "fixed":
            out[f"{axis}_min"] = size.min
        if math.isfinite(size.max) and size.mode != "fixed":
            out[f"{axis}_max"] = size.max
    if n.align_self:
        out["align_self"] = n.align_self
    return out


def _container(n: Node, items: list) -> dict[str, Any]:
    return {"direction": n.direction, "gap": n.gap_px, "padding": list(n.pad_px), "justify": n.justify,
            "align": n.align, "items": items}


def _emit(n: Node, parent: str, counts: dict[str, int]) -> tuple[list[Element], dict | str | None]:
    if n.dropped:
        return [], None
    path = parent
    if n.name:
        base = f"{parent}/{n.name}" if parent else n.name
        k = counts.get(base, 0)
        counts[base] = k + 1
        path = base if k == 0 else f"{base}-{k + 1}"
    kids: list[Element] = []
    items: list = []
    for c in n.children:
        els, item = _emit(c, path, counts)
        kids += els
        if item is not None:
            items.append(item)
    layout = _sizing(n)
    if n.children:
        layout.update(_container(n, items))
    if not n.kind:
        frame = {"frame": n.name or "frame", "box": [round(v, 2) for v in n.box], **layout}
        return kids, frame
    x, y, w, h = n.box
    extra = dict(n.el)
    if n.text and "text" not in extra:
        extra["text"] = n.text
    if n.style and "style" not in extra:
        extra["style"] = n.style
    eid = path or n.kind
    return [Element(id=eid, kind=n.kind, box=(x, y, w, h), children=kids, layout=layout, **extra)], eid
