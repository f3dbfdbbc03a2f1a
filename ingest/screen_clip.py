"""UI-CLIP vectors of a design system's own screens, made at ingest, matched to prompts later.

A screen chunk (one that carries a layout in ``meta["blocks"]`` and a thumbnail: a PNG screen,
an SVG screen, a screen found on a PDF page) gets the UI-CLIP image vector of its thumbnail
(`ingest.ui_clip`, the committed weights) at ingest, `add_screen_vectors`:

- ``meta["ui_clip"]``: the unit vector as float16, base64 (256 dimensions: 684 characters);
- ``meta["ui_clip_model"]``: the model's name (its weights' digest included), so a vector made
  by other weights is never compared with this model's prompts.

Both towers run in numpy (`ingest.nn_numpy`), the same vectors as the PyTorch model within
float32 rounding: the image tower (`ImageTower`, open_clip's ``VisionTransformer`` with token
pooling) at ingest, so a folder with screens costs no PyTorch or open_clip import (about 6 s
on a loaded two-core machine), and the ``"minilm"`` text head (`TextHead`, two linear layers
with a GELU over MiniLM's sentence vector, which packing has already computed) at generation.
A model whose towers are of another kind is run by `ingest.ui_clip` in PyTorch. Vectors are kept
on disk by thumbnail content and model (`ingest.cache.DiskCache`), so ingesting a folder again
encodes nothing. `agreement` compares a screen with a prompt.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ingest.cache import DiskCache, content_digest
from ingest.encoders import EncoderError

#: Chunk meta keys of a screen's UI-CLIP vector and of the model that made it.
META_VECTOR, META_MODEL = "ui_clip", "ui_clip_model"
_CACHE = DiskCache("ui-clip-screens", max_entries=4096, suffix=".f16")
_LOCK = threading.Lock()


def model_name(folder: str | Path | None = None) -> str | None:
    """The name `ingest.ui_clip.load_ui_clip` gives the model in `folder` (default: the
    committed weights), without loading it; None when there is no readable model."""
    from ingest.ui_clip import UI_CLIP_WEIGHTS, WEIGHTS_FILE, read_config, ui_clip_name

    folder = Path(folder) if folder is not None else UI_CLIP_WEIGHTS
    try:
        cfg = read_config(folder)
    except EncoderError:
        return None
    digest = content_digest(folder / WEIGHTS_FILE)
    return ui_clip_name(cfg, digest) if digest is not None else None


def pack_vector(vec: np.ndarray) -> str:
    """A unit vector as the base64 of its float16 bytes (what ``meta["ui_clip"]`` holds)."""
    return base64.b64encode(np.asarray(vec, "<f2").tobytes()).decode("ascii")


def unpack_vector(text: str) -> np.ndarray | None:
    """`pack_vector`'s text back to a float32 unit vector; None when it is not one."""
    try:
        v = np.frombuffer(base64.b64decode(text, validate=True), "<f2").astype(np.float32)
    except (ValueError, TypeError):
        return None
    n = float(np.linalg.norm(v))
    return v / n if v.size and np.isfinite(n) and n > 1e-6 else None


def screen_vector(meta: dict, model: str | None = None) -> np.ndarray | None:
    """The UI-CLIP vector of a screen chunk's ``meta`` (None without one, or when it was made by
    another model than `model`, default: the committed one)."""
    packed = meta.get(META_VECTOR) if isinstance(meta, dict) else None
    if not isinstance(packed, str):
        return None
    if meta.get(META_MODEL) != (model or _committed_name()):
        return None
    return unpack_vector(packed)


@lru_cache(maxsize=1)
def _committed_name() -> str | None:
    return model_name()


def add_screen_vectors(chunks: Sequence, encoder=None) -> int:
    """Put the UI-CLIP vector of each screen chunk's thumbnail in its meta (see the module docs).
    `encoder` defaults to the committed model, loaded only when some thumbnail is not in the
    disk cache. Returns the number of thumbnails encoded now (not from the cache). A model that
    cannot load (no PyTorch) leaves the chunks without vectors."""
    todo = [c for c in chunks if c.thumbnail and c.meta.get("blocks")]
    if not todo:
        return 0
    name = encoder.name if encoder is not None else _committed_name()
    if name is None:
        return 0
    keys = [f"{name}\n{hashlib.sha256(c.thumbnail).hexdigest()}" for c in todo]
    vecs: list[np.ndarray | None] = []
    for k in keys:
        raw = _CACHE.get(k)
        vecs.append(np.frombuffer(raw, "<f2").astype(np.float32) if raw is not None and len(raw) > 0 else None)
    missing = [i for i, v in enumerate(vecs) if v is None]
    if missing:
        try:
            new = _encode([todo[i].thumbnail for i in missing], encoder)
        except (EncoderError, ImportError, OSError, ValueError):
            return 0
        for i, v in zip(missing, new):
            vecs[i] = v
            _CACHE.put(keys[i], np.asarray(v, "<f2").tobytes())
    for c, v in zip(todo, vecs):
        c.meta[META_VECTOR] = pack_vector(v)
        c.meta[META_MODEL] = name
    return len(missing)


def _encode(images: list[bytes], encoder=None) -> np.ndarray:
    if encoder is None:
        with _LOCK:
            tower = _default_tower()
        if tower is not None:
            from ingest.ui_clip import letterbox

            return tower(np.stack([letterbox(im, tower.image_size) for im in images]))
    from ingest.ui_clip import default_ui_clip, one_torch_thread

    enc = encoder or default_ui_clip()
    with one_torch_thread():
        return enc.encode_images(images)


# -- the screen side, in numpy ----------------------------------------------------------------


class ImageTower:
    """UI-CLIP's image tower in numpy: open_clip's ``VisionTransformer`` (patch embedding, class
    token, pre-norm residual blocks, token pooling, projection) over letterboxed ``(n, S, S, 3)``
    uint8 images → ``(n, dim)`` unit rows, as `ingest.ui_clip.UIClipEncoder.encode_arrays`."""

    def __init__(self, w: dict[str, np.ndarray], heads: int, image_size: int, name: str):
        self.w, self.heads, self.image_size, self.name = w, heads, image_size, name
        self.patch = w["visual.conv1.weight"].shape[-1]
        self.blocks = sorted({int(k.split(".")[3]) for k in w if k.startswith("visual.transformer.resblocks.")})
        self.dim = w["visual.proj"].shape[1]

    def __call__(self, arrays: np.ndarray) -> np.ndarray:
        from ingest.nn_numpy import gelu, layer_norm, linear, multihead_attention
        from ingest.ui_clip import to_pixels

        w, p = self.w, self.patch
        x = to_pixels(np.asarray(arrays))  # (B, 3, S, S)
        B, C, S, _ = x.shape
        g = S // p
        patches = x[:, :, :g * p, :g * p].reshape(B, C, g, p, g, p).transpose(0, 2, 4, 1, 3, 5).reshape(B, g * g, -1)
        conv = w["visual.conv1.weight"]
        x = patches @ conv.reshape(conv.shape[0], -1).T  # the stride-p convolution, no bias
        cls = np.broadcast_to(w["visual.class_embedding"], (B, 1, x.shape[-1]))
        x = np.concatenate([cls, x], axis=1) + w["visual.positional_embedding"]
        x = layer_norm(x, w["visual.ln_pre.weight"], w["visual.ln_pre.bias"])
        for i in self.blocks:
            b = f"visual.transformer.resblocks.{i}."
            h = layer_norm(x, w[b + "ln_1.weight"], w[b + "ln_1.bias"])
            x = x + multihead_attention(h, h, w[b + "attn.in_proj_weight"], w[b + "attn.in_proj_bias"],
                                        w[b + "attn.out_proj.weight"], w[b + "attn.out_proj.bias"], self.heads)
            h = layer_norm(x, w[b + "ln_2.weight"], w[b + "ln_2.bias"])
            h = gelu(linear(h, w[b + "mlp.c_fc.weight"], w[b + "mlp.c_fc.bias"]))
            x = x + linear(h, w[b + "mlp.c_proj.weight"], w[b + "mlp.c_proj.bias"])
        pooled = layer_norm(x[:, 0], w["visual.ln_post.weight"], w["visual.ln_post.bias"]) @ w["visual.proj"]
        return (pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)).astype(np.float32)


#: Keys of an open_clip ``VisionTransformer`` this numpy tower does not run (attention pooling,
#: layer scale, a patch-embedding bias, …): a model with any of them is run in PyTorch.
_TOWER_KEYS = ("visual.class_embedding", "visual.conv1.weight", "visual.positional_embedding",
               "visual.ln_pre.", "visual.ln_post.", "visual.proj", "visual.transformer.resblocks.")
_BLOCK_PARTS = ("attn.in_proj_weight", "attn.in_proj_bias", "attn.out_proj.weight", "attn.out_proj.bias",
                "ln_1.weight", "ln_1.bias", "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias",
                "mlp.c_proj.weight", "mlp.c_proj.bias")


def _model_folder(folder: str | Path | None):
    """The UI-CLIP model folder (default: the committed weights) and its config."""
    from ingest.ui_clip import UI_CLIP_WEIGHTS, read_config

    folder = Path(folder) if folder is not None else UI_CLIP_WEIGHTS
    return folder, read_config(folder)


def _weights(folder: Path) -> dict:
    """The model's tensors as numpy arrays; `EncoderError` when they cannot be read."""
    from safetensors import SafetensorError
    from safetensors.numpy import load_file

    from ingest.ui_clip import WEIGHTS_FILE

    try:
        return load_file(str(folder / WEIGHTS_FILE))
    except (SafetensorError, OSError, ValueError) as e:
        raise EncoderError(f"{folder}: unreadable weights ({str(e).splitlines()[0]})") from None


def load_image_tower(folder: str | Path | None = None) -> ImageTower:
    """The image tower of the UI-CLIP model in `folder` (default: the committed weights) in
    numpy; raises `EncoderError` for a tower this module does not run (a ResNet, attention
    pooling, layer scale) or weights that cannot be read."""
    folder, cfg = _model_folder(folder)
    v = dict(cfg.vision)
    if isinstance(v.get("layers", 6), (list, tuple)) or v.get("pool_type", "tok") != "tok":
        raise EncoderError(f"{folder}: the image tower is not a token-pooled ViT")
    state = _weights(folder)
    w = {k: np.asarray(t, np.float32) for k, t in state.items() if k.startswith("visual.")}
    blocks = {k.split(".")[3] for k in w if k.startswith("visual.transformer.resblocks.")}
    expected = {f"visual.transformer.resblocks.{i}.{part}" for i in blocks for part in _BLOCK_PARTS}
    other = [k for k in w if not k.startswith(_TOWER_KEYS[:-1]) and k not in expected]
    if other or not expected <= set(w) or "visual.proj" not in w:
        raise EncoderError(f"{folder}: the image tower has parts the numpy tower does not run ({other[:2]})")
    width = w["visual.class_embedding"].shape[0]
    heads = max(1, width // int(v.get("head_width", 64)))
    return ImageTower(w, heads, cfg.image_size, model_name(folder) or "")


@lru_cache(maxsize=1)
def _default_tower() -> ImageTower | None:
    try:
        return load_image_tower()
    except (EncoderError, ImportError, OSError, KeyError, ValueError):
        return None


# -- the prompt side, in numpy ----------------------------------------------------------------


class TextHead:
    """UI-CLIP's ``"minilm"`` text tower in numpy: MiniLM sentence vectors ``(n, 384)`` →
    ``(n, dim)`` unit rows, the same as `ingest.ui_clip.UIClipEncoder.encode_text_inputs`."""

    def __init__(self, layers: list[tuple[np.ndarray, np.ndarray]], name: str):
        self.layers, self.name = layers, name
        self.dim = layers[-1][0].shape[0]

    def __call__(self, minilm: np.ndarray) -> np.ndarray:
        from scipy.special import erf

        x = np.atleast_2d(np.asarray(minilm, np.float32))
        for i, (w, b) in enumerate(self.layers):
            x = x @ w.T + b
            if i < len(self.layers) - 1:
                x = 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))  # exact GELU, as torch.nn.GELU
        return (x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def load_text_head(folder: str | Path | None = None) -> TextHead:
    """The text head of the UI-CLIP model in `folder` (default: the committed weights); raises
    `EncoderError` when the model's text tower is not the MiniLM head or cannot be read."""
    folder, cfg = _model_folder(folder)
    if cfg.text != "minilm":
        raise EncoderError(f"{folder}: the text tower is {cfg.text!r}, not the MiniLM head")
    state = _weights(folder)
    f32 = {k: np.asarray(v, np.float32) for k, v in state.items() if k.startswith("text.")}
    if "text.weight" in f32:  # no hidden layer
        layers = [(f32["text.weight"], f32["text.bias"])]
    else:
        idx = sorted({int(k.split(".")[1]) for k in f32 if k.endswith(".weight")})
        layers = [(f32[f"text.{i}.weight"], f32[f"text.{i}.bias"]) for i in idx]
    if not layers:
        raise EncoderError(f"{folder}: no text head in the weights")
    return TextHead(layers, model_name(folder) or "")


@lru_cache(maxsize=1)
def _default_head() -> TextHead | None:
    try:
        return load_text_head()
    except (EncoderError, ImportError, OSError, KeyError, ValueError):
        return None


def prompt_vector(minilm_vec: np.ndarray) -> np.ndarray | None:
    """UI-CLIP's unit vector of a prompt from its pooled MiniLM vector (`conditioning.prompt`),
    by the committed model's text head in numpy; None when there is no such head."""
    with _LOCK:
        head = _default_head()
    return None if head is None else head(minilm_vec)[0]


#: Captions of pages of many kinds. A screen's mean cosine with them is how much UI-CLIP agrees
#: with any page caption at all; `agreement` takes it off, so screens are compared by how much
#: more they agree with the prompt than with pages in general (raw cosines of one prompt are
#: dominated by the screen's own offset).
CAPTION_BANK = ("landing page", "blog article", "calendar", "chat", "file manager", "map", "music player",
                "email inbox", "kanban board", "photo gallery", "onboarding wizard", "error page",
                "search results", "video player", "notifications", "invoice", "team members", "help center",
                "weather", "booking form")


@lru_cache(maxsize=1)
def _bank_mean() -> np.ndarray | None:
    """The mean UI-CLIP vector of `CAPTION_BANK` (kept on disk per model)."""
    head = _default_head()
    if head is None:
        return None
    key = f"{head.name}\nbank\n" + "\n".join(CAPTION_BANK)
    raw = _CACHE.get(key)
    if raw is not None and len(raw) == 2 * head.dim:
        return np.frombuffer(raw, "<f2").astype(np.float32)
    from ingest.encoders import default_text_encoder

    mean = head(default_text_encoder().encode(list(CAPTION_BANK))).mean(axis=0)
    _CACHE.put(key, np.asarray(mean, "<f2").tobytes())
    return mean.astype(np.float32)


def agreement(screen_meta: dict, prompt_clip: np.ndarray | None) -> float | None:
    """How much more a screen's UI-CLIP vector agrees with the prompt's (`prompt_vector`) than
    with page captions in general (its cosine with the prompt less its mean cosine with
    `CAPTION_BANK`), or None when either vector is missing."""
    if prompt_clip is None:
        return None
    v = screen_vector(screen_meta)
    if v is None:
        return None
    with _LOCK:
        bank = _bank_mean()
    return float(v @ (prompt_clip - bank)) if bank is not None else float(v @ prompt_clip)
