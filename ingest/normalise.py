"""Normalise resolved tokens into DesignSystem values: colours, type scale, spacing, radii, shadows."""

from __future__ import annotations

import math
import re
from typing import Any

from ingest.colour import ColourError, parse_colour, rgb_to_lab, to_hex
from ingest.model import Color, Dimension, Shadow, Source, TypeStyle
from ingest.tokens.base import Token

_DIM_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(px|rem|em|pt|%)?\s*$")
REM_PX = 16.0

_SPACING_WORDS = ("spacing", "space", "spacer", "gap", "size.padding", "padding", "margin", "gutter")
_RADIUS_WORDS = ("radius", "radii", "rounded", "corner", "border-radius", "borderradius")
_COLOR_WORDS = ("color", "colour", "palette", "fill", "background")
_WEIGHT_NAMES = {
    "thin": 100, "hairline": 100, "extra-light": 200, "extralight": 200, "ultra-light": 200, "light": 300,
    "normal": 400, "regular": 400, "book": 400, "medium": 500, "semi-bold": 600, "semibold": 600,
    "demi-bold": 600, "bold": 700, "extra-bold": 800, "extrabold": 800, "ultra-bold": 800, "black": 900,
    "heavy": 900, "extra-black": 950, "extrablack": 950, "ultra-black": 950,
}


def to_px(value: Any) -> float | None:
    """A DTCG dimension (object or legacy string) or plain number → px; None if not a dimension."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict) and "value" in value:
        unit = value.get("unit", "px")
        num = value["value"]
        if not isinstance(num, (int, float)) or isinstance(num, bool):
            return None
        return float(num) * (REM_PX if unit in ("rem", "em") else 1.0) * (4 / 3 if unit == "pt" else 1.0)
    if isinstance(value, str):
        m = _DIM_RE.match(value)
        if not m:
            return None
        num, unit = float(m.group(1)), m.group(2) or "px"
        if unit == "%":
            return None
        return num * (REM_PX if unit in ("rem", "em") else 1.0) * (4 / 3 if unit == "pt" else 1.0)
    return None


def to_weight(value: Any) -> int | None:
    """A font weight: 1–1000, or a name such as "Semi Bold", "SemiBold Italic", "extra-light"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if 1 <= value <= 1000 else None
    if isinstance(value, str):
        v = re.sub(r"\s*(italic|oblique)\s*", " ", value.strip().lower()).strip()
        if v.isdigit():
            return int(v) if 1 <= int(v) <= 1000 else None
        if not v:
            return 400  # "Italic" alone is the regular weight
        w = _WEIGHT_NAMES.get(re.sub(r"[\s_]+", "-", v))
        return w if w is not None else _WEIGHT_NAMES.get(re.sub(r"[\s_-]+", "", v))
    return None


# Ranges of design values a mock can be drawn with (README "Limits"). A token outside them is
# skipped or clamped, with a one-line warning naming the token and its value.
FONT_SIZE_RANGE = (4.0, 512.0)  # px; a text style outside it is skipped
LINE_HEIGHT_RANGE = (0.5, 4.0)  # × the font size; outside it, 1.4× is used
LETTER_SPACING_MAX = 0.5  # em, either way; beyond it, 0 is used
RADIUS_MAX = 10_000.0  # px; larger radii are clamped to it (fully rounded); negative ones are skipped
SPACING_MAX = 256.0  # px; larger values are layout sizes, not spacing steps; negative ones are skipped
SHADOW_MAX = 1_000.0  # px for a shadow's offsets, blur and spread; a shadow beyond it is skipped


def _num(px: float) -> str:
    return f"{px:g}" if math.isfinite(px) else "too large"


def _warn(warnings: list[str] | None, t: Token, what: str) -> None:
    if warnings is not None:
        warnings.append(f"{t.file}: token {t.path}: {what}")


def _line_height(lh: Any, size: float) -> float:
    """lineHeight as a multiplier (1.5, "1.5"), a percentage ("150%") or a length ("24px", 24)."""
    if isinstance(lh, str):
        t = lh.strip()
        if t.endswith("%"):
            try:
                return size * float(t[:-1]) / 100
            except ValueError:
                return size * 1.4
        try:
            lh = float(t)
        except ValueError:
            return to_px(lh) or size * 1.4
    if isinstance(lh, (int, float)) and not isinstance(lh, bool) and lh > 0:
        return size * lh if lh < 4 else float(lh)
    return to_px(lh) or size * 1.4


def _letter_spacing(ls: Any, size: float) -> float:
    """letterSpacing in px from a length, "2%" (of the font size) or "0.02em"."""
    if isinstance(ls, str):
        t = ls.strip()
        try:
            if t.endswith("%"):
                return round(size * float(t[:-1]) / 100, 3)
            if t.endswith("em") and not t.endswith("rem"):
                return round(size * float(t[:-2]), 3)
        except ValueError:
            return 0.0
    if isinstance(ls, dict) and ls.get("unit") == "em" and isinstance(ls.get("value"), (int, float)):
        return round(size * float(ls["value"]), 3)
    return to_px(ls) or 0.0


def first_family(value: Any) -> str | None:
    if isinstance(value, list) and value and isinstance(value[0], str):
        return value[0].strip().strip("'\"")
    if isinstance(value, str) and value.strip():
        return value.split(",")[0].strip().strip("'\"")
    return None


def _path_has(path: str, words: tuple[str, ...]) -> bool:
    p = path.lower()
    segs = re.split(r"[.\-_/]", p)
    return any(w in segs or w in p for w in words)


def colors_from_tokens(tokens: list[Token]) -> tuple[list[Color], list[str]]:
    """Every colour token as a `Color`; returns the colours and per-token problems."""
    out: list[Color] = []
    problems: list[str] = []
    for t in tokens:
        if t.type != "color" and not (t.type is None and _path_has(t.path, _COLOR_WORDS)):
            continue
        if isinstance(t.value, str) and "gradient(" in t.value:
            continue  # Tokens Studio stores gradients as colour tokens
        try:
            rgb, alpha = parse_colour(t.value)
        except ColourError as e:
            if t.type == "color":
                problems.append(f"{t.file}: token {t.path}: {e}")
            continue
        out.append(
            Color(
                name=t.path,
                hex=to_hex(rgb),
                alpha=round(alpha, 4),
                lab=rgb_to_lab(rgb),
                description=t.description,
                source=Source(file=t.file, locator=t.path),
            )
        )
    return out, problems


def type_scale_from_tokens(tokens: list[Token], default_family: str | None,
                           warnings: list[str] | None = None) -> list[TypeStyle]:
    """Typography composites become the type scale; bare fontSize tokens fill in when there are none.

    Values outside `FONT_SIZE_RANGE`, `LINE_HEIGHT_RANGE` and `LETTER_SPACING_MAX` are skipped
    or replaced, with a line in `warnings` naming the token."""
    styles: list[TypeStyle] = []
    lo, hi = FONT_SIZE_RANGE
    for t in tokens:
        if t.type != "typography" or not isinstance(t.value, dict):
            continue
        v = t.value
        size = to_px(v.get("fontSize"))
        if not size:
            continue
        if not lo <= size <= hi:
            _warn(warnings, t, f"fontSize {_num(size)} px is outside {lo:g}–{hi:g} px; style skipped")
            continue
        line = _line_height(v.get("lineHeight", 1.4), size)
        if not (math.isfinite(line) and LINE_HEIGHT_RANGE[0] * size <= line <= LINE_HEIGHT_RANGE[1] * size):
            _warn(warnings, t, f"lineHeight {_num(line)} px is outside {LINE_HEIGHT_RANGE[0]:g}–"
                               f"{LINE_HEIGHT_RANGE[1]:g}× the font size; using 1.4×")
            line = size * 1.4
        spacing = _letter_spacing(v.get("letterSpacing"), size)
        if not (math.isfinite(spacing) and abs(spacing) <= LETTER_SPACING_MAX * size):
            _warn(warnings, t, f"letterSpacing {_num(spacing)} px is beyond ±{LETTER_SPACING_MAX:g} em; using 0")
            spacing = 0.0
        styles.append(
            TypeStyle(
                name=t.path.split(".")[-1],
                family=first_family(v.get("fontFamily")) or default_family or "Manrope",
                size=size,
                weight=to_weight(v.get("fontWeight")) or 400,
                line_height=round(line, 2),
                letter_spacing=spacing,
                source=Source(file=t.file, locator=t.path),
            )
        )
    if styles:
        return sorted(styles, key=lambda s: -s.size)
    sizes = []
    for t in tokens:
        if t.type in ("fontSize", "fontSizes") or (t.type == "dimension" and _path_has(t.path, ("font-size", "fontsize", "font.size", "size.font"))):
            px = to_px(t.value)
            if px and 8 <= px <= 160:
                sizes.append((px, t))
    fam = default_family or "Manrope"
    for px, t in sorted(sizes, key=lambda x: -x[0]):
        styles.append(
            TypeStyle(
                name=t.path.split(".")[-1], family=fam, size=px, weight=700 if px >= 24 else 400,
                line_height=round(px * (1.25 if px >= 24 else 1.5), 2),
                source=Source(file=t.file, locator=t.path),
            )
        )
    return styles


def dimensions_from_tokens(tokens: list[Token],
                           warnings: list[str] | None = None) -> tuple[list[Dimension], list[Dimension]]:
    """Spacing steps and corner radii. Negative values are skipped and radii beyond `RADIUS_MAX`
    clamped, with a line in `warnings` naming the token."""
    spacing: list[Dimension] = []
    radii: list[Dimension] = []
    for t in tokens:
        if t.type not in (None, "dimension", "spacing", "borderRadius", "sizing", "number", "size"):
            continue
        px = to_px(t.value)
        if px is None:
            continue
        is_radius = _path_has(t.path, _RADIUS_WORDS) or t.type == "borderRadius"
        is_spacing = not is_radius and (_path_has(t.path, _SPACING_WORDS) or t.type == "spacing")
        what = "radius" if is_radius else "spacing"
        if px < 0 or not math.isfinite(px):
            if is_radius or is_spacing:
                _warn(warnings, t, f"{what} {_num(px)} px is {'negative' if px < 0 else 'out of range'}; skipped")
            continue
        if is_radius and px > RADIUS_MAX:
            _warn(warnings, t, f"radius {px:g} px is above {RADIUS_MAX:g} px; clamped to {RADIUS_MAX:g} px")
            px = RADIUS_MAX
        d = Dimension(name=t.path.split(".")[-1], px=px, source=Source(file=t.file, locator=t.path))
        if is_radius:
            radii.append(d)
        elif is_spacing and px <= SPACING_MAX:
            spacing.append(d)
    return spacing, radii


def shadows_from_tokens(tokens: list[Token], warnings: list[str] | None = None) -> list[Shadow]:
    """The first outer layer of each shadow token; one whose offsets, blur or spread lie
    beyond ±`SHADOW_MAX` px is skipped with a line in `warnings`, a negative blur becomes 0."""
    out: list[Shadow] = []
    for t in tokens:
        if t.type not in ("shadow", "boxShadow"):
            continue
        layers = t.value if isinstance(t.value, list) else [t.value]
        outer = [(i, la) for i, la in enumerate(layers) if isinstance(la, dict) and not _inner(la)]
        for i, layer in outer[:1]:  # the first outer layer is the key shadow
            try:
                rgb, alpha = parse_colour(layer.get("color", "#000000"))
            except ColourError:
                continue
            geo = {"offset_x": to_px(layer.get("offsetX", layer.get("x", 0))) or 0.0,
                   "offset_y": to_px(layer.get("offsetY", layer.get("y", 0))) or 0.0,
                   "blur": max(0.0, to_px(layer.get("blur", 0)) or 0.0),
                   "spread": to_px(layer.get("spread", 0)) or 0.0}
            bad = [f"{k.replace('_', ' ')} {_num(v)} px" for k, v in geo.items()
                   if not (math.isfinite(v) and abs(v) <= SHADOW_MAX)]
            if bad:
                _warn(warnings, t, f"shadow {', '.join(bad)} beyond ±{SHADOW_MAX:g} px; skipped")
                continue
            out.append(
                Shadow(
                    name=t.path.split(".")[-1], color=to_hex(rgb), alpha=alpha, **geo,
                    source=Source(file=t.file, locator=t.path + (f"[{i}]" if len(layers) > 1 else "")),
                )
            )
    return out


def _inner(layer: dict) -> bool:
    return layer.get("inset") is True or layer.get("type") == "innerShadow"


def _family_rank(path: str, family: str) -> int:
    """Text families first, then code fonts, then icon fonts (which cannot set body text)."""
    text = f"{path} {family}".lower()
    if "icon" in text or "symbol" in text:
        return 2
    if any(w in text for w in ("mono", "code", "consolas", "courier")):
        return 1
    return 0


def font_families(tokens: list[Token]) -> list[str]:
    """Font families the tokens name, typography families and text faces first."""
    fams: list[str] = []
    rank: dict[str, int] = {}
    for t in tokens:
        if t.type in ("fontFamily", "fontFamilies") or (t.type == "typography" and isinstance(t.value, dict)):
            v = t.value.get("fontFamily") if t.type == "typography" else t.value
            if t.type == "typography" and v is None:
                v = t.value.get("fontFamilies")
            fam = first_family(v)
            if fam and fam.lower() not in ("sans-serif", "serif", "monospace", "system-ui") and fam not in fams:
                fams.append(fam)
                rank[fam] = -1 if t.type == "typography" else _family_rank(t.path, fam)
    return sorted(fams, key=lambda f: rank[f])


_DEFAULT_SCALE = (("display", 48, 700, 56), ("h1", 36, 700, 44), ("h2", 28, 600, 36), ("h3", 22, 600, 30),
                  ("title", 18, 600, 26), ("body", 16, 400, 24), ("small", 14, 400, 20), ("caption", 12, 500, 16))


def default_type_scale(family: str) -> list[TypeStyle]:
    """The scale used when a system's tokens define none (a conventional 1.25-ish ramp)."""
    src = Source(file="(onbrand default)", locator="type scale")
    return [TypeStyle(name=n, family=family, size=s, weight=w, line_height=lh, source=src)
            for n, s, w, lh in _DEFAULT_SCALE]
