"""Layout FID: Fréchet distance between feature statistics of two sets of block layouts.

As FID (Heusel et al. 2017) compares Inception features of images, layout FID compares
features of layouts.  Two feature extractors are available (`layout_fid`'s ``feature``):

- ``"trained"`` (the default when its weights are installed): the CLS feature (128 values)
  of the layout encoder trained the LayoutGAN++ / const_layout way (Kikuchi et al. 2021;
  reused by LayoutDM, Inoue et al. 2023) on curriculum layouts: `eval.layout_net`, weights
  in ``eval/weights/layout_net``, trained by ``python -m eval.train_layout_net``.  A
  Transformer over the blocks, it sees kinds, sizes and arrangement together, and ignores the
  order blocks are listed in.
- ``"projection"`` (the fallback when no weights are installed): a fixed, deterministic
  extractor that needs no training, `layout_features`, described below.

Numbers from the two extractors are on different scales: compare FIDs only within one.

Projection feature extractor (`layout_features`):

1. **Rasterise** the blocks (``(x, y, w, h)`` canvas fractions) onto a 16 × 16 grid, one
   channel per kind group (`KIND_GROUPS`: chrome, text, controls, containers, data, media,
   overlays, other).  Each cell holds the fraction of its area the group's blocks cover
   (exact box–cell overlap, capped at 1), so maps are resolution-free.  (8, 16, 16) → 2048.
2. **Project** the 2048 values with a fixed Gaussian random matrix (``numpy`` PCG64 seeded
   with `PROJECTION_SEED`, entries N(0, 1/2048)) to `FEATURE_DIM` = 64 dimensions; random
   projections keep distances between maps (Johnson–Lindenstrauss) and make the
   covariance well conditioned for a few dozen layouts.

``FID = ‖μ_a − μ_b‖² + Tr(Σ_a + Σ_b − 2 (Σ_a Σ_b)^{1/2})``, with ``eps·I`` added to both
covariances for stability on small sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import linalg

from scene.blocks import Block

__all__ = [
    "FEATURES",
    "FEATURE_DIM",
    "GRID",
    "KIND_GROUPS",
    "default_feature",
    "feature_matrix",
    "frechet_distance",
    "layout_features",
    "layout_fid",
    "rasterise",
]

GRID = 16
FEATURE_DIM = 64
PROJECTION_SEED = 20210607

#: The feature extractors `layout_fid` knows.
FEATURES: tuple[str, ...] = ("trained", "projection")

KIND_GROUPS: tuple[tuple[str, ...], ...] = (
    ("navbar", "sidebar", "header", "footer", "breadcrumb", "logo", "pagination", "tabs"),  # chrome
    ("heading", "text"),  # text
    ("button", "input", "checkbox", "radio", "toggle", "select", "search", "chip", "segmented", "slider",
     "stepper", "rating", "date_picker", "time_picker", "fab", "dropzone"),  # controls
    ("card", "list", "list_item", "accordion", "kanban_column", "tree", "description_list", "comment", "timeline",
     "alert"),  # containers
    ("table", "chart", "calendar", "progress", "stat", "progress_ring", "gauge", "code"),  # data
    ("image", "icon", "avatar", "badge", "map", "video", "media_controls", "stories", "avatar_group", "file_tile",
     "skeleton"),  # media
    ("modal", "menu", "tooltip", "toast", "bottom_sheet"),  # overlays
)
_GROUP_OF = {k: i for i, kinds in enumerate(KIND_GROUPS) for k in kinds}
CHANNELS = len(KIND_GROUPS) + 1  # + other


def _projection() -> npt.NDArray[np.float64]:
    rng = np.random.Generator(np.random.PCG64(PROJECTION_SEED))
    d = CHANNELS * GRID * GRID
    return rng.standard_normal((d, FEATURE_DIM)) / np.sqrt(d)


_PROJ = _projection()


def rasterise(blocks: Iterable[Block]) -> npt.NDArray[np.float64]:
    """(CHANNELS, GRID, GRID) coverage maps of `blocks` (boxes as canvas fractions)."""
    maps = np.zeros((CHANNELS, GRID, GRID))
    edges = np.linspace(0.0, 1.0, GRID + 1)
    lo, hi = edges[:-1], edges[1:]
    for b in blocks:
        x, y, w, h = (float(v) for v in b.box)
        cov_x = np.clip(np.minimum(hi, x + w) - np.maximum(lo, x), 0, None) * GRID  # (GRID,) share of each column
        cov_y = np.clip(np.minimum(hi, y + h) - np.maximum(lo, y), 0, None) * GRID
        maps[_GROUP_OF.get(b.kind, CHANNELS - 1)] += np.outer(cov_y, cov_x)
    return np.minimum(maps, 1.0)


def layout_features(blocks: Iterable[Block]) -> npt.NDArray[np.float64]:
    """The fixed 64-d feature of one layout (see the module docstring)."""
    return rasterise(blocks).ravel() @ _PROJ


def frechet_distance(a: npt.ArrayLike, b: npt.ArrayLike, eps: float = 1e-6) -> float:
    """Fréchet distance between Gaussians fitted to feature rows `a` (N, D) and `b` (M, D)."""
    a = np.atleast_2d(np.asarray(a, dtype=np.float64))
    b = np.atleast_2d(np.asarray(b, dtype=np.float64))
    if len(a) < 2 or len(b) < 2:
        raise ValueError("layout FID needs at least two layouts on each side")
    mu_a, mu_b = a.mean(axis=0), b.mean(axis=0)
    eye = np.eye(a.shape[1]) * eps
    cov_a = np.cov(a, rowvar=False) + eye
    cov_b = np.cov(b, rowvar=False) + eye
    # Tr((Σa Σb)^½) = Tr((Σa^½ Σb Σa^½)^½): the eigenvalues of a symmetric PSD matrix, so two
    # symmetric eigendecompositions replace a general matrix square root (faster and always real).
    w, v = linalg.eigh(cov_a)
    sqrt_a = (v * np.sqrt(np.clip(w, 0.0, None))) @ v.T
    tr_covmean = float(np.sum(np.sqrt(np.clip(linalg.eigvalsh(sqrt_a @ cov_b @ sqrt_a), 0.0, None))))
    d = float(np.sum((mu_a - mu_b) ** 2) + np.trace(cov_a) + np.trace(cov_b) - 2.0 * tr_covmean)
    return max(d, 0.0)


def _weights_folder(weights: str | Path | None) -> Path:
    from eval.layout_net import DEFAULT_WEIGHTS

    return Path(weights) if weights is not None else DEFAULT_WEIGHTS


def default_feature(weights: str | Path | None = None) -> str:
    """The extractor ``feature="trained"`` resolves to: ``"trained"`` when the encoder's
    weights (`weights`, default the shipped folder) are installed, else ``"projection"``."""
    return "trained" if (_weights_folder(weights) / "config.json").is_file() else "projection"


def feature_matrix(layouts: Sequence[Sequence[Block]], feature: str = "trained",
                   weights: str | Path | None = None) -> npt.NDArray[np.float64]:
    """Features (N, D) of `layouts` (each a list of blocks) with the extractor `feature`.

    ``"trained"`` embeds them in batches with the layout encoder in `weights` (a
    `save_pretrained` folder; default the shipped one, and when that is not installed the
    projection features are used).  A `weights` folder that was named but holds no encoder
    raises `FileNotFoundError`; an unknown `feature` raises `ValueError`.
    """
    if feature not in FEATURES:
        raise ValueError(f"unknown layout feature {feature!r} (use {', '.join(FEATURES)})")
    if feature == "trained" and (weights is not None or default_feature() == "trained"):
        from eval.layout_net import load_layout_net

        return load_layout_net(_weights_folder(weights)).features(list(layouts))
    if not layouts:
        return np.zeros((0, FEATURE_DIM))
    return np.stack([layout_features(bs) for bs in layouts])


def layout_fid(generated: Sequence[Sequence[Block]], reference: Sequence[Sequence[Block]],
               feature: str = "trained", weights: str | Path | None = None) -> float:
    """Layout FID between two sets of layouts (each a list of blocks).

    `feature` picks the extractor (`FEATURES`; see the module docstring): the trained encoder
    by default (the projection when its weights are not installed), or ``"projection"``.
    """
    fa = feature_matrix(generated, feature, weights)
    fb = feature_matrix(reference, feature, weights)
    return frechet_distance(fa, fb)
