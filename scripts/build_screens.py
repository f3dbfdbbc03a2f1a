"""Draw each sample system's example screens as SVG (1440×900) from its tokens, and PNG renders.

Every fill, text colour, radius, size and gap comes from the brand's tokens (see
`sample_brands.py`); the brands differ in navigation (light sidebar, dark top bar, dark
sidebar, a dark-first console), corner radii, density and type. Text is set in the brand font; the PNG renders
use the font files of the pip font packages through a private fontconfig file, so they need
no system-wide fonts.

Run ``python scripts/build_samples.py`` (which calls `build_screens`) rather than this file.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from sample_brands import Brand

W, H = 1440, 900
SCREENS = ("dashboard", "sign-in", "list")

# Copy for each brand: navigation, page titles, numbers and table rows.
COPY = {
    "harbor": {
        "nav": [("home", "Overview"), ("credit-card", "Payments"), ("users", "Customers"), ("file", "Invoices"),
                ("chart", "Reports"), ("settings", "Settings")],
        "title": "Overview", "subtitle": "Wednesday, 25 November · all accounts",
        "cta": "New payment", "kpis": [("Revenue", "$482,190", "+12.4%", "success"),
                                       ("Payouts", "$126,400", "+3.1%", "success"),
                                       ("Active customers", "8,214", "+5.8%", "success"),
                                       ("Refund rate", "1.9%", "+0.3 pt", "danger")],
        "chart": "Revenue vs payouts", "split": "Revenue by channel",
        "channels": ["Card", "Bank transfer", "Wallet", "Invoice", "Other"],
        "table": "Recent transactions", "cols": ["Customer", "Reference", "Date", "Amount", "Status"],
        "rows": [("Northwind Traders", "INV-20431", "25 Nov", "$4,250.00", ("Paid", "success")),
                 ("Bluefin Studio", "INV-20430", "25 Nov", "$1,180.00", ("Pending", "warning")),
                 ("Maple & Co.", "INV-20427", "24 Nov", "$12,900.00", ("Paid", "success")),
                 ("Kestrel Labs", "INV-20425", "24 Nov", "$760.00", ("Failed", "danger")),
                 ("Orchid Health", "INV-20419", "23 Nov", "$3,415.50", ("Refunded", "info")),
                 ("Pinecrest Hotels", "INV-20416", "23 Nov", "$8,020.00", ("Paid", "success")),
                 ("Tidewater Goods", "INV-20410", "22 Nov", "$2,345.00", ("Pending", "warning")),
                 ("Summit Outdoor", "INV-20404", "22 Nov", "$5,600.00", ("Paid", "success")),
                 ("Lumen Optics", "INV-20398", "21 Nov", "$910.00", ("Paid", "success")),
                 ("Crescent Bakery", "INV-20391", "21 Nov", "$275.40", ("Failed", "danger"))],
        "list_title": "Payments", "signin_title": "Welcome back",
        "signin_text": "Sign in to manage payments, invoices and payouts.",
        "hero": "Money moves, calmly.", "hero_text": "Payments, invoices and payouts for growing businesses.",
        "filters": ["All", "Paid", "Pending", "Failed", "Refunded"],
    },
    "ember": {
        "nav": [("home", "Today"), ("cart", "Orders"), ("flame", "Menu"), ("bike", "Couriers"),
                ("star", "Reviews"), ("chart", "Insights")],
        "title": "Today's kitchen", "subtitle": "Lunch rush · 3 kitchens open",
        "cta": "Add dish", "kpis": [("Orders", "1,284", "+18%", "success"), ("Avg. delivery", "24 min", "-3 min", "success"),
                                    ("Revenue", "€31,920", "+9.6%", "success"), ("Late orders", "37", "+6", "danger")],
        "chart": "Orders per hour", "split": "Top cuisines",
        "channels": ["Pizza", "Bowls", "Burgers", "Sushi", "Desserts"],
        "table": "Live orders", "cols": ["Customer", "Order", "Placed", "Total", "Status"],
        "rows": [("Ana Ruiz", "#48213", "12:41", "€28.40", ("Delivered", "success")),
                 ("Tom Becker", "#48212", "12:40", "€16.90", ("Cooking", "warning")),
                 ("Priya Nair", "#48209", "12:38", "€41.20", ("On the way", "info")),
                 ("Jonas Weber", "#48207", "12:36", "€12.50", ("Delivered", "success")),
                 ("Mia Rossi", "#48204", "12:33", "€33.00", ("Cancelled", "danger")),
                 ("Leo Martin", "#48202", "12:31", "€22.70", ("On the way", "info")),
                 ("Sara Kim", "#48199", "12:28", "€19.80", ("Delivered", "success")),
                 ("Omar Haddad", "#48196", "12:25", "€54.10", ("Cooking", "warning")),
                 ("Elif Demir", "#48190", "12:21", "€9.90", ("Delivered", "success")),
                 ("Noah Janssen", "#48187", "12:18", "€26.30", ("Delivered", "success")),
                 ("Chloé Petit", "#48183", "12:15", "€31.60", ("On the way", "info")),
                 ("Ivan Horvat", "#48180", "12:12", "€14.20", ("Delivered", "success"))],
        "list_title": "Orders", "signin_title": "Hungry for service?",
        "signin_text": "Sign in to your Ember kitchen dashboard.",
        "hero": "Hot food, fast.", "hero_text": "Every order, courier and review in one warm place.",
        "filters": ["All", "Cooking", "On the way", "Delivered", "Cancelled"],
    },
    "grove": {
        "nav": [("home", "Overview"), ("map-pin", "Sites"), ("leaf", "Emissions"), ("layers", "Suppliers"),
                ("chart", "Reports"), ("settings", "Settings")],
        "title": "Site overview", "subtitle": "Q4 2026 · 14 sites reporting",
        "cta": "Add reading", "kpis": [("Energy use", "412 MWh", "-6.2%", "success"), ("Water saved", "18.4 ML", "+11%", "success"),
                                       ("Emissions", "96 t CO₂e", "-4.8%", "success"), ("Open issues", "7", "+2", "danger")],
        "chart": "Energy use by month", "split": "Emissions by scope",
        "channels": ["Scope 1", "Scope 2", "Travel", "Freight", "Waste"],
        "table": "Sites", "cols": ["Site", "Region", "Last reading", "Energy", "Status"],
        "rows": [("Riverside Depot", "North", "24 Nov", "38.2 MWh", ("On track", "success")),
                 ("Harrow Mill", "West", "24 Nov", "51.9 MWh", ("Review", "warning")),
                 ("Oakfield Farm", "South", "23 Nov", "12.4 MWh", ("On track", "success")),
                 ("Eastgate Plant", "East", "22 Nov", "88.0 MWh", ("Over target", "danger")),
                 ("Linden Warehouse", "North", "22 Nov", "22.6 MWh", ("New", "info")),
                 ("Birch Lane Office", "Central", "21 Nov", "9.8 MWh", ("On track", "success")),
                 ("Fernbrook Yard", "West", "20 Nov", "30.1 MWh", ("On track", "success")),
                 ("Stonebridge Lab", "South", "19 Nov", "17.3 MWh", ("Review", "warning"))],
        "list_title": "Sites", "signin_title": "Sign in to Grove",
        "signin_text": "Track energy, water and emissions across every site.",
        "hero": "Grow what you measure.", "hero_text": "Clear sustainability data for every site and supplier.",
        "filters": ["All sites", "On track", "Review", "Over target"],
    },
    "circuit": {
        "nav": [("activity", "Overview"), ("git-branch", "Pipelines"), ("rocket", "Deploys"), ("server", "Services"),
                ("terminal", "Logs"), ("settings", "Settings")],
        "title": "Overview", "subtitle": "main · 6 services · last deploy 4 min ago",
        "cta": "New pipeline", "kpis": [("Builds today", "1,942", "+8.1%", "success"),
                                        ("Median build", "3m 12s", "-21s", "success"),
                                        ("Deploys", "87", "+12", "success"),
                                        ("Failed runs", "23", "+5", "danger")],
        "chart": "Build minutes per month", "split": "Runtime by stage",
        "channels": ["Test", "Build", "Lint", "Deploy", "Cache"],
        "table": "Recent runs", "cols": ["Pipeline", "Commit", "Started", "Duration", "Status"],
        "rows": [("api-gateway", "a41f9c2", "14:02", "2m 48s", ("Passed", "success")),
                 ("web-app", "9be07d1", "13:58", "4m 10s", ("Running", "info")),
                 ("billing-worker", "c3d18e4", "13:51", "6m 02s", ("Failed", "danger")),
                 ("auth-service", "17a9f33", "13:47", "1m 55s", ("Passed", "success")),
                 ("search-index", "e05b6a8", "13:40", "9m 31s", ("Slow", "warning")),
                 ("docs-site", "4f2c0de", "13:36", "0m 58s", ("Passed", "success")),
                 ("mobile-ci", "b8e1f47", "13:29", "7m 44s", ("Passed", "success")),
                 ("data-export", "62d9ab0", "13:22", "3m 17s", ("Queued", "info")),
                 ("edge-proxy", "0c7e5f1", "13:15", "2m 03s", ("Failed", "danger")),
                 ("notifier", "d91a2b6", "13:09", "1m 21s", ("Passed", "success")),
                 ("ledger", "5ab3e90", "13:02", "5m 36s", ("Passed", "success"))],
        "list_title": "Pipelines", "signin_title": "Sign in to Circuit",
        "signin_text": "Pipelines, deploys and logs for your whole team.",
        "hero": "Ship it, see it.", "hero_text": "Builds, deploys and logs in one fast, dark console.",
        "filters": ["All", "Passed", "Running", "Failed", "Queued"],
    },
}
SERIES_A = [42, 48, 45, 53, 58, 55, 63, 70, 66, 74, 79, 86]
SERIES_B = [30, 33, 36, 34, 39, 44, 41, 47, 50, 49, 55, 58]
SPLIT = [38, 24, 18, 12, 8]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HOURS = ["10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21"]


@lru_cache(maxsize=256)
def _font(path: str, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, max(1, round(size)))


def _face(brand: Brand, weight: int) -> Path:
    best = min(brand.font_files, key=lambda w: (abs(w - weight), -w))
    return brand.font_files[best]


def measure(brand: Brand, text: str, size: float, weight: int, tracking: float = 0.0) -> float:
    """Advance width in px of `text` in the brand font (the real font file)."""
    return _font(str(_face(brand, weight)), size).getlength(text) + tracking * max(0, len(text) - 1)


def _svg_inner(path: Path) -> tuple[str, dict[str, str]]:
    """The children of an SVG file's root element (title dropped) and the root's attributes."""
    text = path.read_text()
    m = re.search(r"<svg\b([^>]*)>(.*)</svg>", text, re.S)
    if not m:
        raise ValueError(f"{path}: not an SVG document")
    attrs = dict(re.findall(r'([\w:-]+)="([^"]*)"', m.group(1)))
    inner = re.sub(r"<title[^>]*>.*?</title>", "", m.group(2), flags=re.S)
    return inner.strip(), attrs


def _rgba(hex_: str, alpha: float) -> str:
    return f'fill="{hex_}" fill-opacity="{alpha:.3g}"'


class Canvas:
    """A small SVG writer whose helpers take brand roles and styles, not raw values."""

    def __init__(self, brand: Brand, root: Path):
        self.b, self.root = brand, root
        self.parts: list[str] = []
        self.c = brand.roles

    # primitives ------------------------------------------------------------------------------
    def rect(self, x, y, w, h, fill, r=0.0, stroke=None, sw=1.0, extra=""):
        r = min(r, h / 2, w / 2)
        s = f' stroke="{stroke}" stroke-width="{sw:g}"' if stroke else ""
        f = fill if fill.startswith("fill=") else f'fill="{fill}"'
        self.parts.append(f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="{r:g}" {f}{s}{extra}/>')

    def line(self, x1, y1, x2, y2, stroke, sw=1.0, extra=""):
        self.parts.append(f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="{stroke}" stroke-width="{sw:g}"{extra}/>')

    def circle(self, cx, cy, r, fill):
        self.parts.append(f'<circle cx="{cx:g}" cy="{cy:g}" r="{r:g}" fill="{fill}"/>')

    def text(self, x, y, s, style, fill, weight=None, anchor="start", size=None):
        """Text with its baseline at `y`, in one of the brand's type styles."""
        st = self.style(style)
        size = size or st.size
        weight = weight or st.weight
        ls = f' letter-spacing="{st.letter_spacing:g}"' if st.letter_spacing else ""
        self.parts.append(
            f'<text x="{x:g}" y="{y:g}" font-family="{self.b.font_family}, sans-serif" font-size="{size:g}" '
            f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}"{ls}>{html.escape(s)}</text>')
        return measure(self.b, s, size, weight, st.letter_spacing)

    def width(self, s, style, weight=None):
        st = self.style(style)
        return measure(self.b, s, st.size, weight or st.weight, st.letter_spacing)

    def style(self, name):
        alias = {"body-sm": "small", "small": "body-sm"}
        names = {s.name for s in self.b.type_scale}
        return self.b.style(name if name in names else alias[name])

    def icon(self, name, x, y, size, color):
        path = self.root / "icons" / f"{name}.svg"
        inner, attrs = _svg_inner(path)
        keep = " ".join(f'{k}="{v}"' for k, v in attrs.items() if k.startswith("stroke-"))
        self.parts.append(f'<g transform="translate({x:g} {y:g}) scale({size / 24:g})" fill="none" stroke="{color}" '
                          f'{keep}>{inner}</g>')

    def logo(self, x, y, height, recolor: dict[str, str] | None = None):
        inner, attrs = _svg_inner(self.root / "logo.svg")
        inner = re.sub(r"<!--.*?-->", "", inner, flags=re.S)
        for a, b in (recolor or {}).items():
            inner = inner.replace(a, b)
        vw, vh = (float(v) for v in attrs["viewBox"].split()[2:])
        w = vw * height / vh
        self.parts.append(f'<svg x="{x:g}" y="{y:g}" width="{w:g}" height="{height:g}" viewBox="{attrs["viewBox"]}">{inner}</svg>')
        return w

    # components ------------------------------------------------------------------------------
    def card(self, x, y, w, h, title=None):
        b = self.b
        for layer in b.shadows.get("sm", []):
            self.rect(x + layer.x, y + layer.y + max(0.0, layer.blur / 3), w, h,
                      _rgba(layer.hex, layer.alpha), b.card_radius)
        # a system with a raised surface (dark-first Circuit) lifts its cards onto it
        self.rect(x, y, w, h, self.c.get("surface-raised", self.c["surface"]), b.card_radius, self.c["border"])
        if title:
            st = self.style("h3")
            self.text(x + b.pad, y + b.pad + st.size * 0.95, title, "h3", self.c["text"])

    def button(self, x, y, label, kind="primary", icon=None, h=None):
        b = self.b
        h = h or b.control_height
        pad = 16 if b.control_height < 40 else 20 if b.control_height < 48 else 24
        tw = self.width(label, "label")
        w = tw + 2 * pad + (22 if icon else 0)
        fill, fg, stroke = {
            "primary": (self.c["primary"], self.c["on-primary"], None),
            "secondary": (self.c["secondary"], self.c["on-secondary"], None),
            "outline": (self.c["surface"], self.c["text"], self.c["border"]),
        }[kind]
        self.rect(x, y, w, h, fill, b.button_radius, stroke)
        tx = x + pad
        if icon:
            self.icon(icon, tx, y + (h - 16) / 2, 16, fg)
            tx += 22
        st = self.style("label")
        self.text(tx, y + h / 2 + st.size * 0.36, label, "label", fg)
        return w

    def badge(self, x, y, label, role):
        st = self.style("caption")
        w = self.width(label, "caption", 700) + 20
        h = st.size + 10
        r = self.b.button_radius if self.b.button_radius < 20 else h / 2
        self.rect(x, y, w, h, _rgba(self.c[role], 0.12), r)
        self.text(x + 10, y + h / 2 + st.size * 0.36, label, "caption", self.c[role], weight=700)
        return w

    def input(self, x, y, w, label, value, icon=None, placeholder=False):
        b = self.b
        self.text(x, y + 14, label, "label", self.c["text"])
        y += 24
        self.rect(x, y, w, b.control_height, self.c["surface"], b.input_radius, self.c["border"])
        tx = x + 14
        if icon:
            self.icon(icon, tx, y + (b.control_height - 18) / 2, 18, self.c["text-muted"])
            tx += 28
        st = self.style("body")
        self.text(tx, y + b.control_height / 2 + st.size * 0.36, value, "body",
                  self.c["text-muted"] if placeholder else self.c["text"])
        return y + b.control_height

    def svg(self) -> str:
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}">\n'
                f'<title>{html.escape(self.b.name)} example screen</title>\n')
        return head + "\n".join(self.parts) + "\n</svg>\n"


# -------------------------------------------------------------------------------------------
# page frames


def _frame(cv: Canvas, active: int) -> tuple[float, float, float]:
    """Background and navigation; returns the content box (x, y, width)."""
    b, c, copy = cv.b, cv.c, COPY[cv.b.key]
    cv.rect(0, 0, W, H, c["background"])
    if b.nav == "topbar-dark":
        nh = 56.0
        cv.rect(0, 0, W, nh, b.extra["navbar"])
        cv.logo(24, 12, 32, {"#1f1b18": b.extra["on-navbar"]})
        x = 200.0
        for i, (ic, label) in enumerate(copy["nav"]):
            w = cv.width(label, "label") + 44
            if i == active:
                cv.rect(x, 12, w, 32, c["primary"], b.button_radius)
            fg = c["on-primary"] if i == active else b.extra["on-navbar"]
            cv.icon(ic, x + 12, 20, 16, fg)
            cv.text(x + 34, 33, label, "label", fg)
            x += w + 6
        cv.rect(W - 400, 12, 240, 32, "#ffffff", b.button_radius, extra=' fill-opacity="0.1"')
        cv.icon("search", W - 388, 20, 16, b.extra["on-navbar"])
        cv.text(W - 364, 33, "Search orders, dishes…", "body-sm", b.extra["on-navbar"])
        cv.icon("bell", W - 136, 18, 20, b.extra["on-navbar"])
        cv.circle(W - 118, 18, 4, c["accent"])
        cv.circle(W - 76, 28, 16, c["accent"])
        cv.text(W - 76, 33, "AR", "label", c["on-accent"], anchor="middle")
        return 32.0, nh + 28, W - 64.0
    dark = b.nav == "sidebar-dark"
    sw = 264.0 if dark else 248.0
    fill = b.extra["sidebar"] if dark else c["surface"]
    fg = b.extra["on-sidebar"] if dark else c["text-muted"]
    cv.rect(0, 0, sw, H, fill)
    if not dark:
        cv.line(sw - 0.5, 0, sw - 0.5, H, c["border"])
        cv.logo(24, 24, 32)
    else:
        cv.logo(32, 32, 34, {"#162026": b.extra["on-sidebar"]})
    y = 104.0 if dark else 92.0
    step = 52.0 if dark else 44.0
    for i, (ic, label) in enumerate(COPY[b.key]["nav"]):
        ih = step - 8
        if i == active:
            cv.rect(16, y, sw - 32, ih, c["primary"] if dark else c["secondary"], b.button_radius)
        col = (c["on-primary"] if dark else c["on-secondary"]) if i == active else fg
        cv.icon(ic, 32, y + (ih - 20) / 2, 20, col)
        st = cv.style("body")
        cv.text(64, y + ih / 2 + st.size * 0.36, label, "body", col, weight=600 if i == active else st.weight)
        y += step
    cv.circle(44, H - 48, 18, c["secondary"])
    cv.text(44, H - 43, "JM", "label", c["on-secondary"], anchor="middle")
    cv.text(72, H - 52, "Jo Marsh", "label", fg if dark else c["text"])
    cv.text(72, H - 34, "Admin", "caption", fg)
    # top bar inside the content area
    x0 = sw + (40.0 if dark else 32.0)
    cv.rect(x0, 24, 320, b.control_height, c["surface"], b.input_radius, c["border"])
    cv.icon("search", x0 + 14, 24 + (b.control_height - 18) / 2, 18, c["text-muted"])
    cv.text(x0 + 42, 24 + b.control_height / 2 + 5, "Search", "body", c["text-muted"])
    cv.icon("bell", W - 64 - 8, 24 + (b.control_height - 22) / 2, 22, c["text-muted"])
    return x0, 24 + b.control_height + (40.0 if dark else 28.0), W - x0 - (40.0 if dark else 32.0)


def _page_title(cv: Canvas, x, y, w, title, subtitle, cta) -> float:
    st = cv.style("h1")
    cv.text(x, y + st.size, title, "h1", cv.c["text"])
    cv.text(x, y + st.line_height + 20, subtitle, "body", cv.c["text-muted"])
    bw = cv.width(cta, "label") + (2 * (16 if cv.b.control_height < 40 else 20 if cv.b.control_height < 48 else 24)) + 22
    cv.button(x + w - bw, y + 4, cta, "primary", icon="plus")
    ow = cv.width("Export", "label") + 2 * (16 if cv.b.control_height < 40 else 20 if cv.b.control_height < 48 else 24) + 22
    cv.button(x + w - bw - ow - 12, y + 4, "Export", "outline", icon="download")
    return y + st.line_height + 44


def dashboard(cv: Canvas) -> None:
    b, c, copy = cv.b, cv.c, COPY[cv.b.key]
    x, y, w = _frame(cv, 0)
    y = _page_title(cv, x, y, w, copy["title"], copy["subtitle"], copy["cta"]) + b.gap * 0.5
    g = b.gap
    kw = (w - 3 * g) / 4
    kh = 2 * b.pad + 76
    for i, (label, value, delta, role) in enumerate(copy["kpis"]):
        kx = x + i * (kw + g)
        cv.card(kx, y, kw, kh)
        cv.text(kx + b.pad, y + b.pad + 14, label, "body-sm", c["text-muted"])
        cv.text(kx + b.pad, y + b.pad + 50, value, "h2", c["text"], weight=700)
        cv.badge(kx + b.pad, y + b.pad + 60, delta, role)
    y += kh + g
    ch = H - y - 32
    cw = (w - g) * 0.62
    cv.card(x, y, cw, ch, copy["chart"])
    # line chart
    px0, py0 = x + b.pad + 36, y + b.pad + 56
    pw, ph = cw - 2 * b.pad - 44, ch - 2 * b.pad - 92
    for k in range(5):
        gy = py0 + ph - k * ph / 4
        cv.line(px0, gy, px0 + pw, gy, c["divider"])
        cv.text(px0 - 10, gy + 4, str(k * 25), "caption", c["text-muted"], anchor="end")
    labels = HOURS if b.key == "ember" else MONTHS
    for series, role in ((SERIES_A, "chart-1"), (SERIES_B, "chart-2")):
        pts = [(px0 + i * pw / 11, py0 + ph - v / 100 * ph) for i, v in enumerate(series)]
        d = "M" + " L".join(f"{px:.1f} {py:.1f}" for px, py in pts)
        if role == "chart-1":
            area = d + f" L{px0 + pw:.1f} {py0 + ph:.1f} L{px0:.1f} {py0 + ph:.1f} Z"
            cv.parts.append(f'<path d="{area}" {_rgba(c[role], 0.10)}/>')
        cv.parts.append(f'<path d="{d}" fill="none" stroke="{c[role]}" stroke-width="{3 if b.key == "ember" else 2.5}" '
                        f'stroke-linejoin="round" stroke-linecap="round"/>')
        px, py = pts[-1]
        cv.circle(px, py, 5, c[role])
    for i, lab in enumerate(labels):
        cv.text(px0 + i * pw / 11, py0 + ph + 22, lab, "caption", c["text-muted"], anchor="middle")
    lx = x + cw - b.pad
    legend = ("Today", "Last week") if b.key == "ember" else ("This year", "Last year")
    for name, role in reversed(list(zip(legend, ("chart-1", "chart-2")))):
        tw = cv.width(name, "caption")
        lx -= tw
        cv.text(lx, y + b.pad + 16, name, "caption", c["text-muted"])
        cv.circle(lx - 10, y + b.pad + 12, 4, c[role])
        lx -= 28
    # split card: horizontal bars
    sx = x + cw + g
    sw_ = w - cw - g
    cv.card(sx, y, sw_, ch, copy["split"])
    by = y + b.pad + 56
    bar_w = sw_ - 2 * b.pad
    row = (ch - b.pad * 2 - 56) / 5
    for i, (name, v) in enumerate(zip(copy["channels"], SPLIT)):
        role = f"chart-{i + 1}"
        cv.text(sx + b.pad, by + 14, name, "body-sm", c["text"])
        cv.text(sx + sw_ - b.pad, by + 14, f"{v}%", "body-sm", c["text"], weight=700, anchor="end")
        cv.rect(sx + b.pad, by + 24, bar_w, 8, c["surface-muted"], min(b.button_radius, 4))
        cv.rect(sx + b.pad, by + 24, bar_w * v / 40, 8, c[role], min(b.button_radius, 4))
        by += row


def sign_in(cv: Canvas) -> None:
    b, c, copy = cv.b, cv.c, COPY[cv.b.key]
    cv.rect(0, 0, W, H, c["background"])
    pw = 620.0
    panel = b.extra.get("sidebar") or b.extra.get("navbar") or c["primary"]
    cv.rect(0, 0, pw, H, panel)
    # decorative brand shapes, clipped to the panel
    cv.parts.append(f'<clipPath id="panel"><rect x="0" y="0" width="{pw:g}" height="{H}"/></clipPath>'
                    '<g clip-path="url(#panel)">')
    if b.key == "ember":
        cv.circle(pw - 60, H - 120, 180, c["primary"])
        cv.circle(pw - 170, H - 250, 70, c["accent"])
        recolor = {"#1f1b18": b.extra["on-navbar"]}
        fg = b.extra["on-navbar"]
    elif b.key == "grove":
        for i in range(6):
            cv.rect(64 + i * 88, H - 220 + (i % 3) * 30, 64, 220, _rgba(c["chart-1"], 0.35 + 0.1 * (i % 3)), b.card_radius)
        recolor = {"#162026": b.extra["on-sidebar"]}
        fg = b.extra["on-sidebar"]
    elif b.key == "circuit":
        # a terminal window on the raised surface, streaming a build log
        tx, ty, tw, th = 64.0, H - 380, pw - 128, 300.0
        cv.rect(tx, ty, tw, th, c["surface-raised"], b.card_radius, c["border"])
        for i, dot in enumerate(("danger", "warning", "success")):
            cv.circle(tx + 20 + i * 16, ty + 18, 5, c[dot])
        cv.line(tx, ty + 36, tx + tw, ty + 36, c["border"])
        log = [("$ circuit run api-gateway", "text"), ("› restoring cache   0.8s", "text-muted"),
               ("› test   412 passed", "success"), ("› build  image 84 MB", "text-muted"),
               ("› deploy eu-west-1", "primary"), ("› live in 2m 48s", "accent")]
        for i, (line, role) in enumerate(log):
            cv.text(tx + 20, ty + 68 + i * 34, line, "body", c[role])
        recolor = {}
        fg = c["text"]
    else:
        for i in range(5):
            cv.parts.append(f'<path d="M0 {H - 260 + i * 44} q {pw / 4} -40 {pw / 2} 0 t {pw / 2} 0" fill="none" '
                            f'stroke="{c["on-primary"]}" stroke-opacity="{0.12 + 0.05 * i:.2f}" stroke-width="3"/>')
        cv.circle(pw - 110, 120, 44, c["chart-2"])
        recolor = {"#123f4c": c["on-primary"], 'fill="#0e5e71"': 'fill="#104d5d"'}
        fg = c["on-primary"]
    cv.parts.append("</g>")
    cv.logo(64, 64, 44, recolor)
    cv.text(64, 300, copy["hero"], "h1", fg, size=cv.style("display").size * 0.85)
    cv.text(64, 348, copy["hero_text"], "body", fg)
    # form card
    fw = 440.0
    fx = pw + (W - pw - fw) / 2
    fh = 470.0 + 2 * (b.control_height - 40)
    fy = (H - fh) / 2
    cv.card(fx, fy, fw, fh)
    ix, iw = fx + 40, fw - 80
    cv.text(ix, fy + 40 + cv.style("h2").size, copy["signin_title"], "h2", c["text"])
    cv.text(ix, fy + 40 + cv.style("h2").line_height + 20, copy["signin_text"], "body-sm", c["text-muted"])
    y = fy + 130
    y = cv.input(ix, y, iw, "Email", "jo.marsh@example.com", icon="mail") + 20
    y = cv.input(ix, y, iw, "Password", "••••••••••", icon="lock") + 16
    cv.rect(ix, y, 18, 18, c["primary"], min(4, b.input_radius))
    cv.icon("check", ix + 2, y + 2, 14, c["on-primary"])
    cv.text(ix + 28, y + 14, "Keep me signed in", "body-sm", c["text"])
    cv.text(ix + iw, y + 14, "Forgot password?", "body-sm", c["primary"], weight=700, anchor="end")
    y += 40
    bh = b.control_height + 4
    cv.rect(ix, y, iw, bh, c["primary"], b.button_radius)
    cv.text(ix + iw / 2, y + bh / 2 + cv.style("label").size * 0.36, "Sign in", "label", c["on-primary"], anchor="middle")
    y += bh + 28
    cv.text(ix + iw / 2, y, "New here? Create an account", "body-sm", c["text-muted"], anchor="middle")


def listing(cv: Canvas) -> None:
    b, c, copy = cv.b, cv.c, COPY[cv.b.key]
    x, y, w = _frame(cv, 1)
    y = _page_title(cv, x, y, w, copy["list_title"], f"{len(copy['rows'])} shown · updated just now", copy["cta"]) + b.gap * 0.5
    # filter chips
    fx = x
    for i, f in enumerate(copy["filters"]):
        tw = cv.width(f, "label") + 28
        h = 32.0
        if i == 0:
            cv.rect(fx, y, tw, h, c["primary"], b.button_radius)
            cv.text(fx + 14, y + 21, f, "label", c["on-primary"])
        else:
            cv.rect(fx, y, tw, h, c["surface"], b.button_radius, c["border"])
            cv.text(fx + 14, y + 21, f, "label", c["text"])
        fx += tw + 8
    fw = cv.width("Filter", "label") + 2 * (16 if b.control_height < 40 else 20 if b.control_height < 48 else 24) + 22
    cv.button(x + w - fw, y - (b.control_height - 32) / 2, "Filter", "outline", icon="filter")
    y += 32 + b.gap * 0.75
    rows = copy["rows"]
    head = b.row_height * 0.8
    th = min(head + b.row_height * len(rows) + 64, H - y - 24)
    nrows = int((th - head - 64) // b.row_height)
    cv.card(x, y, w, th)
    r = min(b.card_radius, head / 2) - 1
    cv.parts.append(f'<path d="M{x + 1:g} {y + head:g} V{y + 1 + r:g} A{r:g} {r:g} 0 0 1 {x + 1 + r:g} {y + 1:g} '
                    f'H{x + w - 1 - r:g} A{r:g} {r:g} 0 0 1 {x + w - 1:g} {y + 1 + r:g} V{y + head:g} Z" '
                    f'fill="{c["surface-muted"]}"/>')
    cols = [0.0, 0.30, 0.48, 0.64, 0.80]
    for cx_, name in zip(cols, copy["cols"]):
        anchor = "end" if name in ("Amount", "Total", "Energy") else "start"
        tx = x + b.pad + cx_ * (w - 2 * b.pad) + (0.13 * (w - 2 * b.pad) if anchor == "end" else 0)
        cv.text(tx, y + head / 2 + 5, name.upper() if b.key == "ember" else name, "caption", c["text-muted"], weight=700, anchor=anchor)
    ry = y + head
    for i, (who, ref, date, amount, (status, role)) in enumerate(rows[:nrows]):
        if i:
            cv.line(x + 1, ry, x + w - 1, ry, c["divider"])
        mid = ry + b.row_height / 2 + 5
        cw_ = w - 2 * b.pad
        cv.circle(x + b.pad + 14, ry + b.row_height / 2, 14, c["secondary"])
        cv.text(x + b.pad + 14, mid - 0.5, who[0], "caption", c["on-secondary"], weight=700, anchor="middle")
        cv.text(x + b.pad + 38, mid, who, "body-sm", c["text"], weight=600 if 600 in b.font_files else 700)
        cv.text(x + b.pad + cols[1] * cw_, mid, ref, "body-sm", c["text-muted"])
        cv.text(x + b.pad + cols[2] * cw_, mid, date, "body-sm", c["text-muted"])
        cv.text(x + b.pad + (cols[3] + 0.13) * cw_, mid, amount, "body-sm", c["text"], weight=700, anchor="end")
        cv.badge(x + b.pad + cols[4] * cw_, ry + (b.row_height - cv.style("caption").size - 10) / 2, status, role)
        cv.icon("chevron-right", x + w - b.pad - 18, ry + b.row_height / 2 - 9, 18, c["text-muted"])
        ry += b.row_height
    # pagination
    py = y + th - 44
    cv.line(x + 1, py - 12, x + w - 1, py - 12, c["divider"])
    cv.text(x + b.pad, py + 14, f"Showing 1–{nrows} of 248", "body-sm", c["text-muted"])
    px = x + w - b.pad - 4 * 40
    for i, lab in enumerate(("1", "2", "3", "›")):
        if i == 0:
            cv.rect(px, py - 4, 32, 32, c["primary"], min(b.button_radius, 16))
        cv.text(px + 16, py + 17, lab, "label", c["on-primary"] if i == 0 else c["text"], anchor="middle")
        px += 40


DRAW = {"dashboard": dashboard, "sign-in": sign_in, "list": listing}


def _fontconfig(brands: list[Brand]) -> None:
    """Point fontconfig (used by cairosvg) at the brand font files before cairo loads."""
    dirs = sorted({str(p.parent) for b in brands for p in b.font_files.values()})
    conf = Path(tempfile.gettempdir()) / "onbrand-samples-fonts.conf"
    body = "".join(f"<dir>{html.escape(d)}</dir>" for d in dirs)
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{body}</fontconfig>')
    os.environ["FONTCONFIG_FILE"] = str(conf)


def build_screens(brands: list[Brand]) -> list[Path]:
    """Write screens/<name>.svg and .png for every brand; returns the written paths."""
    _fontconfig(brands)
    import cairosvg  # after FONTCONFIG_FILE is set

    written: list[Path] = []
    for b in brands:
        root = Path(__file__).resolve().parents[1] / "sample_design_systems" / b.key
        out = root / "screens"
        out.mkdir(exist_ok=True)
        for name in SCREENS:
            cv = Canvas(b, root)
            DRAW[name](cv)
            svg = cv.svg()
            (out / f"{name}.svg").write_text(svg)
            cairosvg.svg2png(bytestring=svg.encode(), write_to=str(out / f"{name}.png"))
            written += [out / f"{name}.svg", out / f"{name}.png"]
    return written
