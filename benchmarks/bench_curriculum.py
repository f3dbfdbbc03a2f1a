"""Benchmark: curriculum sampling and block → scene fill, per device.

    python -m benchmarks.bench_curriculum [--folder DIR] [--n N]

Prints the median, 90th percentile and mean milliseconds of `sample_example` (scene at the
device's design size, real text metrics) and of `fill_blocks` (the example's blocks back to a
scene at the device's native canvas), after a warm-up that fills the font caches.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from engine import Engine
from engine.compose.curriculum import sample_example
from engine.compose.fill import fill_blocks
from engine.render.theme import Theme
from scene.blocks import scene_blocks
from scene.devices import DEVICES


def _row(name: str, ts: list[float]) -> str:
    ts = sorted(ts)
    return (f"  {name:<28} median {statistics.median(ts) * 1e3:6.1f} ms   p90 {ts[int(0.9 * len(ts))] * 1e3:6.1f} ms"
            f"   mean {statistics.mean(ts) * 1e3:6.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default=str(Path(__file__).resolve().parents[1] / "sample_design_systems" / "harbor"))
    ap.add_argument("--n", type=int, default=200, help="examples per device")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        theme = Theme(Engine.from_folder(a.folder, store=Path(tmp) / "store").ds)
    rng = random.Random(0)
    for _ in range(40):
        sample_example(rng, theme=theme)
    print(f"{a.n} examples per device:")
    for device, ((cw, ch), _) in DEVICES.items():
        samples, fills = [], []
        for _ in range(a.n):
            t = time.perf_counter()
            ex = sample_example(rng, device=device, theme=theme)
            samples.append(time.perf_counter() - t)
            blocks = scene_blocks(ex.scene)
            t = time.perf_counter()
            fill_blocks(blocks, ex.caption, cw, ch, theme, device=device)
            fills.append(time.perf_counter() - t)
        w, h = ex.scene.width, ex.scene.height
        print(_row(f"sample_example {device} {w}x{h}", samples))
        print(_row(f"fill_blocks {device} {cw}x{ch}", fills))


if __name__ == "__main__":
    main()
