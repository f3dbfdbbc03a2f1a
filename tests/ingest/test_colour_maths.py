"""The colour maths of `ingest.colour` (sRGB → CIELAB, CIEDE2000, WCAG contrast) against coloraide
on a few thousand random colours, and the one-implementation rule: the rest of onbrand calls this
module rather than writing the formulas again.

coloraide derives its D65 white and sRGB matrix from the chromaticities, (0.3127, 0.3290), while
onbrand uses the four- and seven-decimal constants of IEC 61966-2-1 (white XYZ 0.95047, 1, 1.08883)
and WCAG 2.x's printed luminance weights (0.2126, 0.7152, 0.0722). So each formula is checked
tightly against coloraide's implementation fed the same constants, and loosely against coloraide
end to end (the constants alone account for up to about 0.012 ΔE76 and 0.02 % in contrast).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from coloraide import Color
from coloraide.spaces.lab import xyz_to_lab

from ingest.colour import (
    D65_WHITE,
    LUMINANCE_WEIGHTS,
    SRGB_TO_XYZ,
    ColourError,
    ciede2000,
    contrast,
    contrast_ratio,
    hex_to_rgb,
    parse_hex,
    relative_luminance,
    rgb_to_hex,
    rgb_to_lab,
    srgb_to_lab,
    srgb_to_linear,
)

ROOT = Path(__file__).resolve().parents[2]
N = 3000


@pytest.fixture(scope="module")
def rgb8() -> np.ndarray:
    rng = np.random.default_rng(2005)
    out = rng.integers(0, 256, (N, 3), dtype=np.uint8)
    out[:8] = [[0, 0, 0], [255, 255, 255], [255, 0, 0], [0, 255, 0], [0, 0, 255], [10, 10, 10], [11, 11, 11], [128, 128, 128]]
    return out


def _hex(c) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(int(v) for v in c))


def test_linearisation_matches_coloraide(rgb8):
    ours = srgb_to_linear(rgb8)
    ref = np.array([Color("srgb", list(c / 255.0)).convert("srgb-linear").coords() for c in rgb8])
    np.testing.assert_allclose(ours, ref, atol=1e-12, rtol=0)


def test_lab_matches_coloraide_with_the_same_constants(rgb8):
    lin = np.array([Color("srgb", list(c / 255.0)).convert("srgb-linear").coords() for c in rgb8])
    ref = np.array([xyz_to_lab(list(xyz), list(D65_WHITE)) for xyz in lin @ SRGB_TO_XYZ.T])
    de76 = np.linalg.norm(srgb_to_lab(rgb8) - ref, axis=-1)
    assert de76.max() < 1e-4, de76.max()


def test_lab_matches_coloraide_lab_d65_end_to_end():
    rng = np.random.default_rng(1)
    rgb = rng.random((N, 3))
    ref = np.array([Color("srgb", list(c)).convert("lab-d65").coords() for c in rgb])
    de76 = np.linalg.norm(srgb_to_lab(rgb) - ref, axis=-1)
    assert de76.max() < 0.02, de76.max()  # the white point's rounding, see the module docstring


def test_white_and_black():
    np.testing.assert_allclose(srgb_to_lab(np.array([255, 255, 255], np.uint8)), [100, 0, 0], atol=2e-5)
    np.testing.assert_allclose(srgb_to_lab(np.array([0, 0, 0], np.uint8)), [0, 0, 0], atol=1e-12)


def test_ciede2000_matches_coloraide(rgb8):
    lab = srgb_to_lab(rgb8)
    rng = np.random.default_rng(7)
    # far pairs, near pairs (where the merge and palette thresholds of 2–3 ΔE00 sit) and greys
    near = srgb_to_lab(np.clip(rgb8.astype(int) + rng.integers(-3, 4, rgb8.shape), 0, 255).astype(np.uint8))
    grey = srgb_to_lab(np.repeat(rng.integers(0, 256, (200, 1), dtype=np.uint8), 3, axis=1))
    a = np.concatenate([lab[: N // 2], lab, grey])
    b = np.concatenate([lab[N // 2:], near, grey[::-1]])
    ours = ciede2000(a, b)
    ref = np.array([Color("lab-d65", list(x)).delta_e(Color("lab-d65", list(y)), method="2000") for x, y in zip(a, b)])
    assert ours.shape == (len(a),) and ours.dtype == np.float64
    np.testing.assert_allclose(ours, ref, atol=1e-4, rtol=0)


def test_contrast_matches_the_wcag_formula_on_coloraide_linear_rgb(rgb8):
    lin = np.array([Color(_hex(c)).convert("srgb-linear").coords() for c in rgb8])
    lum = lin @ np.array([0.2126, 0.7152, 0.0722])
    la, lb = lum[: N // 2], lum[N // 2:]
    ref = (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)
    ours = contrast_ratio(rgb8[: N // 2], rgb8[N // 2:])
    np.testing.assert_allclose(ours, ref, atol=1e-9, rtol=0)
    np.testing.assert_allclose(relative_luminance(rgb8), lum, atol=1e-12, rtol=0)


def test_contrast_matches_coloraide_wcag21(rgb8):
    a, b = rgb8[: N // 2], rgb8[N // 2:]
    ref = np.array([Color(_hex(x)).contrast(Color(_hex(y)), method="wcag21") for x, y in zip(a, b)])
    ours = np.array([contrast_ratio(_hex(x), _hex(y)) for x, y in zip(a, b)])
    # coloraide weighs luminance with its unrounded matrix row (0.212639, 0.715169, 0.072192)
    np.testing.assert_allclose(ours, ref, rtol=5e-4, atol=0)
    np.testing.assert_allclose(contrast_ratio(a, b), ours, atol=1e-12, rtol=0)


def test_scalar_conveniences_agree_with_the_arrays(rgb8):
    lab = srgb_to_lab(rgb8)
    for c, want in zip(rgb8[:200], lab[:200]):
        t = tuple(int(v) for v in c)
        assert rgb_to_lab(t) == tuple(round(float(v), 4) for v in want)
        assert isinstance(relative_luminance(t), float)
    pairs = list(zip(rgb8[:100], rgb8[100:200]))
    for x, y in pairs:
        tx, ty = tuple(int(v) for v in x), tuple(int(v) for v in y)
        r = contrast(tx, ty)
        assert isinstance(r, float)
        assert r == contrast_ratio(_hex(x), _hex(y)) == contrast_ratio(ty, tx)
        assert r == pytest.approx(float(contrast_ratio(x, y)), abs=1e-12)


def test_one_scale_convention_integers_255_floats_unit(rgb8):
    np.testing.assert_allclose(srgb_to_lab(rgb8), srgb_to_lab(rgb8 / 255.0), atol=1e-12)
    np.testing.assert_allclose(srgb_to_lab(rgb8.astype(np.int64)), srgb_to_lab(rgb8), atol=0)
    f32 = srgb_to_lab(rgb8.astype(np.float32) / 255, np.float32)
    assert f32.dtype == np.float32
    np.testing.assert_allclose(f32, srgb_to_lab(rgb8), atol=1e-3)
    img = rgb8[:12].reshape(2, 2, 3, 3)
    assert srgb_to_lab(img).shape == img.shape and relative_luminance(img).shape == img.shape[:-1]
    with pytest.raises(ValueError, match="last axis of length 3"):
        srgb_to_lab(np.zeros((4, 4)))


def test_hex_parsing():
    assert parse_hex("#0A8") == ((0, 170, 136), 1.0)
    assert parse_hex("#0a88") == ((0, 170, 136), 0x88 / 255)
    assert parse_hex("#1a2b3c80")[0] == hex_to_rgb("1a2b3c80") == (26, 43, 60)
    with pytest.raises(ColourError):
        parse_hex("1a2b3c")  # tokens always write the '#'
    with pytest.raises(ValueError, match="invalid hex colour"):
        hex_to_rgb("#ffff")
    assert rgb_to_hex(np.array([26, 43, 60], np.uint8)) == "#1a2b3c"


def test_eval_uses_this_module():
    import eval
    import eval.colour
    import ingest.colour

    for name in ("srgb_to_linear", "srgb_to_lab", "ciede2000", "relative_luminance", "contrast_ratio", "hex_to_rgb"):
        assert getattr(eval.colour, name) is getattr(ingest.colour, name)
    assert eval.ciede2000 is ciede2000 and eval.srgb_to_lab is srgb_to_lab and eval.contrast_ratio is contrast_ratio
    assert LUMINANCE_WEIGHTS == (0.2126, 0.7152, 0.0722)


# The constants only the formulas need: sRGB's transfer function, the CIE ε/κ and D65 white, and
# CIEDE2000's 25^7. Anywhere else in the code they mean a second copy of a formula.
_FORMULA_CONSTANTS = re.compile(r"0\.04045|1\.055|24389|0\.95047|1\.08883|25(\.0)?\s*\*\*\s*7|0\.2126\b")


def test_no_other_module_writes_the_colour_formulas():
    found = []
    for pkg in ("scene", "ingest", "conditioning", "engine", "eval", "onbrand", "benchmarks"):
        for p in sorted((ROOT / pkg).rglob("*.py")):
            if p == ROOT / "ingest" / "colour.py":
                continue
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
                if _FORMULA_CONSTANTS.search(line):
                    found.append(f"{p.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not found, "colour maths outside ingest/colour.py (call it instead):\n" + "\n".join(found)
