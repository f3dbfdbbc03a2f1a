"""The layout pass: tidies the blocks a sampler drew.

`layout_pass` snaps boxes to the design system's spacing grid, aligns near-equal edges,
flows overlapping siblings into rows and columns and keeps everything in frame, reporting how
far each step moved things (`LayoutReport`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from scene.blocks import Block
from scene.devices import DEVICES

#: Blocks that float over the page; they may cover others.
OVERLAYS = {"modal"}
#: Variants of full-bleed regions that other blocks sit on (a sign-in brand panel, a hero).
BACKDROPS = {"panel", "hero"}


@dataclass
class LayoutReport:
    """How far the layout pass moved blocks (canvas px) and what it fixed."""

    mean_displacement_px: float = 0.0
    max_displacement_px: float = 0.0
    snapped: int = 0  # blocks whose box changed when snapped to the grid
    aligned_edges: int = 0  # edges moved onto a shared line
    overlaps_found: int = 0  # overlapping sibling pairs in the sampled blocks, before any move
    overlaps_removed: int = 0
    overlaps_left: int = 0
    clamped: int = 0  # blocks pulled back into the frame
    dropped: int = 0  # sampled blocks left out because they sat on a pinned (held) region
    grid_px: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


#: Share of a sampled block's area on a held region above which it is left out as that
#: region's own content (`layout_pass` with `pinned`).
HELD_SHARE = 0.5


def _overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Overlap of two ``x0, y0, x1, y1`` boxes along x and y (≤ 0 where they do not meet)."""
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


def _contains(a: np.ndarray, b: np.ndarray, tol: float) -> bool:
    return a[0] - tol <= b[0] and a[1] - tol <= b[1] and a[2] + tol >= b[2] and a[3] + tol >= b[3]


def _align(vals: np.ndarray, tol: float) -> tuple[np.ndarray, int]:
    """Values within `tol` of each other (chained) replaced by their group's median."""
    order = np.argsort(vals)
    out = vals.copy()
    moved = 0
    groups: list[list[int]] = []
    for i in order:
        if groups and vals[i] - vals[groups[-1][-1]] <= tol:
            groups[-1].append(int(i))
        else:
            groups.append([int(i)])
    for g in groups:
        if len(g) > 1:
            m = float(np.median(vals[g]))
            moved += int(np.sum(np.abs(vals[g] - m) > 1e-6))
            out[g] = m
    return out, moved


def _snap(B: np.ndarray, unit: float, dw: float, dh: float) -> np.ndarray:
    """Boxes on the `unit` grid, at least one unit in size, inside the ``dw``×``dh`` page."""
    B = np.round(B / unit) * unit
    B[:, 2] = np.maximum(B[:, 2], B[:, 0] + unit)
    B[:, 3] = np.maximum(B[:, 3], B[:, 1] + unit)
    B[:, [0, 2]] = B[:, [0, 2]].clip(0, dw)
    B[:, [1, 3]] = B[:, [1, 3]].clip(0, dh)
    return B


def layout_pass(blocks: list[Block], device: str = "desktop", size: tuple[int, int] | None = None,
                unit: float = 8.0, align_tol: float = 1.5, rows: bool = True,
                pinned: int = 0) -> tuple[list[Block], LayoutReport]:
    """Tidy sampled blocks on a canvas of `size` (default: the device's preset).

    1. keep every box in frame; 2. align left/right/top/bottom edges that are within
    ``align_tol · unit`` design px of each other; 3. snap edges to the `unit` grid (design px);
    with `rows`, 3b. flow the content blocks (everything but the navigation chrome, overlays
    and blocks on a backdrop) into rows: blocks whose vertical spans overlap share a row, in
    their sampled order, with one gap between neighbours and containers of a row sharing its
    height; rows stack with one gap between them and shrink together when the page overflows
    (`_flow_rows`); 4. push overlapping siblings apart along the axis of smaller overlap (the smaller block
    moves; it shrinks instead where moving would leave the frame). Blocks on a backdrop (a
    ``panel`` or ``hero`` variant that contains them) and overlays (modals) are left
    overlapping on purpose. The first `pinned` blocks (a held reference screen's regions) are
    kept in frame but never aligned, snapped or pushed: whatever overlaps them moves instead,
    and a block still overlapping one after the push is left out (``dropped``), as is one that
    sat mostly (`HELD_SHARE` of its area) on a held region to begin with: the held screen's
    regions are where the page's content goes.
    Returns the new blocks and a `LayoutReport` in canvas px.
    """
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r} (use {', '.join(DEVICES)})")
    (W0, H0), design_w = DEVICES[device]
    W, H = size or (W0, H0)
    scale = W / design_w  # canvas px per design px
    dw, dh = W / scale, H / scale  # the page in design px
    rep = LayoutReport(grid_px=round(unit * scale, 2))
    if not blocks:
        return [], rep
    # boxes as x0, y0, x1, y1 in design px
    B = np.array([[b.box[0] * dw, b.box[1] * dh, (b.box[0] + b.box[2]) * dw, (b.box[1] + b.box[3]) * dh]
                  for b in blocks], float)
    start = B.copy()
    movable = [i for i, b in enumerate(blocks) if b.kind not in OVERLAYS]
    backdrop = [b.variant in BACKDROPS for b in blocks]

    def nested(i: int, j: int) -> bool:  # one sits on the other's backdrop on purpose
        return (backdrop[i] and _contains(B[i], B[j], unit)) or (backdrop[j] and _contains(B[j], B[i], unit))

    def overlapping() -> int:
        return sum(1 for i, j in itertools.combinations(movable, 2)
                   if min(_overlap(B[i], B[j])) > 0.5 and not nested(i, j))

    rep.overlaps_found = overlapping()
    # 1. in frame
    before = B.copy()
    B[:, [0, 2]] = B[:, [0, 2]].clip(0, dw)
    B[:, [1, 3]] = B[:, [1, 3]].clip(0, dh)
    rep.clamped = int(np.any(np.abs(B - before) > 1e-6, 1).sum())
    # 2. align near-equal edges
    for k in range(4):
        B[:, k], n = _align(B[:, k], align_tol * unit)
        rep.aligned_edges += n
    # 3. snap to the grid (a box keeps at least one grid unit of size)
    before = B.copy()
    B = _snap(B, unit, dw, dh)
    rep.snapped = int(np.any(np.abs(B - before) > 1e-6, 1).sum())
    if rows:
        B = _snap(_flow_rows(B, blocks, dw, dh, unit), unit, dw, dh)
    inside: set[int] = set()
    if pinned:
        B[:pinned] = np.clip(start[:pinned], 0, [dw, dh, dw, dh])
        # a sampled block that sits mostly on a held region is that region's content (the fill
        # draws it): pushed out, it would stand beside the region as a second copy
        for i in range(pinned, len(blocks)):
            a = max(1e-9, (start[i, 2] - start[i, 0]) * (start[i, 3] - start[i, 1]))
            shares = (np.clip(_overlap(start[i], B[j]), 0, None).prod() for j in range(min(pinned, len(blocks))))
            if blocks[i].kind not in OVERLAYS and any(s >= HELD_SHARE * a for s in shares):
                inside.add(i)
        movable = [i for i in movable if i not in inside]
    # 4. push overlapping siblings apart
    area = (B[:, 2] - B[:, 0]) * (B[:, 3] - B[:, 1])
    fixed_pairs: set[tuple[int, int]] = set()
    for _ in range(8):
        changed = False
        for i, j in itertools.combinations(movable, 2):
            ox, oy = _overlap(B[i], B[j])
            if ox <= 0 or oy <= 0 or nested(i, j):
                continue
            big, small = (i, j) if area[i] >= area[j] else (j, i)
            if small < pinned:
                if big < pinned:
                    continue
                big, small = small, big
            axis = 0 if ox <= oy else 1
            d = ox if axis == 0 else oy
            lo, hi = axis, axis + 2
            limit = dw if axis == 0 else dh
            centre_s = (B[small, lo] + B[small, hi]) / 2
            centre_b = (B[big, lo] + B[big, hi]) / 2
            if centre_s >= centre_b:  # move right / down
                if B[small, hi] + d <= limit:
                    B[small, [lo, hi]] += d
                else:
                    B[small, lo] += d
            else:  # move left / up
                if B[small, lo] - d >= 0:
                    B[small, [lo, hi]] -= d
                else:
                    B[small, hi] -= d
            fixed_pairs.add((min(i, j), max(i, j)))
            changed = True
        if not changed:
            break
    B[:, 2] = np.maximum(B[:, 2], B[:, 0] + 1)
    B[:, 3] = np.maximum(B[:, 3], B[:, 1] + 1)
    keep = [i for i in range(len(blocks)) if i not in inside]
    if pinned:
        keep = [i for i in keep if i < pinned or blocks[i].kind in OVERLAYS
                or not any(min(_overlap(B[i], B[j])) > 0.5 for j in range(min(pinned, len(blocks))))]
        rep.dropped = len(blocks) - len(keep)
        movable = [i for i in movable if i in keep]
    rep.overlaps_left = overlapping()
    rep.overlaps_removed = sum(1 for i, j in fixed_pairs if min(_overlap(B[i], B[j])) <= 0.5)
    disp = np.abs(B - start).max(1) * scale  # the furthest-moving edge of each block, canvas px
    rep.mean_displacement_px = float(disp.mean())
    rep.max_displacement_px = float(disp.max())
    out = []
    for b, (x0, y0, x1, y1) in ((blocks[i], B[i]) for i in keep):
        box = tuple(round(float(v), 5) for v in (x0 / dw, y0 / dh, (x1 - x0) / dw, (y1 - y0) / dh))
        out.append(Block(kind=b.kind, box=box, role=b.role, style=b.style, variant=b.variant, content=b.content,
                         id=b.id, meta=dict(b.meta)))
    return out, rep


#: Blocks whose height a row shares (the cards of a dashboard row line up).
_CONTAINERS = {"card", "chart", "table", "list", "calendar", "image"}
#: Controls that span a form's column: stacked one per row, they share its left edge and width.
_FIELDS = {"input", "select", "search", "button"}
#: Form controls: two drawn over each other are stacked, not set side by side.
_CONTROLS = _FIELDS | {"checkbox", "radio", "toggle"}


def _split_rows(rows: list[list[int]], B: np.ndarray, is_box: list[bool], avail: float,
                phone: bool) -> list[list[int]]:
    """Rows split where one row would read wrong: a short leaf (a stepper, a caption) beside
    containers gets a row of its own above them, and on a phone a row holding a wide
    container stacks, one block per row."""
    w, h = B[:, 2] - B[:, 0], B[:, 3] - B[:, 1]
    out: list[list[int]] = []
    for r in rows:
        tallest = max((h[k] for k in r if is_box[k]), default=0.0)
        short = [k for k in r if not is_box[k] and h[k] < 0.25 * tallest]
        out += [short, [k for k in r if k not in short]] if short and len(short) < len(r) else [r]
    if not phone:
        return out
    stacked: list[list[int]] = []
    for r in out:
        if len(r) > 1 and any(is_box[k] and w[k] > 0.4 * avail for k in r):
            stacked += [[k] for k in sorted(r, key=lambda k: (B[k, 1], B[k, 0]))]
        else:
            stacked.append(r)
    return stacked


def _align_columns(B: np.ndarray, rows: list[list[int]], blocks: list[Block], is_box: list[bool],
                   left: float, right: float) -> None:
    """Runs of one-leaf rows stacked over each other that hold two or more fields (a form:
    heading, fields, checkbox, button) become one column, in place: every block starts at
    the column's left edge (the median of its fields'), and fields (`_FIELDS`) take the
    column's median width."""
    runs: list[list[int]] = []
    for r in rows:
        k = r[0] if len(r) == 1 and not is_box[r[0]] else None
        if k is not None and runs and runs[-1]:
            j = runs[-1][-1]
            if min(B[j, 2], B[k, 2]) - max(B[j, 0], B[k, 0]) > 0.5 * min(B[j, 2] - B[j, 0], B[k, 2] - B[k, 0]):
                runs[-1].append(k)
                continue
        runs.append([k] if k is not None else [])
    for run in runs:
        fields = [k for k in run if blocks[k].kind in _FIELDS]
        if len(fields) < 2:
            continue
        x0 = float(np.median(B[fields, 0]))
        wd = min(float(np.median(B[fields, 2] - B[fields, 0])), right - x0)
        for k in run:
            width = wd if k in fields else min(B[k, 2] - B[k, 0], right - x0)
            B[k, 0], B[k, 2] = x0, x0 + width


def _flow_rows(B: np.ndarray, blocks: list[Block], dw: float, dh: float, unit: float) -> np.ndarray:
    """Content blocks flowed into rows inside the region the navigation chrome leaves
    (boxes ``x0, y0, x1, y1`` in design px); see `layout_pass`."""
    B = B.copy()
    n = len(blocks)
    gap, margin = 3 * unit, 3 * unit
    w, h = B[:, 2] - B[:, 0], B[:, 3] - B[:, 1]
    chrome = {i for i, b in enumerate(blocks)
              if (b.kind == "sidebar" and h[i] > 0.5 * dh) or (b.kind in ("navbar", "footer") and w[i] > 0.5 * dw)}
    backdrop = [i for i, b in enumerate(blocks) if b.variant in BACKDROPS]
    fixed = set(chrome) | {i for i, b in enumerate(blocks) if b.kind in OVERLAYS} | set(backdrop)
    for j in range(n):  # blocks sitting on a backdrop stay where they were drawn
        if any(j != i and _contains(B[i], B[j], unit) for i in backdrop):
            fixed.add(j)
    # the chrome goes to the edges: sidebars full height at the side, bars across the top or
    # bottom beside any sidebar
    x0, x1, y0, y1 = 0.0, dw, 0.0, dh
    for i in chrome:
        if blocks[i].kind == "sidebar":
            w[i] = min(w[i], max(0.2 * dw, 72.0))  # a navigation sidebar, not half the page
            if (B[i, 0] + B[i, 2]) / 2 < dw / 2:
                B[i] = [0.0, 0.0, w[i], dh]
                x0 = max(x0, w[i])
            else:
                B[i] = [dw - w[i], 0.0, dw, dh]
                x1 = min(x1, dw - w[i])
    for i in chrome:
        if blocks[i].kind == "sidebar":
            continue
        if blocks[i].kind == "navbar" and (B[i, 1] + B[i, 3]) / 2 < dh / 2:
            B[i] = [x0, 0.0, x1, h[i]]
            y0 = max(y0, h[i])
        else:
            B[i] = [x0, dh - h[i], x1, dh]
            y1 = min(y1, dh - h[i])
    for i, b in enumerate(blocks):  # a dialog is centred across the page, a margin clear of its edges
        if b.kind in OVERLAYS:
            wd = min(w[i], dw - 2 * margin)
            B[i, 0], B[i, 2] = (dw - wd) / 2, (dw + wd) / 2
    if x1 - x0 < 8 * unit or y1 - y0 < 8 * unit:
        return B
    content = [i for i in range(n) if i not in fixed]
    if not content:
        return B
    # rows: blocks whose vertical spans overlap by half the smaller height, except that a
    # form control drawn over most of the width of another in the row (two fields on one
    # spot, a checkbox over a button; not two buttons) goes below it: a column, not a row
    is_control = [b.kind in _CONTROLS for b in blocks]

    def stacked_on(i: int, k: int) -> bool:
        ov = min(B[i, 2], B[k, 2]) - max(B[i, 0], B[k, 0])
        both_buttons = blocks[i].kind == blocks[k].kind == "button"  # a button group stays a row
        return is_control[i] and is_control[k] and not both_buttons and ov > 0.5 * min(w[i], w[k])

    rows: list[list[int]] = []
    for i in sorted(content, key=lambda k: (B[k, 1], B[k, 0])):
        if rows:
            r = rows[-1]
            top, bot = B[r, 1].min(), B[r, 3].max()
            ov = min(bot, B[i, 3]) - max(top, B[i, 1])
            if ov > 0.5 * min(h[i], bot - top) and not any(stacked_on(i, k) for k in r):
                r.append(i)
                continue
        rows.append([i])
    left, right = x0 + margin, x1 - margin
    avail = right - left
    if avail < 4 * unit:
        return B
    is_box = [b.kind in _CONTAINERS for b in blocks]
    rows = _split_rows(rows, B, is_box, avail, phone=dw < 600)
    y = None
    for r in rows:
        r.sort(key=lambda k: (B[k, 0] + B[k, 2]) / 2)
        widths = np.array([max(unit, min(w[k], avail)) for k in r])
        need = widths.sum() + gap * (len(r) - 1)
        # a lone container wider than most of the row (on a phone: than 40 % of it) spans it
        lone = len(r) == 1 and is_box[r[0]] and need > (0.4 if dw < 600 else 0.6) * avail
        # a row of containers only (a card grid) that spans half the width or more fills it
        grid = len(r) > 1 and all(is_box[k] for k in r) and need > 0.5 * avail
        if need > avail or need > 0.85 * avail and len(r) > 1 or lone or grid:  # a (nearly) full row fills the width
            widths = widths * (avail - gap * (len(r) - 1)) / widths.sum()
            xs = left + np.concatenate([[0], np.cumsum(widths[:-1] + gap)])
        else:  # keep the drawn positions, pushed right where neighbours collide, kept in the region
            xs = []
            cur = left
            for k, wd in zip(r, widths):
                xk = max(cur, min(B[k, 0], right - wd))
                xs.append(xk)
                cur = xk + wd + gap
            xs = np.array(xs)
            over = xs[-1] + widths[-1] - right
            if over > 0:
                xs = xs - over
                xs = np.maximum(xs, left + np.concatenate([[0], np.cumsum(widths[:-1] + gap)]))
        top = B[r, 1].min()
        top = max(top, y0 + margin) if y is None else max(y, min(top, y + 4 * gap))
        boxes = [k for k in r if blocks[k].kind in _CONTAINERS]
        row_h = max(h[k] for k in boxes) if len(boxes) > 1 else None
        for k, xk, wd in zip(r, xs, widths):
            hk = row_h if (row_h is not None and k in boxes) else h[k]
            B[k] = [xk, top, xk + wd, top + hk]
        y = max(B[k, 3] for k in r) + gap
    _align_columns(B, rows, blocks, is_box, left, right)
    # shrink the rows together when the last one runs past the region
    bottom = max(B[k, 3] for k in content)
    limit = y1 - margin
    if bottom > limit:
        first = min(B[k, 1] for k in content)
        f = max(0.4, (limit - first) / max(bottom - first, 1e-6))
        for k in content:
            B[k, 1] = first + (B[k, 1] - first) * f
            B[k, 3] = first + (B[k, 3] - first) * f
    return B


def clear_held_regions(scene, held: list[Block]):
    """`scene` without the top-level elements that overlap a held reference region (`held`,
    boxes in 0–1 of the canvas): the fill may grow a loose control beside a held form card into
    a whole form that runs over it. The held regions' own elements (same box within 2 px) and
    overlays stay. Returns the scene (a copy when something was left out) and how many were."""
    W, H = scene.width, scene.height
    boxes = [np.array([b.box[0] * W, b.box[1] * H, (b.box[0] + b.box[2]) * W, (b.box[1] + b.box[3]) * H])
             for b in held]
    keep = []
    for e in scene.elements:
        x, y, w, h = e.box
        box = np.array([x, y, x + w, y + h])
        own = any(np.abs(box - hb).max() <= 2 for hb in boxes)
        if own or e.kind in OVERLAYS or not any(min(_overlap(box, hb)) > 1 for hb in boxes):
            keep.append(e)
    if len(keep) == len(scene.elements):
        return scene, 0
    return scene.model_copy(update={"elements": keep}), len(scene.elements) - len(keep)

