"""Contact sheets of open prompts: screens none of the built-in page types draws.

    python -m benchmarks.open_sheet [--systems DIR ...] [--devices desktop mobile] [--seed 0]
                                    [--out out/open_sheet] [--prompt "…" ...] [--json]

Each prompt is planned (`conditioning.plan.plan_prompt`), composed (`engine.compose.plan_compose`)
and drawn at a small size (desktop 960×540, mobile 430×932) on each system, in its default mode
(Circuit is dark-first). One sheet per system and device (`<system>-<device>.png`, four
columns, the prompt under each mock) and every mock on its own (`<system>-<device>-<n>.png`)
land in `--out`; judge them against the review guide (answers the prompt, looks designed, on
brand). The structural checks run here too: every planned kind drawn, every named label shown,
no overlapping siblings, nothing out of frame, no sales words the prompt does not say on a screen
not about sales; the summary prints what each mock failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

OPEN_PROMPTS: tuple[str, ...] = (
    "kanban board for a support team with To do, In progress and Done columns",
    "music player with queue",
    "flight search results from Lisbon to Berlin",
    "video call with six participants and mute, camera and leave buttons",
    "weather app with hourly forecast",
    "recipe page with ingredients and steps",
    "fleet map with vehicle list",
    "invoice with line items and a pay now button",
    "course lesson with video and progress",
    "code review with diff and comments",
    "fitness tracker with daily activity rings",
    "hotel booking with room options and dates",
    "job board with filters",
    "banking transactions with balance",
    "chat app with conversations list",
    "file manager with folders and recent files",
)
SMALL = {"desktop": (960, 540), "tablet": (683, 512), "mobile": (430, 932)}


def check_scene(scene, plan) -> list[str]:
    """What a mock fails of the structural checks (empty when it passes them)."""
    from engine.compose.open_copy import SALES_WORDS, domain_of
    from engine.compose.plan_compose import section_texts
    from eval.layout import structural_defects

    problems: list[str] = []
    kinds = scene.count()
    from eval.open_prompts import label_found

    shown = [t for e in scene.walk() for t in section_texts(e)]
    texts = " ".join(shown).lower()
    for s in plan.sections:
        if s.kind != "section" and not kinds.get(s.kind):
            problems.append(f"no {s.kind}")
        for lab in s.labels:
            if lab.lower() not in texts and not label_found(lab, shown):
                problems.append(f"label {lab!r} missing")
    overlays = {"modal", "toast", "bottom_sheet", "menu", "tooltip"}
    ids = {e.id: e.kind for e in scene.walk()}
    for d in structural_defects(scene):
        if ids.get(d.element) in overlays or ids.get(d.other) in overlays:
            continue
        problems.append(f"{d.kind} {d.element} {d.other}".strip())
    if domain_of(plan.domain, plan.prompt).name != "sales":
        problems += [f"sales word {w!r}" for w in SALES_WORDS if w in texts
                     and w not in plan.prompt.lower()]  # the prompt's own words ("work orders") are asked for
    return problems


def run(systems: list[str], devices: list[str], prompts: list[str], seed: int, out: Path) -> list[dict]:
    from PIL import Image, ImageDraw

    from conditioning.plan import plan_prompt
    from engine.api import Engine
    from engine.compose.plan_compose import compose_plan
    from engine.render.canvas import Canvas
    from engine.render.components import Renderer
    from engine.render.theme import Theme

    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    for folder in systems:
        with tempfile.TemporaryDirectory() as tmp:
            engine = Engine.from_folder(folder, store=Path(tmp) / "store")
        theme = Theme(engine.ds)
        name = Path(folder).name
        for device in devices:
            w, h = SMALL[device]
            tiles = []
            for n, prompt in enumerate(prompts):
                t = time.perf_counter()
                plan = plan_prompt(prompt, device)
                scene = compose_plan(plan, w, h, theme=theme, seed=seed, device=device)
                cv = Canvas(w, h, theme.color(scene.background_role))
                Renderer(theme, scene.scale).draw(cv, scene)
                img = cv.image().convert("RGB")
                path = out / f"{name}-{device}-{n:02d}.png"
                img.save(path)
                problems = check_scene(scene, plan)
                rows.append({"system": name, "device": device, "prompt": prompt, "image": str(path),
                             "domain": plan.domain, "kinds": [s.kind for s in plan.sections],
                             "problems": problems, "seconds": round(time.perf_counter() - t, 3)})
                tiles.append((prompt, img))
            _sheet(tiles, out / f"{name}-{device}.png", Image, ImageDraw)
    return rows


def _sheet(tiles, path: Path, Image, ImageDraw, cols: int = 4) -> None:
    tw, th = tiles[0][1].size
    cap = 28
    rows = (len(tiles) + cols - 1) // cols
    sheet = Image.new("RGB", (cols * (tw + 16) + 16, rows * (th + cap + 16) + 16), (236, 236, 240))
    draw = ImageDraw.Draw(sheet)
    for k, (prompt, img) in enumerate(tiles):
        x, y = 16 + (k % cols) * (tw + 16), 16 + (k // cols) * (th + cap + 16)
        sheet.paste(img, (x, y))
        draw.text((x, y + th + 6), f"{k}. {prompt}"[:int(tw / 6)], fill=(40, 40, 48))
    sheet.save(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--systems", nargs="+", default=["sample_design_systems/harbor", "sample_design_systems/circuit"])
    ap.add_argument("--devices", nargs="+", default=["desktop", "mobile"], choices=sorted(SMALL))
    ap.add_argument("--prompt", action="append", help="a prompt (repeatable; default: the 16 open prompts)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="out/open_sheet")
    ap.add_argument("--json", action="store_true", help="print every mock's row as JSON")
    a = ap.parse_args(argv)
    for folder in a.systems:
        if not Path(folder).is_dir():
            print(f"error: {folder}: not a folder", file=sys.stderr)
            return 2
    rows = run(a.systems, a.devices, a.prompt or list(OPEN_PROMPTS), a.seed, Path(a.out))
    if a.json:
        print(json.dumps(rows, indent=1))
    else:
        for r in rows:
            flag = "ok " if not r["problems"] else "FAIL"
            print(f"{flag} {r['system']:8} {r['device']:7} {r['prompt'][:60]:60} {'; '.join(r['problems'])[:120]}")
        ok = sum(not r["problems"] for r in rows)
        print(f"structural checks passed: {ok}/{len(rows)}; sheets in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
