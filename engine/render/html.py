"""A scene as one self-contained HTML page: CSS flexbox layout, token custom properties, real text.

`scene_html(scene, design_system)` writes a page a designer or developer can keep working on:

- **Layout**: where the scene kept its flex tree (`Element.layout`, `Scene.layout`: the
  procedural composer and the fill of every sampled container) each container is a CSS flex
  box with the tree's direction, gap, padding, justify and align, its layout-only frames are
  ``<div class="frame">`` flex boxes, and each item is sized as the tree sized it (``flex:
  GROW SHRINK BASIS``: fills grow, hugs shrink, fixed sizes do neither). Where snapping to the
  spacing grid moved an item off plain flexbox, a margin says by how much, so the page lands
  on the same pixels as the PNG. Elements placed without a flex tree (sampled blocks, a
  component's own parts) are positioned absolutely inside their parent.
- **Tokens**: colours, type, spacing, radii and shadows are CSS custom properties named after
  the system's tokens (`engine.render.html_tokens`), fonts are ``@font-face`` rules with the
  font files embedded as data URLs.
- **Drawing**: each element kind is drawn by the same `engine.render.components.Renderer`
  function as the PNG, recorded instead of painted: the element's own box becomes CSS
  (background, border, radius, shadow), its text becomes real text in the system's type steps,
  its icons, the logo and any other shapes an inline SVG, so the page looks like the PNG.
  Forms are real form controls (input, select, checkbox, radio, a switch), tables real
  tables, buttons buttons, with semantic elements (nav, header, main, footer, section,
  dialog roles) and ``aria-label`` names.
"""

from __future__ import annotations

import html
import math
from contextlib import contextmanager

from engine.render.canvas import svg_inner
from engine.render.components import FALLBACK_ICONS, Renderer, status_role
from engine.render.html_tokens import TokenSheet, px, slug
from engine.render.text import wrap
from engine.render.theme import Theme
from scene.model import Element, Scene

__all__ = ["scene_html", "save_html", "text_contrast", "HTML_TAGS"]

#: The HTML element each kind is written as (see `_tag` for the exceptions).
HTML_TAGS: dict[str, str] = {
    "navbar": "nav", "sidebar": "nav", "header": "header", "footer": "footer", "heading": "h2", "text": "p",
    "button": "button", "input": "div", "select": "div", "search": "div", "checkbox": "label", "radio": "label",
    "toggle": "label", "tabs": "div", "card": "section", "table": "div", "list": "ul", "list_item": "li",
    "chart": "figure", "image": "div", "icon": "span", "avatar": "span", "badge": "span", "pagination": "nav",
    "breadcrumb": "nav", "calendar": "section", "progress": "div", "divider": "div", "logo": "div", "modal": "div",
}
# Elements whose content may only be phrasing content (their parts are spans).
_PHRASING = {"p", "h1", "h2", "h3", "button", "label", "span", "a"}

BASE_CSS = """
* { box-sizing: border-box; margin: 0; padding: 0; }
html, body { background: var(--color-background); font-synthesis: none; -webkit-font-smoothing: antialiased; }
.page { position: relative; overflow: hidden; }
.page * { min-width: 0; min-height: 0; }
.el, .frame { position: relative; flex-shrink: 0; }
.abs { position: absolute; }
.paint { position: absolute; left: 0; top: 0; overflow: visible; pointer-events: none; }
.run { position: absolute; white-space: pre; }
button.el { border: 0; background: none; cursor: pointer; text-align: left; font: inherit; }
ul.el { list-style: none; }
a.el { color: inherit; text-decoration: none; }
.ctl { position: absolute; margin: 0; border: 0; outline: none; -webkit-appearance: none; appearance: none;
       background: none; white-space: pre; }
.ctl::placeholder { color: var(--ph); opacity: 1; }
.ctl::-webkit-search-decoration, .ctl::-webkit-search-cancel-button { -webkit-appearance: none; }
.scrim { position: absolute; pointer-events: none; }
table.grid { border-collapse: separate; border-spacing: 0; table-layout: fixed; width: 100%; }
table.grid th, table.grid td { padding: 0; overflow: hidden; white-space: pre; text-overflow: clip;
  font-weight: inherit; text-align: left; vertical-align: middle; }
.cell { display: flex; align-items: center; overflow: hidden; }
.badge, .avatar { display: inline-flex; align-items: center; justify-content: center; flex-shrink: 0; }
"""


def scene_html(scene: Scene, design_system, title: str | None = None) -> str:
    """The scene as a self-contained HTML page of `scene.width / scene.scale` CSS px (view it at a
    device pixel ratio of `scene.scale` for the PNG's pixel size)."""
    return _Writer(scene, design_system).page(title)


def text_contrast(scene: Scene, design_system) -> list[dict]:
    """Each line of text the page draws through the renderer's kinds, with its colour, the
    background it sits on and their WCAG 2.x contrast (`need`: 4.5, or 3 for large text)."""
    from ingest.colour import contrast, parse_hex

    w = _Writer(scene, design_system)
    w.page(None)
    out = []
    for text, col, bg, large in w.r.pairs:
        c = contrast(parse_hex(col)[0], parse_hex(bg)[0])
        out.append({"text": text, "color": col, "background": bg, "contrast": round(c, 2), "need": 3.0 if large else 4.5})
    return out


class _RoleHex(str):
    """A colour the theme returned for a role, remembering the role (for ``var(--color-ROLE)``)."""

    role: str | None = None


class _TokenTheme(Theme):
    def color(self, role: str) -> str:
        h = _RoleHex(super().color(role))
        h.role = role
        return h


# -- recording the renderer ---------------------------------------------------------------------
class _Recorder:
    """The drawing surface the renderer draws one element on: every call is kept as an op."""

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.ops: list[tuple] = []

    @contextmanager
    def group(self, layer_id: str, label: str = ""):
        yield

    @contextmanager
    def clip(self, x, y, w, h, radius=0):
        self.ops.append(("clip", x, y, w, h, radius))
        try:
            yield
        finally:
            self.ops.append(("unclip",))

    def rect(self, x, y, w, h, fill=None, radius=0.0, stroke=None, stroke_width=0.0, opacity=1.0, inset_stroke=True):
        if w > 0 and h > 0:
            self.ops.append(("rect", x, y, w, h, fill, radius, stroke, stroke_width, opacity, inset_stroke))

    def circle(self, cx, cy, r, fill=None, stroke=None, stroke_width=0.0):
        self.ops.append(("circle", cx, cy, r, fill, stroke, stroke_width))

    def line(self, x1, y1, x2, y2, color, width, cap="butt", dash=None):
        self.ops.append(("line", x1, y1, x2, y2, color, width, cap, dash))

    def polyline(self, pts, color, width, fill=None, closed=False, opacity=1.0):
        if len(pts) >= 2:
            self.ops.append(("poly", list(pts), color, width, fill, closed, opacity))

    def arc(self, cx, cy, r, a0, a1, color, width):
        self.ops.append(("arc", cx, cy, r, a0, a1, color, width))

    def shadow(self, x, y, w, h, radius, color, alpha, dy, blur, spread=0.0):
        self.ops.append(("shadow", x, y, w, h, radius, color, alpha, dy, blur, spread))

    def svg_asset(self, path, x, y, w, h, color=None, align="center"):
        self.ops.append(("asset", path, x, y, w, h, color, align))


class _Recording(Renderer):
    """The renderer with text kept as runs (lines, position, type step, colour) instead of glyphs."""

    def __init__(self, theme, scale):
        super().__init__(theme, scale)
        self.pairs: list[tuple[str, str, str, bool]] = []  # (text, colour, background, large) of each line

    def text(self, cv, text, x, y, w, style, role, bg, align="left", max_lines=1, h=None, color=None):
        if not text or w <= 0:
            return 0.0
        st = self.th.style(style)
        font = self.th.font(st, text)
        size, lh, ls = self.px(st.size), self.px(st.line_height), self.px(st.letter_spacing)
        if h is not None:
            max_lines = max(1, min(max_lines, int((h + 0.01) // lh) or 1))
        lines = wrap(font, text, size, w, max_lines, ls)
        large = st.size >= 18.66 or (st.size >= 14 and st.weight >= 700)
        col = color or self.th.text_on(role, bg, large=large)
        for i, ln in enumerate(lines):
            lw = font.measure(ln, size, ls)
            lx = x + (w - lw) / 2 if align == "center" else (x + w - lw if align == "right" else x)
            cv.ops.append(("text", ln, lx, y + i * lh, lw, lh, style, col, font.path, st.weight, text))
            self.text_runs.append((lx, y + i * lh, lw, lh, col, large))
            self.pairs.append((ln, str(col), str(bg), large))
        return len(lines) * lh

    def icon(self, cv, name, x, y, size, color):
        path = self.icons.get(name)
        if path is None:
            fb = FALLBACK_ICONS / f"{name}.svg"
            path = str(fb) if fb.exists() else str(FALLBACK_ICONS / "dot.svg")
        cv.ops.append(("asset", path, x, y, size, size, color, "center", name))

    def _elevation(self, cv, x, y, w, h, r, name):
        if self.th.shadow(name) is not None:
            cv.ops.append(("elevation", name, x, y, w, h, r))
        super()._elevation(cv, x, y, w, h, r, name)


def _n(v: float) -> str:
    r = round(v, 2)
    return str(int(r)) if r == int(r) else f"{r:g}"


def _esc(s) -> str:
    return html.escape(str(s), quote=True)


def _style(d: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in d.items() if v is not None)


# -- the writer -----------------------------------------------------------------------------
class _Writer:
    def __init__(self, scene: Scene, ds):
        self.scene = scene
        self.s = scene.scale
        self.th = _TokenTheme(ds)
        self.tokens = TokenSheet(self.th, self.s)
        self.r = _Recording(self.th, self.s)
        self.ids: dict[str, int] = {}
        self.by_id: dict[str, Element] = {}
        self.main_done = False

    # ids and coordinates
    def dom_id(self, eid: str) -> str:
        base = "el-" + slug(eid)
        k = self.ids.get(base, 0)
        self.ids[base] = k + 1
        return base if k == 0 else f"{base}-{k + 1}"

    def d(self, v: float) -> float:
        """Canvas px → design (CSS) px."""
        return v / self.s

    def col(self, hex_) -> str:
        return self.tokens.colour(hex_)

    # the page
    def page(self, title: str | None) -> str:
        sc = self.scene
        W, H = sc.width / self.s, sc.height / self.s
        for e in sc.walk():
            self.by_id.setdefault(e.id, e)
        bg = self.th.color(sc.background_role)
        items = (sc.layout or {}).get("items") or []
        listed = _listed(items)
        body: list[str] = []
        box = (0.0, 0.0, W, H)
        for it in items:
            body.append(self.item(it, box, bg, None, absolute=True))
        for e in sc.elements:
            if e.id not in listed:
                body.append(self.element(e, box, bg, absolute=True))
        tag = "div" if self.main_done else "main"
        page = (f'<{tag} class="page" style="{_style({"width": px(W), "height": px(H), "background": self.col(bg)})}">'
                + "".join(body) + f"</{tag}>")
        name = self.th.ds.name.replace("-", " ").replace("_", " ").title()
        head_title = _esc(title or (f"{name}: {sc.prompt}" if sc.prompt else name))
        css = self.tokens.css() + BASE_CSS
        return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                f"<meta name=\"viewport\" content=\"width={_n(W)}\">\n<title>{head_title}</title>\n"
                f"<meta name=\"generator\" content=\"onbrand\">\n<style>\n{css}\n</style>\n</head>\n<body>\n"
                f"{page}\n</body>\n</html>\n")

    # layout items
    def item(self, it, parent_box, bg, css: dict | None, absolute: bool = False) -> str:
        if isinstance(it, str):
            el = self.by_id.get(it)
            return "" if el is None else self.element(el, parent_box, bg, css, absolute)
        return self.frame(it, parent_box, bg, css, absolute)

    def frame(self, fr: dict, parent_box, bg, css: dict | None, absolute: bool) -> str:
        box = tuple(fr.get("box") or (0, 0, 0, 0))
        st = dict(css or {})
        if absolute or css is None:
            st.update(self.abs_css(box, parent_box))
        tag = "div"
        if not self.main_done and fr.get("frame") in ("content", "main", "body"):
            tag, self.main_done = "main", True
        inner, flex = self.flex_children(fr, box, bg)
        st.update(flex)
        return f'<{tag} class="frame" data-frame="{_esc(fr.get("frame", ""))}" style="{_style(st)}">{inner}</{tag}>'

    def abs_css(self, box, parent_box) -> dict:
        return {"position": "absolute", "left": px(box[0] - parent_box[0]), "top": px(box[1] - parent_box[1]),
                "width": px(box[2]), "height": px(box[3])}

    def flex_children(self, lay: dict, box, bg) -> tuple[str, dict]:
        """The HTML of a flex container's items and the container's own CSS."""
        items = [it for it in lay.get("items", []) if isinstance(it, dict) or it in self.by_id]
        t, r, b, l = (lay.get("padding") or [0, 0, 0, 0])
        gap = float(lay.get("gap", 0))
        row = lay.get("direction") == "row"
        css = {"display": "flex", "flex-direction": "row" if row else "column"}
        if gap:
            css["gap"] = self.tokens.space(gap)
        if any((t, r, b, l)):
            css["padding"] = " ".join(self.tokens.space(v) if v else "0" for v in (t, r, b, l))
        J = {"start": "flex-start", "end": "flex-end", "center": "center", "space-between": "space-between"}
        A = {"start": "flex-start", "end": "flex-end", "center": "center", "stretch": "stretch"}
        css["justify-content"] = J.get(lay.get("justify", "start"), "flex-start")
        css["align-items"] = A.get(lay.get("align", "stretch"), "stretch")
        boxes, sizing = [], []
        for it in items:
            if isinstance(it, str):
                e = self.by_id[it]
                boxes.append(tuple(self.d(v) for v in e.box))
                sizing.append(e.layout or {})
            else:
                boxes.append(tuple(it.get("box") or (0, 0, 0, 0)))
                sizing.append(it)
        item_css = _flex_items(box, (t, r, b, l), gap, row, lay.get("justify", "start"), lay.get("align", "stretch"),
                               boxes, sizing)
        out = [self.item(it, box, bg, c) for it, c in zip(items, item_css)]
        return "".join(out), css

    # elements
    def element(self, el: Element, parent_box, bg, css: dict | None = None, absolute: bool = False) -> str:
        box = tuple(self.d(v) for v in el.box)
        st: dict[str, str] = dict(css or {})
        if absolute or css is None:
            st.update(self.abs_css(box, parent_box))
        rec = _Recorder(self.scene.width, self.scene.height)
        fn = getattr(self.r, f"k_{el.kind}", None)
        if el.kind in ("input", "select", "search", "checkbox", "radio", "toggle", "table"):
            inner, inner_bg = getattr(self, f"w_{el.kind}")(el, box, bg, st)
        else:
            inner_bg = (fn(rec, el, bg) if fn else None) or bg
            if el.kind == "modal":  # the scrim is its own layer (below), not part of the dialog's box
                rec.ops = [op for op in rec.ops if not (op[0] == "rect" and op[1] == 0 and op[2] == 0
                                                        and op[3] == rec.width and op[4] == rec.height)]
            inner = self.paint(el, rec.ops, box, st)
        tag, attrs = self.tag(el)
        if tag in _PHRASING and el.children:
            tag = "div"
        lay = el.layout or {}
        kids: list[str] = []
        listed: set[str] = set()
        if lay.get("items") is not None and el.children:
            listed = _listed(lay["items"])
            k, flex = self.flex_children(lay, box, inner_bg)
            st.update(flex)
            kids.append(k)
        for c in el.children:
            if c.id not in listed:
                kids.append(self.element(c, box, inner_bg, absolute=True))
        did = self.dom_id(el.id)
        cls = f"el k-{el.kind}" + (f" v-{slug(el.variant)}" if el.variant else "")
        scrim = ""
        if el.kind == "modal":
            c, a = self.th.scrim()
            W, H = self.scene.width / self.s, self.scene.height / self.s
            scrim = (f'<div class="scrim" aria-hidden="true" style="{_style({"position": "fixed", "left": "0", "top": "0", "width": px(W), "height": px(H), "background": self.col(c), "opacity": f"{a:g}"})}"></div>')
        out = (f'<{tag} id="{did}" class="{cls}" data-id="{_esc(el.id)}"{attrs} style="{_style(st)}">'
               f"{inner}{''.join(kids)}</{tag}>")
        if scrim:  # the scrim covers the page, under the dialog: a sibling placed first
            out = scrim + out
        return out

    def tag(self, el: Element) -> tuple[str, str]:
        t = HTML_TAGS.get(el.kind, "div")
        label = el.text or el.props.get("title") or el.props.get("label") or ""
        a = ""
        k = el.kind
        if k == "heading":
            lvl = el.props.get("level") or {"display": 1, "h1": 1, "h2": 2}.get(el.style or "h2", 3)
            t = f"h{max(1, min(3, int(lvl)))}"
        elif k == "navbar":
            a = ' aria-label="Top bar"' if el.variant != "tabbar" else ' aria-label="Tab bar"'
        elif k == "sidebar":
            a = ' aria-label="Sidebar"'
        elif k == "button":
            a = ' type="button"' + (f' aria-label="{_esc(label or el.props.get("icon", "button"))}"')
        elif k == "card":
            a = f' aria-label="{_esc(label)}"' if label else ""
            t = "section" if label else "div"
        elif k == "list_item":
            if el.variant in ("nav", "tab"):
                t = "a"
                a = ' href="#"' + (' aria-current="page"' if el.props.get("active") else "") + \
                    f' aria-label="{_esc(el.text or el.props.get("icon", ""))}"'
        elif k == "chart":
            a = f' role="img" aria-label="{_esc((el.variant or "line") + " chart" + (": " + label if label else ""))}"'
        elif k in ("image", "logo", "avatar"):
            name = {"logo": f"{self.th.ds.name} logo", "avatar": el.text or "avatar"}.get(k, el.props.get("motif", "illustration"))
            a = f' role="img" aria-label="{_esc(name)}"'
        elif k == "icon":
            a = ' aria-hidden="true"'
        elif k in ("pagination", "breadcrumb"):
            a = f' aria-label="{k.title()}"'
        elif k == "calendar":
            a = ' aria-label="Calendar"'
        elif k == "progress":
            if el.variant == "steps":
                a = f' role="list" aria-label="Steps"'
            else:
                a = (f' role="progressbar" aria-valuemin="0" aria-valuemax="100" '
                     f'aria-valuenow="{round(float(el.props.get("value", 0.5)) * 100)}" aria-label="{_esc(label or "Progress")}"')
        elif k == "divider":
            a = ' role="separator"'
        elif k == "modal":
            a = f' role="dialog" aria-modal="true" aria-label="{_esc(label or "Dialog")}"'
        elif k == "tabs":
            a = ' role="tablist"'
        elif k == "search":
            a = ' role="search"'
        return t, a

    # the recorded drawing of one element
    def paint(self, el: Element, ops: list[tuple], box, st: dict) -> str:
        """`st` gets the element's own box (fill, radius, border, shadow); returns the inner HTML:
        an inline SVG of the other shapes, then the text runs."""
        ex, ey, ew, eh = el.box
        svg: list[str] = []
        texts: list[str] = []
        shadows: list[str] = []
        elevation = None
        took_box = False
        clip_n = 0
        for op in ops:
            kind = op[0]
            if kind == "elevation":
                elevation = op
                continue
            if kind == "shadow":
                if elevation is not None and not took_box:
                    continue  # written as the box's box-shadow, if the box follows
                svg.append(self.svg_shadow(op))
                continue
            if kind == "rect":
                _, x, y, w, h, fill, radius, stroke, sw, opacity, inset = op
                if (not took_box and not svg and opacity >= 1 and abs(x - ex) < 0.05 and abs(y - ey) < 0.05 and abs(w - ew) < 0.05
                        and abs(h - eh) < 0.05 and (inset or not stroke)):
                    took_box = True
                    if fill:
                        st["background"] = self.col(fill)
                    if radius:
                        st["border-radius"] = self.tokens.radius(self.d(min(radius, w / 2, h / 2)))
                    if elevation is not None:
                        v = self.tokens.shadow(elevation[1])
                        if v:
                            shadows.append(v)
                    if stroke and sw:
                        shadows.append(f"inset 0 0 0 {px(self.d(sw))} {self.col(stroke)}")
                    if radius or shadows:
                        st["overflow"] = None
                    continue
                svg.append(self.svg_rect(op))
            elif kind == "text":
                texts.append(self.run(op, el.box))
            elif kind == "clip":
                clip_n += 1
                cid = f"{self.dom_id(el.id + '-clip')}"
                _, x, y, w, h, radius = op
                svg.append(f'<clipPath id="{cid}"><rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"'
                           + (f' rx="{_n(radius)}"' if radius else "") + f'/></clipPath><g clip-path="url(#{cid})">')
            elif kind == "unclip":
                svg.append("</g>")
            else:
                svg.append(getattr(self, f"svg_{kind}")(op))
        if elevation is not None and not took_box:  # the shadow belonged to a shape inside
            pass
        if shadows:
            st["box-shadow"] = ", ".join(shadows)
        out = ""
        if svg:
            out += (f'<svg class="paint" aria-hidden="true" focusable="false" width="{_n(self.d(ew))}" '
                    f'height="{_n(self.d(eh))}" viewBox="{_n(ex)} {_n(ey)} {_n(max(ew, 0.01))} {_n(max(eh, 0.01))}">'
                    + "".join(svg) + "</svg>")
        return out + "".join(texts)

    def run(self, op, ebox) -> str:
        _, ln, lx, ly, lw, lh, style, col, font_path, weight, full = op
        cls = self.tokens.type_class(style)
        st = {"left": px(self.d(lx - ebox[0])), "top": px(self.d(ly - ebox[1])), "color": self.col(col)}
        step_font = self.th.font(self.th.style(style))
        if font_path != step_font.path:
            st["font-family"] = f'"{self.tokens.font_family(font_path, weight)}"'
        title = f' title="{_esc(full)}"' if ln != full and not full.startswith(ln) else ""
        return f'<span class="run {cls}"{title} style="{_style(st)}">{_esc(ln)}</span>'

    # SVG shapes (canvas px; the element's SVG maps its box to CSS px)
    def paint_attr(self, fill, stroke=None, sw=0.0, opacity=1.0) -> str:
        parts = [f"fill: {self.col(fill)}" if fill else "fill: none"]
        if stroke and sw:
            parts.append(f"stroke: {self.col(stroke)}; stroke-width: {_n(sw)}")
        if opacity < 1:
            parts.append(f"opacity: {opacity:g}")
        return f' style="{"; ".join(parts)}"'

    def svg_rect(self, op) -> str:
        _, x, y, w, h, fill, radius, stroke, sw, opacity, inset = op
        out = ""
        if stroke and sw and inset:
            if fill:
                out += self._rect(x, y, w, h, radius, self.paint_attr(fill, None, 0, opacity))
                fill = None
            hw = sw / 2
            x, y, w, h, radius = x + hw, y + hw, w - sw, h - sw, max(0, radius - hw)
        return out + self._rect(x, y, w, h, radius, self.paint_attr(fill, stroke, sw, opacity))

    @staticmethod
    def _rect(x, y, w, h, r, paint) -> str:
        r = max(0.0, min(r, w / 2, h / 2))
        rr = f' rx="{_n(r)}"' if r > 0 else ""
        return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"{rr}{paint}/>'

    def svg_circle(self, op) -> str:
        _, cx, cy, r, fill, stroke, sw = op
        return f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}"{self.paint_attr(fill, stroke, sw)}/>'

    def svg_line(self, op) -> str:
        _, x1, y1, x2, y2, color, width, cap, dash = op
        extra = f" stroke-linecap: {cap};" if cap != "butt" else ""
        if dash:
            extra += f" stroke-dasharray: {_n(dash[0])} {_n(dash[1])};"
        return (f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
                f'style="stroke: {self.col(color)}; stroke-width: {_n(width)};{extra}"/>')

    def svg_poly(self, op) -> str:
        _, pts, color, width, fill, closed, opacity = op
        d = "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in pts) + (" Z" if closed else "")
        parts = [f"fill: {self.col(fill)}" if fill else "fill: none"]
        if color and width:
            parts.append(f"stroke: {self.col(color)}; stroke-width: {_n(width)}; stroke-linejoin: round; "
                         "stroke-linecap: round")
        if opacity < 1:
            parts.append(f"opacity: {opacity:g}")
        return f'<path d="{d}" style="{"; ".join(parts)}"/>'

    def svg_arc(self, op) -> str:
        _, cx, cy, r, a0, a1, color, width = op
        x0, y0 = cx + r * math.cos(a0), cy + r * math.sin(a0)
        x1, y1 = cx + r * math.cos(a1), cy + r * math.sin(a1)
        large = 1 if (a1 - a0) % (2 * math.pi) > math.pi else 0
        return (f'<path d="M{_n(x0)} {_n(y0)} A{_n(r)} {_n(r)} 0 {large} 1 {_n(x1)} {_n(y1)}" '
                f'style="fill: none; stroke: {self.col(color)}; stroke-width: {_n(width)}"/>')

    def svg_shadow(self, op) -> str:
        _, x, y, w, h, radius, color, alpha, dy, blur, spread = op
        parts = []
        for i in range(6):
            grow = spread + blur * (i + 1) / 12
            parts.append(self._rect(x - grow, y + dy - grow, w + 2 * grow, h + 2 * grow, radius + grow,
                                    f' style="fill: {self.col(color)}; opacity: {alpha / 6:.4f}"'))
        return '<g class="shadow">' + "".join(parts) + "</g>"

    def svg_asset(self, op) -> str:
        path, x, y, w, h, color, align = op[1:8]
        inner, (vx, vy, vw, vh) = svg_inner(path)
        k = min(w / vw, h / vh)
        dw, dh = vw * k, vh * k
        ox, oy = (x if align == "left" else x + (w - dw) / 2), y + (h - dh) / 2
        prefix = self.dom_id("svg") + "-"
        import re

        inner = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', inner)
        inner = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", inner)
        inner = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', inner)
        colour = f' style="color: {self.col(color)}"' if color else ""
        return (f'<svg x="{_n(ox)}" y="{_n(oy)}" width="{_n(dw)}" height="{_n(dh)}" '
                f'viewBox="{_n(vx)} {_n(vy)} {_n(vw)} {_n(vh)}"{colour}>{inner}</svg>')

    # -- form controls and tables: real elements -----------------------------------------------
    def text_line(self, text: str, style: str, w_canvas: float) -> str:
        st = self.th.style(style)
        font = self.th.font(st, text)
        lines = wrap(font, text, self.r.px(st.size), w_canvas, 1, self.r.px(st.letter_spacing))
        return lines[0] if lines else ""

    def _field(self, el: Element, box, bg, st, kind: str, trailing: str | None = None,
               leading: str | None = None, top: float = 0.0) -> tuple[str, str]:
        r = self.r
        did = self.dom_id(el.id + "-control")
        label = el.props.get("label")
        parts: list[str] = []
        fy = top
        if label:
            rec = _Recorder(self.scene.width, self.scene.height)
            r.text(rec, label, el.box[0], el.box[1], el.box[2], "label", "text", bg)
            parts += [self.run(op, el.box).replace('<span class="run', f'<label for="{did}" class="run', 1)
                      .replace("</span>", "</label>") for op in rec.ops]
            fy = top + 28
        fill = self.th.color("surface")
        err = bool(el.props.get("error"))
        focused = bool(el.props.get("focused"))
        stroke = self.th.color("danger" if err else ("focus" if focused else "border"))
        sw = 2 if err or focused else 1
        pad_l = 14 + (28 if leading else 0)
        pad_r = 14 + (28 if trailing else 0)
        val = el.props.get("value")
        text_w = r.px(box[2] - pad_l - pad_r)
        st_body = self.th.style("body")
        large = st_body.size >= 18.66 or (st_body.size >= 14 and st_body.weight >= 700)
        if val:
            colour = self.th.text_on("text", fill, large=large)
        ph = el.props.get("placeholder", "")
        ph_col = self.th.text_on("text-muted", fill, large=large)
        lines = max(1, int(el.props.get("lines", 1) or 1))  # a text area: 24 px a line more
        fh = 44 + 24 * (lines - 1)
        css = {"left": "0", "top": px(fy), "width": px(box[2]), "height": f"{fh}px", "background": self.col(fill),
               "border-radius": self.tokens.radius(self.th.radius("md")),
               "box-shadow": f"inset 0 0 0 {sw}px {self.col(stroke)}",
               "padding": f"0 {px(pad_r)} 0 {px(pad_l)}", "color": self.col(colour) if val else self.col(ph_col),
               "--ph": self.col(ph_col)}
        cls = f"ctl {self.tokens.type_class('body')}"
        name = _esc(label or ph or el.kind)
        aria = "" if label else f' aria-label="{name}"'
        help_id = did + "-help" if (el.props.get("helper") or el.props.get("error")) else ""
        if help_id:
            aria += f' aria-describedby="{help_id}"'
        if kind == "select":
            shown = self.text_line(str(val or ph), "body", text_w)
            parts.append(f'<select id="{did}" class="{cls}"{aria} style="{_style(css)}">'
                         f'<option selected>{_esc(shown)}</option></select>')
        else:
            typ = "search" if kind == "search" else ("password" if set(str(val or "")) == {"•"} else "text")
            shown = self.text_line(str(val), "body", text_w) if val else ""
            vattr = f' value="{_esc(shown)}"' if val else ""
            phattr = f' placeholder="{_esc(self.text_line(ph, "body", text_w))}"' if ph else ""
            if typ == "password":
                typ, vattr = "text", vattr  # the mock shows the dots as drawn
            if lines > 1:
                css["padding"] = f"11px {px(pad_r)} 0 {px(pad_l)}"
                css["resize"] = "none"
                parts.append(f'<textarea id="{did}" class="{cls}" rows="{lines}"{phattr}{aria} '
                             f'style="{_style(css)}">{_esc(shown)}</textarea>')
            else:
                parts.append(f'<input id="{did}" type="{typ}" class="{cls}"{vattr}{phattr}{aria} '
                             f'style="{_style(css)}">')
        icol = self.th.text_on("text-muted", fill, large=True)
        for name_, ix in ((leading, 14), (trailing, box[2] - 14 - 18)):
            if name_:
                parts.append(self.icon_html(name_, ix, fy + 13, 18, icol))
        helper = el.props.get("helper") or el.props.get("error")
        if helper:
            rec = _Recorder(self.scene.width, self.scene.height)
            r.text(rec, helper, el.box[0], el.box[1] + r.px(fy + fh + 6), el.box[2], "caption",
                   "danger" if err else "text-muted", bg)
            parts += [self.run(op, el.box).replace("<span ", f'<span id="{help_id}" ', 1) for op in rec.ops]
        return "".join(parts), bg

    def icon_html(self, name: str, x: float, y: float, size: float, colour) -> str:
        path = self.r.icons.get(name)
        if path is None:
            fb = FALLBACK_ICONS / f"{name}.svg"
            path = str(fb) if fb.exists() else str(FALLBACK_ICONS / "dot.svg")
        inner, (vx, vy, vw, vh) = svg_inner(path)
        return (f'<svg class="abs" aria-hidden="true" focusable="false" viewBox="{_n(vx)} {_n(vy)} {_n(vw)} {_n(vh)}" '
                f'style="left: {px(x)}; top: {px(y)}; width: {px(size)}; height: {px(size)}; color: {self.col(colour)}; '
                f'pointer-events: none">{inner}</svg>')

    def w_input(self, el, box, bg, st):
        return self._field(el, box, bg, st, "input")

    def w_select(self, el, box, bg, st):
        return self._field(el, box, bg, st, "select", trailing="chevron-down")

    def w_search(self, el, box, bg, st):
        el2 = el.model_copy(update={"props": {**el.props, "label": None}})
        return self._field(el2, box, bg, st, "search", leading="search", top=(box[3] - 44) / 2)

    def _check(self, el, box, bg, kind: str) -> tuple[str, str]:
        r = self.r
        did = self.dom_id(el.id + "-control")
        on = bool(el.props.get("on" if kind == "toggle" else "checked", False))
        x_after = {"checkbox": 30, "radio": 30, "toggle": 52}[kind]
        parts = []
        if kind == "checkbox":
            sz = 20
            y = (box[3] - sz) / 2
            if on:
                fill = self.th.color("primary")
                css = {"background": self.col(fill), "border-radius": "4px"}
                mark = self.th.text_on("on-primary", fill, large=True)
            else:
                css = {"background": self.col(self.th.color("surface")), "border-radius": "4px",
                       "box-shadow": f"inset 0 0 0 1.5px {self.col(self.th.text_on('text-muted', bg, large=True))}"}
            css.update({"left": "0", "top": px(y), "width": "20px", "height": "20px"})
            parts.append(f'<input id="{did}" type="checkbox" class="ctl"{" checked" if on else ""} style="{_style(css)}">')
            if on:
                pts = [(0.25, 0.52), (0.43, 0.7), (0.76, 0.32)]
                d = "M" + " L".join(f"{_n(px_ * sz)} {_n(py * sz + y)}" for px_, py in pts)
                parts.append(f'<svg class="paint" aria-hidden="true" focusable="false" width="{_n(box[2])}" '
                             f'height="{_n(box[3])}"><path d="{d}" style="fill: none; stroke: {self.col(mark)}; '
                             f'stroke-width: 2.2; stroke-linejoin: round; stroke-linecap: round"/></svg>')
        elif kind == "radio":
            col = self.th.color("primary") if on else self.th.text_on("text-muted", bg, large=True)
            css = {"left": "0", "top": px(box[3] / 2 - 10), "width": "20px", "height": "20px", "border-radius": "50%",
                   "background": self.col(self.th.color("surface")), "box-shadow": f"inset 0 0 0 1.5px {self.col(col)}"}
            parts.append(f'<input id="{did}" type="radio" class="ctl"{" checked" if on else ""} style="{_style(css)}">')
            if on:
                parts.append(f'<svg class="paint" aria-hidden="true" focusable="false" width="{_n(box[2])}" '
                             f'height="{_n(box[3])}"><circle cx="10" cy="{_n(box[3] / 2)}" r="5" '
                             f'style="fill: {self.col(col)}"/></svg>')
        else:
            track = self.th.color("primary") if on else self.th.color("border")
            if not on and track == bg:
                track = self.th.color("text-muted")
            ty = (box[3] - 22) / 2
            css = {"left": "0", "top": px(ty), "width": "40px", "height": "22px", "border-radius": "11px",
                   "background": self.col(track)}
            parts.append(f'<input id="{did}" type="checkbox" role="switch" class="ctl"{" checked" if on else ""} '
                         f'style="{_style(css)}">')
            kx = 40 - 11 if on else 11
            parts.append(f'<svg class="paint" aria-hidden="true" focusable="false" width="{_n(box[2])}" '
                         f'height="{_n(box[3])}"><circle cx="{_n(kx)}" cy="{_n(ty + 11)}" r="8" '
                         f'style="fill: {self.col(self.th.color("surface"))}"/></svg>')
        rec = _Recorder(self.scene.width, self.scene.height)
        x, y, w, h = el.box
        r.text_mid(rec, el.text, x + r.px(x_after), y + h / 2, w - r.px(x_after), "body", "text", bg)
        parts += [self.run(op, el.box) for op in rec.ops]
        if not el.text:
            parts[0] = parts[0].replace("<input ", f'<input aria-label="{kind}" ', 1)
        return "".join(parts), bg

    def w_checkbox(self, el, box, bg, st):
        return self._check(el, box, bg, "checkbox")

    def w_radio(self, el, box, bg, st):
        return self._check(el, box, bg, "radio")

    def w_toggle(self, el, box, bg, st):
        return self._check(el, box, bg, "toggle")

    def w_table(self, el: Element, box, bg, st) -> tuple[str, str]:
        """A real table: the renderer's columns, header band, row height and dividers."""
        r = self.r
        cols: list[str] = el.props.get("columns", [])
        rows: list[list[str]] = el.props.get("rows", [])
        align: list[str] = el.props.get("align", ["left"] * len(cols))
        widths: list[float] = el.props.get("widths") or [1.0] * len(cols)
        status_col = el.props.get("status_column", -1)
        if not cols:
            return "", bg
        tot = sum(widths) or 1.0
        pad = el.props.get("inset", 24)
        usable = box[2] - 2 * pad
        cw = [usable * wd / tot for wd in widths]
        head_h, row_h = 44, el.props.get("row_height", 52)
        muted = self.th.color("surface-muted")
        div = self.th.color("divider")
        colw = [c + (pad if i == 0 else 0) + (pad if i == len(cw) - 1 else 0) for i, c in enumerate(cw)]
        out = ['<table class="grid">', "<colgroup>"]
        out += [f'<col style="width: {px(w)}">' for w in colw]
        out.append("</colgroup><thead>")
        out.append(f'<tr style="height: {px(head_h)}; background: {self.col(muted)}">')
        for i, (c, a) in enumerate(zip(cols, align)):
            text = self.text_line(c.upper(), "caption", r.px(cw[i] - 16))
            colour = self.th.text_on("text-muted", muted, large=False)
            out.append(f'<th scope="col" class="{self.tokens.type_class("caption")}" style="{self.cell_pad(i, len(cols), pad)}; '
                       f'text-align: {a}; color: {self.col(colour)}">{_esc(text)}</th>')
        out.append("</tr></thead><tbody>")
        nrows = 0
        picked = el.props.get("selected", -1)
        table_bg = bg
        for r_i, row in enumerate(rows):
            if head_h + (nrows + 1) * row_h > box[3] + 0.5 / self.s:
                break
            nrows += 1
            bg = self.th.color("secondary") if r_i == picked else table_bg  # the row a side panel acts on
            fill_css = f"; background: {self.col(bg)}" if r_i == picked else ""
            sel_attr = ' aria-selected="true"' if r_i == picked else ""
            out.append(f'<tr style="height: {px(row_h)}{fill_css}"{sel_attr}>')
            for c_i, cell in enumerate(row[:len(cols)]):
                a = align[c_i] if c_i < len(align) else "left"
                pstyle = self.cell_pad(c_i, len(cols), pad) + f"; box-shadow: inset 0 1px 0 {self.col(div)}"
                if c_i == status_col:
                    out.append(f'<td style="{pstyle}"><div class="cell">{self.badge_html(cell, status_role(cell), bg)}'
                               "</div></td>")
                elif c_i == 0 and el.props.get("avatar_first"):
                    txt = self.text_line(cell, "body-strong", r.px(cw[c_i] - 32 - 28))
                    colour = self.th.text_on("text", bg, large=False)
                    out.append(f'<td style="{pstyle}"><div class="cell" style="gap: 12px">'
                               f'{self.avatar_html(cell, 16, r_i)}<span class="{self.tokens.type_class("body-strong")}" '
                               f'style="color: {self.col(colour)}">{_esc(txt)}</span></div></td>')
                else:
                    style = "small" if c_i else "body-strong"
                    role = "text" if c_i == 0 else "text-muted"
                    stl = self.th.style(style)
                    large = stl.size >= 18.66 or (stl.size >= 14 and stl.weight >= 700)
                    colour = self.th.text_on(role, bg, large=large)
                    txt = self.text_line(cell, style, r.px(cw[c_i] - 16))
                    out.append(f'<td class="{self.tokens.type_class(style)}" style="{pstyle}; text-align: {a}; '
                               f'color: {self.col(colour)}">{_esc(txt)}</td>')
            out.append("</tr>")
        out.append("</tbody></table>")
        return "".join(out), table_bg

    @staticmethod
    def cell_pad(i: int, n: int, pad: float) -> str:
        left = pad if i == 0 else 0
        right = 16 + (pad if i == n - 1 else 0)
        return f"padding: 0 {px(right)} 0 {px(left)}"

    def badge_html(self, text: str, role: str, bg) -> str:
        r = self.r
        tw = r.measure(text, "caption") / self.s
        fill = self.th.color(role)
        st = self.th.style("caption")
        large = st.size >= 18.66 or (st.size >= 14 and st.weight >= 700)
        colour = self.th.text_on(f"on-{role}", fill, large=large)
        return (f'<span class="badge {self.tokens.type_class("caption")}" style="width: {px(tw + 20)}; height: 24px; '
                f'border-radius: 12px; background: {self.col(fill)}; color: {self.col(colour)}; white-space: pre">'
                f"{_esc(text)}</span>")

    def avatar_html(self, name: str, radius: float, i: int = 0) -> str:
        roles = ["primary", "accent", "info", "success", "secondary"]
        role = roles[(sum(map(ord, name)) + i) % len(roles)]
        fill = self.th.color(role)
        initials = "".join(p[0] for p in name.split()[:2]).upper()
        style = "caption" if radius < 20 else "label"
        stl = self.th.style(style)
        large = stl.size >= 18.66 or (stl.size >= 14 and stl.weight >= 700)
        colour = self.th.text_on(f"on-{role}", fill, large=large)
        return (f'<span class="avatar {self.tokens.type_class(style)}" aria-hidden="true" style="width: {px(2 * radius)}; '
                f'height: {px(2 * radius)}; border-radius: 50%; background: {self.col(fill)}; color: {self.col(colour)}">'
                f"{_esc(initials)}</span>")


def _listed(items) -> set[str]:
    out: set[str] = set()
    for it in items or []:
        if isinstance(it, str):
            out.add(it)
        elif isinstance(it, dict):
            out |= _listed(it.get("items"))
    return out


def _flex_items(box, pad, gap: float, row: bool, justify: str, align: str, boxes, sizing) -> list[dict]:
    """CSS for each flex item so that the browser's flexbox puts it on its box.

    Each item's basis is its laid-out main size (fills grow from it, hugs may shrink to it,
    fixed sizes do neither); with those bases, plain flexbox already lands every item on its
    box unless snapping to the spacing grid moved one. Then each item gets a margin on the main
    axis for the difference and the last one a trailing margin that takes up the free space,
    so the justification leaves them where they are; on the cross axis an item whose box is
    not its stretched or aligned place gets its size and a margin."""
    t, r, b, l = pad
    x, y, w, h = box
    if row:
        m0, mspan, c0, cspan = x + l, w - l - r, y + t, h - t - b
    else:
        m0, mspan, c0, cspan = y + t, h - t - b, x + l, w - l - r
    n = len(boxes)
    if not n:
        return []
    mpos = [bx[0] if row else bx[1] for bx in boxes]
    msz = [bx[2] if row else bx[3] for bx in boxes]
    cpos = [bx[1] if row else bx[0] for bx in boxes]
    csz = [bx[3] if row else bx[2] for bx in boxes]
    axis, cross_axis = ("width", "height") if row else ("height", "width")
    grows = [float(s.get(f"{axis}_grow", 1.0)) if s.get(axis) == "fill" else 0.0 for s in sizing]
    shrinks = [0.0 if s.get(axis) == "fixed" else 1.0 for s in sizing]
    free = mspan - sum(msz) - gap * (n - 1)
    # where plain flexbox puts them
    exact = abs(free) < 0.02 or (free > 0 and not any(grows))
    if exact:
        lead, extra = 0.0, 0.0
        if free > 0:
            if justify == "center":
                lead = free / 2
            elif justify == "end":
                lead = free
            elif justify == "space-between" and n > 1:
                extra = free / (n - 1)
        pos, at = [], m0 + lead
        for s in msz:
            pos.append(at)
            at += s + gap + extra
        exact = all(abs(p - q) < 0.02 for p, q in zip(pos, mpos))
    out = []
    for i in range(n):
        css: dict[str, str] = {"flex": f"{grows[i]:g} {shrinks[i]:g} {px(msz[i])}"}
        if not exact:
            prev_end = m0 if i == 0 else mpos[i - 1] + msz[i - 1] + gap
            d = mpos[i] - prev_end
            if abs(d) >= 0.005:
                css["margin-left" if row else "margin-top"] = px(d)
            if i == n - 1:
                tail = (m0 + mspan) - (mpos[i] + msz[i])
                if abs(tail) >= 0.005:
                    css["margin-right" if row else "margin-bottom"] = px(tail)
        a = sizing[i].get("align_self") or align
        off = cpos[i] - c0
        if a == "stretch" and abs(off) < 0.02 and abs(csz[i] - cspan) < 0.02:
            pass
        else:
            css[cross_axis] = px(csz[i])
            want = {"center": (cspan - csz[i]) / 2, "end": cspan - csz[i]}.get(a, 0.0)
            dd = off - want
            if abs(dd) >= 0.005:
                if a == "center":
                    css["margin-top" if row else "margin-left"] = px(2 * dd)
                elif a == "end":
                    css["margin-bottom" if row else "margin-right"] = px(-dd)
                else:
                    css["margin-top" if row else "margin-left"] = px(dd)
        if sizing[i].get("align_self"):
            css["align-self"] = {"start": "flex-start", "end": "flex-end"}.get(sizing[i]["align_self"],
                                                                              sizing[i]["align_self"])
        out.append(css)
    return out


def save_html(generation, path) -> dict[str, str]:
    """Write `generation` as an HTML page at `path`, with its image (in the generation's format)
    and ``.scene.json`` beside it; returns their paths (``html``, ``image``, ``scene``)."""
    import json
    from pathlib import Path

    path = Path(path)
    page = generation.html()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    fmt = generation.format
    image = path.with_suffix(".jpg" if fmt in ("jpeg", "jpg") else f".{fmt}")
    image.write_bytes(generation.encode())
    scene = path.with_suffix(".scene.json")
    scene.write_text(json.dumps(generation.scene.model_dump(), indent=1))
    return {"html": str(path), "image": str(image), "scene": str(scene)}
