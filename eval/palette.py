"""Palette adherence: how much of a rendered frame uses the design system's colours.

The metric works on *unique colours*, not pixels: the frame is packed to one
``uint32`` per pixel, run-length encoded along the raster, and reduced to its
distinct colours with pixel counts.  CIEDE2000 is evaluated only for
``unique colours × palette`` and the per-colour verdicts are scattered back to
the few pixels that need a per-pixel decision (off-palette pixels, for the
anti-aliasing rule).  A flat 4K UI frame has a few thousand distinct colours, so
scoring takes tens of milliseconds; a photographic frame with millions of
distinct colours costs proportionally more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Optional, Union

import numpy as np
import numpy.typing as npt
from PIL import Image
from pydantic import BaseModel, Field

from eval.colour import ciede2000, hex_to_rgb, rgb_to_hex, srgb_to_lab

__all__ = ["PaletteReport", "OffPaletteColour", "PaletteCoverage", "palette_adherence", "load_rgb"]

ImageInput = Union[Image.Image, str, Path, npt.NDArray[np.uint8]]
PaletteInput = Union[Sequence[str], Mapping[str, str]]


class OffPaletteColour(BaseModel):
    """A group of near-identical off-palette colours (represented by its most common member)."""

    hex: str
    share: float = Field(ge=0.0, le=1.0, description="share of counted pixels in this group")
    nearest_hex: str = Field(description="closest palette colour to the representative")
    delta_e: float = Field(ge=0.0, description="CIEDE2000 from the representative to nearest_hex")


class PaletteCoverage(BaseModel):
    """How much of the frame a palette colour accounts for (within threshold)."""

    role: Optional[str] = Field(description="role name when the palette was a mapping, else None")
    hex: str
    share: float = Field(ge=0.0, le=1.0, description="share of counted pixels")


class PaletteReport(BaseModel):
    """Result of :func:`palette_adherence`."""

    palette_adherence: float = Field(ge=0.0, le=1.0)
    counted_pixels: int = Field(ge=0)
    ignored_edge_pixels: int = Field(ge=0)
    threshold: float
    off_palette: list[OffPaletteColour]
    coverage: list[PaletteCoverage]


def load_rgb(image: ImageInput) -> npt.NDArray[np.uint8]:
    """Return an ``(H, W, 3)`` uint8 array; images with alpha are composited on white."""
    if isinstance(image, np.ndarray):
        arr = np.asarray(image)
        if arr.ndim != 3 or arr.shape[2] != 3 or arr.dtype != np.uint8:
            raise ValueError(f"array images must be (H, W, 3) uint8, got {arr.shape} {arr.dtype}")
        return arr
    img = Image.open(image) if isinstance(image, (str, Path)) else image
    has_alpha = img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in img.info
    if has_alpha:
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    return np.asarray(img if img.mode == "RGB" else img.convert("RGB"))


def parse_palette(palette: PaletteInput) -> tuple[npt.NDArray[np.uint8], list[Optional[str]]]:
    """Palette colours as a deduplicated ``(P, 3)`` array plus a role label per colour."""
    items: list[tuple[Optional[str], str]]
    if isinstance(palette, Mapping):
        items = [(str(role), hx) for role, hx in palette.items()]
    elif isinstance(palette, str):
        raise TypeError("palette must be a list of hex strings or a role→hex mapping, not a str")
    else:
        items = [(None, hx) for hx in palette]
    if not items:
        raise ValueError("palette is empty")
    rgbs: list[tuple[int, int, int]] = []
    roles: list[Optional[str]] = []
    for role, hx in items:
        rgb = hex_to_rgb(hx)
        if rgb in rgbs:  # same colour under two roles: report once, roles joined
            i = rgbs.index(rgb)
            if role is not None:
                roles[i] = role if roles[i] is None else f"{roles[i]}/{role}"
            continue
        rgbs.append(rgb)
        roles.append(role)
    return np.array(rgbs, dtype=np.uint8), roles


def _channels(packed: npt.NDArray[np.uint32]) -> npt.NDArray[np.int32]:
    """Unpack ``0xRRGGBB`` values to an ``(3, N)`` int32 array (channel-major: fast ops)."""
    v = packed.astype(np.int32)
    return np.stack([v >> 16, (v >> 8) & 255, v & 255])


def index_colours(values: npt.NDArray[np.uint32]) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.integer]]:
    """Sorted distinct values and, for each value, its index among them.

    Few distinct values (flat UI): ``np.unique`` + ``searchsorted``, far cheaper than
    ``return_inverse``.  Many (photos, noise): a 24-bit occupancy table and lookup table,
    whose fixed ~60 ms cost beats sorting millions of values."""
    if values.size < (1 << 20):
        colours = np.unique(values)
        return colours, np.searchsorted(colours, values)
    occupied = np.zeros(1 << 24, dtype=np.bool_)
    occupied[values] = True
    colours = np.flatnonzero(occupied).astype(np.uint32)
    lookup = np.empty(1 << 24, dtype=np.int32)
    lookup[colours] = np.arange(colours.size, dtype=np.int32)
    return colours, lookup[values]


def _edge_mask(
    packed: npt.NDArray[np.uint32], idx: npt.NDArray[np.intp], width: int, height: int, tolerance: int
) -> npt.NDArray[np.bool_]:
    """True for the pixels ``idx`` (flat indices) that look like a blend of their two
    opposite neighbours, left/right or up/down: both neighbours differ from the pixel by
    more than ``tolerance`` (max 8-bit channel difference) and every channel of the pixel
    lies between the neighbours' values, widened by ``tolerance``."""
    px = _channels(packed[idx])
    row, col = np.divmod(idx, width)

    def blend_along(offset: int, valid: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        a = _channels(packed[np.where(valid, idx - offset, idx)])
        b = _channels(packed[np.where(valid, idx + offset, idx)])
        differs = (np.abs(px - a).max(axis=0) > tolerance) & (np.abs(px - b).max(axis=0) > tolerance)
        inside = (px >= np.minimum(a, b) - tolerance) & (px <= np.maximum(a, b) + tolerance)
        return valid & differs & inside.all(axis=0)

    horizontal = blend_along(1, (col > 0) & (col < width - 1))
    vertical = blend_along(width, (row > 0) & (row < height - 1))
    return horizontal | vertical


#: Largest CIEDE2000 lightness weight S_L (at L̄ = 0 or 100 it is 1.747), rounded up.
_SL_MAX = 1.75


def nearest_palette(
    lab: npt.NDArray[np.float64], pal_lab: npt.NDArray[np.float64], chunk: int = 1 << 16
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """Index of and ΔE00 to the nearest palette colour, in chunks to bound memory.

    Exact, with pruning for many colours against a large palette: ΔE00 is first taken to the
    4 palette colours nearest in plain CIELAB distance, which bounds the answer from above;
    then only palette colours that could still beat that bound are tried.  ΔE00 is at least
    ``|ΔL*| / S_L`` (the chroma–hue part of the formula is never negative, as ``|R_T| ≤ 2``)
    and ``S_L ≤ 1.75``, so a palette colour whose lightness differs by more than
    ``1.75 × bound`` cannot be nearer."""
    n, p = len(lab), len(pal_lab)
    nearest = np.empty(n, dtype=np.intp)
    nearest_de = np.empty(n, dtype=np.float64)
    prune = p > 8 and n > 4096
    for lo in range(0, n, chunk):
        part = lab[lo : lo + chunk]
        if not prune:
            de = ciede2000(part[:, None, :], pal_lab[None, :, :])
            nearest[lo : lo + chunk] = de.argmin(axis=1)
            nearest_de[lo : lo + chunk] = de.min(axis=1)
            continue
        rows = np.arange(len(part))
        d2 = (part**2).sum(1)[:, None] + (pal_lab**2).sum(1)[None, :] - 2.0 * part @ pal_lab.T  # (N, P)
        cand = np.argpartition(d2, 3, axis=1)[:, :4]  # (N, 4)
        de_c = ciede2000(part[:, None, :], pal_lab[cand])  # (N, 4)
        pick = de_c.argmin(axis=1)
        best_j = cand[rows, pick]
        best = de_c[rows, pick]
        need = np.abs(part[:, None, 0] - pal_lab[None, :, 0]) <= _SL_MAX * best[:, None] + 1e-9  # (N, P)
        need[rows[:, None], cand] = False
        ii, jj = np.nonzero(need)
        if ii.size:
            de = ciede2000(part[ii], pal_lab[jj])
            better = de < best[ii]
            ii, jj, de = ii[better], jj[better], de[better]
            order = np.lexsort((jj, de))[::-1]  # write the smallest ΔE (lowest index on ties) last
            best[ii[order]] = de[order]
            best_j[ii[order]] = jj[order]
        nearest[lo : lo + chunk] = best_j
        nearest_de[lo : lo + chunk] = best
    return nearest, nearest_de


def _group_off_palette(
    lab: npt.NDArray[np.float64],
    counts: npt.NDArray[np.int64],
    merge_delta_e: float,
    max_groups: int,
    max_colours: int = 8192,
) -> list[tuple[int, int]]:
    """Greedy grouping: the most common remaining colour absorbs every remaining colour
    within ``merge_delta_e`` of it.  Only the ``max_colours`` most common colours take
    part, which bounds the cost on noisy frames.  Returns ``(index, pixel count)``."""
    candidates = np.flatnonzero(counts > 0)
    if candidates.size > max_colours:
        candidates = candidates[np.argpartition(-counts[candidates], max_colours)[:max_colours]]
    remaining = candidates[np.argsort(-counts[candidates], kind="stable")]
    groups: list[tuple[int, int]] = []
    while remaining.size and len(groups) < max_groups:
        rep = int(remaining[0])
        near = ciede2000(lab[rep], lab[remaining]) <= merge_delta_e  # includes rep itself
        groups.append((rep, int(counts[remaining[near]].sum())))
        remaining = remaining[~near]
    groups.sort(key=lambda g: -g[1])
    return groups


def palette_adherence(
    image: ImageInput,
    palette: PaletteInput,
    threshold: float = 3.0,
    ignore_edges: bool = True,
    top: int = 8,
    *,
    edge_tolerance: int = 4,
    merge_delta_e: float = 2.0,
) -> PaletteReport:
    """Share of a frame's pixels whose nearest palette colour is within ΔE00 ≤ ``threshold``.

    ``image`` is a PIL image, a path, or an ``(H, W, 3)`` uint8 array; it is converted
    to RGB, compositing any alpha onto white.  ``palette`` is a list of hex strings or
    a ``role → hex`` mapping (roles then appear in ``coverage``).

    Anti-aliasing rule (``ignore_edges=True``): a pixel is left out of the count
    (``ignored_edge_pixels``) exactly when

    1. it is off palette (its nearest palette colour is more than ``threshold``
       away), and
    2. it looks like a blend of two colours along a row or a column: its left and
       right neighbours, or its up and down neighbours, both differ from it by more
       than ``edge_tolerance`` (largest 8-bit channel difference), and each of its
       R, G, B values lies between those two neighbours' values (± the tolerance).

    So on-palette pixels always count, and so does any pixel with a neighbour of
    its own colour (within tolerance) on one side in each axis: every pixel of a
    solid region two or more pixels wide, outline and corners included.  A 40×40
    foreign square counts fully against adherence, while the 1–2 pixel blend
    bands that anti-aliasing leaves between two colours are ignored.  Still
    counted as off palette: noisy or textured regions (a noisy pixel is rarely
    between its neighbours in all three channels) and one-pixel strokes that are
    only partly covered, with the same colour on both sides (rare for text of
    20 px and up at 4K).  The bare rule "off palette and differs from *any*
    neighbour" would also drop the outline of every off-palette block and whole
    noisy regions, biasing adherence upwards.

    ``off_palette`` lists up to ``top`` groups of counted off-palette colours,
    largest first, where near-identical colours (within ``merge_delta_e`` of the
    group's most common colour) are merged.  ``coverage`` gives, for each palette
    colour that appears, the share of counted pixels assigned to it.  If no pixel
    is counted, adherence is reported as 0.
    """
    rgb = load_rgb(image)
    height, width = rgb.shape[:2]
    pal_rgb, roles = parse_palette(palette)
    pal_lab = srgb_to_lab(pal_rgb)

    # Pack to one uint32 per pixel and run-length encode along the raster.
    packed = rgb[..., 0].astype(np.uint32)  # in-place shifts: fewer 4K temporaries
    packed <<= 8
    packed |= rgb[..., 1]
    packed <<= 8
    packed |= rgb[..., 2]
    packed = packed.ravel()
    n = packed.size
    if n == 0:
        return PaletteReport(palette_adherence=0.0, counted_pixels=0, ignored_edge_pixels=0,
                             threshold=threshold, off_palette=[], coverage=[])
    starts = np.flatnonzero(np.concatenate(([True], packed[1:] != packed[:-1])))
    lengths = np.diff(np.append(starts, n))
    colours, run_colour = index_colours(packed[starts])
    counts = np.bincount(run_colour, weights=lengths, minlength=colours.size).astype(np.int64)

    # ΔE00 only for unique colours × palette.
    colours_rgb = np.stack([(colours >> 16) & 255, (colours >> 8) & 255, colours & 255], axis=1)
    colours_lab = srgb_to_lab(colours_rgb.astype(np.uint8))
    nearest, nearest_de = nearest_palette(colours_lab, pal_lab)
    on_palette = nearest_de <= threshold

    ignored = 0
    if ignore_edges:
        off_runs = np.flatnonzero(~on_palette[run_colour])
        if off_runs.size:
            run_len = lengths[off_runs]
            run_ids = np.repeat(off_runs, run_len)
            offsets = np.arange(run_ids.size) - np.repeat(np.cumsum(run_len) - run_len, run_len)
            idx = starts[run_ids] + offsets
            edge = _edge_mask(packed, idx, width, height, edge_tolerance)
            counts -= np.bincount(run_colour[run_ids[edge]], minlength=colours.size)
            ignored = int(edge.sum())

    counted = int(counts.sum())
    denom = max(counted, 1)
    adherence = float(counts[on_palette].sum()) / denom if counted else 0.0

    per_palette = np.bincount(nearest[on_palette], weights=counts[on_palette], minlength=len(pal_rgb))
    coverage = [
        PaletteCoverage(role=roles[i], hex=rgb_to_hex(pal_rgb[i]), share=float(per_palette[i]) / denom)
        for i in np.argsort(-per_palette, kind="stable")
        if per_palette[i] > 0
    ]

    off_idx = np.flatnonzero(~on_palette)
    off_palette: list[OffPaletteColour] = []
    if top > 0 and off_idx.size:
        groups = _group_off_palette(colours_lab[off_idx], counts[off_idx], merge_delta_e, max(8 * top, 64))
        for rep, count in groups[:top]:
            c = off_idx[rep]
            off_palette.append(OffPaletteColour(
                hex=rgb_to_hex(colours_rgb[c]), share=count / denom,
                nearest_hex=rgb_to_hex(pal_rgb[nearest[c]]), delta_e=float(nearest_de[c]),
            ))

    return PaletteReport(
        palette_adherence=adherence,
        counted_pixels=counted,
        ignored_edge_pixels=ignored,
        threshold=threshold,
        off_palette=off_palette,
        coverage=coverage,
    )
