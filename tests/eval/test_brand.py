"""Brand identification: each sample system's screens and generated mocks identify their system."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SAMPLES

from eval.brand import ColourTable, identify_brand, lab_histogram, role_coverage

SYSTEMS = ("harbor", "ember", "grove")


@pytest.mark.parametrize("system", SYSTEMS)
@pytest.mark.parametrize("screen", ["dashboard", "list", "sign-in"])
def test_own_screens_identify_their_system(brand_profiles, system, screen) -> None:
    m = identify_brand(SAMPLES / system / "screens" / f"{screen}.png", brand_profiles)
    assert m.identified == system
    assert m.margin > 0.05
    own = next(s for s in m.scores if s.system == system)
    assert own.screen_likeness is not None  # left-one-out: two other screens remain


@pytest.mark.parametrize("system", SYSTEMS)
def test_generated_mocks_identify_their_system(tmp_path_factory, sample_systems, brand_profiles, system) -> None:
    from engine import Engine

    engine = Engine(sample_systems[system])
    for prompt in ("checkout page with order summary", "admin table of orders"):
        gen = engine.generate(prompt, sampler="procedural", size=(960, 540))
        m = identify_brand(np.asarray(gen.image.convert("RGB")), brand_profiles)
        assert m.identified == system, (prompt, m.scores)
        assert m.margin > 0.05


def test_histogram_is_normalised_and_discriminates() -> None:
    white = np.full((50, 50, 3), 255, np.uint8)
    teal = np.zeros((50, 50, 3), np.uint8)
    teal[...] = (14, 94, 113)
    hw, ht = lab_histogram(white), lab_histogram(teal)
    assert hw.sum() == pytest.approx(1.0) and ht.sum() == pytest.approx(1.0)
    assert np.minimum(hw, ht).sum() == 0.0 and np.minimum(hw, hw).sum() == pytest.approx(1.0)


def test_role_coverage_weights_brand_roles(brand_profiles) -> None:
    harbor = next(p for p in brand_profiles if p.name == "harbor")
    frame = np.zeros((100, 100, 3), np.uint8)
    frame[...] = (255, 255, 255)
    a, shares = ColourTable.of(frame).match(harbor.palette)
    only_surface = role_coverage(shares, harbor.roles)
    assert a == 1.0
    frame[:20] = (14, 94, 113)  # harbor primary #0e5e71
    frame[90:] = (200, 30, 200)  # and 10 % of an off-palette magenta
    a, shares = ColourTable.of(frame).match(harbor.palette)
    with_primary = role_coverage(shares, harbor.roles)
    assert a == pytest.approx(0.9) and shares["#0e5e71"] == pytest.approx(0.2)
    assert 0 < only_surface < with_primary < 1
