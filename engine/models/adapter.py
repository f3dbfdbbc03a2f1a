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

The context record is built by `conditioning.packing`; the array form of blocks (a box in
``[-1, 1]`` and five category indices) lives in `engine.models.inputs` (no torch) and is
re-exported here; `collate_contexts` is its `collate_arrays` as tensors.
"""


from __future__ import annotations

import torch
from torch import nn

from engine.models.inputs import (  # noqa: F401 - the context record and its encoding are part of the adapter's interface
    CATEGORIES,
    DESIGN_DIM,
    DEVICE_NAMES,
    IMAGE_DIM,
    MAX_BLOCK_POSITIONS,
    MAX_DESIGN_TOKENS,
    MAX_IMAGES,
    MAX_PROMPT_TOKENS,
    MAX_REFERENCES,
    PLAN_DIM,
    PROMPT_DIM,
    ContextInputs,
    block_arrays,
    collate_arrays,
)
from engine.models.slots import GATE_SCALE, pictured_slots

# -- batching --------------------------------------------------------------------------------------


def collate_contexts(contexts: list[ContextInputs], devices: list[str] | None = None,
                     ref_slots: int = 48) -> dict[str, torch.Tensor]:
    """A batch of contexts as padded tensors with boolean masks (True = a real token):
    `engine.models.inputs.collate_arrays` as tensors."""
    return {k: torch.from_numpy(v) for k, v in collate_arrays(contexts, devices, ref_slots).items()}


# -- modules ---------------------------------------------------------------------------------------


class BlockEmbedding(nn.Module):
    """A block as one d-vector: a linear map of its box plus an embedding per category. A model
    of the first kind vocabulary (`n_kinds` < ``len(BLOCK_KINDS)``) reads newer kinds as null."""

    def __init__(self, d: int, n_kinds: int | None = None):
        super().__init__()
        self.box = nn.Linear(4, d)
        self.cats = nn.ModuleList(nn.Embedding(n_kinds if k == 0 and n_kinds else len(v), d)
                                  for k, (_, v) in enumerate(CATEGORIES))

    def forward(self, boxes: torch.Tensor, cats: torch.Tensor) -> torch.Tensor:
        h = self.box(boxes)  # (..., d)
        for k, emb in enumerate(self.cats):
            idx = cats[..., k]
            if k == 0:
                idx = torch.where(idx < emb.num_embeddings, idx, torch.zeros_like(idx))
            h = h + emb(idx)
        return h


class LayoutEncoder(nn.Module):
    """A 2-layer set transformer over a reference layout's blocks → one token per block."""

    def __init__(self, d: int, heads: int, layers: int = 2, n_kinds: int | None = None, positions: bool = False):
        super().__init__()
        self.embed = BlockEmbedding(d, n_kinds)
        #: a learned embedding of each block's place in its reference, in reading order (zero at first)
        self.pos = nn.Parameter(torch.zeros(MAX_BLOCK_POSITIONS, d)) if positions else None
        layer = nn.TransformerEncoderLayer(d, heads, 2 * d, dropout=0.0, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)

    def forward(self, boxes: torch.Tensor, cats: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        B, R, N, _ = boxes.shape
        h = self.embed(boxes.reshape(B * R, N, 4), cats.reshape(B * R, N, -1))  # (B·R, N, d)
        if self.pos is not None:
            h = h + self.pos[:N]
        m = mask.reshape(B * R, N)
        empty = ~m.any(1)
        m = m.clone()
        m[empty, 0] = True  # an empty reference attends to one slot instead of to nothing
        h = self.encoder(h, src_key_padding_mask=~m)
        return h.reshape(B, R * N, -1)


class ReferenceSlots(nn.Module):
    """A direct path from a pictured reference into the slots, beside cross-attention.

    The reference is the first one marked ``ref_pictured`` (the screen asked for: the reading of
    a request image that matches the prompt). Slots and reference blocks are both
    in reading order (`scene.blocks.reading_order`), so slot k meets the reference's k-th block:

    - **pushes**: the block is embedded and added to the slot's features before every
      transformer block, through one zero-initialised linear map each (as ControlNet adds its
      condition's features to a frozen network's, Zhang et al. 2023);
    - **copy gate**: from the slot's final features and its block, a gate ``g`` per slot and
      slot dimension mixes the network's clean-slot estimate with the block's own slot row, as a
      pointer-generator network mixes generating with copying (See et al. 2017):
      ``x̂0 = (1 − g)·x̂0_net + g·x0_ref`` (applied to the output in the model's
      parameterisation). ``g`` starts near zero (``sigmoid(−4)``) and is learned, so the model
      decides how far to trust each block, a reader's misreading included.

    A context with no pictured reference, or whose style stream is dropped, goes through neither:
    such answers are exactly those of the model without the path."""

    GATE_START = -0.5  # bias at first: logit −4 (`engine.models.slots.GATE_SCALE` times it), gate ≈ 0.018

    def __init__(self, d: int, n_layers: int, n_kinds: int | None = None, slot_dim: int = 27):
        super().__init__()
        self.embed = BlockEmbedding(d, n_kinds)
        self.time = nn.Linear(d, d)  # the timestep and pooled conditioning, so the push depends on the noise level
        self.inject = nn.ModuleList(nn.Linear(d, d) for _ in range(n_layers))
        for m in self.inject:
            nn.init.zeros_(m.weight)
            nn.init.zeros_(m.bias)
        self.gate = nn.Linear(2 * d, slot_dim)
        nn.init.zeros_(self.gate.weight)
        nn.init.constant_(self.gate.bias, self.GATE_START)

    def encode(self, c: dict[str, torch.Tensor], n_slots: int, slot_dim: int) -> dict[str, torch.Tensor]:
        """Each slot's block of the first pictured reference: ``slot_ref`` (B, n_slots, d)
        embedded, ``slot_ref_x0`` (B, n_slots, slot_dim) as a slot row, ``slot_ref_on``
        (B, n_slots) whether it has a block, ``slot_ref_row`` (B,) whether the row has a pictured
        reference; empty when no row has."""
        pic = c.get("ref_pictured")
        if pic is None or not bool(pic.any()):
            return {}
        boxes, cats, keep, row_on, x0 = pictured_slots(
            c["ref_boxes"].numpy(), c["ref_cats"].numpy(), c["ref_mask"].numpy(), pic.numpy(), c["drop_style"].numpy(),
            n_slots, slot_dim)
        dtype = self.time.weight.dtype
        h = torch.zeros(len(pic), n_slots, self.time.in_features, dtype=dtype)
        h[:, :boxes.shape[1]] = self.embed(torch.from_numpy(boxes), torch.from_numpy(cats))
        keep, row_on, x0 = torch.from_numpy(keep), torch.from_numpy(row_on), torch.from_numpy(x0).to(dtype)
        return {"slot_ref": h, "slot_ref_x0": x0, "slot_ref_on": keep, "slot_ref_row": row_on}

    def _features(self, ctx: dict[str, torch.Tensor], c: torch.Tensor, n: int) -> torch.Tensor:
        return nn.functional.silu(ctx["slot_ref"][:, :n] + self.time(c)[:, None])

    def forward(self, ctx: dict[str, torch.Tensor], c: torch.Tensor, layer: int, n: int) -> torch.Tensor | None:
        """What block `layer` adds to the first `n` slots, or None when nothing is pictured."""
        if "slot_ref" not in ctx:
            return None
        return self.inject[layer](self._features(ctx, c, n)) * ctx["slot_ref_on"][:, :n, None].to(c.dtype)

    def gate_of(self, ctx: dict[str, torch.Tensor], c: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
        """The copy gate ``(B, n, slot_dim)`` for slots with final (normalised) features `h`;
        zero on rows with no pictured reference."""
        n = h.shape[1]
        z = GATE_SCALE * self.gate(torch.cat([h, self._features(ctx, c, n)], -1))
        return torch.sigmoid(z) * ctx["slot_ref_row"][:, None, None].to(h.dtype)


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

    Returns ``{"prompt": (B, 2+Tp+1[+Tq], d), "prompt_mask", "style": (B, 1+L, d), "style_mask",
    "pooled": (B, d)}``; the first token of each stream is a learned null token that is always
    visible, so a dropped stream still has something to attend to. With `plan_tokens`, the page
    plan's sections (`conditioning.packing.plan_rows`) join the prompt stream, one token each
    (``plan_proj``; its bias tells them from the other tokens), and are dropped with the prompt.
    With `context_in_prompt`, the reference-layout tokens (one per block) and the image tokens
    also join the prompt stream as they are, not resampled, so every block of a reference is
    attended to directly; they are dropped with the style stream.
    """

    TYPES = ("null", "prompt_vec", "prompt_token", "device", "design", "reference", "image")

    def __init__(self, d: int, heads: int, n_style_tokens: int = 16, n_kinds: int | None = None,
                 plan_tokens: bool = False, context_in_prompt: bool = False, block_positions: bool = False,
                 reference_marks: bool = False):
        super().__init__()
        self.context_in_prompt = context_in_prompt
        #: added to every block token of a pictured reference (``ref_pictured``; zero at first)
        self.pictured = nn.Parameter(torch.zeros(d)) if reference_marks else None
        self.plan_proj = nn.Linear(PLAN_DIM, d) if plan_tokens else None
        self.type_emb = nn.Embedding(len(self.TYPES), d)
        self.prompt_proj = nn.Linear(PROMPT_DIM, d)
        self.prompt_vec_proj = nn.Linear(PROMPT_DIM, d)
        self.design_proj = nn.Linear(DESIGN_DIM, d)
        self.image_proj = nn.Linear(IMAGE_DIM, d)
        self.device_emb = nn.Embedding(len(DEVICE_NAMES), d)
        self.layout = LayoutEncoder(d, heads, n_kinds=n_kinds, positions=block_positions)
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
        if self.plan_proj is not None and "plan_tokens" in c:
            prompt = torch.cat([prompt, self.plan_proj(c["plan_tokens"])], 1)
            prompt_mask = torch.cat([prompt_mask, c["plan_mask"] & keep_p], 1)
        refs = self._typed(self.layout(c["ref_boxes"], c["ref_cats"], c["ref_mask"]), "reference")  # (B, R·N, d)
        if self.pictured is not None and "ref_pictured" in c:
            R = c["ref_boxes"].shape[1]
            marks = c["ref_pictured"].to(refs.dtype).repeat_interleave(refs.shape[1] // R, dim=1)  # (B, R·N)
            refs = refs + marks[..., None] * self.pictured
        images = self._typed(self.image_proj(c["image_vecs"]), "image")
        if self.context_in_prompt:
            prompt = torch.cat([prompt, refs, images], 1)
            prompt_mask = torch.cat([prompt_mask, c["ref_mask"].reshape(B, -1) & keep_s, c["image_mask"] & keep_s], 1)
        style_in = torch.cat([self._typed(self.design_proj(c["design_tokens"]), "design"), refs, images], 1)
        style_in_mask = torch.cat([c["design_mask"], c["ref_mask"].reshape(B, -1), c["image_mask"]], 1) & keep_s
        style = self.resampler(style_in, style_in_mask)  # (B, L, d)
        any_style = style_in_mask.any(1, keepdim=True)  # nothing to resample: only the null token
        style = torch.cat([self._typed(self.null_style.expand(B, -1, -1), "null"), style], 1)
        style_mask = torch.cat([ones, any_style.expand(-1, style.shape[1] - 1)], 1)
        return {"prompt": prompt, "prompt_mask": prompt_mask, "style": style, "style_mask": style_mask,
                "pooled": pooled + self.device_emb(c["device"])}
