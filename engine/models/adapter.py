"""Context adapter: prompt and design-system conditioning as tokens for the scene transformer.

The context has two streams, attended to separately by every transformer block
(decoupled cross-attention, Ye et al. 2023, "IP-Adapter"):

- **prompt stream**: a learned null token, the pooled prompt vector, the MiniLM token
  embeddings of the prompt and a device token (desktop | tablet | mobile);
- **style stream**: design tokens, reference-layout tokens (a small set transformer over each
  reference's blocks) and image vectors, mapped by a Perceiver-style resampler (Jaegle et al.
  2021; as in IP-Adapter-Plus / Flamingo) to a fixed number of tokens.

The block output is ``attn(q, prompt) + style_scale * attn(q, style)``; ``style_scale = 0``
conditions on the prompt alone. Either stream can be dropped per example (its tokens masked,
leaving only its null token), which trains classifier-free guidance (Ho & Salimans 2022).

This module also holds the array form of blocks that the teacher and the layout encoder share:
a box in ``[-1, 1]`` and five category indices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

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
        hidden, mask = enc.token_states(todo, MAX_PROMPT_TOKENS)  # (B, T, 384), (B, T)
        lengths = mask.sum(1).tolist()
        if len(_PROMPT_CACHE) + len(todo) > _PROMPT_CACHE_SIZE:
            _PROMPT_CACHE.clear()
        for k, h, n in zip(todo, hidden, lengths):
            tokens = h[:n].numpy().copy()  # (T, 384)
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


def _pad(arrs: list[np.ndarray], n: int, dim: int) -> tuple[torch.Tensor, torch.Tensor]:
    out = np.zeros((len(arrs), n, dim), np.float32)
    mask = np.zeros((len(arrs), n), bool)
    for i, a in enumerate(arrs):
        a = np.asarray(a, np.float32).reshape(-1, dim)[:n]
        out[i, : len(a)] = a
        mask[i, : len(a)] = True
    return torch.from_numpy(out), torch.from_numpy(mask)


def collate_contexts(contexts: list[ContextInputs], devices: list[str] | None = None,
                     ref_slots: int = 48) -> dict[str, torch.Tensor]:
    """A batch of contexts as padded tensors with boolean masks (True = a real token)."""
    B = len(contexts)
    pt, pm = _pad([c.prompt_tokens for c in contexts], MAX_PROMPT_TOKENS, PROMPT_DIM)
    dt, dm = _pad([c.design_tokens for c in contexts], MAX_DESIGN_TOKENS, DESIGN_DIM)
    iv, im = _pad([c.image_vecs for c in contexts], MAX_IMAGES, IMAGE_DIM)
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
        "prompt_vec": torch.from_numpy(np.stack([np.asarray(c.prompt_vec, np.float32) for c in contexts])),
        "design_tokens": dt, "design_mask": dm, "image_vecs": iv, "image_mask": im,
        "ref_boxes": torch.from_numpy(rbox), "ref_cats": torch.from_numpy(rcat), "ref_mask": torch.from_numpy(rmask),
        "device": torch.tensor(dev, dtype=torch.long),
        "drop_prompt": torch.zeros(B, dtype=torch.bool), "drop_style": torch.zeros(B, dtype=torch.bool),
    }


# -- modules ---------------------------------------------------------------------------------------


class BlockEmbedding(nn.Module):
    """A block as one d-vector: a linear map of its box plus an embedding per category."""

    def __init__(self, d: int):
        super().__init__()
        self.box = nn.Linear(4, d)
        self.cats = nn.ModuleList(nn.Embedding(len(v), d) for _, v in CATEGORIES)

    def forward(self, boxes: torch.Tensor, cats: torch.Tensor) -> torch.Tensor:
        h = self.box(boxes)  # (..., d)
        for k, emb in enumerate(self.cats):
            h = h + emb(cats[..., k])
        return h


class LayoutEncoder(nn.Module):
    """A 2-layer set transformer over a reference layout's blocks → one token per block."""

    def __init__(self, d: int, heads: int, layers: int = 2):
        super().__init__()
        self.embed = BlockEmbedding(d)
        layer = nn.TransformerEncoderLayer(d, heads, 2 * d, dropout=0.0, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)

    def forward(self, boxes: torch.Tensor, cats: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        B, R, N, _ = boxes.shape
        h = self.embed(boxes.reshape(B * R, N, 4), cats.reshape(B * R, N, -1))  # (B·R, N, d)
        m = mask.reshape(B * R, N)
        empty = ~m.any(1)
        m = m.clone()
        m[empty, 0] = True  # an empty reference attends to one slot instead of to nothing
        h = self.encoder(h, src_key_padding_mask=~m)
        return h.reshape(B, R * N, -1)


class Resampler(nn.Module):
    """Perceiver resampler: `n_latents` learned queries cross-attend to a variable set of
    tokens (with the latents themselves as extra keys, as in Flamingo / IP-Adapter-Plus)."""

    def __init__(self, d: int, heads: int, n_latents: int = 16, layers: int = 2):
        super().__init__()
        self.latents = nn.Parameter(torch.randn(1, n_latents, d) * 0.02)
        self.layers = nn.ModuleList()
        for _ in range(layers):
            self.layers.append(nn.ModuleList([
                nn.LayerNorm(d), nn.LayerNorm(d), nn.MultiheadAttention(d, heads, batch_first=True),
                nn.Sequential(nn.LayerNorm(d), nn.Linear(d, 2 * d), nn.GELU(), nn.Linear(2 * d, d)),
            ]))
        self.norm = nn.LayerNorm(d)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        B = x.shape[0]
        lat = self.latents.expand(B, -1, -1)  # (B, L, d)
        lat_mask = torch.ones(B, lat.shape[1], dtype=torch.bool, device=x.device)
        for norm_x, norm_l, attn, ff in self.layers:
            q = norm_l(lat)
            kv = torch.cat([norm_x(x), q], 1)  # (B, T+L, d)
            keep = torch.cat([mask, lat_mask], 1)
            lat = lat + attend(attn, q, kv, keep)
            lat = lat + ff(lat)
        return self.norm(lat)


def attend(attn: nn.MultiheadAttention, q: torch.Tensor, kv: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
    """``attn(q, kv, kv)`` where only the keys with `keep` ``(B, S)`` True are visible.

    The mask goes in as a per-head ``attn_mask`` rather than ``key_padding_mask``: the same
    additive −inf mask, but PyTorch checks a key-padding mask through ``torch._check_with``,
    which imports sympy (about a second of every cold start)."""
    B, L, S = q.shape[0], q.shape[1], kv.shape[1]
    mask = (~keep)[:, None, None, :].expand(B, attn.num_heads, L, S).reshape(B * attn.num_heads, L, S)
    return attn(q, kv, kv, attn_mask=mask, need_weights=False)[0]


class DecoupledCrossAttention(nn.Module):
    """``attn(q, prompt) + style_scale · attn(q, style)`` (Ye et al. 2023, IP-Adapter)."""

    def __init__(self, d: int, heads: int):
        super().__init__()
        self.prompt_attn = nn.MultiheadAttention(d, heads, batch_first=True)
        self.style_attn = nn.MultiheadAttention(d, heads, batch_first=True)

    def forward(self, x: torch.Tensor, ctx: dict[str, torch.Tensor], style_scale: float = 1.0) -> torch.Tensor:
        p, pm = ctx["prompt"], ctx["prompt_mask"]
        out = attend(self.prompt_attn, x, p, pm)
        if style_scale:
            s, sm = ctx["style"], ctx["style_mask"]
            out = out + style_scale * attend(self.style_attn, x, s, sm)
        return out


class ContextAdapter(nn.Module):
    """Projects a collated context batch to the two token streams the transformer attends to.

    Returns ``{"prompt": (B, 2+Tp+1, d), "prompt_mask", "style": (B, 1+L, d), "style_mask",
    "pooled": (B, d)}``; the first token of each stream is a learned null token that is always
    visible, so a dropped stream still has something to attend to.
    """

    TYPES = ("null", "prompt_vec", "prompt_token", "device", "design", "reference", "image")

    def __init__(self, d: int, heads: int, n_style_tokens: int = 16):
        super().__init__()
        self.type_emb = nn.Embedding(len(self.TYPES), d)
        self.prompt_proj = nn.Linear(PROMPT_DIM, d)
        self.prompt_vec_proj = nn.Linear(PROMPT_DIM, d)
        self.design_proj = nn.Linear(DESIGN_DIM, d)
        self.image_proj = nn.Linear(IMAGE_DIM, d)
        self.device_emb = nn.Embedding(len(DEVICE_NAMES), d)
        self.layout = LayoutEncoder(d, heads)
        self.resampler = Resampler(d, heads, n_style_tokens)
        self.null_prompt = nn.Parameter(torch.zeros(1, 1, d))
        self.null_style = nn.Parameter(torch.zeros(1, 1, d))

    def _typed(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return x + self.type_emb.weight[self.TYPES.index(name)]

    def forward(self, c: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
        B = c["prompt_tokens"].shape[0]
        ones = torch.ones(B, 1, dtype=torch.bool, device=c["prompt_tokens"].device)
        keep_p = ~c["drop_prompt"][:, None]  # (B, 1)
        keep_s = ~c["drop_style"][:, None]
        pooled = self.prompt_vec_proj(c["prompt_vec"]) * keep_p  # (B, d)
        prompt = torch.cat([
            self._typed(self.null_prompt.expand(B, -1, -1), "null"),
            self._typed(pooled[:, None], "prompt_vec"),
            self._typed(self.prompt_proj(c["prompt_tokens"]), "prompt_token"),  # (B, Tp, d)
            self._typed(self.device_emb(c["device"])[:, None], "device"),
        ], 1)
        prompt_mask = torch.cat([ones, keep_p, c["prompt_mask"] & keep_p, ones], 1)
        refs = self.layout(c["ref_boxes"], c["ref_cats"], c["ref_mask"])  # (B, R·N, d)
        style_in = torch.cat([
            self._typed(self.design_proj(c["design_tokens"]), "design"),
            self._typed(refs, "reference"),
            self._typed(self.image_proj(c["image_vecs"]), "image"),
        ], 1)
        style_in_mask = torch.cat([c["design_mask"], c["ref_mask"].reshape(B, -1), c["image_mask"]], 1) & keep_s
        style = self.resampler(style_in, style_in_mask)  # (B, L, d)
        any_style = style_in_mask.any(1, keepdim=True)  # nothing to resample: only the null token
        style = torch.cat([self._typed(self.null_style.expand(B, -1, -1), "null"), style], 1)
        style_mask = torch.cat([ones, any_style.expand(-1, style.shape[1] - 1)], 1)
        return {"prompt": prompt, "prompt_mask": prompt_mask, "style": style, "style_mask": style_mask,
                "pooled": pooled + self.device_emb(c["device"])}
