"""Does a model read the image embedding of a reference image? An ablation at the sampler.

    python -m benchmarks.bench_image_tokens [--model DIR] [--sampler student] [--pages 48] [--json]

A reference image reaches the sampler twice: as the blocks the screenshot reader finds in it
(cross-attention and the start of sampling; `benchmarks.bench_references` measures that) and as
its image descriptor, one token of the style stream (``adapter.image_proj``). This benchmark
isolates the second: for `--pages` curriculum pages drawn from a seed the training runs do not
use, each page is drawn in a system (PNG), read as a request image would be
(`conditioning.packing.read_reference_image`), and sampled from its caption **without any
reference blocks** twice: with the image's descriptor and without it. The score is the mean
best IoU of the page's top-level blocks (2 % of the canvas or more) with the sample's, so a
model that reads the descriptor lands closer to the pictured page.

A third sample (``with_reading``) gives the model what a request image that is not held
gives it: the blocks the screenshot reader finds in the picture as a reference layout and the
descriptor, marked as pictured, with no start from the reference and nothing held (so only
cross-attention and, in a model with ``reference_slots``, its path into the slots can follow
it). A fourth (``with_page``) gives the page's own blocks the same way: what a perfect reader
would hand over, so a model that copies what it is shown scores near 1 there. A model
trained with ``--image-blocks`` learns to follow them. ``reading_iou`` is the same score for
the reader's blocks themselves: what a model that copied them would reach.

``--one-step`` adds what sampling hides: the box error (mean squared, used slots) of the
model's clean estimate from the page noised to t = 900, 600 and 300, with the reading in its
context and without, so a model that reads the picture at all shows it here first.

Systems: the pages are drawn alternately in Harbor's and Ember's dark modes; the training runs
draw pages in the sample systems' default modes only. Each model is
scored on the same pages and seeds. A model whose config lacks ``image_conditioning`` is given
the descriptor anyway, to show what an untrained projection does.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from pathlib import Path

from benchmarks.bench_references import mean_best_iou, top_level

ROOT = Path(__file__).resolve().parents[1]
#: Seed of the page draw; training runs draw from seed 0 onwards with their own generators.
PAGE_SEED = 90_210


def pages(n: int) -> list[tuple[object, object]]:
    """`n` curriculum examples and the image of each, drawn in a system not seen in training."""
    from engine.compose.curriculum import sample_example
    from engine.render.export import draw_scene
    from engine.training.ui_clip import system_theme

    themes = [system_theme(("harbor", {"theme": "dark"})), system_theme(("ember", {"theme": "dark"}))]
    rng = random.Random(PAGE_SEED)
    out = []
    for i in range(n):
        ex = sample_example(rng)
        out.append((ex, draw_scene(themes[i % len(themes)], ex.scene).image()))
    return out


def score(model, sampler: str, items, seeds: int, reference_guidance: float = 1.0) -> dict:
    """Mean best IoU with and without the descriptor over `items` × `seeds`; the teacher samples
    with the reading at `reference_guidance` (`engine.samplers.teacher.sample_blocks`)."""
    import numpy as np

    from conditioning.packing import prompt_context, read_reference_image
    from scene.blocks import scene_blocks

    with_vec, without, reading, page = [], [], [], []
    for ex, image in items:
        read, _, vec = read_reference_image(image)
        own = scene_blocks(ex.scene, model.config.n_slots)
        target = top_level(own)
        for seed in range(seeds):
            for vecs, refs, acc in ((vec[None], [], with_vec), (np.zeros((0, vec.shape[0]), np.float32), [], without),
                                    (vec[None], [read], reading), (vec[None], [own], page)):
                ctx = prompt_context(ex.caption, reference_blocks=refs)
                ctx.image_vecs = vecs
                ctx.pictured = [True] * len(refs)  # a request image that matches its prompt is marked so
                if sampler == "student":
                    from engine.samplers.student import sample_student

                    blocks = sample_student(model, ctx, steps=2, seed=seed, device=ex.device)
                else:
                    from engine.samplers.teacher import sample_blocks

                    blocks = sample_blocks(model, ctx, steps=20, seed=seed, device=ex.device,
                                           reference_guidance=reference_guidance if refs else 1.0)
                acc.append(mean_best_iou(target, top_level(blocks)))
    return {"with_image": round(statistics.fmean(with_vec), 4), "without_image": round(statistics.fmean(without), 4),
            "gain": round(statistics.fmean(with_vec) - statistics.fmean(without), 4),
            "with_reading": round(statistics.fmean(reading), 4), "with_page": round(statistics.fmean(page), 4),
            "samples": len(with_vec)}


def one_step(model, items, timesteps=(900, 600, 300)) -> dict:
    """Box error of the clean estimate at each of `timesteps`, with the picture's reading in the
    context and without (same noise), over the pages of `items`."""
    import numpy as np
    import torch

    from conditioning.packing import prompt_context, read_reference_image
    from engine.models.adapter import collate_contexts
    from engine.models.slots import encode_slots
    from scene.blocks import scene_blocks

    n, dim = model.config.n_slots, model.config.slot_dim
    x0s, used, with_ctx, without_ctx, devices = [], [], [], [], []
    for ex, image in items:
        read, _, vec = read_reference_image(image)
        x0, mask = encode_slots(scene_blocks(ex.scene, n), n, dim)
        x0s.append(x0)
        used.append(mask)
        on = prompt_context(ex.caption, reference_blocks=[read])
        on.image_vecs = vec[None]
        on.pictured = [True]
        with_ctx.append(on)
        without_ctx.append(prompt_context(ex.caption))
        devices.append(ex.device)
    x0 = torch.from_numpy(np.stack(x0s))
    w = torch.from_numpy(np.stack(used))[..., None].float()
    out = {}
    for t in timesteps:
        noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(t))
        tt = torch.full((x0.shape[0],), t)
        xt = model.add_noise(x0, noise, tt)
        errs = []
        for contexts in (with_ctx, without_ctx):
            c = collate_contexts(contexts, devices, n)
            with torch.no_grad():
                est = model.predict_x0(model(xt, tt, c), xt, tt).clamp(-1, 1)
            errs.append(round(float((((est - x0) ** 2)[..., :4] * w).sum() / w.sum() / 4), 4))
        out[str(t)] = {"with_reading": errs[0], "without": errs[1]}
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append", type=Path, default=None, metavar="DIR",
                    help="model folder (repeatable; default: the committed one of --sampler)")
    ap.add_argument("--sampler", default="student", choices=["student", "teacher"])
    ap.add_argument("--pages", type=int, default=48)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--one-step", action="store_true",
                    help="also the box error of the clean estimate at t = 900, 600, 300 with and without the reading")
    ap.add_argument("--reference-guidance", type=float, default=1.0, metavar="W",
                    help="teacher: sample 'with reading' at this reference guidance (1 = none)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from engine.models.loading import load_scene_model

    from benchmarks.bench_references import mean_best_iou, top_level
    from conditioning.packing import read_reference_image
    from scene.blocks import scene_blocks

    folders = args.model or [ROOT / "engine" / "weights" / args.sampler]
    items = pages(args.pages)
    reading = statistics.fmean(mean_best_iou(top_level(scene_blocks(ex.scene, 32)),
                                             top_level(read_reference_image(img)[0])) for ex, img in items)
    res = {"pages": args.pages, "seeds": args.seeds, "sampler": args.sampler, "reading_iou": round(reading, 4),
           "reference_guidance": args.reference_guidance, "models": {}}
    for folder in folders:
        model = load_scene_model(folder)
        r = score(model, args.sampler, items, args.seeds, args.reference_guidance)
        r["image_conditioning"] = bool(getattr(model.config, "image_conditioning", False))
        if args.one_step:
            from engine.models.teacher import SceneTransformer

            r["one_step"] = one_step(SceneTransformer.from_pretrained(folder, low_cpu_mem_usage=False).eval(), items)
        res["models"][str(folder)] = r
    if args.json:
        print(json.dumps(res, indent=1))
    else:
        print(f"{args.pages} pages × {args.seeds} seeds, {args.sampler}, no reference blocks: "
              "mean best IoU of the pictured page's top-level blocks")
        print(f"{'model':40s} {'reads images':>12s} {'with image':>11s} {'without':>8s} {'gain':>7s} "
              f"{'with reading':>12s} {'with page':>10s}")
        for f, r in res["models"].items():
            print(f"{f[-40:]:40s} {str(r['image_conditioning']):>12s} {r['with_image']:11.3f} "
                  f"{r['without_image']:8.3f} {r['gain']:+7.3f} {r['with_reading']:12.3f} {r['with_page']:10.3f}")
        print(f"the reading's own blocks: {res['reading_iou']:.3f} (what copying them would reach)")
        for f, r in res["models"].items():
            if "one_step" in r:
                print(f"{f[-40:]:40s} clean-estimate box error with reading / without: " + "  ".join(
                    f"t={t} {v['with_reading']:.4f} / {v['without']:.4f}" for t, v in r["one_step"].items()))
    return res


if __name__ == "__main__":
    main()
