"""How well the diffusion teacher's blocks hold together, on held-out curriculum captions.

    python -m benchmarks.bench_teacher [MODEL_DIR ...] [--n 16] [--steps 50]

For each model folder (default: the committed `engine/weights/teacher`), samples blocks for
`--n` curriculum examples drawn with a fixed seed (not the training stream) and reports blocks
per page, overlapping block pairs (intersection over 20 % of the smaller box) before and after
the layout pass, the Jaccard overlap of block kinds with the curriculum page, and sampling time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from engine.compose.curriculum import sample_example
from engine.layout.tidy import layout_pass
from conditioning.packing import prompt_context
from engine.models.teacher import SceneTransformer
from engine.samplers.teacher import sample_blocks
from scene.blocks import Block, scene_blocks

WEIGHTS = Path(__file__).resolve().parents[1] / "engine" / "weights" / "teacher"
SAMPLES = Path(__file__).resolve().parents[1] / "sample_design_systems"


def overlapping_pairs(blocks: list[Block]) -> int:
    n = 0
    for i, a in enumerate(blocks):
        for b in blocks[i + 1:]:
            ix = min(a.box[0] + a.box[2], b.box[0] + b.box[2]) - max(a.box[0], b.box[0])
            iy = min(a.box[1] + a.box[3], b.box[1] + b.box[3]) - max(a.box[1], b.box[1])
            if ix > 0.005 and iy > 0.005 and ix * iy > 0.2 * min(a.box[2] * a.box[3], b.box[2] * b.box[3]):
                n += 1
    return n


def run(model_dir: Path, n: int = 16, steps: int = 50) -> dict:
    from ingest import ingest_folder

    ds = ingest_folder(SAMPLES / "harbor")
    model = SceneTransformer.from_pretrained(model_dir).eval()
    rng = random.Random(12345)
    rows = []
    for i in range(n):
        ex = sample_example(rng)
        t = time.perf_counter()
        blocks = sample_blocks(model, prompt_context(ex.caption, ds), steps=steps, seed=i, device=ex.device)
        secs = time.perf_counter() - t
        after, _ = layout_pass(blocks, ex.device)
        truth, got = {b.kind for b in scene_blocks(ex.scene)}, {b.kind for b in blocks}
        rows.append((len(blocks), overlapping_pairs(blocks), overlapping_pairs(after),
                     len(truth & got) / max(1, len(truth | got)), secs))
    mean = [round(statistics.mean(col), 3) for col in zip(*rows)]
    return {"model": str(model_dir), "examples": n, "blocks": mean[0], "overlaps_raw": mean[1],
            "overlaps_after_layout_pass": mean[2], "kind_jaccard": mean[3],
            "sample_s_median": round(statistics.median(r[4] for r in rows), 3)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="*", type=Path, default=[WEIGHTS])
    ap.add_argument("--n", type=int, default=16)
    ap.add_argument("--steps", type=int, default=50)
    args = ap.parse_args(argv)
    for m in args.models:
        print(run(m, args.n, args.steps))


if __name__ == "__main__":
    main()
