"""Distilling the teacher into a 2-step student: ``onbrand train distill``.

Progressive distillation (`engine.training.progressive`) for ``steps``, then the adversarial
stage (`engine.training.adversarial`) for ``adv_steps``; each stage's loop is
`engine.training.teacher.optimise`, so both checkpoint and resume.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, replace
from pathlib import Path

import torch

from engine.models.teacher import SceneTransformer
from engine.training.adversarial import AdversarialStage
from engine.training.progressive import (
    STUDENT_STEPS,
    DistillConfig,
    TrajectoryPool,
    distill_loss,
)
from engine.training.teacher import freeze_except, optimise, set_context_in_prompt, warm_start


def distill(cfg: DistillConfig, resume: bool = False, progress: bool = True) -> dict:
    """Distil (or resume distilling) a student; returns ``{"step", "loss", "losses", "seconds",
    "out", "pairs"}`` (``step``: both stages' steps; ``pairs``: teacher trajectories drawn).

    The final EMA student is saved to ``cfg.out`` as a `save_pretrained` folder with
    ``distill_config.json`` beside it; with an adversarial stage the progressive stage's run
    folder is ``cfg.out/progressive``. Each stage's loop is `engine.training.teacher.optimise`."""
    teacher_dir = Path(cfg.teacher)
    if not (teacher_dir / "config.json").is_file():
        raise FileNotFoundError(f"{teacher_dir}: no teacher model (config.json) to distil")
    torch.set_num_threads(max(1, cfg.threads))
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(cfg.seed)
    teacher = SceneTransformer.from_pretrained(teacher_dir, low_cpu_mem_usage=False).eval()
    teacher.requires_grad_(False)
    if cfg.init and any(getattr(teacher.config, k, False)
                        for k in ("slot_positions", "reference_marks", "reference_slots")):
        # a student of the teacher's architecture, started from the weights of `init` where they fit
        student = SceneTransformer.from_config(teacher.config)
        student.load_state_dict(teacher.state_dict())
        warm_start(student, cfg.init)
    elif cfg.init:
        student = SceneTransformer.from_pretrained(cfg.init, low_cpu_mem_usage=False)
        if student.config.slot_dim != teacher.config.slot_dim:
            raise ValueError(f"{cfg.init}: slot width {student.config.slot_dim} differs from the teacher's "
                             f"{teacher.config.slot_dim}")
    else:
        student = SceneTransformer.from_config(teacher.config)
        student.load_state_dict(teacher.state_dict())
    if cfg.p_image > 0:
        student.register_to_config(image_conditioning=True)
    if getattr(teacher.config, "context_in_prompt", False):  # the student reads its context as its teacher does
        set_context_in_prompt(student)
    freeze_except(student, cfg.train_only)
    rng = random.Random(cfg.seed)
    gen = torch.Generator().manual_seed(cfg.seed)
    pool = TrajectoryPool(cfg, teacher, rng, gen)

    def preparer(total: int, loss):
        """The ``prepare`` of a stage of `total` steps whose batch loss is ``loss()``: the pool
        filled before a stage with steps left, one new teacher batch every `refresh_every` steps."""

        def prepare(start: int):
            if start < total:
                pool.fill(progress)

            def loss_at(step: int) -> torch.Tensor:
                if step % cfg.refresh_every == 0 and step > start:
                    pool.refresh()
                return loss()

            return loss_at

        return prepare

    first = out / "progressive" if cfg.adv_steps else out
    res = optimise(student, cfg, first, rng, gen, preparer(cfg.steps, lambda: distill_loss(student, *pool.draw())),
                   resume=resume, progress=progress, label="student")
    steps, losses, seconds, exported = res["step"], res["losses"], res["seconds"], res["exported"]
    if cfg.adv_steps:
        student.load_state_dict(SceneTransformer.from_pretrained(first, low_cpu_mem_usage=False).state_dict())
        stage = AdversarialStage(cfg, teacher.config.slot_dim, gen)
        adv = replace(cfg, steps=cfg.adv_steps, lr=cfg.adv_lr, warmup=0, ema_decay=cfg.adv_ema_decay)

        def adversarial_loss() -> torch.Tensor:
            return distill_loss(student, *pool.draw()) + cfg.adv_weight * stage.generator_loss(student, pool)

        res = optimise(student, adv, out, rng, gen, preparer(adv.steps, adversarial_loss), resume=resume,
                       progress=progress, label="adversarial", extras={"critic": stage})
        steps, losses, seconds = steps + res["step"], losses + res["losses"], seconds + res["seconds"]
        exported = res["exported"]
    if exported:
        method = "progressive distillation, one halving (Salimans & Ho 2022)"
        if cfg.adv_steps:
            method += ", then an adversarial stage (Adversarial Diffusion Distillation, Sauer et al. 2023)"
        record = {**asdict(cfg), "teacher": str(teacher_dir), "method": method, "sampler_steps": list(STUDENT_STEPS)}
        (out / "distill_config.json").write_text(json.dumps(record, indent=1))
    return {"step": steps, "loss": res["loss"], "losses": losses, "seconds": round(seconds, 2), "out": str(out),
            "pairs": pool.made}
