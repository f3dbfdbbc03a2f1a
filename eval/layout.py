"""Layout metrics on onbrand scenes: Alignment, Overlap, spacing adherence, structural defects.

Boxes are ``(x, y, w, h)`` with the origin top-left.  Alignment and Overlap follow the
definitions used to evaluate LayoutGAN++ (Kikuchi et al., "Constrained Graphic Layout
Generation via Latent Optimization", ACM MM 2021), which take them from Attribute-conditioned
Layout GAN (Li et al. 2020); both are computed on boxes normalised to the canvas (0–1) and
lower is better.  Papers usually print them multiplied by 100.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field

from scene.model import Element, Scene

__all__ = [
    "Defect",
    "SpacingReport",
    "alignment",
    "normalised_boxes",
    "overlap",
    "spacing_adherence",
    "structural_defects",
]

BoxArray = npt.NDArray[np.float64]

#: Kinds drawn on purpose above their siblings (a dialog over its page), never an overlap defect.
OVERLAY_KINDS = frozenset({"modal"})


def _as_boxes(boxes: Sequence[Sequence[float]] | BoxArray) -> BoxArray:
    arr = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)  # (N, 4) x, y, w, h
    return arr


def alignment(boxes: Sequence[Sequence[float]] | BoxArray) -> float:
    """LayoutGAN++ Alignment of normalised ``(x, y, w, h)`` boxes (Kikuchi et al. 2021).

    For each element i, d_i is the smallest ``|Δ|`` over every other element j and the six
    alignment lines (left, centre-x, right, top, centre-y, bottom); the metric is the mean of
    ``-log(1 - d_i)``, where an element with d_i = 1 (nothing to align with) counts 0.
    A layout with fewer than two elements scores 0.
    """
    b = _as_boxes(boxes)
    n = len(b)
    if n < 2:
        return 0.0
    x, y, w, h = b.T
    lines = np.stack([x, x + w / 2, x + w, y, y + h / 2, y + h])  # (6, N)
    d = np.abs(lines[:, :, None] - lines[:, None, :])  # (6, N, N)
    d[:, np.arange(n), np.arange(n)] = 1.0
    di = np.minimum(d.min(axis=(0, 2)), 1.0)  # (N,)
    di[di == 1.0] = 0.0
    return float(np.mean(-np.log(1.0 - di)))


def overlap(boxes: Sequence[Sequence[float]] | BoxArray) -> float:
    """LayoutGAN++ Overlap of ``(x, y, w, h)`` boxes (Kikuchi et al. 2021).

    ``sum over ordered pairs i ≠ j of area(i ∩ j) / area(i)``, divided by the number of
    elements.  Zero-area elements contribute nothing.  Scale-free, so pixel boxes give the
    same value as normalised ones.
    """
    b = _as_boxes(boxes)
    n = len(b)
    if n == 0:
        return 0.0
    x, y, w, h = b.T
    l_max = np.maximum(x[:, None], x[None, :])
    r_min = np.minimum((x + w)[:, None], (x + w)[None, :])
    t_max = np.maximum(y[:, None], y[None, :])
    b_min = np.minimum((y + h)[:, None], (y + h)[None, :])
    inter = np.clip(r_min - l_max, 0, None) * np.clip(b_min - t_max, 0, None)  # (N, N)
    np.fill_diagonal(inter, 0.0)
    area = (w * h)[:, None]
    ratio = np.divide(inter, area, out=np.zeros_like(inter), where=area > 0)
    return float(ratio.sum() / n)


def normalised_boxes(scene: Scene, elements: Sequence[Element] | None = None) -> BoxArray:
    """The boxes of `elements` (default: the scene's top-level elements) as canvas fractions."""
    els = scene.elements if elements is None else elements
    b = np.array([e.box for e in els], dtype=np.float64).reshape(-1, 4)
    return b / np.array([scene.width, scene.height, scene.width, scene.height], dtype=np.float64)


# -- spacing -------------------------------------------------------------------------------------


class SpacingReport(BaseModel):
    """Gaps between neighbouring siblings and paddings inside containers, in design px."""

    spacing_adherence: float = Field(ge=0.0, le=1.0, description="share of measured gaps on the spacing scale")
    measured: int = Field(ge=0)
    off_scale: list[float] = Field(default_factory=list, description="up to 12 off-scale values (design px)")


def _gaps(children: Sequence[Element]) -> list[float]:
    """Gaps between each child and its nearest neighbour to the right and below (canvas px),
    where the two overlap in the other axis."""
    out: list[float] = []
    boxes = [c.box for c in children if c.kind not in OVERLAY_KINDS]
    for i, (x, y, w, h) in enumerate(boxes):
        right = below = None
        for j, (x2, y2, w2, h2) in enumerate(boxes):
            if i == j:
                continue
            if min(y + h, y2 + h2) - max(y, y2) > 0 and x2 >= x + w - 0.5:
                g = x2 - (x + w)
                right = g if right is None else min(right, g)
            if min(x + w, x2 + w2) - max(x, x2) > 0 and y2 >= y + h - 0.5:
                g = y2 - (y + h)
                below = g if below is None else min(below, g)
        out += [g for g in (right, below) if g is not None and g > 0.5]
    return out


def _paddings(parent: Element) -> list[float]:
    """Distance from the container's edges to its content's bounding box, per side (canvas px)."""
    kids = [c for c in parent.children if c.kind not in OVERLAY_KINDS]
    if not kids:
        return []
    px, py, pw, _ = parent.box
    x0 = min(c.box[0] for c in kids)
    y0 = min(c.box[1] for c in kids)
    x1 = max(c.box[0] + c.box[2] for c in kids)
    # Only sides where the content is pinned: the leading edges, and a trailing edge when the
    # content spans the container (centred or top-aligned content leaves arbitrary slack).
    pads = [x0 - px, y0 - py]
    if x1 - x0 > 0.5 * pw:
        pads.append(px + pw - x1)
    return [p for p in pads if p > 0.5]


def spacing_adherence(scene: Scene, spacing_scale: Sequence[float], tolerance: float = 0.5,
                      max_gap_factor: float = 2.0) -> SpacingReport:
    """Share of sibling gaps and container paddings that sit on the spacing scale.

    Values are converted to design px (canvas px / ``scene.scale``) and count as on scale
    when within ``tolerance`` design px of a scale value.  Gaps wider than ``max_gap_factor``
    times the largest scale value are free space (content pushed apart by alignment), not
    spacing decisions, and are not measured.  A scene with nothing to measure
    scores 1.
    """
    scale_vals = np.array(sorted({float(v) for v in spacing_scale if v > 0}), dtype=np.float64)
    values: list[float] = _gaps(scene.elements)
    for el in scene.walk():
        if el.children:
            values += _gaps(el.children) + _paddings(el)
    design = np.array(values, dtype=np.float64) / max(scene.scale, 1e-9)
    if scale_vals.size:  # wider gaps are free space left by alignment, not spacing decisions
        design = design[design <= max_gap_factor * scale_vals[-1]]
    if design.size == 0:
        return SpacingReport(spacing_adherence=1.0, measured=0)
    if scale_vals.size == 0:
        return SpacingReport(spacing_adherence=0.0, measured=int(design.size),
                             off_scale=[round(float(v), 2) for v in design[:12]])
    dist = np.abs(design[:, None] - scale_vals[None, :]).min(axis=1)
    on = dist <= tolerance
    return SpacingReport(spacing_adherence=float(on.mean()), measured=int(design.size),
                         off_scale=[round(float(v), 2) for v in design[~on][:12]])


# -- structural defects --------------------------------------------------------------------------


class Defect(BaseModel):
    """A structural defect of a scene: sibling overlap, out of frame or text overflow."""

    kind: str  # "overlap", "out-of-frame" or "text-overflow"
    element: str
    other: str = ""
    detail: str = ""


def _area_overlap(a: Sequence[float], b: Sequence[float]) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(w, 0.0) * max(h, 0.0)


def structural_defects(scene: Scene, tolerance: float = 1.0) -> list[Defect]:
    """Sibling overlaps and elements outside the frame.

    Two siblings overlap when their intersection exceeds ``tolerance``² canvas px and 1 % of
    the smaller box (hairline contacts are not defects); modals are overlays and exempt.  An
    element is out of frame when it extends more than ``tolerance`` px past the canvas.
    Text overflow is measured while replaying the renderer (`eval.scene_audit`).
    """
    out: list[Defect] = []

    def siblings(children: Sequence[Element]) -> None:
        kids = [c for c in children if c.kind not in OVERLAY_KINDS]
        for i, a in enumerate(kids):
            for b in kids[i + 1:]:
                inter = _area_overlap(a.box, b.box)
                smaller = min(a.box[2] * a.box[3], b.box[2] * b.box[3])
                if inter > tolerance * tolerance and inter > 0.01 * smaller:
                    out.append(Defect(kind="overlap", element=a.id, other=b.id,
                                      detail=f"{inter / max(smaller, 1e-9):.0%} of the smaller box"))

    siblings(scene.elements)
    for el in scene.walk():
        if el.children:
            siblings(el.children)
        x, y, w, h = el.box
        if x < -tolerance or y < -tolerance or x + w > scene.width + tolerance or y + h > scene.height + tolerance:
            out.append(Defect(kind="out-of-frame", element=el.id,
                              detail=f"box {x:.0f},{y:.0f} {w:.0f}×{h:.0f} on {scene.width}×{scene.height}"))
    return out
