"""Training UI-CLIP (`ingest.ui_clip`): ``onbrand train clip``.

The data are onbrand's own mocks. Each training page is a curriculum example
(`engine.compose.curriculum.sample_example`: a page type, device, style family and copy domain
with a caption), composed once and rendered small (the long side `render_side` pixels, then
letterboxed to the model's input) in `renders_per_page` different design systems and modes, so
the image tower learns the layout and content and not the palette. Each page gets several
texts: its caption, other phrasings of the same page (`engine.compose.curriculum.captions`),
and a plan read from its blocks ("desktop page: sidebar, top bar, 4 KPI cards, a line chart
card"). The texts of the ``"minilm"`` tower are encoded once by the frozen MiniLM; the
pages, renders and text vectors are kept in ``OUT/data/`` so ``--resume`` does not draw them again.

Held out, never trained or tuned on: the pages of `heldout_pages` (another random stream) and
the design system `HELDOUT_SYSTEM` (Grove), which no training render uses.

Each step draws `batch` distinct pages, one render and one text of each, swaps the colour
channels of some images (more palettes than the systems have), and takes open_clip's
symmetric contrastive loss (``open_clip.loss.ClipLoss``). AdamW, cosine learning rate after
warm-up, checkpoints every K steps (weights, optimiser, schedule, random state) that
``--resume`` continues from; same ``--seed``, same data and weights. The final model is
written by `ingest.ui_clip.save_ui_clip` (``config.json`` + ``model.safetensors``).
"""

from __future__ import annotations

import json
import math
import random
import shutil
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from engine.compose.composer import compose_page
from engine.compose.curriculum import captions, sample_example, with_dialog
from engine.compose.domain_copy import DOMAINS, RETAIL
from engine.render.canvas import Canvas
from engine.render.components import Renderer
from engine.render.theme import Theme
from ingest.ui_clip import UIClipConfig, build_model, letterbox, save_ui_clip, to_pixels
from scene.blocks import scene_blocks
from scene.devices import DEVICES

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_design_systems"
#: Design systems and modes the training pages are rendered in (folder name, mode or None).
TRAIN_SYSTEMS: tuple[tuple[str, dict | None], ...] = (
    ("harbor", {"theme": "light"}), ("harbor", {"theme": "dark"}), ("ember", {"theme": "Light"}),
    ("ember", {"theme": "Dark"}), ("circuit", {"theme": "dark"}), ("circuit", {"theme": "light"}),
)
#: The design system no training render uses: held-out renders are drawn in it.
HELDOUT_SYSTEM: tuple[str, dict | None] = ("grove", None)


# -- rendering pages --------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _theme(folder: str, mode_items: tuple) -> Theme:
    from ingest import load_or_ingest

    ds, _, _ = load_or_ingest(folder, must_save=False, mode=dict(mode_items) or None, with_context=False)
    return Theme(ds)


def system_theme(system: tuple[str, dict | None]) -> Theme:
    """The `Theme` of a sample system (``("harbor", {"theme": "dark"})``) or of any folder path."""
    name, mode = system
    folder = str(SAMPLES / name) if (SAMPLES / name).is_dir() else name
    return _theme(folder, tuple(sorted((mode or {}).items())))


def render_size(device: str, side: int) -> tuple[int, int]:
    """The canvas of a device's preset shape whose long side is `side` pixels."""
    (w, h), _ = DEVICES[device]
    k = side / max(w, h)
    return max(16, round(w * k)), max(16, round(h * k))


def render_scene(scene, theme: Theme):
    """A PIL image of `scene` drawn with `theme` at the scene's own canvas size."""
    cv = Canvas(scene.width, scene.height, theme.color(scene.background_role))
    Renderer(theme, scene.scale).draw(cv, scene)
    return cv.image()


_COUNT_WORDS = {1: "a", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_KIND_WORDS = {"navbar": "top bar", "sidebar": "sidebar", "header": "header", "footer": "footer",
               "heading": "heading", "text": "text", "button": "button", "input": "input field", "checkbox": "checkbox",
               "radio": "radio group", "toggle": "toggle", "select": "dropdown", "tabs": "tabs", "table": "table",
               "list": "list", "chart": "chart", "image": "image", "avatar": "avatar", "badge": "badge",
               "pagination": "pagination", "breadcrumb": "breadcrumbs", "calendar": "calendar",
               "progress": "progress bar", "logo": "logo", "search": "search box", "modal": "dialog"}
_CONTENT_WORDS = {"kpi": "KPI card", "chart-line": "line chart card", "chart-bar": "bar chart card",
                  "chart-donut": "donut chart card", "table": "table card", "list": "list card", "form": "form",
                  "settings": "settings panel", "media": "image card", "product": "product card",
                  "calendar": "calendar card", "summary": "summary card", "text": "text card", "actions": "button row",
                  "profile": "profile card", "steps": "stepper", "empty": "empty-state card",
                  "pricing": "pricing card", "chat": "chat panel"}


def plan_caption(scene, device: str) -> str:
    """A plain description of a page's blocks, the way a designer lists a layout:
    ``"desktop page: sidebar, top bar, four KPI cards, a line chart card, a table card"``."""
    counts: Counter = Counter()
    order: list[str] = []
    for b in scene_blocks(scene, 32):
        if b.kind in ("card", "modal", "list") and b.content in _CONTENT_WORDS:
            word = _CONTENT_WORDS[b.content] if b.kind != "modal" else "dialog"
        elif b.kind == "navbar" and b.variant in ("appbar", "tabbar"):
            word = "app bar" if b.variant == "appbar" else "tab bar"
        elif b.kind in _KIND_WORDS and b.kind not in ("text", "heading", "icon", "divider"):
            word = _KIND_WORDS[b.kind]
        else:
            continue
        if word not in counts:
            order.append(word)
        counts[word] += 1
    parts = []
    for w in order[:8]:
        n = counts[w]
        if w.endswith("s"):  # tabs, breadcrumbs
            parts.append(w)
        elif n > 1:
            parts.append(f"{_COUNT_WORDS.get(n, str(n))} {w}s")
        else:
            parts.append(f"an {w}" if w[0] in "aeiou" else f"a {w}")
    return f"{device} page: " + (", ".join(parts) if parts else "a blank page")


@dataclass
class Page:
    """One rendered page: its letterboxed images (one per system), texts and what it was drawn from."""

    images: list  # (S, S, 3) uint8 arrays
    texts: list[str]  # texts[0] is the curriculum caption
    archetype: str
    device: str
    systems: list[str]
    example: object = None  # the curriculum Example (its scene), kept by `heldout_pages`


def make_page(rng: random.Random, systems: list[tuple[str, dict | None]], image_size: int, render_side: int,
              n_texts: int = 4, keep_example: bool = False, full_images: bool = False) -> Page:
    """Draw one curriculum page, render it in each of `systems` and write its texts."""
    device = rng.choices(("desktop", "tablet", "mobile"), weights=(0.5, 0.2, 0.3))[0]
    themes = [system_theme(s) for s in systems]
    ex = sample_example(rng, device=device, theme=themes[0], size=render_size(device, render_side))
    shots = [render_scene(ex.scene, th) for th in themes]
    images = shots if full_images else [letterbox(im, image_size) for im in shots]
    texts = [ex.caption]
    domain = next((d for d in (RETAIL, *DOMAINS) if d.name == ex.domain), RETAIL)
    for _ in range(max(0, n_texts - 2)):
        c = captions(ex.archetype, ex.style, domain, rng, device=ex.device)
        texts.append(with_dialog(c, rng) if ex.dialog else c)
    if n_texts > 1:
        texts.append(plan_caption(ex.scene, ex.device))
    return Page(images, texts, ex.archetype, ex.device, [f"{n}{'/' + '/'.join((m or {}).values()) if m else ''}"
                                                          for n, m in systems], ex if keep_example else None)


def recompose(page: Page, seed: int, theme: Theme):
    """The same request as `page` (page type, device, style family, domain, caption) composed
    again from another seed: a different page a designer would accept for the same prompt."""
    ex = page.example
    domain = next((d for d in (RETAIL, *DOMAINS) if d.name == ex.domain), RETAIL)
    return compose_page(ex.archetype, ex.caption, ex.scene.width, ex.scene.height, seed=seed, device=ex.device,
                        theme=theme, style=ex.style, domain=domain)


def heldout_pages(n: int, image_size: int = 128, render_side: int = 256, seed: int = 0,
                  systems: list[tuple[str, dict | None]] | None = None, full_images: bool = False) -> list[Page]:
    """`n` held-out pages (a random stream training never draws from), rendered in the held-out
    system unless `systems` says otherwise; each keeps its curriculum example."""
    rng = random.Random(f"ui-clip-heldout:{seed}")
    return [make_page(rng, list(systems or [HELDOUT_SYSTEM]), image_size, render_side, n_texts=1,
                      keep_example=True, full_images=full_images) for _ in range(n)]


# -- config and data ----------------------------------------------------------------------------------


@dataclass
class ClipTrainConfig:
    """A UI-CLIP training run. `model` holds `ingest.ui_clip.UIClipConfig` fields."""

    out: str = "build/ui_clip"
    steps: int = 1200
    batch: int = 96
    lr: float = 1e-3
    warmup: int = 40
    weight_decay: float = 0.05
    seed: int = 0
    threads: int = 1
    pages: int = 3000
    renders_per_page: int = 2
    texts_per_page: int = 4
    render_side: int = 256
    p_channel_swap: float = 0.3
    checkpoint_every: int = 100
    keep_checkpoints: int = 2
    log_every: int = 20
    model: dict = field(default_factory=lambda: {
        "embed_dim": 256, "image_size": 128, "text": "minilm", "text_cfg": {"hidden": 512},
        "vision": {"width": 128, "layers": 4, "head_width": 32, "patch_size": 16, "mlp_ratio": 4.0}})

    def model_config(self) -> UIClipConfig:
        from ingest.ui_clip import MODEL_TYPE

        return UIClipConfig.from_dict({**self.model, "model_type": MODEL_TYPE}, where="--model config")


def build_data(cfg: ClipTrainConfig, progress: bool = True, shard: int = 200) -> dict:
    """The run's pages, rendered and encoded once into ``OUT/data/`` (shards of `shard` pages, so an
    interrupted run keeps what it drew). Returns ``{"images": (P, R, S, S, 3) uint8,
    "text_inputs": (P, T, ...) array, "texts": list, "archetypes": list}``."""
    from ingest.ui_clip import UIClipEncoder

    mcfg = cfg.model_config()
    data = Path(cfg.out) / "data"
    data.mkdir(parents=True, exist_ok=True)
    n_shards = -(-cfg.pages // shard)
    key = json.dumps({k: getattr(cfg, k) for k in ("seed", "pages", "renders_per_page", "texts_per_page",
                                                   "render_side")} | {"image_size": mcfg.image_size}, sort_keys=True)
    if (data / "key.json").is_file() and (data / "key.json").read_text() != key:
        shutil.rmtree(data)
        data.mkdir(parents=True)
    (data / "key.json").write_text(key)
    bar = _Bar(cfg.pages, 0, progress, "render")
    t0 = time.perf_counter()
    for s in range(n_shards):
        path = data / f"pages-{s:03d}.npz"
        if path.is_file():
            continue
        rng = random.Random(f"ui-clip-train:{cfg.seed}:{s}")
        srng = random.Random(f"ui-clip-systems:{cfg.seed}:{s}")
        imgs, texts, archs = [], [], []
        for i in range(min(shard, cfg.pages - s * shard)):
            systems = srng.sample(TRAIN_SYSTEMS, k=min(cfg.renders_per_page, len(TRAIN_SYSTEMS)))
            p = make_page(rng, systems, mcfg.image_size, cfg.render_side, cfg.texts_per_page)
            imgs.append(np.stack(p.images))
            texts.append(p.texts)
            archs.append(p.archetype)
            bar.update(s * shard + i + 1, None, None, (s * shard + i + 1) / (time.perf_counter() - t0), 50, "pages")
        tmp = data / f".pages-{s:03d}.tmp.npz"
        np.savez(tmp, images=np.stack(imgs), texts=np.array(texts, dtype=object), archetypes=np.array(archs))
        tmp.replace(path)
    bar.close()
    shards = [np.load(data / f"pages-{s:03d}.npz", allow_pickle=True) for s in range(n_shards)]
    images = np.concatenate([z["images"] for z in shards])
    texts = [list(t) for z in shards for t in z["texts"]]
    archetypes = [str(a) for z in shards for a in z["archetypes"]]
    enc_path = data / f"text-{mcfg.text}.npy"
    if enc_path.is_file():
        text_inputs = np.load(enc_path)
    else:
        flat = [t for ts in texts for t in ts]
        enc = UIClipEncoder(None, mcfg, name="training")
        unique = sorted(set(flat))  # plans and short phrasings repeat: encode each text once
        print(f"encoding {len(unique)} texts for the {mcfg.text} text tower", file=sys.stderr, flush=True)
        where = {t: i for i, t in enumerate(unique)}
        text_inputs = enc.text_inputs(unique)[[where[t] for t in flat]]
        text_inputs = text_inputs.reshape(len(texts), cfg.texts_per_page, *text_inputs.shape[1:])
        np.save(enc_path, text_inputs)
    return {"images": images, "text_inputs": text_inputs, "texts": texts, "archetypes": archetypes}


# -- the loop -----------------------------------------------------------------------------------------


def _checkpoints(out: Path) -> list[tuple[int, Path]]:
    found = []
    for p in out.glob("checkpoint-*"):
        try:
            found.append((int(p.name.split("-", 1)[1]), p))
        except ValueError:
            continue
    return sorted(found)


def train_clip(cfg: ClipTrainConfig, resume: bool = False, progress: bool = True) -> dict:
    """Train (or, with `resume`, continue) a UI-CLIP model; returns ``{"step", "loss", "losses",
    "seconds", "data_seconds", "out"}``. The final model lands in ``cfg.out``."""
    import torch
    from open_clip.loss import ClipLoss

    mcfg = cfg.model_config()
    torch.set_num_threads(max(1, cfg.threads))
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "train_config.json").write_text(json.dumps(asdict(cfg), indent=1))
    t_start = time.perf_counter()
    data = build_data(cfg, progress=progress)
    data_seconds = time.perf_counter() - t_start
    images, text_inputs = data["images"], data["text_inputs"]
    P, R = images.shape[:2]
    T = text_inputs.shape[1]

    torch.manual_seed(cfg.seed)
    net = build_model(mcfg)
    decay = [p for n, p in net.named_parameters() if p.ndim >= 2 and "embedding" not in n]
    no_decay = [p for n, p in net.named_parameters() if not (p.ndim >= 2 and "embedding" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=cfg.lr, betas=(0.9, 0.98))
    warm = max(1, min(cfg.warmup, cfg.steps // 10))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else 0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, cfg.steps - warm))))
    rng = np.random.default_rng(cfg.seed)
    step, losses = 0, []
    found = _checkpoints(out) if resume else []
    if found:
        step, ck = found[-1]
        st = torch.load(ck / "state.pt", weights_only=False)
        net.load_state_dict(st["model"])
        opt.load_state_dict(st["optimizer"])
        sched.load_state_dict(st["lr_scheduler"])
        rng.bit_generator.state = st["rng"]
        torch.set_rng_state(st["torch_rng"])
        losses = list(st["losses"])
    loss_fn = ClipLoss()
    bar = _Bar(cfg.steps, step, progress, "ui-clip")
    start, t0 = step, time.perf_counter()
    B = min(cfg.batch, P)
    net.train()
    try:
        while step < cfg.steps:
            pages = rng.choice(P, size=B, replace=False)
            x = images[pages, rng.integers(0, R, size=B)]  # (B, S, S, 3)
            swap = rng.random(B) < cfg.p_channel_swap
            if swap.any():
                perms = np.array([rng.permutation(3) for _ in range(int(swap.sum()))])
                x = x.copy()
                x[swap] = np.take_along_axis(x[swap], perms[:, None, None, :], axis=3)
            t = text_inputs[pages, rng.integers(0, T, size=B)]
            img_f, txt_f, scale = net(torch.from_numpy(to_pixels(x)), torch.from_numpy(t))
            loss = loss_fn(img_f, txt_f, scale)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            with torch.no_grad():
                net.logit_scale.clamp_(0, math.log(100))
            step += 1
            losses.append(round(loss.item(), 5))
            bar.update(step, losses, sched.get_last_lr()[0], (step - start) / (time.perf_counter() - t0),
                       cfg.log_every, f"T {net.logit_scale.exp().item():.1f}")
            if cfg.checkpoint_every and step % cfg.checkpoint_every == 0 and step < cfg.steps:
                _save_checkpoint(out, step, net, opt, sched, rng, losses, cfg.keep_checkpoints)
    finally:
        bar.close()
    tail = losses[-min(len(losses), 50):]
    info = {"step": step, "loss": round(float(np.mean(tail)), 5) if tail else math.nan,
            "seconds": round(time.perf_counter() - t_start, 1), "data_seconds": round(data_seconds, 1),
            "pages": P, "renders_per_page": R, "texts_per_page": T,
            "systems": ["/".join([n, *(m or {}).values()]) for n, m in TRAIN_SYSTEMS],
            "heldout_system": HELDOUT_SYSTEM[0]}
    if step > start or not (out / "model.safetensors").is_file():
        _save_checkpoint(out, step, net, opt, sched, rng, losses, cfg.keep_checkpoints)
        net.eval()
        save_ui_clip(net, out, extra={**info, "losses_every_10": losses[::10]})
    return {**info, "losses": losses, "out": str(out)}


def _save_checkpoint(out: Path, step: int, net, opt, sched, rng, losses, keep: int) -> Path:
    import torch

    ck = out / f"checkpoint-{step}"
    tmp = out / f".checkpoint-{step}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    torch.save({"step": step, "model": net.state_dict(), "optimizer": opt.state_dict(),
                "lr_scheduler": sched.state_dict(), "rng": rng.bit_generator.state,
                "torch_rng": torch.get_rng_state(), "losses": losses}, tmp / "state.pt")
    shutil.rmtree(ck, ignore_errors=True)
    tmp.rename(ck)
    for _, old in _checkpoints(out)[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    return ck


class _Bar:
    """A rich progress bar on stderr; plain log lines every `log_every` steps when not a terminal."""

    def __init__(self, total: int, done: int, enabled: bool, label: str):
        self.enabled, self.total, self.label = enabled, total, label
        self.bar = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                TextColumn("{task.fields[info]}"), console=Console(stderr=True), transient=False)
            self.bar.start()
            self.task = self.bar.add_task(label, total=total, completed=done, info="")

    def update(self, step: int, losses, lr, rate: float, log_every: int, extra: str = "") -> None:
        if not self.enabled:
            return
        info = (f"loss {float(np.mean(losses[-log_every:])):.4f}  lr {lr:.2e}  " if losses else "") + \
            f"{rate:.2f} {'step' if losses is not None else 'item'}/s" + (f"  {extra}" if extra else "")
        if self.bar is not None:
            self.bar.update(self.task, completed=step, info=info)
        elif step % log_every == 0 or step == self.total:
            print(f"{self.label} {step}/{self.total}: {info}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
