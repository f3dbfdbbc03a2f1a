"""Procedural scene composer: page archetypes chosen from the prompt, laid out with flex.

Each archetype describes its page as a tree of `engine.layout.flex` nodes (rows, columns, cards,
components) for a device class — desktop (1920×1080 design px), tablet (1366×1024, an icon
rail and fewer columns) or mobile (430×932, top app bar, one column, bottom tab bar). The flex
engine sizes and places every block with the design system's spacing scale and measured text;
boxes are then scaled to canvas pixels. It is the baseline generator (``sampler="procedural"``).

`route_prompt` picks the page: the coarse archetypes of `conditioning` plus the finer pages of
`PAGE_ROUTES` (built in `engine.compose.pages`). A style family (`STYLE_AXES`: navigation placement,
density, columns, card style) restyles any page; `compose_page` builds one archetype exactly.
"""

from __future__ import annotations

import random

from conditioning import ARCHETYPES, choose_archetype
from engine.compose.domain_copy import PEOPLE, Domain, page_domain, purchase
from engine.compose.parts import (
    PageContext,
    app_shell,
    button,
    card,
    check,
    el,
    field,
    filter_chip,
    format_money,
    grid,
    heading,
    kpi_card,
    member_email,
    one_primary,
    order_items,
    page_header,
    site_shell,
    spacer,
    status_role_of,
    text,
    with_text,
)
from engine.layout import flex as L
from engine.layout.flex import Node, col, fill, fixed, hug, row
from scene.devices import DEVICES, device_for_size
from scene.model import Scene

__all__ = ["ARCHETYPES", "DEVICES", "PAGE_ROUTES", "STYLE_AXES", "choose_archetype", "compose", "device_for_size",
           "route_prompt"]

#: The axes of a page's style family and their values (the first value of each is not a default:
#: every archetype has its own, see `PageContext`).
STYLE_AXES: dict[str, tuple] = {
    "nav": ("sidebar", "topbar", "rail", "none"),
    "density": ("compact", "comfortable", "spacious"),
    "columns": (1, 2, 3, 4),
    "card": ("elevated", "outlined", "flat"),
}

#: Spacing-step change of every gap and padding per density.
_DENSITY_STEP = {"compact": -1, "comfortable": 0, "spacious": 1}

def compose(prompt: str, width: int, height: int, seed: int = 0, archetype: str | None = None,
            device: str | None = None, theme=None, style: dict | None = None,
            domain: Domain | None = None) -> Scene:
    """A scene for `prompt` at `width`×`height` canvas pixels.

    `device` picks the layout class (default: from the canvas shape); `theme` (an
    `engine.render.theme.Theme`) supplies the spacing scale and font metrics — without it, text is
    measured with a font-free estimate. `archetype` defaults to `route_prompt(prompt)`; an
    archetype equal to the coarse `choose_archetype(prompt)` is refined by the same routing,
    so a prompt for a pricing page reaches it through callers of either. `style` picks values
    on the `STYLE_AXES` (navigation, density, columns, card style); `domain` overrides the
    copy domain read from the prompt.
    """
    return compose_page(_routed(prompt, archetype), prompt, width, height, seed, device, theme, style, domain)

def compose_page(arch: str, prompt: str, width: int, height: int, seed: int = 0, device: str | None = None,
                 theme=None, style: dict | None = None, domain: Domain | None = None) -> Scene:
    """`compose` for exactly the archetype `arch` (no routing from the prompt); curriculum names
    (`ALIASES`) and the pages of `engine.compose.pages` are accepted."""
    device = device or device_for_size(width, height)
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r} (use {', '.join(DEVICES)})")
    style = dict(style or {})
    for axis, value in style.items():
        if axis not in STYLE_AXES or value not in STYLE_AXES[axis]:
            raise ValueError(f"unknown style {axis}={value!r}; axes: "
                             + "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in STYLE_AXES.items()))
    scale = width / DEVICES[device][1]
    W, H = width / scale, height / scale
    ctx = PageContext(device, random.Random(f"{seed}:{arch}"), prompt, domain or page_domain(prompt, arch), arch, style)
    root = _arch_func(arch)(ctx)
    _apply_style(root, style)
    lay = L.Layout.for_theme(theme) if theme is not None else L.Layout()
    lay.run(root, W, H)
    elements, item = L.emit(root)
    items = [item] if item is not None else []
    if any(k in prompt.lower() for k in _DIALOG_WORDS):
        over = _dialog(ctx, arch)
        lay.run(over, W, H)
        over_els, over_item = L.emit(over)
        elements += over_els
        items += [over_item] if over_item is not None else []
    one_primary(elements)
    scene = Scene(width=width, height=height, scale=scale, archetype=arch, prompt=prompt, seed=seed,
                  elements=elements, layout={"items": items})
    return scaled_scene(scene, scale)

#: Page archetypes beyond the coarse ones of `conditioning.ARCHETYPES`, and the phrases that ask
#: for them (matched as substrings of the lower-cased prompt, scored like `archetype_scores`).
PAGE_ROUTES: dict[str, tuple[str, ...]] = {
    "sign-in": ("log in", "log-in", "login", "sign in", "sign-in", "signin"),
    "analytics": ("analytics", "funnel", "cohort", "traffic", "conversion rate", "retention", "insights",
                  "bar chart", "web stats", "reporting view", "stats page", "trend chart", "weekday"),
    "sign-up": ("sign up", "sign-up", "signup", "register", "create account", "create an account",
                "registration", "join ", "sign up form", "sign up page", "sign-up page", "free-trial"),
    "product-detail": ("product detail", "product page", "item page", "pdp", "add to cart", "single product"),
    "profile": ("profile page", "user profile", "public profile", "member profile", "portfolio", "about me",
                "personal page", "profile of"),
    "inbox": ("inbox", "email", "e-mail", "mailbox", "messages list", "list of messages", "unread", "mail app"),
    "chat": ("chat", "messenger", "conversation", "direct message", "support thread"),
    "calendar": ("calendar", "schedule", "agenda", "planner", "bookings", "events this"),
    "pricing": ("pricing", "plans and prices", "price plans", "tiers", "subscription plans", "compare plans",
                "plans page", "plan cards", "monthly/yearly"),
    "landing": ("landing", "homepage", "home page", "marketing page", "hero section", "website for"),
    "onboarding": ("onboarding", "welcome flow", "get started", "getting started", "setup wizard", "first run",
                   "welcome screen"),
    "search-results": ("search results", "results page", "search page", "results for"),
    "article": ("article", "blog post", "blog", "news story", "story page", "essay", "help article", "guide"),
    "file-manager": ("file manager", "files", "documents", "folders", "drive", "storage", "uploads",
                     "file browser", "recent files", "folder cards", "upload button", "document browser"),
    "empty-state": ("empty state", "empty", "no results yet", "nothing here", "zero state", "blank state",
                    "first use"),
    "mobile-feed": ("feed", "timeline", "posts", "social", "stories", "news feed"),
    "mobile-detail": ("detail view", "details screen", "detail screen", "order detail", "record detail",
                      "details page", "detail page", "item details"),
}

#: Finer pages that are a kind of a coarse archetype: on a tie they win ("register …" is a sign-up page).
REFINES = {"sign-up": "sign-in", "analytics": "dashboard", "product-detail": "products"}

#: Curriculum names of the coarse archetypes.
ALIASES = {"product-list": "products", "table-admin": "orders"}

def route_prompt(prompt: str) -> str:
    """The page archetype a prompt asks for: the coarse archetypes of `choose_archetype` and the
    finer pages of `PAGE_ROUTES`, by total length of the phrases found (ties keep the coarse one)."""
    import re

    from conditioning import archetype_scores

    p = " " + re.sub(r"\s+", " ", prompt.lower()) + " "
    coarse = choose_archetype(prompt)
    best, score = coarse, archetype_scores(prompt)[coarse]
    for name, words in PAGE_ROUTES.items():
        n = sum(len(w) for w in words if w in p)
        if n > score or n and n == score and REFINES.get(name) == coarse:
            best, score = name, n
    return best

def _routed(prompt: str, archetype: str | None) -> str:
    if archetype is None or archetype == choose_archetype(prompt):
        return route_prompt(prompt)
    return archetype

def _arch_func(arch: str):
    fn = _ARCH_FUNCS.get(ALIASES.get(arch, arch))
    if fn is None:
        from engine.compose.pages import PAGES

        fn = PAGES.get(arch)
    if fn is None:
        from engine.compose.pages import PAGES

        known = sorted(set(_ARCH_FUNCS) | set(ALIASES) | set(PAGES))
        raise ValueError(f"unknown archetype {arch!r} (use {', '.join(known)})")
    return fn

def _apply_style(root: Node, style: dict) -> None:
    """Density moves every gap and padding one spacing step down (compact) or up (spacious) and
    resizes list rows; the card style gives cards a shadow (elevated), a hairline only
    (outlined) or a muted fill without shadow (flat)."""
    step = _DENSITY_STEP.get(style.get("density", "comfortable"), 0)
    kind = style.get("card", "")

    def nudge(v: int) -> int:
        return v if v <= 0 else max(1, min(9, v + step))

    stack = [root]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if step:
            n.gap = nudge(n.gap)
            n.padding = tuple(nudge(v) for v in n.padding) if isinstance(n.padding, tuple) else nudge(n.padding)
            if n.kind == "list_item" and n.height.mode == "fixed" and n.el.get("variant") not in ("nav", "tab"):
                n.height = fixed(n.height.value + 8 * step)
            props = n.el.get("props") or {}
            if n.kind == "table":
                props["row_height"] = props.get("row_height", 52) + 6 * step
        if n.kind == "card" and kind and n.el.get("variant") != "panel" and not (n.el.get("props") or {}).get("bubble"):
            if kind == "outlined":
                n.el["variant"] = "flat"
            elif kind == "flat":
                n.el["variant"] = "flat"
                n.el.setdefault("role", "surface-muted")
            else:
                n.el.setdefault("props", {})["elevation"] = "md"

def scaled_scene(scene: Scene, s: float) -> Scene:
    def sc(e):
        x, y, w, h = e.box
        return e.model_copy(update={"box": (round(x * s, 2), round(y * s, 2), round(w * s, 2), round(h * s, 2)),
                                    "children": [sc(c) for c in e.children]})

    return scene.model_copy(update={"elements": [sc(e) for e in scene.elements]})

_DIALOG_WORDS = ("modal", "dialog", "confirm", "popup", "pop-up")

def dialog_copy(arch: str, d: Domain) -> tuple[str, str, str, str]:
    """A confirmation dialog's title, message, confirm label and checkbox label for a page type."""
    what = d.records.lower()[:-1] if d.records.endswith("s") else d.records.lower()
    return {
        "settings": ("Delete this workspace?", f"All {d.records.lower()}, people and reports in the workspace will be "
                     "removed for everyone. This cannot be undone.", "Delete workspace", "Email a final export to admins"),
        "checkout": ("Remove this item?", "It will leave your cart; saved items stay in your wishlist.", "Remove item",
                     "Save it to my wishlist"),
        "products": ("Remove from wishlist?", "You can add it again at any time from the product page.", "Remove",
                     "Notify me when it is back in stock"),
        "sign-in": ("Sign out everywhere?", "Every device signed in to this account will need to sign in again.",
                    "Sign out", "Also revoke app passwords"),
    }.get(arch, (f"Delete this {what}?", f"This {what} and its history will be removed for everyone in the "
                 "workspace. This cannot be undone.", f"Delete {what}", "Email the people involved"))

def _dialog(c: PageContext, arch: str) -> Node:
    """A confirmation dialog centred over the page (drawn above its scrim)."""
    title, msg, confirm, check_label = dialog_copy(arch, c.domain)
    body = col(text("body", msg, "body", lines=4),
               check("notify", "checkbox", check_label, True),
               row(button("cancel", "Cancel", "secondary"), button("confirm", confirm, "destructive", "x"),
                   gap=3, justify="end", width=fill()),
               name="modal", kind="modal", gap=5, padding=(9, 6, 6, 6), width=fixed(c.pick(520, 480, 380)),
               el={"text": title})
    return col(body, name="overlay", justify="center", align="center", width=fill(), height=fill())

def dialog_scene(prompt: str, width: int, height: int, archetype: str, device: str = "desktop", seed: int = 0,
                 theme=None) -> Scene:
    """The confirmation dialog `compose` draws over a page of `archetype` when its prompt asks for
    one, alone on a `width` × `height` scene (canvas px): for a sampled page whose layout has none."""
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r}")
    scale = width / DEVICES[device][1]
    W, H = width / scale, height / scale
    ctx = PageContext(device, random.Random(f"{seed}:{archetype}"), prompt, page_domain(prompt, archetype), archetype)
    over = _dialog(ctx, archetype)
    lay = L.Layout.for_theme(theme) if theme is not None else L.Layout()
    lay.run(over, W, H)
    elements, _item = L.emit(over)
    return scaled_scene(Scene(width=width, height=height, scale=scale, archetype=archetype, prompt=prompt, seed=seed,
                              elements=elements), scale)

def _dashboard(c: PageContext) -> Node:
    rng, d = c.rng, c.domain
    analytics = "analytic" in c.prompt.lower()
    n_kpi = max(2, c.cols(c.pick(4, 4, 2), mobile_max=2, tablet_max=4))
    kpi_nodes = [kpi_card(c, *k) for k in d.kpis(rng)[:n_kpi if not c.mobile else 4]]
    kpi_grid = grid(kpi_nodes, n_kpi, gap=5 if not c.mobile else 4, name="kpis")
    months = ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
    s1 = [rng.randint(38, 70) + i * 6 for i in range(6)]
    s2 = [max(10, v - rng.randint(8, 22)) for v in s1]
    line = card("revenue", el("chart", "chart", w=fill(), h=fill(min=160), variant="line",
                              props={"series": [[v * d.trend_scale for v in s1], [v * d.trend_scale for v in s2]],
                                     "labels": months, "legend": ["This year", "Last year"]}),
                title=d.trend_title, action="View report", w=fill(64), h=fill(min=240))
    shares = sorted((rng.randint(8, 45) for _ in d.mix_labels), reverse=True)
    donut = card("channels", el("chart", "chart", w=fill(), h=fill(min=160), variant="donut",
                                props={"series": [shares], "labels": list(d.mix_labels),
                                       "center_label": d.mix_center, "total": f"{rng.randint(1200, 4800):,}"}),
                 title=d.mix_title, w=fill(36), h=fill(min=240))
    cols_all, rows_all, align_all, widths_all = d.table(rng, 8)
    keep = [1, 0, 3, 5, 6] if c.device != "tablet" else [1, 0, 5, 6]
    cols_ = [cols_all[k] for k in keep]
    rows = [[r[k] for k in keep] for r in rows_all]
    align = [align_all[k] for k in keep]
    widths = [widths_all[k] for k in keep]
    table = card("orders", el("table", "table", w=fill(), h=fill(min=150),
                              props={"columns": cols_, "rows": rows, "align": align, "widths": widths,
                                     "status_column": len(cols_) - 1, "row_height": 48, "inset": 16}),
                 title=f"Recent {d.records.lower()}", action="See all", w=fill(64), h=fill(min=240), pad=5)
    people = d.list_items(rng)
    items = [list_item(i, *p, i < 4) for i, p in enumerate(people)]
    lst = card("customers", col(*items, name="list", kind="list", width=fill(), height=fill(), overflow="drop"),
               title=d.list_title, w=fill(36), h=fill(min=240))
    head = page_header(c, "Analytics" if analytics else d.overview, d.subtitle,
                   [("Export", "secondary", "download"), ("New report", "primary", "plus")])
    if c.mobile:
        items3 = [list_item(i, *p, i < 1) for i, p in enumerate(people[:2])]
        line.height = fill(min=200)
        lst = card("customers", col(*items3, name="list", kind="list", width=fill()), title=d.list_title)
        body = [head, kpi_grid, line, lst]
    elif c.device == "tablet":
        line.width, line.height = fill(), fixed(288)
        table.height = fill(min=200)
        body = [head, kpi_grid, row(line, name="charts", width=fill()),
                row(table, name="recent", width=fill(), height=fill())]
    else:
        body = [head, kpi_grid, row(line, donut, name="charts", gap=5, width=fill(), height=fill(1.1)),
                row(table, lst, name="recent", gap=5, width=fill(), height=fill())]
    return app_shell(c, "Analytics" if analytics else d.nav[0][0], d.search, body,
                "Analytics" if analytics else d.overview)

def list_item(i: int, name: str, meta: str, trailing: str, divider: bool) -> Node:
    n = el("item", "list_item", w=fill(), h=56, props={"avatar": name, "meta": meta, "trailing": trailing,
                                                       "divider": divider})
    n.el["text"] = name
    return n

def _orders(c: PageContext) -> Node:
    rng, d = c.rng, c.domain
    cols_, rows, align, widths = d.table(rng, 14)
    statuses = sorted({r[-1] for r in rows}, key=lambda v: [r[-1] for r in rows].index(v))
    rec = d.records
    head = page_header(c, rec, f"{rng.randint(1200, 2400):,} {rec.lower()} in the last 30 days",
                   [("Export CSV", "secondary", "download"), (d.new_record, "primary", "plus")])
    tabs = el("status-tabs", "tabs", w=fill(), h=44,
              props={"items": [f"All {rec.lower()}", *statuses[:4]], "active": 0})
    if c.mobile:
        tabs.el["props"]["items"] = ["All", *statuses[:3]]
        items = []
        for i, r in enumerate(rows[:9]):
            n = el("order", "list_item", w=fill(), h=64,
                   props={"avatar": r[0], "meta": f"{r[1]} · {r[3]}", "trailing": r[6], "trailing_badge": True,
                          "trailing_role": status_role_of(r[6]), "divider": True})
            n.el["text"] = f"{r[0]} · {r[5]}"
            items.append(n)
        listing = card("orders", el("search", "search", w=fill(), h=44,
                                    props={"placeholder": f"Search {rec.lower()}"}),
                       col(*items, name="list", kind="list", width=fill(), height=fill(), overflow="drop"),
                       h=fill(), gap=3, pad=4)
        return app_shell(c, d.nav[1][0], "", [head, tabs, listing], rec)
    if c.device == "tablet":
        keep = [k for k in range(len(cols_)) if k not in d.tablet_drop]
        rows = [[r[k] for k in keep] for r in rows]
        cols_, align, widths = ([cols_[k] for k in keep], [align[k] for k in keep], [widths[k] for k in keep])
    filters = row(
        el("search", "search", w=fill(max=360), h=44, props={"placeholder": d.search}),
        el("status", "select", w=fixed(200), h=44, props={"value": "Any status"}),
        *([el("date", "select", w=fixed(200), h=44, props={"value": "Last 30 days"})] if c.desktop else []),
        spacer(),
        button("filter", "Filters", "ghost", "filter"),
        gap=4, align="center", width=fill(), padding=(0, 5, 0, 5),
    )
    table = el("table", "table", w=fill(), h=fill(),
               props={"columns": cols_, "rows": rows, "align": align, "widths": widths,
                      "status_column": len(cols_) - 1, "avatar_first": True, "row_height": 56})
    foot = row(text("count", f"Page 1 of 154 · 1,842 {rec.lower()}", "small", w=hug()), spacer(),
               el("pagination", "pagination", w=fixed(420), h=40, props={"page": 1, "pages": 154}),
               align="center", width=fill(), padding=(0, 5, 0, 5))
    listing = Node(name="orders", kind="card", children=[filters, table, foot], padding=(5, 0, 5, 0), gap=5,
                   width=fill(), height=fill())
    return app_shell(c, d.nav[1][0], d.search, [head, tabs, listing], rec)

#: Words of a prompt that ask for a payment step only (card fields, no shipping address).
_PAYMENT_WORDS = ("payment", "pay ", "pay for", "card details", "card number", "credit card", "billing details")
_SHIPPING_WORDS = ("checkout", "check out", "shipping", "delivery", "address", "cart")


def payment_only(prompt: str) -> bool:
    """Whether a checkout prompt asks for the payment step alone ("payment form for a hotel
    booking", "enter card details to pay"), not the whole checkout with a shipping address."""
    p = " " + prompt.lower() + " "
    return any(w in p for w in _PAYMENT_WORDS) and not any(w in p for w in _SHIPPING_WORDS)


def card_fields(narrow: bool) -> list[Node]:
    """The fields of a card payment: name on card, card number, expiry and CVC."""
    return [field("card-name", label="Name on card", value="Jonas Weber"),
            field("card", label="Card number", value="4242 4242 4242 4242", focused=True),
            row(field("expiry", label="Expiry", placeholder="MM / YY"),
                field("cvc", label="CVC", placeholder="3 digits",
                      **({} if narrow else {"helper": "The last three digits on the back"})),
                gap=4 if narrow else 5, width=fill(), align="start")]


def _payment(c: PageContext) -> Node:
    """A payment step: the card form (name on card, number, expiry, CVC) beside what is paid for."""
    narrow = c.mobile
    items = order_items(c, 2, payment=True)
    total = sum(price * q for _, price, q in items)
    lines = [order_line(name, price, q, thumb=0) for name, price, q in items]  # a booking or ticket has no photo
    methods = row(*[filter_chip(t, i == 0) for i, t in enumerate(("Card", "PayPal", "Bank transfer"))], gap=2,
                  width=fill())
    pay = button("pay", f"Pay {format_money(total)}", "primary", "lock", size="lg", w=fill())
    form = card("payment", methods, *card_fields(narrow),
                *([] if narrow else [field("zip", label="Billing postcode", value="10119")]),
                check("save", "checkbox", "Save this card for next time", True),
                *([pay] if narrow else [text("note", "Payments are encrypted and processed securely.", "caption",
                                             lines=2)]),
                title="Payment details", gap=4, pad=4 if narrow else 6, w=fill(3))
    summary = card("summary", *lines, el("divider", "divider", w=fill(), h=16),
                   total_row("Total", total, True), *([] if narrow else [pay]),
                   title="Summary", gap=4, w=fill(2))
    title = heading("title", "Payment", "h2" if not narrow else "h3", w=fill())
    what = purchase(c.prompt).capitalize()  # a membership, a booking, tickets: no store around the payment
    crumbs = el("breadcrumb", "breadcrumb", w=fill(), h=20,
                props={"items": ["Home", what, "Payment"] if what else ["Cart", "Checkout", "Payment"]})
    if narrow:  # the total in one line above the card form
        what = " · ".join(f"{name} × {q}" if q > 1 else name for name, _, q in items)
        summary = card("summary", total_row("Total", total, True), text("items", what, "small", lines=2), gap=1, pad=4)
        return site_shell(c, [], "", [title, summary, form], cart=True, title="Payment")
    form.height = hug()
    main = row(form, summary, gap=6, align="start", width=fill(), height=fill())
    links = ["Home", "Explore", "Help"] if what else ["Shop", "Collections", "Journal", "Support"]
    return site_shell(c, links, links[0], [col(crumbs, title, gap=2, width=fill()), main], cart=not what,
                      title="Payment", pad=c.pick(9, 6, 4))


def _checkout(c: PageContext) -> Node:
    if payment_only(c.prompt):
        return _payment(c)
    narrow = c.mobile
    form = card("form",
                heading("contact", "Contact", "title"),
                field("email", label="Email", value="jonas.weber@mail.com"),
                heading("shipping", "Shipping address", "title"),
                row(field("first", label="First name", value="Jonas"), field("last", label="Last name", value="Weber"),
                    gap=5, width=fill()),
                field("address", label="Address", value="Torstraße 118"),
                row(field("city", label="City", value="Berlin"), field("zip", label="Postal code", value="10119"),
                    *([field("country", "select", label="Country", value="Germany")] if not narrow else []),
                    gap=5, width=fill()),
                heading("payment", "Payment", "title"),
                *card_fields(narrow),
                check("save", "checkbox", "Save this card for faster checkout", True),
                w=fill(3), gap=4, pad=6 if not narrow else 5)
    items = order_items(c, 3)
    lines = [order_line(name, price, q) for name, price, q in items]
    subtotal = sum(pr * q for _, pr, q in items)
    ship, tax = 9.0, round(subtotal * 0.19, 2)
    total = subtotal + ship + tax
    summary = card("summary", *lines, el("divider", "divider", w=fill(), h=16),
                   row(field("promo", placeholder="Discount code"), button("apply", "Apply", "secondary"),
                       gap=3, width=fill(), align="end"),
                   total_row("Subtotal", subtotal), total_row("Shipping", ship), total_row("VAT (19 %)", tax),
                   el("divider", "divider", w=fill(), h=16), total_row("Total", total, True),
                   button("pay", f"Pay {format_money(total)}", "primary", "lock", size="lg", w=fill()),
                   text("note", "Free returns within 30 days. Payments are encrypted and processed securely.",
                        "caption", lines=2, align="center"),
                   title="Order summary", action="Edit cart", w=fill(2), gap=4)
    crumbs = el("breadcrumb", "breadcrumb", w=fill(), h=20, props={"items": ["Cart", "Checkout", "Payment"]})
    steps = el("steps", "progress", w=fill(max=720), h=28, variant="steps",
               props={"steps": ["Cart", "Shipping", "Payment", "Review"], "current": 2})
    title = heading("title", "Checkout", "h2" if not narrow else "h3", w=hug())
    if narrow:
        progress = with_text(el("progress", "progress", w=fill(), h=32, variant="bar", props={"value": 0.75}),
                          "Step 3 of 4 · Payment")
        pay = card("payment", *card_fields(True), check("save", "checkbox", "Save this card", True), title="Payment",
                   gap=4, pad=4)
        summary = card("summary", *lines[:2], el("divider", "divider", w=fill(), h=16), total_row("Total", total, True),
                       button("pay", f"Pay {format_money(total)}", "primary", "lock", size="lg", w=fill()),
                       title="Order summary", action="Edit cart", gap=3, pad=4)
        return site_shell(c, [], "", [title, progress, pay, summary], cart=True, title="Checkout")
    head = row(col(crumbs, title, gap=2, width=hug()), steps, gap=7, justify="space-between", align="end", width=fill())
    form.height = hug()
    main = row(form, summary, gap=6, align="start", width=fill(), height=fill())
    return site_shell(c, ["Shop", "Collections", "Journal", "Support"], "Shop", [head, main], cart=True,
                 title="Checkout", pad=c.pick(9, 6, 4))

def order_line(name: str, price: float, qty: int, thumb: int = 64) -> Node:
    """An order summary's line: product thumbnail (none when `thumb` is 0), name and quantity, line price."""
    from engine.render.components import product_shape

    return row(*([el("thumb", "image", w=thumb, h=thumb, role="secondary",
                     props={"motif": "product", "shape": product_shape(name)})] if thumb else []),
               col(text("item", name, "body-strong", "text"), text("qty", f"Qty {qty}", "small"), gap=1, width=fill()),
               text("price", format_money(price * qty), "body-strong", "text", w=hug(), align="right"),
               gap=4, align="center", width=fill())

def total_row(label: str, value: float, strong: bool = False) -> Node:
    """A label and an amount on one row (a subtotal; `strong` for the total)."""
    return row(text("row", label, "title" if strong else "body", "text" if strong else ""),
               (heading if strong else text)("value", format_money(value), "h3" if strong else "body", w=hug(),
                                             align="right"), align="center", width=fill())

def signup_fields() -> list[Node]:
    """What a sign-up form asks for: full name, email, a password and its confirmation."""
    return [field("name", label="Full name", value="Maya Chen"),
            field("email", label="Email", placeholder="you@company.com"),
            field("password", label="Password", value="••••••••••", focused=True, helper="At least 12 characters"),
            field("confirm", label="Confirm password", value="••••••••••")]

def _sign_in(c: PageContext) -> Node:
    p = c.prompt.lower()
    signup = c.arch == "sign-up" or any(k in p for k in ("sign up", "signup", "register", "create account"))
    title = "Create your account" if signup else "Welcome back"
    form_kids = [
        heading("title", title, "h1" if not c.mobile else "h2"),
        text("subtitle", "Start your 14-day free trial." if signup else "Sign in to continue to your dashboard.",
             "body"),
        Node(height=fixed(8), width=fill()),
        *(signup_fields() if signup else
          [field("email", label="Email", placeholder="you@company.com"),
           field("password", label="Password", value="••••••••••", focused=True)]),
        check("terms", "checkbox", "I agree to the Terms and Privacy Policy", True) if signup else
        row(check("remember", "checkbox", "Remember me", True, w=hug()), spacer(),
            text("forgot", "Forgot password?", "label", "primary", w=hug(), align="right"),
            align="center", width=fill()),
        button("submit", "Create account" if signup else "Sign in", "primary", size="lg", w=fill()),
        *([] if signup and c.mobile else
          [el("or", "divider", w=fill(), h=16),
           button("sso", "Continue with single sign-on", "secondary", "lock", size="lg", w=fill())]),
        text("switch", "Already have an account? Sign in" if signup else "New here? Create an account", "small",
             align="center"),
    ]
    form = col(*form_kids, name="form", gap=4, width=fixed(440) if not c.mobile else fill())
    legal = text("legal", "© 2026 · Privacy · Terms", "caption", align="center")
    if c.mobile:
        return col(el("logo", "logo", w=140, h=36), form, spacer(), legal, name="page", gap=6, padding=(7, 5, 5, 5),
                   width=fill(), height=fill())
    brand_kids = [
        el("logo", "logo", w=160, h=40),
        spacer(),
        heading("headline", c.domain.headline, "display", lines=3),
        text("pitch", c.domain.pitch, "title", "text-muted", lines=3),
    ]
    if c.desktop:
        brand_kids.append(el("art", "image", w=fill(), h=fill(1.6, min=200), role="secondary",
                             props={"motif": "landscape"}))
    else:
        brand_kids.append(spacer())
    brand = col(*brand_kids, name="brand", kind="card", gap=6, padding=(7, 8, 8, 8), width=fill(46 if c.desktop else 42),
                height=fill(), el={"role": "surface-muted", "variant": "panel"})
    right = col(spacer(), form, spacer(), legal, gap=5, padding=(0, 6, 6, 6), align="center",
                width=fill(54 if c.desktop else 58), height=fill())
    return row(brand, right, name="page", width=fill(), height=fill())

#: Notification toggles of a settings page: a shop's, and any other product's.
SHOP_NOTIFICATIONS = [("New orders", True), ("Payment received", True), ("Low stock alerts", True),
                      ("Weekly summary", False), ("Product updates", False), ("Mentions", True)]
NOTIFICATIONS = [("Mentions and replies", True), ("Comments on your items", True), ("Reminders", True),
                 ("Weekly summary", False), ("Product updates", False), ("Sign-in alerts", True)]
_MEMBER_WORDS = ("member", "team", "users", "roles", "people", "invite", "seats", "collaborator")


def notification_options(d: Domain) -> list[tuple[str, bool]]:
    """The notification toggles for a domain's settings: order and stock alerts only for a shop."""
    return SHOP_NOTIFICATIONS if d.name == "retail" else NOTIFICATIONS


def settings_sections(c: PageContext) -> tuple[list[str], list[str]]:
    """A settings page's tabs and its sections: the labels the prompt names as tabs ("Profile,
    Security and Notifications tabs") make the tab strip; named sections ("sections Account,
    Appearance and Language") make the page's cards, each holding what its title asks for."""
    tabs = c.labels("tabs", "tab", "pages")
    sections = c.labels("sections", "section", "panels", "cards", "groups")
    if not tabs and not sections:
        tabs = c.labels("")
    tabs = tabs or (["Profile", "Notifications", "Billing", "Team", "Security"] if not c.mobile else
                    ["Profile", "Alerts", "Billing", "Team"])
    return tabs, sections


#: What a settings section holds, by the words of its title (first match wins).
_SECTION_KINDS = (("members", ("member", "team", "people", "user", "seat", "collaborator")),
                  ("notifications", ("notif", "alert", "email", "push", "reminder")),
                  ("security", ("secur", "password", "login", "sign-in", "session", "privacy", "two-factor", "2fa")),
                  ("appearance", ("appear", "theme", "display", "look", "dark")),
                  ("language", ("language", "region", "locale", "time zone", "format")),
                  ("billing", ("billing", "plan", "payment", "subscription", "invoice")),
                  ("integrations", ("integrat", "app", "api", "connect", "webhook", "token")),
                  ("danger", ("danger", "delete", "close account")),
                  ("profile", ("profile", "account", "general", "personal", "about", "me")))


def section_kind(title: str) -> str:
    """What a settings section called `title` holds (profile, notifications, security, …)."""
    t = title.lower()
    return next((kind for kind, words in _SECTION_KINDS if any(w in t for w in words)), "profile")


def settings_card(c: PageContext, title: str, kind: str, compact: bool = False) -> Node:
    """A settings card titled `title` holding the controls of `kind` (see `section_kind`)."""
    rows_of = (lambda a, b: row(a, b, gap=5, width=fill(), align="start")) if not (c.mobile or compact) else \
        (lambda a, b: col(a, b, gap=4, width=fill()))

    def item(name, label, meta, trailing, icon, badge=""):
        n = el(name, "list_item", w=fill(), h=56, props={"icon": icon, "meta": meta, "trailing": trailing,
                                                         "divider": True, "trailing_badge": bool(badge),
                                                         "trailing_role": badge or "primary"})
        n.el["text"] = label
        return n

    def toggles(opts):
        return [check("toggle", "toggle", lab, on) for lab, on in opts]

    pad = 4 if c.mobile else 5
    if kind == "notifications":
        kids = toggles(notification_options(c.domain)[:4 if compact or c.mobile else 5])
    elif kind == "security":
        kids = [*toggles([("Two-factor authentication", True), ("Sign-in alerts", True)]),
                item("session", "MacBook Pro · Chrome", "Berlin, Germany · Active now", "This device", "lock", "success"),
                *([] if compact or c.mobile else
                  [item("session", "iPhone 15 · Safari", "Berlin, Germany · 2 hours ago", "Sign out", "user")]),
                button("password", "Change password", "secondary", "lock", w=hug())]
    elif kind == "appearance":
        kids = [heading("theme", "Theme", "label"),
                *[check("radio", "radio", lab, i == 0) for i, lab in enumerate(("Light", "Dark", "Match system"))],
                *([] if compact or c.mobile else toggles([("Reduce motion", False), ("Compact layout", True)]))]
    elif kind == "language":
        kids = [row(field("language", "select", label="Language", value="English (UK)"),
                    field("region", "select", label="Region", value="Germany"), gap=4, width=fill(), align="start")]
        if not (compact or c.mobile):
            kids.append(rows_of(field("tz", "select", label="Time zone", value="Europe/Berlin (UTC+1)"),
                                field("date", "select", label="Date format", value="24 Nov 2026")))
    elif kind == "billing":
        kids = [row(col(text("plan", "Growth plan", "body-strong", "text"), text("price", "$29 per month, renews Dec 1",
                                                                                  "small"), gap=1, width=fill()),
                    button("change", "Change plan", "secondary"), align="center", gap=4, width=fill()),
                item("card", "Visa ending 4242", "Expires 08 / 28", "Edit", "credit-card")]
    elif kind == "integrations":
        kids = [item("app", name, meta, act, icon, badge) for name, meta, act, icon, badge in
                (("Slack", "Post updates to #general", "Connected", "message", "success"),
                 ("Google Calendar", "Sync events both ways", "Connected", "calendar", "success"),
                 ("API key · live", "Created Nov 2 · last used today", "Revoke", "lock", ""),
                 ("Webhooks", "2 endpoints", "Manage", "file", ""))[:3 if compact or c.mobile else 4]]
    elif kind == "members":
        return card("members", members_table(c, 4 if compact else 6), title=title, action="Invite people",
                    pad=pad, content="table", h=fill(min=120))
    elif kind == "danger":
        kids = [text("warning", f"Deleting your workspace removes all {c.domain.records.lower()}, people and "
                     "reports. This cannot be undone.", "small", lines=3),
                button("delete", "Delete workspace", "destructive", "x", w=hug())]
    else:
        photo = row(with_text(el("avatar", "avatar", w=72 if not compact else 56, h=72 if not compact else 56),
                              "Maya Chen"),
                    button("upload", "Change photo", "secondary", "download"), gap=5, align="center", width=fill())
        kids = [photo, rows_of(field("first", label="First name", value="Maya"),
                               field("last", label="Last name", value="Chen")),
                field("email", label="Email", value="maya.chen@northwind.io")]
        if compact or c.mobile:
            kids = [photo, kids[2]]
    return card(kind, *kids, title=title, gap=4, pad=pad)


def _named_settings(c: PageContext, head: Node, tabs: Node, sections: list[str]) -> Node:
    """A settings page of the sections the prompt names, in its order."""
    kinds = [section_kind(t) for t in sections]
    if c.mobile:  # the title alone above the sections (the save action ends the page on a phone)
        cards = [settings_card(c, t, k, compact=True) for t, k in zip(sections, kinds)]
        return app_shell(c, "Settings", "", [heading("title", "Settings", "h3"), *cards], "Settings")
    cards = [settings_card(c, t, k, compact=len(sections) > 2) for t, k in zip(sections, kinds)]
    left, right = cards[0::2], cards[1::2]
    body = [head, row(col(*left, width=fill(58), height=fill(), gap=5), col(*right, width=fill(42), height=fill(), gap=5),
                      gap=5, width=fill(), height=fill(), align="stretch")]
    return app_shell(c, "Settings", "Search settings", body, "Settings")


def members_table(c: PageContext, n: int = 6) -> Node:
    """A team's members: name, email, role, last active and status."""
    roles = ["Owner", "Admin", "Editor", "Editor", "Viewer", "Viewer", "Editor", "Viewer"]
    status = ["Active", "Active", "Active", "Invited", "Active", "Suspended", "Active", "Invited"]
    rows = [[p, member_email(p), roles[i % 8],
             "Today" if i < 2 else f"Nov {24 - 2 * i}", status[i % 8]] for i, p in enumerate(PEOPLE[:n])]
    return el("table", "table", w=fill(), h=fill(min=150),
              props={"columns": ["Name", "Email", "Role", "Last active", "Status"], "rows": rows,
                     "align": ["left"] * 5, "widths": [1.4, 2.0, 0.9, 1.0, 0.9], "status_column": 4,
                     "avatar_first": True, "row_height": 52, "inset": 16})


def _settings(c: PageContext) -> Node:
    tab_items, sections = settings_sections(c)
    head = page_header(c, "Settings", "Manage your profile, notifications and security.",
                   [("Cancel", "secondary", ""), ("Save changes", "primary", "check")])
    tabs = el("tabs", "tabs", w=fill(), h=44, props={"items": tab_items, "active": 0})
    if sections:
        return _named_settings(c, head, tabs, sections)
    titles = ["Profile", "Notifications", "Active sessions", "Danger zone"]
    pair = (lambda a, b: row(a, b, gap=5, width=fill(), align="start")) if not c.mobile else (lambda a, b: col(a, b, gap=4, width=fill()))
    photo = row(with_text(el("avatar", "avatar", w=72, h=72), "Maya Chen"),
                button("upload", "Change photo", "secondary", "download"),
                button("remove", "Remove", "ghost"), gap=5, align="center", width=fill())
    profile = card("profile", photo,
                   pair(field("first", label="First name", value="Maya"), field("last", label="Last name", value="Chen")),
                   field("email", label="Email", value="maya.chen@northwind.io",
                         helper="We send receipts and security alerts here."),
                   pair(field("role", "select", label="Role", value="Administrator"),
                        field("tz", "select", label="Time zone", value="Europe/Berlin (UTC+1)")),
                   text("bio", "Your profile is visible to teammates in your workspace. Changes apply after you save.",
                        "small", lines=2),
                   title=titles[0], w=fill(58), gap=5)
    opts = notification_options(c.domain)[:5]
    sessions = [("MacBook Pro · Chrome", "Berlin, Germany · Active now", "This device", "success"),
                ("iPhone 15 · Safari", "Berlin, Germany · 2 hours ago", "Sign out", ""),
                ("Windows · Edge", "Hamburg, Germany · Nov 21", "Sign out", ""),
                ("iPad Air · Safari", "Munich, Germany · Nov 18", "Sign out", "")]
    sess_items = []
    for i, (dev, where, act, role) in enumerate(sessions):
        n = el("session", "list_item", w=fill(), h=56,
               props={"icon": "lock" if i == 0 else "user", "meta": where, "trailing": act, "divider": i < 3,
                      "trailing_badge": bool(role), "trailing_role": role or "primary"})
        n.el["text"] = dev
        sess_items.append(n)
    sessions_card = card("sessions", col(*sess_items, name="list", kind="list", width=fill(), height=fill(),
                                         overflow="drop"),
                         title=titles[2], action="Sign out everywhere", w=fill(58), h=fill(min=120))
    if any(w in c.prompt.lower() for w in _MEMBER_WORDS):  # the team: who is in it, with which role
        sessions_card = card("members", members_table(c), title="Members", action="Invite people", w=fill(58),
                             h=fill(min=120), pad=5, content="table")
    notif = card("notifications", *[check("toggle", "toggle", lab, on) for lab, on in opts],
                 el("divider", "divider", w=fill(), h=16), heading("channel", "Deliver to", "title"),
                 *[check("radio", "radio", lab, i == 0) for i, lab in
                   enumerate(("Email and in-app", "In-app only", "Do not disturb"))],
                 title=titles[1], w=fill(), gap=4)
    notif.height = fill()
    danger = card("danger-zone",
                  text("warning", f"Deleting your workspace removes all {c.domain.records.lower()}, people and "
                       "reports. This cannot be undone.", "small", lines=3),
                  button("delete", "Delete workspace", "destructive", "x", w=hug()),
                  title=titles[3], w=fill(), gap=4)
    danger.align = "start"
    if c.mobile:
        account = card("profile", photo, field("email", label="Email", value="maya.chen@northwind.io"),
                       title=titles[0], gap=4, pad=4)
        photo.children = photo.children[:2]
        notif = card("notifications", *[check("toggle", "toggle", lab, on) for lab, on in opts[:4]],
                     title=titles[1], gap=3, pad=4)
        return app_shell(c, "Settings", "", [head, tabs, account, notif], "Settings")
    right = col(notif, *([danger] if c.desktop else []), width=fill(42), height=fill(), gap=5)
    left = col(profile, sessions_card, width=fill(58), height=fill(), gap=5)
    profile.width = fill()
    sessions_card.width = fill()
    body = [head, tabs, row(left, right, gap=5, width=fill(), height=fill(), align="stretch")]
    return app_shell(c, "Settings", "Search settings", body, "Settings")

def _products(c: PageContext) -> Node:
    from engine.render.components import product_shape

    rng = c.rng
    cols = max(2, c.cols(c.pick(4, 3, 2), mobile_max=2))
    goods = c.products
    picks = rng.sample(goods, min(cols * 2, len(goods)))
    cards = []
    for i, (name, price) in enumerate(picks):
        badge = []
        if i in (1, 5):
            badge = [with_text(el("tag", "badge", w=hug(), h=24, role="info", padding=(0, 3, 0, 3)), "New")]
        elif i == 3:
            badge = [with_text(el("tag", "badge", w=hug(), h=24, role="warning", padding=(0, 3, 0, 3)), "Low stock")]
        for bnode in badge:
            bnode.text, bnode.style = bnode.el["text"], "caption"
        photo = el("photo", "image", w=fill(), h=fill(min=80), role="surface-muted",
                   props={"motif": "product", "shape": product_shape(name)})
        price_row = row(text("price", format_money(price), "body", w=hug()), *([] if c.mobile else badge), gap=2,
                        align="center", width=fill())
        info = row(col(text("name", name, "body-strong", "text", lines=2 if c.mobile else 1), price_row, gap=1,
                       width=fill()),
                   button("add", "", "secondary", "plus"), gap=3, align="center", width=fill(),
                   padding=(0, 2, 0, 2))
        k = card("product", photo, info, gap=3, pad=3, h=fill())
        cards.append(k)
    grid_ = grid(cards, cols, gap=5 if not c.mobile else 4, name="grid", h=fill())
    # a shop of the prompt's goods is titled and filtered by them; the mixed store by season and garment
    noun = c.goods
    cats = (("Bestsellers", "New in", "Gift ideas", "Sets", "On sale") if noun else
            ("Outerwear", "Knitwear", "Bags", "Footwear", "Accessories"))
    title = col(el("breadcrumb", "breadcrumb", w=fill(), h=20, props={"items": ["Home", "Shop", noun or "New in"]}),
                heading("title", noun or "New arrivals", "h2" if not c.mobile else "h3"),
                text("count", "148 products", "small"), gap=1, width=fill())
    sort = el("sort", "select", w=fixed(240 if not c.mobile else 160), h=44, props={"value": "Sort: Newest"})
    head = row(title, sort, align="end", width=fill(), gap=4)
    pag = el("pagination", "pagination", w=fill(), h=40, props={"page": 1, "pages": 12})
    if c.mobile:
        chips = row(*[filter_chip(t, i == 0) for i, t in enumerate(("All", *cats[:3]))], gap=2, width=fill())
        return site_shell(c, [], "", [head, chips, grid_], cart=False, title="Shop")
    fk = [heading("category", "Category", "title")]
    fk += [check("check", "checkbox", t, i in (0, 2)) for i, t in enumerate(cats)]
    fk += [Node(height=fixed(8), width=fill()), heading("price", "Price", "title")]
    fk += [check("radio", "radio", t, i == 1) for i, t in
           enumerate(("Under $50", "$50 – $100", "$100 – $200", "Over $200"))]
    fk += [Node(height=fixed(8), width=fill()), check("stock", "toggle", "In stock only", True)]
    filters = col(*fk, name="filters", kind="list", gap=3, width=fixed(240 if c.desktop else 200))
    main = row(filters, col(grid_, pag, gap=5, width=fill(), height=fill()), gap=7, width=fill(), height=fill(),
               align="start")
    main.children[0].align_self = "start"
    links = ["New in", "Bestsellers", noun, "Gifts", "Sale"] if noun else ["New in", "Men", "Women", "Home", "Sale"]
    return site_shell(c, links, "New in", [head, main], cart=True, title="Shop",
                 pad=c.pick(6, 6, 4))

_ARCH_FUNCS = {
    "dashboard": _dashboard,
    "orders": _orders,
    "checkout": _checkout,
    "sign-in": _sign_in,
    "settings": _settings,
    "products": _products,
    "sign-up": _sign_in,
}
