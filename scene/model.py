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
    # controls and pickers
    "chip", "segmented", "slider", "stepper", "rating", "date_picker", "time_picker",
    # disclosure, overlays and feedback
    "accordion", "menu", "tooltip", "toast", "alert", "bottom_sheet", "fab",
    # data summaries and structured lists
    "stat", "progress_ring", "gauge", "avatar_group", "timeline", "tree", "description_list", "comment",
    "kanban_column",
    # media, places, files, loading
    "map", "video", "media_controls", "stories", "file_tile", "code", "dropzone", "skeleton",
)

KIND_DOCS: dict[str, str] = {
    "navbar": "top bar across the page: logo, navigation links, search, actions",
    "sidebar": "vertical navigation column with icon + label items",
    "header": "page header: title, subtitle, breadcrumb, primary actions",
    "footer": "page footer with links and fine print",
    "heading": "a title; props.level 1–3 or style names a type-scale step",
    "text": "body copy; wraps inside its box, ellipsis when it runs out of lines",
    "button": "variant primary | secondary | ghost | destructive; props.icon optional",
    "input": "text field: props.label, props.placeholder or props.value, props.helper; props.lines > 1 makes it a text area",
    "checkbox": "props.checked, text is the label",
    "radio": "props.checked, text is the label",
    "toggle": "props.on, text is the label",
    "select": "dropdown with chevron: props.label, props.value",
    "tabs": "props.items (labels), props.active index",
    "card": "surface container with elevation; children laid inside",
    "table": "props.columns, props.rows, props.align, props.status_column, props.selected (the row a side panel acts on)",
    "list": "container of list_item children",
    "list_item": "text (title), props.meta (second line), props.trailing, props.avatar or props.icon",
    "chart": "variant line | area | bar | stacked | scatter | donut | gauge | sparkline; props.series, "
             "props.labels (scatter: props.points)",
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
    "chip": "pill label (text; props.selected, props.icon, props.removable), or a wrapping row of them: "
            "props.items, props.selected (indices)",
    "segmented": "segmented control: props.items (labels), props.active index",
    "slider": "slider: props.value 0–1, or props.values [low, high] for a range; text is the label, "
              "props.display the value shown",
    "stepper": "numeric stepper − value +: props.value, props.min, props.max; text is the label",
    "rating": "stars: props.value (4.5) of props.max (5); text beside them (\"128 reviews\")",
    "date_picker": "date field with its month popover open below when there is room: props.label, props.value, "
                   "props.month, props.year, props.selected (day), props.open false closes it",
    "time_picker": "time field with its list of slots open below: props.label, props.value, props.slots",
    "accordion": "sections with chevrons: props.items (titles), props.open (index), props.body (its text)",
    "menu": "open dropdown menu: props.items (\"---\" is a separator), props.active, props.icons, "
            "props.shortcuts, props.danger (indices)",
    "tooltip": "dark bubble with an arrow: text; props.placement top | bottom",
    "toast": "raised notice: text (title), props.message, props.action; role success | warning | danger | info "
             "(else read from the words)",
    "alert": "inline banner with a status bar and mark: text (title), props.message, props.action; role as toast",
    "bottom_sheet": "sheet rising from the bottom with a grab handle: text (title); children laid inside, else "
                    "props.items (and props.icons) as action rows; props.scrim dims the page",
    "fab": "floating action button: props.icon (plus); with text and a wide box an extended pill",
    "stat": "stat tile: text (label), props.value, props.delta (\"+12%\" green, \"-3%\" red), props.caption, "
            "props.series (sparkline); variant plain draws no tile",
    "progress_ring": "circular progress: props.value 0–1, props.display; text is a label under it",
    "gauge": "half-circle gauge: props.value 0–1, props.display, props.min, props.max, text (label); "
             "props.bands [[end, role], …] draw a needle over coloured bands",
    "avatar_group": "overlapping avatars: props.names, props.max shown (the rest as +N)",
    "timeline": "events on a line: props.items ([title, meta] or titles), props.current (latest done); "
                "variant horizontal | vertical",
    "tree": "tree view: props.items ([depth, label] pairs or labels indented two spaces a level), props.active",
    "description_list": "key–value pairs: props.items ([key, value] pairs or a mapping); variant stacked",
    "comment": "comment: text (author), props.meta (time), props.body, props.actions (Reply, Like), "
               "props.likes, props.indent (reply level)",
    "kanban_column": "board column: text (title), props.count, props.cards (titles, [title, tag, assignee] or "
                     "{title, tag, assignee}), props.add false hides the add row",
    "map": "vector map: props.terrain town (streets, the default), water (a harbour's pontoons) or outdoor "
           "(contours, woods, footpaths), props.pins (labels, or [x, y, label] as box fractions), props.route "
           "(true: between the first two pins, or [[x, y], …]), props.zoom",
    "video": "video tile with a play button: props.duration, props.progress 0–1; variant call is a call "
             "participant: text (name), props.muted, props.camera_off, props.speaking",
    "media_controls": "player controls: scrubber (props.elapsed, props.total, props.progress), prev / play / "
                      "next, props.playing; variant call (or props.buttons given): round buttons from props.buttons (mute, camera, "
                      "share, leave …), props.off (labels shown off)",
    "stories": "row of story avatars with rings: props.names, props.seen (count), props.add (Your story)",
    "file_tile": "file: text (name; the extension colours its mark), props.meta, props.progress (upload); a row "
                 "when wide, else a tile",
    "code": "code block: props.lines (or text with line breaks), line numbers, props.title; variant diff "
            "marks + and - lines",
    "dropzone": "upload dropzone with a dashed outline: text (the call), props.hint",
    "skeleton": "loading placeholder: variant text | list | card (default by the box's shape)",
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
    #: What the theme applied of the system's stated rules when the scene was drawn
    #: (``text_floor`` px, ``forbidden_text_on`` [colour, background] pairs), or None.
    theme_rules: dict[str, Any] | None = None

    def walk(self) -> Iterator[Element]:
        for e in self.elements:
            yield from e.walk()

    def count(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.walk():
            out[e.kind] = out.get(e.kind, 0) + 1
        return out
