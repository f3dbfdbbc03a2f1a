"""Every mode of every sample system renders every archetype on palette and readable."""

from __future__ import annotations

import shutil
from collections import Counter

import numpy as np
import pytest

from engine import Engine
from engine.render.canvas import Canvas
from engine.compose.composer import compose
from engine.render.components import Renderer
from engine.render.theme import Theme
from eval import palette_adherence
from ingest.colour import contrast, parse_hex
from tests.conftest import SAMPLE_NAMES, SAMPLES

ARCHETYPES = ["dashboard", "orders", "checkout", "sign-in", "settings", "products"]


def _modes():
    from ingest import ingest_folder

    out = []
    for name in SAMPLE_NAMES:
        ds = ingest_folder(SAMPLES / name)
        for modifier, options in ds.modes.items():
            out += [(name, modifier, opt) for opt in options]
    return out


MODES = _modes()


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    cache = {}

    def get(name):
        if name not in cache:
            dst = tmp_path_factory.mktemp("sys") / name
            shutil.copytree(SAMPLES / name, dst, ignore=shutil.ignore_patterns(".onbrand*"))
            cache[name] = Engine.from_folder(dst, store=dst.parent / "store")
        return cache[name]

    return get


def test_sample_systems_with_modes_have_light_and_dark():
    names = {(n, o.casefold()) for n, _, o in MODES}
    assert ("harbor", "dark") in names and ("ember", "dark") in names


@pytest.mark.parametrize("name,modifier,option", MODES, ids=lambda v: str(v))
@pytest.mark.parametrize("arch", ARCHETYPES)
def test_every_archetype_in_every_mode_is_readable_and_on_palette(engines, name, modifier, option, arch):
    ds = engines(name).design_system({modifier: option})
    assert ds.mode[modifier] == option
    theme = Theme(ds)
    scene = compose(arch, 1920, 1080, seed=0, archetype=arch, device="desktop", theme=theme)
    cv = Canvas(scene.width, scene.height, theme.color(scene.background_role))
    r = Renderer(theme, scene.scale)
    r.draw(cv, scene)
    img = np.asarray(cv.image())
    for x, y, w, h, col, large in r.text_runs[r.scrim_at:]:
        region = img[max(0, int(y)):int(y + h), max(0, int(x)):int(x + w) + 1].reshape(-1, 3)
        if not len(region):
            continue
        under = Counter(map(tuple, region)).most_common(1)[0][0]
        ratio = contrast(parse_hex(col)[0], tuple(int(v) for v in under))
        assert ratio >= (3.0 if large else 4.5) - 0.05, (arch, col, under, ratio)
    palette = ds.role_map() | {c.name: c.hex for c in ds.colors if c.alpha >= 0.999}
    rep = palette_adherence(cv.image(), palette)
    assert rep.palette_adherence >= 0.97, (name, option, arch, rep.off_palette[:3])
