"""The eval suite: generate mocks for held-out prompts with each sampler and score them all.

Prompt files are JSON Lines, one object a line::

    {"prompt": "sales dashboard with revenue chart", "device": "desktop", "requires": {"chart": 1}}

``device`` is desktop, tablet or mobile (default desktop); ``requires`` maps a scene element
kind to the minimum number of such elements a faithful mock has (prompt faithfulness).
Lines starting with ``#`` are comments.

The open-prompt sets (``eval/prompts/open_dev.jsonl``, ``open_heldout.jsonl``) give
``requires`` as a list of kinds (each at least once), ``labels`` (strings the mock must show)
and ``domain``; for them each mock is also scored on ``kinds_present`` and ``labels_present``
(`eval.open_prompts`).

Samplers are asked of `Engine.generate(..., sampler=NAME)` when the engine has that argument;
a sampler the engine rejects is reported as unavailable with its reason.  An engine without
the argument is run once with its default generator, reported as ``default``.
``no-retrieval`` is the teacher unconditioned on the design system: no reference layouts and
``style_scale=0`` (prompt only).

Layout FID compares each sampler's block layouts (`scene.blocks.scene_blocks`) with
reference layouts: the procedural composer's scenes for the same prompts and devices at other
seeds (``seed + 10_000``), the curriculum the scene models learn from (`eval.fid`).  The
procedural composer places blocks by archetype and device, not by seed, so the procedural
generator itself scores a layout FID of about 0: the figure measures how far a learned
sampler strays from that curriculum.  The features are those of the trained layout encoder
(`eval.layout_net`) when its weights are installed, else the fixed projection; each summary
row names which in ``layout_fid_feature``.
"""

from __future__ import annotations

import inspect
import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.brand import BrandProfile
from eval.fid import default_feature, layout_fid
from eval.open_prompts import kinds_present, labels_present
from eval.report import thumbnail_data_uri
from eval.score import evaluate_image

__all__ = ["SAMPLERS", "SuitePrompt", "load_prompts", "prompt_faithfulness", "run_suite"]

SAMPLERS: tuple[str, ...] = ("student", "teacher", "procedural", "no-retrieval")
DEVICES = ("desktop", "tablet", "mobile")
REFERENCE_SEED_OFFSET = 10_000


@dataclass
class SuitePrompt:
    prompt: str
    device: str = "desktop"
    requires: dict[str, int] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)  # an open prompt's required kinds (requires as a list)
    labels: list[str] = field(default_factory=list)  # strings the mock must show
    domain: str = ""


def load_prompts(path: str | Path) -> list[SuitePrompt]:
    """Read a prompts JSONL file; raises ValueError naming the file and line of a bad entry."""
    from scene.model import KINDS

    path = Path(path)
    try:
        lines = path.read_text().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"{path}: cannot read the prompts ({getattr(e, 'strerror', None) or e})") from None
    out: list[SuitePrompt] = []
    for no, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}:{no}"
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{where}: not JSON ({e.msg})") from None
        if not isinstance(d, dict) or not isinstance(d.get("prompt"), str) or not d["prompt"].strip():
            raise ValueError(f"{where}: each line needs a non-empty \"prompt\" string")
        device = d.get("device", "desktop")
        if device not in DEVICES:
            raise ValueError(f"{where}: unknown device {device!r} (use {', '.join(DEVICES)})")
        req = d.get("requires", {})
        kinds = list(req) if isinstance(req, list) else []
        if isinstance(req, list):  # an open prompt: kinds the mock holds at least once
            if not all(isinstance(k, str) for k in req):
                raise ValueError(f"{where}: \"requires\" lists element kinds as strings")
            req = {k: 1 for k in req}
        labels = d.get("labels", [])
        if not isinstance(labels, list) or not all(isinstance(x, str) and x.strip() for x in labels):
            raise ValueError(f"{where}: \"labels\" must be a list of non-empty strings")
        if not isinstance(d.get("domain", ""), str):
            raise ValueError(f"{where}: \"domain\" must be a string")
        if not isinstance(req, dict):  # noqa: TRY004 - every bad line is a one-line ValueError
            raise ValueError(f"{where}: \"requires\" must map element kinds to minimum counts")
        for k, v in req.items():
            if k not in KINDS:
                raise ValueError(f"{where}: unknown element kind {k!r} in \"requires\"")
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise ValueError(f"{where}: \"requires\".{k} must be a positive integer")
        out.append(SuitePrompt(prompt=d["prompt"], device=device, requires=dict(req), kinds=kinds, labels=labels,
                               domain=d.get("domain", "")))
    if not out:
        raise ValueError(f"{path}: no prompts")
    return out


def prompt_faithfulness(counts: dict[str, int], requires: dict[str, int]) -> float:
    """Share of a prompt's requirements (kind → minimum count) that the scene meets (1 if none)."""
    if not requires:
        return 1.0
    return sum(counts.get(k, 0) >= n for k, n in requires.items()) / len(requires)


def _supports_sampler(engine) -> bool:
    try:
        return "sampler" in inspect.signature(engine.generate).parameters
    except (TypeError, ValueError):
        return False


def _mean(rows: Sequence[dict[str, Any]], key: str) -> float | None:
    vals = [r[key] for r in rows if isinstance(r.get(key), (int, float))]
    return round(statistics.fmean(vals), 4) if vals else None


def run_suite(systems: Sequence[str | Path], prompts: Sequence[SuitePrompt], *, n: int | None = None,
              samplers: Sequence[str] = SAMPLERS, out_dir: str | Path | None = None, seed: int = 0,
              size: tuple[int, int] | None = None, fid: bool = True,
              progress: Callable[[str, int, int], None] | None = None,
              store_root: str | Path | None = None) -> dict[str, Any]:
    """Generate a mock per (system, prompt, sampler), score each, and compare samplers.

    Each system's store is its folder's ``.onbrand/`` unless `store_root` is given (then
    ``store_root/<system name>``, e.g. for read-only folders).

    Returns ``{"images": [...], "samplers": [...], "systems": [...], "notes": [...]}``:
    per-image results (as `evaluate_image`, plus ``sampler``, ``prompt``, ``device``,
    ``faithfulness``, ``generate_seconds``, ``design_system_dir``) and one summary row per
    sampler with its mean metrics, median seconds per generation, brand-identification
    accuracy and layout FID.  Images and scenes are saved under `out_dir` when given.
    """
    from engine import Engine
    from engine.compose.composer import compose
    from engine.render.theme import Theme
    from scene.blocks import scene_blocks

    prompts = list(prompts)[: n or None]
    engines = {str(s): Engine.from_folder(s, store=Path(store_root) / Path(s).name if store_root else None)
               for s in systems}
    profiles = [BrandProfile.from_design_system(e.ds, name=name) for name, e in engines.items()]
    first = next(iter(engines.values()))
    named = _supports_sampler(first)
    plan = list(dict.fromkeys(samplers)) if named else ["default"]
    notes: list[str] = []
    if not named:
        notes.append("Engine.generate has no sampler argument: the default generator ran, reported as "
                     f"'default'; {', '.join(samplers)} unavailable")
    unavailable: dict[str, str] = {} if named else {s: "Engine.generate has no sampler argument" for s in samplers}
    images: list[dict[str, Any]] = []
    layouts: dict[str, list] = {}
    reference: list = []
    total = len(engines) * len(prompts) * len(plan)
    done = 0
    for sys_name, engine in engines.items():
        theme = Theme(engine.ds)
        if fid:
            from scene.devices import DEVICES as _DEV

            for i, p in enumerate(prompts):
                w, h = size or _DEV[p.device][0]
                ref = compose(p.prompt, w, h, seed=seed + REFERENCE_SEED_OFFSET + i, device=p.device, theme=theme)
                reference.append(scene_blocks(ref))
        for sampler in plan:
            for i, p in enumerate(prompts):
                done += 1
                if sampler in unavailable:
                    continue
                if progress:
                    progress(f"{Path(sys_name).name} {sampler}: {p.prompt[:40]}", done, total)
                kwargs: dict[str, Any] = {"seed": seed + i, "device": p.device}
                if size:
                    kwargs["size"] = size
                if sampler == "no-retrieval":  # the teacher without references, prompt only
                    kwargs.update(sampler="teacher", retrieval=False, style_scale=0.0)
                elif sampler != "default":
                    kwargs["sampler"] = sampler
                t0 = time.perf_counter()
                try:
                    gen = engine.generate(p.prompt, **kwargs)
                except (ValueError, NotImplementedError, KeyError, TypeError, FileNotFoundError) as e:
                    if named and i == 0:
                        unavailable[sampler] = str(e).splitlines()[0] if str(e) else type(e).__name__
                        continue
                    images.append({"image": "", "sampler": sampler, "prompt": p.prompt,
                                   "error": f"generation failed ({str(e).splitlines()[0] if str(e) else type(e).__name__})"})
                    continue
                seconds = time.perf_counter() - t0
                target: Any = gen.image.convert("RGB") if hasattr(gen.image, "convert") else gen.image
                if out_dir:
                    path = Path(out_dir) / Path(sys_name).name / sampler / f"{i:03d}.png"
                    gen.save(path)
                    target = path
                res = evaluate_image(target, engine.ds, profiles, scene=gen.scene)
                if not out_dir:  # nothing on disk: keep a thumbnail for the report
                    res["thumbnail"] = thumbnail_data_uri(target, width=360)
                res.update(sampler=sampler, prompt=p.prompt, device=p.device, design_system_dir=sys_name,
                           generate_seconds=round(seconds, 4),
                           faithfulness=prompt_faithfulness(gen.scene.count(), p.requires))
                if p.kinds or p.labels:  # an open prompt
                    res.update(kinds_present=kinds_present(gen.scene.count(), p.kinds),
                               labels_present=labels_present(gen.scene, p.labels))
                images.append(res)
                layouts.setdefault(sampler, []).append(scene_blocks(gen.scene))
    rows = []
    for sampler in list(dict.fromkeys(list(samplers) + plan)):
        if sampler in unavailable or sampler not in plan:
            rows.append({"sampler": sampler, "available": "no", "reason": unavailable.get(sampler, "not run")})
            continue
        rs = [r for r in images if r.get("sampler") == sampler and "error" not in r]
        row: dict[str, Any] = {"sampler": sampler, "available": "yes", "generations": len(rs)}
        if rs:
            row["seconds_per_generation"] = round(statistics.median(r["generate_seconds"] for r in rs), 4)
            for key in ("palette_adherence", "typography_adherence", "spacing_adherence", "alignment", "overlap",
                        "faithfulness", "margin", "kinds_present", "labels_present"):
                row[key] = _mean(rs, key)
            row["aa_pass_rate"] = _mean([r["contrast"] for r in rs], "aa_pass_rate")
            with_scene = [r for r in rs if "defect_counts" in r]
            row["defects_per_image"] = round(statistics.fmean(sum(r["defect_counts"].values()) for r in with_scene), 3) \
                if with_scene else None
            row["scenes_ignored"] = len(rs) - len(with_scene)
            ids = [r for r in rs if "identified" in r]
            row["brand_accuracy"] = round(sum(r["identified"] == r["design_system_dir"] for r in ids) / len(ids), 4) \
                if ids else None
            if fid and len(layouts.get(sampler, [])) >= 2 and len(reference) >= 2:
                row["layout_fid"] = round(layout_fid(layouts[sampler], reference), 4)
                row["layout_fid_feature"] = default_feature()
        rows.append(row)
    return {"images": images, "samplers": rows, "systems": [str(s) for s in systems], "notes": notes}
