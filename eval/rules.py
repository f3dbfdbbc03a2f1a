"""Check the rules a design system states (`ingest.model.Rule`) against an image and its scene.

A design system's guide says things its tokens cannot: "never use orange for large areas",
"red is for errors only", "no white text on yellow", "body text is never below 14 px", "tap
targets are at least 44 px", "one primary button per view".  `check_rules` tells, for each rule
of ``ds.rules``, whether an image keeps it, breaks it, or cannot tell:

* with onbrand's scene (``<name>.scene.json`` beside a mock) the scene is drawn again with the
  design system on a vector-only canvas, recording every fill (its element, colour, area and
  the colour role the renderer asked for) and every line of text (its element, type size,
  colour and the colour under it): the checks are exact;
* from pixels alone only the area a colour covers can be measured, so only
  "color-not-large-area" is checked; the other kinds are "not-checkable".

Colours match when CIEDE2000 ≤ `DELTA_E` (the colour maths is `ingest.colour`).  Rules are
reported beside the scores; they never change a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from engine.compose.rules import LARGE_AREA, SURFACE_KINDS, TARGET_KINDS, USE_ALIASES
from engine.render.canvas import Canvas
from engine.render.theme import Theme
from eval.scene_audit import ElementTrackingRenderer
from ingest.colour import ciede2000, hex_to_rgb, rgb_to_hex, srgb_to_lab
from ingest.model import DesignSystem, Rule, Source
from scene.model import Element, Scene

__all__ = ["DELTA_E", "LARGE_AREA", "SCENE_DELTA_E", "RuleCheck", "check_rules", "colour_share", "source_label"]

#: CIEDE2000 distance within which a colour (a pixel, or a rule's stated hex) is a system colour.
DELTA_E = 3.0
#: CIEDE2000 distance within which a colour drawn from the scene (exact) is a system colour.
SCENE_DELTA_E = 0.5
# A large area (a share of the canvas, for one fill or, from pixels, one colour in all), the
# surface and tap-target kinds and the role names that mean one use are the ones generation
# applies the rules with (`engine.compose.rules`).
_NEEDS_SCENE = "pixels alone cannot tell: needs the mock's scene (NAME.scene.json beside the image)"

Status = Literal["kept", "broken", "not-checkable"]


class RuleCheck(BaseModel):
    """One stated rule and what the image does with it."""

    kind: str
    text: str = Field(description="the rule as the design system states it")
    source: Source
    status: Status
    detail: str = ""
    where: list[str] = Field(default_factory=list, description="element ids (or 'page background') that break it")


# -- replaying the scene -------------------------------------------------------------------------


@dataclass
class _Fill:
    element: Element | None  # None: the page background
    hex: str
    area: float  # canvas px²
    role: str  # the colour role the renderer asked for ("" when unknown)


@dataclass
class _Run:
    element: Element
    text: str
    style: str
    size: float  # design px
    role: str
    colour: str
    background: str
    hidden: bool  # under a modal's scrim


class _AskingTheme(Theme):
    """A theme that remembers which role each colour was last asked for."""

    def __init__(self, ds: DesignSystem):
        self.asked: dict[str, str] = {}  # hex -> role
        super().__init__(ds)

    def color(self, role: str) -> str:
        hx = super().color(role)
        self.asked[hx] = role
        return hx


class _FillCanvas(Canvas):
    """A vector-only canvas that records each opaque filled shape for the current element."""

    def __init__(self, width: int, height: int, background: str, rec: _Recorder):
        self.rec = rec
        super().__init__(width, height, background, raster=False)

    def rect(self, x, y, w, h, fill=None, radius=0.0, stroke=None, stroke_width=0.0, opacity=1.0, inset_stroke=True):
        if fill and opacity >= 1 and w > 0 and h > 0:
            self.rec.fill(fill, w * h)
        super().rect(x, y, w, h, fill=fill, radius=radius, stroke=stroke, stroke_width=stroke_width,
                     opacity=opacity, inset_stroke=inset_stroke)

    def circle(self, cx, cy, r, fill=None, stroke=None, stroke_width=0.0):
        if fill and r > 0:
            self.rec.fill(fill, np.pi * r * r)
        super().circle(cx, cy, r, fill=fill, stroke=stroke, stroke_width=stroke_width)

    def polyline(self, pts, color, width, fill=None, closed=False, opacity=1.0):
        if fill and opacity >= 1 and len(pts) >= 3:
            xs, ys = np.array([p[0] for p in pts]), np.array([p[1] for p in pts])
            self.rec.fill(fill, 0.5 * abs(float(np.dot(xs, np.roll(ys, 1)) - np.dot(ys, np.roll(xs, 1)))))
        super().polyline(pts, color, width, fill=fill, closed=closed, opacity=opacity)


class _Recorder(ElementTrackingRenderer):
    """A renderer that records fills and text runs with the element being drawn."""

    def __init__(self, theme: _AskingTheme, scale: float):
        super().__init__(theme, scale)
        self.fills: list[_Fill] = []
        self.runs: list[_Run] = []

    def fill(self, colour: str, area: float) -> None:
        hx = colour.lower()
        self.fills.append(_Fill(self.stack[-1] if self.stack else None, hx, area, self.th.asked.get(hx, "")))

    def text(self, cv, text, x, y, w, style, role, bg, align="left", max_lines=1, h=None, color=None):
        before = len(self.text_runs)
        used = super().text(cv, text, x, y, w, style, role, bg, align=align, max_lines=max_lines, h=h, color=color)
        if self.stack:
            size = self.th.style(style).size
            for run in self.text_runs[before:]:
                self.runs.append(_Run(self.stack[-1], text, style, size, role, run[4].lower(), bg.lower(), False))
        return used

    def k_modal(self, cv, el, bg):
        fill = super().k_modal(cv, el, bg)
        for r in self.runs:  # what was drawn before the dialog lies under its scrim
            r.hidden = True
        return fill


@dataclass
class _Replay:
    scene: Scene
    theme: _AskingTheme
    fills: list[_Fill]
    runs: list[_Run]

    @property
    def canvas_area(self) -> float:
        return float(self.scene.width * self.scene.height)


def _replay(scene: Scene, ds: DesignSystem) -> _Replay:
    theme = _AskingTheme(ds)
    theme.apply_theme_rules(scene.theme_rules)  # drawn as the scene was (the rules it applied)
    rec = _Recorder(theme, scene.scale)
    cv = _FillCanvas(scene.width, scene.height, theme.color(scene.background_role), rec)
    rec.fills[0].role = scene.background_role  # the page itself
    rec.draw(cv, scene)
    return _Replay(scene, theme, rec.fills, rec.runs)


# -- colours -----------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _lab(hx: str) -> np.ndarray:
    return srgb_to_lab(np.asarray(hex_to_rgb(hx), dtype=np.uint8))


@lru_cache(maxsize=65536)
def _de(a: str, b: str) -> float:
    return 0.0 if a == b else float(ciede2000(_lab(a), _lab(b)))


def _same(a: str, b: str) -> bool:
    """Whether a colour drawn from the scene is `b` (a system colour: drawn colours are exact,
    so only rounding is allowed)."""
    return _de(a, b) <= SCENE_DELTA_E


def _system_colour(hx: str, palette: list[str]) -> str:
    """The system colour a rule means: the palette colour nearest `hx` when within `DELTA_E`
    (a guide may print a colour a little off its token), else `hx` itself."""
    best = min(palette, key=lambda p: _de(hx, p), default=None)
    return best if best is not None and _de(hx, best) <= DELTA_E else hx


def colour_share(rgb: np.ndarray, hx: str, palette: Sequence[str] = (), delta_e: float = DELTA_E) -> float:
    """Share of the pixels of an ``(H, W, 3)`` uint8 image that show `hx`: within CIEDE2000
    `delta_e` of it and no nearer any other colour of `palette` (so a near-white page and a
    white card are told apart)."""
    flat = np.ascontiguousarray(rgb.reshape(-1, 3))
    if not len(flat):
        return 0.0
    packed = (flat[:, 0].astype(np.uint32) << 16) | (flat[:, 1].astype(np.uint32) << 8) | flat[:, 2]
    uniq, counts = np.unique(packed, return_counts=True)
    cols = np.stack([(uniq >> 16) & 255, (uniq >> 8) & 255, uniq & 255], axis=-1).astype(np.uint8)
    labs = srgb_to_lab(cols)
    d = ciede2000(labs, _lab(hx)[None, :])
    near = d <= delta_e
    for other in palette:
        if other != hx:
            near &= d <= ciede2000(labs, _lab(other)[None, :])
    return float(counts[near].sum() / len(flat))


def _norm_hex(value: str) -> str | None:
    try:
        return rgb_to_hex(hex_to_rgb(value.strip()))
    except (ValueError, TypeError, AttributeError):
        return None


def _use_group(name: str) -> set[str]:
    n = name.strip().lower().replace("_", "-").replace(" ", "-")
    for group in USE_ALIASES:
        if n in group:
            return group
    return {n}


def _label(f: _Fill) -> str:
    return "page background" if f.element is None else f.element.id


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


# -- the checks ----------------------------------------------------------------------------------


def _not_large(rule: Rule, hx: str, rp: _Replay | None, rgb: np.ndarray | None, palette: list[str]) -> tuple[Status, str, list[str]]:
    share = colour_share(rgb, hx, palette) if rgb is not None else None
    px = f"; {_pct(share)} of the image's pixels" if share is not None else ""
    if rp is None:
        if share is None:
            return "not-checkable", "no image and no scene", []
        if share >= LARGE_AREA:
            return "broken", f"{hx} covers {_pct(share)} of the image (a large area is {_pct(LARGE_AREA)} or more)", []
        return "kept", f"{hx} covers {_pct(share)} of the image (below {_pct(LARGE_AREA)})", []
    total = rp.canvas_area
    boxes = {}
    large: dict[str, float] = {}
    biggest = (0.0, "")
    for f in rp.fills:
        if not _same(f.hex, hx):
            continue
        el = f.element
        if el is not None and el.id not in boxes:
            boxes[el.id] = max(el.box[2] * el.box[3], 1e-9)
        surface = el is None or (el.kind in SURFACE_KINDS and f.area >= 0.5 * boxes[el.id])
        if surface or f.area >= LARGE_AREA * total:
            large[_label(f)] = max(large.get(_label(f), 0.0), f.area / total)
        if f.area > biggest[0]:
            biggest = (f.area, _label(f))
    if large:
        shown = ", ".join(f"{k} ({_pct(v)} of the canvas)" for k, v in list(large.items())[:5])
        return "broken", f"{hx} fills {shown}{px}", list(large)
    if share is not None and share >= LARGE_AREA:
        return "broken", f"{hx} covers {_pct(share)} of the image in all (a large area is {_pct(LARGE_AREA)} or more)", []
    if biggest[0] > 0:
        return "kept", f"largest fill in {hx}: {biggest[1]} ({_pct(biggest[0] / total)} of the canvas){px}", []
    return "kept", f"nothing is filled with {hx}{px}", []


def _only_for(rule: Rule, hx: str, rp: _Replay) -> tuple[Status, str, list[str]]:
    use = _use_group(rule.use)
    bad: dict[str, str] = {}
    used = 0
    for f in rp.fills:
        if not _same(f.hex, hx):
            continue
        used += 1
        el = f.element
        roles = {f.role} | ({el.role} if el is not None and el.role else set())
        if el is not None and el.kind == "button" and el.variant == "destructive":
            roles.add("danger")
        if not any(r and _use_group(r) & use for r in roles):
            bad.setdefault(_label(f), f"{f.role or (el.kind if el else 'page')} fill")
    for r in rp.runs:
        if r.hidden or not _same(r.colour, hx):
            continue
        used += 1
        roles = {r.role.removeprefix("on-")} | ({r.element.role} if r.element.role else set())
        if not any(x and _use_group(x) & use for x in roles):
            bad.setdefault(r.element.id, f"{r.role or 'text'} text")
    if bad:
        shown = ", ".join(f"{k} ({v})" for k, v in list(bad.items())[:5])
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        return "broken", f"{hx} is used for other things than {rule.use}: {shown}{more}", list(bad)
    if used:
        return "kept", f"{hx} is used {used} time(s), each for {rule.use}", []
    return "kept", f"{hx} is not used", []


def _no_text_on(rule: Rule, hx: str, bg: str, rp: _Replay) -> tuple[Status, str, list[str]]:
    bad = [r for r in rp.runs if not r.hidden and _same(r.colour, hx) and _same(r.background, bg)]
    if bad:
        ids = list(dict.fromkeys(r.element.id for r in bad))
        shown = ", ".join(f"{r.element.id} {r.text[:30]!r}" for r in bad[:3])
        return "broken", f"{len(bad)} line(s) of {hx} text on {bg}: {shown}", ids
    n = sum(not r.hidden and _same(r.colour, hx) for r in rp.runs)
    return "kept", f"no {hx} text on {bg} ({n} line(s) of {hx} text elsewhere)", []


def _min_text(rule: Rule, rp: _Replay) -> tuple[Status, str, list[str]]:
    body = "body" in rule.text.lower()
    runs = [r for r in rp.runs if not body or r.style.startswith("body")]
    scope = "body text" if body else "text"
    if not runs:
        return "kept", f"no {scope} in the scene", []
    small = [r for r in runs if r.size < rule.px - 0.01]
    least = min(r.size for r in runs)
    if small:
        ids = list(dict.fromkeys(r.element.id for r in small))
        styles = ", ".join(sorted({f"{r.style} {r.size:g}px" for r in small}))
        return "broken", f"{len(small)} line(s) of {scope} below {rule.px:g}px ({styles})", ids
    return "kept", f"smallest {scope} {least:g}px (at least {rule.px:g}px)", []


def _min_target(rule: Rule, rp: _Replay) -> tuple[Status, str, list[str]]:
    s = rp.scene.scale or 1.0
    targets = [e for e in rp.scene.walk() if e.kind in TARGET_KINDS]
    if not targets:
        return "kept", "no tap targets in the scene", []
    small = [e for e in targets if e.box[2] / s < rule.px - 0.01 or e.box[3] / s < rule.px - 0.01]
    if small:
        shown = ", ".join(f"{e.id} {e.box[2] / s:.0f}×{e.box[3] / s:.0f}" for e in small[:5])
        return "broken", f"{len(small)} of {len(targets)} targets below {rule.px:g}px (design px): {shown}", \
            [e.id for e in small]
    least = min(min(e.box[2], e.box[3]) / s for e in targets)
    return "kept", f"{len(targets)} targets, the smallest side {least:.0f}px (design px)", []


def _primary_buttons(rule: Rule, scene: Scene) -> tuple[Status, str, list[str]]:
    def primaries(els) -> list[str]:
        out = []
        for e in els:
            if e.kind == "modal":
                continue
            if e.kind == "button" and (e.variant or "primary") == "primary":
                out.append(e.id)
            out += primaries(e.children)
        return out

    views = [("the page", primaries(scene.elements))]
    views += [(f"dialog {m.id}", primaries(m.children)) for m in scene.walk() if m.kind == "modal"]
    over = [(name, ids) for name, ids in views if len(ids) > rule.count]
    if over:
        shown = "; ".join(f"{len(ids)} in {name}" for name, ids in over)
        return "broken", f"more than {rule.count} primary button(s): {shown}", [i for _, ids in over for i in ids]
    counts = ", ".join(f"{len(ids)} in {name}" for name, ids in views)
    return "kept", f"primary buttons: {counts} (at most {rule.count})", []


def _check(rule: Rule, rp: _Replay | None, rgb: np.ndarray | None, palette: list[str]) -> tuple[Status, str, list[str]]:
    kind = rule.kind
    hx = _norm_hex(rule.color) if rule.color else None
    hx = _system_colour(hx, palette) if hx else None
    if kind in ("color-not-large-area", "color-only-for", "no-text-on") and hx is None:
        return "not-checkable", f"the rule names no colour onbrand can read ({rule.color!r})", []
    if kind == "color-not-large-area":
        return _not_large(rule, hx, rp, rgb, palette)
    if kind == "color-only-for":
        if not rule.use.strip():
            return "not-checkable", "the rule names no use", []
        return _only_for(rule, hx, rp) if rp else ("not-checkable", _NEEDS_SCENE, [])
    if kind == "no-text-on":
        bg = _norm_hex(rule.background) if rule.background else None
        bg = _system_colour(bg, palette) if bg else None
        if bg is None:
            return "not-checkable", f"the rule names no background onbrand can read ({rule.background!r})", []
        return _no_text_on(rule, hx, bg, rp) if rp else ("not-checkable", _NEEDS_SCENE, [])
    if kind in ("min-text-size", "min-target-size"):
        if rule.px <= 0:
            return "not-checkable", "the rule states no size", []
        if rp is None:
            return "not-checkable", _NEEDS_SCENE, []
        return _min_text(rule, rp) if kind == "min-text-size" else _min_target(rule, rp)
    if kind == "max-primary-buttons":
        if rule.count <= 0:
            return "not-checkable", "the rule states no count", []
        return _primary_buttons(rule, rp.scene) if rp else ("not-checkable", _NEEDS_SCENE, [])
    return "not-checkable", f"onbrand does not check rules of kind {kind!r}", []


def check_rules(ds: DesignSystem, rgb: np.ndarray | None = None, scene: Scene | None = None,
                rules: list[Rule] | None = None) -> list[RuleCheck]:
    """Each rule of `ds` (or `rules`) checked against an image (``(H, W, 3)`` uint8) and the
    scene that drew it, when there is one (the caller makes sure the scene fits the image)."""
    rules = ds.rules if rules is None else rules
    if not rules:
        return []
    rp = _replay(scene, ds) if scene is not None else None
    palette = ds.palette_hexes()
    out = []
    for rule in rules:
        status, detail, where = _check(rule, rp, rgb, palette)
        out.append(RuleCheck(kind=rule.kind, text=rule.text, source=rule.source, status=status, detail=detail,
                             where=where[:20]))
    return out


def source_label(source: Source | dict) -> str:
    """Where a rule is stated, for people: ``guide.pdf p. 3``."""
    src = source if isinstance(source, Source) else Source.model_validate(source)
    return f"{src.file} {src.locator}".strip() or "(unknown source)"
