"""Benchmark: warm-engine generation of a 3840×2160 PNG, stage by stage.

    python -m engine.bench_generate [--folder DIR] [--runs N] [--size WxH]

Prints the median seconds of each stage (retrieve, sample, layout, render, encode) and of the
whole call over N runs per prompt, after one warm-up run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from engine import Engine

PROMPTS = ["sales analytics dashboard", "checkout page with order summary", "admin table of orders",
           "account settings", "product listing grid", "sign in page"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default=str(Path(__file__).resolve().parents[1] / "sample_design_systems" / "harbor"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="3840x2160")
    a = ap.parse_args()
    w, h = (int(v) for v in a.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine.from_folder(a.folder, store=Path(tmp) / "store")
        engine.generate(PROMPTS[0], size=(w, h))  # warm-up: fonts, icons, caches
        stages: dict[str, list[float]] = {}
        totals: list[float] = []
        for i in range(a.runs):
            for p in PROMPTS:
                t = time.perf_counter()
                g = engine.generate(p, seed=i, size=(w, h))
                totals.append(time.perf_counter() - t)
                for k, v in g.timings.items():
                    if k != "load":
                        stages.setdefault(k, []).append(v)
    print(f"{w}x{h}, {a.runs} runs x {len(PROMPTS)} prompts, medians:")
    for k, v in stages.items():
        print(f"  {k:<9} {statistics.median(v):.4f} s")
    print(f"  {'total':<9} {statistics.median(totals):.4f} s  (generate() end to end, PNG encoded)")


if __name__ == "__main__":
    main()
