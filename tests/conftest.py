"""Shared fixtures: the bundled sample design systems and a scratch copy of one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_design_systems"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir() if p.is_dir())
REAL_WORLD = ROOT.parent / "shared" / "real_world"


@pytest.fixture
def harbor(tmp_path: Path) -> Path:
    """A writable copy of the Harbor sample system (so tests never touch the repo's store)."""
    dst = tmp_path / "harbor"
    shutil.copytree(SAMPLES / "harbor", dst, ignore=shutil.ignore_patterns(".onbrand*"))
    return dst


@pytest.fixture(scope="session")
def harbor_engine(tmp_path_factory):
    from engine import Engine

    store = tmp_path_factory.mktemp("store") / "harbor"
    return Engine.from_folder(SAMPLES / "harbor", store=store)


@pytest.fixture
def one_torch_thread():
    """Small models run fastest on one torch thread (and leave the other core to the rest)."""
    import torch

    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)
