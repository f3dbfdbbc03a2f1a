"""Icons the prompt names are drawn from the system's SVG icons in the mock's icon slots, and
the generation records which were drawn."""

import re
from pathlib import Path

import pytest

from conditioning.packing import named_icons
from engine.compose.named_icons import icon_slots, place_named_icons
from scene.model import Element, Scene


def test_named_icons_need_a_word_for_an_icon(harbor_engine):
    ds = harbor_engine.ds
    assert named_icons(ds, "dashboard with a bell icon") == ["bell"]
    assert named_icons(ds, "settings gear in the header") == ["settings"]
    assert named_icons(ds, "toolbar with bell, mail and user icons") == ["bell", "mail", "user"]
    assert named_icons(ds, "icons for search and settings") == ["search", "settings"]
    assert named_icons(ds, "a chevron-down icon") == ["chevron-down"]
    # the words alone are not a request for an icon
    assert named_icons(ds, "account settings page") == []
    assert named_icons(ds, "user profile page with a search field") == []


def _scene() -> Scene:
    def e(id_, kind, **kw):
        return Element(id=id_, kind=kind, box=(0, 0, 10, 10), **kw)

    bar = e("bar", "navbar", children=[e("bar/help", "icon", props={"name": "mail"}),
                                       e("bar/bell", "icon", props={"name": "bell"})])
    body = e("body", "card", children=[e("body/add", "button", props={"icon": "plus"}),
                                       e("body/pay", "button", text="Pay", props={"icon": "credit-card"}),
                                       e("body/feature", "icon", props={"name": "star"}),
                                       e("body/nav", "list_item", text="Home", variant="nav", props={"icon": "home"})])
    return Scene(width=100, height=100, scale=1.0, archetype="dashboard", prompt="p", seed=0, elements=[bar, body])


def test_slots_fill_in_order_and_shown_icons_stay():
    scene = _scene()
    assert [s for s, _, _ in icon_slots(scene)] == ["header action", "header action", "icon button", "icon",
                                                     "button icon"]
    out, rec = place_named_icons(scene, ["settings", "bell", "home", "lock", "user", "cart", "heart"])
    by = {r["name"]: r for r in rec}
    # already shown: kept where they are (a navigation item's icon counts)
    assert by["bell"] == {"name": "bell", "drawn": True, "element": "bar/bell", "slot": "header action", "replaced": ""}
    assert by["home"]["drawn"] and by["home"]["element"] == "body/nav" and by["home"]["replaced"] == ""
    # the others take the free slots in order: the header's other icon, the icon button, the icon, the button's
    assert (by["settings"]["element"], by["settings"]["replaced"]) == ("bar/help", "mail")
    assert (by["lock"]["element"], by["lock"]["slot"]) == ("body/add", "icon button")
    assert (by["user"]["element"], by["user"]["slot"]) == ("body/feature", "icon")
    assert (by["cart"]["element"], by["cart"]["slot"]) == ("body/pay", "button icon")
    assert by["heart"] == {"name": "heart", "drawn": False, "element": "", "slot": "", "replaced": ""}
    drawn = {el.id: el.props for top in out.elements for el in top.walk()}
    assert drawn["bar/help"]["name"] == "settings" and drawn["bar/bell"]["name"] == "bell"
    assert drawn["body/add"]["icon"] == "lock" and drawn["body/pay"]["icon"] == "cart"
    # the scene given is left as it was
    assert {el.id: el.props for top in scene.elements for el in top.walk()}["bar/help"]["name"] == "mail"
    assert place_named_icons(scene, []) == (scene, [])


def test_page_action_icons_look_for_a_button_first():
    out, rec = place_named_icons(_scene(), ["filter", "download", "upload", "x", "settings"])
    by = {r["name"]: (r["element"], r["slot"]) for r in rec}
    assert by["filter"] == ("body/add", "icon button") and by["download"] == ("body/pay", "button icon")
    assert by["upload"] == ("body/feature", "icon") and by["x"] == ("bar/help", "header action")
    assert by["settings"] == ("bar/bell", "header action")  # the last free slot


@pytest.mark.parametrize("sampler", ["procedural", "student"])
def test_generation_draws_and_records_named_icons(harbor_engine, sampler):
    g = harbor_engine.generate("analytics dashboard with a settings gear icon", size=(1280, 720), seed=1,
                               sampler=sampler)
    rec = g.conditioning["icons_drawn"]
    assert [r["name"] for r in rec] == ["settings"] and rec[0]["drawn"]
    el = next(e for top in g.scene.elements for e in top.walk() if e.id == rec[0]["element"])
    assert "settings" in (el.props.get("name"), el.props.get("icon"))
    plain = harbor_engine.generate("analytics dashboard", size=(1280, 720), seed=1, sampler=sampler)
    assert plain.conditioning["icons_drawn"] == []
    # drawn from the system's own SVG: its path data appears once more than in the mock without
    # the request (or as often, when the mock already showed the icon)
    icon = next(a for a in harbor_engine.ds.icons if a.name == "settings")
    path = re.findall(r'\sd="([^"]+)"', Path(icon.path).read_text())[0][:40]
    assert g.svg.count(path) == plain.svg.count(path) + (1 if rec[0]["replaced"] else 0)
    assert g.svg.count(path) >= 1
