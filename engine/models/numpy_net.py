"""The scene denoiser in numpy: `engine.models.scene_net.SceneNet` for inference without torch.

`load_numpy_scene_model(folder)` reads the same ``config.json`` and
``diffusion_pytorch_model.safetensors`` as `engine.models.loading.load_scene_model`, with
``safetensors.numpy``, into `NumpySceneNet`: the context adapter (prompt and style streams,
the reference-layout encoder, the Perceiver resampler), the DiT blocks with decoupled
cross-attention, the timestep embedding and the cosine noise schedule, computed as the PyTorch
layers compute them (outputs agree to float precision; the tests hold the two to 1e-4). The
arrays stay in PyTorch's layout, so loading is one read of the file. A cold ``onbrand generate``
with the student runs on it and never imports torch (`benchmarks.bench_generate --cold`:
4.5 s and 773 MiB on the PyTorch path, 1.6 s and 283 MiB on this one).

What it cannot load (another noise schedule, weights in another file format, an architecture
whose parameters do not match the config) raises `NumpyLoadError`; the caller then loads the
model with PyTorch (`engine.models.loading.load_scene_model`).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from engine.models.inputs import (
    CATEGORIES,
    DESIGN_DIM,
    DEVICE_NAMES,
    IMAGE_DIM,
    MAX_BLOCK_POSITIONS,
    PLAN_DIM,
    PROMPT_DIM,
)
from engine.models.slots import (
    DEFAULT_CONFIG,
    GATE_SCALE,
    SLOT_DIM,
    WEIGHTS_NAME,
    cosine_alphas_cumprod,
    kind_vocab,
    output_for_x0,
    pictured_slots,
)
from ingest.nn_numpy import (
    gelu,
    gelu_tanh,
    layer_norm,
    linear,
    multihead_attention,
    relu,
    silu,
)

#: The token types of the context adapter, in `engine.models.adapter.ContextAdapter.TYPES` order.
TYPES = ("null", "prompt_vec", "prompt_token", "device", "design", "reference", "image")
LAYOUT_LAYERS = 2  # `engine.models.adapter.LayoutEncoder`
RESAMPLER_LAYERS = 2  # `engine.models.adapter.Resampler`


class NumpyLoadError(ValueError):
    """A model folder the numpy network cannot run, with a one-line reason."""


def expected_shapes(cfg: SimpleNamespace) -> dict[str, tuple[int, ...]]:
    """Every parameter of `SceneNet(**config)` and its shape (the checkpoint's keys)."""
    d, s = cfg.d_model, cfg.slot_dim
    hidden = int(d * cfg.mlp_ratio)
    shapes: dict[str, tuple[int, ...]] = {}

    def lin(name: str, n_in: int, n_out: int) -> None:
        shapes[f"{name}.weight"], shapes[f"{name}.bias"] = (n_out, n_in), (n_out,)

    def mha(name: str) -> None:
        shapes[f"{name}.in_proj_weight"], shapes[f"{name}.in_proj_bias"] = (3 * d, d), (3 * d,)
        lin(f"{name}.out_proj", d, d)

    def norm(name: str) -> None:
        shapes[f"{name}.weight"], shapes[f"{name}.bias"] = (d,), (d,)

    lin("inp", s * (2 if cfg.self_condition else 1), d)
    lin("time_emb.linear_1", d, d)
    lin("time_emb.linear_2", d, d)
    a = "adapter"
    shapes[f"{a}.type_emb.weight"] = (len(TYPES), d)
    lin(f"{a}.prompt_proj", PROMPT_DIM, d)
    lin(f"{a}.prompt_vec_proj", PROMPT_DIM, d)
    lin(f"{a}.design_proj", DESIGN_DIM, d)
    lin(f"{a}.image_proj", IMAGE_DIM, d)
    shapes[f"{a}.device_emb.weight"] = (len(DEVICE_NAMES), d)
    lin(f"{a}.layout.embed.box", 4, d)
    if getattr(cfg, "slot_positions", False):
        shapes["slot_pos"] = (cfg.n_slots, d)
        shapes[f"{a}.layout.pos"] = (MAX_BLOCK_POSITIONS, d)
    if getattr(cfg, "reference_marks", False):
        shapes[f"{a}.pictured"] = (d,)
    if getattr(cfg, "reference_slots", False):
        lin("ref_slots.embed.box", 4, d)
        for k, (_, vocab) in enumerate(CATEGORIES):
            shapes[f"ref_slots.embed.cats.{k}.weight"] = (kind_vocab(s) if k == 0 else len(vocab), d)
        lin("ref_slots.time", d, d)
        for i in range(cfg.n_layers):
            lin(f"ref_slots.inject.{i}", d, d)
        lin("ref_slots.gate", 2 * d, s)
    if getattr(cfg, "plan_tokens", False):
        lin(f"{a}.plan_proj", PLAN_DIM, d)
    for k, (_, vocab) in enumerate(CATEGORIES):
        shapes[f"{a}.layout.embed.cats.{k}.weight"] = (kind_vocab(s) if k == 0 else len(vocab), d)
    for i in range(LAYOUT_LAYERS):
        p = f"{a}.layout.encoder.layers.{i}"
        mha(f"{p}.self_attn")
        lin(f"{p}.linear1", d, 2 * d)
        lin(f"{p}.linear2", 2 * d, d)
        norm(f"{p}.norm1")
        norm(f"{p}.norm2")
    shapes[f"{a}.resampler.latents"] = (1, cfg.n_style_tokens, d)
    for i in range(RESAMPLER_LAYERS):
        p = f"{a}.resampler.layers.{i}"
        norm(f"{p}.0")
        norm(f"{p}.1")
        mha(f"{p}.2")
        norm(f"{p}.3.0")
        lin(f"{p}.3.1", d, 2 * d)
        lin(f"{p}.3.3", 2 * d, d)
    norm(f"{a}.resampler.norm")
    shapes[f"{a}.null_prompt"] = shapes[f"{a}.null_style"] = (1, 1, d)
    for i in range(cfg.n_layers):
        p = f"blocks.{i}"
        mha(f"{p}.attn")
        norm(f"{p}.norm2")
        mha(f"{p}.cross.prompt_attn")
        mha(f"{p}.cross.style_attn")
        lin(f"{p}.mlp.0", d, hidden)
        lin(f"{p}.mlp.2", hidden, d)
        lin(f"{p}.ada.1", d, 6 * d)
    lin("ada_out.1", d, 2 * d)
    lin("out", d, s)
    return shapes


def _modulate(x: np.ndarray, shift: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return x * (1 + scale[:, None]) + shift[:, None]


class NumpySceneNet:
    """The denoiser's forward pass, context encoding and noise-schedule helpers on numpy arrays,
    with the interface of `engine.models.scene_net.SceneNetMixin` that sampling uses
    (`encode_context`, calling it, `predict_x0`, `add_noise`, `path_noise`, ``config``).
    The context is `engine.models.inputs.collate_arrays` output."""

    backend = "numpy"

    def __init__(self, config: SimpleNamespace, weights: dict[str, np.ndarray]):
        self.config = config
        self.w = weights
        self.alphas_cumprod = cosine_alphas_cumprod(config.num_train_timesteps)

    # -- layers ----------------------------------------------------------------------------------

    def _lin(self, name: str, x: np.ndarray) -> np.ndarray:
        return linear(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"])

    def _norm(self, name: str, x: np.ndarray, eps: float = 1e-5) -> np.ndarray:
        return layer_norm(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"], eps)

    def _mha(self, name: str, q: np.ndarray, kv: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
        w = self.w
        return multihead_attention(q, kv, w[f"{name}.in_proj_weight"], w[f"{name}.in_proj_bias"],
                                   w[f"{name}.out_proj.weight"], w[f"{name}.out_proj.bias"],
                                   self.config.n_heads, keep)

    def _typed(self, x: np.ndarray, name: str) -> np.ndarray:
        return x + self.w["adapter.type_emb.weight"][TYPES.index(name)]

    def _embed_blocks(self, p: str, boxes: np.ndarray, cats: np.ndarray) -> np.ndarray:
        """`BlockEmbedding` `p`: boxes ``(…, 4)`` and category indices ``(…, 5)`` → ``(…, d)``."""
        h = self._lin(f"{p}.box", boxes)
        for k in range(len(CATEGORIES)):
            table = self.w[f"{p}.cats.{k}.weight"]
            idx = cats[..., k]
            if k == 0:  # kinds newer than the model's vocabulary read as null
                idx = np.where(idx < len(table), idx, 0)
            h = h + table[idx]
        return h

    def _reference_slots(self, c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """`ReferenceSlots.encode`: the first pictured reference's k-th block for slot k."""
        pic = c.get("ref_pictured")
        if "ref_slots.time.weight" not in self.w or pic is None or not pic.any():
            return {}
        N = self.config.n_slots
        boxes, cats, keep, row_on, x0 = pictured_slots(c["ref_boxes"], c["ref_cats"], c["ref_mask"], pic,
                                                       c["drop_style"], N, self.config.slot_dim)
        h = np.zeros((len(pic), N, self.config.d_model), np.float32)
        h[:, :boxes.shape[1]] = self._embed_blocks("ref_slots.embed", boxes, cats)
        return {"slot_ref": h, "slot_ref_x0": x0, "slot_ref_on": keep, "slot_ref_row": row_on}

    def _layout(self, boxes: np.ndarray, cats: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """`LayoutEncoder`: reference blocks ``(B, R, N, …)`` → ``(B, R·N, d)`` tokens."""
        B, R, N, _ = boxes.shape
        p = "adapter.layout"
        h = self._embed_blocks(f"{p}.embed", boxes.reshape(B * R, N, 4), cats.reshape(B * R, N, -1))
        if f"{p}.pos" in self.w:
            h = h + self.w[f"{p}.pos"][:N]
        m = mask.reshape(B * R, N).copy()
        m[~m.any(1), 0] = True  # an empty reference attends to one slot instead of to nothing
        for i in range(LAYOUT_LAYERS):  # pre-norm encoder layers, ReLU feed-forward
            q = f"{p}.encoder.layers.{i}"
            n1 = self._norm(f"{q}.norm1", h)
            h = h + self._mha(f"{q}.self_attn", n1, n1, m)
            h = h + self._lin(f"{q}.linear2", relu(self._lin(f"{q}.linear1", self._norm(f"{q}.norm2", h))))
        return h.reshape(B, R * N, -1)

    def _resample(self, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """`Resampler`: learned latents cross-attend to `x` (and to themselves)."""
        B = x.shape[0]
        p = "adapter.resampler"
        lat = np.broadcast_to(self.w[f"{p}.latents"], (B,) + self.w[f"{p}.latents"].shape[1:])
        keep = np.concatenate([mask, np.ones((B, lat.shape[1]), bool)], 1)
        for i in range(RESAMPLER_LAYERS):
            q_ = f"{p}.layers.{i}"
            q = self._norm(f"{q_}.1", lat)
            kv = np.concatenate([self._norm(f"{q_}.0", x), q], 1)
            lat = lat + self._mha(f"{q_}.2", q, kv, keep)
            lat = lat + self._lin(f"{q_}.3.3", gelu(self._lin(f"{q_}.3.1", self._norm(f"{q_}.3.0", lat))))
        return self._norm(f"{p}.norm", lat)

    # -- the model -------------------------------------------------------------------------------

    def encode_context(self, c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """`ContextAdapter`: the prompt and style token streams and the pooled vector."""
        w = self.w
        B = c["prompt_tokens"].shape[0]
        ones = np.ones((B, 1), bool)
        keep_p = ~c["drop_prompt"][:, None]
        keep_s = ~c["drop_style"][:, None]
        pooled = self._lin("adapter.prompt_vec_proj", c["prompt_vec"]) * keep_p
        device = w["adapter.device_emb.weight"][c["device"]]  # (B, d)
        d = pooled.shape[-1]
        prompt = np.concatenate([
            self._typed(np.broadcast_to(w["adapter.null_prompt"], (B, 1, d)), "null"),
            self._typed(pooled[:, None], "prompt_vec"),
            self._typed(self._lin("adapter.prompt_proj", c["prompt_tokens"]), "prompt_token"),
            self._typed(device[:, None], "device"),
        ], 1)
        prompt_mask = np.concatenate([ones, keep_p, c["prompt_mask"] & keep_p, ones], 1)
        if "adapter.plan_proj.weight" in w and "plan_tokens" in c:
            prompt = np.concatenate([prompt, self._lin("adapter.plan_proj", c["plan_tokens"])], 1)
            prompt_mask = np.concatenate([prompt_mask, c["plan_mask"] & keep_p], 1)
        refs = self._typed(self._layout(c["ref_boxes"], c["ref_cats"], c["ref_mask"]), "reference")
        if "adapter.pictured" in w and "ref_pictured" in c:  # a reference read from a picture of the screen
            R = c["ref_boxes"].shape[1]
            marks = np.repeat(c["ref_pictured"].astype(np.float32), refs.shape[1] // R, axis=1)
            refs = refs + marks[..., None] * w["adapter.pictured"]
        images = self._typed(self._lin("adapter.image_proj", c["image_vecs"]), "image")
        if getattr(self.config, "context_in_prompt", False):  # each block and image attended to directly
            prompt = np.concatenate([prompt, refs, images], 1)
            prompt_mask = np.concatenate([prompt_mask, c["ref_mask"].reshape(B, -1) & keep_s,
                                          c["image_mask"] & keep_s], 1)
        style_in = np.concatenate([self._typed(self._lin("adapter.design_proj", c["design_tokens"]), "design"),
                                   refs, images], 1)
        style_in_mask = np.concatenate([c["design_mask"], c["ref_mask"].reshape(B, -1), c["image_mask"]], 1) & keep_s
        style = self._resample(style_in, style_in_mask)
        any_style = style_in_mask.any(1, keepdims=True)
        style = np.concatenate([self._typed(np.broadcast_to(w["adapter.null_style"], (B, 1, d)), "null"), style], 1)
        style_mask = np.concatenate([ones, np.broadcast_to(any_style, (B, style.shape[1] - 1))], 1)
        return {"prompt": prompt, "prompt_mask": prompt_mask, "style": style, "style_mask": style_mask,
                "pooled": pooled + device, **self._reference_slots(c)}

    def time_embedding(self, timestep: np.ndarray) -> np.ndarray:
        """Sinusoidal features (cosines first) of integer timesteps ``(B,)`` through the MLP."""
        d = self.config.d_model
        half = d // 2
        freqs = np.exp(np.float32(-math.log(10000)) * np.arange(half, dtype=np.float32) / np.float32(half))
        ang = np.asarray(timestep, np.float32)[:, None] * freqs[None]
        emb = np.concatenate([np.cos(ang), np.sin(ang)], -1)
        if d % 2:
            emb = np.pad(emb, ((0, 0), (0, 1)))
        return self._lin("time_emb.linear_2", silu(self._lin("time_emb.linear_1", emb)))

    def __call__(self, sample: np.ndarray, timestep, context: dict[str, np.ndarray] | None = None,
                 style_scale: float = 1.0, encoded: dict[str, np.ndarray] | None = None,
                 x_self_cond: np.ndarray | None = None) -> np.ndarray:
        """The model output for `sample` ``(B, N, slot_dim)`` at `timestep` (int or ``(B,)``)."""
        cfg = self.config
        B = sample.shape[0]
        timestep = np.broadcast_to(np.asarray(timestep, np.int64).reshape(-1), (B,))
        ctx = encoded if encoded is not None else self.encode_context(context)
        c = self.time_embedding(timestep) + ctx["pooled"]  # (B, d)
        xt = sample
        if cfg.self_condition:
            prev = x_self_cond if x_self_cond is not None else np.zeros_like(sample)
            sample = np.concatenate([sample, prev.astype(sample.dtype)], -1)
        x = self._lin("inp", sample)
        if "slot_pos" in self.w:
            x = x + self.w["slot_pos"][: x.shape[1]]
        ada_c = silu(c)
        slot_ref = None
        if "slot_ref" in ctx:  # `ReferenceSlots`: the pictured reference's blocks, pushed into their slots
            n = x.shape[1]
            slot_ref = silu(ctx["slot_ref"][:, :n] + self._lin("ref_slots.time", c)[:, None])
            slot_on = ctx["slot_ref_on"][:, :n, None].astype(np.float32)
        for i in range(cfg.n_layers):
            p = f"blocks.{i}"
            if slot_ref is not None:
                x = x + self._lin(f"ref_slots.inject.{i}", slot_ref) * slot_on
            shift1, scale1, gate1, shift2, scale2, gate2 = np.split(self._lin(f"{p}.ada.1", ada_c), 6, -1)
            h = _modulate(layer_norm(x, eps=1e-6), shift1, scale1)
            x = x + gate1[:, None] * self._mha(f"{p}.attn", h, h)
            n2 = self._norm(f"{p}.norm2", x, 1e-6)
            cross = self._mha(f"{p}.cross.prompt_attn", n2, ctx["prompt"], ctx["prompt_mask"])
            if style_scale:
                cross = cross + np.float32(style_scale) * self._mha(f"{p}.cross.style_attn", n2, ctx["style"],
                                                                     ctx["style_mask"])
            x = x + cross
            h = _modulate(layer_norm(x, eps=1e-6), shift2, scale2)
            x = x + gate2[:, None] * self._lin(f"{p}.mlp.2", gelu_tanh(self._lin(f"{p}.mlp.0", h)))
        shift, scale = np.split(self._lin("ada_out.1", ada_c), 2, -1)
        h = layer_norm(x, eps=1e-6)
        out = self._lin("out", _modulate(h, shift, scale))
        if slot_ref is not None:  # the copy gate: the estimate mixed with the pictured block's own row
            z = np.float32(GATE_SCALE) * self._lin("ref_slots.gate", np.concatenate([h, slot_ref], -1))
            g = 1.0 / (1.0 + np.exp(-z)) * ctx["slot_ref_row"][:, None, None].astype(np.float32)
            copy = self.output_for_x0(xt, ctx["slot_ref_x0"][:, : xt.shape[1]], timestep)
            out = out + g * (copy - out)
        return out.astype(np.float32, copy=False)

    def output_for_x0(self, sample: np.ndarray, x0: np.ndarray, timestep) -> np.ndarray:
        """The model output whose clean-slot estimate (`predict_x0`) for `sample` is `x0`."""
        a, s = self._coefficients(timestep)
        return output_for_x0(self.config.prediction_type, a, s, sample, x0)

    # -- noise schedule --------------------------------------------------------------------------

    def _coefficients(self, timestep) -> tuple[np.ndarray, np.ndarray]:
        t = np.clip(np.asarray(timestep, np.int64).reshape(-1), 0, self.config.num_train_timesteps - 1)
        abar = self.alphas_cumprod[t][:, None, None]
        return np.sqrt(abar), np.sqrt(np.float32(1) - abar)

    def add_noise(self, x0: np.ndarray, noise: np.ndarray, timestep) -> np.ndarray:
        """``√ᾱ_t x0 + √(1 − ᾱ_t) noise``."""
        a, s = self._coefficients(timestep)
        return a * x0 + s * noise

    def path_noise(self, sample: np.ndarray, x0: np.ndarray, timestep) -> np.ndarray:
        """The noise that puts `sample` on the straight path to `x0` at `timestep`."""
        a, s = self._coefficients(timestep)
        return (sample - a * x0) / s

    def predict_x0(self, output: np.ndarray, sample: np.ndarray, timestep) -> np.ndarray:
        """The clean-slot estimate implied by a model `output` for `sample` at `timestep`."""
        a, s = self._coefficients(timestep)
        kind = self.config.prediction_type
        if kind == "v_prediction":
            return a * sample - s * output
        if kind == "epsilon":
            return (sample - s * output) / np.maximum(a, np.float32(1e-4))
        return output


def load_numpy_scene_model(folder: str | Path) -> NumpySceneNet:
    """The model saved in `folder` (``config.json`` and ``diffusion_pytorch_model.safetensors``)
    as a `NumpySceneNet`; `NumpyLoadError` says why when it cannot run without torch."""
    folder = Path(folder)
    try:
        raw = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise NumpyLoadError(f"config.json: unreadable ({e.__class__.__name__})") from None
    cfg = {**DEFAULT_CONFIG, **{k: v for k, v in raw.items() if k in DEFAULT_CONFIG}}
    if cfg["slot_dim"] is None:
        cfg["slot_dim"] = SLOT_DIM
    try:
        kind_vocab(cfg["slot_dim"])
    except ValueError as e:
        raise NumpyLoadError(str(e)) from None
    if cfg["beta_schedule"] != "squaredcos_cap_v2":
        raise NumpyLoadError(f"beta_schedule {cfg['beta_schedule']!r} (only squaredcos_cap_v2 runs without torch)")
    if cfg["prediction_type"] not in ("v_prediction", "epsilon", "sample"):
        raise NumpyLoadError(f"prediction_type {cfg['prediction_type']!r}")
    if cfg["d_model"] % cfg["n_heads"]:
        raise NumpyLoadError(f"d_model {cfg['d_model']} is not a multiple of n_heads {cfg['n_heads']}")
    path = folder / WEIGHTS_NAME
    if not path.is_file():
        raise NumpyLoadError(f"no {WEIGHTS_NAME}")
    from safetensors import SafetensorError
    from safetensors.numpy import load_file

    try:
        weights = load_file(str(path))
    except (SafetensorError, OSError, ValueError) as e:
        raise NumpyLoadError(f"{WEIGHTS_NAME}: unreadable ({e.__class__.__name__})") from None
    config = SimpleNamespace(**cfg)
    shapes = expected_shapes(config)
    if set(weights) != set(shapes):
        extra, missing = sorted(set(weights) - set(shapes)), sorted(set(shapes) - set(weights))
        raise NumpyLoadError(f"{WEIGHTS_NAME}: parameters do not match the config "
                             f"(unexpected {extra[:3]}, missing {missing[:3]})")
    for k, shape in shapes.items():
        if weights[k].shape != shape:
            raise NumpyLoadError(f"{WEIGHTS_NAME}: {k} has shape {weights[k].shape}, the config implies {shape}")
        if weights[k].dtype != np.float32:
            weights[k] = weights[k].astype(np.float32)
    return NumpySceneNet(config, weights)
