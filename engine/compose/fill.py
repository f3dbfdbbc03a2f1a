"""Block → scene fill: turn the blocks a generator produced back into a complete scene.

Each block keeps its box (fractions of the canvas, converted to canvas px), kind, colour role,
text style and variant. Containers (cards, lists, bars, sidebars, modals) get children built
for their `content` tag — KPI, chart, table, form, settings, product, summary, navigation,
profile, empty state, pricing, chat … — with copy for the prompt's domain, laid out by the flex
engine inside the block's box (whatever does not fit is left out; text wraps, then ends in an
ellipsis). Leaf blocks get copy that suits their place: the page heading comes from the prompt,
buttons are labelled by their variant and width, inputs get labels that fit their height.

    scene = fill_blocks(scene_blocks(original), prompt, 3840, 2160, theme)
"""

from __future__ import annotations

import math
import random

from engine.compose import composer as C
from engine.compose import parts as P
from engine.compose.domain_copy import PEOPLE, Domain, domain_for, page_copy
from engine.compose.pages import chat_head
from engine.compose.parts import (
    button,
    card,
    check,
    el,
    field,
    heading,
    spacer,
    text,
)
from engine.layout import flex as L
from engine.layout.flex import Node, col, fill, fixed, hug, row
from engine.render.components import product_shape, status_role
from scene.blocks import Block
from scene.devices import DEVICES
from scene.model import KINDS, Element, Scene

__all__ = ["fill_blocks"]

_TITLE_STYLES = ("display", "h1", "h2", "h3")


def fill_blocks(blocks: list[Block], prompt: str, width: int, height: int, theme, seed: int = 0,
                device: str | None = None) -> Scene:
    """A full scene from `blocks` at `width`×`height` canvas px, with copy for `prompt`.

    `theme` (an `engine.render.theme.Theme`, or None for font-free measuring) supplies the spacing
    scale and text metrics; `device` (desktop | tablet | mobile, default from the canvas
    shape) sets the design-px scale. Blocks of the null kind, of an unknown kind, or with an
    empty or non-finite box are skipped; boxes past the canvas edge are clipped to it. Modals
    come last, so the page they cover is drawn under their scrim.
    """
    device = device or C.device_for_size(width, height)
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r} (use {', '.join(DEVICES)})")
    scale = width / DEVICES[device][1]
    W, H = width / scale, height / scale
    arch = C.route_prompt(prompt)
    f = _Filler(P.PageContext(device, random.Random(f"fill:{seed}"), prompt, domain_for(prompt), arch, {}),
                L.Layout.for_theme(theme) if theme is not None else L.Layout())
    elements: list[Element] = []
    boxes = {}
    for i, b in enumerate(blocks):
        if b.kind not in KINDS or len(b.box) != 4 or not all(math.isfinite(v) for v in b.box):
            continue
        x0, y0 = max(0.0, b.box[0] * W), max(0.0, b.box[1] * H)
        x1, y1 = min(W, (b.box[0] + b.box[2]) * W), min(H, (b.box[1] + b.box[3]) * H)
        if x1 - x0 >= 2 and y1 - y0 >= 2:
            boxes[i] = (x0, y0, x1, y1)
    # copy is handed out in reading order (top to bottom, then left to right; a dialog after
    # the page), so a form reads Email, then Password, whatever order the blocks were sampled in
    reading = sorted(boxes, key=lambda i: (blocks[i].kind == "modal", round(boxes[i][1]), boxes[i][0]))
    nodes = {i: f.build(blocks[i], boxes[i][2] - boxes[i][0], boxes[i][3] - boxes[i][1]) for i in reading}
    # overlays (a modal and its scrim) are drawn after the page they cover, wherever they were sampled
    order = sorted(boxes, key=lambda i: blocks[i].kind == "modal")
    for i, b in ((i, blocks[i]) for i in order):
        x0, y0, x1, y1 = boxes[i]
        node = nodes[i]
        node.name = f"{i:02d}-{b.kind}"
        node.kind = b.kind
        node.width, node.height = fixed(x1 - x0), fixed(y1 - y0)
        for key in ("role", "variant"):
            if getattr(b, key):
                node.el[key] = getattr(b, key)
        f.lay.run(node, x1 - x0, y1 - y0, x0, y0)
        elements += [e for e in (_sized(e) for e in L.to_elements(node)) if e is not None]
    scene = Scene(width=width, height=height, scale=scale, archetype=arch, prompt=prompt, seed=seed,
                  elements=elements)
    return C.scaled_scene(scene, scale)


def _sized(e: Element) -> Element | None:
    """The element without descendants too small to draw (the flex engine may squeeze them to 0)."""
    if e.box[2] < 1 or e.box[3] < 1:
        return None
    return e.model_copy(update={"children": [c for c in (_sized(c) for c in e.children) if c is not None]})


#: Copy that belongs to a page type, where the generic pools would read wrong (a "Create order"
#: button on a sign-in page): field (label, value) pairs, checkbox and toggle labels, primary and
#: secondary button labels, the line under the page title (before any field) and one-line phrases.
_PAGE_COPY: dict[str, dict[str, list]] = {
    "sign-in": {"fields": [("Email", "maya.chen@northwind.io"), ("Password", "••••••••••"), ("One-time code", "482 913")],
                "subtitle": ["Sign in to continue to your dashboard.", "Sign in to continue"],
                "checks": ["Remember me", "Keep me signed in"],
                "primary": ["Sign in", "Continue", "Log in"],
                "secondary": ["Continue with single sign-on", "Continue with Google", "Create an account"],
                "phrases": ["Forgot password?", "New here? Create an account", "Trouble signing in?",
                            "© 2026 · Privacy · Terms"]},
    "sign-up": {"fields": [("Full name", "Maya Chen"), ("Work email", "maya.chen@northwind.io"),
                           ("Password", "••••••••••"), ("Company", "Northwind Ltd")],
                "subtitle": ["Start your 14-day free trial.", "Free for 14 days"],
                "checks": ["I agree to the Terms and Privacy Policy", "Email me product news"],
                "primary": ["Create account", "Start free trial", "Get started"],
                "secondary": ["Continue with single sign-on", "Continue with Google", "Sign in instead"],
                "phrases": ["Already have an account? Sign in", "No credit card required",
                            "By signing up you accept the Terms", "© 2026 · Privacy · Terms"]},
    "checkout": {"fields": [("Full name", "Maya Chen"), ("Address", "Torstraße 118"), ("City", "Berlin"),
                            ("Postcode", "10119"), ("Card number", "4242 4242 4242 4242"), ("Expiry", "08 / 28"),
                            ("CVC", "•••"), ("Email", "maya.chen@northwind.io")],
                 "checks": ["Billing address is the same", "Save this card for next time", "Email me order updates"],
                 "primary": ["Place order", "Continue to payment", "Pay now"],
                 "secondary": ["Back to cart", "Apply code", "Edit"]},
    "onboarding": {"fields": [("Workspace name", "Northwind"), ("Your role", "Operations lead"),
                              ("Team size", "11–50 people")],
                   "checks": ["Invite my team later", "Send me setup tips"],
                   "primary": ["Continue", "Next step", "Get started"], "secondary": ["Back", "Skip for now"]},
    "settings": {"fields": [("Full name", "Maya Chen"), ("Email", "maya.chen@northwind.io"), ("Company", "Northwind Ltd"),
                            ("Time zone", "Europe/Berlin"), ("Phone", "+49 30 1234 5678")],
                 "checks": ["Email notifications", "Weekly summary", "Product updates", "Two-factor authentication",
                            "Dark mode"],
                 "primary": ["Save changes", "Update profile"], "secondary": ["Cancel", "Change password", "Export data"]},
}
_PAGE_COPY["profile"] = _PAGE_COPY["settings"]
#: One-line copy of storefront pages.
_SHOP_PHRASES = ["Free shipping over $100 and free returns", "248 products", "New season, made to last",
                 "Free returns within 30 days", "In stock and ready to ship"]


class _Filler:
    def __init__(self, ctx, lay: L.Layout):
        self.c, self.lay = ctx, lay
        self.rng: random.Random = ctx.rng
        self.d: Domain = ctx.domain
        self.pc = page_copy(self.d)
        self.titled = False  # the page heading has been written
        self.n = {}  # how many of each leaf kind so far (copy rotates through its pool)
        self.card_titles: set[str] = set()  # titles given to cards so far
        self.shop = ctx.arch in ("products", "product-detail", "checkout")  # a storefront page
        self.copy = _PAGE_COPY.get(ctx.arch, {})  # copy of the page type, where it has its own

    # -- helpers ---------------------------------------------------------------------------
    def count(self, key: str) -> int:
        self.n[key] = self.n.get(key, 0) + 1
        return self.n[key] - 1

    def width_of(self, s: str, style: str) -> float:
        return self.lay.measure(s, style, None, 1)[0]

    def next_phrase(self, pool: list[str], style: str, w: float) -> Node:
        """A text leaf with the next phrase of `pool` that fits in `w` design px on one line
        (else the shortest), so repeated small print never repeats itself."""
        k = self.count("phrase") % len(pool)
        s = next((o for o in pool[k:] + pool[:k] if self.width_of(o, style) <= w), min(pool, key=len))
        return self._text_leaf(s, style)

    def fitting(self, options: list[str], style: str, w: float) -> str:
        """The longest option that fits in `w` design px on one line (else the shortest)."""
        fits = [o for o in options if self.width_of(o, style) <= w]
        return max(fits, key=len) if fits else min(options, key=len)

    def paragraph(self, style: str, w: float, h: float) -> str:
        """Sentences of the domain's copy, about as long as the box holds."""
        lh = self.lay.measure("Ag", style, None, 1)[1] or 20
        lines = max(1, int(h // lh))
        want = w * lines * 0.9
        pool = [*self.pc.posts, *self.pc.chat, self.d.subtitle, self.d.pitch]
        if self.c.arch in ("sign-in", "sign-up", "onboarding"):  # the product's pitch, not its content
            pool = [self.d.pitch, self.d.subtitle, self.d.headline]
        if self.shop:
            pool = ["Made to be worn and used every day, in durable materials that age well.",
                    "Designed in Berlin, made in Portugal.", "Free shipping over $100 and free returns within 30 days.",
                    "Cut from a soft, breathable fabric with a relaxed fit.", *self.pc.posts]
        k = self.count("para")
        out, used, space = [], 0.0, self.width_of(" ", style)
        while used < want and len(out) < 12:
            sentence = pool[(k + len(out)) % len(pool)]
            out.append(sentence)
            used += self.width_of(sentence, style) + space
        return " ".join(out)

    def page_title(self) -> str:
        d, pc, a = self.d, self.pc, self.c.arch
        return {"dashboard": d.overview, "analytics": "Analytics", "settings": "Settings", "sign-in": "Welcome back",
                "sign-up": "Create your account", "checkout": "Checkout", "products": "New arrivals",
                "orders": d.records, "product-detail": P.PRODUCTS[0][0], "profile": PEOPLE[0], "inbox": "Inbox",
                "chat": "Messages", "calendar": "November 2026", "pricing": f"Simple pricing for every {pc.product}",
                "landing": d.headline, "onboarding": f"Set up your {pc.product}", "search-results": "Search",
                "article": pc.article[0], "file-manager": "Files", "empty-state": pc.empty[0], "mobile-feed": "Feed",
                "mobile-detail": f"{pc.record.capitalize()} #24817"}.get(a, d.overview)

    # -- dispatch --------------------------------------------------------------------------
    def build(self, b: Block, w: float, h: float) -> Node:
        fn = getattr(self, "k_" + b.kind, None)
        if fn is not None:
            return fn(b, w, h)
        return Node()  # a leaf drawn from its props alone (divider, logo)

    # -- leaves ----------------------------------------------------------------------------
    def _text_leaf(self, s: str, style: str, lines: int = 99) -> Node:
        n = Node(text=s, style=style, max_lines=lines)
        return n

    def k_heading(self, b, w, h):
        style = b.style or "h2"
        if not self.titled and (style in _TITLE_STYLES or h >= 28):
            self.titled = True
            s = self.page_title()
        elif w < 200:  # a narrow heading holds a figure: a price, a total, a count
            v = self.rng.randint(20, 240)
            opts = [P.format_money(v), f"${v}", str(v)] if self.shop else [self.d.kpis(self.rng)[self.count("figure") % 4][1],
                                                                    f"{v:,}", str(v)]
            s = self.fitting(opts, style, w)
        else:
            pool = (["You may also like", "Details", "Size", "Reviews", "Shipping and returns"] if self.shop else
                    [self.d.trend_title, self.d.list_title, f"Recent {self.d.records.lower()}", "Details",
                     "What is next", self.d.mix_title])
            s = self.fitting([pool[(self.count("heading") + i) % len(pool)] for i in range(3)], style, w)
        return self._text_leaf(s, style)

    def k_text(self, b, w, h):
        style = b.style or "body"
        if self.copy.get("subtitle") and self.titled and not {"field", "subtitle"} & set(self.n):
            self.count("subtitle")  # the first line under the page title, above the form
            return self._text_leaf(self.fitting(self.copy["subtitle"], style, w), style, 2)
        if style in ("caption", "small", "label") and h < 40 and self.copy.get("phrases"):
            return self.next_phrase(self.copy["phrases"], style, w)
        if style in ("caption", "small", "label") and h < 40:
            k = self.count("meta")
            opts = ([f"{self.rng.randint(24, 380)} products", "Free returns within 30 days", "New season",
                     "Page 1 of 12"] if self.shop else
                    [f"{self.rng.randint(24, 380)} {self.d.records.lower()}", f"Updated Nov {self.rng.randint(1, 24)}",
                     self.d.subtitle, "Page 1 of 12"])
            return self._text_leaf(self.fitting(opts[k % 4:] + opts[:k % 4], style, w), style)
        lh = self.lay.measure("Ag", style, None, 1)[1] or 20
        if h < 2 * lh and self.copy.get("phrases"):  # one line of the page type's own copy
            return self.next_phrase(self.copy["phrases"], style, w)
        if h < 2 * lh and self.shop:  # one line on a storefront: what a shopper reads there
            return self.next_phrase(_SHOP_PHRASES, style, w)
        if h < 2 * lh:  # one line: a short phrase that fits
            words = [*(n for n, _ in self.d.nav), *(c.split()[0] for c in ("Northwind Ltd", "Bluefin Studio",
                                                                           "Acme Robotics", "Kestrel Foods")),
                     self.d.subtitle, *self.pc.subjects]
            k = self.count("phrase")
            return self._text_leaf(self.fitting(words[k % len(words):] + words[:k % len(words)], style, w), style)
        if self.count("text") == 0 and not self.shop:
            return self._text_leaf(self.d.subtitle if self.width_of(self.d.subtitle, style) < w * 2
                                   else self.paragraph(style, w, h), style)
        return self._text_leaf(self.paragraph(style, w, h), style)

    def k_button(self, b, w, h):
        v = b.variant or "primary"
        size = "sm" if h < 40 else ("md" if h < 50 else "lg")
        n = Node(el={"props": {"size": size}})
        if w <= h * 1.4:  # square: icon only
            n.el["props"]["icon"] = ("plus", "heart", "filter", "download")[self.count("icon-button") % 4]
            return n
        pool = {"primary": (["Add to cart", "Shop now", "Continue"] if self.shop else
                            [self.d.new_record, "Save changes", "Continue", "Get started"]),
                "secondary": ["Export", "Cancel", "Learn more", "Edit", "Download report"],
                "ghost": ["Filters", "Back", "View all", "Skip"],
                "destructive": ["Delete", "Remove", "Delete workspace"]}.get(v, ["Continue"])
        if v in ("primary", "secondary") and self.copy.get(v):
            pool = self.copy[v]
        k = self.count("button-" + v)
        style = "body-strong" if size == "lg" else "label"
        room = w - 2 * self.lay.step(5 if size != "sm" else 4)
        if min(self.width_of(o, style) for o in pool) > room:  # no label fits: an icon button instead
            n.el["props"]["icon"] = {"secondary": "download", "ghost": "filter", "destructive": "x"}.get(v, "plus")
            return n
        n.text = self.fitting(pool[k % len(pool):] + pool[:k % len(pool)], style, room)
        n.style = style
        return n

    def _field_props(self, kind: str, h: float) -> dict:
        k = self.count("field")
        fields = self.copy.get("fields") or [("Email", "maya.chen@northwind.io"), ("Full name", "Maya Chen"),
                                             ("Company", "Northwind Ltd"), ("Password", "••••••••••"),
                                             ("City", "Berlin"), ("Phone", "+49 30 1234 5678")]
        label, value = fields[k % len(fields)]
        props = {"value": value} if kind != "search" else {"placeholder": self.d.search}
        if kind != "search" and h >= 64:
            props["label"] = label
        if kind == "input" and h >= 96:
            props["helper"] = "We never share it."
        if kind == "select":
            props["value"] = (["Sort: Featured", "All sizes", "Price: any", "Newest first"] if self.shop else
                              ["Any status", "Last 30 days", "Europe/Berlin", "Administrator"])[k % 4]
        return props

    def k_input(self, b, w, h):
        return Node(el={"props": self._field_props("input", h)})

    def k_select(self, b, w, h):
        return Node(el={"props": self._field_props("select", h)})

    def k_search(self, b, w, h):
        return Node(el={"props": self._field_props("search", h)})

    def _check(self, b, kind):
        k = self.count("check")
        labels = self.copy.get("checks") or ["Remember me", "Email me a weekly summary", "In stock only",
                                             "Low stock alerts", "Dark mode"]
        key = "on" if kind == "toggle" else "checked"
        return Node(text=labels[k % len(labels)], style="body", el={"props": {key: k % 3 != 2}})

    def k_checkbox(self, b, w, h):
        return self._check(b, "checkbox")

    def k_radio(self, b, w, h):
        return self._check(b, "radio")

    def k_toggle(self, b, w, h):
        return self._check(b, "toggle")

    def k_tabs(self, b, w, h):
        if b.variant == "nav":
            items = [label for label, _ in self.d.nav]
        else:
            items = [f"All {self.d.records.lower()}", "Open", "Completed", "Archived", "Drafts"]
        n = max(2, min(len(items), int(w // 130)))
        return Node(el={"props": {"items": items[:n], "active": 0}})

    def k_table(self, b, w, h):
        return Node(el={"props": self._table_props(w, h)})

    def _table_props(self, w: float, h: float) -> dict:
        cols, rows, align, widths = self.d.table(self.rng, max(2, int(h // 48)))
        order = [0, 1, 3, 5, 6, 2, 4]
        keep = sorted(order[:max(2, min(7, int(w // 150)))])
        if 6 not in keep:
            keep = keep[:-1] + [6]
        return {"columns": [cols[k] for k in keep], "rows": [[r[k] for k in keep] for r in rows],
                "align": [align[k] for k in keep], "widths": [widths[k] for k in keep],
                "status_column": len(keep) - 1, "row_height": 48, "inset": 16}

    def _chart_props(self, variant: str) -> dict:
        rng, d = self.rng, self.d
        if variant == "donut":
            return {"series": [sorted((rng.randint(8, 45) for _ in d.mix_labels), reverse=True)],
                    "labels": list(d.mix_labels), "center_label": d.mix_center, "total": f"{rng.randint(1200, 4800):,}"}
        if variant == "bar":
            days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            return {"series": [[rng.randint(20, 90) for _ in days]], "labels": days}
        if variant == "sparkline":
            return {"series": [[rng.randint(20, 60) + i * 3 for i in range(10)]]}
        s1 = [rng.randint(38, 70) + i * 6 for i in range(6)]
        return {"series": [[v * d.trend_scale for v in s1], [max(10, v - rng.randint(8, 22)) * d.trend_scale for v in s1]],
                "labels": ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"], "legend": ["This year", "Last year"]}

    def k_chart(self, b, w, h):
        return Node(el={"variant": b.variant or "line", "props": self._chart_props(b.variant or "line")})

    def _motif(self) -> dict:
        if self.c.arch in ("products", "product-detail", "checkout"):
            name = P.PRODUCTS[self.count("product") % len(P.PRODUCTS)][0]
            return {"motif": "product", "shape": product_shape(name)}
        return {"motif": "landscape"}

    def k_image(self, b, w, h):
        return Node(el={"props": self._motif(), "role": b.role or "secondary"})

    def k_icon(self, b, w, h):
        return Node(el={"props": {"name": ("bell", "mail", "search", "heart", "user")[self.count("icon") % 5]}})

    def k_avatar(self, b, w, h):
        return Node(el={"text": PEOPLE[self.count("person") % len(PEOPLE)]})

    def k_badge(self, b, w, h):
        pool = ["New", "Active", "Pending", "Delivered", "In stock", "Sale", "M", "XL"]
        fits = [o for o in pool if self.width_of(o, "caption") + 16 <= w] or ["M"]
        s = fits[self.count("badge") % len(fits)]
        return Node(text=s, style="caption", el={"role": b.role or status_role(s) or "info"})

    def k_pagination(self, b, w, h):
        return Node(el={"props": {"page": 1, "pages": 12}})

    def k_breadcrumb(self, b, w, h):
        """Home › section › page, with the leading crumbs dropped until the trail fits `w`
        (the renderer puts 30 design px of chevron and gaps between crumbs)."""
        middle = "Shop" if self.shop else self.d.nav[self.active_nav() or 1][0]
        items = ["Home", middle, self.page_title()]
        while len(items) > 1 and sum(self.width_of(i, "small") for i in items) + 30 * (len(items) - 1) > w:
            items = items[1:]
        return Node(el={"props": {"items": items}})

    def k_calendar(self, b, w, h):
        if b.variant == "week":
            ev = [(i % 5, 9 + (i * 2) % 7, 10 + (i * 2) % 7 + i % 2, t) for i, t in enumerate(self.pc.events)]
            return Node(el={"props": {"events": ev, "today": 2, "start_hour": 8, "hours": 9}})
        return Node(el={"props": {"month": 11, "year": 2026, "selected": [25], "events": [3, 9, 12, 18, 24]}})

    def k_progress(self, b, w, h):
        if b.variant == "steps":
            return Node(el={"props": {"steps": ["Cart", "Shipping", "Payment", "Review"], "current": 2}})
        return Node(el={"text": "Step 3 of 4", "props": {"value": 0.75}})

    def k_list_item(self, b, w, h):
        person = PEOPLE[self.count("person") % len(PEOPLE)]
        if b.variant in ("nav", "tab"):
            label, icon = self.d.nav[self.count("nav") % len(self.d.nav)]
            return Node(el={"text": label, "props": {"icon": icon, "active": False, "collapsed": w < 100}})
        return Node(el={"text": person, "props": {"avatar": person, "meta": self.pc.subjects[0], "divider": True}})

    def k_header(self, b, w, h):
        self.titled = True
        return Node(el={"text": self.page_title(), "props": {"subtitle": self.d.subtitle}})

    def k_footer(self, b, w, h):
        return Node(el={"text": "© 2026 · Privacy · Terms · Contact"})

    # -- bars and navigation ---------------------------------------------------------------
    #: Which of a domain's navigation sections (dashboard, records, people, catalogue, reports,
    #: messages, calendar, settings) a page type lives in.
    _NAV_SECTION = {"orders": 1, "table-admin": 1, "products": 3, "analytics": 4, "inbox": 5, "chat": 5,
                    "calendar": 6, "settings": 7, "profile": 7}

    def active_nav(self) -> int:
        return self._NAV_SECTION.get(self.c.arch, 0) % len(self.d.nav)

    def k_sidebar(self, b, w, h):
        self.c.style = {"nav": "rail" if w < 140 else "sidebar"}
        side = P.sidebar(self.c, self.d.nav[self.active_nav()][0])
        self.c.style = {}
        side.padding = (6, 4, 6, 4) if w >= 140 else (6, 2, 6, 2)
        side.children[0].width = fixed(min(132, max(24, w - 32))) if w >= 140 else fixed(min(40, w - 16))
        return side

    def k_navbar(self, b, w, h):
        if b.variant == "tabbar" or (self.c.mobile and b.box[1] > 0.5):
            tabs = [("Home", "home"), self.d.nav[1], self.d.nav[2], ("Settings", "settings")]
            here = self.d.nav[self.active_nav()][0]
            return P.tabbar(self.c, tabs, here if here in [t for t, _ in tabs] else "Home")
        if w < 700:
            return P.appbar(self.c, "")
        if b.box[0] < 0.02:
            if self.shop:
                links = ["New in", "Men", "Women", "Home", "Sale"]
                return P.app_navbar(self.c, links, links[0], "Search products", "cart", "Jonas Weber")
            links = [label for label, _ in self.d.nav[:5]]
            here = self.d.nav[self.active_nav()][0]
            return P.app_navbar(self.c, links, here if here in links else links[0], self.d.search)
        return P.topbar(self.c, self.d.search)

    def k_modal(self, b, w, h):
        title, msg, confirm, _ = C.dialog_copy(self.c.arch, self.d)  # the composer's words for this page
        return col(text("body", msg, "body", lines=4),
                   row(button("cancel", "Cancel", "secondary"), button("confirm", confirm, "destructive"),
                       gap=3, justify="end", width=fill()),
                   gap=5, padding=(9, 6, 6, 6), overflow="drop", el={"text": title})

    def k_list(self, b, w, h):
        k = self.count("list")
        items = [C.list_item(i, *p, True) for i, p in enumerate(self.d.list_items(self.rng))]
        if b.content == "nav" or w < 280 and k == 0:
            nav = self.d.nav
            if self.shop:  # a storefront's side list is its categories, not the admin's sections
                nav = [("All products", "package"), ("New in", "star"), ("Jackets", "package"), ("Knitwear", "package"),
                       ("Bags", "package"), ("Accessories", "package"), ("Sale", "heart")]
            on = 0 if self.shop else self.active_nav()
            items = [self._nav_item(lab, ic, i == on) for i, (lab, ic) in enumerate(nav)]
        return col(*items, gap=1 if b.content == "nav" else 0, overflow="drop")

    def _nav_item(self, label: str, icon: str, active: bool) -> Node:
        n = el("item", "list_item", w=fill(), h=44, variant="nav", props={"icon": icon, "active": active})
        n.el["text"] = label
        return n

    # -- cards -----------------------------------------------------------------------------
    def k_card(self, b, w, h):
        content = b.content or ("text" if h < 200 else "list")
        if h < 110 and content in ("chart-line", "chart-bar", "chart-donut", "table", "calendar"):
            content = "kpi"  # too short to draw a chart or rows under a title: a figure instead
        pad = 5 if min(w, h) >= 160 else (4 if min(w, h) >= 96 else 3)
        iw, ih = w - 2 * self.lay.step(pad), h - 2 * self.lay.step(pad)
        if self.c.arch == "checkout" and content in ("product", "summary") and ih >= 360 and iw >= 280:
            content = "order-summary"  # a checkout's product or summary card lists the order
        fn = getattr(self, "c_" + content.replace("-", "_"), self.c_text)
        node = fn(iw, ih)
        node.padding = pad
        node.overflow = "drop"
        return node

    def c_kpi(self, w, h):
        kpis = self.d.kpis(self.rng)
        n = P.kpi_card(self.c, *kpis[self.count("kpi") % len(kpis)])
        n.gap = 3 if h >= 120 else 1
        if h < 110:  # too short for the delta row
            n.children = n.children[:1]
        return n

    def _chart_card(self, variant: str, title: str, action: str = ""):
        chart = el("chart", "chart", w=fill(), h=fill(min=40), variant=variant, props=self._chart_props(variant))
        return card("card", chart, title=title, action=action)

    def nth(self, key: str, titles: list[str]) -> str:
        """The next of `titles` for a repeated kind of card, skipping any another card of the
        page already has, so two cards never share a title (while the pool lasts)."""
        k = self.count(f"title:{key}")
        turn = titles[k % len(titles):] + titles[:k % len(titles)]
        title = next((t for t in turn if t not in self.card_titles), turn[0])
        self.card_titles.add(title)
        return title

    def c_chart_line(self, w, h):
        title = self.nth("line", [self.d.trend_title, "Weekly trend", "Month over month", "Forecast"])
        return self._chart_card("line", title, "View report" if w > 420 else "")

    def c_chart_bar(self, w, h):
        return self._chart_card("bar", self.nth("bar", ["Activity by weekday", "Volume by month", "By channel"]))

    def c_chart_donut(self, w, h):
        return self._chart_card("donut", self.nth("donut", [self.d.mix_title, "Share by region", "Breakdown"]))

    def c_table(self, w, h):
        t = el("table", "table", w=fill(), h=fill(min=60), props=self._table_props(w, h - 48))
        rec = self.d.records.lower()
        title = self.nth("table", [f"Recent {rec}", f"Open {rec}", f"Flagged {rec}", f"All {rec}"])
        return card("card", t, title=title, action="See all" if w > 420 else "")

    def c_list(self, w, h):
        title = self.d.list_title
        if self.c.arch in ("chat", "inbox"):  # conversations: who, the last line, when
            lines = self.pc.chat if self.c.arch == "chat" else self.pc.subjects
            items = [C.list_item(i, p, lines[i % len(lines)], f"{9 + i}:{(15 + 7 * i) % 60:02d}", True)
                     for i, p in enumerate(PEOPLE[:9])]
            title = "Messages" if self.c.arch == "chat" else "Inbox"
        else:
            items = [C.list_item(i, *p, i < 4) for i, p in enumerate(self.d.list_items(self.rng))]
        lst = col(*items, name="list", kind="list", width=fill(), height=fill(), overflow="drop")
        title = self.nth("list", [title, "Recent activity", "Watchlist", "Updates"])
        return card("card", lst, title=title, action="See all" if w > 420 else "")

    def c_form(self, w, h):
        labels = self.copy.get("fields") or [("Full name", "Maya Chen"), ("Work email", "maya.chen@northwind.io"),
                                             ("Company", "Northwind Ltd"), ("Address", "Torstraße 118"),
                                             ("City", "Berlin"), ("Phone", "+49 30 1234 5678")]
        kids = []
        pair = w >= 560
        for i in range(0, len(labels), 2 if pair else 1):
            fs = [field("field", label=lab, value=val) for lab, val in labels[i:i + (2 if pair else 1)]]
            kids.append(row(*fs, gap=4, width=fill()) if pair else fs[0])
        kids = kids[:max(1, int((h - 120) // 88))]
        checks, primary = self.copy.get("checks") or ["Email me about updates"], self.copy.get("primary") or ["Save changes"]
        kids.append(check("agree", "checkbox", checks[0], True))
        if w >= 360:
            kids.append(row(spacer(), button("cancel", (self.copy.get("secondary") or ["Cancel"])[0], "secondary"),
                            button("save", primary[0], "primary"), gap=3, width=fill()))
        else:  # a narrow form ends in one full-width action
            kids.append(button("save", primary[0], "primary", w=fill()))
        title = {"checkout": "Shipping details", "sign-in": "Sign in", "sign-up": "Create your account",
                 "onboarding": "About your team"}.get(self.c.arch, "Details")
        return card("card", *kids, title=title)

    def c_settings(self, w, h):
        opts = [("New orders", True), ("Payment received", True), ("Low stock alerts", True), ("Weekly summary", False),
                ("Product updates", False), ("Mentions", True)]
        kids = [check("toggle", "toggle", lab, on) for lab, on in opts]
        return card("card", *kids, title=self.nth("settings", ["Notifications", "Email alerts", "Privacy"]), gap=4)

    def c_media(self, w, h):
        """An image, captioned when there is room (a product's name and price on a shop page)."""
        if self.c.arch == "mobile-feed" and h >= 200:
            return self._post(w, h, image=True)
        motif = self._motif()
        if self.c.arch in ("sign-in", "sign-up") and h >= 320 and w >= 240:
            return self._brand_panel(w, art=True)
        kids = [el("image", "image", w=fill(), h=fill(min=40), role="secondary", props=motif)]
        if h >= 160:
            if self.shop:
                name, price = P.PRODUCTS[(self.n["product"] - 1) % len(P.PRODUCTS)]
                kids += [text("name", name, "body-strong", "text"), text("meta", P.format_money(price), "body")]
            else:
                k = self.count("caption")
                kids += [text("name", self.pc.subjects[k % len(self.pc.subjects)], "body-strong", "text"),
                         text("meta", f"Nov {1 + k % 24}, 2026", "small")]
        return card("card", *kids, gap=2)

    def _brand_panel(self, w, art: bool):
        """The panel beside a sign-in form: logo, headline and pitch (over the artwork with `art`)."""
        kids = [el("logo", "logo", w=160, h=40),
                heading("headline", self.d.headline, "display" if w >= 560 else "h1", lines=3),
                text("pitch", self.d.pitch, "title" if w >= 560 else "body", "text-muted", lines=3)]
        if art:
            kids.append(el("art", "image", w=fill(), h=fill(min=80), role="secondary", props=self._motif()))
        return card("card", *kids, gap=5)

    def c_product(self, w, h):
        name, price = P.PRODUCTS[self.count("product") % len(P.PRODUCTS)]
        photo = el("photo", "image", w=fill(), h=fill(min=40), role="surface-muted",
                   props={"motif": "product", "shape": product_shape(name)})
        info = row(col(text("name", name, "body-strong", "text"), text("price", P.format_money(price), "body"), gap=1,
                       width=fill()),
                   button("add", "", "secondary", "plus"), gap=3, align="center", width=fill())
        return card("card", photo, info, gap=3)

    def c_calendar(self, w, h):
        cal = el("calendar", "calendar", w=fill(), h=fill(min=120), variant="week" if w > 2.2 * h else "month",
                 props={"month": 11, "year": 2026, "selected": [25], "events": [3, 9, 12, 18, 24]})
        if w > 2.2 * h:
            cal.el["props"] = self.k_calendar(Block("calendar", (0, 0, 0, 0), variant="week"), w, h).el["props"]
        return card("card", cal)

    def c_summary(self, w, h):
        rng = self.rng
        vals = [("Subtotal", rng.randint(120, 480)), ("Shipping", 9.0), ("Tax", rng.randint(12, 60))]

        total = sum(v for _, v in vals)
        kids = [C.total_row(lab, v) for lab, v in vals] + [el("divider", "divider", w=fill(), h=16),
                                                           C.total_row("Total", total, True)]
        if h > 320:
            kids.append(button("pay", f"Pay {P.format_money(total)}", "primary", "lock", size="lg", w=fill()))
        return card("card", *kids, title="Summary")

    def c_order_summary(self, w, h):
        """A checkout's order summary: line items with thumbnails, then the totals and the pay button."""
        n = 3 if h >= 520 else (2 if h >= 430 else 1)
        items = [(*P.PRODUCTS[(self.count("product") + i) % len(P.PRODUCTS)], 1 + i % 2) for i in range(n)]
        subtotal = sum(price * q for _, price, q in items)
        total = subtotal + 9.0
        kids = [*(C.order_line(name, price, q, thumb=56) for name, price, q in items),
                el("divider", "divider", w=fill(), h=16), C.total_row("Subtotal", subtotal),
                C.total_row("Shipping", 9.0), C.total_row("Total", total, True),
                button("pay", f"Pay {P.format_money(total)}", "primary", "lock", size="lg", w=fill())]
        return card("card", *kids, title="Order summary", gap=4)

    def c_text(self, w, h):
        lh = self.lay.measure("Ag", "body", None, 1)[1] or 24
        if h < 110 and w < 480:  # a small tile: a label over a figure
            label, value, _ = self.d.kpis(self.rng)[self.count("tile") % 4]
            return card("card", text("label", label, "small"), heading("value", value, "h3" if h >= 64 else "title"),
                        gap=1)
        if self.c.arch == "mobile-feed" and h >= 110:
            return self._post(w, h, image=False)
        if self.c.arch in ("sign-in", "sign-up") and h >= 240 and w >= 240:
            return self._brand_panel(w, art=False)
        titled = h >= 120
        room = h - (lh + self.lay.step(4) if titled else 0)
        lines = max(1, int(room // lh))
        kids = [text("body", self.paragraph("body", w, lines * lh), "body", lines=lines)]
        if titled:
            title = self.nth("text", [self.d.list_title, "About", "Details", "Notes", "Summary"])
            return card("card", *kids, title=self.fitting([title, "Notes"], "title", w))
        return card("card", *kids)

    def _post(self, w, h, image: bool):
        """A feed post: author, a line of copy, a photo when `image`, reactions."""
        k = self.count("post")
        person = PEOPLE[(k * 3) % len(PEOPLE)]
        kids = [C.list_item(0, person, f"{2 + k}h · Berlin", "", False),
                text("body", self.pc.posts[k % len(self.pc.posts)], "body", lines=2)]
        if image:
            kids.append(el("photo", "image", w=fill(), h=fill(min=40), role="secondary", props={"motif": "landscape"}))
        kids.append(row(*[row(el("i", "icon", w=20, h=20, props={"name": ic}),
                              text("n", str(12 + 37 * (i + k) % 200), "small", w=hug()), gap=2, align="center")
                          for i, ic in enumerate(("heart", "message", "arrow-up-right"))], gap=6, width=fill()))
        kids[0].height = fixed(48)
        return card("card", *kids, gap=3)

    def c_actions(self, w, h):
        btns = [button("secondary", "Cancel", "secondary"), button("primary", "Save changes", "primary")]
        return card("card", row(spacer(), *btns, gap=3, width=fill(), align="center"))

    def c_nav(self, w, h):
        return card("card", *[self._nav_item(lab, ic, i == 0) for i, (lab, ic) in enumerate(self.d.nav)], gap=1)

    def c_profile(self, w, h):
        person = PEOPLE[self.count("person") % len(PEOPLE)]
        who = C.list_item(0, person, f"{self.pc.record.capitalize()} owner · Berlin", "", False)
        kids = [who]
        if h > 150:
            kids.append(row(button("mail", "Message", "secondary", "mail", w=fill()),
                            button("follow", "Follow", "primary", w=fill()), gap=3, width=fill()))
        return card("card", *kids, title="Contact" if h > 200 else "")

    def c_steps(self, w, h):
        prog = el("steps", "progress", w=fill(), h=28, variant="steps",
                  props={"steps": ["Account", "Workspace", "Team", "Done"], "current": 1})
        return card("card", prog, text("hint", "Step 2 of 4 · Workspace", "small"), gap=3)

    def c_empty(self, w, h):
        title, msg, action = self.pc.empty
        art = el("art", "image", w=fixed(min(320, w * 0.6)), h=min(200, h * 0.35), role="secondary",
                 props={"motif": "landscape"}, align_self="center")
        n = card("card", spacer(), art, heading("title", title, "h3", align="center"),
                 text("message", msg, "body", lines=3, align="center"),
                 row(button("primary", action, "primary", "plus"), justify="center", width=fill()), spacer(), gap=4)
        n.align = "center"
        return n

    def c_pricing(self, w, h):
        k = self.count("plan")
        name, price = [("Starter", 0), ("Growth", 29), ("Scale", 79), ("Enterprise", 199)][k % 4]
        feats = ["Unlimited " + self.d.records.lower(), "Reports and exports", "Priority support", "Single sign-on",
                 "Audit log"]
        return card("card", heading("plan", name, "title"),
                    row(heading("price", f"${price}", "h1", w=hug()), text("per", "/ month", "small", w=hug()), gap=2,
                        align="end", width=fill()),
                    button("choose", "Start free" if price == 0 else f"Choose {name}",
                           "primary" if k % 4 == 1 else "secondary", w=fill()),
                    el("divider", "divider", w=fill(), h=8),
                    *[check("feature", "checkbox", f, True) for f in feats], gap=4)

    def c_chat(self, w, h):
        bw = hug(max=max(120, w * 0.7))
        bubbles = []
        for i, m in enumerate(self.pc.chat):
            bub = card("bubble", text("message", m, "body", lines=4), gap=1, pad=3, w=bw,
                       role="primary" if i % 2 else "surface-muted", variant="flat", props={"bubble": True})
            bub.align_self = "end" if i % 2 else "start"
            bubbles.append(bub)
        thread = col(*bubbles, name="thread", gap=3, width=fill(), height=fill(), justify="end", overflow="drop")
        composer = row(field("message", placeholder="Type a message…"), button("send", "", "primary", "arrow-up-right"),
                       gap=3, align="center", width=fill())
        if h < 280:
            return card("card", thread, composer, gap=4)
        # a conversation opens with who it is with, as the curriculum's chat pages do
        head = chat_head(PEOPLE[self.count("person") % len(PEOPLE)])
        return card("card", head, el("divider", "divider", w=fill(), h=8), thread, composer, gap=4)
