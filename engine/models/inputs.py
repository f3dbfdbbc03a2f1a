"""What the scene model reads, as arrays, without torch.

The conditioning is built by `conditioning.packing` (`ContextInputs`: MiniLM token embeddings
and the pooled prompt vector, design tokens, reference layouts, image vectors); here are blocks
as arrays (a box in ``[-1, 1]`` and five category indices) and `collate_arrays`, a batch of
contexts as padded numpy arrays with boolean masks. `engine.models.adapter` turns that batch
into tensors for the PyTorch networks; `engine.models.numpy_net` runs on the arrays as they are.
"""

from __future__ import annotations

import numpy as np

from conditioning.packing import DESIGN_TOKEN_DIM as DESIGN_DIM
from conditioning.packing import (
    IMAGE_DIM,
    MAX_DESIGN_TOKENS,
    MAX_IMAGES,
    MAX_PLAN_TOKENS,
    MAX_REFERENCES,
    PLAN_DIM,
    ContextInputs,
)
from conditioning.prompt import MAX_PROMPT_TOKENS, PROMPT_DIM
from scene.blocks import (
    BLOCK_KINDS,
    CONTENTS,
    ROLES,
    STYLES,
    VARIANTS,
    Block,
    block_indices,
    reading_order,
)

#: The categorical attributes of a block, in array order, with their vocabularies.
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kind", BLOCK_KINDS), ("role", ROLES), ("style", STYLES), ("variant", VARIANTS), ("content", CONTENTS),
)
DEVICE_NAMES: tuple[str, ...] = ("desktop", "tablet", "mobile")
#: Places a reference block can have in reading order (a model with ``slot_positions``).
MAX_BLOCK_POSITIONS = 64


# -- blocks as arrays ----------------------------------------------------------------------------


def block_arrays(blocks: list[Block], n_slots: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Blocks as ``boxes (n, 4)`` in [-1, 1], ``cats (n, 5)`` vocabulary indices and a
    ``mask (n,)`` of used slots. Unused slots have the null kind and a zero-size box at the
    origin. Blocks past `n_slots` are dropped (smallest first); the others keep their order."""
    if len(blocks) > n_slots:
        keep = set(sorted(range(len(blocks)), key=lambda i: blocks[i].box[2] * blocks[i].box[3],
                          reverse=True)[:n_slots])
        blocks = [b for i, b in enumerate(blocks) if i in keep]
    boxes = np.full((n_slots, 4), -1.0, np.float32)
    cats = np.zeros((n_slots, len(CATEGORIES)), np.int64)
    mask = np.zeros(n_slots, bool)
    for i, b in enumerate(blocks):
        boxes[i] = np.clip(np.asarray(b.box, np.float32), 0.0, 1.0) * 2.0 - 1.0
        cats[i] = block_indices(b)
        mask[i] = cats[i, 0] != 0
    return boxes, cats, mask


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
    qt, qm = pad_arrays([getattr(c, "plan_rows", np.zeros((0, PLAN_DIM), np.float32)) for c in contexts],
                        MAX_PLAN_TOKENS, PLAN_DIM)
    # references are padded to the batch's largest count and length (at least one slot)
    R = max(1, max(min(len(c.reference_blocks), MAX_REFERENCES) for c in contexts))
    n = max([1] + [min(len(b), ref_slots) for c in contexts for b in c.reference_blocks[:MAX_REFERENCES]])
    rbox = np.full((B, R, n, 4), -1.0, np.float32)
    rcat = np.zeros((B, R, n, len(CATEGORIES)), np.int64)
    rmask = np.zeros((B, R, n), bool)
    rpic = np.zeros((B, R), bool)
    for i, c in enumerate(contexts):
        marks = list(getattr(c, "pictured", []))[:R]
        rpic[i, : len(marks)] = marks
        for j, blocks in enumerate(c.reference_blocks[:MAX_REFERENCES]):
            # in reading order, whatever order the reader or the store gave them in: a model with
            # slot positions reads a reference block's place in it
            rbox[i, j], rcat[i, j], rmask[i, j] = block_arrays(reading_order(blocks), n)
    dev = [DEVICE_NAMES.index(d) if d in DEVICE_NAMES else 0 for d in (devices or ["desktop"] * B)]
    return {
        "prompt_tokens": pt, "prompt_mask": pm,
        "prompt_vec": np.stack([np.asarray(c.prompt_vec, np.float32) for c in contexts]),
        "design_tokens": dt, "design_mask": dm, "image_vecs": iv, "image_mask": im,
        "plan_tokens": qt, "plan_mask": qm,
        "ref_boxes": rbox, "ref_cats": rcat, "ref_mask": rmask, "ref_pictured": rpic,
        "device": np.asarray(dev, np.int64),
        "drop_prompt": np.zeros(B, bool), "drop_style": np.zeros(B, bool),
    }
