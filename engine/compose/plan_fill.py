"""Filling a sampled layout with a plan's content: the model says where, the plan says what.

For a prompt no page type draws, the plan composer (`engine.compose.plan_compose.plan_layout`)
builds the content of every section the plan asks for (kanban columns with their cards, a map
with its pins, a player's controls …) and lays it out once; that layout is where the diffusion
sampler starts from (SDEdit) and the plan's tokens condition it. `fill_plan` then places the
same content in the boxes the sampler drew:

- each sampled block is paired with a top-level node of the plan's layout of the same kind,
  by the assignment that maximises their overlap (`scipy.optimize.linear_sum_assignment` on
  1 − IoU plus the distance between centres);
- a paired node is laid out again in its block's box (its flex layout adapts: a column grows
  longer, a row of chips wraps);
- a sampled block with no node of its kind is left out (the plan did not ask for it), and a
  node that no block took keeps its own box when that box overlaps none already placed;
  otherwise it is left out. Both are reported (`PlanFill`), so nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.compose.composer import scaled_scene
from engine.compose.plan_compose import PlanLayout
from engine.layout import flex as L
from scene.blocks import Block
from scene.model import Scene

__all__ = ["PlanFill", "fill_plan", "node_blocks"]

#: Share of its own area a kept-over node may overlap nodes already placed.
KEEP_OVERLAP = 0.05


@dataclass
class PlanFill:
    """What `fill_plan` did: the scene, and which blocks and nodes it could not pair."""

    scene: Scene
    paired: int = 0
    unplanned: list[str] = field(default_factory=list)  # kinds of sampled blocks no plan node took
    kept: list[str] = field(default_factory=list)  # kinds of plan nodes drawn in their own box
    dropped: list[str] = field(default_factory=list)  # kinds of plan nodes with no room left

    def report(self) -> dict:
        return {"paired": self.paired, "unplanned_blocks": self.unplanned, "kept_plan_nodes": self.kept,
                "dropped_plan_nodes": self.dropped}


def node_blocks(pl: PlanLayout) -> list[Block]:
    """The plan layout's top-level nodes as blocks (boxes as canvas fractions), in node order:
    the layout sampling starts from."""
    W, H = pl.design_size
    out = []
    for n in pl.nodes:
        x, y, w, h = n.box
        out.append(Block(kind=n.kind, box=(x / W, y / H, w / W, h / H), role=str(n.el.get("role", "") or ""),
                         variant=str(n.el.get("variant", "") or "")))
    return out


def _iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of every box in `a` (n, 4) with every box in `b` (m, 4), boxes as (x, y, w, h)."""
    ax0, ay0, ax1, ay1 = a[:, 0:1], a[:, 1:2], a[:, 0:1] + a[:, 2:3], a[:, 1:2] + a[:, 3:4]
    bx0, by0, bx1, by1 = b[:, 0], b[:, 1], b[:, 0] + b[:, 2], b[:, 1] + b[:, 3]
    iw = np.clip(np.minimum(ax1, bx1) - np.maximum(ax0, bx0), 0, None)
    ih = np.clip(np.minimum(ay1, by1) - np.maximum(ay0, by0), 0, None)
    inter = iw * ih
    union = a[:, 2:3] * a[:, 3:4] + b[:, 2] * b[:, 3] - inter
    return inter / np.maximum(union, 1e-9)


def _pairs(blocks: list[Block], planned: list[Block]) -> list[tuple[int, int]]:
    """Pairs (block, node) of the same kind that overlap best overall."""
    from scipy.optimize import linear_sum_assignment

    if not blocks or not planned:
        return []
    a = np.array([b.box for b in blocks], float)
    b = np.array([p.box for p in planned], float)
    centre = np.hypot((a[:, 0:1] + a[:, 2:3] / 2) - (b[:, 0] + b[:, 2] / 2),
                      (a[:, 1:2] + a[:, 3:4] / 2) - (b[:, 1] + b[:, 3] / 2))
    cost = 1.0 - _iou(a, b) + centre
    same = np.array([[x.kind == y.kind for y in planned] for x in blocks])
    cost = np.where(same, cost, 1e6)
    rows, cols = linear_sum_assignment(cost)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if same[r, c]]


def fill_plan(blocks: list[Block], pl: PlanLayout, seed: int = 0) -> PlanFill:
    """The scene of `pl`'s content placed in the sampled `blocks` (see the module docs)."""
    W, H = pl.design_size
    planned = node_blocks(pl)
    pairs = _pairs(blocks, planned)
    taken_blocks = {i for i, _ in pairs}
    taken_nodes = {j for _, j in pairs}
    fill = PlanFill(scene=pl.scene, paired=len(pairs))
    fill.unplanned = [blocks[i].kind for i in range(len(blocks)) if i not in taken_blocks]
    placed: list[tuple[int, tuple[float, float, float, float]]] = []  # (node, design-px box)
    for i, j in pairs:
        x, y, w, h = blocks[i].box
        placed.append((j, (x * W, y * H, max(2.0, w * W), max(2.0, h * H))))
    for j, n in enumerate(pl.nodes):
        if j in taken_nodes:
            continue
        x, y, w, h = n.box
        overlap = sum(max(0.0, min(x + w, px + pw) - max(x, px)) * max(0.0, min(y + h, py + ph) - max(y, py))
                      for _, (px, py, pw, ph) in placed)
        if n.kind == "modal" or overlap <= KEEP_OVERLAP * max(w * h, 1.0):
            placed.append((j, (x, y, w, h)))
            fill.kept.append(n.kind)
        else:
            fill.dropped.append(n.kind)
    # the page first, then what floats over it (dialogs, sheets, toasts), each in reading order
    overlay = {"modal", "bottom_sheet", "toast", "tooltip", "menu"}
    placed.sort(key=lambda p: (pl.nodes[p[0]].kind in overlay, round(p[1][1]), p[1][0]))
    elements = []
    for k, (j, (x, y, w, h)) in enumerate(placed):
        node = pl.nodes[j]
        node.name = f"{k:02d}-{node.name or node.kind}"
        node.width, node.height = L.fixed(w), L.fixed(h)
        pl.layout.run(node, w, h, x, y)
        elements += L.to_elements(node)
    s = pl.scene
    scene = Scene(width=s.width, height=s.height, scale=pl.scale, archetype="plan", prompt=s.prompt, seed=seed,
                  elements=elements)
    fill.scene = scaled_scene(scene, pl.scale)
    return fill
