"""Evaluation metrics for generated UI mocks (colour fidelity to the design system)."""

from eval.colour import ciede2000, contrast_ratio, hex_to_rgb, srgb_to_lab
from eval.palette import PaletteReport, palette_adherence

__all__ = [
    "srgb_to_lab",
    "ciede2000",
    "contrast_ratio",
    "hex_to_rgb",
    "palette_adherence",
    "PaletteReport",
]
