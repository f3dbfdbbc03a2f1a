"""Tests for eval.colour: sRGB→Lab, hex parsing, CIEDE2000, WCAG contrast."""

from __future__ import annotations

import numpy as np
import pytest

from eval.colour import ciede2000, contrast_ratio, hex_to_rgb, srgb_to_lab

# Sharma, Wu & Dalal (2005), Table 1: (L1, a1, b1, L2, a2, b2, ΔE00).
SHARMA_TABLE_1: list[tuple[float, float, float, float, float, float, float]] = [
    (50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425),
    (50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615),
    (50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412),
    (50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669),
    (50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461),
    (50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065),
    (50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492),
    (50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977),
    (50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030),
    (50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000),
    (60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644),
    (63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630),
    (61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731),
    (35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645),
    (22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373),
    (36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146),
    (90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441),
    (90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381),
    (6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377),
    (2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082),
]

_TABLE = np.array(SHARMA_TABLE_1)
LAB1, LAB2, EXPECTED = _TABLE[:, 0:3], _TABLE[:, 3:6], _TABLE[:, 6]


def test_sharma_table_has_34_pairs() -> None:
    assert len(SHARMA_TABLE_1) == 34


@pytest.mark.parametrize("i", range(34))
def test_ciede2000_sharma_pair(i: int) -> None:
    got = float(ciede2000(LAB1[i], LAB2[i]))
    assert abs(got - EXPECTED[i]) < 1e-4, (i + 1, got, EXPECTED[i])


def test_ciede2000_vectorised_matches_table() -> None:
    got = ciede2000(LAB1, LAB2)
    assert got.shape == (34,)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, EXPECTED, atol=1e-4, rtol=0)


def test_ciede2000_symmetric() -> None:
    np.testing.assert_allclose(ciede2000(LAB1, LAB2), ciede2000(LAB2, LAB1), atol=1e-12)


def test_ciede2000_identical_is_zero() -> None:
    labs = np.concatenate([LAB1, LAB2, [[0.0, 0.0, 0.0], [100.0, 0.0, 0.0]]])
    np.testing.assert_array_equal(ciede2000(labs, labs), np.zeros(len(labs)))


def test_ciede2000_broadcasts() -> None:
    grid = ciede2000(LAB1[:, None, :], LAB2[None, :5, :])
    assert grid.shape == (34, 5)
    np.testing.assert_allclose(grid[2, 4], ciede2000(LAB1[2], LAB2[4]))
    assert ciede2000(LAB1, LAB2[0]).shape == (34,)


def test_ciede2000_parametric_factors_scale_lightness_only_pair() -> None:
    a, b = [40.0, 0.0, 0.0], [60.0, 0.0, 0.0]
    assert float(ciede2000(a, b, kL=2.0)) == pytest.approx(float(ciede2000(a, b)) / 2.0)


def test_srgb_to_lab_white_black() -> None:
    np.testing.assert_allclose(srgb_to_lab(np.array([255, 255, 255], np.uint8)), [100, 0, 0], atol=1e-3)
    np.testing.assert_allclose(srgb_to_lab(np.array([0, 0, 0], np.uint8)), [0, 0, 0], atol=1e-9)


def test_srgb_to_lab_primaries() -> None:
    np.testing.assert_allclose(srgb_to_lab([255, 0, 0]), [53.24, 80.09, 67.20], atol=0.01)
    np.testing.assert_allclose(srgb_to_lab([0, 255, 0]), [87.73, -86.18, 83.18], atol=0.01)
    np.testing.assert_allclose(srgb_to_lab([0, 0, 255]), [32.30, 79.19, -107.86], atol=0.01)


def test_srgb_to_lab_uint8_and_float_agree_and_keep_shape() -> None:
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, size=(4, 5, 3), dtype=np.uint8)
    lab_u8 = srgb_to_lab(img)
    assert lab_u8.shape == (4, 5, 3) and lab_u8.dtype == np.float64
    np.testing.assert_allclose(lab_u8, srgb_to_lab(img / 255.0), atol=1e-12)


def test_srgb_to_lab_mid_grey() -> None:
    # #777777 has L* ≈ 50.03 (a*, b* = 0 for neutral greys).
    np.testing.assert_allclose(srgb_to_lab([119, 119, 119]), [50.03, 0, 0], atol=0.01)


@pytest.mark.parametrize(
    ("text", "rgb"),
    [
        ("#fff", (255, 255, 255)),
        ("#0A8", (0, 170, 136)),
        ("#1a2b3c", (26, 43, 60)),
        ("#1A2B3C80", (26, 43, 60)),
        ("1a2b3c", (26, 43, 60)),
    ],
)
def test_hex_to_rgb_valid(text: str, rgb: tuple[int, int, int]) -> None:
    assert hex_to_rgb(text) == rgb


@pytest.mark.parametrize("text", ["", "#", "#ff", "#ffff", "#fffff", "#ggg", "#1234567", "red", "#12345678a"])
def test_hex_to_rgb_invalid(text: str) -> None:
    with pytest.raises(ValueError, match="invalid hex colour"):
        hex_to_rgb(text)


def test_contrast_black_white_and_same() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000") == pytest.approx(21.0)
    assert contrast_ratio("#3366cc", "#3366cc") == pytest.approx(1.0)


def test_contrast_aa_boundary_greys() -> None:
    c777 = contrast_ratio("#777777", "#ffffff")
    c767 = contrast_ratio("#767676", "#ffffff")
    assert c777 == pytest.approx(4.48, abs=0.01) and c777 < 4.5
    assert c767 == pytest.approx(4.54, abs=0.01) and c767 >= 4.5


def test_contrast_accepts_rgb_tuples() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((0.0, 0.0, 0.0), (1.0, 1.0, 1.0)) == pytest.approx(21.0)
    assert contrast_ratio("#767676", (255, 255, 255)) == pytest.approx(contrast_ratio("#767676", "#fff"))
