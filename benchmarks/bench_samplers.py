"""The diffusion samplers against each other on the held-out prompts: quality, speed, CPU cost.

    python -m benchmarks.bench_samplers [--system DIR] [--prompts FILE] [--n N] [--seeds 4] [--runs 5] [--json]
    python -m benchmarks.bench_samplers --student build/student --teacher build/teacher   # other weights
    python -m benchmarks.bench_samplers --configs teacher-50,student-2 --strength 0.4 --skip speed,style

Configurations: the distilled ``student`` at 1, 2 and 4 steps and the ``teacher`` at 50
steps, all with the engine's defaults (a retrieved reference layout, sampling from it noised
to 0.4 of the schedule: ``strength=0.4``, `engine.samplers.defaults.DEFAULT_STRENGTH`); both again from pure noise (``-noise``,
``strength=1``: the reference only through cross-attention); ``no-retrieval`` (the teacher
without reference layouts and with ``style_scale=0``: prompt only) and the ``procedural``
composer. For every held-out prompt (`eval/prompts/heldout.jsonl`,
never used in training) each one generates a mock of the prompt's device at a quarter of the
preset size (layout class and scene are the preset's), at `--seeds` seeds (4: 176 layouts;
layout FID over a single seed's 44 swings by a factor of two from seed to seed), and the
script reports:

- ``faithfulness``: share of each prompt's required element kinds present (`eval.suite`);
- ``layout_fid``: Fréchet distance of block-layout features to the procedural composer's
  layouts for the same prompts at other seeds (`eval.fid`);
- ``alignment`` and ``overlap``: LayoutGAN++ definitions (Kikuchi et al. 2021) over the final
  scene's element boxes (`eval.layout`; lower is better);
- ``defects_before_layout_pass``: overlapping sibling pairs and out-of-frame blocks in the
  raw sample (what the layout pass had to fix, from `Generation.layout_report`);
- ``sample_s``: median seconds of the sampling stage (`Generation.timings["sample"]`).

Then, on a warm engine, `--runs` end-to-end generations of a 3840×2160 PNG per sampler:
median wall seconds and median CPU-seconds of the process (every thread counted). Ratios are
against the teacher measured in the same process: its full 50 DDIM steps from noise, and the
engine's default teacher run (20 of the 50 steps, from the reference noised to 0.4). The style section samples the teacher with
a reference layout from one navigation family (sidebar, rail, top bar, none) and a prompt that
names none, and counts how often the generated page has that family's navigation, with and
without the reference.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_design_systems"
PROMPTS = ROOT / "eval" / "prompts" / "heldout.jsonl"

#: (name, Engine.generate keyword arguments)
CONFIGS: tuple[tuple[str, dict], ...] = (
    ("teacher-50", {"sampler": "teacher", "steps": 50}),
    ("student-1", {"sampler": "student", "steps": 1}),
    ("student-2", {"sampler": "student", "steps": 2}),
    ("student-4", {"sampler": "student", "steps": 4}),
    ("teacher-50-noise", {"sampler": "teacher", "steps": 50, "strength": 1.0}),
    ("student-2-noise", {"sampler": "student", "steps": 2, "strength": 1.0}),
    ("no-retrieval", {"sampler": "teacher", "steps": 50, "retrieval": False, "style_scale": 0.0}),
    ("procedural", {"sampler": "procedural"}),
)
SPEED_PROMPT = "sales analytics dashboard with revenue trend chart and four KPI cards"


def _defects(report: dict) -> int:
    """Overlapping sibling pairs and out-of-frame blocks in the raw sample (before the layout pass)."""
    return int(report.get("overlaps_found", 0) + report.get("clamped", 0))


def quality(engine, prompts, configs=CONFIGS, seed: int = 0, scale: float = 0.25, seeds: int = 1) -> dict[str, dict]:
    """Per configuration: mean faithfulness, alignment, overlap, raw defects; layout FID; median
    sampling seconds. With `seeds` > 1 every prompt is generated at that many seeds (`seed`,
    `seed` + 100, …) and the layout FID is over all of them against as many composer layouts
    (``layout_fid_per_seed`` gives each seed's own); the other metrics are means over all."""
    from engine.compose.composer import compose
    from engine.render.theme import Theme
    from eval.fid import layout_fid
    from eval.layout import alignment, normalised_boxes, overlap
    from eval.suite import REFERENCE_SEED_OFFSET, prompt_faithfulness
    from scene.blocks import scene_blocks
    from scene.devices import DEVICES

    theme = Theme(engine.ds)
    sizes = {d: (round(w * scale), round(h * scale)) for d, ((w, h), _) in DEVICES.items()}
    starts = [seed + 100 * k for k in range(max(1, seeds))]
    reference = {s: [scene_blocks(compose(p.prompt, *DEVICES[p.device][0], seed=s + REFERENCE_SEED_OFFSET + i,
                                          device=p.device, theme=theme)) for i, p in enumerate(prompts)]
                 for s in starts}
    out = {}
    for name, kw in configs:
        rows, layouts = [], {}
        for s in starts:
            for i, p in enumerate(prompts):
                g = engine.generate(p.prompt, seed=s + i, device=p.device, size=sizes[p.device], **kw)
                boxes = normalised_boxes(g.scene)
                layouts.setdefault(s, []).append(scene_blocks(g.scene))
                rows.append({"faithfulness": prompt_faithfulness(g.scene.count(), p.requires),
                             "alignment": alignment(boxes), "overlap": overlap(boxes),
                             "defects_before_layout_pass": _defects(g.layout_report), "sample_s": g.timings["sample"]})
        out[name] = {k: round(statistics.fmean(r[k] for r in rows), 5)
                     for k in ("faithfulness", "alignment", "overlap", "defects_before_layout_pass")}
        out[name]["layout_fid"] = round(layout_fid([b for s in starts for b in layouts[s]],
                                                   [b for s in starts for b in reference[s]]), 4)
        if len(starts) > 1:
            out[name]["layout_fid_per_seed"] = [round(layout_fid(layouts[s], reference[s]), 2) for s in starts]
        out[name]["sample_s"] = round(statistics.median(r["sample_s"] for r in rows), 4)
    return out


def speed(engine, configs=CONFIGS[:5], runs: int = 5, prompt: str = SPEED_PROMPT) -> dict[str, dict]:
    """Warm end-to-end 3840×2160 PNG per configuration: median wall and CPU seconds."""
    out = {}
    for name, kw in configs:
        engine.generate(prompt, seed=0, **kw)  # warm: model loaded, exemplars drawn
        wall, cpu, sample = [], [], []
        for r in range(runs):
            w0, c0 = time.perf_counter(), time.process_time()
            g = engine.generate(prompt, seed=r, **kw)
            g.encode()
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
            sample.append(g.timings["sample"])
        out[name] = {"e2e_s": round(statistics.median(wall), 4), "cpu_s": round(statistics.median(cpu), 4),
                     "sample_s": round(statistics.median(sample), 4)}
    return out


def nav_family(blocks) -> str:
    """sidebar, rail (a sidebar under 8 % of the width), topbar (a navbar only) or none."""
    side = [b for b in blocks if b.kind == "sidebar"]
    if side:
        return "rail" if max(b.box[2] for b in side) < 0.08 else "sidebar"
    return "topbar" if any(b.kind == "navbar" for b in blocks) else "none"


def style_following(engine, n: int = 24, seed: int = 7, sampler: str = "teacher", steps: int = 50) -> dict:
    """How often the sampled page's navigation matches a reference's family, with and without it."""
    from engine.compose.curriculum import sample_example
    from conditioning.packing import prompt_context
    from engine.samplers.student import sample_student
    from engine.samplers.teacher import sample_blocks
    from scene.blocks import scene_blocks

    model = engine.model(sampler)
    rng = random.Random(seed)
    archetypes = ("dashboard", "analytics", "settings", "inbox", "calendar", "file-manager", "table-admin", "profile")
    hits = {"with_reference": 0, "without_reference": 0}
    for i in range(n):
        arch, nav = rng.choice(archetypes), ("sidebar", "rail", "topbar", "none")[i % 4]
        ref = sample_example(rng, device="desktop", archetype=arch, style={"nav": nav})
        prompt = f"{arch.replace('-', ' ')} page"
        for key, refs in (("with_reference", [scene_blocks(ref.scene, model.config.n_slots)]), ("without_reference", [])):
            ctx = prompt_context(prompt, engine.ds, reference_blocks=refs)
            if sampler == "student":
                blocks = sample_student(model, ctx, steps=steps, seed=i)
            else:
                blocks = sample_blocks(model, ctx, steps=steps, seed=i)
            hits[key] += nav_family(blocks) == nav
    return {k: round(v / n, 3) for k, v in hits.items()} | {"pages": n, "families": 4}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--system", type=Path, default=SAMPLES / "harbor")
    ap.add_argument("--prompts", type=Path, default=PROMPTS)
    ap.add_argument("--n", type=int, default=None, help="use the first N prompts")
    ap.add_argument("--runs", type=int, default=5, help="warm 4K generations per sampler")
    ap.add_argument("--seeds", type=int, default=4,
                    help="seeds per prompt for the quality section (0, 100, …); layout FID over all of them")
    ap.add_argument("--student", type=Path, default=None, help="student model folder (default: committed)")
    ap.add_argument("--teacher", type=Path, default=None, help="teacher model folder (default: committed)")
    ap.add_argument("--skip", default="", help="comma-separated sections to skip: quality, speed, style")
    ap.add_argument("--configs", default="", help="comma-separated configuration names to run (default: all)")
    ap.add_argument("--strength", type=float, default=None,
                    help="SDEdit strength for the configurations that start from a reference (default: the engine's)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from engine.api import Engine
    from eval.suite import load_prompts

    weights = {k: v for k, v in (("student", args.student), ("teacher", args.teacher)) if v}
    engine = Engine.from_folder(args.system, weights=weights)
    prompts = load_prompts(args.prompts)[: args.n]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    wanted = {c.strip() for c in args.configs.split(",") if c.strip()}
    unknown = wanted - {name for name, _ in CONFIGS}
    if unknown:
        ap.error(f"unknown configuration(s) {', '.join(sorted(unknown))} (use {', '.join(n for n, _ in CONFIGS)})")
    configs = [(name, dict(kw)) for name, kw in CONFIGS if not wanted or name in wanted]
    if args.strength is not None:
        for _, kw in configs:
            if kw.get("sampler") != "procedural" and "strength" not in kw and kw.get("retrieval", True):
                kw["strength"] = args.strength
    res: dict = {"system": str(args.system), "prompts": len(prompts), "seeds": args.seeds, "strength": args.strength}
    if "quality" not in skip:
        res["quality"] = quality(engine, prompts, configs, seeds=args.seeds)
    speed_configs = [c for c in configs if c[0] in {n for n, _ in CONFIGS[:5]}]
    if "speed" not in skip and speed_configs:
        res["speed"] = speed(engine, speed_configs, runs=args.runs)
    if {"teacher-50-noise", "teacher-50", "student-2"} <= set(res.get("speed", {})):
        sp = res["speed"]
        t, t0, s = sp["teacher-50-noise"], sp["teacher-50"], sp["student-2"]
        res["student-2_vs_teacher"] = {
            # the teacher's full 50 DDIM steps, and the teacher as the engine runs it (from the reference)
            "sampling_speedup": round(t["sample_s"] / max(s["sample_s"], 1e-9), 1),
            "sampling_speedup_vs_teacher_default": round(t0["sample_s"] / max(s["sample_s"], 1e-9), 1),
            "cpu_seconds_cut": round(1 - s["cpu_s"] / t["cpu_s"], 3),
            "cpu_seconds_cut_vs_teacher_default": round(1 - s["cpu_s"] / t0["cpu_s"], 3),
            "sampling_cpu_cut": round(1 - s["sample_s"] / t["sample_s"], 3)}
    if {"teacher-50", "student-2"} <= set(res.get("quality", {})):
        t, s = res["quality"]["teacher-50"], res["quality"]["student-2"]
        res.setdefault("student-2_vs_teacher", {})["within_10_percent"] = {
            k: (abs(s[k] - t[k]) <= 0.05) if k == "faithfulness" else (s[k] <= t[k] * 1.1 + 1e-9)
            for k in ("faithfulness", "layout_fid", "alignment", "overlap", "defects_before_layout_pass")}
    if "style" not in skip:
        res["style_following"] = style_following(engine)
    if args.json:
        print(json.dumps(res, indent=1))
        return
    print(f"{res['system']}: {res['prompts']} held-out prompts, {res['seeds']} seeds each")
    for section in ("quality", "speed"):
        if section in res:
            cols = list(next(iter(res[section].values())))
            cols = [c for c in cols if c != "layout_fid_per_seed"]
            print(f"\n{section}\n{'config':<18}" + "".join(f"{c:>28}" for c in cols))
            for name, row in res[section].items():
                print(f"{name:<18}" + "".join(f"{row[c]:>28}" for c in cols))
                if "layout_fid_per_seed" in row:
                    print(f"{'':<18}layout FID per seed: {row['layout_fid_per_seed']}")
    for key in ("student-2_vs_teacher", "style_following"):
        if key in res:
            print(f"\n{key}: {json.dumps(res[key])}")


if __name__ == "__main__":
    main()
