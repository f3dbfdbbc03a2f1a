"""Brand identification: which of several design systems an image most resembles.

The score of an image against a system S combines three pieces of evidence, each in 0–1:

* **adherence** ``a``: share of pixels within CIEDE2000 ≤ 3 of one of S's colours.  Unlike
  `eval.palette.palette_adherence` every pixel counts (no anti-aliasing rule): brand
  evidence lies in areas, and the image's distinct colours are then found once and matched
  against each system's palette;
* **role coverage** ``c``: weighted share of S's colour roles that appear in the image
  (at least 0.05 % of the pixels); brand roles weigh most (primary 3, secondary and accent
  2, background, surface and text 1, the rest 0.5), since neutrals are shared between
  brands and the brand colours are what tells them apart;
* **screen likeness** ``h``: histogram intersection of the image's CIELAB histogram
  (8×8×8 bins over L* 0–100, a* and b* −64…64, clipped) with the mean histogram of S's
  example screens (raster files under ``screens/`` or the screens assets).  When the image
  *is* one of S's screens, that screen is left out of S's mean (leave-one-out), so a system's
  own screens are not matched against themselves.

``score = (0.5·a + 0.25·c + 0.25·h) / (0.5 + 0.25 + 0.25·[S has screens])``.  The identified
system is the argmax; ``margin`` is its score minus the runner-up's.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from eval.colour import srgb_to_lab
from eval.palette import (
    ImageInput,
    index_colours,
    load_rgb,
    nearest_palette,
    parse_palette,
)
from ingest.model import DesignSystem

__all__ = [
    "BrandMatch",
    "BrandProfile",
    "BrandScore",
    "ColourTable",
    "design_system_palette",
    "identify_brand",
    "lab_histogram",
    "role_coverage",
]

ROLE_WEIGHTS: dict[str, float] = {"primary": 3.0, "secondary": 2.0, "accent": 2.0, "background": 1.0,
                                  "surface": 1.0, "text": 1.0}
OTHER_ROLE_WEIGHT = 0.5
APPEARS = 0.0005
MAX_PIXELS = 2_100_000  # larger frames are identified on every second pixel of every second row
_RASTER = (".png", ".jpg", ".jpeg", ".webp")


def design_system_palette(ds: DesignSystem) -> dict[str, str]:
    """``role/name → hex`` of every opaque colour of the system, roles first."""
    palette = {r.role: r.hex for r in ds.roles}
    for c in ds.colors:
        if c.alpha >= 0.999:
            palette.setdefault(c.name, c.hex)
    return palette


@functools.lru_cache(maxsize=1)
def _bin_lab_index() -> npt.NDArray[np.intp]:
    """For each 5-bit-per-channel RGB bin (32 768), its 8×8×8 CIELAB histogram bin."""
    q = np.arange(32, dtype=np.float64) * 8 + 4  # bin centres, 0–255
    r, g, b = np.meshgrid(q, q, q, indexing="ij")
    lab = srgb_to_lab(np.stack([r, g, b], axis=-1).reshape(-1, 3) / 255.0)
    li = np.clip((lab[:, 0] / 100 * 8).astype(int), 0, 7)
    ai = np.clip(((lab[:, 1] + 64) / 128 * 8).astype(int), 0, 7)
    bi = np.clip(((lab[:, 2] + 64) / 128 * 8).astype(int), 0, 7)
    return (li * 64 + ai * 8 + bi).astype(np.intp)


def lab_histogram(image: ImageInput | npt.NDArray[np.uint8]) -> npt.NDArray[np.float64]:
    """Normalised 512-bin CIELAB histogram of an image (every second pixel of large images)."""
    rgb = load_rgb(image)
    step = 2 if rgb.shape[0] * rgb.shape[1] > 2_000_000 else 1
    px = rgb[::step, ::step] >> 3
    rgb_bin = (px[..., 0].astype(np.intp) << 10) | (px[..., 1].astype(np.intp) << 5) | px[..., 2]
    counts = np.bincount(rgb_bin.ravel(), minlength=32768)
    hist = np.bincount(_bin_lab_index(), weights=counts, minlength=512)
    return hist / max(hist.sum(), 1.0)


@dataclass
class BrandProfile:
    """What brand identification needs of a design system."""

    name: str
    palette: dict[str, str]
    roles: dict[str, str]
    screens: dict[str, npt.NDArray[np.float64]] = field(default_factory=dict)  # resolved path → histogram

    @classmethod
    def from_design_system(cls, ds: DesignSystem, name: str | None = None) -> BrandProfile:
        root = Path(ds.root)
        paths = {(root / f).resolve() for f in ds.files if Path(f).suffix.lower() in _RASTER
                 and "screen" in Path(f).as_posix().lower()}
        for a in ds.assets:
            if a.kind == "screen":
                p = Path(a.path)
                for cand in [p] + [p.with_suffix(s) for s in _RASTER]:
                    if cand.suffix.lower() in _RASTER and cand.is_file():
                        paths.add(cand.resolve())
                        break
        screens: dict[str, npt.NDArray[np.float64]] = {}
        for p in sorted(paths):
            try:
                screens[str(p)] = lab_histogram(p)
            except (OSError, ValueError):
                continue  # an unreadable screen only weakens the profile
        return cls(name=name or ds.name, palette=design_system_palette(ds), roles=ds.role_map(), screens=screens)

    def screen_histogram(self, exclude: str | None = None) -> npt.NDArray[np.float64] | None:
        hists = [h for p, h in self.screens.items() if p != exclude]
        return np.mean(hists, axis=0) if hists else None


class BrandScore(BaseModel):
    system: str
    score: float
    adherence: float
    coverage: float
    screen_likeness: float | None


class BrandMatch(BaseModel):
    identified: str
    margin: float
    scores: list[BrandScore]  # best first


@dataclass
class ColourTable:
    """The distinct colours of an image, in CIELAB, with their pixel shares."""

    lab: npt.NDArray[np.float64]  # (K, 3)
    share: npt.NDArray[np.float64]  # (K,)

    @classmethod
    def of(cls, rgb: npt.NDArray[np.uint8]) -> ColourTable:
        flat = rgb.reshape(-1, 3)
        packed = (flat[:, 0].astype(np.uint32) << 16) | (flat[:, 1].astype(np.uint32) << 8) | flat[:, 2]
        if packed.size == 0:
            return cls(lab=np.zeros((0, 3)), share=np.zeros(0))
        # run-length encode first: a flat UI frame has few, long runs of one colour
        starts = np.flatnonzero(np.concatenate(([True], packed[1:] != packed[:-1])))
        lengths = np.diff(np.append(starts, packed.size))
        colours, run_colour = index_colours(packed[starts])
        counts = np.bincount(run_colour, weights=lengths, minlength=colours.size)
        crgb = np.stack([(colours >> 16) & 255, (colours >> 8) & 255, colours & 255], axis=1).astype(np.uint8)
        return cls(lab=srgb_to_lab(crgb), share=counts / max(counts.sum(), 1))

    def match(self, palette: Mapping[str, str] | Sequence[str], threshold: float = 3.0) -> tuple[float, dict[str, float]]:
        """(share of pixels within ΔE00 ≤ threshold of the palette, palette hex → share)."""
        pal_rgb, _ = parse_palette(palette)
        nearest, de = nearest_palette(self.lab, srgb_to_lab(pal_rgb))
        on = de <= threshold
        per = np.bincount(nearest[on], weights=self.share[on], minlength=len(pal_rgb))
        hexes = ["#" + "".join(f"{int(v):02x}" for v in c) for c in pal_rgb]
        return float(self.share[on].sum()), {h: float(v) for h, v in zip(hexes, per) if v > 0}


def role_coverage(shares: Mapping[str, float], roles: Mapping[str, str]) -> float:
    """Weighted share of `roles` (role → hex) whose colour covers ≥ 0.05 % of the image,
    given each palette colour's share of the pixels (hex → share)."""
    total = got = 0.0
    for role, hx in roles.items():
        if role.startswith("on-"):
            continue  # text-on colours duplicate others
        w = ROLE_WEIGHTS.get(role, OTHER_ROLE_WEIGHT)
        total += w
        got += w * (shares.get(hx.lower(), 0.0) >= APPEARS)
    return got / total if total else 0.0


def score_against(table: ColourTable, profile: BrandProfile, hist: npt.NDArray[np.float64] | None = None,
                  image_path: str | None = None) -> BrandScore:
    """Score one image (its colour table and Lab histogram) against one profile."""
    a, shares = table.match(profile.palette)
    c = role_coverage(shares, profile.roles)
    ref = profile.screen_histogram(exclude=image_path)
    h = None if ref is None or hist is None else float(np.minimum(hist, ref).sum())
    score = (0.5 * a + 0.25 * c + (0.25 * h if h is not None else 0.0)) / (0.75 + (0.25 if h is not None else 0.0))
    return BrandScore(system=profile.name, score=round(score, 6), adherence=round(a, 6), coverage=round(c, 6),
                      screen_likeness=None if h is None else round(h, 6))


def identify_brand(image: ImageInput, profiles: Sequence[BrandProfile]) -> BrandMatch:
    """Which profile `image` most resembles, with the margin over the runner-up.

    Frames over about 2 MP (1920×1080) are identified on every second pixel of every second
    row: brand evidence is in areas, not in single pixels, and it keeps a 4K frame against
    three systems well under half a second.
    """
    if not profiles:
        raise ValueError("brand identification needs at least one design system")
    path = str(Path(image).resolve()) if isinstance(image, (str, Path)) else None
    rgb = load_rgb(image)
    if rgb.shape[0] * rgb.shape[1] > MAX_PIXELS:
        rgb = np.ascontiguousarray(rgb[::2, ::2])
    table = ColourTable.of(rgb)
    hist = lab_histogram(rgb) if any(p.screens for p in profiles) else None
    scores = [score_against(table, p, hist, path) for p in profiles]
    scores.sort(key=lambda s: -s.score)
    margin = scores[0].score - scores[1].score if len(scores) > 1 else scores[0].score
    return BrandMatch(identified=scores[0].system, margin=round(margin, 6), scores=scores)
