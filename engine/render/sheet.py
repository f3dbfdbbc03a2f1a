"""The token sheet: a specimen page of a design system, the first thing to check after ingest.

`render_token_sheet(ds)` lays the system out as a designer's specimen page (header with logo
and counts, colour roles with WCAG contrast, the full palette grouped by token path, the type
scale at true size in its own fonts, the resolved font faces and where they came from,
spacing, radii, shadows, icons, and every warning) and draws it with the same `Canvas` and
`Font` as the mock renderer, so the PNG and the SVG come from one vector source.

Layout happens in design pixels on a page `PAGE_WIDTH` wide; drawing multiplies by one scale
factor so the page fills the requested canvas width. The height follows the content unless a
fixed height is asked for, in which case the page is scaled down to fit and centred across.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from engine.render.canvas import Canvas
from engine.render.text import ELLIPSIS, Font, ellipsize, font_covering, font_problem, load_font, wrap
from ingest.colour import composite, contrast_ratio, parse_hex
from ingest.fonts import restore_font_file
from ingest.model import CORE_ROLES, DesignSystem, TypeStyle

PAGE_WIDTH = 1200  # design px; a 2400 px canvas draws the page at 2x
MARGIN = 56
CONTENT = PAGE_WIDTH - 2 * MARGIN
SECTION_GAP = 64
MAX_CANVAS_SIDE = 32000  # cairo image surfaces stop at 32767 px
MAX_PALETTE_CHIPS = 480
MAX_ICONS = 200
SPECIMEN_LARGE = "Design that ships on brand"
SPECIMEN = "The quick brown fox jumps over the lazy dog 0123456789"

# Neutral chrome: the sheet frames the system's values without competing with them.
PAGE = "#ffffff"
PANEL = "#f3f4f6"
RULE = "#e2e5e9"
INK = "#16191d"
MUTED = "#5b636d"
FAINT = "#858d97"
WHITE = "#ffffff"
GOOD = "#1b6b3a"
BAD = "#b3261e"
WARN_BG = "#fff4e0"
WARN_INK = "#7a4a00"
WARN_DOT = "#d08a00"
ORIGIN_COLORS = {"folder": "#1b6b3a", "package": "#1f57b5", "system": "#5b636d", "fallback": "#a35a00"}

_STEP_NAMES = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "h4": "Heading 4", "h5": "Heading 5",
               "h6": "Heading 6"}
_WEIGHT_NAMES = {100: "Thin", 200: "ExtraLight", 300: "Light", 400: "Regular", 500: "Medium", 600: "SemiBold",
                 700: "Bold", 800: "ExtraBold", 900: "Black"}


@dataclass
class Sheet:
    """A rendered token sheet: the raster, its SVG source and where each item was placed.

    `boxes` maps keys such as ``"role:primary"`` (the swatch), ``"color:<token name>"``,
    ``"type:<step>"``, ``"font:<family>:<weight>"``, ``"space:<name>"``, ``"radius:<name>"``,
    ``"shadow:<name>"``, ``"icon:<name>"``, ``"logo"`` and ``"section:<title>"`` to
    ``(x, y, w, h)`` in canvas pixels. Text cells (``"role:primary:token"``,
    ``"color:<token name>:label"``) are the boxes the text must stay in; `labels` holds the
    string drawn there (ellipsized when needed) and `text_boxes` its drawn extent.
    """

    svg: str
    size: tuple[int, int]
    scale: float
    boxes: dict[str, tuple[float, float, float, float]]
    labels: dict[str, str] = field(default_factory=dict)
    text_boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    _canvas: Canvas | None = field(default=None, repr=False)

    def image(self):
        """The sheet as a PIL RGB image."""
        return self._canvas.image()

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.image().save(buf, "PNG", compress_level=1)
        return buf.getvalue()

    def save(self, path: str | Path) -> dict[str, str]:
        """Write the PNG and the SVG beside it (same stem); returns both paths."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.png())
        svg_path = path.with_suffix(".svg")
        svg_path.write_text(self.svg)
        return {"png": str(path), "svg": str(svg_path)}


def render_token_sheet(ds: DesignSystem, width: int = 2400, height: int | None = None) -> Sheet:
    """Lay out and draw the token sheet of `ds` on a canvas `width` px wide.

    The height fits the content unless `height` is given; then the page is scaled to fit both
    sides of a `width` x `height` canvas, top-aligned and centred across.
    """
    if width < 64 or (height is not None and height < 64):
        raise ValueError(f"sheet size {width}x{height} is too small (at least 64 px a side)")
    page = _Page(ds)
    content_h = page.build()
    scale = width / PAGE_WIDTH
    if height is not None:
        scale = min(scale, height / content_h)
    elif content_h * scale > MAX_CANVAS_SIDE:
        scale = MAX_CANVAS_SIDE / content_h
    canvas_h = height if height is not None else max(64, round(content_h * scale))
    ox = (width - PAGE_WIDTH * scale) / 2
    oy = 0.0  # a page reads from the top; spare height stays below it
    cv = Canvas(width, canvas_h, PAGE)
    painter = _Painter(cv, scale, ox, oy)
    for op in page.ops:
        op(painter)

    def tr(b):
        return (ox + b[0] * scale, oy + b[1] * scale, b[2] * scale, b[3] * scale)

    return Sheet(svg=cv.svg(), size=(width, canvas_h), scale=scale,
                 boxes={k: tr(b) for k, b in page.boxes.items()}, labels=dict(page.labels),
                 text_boxes={k: tr(b) for k, b in page.text_boxes.items()}, _canvas=cv)


# -- drawing in design px --------------------------------------------------------------------


class _Painter:
    """Draws design-px geometry on a canvas through one scale and offset."""

    def __init__(self, cv: Canvas, s: float, ox: float, oy: float):
        self.cv, self.s, self.ox, self.oy = cv, s, ox, oy

    def box(self, x, y, w, h):
        return self.ox + x * self.s, self.oy + y * self.s, w * self.s, h * self.s

    def rect(self, x, y, w, h, fill=None, radius=0.0, stroke=None, stroke_width=0.0, opacity=1.0):
        bx, by, bw, bh = self.box(x, y, w, h)
        self.cv.rect(bx, by, bw, bh, fill=fill, radius=radius * self.s, stroke=stroke,
                     stroke_width=stroke_width * self.s, opacity=opacity)

    def circle(self, cx, cy, r, fill):
        self.cv.circle(self.ox + cx * self.s, self.oy + cy * self.s, r * self.s, fill=fill)

    def text(self, text, font: Font, size, x, top, lh, color, ls=0.0):
        s = self.s
        run = font.shape(text, size * s, ls * s)
        asc, desc = font.ascender * size * s, font.descender * size * s
        baseline = self.oy + top * s + (lh * s - (asc + desc)) / 2 + asc
        self.cv.glyphs(run, font, size * s, self.ox + x * s, baseline, color)

    def shadow(self, x, y, w, h, radius, color, alpha, dy, blur, spread):
        bx, by, bw, bh = self.box(x, y, w, h)
        self.cv.shadow(bx, by, bw, bh, radius * self.s, color, alpha, dy * self.s, blur * self.s, spread * self.s)

    def svg(self, path, x, y, w, h, color=None):
        bx, by, bw, bh = self.box(x, y, w, h)
        self.cv.svg_asset(path, bx, by, bw, bh, color=color)


# -- colour helpers --------------------------------------------------------------------------


def _rgb(hex_: str) -> tuple[int, int, int]:
    return parse_hex(hex_)[0]


def wcag_level(ratio: float) -> str:
    """The WCAG 2.x level a text/background pair reaches: AAA, AA, AA large or fail."""
    if ratio >= 7:
        return "AAA"
    if ratio >= 4.5:
        return "AA"
    if ratio >= 3:
        return "AA large"
    return "fail"


def _ink_on(bg: str) -> str:
    """The chrome text colour (near-black or white) that reads best on `bg`."""
    return WHITE if contrast_ratio(WHITE, bg) >= contrast_ratio(INK, bg) else INK


def _seen_on_page(hex_: str, alpha: float = 1.0) -> str:
    if alpha >= 0.999:
        return hex_
    return "#{:02x}{:02x}{:02x}".format(*composite(_rgb(hex_), alpha, _rgb(PAGE)))


def pretty_step(name: str) -> str:
    """A type-step name as designers write it: ``h1`` → ``Heading 1``, ``body-strong`` → ``Body strong``."""
    low = name.lower()
    if low in _STEP_NAMES:
        return _STEP_NAMES[low]
    words = name.replace("_", " ").replace("-", " ").replace(".", " ").split()
    return " ".join(words).capitalize() if words else name


def _px(v: float) -> str:
    return f"{v:g}"


# -- layout ----------------------------------------------------------------------------------


class _Page:
    """Lays the sheet out top to bottom in design px, recording draw operations and boxes."""

    def __init__(self, ds: DesignSystem):
        self.ds = ds
        self.ops: list = []
        self.boxes: dict[str, tuple[float, float, float, float]] = {}
        self.labels: dict[str, str] = {}
        self.text_boxes: dict[str, tuple[float, float, float, float]] = {}
        self._fonts: dict[tuple[str, int], Font] = {}
        body = next((t for t in ds.type_scale if t.name == "body"), ds.type_scale[0] if ds.type_scale else None)
        self.chrome_family = body.family if body else (ds.fonts[0].family if ds.fonts else "")
        roles = ds.role_map()
        self.accent = roles.get("primary") or roles.get("accent") or INK
        if contrast_ratio(self.accent, PAGE) < 1.6:  # a bar nobody could see on the page
            self.accent = roles.get("text") if contrast_ratio(roles.get("text", INK), PAGE) >= 3 else INK

    # -- fonts and text ------------------------------------------------------------------
    def font(self, weight: int = 400, family: str | None = None) -> Font:
        family = self.chrome_family if family is None else family
        key = (family, weight)
        hit = self._fonts.get(key)
        if hit is None:
            faces = [f for f in self.ds.fonts if f.family == family] or list(self.ds.fonts)
            # web fonts whose decompressed copy was wiped are decompressed again; damaged faces are left out
            paths = {f.path: restore_font_file(f.path, self.ds.root) for f in faces}
            faces = [f for f in faces if paths[f.path] and font_problem(paths[f.path]) is None]
            if faces:
                path = paths[min(faces, key=lambda f: (abs(f.weight - weight), f.weight)).path]
            else:
                from ingest.fonts import resolve_family

                path = resolve_family("Manrope", {weight}, [])[0][0].path
            hit = self._fonts[key] = load_font(path)
        return hit

    def text(self, text: str, x: float, top: float, w: float, size: float, lh: float, color: str,
             weight: int = 400, font: Font | None = None, align: str = "left", ls: float = 0.0,
             key: str | None = None, path: bool = False) -> float:
        """One line of text in a `w`-wide cell, ellipsized to fit; returns the drawn width.

        `path` marks a dotted token path, which loses characters in the middle so that its
        last segment stays readable."""
        f = font or self.font(weight)
        if w <= 0 or not text:
            return 0.0
        if f.missing(text):  # e.g. a system name in a script the system's fonts lack
            found = font_covering("".join(dict.fromkeys(c for c in text if not c.isspace())), weight,
                                  tuple(p for p in (restore_font_file(x.path, self.ds.root) for x in self.ds.fonts) if p))
            f = load_font(found[0]) if found else f
        line = ellipsize_path(f, text, size, w) if path else ellipsize(f, text, size, w, ls)
        tw = f.measure(line, size, ls)
        lx = x + (w - tw) if align == "right" else x + (w - tw) / 2 if align == "center" else x
        if line:
            self.ops.append(lambda p, t=line, lx=lx: p.text(t, f, size, lx, top, lh, color, ls))
        if key:
            self.boxes[key] = (x, top, w, lh)
            self.labels[key] = line
            self.text_boxes[key] = (lx, top, tw, lh)
        return tw

    def para(self, text: str, x: float, top: float, w: float, size: float, lh: float, color: str,
             weight: int = 400, max_lines: int = 3) -> float:
        """Wrapped text; returns the height used."""
        f = self.font(weight)
        lines = wrap(f, text, size, w, max_lines)
        for i, ln in enumerate(lines):
            self.ops.append(lambda p, t=ln, i=i: p.text(t, f, size, x, top + i * lh, lh, color))
        return len(lines) * lh

    def measure(self, text: str, size: float, weight: int = 400) -> float:
        return self.font(weight).measure(text, size)

    def rect(self, x, y, w, h, **kw) -> None:
        self.ops.append(lambda p: p.rect(x, y, w, h, **kw))

    # -- the page --------------------------------------------------------------------------
    def build(self) -> float:
        y = self.header()
        for section in (self.roles, self.palette, self.type_scale, self.fonts, self.spacing, self.radii,
                        self.shadows, self.icons, self.warnings):
            y = section(y + SECTION_GAP)
        y += MARGIN
        self.text(f"onbrand token sheet · {self.ds.name}", MARGIN, y - 32, CONTENT, 11, 16, FAINT)
        return y

    def section_title(self, y: float, title: str, note: str = "") -> float:
        self.boxes[f"section:{title}"] = (MARGIN, y, CONTENT, 0)
        tw = self.text(title, MARGIN, y, CONTENT, 20, 28, INK, weight=700)
        if note:
            self.text(note, MARGIN + tw + 12, y + 6, CONTENT - tw - 12, 13, 20, FAINT)
        self.rect(MARGIN, y + 40, CONTENT, 1, fill=RULE)
        return y + 40 + 24

    def empty(self, y: float, message: str) -> float:
        self.text(message, MARGIN, y, CONTENT, 14, 20, FAINT)
        return y + 20

    def header(self) -> float:
        ds = self.ds
        band_h = 176
        self.rect(0, 0, PAGE_WIDTH, band_h, fill=PANEL)
        self.rect(0, band_h - 1, PAGE_WIDTH, 1, fill=RULE)
        y = 48
        x = MARGIN
        if ds.logo is not None and Path(ds.logo.path).is_file():
            path = ds.logo.path
            # the tile follows the logo's shape: square marks stay square, wordmarks get width
            lw = min(max(56.0, 40 * _svg_aspect(path)), 240.0)
            tw = lw + 24
            self.boxes["logo"] = (x, y, tw, 80)
            self.rect(x, y, tw, 80, fill=WHITE, radius=16, stroke=RULE, stroke_width=1)
            self.ops.append(lambda p, lx=x: _safe_svg(p, path, lx + 12, y + 12, lw, 56))
            x += tw + 24
        stats = [(ds.token_count, "tokens"), (len(ds.colors), "colours"), (len({f.family for f in ds.fonts}), "fonts"),
                 (len(ds.files), "files"), (len(ds.failed), "failed")]
        stat_w = 88
        sx = PAGE_WIDTH - MARGIN - stat_w * len(stats)
        for i, (n, label) in enumerate(stats):
            col = BAD if label == "failed" and n else INK
            cx = sx + i * stat_w
            self.text(f"{n:,}", cx, y + 14, stat_w, 24, 32, col, weight=700, align="right")
            self.text(label, cx, y + 48, stat_w, 12, 16, MUTED, align="right")
        name_w = sx - 32 - x
        self.text(ds.name, x, y + 4, name_w, 36, 44, INK, weight=700, key="name")
        self.text("Token sheet", x, y + 52, name_w, 14, 20, MUTED, weight=600)
        self.text(ds.root, x, y + 72, name_w, 12, 18, FAINT)
        return band_h

    # -- colour ----------------------------------------------------------------------------
    def roles(self, y: float) -> float:
        ds = self.ds
        order = {r: i for i, r in enumerate(CORE_ROLES)}
        roles = sorted(ds.roles, key=lambda r: (order.get(r.role, len(order)), r.role))
        present = {r.role for r in roles}
        missing = [r for r in CORE_ROLES if r not in present]
        note = _count(len(roles), "role")
        if missing:
            note += f" · {len(CORE_ROLES) - len(missing)} of {len(CORE_ROLES)} core"
        y = self.section_title(y, "Colour roles", note)
        if not roles:
            return self.empty(y, "No colour roles: the system defines no colours onbrand could use.")
        cmap = ds.role_map()
        bg = cmap.get("background", PAGE)
        cols, gap = 6, 16
        cw = (CONTENT - gap * (cols - 1)) / cols
        sh, row_h = 96, 96 + 8 + 18 + 18 + 2 * 16 + 4
        for i, r in enumerate(roles):
            x = MARGIN + (i % cols) * (cw + gap)
            top = y + (i // cols) * (row_h + 24)
            hx = r.hex
            self.rect(x, top, cw, sh, fill=hx, radius=10,
                      stroke=RULE if contrast_ratio(hx, PAGE) < 1.25 else None, stroke_width=1)
            self.boxes[f"role:{r.role}"] = (x, top, cw, sh)
            ink = _ink_on(hx)
            self.text(r.role, x + 12, top + 10, cw - 24, 14, 20, ink, weight=700, key=f"role:{r.role}:name")
            self.text(hx.upper(), x + 12, top + 30, cw - 24, 12, 16, ink, key=f"role:{r.role}:hex")
            self.text(r.color, x, top + sh + 8, cw, 12, 18, MUTED, key=f"role:{r.role}:token", path=True)
            if r.role == "background":
                against, against_name = cmap.get("text", INK), "text"
            elif r.role.startswith("on-") and r.role[3:] in cmap:
                against, against_name = cmap[r.role[3:]], r.role[3:]
            else:
                against, against_name = bg, "background"
            ratio = contrast_ratio(hx, against)
            level = _role_verdict(r.role, ratio)
            lw = self.measure(level, 12, 700) + 4 if level else 0
            self.text(f"{ratio:.2f}:1 on {against_name}", x, top + sh + 26, cw - lw - 6, 12, 18, INK,
                      key=f"role:{r.role}:contrast")
            tone = BAD if level == "fail" else WARN_INK if level == "UI low" else GOOD
            self.text(level, x + cw - lw, top + sh + 26, lw, 12, 18, tone,
                      weight=700, align="right")
            why, said = role_why(r)
            self.text(why, x, top + sh + 48, cw, 11, 16, MUTED, key=f"role:{r.role}:why")
            if said:
                self.text(said, x, top + sh + 64, cw, 11, 16, FAINT, key=f"role:{r.role}:said")
        rows = (len(roles) + cols - 1) // cols
        y += rows * row_h + (rows - 1) * 24
        if missing:
            y += 20
            y += self.para("Not defined: " + ", ".join(missing) + ". The engine falls back to related roles.",
                           MARGIN, y, CONTENT, 13, 20, MUTED, max_lines=2)
        return y

    def palette(self, y: float) -> float:
        colors = self.ds.colors
        shown = colors[:MAX_PALETTE_CHIPS]
        groups: dict[str, list] = {}
        for c in shown:
            prefix, _, leaf = c.name.rpartition(".")
            groups.setdefault(prefix, []).append((leaf or c.name, c))
        y = self.section_title(y, "Palette", f"{_count(len(colors), 'colour')} in {_count(len(groups), 'group')}" if colors else "")
        if not colors:
            return self.empty(y, "No colour tokens.")
        gap, chip_h, label_h, group_gap = 6, 48, 22, 28
        # Ramps of 13 or 14 steps (Material's 50–900 plus A100–A700) get one row each.
        per_row = max([12] + [len(g) for g in groups.values() if len(g) <= 14])
        chip_w = (CONTENT + gap) // per_row - gap
        x, shelf_top, shelf_h = MARGIN, y, 0.0
        for prefix, items in groups.items():
            cols = min(len(items), per_row)
            rows = (len(items) + per_row - 1) // per_row
            bw = cols * (chip_w + gap) - gap
            label = prefix or "(top level)"
            # a short group keeps room for its label, up to the width of three chips
            label_w = min(self.measure(label, 12, 600), 3 * (chip_w + gap) - gap)
            block_w = max(bw, label_w)
            bh = label_h + rows * (chip_h + gap) - gap
            if x > MARGIN and x + block_w > MARGIN + CONTENT:
                shelf_top += shelf_h + 20
                x, shelf_h = MARGIN, 0.0
            self.text(label, x, shelf_top, block_w, 12, 16, MUTED, weight=600, key=f"group:{prefix}", path=True)
            for i, (leaf, c) in enumerate(items):
                cx = x + (i % per_row) * (chip_w + gap)
                cy = shelf_top + label_h + (i // per_row) * (chip_h + gap)
                self._chip(c, leaf, cx, cy, chip_w, chip_h)
            x += block_w + group_gap
            shelf_h = max(shelf_h, bh)
        y = shelf_top + shelf_h
        if len(colors) > len(shown):
            y += 16
            self.text(f"{len(colors) - len(shown)} more colours not shown; onbrand inspect --json lists "
                      "every colour.", MARGIN, y, CONTENT, 13, 20, MUTED)
            y += 20
        return y

    def _chip(self, c, leaf: str, x: float, y: float, w: float, h: float) -> None:
        """One palette colour: the swatch (over a checkerboard when translucent), its leaf name and hex."""
        seen = _seen_on_page(c.hex, c.alpha)
        if c.alpha < 0.999:
            self.ops.append(lambda p: _checker(p, x, y, w, h))
        self.rect(x, y, w, h, fill=c.hex, radius=6, opacity=max(0.0, min(1.0, c.alpha)))
        if contrast_ratio(seen, PAGE) < 1.25 or c.alpha < 0.999:
            self.rect(x, y, w, h, radius=6, stroke=RULE, stroke_width=1)
        self.boxes[f"color:{c.name}"] = (x, y, w, h)
        ink = _ink_on(seen)
        self.text(leaf, x + 6, y + 6, w - 12, 11, 16, ink, weight=700, key=f"color:{c.name}:label")
        # translucent colours as #RRGGBBAA, the form CSS and most tools accept
        hexlabel = c.hex.upper() + (f"{round(c.alpha * 255):02X}" if c.alpha < 0.999 else "")
        self.text(hexlabel, x + 6, y + 24, w - 12, 10, 16, ink)

    # -- type ------------------------------------------------------------------------------
    def type_scale(self, y: float) -> float:
        steps = self.ds.type_scale
        y = self.section_title(y, "Type scale", _count(len(steps), "step"))
        if not steps:
            return self.empty(y, "No type scale.")
        meta_w = 240
        sx = MARGIN + meta_w + 24
        sw = CONTENT - meta_w - 24
        for i, t in enumerate(steps):
            f = self.font(t.weight, t.family)
            lh = max(t.line_height, t.size * 1.1)
            shown_in = self.stand_in(t.family)
            meta_h = 58 if shown_in else 40
            row_h = max(lh, meta_h + 4)
            top = y + 12
            my = top + (row_h - meta_h) / 2
            self.text(pretty_step(t.name), MARGIN, my, meta_w, 14, 20, INK, weight=700)
            self.text(_type_meta(t), MARGIN, my + 20, meta_w, 12, 18, MUTED)
            if shown_in:
                self.text(f"shown in {shown_in} (fallback)", MARGIN, my + 38, meta_w, 12, 18, WARN_INK, weight=600)
            sample = SPECIMEN_LARGE if t.size >= 28 else SPECIMEN
            self.text(sample, sx, top + (row_h - lh) / 2, sw, t.size, lh, INK, font=f, ls=t.letter_spacing,
                      key=f"type:{t.name}")
            y = top + row_h + 12
            if i < len(steps) - 1:
                self.rect(MARGIN, y, CONTENT, 1, fill=RULE)
        return y

    def stand_in(self, family: str) -> str:
        """The family drawn in place of `family` when it fell back, else ''."""
        face = next((f for f in self.ds.fonts if f.family == family), None)
        if face is None or face.origin != "fallback":
            return ""
        from ingest.fonts import describe_font

        desc = describe_font(Path(face.path)) if Path(face.path).is_file() else None
        return desc[0] if desc else Path(face.path).stem.split("-")[0]

    def fonts(self, y: float) -> float:
        faces = sorted(self.ds.fonts, key=lambda f: (f.family, f.weight))
        y = self.section_title(y, "Fonts", _count(len(faces), "face"))
        if not faces:
            return self.empty(y, "No fonts resolved.")
        cols, gap, ch = (4 if len(faces) % 4 == 0 else 3), 16, 128
        cw = (CONTENT - gap * (cols - 1)) / cols
        for i, face in enumerate(faces):
            x = MARGIN + (i % cols) * (cw + gap)
            top = y + (i // cols) * (ch + gap)
            self.boxes[f"font:{face.family}:{face.weight}"] = (x, top, cw, ch)
            self.rect(x, top, cw, ch, fill=PANEL, radius=12)
            usable = restore_font_file(face.path, self.ds.root)
            f = load_font(usable) if usable and font_problem(usable) is None else self.font(face.weight)
            self.text("Aa", x + 20, top + 32, 64, 44, 64, INK, font=f)
            tx, tw = x + 96, cw - 96 - 16
            self.text(face.family, tx, top + 20, tw, 16, 24, INK, weight=700)
            self.text(f"{face.weight} {_WEIGHT_NAMES.get(face.weight, '')}".strip(), tx, top + 44, tw, 12, 18, MUTED)
            col = ORIGIN_COLORS.get(face.origin, MUTED)
            pw = self.measure(face.origin, 11, 700) + 16
            self.rect(tx, top + 68, pw, 22, fill=WHITE, radius=11, stroke=col, stroke_width=1)
            self.text(face.origin, tx, top + 71, pw, 11, 16, col, weight=700, align="center")
            self.text(Path(face.path).name, tx, top + 96, tw, 11, 16, FAINT)
        rows = (len(faces) + cols - 1) // cols
        y += rows * (ch + gap) - gap
        for warning in dict.fromkeys(f.warning for f in faces if f.warning):
            y += 16
            h = len(wrap(self.font(600), warning, 13, CONTENT - 56, 3)) * 20
            self.rect(MARGIN, y, CONTENT, h + 24, fill=WARN_BG, radius=10)
            self.ops.append(lambda p, cy=y + 22: p.circle(MARGIN + 22, cy, 5, WARN_DOT))
            self.para(warning, MARGIN + 40, y + 12, CONTENT - 56, 13, 20, WARN_INK, weight=600, max_lines=3)
            y += h + 24
        return y

    # -- space and shape -------------------------------------------------------------------
    def spacing(self, y: float) -> float:
        dims = sorted(self.ds.spacing, key=lambda d: (d.px, d.name))
        y = self.section_title(y, "Spacing", _count(len(dims), "step"))
        if not dims:
            return self.empty(y, "No spacing scale.")
        bx = MARGIN + 200
        bw_max = CONTENT - 200
        for d in dims:
            self.text(d.name, MARGIN, y, 110, 13, 20, INK, weight=600)
            self.text(f"{_px(d.px)} px", MARGIN + 110, y, 70, 13, 20, MUTED, align="right")
            length = min(d.px, bw_max)
            if length > 0:
                self.rect(bx, y + 4, max(length, 1), 12, fill=self.accent, radius=min(2, length / 2))
            else:
                self.rect(bx, y + 2, 1, 16, fill=FAINT)
            if d.px > bw_max:
                self.text("wider than the page", bx + bw_max - 160, y, 150, 11, 20, _ink_on(self.accent),
                          align="right")
            self.boxes[f"space:{d.name}"] = (bx, y + 4, length, 12)
            y += 28
        return y - 8

    def radii(self, y: float) -> float:
        dims = sorted(self.ds.radii, key=lambda d: (d.px, d.name))
        y = self.section_title(y, "Radii", _count(len(dims), "value"))
        if not dims:
            return self.empty(y, "No corner radii.")
        tile, pitch = 88, 88 + 40
        per_row = int((CONTENT + 40) // pitch)
        for i, d in enumerate(dims):
            x = MARGIN + (i % per_row) * pitch
            top = y + (i // per_row) * (tile + 64)
            r = min(d.px, tile / 2)
            self.rect(x, top, tile, tile, fill=PANEL, radius=r, stroke=self.accent, stroke_width=2)
            self.boxes[f"radius:{d.name}"] = (x, top, tile, tile)
            self.text(d.name, x - 12, top + tile + 10, tile + 24, 13, 20, INK, weight=600, align="center")
            value = "full" if d.px >= 999 else f"{_px(d.px)} px"
            self.text(value, x - 12, top + tile + 30, tile + 24, 12, 18, MUTED, align="center")
        rows = (len(dims) + per_row - 1) // per_row
        return y + rows * (tile + 64) - 16

    def shadows(self, y: float) -> float:
        shadows = self.ds.shadows
        y = self.section_title(y, "Shadows", _count(len(shadows), "level"))
        if not shadows:
            return self.empty(y, "No shadows.")
        cw, ch, gap, pad = 232, 128, 48, 40
        per_row = max(1, int((CONTENT - 2 * pad + gap) // (cw + gap)))
        rows = (len(shadows) + per_row - 1) // per_row
        panel_h = 2 * pad + rows * ch + (rows - 1) * gap
        self.rect(MARGIN, y, CONTENT, panel_h, fill=PANEL, radius=16)
        for i, s in enumerate(shadows):
            x = MARGIN + pad + (i % per_row) * (cw + gap)
            top = y + pad + (i // per_row) * (ch + gap)
            self.ops.append(lambda p, x=x, top=top, s=s: p.shadow(x + s.offset_x, top, cw, ch, 12, s.color,
                                                                  min(1.0, s.alpha * 1.0), s.offset_y,
                                                                  max(s.blur, 0.5), s.spread))
            self.rect(x, top, cw, ch, fill=WHITE, radius=12)
            self.boxes[f"shadow:{s.name}"] = (x, top, cw, ch)
            self.text(s.name, x + 20, top + 20, cw - 40, 16, 24, INK, weight=700)
            self.text(f"x {_px(s.offset_x)} · y {_px(s.offset_y)} · blur {_px(s.blur)} · spread {_px(s.spread)}",
                      x + 20, top + 50, cw - 40, 12, 18, MUTED)
            self.text(f"{s.color.upper()} at {round(s.alpha * 100)}%", x + 20, top + 70, cw - 40, 12, 18, MUTED)
        return y + panel_h

    def icons(self, y: float) -> float:
        icons = self.ds.icons[:MAX_ICONS]
        note = _count(len(self.ds.icons), "icon")
        y = self.section_title(y, "Icons", note)
        if not icons:
            return self.empty(y, "No icons.")
        cell_h, gap, per_row = 96, 8, 10
        cell_w = (CONTENT + gap) / per_row - gap
        for i, ic in enumerate(icons):
            x = MARGIN + (i % per_row) * (cell_w + gap)
            top = y + (i // per_row) * (cell_h + gap)
            self.rect(x, top, cell_w, cell_h, fill=PANEL, radius=10)
            self.boxes[f"icon:{ic.name}"] = (x + (cell_w - 32) / 2, top + 18, 32, 32)
            if Path(ic.path).is_file():
                path = ic.path
                self.ops.append(lambda p, x=x, top=top, path=path: _safe_svg(p, path, x + (cell_w - 32) / 2, top + 18,
                                                                             32, 32, INK))
            self.text(ic.name, x + 8, top + 62, cell_w - 16, 11, 16, MUTED, align="center")
        rows = (len(icons) + per_row - 1) // per_row
        y += rows * (cell_h + gap) - gap
        if len(self.ds.icons) > len(icons):
            y += 16
            self.text(f"{len(self.ds.icons) - len(icons)} more icons not shown.", MARGIN, y, CONTENT, 13, 20, MUTED)
            y += 20
        return y

    def warnings(self, y: float) -> float:
        ds = self.ds
        n = len(ds.warnings) + len(ds.failed)
        y = self.section_title(y, "Warnings", _count(n, "item"))
        if not n:
            return self.empty(y, "No warnings: every file was read.")
        items = [(WARN_DOT, w) for w in ds.warnings] + [(BAD, f"{f.path}: {f.reason}") for f in ds.failed]
        for dot, message in items:
            self.ops.append(lambda p, cy=y + 10, dot=dot: p.circle(MARGIN + 5, cy, 4, dot))
            y += self.para(message, MARGIN + 20, y, CONTENT - 20, 13, 20, INK, max_lines=2) + 8
        return y - 8


_SURFACE_ROLES = {"background", "surface", "surface-muted", "surface-raised", "border", "divider"}


_KIND_LABEL = {"semantic-token": "token", "guide": "guide", "usage": "usage", "name": "name", "derived": "derived"}


def role_why(r) -> tuple[str, str]:
    """Why a role has its colour, in two short lines: the kind of evidence that decided it with
    its source ("guide · brand.pdf page 2", "token name", and how many other
    colours' evidence lost), and what that evidence says (the guide's sentence, the rule of
    thumb of a derivation)."""
    ev = r.evidence[0] if r.evidence else None
    if ev is None:
        kind = "derived" if r.reason.startswith("derived") else "token"
        return kind, r.reason.removeprefix("derived: ")
    kind = _KIND_LABEL.get(ev.kind, ev.kind)
    src = f"{ev.source.file} {ev.source.locator}".strip() if ev.source else ""
    if ev.kind == "semantic-token" and ev.source and ev.source.locator == r.color:
        kind, src = "token name", ""  # the token's path is already on the card
    head = " · ".join(p for p in (kind, src) if p)
    if r.lost:
        head += f" · {len(r.lost)} lost"
    if ev.kind == "guide" and ev.text:
        said = f"“{ev.text}”"
    elif ev.kind == "derived":
        said = ev.text or r.reason.removeprefix("derived: ")
    elif ev.kind == "usage":
        said = ev.text
    else:
        said = ""
    return head, said


def _role_verdict(role: str, ratio: float) -> str:
    """How a role's contrast reads: WCAG text levels for text roles, the 3:1 non-text minimum
    (WCAG 1.4.11) for fills such as primary or success, nothing for surfaces and lines."""
    if role in ("text", "text-muted", "background") or role.startswith("on-"):
        return wcag_level(ratio)
    if role in _SURFACE_ROLES:
        return ""
    return "UI ok" if ratio >= 3 else "UI low"


def _count(n: int, noun: str) -> str:
    """``"1 step"``, ``"12 steps"``; empty for none (the section says so itself)."""
    return "" if n == 0 else f"{n:,} {noun}" + ("" if n == 1 else "s")


def _type_meta(t: TypeStyle) -> str:
    meta = f"{t.family} {t.weight} · {_px(t.size)}/{_px(t.line_height)}"
    if t.letter_spacing:
        meta += f" · tracking {_px(t.letter_spacing)}"
    return meta


def _checker(p: _Painter, x: float, y: float, w: float, h: float, cell: float = 8.0) -> None:
    """A light checkerboard that shows through translucent swatches (drawn inside a rounded clip)."""
    with p.cv.clip(*p.box(x, y, w, h), radius=6 * p.s):
        p.rect(x, y, w, h, fill=WHITE)
        for j in range(int(h // cell) + 1):
            for i in range(int(w // cell) + 1):
                if (i + j) % 2:
                    p.rect(x + i * cell, y + j * cell, min(cell, w - i * cell), min(cell, h - j * cell), fill=RULE)


def ellipsize_path(font: Font, text: str, size: float, width: float) -> str:
    """Fit a dotted token path into `width` by cutting its middle: ``Stroke…Color.Rest``.

    The last segment is what tells sibling tokens apart, so it is kept whole when it fits;
    otherwise the path is cut at the end like any text."""
    if font.measure(text, size) <= width:
        return text
    head, dot, leaf = text.rpartition(".")
    tail = ELLIPSIS + dot + leaf
    if not head or font.measure(tail, size) > width:
        return ellipsize(font, text, size, width)
    lo, hi = 0, len(head)  # the longest head prefix that still fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.measure(head[:mid].rstrip(".") + tail, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return head[:lo].rstrip(".") + tail


def _svg_aspect(path: str) -> float:
    """Width over height of an SVG's viewBox; 1 when the file cannot be read."""
    from engine.render.canvas import svg_inner

    try:
        _, (_, _, w, h) = svg_inner(path)
        return w / h if w > 0 and h > 0 else 1.0
    except Exception:  # noqa: BLE001 - an unreadable logo still gets a square tile
        return 1.0


def _safe_svg(p: _Painter, path: str, x, y, w, h, color=None) -> None:
    """Draw an SVG asset; an unreadable file leaves its box empty rather than stopping the sheet."""
    try:
        p.svg(path, x, y, w, h, color)
    except Exception:  # noqa: BLE001 - a hostile or broken SVG must not stop the sheet
        pass
