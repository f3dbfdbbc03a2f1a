"""A contact sheet of the scene vocabulary: every element kind drawn with example content, each
under its name, on one canvas, for looking at a design system's components at a glance.

    python -m engine.render.contact_sheet sample_design_systems/harbor --device mobile -o sheet.png

`SAMPLES` holds one example per kind (its design-px size, text, variant and props, the props a
planner would give); `sheet_scene` packs them into rows at a device's design width, so the
mobile sheet also shows every kind squeezed to a phone's width. The modal is left out: its scrim
would cover the sheet.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scene.devices import DEVICES
from scene.model import KINDS, Element, Scene


@dataclass(frozen=True)
class Sample:
    w: float
    h: float
    text: str = ""
    variant: str = ""
    props: dict = field(default_factory=dict)
    role: str = ""
    style: str = ""


#: One example of each kind (design px).
SAMPLES: dict[str, Sample] = {
    "navbar": Sample(360, 64), "sidebar": Sample(200, 160), "footer": Sample(360, 48, "© 2026 · Privacy · Terms"),
    "header": Sample(360, 100, "Orders", props={"subtitle": "Every order of the last 30 days."}, style="h2"),
    "heading": Sample(240, 40, "Quarterly report", style="h3"),
    "text": Sample(280, 48, "Body copy wraps inside its box and ends in an ellipsis when it runs out."),
    "button": Sample(140, 44, "Save changes", "primary", {"icon": "check"}),
    "input": Sample(260, 72, props={"label": "Email", "placeholder": "you@company.com"}),
    "checkbox": Sample(180, 28, "Remember me", props={"checked": True}),
    "radio": Sample(160, 28, "Monthly", props={"checked": True}),
    "toggle": Sample(180, 28, "Notifications", props={"on": True}),
    "select": Sample(220, 72, props={"label": "Country", "value": "Germany"}),
    "tabs": Sample(300, 44, props={"items": ["Overview", "Orders", "Reports"], "active": 0}),
    "card": Sample(220, 120, props={"title": "Card", "action": "View"}),
    "table": Sample(420, 150, props={"columns": ["Order", "Total", "Status"], "rows": [["#1042", "$120.00", "Paid"],
                                                                                    ["#1043", "$89.50", "Pending"]],
                                     "status_column": 2, "align": ["left", "right", "left"], "row_height": 48}),
    "list": Sample(240, 112), "list_item": Sample(300, 56, "Amara Okafor", props={"avatar": "Amara Okafor",
                                                                                 "meta": "12 orders", "trailing": "$1,204"}),
    "chart": Sample(320, 160, variant="area", props={"series": [[3, 5, 4, 7, 8, 9], [2, 3, 3, 4, 6, 5]],
                                                     "labels": ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]}),
    "image": Sample(200, 120, props={"motif": "landscape"}), "icon": Sample(24, 24, props={"name": "bell"}),
    "avatar": Sample(40, 40, "Maya Chen"), "badge": Sample(80, 24, "Active"),
    "pagination": Sample(320, 40, props={"page": 2, "pages": 9, "align": "left"}),
    "breadcrumb": Sample(260, 20, props={"items": ["Home", "Shop", "Bags"]}),
    "calendar": Sample(260, 280, variant="month", props={"month": 11, "year": 2026, "selected": [25]}),
    "progress": Sample(240, 32, "Storage used", "bar", {"value": 0.62}),
    "divider": Sample(240, 16), "logo": Sample(132, 32), "search": Sample(260, 44, props={"placeholder": "Search"}),
    "chip": Sample(320, 72, props={"items": ["Design", "Research", "Engineering", "Marketing", "Sales"],
                                   "selected": [0, 2]}),
    "segmented": Sample(260, 40, props={"items": ["Day", "Week", "Month"], "active": 1}),
    "slider": Sample(260, 44, "Price", props={"values": [0.2, 0.7], "display": "$40 – $140"}),
    "stepper": Sample(160, 68, "Guests", props={"value": 2, "min": 1, "max": 8}),
    "rating": Sample(200, 24, "4.5 (128)", props={"value": 4.5}),
    "date_picker": Sample(320, 420, props={"label": "Check-in", "month": 11, "year": 2026, "selected": 25}),
    "time_picker": Sample(240, 300, props={"label": "Time", "value": "10:30"}),
    "accordion": Sample(320, 220, props={"items": ["Shipping", "Returns", "Warranty"], "open": 0}),
    "menu": Sample(220, 230, props={"items": ["Edit", "Duplicate", "Share", "---", "Delete"],
                                    "icons": ["settings", "file", "arrow-up-right", "", "x"],
                                    "shortcuts": ["Ctrl E", "Ctrl D", "", "", ""], "active": 1}),
    "tooltip": Sample(200, 44, "Copied to clipboard"),
    "toast": Sample(360, 72, "Payment received", props={"message": "Invoice INV-0412 is paid.", "action": "View"}),
    "alert": Sample(420, 80, "Your trial ends in 3 days", props={"message": "Add a payment method to keep access.",
                                                                 "action": "Upgrade"}, role="warning"),
    "bottom_sheet": Sample(340, 240, "Share track"),
    "fab": Sample(56, 56, props={"icon": "plus"}),
    "stat": Sample(240, 150, "Revenue", props={"value": "$48,210", "delta": "+12.4%",
                                               "series": [3, 4, 3, 5, 6, 5, 7]}),
    "progress_ring": Sample(120, 150, "Goal", props={"value": 0.72}),
    "gauge": Sample(220, 130, "CPU load", props={"value": 0.64}),
    "avatar_group": Sample(200, 40, props={"names": ["Maya Chen", "Jonas Weber", "Amara Okafor", "Kenji Sato",
                                                     "Luis Romero", "Priya Nair"], "max": 4}),
    "timeline": Sample(300, 230, props={"items": [["Order placed", "Nov 21, 09:12"], ["Packed", "Nov 21, 14:40"],
                                                  ["Shipped", "Nov 22, 08:05"], ["Delivered", "Expected Nov 24"]],
                                        "current": 2}),
    "tree": Sample(240, 260), "description_list": Sample(340, 230),
    "comment": Sample(360, 120, "Jonas Weber", props={"meta": "2 h ago", "likes": 4}),
    "kanban_column": Sample(280, 380, "In progress"),
    "map": Sample(420, 280, props={"pins": ["Pickup", "Drop-off"]}),
    "video": Sample(320, 180, props={"duration": "4:32", "progress": 0.3}),
    "media_controls": Sample(320, 110, props={"elapsed": "1:24", "total": "3:48", "progress": 0.37}),
    "stories": Sample(420, 90),
    "file_tile": Sample(260, 64, "Q3-report.pdf", props={"meta": "2.4 MB · Nov 21"}),
    "code": Sample(380, 150, variant="diff", props={"title": "cart.py"}),
    "dropzone": Sample(320, 180),
    "skeleton": Sample(260, 120, variant="list"),
}

#: Extra examples: the other variants people reach for.
EXTRA: list[tuple[str, str, Sample]] = [
    ("chart-stacked", "chart", Sample(320, 160, variant="stacked", props={"labels": ["Q1", "Q2", "Q3", "Q4"]})),
    ("chart-scatter", "chart", Sample(320, 160, variant="scatter")),
    ("video-call", "video", Sample(240, 150, "Kenji Sato", "call", {"muted": True, "speaking": True})),
    ("video-camera-off", "video", Sample(240, 150, "Priya Nair", "call", {"camera_off": True})),
    ("media-controls-call", "media_controls", Sample(360, 84, variant="call",
                                                     props={"buttons": ["Mute", "Camera", "Share", "Leave"],
                                                            "off": ["camera"]})),
    ("gauge-bands", "gauge", Sample(220, 130, "Risk", props={"value": 0.7, "bands": [[0.5, "success"],
                                                                                    [0.8, "warning"],
                                                                                    [1, "danger"]]})),
    ("code-plain", "code", Sample(380, 130, props={"title": "total.py"})),
    ("timeline-horizontal", "timeline", Sample(420, 64, variant="horizontal")),
    ("file-tile", "file_tile", Sample(140, 150, "brand-kit.zip", props={"meta": "18 MB"})),
    ("fab-extended", "fab", Sample(180, 56, "Compose", props={"icon": "plus"})),
    ("toast-danger", "toast", Sample(360, 56, "Payment failed", props={"action": "Retry"})),
    ("skeleton-card", "skeleton", Sample(200, 220, variant="card")),
    ("chip-single", "chip", Sample(140, 32, "Selected", props={"selected": True, "removable": True})),
]


def sheet_scene(device: str = "desktop", scale: float | None = None, kinds: tuple[str, ...] | None = None,
                extras: bool = True) -> Scene:
    """Every kind (or `kinds`) with its example, under its name, packed into rows at the
    device's design width (an example wider than the page is narrowed to it). `scale` is canvas
    px per design px (default: the device's canvas width over its design width, capped at 2)."""
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r} (use {', '.join(DEVICES)})")
    (cw, _), dw = DEVICES[device]
    s = scale if scale is not None else min(2.0, cw / dw)
    pad, gap, cap = 16.0, 24.0, 22.0
    names = [k for k in (kinds or KINDS) if k in SAMPLES and k != "modal"]
    todo: list[tuple[str, str, Sample]] = [(k, k, SAMPLES[k]) for k in names]
    if extras and kinds is None:
        todo += EXTRA
    els: list[Element] = []
    x, y, row_h = pad, pad, 0.0
    for label, kind, smp in todo:
        w = min(smp.w, dw - 2 * pad)
        if x + w > dw - pad and x > pad:
            x, y, row_h = pad, y + row_h + gap, 0.0
        els.append(Element(id=f"{label}/name", kind="text", box=(x, y, w, cap - 4), text=label, style="caption"))
        children = [Element(id=f"{label}/{kind}/item-{i}", kind="list_item", box=(x, y + cap + 56 * i, w, 56),
                            text=t, props={"icon": ic, "meta": m})
                    for i, (t, m, ic) in enumerate((("Invoices", "12 files", "file"), ("Receipts", "4 files", "folder")))
                    ] if kind == "list" else []  # a list is a container: its items draw
        els.append(Element(id=f"{label}/{kind}", kind=kind, box=(x, y + cap, w, smp.h), text=smp.text,
                           variant=smp.variant, role=smp.role, style=smp.style, props=dict(smp.props),
                           children=children))
        x += w + gap
        row_h = max(row_h, cap + smp.h)
    height = y + row_h + pad

    def sc(e: Element) -> Element:
        bx, by, bw, bh = e.box
        return e.model_copy(update={"box": (bx * s, by * s, bw * s, bh * s)})

    return Scene(width=round(dw * s), height=round(height * s), scale=s, archetype="contact-sheet",
                 prompt="every element kind", seed=0, elements=[sc(e) for e in els])


def render_sheet(ds, device: str = "desktop", scale: float | None = None):
    """The sheet drawn with a design system: (PIL image, SVG text, theme warnings)."""
    from engine.render.canvas import Canvas
    from engine.render.components import Renderer
    from engine.render.theme import Theme

    theme = Theme(ds)
    scene = sheet_scene(device, scale)
    cv = Canvas(scene.width, scene.height, theme.color(scene.background_role))
    Renderer(theme, scene.scale).draw(cv, scene)
    return cv.image(), cv.svg(), theme.warnings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m engine.render.contact_sheet",
                                 description="Draw every element kind with a design system's tokens on one sheet.")
    ap.add_argument("folder", help="design-system folder")
    ap.add_argument("--device", default="desktop", choices=sorted(DEVICES), help="page width and scale (default desktop)")
    ap.add_argument("--scale", type=float, default=None, help="canvas px per design px (default: the device's, at most 2)")
    ap.add_argument("-o", "--out", default="contact-sheet.png", help="output .png or .svg (default contact-sheet.png)")
    a = ap.parse_args(argv)
    from ingest.store import load_or_ingest

    if not Path(a.folder).is_dir():
        print(f"error: {a.folder} is not a folder", file=sys.stderr)
        return 2
    if a.scale is not None and not 0.25 <= a.scale <= 4:
        print("error: --scale must be between 0.25 and 4", file=sys.stderr)
        return 2
    ds, _, _ = load_or_ingest(a.folder, None, must_save=False, with_context=False)
    img, svg, warnings = render_sheet(ds, a.device, a.scale)
    out = Path(a.out)
    if out.suffix.lower() == ".svg":
        out.write_text(svg)
    else:
        img.save(out)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"{out}  {img.width}×{img.height}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
