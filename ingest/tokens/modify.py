"""Tokens Studio colour modifiers (`$extensions["studio.tokens"].modify`: lighten, darken, mix,
alpha), applied by the resolver (`ingest.tokens.base`) to a resolved colour.
"""

from __future__ import annotations

from typing import Any


def apply_modify(value: Any, modify: Any) -> Any:
    """Tokens Studio colour modifiers (``$extensions["studio.tokens"].modify``): lighten and
    darken mix with white or black, mix blends with another colour, alpha sets the alpha."""
    from ingest.colour import ColourError, color_class, parse_colour, to_hex

    if not isinstance(modify, dict) or not isinstance(value, (str, dict)):
        return value
    kind = modify.get("type")
    try:
        amount = float(modify.get("value", 0))
    except (TypeError, ValueError):
        raise ValueError(f"modify value {modify.get('value')!r} is not a number") from None
    if not 0 <= amount <= 1:
        raise ValueError(f"modify value {amount:g} is outside 0–1")
    try:
        rgb, alpha = parse_colour(value)
    except ColourError:
        return value
    Color = color_class()
    space = {"srgb": "srgb", "hsl": "hsl", "lch": "lch", "p3": "display-p3"}.get(str(modify.get("space", "srgb")), "srgb")
    base = Color("srgb", [c / 255 for c in rgb], alpha)
    if kind == "alpha":
        out = base.clone().set("alpha", amount)
    elif kind in ("lighten", "darken"):
        out = base.mix("white" if kind == "lighten" else "black", amount, space=space)
    elif kind == "mix":
        other, oa = parse_colour(modify.get("color", "#ffffff"))
        out = base.mix(Color("srgb", [c / 255 for c in other], oa), amount, space=space)
    else:
        raise ValueError(f"unknown modify type {kind!r}")
    srgb = out.convert("srgb").fit("srgb")
    r, g, b = (min(255, max(0, round(v * 255))) for v in srgb.coords(nans=False))
    a = srgb.alpha(nans=False)
    return to_hex((r, g, b)) + ("" if a >= 0.999 else f"{round(a * 255):02x}")
