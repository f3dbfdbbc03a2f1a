"""Train the layout FID encoder (`eval.layout_net.LayoutNet`) on curriculum layouts.

Real layouts are the block layouts of procedural pages (`engine.compose.curriculum.sample_example`,
`scene.blocks.scene_blocks`), drawn once into a pool (a page costs about a millisecond).  Each
step takes a batch of real layouts and a batch of fakes made from other real layouts by
`eval.layout_net.corrupt`, and minimises, as const_layout's LayoutNet (Kikuchi et al. 2021):

``BCE(real → 1) + BCE(fake → 0) + CE(kinds of real) + 10 · L1(boxes of real)``

the last two reconstructing each real layout from its CLS feature alone.  At the end it
reports, on held-out pages, real-vs-fake accuracy and layout FID of a second real set and of
corrupted sets against a first real set, and saves the model as a `save_pretrained` folder
(``config.json`` + ``diffusion_pytorch_model.safetensors``) plus ``train_log.json``.
A run is deterministic for a given ``--seed`` (one thread, CPU).

The shipped weights (``eval/weights/layout_net``) were trained with::

    nice -n 15 python -m eval.train_layout_net --steps 1000 --out eval/weights/layout_net

(the defaults: seed 0, pool 8000, batch 64 + 64, lr 5e-4, one CPU thread): 751 s wall on a
busy 2-core machine, about 6.5 CPU-minutes, pool included.  Held out (500 vs 500 pages):
real-vs-fake accuracy 0.87, FID real vs real 0.73, real vs corrupted 156.
``python -m eval.train_layout_net --evaluate`` reprints the held-out figures.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from engine.compose.curriculum import sample_example
from eval.layout_net import MAX_BLOCKS, LayoutNet, corrupt, layout_arrays, pad_blocks
from scene.blocks import BLOCK_KINDS, Block, scene_blocks

__all__ = ["corrupted_layouts", "curriculum_layouts", "evaluate", "main", "train"]


def curriculum_layouts(n: int, seed: int) -> list[list[Block]]:
    """`n` block layouts of random curriculum pages, drawn with ``random.Random(seed)``."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        blocks = scene_blocks(sample_example(rng).scene)
        if blocks:
            out.append(blocks)
    return out


def corrupted_layouts(layouts: list[list[Block]], seed: int) -> list[list[Block]]:
    """Each layout corrupted once by `eval.layout_net.corrupt` (as `Block` lists)."""
    rng = np.random.default_rng(seed)
    index = {k: i for i, k in enumerate(BLOCK_KINDS)}
    out = []
    for bs in layouts:
        kinds, boxes = corrupt(*layout_arrays(bs, lambda k: index.get(k, 0)), rng)
        out.append([Block(kind=BLOCK_KINDS[int(k)], box=tuple(float(v) for v in b)) for k, b in zip(kinds, boxes)])
    return out


def _lr(step: int, steps: int, base: float, warmup: int = 200) -> float:
    if step < warmup:
        return base * (step + 1) / warmup
    return base * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, steps - warmup)))


def _evaluate(model: LayoutNet, val_a: list, val_b: list, seed: int) -> dict:
    from eval.fid import frechet_distance

    fake = corrupted_layouts(val_b, seed)
    fa, fb, ff = model.features(val_a), model.features(val_b), model.features(fake)
    with torch.no_grad():
        real_p = model.discriminate(torch.from_numpy(fb).float()) > 0
        fake_p = model.discriminate(torch.from_numpy(ff).float()) > 0
    acc = (real_p.float().mean().item() + (~fake_p).float().mean().item()) / 2
    return {"real_fake_accuracy": round(acc, 4), "fid_real_vs_real": round(frechet_distance(fa, fb), 4),
            "fid_real_vs_corrupted": round(frechet_distance(fa, ff), 4), "n_val": len(val_a)}


def evaluate(weights: str | Path | None = None, n_val: int = 500, seed: int = 0) -> dict:
    """Held-out layout FID figures of a trained encoder (default: the shipped one) next to the
    projection features: a second real set and its corrupted copy, each against a first real
    set (the pages `train` holds out for `seed`)."""
    from eval.fid import feature_matrix, frechet_distance
    from eval.layout_net import load_layout_net

    held_out = curriculum_layouts(2 * n_val, seed + 1_000_003)
    val_a, val_b = held_out[:n_val], held_out[n_val:]
    out = {"trained": _evaluate(load_layout_net(weights), val_a, val_b, seed + 7)}
    fake = corrupted_layouts(val_b, seed + 7)
    fa, fb, ff = (feature_matrix(x, "projection") for x in (val_a, val_b, fake))
    out["projection"] = {"fid_real_vs_real": round(frechet_distance(fa, fb), 4),
                         "fid_real_vs_corrupted": round(frechet_distance(fa, ff), 4), "n_val": n_val}
    return out


def train(steps: int = 1000, out: str | Path = "layout_net", seed: int = 0, batch_size: int = 64,
          pool: int = 8000, n_val: int = 500, lr: float = 5e-4, threads: int = 1,
          log_every: int = 100, **model_kwargs) -> dict:
    """Train a `LayoutNet`, save it to `out`, and return the run's log (see the module docstring)."""
    t0 = time.time()
    torch.set_num_threads(max(1, threads))
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    print(f"drawing {pool} + {2 * n_val} curriculum layouts …", flush=True)
    layouts = curriculum_layouts(pool, seed)
    held_out = curriculum_layouts(2 * n_val, seed + 1_000_003)
    val_a, val_b = held_out[:n_val], held_out[n_val:]
    print(f"  {time.time() - t0:.1f}s", flush=True)

    model = LayoutNet(max_blocks=MAX_BLOCKS, **model_kwargs)
    arrays = [layout_arrays(bs, model.kind_index) for bs in layouts]
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    model.train()
    hist: list[dict] = []
    for step in range(steps):
        for g in opt.param_groups:
            g["lr"] = _lr(step, steps, lr)
        idx = rng.integers(0, len(arrays), size=2 * batch_size)
        real = [arrays[i] for i in idx[:batch_size]]
        fake = [corrupt(*arrays[i], rng, n_kinds=len(model.config.kinds)) for i in idx[batch_size:]]
        kinds, boxes, mask = pad_blocks(real + fake)
        z = model.encode(kinds, boxes, mask)
        logit = model.discriminate(z)
        target = torch.cat([torch.ones(batch_size), torch.zeros(batch_size)])
        loss_d = F.binary_cross_entropy_with_logits(logit, target)
        n_real = max(len(k) for k, _ in real)
        rmask = mask[:batch_size, :n_real]
        kind_logits, boxes_hat = model.decode(z[:batch_size], rmask)
        loss_kind = F.cross_entropy(kind_logits[rmask], kinds[:batch_size, :n_real][rmask])
        loss_box = F.l1_loss(boxes_hat[rmask], boxes[:batch_size, :n_real][rmask])
        loss = loss_d + loss_kind + 10.0 * loss_box
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if (step + 1) % log_every == 0 or step + 1 == steps:
            acc = ((logit > 0).float() == target).float().mean().item()
            row = {"step": step + 1, "loss": round(loss.item(), 4), "disc": round(loss_d.item(), 4),
                   "kind": round(loss_kind.item(), 4), "box_l1": round(loss_box.item(), 4), "acc": round(acc, 3),
                   "seconds": round(time.time() - t0, 1)}
            hist.append(row)
            print("  ".join(f"{k} {v}" for k, v in row.items()), flush=True)
    model.eval()
    result = _evaluate(model, val_a, val_b, seed + 7)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    log = {"seed": seed, "steps": steps, "batch_size": batch_size, "pool": pool, "lr": lr, "threads": threads,
           "wall_seconds": round(time.time() - t0, 1), "cpu_seconds": round(time.process_time(), 1),
           "held_out": result, "history": hist}
    (out / "train_log.json").write_text(json.dumps(log, indent=1))
    print(f"held-out: {result}", flush=True)
    print(f"saved to {out} ({log['wall_seconds']}s)", flush=True)
    return log


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.train_layout_net", description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=1000, help="optimiser steps (default 1000)")
    p.add_argument("--out", default="layout_net", help="output folder (config.json + safetensors)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--batch-size", type=int, default=64, help="real layouts per step (as many fakes)")
    p.add_argument("--pool", type=int, default=8000, help="curriculum layouts drawn for training")
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    p.add_argument("--evaluate", metavar="DIR", nargs="?", const="", default=None,
                   help="only report held-out FID figures of the encoder in DIR (default: the shipped one)")
    a = p.parse_args(argv)
    if a.evaluate is not None:
        torch.set_num_threads(max(1, a.threads))
        try:
            print(json.dumps(evaluate(a.evaluate or None, seed=a.seed), indent=1))
        except FileNotFoundError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        return 0
    if a.steps < 1 or a.batch_size < 1 or a.pool < 1:
        p.error("--steps, --batch-size and --pool must be positive")
    train(steps=a.steps, out=a.out, seed=a.seed, batch_size=a.batch_size, pool=a.pool, lr=a.lr, threads=a.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
