"""Score one image against a design system: every metric of `onbrand eval` in one call."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eval.brand import BrandProfile, design_system_palette, identify_brand
from eval.layout import (
    alignment,
    normalised_boxes,
    overlap,
    spacing_adherence,
    structural_defects,
)
from eval.palette import ImageInput, load_rgb, palette_adherence
from eval.rules import check_rules
from eval.scene_audit import audit_scene_text, load_scene, scene_path_for
from eval.text import text_contrast
from ingest.model import DesignSystem
from scene.model import Scene

__all__ = ["evaluate_image", "scene_metrics"]


def scene_metrics(scene: Scene, ds: DesignSystem) -> dict[str, Any]:
    """Metrics only an onbrand scene allows: typography, spacing, defects, Alignment, Overlap,
    and exact text contrast (see `eval.layout` and `eval.scene_audit`)."""
    text = audit_scene_text(scene, ds)
    colours = set(text.colours)
    spacing = spacing_adherence(scene, ds.spacing_px())
    defects = structural_defects(scene) + text.overflow
    boxes = normalised_boxes(scene)
    return {
        "archetype": scene.archetype,
        "elements": sum(1 for _ in scene.walk()),
        "typography_adherence": text.typography_adherence,
        "off_scale_styles": text.off_scale_styles,
        "spacing_adherence": spacing.spacing_adherence,
        "spacing_measured": spacing.measured,
        "off_scale_spacing": spacing.off_scale,
        "alignment": alignment(boxes),
        "overlap": overlap(boxes),
        "defects": [d.model_dump() for d in defects],
        "defect_counts": {k: sum(d.kind == k for d in defects) for k in ("overlap", "out-of-frame", "text-overflow")},
        "_text_colours": colours,
        "contrast": {"method": "scene", "runs": text.runs, "min_contrast": text.min_contrast,
                     "aa_pass_rate": text.aa_pass_rate, "failing": [r.model_dump() for r in text.failing]},
    }


def _scene_mismatch(scene: Scene, metrics: dict[str, Any], rgb: np.ndarray, present: set[str]) -> str:
    """Why the scene cannot describe this image ("" when it can): another size, or text
    colours that the design system gives it but the image does not contain, half of them or
    more (the image was drawn with another system or mode, or edited since)."""
    if (scene.width, scene.height) != (rgb.shape[1], rgb.shape[0]):
        return f"scene is {scene.width}×{scene.height}, the image {rgb.shape[1]}×{rgb.shape[0]}"
    drawn = set(metrics.get("_text_colours", ()))
    missing = sorted(drawn - present)
    if missing and len(missing) * 2 >= len(drawn):  # small text can be all blend pixels: allow a few
        return f"text colours {', '.join(missing[:3])} of this design system are not in the image"
    return ""


def evaluate_image(image: ImageInput, ds: DesignSystem, profiles: Sequence[BrandProfile] = (),
                   threshold: float = 3.0, scene: Scene | str | Path | None = None,
                   find_scene: bool = True) -> dict[str, Any]:
    """All metrics of one image against `ds` as a JSON-ready dict.

    * palette: ``palette_adherence``, ``off_palette`` groups with their areas, ``coverage`` of
      each palette colour and ``role_coverage`` (which role colours appear, ≥ 0.05 % of pixels).
      When the scene has a modal, the palette also holds every colour as seen through the
      system's scrim (``scrim_blends``), as `engine.render.theme.Theme.scrim` documents;
    * brand identification against `profiles` (``identified``, ``margin``, ``brand_scores``);
    * text contrast: exact from the scene when there is one (passed in, or
      ``<name>.scene.json`` beside an image path when `find_scene`), else estimated from
      detected text regions.  A scene read from a file is used only if it fits the image
      (same size, its text colours present); otherwise ``scene_ignored`` says why;
    * with a scene: typography and spacing adherence, structural defects, Alignment, Overlap;
    * ``rules``: each rule the system states (``ds.rules``) with its source and whether the
      image keeps it, breaks it or cannot tell (`eval.rules.check_rules`); no score depends on it.

    Raises ValueError (one line) for an unreadable image or scene.
    """
    t0 = time.perf_counter()
    rgb = load_rgb(image)
    palette = design_system_palette(ds)
    found = None
    if scene is None and find_scene and isinstance(image, (str, Path)) and scene_path_for(image).is_file():
        scene = found = scene_path_for(image)
    try:
        sc = None if scene is None else (scene if isinstance(scene, Scene) else load_scene(scene))
    except ValueError as e:
        if found is None:
            raise  # a scene the caller named must be readable
        sc, scene, unreadable = None, None, str(e)  # a broken file beside the image: score the pixels
    else:
        unreadable = ""
    if sc is not None and any(e.kind == "modal" for e in sc.walk()):
        # behind a dialog every colour is seen through the system's scrim (`Theme.scrim`)
        from engine.render.theme import Theme

        theme = Theme(ds)
        for hx, blend in zip(theme.palette, theme.scrim_palette()):
            palette.setdefault(f"scrim/{hx}", blend)
    rep = palette_adherence(rgb, palette, threshold=threshold)
    role_hex = ds.role_map()
    shares = {c.hex: c.share for c in rep.coverage}
    out: dict[str, Any] = {
        "image": str(image) if isinstance(image, (str, Path)) else "",
        "size": [int(rgb.shape[1]), int(rgb.shape[0])],
        "design_system": ds.name,
        "palette_adherence": rep.palette_adherence,
        "counted_pixels": rep.counted_pixels,
        "ignored_edge_pixels": rep.ignored_edge_pixels,
        "threshold": threshold,
        "off_palette": [o.model_dump() for o in rep.off_palette],
        "coverage": [c.model_dump() for c in rep.coverage],
        "role_coverage": {role: round(shares.get(hx, 0.0), 6) for role, hx in role_hex.items()},
        "scrim_blends": any(k.startswith("scrim/") for k in palette),
        "roles_present": sorted(r for r, hx in role_hex.items() if shares.get(hx, 0.0) >= 0.0005),
    }
    if profiles:
        match = identify_brand(image if isinstance(image, (str, Path)) else rgb, profiles)
        out.update(identified=match.identified, margin=match.margin,
                   brand_scores=[s.model_dump() for s in match.scores])
    sm = None
    if unreadable:
        out["scene_ignored"] = unreadable
    if sc is not None:
        sm = scene_metrics(sc, ds)
        # a Scene object is the caller's word that it drew this image; a file is checked
        why = "" if isinstance(scene, Scene) else _scene_mismatch(sc, sm, rgb, {c.hex for c in rep.coverage})
        if why:
            out["scene_ignored"] = f"{scene if not isinstance(scene, Scene) else 'scene'}: {why}"
            sm = None
        else:
            out["scene"] = str(scene) if not isinstance(scene, Scene) else "(given)"
            sm.pop("_text_colours", None)
            out.update(sm)
    if sm is None:
        tc = text_contrast(rgb)
        out["contrast"] = tc.model_dump()
    # the rules the system states: reported beside the scores, never part of them
    out["rules"] = [c.model_dump() for c in check_rules(ds, rgb, sc if sm is not None else None)]
    out["seconds"] = round(time.perf_counter() - t0, 4)
    return out


def summarise(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Mean of each numeric headline metric over `results` (absent metrics are skipped)."""
    keys = ("palette_adherence", "margin", "typography_adherence", "spacing_adherence", "alignment", "overlap",
            "clip_agreement", "clip_percentile")
    out: dict[str, Any] = {"images": len(results)}
    for k in keys:
        vals = [r[k] for r in results if isinstance(r.get(k), (int, float))]
        if vals:
            out[k] = float(np.mean(vals))
    aa = [r["contrast"]["aa_pass_rate"] for r in results if "contrast" in r]
    if aa:
        out["aa_pass_rate"] = float(np.mean(aa))
    defects = [sum(r["defect_counts"].values()) for r in results if "defect_counts" in r]
    if defects:
        out["defects_per_image"] = float(np.mean(defects))
    return out
