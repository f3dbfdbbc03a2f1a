"""Neural-network layers in numpy for inference without torch: the pieces that the numpy BERT
(`ingest.bert_numpy`) and the engine's numpy scene network (`engine.models.numpy_net`) share.

Each function computes what the PyTorch layer of the same name computes, in float32 (float64
where a reduction or a transcendental needs it), so outputs agree with torch to float
precision. Weights are numpy arrays in PyTorch's layout (``Linear.weight`` is ``(out, in)``).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

_SQRT_HALF = 0.7071067811865476


@lru_cache(maxsize=1)
def openblas_threads() -> tuple | None:
    """The get and set thread-count functions of the OpenBLAS that numpy loaded (found in the
    process's memory map, as threadpoolctl finds it), or None where there is none to find."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as f:
            paths = {line.split()[-1] for line in f if "openblas" in line.lower() and ".so" in line}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas", "64_"), ("scipy_openblas", ""), ("openblas", "64_"), ("openblas", "")):
            get = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
            put = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
            if get is not None and put is not None:
                return get, put
    return None


@contextmanager
def blas_threads(n: int) -> Iterator[None]:
    """Run numpy's matrix products on `n` threads, restored afterwards. The products of a small
    model are far too small to share: on a busy machine, waking BLAS's other threads for each
    one made a 25 ms sampling run take a second and more."""
    funcs = openblas_threads()
    if funcs is None:
        yield
        return
    get, put = funcs
    before = get()
    put(max(1, int(n)))
    try:
        yield
    finally:
        put(before)


def linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None) -> np.ndarray:
    """``x @ weight.T + bias`` (`torch.nn.Linear`)."""
    y = x @ weight.T
    return y + bias if bias is not None else y


def layer_norm(x: np.ndarray, weight: np.ndarray | None = None, bias: np.ndarray | None = None,
               eps: float = 1e-5) -> np.ndarray:
    """`torch.nn.LayerNorm` over the last axis (biased variance); no affine when `weight` is None."""
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(-1, keepdims=True)
    y = centred / np.sqrt(var + np.float32(eps))
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    return y.astype(np.float32, copy=False)


def erfc(x: np.ndarray) -> np.ndarray:
    """The complementary error function, relative error below 1.2e-7 everywhere (the Chebyshev
    fit of Press et al., "Numerical Recipes", §6.2), computed in float64."""
    x = np.asarray(x, np.float64)
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    ans = t * np.exp(-z * z + poly)
    return np.where(x >= 0, ans, 2.0 - ans)


def gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, ``x · Φ(x)`` (`torch.nn.GELU()`), as ``x/2 · erfc(−x/√2)``."""
    x64 = np.asarray(x, np.float64)
    return (0.5 * x64 * erfc(-x64 * _SQRT_HALF)).astype(np.float32)


def gelu_tanh(x: np.ndarray) -> np.ndarray:
    """GELU's tanh approximation (`torch.nn.GELU(approximate="tanh")`)."""
    x64 = np.asarray(x, np.float64)
    inner = 0.7978845608028654 * (x64 + 0.044715 * x64 ** 3)
    return (0.5 * x64 * (1.0 + np.tanh(inner))).astype(np.float32)


def silu(x: np.ndarray) -> np.ndarray:
    """``x · sigmoid(x)`` (`torch.nn.SiLU`)."""
    x64 = np.asarray(x, np.float64)
    return (x64 / (1.0 + np.exp(-x64))).astype(np.float32)


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, np.float32(0))


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    m = x.max(axis, keepdims=True)
    e = np.exp(x - m)
    return e / e.sum(axis, keepdims=True)


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
    """Scaled dot-product attention over heads: `q` ``(B, H, L, E)``, `k`/`v` ``(B, H, S, E)``,
    `keep` ``(B, S)`` True for the keys each query may see (None: all)."""
    scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / np.sqrt(q.shape[-1]))
    if keep is not None:
        scores = np.where(keep[:, None, None, :], scores, np.float32(-np.inf))
    return (softmax(scores) @ v).astype(np.float32, copy=False)


def split_heads(x: np.ndarray, heads: int) -> np.ndarray:
    """``(B, T, C)`` → ``(B, heads, T, C/heads)``."""
    B, T, C = x.shape
    return x.reshape(B, T, heads, C // heads).transpose(0, 2, 1, 3)


def merge_heads(x: np.ndarray) -> np.ndarray:
    """``(B, H, T, E)`` → ``(B, T, H·E)``."""
    B, H, T, E = x.shape
    return x.transpose(0, 2, 1, 3).reshape(B, T, H * E)


def multihead_attention(q: np.ndarray, kv: np.ndarray, in_proj_weight: np.ndarray, in_proj_bias: np.ndarray,
                        out_weight: np.ndarray, out_bias: np.ndarray, heads: int,
                        keep: np.ndarray | None = None) -> np.ndarray:
    """`torch.nn.MultiheadAttention` (``batch_first``) of queries `q` ``(B, L, d)`` over keys and
    values `kv` ``(B, S, d)``, only the keys with `keep` ``(B, S)`` True visible."""
    d = q.shape[-1]
    wq, wk, wv = in_proj_weight[:d], in_proj_weight[d: 2 * d], in_proj_weight[2 * d:]
    bq, bk, bv = in_proj_bias[:d], in_proj_bias[d: 2 * d], in_proj_bias[2 * d:]
    if kv is q:
        qkv = linear(q, in_proj_weight, in_proj_bias)
        qh, kh, vh = qkv[..., :d], qkv[..., d: 2 * d], qkv[..., 2 * d:]
    else:
        qh, kh, vh = linear(q, wq, bq), linear(kv, wk, bk), linear(kv, wv, bv)
    a = attention(split_heads(qh, heads), split_heads(kh, heads), split_heads(vh, heads), keep)
    return linear(merge_heads(a), out_weight, out_bias)
