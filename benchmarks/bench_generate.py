"""Benchmark: warm-engine generation of a 3840×2160 PNG, stage by stage, and cold CLI starts.

    python -m benchmarks.bench_generate [--folder DIR] [--runs N] [--size WxH] [--sampler NAME] [--cold N]

Prints the median seconds of each stage (retrieve, sample, layout, render, encode) and of the
whole call over N runs per prompt, after one warm-up run per prompt (model loaded, reference
exemplars drawn), with the median CPU-seconds of the process per call. ``--cold N`` also runs
``onbrand generate`` N times as a fresh process on a cached store and reports the median
wall time of the whole command (interpreter start, imports, store and model loading included).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from engine import Engine

PROMPTS = ["sales analytics dashboard", "checkout page with order summary", "admin table of orders",
           "account settings", "product listing grid", "sign in page"]


def cold_runs(folder: str, runs: int, sampler: str | None, tmp: Path) -> dict:
    """Median wall seconds of `onbrand generate` as a fresh process (store already cached)."""
    cmd = [sys.executable, "-m", "onbrand.cli", "generate", folder, PROMPTS[1], "--out", str(tmp / "cold.png"),
           "--store", str(tmp / "store"), "--json"] + (["--sampler", sampler] if sampler else [])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    subprocess.run(cmd, check=True, capture_output=True, env=env)  # builds the store once
    walls, stages = [], []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, env=env, text=True).stdout
        walls.append(time.perf_counter() - t)
        stages.append(json.loads(out)["timings"])
    keys = stages[0].keys()
    return {"wall_s": round(statistics.median(walls), 3),
            "stages": {k: round(statistics.median(s[k] for s in stages), 3) for k in keys}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default=str(Path(__file__).resolve().parents[1] / "sample_design_systems" / "harbor"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="3840x2160")
    ap.add_argument("--sampler", default=None, help="student, teacher or procedural (default: generate's default)")
    ap.add_argument("--cold", type=int, default=0, metavar="N", help="also time N cold `onbrand generate` runs")
    a = ap.parse_args()
    w, h = (int(v) for v in a.size.split("x"))
    kw = {"sampler": a.sampler} if a.sampler else {}
    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine.from_folder(a.folder, store=Path(tmp) / "store")
        for p in PROMPTS:  # warm-up: fonts, icons, the model, reference exemplars
            g = engine.generate(p, size=(w, h), **kw)
        stages: dict[str, list[float]] = {}
        totals: list[float] = []
        cpu: list[float] = []
        for i in range(a.runs):
            for p in PROMPTS:
                t, c = time.perf_counter(), time.process_time()
                g = engine.generate(p, seed=i, size=(w, h), **kw)
                totals.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
                for k, v in g.timings.items():
                    if k != "load":
                        stages.setdefault(k, []).append(v)
        print(f"{w}x{h}, sampler {g.sampler}, {a.runs} runs x {len(PROMPTS)} prompts, medians:")
        for k, v in stages.items():
            print(f"  {k:<9} {statistics.median(v):.4f} s")
        print(f"  {'total':<9} {statistics.median(totals):.4f} s  (generate() end to end, PNG encoded)")
        print(f"  {'cpu':<9} {statistics.median(cpu):.4f} CPU-s per call (all threads of the process)")
        if a.cold:
            res = cold_runs(a.folder, a.cold, a.sampler, Path(tmp))
            print(f"cold `onbrand generate` ({a.cold} runs): {res['wall_s']:.3f} s median wall; stages {res['stages']}")


if __name__ == "__main__":
    main()
