"""The teacher's sampler: many-step reverse diffusion over the block slots.

`sample_blocks` runs DDIM (Song et al. 2021) or DPM-Solver++ (Lu et al. 2022) with optional
classifier-free guidance (Ho & Salimans 2022) and decodes the result to blocks; from a
reference layout it runs only the last share of the schedule (SDEdit, Meng et al. 2022).
Every sampler of this package takes ``(model, context, steps, seed, device, style_scale,
threads, init_blocks, strength)`` and returns blocks; `callback(i, t, x)` reports progress.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace

import torch

from engine.models.adapter import ContextInputs, collate_contexts
from engine.models.scene_net import SceneNetMixin, decode_slots
from engine.models.slots import held_slots
from engine.samplers.common import sampling
from scene.blocks import Block


def sdedit_timesteps(steps: int, strength: float, num_train_timesteps: int = 1000) -> torch.Tensor:
    """DDIM timesteps of a `steps`-step schedule that start at ``round(T · strength) − 1``
    (where the distilled student starts too) and go down in the schedule's stride."""
    stride = max(1, num_train_timesteps // steps)
    start = max(0, round(num_train_timesteps * min(max(strength, 0.0), 1.0)) - 1)
    return torch.arange(start, -1, -stride)


def sample_blocks(model: SceneNetMixin, context: ContextInputs, steps: int = 50, seed: int = 0,
                  guidance: float = 1.0, device: str = "desktop", scheduler: str = "ddim",
                  style_scale: float = 1.0, callback: Callable[[int, int, torch.Tensor], None] | None = None,
                  threads: int = 1, init_blocks: list[Block] | None = None, strength: float = 1.0,
                  hold: bool = False, kinds: Collection[str] | None = None,
                  reference_guidance: float = 1.0) -> list[Block]:
    """Blocks for one page: `steps` denoising steps from seeded noise, null slots dropped.

    With `kinds`, blocks are decoded to those kinds only (`engine.models.slots.decode_slots`).
    With `init_blocks` and `strength` < 1 sampling starts from that layout noised to the
    ``strength`` share of the schedule and runs only the remaining steps (SDEdit, Meng et al.
    2022): a variation of the layout that keeps its structure; 1.0 ignores it.

    `guidance` > 1 mixes in the unconditional prediction (prompt and style dropped):
    ``u + guidance · (c − u)``. `reference_guidance` > 1 does the same with the prediction
    from the context without its reference layouts and images (``n``): each step's output is
    ``c + (guidance − 1)(c − u) + (reference_guidance − 1)(c − n)``, which pushes the sample
    towards what the references add (a model that reads them through cross-attention follows
    them more closely). `callback(i, t, x)` is called after each step. The model is
    small (48 slots), so sampling runs on `threads` torch threads (1 by default: more threads
    only add synchronisation, which on a busy machine costs ten times the work itself).
    With `hold` the `init_blocks` are kept: after every step their slots are the reference
    noised to the next timestep, and at the end the reference itself (inpainting, as RePaint,
    Lugmayr et al. 2022), so the model completes the page around them.
    """
    if steps < 1:
        raise ValueError(f"steps must be at least 1 (got {steps})")
    sched = model.make_scheduler(scheduler)
    sched.set_timesteps(steps)
    guided = guidance != 1.0
    ref_guided = reference_guidance != 1.0 and bool(context.reference_blocks or len(context.image_vecs))
    contexts = [context] * (1 + guided)
    if ref_guided:
        contexts.append(replace(context, reference_blocks=[], image_vecs=context.image_vecs[:0]))
    ctx = collate_contexts(contexts, [device] * len(contexts), model.config.n_slots)
    if guided:
        ctx["drop_prompt"][1] = True
        ctx["drop_style"][1] = True
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn((1, model.config.n_slots, model.config.slot_dim), generator=gen) * sched.init_noise_sigma
    timesteps = sched.timesteps
    ref, mask = held_slots(init_blocks, model.config.n_slots, model.config.slot_dim) if init_blocks else (None, None)
    if init_blocks and strength < 1.0:
        timesteps = sdedit_timesteps(steps, strength, model.config.num_train_timesteps)
        x = model.add_noise(torch.from_numpy(ref)[None], x, timesteps[0])
    known = (torch.from_numpy(ref)[None].float(), torch.from_numpy(mask)) if hold and init_blocks else None
    with sampling(model, threads):
        enc = model.encode_context(ctx)
        prev = None  # the model's last estimate of the clean slots (self-conditioning)
        for i, t in enumerate(timesteps):
            inp = sched.scale_model_input(x.expand(len(contexts), -1, -1), t)
            tt = t.reshape(1).expand(inp.shape[0])
            out = model(inp, tt, ctx, style_scale=style_scale, encoded=enc, x_self_cond=prev)
            if model.config.self_condition:
                prev = model.predict_x0(out, inp, tt).clamp(-1, 1)
            if len(contexts) > 1:
                parts = out.unbind(0)
                mixed = parts[0]
                if guided:
                    mixed = mixed + (guidance - 1.0) * (parts[0] - parts[1])
                if ref_guided:
                    mixed = mixed + (reference_guidance - 1.0) * (parts[0] - parts[-1])
                out = mixed[None]
            x = sched.step(out, t, x).prev_sample
            if known is not None:
                nxt = timesteps[i + 1] if i + 1 < len(timesteps) else None
                held = known[0] if nxt is None else model.add_noise(known[0], torch.randn(x.shape, generator=gen), nxt)
                x = torch.where(known[1][None], held, x)
            if callback is not None:
                callback(i, int(t), x)
    return decode_slots(x[0].numpy(), kinds)
