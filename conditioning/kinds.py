"""The component kinds a prompt names, and whether a layout carries them.

Used to rank reference layouts (a folder screen, a request image or a curriculum exemplar that
holds what the prompt asks for ranks above one that does not) and to keep an open dialog out of
a page that did not ask for one.
"""

from __future__ import annotations

from scene.blocks import Block

#: Words that name a component kind in a prompt, and the block kinds or container contents that
#: carry it in a layout. An exemplar holding what the prompt names ranks above one that does not.
KIND_WORDS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "modal": (("modal", "dialog", "popup", "pop-up", "confirm"), frozenset({"modal"})),
    "chart": (("chart", "graph", "trend", "donut", "sparkline", "plot"),
              frozenset({"chart", "chart-line", "chart-bar", "chart-donut", "kpi"})),
    "table": ((" table", "spreadsheet", "data grid"), frozenset({"table"})),
    "search": (("search", "find "), frozenset({"search"})),
    "pagination": (("pagination", "paginated", "paging"), frozenset({"pagination"})),
    "tabs": ((" tabs", "tabbed"), frozenset({"tabs"})),
    "calendar": (("calendar", "month grid", "week view"), frozenset({"calendar"})),
    "form": ((" form", "fields", " input", "address", "password", "card number"), frozenset({"input", "form"})),
    "toggle": (("toggle", "switches"), frozenset({"toggle", "settings"})),
    "progress": (("progress", "stepper", "step ", "wizard"), frozenset({"progress", "steps"})),
    "avatar": (("avatar", "profile photo", "headshot"), frozenset({"avatar", "profile"})),
    "image": (("photo", "image", "gallery", "picture", "illustration"), frozenset({"image", "media", "product"})),
}
#: How much a named kind the exemplar carries adds to its caption similarity (all named: +this).
KIND_BONUS = 0.15
#: Kinds a page shows only when asked for (an open dialog; block kinds that are also
#: `KIND_WORDS` keys): an exemplar that carries one the prompt does not name loses
#: `UNASKED_PENALTY`, more than any similarity, so it ranks below every exemplar that does not.
ON_REQUEST = frozenset({"modal"})
UNASKED_PENALTY = 2.0


def prompt_kinds(prompt: str) -> list[str]:
    """The component kinds a prompt names (keys of `KIND_WORDS`)."""
    p = f" {' '.join(prompt.lower().split())} "
    return [k for k, (words, _) in KIND_WORDS.items() if any(w in p for w in words)]


def kind_coverage(blocks: list[Block], kinds: list[str]) -> float:
    """Share of `kinds` (from `prompt_kinds`) that the layout carries as a block kind or a
    container's content."""
    if not kinds:
        return 0.0
    have = {b.kind for b in blocks} | {b.content for b in blocks if b.content}
    return sum(1 for k in kinds if KIND_WORDS[k][1] & have) / len(kinds)


def unasked(blocks: list[Block], kinds: list[str]) -> bool:
    """Whether the layout carries an on-request kind (`ON_REQUEST`: an open dialog) that
    `kinds` (from `prompt_kinds`) does not name."""
    return any(b.kind in ON_REQUEST and b.kind not in kinds for b in blocks)
