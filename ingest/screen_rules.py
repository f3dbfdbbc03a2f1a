"""What the screen readers share: the thresholds that tell a sidebar, a navbar, a card or a
control by its box, box tests, the light-background test and the last step every reader takes
(`finish_screen`: boxes normalised and sorted into blocks). Used by the SVG (`ingest.screens`),
screenshot (`ingest.screens_raster`) and PDF-page (`ingest.pdf_screens`) readers.
"""

from __future__ import annotations

from scene.blocks import Block

# Thresholds as fractions of the canvas (W, H) unless marked px.
SIDEBAR_MIN_H = 0.75  # a full-height column …
SIDEBAR_MAX_W = 0.30  # … no wider than this, touching the left or right edge
NAVBAR_MIN_W = 0.55  # a full-width band at the top …
NAVBAR_MAX_H = 0.12  # … no taller than this
CARD_MIN_W, CARD_MIN_H = 0.06, 0.06
CONTROL_MIN_PX, CONTROL_MAX_H = 18.0, 0.085  # buttons and inputs: at least 18 px, at most 8.5 % of H
HEADING_RATIO = 1.35  # text this much larger than the body size is a heading


def inside_box(inner, outer, slack: float = 2.0) -> bool:
    x, y, w, h = inner
    X, Y, W, H = outer
    return x >= X - slack and y >= Y - slack and x + w <= X + W + slack and y + h <= Y + H + slack


def is_light(rgb) -> bool:
    return rgb is not None and (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) >= 200


def is_accent(rgb, page) -> bool:
    """Whether a control's fill reads as a primary action on `page`: on a light page any dark
    fill (as before); on a dark page (a dark theme's screen) a saturated fill or a light one,
    since its inputs and outlined buttons are filled with dark neutrals near the page's own."""
    if rgb is None:
        return False
    if page is None or is_light(page) or (0.299 * page[0] + 0.587 * page[1] + 0.114 * page[2]) >= 110:
        return not is_light(rgb)
    return max(rgb) - min(rgb) >= 60 or (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) >= 150


def finish_screen(blocks: list[tuple[str, tuple, dict]], W: float, H: float) -> list[Block]:
    out = []
    for kind, (x, y, w, h), attrs in blocks:
        box = (
            round(max(0.0, x / W), 4),
            round(max(0.0, y / H), 4),
            round(min(1.0, w / W), 4),
            round(min(1.0, h / H), 4),
        )
        if box[2] <= 0 or box[3] <= 0:
            continue
        out.append(
            Block(
                kind=kind,
                box=box,
                role=attrs.get("role", ""),
                style=attrs.get("style", ""),
                variant=attrs.get("variant", ""),
                content=attrs.get("content", ""),
            )
        )
    out.sort(key=lambda b: (round(b.box[1], 2), b.box[0]))
    return out
