"""Distilling the teacher into a 1–4-step student: ``onbrand train distill``.

Method: **knowledge distillation of the teacher's deterministic sampler** (Luhman & Luhman
2021, "Knowledge Distillation in Iterative Generative Models for Improved Sampling Speed"),
trained on the straight interpolation between each noise draw and the sample the teacher
makes from it — the *reflow* coupling of rectified flow (Liu et al. 2023, "Flow Straight and
Fast"; Liu et al. 2024, "InstaFlow: One Step is Enough").

1. **Pairs.** For curriculum examples (the teacher's own conditioning: caption, design tokens
   of a sample system, a reference layout of the same archetype and style family), draw noise
   ``z`` and run the teacher's 50-step DDIM sampler (Song et al. 2021) from it. Its end point,
   with analog bits snapped to ±1 and boxes clipped to the canvas, is the target ``x̂₀(z)``.
2. **Student.** A `SceneTransformer` with the teacher's config, initialised from its weights.
   For a timestep ``t`` (mostly the points the 1-, 2- and 4-step samplers visit, sometimes
   uniform), its input is ``α_t x̂₀ + σ_t z``; it is trained to recover ``x̂₀`` (MSE on the
   clean-slot estimate, boxes of null slots not scored). Along a straight coupling one DDIM
   jump lands exactly on the next training input, so the same weights sample in 1, 2 or 4
   steps (`engine.sampler.sample_student`).

The engine samples from a retrieved reference layout noised to 0.4 of the schedule (SDEdit,
``strength=0.4``, `engine.sampler_defaults.DEFAULT_STRENGTH`), so `p_sdedit` of the pair
batches are drawn that way too: the teacher runs from ``α_t ref + σ_t z`` at ``t = 399`` and
the straight path goes through that start point and the teacher's end point (its noise
``ε = (x_start − α_t x̂₀) / σ_t``); the student learns the points of that path at and below
``t = 399``.

The pairs live in a pool that the teacher keeps refreshing (one new batch of pairs every
`refresh_every` steps), so the student sees tens of thousands of teacher samples without a
dataset on disk. Checkpoints, resume, EMA export and the progress bar are the teacher's
(`engine.train`). The exported folder is a normal ``save_pretrained`` folder plus
``distill_config.json``; ``Engine`` loads it from `engine/weights/student`.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch

from engine.adapter import collate_contexts, encode_prompts, prompt_context
from engine.sampler import sdedit_timesteps, student_timesteps
from engine.sampler_defaults import DEFAULT_STRENGTH
from engine.teacher import BITS, SceneTransformer, encode_slots
from engine.train import ExamplePool, _system_tokens, optimise, sample_systems

ROOT = Path(__file__).resolve().parent
TEACHER_WEIGHTS = ROOT / "weights" / "teacher"

#: The step counts the student is trained for (their timesteps are the training focus).
STUDENT_STEPS = (1, 2, 4)


@dataclass
class DistillConfig:
    """A distillation run: teacher folder, student training and the pair pool."""

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
    teacher_steps: int = 50
    pool_batches: int = 48  # batches of teacher pairs kept in memory
    refresh_every: int = 4  # one new batch of pairs every this many steps
    p_schedule: float = 0.75  # share of timesteps drawn from the 1/2/4-step samplers' points
    p_sdedit: float = 0.75  # share of pair batches that start from their reference layouts
    strength: float = DEFAULT_STRENGTH  # how far those references are noised (the engine's default)
    p_self_cond: float = 0.5
    p_reference: float = 0.8
    p_design: float = 0.7
    design_systems: list[str] = field(default_factory=sample_systems)
    log_every: int = 50


# -- teacher pairs ----------------------------------------------------------------------------------


@torch.no_grad()
def teacher_sample(teacher: SceneTransformer, ctx: dict[str, torch.Tensor], noise: torch.Tensor,
                   steps: int = 50, x_start: torch.Tensor | None = None, strength: float = 1.0) -> torch.Tensor:
    """The teacher's deterministic DDIM end point from `noise` ``(B, N, D)`` under a collated
    context, self-conditioned when the teacher is; or, with `x_start` and `strength` < 1,
    from `x_start` (already noised to the first of `engine.sampler.sdedit_timesteps`) as
    `engine.sampler.sample_blocks` starts from a reference. Analog bits are not yet snapped."""
    sched = teacher.make_scheduler("ddim")
    sched.set_timesteps(steps)
    timesteps = sched.timesteps
    x = noise.clone()
    if x_start is not None and strength < 1.0:
        timesteps = sdedit_timesteps(steps, strength, teacher.config.num_train_timesteps)
        x = x_start.clone()
    enc = teacher.encode_context(ctx)
    prev = None
    for t in timesteps:
        tt = t.reshape(1).expand(x.shape[0])
        out = teacher(x, tt, ctx, encoded=enc, x_self_cond=prev)
        if teacher.config.self_condition:
            prev = teacher.predict_x0(out, x, tt).clamp(-1, 1)
        x = sched.step(out, t, x).prev_sample
    return x


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


class PairPool:
    """Teacher pairs ``(context, z, x̂₀)`` in memory; `refresh` replaces the oldest batch."""

    def __init__(self, cfg: DistillConfig, teacher: SceneTransformer, rng: random.Random, gen: torch.Generator):
        self.cfg, self.teacher, self.rng, self.gen = cfg, teacher, rng, gen
        self.examples = ExamplePool(rng, max(cfg.batch, 256), teacher.config.n_slots)
        self.systems = [t for t in (_system_tokens(f) for f in cfg.design_systems) if t is not None]
        self.items: list[tuple] = []  # (ContextInputs, device, z (N, D), x0 (N, D))
        self.made = 0

    def _make_batch(self) -> list[tuple]:
        cfg, rng = self.cfg, self.rng
        self.examples.refresh(cfg.batch // 4)
        items = [self.examples.draw() for _ in range(cfg.batch)]
        encoded = encode_prompts([it.example.caption for it in items])
        contexts, devices = [], []
        sdedit = rng.random() < cfg.p_sdedit  # the whole batch starts from its references
        for it, enc in zip(items, encoded):
            refs = [self.examples.reference(it)] if sdedit or rng.random() < cfg.p_reference else []
            ctx = prompt_context(it.example.caption, reference_blocks=refs, encoded=enc)
            if self.systems and rng.random() < cfg.p_design:
                ctx.design_tokens = self.systems[rng.randrange(len(self.systems))]
            contexts.append(ctx)
            devices.append(it.example.device)
        n, d = self.teacher.config.n_slots, self.teacher.config.slot_dim
        T = self.teacher.config.num_train_timesteps
        z = torch.randn((len(items), n, d), generator=self.gen)
        ctx = collate_contexts(contexts, devices, n)
        if sdedit:
            t_start = int(sdedit_timesteps(cfg.teacher_steps, cfg.strength, T)[0])
            ref = torch.from_numpy(np.stack([encode_slots(c.reference_blocks[0], n)[0] for c in contexts]))
            x_start = self.teacher.add_noise(ref, z, t_start)
            x0 = snap(teacher_sample(self.teacher, ctx, z, cfg.teacher_steps, x_start=x_start, strength=cfg.strength))
        else:
            sched = self.teacher.make_scheduler("ddim")
            sched.set_timesteps(cfg.teacher_steps)
            t_start, x_start = int(sched.timesteps[0]), z
            x0 = snap(teacher_sample(self.teacher, ctx, z, cfg.teacher_steps))
        # the noise of the straight path through the start point and the teacher's end point
        eps = self.teacher.path_noise(x_start, x0, t_start)
        top = student_timesteps(1, T, cfg.strength if sdedit else 1.0)[0]
        self.made += len(items)
        return [(c, dv, eps[i], x0[i], top) for i, (c, dv) in enumerate(zip(contexts, devices))]

    def fill(self, progress: bool = False) -> None:
        if progress:
            print(f"drawing {self.cfg.pool_batches * self.cfg.batch} teacher samples "
                  f"({self.cfg.teacher_steps} steps each) for the pair pool…", file=sys.stderr, flush=True)
        while len(self.items) < self.cfg.pool_batches * self.cfg.batch:
            self.items.extend(self._make_batch())

    def refresh(self) -> None:
        self.items = self.items[self.cfg.batch:] + self._make_batch()

    def draw(self) -> tuple[dict, torch.Tensor, torch.Tensor, torch.Tensor]:
        """A batch: collated context, path noise ``ε``, target ``x̂₀`` and each pair's first
        student timestep (999 from noise, 399 from a reference at strength 0.4)."""
        picks = [self.items[self.rng.randrange(len(self.items))] for _ in range(self.cfg.batch)]
        ctx = collate_contexts([p[0] for p in picks], [p[1] for p in picks], self.teacher.config.n_slots)
        return (ctx, torch.stack([p[2] for p in picks]), torch.stack([p[3] for p in picks]),
                torch.tensor([p[4] for p in picks]))


# -- loss -------------------------------------------------------------------------------------------


def _schedule_points(top: int, T: int) -> list[int]:
    """The timesteps the 1/2/4-step samplers visit when they start at `top`."""
    return sorted({p for k in STUDENT_STEPS for p in student_timesteps(k, T, (top + 1) / T)})


def distill_loss(student: SceneTransformer, ctx: dict, z: torch.Tensor, x0: torch.Tensor, cfg: DistillConfig,
                 gen: torch.Generator, top: torch.Tensor | None = None) -> torch.Tensor:
    """MSE between the student's clean-slot estimate at ``α_t x̂₀ + σ_t z`` and ``x̂₀``.

    ``t`` is at most the pair's first student timestep `top` (999 by default): mostly one of
    the 1/2/4-step samplers' points below it, otherwise uniform in ``[0, top]``."""
    B = x0.shape[0]
    T = student.config.num_train_timesteps
    top = torch.full((B,), T - 1) if top is None else top
    on_schedule = torch.rand(B, generator=gen) < cfg.p_schedule
    points = {int(v): _schedule_points(int(v), T) for v in top.unique()}
    t = torch.empty(B, dtype=torch.long)
    for i in range(B):
        if on_schedule[i]:
            pts = points[int(top[i])]
            t[i] = pts[int(torch.randint(0, len(pts), (1,), generator=gen))]
        else:
            t[i] = int(torch.randint(0, int(top[i]) + 1, (1,), generator=gen))
    xt = student.add_noise(x0, z, t)
    prev = None
    if student.config.self_condition and torch.rand((), generator=gen).item() < cfg.p_self_cond:
        with torch.no_grad():
            prev = student.predict_x0(student(xt, t, ctx), xt, t).clamp(-1, 1)
    pred = student.predict_x0(student(xt, t, ctx, x_self_cond=prev), xt, t)
    w = torch.ones_like(x0)
    w[..., :4] = used_slots(x0)[..., None].float()
    return ((pred - x0) ** 2 * w).sum() / w.sum()


# -- the loop ---------------------------------------------------------------------------------------


def distill(cfg: DistillConfig, resume: bool = False, progress: bool = True) -> dict:
    """Distil (or resume distilling) a student; returns ``{"step", "loss", "seconds", "out", "pairs"}``.

    The final EMA student is saved to ``cfg.out`` as a `save_pretrained` folder with
    ``distill_config.json`` beside it. The loop itself is `engine.train.optimise`."""
    teacher_dir = Path(cfg.teacher)
    if not (teacher_dir / "config.json").is_file():
        raise FileNotFoundError(f"{teacher_dir}: no teacher model (config.json) to distil")
    torch.set_num_threads(max(1, cfg.threads))
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(cfg.seed)
    teacher = SceneTransformer.from_pretrained(teacher_dir, low_cpu_mem_usage=False).eval()
    for p in teacher.parameters():
        p.requires_grad_(False)
    student = SceneTransformer.from_config(teacher.config)
    student.load_state_dict(teacher.state_dict())
    rng = random.Random(cfg.seed)
    gen = torch.Generator().manual_seed(cfg.seed)
    pool = PairPool(cfg, teacher, rng, gen)

    def prepare(start: int):
        if start < cfg.steps:
            pool.fill(progress)

        def loss_at(step: int) -> torch.Tensor:
            if step % cfg.refresh_every == 0 and step > start:
                pool.refresh()
            ctx, z, x0, top = pool.draw()
            return distill_loss(student, ctx, z, x0, cfg, gen, top)

        return loss_at

    res = optimise(student, cfg, out, rng, gen, prepare, resume=resume, progress=progress, label="student")
    if res["exported"]:
        record = {**asdict(cfg), "teacher": str(teacher_dir), "method": "trajectory distillation on the reflow "
                  "coupling (Luhman & Luhman 2021; Liu et al. 2023)", "student_steps": list(STUDENT_STEPS)}
        (out / "distill_config.json").write_text(json.dumps(record, indent=1))
    return {**{k: res[k] for k in ("step", "loss", "losses", "seconds", "out")}, "pairs": pool.made}
