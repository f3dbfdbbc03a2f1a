"""The screenshot reader's whole-image steps against straightforward per-pixel and per-region
versions of them (the reader must give the same regions, colours and downsampled pixels)."""

import numpy as np
import pytest
from scipy import ndimage

import ingest.screens_raster as sr


def _naive_distance(img, colour):
    return np.abs(img.astype(np.int16) - np.array(colour, np.int16)).max(axis=2).astype(np.uint8)


def _naive_regions(img, bg, tol, min_px):
    labels, n = ndimage.label(_naive_distance(img, bg) > tol, structure=np.ones((3, 3), bool))
    out = []
    for lab in range(1, n + 1):
        ys, xs = np.nonzero(labels == lab)
        if len(ys) < min_px:
            continue
        px = img[ys, xs].astype(np.int64)
        codes = (px[:, 0] << 16) | (px[:, 1] << 8) | px[:, 2]
        vals, counts = np.unique(codes, return_counts=True)
        v = int(vals[counts.argmax()])  # the lowest code among the most frequent
        out.append(((int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)),
                    len(ys), ((v >> 16) & 255, (v >> 8) & 255, v & 255), counts.max() / len(ys)))
    return out


def _scene(seed):
    rng = np.random.default_rng(seed)
    img = np.full((120, 160, 3), (245, 246, 248), np.uint8)
    for _ in range(25):
        x, y = rng.integers(0, 150), rng.integers(0, 110)
        w, h = rng.integers(1, 40), rng.integers(1, 30)
        img[y:y + h, x:x + w] = rng.integers(0, 256, 3)
    img[rng.integers(0, 120, 40), rng.integers(0, 160, 40)] = rng.integers(0, 256, (40, 3))  # stray pixels
    # on a clear patch, a two-colour region whose colours tie (the lower colour code wins)
    img[2:12, 96:108] = (245, 246, 248)
    img[5:7, 100:104] = (10, 20, 30)
    img[7:9, 100:104] = (10, 20, 29)
    return img


@pytest.mark.parametrize("seed", range(6))
def test_colour_distance_is_the_largest_channel_difference(seed):
    img = np.random.default_rng(seed).integers(0, 256, (37, 53, 3), dtype=np.uint8)
    for colour in ((0, 0, 0), (255, 255, 255), (12, 200, 97)):
        assert np.array_equal(sr.colour_distance(img, colour), _naive_distance(img, colour))
    assert np.array_equal(sr.colour_distance(img[3:20, 5:40], (1, 2, 3)), _naive_distance(img[3:20, 5:40], (1, 2, 3)))


@pytest.mark.parametrize("seed", range(6))
def test_regions_match_a_per_region_reading(seed):
    img = _scene(seed)
    bg = (245, 246, 248)
    for tol, min_px in ((3, 4), (5, 2), (40, 1)):
        got = [(r.box, r.area, r.colour, r.colour_share) for r in sr._regions(img, bg, tol, min_px)]
        want = _naive_regions(img, bg, tol, min_px)
        assert [g[:3] for g in got] == [w[:3] for w in want]
        assert np.allclose([g[3] for g in got], [w[3] for w in want])
    tie = [r for r in sr._regions(img, bg, 3, 4) if r.box == (100, 5, 4, 4)]
    assert len(tie) == 1 and tie[0].colour == (10, 20, 29) and tie[0].colour_share == 0.5


@pytest.mark.parametrize("f", [2, 3, 4])
def test_ink_downsample_keeps_the_first_farthest_pixel_of_each_block(f):
    img = _scene(f)
    bg = (245, 246, 248)
    small, dist = sr._ink_downsample(img, f, bg)
    h, w = img.shape[0] // f, img.shape[1] // f
    assert small.shape == (h, w, 3) and dist.shape == (h, w)
    full = _naive_distance(img, bg)
    for by in range(h):
        for bx in range(w):
            block = full[by * f:(by + 1) * f, bx * f:(bx + 1) * f]
            dy, dx = divmod(int(block.argmax()), f)
            assert tuple(small[by, bx]) == tuple(img[by * f + dy, bx * f + dx])
            assert dist[by, bx] == block.max()
