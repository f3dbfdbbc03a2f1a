"""Benchmark: scoring one 3840×2160 mock with every metric of `onbrand eval`.

    python -m benchmarks.bench_eval [--runs N] [--folder DIR]

Generates a 4K mock with the sample Harbor system, then times `eval.score.evaluate_image` on
the decoded frame (median of N runs after a warm-up) in three settings:

* ``scene``: the mock with its scene (palette, coverage, exact contrast, typography, spacing,
  defects, Alignment, Overlap);
* ``detected``: the same frame as a foreign image (text contrast from detected regions);
* ``against 3``: as ``detected`` plus brand identification against the three sample systems;
* ``jpeg q90``: as ``detected`` on the frame saved as a quality-90 JPEG (tens of thousands of
  distinct colours instead of a few thousand).

PNG decoding is timed separately (it depends on the encoder, not on the metrics).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from eval.brand import BrandProfile
from eval.score import evaluate_image

SAMPLES = Path(__file__).resolve().parents[1] / "sample_design_systems"


def _median(fn, runs: int) -> tuple[float, float, float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--folder", default=str(SAMPLES / "harbor"))
    ap.add_argument("--prompt", default="sales analytics dashboard with revenue chart")
    a = ap.parse_args()
    from engine import Engine
    from ingest import load_or_ingest

    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine.from_folder(a.folder, store=Path(tmp) / "store")
        gen = engine.generate(a.prompt, size=(3840, 2160))
        path = Path(tmp) / "mock.png"
        gen.save(path)
        decode = _median(lambda: np.asarray(Image.open(path).convert("RGB")), a.runs)
        rgb = np.asarray(Image.open(path).convert("RGB"))
        jpeg_path = Path(tmp) / "mock.jpg"
        Image.fromarray(rgb).save(jpeg_path, quality=90)
        jpeg = np.asarray(Image.open(jpeg_path).convert("RGB"))
        profiles = [BrandProfile.from_design_system(load_or_ingest(SAMPLES / s, Path(tmp) / s, with_context=False)[0],
                                                    name=s) for s in ("harbor", "ember", "grove")]
        ds = engine.ds
        cases = {
            "scene": lambda: evaluate_image(rgb, ds, scene=gen.scene),
            "detected": lambda: evaluate_image(rgb, ds),
            "against 3": lambda: evaluate_image(rgb, ds, profiles),
            "jpeg q90": lambda: evaluate_image(jpeg, ds),
        }
        print(f"frame 3840x2160 ({a.prompt!r}, {Path(a.folder).name}), runs {a.runs}, median (min–max) seconds")
        print(f"  decode PNG   {decode[0]:.3f} ({decode[1]:.3f}–{decode[2]:.3f})")
        for name, fn in cases.items():
            med, lo, hi = _median(fn, a.runs)
            print(f"  {name:<12} {med:.3f} ({lo:.3f}–{hi:.3f})")


if __name__ == "__main__":
    main()
