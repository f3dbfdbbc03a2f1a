"""Fixtures for the eval tests: the three sample systems, loaded once, with scratch stores."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

SYSTEMS = ("harbor", "ember", "grove")


@pytest.fixture(scope="session")
def sample_systems(tmp_path_factory):
    """name -> DesignSystem for the bundled sample systems (stores in a temp folder)."""
    from ingest import load_or_ingest

    root = tmp_path_factory.mktemp("eval-stores")
    return {s: load_or_ingest(SAMPLES / s, root / s, with_context=False)[0] for s in SYSTEMS}


@pytest.fixture(scope="session")
def brand_profiles(sample_systems):
    from eval.brand import BrandProfile

    return [BrandProfile.from_design_system(ds, name=name) for name, ds in sample_systems.items()]
