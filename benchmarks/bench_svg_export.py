"""SVG export: file size of live-text and outlined SVGs, and how closely each SVG, drawn by
another renderer (CairoSVG), matches the PNG onbrand rasterised from the same drawing calls.

    python -m benchmarks.bench_svg_export sample_design_systems/harbor sample_design_systems/circuit \
        --prompt "checkout page with order summary" --size 1920x1080

The agreement metric (`agreement`): the SVG is rasterised by CairoSVG at the PNG's size, with
the system's font files made known to fontconfig first (as if they were installed where the
SVG is opened), and compared with the PNG pixel by pixel:

- ``mean_abs``: the mean absolute difference per channel, 0–255;
- ``within``: the share of pixels whose largest channel difference is at most `TOLERANCE`.

Live text is set by CairoSVG itself (no kerning, only regular and bold weights, its own
hinting), so text edges differ from the raster's HarfBuzz-shaped glyphs; and CairoSVG draws no
SVG filters, so a shadow's blurred shape is drawn unblurred. Both differences are confined to
text and shadow edges, which the metric counts as they are.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import io
import json
import sys
from pathlib import Path

import numpy as np

#: Largest channel difference (0–255) of a pixel counted as the same.
TOLERANCE = 24


def register_fonts(paths) -> int:
    """Make font files known to this process's fontconfig (what CairoSVG picks ``<text>`` fonts
    from), as installing them would; returns how many were added."""
    fc = ctypes.CDLL(ctypes.util.find_library("fontconfig") or "libfontconfig.so.1")
    fc.FcConfigAppFontAddFile.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    fc.FcConfigAppFontAddFile.restype = ctypes.c_int
    return sum(bool(fc.FcConfigAppFontAddFile(None, str(p).encode())) for p in dict.fromkeys(paths))


def rasterise(svg: str, width: int, height: int) -> np.ndarray:
    """The SVG drawn by CairoSVG at width×height, as RGB pixels."""
    import cairosvg
    from PIL import Image

    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=width, output_height=height)
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def agreement(svg: str, image) -> dict[str, float]:
    """How closely `svg` drawn by CairoSVG matches `image` (the PNG's pixels): ``mean_abs`` and
    ``within`` (see the module docstring)."""
    ours = np.asarray(image.convert("RGB")).astype(np.int16)
    theirs = rasterise(svg, ours.shape[1], ours.shape[0]).astype(np.int16)
    diff = np.abs(ours - theirs)
    return {"mean_abs": round(float(diff.mean()), 3),
            "within": round(float((diff.max(axis=2) <= TOLERANCE).mean()), 4)}


def run(system: str, prompt: str = "checkout page with order summary", size: tuple[int, int] = (1920, 1080),
        sampler: str = "procedural", seed: int = 0, mode: str | None = None) -> dict:
    """One mock of `system`: the size of its live and outlined SVGs and each one's agreement."""
    from engine import Engine

    engine = Engine.from_folder(system)
    g = engine.generate(prompt, seed=seed, size=size, sampler=sampler, mode=mode)
    register_fonts(f.path for f in engine.design_system(g.mode).fonts if Path(f.path).is_file())
    out = {"system": Path(system).name, "prompt": prompt, "size": list(size), "sampler": sampler,
           "mode": g.mode, "png_bytes": len(g.encode("png"))}
    for svg_text in ("live", "outline"):
        svg = g.svg_as(svg_text)
        out[svg_text] = {"bytes": len(svg.encode()), **agreement(svg, g.image)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("systems", nargs="+", help="design-system folders")
    ap.add_argument("--prompt", default="checkout page with order summary")
    ap.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT (default 1920x1080)")
    ap.add_argument("--sampler", default="procedural", choices=["procedural", "student", "teacher"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    a = ap.parse_args(argv)
    try:
        w, h = (int(v) for v in a.size.lower().split("x"))
    except ValueError:
        print(f"bench_svg_export: --size {a.size!r} is not WIDTHxHEIGHT", file=sys.stderr)
        return 2
    rows = [run(s, a.prompt, (w, h), a.sampler, a.seed) for s in a.systems]
    if a.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'system':<10} {'live KB':>8} {'outline KB':>10} {'live mean|d|':>12} {'live within':>11} "
          f"{'outline mean|d|':>15} {'outline within':>14}")
    for r in rows:
        lv, ol = r["live"], r["outline"]
        print(f"{r['system']:<10} {lv['bytes'] / 1024:>8.1f} {ol['bytes'] / 1024:>10.1f} {lv['mean_abs']:>12.3f} "
              f"{lv['within']:>11.2%} {ol['mean_abs']:>15.3f} {ol['within']:>14.2%}")
    print(f"(within: pixels whose largest channel difference is at most {TOLERANCE} of 255)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
