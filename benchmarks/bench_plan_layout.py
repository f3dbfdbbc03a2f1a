"""Open prompts laid out by the plan composer against a diffusion model trained on plans.

For each prompt of the open-prompt sets, the mock is made twice with the same seed: with
``plan_layout="composed"`` (the plan composer's layout) and with ``plan_layout="sampled"`` (a
model with plan tokens lays the composer's content out, `engine.compose.plan_fill`). Reported
per set and layout: kinds present and labels present (`eval.open_prompts`, as `onbrand
eval-suite` reports them), LayoutGAN++ Alignment and Overlap of the top-level elements (lower is
better), and for the sampled layouts how many plan nodes had no room (dropped) per mock.

    python -m benchmarks.bench_plan_layout --student build/student-plan
    python -m benchmarks.bench_plan_layout --sampler teacher --model build/teacher-plan --steps 20

Without a model trained on plans the sampled layouts fall back to the composer (the script says
so and stops).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ("eval/prompts/open_dev.jsonl", "eval/prompts/open_heldout.jsonl")
SIZES = {"desktop": (960, 540), "tablet": (683, 512), "mobile": (430, 932)}


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("{")]


def _mean(xs: list) -> float | None:
    xs = [x for x in xs if x is not None]
    return round(statistics.fmean(xs), 4) if xs else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--system", default=str(ROOT / "sample_design_systems" / "harbor"))
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    ap.add_argument("--sampler", default="student", choices=("student", "teacher"))
    ap.add_argument("--model", "--student", dest="model", required=True, help="model folder with plan tokens")
    ap.add_argument("--steps", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n", type=int, default=0, help="first N prompts of each set (0: all)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from engine.api import Engine
    from eval.layout import alignment, overlap
    from eval.open_prompts import kinds_present, labels_present

    eng = Engine.from_folder(args.system, weights={args.sampler: args.model})
    if not getattr(eng.model(args.sampler).config, "plan_tokens", False):
        print(f"{args.model}: the model has no plan tokens; nothing to compare", file=sys.stderr)
        return 2
    out: dict = {}
    for set_path in args.sets:
        rows = _rows(ROOT / set_path)[: args.n or None]
        res = {"composed": {"kinds": [], "labels": [], "alignment": [], "overlap": []},
               "sampled": {"kinds": [], "labels": [], "alignment": [], "overlap": [], "dropped": []}}
        for r in rows:
            device = r.get("device", "desktop")
            for layout in ("composed", "sampled"):
                g = eng.generate(r["prompt"], seed=args.seed, size=SIZES[device], device=device, sampler=args.sampler,
                                 steps=args.steps, plan_layout=layout)
                s = g.scene
                boxes = [(e.box[0] / s.width, e.box[1] / s.height, e.box[2] / s.width, e.box[3] / s.height)
                         for e in s.elements]
                m = res[layout]
                m["kinds"].append(kinds_present(s.count(), r.get("requires", [])))
                m["labels"].append(labels_present(s, r.get("labels", [])))
                m["alignment"].append(alignment(boxes))
                m["overlap"].append(overlap(boxes))
                if layout == "sampled":
                    m["dropped"].append(len(g.layout_report.get("plan_fill", {}).get("dropped_plan_nodes", [])))
        out[set_path] = {k: {m: _mean(v) for m, v in d.items()} for k, d in res.items()}
        out[set_path]["prompts"] = len(rows)
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        print(f"{args.sampler} {args.model} on {Path(args.system).name}, seed {args.seed}")
        print(f"{'set':34} {'layout':9} {'kinds':>6} {'labels':>6} {'align':>8} {'overlap':>8} {'dropped':>7}")
        for set_path, d in out.items():
            for layout in ("composed", "sampled"):
                m = d[layout]
                print(f"{set_path:34} {layout:9} {m['kinds']!s:>6} {m['labels']!s:>6} {m['alignment']!s:>8} "
                      f"{m['overlap']!s:>8} {m.get('dropped', '')!s:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
