"""Colour values as design tokens write them, normalised to sRGB hex and CIELAB (D65).

Accepted forms: DTCG 2025.10 colour objects (``{"colorSpace", "components", "alpha", "hex"}``
in any of the spec's colour spaces), hex strings (``#rgb``, ``#rgba``, ``#rrggbb``,
``#rrggbbaa``) and CSS colour functions (``rgb()``, ``rgba()``, ``hsl()``, ``oklch()`` …).
Out-of-gamut colours are gamut-mapped into sRGB (CSS Color 4 method) and never silently
clipped channel by channel.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache

_HEX_RE = re.compile(r"^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")

# DTCG colour-space identifiers → coloraide space names, and how DTCG writes the components
# when it differs from coloraide (DTCG hsl/hwb use 0–100 for percentages).
_DTCG_SPACES = {
    "srgb": "srgb",
    "srgb-linear": "srgb-linear",
    "hsl": "hsl",
    "hwb": "hwb",
    "lab": "lab",
    "lch": "lch",
    "oklab": "oklab",
    "oklch": "oklch",
    "display-p3": "display-p3",
    "a98-rgb": "a98-rgb",
    "prophoto-rgb": "prophoto-rgb",
    "rec2020": "rec2020",
    "xyz-d65": "xyz-d65",
    "xyz-d50": "xyz-d50",
}


class ColourError(ValueError):
    """A value that is not a colour this module understands."""


@lru_cache(maxsize=1)
def _color_class():
    from coloraide import Color

    return Color


def parse_hex(text: str) -> tuple[tuple[int, int, int], float]:
    m = _HEX_RE.match(text.strip())
    if not m:
        raise ColourError(f"not a hex colour: {text!r}")
    h = m.group(1)
    if len(h) in (3, 4):
        h = "".join(ch * 2 for ch in h)
    rgb = (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    alpha = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
    return rgb, alpha


def to_hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _from_coloraide(c) -> tuple[tuple[int, int, int], float]:
    srgb = c.convert("srgb")
    if not srgb.in_gamut():
        srgb = srgb.fit(method="minde-chroma")
    r, g, b = (min(255, max(0, round(v * 255))) for v in srgb.coords(nans=False))
    alpha = srgb.alpha(nans=False)
    return (r, g, b), float(alpha)


def _shown(value: object) -> str:
    """A token value as the user wrote it, for an error message: strings quoted, objects and
    lists as JSON (never a Python repr), cut at 80 characters."""
    if isinstance(value, str):
        text = repr(value)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def parse_colour(value: object) -> tuple[tuple[int, int, int], float]:
    """Any supported colour value → ((r, g, b) 0–255, alpha 0–1). Raises ColourError."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("#"):
            return parse_hex(text)
        Color = _color_class()
        try:
            return _from_coloraide(Color(text))
        except Exception:
            raise ColourError(f"not a colour: {_shown(value)}") from None
    if isinstance(value, dict) and "colorSpace" not in value and {"r", "g", "b"} <= value.keys():
        return _parse_rgb_object(value)
    if isinstance(value, dict):
        return _parse_dtcg_object(value)
    raise ColourError(f"not a colour: {_shown(value)}")


def _parse_rgb_object(obj: dict) -> tuple[tuple[int, int, int], float]:
    """``{"r", "g", "b", "a"?}``: channels 0–255 (Style Dictionary) or all within 0–1 (Figma)."""
    chans = [obj.get(k) for k in ("r", "g", "b")]
    if not all(isinstance(c, (int, float)) and not isinstance(c, bool) and 0 <= c <= 255 for c in chans):
        raise ColourError(f"colour channels must be numbers in 0–255, got {_shown(chans)}")
    unit = all(c <= 1 for c in chans) and any(isinstance(c, float) and not c.is_integer() for c in chans)
    scale = 255 if unit else 1
    rgb = tuple(min(255, max(0, round(c * scale))) for c in chans)
    alpha = obj.get("a", obj.get("alpha", 1.0))
    if not isinstance(alpha, (int, float)) or isinstance(alpha, bool) or not 0 <= alpha <= 1:
        raise ColourError(f"colour alpha must be a number in 0–1, got {_shown(alpha)}")
    return rgb, float(alpha)  # type: ignore[return-value]


def _parse_dtcg_object(obj: dict) -> tuple[tuple[int, int, int], float]:
    space = obj.get("colorSpace")
    comps = obj.get("components")
    alpha = obj.get("alpha", 1.0)
    if not isinstance(alpha, (int, float)) or isinstance(alpha, bool) or not 0 <= alpha <= 1:
        raise ColourError(f"colour alpha must be a number in 0–1, got {_shown(alpha)}")
    if space is None and isinstance(obj.get("hex"), str):
        rgb, _ = parse_hex(obj["hex"])
        return rgb, float(alpha)
    if space is None:
        raise ColourError(f"not a colour: {_shown(obj)}")
    if not isinstance(space, str) or space not in _DTCG_SPACES:
        raise ColourError(f"unknown colorSpace {_shown(space)} (expected one of {', '.join(_DTCG_SPACES)})")
    if not isinstance(comps, list) or len(comps) != 3:
        raise ColourError(f"colour components must be a list of 3 numbers, got {_shown(comps)}")
    nums: list[float] = []
    for c in comps:
        if c == "none":
            nums.append(math.nan)
        elif isinstance(c, (int, float)) and not isinstance(c, bool):
            nums.append(float(c))
        else:
            raise ColourError(f"colour component must be a number or 'none', got {_shown(c)}")
    if space == "srgb" and isinstance(obj.get("hex"), str) and all(not math.isnan(n) for n in nums):
        # The spec's hex is a fallback; the components are authoritative.
        rgb = tuple(min(255, max(0, round(n * 255))) for n in nums)
        return rgb, float(alpha)  # type: ignore[return-value]
    if space in ("hsl", "hwb"):
        nums = [nums[0], nums[1] / 100.0, nums[2] / 100.0]
    Color = _color_class()
    return _from_coloraide(Color(_DTCG_SPACES[space], nums, alpha))


def _linear(v: float) -> float:
    """sRGB channel 0–255 → linear light 0–1."""
    v /= 255.0
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def rgb_to_lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """sRGB 0–255 → CIELAB with a D65 white (the convention eval uses too)."""
    r, g, b = (_linear(v) for v in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (round(116 * fy - 16, 4), round(500 * (fx - fy), 4), round(200 * (fy - fz), 4))


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_linear(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2.x contrast ratio of two opaque sRGB colours."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def composite(fg: tuple[int, int, int], alpha: float, bg: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(round(f * alpha + b * (1 - alpha)) for f, b in zip(fg, bg))  # type: ignore[return-value]
