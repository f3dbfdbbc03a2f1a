"""A component gallery: every element kind with the variants people expect, laid out by flex."""

from __future__ import annotations

from engine.layout import flex as L
from engine.compose.parts import button, card, check, el, field, grid, heading, text
from engine.layout.flex import Node, col, fill, fixed, hug, row
from scene.model import Scene

W, H = 1920, 1080


def with_text(n: Node, s: str) -> Node:
    n.el["text"] = s
    return n


def gallery_tree() -> Node:
    buttons = row(*[button(v, v.title(), v, icon="plus" if v == "primary" else "", size=s)
                    for v, s in (("primary", "sm"), ("secondary", "md"), ("ghost", "md"), ("destructive", "lg"))],
                  button("icon-only", "", "secondary", "filter"), name="buttons", gap=3, align="center", width=fill())
    fields = row(field("input", label="Email", placeholder="you@company.com", helper="We never share it."),
                 field("error", label="Card", value="4242 4242", error="Incomplete number."),
                 el("search", "search", w=fill(), h=44, props={"placeholder": "Search orders"}),
                 field("select", "select", label="Country", value="Germany"), name="fields", gap=4, align="end",
                 width=fill())
    checks = row(check("checkbox", "checkbox", "Remember me", True, w=hug()),
                 check("checkbox-off", "checkbox", "Newsletter", False, w=hug()),
                 check("radio", "radio", "Monthly", True, w=hug()), check("radio-off", "radio", "Yearly", False, w=hug()),
                 check("toggle", "toggle", "Alerts on", True, w=hug()), check("toggle-off", "toggle", "Alerts off", False,
                                                                              w=hug()),
                 name="checks", gap=5, align="center", width=fill())
    tabs = el("tabs", "tabs", w=fill(), h=44, props={"items": ["Overview", "Orders", "Reports"], "active": 1})
    table = el("table", "table", w=fill(), h=200,
               props={"columns": ["Order", "Customer", "Total", "Status"],
                      "rows": [["#1042", "Maya Chen", "$120.00", "Paid"], ["#1043", "Jonas Weber", "$89.50", "Pending"],
                               ["#1044", "Luis Romero", "$42.00", "Refunded"]],
                      "align": ["left", "left", "right", "left"], "status_column": 3, "row_height": 48})
    items = [with_text(el("item", "list_item", w=fill(), h=56,
                       props={"avatar": n, "meta": m, "trailing": t, "divider": i == 0}), n)
             for i, (n, m, t) in enumerate((("Amara Okafor", "12 orders", "$1,204.00"),
                                            ("Kenji Sato", "3 orders", "$310.00")))]
    items.append(with_text(el("item", "list_item", w=fill(), h=56, props={"icon": "package", "meta": "Ships today",
                                                                       "trailing": "2 h ago"}), "Order #1045"))
    lst = col(*items, name="list", kind="list", width=fill())
    charts = grid([el("line", "chart", w=fill(), h=160, variant="line",
                    props={"series": [[3, 5, 4, 7, 8], [2, 3, 3, 5, 6]], "labels": ["Jan", "Feb", "Mar", "Apr", "May"]}),
                 el("bar", "chart", w=fill(), h=160, variant="bar",
                    props={"series": [[30, 50, 40, 70]], "labels": ["Q1", "Q2", "Q3", "Q4"]}),
                 el("donut", "chart", w=fill(), h=160, variant="donut",
                    props={"series": [[50, 30, 20]], "labels": ["Web", "Store", "Phone"]}),
                 el("sparkline", "chart", w=fixed(120), h=40, variant="sparkline",
                    props={"series": [[3, 4, 3, 5, 6, 5, 7]]})], 2, gap=5, name="charts")
    misc = grid([with_text(el("avatar", "avatar", w=40, h=40), "Maya Chen"),
               *[with_text(el(f"badge-{r}", "badge", w=hug(), h=24, role=r, padding=(0, 3, 0, 3)), r.title())
                 for r in ("success", "warning", "danger", "info")],
               el("icon", "icon", w=24, h=24, props={"name": "bell"}),
               el("logo", "logo", w=132, h=32),
               el("pagination", "pagination", w=fixed(320), h=40, props={"page": 2, "pages": 9, "align": "left"}),
               el("breadcrumb", "breadcrumb", w=fixed(260), h=20, props={"items": ["Home", "Shop", "Bags"]})],
                4, gap=4, name="misc")
    for r_ in misc.children:
        for n in r_.children:
            if n.kind == "badge":
                n.text, n.style = n.el["text"], "caption"
    cals = row(el("month", "calendar", w=fixed(240), h=260, variant="month",
                  props={"month": 11, "year": 2026, "selected": [25], "events": [3, 12]}),
               el("week", "calendar", w=fill(), h=260, variant="week",
                  props={"today": 2, "events": [[0, 9, 10, "Stand-up"], [2, 11, 13, "Design review"],
                                                [4, 14, 15, "Payroll run"]]}),
               col(el("strip", "calendar", w=fill(), h=96, variant="strip",
                      props={"month": 11, "year": 2026, "selected": [25], "events": [24, 27]}),
                   with_text(el("bar", "progress", w=fill(), h=32, variant="bar", props={"value": 0.62}), "Storage used"),
                   el("steps", "progress", w=fill(), h=28, variant="steps",
                      props={"steps": ["Cart", "Shipping", "Payment"], "current": 1}),
                   el("divider", "divider", w=fill(), h=16),
                   el("image", "image", w=fill(), h=96, role="secondary", props={"motif": "landscape"}),
                   gap=4, width=fixed(200)),
               name="dates", gap=5, align="start", width=fill())
    left = col(Node(name="header", kind="header", width=fill(), height=fixed(60), text="Components", style="h2",
                    el={"props": {"subtitle": "Every kind, drawn from tokens."}}),
               heading("heading", "Headings and body", "h3"),
               text("text", "Body copy wraps inside its box and ends in an ellipsis when it runs out of lines, "
                    "so it never spills into its neighbours.", "body", lines=2),
               card("card", buttons, fields, checks, tabs, title="Controls", action="Reset", gap=5),
               row(card("data", table, title="Orders"), card("people", lst, title="Customers"), gap=5, width=fill()),
               gap=4, width=fill(55))
    right = col(charts, misc, cals,
                Node(name="footer", kind="footer", width=fill(), height=fixed(48), text="© 2026 Harbor · Privacy"),
                gap=5, width=fill(45))
    main = row(left, right, name="main", gap=6, padding=5, width=fill(), height=fill())
    side = col(el("logo", "logo", w=132, h=32),
               *[with_text(el("nav-item", "list_item", w=fill(), h=44, variant="nav",
                           props={"icon": i, "active": k == 0}), lab)
                 for k, (lab, i) in enumerate((("Dashboard", "dashboard"), ("Orders", "package"), ("Reports", "chart")))],
               name="sidebar", kind="sidebar", gap=2, padding=4, width=fixed(240), height=fill())
    top = row(el("search", "search", w=fixed(360), h=44, props={"placeholder": "Search"}),
              name="navbar", kind="navbar", padding=(0, 5, 0, 5), align="center", width=fill(), height=fixed(64))
    return row(side, col(top, main, width=fill(), height=fill()), name="gallery", width=fill(), height=fill())


def gallery_scene(theme=None, scale: float = 1.0) -> Scene:
    lay = L.Layout.for_theme(theme) if theme is not None else L.Layout()
    root = lay.run(gallery_tree(), W, H)
    scene = Scene(width=round(W * scale), height=round(H * scale), scale=scale, archetype="gallery",
                  prompt="component gallery", seed=0, elements=L.to_elements(root))
    return _scale(scene, scale)


def modal_scene(theme=None) -> Scene:
    """A settings page under a confirmation dialog."""
    lay = L.Layout.for_theme(theme) if theme is not None else L.Layout()
    dialog = col(text("body", "Deleting the workspace removes all orders and customers. This cannot be undone.",
                      "body", lines=3),
                 row(button("cancel", "Cancel", "secondary"), button("confirm", "Delete", "destructive"),
                     gap=3, justify="end", width=fill()),
                 name="modal", kind="modal", gap=5, padding=(9, 6, 6, 6), width=fixed(520),
                 el={"text": "Delete workspace?"})
    page = col(heading("title", "Settings", "h2"), text("sub", "Manage your workspace.", "body"),
               row(dialog, justify="center", width=fill(), height=fill(), align="center"),
               name="page", gap=4, padding=6, width=fill(), height=fill())
    root = lay.run(page, 1280, 720)
    return Scene(width=1280, height=720, scale=1.0, archetype="modal", prompt="modal", seed=0,
                 elements=L.to_elements(root))


def _scale(scene: Scene, s: float) -> Scene:
    if s == 1.0:
        return scene

    def sc(e):
        x, y, w, h = e.box
        return e.model_copy(update={"box": (x * s, y * s, w * s, h * s), "children": [sc(c) for c in e.children]})

    return scene.model_copy(update={"elements": [sc(e) for e in scene.elements]})


GOLDEN_SCENES = [("dashboard", "desktop", (1920, 1080)), ("checkout", "mobile", (430, 932)),
                 ("settings", "tablet", (1366, 1024))]


def write_golden() -> None:
    """Rewrite tests/engine/golden/*.json after a deliberate layout change (review the diff)."""
    import json
    from pathlib import Path

    from engine.compose.composer import compose

    out = Path(__file__).parent / "golden"
    out.mkdir(exist_ok=True)
    sc = gallery_scene(None)
    (out / "gallery.json").write_text(json.dumps({"source": "gallery",
                                                  "boxes": {e.id: list(e.box) for e in sc.walk()}}, indent=0))
    for arch, dev, (w, h) in GOLDEN_SCENES:
        sc = compose(arch, w, h, seed=0, archetype=arch, device=dev)
        (out / f"{arch}-{dev}.json").write_text(json.dumps(
            {"source": "compose", "prompt": arch, "archetype": arch, "device": dev, "width": w, "height": h,
             "boxes": {e.id: list(e.box) for e in sc.walk()}}, indent=0))


if __name__ == "__main__":
    write_golden()
