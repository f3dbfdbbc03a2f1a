"""Text contrast of any UI image, estimated from detected text regions (no scene needed).

Classical detection, no learned model: text lines are the small, edge-dense connected
components of an edge map after a short horizontal dilation that joins the glyphs of a line.
Each region's two dominant colours are its background (the most common colour in the box)
and its ink (the most common colour among the pixels furthest in luminance from the
background: anti-aliased blends lie in between and are passed over).  The WCAG 2.x contrast
of ink on background then stands in for the text's contrast.

It is an estimate: icons, chart labels and small glyph-like shapes can be taken for text,
and text on photos or gradients has no single background.  For onbrand's own images the
scene beside the image gives exact figures (`eval.scene_audit`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field
from scipy import ndimage

from ingest.colour import LUMINANCE_WEIGHTS, contrast_ratio, rgb_to_hex

__all__ = ["TextContrastReport", "TextRegion", "detect_text_regions", "text_contrast"]


class TextRegion(BaseModel):
    box: tuple[int, int, int, int]  # x, y, w, h in image pixels
    ink: str
    background: str
    contrast: float
    large: bool = Field(description="taller than 1.6× the median line: held to 3:1 (WCAG large text)")
    passes_aa: bool


class TextContrastReport(BaseModel):
    method: str = "detected"
    regions: int
    min_contrast: float
    aa_pass_rate: float = Field(ge=0.0, le=1.0)
    failing: list[TextRegion] = Field(default_factory=list, description="up to 10 regions below AA")


def _luma(rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.float32]:
    r, g, b = (rgb[..., i].astype(np.float32) for i in range(3))
    wr, wg, wb = LUMINANCE_WEIGHTS  # on gamma-encoded values: luma
    return wr * r + wg * g + wb * b


def detect_text_regions(rgb: npt.NDArray[np.uint8], edge_threshold: float = 28.0,
                        max_regions: int = 600) -> list[tuple[int, int, int, int]]:
    """Boxes ``(x, y, w, h)`` (image pixels) of likely text lines in an ``(H, W, 3)`` image.

    The image is reduced to about 1920 px on its long side (text at 4K is ≥ 20 px tall, so
    nothing is lost), edges are luminance steps above ``edge_threshold`` (0–255), and a
    component is kept when it is 6–64 reduced px tall, at least 1.5× as wide as tall (a line, not a lone glyph or
    swatch), with at least 4 stem pixels per row on average, and
    between 12 % and 75 % of its box is edge, at least 8 % being steps along a row (glyph
    stems: horizontal rules, bars and box outlines have almost none).
    """
    height, width = rgb.shape[:2]
    f = max(1, round(max(height, width) / 1920))
    g = _luma(rgb[::f, ::f])
    across = np.zeros(g.shape, dtype=bool)  # steps along a row: glyph stems
    across[:, 1:] = np.abs(np.diff(g, axis=1)) > edge_threshold
    edges = across.copy()
    edges[1:, :] |= np.abs(np.diff(g, axis=0)) > edge_threshold
    joined = ndimage.binary_dilation(edges, structure=np.ones((1, 5), dtype=bool))
    labels, _ = ndimage.label(joined, structure=np.ones((3, 3), dtype=bool))
    boxes: list[tuple[int, int, int, int]] = []
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        h = sl[0].stop - sl[0].start
        w = sl[1].stop - sl[1].start
        if not (6 <= h <= 64) or w < 1.5 * h:
            continue
        mine = labels[sl] == i
        density = edges[sl][mine].sum() / mine.size
        stems = across[sl][mine].sum() / mine.size
        if not (0.12 <= density <= 0.75) or stems < 0.08 or stems * w < 4:  # rules, bars, swatches
            continue
        boxes.append((sl[1].start * f, sl[0].start * f, w * f, h * f))
        if len(boxes) >= max_regions:
            break
    return boxes


def _two_colours(patch: npt.NDArray[np.uint8]) -> tuple[str, str]:
    """(ink, background) hex of a text patch."""
    flat = patch.reshape(-1, 3).astype(np.uint32)
    packed = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    colours, counts = np.unique(packed, return_counts=True)
    rgb = np.stack([(colours >> 16) & 255, (colours >> 8) & 255, colours & 255], axis=1).astype(np.uint8)
    bg = int(np.argmax(counts))
    luma = _luma(rgb)
    diff = np.abs(luma - luma[bg])
    far = diff >= 0.75 * diff.max() if diff.max() > 0 else np.zeros_like(diff, dtype=bool)
    if not far.any():
        return rgb_to_hex(rgb[bg]), rgb_to_hex(rgb[bg])
    ink = int(np.flatnonzero(far)[np.argmax(counts[far])])
    return rgb_to_hex(rgb[ink]), rgb_to_hex(rgb[bg])


def text_contrast(rgb: npt.NDArray[np.uint8], *, edge_threshold: float = 28.0) -> TextContrastReport:
    """WCAG 2.x contrast of the text regions detected in an ``(H, W, 3)`` uint8 image.

    AA is 4.5:1, or 3:1 for regions taller than 1.6× the median region (headings: the pixel
    size of "large text" is unknown without the device's scale).  No region: pass rate 1.
    """
    boxes = detect_text_regions(rgb, edge_threshold)
    if not boxes:
        return TextContrastReport(regions=0, min_contrast=21.0, aa_pass_rate=1.0)
    median_h = float(np.median([b[3] for b in boxes]))
    regions: list[TextRegion] = []
    for x, y, w, h in boxes:
        ink, bg = _two_colours(rgb[y:y + h, x:x + w])
        c = contrast_ratio(ink, bg)
        large = h > 1.6 * median_h
        regions.append(TextRegion(box=(x, y, w, h), ink=ink, background=bg, contrast=round(c, 3), large=large,
                                  passes_aa=c >= (3.0 if large else 4.5)))
    failing = sorted((r for r in regions if not r.passes_aa), key=lambda r: r.contrast)
    return TextContrastReport(regions=len(regions), min_contrast=min(r.contrast for r in regions),
                              aa_pass_rate=sum(r.passes_aa for r in regions) / len(regions), failing=failing[:10])

