"""Generated scenes can pair any kind with any variant: the renderer must draw them all."""

from __future__ import annotations

import pytest

from engine import Engine
from scene.blocks import CONTENTS, ROLES, STYLES, VARIANTS
from engine.render.canvas import Canvas
from engine.render.components import Renderer
from scene.model import KINDS, Element, Scene
from engine.render.theme import Theme
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def theme(tmp_path_factory):
    return Theme(Engine.from_folder(SAMPLES / "harbor", store=tmp_path_factory.mktemp("st")).ds)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_with_every_variant_role_and_style_renders(theme, kind):
    els = []
    for i, variant in enumerate(VARIANTS):
        role = ROLES[i % len(ROLES)]
        style = STYLES[i % len(STYLES)]
        x, y = 10 + (i % 6) * 150, 10 + (i // 6) * 120
        els.append(Element(id=f"e{i}", kind=kind, box=(x, y, 140, 100), variant=variant, role=role, style=style,
                           props={"content": CONTENTS[i % len(CONTENTS)]}))
    els.append(Element(id="tiny", kind=kind, box=(5, 5, 1, 1)))  # degenerate boxes too
    scene = Scene(width=960, height=540, scale=1.0, archetype="test", prompt="robustness", seed=0, elements=els)
    cv = Canvas(960, 540, theme.color("background"))
    Renderer(theme, 1.0).draw(cv, scene)
    assert cv.svg().startswith("<svg")


def test_a_strong_body_is_the_systems_body_at_a_strong_weight(tmp_path):
    """A system with no "body-strong" step (Circuit) draws it as its body at a strong weight,
    not as the next larger step: a row's strong text stays under its card's title."""
    th = Theme(Engine.from_folder(SAMPLES / "circuit", store=tmp_path / "st").ds)
    assert "body-strong" not in {t.name for t in th.ds.type_scale}
    strong, body, title = th.style("body-strong"), th.style("body"), th.style("title")
    assert strong.size == body.size and strong.weight >= 600 and strong.size <= title.size
