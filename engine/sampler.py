"""Sampling the teacher and the layout pass that tidies what it drew.

`sample_blocks` runs the reverse diffusion (DDIM, Song et al. 2021, or DPM-Solver++, Lu et al.
2022) over the block slots with optional classifier-free guidance (Ho & Salimans 2022) and
decodes the result to blocks. `layout_pass` then snaps boxes to the design system's spacing
grid, aligns near-equal edges, pushes overlapping siblings apart and keeps everything in frame,
reporting how far each step moved things. `fill_blocks` (from `engine.fill`, or the simple fill
below when that module is absent) turns blocks into a scene the renderer draws.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import torch

from engine.adapter import ContextInputs, collate_contexts
from engine.blocks import Block
from engine.compose import DEVICES
from engine.domain_copy import domain_for
from engine.scene import Element, Scene
from engine.scene_net import SceneNetMixin, decode_slots, encode_slots

#: Blocks that float over the page; they may cover others.
_OVERLAYS = {"modal"}
#: Variants of full-bleed regions that other blocks sit on (a sign-in brand panel, a hero).
_BACKDROPS = {"panel", "hero"}


def sdedit_timesteps(steps: int, strength: float, num_train_timesteps: int = 1000) -> torch.Tensor:
    """DDIM timesteps of a `steps`-step schedule that start at ``round(T · strength) − 1``
    (where the distilled student starts too) and go down in the schedule's stride."""
    stride = max(1, num_train_timesteps // steps)
    start = max(0, round(num_train_timesteps * min(max(strength, 0.0), 1.0)) - 1)
    return torch.arange(start, -1, -stride)


def sample_blocks(model: SceneNetMixin, context: ContextInputs, steps: int = 50, seed: int = 0,
                  guidance: float = 1.0, device: str = "desktop", scheduler: str = "ddim",
                  style_scale: float = 1.0, callback: Callable[[int, int, torch.Tensor], None] | None = None,
                  threads: int = 1, init_blocks: list[Block] | None = None, strength: float = 1.0) -> list[Block]:
    """Blocks for one page: `steps` denoising steps from seeded noise, null slots dropped.

    With `init_blocks` and `strength` < 1 sampling starts from that layout noised to the
    ``strength`` share of the schedule and runs only the remaining steps (SDEdit, Meng et al.
    2022): a variation of the layout that keeps its structure; 1.0 ignores it.

    `guidance` > 1 mixes in the unconditional prediction (prompt and style dropped):
    ``u + guidance · (c − u)``. `callback(i, t, x)` is called after each step. The model is
    small (48 slots), so sampling runs on `threads` torch threads (1 by default: more threads
    only add synchronisation, which on a busy machine costs ten times the work itself).
    """
    if steps < 1:
        raise ValueError(f"steps must be at least 1 (got {steps})")
    sched = model.make_scheduler(scheduler)
    sched.set_timesteps(steps)
    ctx = collate_contexts([context], [device], model.config.n_slots)
    guided = guidance != 1.0
    if guided:
        ctx = {k: torch.cat([v, v]) for k, v in ctx.items()}
        ctx["drop_prompt"] = torch.tensor([False, True])
        ctx["drop_style"] = torch.tensor([False, True])
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn((1, model.config.n_slots, model.config.slot_dim), generator=gen) * sched.init_noise_sigma
    timesteps = sched.timesteps
    if init_blocks and strength < 1.0:
        timesteps = sdedit_timesteps(steps, strength, model.config.num_train_timesteps)
        x = model.add_noise(_slots(model, init_blocks), x, timesteps[0])
    with _sampling(model, threads):
        enc = model.encode_context(ctx)
        prev = None  # the model's last estimate of the clean slots (self-conditioning)
        for i, t in enumerate(timesteps):
            inp = sched.scale_model_input(torch.cat([x, x]) if guided else x, t)
            tt = t.reshape(1).expand(inp.shape[0])
            out = model(inp, tt, ctx, style_scale=style_scale, encoded=enc, x_self_cond=prev)
            if model.config.self_condition:
                prev = model.predict_x0(out, inp, tt).clamp(-1, 1)
            if guided:
                cond, uncond = out.chunk(2)
                out = uncond + guidance * (cond - uncond)
            x = sched.step(out, t, x).prev_sample
            if callback is not None:
                callback(i, int(t), x)
    return decode_slots(x[0].numpy())


def _span_start(steps: int, num_train_timesteps: int, strength: float) -> float:
    """Where a few-step schedule over the `strength` share of the schedule starts (checks `steps`)."""
    if steps < 1:
        raise ValueError(f"steps must be at least 1 (got {steps})")
    return num_train_timesteps * min(max(strength, 1.0 / num_train_timesteps), 1.0)


def trailing_timesteps(steps: int, num_train_timesteps: int = 1000, strength: float = 1.0) -> list[int]:
    """`steps` evenly spaced timesteps starting at the last one ("trailing" spacing, Lin et al.
    2024): 1 → [999], 2 → [999, 499], 4 → [999, 749, 499, 249]. With `strength` < 1 (starting
    from a noised reference layout) they span only that share of the schedule: 4 steps at
    0.4 → [399, 299, 199, 99]. The grid of the teacher's few-step runs in distillation."""
    start = _span_start(steps, num_train_timesteps, strength)
    return [max(0, round(start - i * start / steps) - 1) for i in range(steps)]


def student_timesteps(steps: int, num_train_timesteps: int = 1000, strength: float = 1.0) -> list[int]:
    """Timesteps a `steps`-step student stands at: from the start of the span down to a
    quarter of it in even jumps, so the last estimate is always made a quarter of the way
    in, where it is sharp. 4 steps are the trailing ones ([999, 749, 499, 249]; from a
    reference at 0.4: [399, 299, 199, 99]); 2 steps stand at the first and last of those
    ([999, 249]; [399, 99]); 1 step at the start. (A 2-step sampler that stops at half the
    span instead, [399, 199], makes its final estimate from twice the noise: on the held-out
    prompts its layouts are measurably further from the teacher's; non-uniform few-step
    schedules as in Sabour et al. 2024, "Align Your Steps".)"""
    start = _span_start(steps, num_train_timesteps, strength)
    if steps == 1:
        return [max(0, round(start) - 1)]
    jump = 0.75 * start / (steps - 1)
    return [max(0, round(start - i * jump) - 1) for i in range(steps)]


def few_step_trajectory(model: SceneNetMixin, x: torch.Tensor, timesteps: list[int], ctx: dict[str, torch.Tensor],
                        encoded: dict[str, torch.Tensor] | None = None,
                        style_scale: float = 1.0) -> tuple[list[torch.Tensor], torch.Tensor]:
    """The few-step sampler the student uses, on a batch ``x`` ``(B, N, D)`` at ``timesteps[0]``.

    Each step predicts the clean slots ``x̂₀`` at timestep ``t`` (clamped to [-1, 1]) and jumps
    with DDIM to the next timestep (``x ← α_t' x̂₀ + σ_t' ε̂``). Returns the states it visited
    (``x`` at each of `timesteps`) and the last ``x̂₀``. Distillation records the teacher's
    trajectory with it (`engine.distill`)."""
    enc = model.encode_context(ctx) if encoded is None else encoded
    states, prev, x0 = [], None, x
    for i, t in enumerate(timesteps):
        states.append(x)
        tt = torch.full((x.shape[0],), int(t), dtype=torch.long)
        out = model(x, tt, ctx, style_scale=style_scale, encoded=enc, x_self_cond=prev)
        x0 = model.predict_x0(out, x, tt).clamp(-1, 1)
        prev = x0 if model.config.self_condition else None
        if i + 1 < len(timesteps):
            x = model.add_noise(x0, model.path_noise(x, x0, t), timesteps[i + 1])
    return states, x0


def sample_student(model: SceneNetMixin, context: ContextInputs, steps: int = 2, seed: int = 0,
                   device: str = "desktop", style_scale: float = 1.0, threads: int = 1,
                   init_blocks: list[Block] | None = None, strength: float = 1.0) -> list[Block]:
    """Blocks for one page from a distilled student (`engine.distill`) in `steps` steps
    (`few_step_trajectory` over `student_timesteps`); the last clean estimate is decoded.
    2 steps is the distilled schedule; 1 and 4 (and other counts) run with the same weights.
    `init_blocks` and `strength` < 1 start from that layout noised to the ``strength`` share
    of the schedule, as `sample_blocks` does (SDEdit).
    """
    if steps < 1:
        raise ValueError(f"steps must be at least 1 (got {steps})")
    sdedit = bool(init_blocks) and strength < 1.0
    ts = student_timesteps(steps, model.config.num_train_timesteps, strength if sdedit else 1.0)
    ctx = collate_contexts([context], [device], model.config.n_slots)
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn((1, model.config.n_slots, model.config.slot_dim), generator=gen)
    if sdedit:
        x = model.add_noise(_slots(model, init_blocks), x, ts[0])
    with _sampling(model, threads):
        _, x0 = few_step_trajectory(model, x, ts, ctx, style_scale=style_scale)
    return decode_slots(x0[0].numpy())


def _slots(model: SceneNetMixin, blocks: list[Block]) -> torch.Tensor:
    """Blocks as a ``(1, N, D)`` batch of clean slots for `model`."""
    return torch.from_numpy(encode_slots(blocks, model.config.n_slots)[0])[None]


@contextmanager
def _sampling(model: SceneNetMixin, threads: int):
    """Eval mode, inference mode and `threads` torch threads, restored afterwards."""
    was_training, n_threads = model.training, torch.get_num_threads()
    model.eval()
    torch.set_num_threads(max(1, threads))
    try:
        with torch.inference_mode():
            yield
    finally:
        model.train(was_training)
        torch.set_num_threads(n_threads)


# -- layout pass ------------------------------------------------------------------------------------


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
    grid_px: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


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
                unit: float = 8.0, align_tol: float = 1.5, rows: bool = True) -> tuple[list[Block], LayoutReport]:
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
    overlapping on purpose.
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
    movable = [i for i, b in enumerate(blocks) if b.kind not in _OVERLAYS]
    backdrop = [b.variant in _BACKDROPS for b in blocks]

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
    rep.overlaps_left = overlapping()
    rep.overlaps_removed = sum(1 for i, j in fixed_pairs if min(_overlap(B[i], B[j])) <= 0.5)
    disp = np.abs(B - start).max(1) * scale  # the furthest-moving edge of each block, canvas px
    rep.mean_displacement_px = float(disp.mean())
    rep.max_displacement_px = float(disp.max())
    out = []
    for b, (x0, y0, x1, y1) in zip(blocks, B):
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
    backdrop = [i for i, b in enumerate(blocks) if b.variant in _BACKDROPS]
    fixed = set(chrome) | {i for i, b in enumerate(blocks) if b.kind in _OVERLAYS} | set(backdrop)
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
        if b.kind in _OVERLAYS:
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


# -- filling blocks into a scene ---------------------------------------------------------------------


def simple_fill(blocks: list[Block], prompt: str, width: int, height: int, theme=None, seed: int = 0,
                device: str = "desktop") -> Scene:
    """A scene from blocks: each block becomes an element of its kind at its box, and each
    container gets plain contents for its `content` tag (a KPI, a chart, table rows, list
    items, form fields …) with copy from the prompt's domain. Children are stacked inside the
    block's padding and only as many as fit are added."""
    (_, _), design_w = DEVICES[device] if device in DEVICES else DEVICES["desktop"]
    scale = width / design_w
    rng = random.Random(f"{seed}:{prompt}")
    dom = domain_for(prompt)
    title = _title(prompt)
    counts: dict[str, int] = {}
    elements: list[Element] = []
    # overlays last, then larger blocks first so that anything on a backdrop is drawn over it
    order = sorted(range(len(blocks)), key=lambda i: (blocks[i].kind in _OVERLAYS, -blocks[i].box[2] * blocks[i].box[3]))
    for i in order:
        b = blocks[i]
        counts[b.kind] = counts.get(b.kind, 0) + 1
        eid = f"page/{b.kind}" + (f"-{counts[b.kind]}" if counts[b.kind] > 1 else "")
        box = tuple(float(v) for v in (b.box[0] * width, b.box[1] * height, b.box[2] * width, b.box[3] * height))
        elements.append(_FillCtx(scale, rng, dom, title, device).element(b, eid, box))
    return Scene(width=width, height=height, scale=scale, archetype="generated", prompt=prompt, seed=seed,
                 elements=elements)


def _title(prompt: str) -> str:
    words = [w for w in prompt.replace(",", " ").split() if w.lower() not in
             {"a", "an", "the", "with", "for", "and", "page", "screen", "view", "of", "my", "our", "to"}]
    return " ".join(words[:3]).capitalize() or "Overview"


@dataclass
class _FillCtx:
    s: float  # canvas px per design px
    rng: random.Random
    dom: object
    title: str
    device: str

    def px(self, v: float) -> float:
        return v * self.s

    def element(self, b: Block, eid: str, box: tuple[float, float, float, float]) -> Element:
        kw = {"id": eid, "kind": b.kind, "box": tuple(round(v, 2) for v in box), "role": b.role, "variant": b.variant,
                  "style": b.style}
        fn = getattr(self, f"_{b.kind}", None)
        return Element(**{**kw, **(fn(b, eid, box) if fn else {})})

    # leaf kinds: text and props
    def _heading(self, b, eid, box):
        return {"text": self.title, "style": b.style or "h2"}

    def _text(self, b, eid, box):
        return {"text": self.dom.subtitle, "style": b.style or "body"}

    def _button(self, b, eid, box):
        primary = b.variant in ("", "primary")
        return {"text": self.dom.new_record if primary else "Cancel", "variant": b.variant or "primary",
                "style": "label"}

    def _input(self, b, eid, box):
        label = self.rng.choice(("Email", "Full name", "Company", "Phone"))
        return {"props": {"label": label, "placeholder": f"Enter {label.lower()}"}}

    def _select(self, b, eid, box):
        return {"props": {"label": "Sort by", "value": "Most recent"}}

    def _search(self, b, eid, box):
        return {"props": {"placeholder": self.dom.search}}

    def _checkbox(self, b, eid, box):
        return {"text": "Remember me", "props": {"checked": True}}

    def _radio(self, b, eid, box):
        return {"text": "Standard", "props": {"checked": True}}

    def _toggle(self, b, eid, box):
        return {"text": "Email notifications", "props": {"on": True}}

    def _tabs(self, b, eid, box):
        return {"props": {"items": ["All", "Active", "Archived"], "active": 0}}

    def _table(self, b, eid, box):
        n = max(1, int((box[3] - self.px(60)) // self.px(52)))
        cols, rows, align, widths = self.dom.table(self.rng, min(n, 12))
        return {"props": {"columns": cols, "rows": rows, "align": align, "widths": widths,
                          "status_column": len(cols) - 1}}

    def _chart(self, b, eid, box):
        v = b.variant or "line"
        if v == "sparkline":
            return {"props": {"series": [[self.rng.randint(20, 80) for _ in range(10)]]}}
        if v == "donut":
            return {"props": {"series": [[42, 30, 18, 10]], "labels": list(self.dom.mix_labels)[:4]}}
        return {"variant": v if v in ("line", "bar") else "line",
                "props": {"series": [[self.rng.randint(30, 90) * self.dom.trend_scale for _ in range(6)]],
                          "labels": ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]}}

    def _image(self, b, eid, box):
        return {"props": {"motif": "landscape"}}

    def _avatar(self, b, eid, box):
        return {"text": "Maya Chen"}

    def _badge(self, b, eid, box):
        return {"text": "Active", "role": b.role or "success"}

    def _pagination(self, b, eid, box):
        return {"props": {"page": 1, "pages": 8}}

    def _breadcrumb(self, b, eid, box):
        return {"props": {"items": ["Home", self.dom.records, self.title]}}

    def _calendar(self, b, eid, box):
        return {"variant": b.variant if b.variant in ("month", "week") else "month",
                "props": {"month": 11, "year": 2026, "selected": [25]}}

    def _progress(self, b, eid, box):
        if b.variant == "steps":
            return {"props": {"steps": ["Cart", "Details", "Payment", "Review"], "current": 1}}
        return {"variant": "bar", "props": {"value": 0.6}}

    def _icon(self, b, eid, box):
        return {"props": {"name": "bell"}}

    # containers
    def _sidebar(self, b, eid, box):
        x, y, w, h = box
        p = self.px(16)
        kids = [Element(id=f"{eid}/logo", kind="logo", box=(x + p, y + self.px(32), min(w - 2 * p, self.px(132)),
                                                              self.px(32)))] if h > self.px(120) else []
        ih, top = self.px(44), y + self.px(96)
        for k, (label, icon) in enumerate(self.dom.nav):
            if top + ih > y + h - p or w < self.px(40):
                break
            kids.append(Element(id=f"{eid}/nav-item-{k + 1}", kind="list_item", variant="nav", text=label,
                                box=(x + p, top, w - 2 * p, ih),
                                props={"icon": icon, "active": k == 0, "collapsed": bool(w < self.px(120))}))
            top += ih + self.px(4)
        return {"children": kids}

    def _navbar(self, b, eid, box):
        x, y, w, h = box
        if b.variant == "tabbar" or (self.device == "mobile" and y > self.px(200)):
            n = min(4, len(self.dom.nav))
            iw = w / n
            return {"variant": "tabbar", "children": [
                Element(id=f"{eid}/tab-{k + 1}", kind="list_item", variant="tab", text=label,
                        box=(x + k * iw, y, iw, h), props={"icon": icon, "active": k == 0})
                for k, (label, icon) in enumerate(self.dom.nav[:n])]}
        p = self.px(24)
        lh = min(h - self.px(16), self.px(32))
        kids = [Element(id=f"{eid}/logo", kind="logo", box=(x + p, y + (h - lh) / 2, self.px(120), lh))]
        if w > self.px(900):
            sw = min(self.px(420), w * 0.3)
            kids.append(Element(id=f"{eid}/search", kind="search", box=(x + p + self.px(160), y + (h - self.px(44)) / 2,
                                                                         sw, self.px(44)),
                                props={"placeholder": self.dom.search}))
        av = min(self.px(40), h - self.px(8))
        kids.append(Element(id=f"{eid}/avatar", kind="avatar", text="Maya Chen",
                            box=(x + w - p - av, y + (h - av) / 2, av, av)))
        return {"children": kids}

    def _footer(self, b, eid, box):
        return {"text": "© 2026 · Privacy · Terms"}

    def _header(self, b, eid, box):
        return {"text": self.title, "props": {"subtitle": self.dom.subtitle}}

    def _list(self, b, eid, box):
        return {"children": self._items(eid, box, 0)}

    def _items(self, eid, box, top_pad):
        x, y, w, h = box
        ih = self.px(56)
        out = []
        for k, (name, meta, trailing) in enumerate(self.dom.list_items(self.rng)):
            top = y + top_pad + k * ih
            if top + ih > y + h:
                break
            out.append(Element(id=f"{eid}/item-{k + 1}", kind="list_item", text=name, box=(x, top, w, ih),
                               props={"avatar": name, "meta": meta, "trailing": trailing}))
        return out

    def _modal(self, b, eid, box):
        x, y, w, h = box
        p = self.px(24)
        kids = [Element(id=f"{eid}/title", kind="heading", text="Are you sure?", style="h3",
                        box=(x + p, y + p, w - 2 * p, self.px(32))),
                Element(id=f"{eid}/body", kind="text", text="This cannot be undone.", style="body",
                        box=(x + p, y + p + self.px(44), w - 2 * p, self.px(24)))]
        bw, bh = self.px(120), self.px(44)
        if h > self.px(160) and w > 2 * bw + 3 * p:
            kids += [Element(id=f"{eid}/cancel", kind="button", text="Cancel", variant="secondary", style="label",
                             box=(x + w - p - 2 * bw - self.px(12), y + h - p - bh, bw, bh)),
                     Element(id=f"{eid}/confirm", kind="button", text="Confirm", variant="primary", style="label",
                             box=(x + w - p - bw, y + h - p - bh, bw, bh))]
        return {"children": kids}

    def _card(self, b, eid, box):
        x, y, w, h = box
        p = self.px(24 if min(w, h) > self.px(160) else 12)
        inner = (x + p, y + p, max(1.0, w - 2 * p), max(1.0, h - 2 * p))
        c = b.content
        titles = {"chart-line": self.dom.trend_title, "chart-bar": self.dom.trend_title,
                  "chart-donut": self.dom.mix_title, "table": self.dom.records, "list": self.dom.list_title,
                  "form": "Details", "settings": "Preferences", "summary": "Summary", "calendar": "Schedule"}
        props: dict = {}
        kids: list[Element] = []
        if c in titles and h > self.px(120):
            props["title"] = titles[c]
            inner = (inner[0], inner[1] + self.px(44), inner[2], max(1.0, inner[3] - self.px(44)))
        ix, iy, iw, ih = inner
        if c == "kpi":
            label, value, delta = self.dom.kpis(self.rng)[0]
            kids = [Element(id=f"{eid}/label", kind="text", text=label, style="small", box=(ix, iy, iw, self.px(20))),
                    Element(id=f"{eid}/value", kind="heading", text=value, style="h2", role="text",
                            box=(ix, iy + self.px(28), iw * 0.6, self.px(40)))]
            if ih > self.px(100):
                kids.append(Element(id=f"{eid}/delta", kind="badge", text=delta,
                                    role="danger" if delta.startswith("-") else "success", style="caption",
                                    box=(ix, iy + self.px(80), self.px(64), self.px(24))))
        elif c.startswith("chart-"):
            v = c.split("-", 1)[1]
            spec = self._chart(Block("chart", (0, 0, 0, 0), variant=v), eid, inner)
            kids = [Element(**{"id": f"{eid}/chart", "kind": "chart", "box": inner, **spec, "variant": v})]
        elif c == "table":
            kids = [Element(id=f"{eid}/table", kind="table", box=inner, **self._table(b, eid, inner))]
        elif c in ("list", "profile", "chat", "summary", "nav"):
            kids = self._items(eid, inner, 0)
        elif c in ("form", "settings"):
            fh = self.px(72 if c == "form" else 40)
            for k in range(int(ih // (fh + self.px(12)))):
                top = iy + k * (fh + self.px(12))
                if c == "form":
                    label = ("Full name", "Email", "Address", "City", "Phone", "Company")[k % 6]
                    kids.append(Element(id=f"{eid}/field-{k + 1}", kind="input", box=(ix, top, iw, fh),
                                        props={"label": label, "placeholder": f"Enter {label.lower()}"}))
                else:
                    label = ("Email notifications", "Weekly summary", "Two-factor sign-in", "Dark mode")[k % 4]
                    kids.append(Element(id=f"{eid}/toggle-{k + 1}", kind="toggle", text=label, box=(ix, top, iw, fh),
                                        props={"on": k % 2 == 0}))
        elif c in ("media", "empty", "product"):
            img_h = ih * (0.7 if c == "product" else 1.0)
            kids = [Element(id=f"{eid}/image", kind="image", box=(ix, iy, iw, img_h), props={"motif": "landscape"})]
            if c == "product" and ih > self.px(120):
                kids.append(Element(id=f"{eid}/name", kind="text", text="Linen Overshirt", style="body",
                                    box=(ix, iy + img_h + self.px(8), iw, self.px(24))))
        elif c == "calendar":
            kids = [Element(id=f"{eid}/calendar", kind="calendar", variant="month", box=inner,
                            props={"month": 11, "year": 2026, "selected": [25]})]
        elif c == "steps":
            kids = [Element(id=f"{eid}/steps", kind="progress", variant="steps", box=(ix, iy, iw, min(ih, self.px(48))),
                            props={"steps": ["Cart", "Details", "Payment", "Review"], "current": 1})]
        elif c == "actions":
            bw = min(self.px(140), iw / 2 - self.px(6))
            kids = [Element(id=f"{eid}/primary", kind="button", text="Save", variant="primary", style="label",
                            box=(ix + iw - bw, iy, bw, min(ih, self.px(44)))),
                    Element(id=f"{eid}/secondary", kind="button", text="Cancel", variant="secondary", style="label",
                            box=(ix + iw - 2 * bw - self.px(12), iy, bw, min(ih, self.px(44))))]
        elif c == "pricing":
            kids = [Element(id=f"{eid}/plan", kind="heading", text="Pro", style="h3", box=(ix, iy, iw, self.px(32))),
                    Element(id=f"{eid}/price", kind="heading", text="$29/mo", style="h1",
                            box=(ix, iy + self.px(40), iw, self.px(48)))]
        elif c == "text" and ih > self.px(24):
            kids = [Element(id=f"{eid}/text", kind="text", text=self.dom.pitch, style="body", box=inner)]
        return {"props": props, "children": kids}


try:
    from engine.fill import fill_blocks  # type: ignore[import-not-found]
except ImportError:
    fill_blocks = simple_fill
