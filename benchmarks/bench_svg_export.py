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

With ``--browser`` the live SVG is also drawn by headless Chromium (`eval.browser`), inline in
a page whose ``@font-face`` rules hold the system's font files, so the text is set with
HarfBuzz in the very faces and weights the raster used and the shadow filters are blurred:
``browser`` reports the same two figures and the CIEDE2000 agreement of `eval.browser`.
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


def font_faces_css(paths) -> str:
    """``@font-face`` rules that give each font file the family, weight and style a live SVG
    names it by (`engine.render.text.face_info`), its data embedded."""
    import base64

    from engine.render.text import face_info

    rules = []
    for p in dict.fromkeys(str(p) for p in paths):
        face = face_info(p)
        kind = "opentype" if p.lower().endswith(".otf") else "truetype"
        data = base64.b64encode(Path(p).read_bytes()).decode()
        rules.append(f"@font-face {{ font-family: '{face.family}'; font-weight: {face.weight}; "
                     f"font-style: {'italic' if face.italic else 'normal'}; "
                     f"src: url(data:font/{'otf' if kind == 'opentype' else 'ttf'};base64,{data}) format('{kind}'); }}")
    return "\n".join(rules)


def browser_agreement(svg: str, image, fonts) -> dict[str, float]:
    """`agreement`, plus `eval.browser.pixel_agreement`'s ΔE00 figures, of `svg` drawn by
    headless Chromium inline in a page that holds the `fonts` files as ``@font-face``."""
    from eval.browser import browser_screenshot, pixel_agreement

    w, h = image.size
    html = (f"<!doctype html><html><head><meta charset='utf-8'><style>{font_faces_css(fonts)}\n"
            f"html, body {{ margin: 0; padding: 0; }} svg {{ display: block; }}</style></head>"
            f"<body>{svg}</body></html>")
    shot = browser_screenshot(html, w, h, 1.0)
    ours = np.asarray(image.convert("RGB")).astype(np.int16)
    diff = np.abs(ours - np.asarray(shot).astype(np.int16))
    de = pixel_agreement(shot, image)
    return {"mean_abs": round(float(diff.mean()), 3), "within": round(float((diff.max(axis=2) <= TOLERANCE).mean()), 4),
            "mean_delta_e": de["mean_delta_e"], "within_delta_e_3": de["within_3"]}


def run(system: str, prompt: str = "checkout page with order summary", size: tuple[int, int] = (1920, 1080),
        sampler: str = "procedural", seed: int = 0, mode: str | None = None, browser: bool = False) -> dict:
    """One mock of `system`: the size of its live and outlined SVGs and each one's agreement
    (with `browser`, also the live SVG's agreement when Chromium draws it)."""
    from engine import Engine

    engine = Engine.from_folder(system)
    g = engine.generate(prompt, seed=seed, size=size, sampler=sampler, mode=mode)
    fonts = [f.path for f in engine.design_system(g.mode).fonts if Path(f.path).is_file()]
    register_fonts(fonts)
    out = {"system": Path(system).name, "prompt": prompt, "size": list(size), "sampler": sampler,
           "mode": g.mode, "png_bytes": len(g.encode("png"))}
    for svg_text in ("live", "outline"):
        svg = g.svg_as(svg_text)
        out[svg_text] = {"bytes": len(svg.encode()), **agreement(svg, g.image)}
    if browser:
        out["browser"] = browser_agreement(g.svg_as("live"), g.image, fonts)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("systems", nargs="+", help="design-system folders")
    ap.add_argument("--prompt", default="checkout page with order summary")
    ap.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT (default 1920x1080)")
    ap.add_argument("--sampler", default="procedural", choices=["procedural", "student", "teacher"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--browser", action="store_true", help="also draw the live SVG in headless Chromium")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    a = ap.parse_args(argv)
    try:
        w, h = (int(v) for v in a.size.lower().split("x"))
    except ValueError:
        print(f"bench_svg_export: --size {a.size!r} is not WIDTHxHEIGHT", file=sys.stderr)
        return 2
    rows = [run(s, a.prompt, (w, h), a.sampler, a.seed, browser=a.browser) for s in a.systems]
    if a.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'system':<10} {'live KB':>8} {'outline KB':>10} {'live mean|d|':>12} {'live within':>11} "
          f"{'outline mean|d|':>15} {'outline within':>14}")
    for r in rows:
        lv, ol = r["live"], r["outline"]
        print(f"{r['system']:<10} {lv['bytes'] / 1024:>8.1f} {ol['bytes'] / 1024:>10.1f} {lv['mean_abs']:>12.3f} "
              f"{lv['within']:>11.2%} {ol['mean_abs']:>15.3f} {ol['within']:>14.2%}")
        if "browser" in r:
            b = r["browser"]
            print(f"{'':<10} live SVG in Chromium: mean |d| {b['mean_abs']:.3f}, within {b['within']:.2%}, "
                  f"mean ΔE00 {b['mean_delta_e']:.3f}, within ΔE 3 {b['within_delta_e_3']:.2%}")
    print(f"(within: pixels whose largest channel difference is at most {TOLERANCE} of 255)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
