"""Colour science for the eval package: sRGB → CIELAB (D65), CIEDE2000, WCAG contrast.

The implementation is `ingest.colour`, the one colour-maths module of onbrand (its conventions:
integer RGB arrays are 0–255, float arrays 0–1, channel axis last; Lab is D65); these names are
re-exported here for eval's callers.
"""

from __future__ import annotations

from ingest.colour import (
    D65_WHITE,
    ciede2000,
    contrast_ratio,
    hex_to_rgb,
    relative_luminance,
    rgb_to_hex,
    srgb_to_lab,
    srgb_to_linear,
)

__all__ = [
    "D65_WHITE",
    "ciede2000",
    "contrast_ratio",
    "hex_to_rgb",
    "relative_luminance",
    "rgb_to_hex",
    "srgb_to_lab",
    "srgb_to_linear",
]
