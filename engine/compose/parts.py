"""The pieces pages are built from: flex-node builders (`el`, `text`, `heading`, `button`,
`field`, `check`, `card`, `grid`, `spacer`), the app and storefront shells (sidebar, rail, top
bar, navigation bar, tab bar), page headers, KPI cards, order lines and the page context
(`PageContext`: device, seeded random source, prompt, copy domain and style family).

`engine.compose.composer` (the built-in archetypes and routing) and `engine.compose.pages` (more
archetypes) both build their pages from these.
"""


from __future__ import annotations

import random
from dataclasses import dataclass
from dataclasses import field as _field
from functools import cached_property

from engine.compose.domain_copy import (
    Domain,
    catalogue,
    labels_for,
    product_noun,
    purchase,
)
from engine.compose.rules import views
from engine.layout.flex import Node, col, fill, fixed, hug, row


@dataclass
class PageContext:
    device: str
    rng: random.Random
    prompt: str
    domain: Domain
    arch: str = ""
    style: dict = _field(default_factory=dict)

    def nav(self, default: str) -> str:
        """The navigation placement: the style's, else the archetype's `default`."""
        return self.style.get("nav") or default

    def cols(self, default: int, mobile_max: int = 1, tablet_max: int = 3) -> int:
        """Columns of the page's main grid: the style's (capped by the device), else `default`."""
        n = int(self.style.get("columns") or default)
        cap = {"desktop": 4, "tablet": tablet_max, "mobile": mobile_max}[self.device]
        return max(1, min(n, cap))

    @property
    def desktop(self) -> bool:
        return self.device == "desktop"

    @property
    def mobile(self) -> bool:
        return self.device == "mobile"

    def pick(self, desktop, tablet, mobile):
        return {"desktop": desktop, "tablet": tablet, "mobile": mobile}[self.device]

    @cached_property
    def products(self) -> list[tuple[str, float]]:
        """The goods of the page: what the prompt sells (`domain_copy.catalogue`: "teapots"
        gives teapots), else the store's mixed `PRODUCTS`; one list for the page, read, never changed."""
        return catalogue(self.prompt) or PRODUCTS

    @cached_property
    def goods(self) -> str:
        """The prompt's goods as a title ("Handmade Teapots"), "" when it names none."""
        return product_noun(self.prompt).title()

    def labels(self, *heads: str) -> list[str]:
        """The labels the prompt names for `heads` ("tabs", "plans"…), as written; see
        `domain_copy.labels_for`."""
        return labels_for(self.prompt, *heads)

# -- component nodes ---------------------------------------------------------------------------
def el(name: str, kind: str, w=None, h=None, **kw) -> Node:
    """A leaf element node; `w`/`h` are Sizes or numbers (fixed)."""
    sizes = {}
    for key, v in (("width", w), ("height", h)):
        if v is not None:
            sizes[key] = fixed(v) if isinstance(v, (int, float)) else v
    el_kw = {k: kw.pop(k) for k in ("role", "variant", "props") if k in kw}
    return Node(name=name, kind=kind, el=el_kw, **sizes, **kw)

def text(name: str, s: str, style: str = "body", role: str = "", lines: int = 1, w=None, align: str = "",
         kind: str = "text") -> Node:
    """Text in a type style, wrapping to at most `lines` lines (its height follows), then ellipsis."""
    props = {"align": align} if align else {}
    n = el(name, kind, w=w if w is not None else fill(), role=role, props=props)
    n.text, n.style, n.max_lines = s, style, lines
    return n

def heading(name: str, s: str, style: str = "h2", lines: int = 1, w=None, align: str = "") -> Node:
    return text(name, s, style, "text", lines, w, align, kind="heading")

BUTTON_HEIGHT = {"sm": 36, "md": 44, "lg": 52}

def button(name: str, label: str, variant: str = "primary", icon: str = "", size: str = "md", w=None) -> Node:
    """A button that hugs its label (and icon); sm/md/lg are 36/44/52 px tall; no label: square."""
    props = {"size": size}
    if icon:
        props["icon"] = icon
    n = el(name, "button", w=w, h=BUTTON_HEIGHT[size], variant=variant, props=props,
           padding=(0, 4 if size == "sm" else 5, 0, 4 if size == "sm" else 5))
    n.text, n.style = label, "body-strong" if size == "lg" else "label"
    if not label:  # icon-only: square
        n.width = fixed(BUTTON_HEIGHT[size])
    n.intrinsic = (26.0 if icon and label else 0.0, 0.0)
    return n

def field(name: str, kind: str = "input", w=None, **props) -> Node:
    """An input, select or search: 44 px field (24 px more a line for a text area, `lines`), plus
    28 px for a label and 24 px for helper/error text."""
    h = 44 + 24 * (max(1, props.get("lines", 1)) - 1) + (28 if props.get("label") else 0) + \
        (24 if props.get("helper") or props.get("error") else 0)
    return el(name, kind, w=w if w is not None else fill(), h=h, props=props)

def check(name: str, kind: str, label: str, on: bool, w=None) -> Node:
    """A checkbox, radio or toggle (`kind`) with its label; hugs the label when `w` is hug()."""
    key = "on" if kind == "toggle" else "checked"
    n = el(name, kind, w=w if w is not None else fill(), h=28 if kind == "toggle" else 24, props={key: on})
    n.text, n.style = label, "body"
    n.intrinsic = (52.0 if kind == "toggle" else 30.0, 0.0)
    return n

def card(name: str, *children: Node, title: str = "", action: str = "", gap: int = 4, pad: int = 5,
         w=None, h=None, content: str = "", role: str = "", variant: str = "", props: dict | None = None,
         **kw) -> Node:
    """A surface with elevation; a title row (title, optional action link) leads its children.
    `content` names what it holds (see `scene.blocks.CONTENTS`) where its children alone do not
    say; `role`, `variant` and `props` go to the card element."""
    kids = list(children)
    if title:
        head = [heading("title", title, "title", w=fill())]
        if action:
            head.append(text("action", action, "label", "primary", w=hug()))
        kids.insert(0, row(*head, align="center", gap=4, width=fill()))
    n = Node(name=name, kind="card", children=kids, padding=pad, gap=gap, width=w or fill(), height=h or hug(), **kw)
    props = dict(props or {})
    if content:
        props["content"] = content
    for key, v in (("role", role), ("variant", variant), ("props", props)):
        if v:
            n.el[key] = v
    return n

def spacer() -> Node:
    """An empty frame that takes the free space of its row or column."""
    return Node(width=fill(), height=fill())

def grid(items: list[Node], cols: int, gap: int = 5, name: str = "", h=None) -> Node:
    """Rows of `cols` equal columns (the last row keeps the column width)."""
    rows = []
    for i in range(0, len(items), cols):
        chunk = items[i:i + cols]
        for c in chunk:
            c.width = fill()
            c.height = fill() if h is not None else c.height
        chunk += [spacer() for _ in range(cols - len(chunk))]
        rows.append(row(*chunk, gap=gap, width=fill(), height=fill() if h is not None else hug(),
                        align="stretch"))
    return col(*rows, name=name, gap=gap, width=fill(), height=h or hug())

# -- shared copy ---------------------------------------------------------------------------------
PRODUCTS = [("Linen Overshirt", 89), ("Merino Crew Sweater", 120), ("Canvas Weekender", 145),
             ("Ceramic Pour-Over Set", 58), ("Trail Runner GTX", 139), ("Leather Card Holder", 45),
             ("Wool Beanie", 32), ("Insulated Bottle 750 ml", 36), ("Field Watch 38 mm", 210),
             ("Cotton Oxford Shirt", 75), ("Down Vest", 160), ("Desk Lamp Arc", 98)]

def format_money(v: float) -> str:
    return f"${v:,.2f}"


def member_email(name: str) -> str:
    """A team member's work email: "Maya Chen" → maya.chen@northwind.io."""
    return name.lower().replace(" ", ".") + "@northwind.io"


def order_items(c: PageContext, n: int, payment: bool = False) -> list[tuple[str, float, int]]:
    """An order's `n` lines (name, unit price, quantity): the prompt's goods; for a `payment`
    of one thing ("pay for concert tickets") that thing and its fee; else the store's products."""
    what = purchase(c.prompt)
    if c.goods and not (payment and what):  # the prompt names goods: `c.products` are they
        picks = c.rng.sample(c.products, min(n, len(c.products)))
        return [(name, price, 1 + i % 2) for i, (name, price) in enumerate(picks)]
    if what:
        name = what[:1].upper() + what[1:]
        plural = what.endswith("s") and not what.endswith("ss")
        price = float(c.rng.choice((24, 38, 49, 65, 89, 120, 149)))
        return [(name, price, 2 if plural else 1), ("Service fee", 4.5, 1)][:max(1, n)]
    picks = c.rng.sample(PRODUCTS, min(n, len(PRODUCTS)))
    return [(name, float(price), (1, 2, 1)[i % 3]) for i, (name, price) in enumerate(picks)]


def one_primary(elements) -> int:
    """Keep one filled primary action per view: of the primary buttons outside dialogs (scene
    elements, changed in place), the largest labelled one (else the largest) stays primary and
    the others, icon-only ones too, become secondary; each dialog keeps at most one of its own.
    Returns how many were changed."""
    changed = 0
    for _, buttons in views(elements):
        group = [e for e in buttons if e.variant in ("", "primary")]
        if len(group) < 2:
            continue
        # of equals, the first in tree order (max keeps the first maximal item)
        keep = max(group, key=lambda e: (bool(e.text.strip()), round(e.box[2] * e.box[3], 1)))
        for e in group:
            if e is not keep:
                e.variant = "secondary"
                changed += 1
    return changed

# -- shells ----------------------------------------------------------------------------------------
def sidebar(c: PageContext, active: str, nav: tuple[tuple[str, str], ...] | None = None) -> Node:
    """The navigation column: logo, icon + label items, the account at the foot; an icon rail on
    tablets and wherever the style asks for one."""
    rail = c.device == "tablet" or c.nav("sidebar") == "rail"
    items = [el("logo", "logo", w=40 if rail else 132, h=32, align_self="center" if rail else "start")]
    for label, icon in nav or c.domain.nav:
        n = el("nav-item", "list_item", w=fill(), h=44, variant="nav",
               props={"icon": icon, "active": label == active, "trailing": "" if rail or label != "Messages" else "12",
                      "collapsed": rail})
        n.el["text"] = label
        items.append(n)
    items.append(spacer())
    items.append(el("divider", "divider", w=fill(), h=16))
    if rail:
        items.append(el("account", "avatar", w=40, h=40, align_self="center"))
        items[-1].el["text"] = "Maya Chen"
    else:
        acc = el("account", "list_item", w=fill(), h=48, props={"avatar": "Maya Chen", "meta": "Admin", "divider": False})
        acc.el["text"] = "Maya Chen"
        items.append(acc)
    side = col(*items, name="sidebar", kind="sidebar", gap=1, padding=(6, 4, 6, 4), width=fixed(80 if rail else 256),
               height=fill(), overflow="drop")
    side.children.insert(1, Node(height=fixed(24), width=fill()))
    return side

def app_navbar(c: PageContext, links: list[str], active: str, search: str, icon: str = "bell",
                person: str = "Maya Chen") -> Node:
    """A top navigation bar: logo, section links, search, an action icon and the account."""
    return row(
        el("logo", "logo", w=128, h=32),
        el("links", "tabs", w=fill(max=640), h=44, variant="nav",
           props={"items": links if c.desktop else links[:3], "active": links.index(active) if active in links else -1}),
        spacer(),
        el("search", "search", w=fill(max=360), h=44, props={"placeholder": search or "Search"}),
        el(icon, "icon", w=24, h=24, props={"name": icon}),
        with_text(el("avatar", "avatar", w=40, h=40), person),
        name="navbar", kind="navbar", gap=6, padding=(0, 7, 0, 7), align="center", width=fill(), height=fixed(72),
    )

def topbar(c: PageContext, placeholder: str) -> Node:
    return row(
        el("search", "search", w=fill(max=420), h=44, props={"placeholder": placeholder or "Search"}),
        spacer(),
        el("help", "icon", w=24, h=24, props={"name": "mail"}),
        el("notifications", "icon", w=24, h=24, props={"name": "bell"}),
        with_text(el("avatar", "avatar", w=40, h=40), "Maya Chen"),
        name="topbar", kind="navbar", gap=5, padding=(0, 6, 0, 6), align="center", width=fill(), height=fixed(72),
    )

def with_text(n: Node, s: str) -> Node:
    n.el["text"] = s
    return n

def appbar(c: PageContext, title: str, icon: str = "bell", style: str = "title") -> Node:
    """The phone's top bar: the logo's mark and the section title (in `style`), or (no title) the
    full logo when the page below already carries the title."""
    lead = [el("logo", "logo", w=fixed(32), h=32, props={"mark": True}), heading("title", title, style, w=fill())]
    if not title:
        lead = [el("logo", "logo", w=fixed(112), h=28), Node(width=fill())]
    return row(
        *lead,
        el("search", "icon", w=24, h=24, props={"name": "search"}),
        el(icon, "icon", w=24, h=24, props={"name": icon}),
        name="appbar", kind="navbar", gap=4, padding=(0, 4, 0, 4), align="center", width=fill(), height=fixed(64),
    )

def tabbar(c: PageContext, tabs: list[tuple[str, str]], active: str) -> Node:
    items = []
    for label, icon in tabs:
        n = el("tab", "list_item", w=fill(), h=fill(), variant="tab", props={"icon": icon, "active": label == active})
        n.el["text"] = label
        items.append(n)
    return row(*items, name="tabbar", kind="navbar", padding=(2, 2, 4, 2), width=fill(),
               height=fixed(76), el={"variant": "tabbar"})

def app_shell(c: PageContext, active: str, search: str, body: list[Node], title: str) -> Node:
    """The app shell the style's navigation asks for (default: a sidebar) around the page body:
    sidebar or icon rail plus a top bar, a top navigation bar, or none; on a phone an app bar
    and (unless navigation is off) a bottom tab bar."""
    nav = c.nav("sidebar")
    if c.mobile:
        content = col(*body, name="content", gap=4, padding=(4, 4, 4, 4), width=fill(), height=fill(), overflow="drop")
        tabs = [("Home", "home"), c.domain.nav[1], c.domain.nav[2], ("Settings", "settings")]
        if active == c.domain.nav[0][0]:
            active = "Home"
        if active not in {t for t, _ in tabs}:
            active = "Home"
        bars = [] if nav == "none" else [tabbar(c, tabs, active)]
        return col(appbar(c, ""), content, *bars, name="page", width=fill(), height=fill())
    content = col(*body, name="content", gap=5, padding=6, width=fill(), height=fill(), overflow="drop")
    if nav == "topbar":
        links = [label for label, _ in c.domain.nav[:5]]
        return col(app_navbar(c, links, active, search), content, name="page", width=fill(), height=fill())
    if nav == "none":
        content.padding = (7, 8, 7, 8) if c.desktop else 7
        return col(content, name="page", width=fill(), height=fill())
    main = col(topbar(c, search), content, width=fill(), height=fill())
    return row(sidebar(c, active), main, name="page", width=fill(), height=fill())

def page_header(c: PageContext, title: str, subtitle: str, actions: list[tuple[str, str, str]]) -> Node:
    titles = col(heading("title", title, "h2" if not c.mobile else "h3"),
                 text("subtitle", subtitle, "body", lines=2), gap=1, width=fill())
    btns = [button("action", label, v, icon, size="md" if not c.mobile else "sm")
            for label, v, icon in (actions if not c.mobile else actions[-1:])]
    return row(titles, *btns, name="header", gap=3, align="center", width=fill())

# -- archetypes ------------------------------------------------------------------------------------
def kpi_card(c: PageContext, label: str, value: str, delta: str) -> Node:
    up = delta.startswith("+")
    spark = el("trend", "chart", w=fill(max=120, min=64), h=36, variant="sparkline",
               role="success" if up else "danger",
               props={"series": [[c.rng.randint(20, 60) + (i * 3 if up else -i * 3) for i in range(10)]]})
    value_row = row(heading("value", value, "h2" if not c.mobile else "h3", w=hug()),
                    *([] if c.mobile else [spark]), gap=4, justify="space-between", align="end", width=fill())
    spark.width = fill(max=120, min=0)
    delta_b = with_text(el("delta", "badge", w=hug(), h=24, role="success" if up else "danger"), delta)
    delta_b.text, delta_b.style, delta_b.padding = delta, "caption", (0, 3, 0, 3)
    bottom = row(delta_b, *([] if c.mobile else [text("period", "vs. last month", "caption")]), gap=2,
                 align="center", width=fill())
    top = col(text("label", label, "small"), value_row, gap=1, width=fill())
    return card("kpi", top, bottom, gap=3)

def status_role_of(s: str) -> str:
    from engine.render.components import status_role

    return status_role(s)

def site_shell(c: PageContext, links: list[str], active: str, body: list[Node], cart: bool, title: str,
          pad: int = 6) -> Node:
    """The storefront shell the style's navigation asks for (default: a top navbar) around the
    page: top navbar, a sidebar or icon rail of the site's sections, or none; on a phone an app
    bar and (unless navigation is off) a bottom tab bar."""
    nav = c.nav("topbar")
    if c.mobile:
        content = col(*body, name="content", gap=4, padding=4, width=fill(), height=fill(), overflow="drop")
        tabs = [("Shop", "home"), ("Search", "search"), ("Saved", "heart"), ("Cart", "cart"), ("Account", "user")]
        bars = [] if nav == "none" else [tabbar(c, tabs, "Cart" if cart else "Shop")]
        return col(appbar(c, "", "cart" if cart else "bell"), content, *bars, name="page", width=fill(), height=fill())
    content = col(*body, name="content", gap=5, padding=(6, pad, 6, pad), width=fill(), height=fill(),
                  overflow="drop")
    if nav in ("sidebar", "rail"):
        icons = ("home", "star", "users", "package", "heart", "file", "cart", "settings")
        section = tuple((label, icons[i % len(icons)]) for i, label in enumerate(links or ["Home", "Explore", "Saved"]))
        main = col(topbar(c, "Search products" if cart else "Search"), content, width=fill(), height=fill())
        return row(sidebar(c, active, section), main, name="page", width=fill(), height=fill())
    if nav == "none":
        return col(content, name="page", width=fill(), height=fill())
    nav_bar = app_navbar(c, links, active, "Search products" if cart else "Search", "cart" if cart else "bell",
                          "Jonas Weber")
    return col(nav_bar, content, name="page", width=fill(), height=fill())

def filter_chip(label: str, on: bool) -> Node:
    n = el("chip", "badge", w=hug(), h=32, role="primary" if on else "surface-muted", padding=(0, 4, 0, 4),
           props={"chip": True})
    n.text, n.style = label, "label"
    n.el["text"] = label
    return n
