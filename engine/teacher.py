"""The scene diffusion teacher: a set transformer that denoises a page's blocks.

Each of the N block slots (no positional order: the model is permutation-equivariant over
slots) is one continuous vector:

- the box ``(x, y, w, h)`` mapped from [0, 1] to [-1, 1];
- each categorical attribute (kind, role, style, variant, content) as **analog bits**
  (Chen et al. 2022, "Analog Bits: Generating Discrete Data using Diffusion Models with
  Self-Conditioning"): its vocabulary index in binary, each bit as ±1, decoded by thresholding
  at zero (an index past the vocabulary decodes to 0, "none"). Unused slots carry the null kind
  (index 0: all bits −1), so the model also decides how many blocks a page has, as in layout
  diffusion models (Inoue et al. 2023, "LayoutDM"; Levi et al. 2023, "DLT").

Architecture (Peebles & Xie 2023, "DiT"): the noisy slots are projected to ``d_model``; every
block applies AdaLN-Zero-modulated self-attention across all slots, decoupled cross-attention
to the context (`engine.adapter`), and an AdaLN-Zero-modulated MLP. The conditioning vector of
AdaLN is the timestep embedding plus the pooled prompt and device.

With ``self_condition`` (Analog Bits, Section 3.2) the model also reads its own previous
estimate of the clean slots, concatenated to the noisy input: zeros on a first pass; during
training half the batches first run a gradient-free pass whose estimate is fed back, and a
sampler feeds each step's estimate into the next. Seeing the whole page it is drawing keeps
a set model from drawing the same block twice.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from diffusers.configuration_utils import ConfigMixin, register_to_config
from diffusers.models.embeddings import TimestepEmbedding, Timesteps
from diffusers.models.modeling_utils import ModelMixin
from torch import nn

from engine.adapter import (
    CATEGORIES,
    ContextAdapter,
    DecoupledCrossAttention,
    block_arrays,
)
from engine.blocks import Block

#: Bits per categorical attribute, in `CATEGORIES` order.
BITS: tuple[int, ...] = tuple(max(1, math.ceil(math.log2(len(v)))) for _, v in CATEGORIES)
SLOT_DIM = 4 + sum(BITS)

#: Named architectures; `create_model(name, **overrides)` starts from one (overrides win).
MODEL_CONFIGS: dict[str, dict] = {
    "tiny": {"d_model": 64, "n_layers": 2, "n_heads": 4, "n_style_tokens": 8},
    "small": {"d_model": 128, "n_layers": 4, "n_heads": 4, "n_style_tokens": 16},
}


def create_model(name: str = "small", **overrides) -> SceneTransformer:
    """A fresh `SceneTransformer` from a named config, `overrides` applied on top."""
    if name not in MODEL_CONFIGS:
        raise ValueError(f"unknown model config {name!r} (use {', '.join(MODEL_CONFIGS)})")
    return SceneTransformer(**{**MODEL_CONFIGS[name], **overrides})


# -- slots <-> blocks ------------------------------------------------------------------------------


def _to_bits(idx: np.ndarray, n: int) -> np.ndarray:
    """Integer indices (...,) → analog bits (..., n) in {-1, +1}, most significant first."""
    shifts = np.arange(n - 1, -1, -1)
    return ((idx[..., None] >> shifts) & 1).astype(np.float32) * 2.0 - 1.0


def _from_bits(bits: np.ndarray) -> np.ndarray:
    n = bits.shape[-1]
    weights = 1 << np.arange(n - 1, -1, -1)
    return ((bits > 0).astype(np.int64) * weights).sum(-1)


def encode_slots(blocks: list[Block], n_slots: int) -> tuple[np.ndarray, np.ndarray]:
    """Blocks → ``x0 (n_slots, SLOT_DIM)`` (box, then analog bits) and the used-slot mask."""
    boxes, cats, mask = block_arrays(blocks, n_slots)
    parts = [boxes] + [_to_bits(cats[:, k], n) for k, n in enumerate(BITS)]
    return np.concatenate(parts, -1), mask


def decode_slots(x: np.ndarray) -> list[Block]:
    """``(n_slots, SLOT_DIM)`` → the non-null blocks (boxes clipped to the canvas)."""
    out: list[Block] = []
    boxes = (np.clip(x[:, :4], -1.0, 1.0) + 1.0) / 2.0
    at = 4
    idx = []
    for n in BITS:
        idx.append(_from_bits(x[:, at: at + n]))
        at += n
    for i in range(x.shape[0]):
        vals = []
        for k, (_, vocab) in enumerate(CATEGORIES):
            j = int(idx[k][i])
            vals.append(vocab[j] if j < len(vocab) else vocab[0])
        kind, role, style, variant, content = vals
        bx, by, bw, bh = (float(v) for v in boxes[i])
        if kind == "null" or bw <= 0.002 or bh <= 0.002:
            continue
        bx, by = min(bx, 1.0 - bw), min(by, 1.0 - bh)  # a box that runs off the page slides back in
        out.append(Block(kind=kind, box=(round(bx, 5), round(by, 5), round(bw, 5), round(bh, 5)), role=role,
                         style=style, variant=variant, content=content))
    return out


# -- model -------------------------------------------------------------------------------------------


def _modulate(x: torch.Tensor, shift: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    return x * (1 + scale[:, None]) + shift[:, None]


class SceneBlock(nn.Module):
    """DiT block with AdaLN-Zero, plus decoupled cross-attention to the context."""

    def __init__(self, d: int, heads: int, mlp_ratio: float = 4.0):
        super().__init__()
        self.norm1 = nn.LayerNorm(d, elementwise_affine=False, eps=1e-6)
        self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
        self.norm2 = nn.LayerNorm(d, eps=1e-6)
        self.cross = DecoupledCrossAttention(d, heads)
        self.norm3 = nn.LayerNorm(d, elementwise_affine=False, eps=1e-6)
        hidden = int(d * mlp_ratio)
        self.mlp = nn.Sequential(nn.Linear(d, hidden), nn.GELU(approximate="tanh"), nn.Linear(hidden, d))
        self.ada = nn.Sequential(nn.SiLU(), nn.Linear(d, 6 * d))
        nn.init.zeros_(self.ada[1].weight)
        nn.init.zeros_(self.ada[1].bias)

    def forward(self, x: torch.Tensor, c: torch.Tensor, ctx: dict[str, torch.Tensor],
                style_scale: float) -> torch.Tensor:
        shift1, scale1, gate1, shift2, scale2, gate2 = self.ada(c).chunk(6, -1)  # each (B, d)
        h = _modulate(self.norm1(x), shift1, scale1)
        x = x + gate1[:, None] * self.attn(h, h, h, need_weights=False)[0]
        x = x + self.cross(self.norm2(x), ctx, style_scale)
        x = x + gate2[:, None] * self.mlp(_modulate(self.norm3(x), shift2, scale2))
        return x


class SceneTransformer(ModelMixin, ConfigMixin):
    """Denoiser over ``(B, n_slots, SLOT_DIM)`` block slots under cross-attention to a context.

    ``forward(sample, timestep, context)`` takes the noisy slots, integer timesteps ``(B,)`` and
    a collated context (`engine.adapter.collate_contexts`) and returns the model output in the
    scheduler's parameterisation (``prediction_type``, recorded in the config).
    """

    config_name = "config.json"

    @register_to_config
    def __init__(self, n_slots: int = 48, slot_dim: int = SLOT_DIM, d_model: int = 192, n_layers: int = 6,
                 n_heads: int = 6, mlp_ratio: float = 4.0, n_style_tokens: int = 16,
                 prediction_type: str = "v_prediction", num_train_timesteps: int = 1000,
                 beta_schedule: str = "squaredcos_cap_v2", self_condition: bool = False):
        super().__init__()
        if slot_dim != SLOT_DIM:
            raise ValueError(f"slot_dim {slot_dim} does not match the block vocabularies ({SLOT_DIM})")
        d = d_model
        self.inp = nn.Linear(slot_dim * (2 if self_condition else 1), d)
        self.time_proj = Timesteps(d, flip_sin_to_cos=True, downscale_freq_shift=0)
        self.time_emb = TimestepEmbedding(d, d)
        self.adapter = ContextAdapter(d, n_heads, n_style_tokens)
        self.blocks = nn.ModuleList(SceneBlock(d, n_heads, mlp_ratio) for _ in range(n_layers))
        self.norm_out = nn.LayerNorm(d, elementwise_affine=False, eps=1e-6)
        self.ada_out = nn.Sequential(nn.SiLU(), nn.Linear(d, 2 * d))
        self.out = nn.Linear(d, slot_dim)
        for m in (self.ada_out[1], self.out):
            nn.init.zeros_(m.weight)
            nn.init.zeros_(m.bias)

    def encode_context(self, context: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
        """The adapter's token streams; computed once per sampling run and reused every step."""
        return self.adapter(context)

    def forward(self, sample: torch.Tensor, timestep: torch.Tensor, context: dict[str, torch.Tensor],
                style_scale: float = 1.0, encoded: dict[str, torch.Tensor] | None = None,
                x_self_cond: torch.Tensor | None = None) -> torch.Tensor:
        B = sample.shape[0]
        if timestep.dim() == 0:
            timestep = timestep.expand(B)
        ctx = encoded if encoded is not None else self.adapter(context)
        t = self.time_emb(self.time_proj(timestep).to(sample.dtype))  # (B, d)
        c = t + ctx["pooled"]
        if self.config.self_condition:
            prev = x_self_cond if x_self_cond is not None else torch.zeros_like(sample)
            sample = torch.cat([sample, prev.to(sample.dtype)], -1)
        x = self.inp(sample)  # (B, N, d)
        for blk in self.blocks:
            x = blk(x, c, ctx, style_scale)
        shift, scale = self.ada_out(c).chunk(2, -1)
        return self.out(_modulate(self.norm_out(x), shift, scale))  # (B, N, slot_dim)

    @property
    def alphas_cumprod(self) -> torch.Tensor:
        """``ᾱ_t`` of the model's training noise schedule (float32, computed once)."""
        if getattr(self, "_alphas_cumprod", None) is None:
            self._alphas_cumprod = self.make_scheduler("ddpm").alphas_cumprod.to(torch.float32)
        return self._alphas_cumprod

    def _coefficients(self, timestep, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
        """``√ᾱ_t`` and ``√(1 − ᾱ_t)`` shaped ``(B, 1, 1)`` for an int or ``(B,)`` `timestep`."""
        t = torch.as_tensor(timestep).reshape(-1).long().clamp(0, self.config.num_train_timesteps - 1)
        abar = self.alphas_cumprod[t].to(dtype)[:, None, None]
        return abar.sqrt(), (1 - abar).sqrt()

    def add_noise(self, x0: torch.Tensor, noise: torch.Tensor, timestep) -> torch.Tensor:
        """``√ᾱ_t x0 + √(1 − ᾱ_t) noise``: the point at `timestep` of the path from `noise` to `x0`."""
        a, s = self._coefficients(timestep, x0.dtype)
        return a * x0 + s * noise

    def path_noise(self, sample: torch.Tensor, x0: torch.Tensor, timestep) -> torch.Tensor:
        """The noise that puts `sample` on the straight path to `x0` at `timestep` (inverse of `add_noise`)."""
        a, s = self._coefficients(timestep, sample.dtype)
        return (sample - a * x0) / s

    def predict_x0(self, output: torch.Tensor, sample: torch.Tensor, timestep: torch.Tensor) -> torch.Tensor:
        """The clean-slot estimate implied by a model `output` for noisy `sample` at `timestep` (B,)."""
        a, s = self._coefficients(timestep, sample.dtype)
        kind = self.config.prediction_type
        if kind == "v_prediction":
            return a * sample - s * output
        if kind == "epsilon":
            return (sample - s * output) / a.clamp_min(1e-4)
        return output

    def make_scheduler(self, kind: str = "ddpm"):
        """The diffusers scheduler matching this model's training noise schedule:
        ``ddpm`` (training), ``ddim`` or ``dpm`` (DPM-Solver++ multistep) for sampling."""
        from diffusers import DDIMScheduler, DDPMScheduler, DPMSolverMultistepScheduler

        kw = {"num_train_timesteps": self.config.num_train_timesteps, "beta_schedule": self.config.beta_schedule,
                  "prediction_type": self.config.prediction_type}
        if kind == "ddpm":
            return DDPMScheduler(**kw, clip_sample=False)
        if kind == "ddim":
            return DDIMScheduler(**kw, clip_sample=False, set_alpha_to_one=True)
        if kind == "dpm":
            return DPMSolverMultistepScheduler(**kw)
        raise ValueError(f"unknown scheduler {kind!r} (use ddpm, ddim or dpm)")
