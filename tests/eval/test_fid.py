"""Layout FID: deterministic features and the Fréchet distance."""

from __future__ import annotations

import numpy as np
import pytest

from scene.blocks import Block
from eval.fid import (
    FEATURE_DIM,
    frechet_distance,
    layout_features,
    layout_fid,
    rasterise,
)


def _layout(shift: float = 0.0, kind: str = "card") -> list[Block]:
    return [Block(kind="sidebar", box=(0, 0, 0.2, 1)), Block(kind="navbar", box=(0.2, 0, 0.8, 0.1)),
            Block(kind=kind, box=(0.25 + shift, 0.15, 0.3, 0.3)), Block(kind="table", box=(0.25, 0.5, 0.7, 0.45))]


def test_rasterise_exact_cell_coverage() -> None:
    maps = rasterise([Block(kind="card", box=(0, 0, 0.5, 0.5))])
    assert maps.shape == (8, 16, 16)
    card = maps[3]  # containers channel
    assert card[:8, :8].min() == 1.0 and card[8:, :].max() == 0.0 and card[:, 8:].max() == 0.0
    half = rasterise([Block(kind="card", box=(0, 0, 1 / 32, 1 / 16))])[3]  # half of the first cell's width
    assert half[0, 0] == pytest.approx(0.5)


def test_features_are_deterministic() -> None:
    f = layout_features(_layout())
    assert f.shape == (FEATURE_DIM,)
    assert np.array_equal(f, layout_features(_layout()))


def test_frechet_known_answer() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(0, 1, size=(4000, 2))
    b = rng.normal(0, 1, size=(4000, 2)) * 2 + 3
    # N(0, I) vs N(3, 4I) in 2-D: |Δμ|² = 18, trace term 2·(1 + 4 − 2·2) = 2 -> 20
    assert frechet_distance(a, b) == pytest.approx(20.0, rel=0.05)
    assert frechet_distance(a, a) == pytest.approx(0.0, abs=1e-6)


def test_layout_fid_grows_with_difference() -> None:
    ref = [_layout(s) for s in np.linspace(0, 0.05, 6)]
    near = [_layout(s) for s in np.linspace(0.01, 0.06, 6)]
    far = [_layout(s, kind="chart") for s in np.linspace(0.3, 0.4, 6)]
    assert layout_fid(ref, ref, feature="projection") == pytest.approx(0.0, abs=1e-6)
    assert 0 < layout_fid(near, ref, feature="projection") < layout_fid(far, ref, feature="projection")


def test_layout_fid_needs_two_layouts() -> None:
    with pytest.raises(ValueError, match="at least two"):
        layout_fid([_layout()], [_layout(), _layout(0.1)])
