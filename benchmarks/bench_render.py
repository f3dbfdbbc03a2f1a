"""Benchmark: render + encode of a 4K mock with about 60 components, stage by stage.

    python -m benchmarks.bench_render [--folder DIR] [--runs N] [--size WxH] [--format png|jpeg|webp]

The scene is the desktop dashboard (sidebar, top bar, header, KPI cards with sparklines and
badges, line and donut charts, a table and a list), composed once. Each run draws it from
scratch and encodes it; the medians of N runs are printed for

- ``svg``: building the SVG document alone (shapes painted onto a 1×1 cairo surface),
- ``rasterise``: the full lock-step draw (SVG + native cairo raster) minus ``svg``,
- ``render``: the full draw, what `Generation.timings["render"]` measures,
- ``encode``: the image encode, what `Generation.timings["encode"]` measures,
- ``render+encode``: the target (≤ 0.4 s at 3840×2160 on 2 CPU cores).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from engine.api import Engine, Generation
from engine.compose.composer import compose
from engine.render.canvas import Canvas
from engine.render.components import Renderer
from engine.render.theme import Theme


def run(folder: str, runs: int = 7, size: tuple[int, int] = (3840, 2160), fmt: str = "png") -> dict:
    """Median seconds of each stage over `runs` runs (after one warm-up), and the component count."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine.from_folder(folder, store=Path(tmp) / "store")
    theme = Theme(engine.ds)
    w, h = size
    scene = compose("sales analytics dashboard", w, h, seed=0, archetype="dashboard", device="desktop", theme=theme)
    n = sum(1 for _ in scene.walk())
    bg = theme.color(scene.background_role)
    stages: dict[str, list[float]] = {"svg": [], "render": [], "encode": []}
    for i in range(runs + 1):
        t = time.perf_counter()
        cv = Canvas(w, h, bg, raster=False)
        Renderer(theme, scene.scale).draw(cv, scene)
        cv.svg()
        t_svg = time.perf_counter() - t
        t = time.perf_counter()
        cv = Canvas(w, h, bg)
        Renderer(theme, scene.scale).draw(cv, scene)
        svg = cv.svg()
        image = cv.image()
        t_render = time.perf_counter() - t
        gen = Generation(image=image, svg=svg, scene=scene, timings={}, format=fmt)
        t = time.perf_counter()
        gen.encode()
        t_enc = time.perf_counter() - t
        if i:  # the first run warms fonts, glyph outlines and icons
            stages["svg"].append(t_svg)
            stages["render"].append(t_render)
            stages["encode"].append(t_enc)
    med = {k: statistics.median(v) for k, v in stages.items()}
    med["rasterise"] = max(0.0, med["render"] - med["svg"])
    med["render+encode"] = statistics.median(r + e for r, e in zip(stages["render"], stages["encode"]))
    return {"size": size, "components": n, "runs": runs, "format": fmt, "median_s": med}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default=str(Path(__file__).resolve().parents[1] / "sample_design_systems" / "harbor"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--size", default="3840x2160")
    ap.add_argument("--format", default="png", choices=["png", "jpeg", "webp"])
    a = ap.parse_args()
    size = tuple(int(v) for v in a.size.split("x"))
    r = run(a.folder, max(1, a.runs), size, a.format)  # type: ignore[arg-type]
    print(f"{size[0]}x{size[1]} {a.format}, {r['components']} components, median of {r['runs']} runs:")
    for k in ("svg", "rasterise", "render", "encode", "render+encode"):
        print(f"  {k:<14} {r['median_s'][k]:.4f} s")


if __name__ == "__main__":
    main()
