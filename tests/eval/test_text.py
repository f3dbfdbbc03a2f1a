"""Text contrast from detected text regions, on synthetic frames with known colours."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from eval.colour import contrast_ratio
from eval.text import detect_text_regions, text_contrast


def _frame(lines: list[tuple[str, str, str]], size=(1600, 900)) -> np.ndarray:
    """Lines of text as (ink, background, text), each on its own band of background colour."""
    img = Image.new("RGB", size, "#ffffff")
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=32)
    band = size[1] // max(len(lines), 1)
    for i, (ink, bg, text) in enumerate(lines):
        d.rectangle([0, i * band, size[0], (i + 1) * band], fill=bg)
        d.text((80, i * band + band // 2 - 16), text, font=font, fill=ink)
    return np.asarray(img)


def test_wcag_examples_in_detected_text() -> None:
    # #767676 on white is the lightest grey passing AA (4.54:1); #777777 fails (4.48:1).
    rgb = _frame([("#767676", "#ffffff", "Quarterly revenue report"), ("#777777", "#ffffff", "Pending invoices list")])
    rep = text_contrast(rgb)
    assert rep.regions >= 2
    assert rep.min_contrast == pytest.approx(contrast_ratio("#777777", "#ffffff"), abs=1e-3)
    assert rep.failing and rep.failing[0].ink == "#777777" and rep.failing[0].background == "#ffffff"
    assert 0 < rep.aa_pass_rate < 1


def test_ink_and_background_of_coloured_bands() -> None:
    pairs = [("#ffffff", "#0e5e71"), ("#131d2a", "#f7f9fb"), ("#ffe3da", "#cc4421")]
    rgb = _frame([(ink, bg, "Settings and preferences") for ink, bg in pairs])
    rep = text_contrast(rgb)
    found = {(r.ink, r.background) for r in rep.failing}
    assert ("#ffe3da", "#cc4421") in found  # the only pair under 4.5:1
    assert rep.min_contrast == pytest.approx(contrast_ratio("#ffe3da", "#cc4421"), abs=1e-3)


def test_no_text_no_regions() -> None:
    img = Image.new("RGB", (800, 600), "#f7f9fb")
    d = ImageDraw.Draw(img)
    d.rectangle([100, 100, 500, 400], fill="#0e5e71")  # a plain block is not text
    d.line([0, 500, 800, 500], fill="#131d2a", width=2)  # nor is a rule
    rep = text_contrast(np.asarray(img))
    assert rep.regions == 0 and rep.aa_pass_rate == 1.0


def test_regions_are_line_shaped() -> None:
    rgb = _frame([("#000000", "#ffffff", "A line of body copy here")], size=(1200, 300))
    boxes = detect_text_regions(rgb)
    assert boxes
    for x, y, w, h in boxes:
        assert w > 1.5 * h and 0 <= x < 1200 and 0 <= y < 300
