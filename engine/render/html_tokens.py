"""A design system's tokens as CSS: custom properties named after the tokens, ``@font-face``
rules with the font files embedded, and one class per type step.

Every value the HTML export paints goes through these names (``var(--color-primary)``,
``var(--space-md)``, ``var(--radius-lg)``, ``var(--shadow-sm)``, ``.t-h2``), each declared once
in ``:root`` with the token path and file it came from as a comment, so a page edited by hand
keeps following the system.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from engine.render.theme import Theme

_MIME = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}
_FORMAT = {".ttf": "truetype", ".otf": "opentype", ".woff": "woff", ".woff2": "woff2"}


def slug(name: str) -> str:
    """A CSS identifier from a token path: ``color.brand.Teal 600`` → ``color-brand-teal-600``."""
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return s or "x"


def px(v: float) -> str:
    r = round(v, 2)
    return f"{int(r)}px" if r == int(r) else f"{r:g}px"


def _comment(text: str) -> str:
    return "/* " + text.replace("*/", "* /") + " */"


class TokenSheet:
    """The CSS names of one design system's tokens, filled as the export uses them."""

    def __init__(self, theme: Theme, scale: float):
        self.th = theme
        self.ds = theme.ds
        self.scale = scale
        self._role_of_hex: dict[str, str] = {}
        for r in self.ds.roles:
            self._role_of_hex.setdefault(r.hex.lower(), r.role)
        self._colour_names = {c.hex.lower(): c for c in self.ds.colors if c.alpha >= 0.999}
        self.colour_vars: dict[str, tuple[str, str]] = {}  # var name -> (value, comment)
        self.type_steps: dict[str, None] = {}
        self.fonts: dict[str, tuple[str, int]] = {}  # font file -> (CSS family, weight)
        self.shadows: dict[str, str] = {}  # var name -> value
        self.radii: dict[str, float] = {}  # name -> design px

    # -- colours -----------------------------------------------------------------------------
    def colour(self, hex_: str | None, role: str | None = None) -> str:
        """``var(--color-ROLE)`` for a colour the renderer chose by role (or, failing that, the
        role or palette token that has this hex), declared on first use."""
        if not hex_:
            return "none"
        h = str(hex_).lower()
        role = role or getattr(hex_, "role", None)
        if role and self.th.color(role).lower() != h:
            role = None  # the renderer swapped it for contrast: name the colour it drew
        if role is None:
            role = self._role_of_hex.get(h)
        if role is not None:
            name = f"--color-{slug(role)}"
            if name not in self.colour_vars:
                self.colour_vars[name] = (h, self._role_comment(role, h))
            return f"var({name})"
        tok = self._colour_names.get(h)
        if tok is not None:
            name = "--" + slug(tok.name if tok.name.lower().startswith("colo") else f"color-{tok.name}")
            self.colour_vars.setdefault(name, (h, f"{tok.name} ({tok.source.file})"))
            return f"var({name})"
        return h

    def _role_comment(self, role: str, h: str) -> str:
        for r in self.ds.roles:
            if r.role == role:
                src = next((c.source.file for c in self.ds.colors if c.name == r.color), "")
                return f"{r.color}" + (f" ({src})" if src else "") + f"; role {role}: {r.reason}"
        return f"role {role}: not in the system, drawn with its fallback colour"

    # -- type -------------------------------------------------------------------------------
    def type_class(self, style: str) -> str:
        self.type_steps.setdefault(style, None)
        return f"t-{slug(style)}"

    def font_family(self, path: str, weight: int) -> str:
        """The CSS family of one font file: its own family and weight, one ``@font-face`` each."""
        if path not in self.fonts:
            family = next((f.family for f in self.ds.fonts if Path(f.path).stem == Path(path).stem), None)
            family = family or _family_name(path) or Path(path).stem
            used = {v[0] for v in self.fonts.values()}
            name = family if family not in used else f"{family} {weight}"
            k = 2
            while name in used:
                name, k = f"{family} {weight} {k}", k + 1
            self.fonts[path] = (name, weight)
        return self.fonts[path][0]

    # -- space and shape --------------------------------------------------------------------
    def space(self, v: float) -> str:
        """``var(--space-NAME)`` when `v` design px is a step of the system's spacing scale."""
        for d in self.ds.spacing:
            if abs(d.px - v) < 0.01 and v > 0:
                return f"var(--space-{slug(d.name)})"
        return px(v)

    def radius(self, v: float) -> str:
        """``var(--radius-NAME)`` when `v` design px is one of the renderer's radius steps."""
        if v <= 0:
            return "0"
        for n in ("sm", "md", "lg", "xl"):
            if abs(self.th.radius(n) - v) < 0.01:
                self.radii[n] = v
                return f"var(--radius-{n})"
        return px(v)

    def shadow(self, name: str) -> str | None:
        """``var(--shadow-NAME)``: the shadow token as the renderer draws it, six spread layers
        each at a sixth of its alpha (`engine.render.canvas.Canvas.shadow`)."""
        sh = self.th.shadow(name)
        if sh is None:
            return None
        var = f"--shadow-{slug(name)}"
        if var not in self.shadows:
            r, g, b = (int(sh.color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
            a = min(sh.alpha, 0.16) / 6
            blur = max(sh.blur, 2)
            layers = [f"{px(sh.offset_x)} {px(sh.offset_y)} 0 {px(sh.spread + blur * (i + 1) / 12)} "
                      f"rgba({r}, {g}, {b}, {a:.4f})" for i in range(6)]
            self.shadows[var] = ", ".join(layers)
        return f"var({var})"

    # -- output -----------------------------------------------------------------------------
    def css(self) -> str:
        lines = [":root {"]
        for name, (value, comment) in self.colour_vars.items():
            lines.append(f"  {name}: {value}; {_comment(comment)}")
        for d in self.ds.spacing:
            lines.append(f"  --space-{slug(d.name)}: {px(d.px)}; {_comment(f'{d.name} ({d.source.file})')}")
        for n in ("sm", "md", "lg", "xl"):
            v = self.th.radius(n)
            src = next((f"{d.name} ({d.source.file})" for d in self.ds.radii if abs(d.px - v) < 0.01
                        and d.name.lower() in (n, {"sm": "small", "md": "medium", "lg": "large"}.get(n, n))),
                       "not in the system: the renderer's default")
            lines.append(f"  --radius-{n}: {px(v)}; {_comment(src)}")
        for var, value in self.shadows.items():
            name = var.removeprefix("--shadow-")
            sh = self.th.shadow(name)
            lines.append(f"  {var}: {value}; {_comment(f'{sh.name} ({sh.source.file}), layered as the renderer draws it')}")
        for step in self.type_steps:
            st = self.th.style(step)
            font = self.th.font(st)
            fam = self.font_family(font.path, st.weight)
            s = slug(step)
            src = f"{st.name} ({st.source.file})"
            lines.append(f"  --type-{s}-family: \"{fam}\"; {_comment(src)}")
            lines.append(f"  --type-{s}-size: {px(st.size)};")
            lines.append(f"  --type-{s}-weight: {st.weight};")
            lines.append(f"  --type-{s}-line-height: {px(st.line_height)};")
            lines.append(f"  --type-{s}-letter-spacing: {px(st.letter_spacing)};")
        lines.append("}")
        for step in self.type_steps:
            s = slug(step)
            lines.append(f".t-{s} {{ font-family: var(--type-{s}-family), sans-serif; font-size: var(--type-{s}-size); "
                         f"font-weight: var(--type-{s}-weight); line-height: var(--type-{s}-line-height); "
                         f"letter-spacing: var(--type-{s}-letter-spacing); }}")
        faces = []
        for path, (family, weight) in self.fonts.items():
            p = Path(path)
            data = base64.b64encode(p.read_bytes()).decode()
            suf = p.suffix.lower()
            faces.append(f"@font-face {{ font-family: \"{family}\"; font-weight: 100 1000; font-style: normal; "
                         f"src: url(data:{_MIME.get(suf, 'font/ttf')};base64,{data}) "
                         f"format(\"{_FORMAT.get(suf, 'truetype')}\"); }} {_comment(p.name)}")
        return "\n".join(faces + lines)


def _family_name(path: str) -> str | None:
    try:
        from fontTools.ttLib import TTFont

        name = TTFont(path, lazy=True)["name"]
        return name.getBestFamilyName()
    except Exception:  # noqa: BLE001 - an unreadable name table: the file's stem is used
        return None
