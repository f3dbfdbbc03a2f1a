"""Colour ramps that a Fluent token pipeline file generates from one colour.

The pipeline's JSON (``microsoft/fluentui-token-pipeline``, its legacy ``value``/``aliasOf``
format) may give a whole ramp as one node instead of one token per step::

    "Grey": { "generate": { "type": "lightness2to98by2", "value": "#808080" } }

`expand_generate` turns such a node into the tokens the pipeline documents, with the
pipeline's own arithmetic (tinycolor's HSL and HSV conversions, halves rounded up):

- ``lightness2to98by2``: steps ``2``, ``4`` … ``98``, the base colour at HSL lightness 2 % …
  98 % (``lightness0to100by2``, the older name, gives ``0`` … ``100``);
- ``fluentsharedcolors``: ``Shade50`` … ``Shade10`` (HSV value scaled down by 84, 70, 44, 24
  and 10 %), ``Primary`` (the base colour) and ``Tint10`` … ``Tint60`` (saturation down and value
  up by 12, 24, 40, 70, 84 and 96 %); no shades for black, no tints for white;
- ``alpha5to90``: steps ``5``, ``10``, ``20`` … ``90``, the base colour at that opacity.

Every generated token is typed ``color``. A node of an unknown type or with a value that is
not a colour is a `ValueError` naming the problem.
"""

from __future__ import annotations

import colorsys
import math

from ingest.colour import parse_colour, relative_luminance

GENERATE_TYPES = ("lightness2to98by2", "lightness0to100by2", "fluentsharedcolors", "alpha5to90")
_SHADES = (("Shade50", 0.84), ("Shade40", 0.7), ("Shade30", 0.44), ("Shade20", 0.24), ("Shade10", 0.1))
_TINTS = (("Tint10", 0.12), ("Tint20", 0.24), ("Tint30", 0.4), ("Tint40", 0.7), ("Tint50", 0.84), ("Tint60", 0.96))
_ALPHAS = (5, 10, 20, 30, 40, 50, 60, 70, 80, 90)


def is_generate_node(node: object) -> bool:
    """Whether `node` is a group holding a pipeline ``generate`` object (and no value of its own)."""
    return (isinstance(node, dict) and isinstance(node.get("generate"), dict) and "value" not in node
            and "$value" not in node)


def _hex(rgb01: tuple[float, float, float]) -> str:
    # tinycolor rounds each channel half up (Math.round) after scaling to 0–255
    return "#" + "".join(f"{min(255, max(0, math.floor(c * 255 + 0.5))):02x}" for c in rgb01)


def _ratio(x: float) -> float:
    """A 0–1 ratio as tinycolor's ``fromRatio`` reads it back: written as a percentage and
    truncated to hundredths of a percent."""
    return int(max(0.0, min(1.0, x)) * 100 * 100) / 100 / 100


def _hue(h: float) -> float:
    """A 0–1 hue as tinycolor's ``fromRatio`` reads it back: degrees, except that a hue of at
    most one degree is taken as a percentage of the circle (tinycolor's own quirk)."""
    deg = h * 360
    if deg <= 1:
        return (int(deg * 100 * 360) / 100 % 360) / 360
    return (min(360.0, deg) % 360) / 360


def expand_generate(spec: dict) -> dict[str, str]:
    """{step name: colour} of one ``generate`` object; ValueError when it is not one the
    pipeline knows (an unknown type, a value that is not a single colour)."""
    kind, value = spec.get("type"), spec.get("value")
    if kind not in GENERATE_TYPES:
        raise ValueError(f"unknown generate type {kind!r} (known: {', '.join(GENERATE_TYPES)})")
    if not isinstance(value, str) or "aliasOf" in spec:
        raise ValueError("a generate value must be a single colour, not an alias or a gradient")
    rgb, _ = parse_colour(value)
    r, g, b = (c / 255 for c in rgb)
    if kind.startswith("lightness"):
        h, _, s = colorsys.rgb_to_hls(r, g, b)
        lo, hi = (2, 98) if kind == "lightness2to98by2" else (0, 100)
        return {str(i): _hex(colorsys.hls_to_rgb(_hue(h), _ratio(i / 100), _ratio(s))) for i in range(lo, hi + 1, 2)}
    if kind == "alpha5to90":
        return {str(a): f"rgba({rgb[0]}, {rgb[1]}, {rgb[2]}, {a / 100:g})" for a in _ALPHAS}
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    lum = relative_luminance(rgb)
    out: dict[str, str] = {}
    if lum > 0:
        for name, f in _SHADES:
            out[name] = _hex(colorsys.hsv_to_rgb(_hue(h), _ratio(s), _ratio(v * (1 - f))))
    out["Primary"] = _hex((r, g, b))
    if lum < 1:
        for name, f in _TINTS:
            out[name] = _hex(colorsys.hsv_to_rgb(_hue(h), _ratio(s * (1 - f)), _ratio(v + (1 - v) * f)))
    return out
