"""Distilling the teacher into a 2-step student: ``onbrand train distill``.

Method: **progressive distillation** (Salimans & Ho 2022, "Progressive Distillation for Fast
Sampling of Diffusion Models"): the student learns to take in one step what the teacher
takes in several, so that its 2-step sampler follows the teacher's 4-step one; then a short
**adversarial stage** (Adversarial Diffusion Distillation, Sauer et al. 2023) sharpens what
regression alone leaves blurred.

1. **Teacher trajectories.** For curriculum examples (the teacher's own conditioning:
   caption, design tokens of a sample system, a reference layout of the same archetype and
   style family) the teacher runs the few-step sampler the student uses
   (`engine.samplers.student.few_step_trajectory`: clamped clean-slot estimate, DDIM jump) over the
   trailing timesteps of `engine.samplers.student.trailing_timesteps` — for the engine's default
   start, a reference layout noised to 0.4 of the schedule (SDEdit, ``strength=0.4``,
   `engine.samplers.defaults.DEFAULT_STRENGTH`), 4 steps: 399, 299, 199, 99. (On the
   held-out prompts the teacher's 4-step run is as good as its 20-step DDIM run, so it is
   the target, and it costs a fifth.) The states it visits and its last estimate (analog
   bits snapped to ±1, boxes clipped) are kept. `p_sdedit` of the trajectories start from
   their reference that way; the others start from pure noise, where the teacher needs
   more steps (16, `teacher_steps_noise`: 999, 937, …, 61).
2. **Student.** A `SceneTransformer` with the teacher's config, initialised from its weights.
   At the teacher's state ``x_t`` at each timestep where the student's sampler stands
   (`engine.samplers.student.student_timesteps`: 2 steps at 399 and 99 from a reference, 999 and 249
   from noise) it is trained (MSE on the clean-slot estimate, boxes of null slots not
   scored) towards the ``x̃₀`` whose DDIM jump from ``x_t`` lands on the teacher's state at
   the sampler's next timestep
   (``x̃₀ = (x_t' − (σ_t'/σ_t) x_t) / (α_t' − σ_t' α_t / σ_t)``), or, for the last step,
   towards the teacher's final estimate: the first step stands for three of the teacher's,
   the last for one (from noise: twelve and four). A share `p_between` of the points are
   the timesteps where the 4-step sampler stops in between (299 and 199), trained towards
   the teacher's state at its next one, so the same weights sample in 4 steps as well;
   1 step uses the first jump's estimate. Self-conditioning is fed as the sampler feeds it:
   nothing at the first step, the student's own clamped estimate at the previous step's
   state after that.

3. **Adversarial stage** (`adv_steps`, after the progressive stage's steps). Regression
   towards the teacher's jumps averages where the teacher's outcome turns on small changes
   of its start, and the 2-step layouts drift from the teacher's in distribution (layout
   FID). Starting from the progressive stage's EMA weights, the student keeps its
   distillation loss and adds ``adv_weight`` times a non-saturating GAN loss: it runs its
   own 2-step sampler (with gradient through both steps) from the same noised references
   as the teacher's 4-step runs, and a `LayoutCritic` — a small transformer over the slot
   set, told the device, trained alongside at every step — learns to tell its final
   estimates from the teacher's (both with a little Gaussian noise, ``critic_noise``, as
   instance noise for a stable critic).

The trajectories live in a pool that the teacher keeps refreshing (one new batch every
`refresh_every` steps), so the student sees tens of thousands of them without a dataset on
disk. Checkpoints, resume, EMA export and the progress bar are the teacher's
(`engine.training.teacher`); the critic and its optimiser are checkpointed with the student. The
progressive stage runs in ``OUT/progressive`` (its own checkpoints and export), the
adversarial stage in ``OUT``. The exported folder is a normal ``save_pretrained`` folder plus
``distill_config.json``; ``Engine`` loads it from `engine/weights/student`.
"""

from __future__ import annotations

import functools
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from conditioning.packing import ContextInputs, prompt_context
from conditioning.prompt import encode_prompts
from engine.models.adapter import collate_contexts
from engine.models.teacher import BITS, SceneTransformer, encode_slots
from engine.samplers.defaults import DEFAULT_STRENGTH
from engine.samplers.student import (
    few_step_trajectory,
    student_timesteps,
    trailing_timesteps,
)
from engine.training.teacher import ExamplePool, sample_systems, system_tokens

ROOT = Path(__file__).resolve().parents[1]  # engine/
TEACHER_WEIGHTS = ROOT / "weights" / "teacher"

#: The step counts the student samples with; it is distilled for the middle one, the default.
STUDENT_STEPS = (1, 2, 4)


@dataclass
class DistillConfig:
    """A distillation run: teacher folder, student training and the trajectory pool."""

    out: str = "build/student"
    teacher: str = str(TEACHER_WEIGHTS)
    steps: int = 2000
    batch: int = 32
    lr: float = 2e-4
    warmup: int = 100
    weight_decay: float = 0.0
    ema_decay: float = 0.995
    checkpoint_every: int = 250
    keep_checkpoints: int = 2
    seed: int = 0
    threads: int = 1
    student_steps: int = 2  # the step count distilled (the engine's default)
    teacher_steps: int = 4  # the teacher's steps from a reference (its grid holds the 2- and 4-step samplers')
    teacher_steps_noise: int = 16  # the teacher's steps from pure noise, where 4 are too few
    pool_batches: int = 48  # batches of teacher trajectories kept in memory
    refresh_every: int = 2  # one new batch of trajectories every this many steps
    p_between: float = 0.2  # share of training points at the teacher's in-between timesteps
    p_sdedit: float = 0.75  # share of trajectory batches that start from their reference layouts
    strength: float = DEFAULT_STRENGTH  # how far those references are noised (the engine's default)
    p_reference: float = 0.8
    p_design: float = 0.7
    p_plan: float = 0.5  # share of examples composed from random page plans (as the teacher was trained)
    p_image: float = 0.0  # share of examples whose drawn page joins the context as a reference image
    image_blocks: bool = False  # ... with the blocks read from the drawing as its reference (`TrainConfig.image_blocks`)
    init: str | None = None  # the student to start from (a model folder), else the teacher's weights
    train_only: list[str] = field(default_factory=list)  # parameter-name prefixes trained, the rest frozen
    design_systems: list[str] = field(default_factory=sample_systems)
    log_every: int = 50
    # the adversarial stage (after `steps` of progressive distillation; 0 steps: none)
    adv_steps: int = 400
    adv_weight: float = 0.01  # weight of the generator's GAN loss beside the distillation loss
    adv_lr: float = 5e-5  # the student's peak learning rate in that stage
    adv_ema_decay: float = 0.99
    critic_lr: float = 2e-4
    critic_noise: float = 0.05  # instance noise on the critic's inputs, real and generated alike
    adv_p_noise: float = 0.0  # share of adversarial batches sampled from pure noise, not from a reference


# -- teacher trajectories ---------------------------------------------------------------------------


def snap(x: torch.Tensor) -> torch.Tensor:
    """Boxes clipped to [-1, 1], analog bits snapped to ±1: the slots a decoder would read."""
    out = x.clone()
    out[..., :4] = out[..., :4].clamp(-1, 1)
    out[..., 4:] = torch.where(out[..., 4:] > 0, 1.0, -1.0)
    return out


def used_slots(x0: torch.Tensor) -> torch.Tensor:
    """``(B, N)`` True where the kind bits of snapped slots decode to a non-null kind."""
    kind = x0[..., 4: 4 + BITS[0]] > 0
    return kind.any(-1)


def jump_target(model: SceneTransformer, x: torch.Tensor, x_next: torch.Tensor, t, t_next) -> torch.Tensor:
    """The clean-slot estimate whose DDIM jump from `x` at `t` lands on `x_next` at `t_next`
    (Salimans & Ho 2022, eq. 8 in x-space): ``(x_next − (σ'/σ) x) / (α' − σ' α / σ)``."""
    a, s = model._coefficients(t, x.dtype)
    a2, s2 = model._coefficients(t_next, x.dtype)
    return (x_next - (s2 / s) * x) / (a2 - s2 * a / s)


def check_schedules(cfg: DistillConfig, num_train_timesteps: int = 1000) -> None:
    """Raise ValueError unless the teacher's timesteps (`teacher_steps` from a reference,
    `teacher_steps_noise` from noise) include every timestep the student's sampler, and one of
    twice its steps, stands at."""
    T = num_train_timesteps
    for name, flag, strength in (("teacher_steps", "--teacher-steps", cfg.strength),
                                 ("teacher_steps_noise", "--teacher-steps-noise", 1.0)):
        grid = set(trailing_timesteps(getattr(cfg, name), T, strength))
        need = set(student_timesteps(cfg.student_steps, T, strength))
        if cfg.student_steps > 1:
            need |= set(student_timesteps(2 * cfg.student_steps, T, strength))
        if not need <= grid:
            raise ValueError(f"{flag} {getattr(cfg, name)}: the teacher's timesteps miss the student's "
                             f"{sorted(need - grid, reverse=True)}; use a multiple of {2 * cfg.student_steps}")


@functools.cache
def _plans(student_steps: int, top: int, T: int) -> tuple[list[int], list[int], list[int]]:
    """For trajectories that start at timestep `top`: the student's timesteps, those of a
    sampler of twice its steps, and the indices of that finer plan the student's own miss."""
    strength = (top + 1) / T
    plan = student_timesteps(student_steps, T, strength)
    finer = student_timesteps(2 * student_steps, T, strength) if student_steps > 1 else plan
    return plan, finer, [k for k, t in enumerate(finer) if t not in plan]


@dataclass
class Trajectory:
    """One teacher run: its conditioning, the states it visited at `timesteps` and its snapped
    final estimate."""

    context: ContextInputs
    device: str
    timesteps: list[int]
    states: torch.Tensor  # (K, N, D)
    final: torch.Tensor  # (N, D), snapped
    estimate: torch.Tensor  # (N, D), the last estimate before snapping (clamped)


class TrajectoryPool:
    """Teacher trajectories in memory; `refresh` replaces the oldest batch, `draw` makes a
    training batch of (state, timestep, target) points from them."""

    def __init__(self, cfg: DistillConfig, teacher: SceneTransformer, rng: random.Random, gen: torch.Generator):
        check_schedules(cfg, teacher.config.num_train_timesteps)
        self.cfg, self.teacher, self.rng, self.gen = cfg, teacher, rng, gen
        self.examples = ExamplePool(rng, max(cfg.batch, 256), teacher.config.n_slots,
                                    cfg.p_plan if getattr(teacher.config, "plan_tokens", False) else 0.0,
                                    slot_dim=teacher.config.slot_dim, p_image=cfg.p_image,
                                    image_systems=cfg.design_systems, image_blocks=cfg.image_blocks)
        self.systems = [t for t in (system_tokens(f) for f in cfg.design_systems) if t is not None]
        self.items: list[Trajectory] = []
        self.made = 0

    def _make_batch(self, sdedit: bool | None = None) -> list[Trajectory]:
        """A batch of teacher trajectories, all from their references (`sdedit`) or all from
        noise (a share `p_sdedit` of the batches from references when not given)."""
        cfg, rng, teacher = self.cfg, self.rng, self.teacher
        self.examples.refresh(cfg.batch // 4)
        items = [self.examples.draw() for _ in range(cfg.batch)]
        encoded = encode_prompts([it.example.caption for it in items])
        contexts, devices = [], []
        if sdedit is None:
            sdedit = rng.random() < cfg.p_sdedit  # the whole batch starts from its references
        for it, enc in zip(items, encoded):
            refs = ([self.examples.reference(it)] if sdedit or it.pictured or rng.random() < cfg.p_reference
                    else [])
            ctx = prompt_context(it.example.caption, reference_blocks=refs, encoded=enc,
                                 plan=getattr(it.example, "plan", None))
            if self.systems and rng.random() < cfg.p_design:
                ctx.design_tokens = self.systems[rng.randrange(len(self.systems))]
            if it.image_vec is not None:
                ctx.image_vecs = it.image_vec[None]
            contexts.append(ctx)
            devices.append(it.example.device)
        n, d = teacher.config.n_slots, teacher.config.slot_dim
        T = teacher.config.num_train_timesteps
        ts = (trailing_timesteps(cfg.teacher_steps, T, cfg.strength) if sdedit
              else trailing_timesteps(cfg.teacher_steps_noise, T))
        x = torch.randn((len(items), n, d), generator=self.gen)
        if sdedit:
            ref = torch.from_numpy(np.stack([encode_slots(c.reference_blocks[0], n, teacher.config.slot_dim)[0] for c in contexts]))
            x = teacher.add_noise(ref, x, ts[0])
        with torch.no_grad():
            states, final = few_step_trajectory(teacher, x, ts, collate_contexts(contexts, devices, n))
        states, snapped = torch.stack(states, 1), snap(final)
        self.made += len(items)
        return [Trajectory(c, dv, ts, states[i], snapped[i], final[i]) for i, (c, dv) in enumerate(zip(contexts, devices))]

    def fill(self, progress: bool = False) -> None:
        if progress and len(self.items) < self.cfg.pool_batches * self.cfg.batch:
            print(f"drawing {self.cfg.pool_batches * self.cfg.batch} teacher trajectories ({self.cfg.teacher_steps} "
                  f"steps from a reference, {self.cfg.teacher_steps_noise} from noise) for the pool…",
                  file=sys.stderr, flush=True)
        while len(self.items) < self.cfg.pool_batches * self.cfg.batch:
            self.items.extend(self._make_batch())

    def refresh(self) -> None:
        self.items = self.items[self.cfg.batch:] + self._make_batch()

    def point(self, tr: Trajectory) -> tuple[torch.Tensor, int, torch.Tensor, torch.Tensor, int]:
        """A training point of trajectory `tr`: the teacher's state at one of the student's
        timesteps, that timestep, the target — the estimate that jumps to the teacher's state
        at the student's next timestep, or the teacher's final estimate after the last — and
        the state and timestep of the sampler's step before (timestep −1 at the first step),
        whose estimate the sampler feeds back (self-conditioning). A share `p_between` of the
        points are those of a sampler of twice the steps that the student's own miss."""
        at = {t: i for i, t in enumerate(tr.timesteps)}
        plan, finer, between = _plans(self.cfg.student_steps, tr.timesteps[0], self.teacher.config.num_train_timesteps)
        if between and self.rng.random() < self.cfg.p_between:
            plan, k = finer, self.rng.choice(between)
        else:
            k = self.rng.randrange(len(plan))
        j = at[plan[k]]
        before = (tr.states[at[plan[k - 1]]], plan[k - 1]) if k else (tr.states[j], -1)
        if k + 1 == len(plan):
            return tr.states[j], plan[k], tr.final, *before
        x, x_next = tr.states[j][None], tr.states[at[plan[k + 1]]][None]
        return tr.states[j], plan[k], jump_target(self.teacher, x, x_next, plan[k], plan[k + 1])[0], *before

    def draw(self) -> tuple[dict, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor,
                            torch.Tensor]:
        """A batch: collated context, states ``x_t``, timesteps ``t``, targets ``x̃₀``, the
        used-slot mask of each trajectory's final estimate, and the states and timesteps of
        the sampler's previous step (−1: none)."""
        picks = [self.items[self.rng.randrange(len(self.items))] for _ in range(self.cfg.batch)]
        ctx = collate_contexts([p.context for p in picks], [p.device for p in picks], self.teacher.config.n_slots)
        pts = [self.point(p) for p in picks]
        return (ctx, torch.stack([p[0] for p in pts]), torch.tensor([p[1] for p in pts]),
                torch.stack([p[2] for p in pts]), used_slots(torch.stack([p.final for p in picks])),
                torch.stack([p[3] for p in pts]), torch.tensor([p[4] for p in pts]))

    def starts(self, n: int, sdedit: bool = True) -> tuple[dict, torch.Tensor, torch.Tensor, torch.Tensor]:
        """`n` trajectories that start from a reference at the engine's strength (`sdedit`;
        else from pure noise): their collated context, start states, device indices and the
        teacher's final estimates. A pool that holds none gets a batch of them in place of
        its oldest."""
        T = self.teacher.config.num_train_timesteps
        top = (trailing_timesteps(self.cfg.teacher_steps, T, self.cfg.strength) if sdedit
               else trailing_timesteps(self.cfg.teacher_steps_noise, T))[0]
        ours = [tr for tr in self.items if tr.timesteps[0] == top]
        if not ours:
            ours = self._make_batch(sdedit=sdedit)
            self.items = self.items[len(ours):] + ours
        picks = [ours[self.rng.randrange(len(ours))] for _ in range(n)]
        ctx = collate_contexts([p.context for p in picks], [p.device for p in picks], self.teacher.config.n_slots)
        return ctx, torch.stack([p.states[0] for p in picks]), ctx["device"], torch.stack([p.estimate for p in picks])


# -- loss -------------------------------------------------------------------------------------------


def distill_loss(student: SceneTransformer, ctx: dict, xt: torch.Tensor, t: torch.Tensor, target: torch.Tensor,
                 used: torch.Tensor, x_before: torch.Tensor, t_before: torch.Tensor) -> torch.Tensor:
    """MSE between the student's clean-slot estimate at ``(x_t, t)`` and the target ``x̃₀``;
    boxes of slots that are null in the teacher's final estimate (`used` False) are not scored.

    Self-conditioned as the sampler is: on nothing at the first step (`t_before` −1), else on
    the student's own clamped estimate at the previous step's state `x_before` (computed
    without gradient). Training on the estimate from the same point instead (Chen et al.
    2022's recipe) leaves the student unused to the coarser estimate a 2-step sampler feeds
    back."""
    prev = None
    if student.config.self_condition:
        has = t_before >= 0
        prev = torch.zeros_like(xt)
        if has.any():
            with torch.no_grad():
                tb = t_before[has]
                xb = x_before[has]
                sub = {k: v[has] for k, v in ctx.items()}
                prev[has] = student.predict_x0(student(xb, tb, sub), xb, tb).clamp(-1, 1)
    pred = student.predict_x0(student(xt, t, ctx, x_self_cond=prev), xt, t)
    w = torch.ones_like(target)
    w[..., :4] = used[..., None].float()
    return ((pred - target) ** 2 * w).sum() / w.sum()


