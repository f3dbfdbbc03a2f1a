"""Draw a scene with a design system's tokens: one function per element kind.

Colours come only from the theme (`Theme.color`, `Theme.text_on` for text, which keeps WCAG AA
contrast); cards and dialogs take their elevation from the system's shadow tokens, drawn as
the layered approximation of `Canvas.shadow`; the modal scrim is `Theme.scrim`. Icons are the
system's own, else the fallback set in ``engine/assets/icons/`` (then ``dot.svg``).

All sizes inside components are design pixels (CSS px) multiplied by the scene's `scale`, so
a 3840×2160 frame is a 2× rendering of a 1920×1080 layout, drawn natively as vectors.
"""

from __future__ import annotations

import math
from pathlib import Path

from engine.render.canvas import Canvas
from engine.render.charts import ChartsMixin
from engine.render.media import MediaMixin
from engine.render.status import status_role
from engine.render.widgets import WidgetsMixin
from scene.model import Element, Scene
from engine.render.text import wrap
from engine.render.theme import Theme

FALLBACK_ICONS = Path(__file__).resolve().parents[1] / "assets" / "icons"


class Renderer(ChartsMixin, WidgetsMixin, MediaMixin):
    def __init__(self, theme: Theme, scale: float):
        self.th = theme
        self.s = scale
        self.icons = {a.name: a.path for a in theme.ds.icons}
        #: every line of text drawn: (x, y, w, h, colour, large) in canvas px, for contrast checks
        self.text_runs: list[tuple[float, float, float, float, str, bool]] = []
        self.scrim_at = 0  # index of the first text run drawn above a modal's scrim

    # -- helpers ---------------------------------------------------------------------------
    def px(self, v: float) -> float:
        return v * self.s

    def text(self, cv: Canvas, text: str, x: float, y: float, w: float, style: str, role: str, bg: str,
             align: str = "left", max_lines: int = 1, h: float | None = None, color: str | None = None) -> float:
        """Draw wrapped text with its top at y; returns the height used (canvas px)."""
        if not text or w <= 0:
            return 0.0
        st = self.th.style(style)
        font = self.th.font(st, text)
        size = self.px(st.size)
        lh = self.px(st.line_height)
        ls = self.px(st.letter_spacing)
        if h is not None:
            max_lines = max(1, min(max_lines, int((h + 0.01) // lh) or 1))
        lines = wrap(font, text, size, w, max_lines, ls)
        large = st.size >= 18.66 or (st.size >= 14 and st.weight >= 700)
        col = color or self.th.text_on(role, bg, large=large)
        # centre the glyphs' cap-height box in each line box
        asc, desc = font.ascender * size, font.descender * size
        for i, ln in enumerate(lines):
            run = font.shape(ln, size, ls)
            if align == "center":
                lx = x + (w - run.width) / 2
            elif align == "right":
                lx = x + w - run.width
            else:
                lx = x
            baseline = y + i * lh + (lh - (asc + desc)) / 2 + asc
            cv.glyphs(run, font, size, lx, baseline, col)
            self.text_runs.append((lx, y + i * lh, run.width, lh, col, large))
        return len(lines) * lh

    def text_mid(self, cv: Canvas, text: str, x: float, cy: float, w: float, style: str, role: str, bg: str,
                 align: str = "left", color: str | None = None) -> float:
        """One line of text vertically centred on cy; returns its width."""
        st = self.th.style(style)
        lh = self.px(st.line_height)
        self.text(cv, text, x, cy - lh / 2, w, style, role, bg, align=align, color=color)
        font = self.th.font(st, text)
        return min(w, font.measure(text, self.px(st.size), self.px(st.letter_spacing)))

    def measure(self, text: str, style: str) -> float:
        st = self.th.style(style)
        return self.th.font(st, text).measure(text, self.px(st.size), self.px(st.letter_spacing))

    def icon(self, cv: Canvas, name: str, x: float, y: float, size: float, color: str) -> None:
        if size <= 0:
            return
        path = self.icons.get(name)
        if path is None:
            fb = FALLBACK_ICONS / f"{name}.svg"
            path = str(fb) if fb.exists() else str(FALLBACK_ICONS / "dot.svg")
        cv.svg_asset(path, x, y, size, size, color=color)

    # -- scene -----------------------------------------------------------------------------
    def draw(self, cv: Canvas, scene: Scene) -> None:
        bg = self.th.color(scene.background_role)
        for el in scene.elements:
            self.element(cv, el, bg)

    def element(self, cv: Canvas, el: Element, bg: str) -> None:
        fn = getattr(self, f"k_{el.kind}")
        with cv.group(el.id, label=el.kind):
            inner_bg = fn(cv, el, bg) or bg
            for ch in el.children:
                self.element(cv, ch, inner_bg)

    # -- containers ------------------------------------------------------------------------
    def _panel(self, cv: Canvas, el: Element, role: str = "surface", border_sides: str = "") -> str:
        x, y, w, h = el.box
        fill = self.th.color(role)
        cv.rect(x, y, w, h, fill=fill)
        b = self.th.color("border")
        t = self.px(1)
        if "b" in border_sides:
            cv.rect(x, y + h - t, w, t, fill=b)
        if "r" in border_sides:
            cv.rect(x + w - t, y, t, h, fill=b)
        if "t" in border_sides:
            cv.rect(x, y, w, t, fill=b)
        return fill

    def k_navbar(self, cv, el, bg):
        return self._panel(cv, el, el.role or "surface", "t" if el.variant == "tabbar" else "b")

    def k_sidebar(self, cv, el, bg):
        return self._panel(cv, el, el.role or "surface", "r")

    def k_footer(self, cv, el, bg):
        fill = self._panel(cv, el, el.role or "background", "t")
        if el.text:
            x, y, w, h = el.box
            self.text_mid(cv, el.text, x + self.px(32), y + h / 2, w - self.px(64), "small", "text-muted", fill)
        return fill

    def k_header(self, cv, el, bg):
        x, y, w, h = el.box
        title_h = self.text(cv, el.text, x, y, w * 0.6, el.style or "h1", "text", bg)
        sub = el.props.get("subtitle")
        if sub:
            self.text(cv, sub, x, y + title_h + self.px(4), w * 0.6, "body", "text-muted", bg, max_lines=2)
        return bg

    def k_card(self, cv, el, bg):
        """Variants: elevated (default; shadow token props.elevation, default ``sm``), flat (no
        shadow) and panel (a full-bleed region: no shadow, radius or border)."""
        x, y, w, h = el.box
        if el.variant == "panel":
            fill = self.th.color(el.role or "surface")
            cv.rect(x, y, w, h, fill=fill)
            return fill
        r = self.px(self.th.radius("lg"))
        if el.variant != "flat":
            self._elevation(cv, x, y, w, h, r, el.props.get("elevation", "sm"))
        fill = self.th.color(el.role or self.raised_role(el))
        cv.rect(x, y, w, h, fill=fill, radius=r, stroke=self.th.color("border"), stroke_width=self.px(1))
        title = el.props.get("title")
        if title:
            p = self.px(24)
            self.text(cv, title, x + p, y + p, w - 2 * p - self.px(120) * bool(el.props.get("action")), "title", "text", fill)
            act = el.props.get("action")
            if act:
                aw = self.measure(act, "label")
                self.text_mid(cv, act, x + w - p - aw, y + p + self.px(13), aw + 1, "label", "primary", fill)
        return fill

    def raised_role(self, el: Element) -> str:
        """The role an elevated card is filled with when the scene names none: the system's
        raised surface (``surface-raised``; the surface itself where the system has none), a
        flat card the surface."""
        return "surface" if el.variant == "flat" else "surface-raised"

    def k_modal(self, cv, el, bg):
        """A dialog over the scrim (`Theme.scrim`: a system colour at a documented alpha), with
        the system's largest shadow; text is the title, children are laid inside."""
        col, alpha = self.th.scrim()
        cv.rect(0, 0, cv.width, cv.height, fill=col, opacity=alpha)
        self.scrim_at = len(self.text_runs)  # text drawn before this lies under the scrim
        x, y, w, h = el.box
        fill = self.th.color("surface-raised")
        r = self.px(self.th.radius("xl"))
        self._elevation(cv, x, y, w, h, r, el.props.get("elevation", "lg"))
        cv.rect(x, y, w, h, fill=fill, radius=r)
        if el.text:
            p = self.px(32)
            self.text(cv, el.text, x + p, y + p, w - 2 * p, "h3", "text", fill)
        return fill

    def _elevation(self, cv, x, y, w, h, r, name: str) -> None:
        """The shadow token `name` drawn as a layered-blur approximation (`Canvas.shadow`), the
        same stack of translucent rounded rects in the SVG and the raster."""
        sh = self.th.shadow(name)
        if sh is None:
            return
        cv.shadow(x + self.px(sh.offset_x), y, w, h, r, sh.color, min(sh.alpha, 0.16), self.px(sh.offset_y),
                  self.px(max(sh.blur, 2)), self.px(sh.spread))

    def k_list(self, cv, el, bg):
        return bg

    # -- text ------------------------------------------------------------------------------
    def k_heading(self, cv, el, bg):
        x, y, w, h = el.box
        self.text(cv, el.text, x, y, w, el.style or "h2", el.role or "text", bg, max_lines=99, h=h,
                  align=el.props.get("align", "left"))

    def k_text(self, cv, el, bg):
        x, y, w, h = el.box
        self.text(cv, el.text, x, y, w, el.style or "body", el.role or "text-muted", bg, max_lines=99, h=h,
                  align=el.props.get("align", "left"))

    def k_logo(self, cv, el, bg):
        x, y, w, h = el.box
        logo = self.th.ds.logo
        if w <= 0 or h <= 0:
            return
        if logo is not None:
            if el.props.get("mark") or w < 2 * h:
                # compact spaces show the logo's mark: its leading square, the logo drawn at full height
                with cv.clip(x, y, h, h):
                    cv.svg_asset(logo.path, x, y, 64 * h, h, align="left")
                return
            cv.svg_asset(logo.path, x, y, w, h)
            return
        # No logo in the system: a wordmark in the brand colour and heading font.
        name = self.th.ds.name.replace("-", " ").replace("_", " ").title()
        self.text_mid(cv, name, x, y + h / 2, w, "title", "primary", bg)

    # -- controls --------------------------------------------------------------------------
    def k_button(self, cv, el, bg):
        """Variants primary | secondary | ghost | destructive; props.size sm | md | lg; props.icon."""
        x, y, w, h = el.box
        v = el.variant or "primary"
        size = el.props.get("size", "md")
        r = self.px(self.th.radius("md"))
        fills = {"primary": ("primary", "on-primary"), "destructive": ("danger", "on-danger"),
                 "secondary": ("surface", "text"), "ghost": (None, "primary")}
        fill_role, text_role = fills.get(v, fills["primary"])
        fill = self.th.color(fill_role) if fill_role else bg
        if fill_role:
            stroke = self.th.color("border") if v == "secondary" else None
            cv.rect(x, y, w, h, fill=fill, radius=r, stroke=stroke, stroke_width=self.px(1) if stroke else 0)
        icon = el.props.get("icon")
        style = el.style or ("body-strong" if size == "lg" else "label")
        label_w = self.measure(el.text, style) if el.text else 0.0
        isz = self.px({"sm": 16, "md": 18, "lg": 20}.get(size, 18))
        gap = self.px(8) if el.text else 0.0
        total = label_w + (isz + gap if icon else 0)
        sx = x + max(self.px(8), (w - total) / 2)
        col = self.th.text_on(text_role, fill, large=not el.text)
        if icon:
            self.icon(cv, icon, sx, y + (h - isz) / 2, isz, col)
            sx += isz + gap
        if el.text:
            self.text_mid(cv, el.text, sx, y + h / 2, x + w - sx - self.px(8), style, text_role, fill, color=col)
        return fill

    def _field(self, cv, el, bg, trailing_icon: str | None = None, leading_icon: str | None = None) -> None:
        x, y, w, h = el.box
        label = el.props.get("label")
        fy = y
        if label:
            self.text(cv, label, x, y, w, "label", "text", bg)
            fy = y + self.px(28)
        lines = max(1, int(el.props.get("lines", 1) or 1))  # a text area: 24 px a line more
        fh = self.px(44 + 24 * (lines - 1))
        helper = el.props.get("helper") or el.props.get("error")
        err = bool(el.props.get("error"))
        fill = self.th.color("surface")
        stroke = self.th.color("danger" if err else ("focus" if el.props.get("focused") else "border"))
        cv.rect(x, fy, w, fh, fill=fill, radius=self.px(self.th.radius("md")), stroke=stroke,
                stroke_width=self.px(2 if err or el.props.get("focused") else 1))
        tx = x + self.px(14)
        if leading_icon:
            isz = self.px(18)
            self.icon(cv, leading_icon, tx, fy + (fh - isz) / 2, isz, self.th.text_on("text-muted", fill, large=True))
            tx += isz + self.px(10)
        tw = x + w - tx - self.px(14) - (self.px(28) if trailing_icon else 0)
        val = el.props.get("value")
        ty = fy + fh / 2 if lines == 1 else fy + self.px(22)  # a text area's text starts at its top
        if val:
            self.text_mid(cv, str(val), tx, ty, tw, "body", "text", fill)
        else:
            self.text_mid(cv, el.props.get("placeholder", ""), tx, ty, tw, "body", "text-muted", fill)
        if trailing_icon:
            isz = self.px(18)
            self.icon(cv, trailing_icon, x + w - self.px(14) - isz, fy + (fh - isz) / 2, isz,
                      self.th.text_on("text-muted", fill, large=True))
        if helper:
            self.text(cv, helper, x, fy + fh + self.px(6), w, "caption", "danger" if err else "text-muted", bg)

    def k_input(self, cv, el, bg):
        self._field(cv, el, bg)

    def k_select(self, cv, el, bg):
        self._field(cv, el, bg, trailing_icon="chevron-down")

    def k_search(self, cv, el, bg):
        el2 = el.model_copy(update={"props": {**el.props, "label": None}})
        x, y, w, h = el.box
        el2 = el2.model_copy(update={"box": (x, y + (h - self.px(44)) / 2, w, h)})
        self._field(cv, el2, bg, leading_icon="search")

    def _check_label(self, cv, el, bg, x_after: float) -> None:
        x, y, w, h = el.box
        self.text_mid(cv, el.text, x_after, y + h / 2, x + w - x_after, "body", "text", bg)

    def k_checkbox(self, cv, el, bg):
        x, y, w, h = el.box
        sz = self.px(20)
        by = y + (h - sz) / 2
        on = el.props.get("checked", False)
        if on:
            cv.rect(x, by, sz, sz, fill=self.th.color("primary"), radius=self.px(4))
            col = self.th.text_on("on-primary", self.th.color("primary"), large=True)
            cv.polyline([(x + sz * 0.25, by + sz * 0.52), (x + sz * 0.43, by + sz * 0.7), (x + sz * 0.76, by + sz * 0.32)],
                        col, self.px(2.2))
        else:
            cv.rect(x, by, sz, sz, fill=self.th.color("surface"), radius=self.px(4),
                    stroke=self.th.text_on("text-muted", bg, large=True), stroke_width=self.px(1.5))
        self._check_label(cv, el, bg, x + sz + self.px(10))

    def k_radio(self, cv, el, bg):
        x, y, w, h = el.box
        r = self.px(10)
        cy = y + h / 2
        on = el.props.get("checked", False)
        col = self.th.color("primary") if on else self.th.text_on("text-muted", bg, large=True)
        cv.circle(x + r, cy, r - self.px(0.75), fill=self.th.color("surface"), stroke=col, stroke_width=self.px(1.5))
        if on:
            cv.circle(x + r, cy, r * 0.5, fill=col)
        self._check_label(cv, el, bg, x + 2 * r + self.px(10))

    def k_toggle(self, cv, el, bg):
        x, y, w, h = el.box
        tw, th_ = self.px(40), self.px(22)
        ty = y + (h - th_) / 2
        on = el.props.get("on", False)
        track = self.th.color("primary") if on else self.th.color("border")
        if not on and track == bg:
            track = self.th.color("text-muted")
        cv.rect(x, ty, tw, th_, fill=track, radius=th_ / 2)
        knob_r = th_ / 2 - self.px(3)
        kx = x + tw - th_ / 2 if on else x + th_ / 2
        cv.circle(kx, ty + th_ / 2, knob_r, fill=self.th.color("surface"))
        self._check_label(cv, el, bg, x + tw + self.px(12))

    def k_tabs(self, cv, el, bg):
        x, y, w, h = el.box
        items = el.props.get("items", [])
        active = el.props.get("active", 0)
        nav = el.variant == "nav"
        if not nav:
            cv.rect(x, y + h - self.px(1), w, self.px(1), fill=self.th.color("border"))
        cx = x
        for i, label in enumerate(items):
            tw = self.measure(label, "label")
            if cx + tw > x + w:
                break
            on = i == active
            self.text_mid(cv, label, cx, y + h / 2 - self.px(2), tw + 1, "label", "primary" if on else "text-muted", bg)
            if on and not nav:
                cv.rect(cx, y + h - self.px(2), tw, self.px(2), fill=self.th.color("primary"))
            cx += tw + self.px(28 if nav else 32)

    # -- data ------------------------------------------------------------------------------
    def k_table(self, cv, el, bg):
        x, y, w, h = el.box
        cols: list[str] = el.props.get("columns", [])
        rows: list[list[str]] = el.props.get("rows", [])
        align: list[str] = el.props.get("align", ["left"] * len(cols))
        widths: list[float] = el.props.get("widths") or [1.0] * len(cols)
        status_col = el.props.get("status_column", -1)
        tot = sum(widths)
        pad = self.px(el.props.get("inset", 24))
        colx = []
        cx = x + pad
        usable = w - 2 * pad
        for wd in widths:
            colx.append((cx, usable * wd / tot))
            cx += usable * wd / tot
        head_h = self.px(44)
        row_h = self.px(el.props.get("row_height", 52))
        muted = self.th.color("surface-muted")
        cv.rect(x, y, w, head_h, fill=muted)
        for (cx, cw), c, a in zip(colx, cols, align):
            self.text_mid(cv, c.upper(), cx + (0 if a != "right" else 0), y + head_h / 2, cw - self.px(16), "caption",
                          "text-muted", muted, align=a)
        ry = y + head_h
        div = self.th.color("divider")
        picked = el.props.get("selected", -1)  # the row a side panel acts on, in the secondary colour
        for r_i, row in enumerate(rows):
            if ry + row_h > y + h + 0.5:
                break
            rbg = bg
            if r_i == picked:
                rbg = self.th.color("secondary")
                cv.rect(x, ry, w, row_h, fill=rbg)
            cv.rect(x, ry, w, self.px(1), fill=div)
            for c_i, ((cx, cw), cell, a) in enumerate(zip(colx, row, align)):
                if c_i == status_col:
                    self._badge(cv, cell, cx, ry + row_h / 2, _status_role(cell), rbg)
                elif c_i == 0 and el.props.get("avatar_first"):
                    ar = self.px(16)
                    self._avatar(cv, cell, cx + ar, ry + row_h / 2, ar, r_i)
                    self.text_mid(cv, cell, cx + 2 * ar + self.px(12), ry + row_h / 2, cw - 2 * ar - self.px(28),
                                  "body-strong", "text", rbg)
                else:
                    self.text_mid(cv, cell, cx, ry + row_h / 2, cw - self.px(16), "small" if c_i else "body-strong",
                                  "text" if c_i == 0 else "text-muted", rbg, align=a)
            ry += row_h

    def _badge(self, cv, text, x, cy, role, bg, align="left", max_w: float | None = None):
        tw = self.measure(text, "caption")
        w = tw + self.px(20)
        if max_w is not None:
            w = min(w, max_w)
        # a badge laid out tighter than the usual 10 px inset keeps its text whole by centring it
        pad = max(self.px(2), min(self.px(10), (w - tw) / 2))
        h = self.px(24)
        fill = self.th.color(role)
        bx = x if align == "left" else x - w
        cv.rect(bx, cy - h / 2, w, h, fill=fill, radius=h / 2)
        self.text_mid(cv, text, bx + pad, cy, w - 2 * pad + self.px(1), "caption", f"on-{role}", fill)
        return w

    def k_badge(self, cv, el, bg):
        x, y, w, h = el.box
        self._badge(cv, el.text, x, y + h / 2, el.role or _status_role(el.text), bg, max_w=w)

    def _avatar(self, cv, name, cx, cy, r, i=0):
        roles = ["primary", "accent", "info", "success", "secondary"]
        role = roles[(sum(map(ord, name)) + i) % len(roles)]
        fill = self.th.color(role)
        cv.circle(cx, cy, r, fill=fill)
        initials = "".join(p[0] for p in name.split()[:2]).upper()
        st = "caption" if r < self.px(20) else "label"
        tw = self.measure(initials, st)
        self.text_mid(cv, initials, cx - tw / 2, cy, tw + 2, st, f"on-{role}", fill)

    def k_avatar(self, cv, el, bg):
        x, y, w, h = el.box
        r = min(w, h) / 2
        self._avatar(cv, el.text or "A B", x + r, y + h / 2, r)

    def k_list_item(self, cv, el, bg):
        x, y, w, h = el.box
        if el.variant == "nav":
            return self._nav_item(cv, el, bg)
        if el.variant == "tab":
            return self._tab_item(cv, el, bg)
        tx = x
        if el.props.get("avatar"):
            r = self.px(18)
            self._avatar(cv, el.props["avatar"], x + r, y + h / 2, r)
            tx = x + 2 * r + self.px(12)
        elif el.props.get("icon"):
            isz = self.px(36)
            cv.rect(x, y + (h - isz) / 2, isz, isz, fill=self.th.color("secondary"), radius=self.px(self.th.radius("md")))
            self.icon(cv, el.props["icon"], x + self.px(9), y + (h - isz) / 2 + self.px(9), self.px(18),
                      self.th.text_on("on-secondary", self.th.color("secondary"), large=True))
            tx = x + isz + self.px(12)
        trailing = el.props.get("trailing", "")
        trw = self.measure(trailing, "label") + self.px(8) if trailing else 0
        meta = el.props.get("meta")
        lw = x + w - tx - trw - self.px(8)
        if meta:
            self.text(cv, el.text, tx, y + h / 2 - self.px(21), lw, "body-strong", "text", bg)
            self.text(cv, meta, tx, y + h / 2 + self.px(1), lw, "small", "text-muted", bg)
        else:
            self.text_mid(cv, el.text, tx, y + h / 2, lw, "body", "text", bg)
        if trailing:
            tw = self.measure(trailing, "label")
            role = el.props.get("trailing_role", "text")
            if el.props.get("trailing_badge"):
                self._badge(cv, trailing, x + w, y + h / 2, role, bg, align="right")
            else:
                self.text_mid(cv, trailing, x + w - tw, y + h / 2, tw + 1, "label", role, bg)
        if el.props.get("divider", True):
            cv.rect(x, y + h - self.px(1), w, self.px(1), fill=self.th.color("divider"))

    def _tab_item(self, cv, el, bg):
        """A bottom tab-bar item: icon over a caption, the active one in the primary colour."""
        x, y, w, h = el.box
        active = el.props.get("active", False)
        isz = self.px(24)
        col = self.th.text_on("primary" if active else "text-muted", bg, large=True)
        top = y + (h - isz - self.px(20)) / 2
        if active:
            pw = self.px(56)
            cv.rect(x + (w - pw) / 2, top - self.px(4), pw, isz + self.px(8), fill=self.th.color("secondary"),
                    radius=(isz + self.px(8)) / 2)
            col = self.th.text_on("on-secondary", self.th.color("secondary"), large=True)
        self.icon(cv, el.props.get("icon", "dot"), x + (w - isz) / 2, top, isz, col)
        self.text(cv, el.text, x, top + isz + self.px(6), w, "caption", "primary" if active else "text-muted", bg,
                  align="center")

    def _nav_item(self, cv, el, bg):
        x, y, w, h = el.box
        active = el.props.get("active", False)
        if el.props.get("collapsed"):
            isz = self.px(20)
            sq = min(w, self.px(44))
            fill = bg
            if active:
                fill = self.th.color("secondary")
                cv.rect(x + (w - sq) / 2, y + (h - sq) / 2, sq, sq, fill=fill, radius=self.px(self.th.radius("md")))
            col = self.th.text_on("on-secondary" if active else "text-muted", fill, large=True)
            self.icon(cv, el.props.get("icon", "dot"), x + (w - isz) / 2, y + (h - isz) / 2, isz, col)
            return fill
        fill = bg
        if active:
            fill = self.th.color("secondary")
            cv.rect(x, y, w, h, fill=fill, radius=self.px(self.th.radius("md")))
        role = "on-secondary" if active else "text-muted"
        isz = self.px(20)
        col = self.th.text_on(role, fill, large=True)
        if el.props.get("icon"):
            self.icon(cv, el.props["icon"], x + self.px(12), y + (h - isz) / 2, isz, col)
        tx = x + self.px(12) + (isz + self.px(12) if el.props.get("icon") else 0)
        trailing = el.props.get("trailing", "")
        tw = self.measure(trailing, "caption") + self.px(16) if trailing else 0
        self.text_mid(cv, el.text, tx, y + h / 2, x + w - tx - tw - self.px(8), "label" if active else "body",
                      role if active else "text", fill)
        if trailing:
            self._badge(cv, trailing, x + w - self.px(8), y + h / 2, el.props.get("trailing_role", "accent"), fill,
                        align="right")
        return fill

    def k_progress(self, cv, el, bg):
        x, y, w, h = el.box
        if el.variant == "steps":
            steps: list[str] = el.props.get("steps", [])
            cur = el.props.get("current", 0)
            n = max(1, len(steps))
            # the last step's label ends at the box's right edge
            last_w = self.px(28 + 10 + 2) + (self.measure(steps[-1], "label") if steps else 0)
            seg = (w - last_w) / (n - 1) if n > 1 and w > 2 * last_w else w / n
            for i, label in enumerate(steps):
                cx = x + seg * i
                done = i <= cur
                col = self.th.color("primary") if done else self.th.color("border")
                r = self.px(14)
                cv.circle(cx + r, y + r, r, fill=col if done else self.th.color("surface"), stroke=col,
                          stroke_width=self.px(2))
                num = str(i + 1)
                nw = self.measure(num, "caption")
                self.text_mid(cv, num, cx + r - nw / 2, y + r, nw + 2, "caption", "on-primary" if done else "text-muted",
                              col if done else self.th.color("surface"))
                lw = (x + w - cx - 2 * r - self.px(10)) if i == n - 1 else seg - 2 * r - self.px(60)
                self.text_mid(cv, label, cx + 2 * r + self.px(10), y + r, lw, "label",
                              "text" if done else "text-muted", bg)
                if i < n - 1:
                    lx0 = cx + 2 * r + self.px(10) + self.measure(label, "label") + self.px(12)
                    cv.rect(lx0, y + r - self.px(1), max(0, cx + seg - self.px(12) - lx0), self.px(2),
                            fill=self.th.color("primary") if i < cur else self.th.color("border"))
            return
        val = float(el.props.get("value", 0.5))
        th_ = self.px(8)
        ty = y + h - th_
        if el.text:
            self.text(cv, el.text, x, y, w * 0.7, "small", "text", bg)
            pct = f"{round(val * 100)}%"
            pw_ = self.measure(pct, "label")
            self.text(cv, pct, x + w - pw_, y, pw_ + 1, "label", "text", bg)
        cv.rect(x, ty, w, th_, fill=self.th.color("surface-muted") if bg != self.th.color("surface-muted") else self.th.color("border"),
                radius=th_ / 2)
        cv.rect(x, ty, max(th_, w * val), th_, fill=self.th.color(el.role or "primary"), radius=th_ / 2)

    def k_calendar(self, cv, el, bg):
        if el.variant == "week":
            return self._calendar_week(cv, el, bg)
        if el.variant == "strip":
            return self._calendar_strip(cv, el, bg)
        import calendar as _cal

        x, y, w, h = el.box
        year, month = el.props.get("year", 2026), el.props.get("month", 11)
        sel = set(el.props.get("selected", []))
        events = set(el.props.get("events", []))
        title = f"{_cal.month_name[month]} {year}"
        self.text(cv, title, x, y, w, "title", "text", bg)
        hy = y + self.px(40)
        cw = w / 7
        for i, d in enumerate(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]):
            self.text(cv, d, x + cw * i, hy, cw, "caption", "text-muted", bg, align="center")
        weeks = _cal.Calendar(0).monthdayscalendar(year, month)
        gy = hy + self.px(28)
        rh = min(self.px(44), (y + h - gy) / len(weeks))
        for wi, week in enumerate(weeks):
            for di, day in enumerate(week):
                if not day:
                    continue
                cx = x + cw * di + cw / 2
                cy = gy + rh * wi + rh / 2
                fill = bg
                if day in sel:
                    fill = self.th.color("primary")
                    cv.circle(cx, cy, min(cw, rh) * 0.4, fill=fill)
                s = str(day)
                sw = self.measure(s, "small")
                self.text_mid(cv, s, cx - sw / 2, cy, sw + 2, "small", "on-primary" if day in sel else "text", fill)
                if day in events and day not in sel:
                    cv.circle(cx, cy + min(cw, rh) * 0.3, self.px(2.5), fill=self.th.color("accent"))

    def _calendar_strip(self, cv, el, bg):
        """A phone's week strip: the month over one row of seven days, each a weekday over its
        date, the selected day filled with the primary colour, a dot under days with events
        (props: year, month, selected, events; the week is the selected day's)."""
        import calendar as _cal

        x, y, w, h = el.box
        year, month = el.props.get("year", 2026), el.props.get("month", 11)
        sel = list(el.props.get("selected", [])) or [1]
        events = set(el.props.get("events", []))
        self.text(cv, f"{_cal.month_name[month]} {year}", x, y, w, "title", "text", bg)
        week = next((wk for wk in _cal.Calendar(0).monthdayscalendar(year, month) if sel[0] in wk),
                    _cal.Calendar(0).monthdayscalendar(year, month)[0])
        top = y + self.px(36)
        cw = w / 7
        ch = max(self.px(40), y + h - top)
        for di, (name, day) in enumerate(zip(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], week)):
            cx = x + cw * di
            on = bool(day) and day in sel
            fill = bg
            if on:
                fill = self.th.color("primary")
                cv.rect(cx + cw * 0.1, top, cw * 0.8, ch - self.px(4), fill=fill,
                        radius=self.px(self.th.radius("md")))
            self.text(cv, name, cx, top + self.px(6), cw, "caption", "on-primary" if on else "text-muted", fill,
                      align="center")
            if day:
                self.text(cv, str(day), cx, top + self.px(24), cw, "body-strong", "on-primary" if on else "text",
                          fill, align="center")
            if day in events and not on:
                cv.circle(cx + cw / 2, top + ch - self.px(10), self.px(2.5), fill=self.th.color("accent"))

    def _calendar_week(self, cv, el, bg):
        """Seven day columns with hour lines and event blocks (props.events: [day 0–6, start
        hour, end hour, title]); props.start_hour, props.hours, props.today (0–6)."""
        x, y, w, h = el.box
        days = el.props.get("days", ["Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29"])
        h0, hours = el.props.get("start_hour", 8), el.props.get("hours", 9)
        today = el.props.get("today", -1)
        gutter = self.px(48)
        head_h = self.px(36)
        cw = (w - gutter) / len(days)
        rh = (h - head_h) / hours
        div = self.th.color("divider")
        for i, d in enumerate(days):
            cx = x + gutter + cw * i
            on = i == today
            self.text_mid(cv, d, cx, y + head_h / 2, cw, "label", "primary" if on else "text-muted", bg, align="center")
            if on:
                cv.rect(cx + cw * 0.2, y + head_h - self.px(3), cw * 0.6, self.px(2), fill=self.th.color("primary"))
            cv.rect(cx, y + head_h, self.px(1), h - head_h, fill=div)
        for k in range(hours):
            gy = y + head_h + rh * k
            cv.rect(x + gutter, gy, w - gutter, self.px(1), fill=div)
            self.text(cv, f"{h0 + k:02d}:00", x, gy + self.px(2), gutter - self.px(8), "caption", "text-muted", bg,
                      align="right")
        roles = ["secondary", "info", "accent", "success"]
        for j, (day, s0, s1, title) in enumerate(el.props.get("events", [])):
            role = roles[j % len(roles)]
            fill = self.th.color(role)
            ex = x + gutter + cw * day + self.px(4)
            ey = y + head_h + rh * (s0 - h0) + self.px(2)
            eh = rh * (s1 - s0) - self.px(4)
            if eh <= 0 or ey + eh > y + h + 0.5:
                continue
            cv.rect(ex, ey, cw - self.px(8), eh, fill=fill, radius=self.px(self.th.radius("sm")))
            self.text(cv, title, ex + self.px(8), ey + self.px(4), cw - self.px(24), "caption", f"on-{role}", fill,
                      max_lines=3, h=eh - self.px(8))

    def k_pagination(self, cv, el, bg):
        x, y, w, h = el.box
        page, pages = el.props.get("page", 1), el.props.get("pages", 8)
        sz = self.px(36)
        window = _page_window(page, pages)
        fit = int((w + self.px(6)) // (sz + self.px(6))) - 2  # page buttons that fit beside the arrows
        while len(window) > max(1, fit):
            window.pop(-1 if window[-1] != page else 0)
        items = ["‹"] + [str(p) for p in window] + ["›"]
        total = len(items) * sz + (len(items) - 1) * self.px(6)
        cx = x + w - total if el.props.get("align", "right") == "right" else x
        for it in items:
            on = it == str(page)
            fill = self.th.color("primary") if on else bg
            cv.rect(cx, y + (h - sz) / 2, sz, sz, fill=fill, radius=self.px(self.th.radius("md")),
                    stroke=None if on else self.th.color("border"), stroke_width=0 if on else self.px(1))
            tw = self.measure(it, "label")
            self.text_mid(cv, it, cx + (sz - tw) / 2, y + h / 2, tw + 2, "label", "on-primary" if on else "text", fill)
            cx += sz + self.px(6)

    def k_breadcrumb(self, cv, el, bg):
        x, y, w, h = el.box
        items = el.props.get("items", [])
        cx = x
        isz = self.px(14)
        for i, it in enumerate(items):
            last = i == len(items) - 1
            if x + w - cx < self.px(24):
                break
            tw = self.text_mid(cv, it, cx, y + h / 2, x + w - cx, "small", "text" if last else "text-muted", bg)
            cx += tw + self.px(8)
            if not last:
                if cx + isz > x + w:
                    break
                self.icon(cv, "chevron-right", cx, y + (h - isz) / 2, isz, self.th.text_on("text-muted", bg, large=True))
                cx += isz + self.px(8)

    def k_divider(self, cv, el, bg):
        x, y, w, h = el.box
        cv.rect(x, y + h / 2 - self.px(0.5), w, self.px(1), fill=self.th.color("divider"))

    def k_icon(self, cv, el, bg):
        x, y, w, h = el.box
        sz = min(w, h)
        col = self.th.text_on(el.role or "text-muted", bg, large=True)
        self.icon(cv, el.props.get("name", "dot"), x + (w - sz) / 2, y + (h - sz) / 2, sz, col)

    def k_image(self, cv, el, bg):
        """On-palette vector illustration: layered hills, a sun and a framed product shape."""
        x, y, w, h = el.box
        r = self.px(self.th.radius("lg"))
        base = self.th.color(el.role or "secondary")
        motif = el.props.get("motif", "landscape")
        seed = sum(map(ord, el.id))
        with cv.clip(x, y, w, h, r):
            cv.rect(x, y, w, h, fill=base)
            ch = self.th.chart
            c1, c2, c3 = ch[seed % len(ch)], ch[(seed + 1) % len(ch)], ch[(seed + 2) % len(ch)]
            if motif != "product":
                c2, c3 = self.th.color("primary"), self.th.color("accent")
            if motif == "product":
                cx, cy = x + w / 2, y + h * 0.55
                cv.circle(cx, cy + h * 0.05, min(w, h) * 0.32, fill=self.th.color("surface"))
                _product_shape(cv, el.props.get("shape", "bag"), cx, cy, min(w, h), c2, c3, self.px(10))
            else:
                cv.circle(x + w * 0.74, y + h * 0.3, min(w, h) * 0.12, fill=c3)
                pts = [(x, y + h * 0.72), (x + w * 0.3, y + h * 0.45), (x + w * 0.55, y + h * 0.7), (x + w, y + h * 0.5),
                       (x + w, y + h), (x, y + h)]
                cv.polyline(pts, "", 0, fill=c1, closed=True)
                pts2 = [(x, y + h * 0.85), (x + w * 0.45, y + h * 0.62), (x + w, y + h * 0.82), (x + w, y + h), (x, y + h)]
                cv.polyline(pts2, "", 0, fill=c2, closed=True)


#: Silhouettes of product art, chosen by a product's name (`product_shape`).
PRODUCT_SHAPES = ("bag", "shirt", "bottle", "shoe", "watch", "cup", "lamp", "beanie")


#: Words of a product's name and the silhouette they call for, first match wins: the goods each
#: silhouette draws, then goods it has no silhouette of, mapped to the nearest one (a teapot a
#: cup, socks knitwear, a candle a bottle).
_SHAPE_WORDS = ((("shirt", "sweater", "vest", "jacket", "tee", "hoodie", "overshirt"), "shirt"),
                (("bottle", "flask"), "bottle"), (("runner", "shoe", "sneaker", "boot"), "shoe"),
                (("watch",), "watch"), (("pour-over", "mug", "cup", "ceramic"), "cup"),
                (("lamp", "light"), "lamp"), (("beanie", "hat", "cap"), "beanie"),
                (("teapot", "kettle", "bowl", "vase", "planter", "pot", "jar", "tumbler", "espresso", "coffee", "tea"),
                 "cup"),
                (("sock", "glove", "mitten", "scarf", "knit", "yarn", "wool"), "beanie"),
                (("candle", "soap", "perfume", "oil", "sauce", "wine", "lotion", "shampoo", "serum"), "bottle"),
                (("sandal", "slipper", "cleat"), "shoe"),
                (("clock", "timer", "bracelet"), "watch"),
                (("lantern", "bulb", "torch", "flashlight", "plant", "houseplant"), "lamp"))


def product_shape(name: str) -> str:
    """The silhouette that suits a product name (``bag`` when no word matches)."""
    t = name.lower()
    return next((shape for words, shape in _SHAPE_WORDS if any(wd in t for wd in words)), "bag")


def _product_shape(cv: Canvas, shape: str, cx: float, cy: float, size: float, c2: str, c3: str, r: float) -> None:
    """A flat silhouette about 0.4·`size` tall centred on (cx, cy), in two palette colours."""
    s = size
    if shape == "shirt":
        pts = [(-0.1, -0.2), (-0.28, -0.12), (-0.34, 0.0), (-0.22, 0.05), (-0.18, 0.0), (-0.18, 0.22), (0.18, 0.22),
               (0.18, 0.0), (0.22, 0.05), (0.34, 0.0), (0.28, -0.12), (0.1, -0.2)]
        cv.polyline([(cx + px * s, cy + py * s) for px, py in pts], "", 0, fill=c2, closed=True)
        cv.polyline([(cx - 0.1 * s, cy - 0.2 * s), (cx, cy - 0.1 * s), (cx + 0.1 * s, cy - 0.2 * s)], c3, s * 0.03)
    elif shape == "bottle":
        cv.rect(cx - 0.06 * s, cy - 0.24 * s, 0.12 * s, 0.08 * s, fill=c3, radius=r / 3)
        cv.rect(cx - 0.11 * s, cy - 0.17 * s, 0.22 * s, 0.4 * s, fill=c2, radius=r)
        cv.rect(cx - 0.11 * s, cy - 0.02 * s, 0.22 * s, 0.08 * s, fill=c3)
    elif shape == "shoe":
        pts = [(-0.3, 0.12), (-0.3, -0.06), (-0.14, -0.1), (-0.02, 0.0), (0.2, 0.04), (0.3, 0.1), (0.3, 0.12)]
        cv.polyline([(cx + px * s, cy + py * s) for px, py in pts], "", 0, fill=c2, closed=True)
        cv.rect(cx - 0.31 * s, cy + 0.1 * s, 0.62 * s, 0.06 * s, fill=c3, radius=r / 3)
    elif shape == "watch":
        cv.rect(cx - 0.07 * s, cy - 0.28 * s, 0.14 * s, 0.56 * s, fill=c3, radius=r / 2)
        cv.circle(cx, cy, 0.14 * s, fill=c2)
        cv.circle(cx, cy, 0.1 * s, fill=c3)
        cv.line(cx, cy, cx, cy - 0.07 * s, c2, s * 0.02)
        cv.line(cx, cy, cx + 0.05 * s, cy, c2, s * 0.02)
    elif shape == "cup":
        cv.arc(cx + 0.16 * s, cy, 0.07 * s, -math.pi / 2, math.pi / 2, c3, s * 0.035)
        cv.rect(cx - 0.17 * s, cy - 0.14 * s, 0.32 * s, 0.3 * s, fill=c2, radius=r)
        cv.rect(cx - 0.17 * s, cy - 0.14 * s, 0.32 * s, 0.06 * s, fill=c3, radius=r / 3)
    elif shape == "lamp":
        cv.polyline([(cx - 0.06 * s, cy - 0.24 * s), (cx + 0.06 * s, cy - 0.24 * s), (cx + 0.18 * s, cy - 0.04 * s),
                     (cx - 0.18 * s, cy - 0.04 * s)], "", 0, fill=c2, closed=True)
        cv.rect(cx - 0.015 * s, cy - 0.04 * s, 0.03 * s, 0.22 * s, fill=c3)
        cv.rect(cx - 0.12 * s, cy + 0.18 * s, 0.24 * s, 0.05 * s, fill=c3, radius=r / 3)
    elif shape == "beanie":
        cv.circle(cx, cy + 0.06 * s, 0.2 * s, fill=c2)
        cv.rect(cx - 0.24 * s, cy + 0.06 * s, 0.48 * s, 0.2 * s, fill=c3, radius=r / 2)
        cv.circle(cx, cy - 0.16 * s, 0.05 * s, fill=c3)
    else:  # bag
        bw, bh = s * 0.34, s * 0.42
        cv.rect(cx - bw / 2, cy - bh / 2, bw, bh, fill=c2, radius=r)
        cv.rect(cx - bw / 2, cy - bh / 2, bw, bh * 0.28, fill=c3, radius=r)
        cv.rect(cx - bw / 2, cy - bh / 2 + bh * 0.18, bw, bh * 0.1, fill=c3)


_status_role = status_role


def _page_window(page: int, pages: int) -> list[int]:
    lo = max(1, min(page - 2, pages - 4))
    return list(range(lo, min(pages, lo + 4) + 1))
