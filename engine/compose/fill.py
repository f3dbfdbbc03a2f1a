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
from engine.compose.domain_copy import (
    PEOPLE,
    Domain,
    page_copy,
    page_domain,
    purchase,
    step_names,
    step_of,
)
from engine.compose.pages import (
    PLAN_HEADS,
    PRODUCT_FEATURES,
    TEAM_SIZES,
    chat_head,
    plan_prices,
)
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
                device: str | None = None, page_layout: bool = True) -> Scene:
    """A full scene from `blocks` at `width`×`height` canvas px, with copy for `prompt`.

    `theme` (an `engine.render.theme.Theme`, or None for font-free measuring) supplies the spacing
    scale and text metrics; `device` (desktop | tablet | mobile, default from the canvas
    shape) sets the design-px scale. Blocks of the null kind, of an unknown kind, or with an
    empty or non-finite box are skipped; boxes past the canvas edge are clipped to it. Modals
    come last, so the page they cover is drawn under their scrim.

    With `page_layout` (the default, for sampled blocks) the page is laid out as a whole
    around what the blocks hold: the content column keeps the top bar's inset, or a gutter
    beside a sidebar (`inset_content`), and cards shrink to their content, rows moving up
    (`hug_cards`); without it (a designed layout's blocks) every block keeps its box.
    """
    device = device or C.device_for_size(width, height)
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r} (use {', '.join(DEVICES)})")
    scale = width / DEVICES[device][1]
    W, H = width / scale, height / scale
    arch = C.route_prompt(prompt)
    blocks = complete_form(blocks, arch, prompt, W, H)
    blocks = fit_form_card(blocks, form_type(arch, prompt), W, H)
    blocks = align_title(blocks, W, H)
    f = _Filler(P.PageContext(device, random.Random(f"fill:{seed}"), prompt, page_domain(prompt, arch), arch, {}),
                L.Layout.for_theme(theme) if theme is not None else L.Layout())
    # a checkout pays from its order summary when one is tall enough to hold the pay button (else the form pays)
    f.summary = arch == "checkout" and any(
        b.kind == "card" and (b.content in ("summary", "product", "order-summary") and b.box[3] * H >= 370
                              or f.payment and b.content in ("product", "media", "order-summary") and b.box[3] * H >= 320)
        for b in blocks)
    f.plans_in_one = arch == "pricing" and sum(b.kind == "card" and b.content == "pricing" for b in blocks) == 1
    if page_layout:
        blocks = inset_content(blocks, _bar_inset(blocks, f, W, H), f.lay.step(5), W, H, f.lay.unit)
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
    if page_layout:
        boxes = hug_cards(blocks, boxes, nodes, f.lay, W, H)
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
    P.one_primary(elements)
    scene = Scene(width=width, height=height, scale=scale, archetype=arch, prompt=prompt, seed=seed,
                  elements=elements)
    return C.scaled_scene(scene, scale)


def _chrome(b: Block) -> str:
    """Which navigation chrome `b` is: "top" (a bar across the top), "bottom" (a footer or a
    phone's tab bar), "left" / "right" (a full-height sidebar), or "" for page content."""
    x, y, w, h = b.box
    if b.kind == "sidebar" and h > 0.5:
        return "left" if x + w / 2 < 0.5 else "right"
    if b.kind in ("navbar", "footer") and w > 0.5:
        return "top" if b.kind == "navbar" and b.variant != "tabbar" and y + h / 2 < 0.5 else "bottom"
    return ""


def _content_blocks(blocks: list[Block], W: float, H: float) -> list[int]:
    """Indices of the page's content: neither chrome, nor a dialog, nor a full-bleed backdrop
    (a sign-in brand panel, a hero) or anything standing on one."""
    backdrops = [b for b in blocks if b.variant in ("panel", "hero")]

    def on(a: Block, b: Block) -> bool:
        return (a.box[0] <= b.box[0] + 1 / W and a.box[1] <= b.box[1] + 1 / H
                and a.box[0] + a.box[2] >= b.box[0] + b.box[2] - 1 / W and a.box[1] + a.box[3] >= b.box[1] + b.box[3] - 1 / H)

    return [i for i, b in enumerate(blocks) if not _chrome(b) and b.kind != "modal" and b.variant not in ("panel", "hero")
            and not any(on(d, b) for d in backdrops if d is not b)]


def _bar_inset(blocks: list[Block], f, W: float, H: float) -> float | None:
    """The left/right padding (design px) of the content of the page's top bar (where its logo
    starts), as the fill builds that bar, or None where the page has no top bar."""
    bars = [b for b in blocks if _chrome(b) == "top"]
    if not bars:
        return None
    b = bars[0]
    probe = _Filler(P.PageContext(f.c.device, random.Random(0), f.c.prompt, f.d, f.c.arch, {}), f.lay)
    node = probe.build(b, b.box[2] * W, b.box[3] * H)  # built aside, so the page's copy is not used up
    _t, r, _b, l = f.lay.pad(node)
    return max(l, r)


def inset_content(blocks: list[Block], inset: float | None, gutter: float, W: float, H: float,
                  unit: float = 1.0) -> list[Block]:
    """The page's content column (everything but the chrome, dialogs and backdrops) moved and,
    where it must, narrowed so that its left and right edges keep the page's inset: one
    `gutter` clear of a sidebar on that side, else the top bar's content `inset` (design px)
    from the page's edge. A column edge past that line moves onto it; a column inside the lines
    (a centred sign-in card, a page laid out with wider margins) is left where it is. Pages with
    neither a top bar nor a sidebar come back unchanged. Moved edges land on the `unit` grid
    (design px) from the column's edge."""
    sides = {side: b for b in blocks if (side := _chrome(b))}
    bar = sides.get("top")
    lo = hi = None
    if "left" in sides:
        lo = (sides["left"].box[0] + sides["left"].box[2]) * W + gutter
    elif bar is not None and inset is not None:
        lo = bar.box[0] * W + inset
    if "right" in sides:
        hi = sides["right"].box[0] * W - gutter
    elif bar is not None and inset is not None:
        hi = (bar.box[0] + bar.box[2]) * W - inset
    content = _content_blocks(blocks, W, H)
    if not content or (lo is None and hi is None):
        return blocks
    cl = min(blocks[i].box[0] for i in content) * W
    cr = max(blocks[i].box[0] + blocks[i].box[2] for i in content) * W
    lo_t = cl if lo is None or cl >= lo - 0.5 else lo
    hi_t = cr if hi is None or cr <= hi + 0.5 else hi
    if hi_t - lo_t < 0.5 * (cr - cl) or cr - cl < 1:
        return blocks  # no room for the column between the lines: leave it as sampled
    s = (hi_t - lo_t) / (cr - cl)
    if abs(lo_t - cl) < 0.5 and abs(hi_t - cr) < 0.5:
        return blocks
    out = list(blocks)
    for i in content:
        b = blocks[i]
        x0 = lo_t + round((b.box[0] * W - cl) * s / unit) * unit
        x1 = min(hi_t, lo_t + round(((b.box[0] + b.box[2]) * W - cl) * s / unit) * unit)
        x1 = max(x1, x0 + 1)
        out[i] = Block(b.kind, (x0 / W, b.box[1], (x1 - x0) / W, b.box[3]), b.role, b.style, b.variant, b.content,
                       b.id, dict(b.meta))
    return out


def _stretchy(n: Node) -> bool:
    """Whether `n` holds an element that takes whatever height it is given (a chart, a table,
    a picture): its box has no content height to shrink to."""
    if not n.children:
        return bool(n.kind) and n.height.mode == "fill" and not n.text
    return any(_stretchy(c) for c in n.children)


#: Card contents that are full-height panes, kept at their sampled height.
_PANES = {"chat", "nav", "calendar"}


def hug_cards(blocks: list[Block], boxes: dict, nodes: dict, lay: L.Layout, W: float, H: float) -> dict:
    """`boxes` (design px ``x0, y0, x1, y1`` by block index) with cards shrunk to their content.

    Content blocks are grouped into rows (vertical spans that overlap by half the shorter). A
    card whose built content (`nodes`) needs less than its box shrinks to the height of its
    row's tallest content, so the cards of a row keep one height (beside a full-height pane
    (chat, a navigation list, a calendar) or a card of a chart, a table or a picture, which
    keep their height, it keeps its own). The
    rows under a shrunk row move up by what it gave back, so no empty band is left between
    them; a lone centred card (a sign-in card) shrinks about its centre."""
    content = [i for i in _content_blocks(blocks, W, H) if i in boxes]
    if not content:
        return boxes
    boxes = dict(boxes)
    need: dict[int, float] = {}
    for i in content:
        b, n = blocks[i], nodes[i]
        x0, y0, x1, y1 = boxes[i]
        if b.kind != "card" or b.content in _PANES or _stretchy(n) or n.height.mode == "fixed":
            continue
        nested = any(j != i and boxes[j][0] <= x0 and boxes[j][1] <= y0 and boxes[j][2] >= x1 and boxes[j][3] >= y1
                     for j in content)
        if nested:
            continue
        need[i] = min(y1 - y0, math.ceil(lay.hug_h(n, x1 - x0)))
    if not need:
        return boxes
    rows: list[list[int]] = []
    for i in sorted(content, key=lambda k: (boxes[k][1], boxes[k][0])):
        if rows:
            top, bot = min(boxes[k][1] for k in rows[-1]), max(boxes[k][3] for k in rows[-1])
            ov = min(bot, boxes[i][3]) - max(top, boxes[i][1])
            if ov > 0.5 * min(boxes[i][3] - boxes[i][1], bot - top):
                rows[-1].append(i)
                continue
        rows.append([i])
    shift = 0.0
    for r in rows:
        old_bottom = max(boxes[k][3] for k in r)
        tallest = max(need[k] if k in need else boxes[k][3] - boxes[k][1] for k in r)
        for k in r:
            x0, y0, x1, y1 = boxes[k]
            if k in need:
                y1 = y0 + max(need[k], min(y1 - y0, tallest))
            boxes[k] = (x0, y0 - shift, x1, y1 - shift)
        gained = old_bottom - shift - max(boxes[k][3] for k in r)
        if len(rows) == 1 and len(r) == 1 and r[0] in need and gained > 0:
            k = r[0]
            x0, y0, x1, y1 = boxes[k]
            if abs((y0 + y1 + gained) / 2 - H / 2) < 0.05 * H:  # a lone card centred on the page stays centred
                boxes[k] = (x0, y0 + gained / 2, x1, y1 + gained / 2)
        shift += max(0.0, gained)
    return boxes


#: The fields a page type's form must carry, in order: (label, value) or a pair on one row.
FORM_FIELDS: dict[str, list] = {
    "sign-up": [("Full name", "Maya Chen"), ("Email", "maya.chen@northwind.io"), ("Password", "••••••••••"),
                ("Confirm password", "••••••••••")],
    "sign-in": [("Email", "maya.chen@northwind.io"), ("Password", "••••••••••")],
    "payment": [("Name on card", "Maya Chen"), ("Card number", "4242 4242 4242 4242"),
                (("Expiry", "08 / 28"), ("CVC", "•••"))],
    "checkout": [("Full name", "Maya Chen"), ("Address", "Torstraße 118"), (("City", "Berlin"), ("Postcode", "10119")),
                 ("Name on card", "Maya Chen"), ("Card number", "4242 4242 4242 4242"),
                 (("Expiry", "08 / 28"), ("CVC", "•••"))],
}
#: What follows a page type's fields: the checkbox, the primary action, the secondary action and the
#: line under the form ("" where there is none).
FORM_TAIL = {"sign-up": ("I agree to the Terms and Privacy Policy", "Create account", "Continue with Google",
                         "Already have an account? Sign in"),
             "sign-in": ("Remember me", "Sign in", "Continue with single sign-on", "New here? Create an account"),
             "payment": ("Save this card for next time", "Pay now", "", "Payments are encrypted and processed securely."),
             "checkout": ("Billing address is the same", "Place order", "", "")}
_FORM_KINDS = ("input", "select", "checkbox", "toggle", "radio", "button", "text", "divider")
_FIELD_H, _GAP = 72.0, 16.0


def form_type(arch: str, prompt: str) -> str:
    """Which form of `FORM_FIELDS` a page carries ("" for none): a sign-up, a sign-in, a
    payment step or a checkout."""
    if arch == "checkout":
        return "payment" if C.payment_only(prompt) else "checkout"
    return arch if arch in ("sign-up", "sign-in") else ""


def complete_form(blocks: list[Block], arch: str, prompt: str, W: float, H: float) -> list[Block]:
    """The blocks with the page type's form made whole: where a sign-up, sign-in or payment page
    has fewer field blocks than its form needs (a sign-up with only a name field), the column the
    fields stand in is laid out again from the first field down: every field the form needs
    (`FORM_FIELDS`; expiry and CVC side by side), its checkbox, one primary action, a secondary
    action where there is room and the line under it. The texts go in each block's ``meta``.
    Blocks of other pages, and forms with all their fields, come back unchanged. `W`×`H` is the
    canvas in design px."""
    kind = form_type(arch, prompt)
    if not kind:
        return blocks
    need = FORM_FIELDS[kind]
    n_need = sum(2 if isinstance(f[0], tuple) else 1 for f in need)
    inputs = [b for b in blocks if b.kind in ("input", "select") and b.box[2] * W >= 120]
    if not inputs or len(inputs) >= n_need:
        return blocks
    x0 = min(b.box[0] for b in inputs)
    x1 = max(b.box[0] + b.box[2] for b in inputs)
    top = min(b.box[1] for b in inputs)
    slack = 24 / W
    if W < 600:  # a phone is one column: the form spans the page, on the title's inset
        heads = [b for b in blocks if b.kind == "heading" and b.box[1] < top]
        x0 = max(16 / W, max(heads, key=lambda b: b.box[3]).box[0] if heads else x0)  # on the title's edge
        x1 = 1 - x0

    def in_column(b: Block) -> bool:
        bx0, bx1 = b.box[0], b.box[0] + b.box[2]
        centre = (bx0 + bx1) / 2
        return (x0 - slack <= centre <= x1 + slack or abs(bx0 - x0) <= slack) and bx0 < x1 and bx1 > x0

    moved = [b for b in blocks if b.kind in _FORM_KINDS and in_column(b) and b.box[1] >= top - 4 / H]
    keep = [b for b in blocks if not any(b is m for m in moved)]
    # the column runs down to the next block under it that stays (a tab bar, a footer), else the page's foot
    below = [b.box[1] for b in keep if b.box[1] > top and b.box[0] < x1 and b.box[0] + b.box[2] > x0
             and b.kind not in ("card", "image")]
    bottom = min([*below, 1.0 - 40 / H]) * H - _GAP
    y, left, width = top * H, x0 * W, (x1 - x0) * W
    width = max(width, min(W - left - 24, 320.0))
    check, primary, secondary, line = FORM_TAIL[kind]
    rows: list[list[tuple[str, float, dict]]] = []  # each row: (kind, height, meta) side by side
    for f in need:
        pair = f if isinstance(f[0], tuple) else (f,)
        rows.append([("input", _FIELD_H, {"label": lab, "value": val}) for lab, val in pair])
    rows.append([("checkbox", 24.0, {"text": check})])
    if not (kind == "checkout" and any(b.kind == "card" and b.content in ("summary", "product") for b in keep)):
        rows.append([("button", 52.0, {"text": primary, "variant": "primary", "style": "body-strong"})])
    extra = []
    if secondary:
        extra += [[("divider", 16.0, {})], [("button", 48.0, {"text": secondary, "variant": "secondary",
                                                              "style": "label"})]]
    if line:
        extra.append([("text", 20.0, {"text": line, "style": "small"})])

    def height(rs, gap):
        return sum(max(h for _, h, _ in r) for r in rs) + gap * (len(rs) - 1)

    gap = _GAP
    if height(rows + extra, gap) <= bottom - y:
        rows += extra
    elif height(rows + extra[-1:], gap) <= bottom - y:
        rows += extra[-1:]
    if height(rows, gap) > bottom - y:
        gap = 10.0
    out = []
    for r in rows:
        rh = max(h for _, h, _ in r)
        cw = (width - _GAP * (len(r) - 1)) / len(r)
        for i, (k, h, meta) in enumerate(r):
            x = left + i * (cw + _GAP)
            out.append(Block(k, (x / W, y / H, cw / W, h / H), variant=meta.get("variant", ""),
                             style=meta.get("style", "body" if k == "checkbox" else ""),
                             meta={m: v for m, v in meta.items() if m in ("text", "label", "value")}))
        y += rh + gap
    # a control sampled beside the column that the new column now runs into (a button that
    # stood right of a short form) is one of the form's own, drawn again in the column
    x0d, y0d, x1d = left / W, top, (left + width) / W
    keep = [b for b in keep if not (b.kind in _FORM_KINDS and b.box[0] < x1d and b.box[0] + b.box[2] > x0d
                                    and b.box[1] < y / H and b.box[1] + b.box[3] > y0d)]
    return keep + out


def fit_form_card(blocks: list[Block], kind: str, W: float, H: float) -> list[Block]:
    """The blocks with a form card tall enough for the fields its page type needs (`FORM_FIELDS`,
    labels as placeholders): where the sampled form card is shorter, it grows down into the card
    under it, which keeps the rest of the column down to the next block (or the page's foot) if
    that leaves it room for a summary; else the blocks come back unchanged."""
    forms = [b for b in blocks if b.kind == "card" and b.content == "form"]
    if not kind or len(forms) != 1:
        return blocks
    f = forms[0]
    rows = len(FORM_FIELDS["payment" if kind == "checkout" else kind])  # a checkout's card rows at least
    need = (48 + 40 + 60 * rows + 40 + 60) / H  # padding, title, fields, checkbox, action
    if f.box[3] >= need:
        return blocks

    def over(a, b):
        return a.box[0] < b.box[0] + b.box[2] and b.box[0] < a.box[0] + a.box[2]

    f_bottom = f.box[1] + f.box[3]
    below = sorted((b for b in blocks if b is not f and over(b, f) and b.box[1] >= f_bottom - 2 / H),
                   key=lambda b: b.box[1])
    gap = 16 / H
    if below and below[0].kind == "card":
        nxt = below[0]
        limit = min([b.box[1] for b in below[1:]] + [1.0 - 8 / H]) - gap
        rest = limit - (f.box[1] + need + gap)
        if rest < 240 / H:
            return blocks
        moved = {id(f): (f.box[0], f.box[1], f.box[2], need),
                 id(nxt): (nxt.box[0], f.box[1] + need + gap, nxt.box[2], rest)}
    else:
        limit = min([b.box[1] for b in below] + [1.0 - 8 / H]) - gap
        moved = {id(f): (f.box[0], f.box[1], f.box[2], min(need, limit - f.box[1]))}
    return [Block(b.kind, moved[id(b)], b.role, b.style, b.variant, b.content, b.id, dict(b.meta)) if id(b) in moved
            else b for b in blocks]


def _title_on_subtitle(blocks: list[Block], shells: list[Block], W: float, H: float) -> list[Block]:
    """The page title moved onto the left edge of the line under it (its subtitle) where the two
    were sampled a few px apart, when nothing is in the way."""
    heads = [b for b in blocks if b.kind == "heading" and b.style in _TITLE_STYLES
             and not any(s.box[0] <= b.box[0] < s.box[0] + s.box[2] and s.box[1] <= b.box[1] < s.box[1] + s.box[3]
                         for s in shells)]
    if not heads:
        return blocks
    t = min(heads, key=lambda b: (b.box[1], b.box[0]))
    t_bottom = t.box[1] + t.box[3]
    subs = [b for b in blocks if b.kind == "text" and 0 <= (b.box[1] - t_bottom) * H <= 16
            and b.box[0] < t.box[0] + t.box[2] and t.box[0] < b.box[0] + b.box[2]]
    if not subs:
        return blocks
    x = subs[0].box[0]
    if not 6 <= abs(x - t.box[0]) * W <= 80:
        return blocks
    moved = Block(t.kind, (x, t.box[1], t.box[2], t.box[3]), t.role, t.style, t.variant, t.content, t.id, dict(t.meta))
    clash = any(b is not t and b.box[0] < x + t.box[2] and x < b.box[0] + b.box[2] and b.box[1] < t_bottom
                and t.box[1] < b.box[1] + b.box[3] and b.kind not in ("card",) for b in blocks)
    return blocks if clash else [moved if b is t else b for b in blocks]


def align_title(blocks: list[Block], W: float, H: float) -> list[Block]:
    """The blocks with the page title and its breadcrumb on the content column: the title starts
    at the left edge of the content under it, and the breadcrumb sits just above the title at
    that edge (where it was sampled apart from the title, beside it or across the page). Pages
    without a breadcrumb come back unchanged."""
    crumbs = [b for b in blocks if b.kind == "breadcrumb"]
    shells = [b for b in blocks if b.kind in ("navbar", "sidebar")]
    blocks = _title_on_subtitle(blocks, shells, W, H)

    def inside_shell(b):
        return any(s.box[0] <= b.box[0] + b.box[2] / 2 <= s.box[0] + s.box[2] and
                   s.box[1] <= b.box[1] + b.box[3] / 2 <= s.box[1] + s.box[3] for s in shells)

    titles = [b for b in blocks if b.kind == "heading" and (b.style in _TITLE_STYLES or b.box[3] * H >= 28)
              and not inside_shell(b)]
    if not crumbs or not titles:
        return blocks
    crumb, title = crumbs[0], min(titles, key=lambda b: (b.box[1], b.box[0]))
    if abs(crumb.box[0] - title.box[0]) * W <= 8 and 0 <= (title.box[1] - crumb.box[1] - crumb.box[3]) * H <= 48:
        return blocks  # already on the title's edge, just above it
    if crumb.box[1] >= title.box[1] + title.box[3] and abs(crumb.box[0] - title.box[0]) * W <= 24:
        return blocks  # under the title on its edge: a path (a folder's), not the page's trail
    ty1 = title.box[1] + title.box[3]
    under = [b for b in blocks if b.box[1] >= ty1 - 2 / H and b.kind not in ("navbar", "sidebar", "modal", "footer")
             and b is not crumb and not inside_shell(b)]
    if not under:
        return blocks
    left = min(b.box[0] for b in under)
    right = max(b.box[0] + b.box[2] for b in under)
    ch, gap = min(max(crumb.box[3], 20 / H), 24 / H), 8 / H  # one line of small text
    cw = min(crumb.box[2], right - left)
    tw = min(title.box[2], right - left)
    def holds(b, inner):  # a panel the title stands on (a sign-in page's brand panel) is not in the way
        return (b.box[0] <= inner.box[0] and b.box[1] <= inner.box[1] and b.box[0] + b.box[2] >= inner.box[0]
                + inner.box[2] and b.box[1] + b.box[3] >= inner.box[1] + inner.box[3])

    others = [b for b in blocks if b is not crumb and b is not title and not holds(b, title)]

    def free(x, y, w, h):
        return not any(b.box[0] < x + w and x < b.box[0] + b.box[2] and b.box[1] < y + h and y < b.box[1] + b.box[3]
                       for b in others)

    ty = title.box[1]
    if free(left, ty - gap - ch, cw, ch) and free(left, ty, tw, title.box[3]):  # room above the title
        cy = ty - gap - ch
    elif free(left, ty, cw, ch) and free(left, ty + ch + gap, tw, title.box[3]):  # the title moves down under it
        cy, ty = ty, ty + ch + gap
    else:  # no room for it on the title's edge (a filter row may hold the edge beside the title):
        # a page reads better without a trail than with a stray one
        return [b for b in blocks if b is not crumb]
    out = []
    for b in blocks:
        if b is crumb:
            b = Block(b.kind, (left, cy, cw, ch), b.role, b.style, b.variant, b.content, b.id, dict(b.meta))
        elif b is title:
            b = Block(b.kind, (left, ty, tw, title.box[3]), b.role, b.style, b.variant, b.content, b.id, dict(b.meta))
        out.append(b)
    return out


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
    "sign-up": {"fields": [("Full name", "Maya Chen"), ("Email", "maya.chen@northwind.io"),
                           ("Password", "••••••••••"), ("Confirm password", "••••••••••"), ("Company", "Northwind Ltd")],
                "subtitle": ["Start your 14-day free trial.", "Free for 14 days"],
                "checks": ["I agree to the Terms and Privacy Policy", "Email me product news"],
                "primary": ["Create account", "Start free trial", "Get started"],
                "secondary": ["Continue with single sign-on", "Continue with Google", "Sign in instead"],
                "phrases": ["Already have an account? Sign in", "No credit card required",
                            "By signing up you accept the Terms", "© 2026 · Privacy · Terms"]},
    "checkout": {"fields": [("Full name", "Maya Chen"), ("Address", "Torstraße 118"), ("City", "Berlin"),
                            ("Postcode", "10119"), ("Name on card", "Maya Chen"), ("Card number", "4242 4242 4242 4242"),
                            ("Expiry", "08 / 28"), ("CVC", "•••"), ("Email", "maya.chen@northwind.io")],
                 "checks": ["Billing address is the same", "Save this card for next time", "Email me order updates"],
                 "primary": ["Place order", "Continue to payment", "Pay now"],
                 "secondary": ["Back to cart", "Apply code", "Edit"]},
    "onboarding": {"fields": [("Workspace name", "Northwind"), ("Your role", "Operations lead"),
                              ("Team size", "11–50 people")],
                   "checks": ["Invite my team later", "Send me setup tips"],
                   "primary": ["Continue", "Next step", "Get started"], "secondary": ["Back", "Skip for now"],
                   "subtitle": ["Tell us who will use it; you can invite people later.", "A few details first"],
                   "phrases": ["Skip for now", "You can change this later", "© 2026 · Privacy · Terms"]},
    "settings": {"fields": [("Full name", "Maya Chen"), ("Email", "maya.chen@northwind.io"), ("Company", "Northwind Ltd"),
                            ("Time zone", "Europe/Berlin"), ("Phone", "+49 30 1234 5678")],
                 "checks": ["Email notifications", "Weekly summary", "Product updates", "Two-factor authentication",
                            "Dark mode"],
                 "primary": ["Save changes", "Update profile"], "secondary": ["Cancel", "Change password", "Export data"],
                 "subtitle": ["Manage your profile, notifications and security.", "Manage your account"],
                 "phrases": ["Changes apply after you save", "Signed in as maya.chen@northwind.io",
                             "Last saved 2 minutes ago", "Visible to your workspace"]},
}
_PAGE_COPY["profile"] = _PAGE_COPY["settings"]
#: A payment step's copy: the card fields first.
_PAYMENT_COPY = {"fields": [("Name on card", "Maya Chen"), ("Card number", "4242 4242 4242 4242"), ("Expiry", "08 / 28"),
                            ("CVC", "•••"), ("Billing postcode", "10119"), ("Email", "maya.chen@northwind.io")],
                 "checks": ["Save this card for next time", "Email me a receipt"],
                 "primary": ["Pay now", "Confirm payment", "Pay"], "secondary": ["Back", "Cancel", "Use another card"],
                 "subtitle": ["Your card is charged once you confirm.", "Pay securely by card"],
                 "phrases": ["Payments are encrypted and processed securely.", "You can cancel free of charge",
                             "© 2026 · Privacy · Terms"]}
#: A landing page's copy.
_LANDING_COPY = {"primary": ["Start free trial", "Get started", "Try it free"],
                 "secondary": ["Book a demo", "Learn more", "See how it works"],
                 "subtitle": ["Free for 14 days. No credit card required.", "Free for 14 days"],
                 "phrases": ["No credit card required", "Trusted by 4,000 teams", "Cancel at any time",
                             "Set up in minutes", "© 2026 · Privacy · Terms"]}
#: A pricing page's copy.
_PRICING_COPY = {"primary": ["Start free trial", "Choose plan", "Get started"],
                 "secondary": ["Contact sales", "Compare plans", "Start free"],
                 "subtitle": ["Start free, upgrade when you grow. Cancel at any time.", "Cancel at any time"],
                 "phrases": ["Prices exclude VAT", "Yearly plans are billed once a year", "Cancel at any time",
                             "No credit card required"],
                 "checks": ["Unlimited projects", "Reports and exports", "Priority support", "Single sign-on"]}
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
        self.payment = ctx.arch == "checkout" and C.payment_only(ctx.prompt)  # the payment step alone
        # what a payment pays for when it is not a shop's goods ("museum membership"): no store around it
        self.paid_for = purchase(ctx.prompt).capitalize() if self.payment else ""
        if self.payment:
            self.copy = _PAYMENT_COPY
        elif ctx.arch == "pricing":
            self.copy = _PRICING_COPY
        elif ctx.arch == "landing":
            self.copy = _LANDING_COPY
        self.summary = False  # a checkout whose order summary (and pay button) is a card of its own
        self.plans_in_one = False  # a pricing page with one plan card: it lists every plan
        self.labels_used: set[str] = set()  # button labels given so far
        self.goods = ctx.products  # what the page sells: the prompt's goods, else the store's

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
        if self.c.arch in ("landing", "pricing"):  # a public page: what the product does, never sample content
            pool = [self.d.pitch, "Set up in minutes: import what you have and invite the team in one step.",
                    "Reports that answer the questions people ask.", "Single sign-on, roles and an audit log on every plan.",
                    "Real answers from people within the hour, every day of the week."]
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
                "sign-up": "Create your account", "checkout": "Payment" if self.payment else "Checkout",
                "products": self.c.goods or "New arrivals", "orders": d.records, "product-detail": self.goods[0][0], "profile": PEOPLE[0], "inbox": "Inbox",
                "chat": "Messages", "calendar": "November 2026", "pricing": f"Simple pricing for every {pc.product}",
                "landing": d.headline, "onboarding": f"Set up your {pc.product}", "search-results": "Search",
                "article": pc.article[0], "file-manager": "Files", "empty-state": pc.empty[0], "mobile-feed": "Feed",
                "mobile-detail": f"{pc.record.capitalize()} #24817"}.get(a, d.overview)

    # -- dispatch --------------------------------------------------------------------------
    def build(self, b: Block, w: float, h: float) -> Node:
        meta = b.meta or {}
        if meta.get("text") and b.kind in ("text", "button", "checkbox", "toggle", "radio"):
            return self._given(b, meta["text"], h)  # copy a form's layout already chose (`complete_form`)
        if meta.get("label") and b.kind in ("input", "select"):
            self.count("field")
            return Node(el={"props": {"label": meta["label"], "value": meta.get("value", "")}})
        fn = getattr(self, "k_" + b.kind, None)
        if fn is not None:
            return fn(b, w, h)
        return Node()  # a leaf drawn from its props alone (divider, logo)

    # -- leaves ----------------------------------------------------------------------------
    def _given(self, b: Block, s: str, h: float) -> Node:
        if b.kind == "button":
            size = "sm" if h < 40 else ("md" if h < 50 else "lg")
            return Node(text=s, style="body-strong" if size == "lg" else "label", el={"props": {"size": size}})
        if b.kind in ("checkbox", "toggle", "radio"):
            self.count("check")
            return Node(text=s, style="body", el={"props": {"on" if b.kind == "toggle" else "checked": True}})
        return self._text_leaf(s, b.style or "small", 2)

    def _text_leaf(self, s: str, style: str, lines: int = 99) -> Node:
        n = Node(text=s, style=style, max_lines=lines)
        return n

    def k_heading(self, b, w, h):
        style = b.style or "h2"
        if not self.titled and (style in _TITLE_STYLES or h >= 28):
            self.titled = True
            s = self.page_title()
            lines = max(1, int(h // (self.lay.measure("Ag", style, None, 1)[1] or 32)))
            short = {"pricing": "Plans and pricing", "onboarding": "Welcome", "checkout": "Checkout",
                     "landing": self.d.headline.split(",")[0].rstrip(".") + "."}.get(self.c.arch)
            if short and self.width_of(s, style) > w * lines:  # a title that would be cut: its short form
                s = self.fitting([short, short.split()[-1].capitalize()], style, w)
        elif w < 200:  # a narrow heading holds a figure: a price, a total, a count
            v = self.rng.randint(20, 240)
            opts = [P.format_money(v), f"${v}", str(v)] if self.shop else [self.d.kpis(self.rng)[self.count("figure") % 4][1],
                                                                    f"{v:,}", str(v)]
            s = self.fitting(opts, style, w)
        else:
            pool = (["You may also like", "Details", "Size", "Reviews", "Shipping and returns"] if self.shop else
                    [self.d.trend_title, self.d.list_title, f"Recent {self.d.records.lower()}", "Details",
                     "What is next", self.d.mix_title])
            if self.c.arch in ("settings", "profile"):
                pool = C.settings_sections(self.c)[1] or ["Profile", "Notifications", "Security", "Billing"]
            elif self.c.arch == "pricing":
                pool = ["Compare plans", "Frequently asked questions", "What is included", "Every plan includes"]
            elif self.payment:
                pool = ["Payment method", "Billing address", "Summary"]
            s = self.fitting([pool[(self.count("heading") + i) % len(pool)] for i in range(3)], style, w)
        return self._text_leaf(s, style)

    def k_text(self, b, w, h):
        style = b.style or "body"
        if self.c.arch == "onboarding" and not self.titled and style in ("label", "caption", "small"):
            return self._text_leaf("Step {} of {}".format(*step_of(self.c.prompt)), style)  # the eyebrow over the title
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
        turn = pool[k % len(pool):] + pool[:k % len(pool)]
        fresh = [o for o in turn if o not in self.labels_used] or turn  # two buttons never say the same
        n.text = self.fitting(fresh, style, room)
        self.labels_used.add(n.text)
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
        a = self.c.arch
        named = self.c.labels("tabs", "tab", "pages", "sections", "") if b.variant != "nav" else []
        if named and self.count("named-tabs") == 0:  # the tabs the prompt names, as written, all of them
            return Node(el={"props": {"items": named, "active": 0}})
        if b.variant == "nav":
            items = [label for label, _ in self.d.nav]
        elif a == "pricing":
            items = ["Monthly", "Yearly · save 20%"]
        elif a in ("settings", "profile"):
            items = C.settings_sections(self.c)[0]
        elif a in ("products", "product-detail"):
            items = ["All", "New in", "Bestsellers", "On sale"]
        else:
            items = [f"All {self.d.records.lower()}", "Open", "Completed", "Archived", "Drafts"]
        n = max(2, min(len(items), int(w // 130)))
        return Node(el={"props": {"items": items[:n], "active": 0}})

    def k_table(self, b, w, h):
        if self.c.arch == "pricing":
            return self._compare(w, h)
        if self.c.arch in ("settings", "profile"):
            return Node(el={"props": C.members_table(self.c, max(2, int(h // 52) - 1)).el["props"]})
        return Node(el={"props": self._table_props(w, h)})

    def plan_names(self) -> list[str]:
        """The plans of a pricing page: those the prompt names, else four the usual ones."""
        return self.c.labels(*PLAN_HEADS)[:4] or ["Starter", "Growth", "Scale", "Enterprise"]

    def _compare(self, w: float, h: float) -> Node:
        """A table of features against plans (included or not)."""
        names = self.plan_names()[:max(2, min(4, int(w // 180) - 1))]
        feats = ["Unlimited " + self.d.records.lower(), "Reports and exports", "Priority support", "Single sign-on",
                 "Audit log", "Custom roles"][:max(2, int(h // 48) - 1)]
        rows = [[f, *("Included" if j >= i - 2 else "–" for j in range(len(names)))] for i, f in enumerate(feats)]
        return el("table", "table", w=fill(), h=fill(min=60),
                  props={"columns": ["Feature", *names], "rows": rows, "align": ["left", *["center"] * len(names)],
                         "widths": [2.0, *[1.0] * len(names)], "status_column": -1, "row_height": 48, "inset": 16})

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
            name = self.goods[self.count("product") % len(self.goods)][0]
            return {"motif": "product", "shape": product_shape(name)}
        return {"motif": "landscape"}

    def k_image(self, b, w, h):
        return Node(el={"props": self._motif(), "role": b.role or "secondary"})

    def k_icon(self, b, w, h):
        return Node(el={"props": {"name": ("bell", "mail", "search", "heart", "user")[self.count("icon") % 5]}})

    def k_avatar(self, b, w, h):
        return Node(el={"text": PEOPLE[self.count("person") % len(PEOPLE)]})

    def k_badge(self, b, w, h):
        pool = (["New", "Sale", "In stock", "Bestseller", "Low stock"] if self.shop else
                ["New", "Active", "Pending", "Delivered", "In stock", "Sale", "M", "XL"])
        fits = [o for o in pool if self.width_of(o, "caption") + 16 <= w] or ["M"]
        s = fits[self.count("badge") % len(fits)]
        return Node(text=s, style="caption", el={"role": b.role or status_role(s) or "info"})

    def k_pagination(self, b, w, h):
        return Node(el={"props": {"page": 1, "pages": 12}})

    def k_breadcrumb(self, b, w, h):
        """Home › section › page, with the leading crumbs dropped until the trail fits `w`
        (the renderer puts 30 design px of chevron and gaps between crumbs)."""
        middle = "Shop" if self.shop else self.d.nav[self.active_nav() or 1][0]
        if self.paid_for:
            middle = self.paid_for
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
        if self.c.arch == "onboarding":  # the step the prompt names, of its number of steps
            i, n = step_of(self.c.prompt)
            if b.variant == "steps":
                return Node(el={"props": {"steps": step_names(n), "current": i - 1}})
            return Node(el={"text": f"Step {i} of {n}" if h >= 32 else "", "props": {"value": i / n}})
        if self.paid_for:  # nothing ships: details, payment, confirmation
            if b.variant == "steps":
                return Node(el={"props": {"steps": ["Details", "Payment", "Confirmation"], "current": 1}})
            return Node(el={"text": "Step 2 of 3" if h >= 32 else "", "props": {"value": 2 / 3}})
        if b.variant == "steps":
            return Node(el={"props": {"steps": ["Cart", "Shipping", "Payment", "Review"], "current": 2}})
        return Node(el={"text": "Step 3 of 4" if h >= 32 else "", "props": {"value": 0.75}})  # a thin bar: no label

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
        # by name where the domain's navigation has the page's section (an open domain's is shorter)
        name = {"settings": "Settings", "profile": "Settings", "calendar": "Calendar", "inbox": "Messages",
                "chat": "Messages"}.get(self.c.arch)
        labels = [label for label, _ in self.d.nav]
        if name in labels:
            return labels.index(name)
        return self._NAV_SECTION.get(self.c.arch, 0) % len(self.d.nav)

    def k_sidebar(self, b, w, h):
        self.c.style = {"nav": "rail" if w < 140 else "sidebar"}
        if self.shop or self.c.arch in ("pricing", "landing"):  # a shop's or a public site's sections, not an admin's
            nav = ((("Product", "package"), ("Pricing", "credit-card"), ("Customers", "users"), ("Resources", "file"),
                    ("Contact", "message")) if not self.shop else
                   (("Shop", "home"), ("New in", "star"), ("Bestsellers", "star"), ("Saved", "heart"),
                    ("Orders", "package"), ("Account", "user")))
            side = P.sidebar(self.c, "Pricing" if self.c.arch == "pricing" else nav[0][0], nav)
        else:
            side = P.sidebar(self.c, self.d.nav[self.active_nav()][0])
        self.c.style = {}
        side.padding = (6, 4, 6, 4) if w >= 140 else (6, 2, 6, 2)
        side.children[0].width = fixed(min(132, max(24, w - 32))) if w >= 140 else fixed(min(40, w - 16))
        return side

    def k_navbar(self, b, w, h):
        if b.variant == "tabbar" or (self.c.mobile and b.box[1] > 0.5):
            if self.c.arch in ("pricing", "landing"):  # a product's public site on a phone
                tabs = [("Home", "home"), ("Pricing", "credit-card"), ("Customers", "users"), ("Account", "user")]
                return P.tabbar(self.c, tabs, "Pricing" if self.c.arch == "pricing" else "Home")
            if self.shop and not self.paid_for:  # a storefront's tabs, as the composer's shops have them
                tabs = [("Shop", "home"), ("Search", "search"), ("Saved", "heart"), ("Cart", "cart"), ("Account", "user")]
                return P.tabbar(self.c, tabs, "Cart" if self.c.arch == "checkout" else "Shop")
            tabs = [("Home", "home"), self.d.nav[1], self.d.nav[2], ("Settings", "settings")]
            here = self.d.nav[self.active_nav()][0]
            return P.tabbar(self.c, tabs, here if here in [t for t, _ in tabs] else "Home")
        if w < 700:
            return P.appbar(self.c, "")
        if b.box[0] < 0.02:
            if self.paid_for:  # a payment for a membership, a booking, tickets: the seller's site, not a store
                return P.app_navbar(self.c, ["Home", "Explore", "Help"], "", "Search", "bell", "Jonas Weber")
            if self.shop:  # a shop of the prompt's goods is browsed by them, the mixed store by season and garment
                links = (["New in", "Bestsellers", self.c.goods, "Gifts", "Sale"] if self.c.goods else
                         ["New in", "Men", "Women", "Home", "Sale"])
                return P.app_navbar(self.c, links, links[0], "Search products", "cart", "Jonas Weber")
            if self.c.arch in ("pricing", "landing"):  # a product's public site, not its app
                links = ["Product", "Pricing", "Customers", "Resources", "Contact"]
                return P.app_navbar(self.c, links, "Pricing" if self.c.arch == "pricing" else "Product", "Search")
            links = [label for label, _ in self.d.nav[:5]]
            here = self.d.nav[self.active_nav()][0]
            return P.app_navbar(self.c, links, here if here in links else links[0], self.d.search)
        return P.topbar(self.c, "Search products" if self.shop else self.d.search)

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
                if self.c.goods:
                    nav = [(f"All {self.c.goods.lower()}", "package"), ("New in", "star"), ("Bestsellers", "star"),
                           ("Gift ideas", "heart"), ("Sets", "package"), ("Sale", "heart")]
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
        if self.payment and content == "media":  # a payment step has no product photos
            content = "order-summary"
        elif self.c.arch == "checkout" and not self.payment and content in ("product", "media"):  # the cart, not a shelf
            content = "cart"
        named = self.c.arch in ("settings", "profile") and bool(C.settings_sections(self.c)[1])
        if named and h >= 110 or self.c.arch in ("settings", "profile") and content in (
                "text", "kpi", "chart-line", "chart-bar", "chart-donut", "media") and h >= 110:
            content = "section"  # a settings page's cards are its sections, never figures or sample posts
        if self.c.arch == "landing" and content in ("text", "kpi", "list", "product") and h < 320:
            content = "feature"  # a landing page's cards say what the product does
        if self.c.arch == "onboarding" and h < 110 and content in ("text", "kpi", "media", "list"):
            content = "option"  # a short card of a setup step is one of its choices
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
        if self.c.arch == "pricing":  # a pricing page's table compares its plans
            return card("card", self._compare(w, h - 48), title=self.nth("table", ["Compare plans", "What is included"]))
        if self.c.arch in ("settings", "profile"):  # a settings page's table is the team
            t = C.members_table(self.c, max(2, int((h - 100) // 52)))
            t.height = fill(min=60)
            return card("card", t, title=self.nth("table", ["Members", "Pending invitations"]),
                        action="Invite people" if w > 420 else "")
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
        elif self.c.arch in ("settings", "profile"):  # a settings page lists the team: who, their email, their role
            roles = ["Owner", "Admin", "Editor", "Editor", "Viewer", "Viewer"]
            items = [C.list_item(i, p, P.member_email(p), roles[i], i < 5)
                     for i, p in enumerate(PEOPLE[:6])]
            title = "Members"
        else:
            items = [C.list_item(i, *p, i < 4) for i, p in enumerate(self.d.list_items(self.rng))]
        lst = col(*items, name="list", kind="list", width=fill(), height=fill(), overflow="drop")
        title = self.nth("list", [title, "Recent activity", "Watchlist", "Updates"] if title != "Members" else
                         ["Members", "Pending invitations", "Guests"])
        return card("card", lst, title=title, action="See all" if w > 420 else "")

    def c_form(self, w, h):
        kind = form_type(self.c.arch, self.c.prompt)
        labels = self.copy.get("fields") or [("Full name", "Maya Chen"), ("Work email", "maya.chen@northwind.io"),
                                             ("Company", "Northwind Ltd"), ("Address", "Torstraße 118"),
                                             ("City", "Berlin"), ("Phone", "+49 30 1234 5678")]
        pair = w >= 560
        if kind:  # the fields the page type needs, first (a pair shares a row when there is room)
            need = FORM_FIELDS[kind]
            singles = [f for g in need for f in (g if isinstance(g[0], tuple) else (g,))]
            labels = singles + [f for f in labels if f not in singles]
            groups = [list(g) if isinstance(g[0], tuple) else [g] for g in need]
            groups += [[f] for f in labels[len(singles):]]
            if pair:  # two fields a row
                flat = [f for g in groups for f in g]
                groups = [flat[i:i + 2] for i in range(0, len(flat), 2)]
        else:
            groups = [labels[i:i + (2 if pair else 1)] for i in range(0, len(labels), 2 if pair else 1)]
        act = 0 if self.summary else 60  # the action row under the fields
        room = max(1, int((h - 80 - act) // 88))  # labelled fields under the title, above the checkbox
        compact, with_check = False, True
        if kind and room < len(need):  # labels as placeholders, then no checkbox, to fit every field
            compact = True
            room = int((h - 80 - act) // 60)
            if room < len(need):
                room, with_check = int((h - 40 - act) // 60), False
        if kind == "checkout" and room < len(need):  # no room for shipping and card: the card, as a payment step
            card_rows = [list(g) if isinstance(g[0], tuple) else [g] for g in FORM_FIELDS["payment"]]
            taken = [f for g in card_rows for f in g]
            groups = card_rows + [r for r in ([f for f in g if f not in taken] for g in groups) if r]
        kids = [row(*[field("field", **({"placeholder": lab} if compact else {"label": lab, "value": val}))
                      for lab, val in g], gap=4, width=fill()) if len(g) > 1 else
                field("field", **({"placeholder": g[0][0]} if compact else {"label": g[0][0], "value": g[0][1]}))
                for g in groups]
        kids = kids[:room]
        checks, primary = self.copy.get("checks") or ["Email me about updates"], self.copy.get("primary") or ["Save changes"]
        if kind:
            checks, primary = [FORM_TAIL[kind][0]], [FORM_TAIL[kind][1]]
        if with_check:
            kids.append(check("agree", "checkbox", checks[0], True))
        if self.summary:  # a checkout pays from its order summary: the form has no action of its own
            pass
        elif w >= 360:
            kids.append(row(spacer(), button("cancel", (self.copy.get("secondary") or ["Cancel"])[0], "secondary"),
                            button("save", primary[0], "primary"), gap=3, width=fill()))
        else:  # a narrow form ends in one full-width action
            kids.append(button("save", primary[0], "primary", w=fill()))
        title = {"checkout": "Shipping and payment", "sign-in": "Sign in", "sign-up": "Create your account",
                 "onboarding": "About your team"}.get(self.c.arch, "Details")
        if self.payment or kind == "checkout" and groups and groups[0][0][0] == "Name on card":
            title = "Payment details"
        return card("card", *kids, title=title)

    def c_settings(self, w, h):
        opts = C.notification_options(self.d)
        kids = [check("toggle", "toggle", lab, on) for lab, on in opts]
        return card("card", *kids, title=self.nth("settings", ["Notifications", "Email alerts", "Reminders"]), gap=4)

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
                name, price = self.goods[(self.n["product"] - 1) % len(self.goods)]
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
        if not self.shop:  # a product card off a shop (a landing page): one of the product's features
            return self.c_feature(w, h)
        if self.payment:  # a payment step shows what is paid for, once
            return self.c_order_summary(w, h)
        name, price = self.goods[self.count("product") % len(self.goods)]
        photo = el("photo", "image", w=fill(), h=fill(min=40), role="surface-muted",
                   props={"motif": "product", "shape": product_shape(name)})
        info = row(col(text("name", name, "body-strong", "text", lines=2), text("price", P.format_money(price), "body"), gap=1,
                       width=fill()),
                   button("add", "", "secondary", "plus"), gap=3, align="center", width=fill())
        return card("card", photo, info, gap=3)

    def c_section(self, w, h):
        """A settings section the page has not shown yet: the prompt's named sections, then
        security, billing, integrations, appearance and language, each with its own controls."""
        named = C.settings_sections(self.c)[1]
        pool = named + [t for t in ("Security", "Billing", "Integrations", "Appearance", "Language") if t not in named]
        title = next((t for t in pool if t not in self.card_titles), pool[self.count("section") % len(pool)])
        self.card_titles.add(title)
        return C.settings_card(self.c, title, C.section_kind(title), compact=h < 300)

    def c_option(self, w, h):
        """One choice of an onboarding step: an icon, its label and a radio."""
        k = self.count("option")
        lab, ic = TEAM_SIZES[k % len(TEAM_SIZES)]
        return card("card", row(el("icon", "icon", w=24, h=24, props={"name": ic}, role="primary"),
                                text("label", lab, "body-strong", "text"),
                                el("pick", "radio", w=24, h=24, props={"checked": k == 1}), gap=3, align="center",
                                width=fill()), role="surface")

    def c_feature(self, w, h):
        """One of a product's features: an icon, a title and a line about it."""
        t, body, ic = PRODUCT_FEATURES[self.count("feature") % len(PRODUCT_FEATURES)]
        return card("card", el("icon", "icon", w=28, h=28, props={"name": ic}, role="primary"),
                    heading("title", t, "title"), text("body", body, "body", lines=3), gap=3)

    def c_calendar(self, w, h):
        cal = el("calendar", "calendar", w=fill(), h=fill(min=120), variant="week" if w > 2.2 * h else "month",
                 props={"month": 11, "year": 2026, "selected": [25], "events": [3, 9, 12, 18, 24]})
        if w > 2.2 * h:
            cal.el["props"] = self.k_calendar(Block("calendar", (0, 0, 0, 0), variant="week"), w, h).el["props"]
        return card("card", cal)

    def c_summary(self, w, h):
        if self.c.arch == "checkout" and self.count("order-summary"):  # one summary a page
            return self.c_delivery(w, h)
        rng = self.rng
        vals = [("Subtotal", rng.randint(120, 480)), ("Shipping", 9.0), ("Tax", rng.randint(12, 60))]

        total = sum(v for _, v in vals)
        kids = [C.total_row(lab, v) for lab, v in vals] + [el("divider", "divider", w=fill(), h=16),
                                                           C.total_row("Total", total, True)]
        if h > 320:
            kids.append(button("pay", f"Pay {P.format_money(total)}", "primary", "lock", size="lg", w=fill()))
        return card("card", *kids, title="Summary")

    def c_delivery(self, w, h):
        """A checkout's delivery options (the page has its order summary already)."""
        opts = [("Standard · 3–5 working days", "Free"), ("Express · next working day", "$12.00"),
                ("Pick up in store", "Free")]
        kids = [row(check("radio", "radio", lab, i == 0, w=fill()), text("price", price, "body", w=hug()), gap=3,
                    align="center", width=fill()) for i, (lab, price) in enumerate(opts)]
        return card("card", *kids, title="Delivery", gap=4)

    def c_cart(self, w, h):
        """A checkout's cart: its lines (as many as fit) and the total, without a second pay button."""
        n = max(1, min(3, int((h - 100) // 72)))
        items = [(*self.goods[(self.count("product") + i) % len(self.goods)], 1 + i % 2) for i in range(n)]
        total = sum(price * q for _, price, q in items)
        return card("card", *(C.order_line(name, price, q, thumb=56) for name, price, q in items),
                    C.total_row("Total", total, True), title=self.nth("cart", ["In your cart", "Your order"]), gap=4)

    def c_order_summary(self, w, h):
        """A checkout's order summary: line items with thumbnails, then the totals and the pay button."""
        if self.count("order-summary"):  # one summary a page
            return self.c_delivery(w, h)
        n = 3 if h >= 520 else (2 if h >= 430 else 1)
        if self.payment:
            items = P.order_items(self.c, n, payment=True)
        else:
            items = [(*self.goods[(self.count("product") + i) % len(self.goods)], 1 + i % 2) for i in range(n)]
        subtotal = sum(price * q for _, price, q in items)
        ship = 0.0 if self.payment else 9.0  # a booking or ticket ships nothing
        total = subtotal + ship
        kids = [*(C.order_line(name, price, q, thumb=0 if self.payment else 56) for name, price, q in items),
                el("divider", "divider", w=fill(), h=16),
                *([] if self.payment else [C.total_row("Subtotal", subtotal), C.total_row("Shipping", ship)]),
                C.total_row("Total", total, True),
                button("pay", f"Pay {P.format_money(total)}", "primary", "lock", size="lg", w=fill())]
        return card("card", *kids, title="Summary" if self.payment else "Order summary", gap=4)

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
        if self.c.arch in ("settings", "profile"):  # your own profile: edit it, nobody to follow
            who = C.list_item(0, person, P.member_email(person), "", False)
            if h > 150:
                return card("card", who, button("edit", "Edit profile", "secondary", "user", w=hug()),
                            title="Profile" if h > 200 else "", gap=4)
            return card("card", who)
        if h > 150:
            kids.append(row(button("mail", "Message", "secondary", "mail", w=fill()),
                            button("follow", "Follow", "primary", w=fill()), gap=3, width=fill()))
        return card("card", *kids, title="Contact" if h > 200 else "")

    def c_steps(self, w, h):
        i, n = step_of(self.c.prompt)
        names = step_names(n)
        prog = el("steps", "progress", w=fill(), h=28, variant="steps", props={"steps": names, "current": i - 1})
        return card("card", prog, text("hint", f"Step {i} of {n} · {names[i - 1]}", "small"), gap=3)

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
        if self.plans_in_one and h >= 200:  # the page's only plan card: every plan, one a row
            names = self.plan_names()[:3] if h < 360 else self.plan_names()
            prices = plan_prices(names)
            rows = [row(col(heading("plan", n, "title"), text("per", f"${p} / month", "small"), gap=1, width=fill()),
                        button("choose", "Start free" if p == 0 else "Choose", "primary" if i == 1 else "secondary",
                               size="sm"), gap=3, align="center", width=fill())
                    for i, (n, p) in enumerate(zip(names, prices))]
            divs = [el("divider", "divider", w=fill(), h=8) for _ in rows]
            return card("card", *[x for pair in zip(rows, divs) for x in pair][:-1], gap=3)
        k = self.count("plan")
        names = self.plan_names()
        prices = plan_prices(names)
        if names[0].lower() == "basic":
            prices = [9, 29, 79, 199]
        name, price = names[k % len(names)], prices[k % len(names)]
        feats = ["Unlimited " + self.d.records.lower(), "Reports and exports", "Priority support", "Single sign-on",
                 "Audit log"]
        return card("card", heading("plan", name, "title"),
                    row(heading("price", f"${price}", "h1", w=hug()), text("per", "/ month", "small", w=hug()), gap=2,
                        align="end", width=fill()),
                    button("choose", "Start free" if price == 0 else f"Choose {name}",
                           "primary" if k % len(names) == min(1, len(names) - 1) else "secondary", w=fill()),
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
