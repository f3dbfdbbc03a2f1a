"""Benchmark: the HTML export against the PNG, in a real browser, per sample system and device.

    python -m benchmarks.bench_html [--systems harbor,ember,grove,circuit] [--devices desktop,tablet,mobile]
                                    [--sampler procedural] [--prompt "…"] [--scale 0.5] [--out DIR] [--json]

For each system and device it generates a mock at `--scale` of the device's preset size (half
by default, to keep it quick), writes its HTML page (`Generation.html()`), renders the page in
headless Chromium (`eval.browser.browser_screenshot`, same CSS size and device pixel ratio as
the scene) and compares the screenshot with onbrand's PNG pixel by pixel (CIEDE2000:
`eval.browser.pixel_agreement`): mean ΔE00, 95th percentile, share of pixels within ΔE 3.
It also reports the page's size, its parse and accessibility problems (`eval.html_check`) and
the text lines below WCAG AA. Prints a Markdown table (the README's) or JSON; `--out` keeps
the PNG, the HTML and the browser's screenshot of each.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from engine import Engine
from engine.render.html import text_contrast
from eval.browser import AGREEMENT_LIMITS, browser_screenshot, passes, pixel_agreement
from eval.html_check import html_problems
from scene.devices import DEVICES

ROOT = Path(__file__).resolve().parents[1]
PROMPTS = {"desktop": "checkout page with order summary", "tablet": "analytics dashboard with KPI cards and a table",
           "mobile": "settings page with notification toggles"}


def run(systems, devices, sampler: str, prompt: str | None, scale: float, out: Path | None) -> list[dict]:
    rows = []
    for name in systems:
        engine = Engine.from_folder(ROOT / "sample_design_systems" / name)
        for dev in devices:
            (w, h), _ = DEVICES[dev]
            size = (round(w * scale), round(h * scale))
            gen = engine.generate(prompt or PROMPTS[dev], device=dev, size=size, sampler=sampler)
            t = time.perf_counter()
            page = gen.html()
            html_s = time.perf_counter() - t
            sc = gen.scene
            t = time.perf_counter()
            shot = browser_screenshot(page, sc.width / sc.scale, sc.height / sc.scale, sc.scale)
            browser_s = time.perf_counter() - t
            agree = pixel_agreement(gen.image, shot)
            low = [c for c in text_contrast(sc, gen.design_system) if c["contrast"] < c["need"]]
            row = {"system": name, "device": dev, "size": list(size), "sampler": gen.sampler,
                   "archetype": sc.archetype, **agree, "passes": passes(agree), "html_kb": round(len(page) / 1024),
                   "problems": html_problems(page), "text_below_aa": len(low), "html_s": round(html_s, 3),
                   "browser_s": round(browser_s, 2)}
            rows.append(row)
            if out is not None:
                out.mkdir(parents=True, exist_ok=True)
                stem = out / f"{name}-{dev}"
                gen.image.save(f"{stem}.png")
                shot.save(f"{stem}.browser.png")
                Path(f"{stem}.html").write_text(page, encoding="utf-8")
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| system | device | size | mean ΔE00 | p95 ΔE00 | pixels within ΔE 3 | passes | parse / a11y problems |"
             " text below AA |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['system']} | {r['device']} | {r['size'][0]}×{r['size'][1]} | {r['mean_delta_e']:.2f} | "
                     f"{r['p95_delta_e']:.2f} | {100 * r['within_3']:.1f} % | {'yes' if r['passes'] else 'no'} | "
                     f"{len(r['problems'])} | {r['text_below_aa']} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--systems", default="harbor,ember,grove,circuit")
    ap.add_argument("--devices", default="desktop,tablet,mobile")
    ap.add_argument("--sampler", default="procedural", choices=["procedural", "student", "teacher"])
    ap.add_argument("--prompt", help="one prompt for every device (default: one per device)")
    ap.add_argument("--scale", type=float, default=0.5, help="share of the device's preset size (default 0.5)")
    ap.add_argument("--out", type=Path, help="keep each PNG, page and screenshot here")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    rows = run(a.systems.split(","), a.devices.split(","), a.sampler, a.prompt, a.scale, a.out)
    if a.json:
        print(json.dumps(rows, indent=2))
    else:
        print(table(rows))
        print(f"\nlimits: mean ΔE00 ≤ {AGREEMENT_LIMITS['mean_delta_e']}, ≥ {100 * AGREEMENT_LIMITS['within_3']:.0f} % "
              "of pixels within ΔE 3")


if __name__ == "__main__":
    main()
