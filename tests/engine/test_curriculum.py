"""The procedural curriculum: every archetype on every device, style families, captions, speed."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from scene.blocks import scene_blocks
from engine.compose.composer import choose_archetype, compose, route_prompt
from scene.devices import DEVICES
from engine.compose.curriculum import (
    ARCHETYPES,
    STYLE_FAMILIES,
    Example,
    captions,
    sample_example,
)
from engine.compose.domain_copy import DOMAINS, RETAIL
from engine.render.theme import Theme
from tests.engine.pixels import render as _render
from tests.engine.pixels import under as _under
from eval import palette_adherence
from ingest.colour import contrast, parse_hex

DEVICE_NAMES = sorted(DEVICES)


@pytest.fixture(scope="module")
def theme(harbor_engine):
    return Theme(harbor_engine.ds)


def test_vocabulary():
    assert len(ARCHETYPES) >= 22 and len(set(ARCHETYPES)) == len(ARCHETYPES)
    for name in ("dashboard", "analytics", "settings", "sign-in", "sign-up", "checkout", "product-list",
                 "product-detail", "profile", "inbox", "chat", "calendar", "pricing", "landing", "onboarding",
                 "search-results", "article", "table-admin", "file-manager", "empty-state", "mobile-feed",
                 "mobile-detail"):
        assert name in ARCHETYPES
    assert STYLE_FAMILIES["nav"] == ("sidebar", "topbar", "rail", "none")
    assert STYLE_FAMILIES["density"] == ("compact", "comfortable", "spacious")
    assert STYLE_FAMILIES["columns"] == (1, 2, 3, 4)
    assert STYLE_FAMILIES["card"] == ("elevated", "outlined", "flat")


@pytest.mark.parametrize("device", DEVICE_NAMES)
@pytest.mark.parametrize("arch", ARCHETYPES)
def test_every_archetype_on_every_device_is_in_frame_on_palette_and_readable(harbor_engine, theme, arch, device):
    ex = sample_example(random.Random(f"{arch}/{device}"), device=device, archetype=arch, theme=theme)
    assert isinstance(ex, Example) and ex.archetype == arch and ex.device == device
    sc = ex.scene
    ids = [e.id for e in sc.walk()]
    assert len(ids) == len(set(ids))
    for e in sc.walk():
        x, y, w, h = e.box
        assert w > 0 and h > 0 and x >= -0.5 and y >= -0.5 and x + w <= sc.width + 0.5 and y + h <= sc.height + 0.5, e.id
    assert len(scene_blocks(sc)) >= 2
    assert len(list(sc.walk())) >= 10, "a real screen, not a sketch"
    img, r = _render(theme, sc)
    palette = list((harbor_engine.ds.role_map() | {c.name: c.hex for c in harbor_engine.ds.colors}).values())
    if ex.dialog:  # the page under an open dialog is seen through the scrim
        palette += theme.scrim_palette()
    rep = palette_adherence(img, palette)
    assert rep.palette_adherence >= 0.97, rep.off_palette[:3]
    assert len(r.text_runs) >= 5
    for x, y, w, h, col, large in r.text_runs[r.scrim_at:]:
        region = img[max(0, int(y)):int(y + h), max(0, int(x)):int(x + w) + 1].reshape(-1, 3)
        if not len(region):
            continue
        under = _under(region)
        assert contrast(parse_hex(col)[0], tuple(int(v) for v in under)) >= (3.0 if large else 4.5) - 0.05


def _kinds(scene):
    return Counter(e.kind for e in scene.walk())


@pytest.mark.parametrize("arch", ["dashboard", "settings", "inbox", "file-manager"])
def test_navigation_placement_is_honoured(theme, arch):
    def scene(nav):
        return sample_example(random.Random(1), device="desktop", archetype=arch, style={"nav": nav},
                              theme=theme).scene

    side = scene("sidebar")
    assert next(e for e in side.elements if e.kind == "sidebar").box[2] > 200
    rail = next(e for e in scene("rail").elements if e.kind == "sidebar")
    assert rail.box[2] <= 96
    top = scene("topbar")
    bars = [e for e in top.elements if e.kind == "navbar"]
    assert not _kinds(top)["sidebar"] and bars[0].box[:3] == (0, 0, top.width)
    none = scene("none")
    assert not _kinds(none)["sidebar"] and not _kinds(none)["navbar"]


def test_density_moves_gaps_along_the_spacing_scale(theme):
    def kpi_gap(density):
        sc = sample_example(random.Random(3), device="desktop", archetype="dashboard",
                            style={"density": density, "columns": 4, "nav": "sidebar"}, theme=theme).scene
        kpis = sorted((e for e in sc.elements if e.kind == "card" and e.id.split("/")[-1].startswith("kpi")),
                      key=lambda e: e.box[0])
        return kpis[1].box[0] - (kpis[0].box[0] + kpis[0].box[2])

    assert kpi_gap("compact") < kpi_gap("comfortable") < kpi_gap("spacious")


@pytest.mark.parametrize("arch,n", [("product-list", 2), ("product-list", 4), ("pricing", 2), ("pricing", 3),
                                    ("file-manager", 3), ("landing", 2)])
def test_columns_are_honoured(theme, arch, n):
    sc = sample_example(random.Random(5), device="desktop", archetype=arch, style={"columns": n, "nav": "topbar"},
                        theme=theme).scene
    name = {"product-list": "product", "pricing": "plan", "file-manager": "folder", "landing": "feature"}[arch]
    cards = [e for e in sc.elements if e.kind == "card" and e.id.split("/")[-1].split("-")[0] == name]
    assert len({round(e.box[0]) for e in cards}) == n


@pytest.mark.parametrize("card", STYLE_FAMILIES["card"])
def test_card_style_is_honoured(theme, card):
    sc = sample_example(random.Random(7), device="desktop", archetype="dashboard", style={"card": card},
                        theme=theme).scene
    cards = [e for e in sc.walk() if e.kind == "card"]
    assert cards
    for e in cards:
        if card == "elevated":
            assert e.variant != "flat" and e.props.get("elevation") == "md"
        elif card == "outlined":
            assert e.variant == "flat" and e.role in ("", "surface")
        else:
            assert e.variant == "flat" and e.role == "surface-muted"


def test_unknown_style_or_archetype_is_a_one_line_error(theme):
    with pytest.raises(ValueError, match="density"):
        sample_example(random.Random(0), archetype="dashboard", style={"density": "cosy"})
    with pytest.raises(ValueError, match="unknown archetype 'kanban'"):
        sample_example(random.Random(0), archetype="kanban")


@pytest.mark.parametrize("arch", ARCHETYPES)
def test_captions_have_many_phrasings(arch):
    rng = random.Random(arch)
    style = {"nav": "sidebar", "density": "compact", "columns": 3, "card": "outlined"}
    caps = [captions(arch, style, rng.choice((RETAIL, *DOMAINS)), rng, device=rng.choice(DEVICE_NAMES))
            for _ in range(60)]
    assert len(set(caps)) >= 40
    assert len({c.split()[0] for c in caps}) >= 5, "word order varies"
    for c in caps:
        assert "  " not in c and " ," not in c and c[0].isupper() or c.startswith("i")
        assert not any(w in c.lower() for w in ("modal", "dialog", "confirm", "popup"))
    assert sum(any(w in c for w in ("dense", "compact", "data-heavy", "tight")) for c in caps) >= 15


def test_captions_name_the_domain_and_route_to_their_archetype():
    rng = random.Random(0)
    hits = total = 0
    for _ in range(400):
        ex = sample_example(rng)
        total += 1
        hits += route_prompt(ex.caption) == {"product-list": "products", "table-admin": "orders"}.get(
            ex.archetype, ex.archetype)
    assert hits / total >= 0.75, hits / total


@pytest.mark.parametrize("prompt,arch", [
    ("pricing page with three plans", "pricing"), ("an email inbox with a reading pane", "inbox"),
    ("team chat app", "chat"), ("calendar of events for a clinic", "calendar"),
    ("landing page for a bank", "landing"), ("onboarding wizard", "onboarding"),
    ("search results for invoices", "search-results"), ("blog post about pricing", "article"),
    ("file manager with folders", "file-manager"), ("empty state for orders", "empty-state"),
    ("social feed of posts", "mobile-feed"), ("order detail screen", "mobile-detail"),
    ("product page for a linen shirt", "product-detail"), ("user profile page", "profile"),
    ("traffic analytics with a funnel", "analytics"),
])
def test_compose_routes_prompts_to_the_new_pages(prompt, arch):
    assert route_prompt(prompt) == arch
    assert compose(prompt, 1920, 1080).archetype == arch
    # callers that pass the coarse archetype (as the engine does) reach the same page
    assert compose(prompt, 1920, 1080, archetype=choose_archetype(prompt)).archetype == arch


def test_some_pages_have_a_confirmation_dialog_open():
    from engine.compose.composer import _DIALOG_WORDS
    from engine.compose.curriculum import DIALOG_RATE, with_dialog

    rng = random.Random(5)
    exs = [sample_example(rng) for _ in range(300)]
    dialogs = [e for e in exs if e.dialog]
    assert 0.25 * DIALOG_RATE * len(exs) < len(dialogs) < 2 * DIALOG_RATE * len(exs)
    for e in exs:
        kinds = {b.kind for b in scene_blocks(e.scene, 32)}
        named = any(w in e.caption.lower() for w in _DIALOG_WORDS)
        assert named == e.dialog == ("modal" in kinds), e.caption
        if e.dialog:
            assert e.archetype not in ("sign-in", "sign-up", "landing", "article")
    cap = with_dialog("Orders table", random.Random(0))
    assert cap.startswith("Orders table") and any(w in cap for w in _DIALOG_WORDS)


def test_sampling_is_deterministic():
    a, b = sample_example(random.Random(42)), sample_example(random.Random(42))
    assert a.caption == b.caption and a.scene == b.scene and a.style == b.style


def test_sample_example_draws_a_full_page_every_time(theme):
    # its speed (it feeds training on the fly) is measured by benchmarks/bench_curriculum.py
    rng = random.Random(0)
    for _ in range(20):
        ex = sample_example(rng, device="desktop", theme=theme, size=(1920, 1080))
        assert ex.scene.elements and ex.caption


@pytest.mark.parametrize("prompt,arch", [("pricing page with three plans for a clinic", "pricing"),
                                         ("mobile feed of posts", "mobile-feed")])
def test_engine_generate_reaches_the_new_pages(harbor_engine, prompt, arch):
    g = harbor_engine.generate(prompt, sampler="procedural", device="mobile" if "mobile" in prompt else "desktop")
    assert g.scene.archetype == arch
    rep = palette_adherence(g.image, harbor_engine.ds.role_map() | {c.name: c.hex for c in harbor_engine.ds.colors})
    assert rep.palette_adherence >= 0.97


def test_curriculum_covers_the_block_vocabulary():
    from scene.blocks import BLOCK_KINDS, CONTENTS

    rng = random.Random(11)
    kinds, contents = Counter(), Counter()
    for _ in range(300):
        for b in scene_blocks(sample_example(rng).scene):
            kinds[b.kind] += 1
            contents[b.content] += 1
    assert {"nav", "kpi", "chart-line", "table", "form", "settings", "product", "pricing", "chat", "empty",
            "calendar", "summary", "profile", "steps"} <= set(contents)
    assert len(set(contents) - {""}) >= 17 and len(kinds) >= 18
    assert set(kinds) <= set(BLOCK_KINDS) and set(contents) <= set(CONTENTS)
