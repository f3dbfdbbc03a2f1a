"""Colour values as design tokens write them, normalised to sRGB hex and CIELAB (D65), and the
colour maths all of onbrand uses: sRGB → CIELAB, CIEDE2000 and WCAG contrast, vectorised over
pixel arrays, with scalar conveniences for single colours (conventions below, before
`srgb_to_linear`).

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

import numpy as np

_HEX_RE = re.compile(r"^(#?)([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")

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
def color_class():
    from coloraide import Color

    return Color


def _hex_digits(text: str) -> tuple[bool, str] | None:
    """(written with ``#``, the digits expanded to 6 or 8) of a hex colour, None if it is not one."""
    m = _HEX_RE.match(text.strip())
    if not m:
        return None
    h = m.group(2)
    if len(h) in (3, 4):
        h = "".join(ch * 2 for ch in h)
    return bool(m.group(1)), h


def parse_hex(text: str) -> tuple[tuple[int, int, int], float]:
    """``#rgb``, ``#rgba``, ``#rrggbb`` or ``#rrggbbaa`` → ((r, g, b) 0–255, alpha 0–1)."""
    found = _hex_digits(text)
    if found is None or not found[0]:
        raise ColourError(f"not a hex colour: {text!r}")
    h = found[1]
    rgb = (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    alpha = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
    return rgb, alpha


def hex_to_rgb(hex: str) -> tuple[int, int, int]:
    """Parse ``#rgb``, ``#rrggbb`` or ``#rrggbbaa`` (alpha ignored; ``#`` optional) → (r, g, b)."""
    if not isinstance(hex, str):
        raise ValueError(f"hex colour must be a string, got {type(hex).__name__}")
    found = _hex_digits(hex)
    if found is None or len(hex.strip().lstrip("#")) == 4:  # #rgba is a token form, not this one
        raise ValueError(f"invalid hex colour {hex!r}: expected #rgb, #rrggbb or #rrggbbaa")
    return parse_hex("#" + found[1])[0]


def to_hex(rgb) -> str:
    """An 8-bit RGB triple → ``#rrggbb`` (lower case)."""
    r, g, b = (int(v) for v in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


rgb_to_hex = to_hex


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
        Color = color_class()
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
    Color = color_class()
    return _from_coloraide(Color(_DTCG_SPACES[space], nums, alpha))


# -- colour maths ------------------------------------------------------------------------------
#
# The one implementation of sRGB → CIELAB, CIEDE2000 and WCAG contrast in onbrand; ingest, the
# engine and eval all call these.
#
# Conventions:
# * RGB arrays are sRGB with the channel axis last, shape ``(..., 3)``. The *dtype* decides the
#   scale: integer (and bool) arrays are 0–255, float arrays are 0–1. Python tuples of ints are
#   therefore 0–255 and tuples of floats 0–1; hex strings are accepted where a single colour is.
# * Lab is CIE 1976 L*a*b* relative to the D65 reference white ``XYZ = (0.95047, 1.0, 1.08883)``
#   (2° observer), with the exact CIE constants ε = 216/24389 and κ = 24389/27. sRGB → XYZ uses
#   the IEC 61966-2-1 transfer function (linear segment below 0.04045) and the D65 sRGB matrix
#   whose rows sum to that white point (to 1e-7), so sRGB white maps to L* = 100, a* = b* = 0
#   within 2e-5.
# * Array outputs are float64, or float32 where a caller asks for it (``dtype=np.float32``: half
#   the memory for large images, at float32 precision, about 1e-4 in L*a*b*).
# * Colour differences are CIEDE2000 (ΔE00): about 1 is a just noticeable difference, 2–3 is
#   noticeable side by side.

# D65 reference white (XYZ, Y normalised to 1).
D65_WHITE = np.array([0.95047, 1.0, 1.08883])

# Linear sRGB → XYZ (D65), IEC 61966-2-1. Rows sum to D65_WHITE (the Y row to 1.0000001).
SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)

# Weights of linear R, G, B in relative luminance as WCAG 2.x prints them (ITU-R BT.709). On
# gamma-encoded values the same weights give luma.
LUMINANCE_WEIGHTS = (0.2126, 0.7152, 0.0722)

_EPSILON = 216.0 / 24389.0  # CIE ε
_KAPPA = 24389.0 / 27.0  # CIE κ
_POW25_7 = 25.0**7


def _as_unit_rgb(rgb, dtype=np.float64) -> np.ndarray:
    """RGB scaled to 0–1 as `dtype` (integer arrays are taken as 0–255)."""
    arr = np.asarray(rgb)
    if arr.shape[-1:] != (3,):
        raise ValueError(f"expected RGB with a last axis of length 3, got shape {arr.shape}")
    if np.issubdtype(arr.dtype, np.integer) or arr.dtype == np.bool_:
        return arr.astype(dtype) / 255.0
    return arr.astype(dtype, copy=False)


def srgb_to_linear(rgb, dtype=np.float64) -> np.ndarray:
    """Undo the sRGB transfer function (IEC 61966-2-1, threshold 0.04045): linear light 0–1."""
    c = _as_unit_rgb(rgb, dtype)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def srgb_to_lab(rgb, dtype=np.float64) -> np.ndarray:
    """sRGB (integer 0–255 or float 0–1, shape ``(..., 3)``) → CIELAB (D65), same shape, `dtype`."""
    t = (srgb_to_linear(rgb, dtype) @ SRGB_TO_XYZ.T.astype(dtype)) / D65_WHITE.astype(dtype)
    f = np.where(t > _EPSILON, np.cbrt(t), (_KAPPA * t + 16.0) / 116.0)
    fx, fy, fz = f[..., 0], f[..., 1], f[..., 2]
    return np.stack([116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)], axis=-1)


def rgb_to_lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """One sRGB colour (0–255 ints) → CIELAB (D65) rounded to 4 decimals, as design tokens store it."""
    L, a, b = srgb_to_lab(np.asarray(rgb)).tolist()
    return (round(L, 4), round(a, 4), round(b, 4))


def ciede2000(lab1, lab2, kL: float = 1.0, kC: float = 1.0, kH: float = 1.0) -> np.ndarray:
    """CIEDE2000 ΔE00 of Lab arrays (broadcast over the leading axes), after Sharma, Wu & Dalal,
    Color Res. Appl. 30(1):21–30 (2005)."""
    lab1 = np.asarray(lab1, dtype=np.float64)
    lab2 = np.asarray(lab2, dtype=np.float64)
    L1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    L2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]

    # (2)-(7): a' with the G correction, C', h' in degrees [0, 360).
    c_bar7 = ((np.hypot(a1, b1) + np.hypot(a2, b2)) / 2.0) ** 7
    g = 0.5 * (1.0 - np.sqrt(c_bar7 / (c_bar7 + _POW25_7)))
    a1p, a2p = (1.0 + g) * a1, (1.0 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360.0  # atan2(0, 0) == 0 as required
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360.0

    # (8)-(10): ΔL', ΔC', Δh' (0 when either chroma is 0), ΔH'.
    cc = c1p * c2p
    achromatic = cc == 0.0
    dhp = h2p - h1p
    dhp = np.where(dhp > 180.0, dhp - 360.0, np.where(dhp < -180.0, dhp + 360.0, dhp))
    dhp = np.where(achromatic, 0.0, dhp)
    dLp = L2 - L1
    dCp = c2p - c1p
    dHp = 2.0 * np.sqrt(cc) * np.sin(np.radians(dhp) / 2.0)

    # (11)-(14): means; mean hue with the wrap-around and achromatic cases.
    lp_bar = (L1 + L2) / 2.0
    cp_bar = (c1p + c2p) / 2.0
    h_sum = h1p + h2p
    hp_bar = np.where(
        np.abs(h1p - h2p) <= 180.0,
        h_sum / 2.0,
        np.where(h_sum < 360.0, (h_sum + 360.0) / 2.0, (h_sum - 360.0) / 2.0),
    )
    hp_bar = np.where(achromatic, h_sum, hp_bar)

    # (15)-(22): weighting functions and rotation term.
    t = (
        1.0
        - 0.17 * np.cos(np.radians(hp_bar - 30.0))
        + 0.24 * np.cos(np.radians(2.0 * hp_bar))
        + 0.32 * np.cos(np.radians(3.0 * hp_bar + 6.0))
        - 0.20 * np.cos(np.radians(4.0 * hp_bar - 63.0))
    )
    d_theta = 30.0 * np.exp(-(((hp_bar - 275.0) / 25.0) ** 2))
    cp_bar7 = cp_bar**7
    r_c = 2.0 * np.sqrt(cp_bar7 / (cp_bar7 + _POW25_7))
    l50 = (lp_bar - 50.0) ** 2
    s_l = 1.0 + 0.015 * l50 / np.sqrt(20.0 + l50)
    s_c = 1.0 + 0.045 * cp_bar
    s_h = 1.0 + 0.015 * cp_bar * t
    r_t = -np.sin(np.radians(2.0 * d_theta)) * r_c

    tl = dLp / (kL * s_l)
    tc = dCp / (kC * s_c)
    th = dHp / (kH * s_h)
    return np.sqrt(np.maximum(tl**2 + tc**2 + th**2 + r_t * tc * th, 0.0))


def _colour_rgb(colour) -> np.ndarray:
    """A hex string, RGB tuple or ``(..., 3)`` array → RGB 0–1 (float64)."""
    if isinstance(colour, str):
        return np.asarray(hex_to_rgb(colour), dtype=np.float64) / 255.0
    return _as_unit_rgb(colour)


def relative_luminance(colour):
    """WCAG 2.x relative luminance (0–1) of a hex string, an RGB tuple or an ``(..., 3)`` array
    (see the conventions above): a float for one colour, an array of the leading shape otherwise.

    Linearisation uses the IEC 61966-2-1 threshold 0.04045 rather than the 0.03928 printed in
    WCAG 2.x (a transcription from an early sRGB draft). No 8-bit value lies between the two
    (10/255 ≈ 0.0392 and 11/255 ≈ 0.0431), so both give identical results for 8-bit colours.
    """
    lum = srgb_to_linear(_colour_rgb(colour)) @ np.asarray(LUMINANCE_WEIGHTS)
    return float(lum) if np.ndim(lum) == 0 else lum


def contrast_ratio(a, b):
    """WCAG 2.x contrast ratio (L_lighter + 0.05) / (L_darker + 0.05), in [1, 21], of two opaque
    colours (hex strings, RGB tuples or broadcastable ``(..., 3)`` arrays): a float for one pair,
    an array otherwise. The order of the arguments does not matter. AA needs ≥ 4.5 for body text
    and ≥ 3 for large text."""
    la, lb = relative_luminance(a), relative_luminance(b)
    ratio = (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)
    return float(ratio) if np.ndim(ratio) == 0 else ratio


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2.x contrast ratio of two opaque sRGB colours (0–255 tuples); see `contrast_ratio`."""
    return contrast_ratio(a, b)


def composite(fg: tuple[int, int, int], alpha: float, bg: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(round(f * alpha + b * (1 - alpha)) for f, b in zip(fg, bg))  # type: ignore[return-value]


def fill_rgb(fill) -> tuple[int, int, int] | None:
    """A PDF fill or stroke colour (gray, RGB or CMYK components in 0–1, as pymupdf gives them)
    as 8-bit sRGB; None when there is none."""
    if fill is None:
        return None
    vals = [float(v) for v in fill]
    if len(vals) == 1:
        vals = vals * 3
    elif len(vals) == 4:  # DeviceCMYK
        c, m, y, k = vals
        vals = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    elif len(vals) != 3:
        return None
    return tuple(min(255, max(0, round(v * 255))) for v in vals)  # type: ignore[return-value]
