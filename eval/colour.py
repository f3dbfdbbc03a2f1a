"""Colour science primitives for the eval package.

Conventions
-----------
* RGB arrays are sRGB with the channel axis last, shape ``(..., 3)``.  The
  *dtype* decides the scale: integer arrays (e.g. ``uint8``) are 0–255, float
  arrays are 0–1.  Python tuples of ints are therefore 0–255 and tuples of
  floats 0–1.
* Lab is CIE 1976 L*a*b* relative to the D65 reference white
  ``XYZ = (0.95047, 1.0, 1.08883)`` (2° observer), with the exact CIE constants
  ε = 216/24389 and κ = 24389/27.  sRGB → XYZ uses the IEC 61966-2-1 transfer
  function (linear segment below 0.04045) and the D65 sRGB matrix whose rows sum
  to that white point, so sRGB white maps to L* = 100, a* = b* = 0 exactly
  (up to float rounding).
* All outputs are ``float64``.
* Colour differences are CIEDE2000 (ΔE00); a ΔE00 of about 1 is a just
  noticeable difference, 2–3 is noticeable side by side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Union

import numpy as np
import numpy.typing as npt

__all__ = ["srgb_to_lab", "hex_to_rgb", "ciede2000", "contrast_ratio", "relative_luminance"]

ArrayLike = npt.ArrayLike
ColourLike = Union[str, Sequence[float], npt.NDArray[np.generic]]

# D65 reference white (XYZ, Y normalised to 1).
D65_WHITE = np.array([0.95047, 1.0, 1.08883])

# Linear sRGB -> XYZ (D65).  Rows sum to D65_WHITE.
_SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)

_EPSILON = 216.0 / 24389.0  # CIE ε
_KAPPA = 24389.0 / 27.0  # CIE κ
_POW25_7 = 25.0**7

_HEX_RE = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


def _as_unit_rgb(rgb: ArrayLike) -> npt.NDArray[np.float64]:
    """Return RGB scaled to 0–1 as float64 (integers are taken as 0–255)."""
    arr = np.asarray(rgb)
    if arr.shape[-1:] != (3,):
        raise ValueError(f"expected RGB with a last axis of length 3, got shape {arr.shape}")
    if np.issubdtype(arr.dtype, np.integer) or arr.dtype == np.bool_:
        return arr.astype(np.float64) / 255.0
    return arr.astype(np.float64, copy=False)


def srgb_to_linear(rgb: ArrayLike) -> npt.NDArray[np.float64]:
    """Undo the sRGB transfer function (IEC 61966-2-1, threshold 0.04045)."""
    c = _as_unit_rgb(rgb)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def srgb_to_lab(rgb: ArrayLike) -> npt.NDArray[np.float64]:
    """Convert sRGB (uint8 0–255 or float 0–1, shape ``(..., 3)``) to CIELAB D65."""
    xyz = srgb_to_linear(rgb) @ _SRGB_TO_XYZ.T
    t = xyz / D65_WHITE
    f = np.where(t > _EPSILON, np.cbrt(t), (_KAPPA * t + 16.0) / 116.0)
    fx, fy, fz = f[..., 0], f[..., 1], f[..., 2]
    return np.stack([116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)], axis=-1)


def hex_to_rgb(hex: str) -> tuple[int, int, int]:
    """Parse ``#rgb``, ``#rrggbb`` or ``#rrggbbaa`` (alpha ignored; ``#`` optional)."""
    if not isinstance(hex, str):
        raise ValueError(f"hex colour must be a string, got {type(hex).__name__}")
    m = _HEX_RE.match(hex.strip())
    if m is None:
        raise ValueError(
            f"invalid hex colour {hex!r}: expected #rgb, #rrggbb or #rrggbbaa"
        )
    digits = m.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def rgb_to_hex(rgb: Sequence[int] | npt.NDArray[np.integer]) -> str:
    """Format an 8-bit RGB triple as ``#rrggbb`` (lower case)."""
    r, g, b = (int(v) for v in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def ciede2000(
    lab1: ArrayLike, lab2: ArrayLike, kL: float = 1.0, kC: float = 1.0, kH: float = 1.0
) -> npt.NDArray[np.float64]:
    """CIEDE2000 ΔE00 after Sharma, Wu & Dalal, Color Res. Appl. 30(1):21–30 (2005)."""
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


def _colour_to_rgb(colour: ColourLike) -> npt.NDArray[np.float64]:
    if isinstance(colour, str):
        return np.asarray(hex_to_rgb(colour), dtype=np.float64) / 255.0
    return _as_unit_rgb(colour)


def relative_luminance(colour: ColourLike) -> float:
    """WCAG 2.x relative luminance of a hex string or RGB triple (see module conventions).

    Linearisation uses the IEC 61966-2-1 threshold 0.04045 rather than the 0.03928
    printed in WCAG 2.x (a transcription from an early sRGB draft).  No 8-bit value
    lies between the two (10/255 ≈ 0.0392 and 11/255 ≈ 0.0431), so both thresholds
    give identical results for 8-bit colours.
    """
    lin = srgb_to_linear(_colour_to_rgb(colour))
    return float(lin @ np.array([0.2126, 0.7152, 0.0722]))


def contrast_ratio(hex_or_rgb_a: ColourLike, hex_or_rgb_b: ColourLike) -> float:
    """WCAG 2.x contrast ratio (L_lighter + 0.05) / (L_darker + 0.05), in [1, 21].

    Order of the arguments does not matter.  AA needs ≥ 4.5 for body text and
    ≥ 3 for large text; see :func:`relative_luminance` for the threshold used.
    """
    la = relative_luminance(hex_or_rgb_a)
    lb = relative_luminance(hex_or_rgb_b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)
