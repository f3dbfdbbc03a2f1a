"""Icons the prompt names, drawn in the mock's icon slots.

`conditioning.packing.named_icons` lists the system's icons a prompt asks to see ("with a bell
icon", "settings gear"). `place_named_icons` puts them in the icon slots the mock already has,
so the renderer draws them from the system's own SVG files (`engine.render.components.Renderer.icon`
looks icons up by name in the design system first). Slots, in the order they are filled:

1. **header action**: an icon in a top bar (kind ``navbar``), e.g. the notifications bell;
2. **icon button**: a button that shows only an icon;
3. **icon**: any other icon element (a feature's icon, a list row's icon);
4. **button icon**: the icon beside a button's label.

That order is for the icons a top bar usually carries (`HEADER_ICONS`: notifications, mail,
settings, account, cart…); an icon of an action on the page (filter, download, add…) looks for
a button first: icon button, button icon, icon, and a top bar's slot last.

A named icon the mock already shows anywhere (a navigation item's icon included) is drawn as it
is; the others take the first free slots. A slot holds one named icon. Each icon is reported
with the element that draws it, the slot, and the icon it replaced; an icon for which no slot
is left is reported as not drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from scene.model import Element, Scene

SLOTS = ("header action", "icon button", "icon", "button icon")
#: Where an icon that is not one of `HEADER_ICONS` looks for a slot, in order.
ACTION_SLOTS = ("icon button", "button icon", "icon", "header action")
#: Icons (by words of their names) that belong in a top bar: placed there first.
HEADER_ICONS = frozenset({"bell", "notification", "notifications", "mail", "inbox", "message", "messages", "chat",
                          "settings", "gear", "cog", "user", "users", "account", "profile", "person", "avatar",
                          "search", "cart", "bag", "basket", "heart", "help", "question", "home", "logout",
                          "login", "calendar", "globe", "language", "moon", "sun", "menu", "grid", "apps"})


def icon_slots(scene: Scene) -> list[tuple[str, Element, str]]:
    """The scene's icon slots, (slot, element, the prop holding the icon name), in the order
    `SLOTS` fills them and, within a slot, in drawing order. Navigation items are left out:
    their icons belong to their labels."""
    found: dict[str, list[tuple[str, Element, str]]] = {s: [] for s in SLOTS}

    def visit(el: Element, in_header: bool) -> None:
        if el.kind == "icon":
            found["header action" if in_header else "icon"].append(
                ("header action" if in_header else "icon", el, "name"))
        elif el.kind == "button" and el.props.get("icon"):
            slot = "button icon" if el.text else "icon button"
            found[slot].append((slot, el, "icon"))
        for ch in el.children:
            visit(ch, in_header or el.kind == "navbar")

    for el in scene.elements:
        visit(el, False)
    return [s for name in SLOTS for s in found[name]]


def _shown(scene: Scene) -> dict[str, Element]:
    """Icon name → the first element that draws it (any element with an icon prop)."""
    out: dict[str, Element] = {}
    for top in scene.elements:
        for el in top.walk():
            for key in ("name", "icon") if el.kind == "icon" else ("icon",):
                v = el.props.get(key)
                if isinstance(v, str) and v and v not in out:
                    out[v] = el
    return out


def place_named_icons(scene: Scene, names: Sequence[str]) -> tuple[Scene, list[dict]]:
    """`scene` with the named icons in its icon slots (a copy when anything changes; the scene
    given is never modified) and one record per name: ``{"name", "drawn", "element", "slot",
    "replaced"}`` (``replaced`` is the icon the slot showed before, "" when it already showed
    this one; ``element`` and ``slot`` are empty when the icon was not drawn)."""
    names = [n for i, n in enumerate(names) if n and n not in names[:i]]
    if not names:
        return scene, []
    shown = _shown(scene)
    todo = [n for n in names if n not in shown]
    if todo:
        scene = scene.model_copy(deep=True)
    slots = icon_slots(scene)
    slot_of = {id(el): slot for slot, el, _ in slots}
    records: dict[str, dict] = {}
    used: set[int] = set()
    for n in names:
        if n in shown:
            el = next((e for top in scene.elements for e in top.walk() if e.id == shown[n].id), shown[n])
            used.add(id(el))
            records[n] = {"name": n, "drawn": True, "element": el.id,
                          "slot": slot_of.get(id(el), "navigation" if el.variant == "nav" else el.kind),
                          "replaced": ""}
    protected = set(names)
    for n in todo:
        header = any(w in HEADER_ICONS for w in n.lower().replace("_", "-").split("-"))
        order = SLOTS if header else ACTION_SLOTS
        ranked = sorted(slots, key=lambda s: order.index(s[0]))  # stable: drawing order within a slot
        free = next(((slot, el, key) for slot, el, key in ranked
                     if id(el) not in used and el.props.get(key) not in protected), None)
        if free is None:
            records[n] = {"name": n, "drawn": False, "element": "", "slot": "", "replaced": ""}
            continue
        slot, el, key = free
        records[n] = {"name": n, "drawn": True, "element": el.id, "slot": slot, "replaced": str(el.props.get(key, ""))}
        el.props[key] = n
        used.add(id(el))
    return scene, [records[n] for n in names]
