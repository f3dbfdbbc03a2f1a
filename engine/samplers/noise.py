"""Seeded Gaussian noise without torch: the draws of
``torch.randn(shape, generator=torch.Generator().manual_seed(seed))`` on the CPU, in numpy.

PyTorch's CPU generator is the standard 32-bit Mersenne Twister (MT19937) seeded with the low
32 bits of the seed, which is numpy's legacy seeding too (`numpy.random.RandomState`); its
state moves into a `numpy.random.MT19937` whose raw 32-bit outputs are the same words. For a
float32 tensor of 16 or more values, torch draws one uniform per value (the low 24 bits of a
word, times 2⁻²⁴) and turns each run of 16 into normals by Box–Muller (the first 8 as ``1 − u₁``,
the next 8 as ``u₂``: cosines to the first half, sines to the second); a length that is not a
multiple of 16 redraws the last 16 values from 16 fresh words. `randn` does the same; its
transcendentals run in float64 where torch's run in float32 (vectorised), so values agree to
about 1e-6 rather than bit for bit. Fewer than 16 values take another path in torch and are
refused here.
"""

from __future__ import annotations

import numpy as np

#: How many values torch turns into normals at a time.
CHUNK = 16


def _uniforms(bits: np.random.MT19937, n: int) -> np.ndarray:
    words = bits.random_raw(n).astype(np.uint64) & np.uint64(0xFFFFFF)
    return (words.astype(np.float64) * 2.0 ** -24).astype(np.float32)


def _box_muller(u: np.ndarray) -> np.ndarray:
    """Runs of 16 uniforms (float32) → 16 normals each (float32)."""
    u = u.reshape(-1, CHUNK)
    half = CHUNK // 2
    u1 = (np.float32(1) - u[:, :half]).astype(np.float64)  # [0, 1) → (0, 1] for the log
    u2 = u[:, half:].astype(np.float64)
    radius = np.sqrt(-2.0 * np.log(u1))
    theta = 2.0 * np.pi * u2
    return np.concatenate([radius * np.cos(theta), radius * np.sin(theta)], 1).astype(np.float32).ravel()


def randn(shape: tuple[int, ...], seed: int) -> np.ndarray:
    """Standard normal float32 values of `shape`, as torch's CPU ``randn`` draws them after
    ``manual_seed(seed)`` (to about 1e-6; at least 16 values)."""
    n = int(np.prod(shape))
    if n < CHUNK:
        raise ValueError(f"randn draws at least {CHUNK} values (got shape {shape})")
    bits = np.random.MT19937()
    bits.state = np.random.RandomState(int(seed) % 2 ** 32).get_state(legacy=False)
    out = _uniforms(bits, n)
    full = n - n % CHUNK
    out[:full] = _box_muller(out[:full])
    if n % CHUNK:
        out[n - CHUNK:] = _box_muller(_uniforms(bits, CHUNK))
    return out.reshape(shape)
