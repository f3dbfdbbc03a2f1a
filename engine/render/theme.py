"""Design tokens as the renderer needs them: colours by role, type styles by name, fonts, radii.

Every colour the renderer paints comes from `Theme.color(role)`, which only returns colours of
the design system, as a `TokenColor` (the hex, plus the role asked for and the token path it
resolved to, which the SVG writes as ``data-role`` and ``data-token``). Text colours go through
`Theme.text_on(role, background)`, which checks WCAG 2.x contrast (4.5:1 for body text, 3:1 for large text and UI parts) and, when the system's
own pairing fails, takes a passing colour of the same system and records a warning: for text
roles the system's text colours first (text, text-muted, the on-* colours, the page and
surface colours, then neutrals), never a status colour (danger, warning, success, info).
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.colour import contrast, parse_hex
from ingest.model import DesignSystem, FontFace, TypeStyle
from ingest.fonts import FALLBACK_FAMILIES, installed_fonts, restore_font_file
from engine.render.canvas import TokenColor
from engine.render.text import Font, font_covering, font_problem, load_font

# Fallback chains for roles a system may not define.
_ROLE_FALLBACK: dict[str, tuple[str, ...]] = {
    "surface": ("background",),
    "surface-muted": ("background", "surface"),
    "surface-raised": ("surface", "background"),
    "background": ("surface",),
    "text-muted": ("text",),
    "divider": ("border",),
    "border": ("divider", "text-muted"),
    "secondary": ("surface-muted", "background"),
    "on-secondary": ("text",),
    "accent": ("secondary", "primary"),
    "on-accent": ("on-primary",),
    "success": ("primary",),
    "warning": ("accent", "primary"),
    "danger": ("accent", "primary"),
    "info": ("primary",),
    "focus": ("primary",),
}
# Status colours: a contrast fallback for text never draws headings or body text in them.
_STATUS_ROLES = ("danger", "warning", "success", "info")
# Roles drawn as headings and body text (and the on-* roles), and the colours their fallback
# tries first, in order.
_TEXT_ROLES = {"text", "text-muted"}
_TEXT_CHOICES = ("text", "text-muted", "on-primary", "on-secondary", "on-accent", "background", "surface",
                 "surface-raised", "surface-muted")


def chroma(hex_: str) -> float:
    """A colour's CIELAB chroma (0 for a grey; a saturated brand violet is near 60)."""
    from ingest.colour import rgb_to_lab

    _, a, b = rgb_to_lab(parse_hex(hex_)[0])
    return (a * a + b * b) ** 0.5


# Nominal sizes (design px) of the engine's type steps; a system without a step of that name
# uses its own type-scale step nearest in size.
_STYLE_SIZES = {
    "display": 48, "h1": 36, "h2": 28, "h3": 22, "title": 18, "body": 16, "body-strong": 16,
    "small": 14, "label": 14, "caption": 12,
}
#: Engine steps that are another step at a stronger weight, for systems without a step of that name.
_STRONGER_OF = {"body-strong": "body"}
_STYLE_WEIGHTS = {"display": 700, "h1": 700, "h2": 600, "h3": 600, "title": 600, "body-strong": 600, "label": 600}


class Theme:
    def __init__(self, ds: DesignSystem):
        self.ds = ds
        self.roles = ds.role_map()
        self.palette = ds.palette_hexes()
        self.warnings: list[str] = []
        self._warned: set[str] = set()
        self._text_on: dict[tuple[str, str, bool], str] = {}
        self._fonts: dict[str, Font] = {}  # face path -> the font drawn for it
        self._families: dict[str, str] = {}  # font path -> family name, for warnings
        self._covering: dict[tuple[str, str], Font | None] = {}
        self.spacing = [s for s in ds.spacing_px() if s > 0] or [4, 8, 12, 16, 24, 32, 48, 64]
        self.unit = self.spacing[0] if self.spacing[0] >= 2 else 4.0
        self._role_tokens = {r.role: r.color for r in ds.roles}  # role -> token path of its colour
        self._hex_tokens: dict[str, str] = {}  # hex -> the first token path of that colour
        for c in ds.colors:
            self._hex_tokens.setdefault(c.hex, c.name)
        self._tagged: dict[str, TokenColor] = {}
        self.chart = self._chart_colors()
        #: The smallest text size drawn, px (a stated "text is never below N px"; 0: none). Set by
        #: `apply_theme_rules` from a scene's ``theme_rules``, or by the engine from the system's rules.
        self.text_floor = 0.0
        #: (text colour, background) pairs, lower-case hex, that a stated rule forbids.
        self.forbidden_text_on: set[tuple[str, str]] = set()

    def theme_rules(self) -> dict:
        """What this theme applies of the stated rules, as a scene records it (``Scene.theme_rules``)."""
        out: dict = {}
        if self.text_floor:
            out["text_floor"] = self.text_floor
        if self.forbidden_text_on:
            out["forbidden_text_on"] = sorted([c, b] for c, b in self.forbidden_text_on)
        return out

    def apply_theme_rules(self, rules: dict | None) -> None:
        """Draw as a scene that recorded `rules` (``Scene.theme_rules``) was drawn."""
        rules = rules or {}
        self.text_floor = float(rules.get("text_floor", 0.0) or 0.0)
        self.forbidden_text_on = {(str(c).lower(), str(b).lower()) for c, b in rules.get("forbidden_text_on", [])}
        self._text_on.clear()

    # -- colour ----------------------------------------------------------------------------
    def color(self, role: str) -> str:
        """The colour of `role` (through `_ROLE_FALLBACK` when the system has no such role), as a
        `TokenColor` naming `role` and the token path of the colour it resolved to."""
        hit = self._tagged.get(role)
        if hit is None:
            hex_, source = self._resolve(role)
            token = self._role_tokens.get(source, "") if source else ""
            hit = self._tagged[role] = TokenColor(hex_, role, token or self._hex_tokens.get(hex_, ""))
        return hit

    def _resolve(self, role: str) -> tuple[str, str | None]:
        """(hex, the system role it came from, or None when picked from the palette)."""
        if role in self.roles:
            return self.roles[role], role
        for alt in _ROLE_FALLBACK.get(role, ()):
            if alt in self.roles:
                return self.roles[alt], alt
        if role.startswith("on-"):
            return self.best_text(self.color(role[3:])), None
        if "primary" in self.roles:
            return self.roles["primary"], "primary"
        return self.palette[0], None

    def tag(self, hex_: str, role: str = "") -> str:
        """`hex_` as a `TokenColor` naming `role` and the first token of that colour (for
        colours picked from the palette rather than by role)."""
        return TokenColor(hex_, role, self._hex_tokens.get(hex_, ""))

    #: Opacity of the modal scrim when the system defines no overlay colour with its own alpha.
    SCRIM_ALPHA = 0.48

    def scrim(self) -> tuple[str, float]:
        """The modal scrim as (colour, alpha): the system's ``scrim``/``overlay`` colour and its
        own alpha when it defines one, else the ``text`` colour at `SCRIM_ALPHA`.

        A scrim is the one place a mock shows colours outside the palette: each palette colour
        ``c`` under it is seen as the blend ``alpha·scrim + (1 − alpha)·c`` (sRGB, the way SVG
        and cairo composite). `scrim_palette` lists those blends, so palette checks of a mock
        with a modal use the palette plus its scrim blends."""
        for c in self.ds.colors:
            leaf = c.name.lower().replace("_", "-").split(".")[-1]
            if leaf in ("scrim", "overlay", "backdrop") and 0.05 <= c.alpha < 1:
                return TokenColor(c.hex, "scrim", c.name), c.alpha
        return self.color("text"), self.SCRIM_ALPHA

    def scrim_palette(self) -> list[str]:
        """Every palette colour as seen through the scrim (see `scrim`)."""
        col, a = self.scrim()
        sr = parse_hex(col)[0]
        out = []
        for h in self.palette:
            c = parse_hex(h)[0]
            mix = [round(a * s_ + (1 - a) * v) for s_, v in zip(sr, c)]
            out.append("#" + "".join(f"{max(0, min(255, m)):02x}" for m in mix))
        return out

    def has(self, role: str) -> bool:
        return role in self.roles

    def _chart_colors(self) -> list[str]:
        named = sorted(
            (c for c in self.ds.colors if "chart" in c.name.lower() or "data" in c.name.lower().split(".")),
            key=lambda c: c.name,
        )
        out = [c.hex for c in named if c.alpha >= 0.999]
        for role in ("primary", "accent", "info", "success", "warning"):
            h = self.color(role)
            if h not in out:
                out.append(h)
        return out[:6]

    def best_text(self, bg: str) -> str:
        rgb = parse_hex(bg)[0]
        return max(self.palette, key=lambda h: contrast(parse_hex(h)[0], rgb))

    def text_on(self, role: str, bg: str, large: bool = False) -> str:
        """The colour of `role` for text on `bg`, swapped for a passing system colour if needed."""
        key = (role, bg, large)
        hit = self._text_on.get(key)
        if hit is None:
            hit = self._text_on[key] = self._text_on_uncached(role, bg, large)
        return hit

    def _text_on_uncached(self, role: str, bg: str, large: bool) -> str:
        want = self.color(role)
        need = 3.0 if large else 4.5
        bg_rgb = parse_hex(bg)[0]
        if (want.lower(), bg.lower()) in self.forbidden_text_on:
            allowed = [h for h in self.palette if (h.lower(), bg.lower()) not in self.forbidden_text_on]
            if allowed:
                return max(allowed, key=lambda h: contrast(parse_hex(h)[0], bg_rgb))
        if contrast(parse_hex(want)[0], bg_rgb) >= need:
            return want
        choice = self.tag(self._readable_instead(role, want, bg_rgb, need), role)
        key = f"{role}/{bg}"
        if key not in self._warned:
            self._warned.add(key)
            self.warnings.append(
                f"contrast: {role} {want} on {bg} is below {need}:1; used {choice} from the system instead"
            )
        return choice

    def _readable_instead(self, role: str, want: str, bg_rgb: tuple[int, int, int], need: float) -> str:
        """A system colour with `need`:1 on `bg_rgb` in place of `want`. Text roles take the
        system's text colours first (`_TEXT_CHOICES`), then neutral palette colours; status
        colours are never used for them. Other roles take the nearest passing colour that is
        not a status colour of another role; the most contrasting colour when none passes."""
        from ingest.colour import rgb_to_lab

        def passes(h: str) -> bool:
            return contrast(parse_hex(h)[0], bg_rgb) >= need

        status_base = role.removeprefix("on-") if role.startswith("on-") else role
        status = {self.roles[r] for r in _STATUS_ROLES if r in self.roles and r != status_base}
        status |= {self.roles[f"on-{r}"] for r in _STATUS_ROLES
                   if f"on-{r}" in self.roles and r != status_base and role not in _TEXT_ROLES}
        if role in _TEXT_ROLES or role.startswith("on-"):
            own = [self.roles[r] for r in _TEXT_CHOICES if r in self.roles]
            own = [h for h in dict.fromkeys(own) if h not in status and passes(h)]
            if own:
                # the nearest of the text colours in lightness keeps body text looking like text
                wl = rgb_to_lab(parse_hex(want)[0])[0]
                return min(own, key=lambda h: abs(rgb_to_lab(parse_hex(h)[0])[0] - wl))
            neutral = [h for h in self.palette if h not in status and passes(h) and chroma(h) < 12]
            if neutral:
                return max(neutral, key=lambda h: contrast(parse_hex(h)[0], bg_rgb))
        passing = [h for h in self.palette if h not in status and passes(h)]
        if not passing:
            safe = [h for h in self.palette if h not in status] or self.palette
            return max(safe, key=lambda h: contrast(parse_hex(h)[0], bg_rgb))
        wl3 = rgb_to_lab(parse_hex(want)[0])

        def dist(h: str) -> float:
            lab = rgb_to_lab(parse_hex(h)[0])
            return sum((a - b) ** 2 for a, b in zip(lab, wl3))

        return min(passing, key=dist)

    # -- type ------------------------------------------------------------------------------
    def style(self, name: str) -> TypeStyle:
        """The type step `name` (when the system has no step of that name: the step it strengthens,
        "body" for "body-strong", else the nearest step of the scale), at least `text_floor` px."""
        st = self._style(name)
        if st.size < self.text_floor:
            ratio = st.line_height / max(st.size, 1e-6)
            st = st.model_copy(update={"size": self.text_floor, "line_height": round(self.text_floor * ratio, 2)})
        return st

    def _style(self, name: str) -> TypeStyle:
        for t in self.ds.type_scale:
            if t.name == name:
                return t
        if not self.ds.type_scale:
            raise KeyError("the design system has no type scale")
        base = next((t for t in self.ds.type_scale if t.name == _STRONGER_OF.get(name)), None)
        if base is not None:  # "body-strong" is the system's body at a strong weight, not a step nearer 16 px
            return base.model_copy(update={"weight": _STYLE_WEIGHTS.get(name, base.weight), "name": name})
        target = _STYLE_SIZES.get(name, 16)
        best = min(self.ds.type_scale, key=lambda t: (abs(t.size - target), -t.size))
        weight = _STYLE_WEIGHTS.get(name, best.weight)
        return best.model_copy(update={"weight": weight, "name": name})

    def font(self, style: TypeStyle, text: str | None = None) -> Font:
        """The font of `style`. A face that cannot draw (its file missing or damaged) is replaced
        by the nearest usable face of the system, else an installed fallback family, with a
        warning; with `text`, a font lacking some of its characters is replaced by one that has
        them (see `covering`)."""
        if not self.ds.fonts:
            raise ValueError("the design system resolved no fonts; run onbrand ingest again")
        faces = [f for f in self.ds.fonts if f.family == style.family] or self.ds.fonts
        face = min(faces, key=lambda f: abs(f.weight - style.weight))
        hit = self._fonts.get(face.path)
        if hit is None:
            hit = self._fonts[face.path] = self._usable(face)
        return self.covering(hit, text, style.weight) if text else hit

    def _usable(self, face: FontFace) -> Font:
        path = restore_font_file(face.path, self.ds.root)
        problem = font_problem(path) if path else "the font file is missing"
        if problem is None:
            self._families[path] = face.family
            return load_font(path)
        alts = [(f.path, f.family, f.weight) for f in
                sorted(self.ds.fonts, key=lambda f: (f.family != face.family, abs(f.weight - face.weight)))]
        for fb in FALLBACK_FAMILIES:
            alts += sorted(((f[3], f[0], f[1]) for f in installed_fonts() if f[0] == fb and not f[2]),
                           key=lambda a: abs(a[2] - face.weight))
        for alt_path, family, weight in alts:
            alt = restore_font_file(alt_path, self.ds.root) if alt_path != face.path else None
            if alt and font_problem(alt) is None:
                self._warn(f"font {face.family} {face.weight} ({Path(face.path).name}) cannot be used: "
                           f"{problem}; text is drawn in {family} {weight} instead")
                self._families[alt] = family
                return load_font(alt)
        raise ValueError(f"font {face.family} {face.weight} ({Path(face.path).name}) cannot be used: {problem}; "
                         "no other font is usable (install the font-manrope package)")

    def covering(self, font: Font, text: str, weight: int = 400) -> Font:
        """`font`, or, when it lacks characters of `text`, a font of the system or an installed
        one that has them all, with a warning naming the characters (also when none has them:
        those characters are then drawn as empty boxes)."""
        missing = font.missing(text)
        if not missing:
            return font
        key = (font.path, "".join(missing))
        if key in self._covering:
            alt = self._covering[key]
            return alt if alt is not None and not alt.missing(text) else font
        shown = " ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
        have = self._families.get(font.path) or Path(font.path).stem
        quoted = text if len(text) <= 40 else text[:39] + "…"
        prefer = [f.path for f in sorted(self.ds.fonts, key=lambda f: abs(f.weight - weight))]
        prefer = [p for p in (restore_font_file(p, self.ds.root) for p in prefer) if p]
        need = "".join(dict.fromkeys(ch for ch in text if not ch.isspace()))
        found = font_covering(need, weight, tuple(prefer))
        if found is None:
            self._covering[key] = None
            self._warn(f"the text “{quoted}” has characters no available font has ({shown}); "
                       "they are drawn as empty boxes")
            return font
        alt = load_font(found[0])
        self._families[found[0]] = found[1]
        self._covering[key] = alt
        self._warn(f"the text “{quoted}” has characters {have} lacks ({shown}); "
                   f"it is drawn in {found[1]} instead")
        return alt

    def _warn(self, text: str) -> None:
        if text not in self._warned:
            self._warned.add(text)
            self.warnings.append(text)

    def measure_text(self, text: str, style: str, width: float | None = None,
                     max_lines: int = 1) -> tuple[float, float]:
        """(width, height) in design px of `text` in type style `style`, wrapped to `width`
        (at most `max_lines` lines, HarfBuzz-shaped); the width is the widest line's."""
        from engine.render.text import wrap

        st = self.style(style)
        font = self.font(st, text)
        if width is None:
            return font.measure(text, st.size, st.letter_spacing), st.line_height
        lines = wrap(font, text, st.size, width, max(1, max_lines), st.letter_spacing) or [""]
        w = max(font.measure(ln, st.size, st.letter_spacing) for ln in lines)
        return min(w, width), st.line_height * len(lines)

    # -- space and shape -------------------------------------------------------------------
    def space(self, n: float) -> float:
        """The spacing-scale value nearest to `n` design px."""
        return min(self.spacing, key=lambda s: abs(s - n))

    def snap(self, v: float) -> float:
        return round(v / self.unit) * self.unit

    def radius(self, size: str = "md") -> float:
        fallback = {"sm": 4.0, "md": 8.0, "lg": 12.0, "xl": 16.0, "full": 9999.0}.get(size, 8.0)
        names = {"sm": ("sm", "small", "s"), "md": ("md", "medium", "m", "base", "default"),
                 "lg": ("lg", "large", "l"), "xl": ("xl",), "full": ("full", "pill", "round", "circle")}
        for n in names.get(size, (size,)):
            for d in self.ds.radii:
                if d.name.lower() == n:
                    return d.px
        return fallback

    def shadow(self, name: str = "md"):
        """The shadow token `name` (else the system's first shadow; None when it has none); its
        colour is a `TokenColor` whose token is the shadow's path (``shadow.md``), which
        `Canvas.shadow` names its filter after."""
        for s in self.ds.shadows:
            if s.name == name:
                return self._tag_shadow(s)
        return self._tag_shadow(self.ds.shadows[0]) if self.ds.shadows else None

    @staticmethod
    def _tag_shadow(s):
        loc = s.source.locator if s.source else ""
        path = re.sub(r"\[\d+\]$", "", loc) if loc else ""
        return s.model_copy(update={"color": TokenColor(s.color, "shadow", path or f"shadow.{s.name}")})
