"""The scene: what the generator produces and the renderer draws.

A scene is a tree of UI elements. Each element has a `kind` from `KINDS`, a box in canvas
pixels ``[x, y, w, h]`` (origin top-left), optional text, a colour role, a variant and
kind-specific `props`; nesting is through `children`. Element ids are unique and path-like
(``sidebar/nav-item-3``) and become the layer ids of the SVG.
"""

from __future__ import annotations

from typing import Any, Iterator

from pydantic import BaseModel, Field, field_validator

#: The scene vocabulary. Every element's `kind` is one of these.
KINDS: tuple[str, ...] = (
    "navbar", "sidebar", "header", "footer", "heading", "text", "button", "input", "checkbox",
    "radio", "toggle", "select", "tabs", "card", "table", "list", "list_item", "chart", "image",
    "icon", "avatar", "badge", "pagination", "breadcrumb", "calendar", "progress", "divider",
    "logo", "search", "modal",
)

KIND_DOCS: dict[str, str] = {
    "navbar": "top bar across the page: logo, navigation links, search, actions",
    "sidebar": "vertical navigation column with icon + label items",
    "header": "page header: title, subtitle, breadcrumb, primary actions",
    "footer": "page footer with links and fine print",
    "heading": "a title; props.level 1–3 or style names a type-scale step",
    "text": "body copy; wraps inside its box, ellipsis when it runs out of lines",
    "button": "variant primary | secondary | ghost | destructive; props.icon optional",
    "input": "text field: props.label, props.placeholder or props.value, props.helper",
    "checkbox": "props.checked, text is the label",
    "radio": "props.checked, text is the label",
    "toggle": "props.on, text is the label",
    "select": "dropdown with chevron: props.label, props.value",
    "tabs": "props.items (labels), props.active index",
    "card": "surface container with elevation; children laid inside",
    "table": "props.columns, props.rows, props.align, props.status_column",
    "list": "container of list_item children",
    "list_item": "text (title), props.meta (second line), props.trailing, props.avatar or props.icon",
    "chart": "variant line | bar | donut | sparkline; props.series, props.labels",
    "image": "on-palette vector illustration; props.motif",
    "icon": "props.name from the design system's icon set",
    "avatar": "initials on a role colour; text is the person's name",
    "badge": "short status label; role names the status colour",
    "pagination": "props.page, props.pages",
    "breadcrumb": "props.items",
    "calendar": "variant month | week; props.month, props.year, props.selected",
    "progress": "variant bar | steps; props.value 0–1 or props.steps, props.current",
    "divider": "a hairline in the divider colour",
    "logo": "the design system's logo",
    "search": "search field with icon; props.placeholder",
    "modal": "dialog over a scrim; children laid inside",
}


class Element(BaseModel):
    id: str
    kind: str
    box: tuple[float, float, float, float]  # x, y, w, h in canvas pixels
    text: str = ""
    role: str = ""  # colour role, e.g. "primary"
    variant: str = ""
    style: str = ""  # type-scale step for text-bearing elements
    props: dict[str, Any] = Field(default_factory=dict)
    children: list["Element"] = Field(default_factory=list)
    #: How the element arranges its children and sizes itself, when the flex layout placed it
    #: (design px): direction, gap, padding [t, r, b, l], justify, align, width/height mode
    #: (fill | hug | fixed), grow, align_self and ``items``: the children in order, each a child
    #: id or a layout-only frame (``{"frame": name, "box": [x, y, w, h], …, "items": [...]}``).
    #: None for elements placed without it (sampled blocks); scene files without it still load.
    layout: dict[str, Any] | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, v: str) -> str:
        if v not in KINDS:
            raise ValueError(f"unknown element kind {v!r}; the vocabulary is: {', '.join(KINDS)}")
        return v

    def walk(self) -> Iterator["Element"]:
        yield self
        for c in self.children:
            yield from c.walk()


class Scene(BaseModel):
    width: int
    height: int
    scale: float  # canvas pixels per design pixel (2.0 at 3840×2160)
    archetype: str
    prompt: str
    seed: int
    background_role: str = "background"
    elements: list[Element] = Field(default_factory=list)
    #: The flex layout of the page's top-level elements (as `Element.layout`), or None.
    layout: dict[str, Any] | None = None

    def walk(self) -> Iterator[Element]:
        for e in self.elements:
            yield from e.walk()

    def count(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.walk():
            out[e.kind] = out.get(e.kind, 0) + 1
        return out
