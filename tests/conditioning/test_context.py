"""Conditioning: archetype choice from prompts and provenance of the design values passed on."""

from __future__ import annotations

import pytest

from conditioning import build_conditioning, choose_archetype
from ingest import ingest_folder

from conftest import SAMPLES


@pytest.mark.parametrize("prompt, arch", [
    ("checkout page with order summary", "checkout"),
    ("Login screen for a banking app", "sign-in"),
    ("notification preferences", "settings"),
    ("catalogue of running shoes", "products"),
    ("invoices admin", "orders"),
    ("KPI overview", "dashboard"),
    ("something unusual", "dashboard"),
])
def test_archetype_from_prompt(prompt, arch):
    assert choose_archetype(prompt) == arch


def test_conditioning_carries_design_values_with_provenance():
    ds = ingest_folder(SAMPLES / "harbor")
    c = build_conditioning(ds, "compact sales dashboard")
    assert c.archetype == "dashboard" and c.density == "compact"
    assert c.palette_lab["surface"][0] == pytest.approx(100.0, abs=0.01)
    assert c.spacing_unit == 4.0 and c.radius == 8.0 and c.has_logo
    prim = next(r for r in c.retrieved if r.kind == "color" and r.name == "primary")
    assert prim.value == "#0e5e71" and prim.source.endswith("harbor.tokens.json")
    assert prim.locator == "color.role.primary"
    assert any(r.kind == "logo" and r.source == "logo.svg" for r in c.retrieved)


def test_generation_exposes_conditioning(harbor_engine):
    g = harbor_engine.generate("sign in page", sampler="procedural", size=(640, 360))
    assert g.conditioning["archetype"] == "sign-in"
    assert g.conditioning["retrieved"]
    assert "retrieve" in g.timings
