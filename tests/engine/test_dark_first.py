"""A dark-first system's mocks look dark throughout; the contrast fallback never draws text in a status colour."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.colour import parse_hex, rgb_to_lab
from ingest.model import Color, DesignSystem, RoleAssignment, Source

from tests.conftest import SAMPLES

# what a card, panel or dialog is filled with when the scene names no role (engine.render.components)
_DEFAULT_FILL = {"card": "surface-raised", "modal": "surface-raised", "navbar": "surface", "sidebar": "surface",
                 "footer": "background"}
_SURFACE_ROLES = {"background", "surface", "surface-muted", "surface-raised"}


def _l(hex_: str) -> float:
    return rgb_to_lab(parse_hex(hex_)[0])[0]


def _fill_role(el) -> str:
    if el.role:
        return el.role
    if el.kind == "card" and el.variant in ("flat", "panel"):
        return "surface"
    return _DEFAULT_FILL[el.kind]


@pytest.fixture(scope="module")
def circuit(tmp_path_factory):
    from engine import Engine

    return Engine.from_folder(SAMPLES / "circuit", store=tmp_path_factory.mktemp("store") / "circuit")


def test_dark_first_4k_mock_looks_dark_throughout(circuit):
    gen = circuit.generate("analytics dashboard", seed=3)
    assert gen.image.size == (3840, 2160) and gen.mode == {"theme": "dark"}
    ds = circuit.design_system(gen.mode)
    roles = ds.role_map()
    lum = np.asarray(gen.image.convert("L"), dtype=np.float32)
    assert lum.mean() < 60, lum.mean()  # of 255: a dark page, dark cards
    assert (lum > 200).mean() < 0.06  # light pixels are text, icons and chart strokes, not areas
    panels = [e for e in gen.scene.walk() if e.kind in _DEFAULT_FILL]
    assert any(e.kind == "card" for e in panels)
    for e in panels:
        role = _fill_role(e)
        if role in _SURFACE_ROLES:
            assert _l(roles[role]) < 30, (e.id, role)
        elif e.kind == "card":
            assert e.variant == "flat" or role in ("primary", "secondary", "accent"), (e.id, role)
    for w in gen.warnings:
        assert not w.startswith("contrast: text ") and not w.startswith("contrast: text-muted "), w


def test_dark_first_light_mode_mock_is_light(circuit):
    gen = circuit.generate("account settings page", seed=1, size=(1280, 800), mode="theme=light")
    assert gen.mode == {"theme": "light"}
    assert circuit.design_system(gen.mode).theme == "light"
    assert np.asarray(gen.image.convert("L"), dtype=np.float32).mean() > 180


def _system(roles: dict[str, str]) -> DesignSystem:
    src = Source(file="t.json", locator="")
    colours = [Color(name=f"c.{r}", hex=h, lab=rgb_to_lab(parse_hex(h)[0]), source=src) for r, h in roles.items()]
    return DesignSystem(name="t", root="/tmp", colors=colours,
                        roles=[RoleAssignment(role=r, color=f"c.{r}", hex=h, reason="test") for r, h in roles.items()])


def test_contrast_fallback_uses_text_colours_never_a_status_colour():
    from engine.render.theme import Theme

    # text as light as the card it sits on (a light surface on a dark page): the nearest passing
    # colour by value is the red danger colour; the fallback must take the system's own dark text
    roles = {"background": "#111317", "surface": "#f1f1f1", "text": "#ececec", "text-muted": "#9a9ca3",
             "primary": "#5a3df0", "on-primary": "#ffffff", "danger": "#b3261e", "success": "#1e7b34",
             "warning": "#8a5a00", "info": "#0b57d0"}
    th = Theme(_system(roles))
    for role in ("text", "text-muted"):
        got = th.text_on(role, roles["surface"])
        assert got not in (roles["danger"], roles["success"], roles["warning"], roles["info"]), (role, got)
        assert got in (roles["background"], roles["primary"]) or _l(got) < 40
    assert th.text_on("text", roles["surface"]) == roles["background"]  # the system's dark neutral
    assert any("contrast: text" in w for w in th.warnings)
    # a system whose only passing colours are status colours still keeps them off body text
    only = _system({"background": "#ffffff", "surface": "#ffffff", "text": "#f4f4f4", "danger": "#b3261e"})
    got = Theme(only).text_on("text", "#ffffff")
    assert got != "#b3261e"
    # a status role may still fall back to a colour of its own hue family
    assert Theme(_system(roles)).text_on("danger", roles["background"]) != roles["success"]


def test_raised_surface_fills_cards_and_dialogs(circuit):
    from engine.render.theme import Theme

    ds = circuit.design_system()
    th = Theme(ds)
    assert th.color("surface-raised") == "#1c212c" and th.color("surface") == "#11141b"
    # a system without the role (a store written before it) draws raised things on its surface
    old = ds.model_copy(update={"roles": [r for r in ds.roles if r.role != "surface-raised"]})
    assert Theme(old).color("surface-raised") == th.color("surface")
