"""Blocks: the flat form of a scene that the scene diffusion model denoises.

A `Scene` is a tree. The generator works on its **blocks**: the elements a page is made of at
the level a designer sketches (sidebar, top bar, page heading, KPI cards, a chart card, a
table card, a form, a button row …), each with a kind, a box, a colour role, a text style, a
variant and a `content` tag saying what a container holds. A block knows nothing of copy or of
its inner components: `engine.compose.fill` turns blocks back into a full scene.

Boxes are normalised to the canvas: ``(x, y, w, h)`` as fractions of width and height, so one
model serves every size and device.

The vocabularies below are the model's categorical outputs; index 0 of each is "none" (for
`BLOCK_KINDS`, the null kind of an unused slot).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from scene.model import Element, Scene

#: Block kinds: the null kind for unused slots, then the kinds the scene models were trained on.
#: This is the models' categorical vocabulary: the committed weights (``engine/weights/``) are
#: sized to it and index kinds by position, so it is written out here rather than derived from
#: `scene.model.KINDS`. The first 30 kinds are those of the first models (the layout net of
#: ``eval/weights/layout_net`` still knows only those, by name); the 31 after them (maps, kanban
#: columns, media controls …) were appended for the plan-conditioned models. A new kind is
#: appended at the end, and the teacher and student are then retrained. A block of a kind
#: outside this tuple maps to index 0, the null kind.
BLOCK_KINDS: tuple[str, ...] = (
    "null", "navbar", "sidebar", "header", "footer", "heading", "text", "button", "input", "checkbox",
    "radio", "toggle", "select", "tabs", "card", "table", "list", "list_item", "chart", "image",
    "icon", "avatar", "badge", "pagination", "breadcrumb", "calendar", "progress", "divider",
    "logo", "search", "modal",
    # appended for the plan-conditioned models
    "chip", "segmented", "slider", "stepper", "rating", "date_picker", "time_picker", "accordion", "menu",
    "tooltip", "toast", "alert", "bottom_sheet", "fab", "stat", "progress_ring", "gauge", "avatar_group",
    "timeline", "tree", "description_list", "comment", "kanban_column", "map", "video", "media_controls",
    "stories", "file_tile", "code", "dropzone", "skeleton",
)
#: How many kinds the first models knew (``BLOCK_KINDS[:FIRST_KINDS]``, the null kind included).
FIRST_KINDS = 31

#: What a container block holds (cards, modals, lists, forms).
CONTENTS: tuple[str, ...] = (
    "",
    "kpi",  # label, big number, delta badge, sparkline
    "chart-line",
    "chart-bar",
    "chart-donut",
    "table",
    "list",
    "form",  # inputs, selects, checkboxes
    "settings",  # toggles and radios
    "media",  # image or illustration
    "product",  # product tile: image, name, price, action
    "calendar",
    "summary",  # order summary, totals
    "text",  # a paragraph or a quote
    "actions",  # a row of buttons
    "nav",  # navigation items
    "profile",  # avatar with name and meta
    "steps",  # a progress stepper
    "empty",  # illustration, message, call to action
    "pricing",  # plan, price, features, button
    "chat",  # message bubbles
)

#: Colour roles a block may carry (its fill or accent).
ROLES: tuple[str, ...] = (
    "", "background", "surface", "surface-muted", "primary", "secondary", "accent", "success", "warning",
    "danger", "info", "text", "text-muted", "border",
)

#: Type-scale steps a text block may use.
STYLES: tuple[str, ...] = ("", "display", "h1", "h2", "h3", "title", "body", "small", "label", "caption")

#: Variants the renderer knows (buttons, charts, cards, list items, tabs …).
VARIANTS: tuple[str, ...] = (
    "", "primary", "secondary", "ghost", "destructive", "line", "bar", "donut", "sparkline", "nav", "panel",
    "outline", "filled", "month", "week", "steps", "bar-progress", "search", "select", "rail", "tabbar",
    "appbar", "hero", "dialog",
)


@dataclass
class Block:
    """One block of a page. `box` is ``(x, y, w, h)`` as fractions of the canvas."""

    kind: str
    box: tuple[float, float, float, float]
    role: str = ""
    style: str = ""
    variant: str = ""
    content: str = ""
    id: str = ""  # the element id it came from (for provenance; not generated)
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Block":
        return cls(kind=d["kind"], box=tuple(d["box"]), role=d.get("role", ""), style=d.get("style", ""),
                   variant=d.get("variant", ""), content=d.get("content", ""), id=d.get("id", ""),
                   meta=dict(d.get("meta", {})))


def _index(vocab: tuple[str, ...], value: str) -> int:
    try:
        return vocab.index(value)
    except ValueError:
        return 0


def block_indices(b: Block) -> tuple[int, int, int, int, int]:
    """Vocabulary indices of (kind, role, style, variant, content); unknown values map to 0."""
    return (_index(BLOCK_KINDS, b.kind), _index(ROLES, b.role), _index(STYLES, b.style),
            _index(VARIANTS, b.variant), _index(CONTENTS, b.content))


def content_of(e: Element) -> str:
    """What a container element holds, read from its children (see `CONTENTS`)."""
    if e.props.get("content") in CONTENTS:
        return e.props["content"]
    if e.kind in ("sidebar", "navbar") or (e.kind == "list" and any(c.variant == "nav" for c in e.children)):
        return "nav"
    if e.kind == "card" and sum(1 for c in e.walk() if c.props.get("bubble")) >= 2:
        return "chat"
    kinds = [c.kind for c in e.walk() if c is not e]
    if not kinds:
        return ""
    variants = {c.variant for c in e.walk() if c.kind == "chart"}
    if "chart" in kinds and not ("badge" in kinds and "sparkline" in variants and len(variants) == 1):
        for v in ("line", "bar", "donut"):
            if v in variants:
                return f"chart-{v}"
    if "badge" in kinds and "sparkline" in variants or (kinds.count("heading") == 1 and "badge" in kinds
                                                       and len(kinds) <= 6):
        return "kpi"
    if "table" in kinds:
        return "table"
    if "calendar" in kinds:
        return "calendar"
    if "progress" in kinds and any(c.variant == "steps" for c in e.walk()):
        return "steps"
    if kinds.count("toggle") + kinds.count("radio") >= 2:
        return "settings"
    if kinds.count("input") + kinds.count("select") + kinds.count("checkbox") >= 2:
        return "form"
    if "list" in kinds or kinds.count("list_item") >= 2:
        return "list"
    if "image" in kinds and ("button" in kinds or "badge" in kinds):
        return "product"
    if "image" in kinds:
        return "media"
    if kinds.count("button") >= 2 and len(set(kinds)) <= 2:
        return "actions"
    if "avatar" in kinds:
        return "profile"
    return "text"


def block_of(e: Element, width: float, height: float) -> Block:
    x, y, w, h = e.box
    content = content_of(e) if e.children else ""
    return Block(kind=e.kind, box=(x / width, y / height, w / width, h / height), role=e.role,
                 style=e.style, variant=e.variant, content=content, id=e.id)


def reading_order(blocks: list[Block]) -> list[Block]:
    """`blocks` in reading order: top to bottom (to a thousandth of the canvas), then left to
    right. A page's own blocks, a picture's reading and every reference layout a model reads
    are in this order, which is what a model with slot positions learns."""
    return sorted(blocks, key=lambda b: (round(b.box[1], 3), b.box[0]))


def scene_blocks(scene: Scene, max_blocks: int = 48) -> list[Block]:
    """The blocks of a scene: its top-level elements, in reading order (top to bottom, then
    left to right). Containers that only group others (a row of cards without a kind of its
    own) are already flattened by the composer. At most `max_blocks`, largest first kept."""
    blocks = [block_of(e, scene.width, scene.height) for e in scene.elements]
    if len(blocks) > max_blocks:
        blocks = sorted(blocks, key=lambda b: b.box[2] * b.box[3], reverse=True)[:max_blocks]
    return reading_order(blocks)
