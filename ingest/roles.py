"""Infer semantic colour roles (background, text, primary, …) from names and from the palette.

First by name: each role has name patterns (``color.role.primary``, ``bg-default``,
``text-secondary`` …) scored by how exactly the token's last segments match. Roles no token
names are derived from the palette itself (lightest neutral for background, darkest for
text, most chromatic brand colour for primary …), and every `RoleAssignment` says which rule
chose it so the user can check.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.colour import (
    ColourError,
    ciede2000,
    composite,
    contrast,
    parse_hex,
    relative_luminance,
    rgb_to_lab,
    to_hex,
)
from ingest.model import Color, RoleAssignment, RoleEvidence, Rule, Source

# role -> name patterns, best first. Matched against the token path's trailing segments.
_ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "background": ("background", "bg", "canvas", "background-default", "bg-default", "page", "background-primary"),
    "surface": ("surface", "card", "paper", "surface-default", "background-surface", "bg-surface"),
    "surface-muted": ("surface-muted", "surface-subtle", "surface-secondary", "background-muted", "bg-muted",
                      "surface-alt", "background-secondary"),
    "surface-raised": ("surface-raised", "raised", "elevated", "surface-elevated", "background-raised",
                       "background-elevated", "bg-raised", "bg-elevated", "overlay", "surface-overlay",
                       "background-overlay", "popover", "surface-popover"),
    "text": ("text", "foreground", "fg", "text-primary", "text-default", "on-background", "on-surface",
             "font-primary", "text-base"),
    "text-muted": ("text-muted", "text-secondary", "muted", "text-subtle", "fg-muted", "foreground-muted",
                   "font-secondary", "text-tertiary"),
    "primary": ("primary", "brand", "brand-primary", "action", "interactive", "primary-default", "accent-primary"),
    "on-primary": ("on-primary", "text-on-primary", "primary-foreground", "primary-contrast", "on-brand",
                   "text-inverse", "inverse"),
    "secondary": ("secondary", "brand-secondary", "secondary-default"),
    "on-secondary": ("on-secondary", "secondary-foreground", "text-on-secondary"),
    "accent": ("accent", "highlight", "tertiary", "brand-accent"),
    "on-accent": ("on-accent", "accent-foreground", "text-on-accent"),
    "border": ("border", "outline", "stroke", "border-default", "line"),
    "divider": ("divider", "separator", "border-subtle", "border-muted"),
    "success": ("success", "positive", "valid"),
    "on-success": ("on-success", "success-foreground"),
    "warning": ("warning", "caution", "attention"),
    "on-warning": ("on-warning", "warning-foreground"),
    "danger": ("danger", "error", "critical", "negative", "destructive", "invalid"),
    "on-danger": ("on-danger", "on-error", "danger-foreground", "error-foreground"),
    "info": ("info", "informative", "information", "notice"),
    "on-info": ("on-info", "info-foreground"),
    "focus": ("focus", "focus-ring", "ring"),
}
_SEMANTIC_GROUPS = ("role", "roles", "semantic", "sys", "alias", "theme", "ui")


def _norm(s: str) -> str:
    s = re.sub(r"(?<=[a-z])(?=[A-Z])", "-", s)  # camelCase -> camel-Case (NeutralBackground1)
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return re.sub(r"-?\d+$", "", s) or s  # a trailing step number (background-1) names the same role


# trailing segments that say nothing about the role ("NeutralBackground1.Fill.Color.Rest")
_FILLER = {"rest", "default", "value", "color", "colour", "fill", "base", "normal", "enabled", "idle"}
# segments of interaction states and high-contrast variants: such tokens do not define a role
_STATES = {"hover", "hovered", "pressed", "active", "disabled", "selected", "visited", "dragged", "checked"}
_PRIMITIVE_GROUPS = {"global", "primitive", "primitives", "core", "palette", "ref", "base"}


def _name_tails(path: str) -> tuple[list[str], str, str] | None:
    """(normalised segments, last meaningful segment, last two joined) of a token path, or
    None for interaction states and high-contrast variants, which define no role."""
    raw = [_norm(s) for s in path.split(".")]
    words = {w for s in raw for w in s.split("-")}
    if words & _STATES or "hc" in words or "high-contrast" in "-".join(raw):
        return None
    segs = list(raw)
    while len(segs) > 1 and segs[-1] in _FILLER:
        segs.pop()
    tail1 = segs[-1]
    tail2 = "-".join(segs[-2:]) if len(segs) >= 2 else tail1
    return raw, tail1, tail2


def _name_score(path: str, role: str) -> float:
    tails = _name_tails(path)
    return _tails_score(tails, role) if tails else 0.0


def _tails_score(tails: tuple[list[str], str, str], role: str) -> float:
    raw, tail1, tail2 = tails
    segs = list(raw)
    while len(segs) > 1 and segs[-1] in _FILLER:
        segs.pop()
    best = 0.0
    for rank, pat in enumerate(_ROLE_NAMES[role]):
        weight = 1.0 - rank * 0.03
        if tail2 == pat or tail1 == pat:
            best = max(best, 3.0 * weight)
        elif tail2.endswith("-" + pat) and not pat.startswith("on-") and "on-" in tail2:
            continue  # "text-on-primary" must not count as "primary"
        elif tail2.endswith(pat) or tail1.startswith(pat + "-default"):
            best = max(best, 2.0 * weight)
    if best and any(s in _SEMANTIC_GROUPS for s in segs[:-1]):
        best += 0.5
    if best and raw[0] in _PRIMITIVE_GROUPS:
        best -= 0.3  # a semantic token of the same name wins over a primitive
    return best


# name pattern -> the roles it belongs to, to find a name's candidate roles without trying them all
_PATTERN_ROLES: dict[str, set[str]] = {}
for _role, _pats in _ROLE_NAMES.items():
    for _pat in _pats:
        _PATTERN_ROLES.setdefault(_pat, set()).add(_role)


def name_scores(path: str) -> dict[str, float]:
    """Every role a token path's name matches, with its score (as `_name_score` gives it).

    Only the roles one of whose patterns is a suffix of the name's last two segments, or
    comes before ``-default`` in its last one, can score, so those are looked up instead of
    trying every role: the cost is linear in the name's length, not in the number of roles."""
    tails = _name_tails(path)
    if tails is None:
        return {}
    _, tail1, tail2 = tails
    cands: set[str] = set()
    for i in range(len(tail2)):
        cands |= _PATTERN_ROLES.get(tail2[i:], set())
    start = tail1.find("-default")
    while start != -1:
        cands |= _PATTERN_ROLES.get(tail1[:start], set())
        start = tail1.find("-default", start + 1)
    out = {}
    for role in cands:
        s = _tails_score(tails, role)
        if s > 0:
            out[role] = s
    return out


_CHROMATIC_ROLES = ("primary", "accent", "success", "warning", "danger", "info")


def _plausible(role: str, c: Color, out: dict[str, RoleAssignment], by_hex: dict[str, Color]) -> bool:
    """Reject name matches that cannot play the role (a white "font.primary" is not the brand
    colour; text that fails 4.5:1 on the chosen background is not body text)."""
    if role in _CHROMATIC_ROLES:
        return _chroma(c) >= 12
    if role.startswith("on-") and role[3:] in out:
        base = by_hex[out[role[3:]].hex]
        return contrast(c.rgb, base.rgb) >= 4.5  # text on a filled button must be readable
    if role in ("background", "surface", "surface-muted", "surface-raised"):
        return _chroma(c) < 20  # a page or card colour is (near-)neutral; "brand background" is not
    if role in ("text", "text-muted") and "background" in out:
        bg = by_hex[out["background"].hex]
        return contrast(c.rgb, bg.rgb) >= (4.5 if role == "text" else 3.0)
    return True


def _chroma(c: Color) -> float:
    return math.hypot(c.lab[1], c.lab[2])


# role -> phrases that name it in a token's description ("Primary brand colour for buttons").
_w = r"(?<![\w-])"
_ROLE_PHRASES: dict[str, tuple[str, ...]] = {
    "background": (r"(page|app|canvas|default|main) background", r"background of (the )?(page|app)"),
    "surface": (r"surfaces?", r"cards?", r"panels?", r"sheets?"),
    "surface-raised": (r"(raised|elevated) (surfaces?|cards?|panels?|layers?)", r"(menus?|popovers?|dialogs?|modals?|"
                       r"overlays?) (backgrounds?|surfaces?)"),
    "text": (r"(body|primary|default|main) (text|copy)", r"text colou?r", r"foreground"),
    "text-muted": (r"(secondary|muted|subtle|helper|placeholder|supporting) (text|copy)",),
    "primary": (r"primary", r"main brand", r"brand colou?r", r"call[- ]to[- ]action", r"key brand"),
    "on-primary": (r"(text|content|icons?|labels?) on (the )?(primary|brand)", r"on[- ]primary"),
    "secondary": (r"secondary (brand|colou?r|actions?|buttons?)",),
    "accent": (r"accent", r"highlights?"),
    "border": (r"borders?", r"outlines?", r"strokes?"),
    "divider": (r"dividers?", r"separators?", r"hairlines?"),
    "success": (r"success", r"positive", r"confirmation"),
    "warning": (r"warnings?", r"caution"),
    "danger": (r"danger", r"errors?", r"destructive", r"critical"),
    "info": (r"informational", r"information", r"info"),
    "focus": (r"focus( rings?| states?| indicators?)?",),
}
_ROLE_RES = {r: [re.compile(_w + p + r"(?![\w-])", re.IGNORECASE) for p in ps] for r, ps in _ROLE_PHRASES.items()}
_DESC_SCORE = 2.4  # above a partial name match (2.0), below an exact one (3.0)


def description_roles(description: str) -> list[str]:
    """Roles a token's description names; "text on primary" names on-primary, not primary."""
    if not description:
        return []
    found = [r for r, pats in _ROLE_RES.items() if any(p.search(description) for p in pats)]
    ons = [r for r in found if r.startswith("on-")]
    if ons:
        return ons
    return found


def infer_roles(colors: list[Color], theme: str | None = None, *, guidance: Sequence[RoleEvidence] = (),
                rules: Sequence[Rule] = (), usage: Sequence[RoleEvidence] = ()) -> list[RoleAssignment]:
    """Assign every role the palette can support by weighing the evidence for it, strongest
    kind first: semantic tokens (a token named for the role, its description, a guide's swatch
    labelled with the role), then what a guide's sentences state (`guidance`, from
    `ingest.guidance`), then usage (`usage`: how much the system's screens and aliases use a
    colour), then colour names, then derivation from the palette. Within a kind the larger
    weight wins. A sentence that says a colour never plays a role (a negative weight), a
    "color-only-for" rule (the colour plays only that role) and a "color-not-large-area" rule
    (no page or card colour) keep the colour out of those roles, derived ones included.
    Every assignment carries its `evidence` and the evidence for other colours that `lost`.

    `theme` ("light" or "dark", e.g. from a mode named so) is a hint for the derivation when
    no token names the background: a dark theme's background is its darkest neutral. Once the
    background is known its own lightness decides (`theme_of`), and derived surfaces stay on
    that side: dark and a step lighter than the background in a dark theme, never the text
    colour.

    Each colour's name and description are read once (`name_scores`, `description_roles`),
    and colours are looked up by value in a dict, so the cost grows linearly with the
    number of colours."""
    opaque = [c for c in colors if c.alpha >= 0.999]
    by_hex: dict[str, Color] = {}
    for c in opaque:
        by_hex.setdefault(c.hex, c)
    out: dict[str, RoleAssignment] = {}
    cands = _collect_evidence(opaque, by_hex, guidance, usage)
    blocked = _blocked(opaque, by_hex, guidance, rules)
    for role in _ROLE_NAMES:
        ranked = sorted(cands.get(role, {}).values(), key=lambda e: e.key, reverse=True)
        # a rule or a "never" sentence rules a colour out, except where a semantic token names it
        win = next((e for e in ranked if ((role, e.color.hex) not in blocked or e.key[0] >= _TIERS["semantic-token"])
                    and _plausible(role, e.color, out, by_hex)), None)
        if win:
            lost = [e.evidence[0] for e in ranked if e is not win][:_MAX_LOST]
            lost += [b for (r, h), b in blocked.items() if r == role and h != win.color.hex][:_MAX_LOST]
            out[role] = RoleAssignment(role=role, color=win.color.name, hex=win.color.hex, reason=win.reason,
                                       evidence=win.evidence, lost=lost)
    if not opaque:
        return list(out.values())
    _derive_missing(out, opaque, by_hex, theme)
    _rederive_blocked(out, opaque, by_hex, theme, blocked)
    order = list(_ROLE_NAMES)
    return sorted(out.values(), key=lambda r: order.index(r.role) if r.role in order else 99)


# -- evidence -------------------------------------------------------------------------------

# Tiers of evidence, strongest first: a token's own name or description (or a guide's swatch
# labelled with the role) > a guide's sentence > usage > a colour's name > derivation.
_TIERS = {"semantic-token": 4.0, "guide": 3.0, "usage": 2.0, "name": 1.0, "derived": 0.0}
_MAX_LOST = 5
_LARGE_AREA_ROLES = ("background", "surface", "surface-muted", "surface-raised")
_MATCH_DELTA_E = 3.0  # a colour a sentence names matches a palette colour this close


@dataclass
class _Cand:
    """The evidence that one colour plays one role; `key` orders candidates (tier, weight)."""

    color: Color
    key: tuple[float, float]
    reason: str
    evidence: list[RoleEvidence] = field(default_factory=list)

    def add(self, ev: RoleEvidence, tier: float, reason: str) -> None:
        if (tier, ev.weight) > self.key or not self.evidence:
            self.reason = reason
        if tier > self.key[0]:
            self.key = (tier, ev.weight)
        elif tier == self.key[0]:
            # a token's name and description do not add up; guide sentences and usage do
            self.key = (tier, self.key[1] + ev.weight if tier in (3.0, 2.0) else max(self.key[1], ev.weight))
        self.evidence.append(ev)
        self.evidence.sort(key=lambda e: (_TIERS.get(e.kind, 0.0), e.weight), reverse=True)


def _is_token(c: Color) -> bool:
    return c.source.locator == c.name


def _collect_evidence(opaque: list[Color], by_hex: dict[str, Color], guidance: Sequence[RoleEvidence],
                      usage: Sequence[RoleEvidence]) -> dict[str, dict[str, _Cand]]:
    """role -> colour hex -> its evidence. Names and descriptions are read once per colour, so
    the cost is linear in the number of colours."""
    cands: dict[str, dict[str, _Cand]] = {}

    def put(role: str, c: Color, ev: RoleEvidence, tier: float, reason: str) -> None:
        per = cands.setdefault(role, {})
        cand = per.get(c.hex)
        if cand is None:
            cand = per[c.hex] = _Cand(color=c, key=(tier, ev.weight), reason=reason)
        cand.add(ev, tier, reason)

    for c in opaque:
        label = c.description.startswith(("label ", "text colour on the "))
        # a token's name, or a guide's swatch label, is the system saying what the colour is
        kind = "semantic-token" if _is_token(c) else "guide" if label else "name"
        tier = 4.0 if (_is_token(c) or label) else 1.0
        scores = name_scores(c.name)
        src = c.source
        for role, sc in scores.items():
            put(role, c, RoleEvidence(role=role, hex=c.hex, kind=kind, weight=round(sc, 3),
                                      text=_name_reason(c), source=src), tier, _name_reason(c))
        for role in description_roles(getattr(c, "description", "") or ""):
            if scores.get(role, 0.0) >= _DESC_SCORE:
                continue
            why = f"description of {c.name}: {c.description.strip()[:80]!r}"
            put(role, c, RoleEvidence(role=role, hex=c.hex, kind="guide" if _is_token(c) else "name",
                                      weight=_DESC_SCORE, text=c.description.strip()[:200], source=src),
                tier, why)
    for ev in [*guidance, *usage]:
        if ev.weight <= 0 or ev.role not in _ROLE_NAMES:
            continue
        c = _palette_colour(ev.hex, by_hex)
        if c is None:
            continue
        tier = _TIERS.get(ev.kind, 0.0)
        if ev.kind == "guide":
            where = f"{ev.source.file} {ev.source.locator}".strip() if ev.source else "guide"
            text = ev.text if len(ev.text) <= 90 else ev.text[:87] + "…"
            reason = f"{where}: {text!r}"
        else:
            reason = f"{ev.kind}: {ev.text}"
        put(ev.role, c, ev, tier, reason)
    return cands


def _palette_colour(hex_: str, by_hex: dict[str, Color]) -> Color | None:
    """The palette colour a stated hex names: the same value, else the nearest within ΔE2000 3."""
    c = by_hex.get(hex_.lower())
    if c is not None:
        return c
    try:
        lab = rgb_to_lab(parse_hex(hex_)[0])
    except (ValueError, ColourError):
        return None
    best = min(by_hex.values(), key=lambda p: ciede2000(p.lab, lab), default=None)
    return best if best is not None and ciede2000(best.lab, lab) <= _MATCH_DELTA_E else None


def _blocked(opaque: list[Color], by_hex: dict[str, Color], guidance: Sequence[RoleEvidence],
             rules: Sequence[Rule]) -> dict[tuple[str, str], RoleEvidence]:
    """(role, hex) pairs the system rules out, each with the evidence that rules it out: a
    sentence that a colour never plays a role, a colour stated to be only for one use, a
    colour never to fill large areas."""
    out: dict[tuple[str, str], RoleEvidence] = {}
    for ev in guidance:
        c = _palette_colour(ev.hex, by_hex) if ev.weight < 0 else None
        if c is not None:
            out.setdefault((ev.role, c.hex), ev)
    for r in rules:
        c = _palette_colour(r.color, by_hex) if r.color else None
        if c is None:
            continue
        if r.kind == "color-only-for" and r.use:
            roles = [x for x in _ROLE_NAMES if x != r.use]
        elif r.kind == "color-not-large-area":
            roles = list(_LARGE_AREA_ROLES)
        else:
            continue
        for role in roles:
            out.setdefault((role, c.hex), RoleEvidence(role=role, hex=c.hex, kind="guide", weight=-1.0,
                                                       text=r.text, source=r.source))
    return out


def _rederive_blocked(out: dict[str, RoleAssignment], opaque: list[Color], by_hex: dict[str, Color],
                      theme: str | None, blocked: dict[tuple[str, str], RoleEvidence]) -> None:
    """Derived roles that fell on a colour the system rules out for them are derived again
    without it (and the roles derived from them, such as on-primary and focus, after them)."""
    for _ in range(4):
        bad = [role for role, a in out.items() if (role, a.hex) in blocked and a.reason.startswith("derived")]
        if not bad:
            return
        for role in bad:
            pool = [c for c in opaque if (role, c.hex) not in blocked]
            if not pool:
                del out[role]
                continue
            trial = {k: v for k, v in out.items() if k != role}
            _derive_missing(trial, pool, by_hex, theme)
            lost = [blocked[(role, out[role].hex)]]
            del out[role]
            if role in trial and (role, trial[role].hex) not in blocked:
                out[role] = trial[role].model_copy(update={"lost": lost + list(trial[role].lost)})
            # roles derived from this one follow it
            for dep in (f"on-{role}", "focus" if role == "primary" else "", "divider" if role == "border" else ""):
                if dep in out and out[dep].reason.startswith("derived"):
                    del out[dep]
        _derive_missing(out, opaque, by_hex, theme)


def _name_reason(c: Color) -> str:
    """Why a name match chose `c`: its token name, or the label a brand guide wrote next to the
    swatch, or the text set on a role's specimen (colours inferred from a guide describe
    themselves as "label '<name>' …" or "text colour on the '<role>' specimen")."""
    if c.description.startswith("label "):
        return f"{c.source.file} {c.source.locator}: label {c.name!r}"
    if c.description.startswith("text colour on the "):
        return f"{c.source.file} {c.source.locator}: {c.description}"
    return f"token name {c.name}"


def _assign(out: dict[str, RoleAssignment], role: str, c: Color, reason: str) -> None:
    if role not in out:
        out[role] = RoleAssignment(role=role, color=c.name, hex=c.hex, reason=f"derived: {reason}",
                                   evidence=[RoleEvidence(role=role, hex=c.hex, kind="derived", weight=0.5, text=reason)])


#: A background darker than this CIELAB L* makes a dark theme; between the two bounds a mode
#: named "dark" or "light" decides.
DARK_BELOW_L = 50.0
_AMBIGUOUS_L = (40.0, 60.0)
_STEP_L = (2.0, 5.0)  # a dark theme's surface steps: at least 2 L* apart, ideally 5


def theme_of(background_hex: str | None, hint: str | None = None) -> str:
    """"dark" or "light": the lightness of a theme, from its background colour (L* below
    `DARK_BELOW_L` is dark); a mid-grey background (L* 40–60) or none at all takes `hint`
    (a mode named "dark" or "light") when there is one."""
    if not background_hex:
        return hint if hint in ("light", "dark") else "light"
    lab = rgb_to_lab(parse_hex(background_hex)[0])
    if hint in ("light", "dark") and _AMBIGUOUS_L[0] <= lab[0] <= _AMBIGUOUS_L[1]:
        return hint
    return "dark" if lab[0] < DARK_BELOW_L else "light"


def _mixed(by_hex: dict[str, Color], role: str, base: Color, toward: Color, t: float) -> Color:
    """A colour `t` of the way from `base` to `toward` (sRGB), for a derived role the palette
    has no colour for (a dark theme's card one step lighter than its page); it joins `by_hex`."""
    rgb = composite(toward.rgb, t, base.rgb)
    c = Color(name=f"derived.{role}", hex=to_hex(rgb), lab=rgb_to_lab(rgb),
              description=f"{round(t * 100)}% of {toward.name} over {base.name}",
              source=Source(file="(onbrand derived)", locator=role))
    return by_hex.setdefault(c.hex, c)


def _derive_surfaces(out: dict[str, RoleAssignment], by_l: list[Color], by_hex: dict[str, Color],
                     bg: Color, text: Color, dark: bool) -> None:
    """surface, surface-raised and surface-muted on the theme's side of the background.

    Light theme: the surface is the lightest neutral, the raised surface the same, the muted
    surface a near-white neutral. Dark theme: each is a dark neutral a step lighter than the
    background (L* at most 30 above it, text still 4.5:1 on it), in the order background <
    surface < raised, the muted one between surface and raised; where the palette has no such
    step, the background mixed a few percent toward the text colour. Never the text colour."""
    if not dark:
        _assign(out, "surface", by_l[-1], "lightest neutral")
        _assign(out, "surface-raised", by_hex[out["surface"].hex], "same as surface (light theme)")
        lighter = [c for c in by_l if c.hex not in (out["surface"].hex, text.hex) and c.lab[0] > 90]
        _assign(out, "surface-muted", lighter[-1] if lighter else bg, "near-white neutral")
        return
    steps = [c for c in by_l if bg.lab[0] + _STEP_L[0] <= c.lab[0] <= bg.lab[0] + 30 and c.hex != text.hex
             and contrast(text.rgb, c.rgb) >= 4.5]

    def step_above(cands: list[Color], base_l: float) -> Color | None:
        # the candidate nearest to one visible step (`_STEP_L`) above `base_l`
        up = [c for c in cands if c.lab[0] >= base_l + _STEP_L[0]]
        return min(up, key=lambda c: abs(c.lab[0] - base_l - _STEP_L[1])) if up else None

    def step_or_mix(role: str, cands: list[Color], base_l: float, above: str, t: float) -> None:
        # a neutral one step above `base_l`, else the background mixed `t` toward the text colour
        pick = step_above(cands, base_l)
        if pick:
            _assign(out, role, pick, f"dark neutral one step lighter than the {above} (dark theme)")
        else:
            _assign(out, role, _mixed(by_hex, role, bg, text, t),
                    f"background mixed {t * 100:g}% toward the text colour (dark theme, no neutral step)")

    if "surface" not in out:
        up = [c for c in steps if c.lab[0] < by_hex[out["surface-raised"].hex].lab[0]] if "surface-raised" in out else steps
        step_or_mix("surface", up, bg.lab[0], "background", 0.05)
    surf = out["surface"]
    surf_l = by_hex[surf.hex].lab[0]
    if "surface-raised" not in out:
        step_or_mix("surface-raised", steps, surf_l, "surface", 0.10)
    raised = out["surface-raised"]
    raised_l = by_hex[raised.hex].lab[0]
    if "surface-muted" not in out:
        between = [c for c in steps if surf_l + 0.5 < c.lab[0] < raised_l - 0.5]
        mid = (surf_l + raised_l) / 2
        if between:
            pick = min(between, key=lambda c: abs(c.lab[0] - mid))
            _assign(out, "surface-muted", pick, "dark neutral between the surface and the raised surface (dark theme)")
        else:
            step_or_mix("surface-muted", [c for c in steps if c.hex != raised.hex], surf_l, "surface", 0.075)


def _derive_missing(out: dict[str, RoleAssignment], opaque: list[Color], by_hex: dict[str, Color],
                    theme: str | None = None) -> None:
    neutrals = [c for c in opaque if _chroma(c) < 12] or opaque
    by_l = sorted(neutrals, key=lambda c: c.lab[0])
    dark = theme_of(out["background"].hex if "background" in out else None, theme) == "dark"
    if dark:
        _assign(out, "background", by_l[0], "darkest neutral (dark theme)")
    else:
        _assign(out, "background", by_l[-1], "lightest neutral")
    bg = by_hex[out["background"].hex]
    if dark:
        _assign(out, "text", by_l[-1], "lightest neutral (dark theme)")
    else:
        _assign(out, "text", by_l[0], "darkest neutral")
    text = by_hex[out["text"].hex]
    _derive_surfaces(out, by_l, by_hex, bg, text, dark)
    muted = [c for c in by_l if contrast(c.rgb, bg.rgb) >= 4.5 and c.hex != out["text"].hex]
    if dark:
        _assign(out, "text-muted", muted[0] if muted else text, "darkest neutral with 4.5:1 on background (dark theme)")
        edge = [c for c in by_l if bg.lab[0] + 8 <= c.lab[0] <= bg.lab[0] + 35 and c.hex != text.hex]
        _assign(out, "border", edge[-1] if edge else _mixed(by_hex, "border", bg, text, 0.2),
                "dark neutral 8–35 L* above the background (dark theme)" if edge
                else "background mixed 20% toward the text colour (dark theme)")
    else:
        _assign(out, "text-muted", muted[-1] if muted else by_l[0], "lightest neutral with 4.5:1 on background")
        light = [c for c in by_l if 75 <= c.lab[0] <= 93]
        _assign(out, "border", light[0] if light else by_l[-1], "light neutral (L* 75–93)")
    _assign(out, "divider", by_hex[out["border"].hex], "same as border")
    chromatic = sorted((c for c in opaque if _chroma(c) >= 12), key=_chroma, reverse=True)
    # primary: a chromatic colour that carries white or dark text well (buttons need it)
    usable = [c for c in chromatic if 30 <= c.lab[0] <= 65] or chromatic
    if usable:
        _assign(out, "primary", usable[0], "most chromatic mid-tone colour")
        others = [c for c in usable if abs(_hue(c) - _hue(by_hex[out["primary"].hex])) > 40]
        if others:
            _assign(out, "accent", others[0], "most chromatic colour of another hue")
    else:
        _assign(out, "primary", by_l[0], "no chromatic colour: darkest neutral")
    _hue_role(out, opaque, "danger", (350, 20))
    _hue_role(out, opaque, "success", (120, 170))
    _hue_role(out, opaque, "warning", (55, 90))
    _hue_role(out, opaque, "info", (220, 280))
    # contrast grows with the difference in luminance, so the colour with most contrast on any
    # fill is the darkest or the lightest one: found once, not by a scan per role
    extremes = (min(opaque, key=lambda c: relative_luminance(c.rgb)),
                max(opaque, key=lambda c: relative_luminance(c.rgb)))
    for role in ("primary", "secondary", "accent", "success", "warning", "danger", "info"):
        if role in out:
            base = by_hex[out[role].hex]
            # the system's own text or surface colour when it reads on the fill (4.5:1), as
            # design systems set them; else whichever colour contrasts most
            own = [(r, by_hex[out[r].hex]) for r in ("text", "surface") if r in out]
            fits = [(r, c) for r, c in own if contrast(c.rgb, base.rgb) >= 4.5]
            if fits:
                _assign(out, f"on-{role}", fits[0][1], f"{fits[0][0]} colour, readable on {role}")
            else:
                best = max(extremes, key=lambda c: contrast(c.rgb, base.rgb))
                _assign(out, f"on-{role}", best, f"colour with most contrast on {role}")
    _assign(out, "focus", by_hex[out["primary"].hex], "same as primary")


def _hue(c: Color) -> float:
    return math.degrees(math.atan2(c.lab[2], c.lab[1])) % 360


def _hue_role(out: dict[str, RoleAssignment], opaque: list[Color], role: str, hues: tuple[float, float]) -> None:
    lo, hi = hues

    def in_range(h: float) -> bool:
        return lo <= h <= hi if lo < hi else (h >= lo or h <= hi)

    cands = [c for c in opaque if _chroma(c) >= 25 and in_range(_lch_hue(c)) and 35 <= c.lab[0] <= 65]
    if cands:
        _assign(out, role, max(cands, key=_chroma), f"chromatic colour with a {role} hue")


def _lch_hue(c: Color) -> float:
    # CIELAB hue angles: red ≈ 40°, yellow ≈ 90°, green ≈ 140°, blue ≈ 280°. Shift so that the
    # ranges above read like the familiar HSL wheel (red 0°, green 120°, blue 240°).
    h = _hue(c)
    return (h - 30) % 360
