"""Write each sample system's brand-guidelines PDF (guidelines.pdf) from its tokens with pymupdf.

Pages: cover; colour roles (vector swatches labelled with role, token, HEX, RGB and CMYK for
the brand colours) and the dark theme where the system has one; typography set in the real
font files; spacing, radii, shadows and density; logo usage with do/don't rules; the
example screens in use. Dates in the PDF metadata are fixed so re-runs give the same content.

Run ``python scripts/build_samples.py`` (which calls `build_guides`) rather than this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf

from sample_brands import Brand

PAGE_W, PAGE_H = 842.0, 595.0  # A4 landscape, points
M = 40.0  # page margin
FIXED_DATE = "D:20260101000000Z"
SAMPLE_TEXT = {
    "harbor": "Payouts arrive on time, every time.",
    "ember": "Hot food, fast. Your order is on the way!",
    "grove": "Energy use fell 6.2% across 14 sites.",
    "circuit": "Build 1,942 passed in 3m 12s on main.",
}
HEADLINE = {"harbor": "Money moves, calmly.", "ember": "Hot food, fast.", "grove": "Grow what you measure.",
            "circuit": "Ship it, see it."}
WEIGHT_NAMES = {400: "Regular", 500: "Medium", 600: "SemiBold", 700: "Bold", 900: "Black"}
DO = {
    "harbor": ["Use the full-colour logo on white, slate 50 or light surfaces.",
               "Use the white wordmark on teal 800 or darker fills.",
               "Keep clear space of at least half the symbol height on every side.",
               "Show the logo at 24 px tall or more on screen (10 mm in print)."],
    "ember": ["Use the full-colour logo on white and warm off-white surfaces.",
              "On the charcoal navigation bar, switch the wordmark to off-white.",
              "Keep clear space equal to half the flame tile on every side.",
              "Keep the flame tile's rounded corners and golden core intact."],
    "grove": ["Use the full-colour logo on white and slate 50 surfaces.",
              "On the forest-green sidebar, switch the wordmark to green 50.",
              "Keep clear space equal to half the tile height on every side.",
              "Align the logo to the 8 px grid; keep its square corners."],
    "circuit": ["Use the logo on the ink 950 page and ink 800 cards, or on white in the light theme.",
                "Keep the violet wordmark: violet 500 reads on ink and on white alike.",
                "Keep clear space equal to half the prompt tile on every side.",
                "Keep the lime prompt chevron; it is the only lime in the logo."],
}
DONT = ["Do not stretch, skew or rotate the logo.",
        "Do not recolour the symbol or fill it with gradients or photos.",
        "Do not retype the wordmark in another font; use the supplied SVG.",
        "Do not add shadows, outlines or glows.",
        "Do not place the logo on busy images or low-contrast colours."]


def _rgb(hex_: str) -> tuple[float, float, float]:
    return tuple(int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _cmyk(hex_: str) -> tuple[int, int, int, int]:
    """Naive (uncalibrated) sRGB → CMYK percentages, as printed on the colour page."""
    r, g, b = _rgb(hex_)
    k = 1 - max(r, g, b)
    if k >= 1:
        return 0, 0, 0, 100
    return tuple(round(100 * v) for v in ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k))  # type: ignore[return-value]


def _lum(hex_: str) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in _rgb(hex_))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


class Guide:
    """One brand's PDF: page helpers that know the brand's fonts and colours."""

    def __init__(self, brand: Brand, root: Path):
        self.b, self.root = brand, root
        self.doc = pymupdf.open()
        self.page: pymupdf.Page | None = None
        self.n = 0

    def font(self, weight: int) -> str:
        best = min(self.b.font_files, key=lambda w: (abs(w - weight), -w))
        name = f"brand{best}"
        assert self.page is not None
        self.page.insert_font(fontname=name, fontfile=str(self.b.font_files[best]))
        return name

    def new_page(self, title: str | None, roles: dict[str, str] | None = None) -> pymupdf.Page:
        """A page with the title bar and footer in `roles` (the light theme unless given)."""
        self.page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        self.n += 1
        c = roles or self.b.roles
        if title:
            self.page.draw_rect(pymupdf.Rect(0, 0, PAGE_W, PAGE_H), color=None, fill=_rgb(c["background"]))
            self.text(M, 52, title, 24, 700, c["text"])
            self.text(PAGE_W - M, 52, f"{self.b.name} brand guidelines", 9, 400, c["text-muted"], align="right")
            self.page.draw_line((M, 66), (PAGE_W - M, 66), color=_rgb(c["border"]), width=1)
            self.text(M, PAGE_H - 22, f"{self.b.name} · tokens: {self.b.token_format}", 7.5, 400, c["text-muted"])
            self.text(PAGE_W - M, PAGE_H - 22, str(self.n), 8, 700, c["text-muted"], align="right")
        return self.page

    def text(self, x, y, s, size, weight, hex_, align="left"):
        """Single line with its baseline at y."""
        assert self.page is not None
        name = self.font(weight)
        if align != "left":
            w = pymupdf.Font(fontfile=str(self.b.font_files[int(name[5:])])).text_length(s, fontsize=size)
            x -= w if align == "right" else w / 2
        self.page.insert_text((x, y), s, fontname=name, fontsize=size, color=_rgb(hex_))

    def fit(self, s: str, size: float, weight: int, width: float) -> str:
        """`s` cut at a word boundary so that it fits `width` points."""
        best = min(self.b.font_files, key=lambda w: (abs(w - weight), -w))
        font = pymupdf.Font(fontfile=str(self.b.font_files[best]))
        words = s.split()
        while len(words) > 1 and font.text_length(" ".join(words), fontsize=size) > width:
            words.pop()
        return " ".join(words).rstrip(",")

    def box(self, rect, s, size, weight, hex_, lineheight=1.35):
        assert self.page is not None
        name = self.font(weight)
        self.page.insert_textbox(pymupdf.Rect(rect), s, fontname=name, fontsize=size, color=_rgb(hex_),
                                 lineheight=lineheight)

    def rect(self, r, fill, radius_px=0.0, stroke=None, width=1.0, opacity=1.0, dashes=None):
        assert self.page is not None
        r = pymupdf.Rect(r)
        frac = min(radius_px / max(1e-6, min(r.width, r.height)), 0.5) if radius_px else None
        self.page.draw_rect(r, color=_rgb(stroke) if stroke else None, fill=_rgb(fill) if fill else None,
                            width=width, radius=frac, fill_opacity=opacity, dashes=dashes)

    def logo(self, rect, recolor: dict[str, str] | None = None):
        assert self.page is not None
        svg = (self.root / "logo.svg").read_text()
        for a, b in (recolor or {}).items():
            svg = svg.replace(a, b)
        src = pymupdf.open(stream=svg.encode(), filetype="svg")
        pdf = pymupdf.open("pdf", src.convert_to_pdf())
        self.page.show_pdf_page(pymupdf.Rect(rect), pdf, 0, keep_proportion=True)

    def save(self, path: Path) -> None:
        self.doc.set_metadata({
            "title": f"{self.b.name} brand guidelines", "author": f"{self.b.name} design team",
            "subject": f"Colour, typography ({self.b.font_family}), spacing, radius and logo usage",
            "keywords": f"{self.b.name}, design system, brand guidelines, {self.b.font_family}",
            "creator": "onbrand sample build", "producer": "pymupdf",
            "creationDate": FIXED_DATE, "modDate": FIXED_DATE,
        })
        self.doc.subset_fonts()
        self.doc.save(str(path), garbage=4, deflate=True, no_new_id=True)


# ---------------------------------------------------------------------------------------------
# pages


def _wordmark_colour(root: Path) -> str:
    """The stroke colour of the logo's wordmark group (so it can be swapped on dark fills)."""
    m = re.search(r'<g fill="none" stroke="(#[0-9a-fA-F]{6})"', (root / "logo.svg").read_text())
    return m.group(1) if m else "#000000"


def cover(g: Guide) -> None:
    b, c = g.b, g.b.roles
    g.new_page(None)
    g.rect((0, 0, PAGE_W, PAGE_H), c["primary"])
    g.rect((PAGE_W * 0.58, 0, PAGE_W, PAGE_H), c["on-primary"], opacity=0.08)
    g.rect((M + 20, 90, M + 20 + 330, 90 + 110), c["surface"], b.card_radius * 1.5)
    g.logo((M + 50, 110, M + 320, 180))
    g.text(M + 20, 300, "Brand guidelines", 44, 900 if 900 in b.font_files else 700, c["on-primary"])
    g.text(M + 20, 336, b.tagline, 16, 400, c["on-primary"])
    g.text(M + 20, 420, f"Typeface: {b.font_family}", 12, 700, c["on-primary"])
    g.text(M + 20, 440, f"Primary colour: HEX {b.primary.upper()}", 12, 400, c["on-primary"])
    g.text(M + 20, 460, f"Tokens: {b.token_format}", 10, 400, c["on-primary"])
    g.text(M + 20, PAGE_H - 40, "Version 1.0 · 2026", 9, 400, c["on-primary"])
    # a column of the brand's chart colours as a signature strip
    for i in range(5):
        x0 = PAGE_W - 200 + i * 28
        g.rect((x0, 120, x0 + 20, 470), b.roles[f"chart-{i + 1}"], min(b.button_radius, 10), stroke=c["on-primary"], width=1)


ROLE_ORDER = ["primary", "on-primary", "secondary", "accent", "focus", "text", "text-muted",
              "background", "surface", "surface-muted", "border", "divider", "success", "warning",
              "danger", "info", "chart-1", "chart-2", "chart-3", "chart-4", "chart-5"]
BRAND_ROW = set(ROLE_ORDER[:7])


def colours(g: Guide, roles: dict[str, str], title: str, sources: dict[str, str] | None) -> None:
    b = g.b
    c = roles  # a dark theme is shown on its own background
    g.new_page(title, roles)
    cols, gap = 7, 10.0
    cw = (PAGE_W - 2 * M - (cols - 1) * gap) / cols
    sh, th = 54.0, 66.0
    for i, role in enumerate(ROLE_ORDER):
        col, row = i % cols, i // cols
        x, y = M + col * (cw + gap), 84 + row * (sh + th)
        hx = roles[role]
        g.rect((x, y, x + cw, y + sh), hx, min(b.card_radius, 8), stroke=c["border"], width=0.75)
        fg = "#ffffff" if _lum(hx) < 0.179 else "#000000"  # whichever contrasts more
        g.text(x + 8, y + sh - 8, "Aa", 12, 700, fg)
        g.text(x, y + sh + 13, role, 9, 700, c["text"])
        src = f"← {sources[role]}" if sources and sources.get(role) else ""
        g.text(x, y + sh + 24, src, 6.5, 400, c["text-muted"])
        g.text(x, y + sh + 35, f"HEX {hx.upper()}", 7, 400, c["text"])
        r, gg, bb = (int(hx[k:k + 2], 16) for k in (1, 3, 5))
        g.text(x, y + sh + 45, f"RGB {r} {gg} {bb}", 7, 400, c["text"])
        if role in BRAND_ROW:
            cy, m_, ye, k = _cmyk(hx)
            g.text(x, y + sh + 55, f"CMYK {cy} {m_} {ye} {k}", 7, 400, c["text-muted"])
    if sources is None:
        return
    # the two main hue scales as strips
    y = 84 + 3 * (sh + th) + 6
    hues = [h for h in b.palette if len(b.palette[h]) >= 8][:2]
    for hue in hues:
        steps = b.palette[hue]
        w = (PAGE_W - 2 * M - 60) / len(steps)
        g.text(M, y + 16, hue, 8, 700, c["text"])
        for j, (step, hx) in enumerate(steps.items()):
            x = M + 60 + j * w
            g.rect((x, y, x + w, y + 22), hx)
            g.text(x + 3, y + 31, f"{step} {hx.upper()}", 5.5, 400, c["text-muted"])
        y += 40


def typography(g: Guide) -> None:
    b, c = g.b, g.b.roles
    g.new_page("Typography")
    weights = ", ".join(WEIGHT_NAMES.get(w, str(w)) for w in sorted(b.font_files))
    g.text(M, 92, f"Typeface: {b.font_family}", 13, 700, c["primary"])
    g.text(M + 210, 92, f"Weights: {weights}", 9, 400, c["text-muted"])
    g.text(M, 118, "Aa Bb Cc Dd Ee Ff Gg Hh Ii Jj Kk 0123456789 €$%&?!", 14, 400, c["text"])
    y = 150.0
    avail = PAGE_H - 40 - y
    need = sum(s.line_height for s in b.type_scale) + 10 * len(b.type_scale)
    k = min(1.0, avail / need)
    for s in b.type_scale:
        lh = s.line_height * k
        size = s.size * k
        g.text(M, y + lh * 0.7, s.name, 9, 700, c["text"])
        meta = f"{s.size:g}/{s.line_height:g} px · {WEIGHT_NAMES.get(s.weight, s.weight)}"
        if s.letter_spacing:
            meta += f" · {s.letter_spacing:+g} px"
        g.text(M, y + lh * 0.7 + 11, meta, 6.5, 400, c["text-muted"])
        sample = HEADLINE[b.key] if s.size >= 40 else SAMPLE_TEXT[b.key] if s.size >= 20 else \
            f"{SAMPLE_TEXT[b.key]} Set in {b.font_family} for every product surface."
        g.text(M + 140, y + lh * 0.78, g.fit(sample, size, s.weight, PAGE_W - 2 * M - 140), size, s.weight, c["text"])
        y += lh + 10
        g.page.draw_line((M + 140, y - 5), (PAGE_W - M, y - 5), color=_rgb(c["divider"]), width=0.5)


def spacing(g: Guide) -> None:
    b, c = g.b, g.b.roles
    g.new_page("Spacing, radius and elevation")
    g.text(M, 92, "Spacing scale", 13, 700, c["text"])
    y = 108.0
    for name, px in b.spacing:
        g.text(M, y + 9, f"{name}", 8, 700, c["text"])
        g.text(M + 34, y + 9, f"{px:g} px", 8, 400, c["text-muted"])
        if px:
            g.rect((M + 80, y, M + 80 + px * 2.5, y + 11), c["primary"], 0)
        y += 19
    g.text(M, y + 14, f"Density: controls {b.control_height:g} px tall, table rows {b.row_height:g} px,",
           8, 400, c["text-muted"])
    g.text(M, y + 26, f"card padding {b.pad:g} px, gaps {b.gap:g} px.", 8, 400, c["text-muted"])
    x0 = 470.0
    g.text(x0, 92, "Corner radius", 13, 700, c["text"])
    x = x0
    side = min(56.0, (PAGE_W - M - x0 - 12 * (len(b.radii) - 1)) / len(b.radii))
    for name, px in b.radii:
        g.rect((x, 110, x + side, 110 + side), c["secondary"], px, stroke=c["primary"], width=1.5)
        g.text(x, 180, name, 8, 700, c["text"])
        g.text(x, 191, f"{px:g} px", 7.5, 400, c["text-muted"])
        x += side + 12
    g.text(x0, 218, "Buttons", 9, 700, c["text"])
    bw = 120
    g.rect((x0, 228, x0 + bw, 228 + b.control_height * 0.8), c["primary"], b.button_radius * 0.8)
    g.text(x0 + bw / 2, 228 + b.control_height * 0.4 + 3.5, "Primary", 10, 700, c["on-primary"], align="center")
    g.rect((x0 + bw + 12, 228, x0 + 2 * bw + 12, 228 + b.control_height * 0.8), c["secondary"], b.button_radius * 0.8)
    g.text(x0 + bw * 1.5 + 12, 228 + b.control_height * 0.4 + 3.5, "Secondary", 10, 700, c["on-secondary"], align="center")
    g.text(x0, 292, "Elevation", 13, 700, c["text"])
    x = x0
    for name, layers in b.shadows.items():
        r = (x, 308, x + 96, 368)
        for layer in layers:  # each layer drawn as an offset translucent plate
            steps = 6
            for s in range(steps):
                grow = layer.spread + layer.blur * (steps - s) / (2 * steps)
                g.rect((r[0] + layer.x - grow, r[1] + layer.y - grow, r[2] + layer.x + grow, r[3] + layer.y + grow),
                       layer.hex, b.card_radius + grow, opacity=layer.alpha / steps * 1.5)
        g.rect(r, c["surface"], b.card_radius, stroke=c["border"], width=0.5)
        g.text(x + 10, 330, f"shadow {name}", 8, 700, c["text"])
        ly = 395.0
        for layer in layers:
            g.text(x, ly, f"{layer.x:g} {layer.y:g} {layer.blur:g} {layer.spread:g}", 6.5, 400, c["text-muted"])
            g.text(x, ly + 9, f"{layer.hex.upper()} @ {layer.alpha:.0%}", 6.5, 400, c["text-muted"])
            ly += 20
        x += 96 + 20
    g.box((x0, 450, PAGE_W - M, 540), "Shadow values are x, y, blur, spread in px and colour @ opacity, "
          "exactly as in the tokens. Use the smallest elevation that separates a surface from its background.",
          8, 400, c["text-muted"])


def logo_usage(g: Guide) -> None:
    b, c = g.b, g.b.roles
    g.new_page("Logo usage")
    # clear space diagram
    g.rect((M, 84, M + 360, 244), c["surface"], b.card_radius, stroke=c["border"])
    g.rect((M + 40, 124, M + 320, 204), None, stroke=c["primary"], width=0.75, dashes="[3 3] 0")
    g.logo((M + 60, 134, M + 300, 194))
    g.text(M, 260, "Clear space: half the symbol height on every side (dashed line).", 8, 400, c["text-muted"])
    # on dark
    dark = b.extra.get("navbar") or b.extra.get("sidebar") or "#104d5d"
    light_text = b.extra.get("on-navbar") or b.extra.get("on-sidebar") or "#ffffff"
    g.rect((M + 380, 84, M + 560, 164), dark, b.card_radius)
    g.logo((M + 395, 104, M + 545, 144), {_wordmark_colour(g.root): light_text})
    g.text(M + 380, 178, "On dark fills: light wordmark", 8, 400, c["text-muted"])
    g.rect((M + 580, 84, PAGE_W - M, 164), c["background"], b.card_radius, stroke=c["border"])
    g.logo((M + 595, 104, PAGE_W - M - 15, 144))
    g.text(M + 580, 178, "On the page background", 8, 400, c["text-muted"])
    # minimum size
    g.logo((M + 380, 200, M + 380 + 72, 219))
    g.logo((M + 470, 196, M + 470 + 108, 225))
    g.text(M + 580, 214, "Minimum size: 24 px tall on screen, 10 mm in print.", 8, 400, c["text-muted"])
    # do / don't
    y = 290.0
    g.text(M, y, "Do", 14, 700, c["success"])
    g.text(M + 390, y, "Don't", 14, 700, c["danger"])
    for i, s in enumerate(DO[b.key]):
        g.rect((M, y + 16 + i * 40, M + 4, y + 44 + i * 40), c["success"])
        g.box((M + 14, y + 16 + i * 40, M + 360, y + 52 + i * 40), s, 10, 400, c["text"])
    for i, s in enumerate(DONT):
        g.rect((M + 390, y + 16 + i * 40, M + 394, y + 44 + i * 40), c["danger"])
        g.box((M + 404, y + 16 + i * 40, PAGE_W - M, y + 52 + i * 40), s, 10, 400, c["text"])


def in_use(g: Guide) -> None:
    c = g.b.roles
    g.new_page("In use")
    w = (PAGE_W - 2 * M - 20) / 2
    h = w * 900 / 1440
    for i, name in enumerate(("dashboard", "sign-in")):
        x = M + i * (w + 20)
        png = g.root / "screens" / f"{name}.png"
        g.rect((x - 1, 99, x + w + 1, 101 + h), c["border"])
        g.page.insert_image(pymupdf.Rect(x, 100, x + w, 100 + h), filename=str(png))
        g.text(x, 100 + h + 18, f"screens/{name}.svg", 9, 700, c["text"])
    g.box((M, 100 + h + 34, PAGE_W - M, PAGE_H - 40),
          f"Every colour, radius, size and text style in these screens comes from the {g.b.name} tokens; "
          f"the text is set in {g.b.font_family}. The SVG sources sit next to the PNG renders in screens/.",
          9, 400, c["text-muted"])


def build_guides(brands: list[Brand]) -> list[Path]:
    """Write sample_design_systems/<key>/guidelines.pdf for every brand; returns the paths."""
    out: list[Path] = []
    for b in brands:
        root = Path(__file__).resolve().parents[1] / "sample_design_systems" / b.key
        g = Guide(b, root)
        cover(g)
        colours(g, b.roles, "Colour", b.role_sources)
        if b.dark_roles:
            colours(g, b.dark_roles, "Colour: dark theme", None)
        if b.light_roles:
            colours(g, b.light_roles, "Colour: light theme", None)
        typography(g)
        spacing(g)
        logo_usage(g)
        in_use(g)
        g.save(root / "guidelines.pdf")
        out.append(root / "guidelines.pdf")
    return out
