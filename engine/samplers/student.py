"""The distilled student's sampler: a few DDIM jumps between clean-slot estimates.

`sample_student` runs `few_step_trajectory` over `student_timesteps` and decodes the last
clean estimate; distillation (`engine.training.distill`) records the teacher's few-step runs
with the same `few_step_trajectory` over `trailing_timesteps`. Same signature as
`engine.samplers.teacher.sample_blocks`, with a progress `callback(i, t, x)` too.

`sample_student` runs a PyTorch model (`engine.models.scene_net.SceneNet`) or the numpy one
(`engine.models.numpy_net.NumpySceneNet`, `few_step_trajectory_numpy`); both start from the
same noise for a seed (`engine.samplers.noise.randn` draws what ``torch.randn`` draws), so
they give the same blocks. This module imports torch only for a PyTorch model.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

import numpy as np

from engine.models.inputs import ContextInputs, collate_arrays
from engine.models.slots import decode_slots, held_slots
from engine.samplers.noise import randn
from ingest.nn_numpy import blas_threads
from scene.blocks import Block

if TYPE_CHECKING:
    import torch

    from engine.models.numpy_net import NumpySceneNet
    from engine.models.scene_net import SceneNetMixin


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
                        style_scale: float = 1.0,
                        callback: Callable[[int, int, torch.Tensor], None] | None = None,
                        known: tuple[torch.Tensor, torch.Tensor] | None = None,
                        ) -> tuple[list[torch.Tensor], torch.Tensor]:
    """The few-step sampler the student uses, on a batch ``x`` ``(B, N, D)`` at ``timesteps[0]``.

    Each step predicts the clean slots ``x̂₀`` at timestep ``t`` (clamped to [-1, 1]) and jumps
    with DDIM to the next timestep (``x ← α_t' x̂₀ + σ_t' ε̂``). Returns the states it visited
    (``x`` at each of `timesteps`) and the last ``x̂₀``. Distillation records the teacher's
    trajectory with it (`engine.training.distill`). With `known` ``(x0_ref (1, N, D), mask (N, D))``
    the masked values of every estimate are the reference's (inpainting: the model completes
    the page around them)."""
    import torch

    enc = model.encode_context(ctx) if encoded is None else encoded
    states, prev, x0 = [], None, x
    for i, t in enumerate(timesteps):
        states.append(x)
        tt = torch.full((x.shape[0],), int(t), dtype=torch.long)
        out = model(x, tt, ctx, style_scale=style_scale, encoded=enc, x_self_cond=prev)
        x0 = model.predict_x0(out, x, tt).clamp(-1, 1)
        if known is not None:
            x0 = torch.where(known[1][None], known[0], x0)
        prev = x0 if model.config.self_condition else None
        if i + 1 < len(timesteps):
            x = model.add_noise(x0, model.path_noise(x, x0, t), timesteps[i + 1])
        if callback is not None:
            callback(i, int(t), x0)
    return states, x0


def few_step_trajectory_numpy(model: NumpySceneNet, x: np.ndarray, timesteps: list[int],
                              ctx: dict[str, np.ndarray], style_scale: float = 1.0,
                              callback: Callable[[int, int, np.ndarray], None] | None = None,
                              known: tuple[np.ndarray, np.ndarray] | None = None,
                              ) -> tuple[list[np.ndarray], np.ndarray]:
    """`few_step_trajectory` for the numpy network on ``x`` ``(B, N, D)`` arrays and a
    `engine.models.inputs.collate_arrays` context: the same steps, the same states."""
    enc = model.encode_context(ctx)
    states, prev, x0 = [], None, x
    for i, t in enumerate(timesteps):
        states.append(x)
        out = model(x, int(t), style_scale=style_scale, encoded=enc, x_self_cond=prev)
        x0 = np.clip(model.predict_x0(out, x, int(t)), -1, 1)
        if known is not None:
            x0 = np.where(known[1][None], known[0], x0)
        prev = x0 if model.config.self_condition else None
        if i + 1 < len(timesteps):
            x = model.add_noise(x0, model.path_noise(x, x0, t), timesteps[i + 1])
        if callback is not None:
            callback(i, int(t), x0)
    return states, x0


def sample_student(model: SceneNetMixin | NumpySceneNet, context: ContextInputs, steps: int = 2, seed: int = 0,
                   device: str = "desktop", style_scale: float = 1.0, threads: int = 1,
                   init_blocks: list[Block] | None = None, strength: float = 1.0,
                   callback: Callable[[int, int, torch.Tensor], None] | None = None,
                   hold: bool = False, kinds: Collection[str] | None = None) -> list[Block]:
    """Blocks for one page from a distilled student (`engine.training.distill`) in `steps` steps
    (`few_step_trajectory` over `student_timesteps`); the last clean estimate is decoded.
    2 steps is the distilled schedule; 1 and 4 (and other counts) run with the same weights.
    `init_blocks` and `strength` < 1 start from that layout noised to the ``strength`` share
    of the schedule, as `sample_blocks` does (SDEdit). With `hold` the `init_blocks` are kept
    in every estimate (their boxes and kinds, `held_dims`) and the model completes the page around them (inpainting,
    as RePaint, Lugmayr et al. 2022): how a reference screen the user chose is followed.
    `callback(i, t, x0)` is called after each step with that step's clean estimate. With
    `kinds`, blocks are decoded to those kinds only (`engine.models.slots.decode_slots`).
    """
    if steps < 1:
        raise ValueError(f"steps must be at least 1 (got {steps})")
    sdedit = bool(init_blocks) and strength < 1.0
    ts = student_timesteps(steps, model.config.num_train_timesteps, strength if sdedit else 1.0)
    ctx = collate_arrays([context], [device], model.config.n_slots)
    shape = (1, model.config.n_slots, model.config.slot_dim)
    ref, mask = held_slots(init_blocks, model.config.n_slots, model.config.slot_dim) if init_blocks else (None, None)
    if getattr(model, "backend", "torch") == "numpy":
        x = randn(shape, seed)  # torch.randn's draws for this seed (to ~1e-6)
        if sdedit:
            x = model.add_noise(ref[None], x, ts[0])
        known = (ref[None].astype(np.float32), mask) if hold and ref is not None else None
        with blas_threads(threads):
            _, x0 = few_step_trajectory_numpy(model, x, ts, ctx, style_scale=style_scale, callback=callback,
                                              known=known)
        return decode_slots(x0[0], kinds)
    import torch

    from engine.samplers.common import sampling

    x = torch.randn(shape, generator=torch.Generator().manual_seed(seed))
    if sdedit:
        x = model.add_noise(torch.from_numpy(ref)[None], x, ts[0])
    known = (torch.from_numpy(ref[None]).float(), torch.from_numpy(mask)) if hold and ref is not None else None
    with sampling(model, threads):
        _, x0 = few_step_trajectory(model, x, ts, {k: torch.from_numpy(v) for k, v in ctx.items()},
                                    style_scale=style_scale, callback=callback, known=known)
    return decode_slots(x0[0].numpy(), kinds)
