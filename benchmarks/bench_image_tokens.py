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
descriptor, through cross-attention only (no start from the reference, nothing held). A model
trained with ``--image-blocks`` learns to follow them.

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


def score(model, sampler: str, items, seeds: int) -> dict:
    """Mean best IoU with and without the descriptor over `items` × `seeds`."""
    import numpy as np

    from conditioning.packing import prompt_context, read_reference_image
    from scene.blocks import scene_blocks

    with_vec, without, reading = [], [], []
    for ex, image in items:
        read, _, vec = read_reference_image(image)
        target = top_level(scene_blocks(ex.scene, model.config.n_slots))
        for seed in range(seeds):
            for vecs, refs, acc in ((vec[None], [], with_vec), (np.zeros((0, vec.shape[0]), np.float32), [], without),
                                    (vec[None], [read], reading)):
                ctx = prompt_context(ex.caption, reference_blocks=refs)
                ctx.image_vecs = vecs
                if sampler == "student":
                    from engine.samplers.student import sample_student

                    blocks = sample_student(model, ctx, steps=2, seed=seed, device=ex.device)
                else:
                    from engine.samplers.teacher import sample_blocks

                    blocks = sample_blocks(model, ctx, steps=20, seed=seed, device=ex.device)
                acc.append(mean_best_iou(target, top_level(blocks)))
    return {"with_image": round(statistics.fmean(with_vec), 4), "without_image": round(statistics.fmean(without), 4),
            "gain": round(statistics.fmean(with_vec) - statistics.fmean(without), 4),
            "with_reading": round(statistics.fmean(reading), 4), "samples": len(with_vec)}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append", type=Path, default=None, metavar="DIR",
                    help="model folder (repeatable; default: the committed one of --sampler)")
    ap.add_argument("--sampler", default="student", choices=["student", "teacher"])
    ap.add_argument("--pages", type=int, default=48)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from engine.models.loading import load_scene_model

    folders = args.model or [ROOT / "engine" / "weights" / args.sampler]
    items = pages(args.pages)
    res = {"pages": args.pages, "seeds": args.seeds, "sampler": args.sampler, "models": {}}
    for folder in folders:
        model = load_scene_model(folder)
        r = score(model, args.sampler, items, args.seeds)
        r["image_conditioning"] = bool(getattr(model.config, "image_conditioning", False))
        res["models"][str(folder)] = r
    if args.json:
        print(json.dumps(res, indent=1))
    else:
        print(f"{args.pages} pages × {args.seeds} seeds, {args.sampler}, no reference blocks: "
              "mean best IoU of the pictured page's top-level blocks")
        print(f"{'model':40s} {'reads images':>12s} {'with image':>11s} {'without':>8s} {'gain':>7s} "
              f"{'with reading':>12s}")
        for f, r in res["models"].items():
            print(f"{f[-40:]:40s} {str(r['image_conditioning']):>12s} {r['with_image']:11.3f} "
                  f"{r['without_image']:8.3f} {r['gain']:+7.3f} {r['with_reading']:12.3f}")
    return res


if __name__ == "__main__":
    main()
