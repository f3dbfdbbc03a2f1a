"""What the scene model reads, as arrays, without torch.

The record a generation is conditioned on (`ContextInputs`: MiniLM token embeddings and the
pooled prompt vector, design tokens, reference layouts, image vectors), blocks as arrays (a box
in ``[-1, 1]`` and five category indices), prompt encoding with a per-process cache, the design
system's tokens, and `collate_arrays`, a batch of contexts as padded numpy arrays with boolean
masks. `engine.models.adapter` turns that batch into tensors for the PyTorch networks;
`engine.models.numpy_net` runs on the arrays as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from scene.blocks import (
    BLOCK_KINDS,
    CONTENTS,
    ROLES,
    STYLES,
    VARIANTS,
    Block,
    block_indices,
)

#: The categorical attributes of a block, in array order, with their vocabularies.
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kind", BLOCK_KINDS), ("role", ROLES), ("style", STYLES), ("variant", VARIANTS), ("content", CONTENTS),
)
DEVICE_NAMES: tuple[str, ...] = ("desktop", "tablet", "mobile")

PROMPT_DIM = 384  # all-MiniLM-L6-v2 hidden size
DESIGN_DIM = 16
IMAGE_DIM = 208
MAX_PROMPT_TOKENS = 32
MAX_DESIGN_TOKENS = 48
MAX_REFERENCES = 4
MAX_IMAGES = 4

try:  # the retrieval/packing stage provides the record when it exists
    from conditioning import ContextInputs  # type: ignore[attr-defined]
except ImportError:

    @dataclass
    class ContextInputs:
        """What the generator is conditioned on, before projection to model width.

        ``prompt_tokens`` (Tp ≤ 32, 384) MiniLM token embeddings and ``prompt_vec`` (384,)
        the pooled sentence embedding; ``design_tokens`` (Td ≤ 48, 16); ``reference_blocks`` up
        to 4 reference layouts; ``image_vecs`` (Ti ≤ 4, 208).
        """

        prompt_tokens: np.ndarray
        prompt_vec: np.ndarray
        design_tokens: np.ndarray = field(default_factory=lambda: np.zeros((0, DESIGN_DIM), np.float32))
        reference_blocks: list[list[Block]] = field(default_factory=list)
        image_vecs: np.ndarray = field(default_factory=lambda: np.zeros((0, IMAGE_DIM), np.float32))


# -- blocks as arrays ----------------------------------------------------------------------------


def block_arrays(blocks: list[Block], n_slots: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Blocks as ``boxes (n, 4)`` in [-1, 1], ``cats (n, 5)`` vocabulary indices and a
    ``mask (n,)`` of used slots. Unused slots have the null kind and a zero-size box at the
    origin. Blocks past `n_slots` are dropped (smallest first)."""
    if len(blocks) > n_slots:
        blocks = sorted(blocks, key=lambda b: b.box[2] * b.box[3], reverse=True)[:n_slots]
    boxes = np.full((n_slots, 4), -1.0, np.float32)
    cats = np.zeros((n_slots, len(CATEGORIES)), np.int64)
    mask = np.zeros(n_slots, bool)
    for i, b in enumerate(blocks):
        boxes[i] = np.clip(np.asarray(b.box, np.float32), 0.0, 1.0) * 2.0 - 1.0
        cats[i] = block_indices(b)
        mask[i] = cats[i, 0] != 0
    return boxes, cats, mask


# -- text ------------------------------------------------------------------------------------------


_PROMPT_CACHE: dict[str, tuple[np.ndarray, np.ndarray]] = {}
_PROMPT_CACHE_SIZE = 20000


def encode_prompts(prompts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each prompt, MiniLM token embeddings ``(T ≤ 32, 384)`` and the pooled, unit-norm
    prompt vector ``(384,)``. Prompts not seen before are encoded in one batch; results are
    cached (training captions repeat)."""
    keys = [" ".join(p.split()) for p in prompts]
    found = {k: _PROMPT_CACHE[k] for k in set(keys) if k in _PROMPT_CACHE}  # kept even if the cache is cleared
    todo = sorted(set(keys) - set(found))
    if todo:
        from ingest.encoders import default_text_encoder

        enc = default_text_encoder()
        hidden, mask = enc.token_arrays(todo, MAX_PROMPT_TOKENS)  # (B, T, 384), (B, T); numpy, no torch
        lengths = mask.sum(1).tolist()
        if len(_PROMPT_CACHE) + len(todo) > _PROMPT_CACHE_SIZE:
            _PROMPT_CACHE.clear()
        for k, h, n in zip(todo, hidden, lengths):
            tokens = np.array(h[:n], np.float32)  # (T, 384), a copy
            vec = tokens.mean(0)
            vec = vec / max(float(np.linalg.norm(vec)), 1e-9)
            tokens.setflags(write=False)
            vec.setflags(write=False)
            _PROMPT_CACHE[k] = found[k] = (tokens, vec)
    return [found[k] for k in keys]


def encode_prompt(prompt: str) -> tuple[np.ndarray, np.ndarray]:
    """`encode_prompts` for one prompt."""
    return encode_prompts([prompt])[0]


# -- design tokens ---------------------------------------------------------------------------------


def design_tokens(ds) -> np.ndarray:
    """A design system as ``(Td ≤ 48, 16)`` tokens.

    One token per palette role: CIELAB scaled to about [-1, 1] in the first three features and
    a one-hot of the role in the next 13. One metrics token: a zero colour, then the spacing
    unit, corner radius, body and display type sizes (in units of 16 px) and the logo flag.
    """
    by_name = {c.name: c for c in ds.colors}
    rows: list[np.ndarray] = []
    for r in ds.roles:
        c = by_name.get(r.color)
        if c is None or r.role not in ROLES[1:]:
            continue
        t = np.zeros(DESIGN_DIM, np.float32)
        L, a, b = c.lab
        t[:3] = (L / 50.0 - 1.0, a / 100.0, b / 100.0)
        t[3 + ROLES.index(r.role) - 1] = 1.0
        rows.append(t)
    rows = rows[: MAX_DESIGN_TOKENS - 1]
    sizes = sorted((t.size for t in ds.type_scale), reverse=True) or [16.0]
    unit = min((px for px in ds.spacing_px() if px > 0), default=4.0)
    m = np.zeros(DESIGN_DIM, np.float32)
    m[3:9] = (unit / 16.0, ds.radius("md") / 16.0, sizes[-1] / 16.0, sizes[0] / 16.0,
              float(np.median(sizes)) / 16.0, float(ds.logo is not None))
    rows.append(m)
    return np.stack(rows)


def prompt_context(prompt: str, ds=None, reference_blocks: list[list[Block]] | None = None,
                   encoded: tuple[np.ndarray, np.ndarray] | None = None) -> ContextInputs:
    """Context from the prompt, and the design system's tokens when `ds` is given; no
    retrieved images. Used until retrieval supplies a fuller context. `encoded` passes a
    prompt already run through `encode_prompts`."""
    tokens, vec = encoded or encode_prompt(prompt)
    dt = design_tokens(ds) if ds is not None else np.zeros((0, DESIGN_DIM), np.float32)
    return ContextInputs(prompt_tokens=tokens, prompt_vec=vec, design_tokens=dt,
                         reference_blocks=list(reference_blocks or [])[:MAX_REFERENCES],
                         image_vecs=np.zeros((0, IMAGE_DIM), np.float32))


# -- batching --------------------------------------------------------------------------------------


def pad_arrays(arrs: list[np.ndarray], n: int, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of ``(≤ n, dim)`` rows as one ``(B, n, dim)`` float32 batch and its ``(B, n)`` mask."""
    out = np.zeros((len(arrs), n, dim), np.float32)
    mask = np.zeros((len(arrs), n), bool)
    for i, a in enumerate(arrs):
        a = np.asarray(a, np.float32).reshape(-1, dim)[:n]
        out[i, : len(a)] = a
        mask[i, : len(a)] = True
    return out, mask


def collate_arrays(contexts: list[ContextInputs], devices: list[str] | None = None,
                   ref_slots: int = 48) -> dict[str, np.ndarray]:
    """A batch of contexts as padded numpy arrays with boolean masks (True = a real token); the
    keys and shapes of `engine.models.adapter.collate_contexts`."""
    B = len(contexts)
    pt, pm = pad_arrays([c.prompt_tokens for c in contexts], MAX_PROMPT_TOKENS, PROMPT_DIM)
    dt, dm = pad_arrays([c.design_tokens for c in contexts], MAX_DESIGN_TOKENS, DESIGN_DIM)
    iv, im = pad_arrays([c.image_vecs for c in contexts], MAX_IMAGES, IMAGE_DIM)
    # references are padded to the batch's largest count and length (at least one slot)
    R = max(1, max(min(len(c.reference_blocks), MAX_REFERENCES) for c in contexts))
    n = max([1] + [min(len(b), ref_slots) for c in contexts for b in c.reference_blocks[:MAX_REFERENCES]])
    rbox = np.full((B, R, n, 4), -1.0, np.float32)
    rcat = np.zeros((B, R, n, len(CATEGORIES)), np.int64)
    rmask = np.zeros((B, R, n), bool)
    for i, c in enumerate(contexts):
        for j, blocks in enumerate(c.reference_blocks[:MAX_REFERENCES]):
            rbox[i, j], rcat[i, j], rmask[i, j] = block_arrays(blocks, n)
    dev = [DEVICE_NAMES.index(d) if d in DEVICE_NAMES else 0 for d in (devices or ["desktop"] * B)]
    return {
        "prompt_tokens": pt, "prompt_mask": pm,
        "prompt_vec": np.stack([np.asarray(c.prompt_vec, np.float32) for c in contexts]),
        "design_tokens": dt, "design_mask": dm, "image_vecs": iv, "image_mask": im,
        "ref_boxes": rbox, "ref_cats": rcat, "ref_mask": rmask,
        "device": np.asarray(dev, np.int64),
        "drop_prompt": np.zeros(B, bool), "drop_style": np.zeros(B, bool),
    }
