"""The BERT encoder of `ingest.bert` in numpy, for sentence embeddings without importing torch.

`load_bert_numpy(folder)` reads the same checkpoint folder as `ingest.bert.load_bert`
(``config.json``, ``model.safetensors``, ``tokenizer.json``) and returns a `NumpyBertEncoder`
and the tokenizer. The weights are memory-mapped from the safetensors file, in the layout
they run in (float32 files are not copied at all; float16 and bfloat16 are widened once), so
only the rows of the word-embedding table that a text uses are ever read from disk. Its hidden
states match the PyTorch encoder's to float precision (cosine of pooled vectors ≥ 0.99999).
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np

from ingest.bert_checkpoint import (
    ACTIVATIONS,
    WEIGHTS_FILE,
    BertConfig,
    BertLoadError,
    BertTokenizer,
    bare_weights,
    read_checkpoint,
    state_dict_names,
)
from ingest.nn_numpy import (
    attention,
    gelu,
    gelu_tanh,
    layer_norm,
    linear,
    merge_heads,
    split_heads,
)

#: safetensors dtype names → numpy dtypes read as they are.
DTYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file as read-only float32 arrays, memory-mapped where the
    file holds float32 (little-endian, as the format is); bfloat16, float16 and float64 are
    converted; tensors of other dtypes (integer buffers) are left out. Raises `BertLoadError`
    for a malformed file."""
    try:
        with open(path, "rb") as f:
            (n,) = struct.unpack("<Q", f.read(8))
            header = json.loads(f.read(n))
        mm = np.memmap(path, dtype=np.uint8, mode="r")
    except (OSError, ValueError, struct.error) as e:
        raise BertLoadError(f"{path.name}: unreadable weights ({e.__class__.__name__})") from None
    base = 8 + n
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        try:
            dtype, shape, (start, end) = info["dtype"], tuple(info["shape"]), info["data_offsets"]
        except (KeyError, TypeError, ValueError):
            raise BertLoadError(f"{path.name}: malformed header entry {name!r}") from None
        raw = mm[base + start: base + end]
        if dtype == "BF16":
            arr = (raw.view("<u2").astype(np.uint32) << 16).view(np.float32)
        elif dtype in DTYPES:
            arr = raw.view(np.dtype(DTYPES[dtype]).newbyteorder("<"))
        else:
            continue  # integer buffers (position_ids) are not weights; a weight missing is reported by name
        if arr.size != int(np.prod(shape)):
            raise BertLoadError(f"{path.name}: {name} holds {arr.size} values, its shape {shape} needs more")
        out[name] = arr.reshape(shape).astype(np.float32, copy=False)
    return out


class NumpyBertEncoder:
    """BERT's embeddings and post-LayerNorm encoder layers on numpy arrays; `__call__` returns
    the last hidden states, as `ingest.bert.BertEncoder` does."""

    def __init__(self, cfg: BertConfig, weights: dict[str, np.ndarray]) -> None:
        self.config = cfg
        self.w = weights
        self.act = gelu_tanh if ACTIVATIONS[cfg.hidden_act] == "tanh" else gelu

    def _lin(self, name: str, x: np.ndarray) -> np.ndarray:
        return linear(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"])

    def _norm(self, name: str, x: np.ndarray) -> np.ndarray:
        return layer_norm(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"], self.config.layer_norm_eps)

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray,
                 token_type_ids: np.ndarray | None = None) -> np.ndarray:
        """``input_ids`` and ``attention_mask`` (B, T) (mask 1 for tokens, 0 for padding) →
        float32 hidden states (B, T, C). Padded positions hold values but attend to no one's output."""
        w, H = self.w, self.config.num_attention_heads
        T = input_ids.shape[1]
        if token_type_ids is None:
            token_type_ids = np.zeros_like(input_ids)
        x = (w["word_embeddings.weight"][input_ids] + w["token_type_embeddings.weight"][token_type_ids]
             + w["position_embeddings.weight"][:T])
        x = self._norm("embed_norm", x)
        keep = np.asarray(attention_mask).astype(bool)  # (B, T): which keys each query sees
        for i in range(self.config.num_hidden_layers):
            p = f"layers.{i}"
            q, k, v = (split_heads(self._lin(f"{p}.{n}", x), H) for n in ("query", "key", "value"))
            a = merge_heads(attention(q, k, v, keep))
            x = self._norm(f"{p}.attn_norm", x + self._lin(f"{p}.attn_out", a))
            x = self._norm(f"{p}.ff_norm", x + self._lin(f"{p}.ff_out", self.act(self._lin(f"{p}.ff_in", x))))
        return x


def load_bert_numpy(folder: Path, config: dict | None = None) -> tuple[NumpyBertEncoder, BertTokenizer]:
    """The numpy encoder and the tokenizer of a BERT checkpoint folder. Raises `BertLoadError`
    with a one-line reason."""
    folder = Path(folder)
    cfg, tokenizer = read_checkpoint(folder, config)
    path = folder / WEIGHTS_FILE
    bare = bare_weights(read_safetensors(path), path.name)
    d, ff = cfg.hidden_size, cfg.intermediate_size
    expected = {"word_embeddings.weight": (cfg.vocab_size, d),
                "position_embeddings.weight": (cfg.max_position_embeddings, d),
                "token_type_embeddings.weight": (cfg.type_vocab_size, d)}
    weights = {}
    for src, dst in state_dict_names(cfg).items():
        if src not in bare:
            raise BertLoadError(f"{path.name}: no weight {src!r}")
        part = dst.rsplit(".", 1)[0].rsplit(".", 1)[-1]
        shape = expected.get(dst) or ((ff, d) if part == "ff_in" and dst.endswith("weight") else
                                      (ff,) if part == "ff_in" else
                                      (d, ff) if part == "ff_out" and dst.endswith("weight") else
                                      (d, d) if dst.endswith("weight") and "norm" not in part else (d,))
        if tuple(bare[src].shape) != shape:
            raise BertLoadError(f"{path.name}: {src} has shape {tuple(bare[src].shape)}, config.json implies {shape}")
        weights[dst] = bare[src]
    return NumpyBertEncoder(cfg, weights), tokenizer


__all__ = ["NumpyBertEncoder", "load_bert_numpy", "read_safetensors"]
