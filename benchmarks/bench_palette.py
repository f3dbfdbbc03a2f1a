"""Benchmark :func:`eval.palette.palette_adherence` on a synthetic 4K UI frame.

Run with ``python -m benchmarks.bench_palette [--runs N]``.  The frame is a flat,
gradient-free dashboard-like layout drawn with PIL at 3840×2160: palette-coloured
nav bar, sidebar, cards, buttons and chips, a few off-palette blocks (an "image"
placeholder and a stray accent), and many lines of anti-aliased text drawn with
FreeType, which produces the blend pixels the edge rule has to deal with.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from eval.palette import palette_adherence

WIDTH, HEIGHT = 3840, 2160

BENCH_PALETTE: dict[str, str] = {
    "background": "#f7f8fa",
    "surface": "#ffffff",
    "primary": "#3056d3",
    "primary-dark": "#1e3a8a",
    "text": "#1f2937",
    "muted": "#6b7280",
    "border": "#e5e7eb",
    "success": "#16a34a",
    "danger": "#dc2626",
}

_WORDS = "revenue users growth weekly report settings export filter active pending".split()


def make_ui_frame(width: int = WIDTH, height: int = HEIGHT, seed: int = 0) -> Image.Image:
    """Draw a deterministic flat UI mock with anti-aliased text at the given size."""
    rng = np.random.default_rng(seed)
    p = BENCH_PALETTE
    img = Image.new("RGB", (width, height), p["background"])
    d = ImageDraw.Draw(img)
    s = width / 3840.0
    body = ImageFont.load_default(size=max(8, int(28 * s)))
    title = ImageFont.load_default(size=max(10, int(56 * s)))

    nav_h, side_w = int(120 * s), int(520 * s)
    d.rectangle([0, 0, width, nav_h], fill=p["primary-dark"])
    d.text((int(40 * s), int(30 * s)), "Onbrand Analytics", font=title, fill=p["surface"])
    d.rectangle([0, nav_h, side_w, height], fill=p["surface"])
    d.line([side_w, nav_h, side_w, height], fill=p["border"], width=max(1, int(2 * s)))
    for i in range(14):
        y = nav_h + int((60 + i * 110) * s)
        if i == 2:
            d.rounded_rectangle([int(24 * s), y - int(20 * s), side_w - int(24 * s), y + int(60 * s)],
                                radius=int(16 * s), fill=p["primary"])
        colour = p["surface"] if i == 2 else p["text"]
        d.text((int(60 * s), y), f"Menu item {_WORDS[i % len(_WORDS)]}", font=body, fill=colour)

    card_w, card_h, gap = int(760 * s), int(560 * s), int(48 * s)
    x0, y0 = side_w + gap, nav_h + gap
    for row in range(3):
        for col in range(4):
            x, y = x0 + col * (card_w + gap), y0 + row * (card_h + gap)
            if x + card_w > width or y + card_h > height:
                continue
            d.rounded_rectangle([x, y, x + card_w, y + card_h], radius=int(24 * s),
                                fill=p["surface"], outline=p["border"], width=max(1, int(2 * s)))
            d.text((x + int(32 * s), y + int(28 * s)), f"Card {row * 4 + col + 1}", font=title, fill=p["text"])
            for line in range(7):
                words = " ".join(rng.choice(_WORDS, size=4))
                d.text((x + int(32 * s), y + int((120 + line * 44) * s)), words, font=body, fill=p["muted"])
            chip = p["success"] if (row + col) % 2 else p["danger"]
            d.rounded_rectangle([x + int(32 * s), y + card_h - int(100 * s), x + int(260 * s),
                                 y + card_h - int(40 * s)], radius=int(30 * s), fill=chip)
            d.text((x + int(60 * s), y + card_h - int(88 * s)), "status", font=body, fill=p["surface"])
            d.rounded_rectangle([x + card_w - int(260 * s), y + card_h - int(100 * s), x + card_w - int(32 * s),
                                 y + card_h - int(40 * s)], radius=int(12 * s), fill=p["primary"])
            d.text((x + card_w - int(230 * s), y + card_h - int(88 * s)), "Open", font=body, fill=p["surface"])
            if (row, col) == (1, 2):  # off-palette "image" placeholder and a stray accent
                d.rectangle([x + int(400 * s), y + int(120 * s), x + card_w - int(40 * s), y + int(400 * s)],
                            fill="#c7b299")
                d.ellipse([x + int(560 * s), y + int(180 * s), x + int(680 * s), y + int(300 * s)], fill="#8e44ad")
    return img


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    frame = make_ui_frame()
    palette_adherence(frame, BENCH_PALETTE)  # warm-up (imports, allocator)
    times: list[float] = []
    report = None
    for _ in range(args.runs):
        t0 = time.perf_counter()
        report = palette_adherence(frame, BENCH_PALETTE)
        times.append(time.perf_counter() - t0)
    assert report is not None
    print(f"frame {WIDTH}x{HEIGHT}, palette {len(BENCH_PALETTE)} colours, runs {args.runs}")
    print(f"adherence {report.palette_adherence:.4f}, counted {report.counted_pixels}, "
          f"ignored edges {report.ignored_edge_pixels}, off-palette groups {len(report.off_palette)}")
    print(f"median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})")


if __name__ == "__main__":
    main()
