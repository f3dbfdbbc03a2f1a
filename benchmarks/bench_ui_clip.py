"""Benchmark: retrieval with UI-CLIP against the hand-made image descriptor, on held-out renders.

    python -m benchmarks.bench_ui_clip [--n 200] [--weights DIR] [--seed 0] [--json]

Draws `n` held-out curriculum pages (`engine.training.ui_clip.heldout_pages`: a random stream
training never draws from) and renders each in the held-out design system, Grove, which no
training render uses (long side 256 px, as in training). Then, among the `n`:

* ``text→image`` / ``image→text`` (UI-CLIP only; the descriptor has no text side): each page's
  caption ranks the `n` images, and each image the `n` captions; top-1 and top-5 are the share
  whose own partner ranks first / in the first five. ``same page type @1`` counts a first hit of
  the same page type (dashboard, checkout …) as right, since captions of one type can fit
  several pages.
* image→image, a task both encoders can do: each Grove render is the query and the gallery holds
  one image per page:
  - ``another system``: the same page drawn in a training system (the six systems and modes in
    turn): the palette changes, the layout does not;
  - ``another seed``: the same request (page type, device, style family, domain, caption)
    composed again from another seed, drawn in Grove: the palette stays, the page differs;
  - ``another seed and system``: both at once.

Chance is 1/n for top-1 and 5/n for top-5. Both encoders see the same rendered images: UI-CLIP
letterboxes them to its input, the descriptor (`ingest.encoders.ImageDescriptorEncoder`, 208-d)
reads their PNG bytes.
"""

from __future__ import annotations

import argparse
import io
import json
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def ranks(sim: np.ndarray) -> np.ndarray:
    """Rank of each row's own partner (the diagonal) among the row's scores: 0 is first."""
    own = np.diag(sim)[:, None]
    return (sim > own).sum(1)


def topk(sim: np.ndarray, k: int) -> float:
    return float((ranks(sim) < k).mean())


def retrieval(sim: np.ndarray, labels: list[str] | None = None) -> dict:
    """top-1, top-5 and (with `labels`) the share whose first hit has the query's label."""
    out = {"top1": round(topk(sim, 1), 4), "top5": round(topk(sim, 5), 4)}
    if labels is not None:
        first = sim.argmax(1)
        out["same_type_top1"] = round(float(np.mean([labels[i] == labels[j] for i, j in enumerate(first)])), 4)
    return out


def _png(im) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def run(n: int = 200, weights: str | None = None, seed: int = 0) -> dict:
    from engine.training.ui_clip import (
        HELDOUT_SYSTEM,
        TRAIN_SYSTEMS,
        heldout_pages,
        recompose,
        render_scene,
        system_theme,
    )
    from ingest.encoders import ImageDescriptorEncoder
    from ingest.ui_clip import load_ui_clip

    t0 = time.perf_counter()
    pages = heldout_pages(n, seed=seed, full_images=True)
    grove = system_theme(HELDOUT_SYSTEM)
    queries = [p.images[0] for p in pages]
    other_system, other_seed, other_both = [], [], []
    for i, p in enumerate(pages):
        theme = system_theme(TRAIN_SYSTEMS[i % len(TRAIN_SYSTEMS)])
        other_system.append(render_scene(p.example.scene, theme))
        again = recompose(p, seed=p.example.seed + 1, theme=grove)
        other_seed.append(render_scene(again, grove))
        other_both.append(render_scene(again, theme))
    render_s = time.perf_counter() - t0
    captions = [p.texts[0] for p in pages]
    labels = [p.archetype for p in pages]

    t0 = time.perf_counter()
    clip = load_ui_clip(weights)
    q = clip.encode_images(queries)
    txt = clip.encode_texts(captions)
    results = {"ui_clip": {"text_to_image": retrieval(txt @ q.T, labels), "image_to_text": retrieval(q @ txt.T, labels)},
               "descriptor": {"text_to_image": None, "image_to_text": None}}
    galleries = {"another_system": other_system, "another_seed": other_seed, "another_seed_and_system": other_both}
    for name, gallery in galleries.items():
        g = clip.encode_images(gallery)
        results["ui_clip"][f"image_to_image_{name}"] = retrieval(q @ g.T, labels)
    clip_s = time.perf_counter() - t0
    desc = ImageDescriptorEncoder()
    dq = desc.encode([_png(im) for im in queries])
    for name, gallery in galleries.items():
        dg = desc.encode([_png(im) for im in gallery])
        results["descriptor"][f"image_to_image_{name}"] = retrieval(dq @ dg.T, labels)
    return {"n": n, "seed": seed, "heldout_system": HELDOUT_SYSTEM[0], "weights": str(clip.folder),
            "model": clip.name, "chance": {"top1": round(1 / n, 4), "top5": round(min(1.0, 5 / n), 4)},
            "type_chance": round(float(sum((labels.count(a) / n) ** 2 for a in set(labels))), 4),
            "results": results, "seconds": {"render": round(render_s, 1), "ui_clip": round(clip_s, 1)}}


def _table(r: dict) -> str:
    rows = [f"n = {r['n']} held-out pages in {r['heldout_system']} (chance: top-1 {r['chance']['top1']}, top-5 "
            f"{r['chance']['top5']}; same page type by chance {r['type_chance']})",
            f"{'task':34} {'encoder':11} {'top-1':>6} {'top-5':>6} {'type@1':>7}"]
    tasks = ["text_to_image", "image_to_text", "image_to_image_another_system", "image_to_image_another_seed",
             "image_to_image_another_seed_and_system"]
    for task in tasks:
        for enc in ("ui_clip", "descriptor"):
            m = r["results"][enc].get(task)
            if m is None:
                rows.append(f"{task:34} {enc:11} {'n/a':>6} {'n/a':>6} {'n/a':>7}")
            else:
                rows.append(f"{task:34} {enc:11} {m['top1']:6.3f} {m['top5']:6.3f} {m['same_type_top1']:7.3f}")
    return "\n".join(rows)


def mock_percentiles(weights: str | None, systems: tuple[str, ...] = ("grove", "harbor"), every: int = 4) -> dict:
    """UI-CLIP on full-size mocks, not training-size renders: every `every`-th prompt of
    ``eval/prompts/heldout.jsonl`` generated on each sample system at its device's preset size
    (student, seed = the prompt's index) and scored against its own prompt with
    `eval.clip_agreement.clip_agreement`; the figure is ``clip_percentile`` (the share of the
    66 reference requests its own prompt beats: 1 is best, 0.5 no better than a random request)."""
    import statistics

    from engine.api import Engine
    from eval.clip_agreement import clip_agreement
    from ingest.ui_clip import default_ui_clip, load_ui_clip
    from scene.devices import DEVICES

    enc = load_ui_clip(weights) if weights else default_ui_clip()
    prompts = [json.loads(line) for line in (ROOT / "eval/prompts/heldout.jsonl").read_text().splitlines()
               if line.startswith("{")][::every]
    got = []
    for name in systems:
        engine = Engine.from_folder(ROOT / "sample_design_systems" / name)
        for i, p in enumerate(prompts):
            g = engine.generate(p["prompt"], seed=i, device=p["device"], size=DEVICES[p["device"]][0])
            got.append(clip_agreement(g.image, p["prompt"], enc)["clip_percentile"])
    return {"mocks": len(got), "median_percentile": round(statistics.median(got), 3),
            "mean_percentile": round(statistics.fmean(got), 3),
            "share_at_least_half": round(sum(x >= 0.5 for x in got) / len(got), 3)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="held-out pages (the size of each gallery)")
    ap.add_argument("--weights", default=None, help="a UI-CLIP model folder (default: the committed weights)")
    ap.add_argument("--seed", type=int, default=0, help="which held-out stream")
    ap.add_argument("--mocks", action="store_true",
                    help="instead: each full-size mock's own prompt against 66 other requests (`mock_percentiles`)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args(argv)
    if a.n < 5:
        ap.error("--n must be at least 5")
    if a.mocks:
        print(json.dumps(mock_percentiles(a.weights), indent=1))
        return
    r = run(a.n, a.weights, a.seed)
    print(json.dumps(r, indent=1) if a.json else _table(r))


if __name__ == "__main__":
    main()
