"""Procedural scene composer: a handful of page archetypes chosen from the prompt.

The composer lays pages out in design pixels on a 1920×1080 (desktop) frame with gaps and
paddings from the spacing scale, fills them with realistic copy for the prompt's domain, and
scales every box to canvas pixels. It is the baseline generator (``sampler="procedural"``).
"""

from __future__ import annotations

import random

from conditioning import ARCHETYPES, choose_archetype
from engine.scene import Element, Scene

Box = tuple[float, float, float, float]


class _B:
    """Builds element trees with unique path-like ids."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def el(self, parent: str, name: str, kind: str, box: Box, children: list[Element] | None = None, **kw) -> Element:
        base = f"{parent}/{name}" if parent else name
        n = self.counts.get(base, 0)
        self.counts[base] = n + 1
        eid = base if n == 0 else f"{base}-{n + 1}"
        return Element(id=eid, kind=kind, box=box, children=children or [], **kw)


def _line(x: float, cy: float, w: float, lh: float) -> Box:
    return (x, cy - lh / 2, w, lh)


def compose(prompt: str, width: int, height: int, seed: int = 0, archetype: str | None = None) -> Scene:
    """A scene for `prompt` at `width`×`height` canvas pixels."""
    arch = archetype or choose_archetype(prompt)
    rng = random.Random(f"{seed}:{arch}")
    scale = width / 1920 if width >= height else width / 430
    W, H = width / scale, height / scale
    b = _B()
    elements = _ARCH_FUNCS[arch](b, rng, W, H, prompt)
    scene = Scene(width=width, height=height, scale=scale, archetype=arch, prompt=prompt, seed=seed,
                  elements=elements)
    return _scaled(scene, scale)


def _scaled(scene: Scene, s: float) -> Scene:
    def sc(e: Element) -> Element:
        x, y, w, h = e.box
        return e.model_copy(update={"box": (round(x * s, 2), round(y * s, 2), round(w * s, 2), round(h * s, 2)),
                                    "children": [sc(c) for c in e.children]})

    return scene.model_copy(update={"elements": [sc(e) for e in scene.elements]})


# -- shared pieces -----------------------------------------------------------------------------
_NAV = [("Dashboard", "dashboard"), ("Orders", "package"), ("Customers", "users"), ("Products", "cart"),
        ("Analytics", "chart"), ("Messages", "message"), ("Calendar", "calendar"), ("Settings", "settings")]
_PEOPLE = ["Maya Chen", "Jonas Weber", "Amara Okafor", "Luis Romero", "Sofia Rossi", "Kenji Sato", "Priya Nair",
           "Elena Petrova", "Tom Becker", "Aisha Rahman", "Noah Fischer", "Lea Martin"]
_COMPANIES = ["Northwind Ltd", "Bluefin Studio", "Acme Robotics", "Kestrel Foods", "Juniper Health", "Orbit Labs",
              "Lumen Energy", "Cedar & Co", "Pioneer Bikes", "Helix Bio"]
_PRODUCTS = [("Linen Overshirt", 89), ("Merino Crew Sweater", 120), ("Canvas Weekender", 145),
             ("Ceramic Pour-Over Set", 58), ("Trail Runner GTX", 139), ("Leather Card Holder", 45),
             ("Wool Beanie", 32), ("Insulated Bottle 750 ml", 36), ("Field Watch 38 mm", 210),
             ("Cotton Oxford Shirt", 75), ("Down Vest", 160), ("Desk Lamp Arc", 98)]


def _sidebar(b: _B, H: float, active: str) -> Element:
    kids = [b.el("sidebar", "logo", "logo", (24, 24, 132, 32))]
    y = 96.0
    for label, icon in _NAV:
        trailing = "12" if label == "Messages" else ""
        kids.append(b.el("sidebar", "nav-item", "list_item", (16, y, 224, 44), text=label, variant="nav",
                         props={"icon": icon, "active": label == active, "trailing": trailing}))
        y += 48
    kids.append(b.el("sidebar", "divider", "divider", (16, H - 96, 224, 16)))
    kids.append(b.el("sidebar", "account", "list_item", (24, H - 72, 208, 48), text="Maya Chen",
                     props={"avatar": "Maya Chen", "meta": "Admin", "divider": False}))
    return b.el("", "sidebar", "sidebar", (0, 0, 256, H), kids)


def _topbar(b: _B, x: float, W: float, placeholder: str = "Search orders, customers…") -> Element:
    w = W - x
    kids = [
        b.el("topbar", "search", "search", (x + 32, 14, 420, 44), props={"placeholder": placeholder}),
        b.el("topbar", "notifications", "icon", (W - 124, 24, 24, 24), props={"name": "bell"}),
        b.el("topbar", "help", "icon", (W - 164, 24, 24, 24), props={"name": "mail"}),
        b.el("topbar", "avatar", "avatar", (W - 72, 16, 40, 40), text="Maya Chen"),
    ]
    return b.el("", "topbar", "navbar", (x, 0, w, 72), kids)


def _header(b: _B, x: float, y: float, w: float, title: str, subtitle: str, actions: list[tuple[str, str, str]]) -> Element:
    kids = []
    ax = x + w
    for label, variant, icon in reversed(actions):
        bw = 24 + len(label) * 8.6 + (26 if icon else 0) + 24
        bw = round(bw / 4) * 4
        ax -= bw
        kids.append(b.el("header", "action", "button", (ax, y + 8, bw, 44), text=label, variant=variant,
                         props={"icon": icon} if icon else {}))
        ax -= 12
    return b.el("", "header", "header", (x, y, w, 60), kids[::-1], text=title, style="h2",
                props={"subtitle": subtitle})


def _money(v: float) -> str:
    return f"${v:,.2f}"


# -- archetypes --------------------------------------------------------------------------------
def _dashboard(b: _B, rng: random.Random, W: float, H: float, prompt: str) -> list[Element]:
    side = _sidebar(b, H, "Analytics" if "analytic" in prompt.lower() else "Dashboard")
    top = _topbar(b, 256, W)
    x0, pad, gap = 256 + 32, 32, 24
    cw = W - x0 - pad
    head = _header(b, x0, 72 + 28, cw, "Overview", "Here is how your store is doing this month.",
                   [("Export", "secondary", "download"), ("New report", "primary", "plus")])
    y = 72 + 28 + 60 + 28
    kpis = [("Revenue", f"${rng.randint(84, 139)},{rng.randint(100, 999)}", f"+{rng.randint(4, 18)}.{rng.randint(0, 9)}%"),
            ("Orders", f"{rng.randint(1, 4)},{rng.randint(100, 999)}", f"+{rng.randint(2, 9)}.{rng.randint(0, 9)}%"),
            ("Avg. order value", f"${rng.randint(48, 96)}.{rng.randint(10, 99)}", f"-{rng.randint(1, 4)}.{rng.randint(0, 9)}%"),
            ("Returning customers", f"{rng.randint(28, 46)}.{rng.randint(0, 9)}%", f"+{rng.randint(1, 6)}.{rng.randint(0, 9)}%")]
    kw = (cw - 3 * gap) / 4
    kh = 136
    cards = []
    for i, (label, value, delta) in enumerate(kpis):
        cx = x0 + i * (kw + gap)
        p = "kpis"
        kids = [
            b.el(p, "label", "text", (cx + 24, y + 24, kw - 48, 20), text=label, style="small"),
            b.el(p, "value", "heading", (cx + 24, y + 52, kw - 150, 36), text=value, style="h2", role="text"),
            b.el(p, "delta", "badge", (cx + 24, y + 96, 80, 24), text=delta,
                 role="success" if delta.startswith("+") else "danger"),
            b.el(p, "trend", "chart", (cx + kw - 124, y + 60, 96, 36), variant="sparkline",
                 role="success" if delta.startswith("+") else "danger",
                 props={"series": [[rng.randint(20, 60) for _ in range(10)]]}),
        ]
        cards.append(b.el("kpis", "kpi", "card", (cx, y, kw, kh), kids))
    y += kh + gap
    ch = 356
    lw = (cw - gap) * 0.64
    months = ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
    s1 = [rng.randint(38, 70) for _ in months]
    s1 = [v + i * 6 for i, v in enumerate(s1)]
    s2 = [max(10, v - rng.randint(8, 22)) for v in s1]
    line = b.el("charts", "revenue", "card", (x0, y, lw, ch), [
        b.el("charts/revenue", "chart", "chart", (x0 + 24, y + 72, lw - 48, ch - 96), variant="line",
             props={"series": [[v * 1000 for v in s1], [v * 1000 for v in s2]], "labels": months}),
    ], props={"title": "Revenue vs. last year", "action": "View report"})
    dw = cw - gap - lw
    donut = b.el("charts", "channels", "card", (x0 + lw + gap, y, dw, ch), [
        b.el("charts/channels", "chart", "chart", (x0 + lw + gap + 24, y + 80, dw - 48, ch - 104), variant="donut",
             props={"series": [[42, 27, 18, 13]], "labels": ["Online store", "Marketplace", "Retail", "Wholesale"],
                    "center_label": "orders", "total": f"{rng.randint(1200, 4800):,}"}),
    ], props={"title": "Sales by channel"})
    y += ch + gap
    th = H - y - pad
    tw = lw
    statuses = ["Paid", "Pending", "Shipped", "Paid", "Refunded", "Paid", "Processing"]
    rows = []
    for i in range(6):
        rows.append([f"#{rng.randint(10200, 10999)}", rng.choice(_PEOPLE), f"Nov {rng.randint(1, 24)}, 2026",
                     _money(rng.randint(24, 480) + rng.randint(0, 99) / 100), statuses[i % len(statuses)]])
    table = b.el("recent", "orders", "card", (x0, y, tw, th), [
        b.el("recent/orders", "table", "table", (x0 + 1, y + 64, tw - 2, th - 65),
             props={"columns": ["Order", "Customer", "Date", "Amount", "Status"], "rows": rows,
                    "align": ["left", "left", "left", "right", "left"], "widths": [0.9, 1.5, 1.2, 1.0, 1.0],
                    "status_column": 4, "row_height": 48}),
    ], props={"title": "Recent orders", "action": "See all"})
    lx = x0 + tw + gap
    items = []
    ly = y + 68
    for i, name in enumerate(rng.sample(_PEOPLE, 5)):
        if ly + 56 > y + th - 12:
            break
        items.append(b.el("recent/customers/list", "item", "list_item", (lx + 24, ly, dw - 48, 56), text=name,
                          props={"avatar": name, "meta": f"{rng.randint(3, 28)} orders", "trailing":
                                 _money(rng.randint(900, 4800)), "divider": i < 4}))
        ly += 56
    lst = b.el("recent", "customers", "card", (lx, y, dw, th),
               [b.el("recent/customers", "list", "list", (lx + 24, y + 68, dw - 48, th - 80), items)],
               props={"title": "Top customers"})
    return [side, top, head, *cards, line, donut, table, lst]


def _orders(b: _B, rng: random.Random, W: float, H: float, prompt: str) -> list[Element]:
    side = _sidebar(b, H, "Orders")
    top = _topbar(b, 256, W)
    x0, pad, gap = 256 + 32, 32, 24
    cw = W - x0 - pad
    head = _header(b, x0, 100, cw, "Orders", f"{rng.randint(1200, 2400):,} orders in the last 30 days",
                   [("Export CSV", "secondary", "download"), ("Create order", "primary", "plus")])
    y = 100 + 60 + 24
    tabs = b.el("", "status-tabs", "tabs", (x0, y, cw, 44),
                props={"items": ["All orders", "Pending", "Shipped", "Delivered", "Refunded"], "active": 0})
    y += 44 + gap
    card_h = H - y - pad
    filters = [
        b.el("orders", "search", "search", (x0 + 24, y + 20, 360, 44), props={"placeholder": "Search by order or customer"}),
        b.el("orders", "status", "select", (x0 + 24 + 360 + 16, y + 20, 200, 44), props={"value": "Any status"}),
        b.el("orders", "date", "select", (x0 + 24 + 576 + 16, y + 20, 200, 44), props={"value": "Last 30 days"}),
        b.el("orders", "filter", "button", (x0 + cw - 24 - 120, y + 20, 120, 44), text="Filters", variant="ghost",
             props={"icon": "filter"}),
    ]
    statuses = ["Delivered", "Pending", "Shipped", "Delivered", "Refunded", "Processing", "Shipped", "Delivered",
                "Pending", "Delivered", "Shipped", "Cancelled"]
    rows = []
    for i in range(12):
        rows.append([rng.choice(_PEOPLE), f"#{rng.randint(20100, 29999)}", rng.choice(_COMPANIES),
                     f"Nov {rng.randint(1, 24)}, 2026", str(rng.randint(1, 9)),
                     _money(rng.randint(30, 2400) + rng.randint(0, 99) / 100), statuses[i]])
    table_y = y + 20 + 44 + 20
    table_h = card_h - (table_y - y) - 72
    table = b.el("orders", "table", "table", (x0 + 1, table_y, cw - 2, table_h),
                 props={"columns": ["Customer", "Order", "Company", "Date", "Items", "Total", "Status"], "rows": rows,
                        "align": ["left", "left", "left", "left", "right", "right", "left"],
                        "widths": [1.6, 0.9, 1.4, 1.1, 0.6, 1.0, 1.0], "status_column": 6, "avatar_first": True,
                        "row_height": 56})
    foot = [
        b.el("orders", "count", "text", (x0 + 24, y + card_h - 46, 320, 20), text="Showing 1–12 of 1,842",
             style="small"),
        b.el("orders", "pagination", "pagination", (x0 + cw - 24 - 420, y + card_h - 56, 420, 40),
             props={"page": 1, "pages": 154}),
    ]
    card = b.el("", "orders", "card", (x0, y, cw, card_h), [*filters, table, *foot])
    return [side, top, head, tabs, card]


def _navbar(b: _B, W: float, links: list[str], active: str, cart: bool = False) -> Element:
    kids = [b.el("navbar", "logo", "logo", (48, 20, 128, 32))]
    kids.append(b.el("navbar", "links", "tabs", (224, 14, 640, 44), variant="nav",
                     props={"items": links, "active": links.index(active) if active in links else -1}))
    kids.append(b.el("navbar", "search", "search", (W - 48 - 40 - 32 - 40 - 24 - 360, 14, 360, 44),
                     props={"placeholder": "Search products"}))
    kids.append(b.el("navbar", "cart" if cart else "bell", "icon", (W - 48 - 40 - 32 - 32, 24, 24, 24),
                     props={"name": "cart" if cart else "bell"}))
    kids.append(b.el("navbar", "avatar", "avatar", (W - 48 - 40, 16, 40, 40), text="Jonas Weber"))
    return b.el("", "navbar", "navbar", (0, 0, W, 72), kids)


def _checkout(b: _B, rng: random.Random, W: float, H: float, prompt: str) -> list[Element]:
    nav = _navbar(b, W, ["Shop", "Collections", "Journal", "Support"], "Shop", cart=True)
    x0, gap = 160, 32
    cw = W - 2 * x0
    crumbs = b.el("", "breadcrumb", "breadcrumb", (x0, 96, 400, 20), props={"items": ["Cart", "Checkout", "Payment"]})
    title = b.el("", "title", "heading", (x0, 124, 600, 36), text="Checkout", style="h2")
    steps = b.el("", "steps", "progress", (x0 + cw - 720, 128, 720, 28), variant="steps",
                 props={"steps": ["Cart", "Shipping", "Payment", "Review"], "current": 2})
    y = 188
    lw = cw * 0.6
    fh = H - y - 40
    fx = x0 + 32
    fw = lw - 64
    half = (fw - 24) / 2
    third = (fw - 48) / 3
    p = "form"
    form = [
        b.el(p, "contact", "heading", (fx, y + 28, fw, 26), text="Contact", style="title"),
        b.el(p, "email", "input", (fx, y + 64, fw, 72), props={"label": "Email", "value": "jonas.weber@mail.com"}),
        b.el(p, "shipping", "heading", (fx, y + 160, fw, 26), text="Shipping address", style="title"),
        b.el(p, "first", "input", (fx, y + 196, half, 72), props={"label": "First name", "value": "Jonas"}),
        b.el(p, "last", "input", (fx + half + 24, y + 196, half, 72), props={"label": "Last name", "value": "Weber"}),
        b.el(p, "address", "input", (fx, y + 284, fw, 72), props={"label": "Address", "value": "Torstraße 118"}),
        b.el(p, "city", "input", (fx, y + 372, third, 72), props={"label": "City", "value": "Berlin"}),
        b.el(p, "zip", "input", (fx + third + 24, y + 372, third, 72), props={"label": "Postal code", "value": "10119"}),
        b.el(p, "country", "select", (fx + 2 * (third + 24), y + 372, third, 72),
             props={"label": "Country", "value": "Germany"}),
        b.el(p, "payment", "heading", (fx, y + 476, fw, 26), text="Payment", style="title"),
        b.el(p, "card", "input", (fx, y + 512, fw, 72),
             props={"label": "Card number", "value": "4242 4242 4242 4242", "focused": True}),
        b.el(p, "expiry", "input", (fx, y + 600, half, 72), props={"label": "Expiry", "placeholder": "MM / YY"}),
        b.el(p, "cvc", "input", (fx + half + 24, y + 600, half, 72),
             props={"label": "CVC", "placeholder": "3 digits", "helper": "The last three digits on the back"}),
        b.el(p, "save", "checkbox", (fx, y + 704, fw, 24), text="Save this card for faster checkout",
             props={"checked": True}),
    ]
    form_card = b.el("", "form", "card", (x0, y, lw, min(fh, 760)), form)
    sx = x0 + lw + gap
    sw = cw - lw - gap
    items = rng.sample(_PRODUCTS, 3)
    qty = [1, 2, 1]
    s = "summary"
    kids = []
    iy = y + 76
    for (name, price), q in zip(items, qty):
        kids.append(b.el(s, "thumb", "image", (sx + 24, iy, 64, 64), role="secondary", props={"motif": "product"}))
        kids.append(b.el(s, "item", "text", (sx + 104, iy + 8, sw - 230, 24), text=name, style="body-strong", role="text"))
        kids.append(b.el(s, "qty", "text", (sx + 104, iy + 34, sw - 230, 20), text=f"Qty {q}", style="small"))
        kids.append(b.el(s, "price", "text", (sx + sw - 24 - 110, iy + 20, 110, 24), text=_money(price * q),
                         style="body-strong", role="text", props={"align": "right"}))
        iy += 88
    subtotal = sum(pr * q for (_, pr), q in zip(items, qty))
    ship = 9.0
    tax = round(subtotal * 0.19, 2)
    kids.append(b.el(s, "divider", "divider", (sx + 24, iy, sw - 48, 16)))
    iy += 28
    kids.append(b.el(s, "promo", "input", (sx + 24, iy, sw - 48 - 112, 44), props={"placeholder": "Discount code"}))
    kids.append(b.el(s, "apply", "button", (sx + sw - 24 - 100, iy, 100, 44), text="Apply", variant="secondary"))
    iy += 68
    for label, val in (("Subtotal", subtotal), ("Shipping", ship), ("VAT (19 %)", tax)):
        kids.append(b.el(s, "row", "text", (sx + 24, iy, 200, 24), text=label, style="body"))
        kids.append(b.el(s, "value", "text", (sx + sw - 24 - 140, iy, 140, 24), text=_money(val), style="body",
                         role="text", props={"align": "right"}))
        iy += 36
    kids.append(b.el(s, "divider", "divider", (sx + 24, iy, sw - 48, 16)))
    iy += 28
    total = subtotal + ship + tax
    kids.append(b.el(s, "total-label", "text", (sx + 24, iy, 200, 30), text="Total", style="title", role="text"))
    kids.append(b.el(s, "total", "heading", (sx + sw - 24 - 200, iy - 2, 200, 36), text=_money(total), style="h3",
                     props={"align": "right"}))
    iy += 60
    kids.append(b.el(s, "pay", "button", (sx + 24, iy, sw - 48, 52), text=f"Pay {_money(total)}", variant="primary",
                     props={"icon": "lock"}))
    iy += 68
    kids.append(b.el(s, "note", "text", (sx + 24, iy, sw - 48, 40),
                     text="Free returns within 30 days. Payments are encrypted and processed securely.",
                     style="caption", props={"align": "center"}))
    summary = b.el("", "summary", "card", (sx, y, sw, min(fh, iy + 64 - y)), kids, props={"title": "Order summary",
                                                                           "action": "Edit cart"})
    return [nav, crumbs, title, steps, form_card, summary]


def _sign_in(b: _B, rng: random.Random, W: float, H: float, prompt: str) -> list[Element]:
    signup = any(k in prompt.lower() for k in ("sign up", "signup", "register", "create account"))
    lw = W * 0.46
    p = "brand"
    brand = [
        b.el(p, "logo", "logo", (64, 56, 160, 40)),
        b.el(p, "headline", "heading", (64, 280, lw - 160, 124), text="Run your whole business from one calm place.",
             style="display", role="text"),
        b.el(p, "pitch", "text", (64, 428, lw - 200, 52),
             text="Orders, payments and customers in one dashboard, trusted by 12,000 independent shops.",
             style="title", role="text-muted"),
        b.el(p, "art", "image", (64, 520, lw - 128, H - 520 - 64), role="secondary", props={"motif": "landscape"}),
    ]
    panel = b.el("", "brand", "card", (0, 0, lw, H), brand, role="surface-muted", variant="flat")
    fx = lw + (W - lw - 440) / 2
    fw = 440
    y = (H - 640) / 2
    f = "form"
    title = "Create your account" if signup else "Welcome back"
    kids = [
        b.el(f, "title", "heading", (fx, y, fw, 44), text=title, style="h1"),
        b.el(f, "subtitle", "text", (fx, y + 52, fw, 24),
             text="Start your 14-day free trial." if signup else "Sign in to continue to your dashboard.",
             style="body"),
        b.el(f, "email", "input", (fx, y + 108, fw, 72), props={"label": "Work email", "placeholder": "you@company.com"}),
        b.el(f, "password", "input", (fx, y + 200, fw, 100),
             props={"label": "Password", "value": "••••••••••", "focused": True,
                    "helper": "At least 12 characters" if signup else ""}),
        b.el(f, "remember", "checkbox", (fx, y + 316, 220, 24), text="Remember me", props={"checked": True}),
        b.el(f, "forgot", "text", (fx + fw - 140, y + 318, 140, 20), text="Forgot password?", style="label",
             role="primary", props={"align": "right"}),
        b.el(f, "submit", "button", (fx, y + 372, fw, 52), text="Create account" if signup else "Sign in",
             variant="primary"),
        b.el(f, "or", "divider", (fx, y + 448, fw, 16)),
        b.el(f, "sso", "button", (fx, y + 488, fw, 52), text="Continue with single sign-on", variant="secondary",
             props={"icon": "lock"}),
        b.el(f, "switch", "text", (fx, y + 572, fw, 20),
             text="Already have an account? Sign in" if signup else "New here? Create an account",
             style="small", props={"align": "center"}),
    ]
    foot = b.el("", "legal", "text", (fx, H - 56, fw, 20), text="© 2026 · Privacy · Terms", style="caption",
                props={"align": "center"})
    return [panel, *kids, foot]


def _settings(b: _B, rng: random.Random, W: float, H: float, prompt: str) -> list[Element]:
    side = _sidebar(b, H, "Settings")
    top = _topbar(b, 256, W, "Search settings")
    x0, pad, gap = 256 + 32, 32, 24
    cw = W - x0 - pad
    head = _header(b, x0, 100, cw, "Settings", "Manage your profile, notifications and security.",
                   [("Cancel", "secondary", ""), ("Save changes", "primary", "check")])
    y = 184
    tabs = b.el("", "tabs", "tabs", (x0, y, cw, 44),
                props={"items": ["Profile", "Notifications", "Billing", "Team", "Security"], "active": 0})
    y += 44 + gap
    lw = (cw - gap) * 0.58
    ch = H - y - pad
    px_ = x0 + 32
    pw = lw - 64
    half = (pw - 24) / 2
    p = "profile"
    prof = [
        b.el(p, "avatar", "avatar", (px_, y + 76, 72, 72), text="Maya Chen"),
        b.el(p, "upload", "button", (px_ + 96, y + 90, 148, 44), text="Change photo", variant="secondary",
             props={"icon": "download"}),
        b.el(p, "remove", "button", (px_ + 256, y + 90, 96, 44), text="Remove", variant="ghost"),
        b.el(p, "first", "input", (px_, y + 176, half, 72), props={"label": "First name", "value": "Maya"}),
        b.el(p, "last", "input", (px_ + half + 24, y + 176, half, 72), props={"label": "Last name", "value": "Chen"}),
        b.el(p, "email", "input", (px_, y + 268, pw, 100),
             props={"label": "Email", "value": "maya.chen@northwind.io",
                    "helper": "We send receipts and security alerts here."}),
        b.el(p, "role", "select", (px_, y + 384, half, 72), props={"label": "Role", "value": "Administrator"}),
        b.el(p, "tz", "select", (px_ + half + 24, y + 384, half, 72),
             props={"label": "Time zone", "value": "Europe/Berlin (UTC+1)"}),
        b.el(p, "bio", "text", (px_, y + 480, pw, 48),
             text="Your profile is visible to teammates in your workspace. Changes apply after you save.",
             style="small"),
    ]
    profile = b.el("", "profile", "card", (x0, y, lw, min(ch, 560)), prof, props={"title": "Profile"})
    rx = x0 + lw + gap
    rw = cw - lw - gap
    n = "notifications"
    opts = [("New orders", True), ("Payment received", True), ("Low stock alerts", True), ("Weekly summary", False),
            ("Product updates", False)]
    kids = []
    ny = y + 76
    for label, on in opts:
        kids.append(b.el(n, "toggle", "toggle", (rx + 24, ny, rw - 48, 28), text=label, props={"on": on}))
        ny += 48
    kids.append(b.el(n, "divider", "divider", (rx + 24, ny, rw - 48, 16)))
    ny += 32
    kids.append(b.el(n, "channel", "heading", (rx + 24, ny, rw - 48, 26), text="Deliver to", style="title"))
    ny += 40
    for i, label in enumerate(("Email and in-app", "In-app only", "Do not disturb")):
        kids.append(b.el(n, "radio", "radio", (rx + 24, ny, rw - 48, 28), text=label, props={"checked": i == 0}))
        ny += 40
    nh = ny - y + 16
    notif = b.el("", "notifications", "card", (rx, y, rw, nh), kids, props={"title": "Notifications"})
    dy = y + nh + gap
    danger = b.el("", "danger-zone", "card", (rx, dy, rw, H - pad - dy), [
        b.el("danger-zone", "warning", "text", (rx + 24, dy + 64, rw - 48, 48),
             text="Deleting your workspace removes all orders, customers and reports. This cannot be undone.",
             style="small"),
        b.el("danger-zone", "delete", "button", (rx + 24, dy + 128, 200, 44), text="Delete workspace",
             variant="destructive"),
    ], props={"title": "Danger zone"})
    return [side, top, head, tabs, profile, notif, danger]


def _products(b: _B, rng: random.Random, W: float, H: float, prompt: str) -> list[Element]:
    nav = _navbar(b, W, ["New in", "Men", "Women", "Home", "Sale"], "New in", cart=True)
    x0 = 48
    cw = W - 2 * x0
    crumbs = b.el("", "breadcrumb", "breadcrumb", (x0, 96, 400, 20), props={"items": ["Home", "Shop", "New in"]})
    title = b.el("", "title", "heading", (x0, 124, 600, 36), text="New arrivals", style="h2")
    count = b.el("", "count", "text", (x0, 166, 400, 20), text="148 products", style="small")
    sort = b.el("", "sort", "select", (W - x0 - 240, 124, 240, 44), props={"value": "Sort: Newest"})
    y = 212
    fw = 240
    f = "filters"
    fk = [b.el(f, "category", "heading", (x0, y, fw, 26), text="Category", style="title")]
    fy = y + 40
    for i, c in enumerate(("Outerwear", "Knitwear", "Bags", "Footwear", "Accessories")):
        fk.append(b.el(f, "check", "checkbox", (x0, fy, fw, 24), text=c, props={"checked": i in (0, 2)}))
        fy += 36
    fy += 16
    fk.append(b.el(f, "price", "heading", (x0, fy, fw, 26), text="Price", style="title"))
    fy += 40
    for i, c in enumerate(("Under $50", "$50 – $100", "$100 – $200", "Over $200")):
        fk.append(b.el(f, "radio", "radio", (x0, fy, fw, 24), text=c, props={"checked": i == 1}))
        fy += 36
    fy += 16
    fk.append(b.el(f, "stock", "toggle", (x0, fy, fw, 28), text="In stock only", props={"on": True}))
    filters = b.el("", "filters", "list", (x0, y, fw, fy + 28 - y), fk)
    gx = x0 + fw + 40
    gw = W - x0 - gx
    cols, gap = 4, 24
    cwid = (gw - (cols - 1) * gap) / cols
    chh = (H - y - 72 - gap) / 2
    cards = []
    picks = rng.sample(_PRODUCTS, 8)
    for i, (name, price) in enumerate(picks):
        r, c = divmod(i, cols)
        cx, cy = gx + c * (cwid + gap), y + r * (chh + gap)
        p = "grid"
        img_h = chh - 124
        kids = [
            b.el(p, "photo", "image", (cx + 12, cy + 12, cwid - 24, img_h), role="surface-muted",
                 props={"motif": "product"}),
            b.el(p, "name", "text", (cx + 20, cy + img_h + 28, cwid - 40, 24), text=name, style="body-strong",
                 role="text"),
            b.el(p, "price", "text", (cx + 20, cy + img_h + 58, 120, 24), text=_money(price), style="body"),
        ]
        if i in (1, 5):
            kids.append(b.el(p, "tag", "badge", (cx + 24, cy + 24, 60, 24), text="New", role="info"))
        if i == 3:
            kids.append(b.el(p, "tag", "badge", (cx + 24, cy + 24, 60, 24), text="Low stock", role="warning"))
        kids.append(b.el(p, "add", "button", (cx + cwid - 20 - 44, cy + img_h + 36, 44, 44), text="",
                         variant="secondary", props={"icon": "plus"}))
        cards.append(b.el("grid", "product", "card", (cx, cy, cwid, chh), kids))
    pag = b.el("", "pagination", "pagination", (gx, H - 60, gw, 40), props={"page": 1, "pages": 12})
    return [nav, crumbs, title, count, sort, filters, *cards, pag]


_ARCH_FUNCS = {
    "dashboard": _dashboard,
    "orders": _orders,
    "checkout": _checkout,
    "sign-in": _sign_in,
    "settings": _settings,
    "products": _products,
}

