"""The scene denoiser's network in plain PyTorch, and the slot encoding it works on.

`engine.models.teacher.SceneTransformer` is this network as a diffusers model (``ModelMixin`` and
``ConfigMixin``: ``save_pretrained``/``from_pretrained``, what training and distillation use).
Generating needs none of diffusers: `engine.models.loading.load_scene_model(folder)` reads the same ``config.json``
and ``diffusion_pytorch_model.safetensors`` into `SceneNet`, the same layers under the same
parameter names, so a cold ``onbrand generate`` does not import diffusers (nor the
``torch._dynamo`` and transformers it pulls in). The sinusoidal timestep projection and its MLP
are written out here with diffusers' parameter names and numerics, and the cosine noise
schedule (``squaredcos_cap_v2``) is computed directly; other schedules and the samplers' DDIM
steps still come from diffusers' schedulers (`make_scheduler`).

See `engine.models.teacher` for the slot encoding and the architecture.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import torch
from torch import nn

from engine.models.adapter import ContextAdapter, DecoupledCrossAttention, ReferenceSlots
from engine.models.slots import (  # noqa: F401 - the slot encoding is part of the network's interface
    BITS,
    DEFAULT_CONFIG,
    SLOT_DIM,
    WEIGHTS_NAME,
    decode_slots,
    encode_slots,
    kind_vocab,
    output_for_x0,
)

# -- noise schedule and timestep embedding ----------------------------------------------------------


def cosine_alphas_cumprod(T: int = 1000) -> torch.Tensor:
    """``ᾱ_t`` of the cosine schedule (Nichol & Dhariwal 2021) with betas capped at 0.999, as
    diffusers' ``squaredcos_cap_v2`` computes it (float32 betas, float32 cumulative product)."""
    def abar(t: float) -> float:
        return math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2

    betas = torch.tensor([min(1 - abar((i + 1) / T) / abar(i / T), 0.999) for i in range(T)], dtype=torch.float32)
    return torch.cumprod(1.0 - betas, dim=0)


class SinusoidalTimesteps(nn.Module):
    """Integer timesteps → sinusoidal features (cosines first), frequencies
    ``exp(−ln(10000)·k/(dim/2))`` as in diffusers' ``Timesteps(dim, flip_sin_to_cos=True,
    downscale_freq_shift=0)``."""

    def __init__(self, dim: int):
        super().__init__()
        self.dim = dim

    def forward(self, t: torch.Tensor) -> torch.Tensor:
        half = self.dim // 2
        freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
        ang = t[:, None].float() * freqs[None]
        emb = torch.cat([torch.cos(ang), torch.sin(ang)], dim=-1)
        return nn.functional.pad(emb, (0, 1)) if self.dim % 2 else emb


class TimestepMLP(nn.Module):
    """Linear → SiLU → Linear (diffusers' ``TimestepEmbedding``, same parameter names)."""

    def __init__(self, dim_in: int, dim: int):
        super().__init__()
        self.linear_1 = nn.Linear(dim_in, dim)
        self.act = nn.SiLU()
        self.linear_2 = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear_2(self.act(self.linear_1(x)))


# -- network -----------------------------------------------------------------------------------------


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


class SceneNetMixin:
    """The denoiser's layers, forward pass and noise-schedule helpers, shared by `SceneNet`
    (plain PyTorch) and `engine.models.teacher.SceneTransformer` (the diffusers model). A subclass
    calls `_build` from its constructor and provides ``config``."""

    def _build(self, n_slots: int, slot_dim: int, d_model: int, n_layers: int, n_heads: int, mlp_ratio: float,
               n_style_tokens: int, prediction_type: str, num_train_timesteps: int, beta_schedule: str,
               self_condition: bool, plan_tokens: bool = False, image_conditioning: bool = False,
               context_in_prompt: bool = False, slot_positions: bool = False,
               reference_marks: bool = False, reference_slots: bool = False) -> None:
        """The layers for a full set of `DEFAULT_CONFIG` arguments (the subclass fills in defaults).
        The slot width says which block-kind vocabulary the model knows (`slot_bits`).
        `image_conditioning` adds no layer: it records that the model was trained to read the
        descriptors of reference images (``adapter.image_proj``); a model without it is given none.
        `context_in_prompt` adds no layer either: the reference-layout and image tokens also join
        the prompt stream, each attended to directly (`engine.models.adapter.ContextAdapter`).
        `slot_positions` gives every slot, and every block of a reference layout, a learned
        embedding of its place in reading order (``slot_pos``, ``adapter.layout.pos``; zero at
        first, so a model started from one without them answers as before): the k-th slot can then
        find the k-th block of a reference, which a set of identical slots cannot at high noise.
        `reference_marks` adds one learned vector (``adapter.pictured``, zero at first) to the
        tokens of a reference layout read from a picture of the screen asked for (a request
        image), so the model can tell it from a page to take after.
        `reference_slots` adds a direct path from that pictured reference's k-th block to the
        k-th slot before every transformer block (`engine.models.adapter.ReferenceSlots`, zero
        at first), so the model can copy a pictured layout without finding it by attention."""
        n_kinds = kind_vocab(slot_dim)  # ValueError for a width that matches no vocabulary
        d = d_model
        self.inp = nn.Linear(slot_dim * (2 if self_condition else 1), d)
        self.time_proj = SinusoidalTimesteps(d)
        self.time_emb = TimestepMLP(d, d)
        self.adapter = ContextAdapter(d, n_heads, n_style_tokens, n_kinds=n_kinds, plan_tokens=plan_tokens,
                                      context_in_prompt=context_in_prompt, block_positions=slot_positions,
                                      reference_marks=reference_marks)
        self.slot_pos = nn.Parameter(torch.zeros(n_slots, d)) if slot_positions else None
        self.ref_slots = ReferenceSlots(d, n_layers, n_kinds, slot_dim) if reference_slots else None
        self.blocks = nn.ModuleList(SceneBlock(d, n_heads, mlp_ratio) for _ in range(n_layers))
        self.norm_out = nn.LayerNorm(d, elementwise_affine=False, eps=1e-6)
        self.ada_out = nn.Sequential(nn.SiLU(), nn.Linear(d, 2 * d))
        self.out = nn.Linear(d, slot_dim)
        for m in (self.ada_out[1], self.out):
            nn.init.zeros_(m.weight)
            nn.init.zeros_(m.bias)

    def encode_context(self, context: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
        """The adapter's token streams (and the pictured reference's blocks per slot, for a
        model with `reference_slots`); computed once per sampling run and reused every step."""
        ctx = self.adapter(context)
        if self.ref_slots is not None:
            ctx.update(self.ref_slots.encode(context, self.config.n_slots, self.config.slot_dim))
        return ctx

    def forward(self, sample: torch.Tensor, timestep: torch.Tensor, context: dict[str, torch.Tensor],
                style_scale: float = 1.0, encoded: dict[str, torch.Tensor] | None = None,
                x_self_cond: torch.Tensor | None = None) -> torch.Tensor:
        B = sample.shape[0]
        if timestep.dim() == 0:
            timestep = timestep.expand(B)
        ctx = encoded if encoded is not None else self.encode_context(context)
        t = self.time_emb(self.time_proj(timestep).to(sample.dtype))  # (B, d)
        c = t + ctx["pooled"]
        xt = sample
        if self.config.self_condition:
            prev = x_self_cond if x_self_cond is not None else torch.zeros_like(sample)
            sample = torch.cat([sample, prev.to(sample.dtype)], -1)
        x = self.inp(sample)  # (B, N, d)
        if self.slot_pos is not None:
            x = x + self.slot_pos[: x.shape[1]]
        for i, blk in enumerate(self.blocks):
            if self.ref_slots is not None:
                push = self.ref_slots(ctx, c, i, x.shape[1])
                if push is not None:
                    x = x + push
            x = blk(x, c, ctx, style_scale)
        shift, scale = self.ada_out(c).chunk(2, -1)
        h = self.norm_out(x)
        out = self.out(_modulate(h, shift, scale))  # (B, N, slot_dim)
        if self.ref_slots is not None and "slot_ref" in ctx:  # the copy gate of a pictured reference
            g = self.ref_slots.gate_of(ctx, c, h)
            copy = self.output_for_x0(xt, ctx["slot_ref_x0"][:, : xt.shape[1]], timestep)
            out = out + g * (copy - out)
        return out

    def output_for_x0(self, sample: torch.Tensor, x0: torch.Tensor, timestep: torch.Tensor) -> torch.Tensor:
        """The model output whose clean-slot estimate (`predict_x0`) for `sample` is `x0`."""
        a, s = self._coefficients(timestep, sample.dtype)
        return output_for_x0(self.config.prediction_type, a, s, sample, x0)

    @property
    def alphas_cumprod(self) -> torch.Tensor:
        """``ᾱ_t`` of the model's training noise schedule (float32, computed once; the cosine
        schedule without diffusers, any other through its scheduler)."""
        if getattr(self, "_alphas_cumprod", None) is None:
            T = self.config.num_train_timesteps
            if self.config.beta_schedule == "squaredcos_cap_v2":
                self._alphas_cumprod = cosine_alphas_cumprod(T)
            else:
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


class SceneNet(SceneNetMixin, nn.Module):
    """The denoiser in plain PyTorch: `engine.models.teacher.SceneTransformer` without diffusers.
    ``SceneNet(**config)`` takes the arguments of `DEFAULT_CONFIG`; ``config`` reads them back."""

    def __init__(self, **config):
        nn.Module.__init__(self)
        unknown = set(config) - set(DEFAULT_CONFIG)
        if unknown:
            raise TypeError(f"unknown SceneNet arguments: {', '.join(sorted(unknown))}")
        cfg = {**DEFAULT_CONFIG, **config}
        if cfg["slot_dim"] is None:
            cfg["slot_dim"] = SLOT_DIM
        self._config = SimpleNamespace(**cfg)
        self._build(**cfg)

    @property
    def config(self) -> SimpleNamespace:
        return self._config
