"""Evaluation of UI mocks against a design system: colour, brand, text, typography, layout,
stated rules.

`evaluate_image` scores one image with every metric of `onbrand eval`; `check_rules` checks
the rules a design system states against an image and its scene; `run_suite` generates
and scores held-out prompts per sampler (`onbrand eval-suite`); `write_report` writes the
HTML page and its JSON figures.
"""

from eval.brand import BrandMatch, BrandProfile, identify_brand
from eval.colour import ciede2000, contrast_ratio, hex_to_rgb, srgb_to_lab
from eval.fid import feature_matrix, frechet_distance, layout_features, layout_fid
from eval.layout import alignment, overlap, spacing_adherence, structural_defects
from eval.palette import PaletteReport, palette_adherence
from eval.report import write_report
from eval.rules import RuleCheck, check_rules
from eval.scene_audit import audit_scene_text
from eval.score import evaluate_image, scene_metrics
from eval.suite import load_prompts, run_suite
from eval.text import detect_text_regions, text_contrast

__all__ = [
    "BrandMatch",
    "BrandProfile",
    "PaletteReport",
    "RuleCheck",
    "alignment",
    "audit_scene_text",
    "check_rules",
    "ciede2000",
    "contrast_ratio",
    "detect_text_regions",
    "evaluate_image",
    "feature_matrix",
    "frechet_distance",
    "hex_to_rgb",
    "identify_brand",
    "layout_features",
    "layout_fid",
    "load_prompts",
    "overlap",
    "palette_adherence",
    "run_suite",
    "scene_metrics",
    "spacing_adherence",
    "srgb_to_lab",
    "structural_defects",
    "text_contrast",
    "write_report",
]
