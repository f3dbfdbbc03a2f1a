"""The prompt as the scene model reads it: MiniLM token states and a pooled unit vector.

`encode_prompts` runs the shipped all-MiniLM-L6-v2 (`ingest.encoders.default_text_encoder`,
numpy, no torch) over up to `MAX_PROMPT_TOKENS` WordPiece tokens and mean-pools the states into
a unit vector, the same vector the context store is searched with. Results are cached per
process (training captions repeat; a server sees the same prompts again), bounded by
`PROMPT_CACHE_SIZE` entries.
"""

from __future__ import annotations

import numpy as np

PROMPT_DIM = 384  # all-MiniLM-L6-v2 hidden size
MAX_PROMPT_TOKENS = 32
PROMPT_CACHE_SIZE = 20000

_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def prompt_key(prompt: str) -> str:
    """What makes two prompts the same prompt: their words, whitespace collapsed."""
    return " ".join(prompt.split())


def encode_prompts(prompts: list[str], cache: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
                   cache_size: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each prompt, MiniLM token embeddings ``(T ≤ 32, 384)`` and the pooled, unit-norm
    prompt vector ``(384,)``, read-only arrays. Prompts not seen before are encoded in one
    batch. `cache` (default: the module's) keeps at most `cache_size` prompts; when a batch
    would overflow it, it is cleared first, and the batch's own answers are kept either way."""
    cache = _cache if cache is None else cache
    size = PROMPT_CACHE_SIZE if cache_size is None else cache_size
    keys = [prompt_key(p) for p in prompts]
    found = {k: cache[k] for k in set(keys) if k in cache}
    todo = sorted(set(keys) - set(found))
    if todo:
        from ingest.encoders import default_text_encoder

        enc = default_text_encoder()
        hidden, mask = enc.token_arrays(todo, MAX_PROMPT_TOKENS)  # (B, T, 384), (B, T); numpy, no torch
        lengths = mask.sum(1).tolist()
        if len(cache) + len(todo) > size:
            cache.clear()
        for k, h, n in zip(todo, hidden, lengths):
            tokens = np.array(h[:n], np.float32)  # (T, 384), a copy
            vec = tokens.mean(0)
            vec = vec / max(float(np.linalg.norm(vec)), 1e-9)
            tokens.setflags(write=False)
            vec.setflags(write=False)
            cache[k] = found[k] = (tokens, vec)
    return [found[k] for k in keys]


def encode_prompt(prompt: str) -> tuple[np.ndarray, np.ndarray]:
    """`encode_prompts` for one prompt."""
    return encode_prompts([prompt])[0]
