"""Layout metrics: LayoutGAN++ Alignment and Overlap by hand, spacing adherence, defects."""

from __future__ import annotations

import math

import pytest

from scene.model import Element, Scene
from eval.layout import (
    alignment,
    normalised_boxes,
    overlap,
    spacing_adherence,
    structural_defects,
)


def test_overlap_two_boxes_by_hand() -> None:
    # A = 0.4×0.4 at (0, 0), B = 0.4×0.4 at (0.2, 0.2): intersection 0.2×0.2 = 0.04.
    # ratios 0.04/0.16 twice (A→B and B→A) = 0.5, divided by N = 2 elements -> 0.25
    assert overlap([(0, 0, 0.4, 0.4), (0.2, 0.2, 0.4, 0.4)]) == pytest.approx(0.25)


def test_overlap_contained_box_and_disjoint() -> None:
    # small (0.1×0.1) inside big (0.5×0.5): small→big 1.0, big→small 0.01/0.25 = 0.04; third disjoint
    boxes = [(0, 0, 0.5, 0.5), (0.1, 0.1, 0.1, 0.1), (0.7, 0.7, 0.2, 0.2)]
    assert overlap(boxes) == pytest.approx((1.0 + 0.04) / 3)
    assert overlap([(0, 0, 0.5, 0.5), (0.5, 0, 0.5, 0.5)]) == 0.0  # touching edges do not overlap


def test_overlap_is_scale_free() -> None:
    b = [(0, 0, 0.4, 0.4), (0.2, 0.2, 0.4, 0.4)]
    assert overlap([(x * 1920, y * 1080, w * 1920, h * 1080) for x, y, w, h in b]) == pytest.approx(overlap(b))


def test_alignment_by_hand() -> None:
    # A (0, 0, 0.2, 0.1) and B (0.05, 0.5, 0.3, 0.1): best line per element is left edges
    # (|0 - 0.05| = 0.05) vs centres (0.1 vs 0.2) vs rights (0.2 vs 0.35) and the y lines (≥ 0.4):
    # d = 0.05 for both -> -log(1 - 0.05)
    a = alignment([(0, 0, 0.2, 0.1), (0.05, 0.5, 0.3, 0.1)])
    assert a == pytest.approx(-math.log(0.95))


def test_alignment_perfect_and_mixed() -> None:
    assert alignment([(0.1, 0.1, 0.3, 0.1), (0.1, 0.5, 0.5, 0.2)]) == 0.0  # shared left edge
    # Lines are compared type by type (left with left, right with right, ...).
    # Third element C (0.52, 0.83, 0.1, 0.05): its right edge 0.62 vs B's right 0.6 -> 0.02;
    # every other pair of like lines is further apart.
    boxes = [(0.1, 0.1, 0.3, 0.1), (0.1, 0.5, 0.5, 0.2), (0.52, 0.83, 0.1, 0.05)]
    # A and B align exactly (0); C: 0.02;
    # B's own best is 0 (with A).  mean = (0 + 0 - log(0.98)) / 3
    assert alignment(boxes) == pytest.approx(-math.log(0.98) / 3)
    assert alignment([(0.1, 0.1, 0.2, 0.2)]) == 0.0


def _el(id_: str, kind: str, box, children=(), text: str = "") -> Element:
    return Element(id=id_, kind=kind, box=box, text=text, children=list(children))


def _scene(elements, w=1920, h=1080, scale=1.0) -> Scene:
    return Scene(width=w, height=h, scale=scale, archetype="dashboard", prompt="t", seed=0, elements=list(elements))


def test_spacing_adherence_counts_gaps_and_paddings() -> None:
    # card at (100,100) 600×300 holding three buttons in a row: padding left 24, top 24,
    # gaps 16 and 13 (13 is off the 4/8/16/24 scale); right padding 600-24-3*100-16-13 = 247:
    # content spans half the card or less (329 <= 300? no: 329 > 300) so the right side counts too.
    kids = [_el("c/b1", "button", (124, 124, 100, 40)), _el("c/b2", "button", (240, 124, 100, 40)),
            _el("c/b3", "button", (353, 124, 100, 40))]
    scene = _scene([_el("c", "card", (100, 100, 600, 300), kids)])
    rep = spacing_adherence(scene, [4, 8, 16, 24])
    # measured: gaps 16, 13; paddings 24 (left), 24 (top), 247 (right: beyond 2×24 -> not measured)
    assert rep.measured == 4
    assert rep.spacing_adherence == pytest.approx(3 / 4)
    assert rep.off_scale == [13.0]


def test_spacing_adherence_in_design_px() -> None:
    kids = [_el("r/a", "button", (0, 0, 100, 40)), _el("r/b", "button", (132, 0, 100, 40))]
    scene = _scene([_el("r", "card", (0, 0, 232, 40), kids)], scale=2.0)  # 32 canvas px = 16 design px
    assert spacing_adherence(scene, [8, 16]).spacing_adherence == 1.0
    assert spacing_adherence(scene, [8, 12]).spacing_adherence == 0.0


def test_structural_defects() -> None:
    scene = _scene([
        _el("a", "card", (0, 0, 400, 300)),
        _el("b", "card", (350, 0, 400, 300)),  # overlaps a by 50×300
        _el("c", "card", (750, 0, 400, 300)),  # touches b: no defect
        _el("d", "card", (1800, 900, 300, 300)),  # out of frame
        _el("m", "modal", (100, 100, 400, 300)),  # overlays are exempt
    ])
    defects = structural_defects(scene)
    kinds = sorted((d.kind, d.element, d.other) for d in defects)
    assert kinds == [("out-of-frame", "d", ""), ("overlap", "a", "b")]


def test_normalised_boxes() -> None:
    scene = _scene([_el("a", "card", (192, 108, 960, 540))])
    assert normalised_boxes(scene).tolist() == [[0.1, 0.1, 0.5, 0.5]]
