"""Training the scene diffusion teacher: ``onbrand train teacher``.

Each step draws curriculum examples on the fly (a scene, its caption, archetype, device and
style family), turns each scene into ≤ N block slots (`engine.models.teacher.encode_slots`), and
builds its context: the caption's MiniLM tokens, design tokens of a random sample design
system, and the blocks of another example of the same archetype and style family as a
reference layout (so the model learns to follow retrieved references). Context parts are
dropped at random, which trains classifier-free guidance (Ho & Salimans 2022).

The loss is the DDPM objective (Ho et al. 2020) in the model's parameterisation (v-prediction
by default, Salimans & Ho 2022): MSE over box coordinates of used slots and over the analog
bits of every slot. AdamW, cosine learning rate with warm-up, an exponential moving average
of the weights (saved as the final model), checkpoints every K steps under
``OUT/checkpoint-<step>/`` with the optimiser and random-generator state, so ``--resume``
continues from the step where a run stopped (with a freshly drawn example pool). Same
``--seed``, same weights.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import torch

from conditioning.packing import design_token_rows, image_descriptor, prompt_context
from conditioning.prompt import encode_prompts
from engine.models.adapter import collate_contexts
from engine.models.configs import list_models
from engine.models.teacher import SLOT_DIM, SceneTransformer, create_model, encode_slots
from scene.blocks import scene_blocks

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_SYSTEMS = ROOT / "sample_design_systems"

# -- curriculum --------------------------------------------------------------------------------------

from conditioning.plan import plan_prompt
from engine.compose.curriculum import sample_example, sample_plan_example


@cache
def _system(folder: str):
    """The `ingest.model.DesignSystem` of a design-system folder, or None (with a line on
    stderr) for a folder that cannot be read."""
    from ingest import IngestError, ingest_folder

    try:
        return ingest_folder(folder)
    except (IngestError, OSError, ValueError) as e:  # a broken sample folder only costs the training run its tokens
        print(f"{folder}: skipped for design tokens ({str(e).splitlines()[0] if str(e) else type(e).__name__})",
              file=sys.stderr)
        return None


@cache
def system_tokens(folder: str) -> np.ndarray | None:
    """The design-token rows (`conditioning.packing.design_token_rows`) of a design-system
    folder (None for a folder that cannot be read)."""
    ds = _system(folder)
    return design_token_rows(ds) if ds is not None else None


@cache
def system_theme(folder: str):
    """The `engine.render.theme.Theme` of a design-system folder (None for a folder that cannot be read)."""
    from engine.render.theme import Theme

    ds = _system(folder)
    return Theme(ds) if ds is not None else None


def page_image_vector(scene, theme) -> np.ndarray:
    """The image descriptor (`conditioning.packing.image_descriptor`) of `scene` drawn with
    `theme`, thumbnailed as a reference image is at generate time: what a screenshot of the
    page would give the model as a reference image."""
    from engine.render.export import draw_scene

    return image_descriptor(draw_scene(theme, scene).image())


def page_image_reading(scene, theme) -> tuple[list, np.ndarray]:
    """`scene` drawn with `theme` and read back as a request image is at generate time
    (`conditioning.packing.read_reference_image`): the blocks the screenshot reader finds in it,
    in reading order (top to bottom, then left to right, as a page's own blocks are), and its
    image descriptor."""
    from conditioning.packing import read_reference_image
    from engine.render.export import draw_scene
    from scene.blocks import reading_order

    blocks, _, vec = read_reference_image(draw_scene(theme, scene).image())
    return reading_order(blocks), vec


def sample_systems() -> list[str]:
    """The bundled sample design systems whose tokens condition training."""
    return sorted(str(p) for p in SAMPLE_SYSTEMS.iterdir() if p.is_dir()) if SAMPLE_SYSTEMS.is_dir() else []


# -- config -----------------------------------------------------------------------------------------


@dataclass
class TrainConfig:
    """A training run. `config` names the architecture (`engine.models.configs.list_models()`)."""

    out: str = "build/teacher"
    config: str = "small"
    steps: int = 2000
    batch: int = 32
    lr: float = 5e-4
    warmup: int = 200
    weight_decay: float = 0.01
    ema_decay: float = 0.999
    checkpoint_every: int = 250
    keep_checkpoints: int = 2
    seed: int = 0
    threads: int = 1
    n_slots: int = 32
    self_condition: bool = True  # Analog Bits self-conditioning (see `engine.models.teacher`)
    p_self_cond: float = 0.5
    p_drop_prompt: float = 0.1
    p_drop_style: float = 0.2
    p_reference: float = 0.8
    p_design: float = 0.7
    design_systems: list[str] = field(default_factory=sample_systems)
    log_every: int = 50
    p_plan: float = 0.5  # share of examples composed from random page plans (`sample_plan_example`)
    init: str | None = None  # a model folder to start from (`warm_start`), else fresh weights
    pool: int = 1024  # examples kept in memory (see `ExamplePool`)
    refresh: int = 4  # examples replaced per step
    p_image: float = 0.0  # share of examples whose page, drawn in a sample system, joins the context as a reference image
    #: an image example's context also holds the blocks the screenshot reader finds in the
    #: drawing, as its reference layout, as a request image's context does at generate time; so
    #: the model learns to follow a pictured layout through cross-attention
    image_blocks: bool = False
    #: reference-layout and image tokens also join the prompt stream, each attended to directly
    #: (`engine.models.adapter.ContextAdapter`); a model started from one without it learns to read them
    context_in_prompt: bool = False
    #: every slot and reference block gets a learned embedding of its place in reading order
    #: (config ``slot_positions``; zero at first, so a warm start answers as before)
    slot_positions: bool = False
    #: a picture's reading (`image_blocks`) is marked as one (config ``reference_marks``; zero at
    #: first), so the model can tell the reading of the page asked for from a page to take after
    reference_marks: bool = False
    #: share of pictured pages (`image_blocks`) whose reference is the page's own blocks, exact,
    #: rather than the reader's reading of its drawing: the copy the model is to make, without
    #: the reader's misreadings to learn around
    p_exact: float = 0.0
    #: a direct path from a pictured reference's blocks to the slots (config ``reference_slots``,
    #: `engine.models.adapter.ReferenceSlots`; zero at first). With ``train_only=["ref_slots"]``
    #: and `init`, only the path learns: answers without a pictured reference stay exactly the same
    reference_slots: bool = False
    #: pictured pages (`p_image`) also give the model their image descriptor (``adapter.image_proj``);
    #: off, they give only their blocks, and the model's config does not claim image conditioning
    image_vectors: bool = True
    #: parameter-name prefixes trained, the rest frozen (empty: all). With `init`, the model is
    #: `init` itself, so a model without reference images answers exactly as before when only
    #: ``adapter.image_proj`` is trained.
    train_only: list[str] = field(default_factory=list)


# -- batches ----------------------------------------------------------------------------------------


@dataclass
class _Item:
    example: object
    blocks: list
    x0: np.ndarray
    used: np.ndarray
    reference: list | None = None  # a plan example's neighbouring page, as blocks
    image_vec: np.ndarray | None = None  # (IMAGE_DIM,) the page drawn in a sample system (`page_image_vector`)
    pictured: bool = False  # `reference` is this page's own drawing read back (`page_image_reading`)


class ExamplePool:
    """Curriculum examples kept in memory and drawn at random; each step replaces a few.

    Composing a page costs about as much as a training step on a small CPU, so each example
    is reused by several steps while the pool slowly turns over (`refresh` per step).
    """

    def __init__(self, rng: random.Random, size: int, n_slots: int, p_plan: float = 0.0,
                 slot_dim: int = SLOT_DIM, p_image: float = 0.0, image_systems: list[str] | tuple = (),
                 image_blocks: bool = False, p_exact: float = 0.0, image_vectors: bool = True):
        self.rng, self.n_slots, self.p_plan, self.slot_dim = rng, n_slots, p_plan, slot_dim
        self.themes = [t for t in (system_theme(f) for f in image_systems) if t is not None] if p_image else []
        self.p_image, self.image_blocks, self.p_exact = p_image, image_blocks, p_exact
        self.image_vectors = image_vectors
        self.items = [self._new() for _ in range(size)]

    def _new(self, **kw) -> _Item:
        if not kw and self.rng.random() < self.p_plan:
            ex = sample_plan_example(self.rng)
        else:
            ex = sample_example(self.rng, **kw)
            if self.p_plan > 0:  # the model reads every prompt's plan, page types' too
                ex.plan = plan_prompt(ex.caption, ex.device)
        blocks = scene_blocks(ex.scene, self.n_slots)
        x0, used = encode_slots(blocks, self.n_slots, self.slot_dim)
        ref = getattr(ex, "reference", None)
        ref_blocks = scene_blocks(ref, self.n_slots) if ref is not None else None
        vec, pictured = None, False
        if self.themes and self.rng.random() < self.p_image:
            theme = self.rng.choice(self.themes)
            if self.image_blocks:
                if self.p_exact and self.rng.random() < self.p_exact:  # the page itself, as a perfect reader gives it
                    read = list(blocks)
                    vec = page_image_vector(ex.scene, theme) if self.image_vectors else None
                else:
                    read, vec = page_image_reading(ex.scene, theme)
                    vec = vec if self.image_vectors else None
                if read:
                    ref_blocks, pictured = read[: self.n_slots], True
            else:
                vec = page_image_vector(ex.scene, theme)
        return _Item(ex, blocks, x0, used, ref_blocks, vec, pictured)

    def refresh(self, k: int) -> None:
        for _ in range(k):
            self.items[self.rng.randrange(len(self.items))] = self._new()

    def draw(self) -> _Item:
        return self.items[self.rng.randrange(len(self.items))]

    def reference(self, item: _Item) -> list:
        """Blocks of another example of the same archetype, device and style family (for a plan
        example, the page of its neighbouring plan)."""
        ex = item.example
        if item.reference is not None:
            return item.reference
        same = [it for it in self.items if it is not item and it.example.archetype == ex.archetype
                and it.example.device == ex.device and it.example.style == ex.style]
        if same:
            return self.rng.choice(same).blocks
        return self._new(device=ex.device, archetype=ex.archetype, style=ex.style).blocks


def make_batch(cfg: TrainConfig, rng: random.Random, pool: ExamplePool | None = None
               ) -> tuple[torch.Tensor, torch.Tensor, dict]:
    """``x0 (B, N, D)``, the used-slot mask ``(B, N)`` and a collated context."""
    pool = pool or ExamplePool(rng, cfg.batch, cfg.n_slots, cfg.p_plan, p_image=cfg.p_image,
                               image_systems=cfg.design_systems, image_blocks=cfg.image_blocks,
                               p_exact=cfg.p_exact, image_vectors=cfg.image_vectors)
    systems = [t for t in (system_tokens(f) for f in cfg.design_systems) if t is not None]
    items = [pool.draw() for _ in range(cfg.batch)]
    encoded = encode_prompts([it.example.caption for it in items])
    contexts, devices = [], []
    for it, enc in zip(items, encoded):
        refs = [pool.reference(it)] if it.pictured or rng.random() < cfg.p_reference else []
        ctx = prompt_context(it.example.caption, reference_blocks=refs, encoded=enc, plan=it.example.plan)
        ctx.pictured = [it.pictured] if refs else []
        if systems and rng.random() < cfg.p_design:
            ctx.design_tokens = systems[rng.randrange(len(systems))]
        if it.image_vec is not None:
            ctx.image_vecs = it.image_vec[None]
        contexts.append(ctx)
        devices.append(it.example.device)
    c = collate_contexts(contexts, devices, cfg.n_slots)
    c["drop_prompt"] = torch.tensor([rng.random() < cfg.p_drop_prompt for _ in contexts])
    c["drop_style"] = torch.tensor([rng.random() < cfg.p_drop_style for _ in contexts])
    x0 = torch.from_numpy(np.stack([it.x0 for it in items]))
    used = torch.from_numpy(np.stack([it.used for it in items]))
    return x0, used, c


def diffusion_loss(model: SceneTransformer, scheduler, x0: torch.Tensor, used: torch.Tensor, context: dict,
                   gen: torch.Generator, p_self_cond: float = 0.5) -> torch.Tensor:
    """DDPM loss in the model's parameterisation; box dims of unused slots are not scored.

    A self-conditioned model (``config.self_condition``) gets, on a `p_self_cond` share of
    batches, its own gradient-free estimate of ``x0`` as extra input (Analog Bits)."""
    B = x0.shape[0]
    noise = torch.randn(x0.shape, generator=gen)
    t = torch.randint(0, scheduler.config.num_train_timesteps, (B,), generator=gen)
    xt = scheduler.add_noise(x0, noise, t)
    if model.config.prediction_type == "epsilon":
        target = noise
    elif model.config.prediction_type == "v_prediction":
        target = scheduler.get_velocity(x0, noise, t)
    else:
        target = x0
    prev = None
    if getattr(model.config, "self_condition", False) and torch.rand((), generator=gen).item() < p_self_cond:
        with torch.no_grad():
            prev = model.predict_x0(model(xt, t, context), xt, t).clamp(-1, 1)
    pred = model(xt, t, context, x_self_cond=prev)
    w = torch.ones_like(x0)
    w[..., :4] = used[..., None].float()  # (B, N, 4): a null slot's box is free
    return ((pred - target) ** 2 * w).sum() / w.sum()


# -- warm start ---------------------------------------------------------------------------------------


def warm_start(model: SceneTransformer, folder: str | Path) -> dict[str, int]:
    """Start `model` from the weights in `folder` where they fit (same architecture, possibly an
    older block vocabulary or no plan tokens): tensors of the same shape are copied; the slot
    input and output layers of a model with fewer kind bits are copied column for column (the
    kinds it knew keep their bits, the new leading kind bit starts at zero weight); the kind
    embedding of its reference-layout encoder keeps its rows, the new kinds' rows stay fresh; the
    rest (the plan projection) keeps its fresh initialisation. Returns how many tensors were
    ``copied``, ``adapted`` and left ``fresh``. Raises ValueError for a different architecture."""
    from engine.models.loading import load_scene_model
    from engine.models.slots import slot_bits

    old = load_scene_model(folder)
    for k in ("d_model", "n_layers", "n_heads", "n_style_tokens", "self_condition", "n_slots", "prediction_type"):
        if getattr(old.config, k) != getattr(model.config, k):
            raise ValueError(f"{folder}: {k} {getattr(old.config, k)} differs from the new model's "
                             f"{getattr(model.config, k)}; a warm start needs the same architecture")
    src, dst = old.state_dict(), model.state_dict()
    old_dim, new_dim = old.config.slot_dim, model.config.slot_dim
    extra = slot_bits(new_dim)[0] - slot_bits(old_dim)[0]  # leading kind bits the old model lacks
    # where each old slot column lands in the new slot layout (box, then kind bits, then the rest)
    cols = list(range(4)) + [c + extra for c in range(4, old_dim)]
    counts = {"copied": 0, "adapted": 0, "fresh": 0}
    with torch.no_grad():
        for name, t in dst.items():
            o = src.get(name)
            if o is not None and o.shape == t.shape:
                t.copy_(o)
                counts["copied"] += 1
            elif o is not None and name == "inp.weight" and extra >= 0:
                t.zero_()
                reps = o.shape[1] // old_dim  # self-conditioning doubles the input
                for r in range(reps):
                    t[:, [r * new_dim + c for c in cols]] = o[:, r * old_dim: (r + 1) * old_dim]
                counts["adapted"] += 1
            elif o is not None and name in ("out.weight", "out.bias") and extra >= 0:
                t.zero_()
                t[cols] = o
                counts["adapted"] += 1
            elif o is not None and name.endswith("embed.cats.0.weight") and o.shape[1] == t.shape[1] \
                    and o.shape[0] <= t.shape[0]:
                t[: o.shape[0]] = o
                counts["adapted"] += 1
            else:
                counts["fresh"] += 1
    return counts


# -- checkpoints ----------------------------------------------------------------------------------


def _checkpoints(out: Path) -> list[tuple[int, Path]]:
    found = []
    for p in out.glob("checkpoint-*"):
        try:
            found.append((int(p.name.split("-", 1)[1]), p))
        except ValueError:
            continue
    return sorted(found)


def _save_checkpoint(out: Path, step: int, model, ema: dict, opt, sched, rng, gen, losses, keep: int,
                     extras: dict | None = None) -> Path:
    ck = out / f"checkpoint-{step}"
    tmp = out / f".checkpoint-{step}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp / "model")
    torch.save({"step": step, "ema": ema, "optimizer": opt.state_dict(), "lr_scheduler": sched.state_dict(),
                "rng": rng.getstate(), "torch_rng": gen.get_state(), "losses": losses,
                "extras": {k: v.state_dict() for k, v in (extras or {}).items()}}, tmp / "state.pt")
    shutil.rmtree(ck, ignore_errors=True)
    tmp.rename(ck)
    for _, old in _checkpoints(out)[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    return ck


def _export(out: Path, model: SceneTransformer, ema: dict) -> None:
    """The EMA weights as the run's final `save_pretrained` folder (plus its scheduler config)."""
    live = {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(ema)
    model.save_pretrained(out)
    model.make_scheduler("ddpm").save_pretrained(out)
    model.load_state_dict(live)


# -- the loop ---------------------------------------------------------------------------------------


def train_teacher(cfg: TrainConfig, resume: bool = False, progress: bool = True) -> dict:
    """Train (or resume) a teacher; returns ``{"step", "loss", "losses", "seconds", "out"}``.

    The final EMA model is saved to ``cfg.out`` (``config.json`` +
    ``diffusion_pytorch_model.safetensors`` + ``scheduler_config.json``)."""
    if cfg.config not in list_models():
        raise ValueError(f"unknown model config {cfg.config!r} (use {', '.join(list_models())})")
    torch.set_num_threads(max(1, cfg.threads))
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "train_config.json").write_text(json.dumps(asdict(cfg), indent=1))
    torch.manual_seed(cfg.seed)
    if cfg.train_only:
        if not cfg.init:
            raise ValueError("training only some parameters (train_only) needs a model to start from (init)")
        model = SceneTransformer.from_pretrained(cfg.init, low_cpu_mem_usage=False)
        if cfg.reference_slots and not getattr(model.config, "reference_slots", False):
            model = add_reference_slots(model, cfg.init)
    else:
        model = create_model(cfg.config, n_slots=cfg.n_slots, self_condition=cfg.self_condition,
                             **({"slot_positions": True} if cfg.slot_positions else {}),
                             **({"reference_marks": True} if cfg.reference_marks else {}),
                             **({"reference_slots": True} if cfg.reference_slots else {}))
        if cfg.init and not (resume and _checkpoints(out)):
            warm_start(model, cfg.init)
    if cfg.p_image > 0 and cfg.image_vectors:
        model.register_to_config(image_conditioning=True)
    if cfg.context_in_prompt:
        set_context_in_prompt(model)
    freeze_except(model, cfg.train_only)
    scheduler = model.make_scheduler("ddpm")
    rng = random.Random(cfg.seed)
    gen = torch.Generator().manual_seed(cfg.seed)
    p_plan = cfg.p_plan if model.config.plan_tokens else 0.0

    def prepare(step: int):
        pool = ExamplePool(rng, max(cfg.batch, min(cfg.pool, cfg.batch * cfg.steps)), cfg.n_slots, p_plan,
                           slot_dim=model.config.slot_dim, p_image=cfg.p_image, image_systems=cfg.design_systems,
                           image_blocks=cfg.image_blocks, p_exact=cfg.p_exact)

        def loss_at(step: int) -> torch.Tensor:
            pool.refresh(cfg.refresh)
            x0, used, ctx = make_batch(cfg, rng, pool)
            return diffusion_loss(model, scheduler, x0, used, ctx, gen, cfg.p_self_cond)

        return loss_at

    res = optimise(model, cfg, out, rng, gen, prepare, resume=resume, progress=progress, label="teacher")
    return {k: res[k] for k in ("step", "loss", "losses", "seconds", "out")}


def add_reference_slots(model: SceneTransformer, folder: str | Path) -> SceneTransformer:
    """`model` (loaded from `folder`) with a `ReferenceSlots` path added, zero at first: the
    same architecture and weights otherwise, so it answers exactly as `folder`'s model does."""
    args = {k: v for k, v in model.config.items() if not k.startswith("_")}
    new = SceneTransformer(**{**args, "reference_slots": True})
    warm_start(new, folder)
    return new


def set_context_in_prompt(model: SceneTransformer) -> None:
    """Make `model` read reference-layout and image tokens in its prompt stream too (no new
    weights: its prompt attention sees them from now on), and record it in its config."""
    model.register_to_config(context_in_prompt=True)
    model.adapter.context_in_prompt = True


def freeze_except(model: torch.nn.Module, prefixes: list[str] | tuple[str, ...]) -> list[str]:
    """Freeze every parameter of `model` whose name starts with none of `prefixes` (none given:
    nothing is frozen); returns the names left trainable. Raises ValueError when a prefix names
    no parameter."""
    names = [n for n, _ in model.named_parameters()]
    if not prefixes:
        return names
    for p in prefixes:
        if not any(n.startswith(p) for n in names):
            raise ValueError(f"no parameter of the model starts with {p!r}")
    keep = [n for n in names if n.startswith(tuple(prefixes))]
    for n, param in model.named_parameters():
        param.requires_grad_(n in keep)
    return keep


def optimise(model: SceneTransformer, cfg, out: Path, rng: random.Random, gen: torch.Generator, prepare,
             resume: bool = False, progress: bool = True, label: str = "teacher", extras: dict | None = None) -> dict:
    """The optimisation loop of every training command (the teacher's, `engine.training.distill`'s).

    AdamW with a cosine learning rate after warm-up, gradient clipping at 1, an exponential
    moving average of the weights, the progress bar, checkpoints every ``cfg.checkpoint_every``
    steps and, with `resume`, a restart from the latest one (weights, EMA, optimiser, schedule
    and both random generators, and the ``state_dict`` of every object in `extras`, such as
    a discriminator and its optimiser that the loss updates itself). ``prepare(step)`` is called once the start step is known and
    returns ``loss_at(step)``, the loss of the next batch. At the end the EMA weights are
    exported to `out` (`_export`). Returns ``{"step", "loss", "losses", "seconds", "out",
    "exported"}``; `cfg` needs the fields `TrainConfig` and `engine.training.distill.DistillConfig` share.
    """
    from diffusers.optimization import get_cosine_schedule_with_warmup

    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay, betas=(0.9, 0.99))
    sched = get_cosine_schedule_with_warmup(opt, min(cfg.warmup, max(1, cfg.steps // 10)), cfg.steps)
    ema = {k: v.detach().clone() for k, v in model.state_dict().items()}
    frozen = {n for n, p in model.named_parameters() if not p.requires_grad}
    step, losses = 0, []
    found = _checkpoints(out) if resume else []
    if found:
        step, ck = found[-1]
        model.load_state_dict(SceneTransformer.from_pretrained(ck / "model", low_cpu_mem_usage=False).state_dict())
        st = torch.load(ck / "state.pt", weights_only=False)
        ema, losses = st["ema"], list(st["losses"])
        opt.load_state_dict(st["optimizer"])
        sched.load_state_dict(st["lr_scheduler"])
        rng.setstate(st["rng"])
        gen.set_state(st["torch_rng"])
        for k, v in (extras or {}).items():
            if k in st.get("extras", {}):
                v.load_state_dict(st["extras"][k])
    t_start = time.perf_counter()
    loss_at = prepare(step)
    bar = _Bar(cfg.steps, step, enabled=progress, label=label)
    describers = [v.describe for v in (extras or {}).values() if hasattr(v, "describe")]
    start, t0 = step, time.perf_counter()
    model.train()
    try:
        while step < cfg.steps:
            loss = loss_at(step)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            decay = min(cfg.ema_decay, (1 + step) / (10 + step))
            with torch.no_grad():
                for k, v in model.state_dict().items():
                    if k in frozen:  # kept bit for bit (an average of equal values drifts in rounding)
                        continue
                    if v.dtype.is_floating_point:
                        ema[k].mul_(decay).add_(v.detach(), alpha=1 - decay)
                    else:
                        ema[k].copy_(v)
            losses.append(round(loss.item(), 5))
            bar.update(step, losses, sched.get_last_lr()[0], (step - start) / (time.perf_counter() - t0),
                       cfg.log_every, "  ".join(d() for d in describers))
            if cfg.checkpoint_every and step % cfg.checkpoint_every == 0 and step < cfg.steps:
                _save_checkpoint(out, step, model, ema, opt, sched, rng, gen, losses, cfg.keep_checkpoints, extras)
    finally:
        bar.close()
    exported = step > start or not (out / "config.json").exists()
    if exported:
        _save_checkpoint(out, step, model, ema, opt, sched, rng, gen, losses, cfg.keep_checkpoints, extras)
        _export(out, model, ema)
    tail = losses[-min(len(losses), 100):]
    return {"step": step, "loss": round(float(np.mean(tail)), 5) if tail else math.nan, "losses": losses,
            "seconds": round(time.perf_counter() - t_start, 2), "out": str(out), "exported": exported}


class _Bar:
    """A rich progress bar on stderr; plain log lines every `log_every` steps when not a terminal."""

    def __init__(self, total: int, done: int, enabled: bool, label: str = "teacher"):
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self.bar = None
        if enabled and self.tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                TextColumn("{task.fields[info]}"), console=Console(stderr=True))
            self.bar.start()
            self.task = self.bar.add_task("train", total=total, completed=done, info="")

    def update(self, step: int, losses: list[float], lr: float, rate: float, log_every: int, extra: str = "") -> None:
        if not self.enabled:
            return
        recent = float(np.mean(losses[-log_every:]))
        info = f"loss {recent:.4f}  lr {lr:.2e}  {rate:.2f} step/s" + (f"  {extra}" if extra else "")
        if self.bar is not None:
            self.bar.update(self.task, completed=step, info=info)
        elif step % log_every == 0:
            print(f"step {step}: {info}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
