"""The slot encoding of blocks and the architecture's defaults, without torch.

A page is ``n_slots`` slots of ``SLOT_DIM`` numbers: the box in ``[-1, 1]``, then each
categorical attribute as analog bits in ``{-1, +1}`` (Chen et al. 2023, "Analog Bits").
`encode_slots` / `decode_slots` convert between blocks and slots; `cosine_alphas_cumprod` is the
cosine noise schedule (``squaredcos_cap_v2``) as numpy computes it bit for bit like
`engine.models.scene_net.cosine_alphas_cumprod`. Both the PyTorch networks
(`engine.models.scene_net`) and the numpy one (`engine.models.numpy_net`) use them.
"""

from __future__ import annotations

import math
from collections.abc import Collection

import numpy as np

from engine.models.inputs import CATEGORIES, block_arrays
from scene.blocks import BLOCK_KINDS, FIRST_KINDS, Block

#: Bits per categorical attribute, in `CATEGORIES` order.
BITS: tuple[int, ...] = tuple(max(1, math.ceil(math.log2(len(v)))) for _, v in CATEGORIES)
SLOT_DIM = 4 + sum(BITS)
#: The block-kind vocabularies a model may have been trained with, by their number of kind bits:
#: the first models' 31 kinds (5 bits) and today's `BLOCK_KINDS` (6 bits).
_KIND_VOCABS = {max(1, math.ceil(math.log2(n))): n for n in (FIRST_KINDS, len(BLOCK_KINDS))}

#: The architecture's arguments and their defaults (`SceneNet`, `engine.models.teacher.SceneTransformer`).
DEFAULT_CONFIG: dict = {"n_slots": 48, "slot_dim": None, "d_model": 192, "n_layers": 6, "n_heads": 6,
                        "mlp_ratio": 4.0, "n_style_tokens": 16, "prediction_type": "v_prediction",
                        "num_train_timesteps": 1000, "beta_schedule": "squaredcos_cap_v2", "self_condition": False,
                        "plan_tokens": False, "image_conditioning": False,
                        "context_in_prompt": False, "slot_positions": False, "reference_marks": False,
                        "reference_slots": False}
WEIGHTS_NAME = "diffusion_pytorch_model.safetensors"
#: `engine.models.adapter.ReferenceSlots`' copy gate: its logits are the gate layer's output times
#: this (so the gate opens within a short fine-tune); the layer's bias starts at −0.5 (gate ≈ 0.018)
GATE_SCALE = 8.0


def output_for_x0(prediction_type: str, a, s, sample, x0):
    """The model output, in `prediction_type`'s parameterisation, whose clean-slot estimate for
    `sample` is `x0`, given ``√ᾱ_t`` (`a`) and ``√(1 − ᾱ_t)`` (`s`); numpy arrays or tensors alike."""
    if prediction_type == "v_prediction":
        return (a * sample - x0) / s
    if prediction_type == "epsilon":
        return (sample - a * x0) / s
    return x0


def pictured_slots(ref_boxes: np.ndarray, ref_cats: np.ndarray, ref_mask: np.ndarray, ref_pictured: np.ndarray,
                   drop_style: np.ndarray, n_slots: int, slot_dim: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The first pictured reference of each row of a collated batch, fitted to `n_slots` slots
    (`engine.models.adapter.ReferenceSlots` and the numpy network both read it so): its boxes and
    category indices for the first ``k = min(reference length, n_slots)`` slots ``(B, k, …)``,
    which slots hold one of its blocks ``(B, n_slots)``, whether each row has a pictured reference
    (and keeps its style stream) ``(B,)``, and every slot's row of it ``(B, n_slots, slot_dim)``
    (the null slot where it has no block)."""
    B, _, n, _ = ref_boxes.shape
    j = ref_pictured.astype(np.int64).argmax(1)  # the first pictured reference of each row
    rows = np.arange(B)
    boxes, cats, mask = ref_boxes[rows, j], ref_cats[rows, j], ref_mask[rows, j]
    row_on = ref_pictured.any(1) & ~drop_style
    k = min(n, n_slots)
    keep = np.zeros((B, n_slots), bool)
    keep[:, :k] = mask[:, :k] & row_on[:, None]
    pad_b = np.full((B, n_slots, 4), -1.0, np.float32)
    pad_c = np.zeros((B, n_slots, cats.shape[-1]), np.int64)
    pad_m = np.zeros((B, n_slots), bool)
    pad_b[:, :k], pad_c[:, :k], pad_m[:, :k] = boxes[:, :k], cats[:, :k], mask[:, :k]
    return boxes[:, :k], cats[:, :k], keep, row_on, slot_rows(pad_b, pad_c, pad_m, slot_dim)[0]


def slot_bits(slot_dim: int = SLOT_DIM) -> tuple[int, ...]:
    """Bits per categorical attribute of a model whose slots are `slot_dim` wide: the kind bits
    follow from the width (older checkpoints know fewer kinds), the others are `BITS`'s."""
    kind_bits = slot_dim - 4 - sum(BITS[1:])
    if kind_bits not in _KIND_VOCABS:
        raise ValueError(f"slot_dim {slot_dim} matches no block vocabulary (use {SLOT_DIM}, "
                         f"or {4 + sum(BITS[1:]) + min(_KIND_VOCABS)} for a model of the first {FIRST_KINDS} kinds)")
    return (kind_bits, *BITS[1:])


def kind_vocab(slot_dim: int = SLOT_DIM) -> int:
    """How many block kinds (``BLOCK_KINDS[:n]``, the null kind included) a model with slots
    `slot_dim` wide knows."""
    return _KIND_VOCABS[slot_bits(slot_dim)[0]]


# -- slots <-> blocks ------------------------------------------------------------------------------


def _to_bits(idx: np.ndarray, n: int) -> np.ndarray:
    """Integer indices (...,) → analog bits (..., n) in {-1, +1}, most significant first."""
    shifts = np.arange(n - 1, -1, -1)
    return ((idx[..., None] >> shifts) & 1).astype(np.float32) * 2.0 - 1.0


def _from_bits(bits: np.ndarray) -> np.ndarray:
    n = bits.shape[-1]
    weights = 1 << np.arange(n - 1, -1, -1)
    return ((bits > 0).astype(np.int64) * weights).sum(-1)


def encode_slots(blocks: list[Block], n_slots: int, slot_dim: int = SLOT_DIM) -> tuple[np.ndarray, np.ndarray]:
    """Blocks → ``x0 (n_slots, slot_dim)`` (box, then analog bits) and the used-slot mask. A
    block of a kind the slot width cannot hold (a newer kind, for an older model) is left out."""
    return slot_rows(*block_arrays(blocks, n_slots), slot_dim)


def slot_rows(boxes: np.ndarray, cats: np.ndarray, mask: np.ndarray, slot_dim: int = SLOT_DIM
              ) -> tuple[np.ndarray, np.ndarray]:
    """Block arrays (`block_arrays`' boxes ``(…, 4)``, category indices ``(…, 5)`` and mask, any
    leading shape) → slot rows ``(…, slot_dim)`` and the used-slot mask; an unused row or a kind
    the slot width cannot hold is the null slot (box −1, every bit −1)."""
    bits = slot_bits(slot_dim)
    boxes, cats = np.array(boxes, np.float32), np.array(cats, np.int64)
    mask = np.asarray(mask, bool) & (cats[..., 0] < kind_vocab(slot_dim))
    boxes[~mask], cats[~mask] = -1.0, 0
    parts = [boxes] + [_to_bits(cats[..., k], n) for k, n in enumerate(bits)]
    return np.concatenate(parts, -1), mask


def decode_slots(x: np.ndarray, kinds: Collection[str] | None = None) -> list[Block]:
    """``(n_slots, slot_dim)`` → the non-null blocks (boxes clipped to the canvas); the slot
    width says which kind vocabulary the bits index (`slot_bits`). With `kinds`, each slot
    takes the most likely of those kinds (or the null kind) under its kind bits: the kind
    whose bit pattern agrees best with the slot's values, as a vocabulary mask restricts a
    token sampler; without, the bits' signs spell the kind."""
    out: list[Block] = []
    boxes = (np.clip(x[:, :4], -1.0, 1.0) + 1.0) / 2.0
    at = 4
    idx = []
    for n in slot_bits(x.shape[-1]):
        idx.append(_from_bits(x[:, at: at + n]))
        at += n
    n_kinds = kind_vocab(x.shape[-1])
    if kinds is not None:
        wanted = set(kinds)
        allowed = np.array(sorted({0} | {i for i, k in enumerate(BLOCK_KINDS[:n_kinds]) if k in wanted}))
        nb = slot_bits(x.shape[-1])[0]
        patterns = _to_bits(allowed, nb)  # (A, nb) in {-1, +1}
        idx[0] = allowed[np.argmax(np.clip(x[:, 4: 4 + nb], -1.0, 1.0) @ patterns.T, axis=1)]
    for i in range(x.shape[0]):
        vals = []
        for k, (_, vocab) in enumerate(CATEGORIES):
            j = int(idx[k][i])
            vals.append(vocab[j] if j < (n_kinds if k == 0 else len(vocab)) else vocab[0])
        kind, role, style, variant, content = vals
        bx, by, bw, bh = (float(v) for v in boxes[i])
        if kind == "null" or bw <= 0.002 or bh <= 0.002:
            continue
        bx, by = min(bx, 1.0 - bw), min(by, 1.0 - bh)  # a box that runs off the page slides back in
        out.append(Block(kind=kind, box=(round(bx, 5), round(by, 5), round(bw, 5), round(bh, 5)), role=role,
                         style=style, variant=variant, content=content))
    return out



def cosine_alphas_cumprod(T: int = 1000) -> np.ndarray:
    """``ᾱ_t`` of the cosine schedule with betas capped at 0.999: float32 betas, their
    complements multiplied up in float64 and stored as float32, as diffusers and torch compute it."""
    def abar(t: float) -> float:
        return math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2

    betas = np.array([min(1 - abar((i + 1) / T) / abar(i / T), 0.999) for i in range(T)], np.float32)
    return np.cumprod((np.float32(1.0) - betas).astype(np.float64)).astype(np.float32)


def held_dims(used: np.ndarray, full: np.ndarray | None = None, slot_dim: int = SLOT_DIM) -> np.ndarray:
    """The ``(n_slots, slot_dim)`` mask of what a held reference keeps: the box and the kind
    bits of its used slots; every value of the slots in `full`. Elsewhere role, style, variant
    and content stay the model's to choose, so a screen's layout is kept while what its empty
    regions hold follows the prompt."""
    mask = np.zeros((len(used), slot_dim), bool)
    mask[used, : 4 + slot_bits(slot_dim)[0]] = True
    if full is not None:
        mask[used & full] = True
    return mask


def whole_slots(blocks: list[Block], n_slots: int) -> np.ndarray:
    """``(n_slots,)``: the slots (in `encode_slots` order) of blocks marked to be held whole
    (``meta["hold"] == "whole"``: a region whose contents the reference gives, see
    `conditioning.packing.held_layout`)."""
    out = np.zeros(n_slots, bool)
    if len(blocks) <= n_slots:
        out[: len(blocks)] = [b.meta.get("hold") == "whole" for b in blocks]
    return out


def held_slots(blocks: list[Block], n_slots: int, slot_dim: int = SLOT_DIM) -> tuple[np.ndarray, np.ndarray]:
    """A reference layout as clean slots ``(n_slots, slot_dim)`` (`encode_slots`) and the mask
    of what holding it keeps (`held_dims`, with the slots of blocks held whole, `whole_slots`)."""
    ref, used = encode_slots(blocks, n_slots, slot_dim)
    return ref, held_dims(used, whole_slots(blocks, n_slots), slot_dim)
