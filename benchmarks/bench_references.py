"""Reference following: does a mock take the layout of a screen the system shows or the user sends?

    python -m benchmarks.bench_references [--system DIR] [--seeds 3] [--sampler student]
        [--strength S] [--model DIR] [--json]

Eight reference screens whose layouts differ from onbrand's defaults are drawn as SVG files in
the manner of a design tool's export (rectangles, text, a few controls): a right-hand rail, a
master–detail split, a top tab bar over two columns, a bento grid, a three-column feed, a split
sign-up, a board of columns and a full-width table under a filter rail. Each comes with a prompt
that names the screen's purpose but not its layout ("a support inbox", "a release notes feed").

Two ways in, each with and without the reference:

- **folder screen**: the screen is saved as ``screens/<name>.svg`` in a copy of the design
  system (`--system`, Harbor by default) and ingested; the prompt is generated with retrieval
  (the engine finds the screen in the store) and with ``retrieval=False``;
- **request image**: the screen rendered to PNG is sent with the request
  (``reference_images=[…]``, the ``--ref`` of ``onbrand generate``), against no image.

The score is the mean best IoU of the reference's top-level blocks (as `ingest.screens` reads
the screen: regions of 2 % of the canvas or more) with the mock's top-level elements, both
normalised to the canvas, averaged over the screens and `--seeds` seeds. By default the
sampler starts from a matching reference and keeps its blocks (the engine's default); with
``--strength 1`` every case samples from pure noise, so only what the model reads (its
cross-attention, and the pictured reference's path into the slots of a model trained with
``reference_slots``) can follow the reference. ``--model DIR`` samples with another checkpoint
of the chosen sampler. Goals: ≥ 0.50 with the
reference and ≥ 0.15 above without. Faithfulness (the share of the prompt's required element
kinds present) is reported beside it, so following a layout does not come at the cost of the
prompt.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
W, H = 1440, 900
#: Minimum share of the canvas for a reference block to count as top-level.
TOP_LEVEL = 0.02

# Each screen: file stem, prompt, required kinds, regions (kind, x, y, w, h in 0–1, label).
SCREENS: list[dict] = [
    {"name": "customer-orders", "prompt": "orders page for a bike shop with order details",
     "requires": ["table"],
     "regions": [("navbar", 0, 0, 1, .08, "Orders"), ("table", .03, .12, .64, .84, "Recent orders"),
                 ("card", .70, .12, .27, .38, "Order details"), ("card", .70, .54, .27, .42, "Customer")]},
    {"name": "support-inbox", "prompt": "support inbox with a conversation open",
     "requires": ["list"],
     "regions": [("sidebar", 0, 0, .16, 1, "Inbox"), ("list", .16, 0, .28, 1, "Conversations"),
                 ("card", .46, .04, .52, .92, "Conversation")]},
    {"name": "project-settings", "prompt": "project settings with general and billing sections",
     "requires": ["tabs", "input"],
     "regions": [("navbar", 0, 0, 1, .08, "Project"), ("tabs", .04, .10, .92, .06, "General"),
                 ("card", .04, .20, .45, .76, "General"), ("card", .51, .20, .45, .76, "Billing")]},
    {"name": "studio-overview", "prompt": "studio overview with highlights",
     "requires": ["card"],
     "regions": [("navbar", 0, 0, 1, .08, "Studio"), ("card", .03, .11, .46, .50, "Highlights"),
                 ("card", .51, .11, .22, .24, "Visitors"), ("card", .75, .11, .22, .24, "Sales"),
                 ("card", .51, .37, .46, .24, "Goals"), ("card", .03, .64, .30, .32, "Team"),
                 ("card", .35, .64, .62, .32, "Activity")]},
    {"name": "release-notes", "prompt": "release notes feed for a developer tool",
     "requires": ["text"],
     "regions": [("sidebar", 0, 0, .18, 1, "Docs"), ("card", .22, .04, .50, .44, "Release 4.2"),
                 ("card", .22, .52, .50, .44, "Release 4.1"), ("card", .76, .04, .21, .40, "Subscribe")]},
    {"name": "create-account", "prompt": "create account page",
     "requires": ["input", "button"],
     "regions": [("card", 0, 0, .5, 1, "Welcome"), ("card", .60, .18, .30, .64, "Create account")]},
    {"name": "sprint-board", "prompt": "sprint board for the mobile team",
     "requires": ["card"],
     "regions": [("navbar", 0, 0, 1, .08, "Sprint 14"), ("card", .02, .11, .23, .86, "Backlog"),
                 ("card", .265, .11, .23, .86, "To do"), ("card", .51, .11, .23, .86, "In progress"),
                 ("card", .755, .11, .225, .86, "Done")]},
    {"name": "stock-levels", "prompt": "stock levels with filters",
     "requires": ["table"],
     "regions": [("navbar", 0, 0, 1, .08, "Inventory"), ("card", .02, .11, .20, .86, "Filters"),
                 ("table", .24, .11, .74, .86, "Stock")]},
]


def screen_svg(screen: dict, colours: dict[str, str]) -> str:
    """One reference screen as an SVG in the manner of a design tool's export."""
    bg, surf, border = colours["background"], colours["surface"], colours["border"]
    text, muted, primary = colours["text"], colours["text-muted"], colours["primary"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}">',
           f'<rect width="{W}" height="{H}" fill="{bg}"/>']
    for kind, x, y, w, h, label in screen["regions"]:
        X, Y, Wd, Ht = x * W, y * H, w * W, h * H
        if kind == "navbar":
            out.append(f'<rect x="{X}" y="{Y}" width="{Wd}" height="{Ht}" fill="{surf}"/>')
            out.append(f'<rect x="{X}" y="{Y + Ht - 1}" width="{Wd}" height="1" fill="{border}"/>')
            out.append(f'<text x="{X + 24}" y="{Y + Ht / 2 + 6}" font-family="sans-serif" font-size="18" '
                       f'font-weight="700" fill="{text}">{label}</text>')
            out.append(f'<rect x="{X + Wd - 140}" y="{Y + Ht / 2 - 18}" width="116" height="36" rx="6" fill="{primary}"/>')
            continue
        if kind == "sidebar":
            out.append(f'<rect x="{X}" y="{Y}" width="{Wd}" height="{Ht}" fill="{surf}"/>')
            out.append(f'<rect x="{X + Wd - 1}" y="{Y}" width="1" height="{Ht}" fill="{border}"/>')
            for i in range(6):
                out.append(f'<text x="{X + 24}" y="{Y + 60 + 44 * i}" font-family="sans-serif" font-size="15" '
                           f'fill="{text if i else primary}">{label if i == 0 else f"Item {i}"}</text>')
            continue
        if kind == "tabs":
            for i, t in enumerate((label, "Members", "Billing", "Security")):
                out.append(f'<text x="{X + 8 + 130 * i}" y="{Y + Ht / 2 + 6}" font-family="sans-serif" font-size="15" '
                           f'fill="{primary if i == 0 else muted}">{t}</text>')
            out.append(f'<rect x="{X}" y="{Y + Ht - 3}" width="110" height="3" fill="{primary}"/>')
            out.append(f'<rect x="{X}" y="{Y + Ht - 1}" width="{Wd}" height="1" fill="{border}"/>')
            continue
        out.append(f'<rect x="{X}" y="{Y}" width="{Wd}" height="{Ht}" rx="10" fill="{surf}" stroke="{border}"/>')
        out.append(f'<text x="{X + 20}" y="{Y + 34}" font-family="sans-serif" font-size="17" font-weight="600" '
                   f'fill="{text}">{label}</text>')
        rows = max(1, int((Ht - 70) // 44))
        for i in range(min(rows, 12)):
            ry = Y + 60 + 44 * i
            if kind in ("table", "list"):
                out.append(f'<rect x="{X + 20}" y="{ry + 36}" width="{Wd - 40}" height="1" fill="{border}"/>')
                out.append(f'<text x="{X + 20}" y="{ry + 24}" font-family="sans-serif" font-size="14" '
                           f'fill="{text}">Row {i + 1}</text>')
                out.append(f'<text x="{X + Wd * 0.55}" y="{ry + 24}" font-family="sans-serif" font-size="14" '
                           f'fill="{muted}">Detail {i + 1}</text>')
            else:
                out.append(f'<text x="{X + 20}" y="{ry + 24}" font-family="sans-serif" font-size="14" '
                           f'fill="{muted}">Line {i + 1} of text in this panel</text>')
    out.append("</svg>")
    return "\n".join(out)


def top_level(blocks) -> list[tuple[float, float, float, float]]:
    return [tuple(b.box) for b in blocks if b.box[2] * b.box[3] >= TOP_LEVEL]


def iou(a, b) -> float:
    ax2, ay2, bx2, by2 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    iw, ih = max(0.0, min(ax2, bx2) - max(a[0], b[0])), max(0.0, min(ay2, by2) - max(a[1], b[1]))
    inter = iw * ih
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


def mean_best_iou(ref: list, out: list) -> float:
    """Mean over the reference's boxes of the best IoU with any output box."""
    if not ref:
        return 0.0
    return statistics.fmean(max((iou(r, o) for o in out), default=0.0) for r in ref)


def scene_boxes(gen) -> list[tuple[float, float, float, float]]:
    s = gen.scene
    return [(e.box[0] / s.width, e.box[1] / s.height, e.box[2] / s.width, e.box[3] / s.height) for e in s.elements]


def faithfulness(gen, requires: list[str]) -> float:
    kinds = {e.kind for e in gen.scene.walk()}
    return sum(k in kinds for k in requires) / len(requires) if requires else 1.0


def run(system: Path, seeds: int, sampler: str, size: tuple[int, int], strength: float | None = None,
        model: Path | None = None) -> dict:
    import cairosvg

    from engine.api import Engine
    from ingest import ingest_to_store
    from ingest.screens import svg_screen_blocks

    weights = {sampler: str(model)} if model else None
    base = Engine.from_folder(system, weights=weights)
    colours = {r: base.ds.role_map().get(r, "#888888") for r in
               ("background", "surface", "border", "text", "text-muted", "primary")}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for sc in SCREENS:
            folder = Path(tmp) / sc["name"]
            shutil.copytree(system, folder, ignore=shutil.ignore_patterns(".onbrand", "screens"))
            (folder / "screens").mkdir()
            svg = screen_svg(sc, colours)
            path = folder / "screens" / f"{sc['name']}.svg"
            path.write_text(svg)
            png = cairosvg.svg2png(bytestring=svg.encode(), output_width=W, output_height=H)
            ingest_to_store(folder)
            eng = Engine.from_folder(folder, weights=weights)
            ref = top_level(svg_screen_blocks(path))
            from PIL import Image

            image = Image.open(io.BytesIO(png)).convert("RGB")
            for seed in range(seeds):
                common = dict(seed=seed, size=size, sampler=sampler, strength=strength)
                cases = {
                    "folder_with": eng.generate(sc["prompt"], **common),
                    "folder_without": eng.generate(sc["prompt"], retrieval=False, **common),
                    "image_with": base.generate(sc["prompt"], reference_images=[image], **common),
                    "image_without": base.generate(sc["prompt"], **common),
                }
                row = {"screen": sc["name"], "seed": seed}
                for key, gen in cases.items():
                    row[key] = round(mean_best_iou(ref, scene_boxes(gen)), 4)
                    row[f"{key}_faithfulness"] = round(faithfulness(gen, sc["requires"]), 3)
                row["folder_reference_used"] = any(r.get("kind") == "screen" for r in
                                                   cases["folder_with"].conditioning.get("references", []))
                rows.append(row)
    summary = {}
    for key in ("folder_with", "folder_without", "image_with", "image_without"):
        summary[key] = round(statistics.fmean(r[key] for r in rows), 4)
        summary[f"{key}_faithfulness"] = round(statistics.fmean(r[f"{key}_faithfulness"] for r in rows), 3)
    summary["folder_gain"] = round(summary["folder_with"] - summary["folder_without"], 4)
    summary["image_gain"] = round(summary["image_with"] - summary["image_without"], 4)
    summary["folder_screen_found"] = round(statistics.fmean(r["folder_reference_used"] for r in rows), 3)
    return {"system": str(system), "sampler": sampler, "strength": strength, "model": str(model) if model else None,
            "seeds": seeds, "screens": len(SCREENS),
            "summary": summary, "rows": rows}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--system", type=Path, default=ROOT / "sample_design_systems" / "harbor")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--sampler", default="student", choices=["student", "teacher"])
    ap.add_argument("--size", default="960x600", help="mock size WIDTHxHEIGHT (the layout class is the device's)")
    ap.add_argument("--strength", type=float, default=None,
                    help="sampling strength for every case (1: from pure noise; default: the engine's)")
    ap.add_argument("--model", type=Path, default=None, metavar="DIR", help="checkpoint folder for --sampler")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    w, h = (int(v) for v in args.size.split("x"))
    res = run(args.system, args.seeds, args.sampler, (w, h), args.strength, args.model)
    if args.json:
        print(json.dumps(res, indent=1))
    else:
        s = res["summary"]
        print(f"{res['screens']} screens × {res['seeds']} seeds, {res['sampler']} sampler"
              f"{' ' + res['model'] if res['model'] else ''}, strength {res['strength'] or 'default'}, "
              f"{Path(res['system']).name}")
        print(f"{'':16}{'with':>8}{'without':>9}{'gain':>7}   faithfulness with / without")
        for way in ("folder", "image"):
            print(f"{way + (' screen' if way == 'folder' else ' (request)'):16}{s[way + '_with']:>8.3f}"
                  f"{s[way + '_without']:>9.3f}{s[way + '_gain']:>7.3f}   "
                  f"{s[way + '_with_faithfulness']:.2f} / {s[way + '_without_faithfulness']:.2f}")
        print(f"folder screen retrieved for its prompt: {s['folder_screen_found']:.0%}")
        for r in res["rows"]:
            if r["seed"] == 0:
                print(f"  {r['screen']:18} folder {r['folder_with']:.2f}/{r['folder_without']:.2f}  "
                      f"image {r['image_with']:.2f}/{r['image_without']:.2f}")
    return res


if __name__ == "__main__":
    main()
