"""Reading a BERT checkpoint folder without torch: its config, its tokenizer and the names of
its weights, shared by the PyTorch encoder (`ingest.bert`) and the numpy one (`ingest.bert_numpy`).

`BertConfig` holds the fields of ``config.json`` the encoders use; `BertTokenizer` is the
WordPiece tokenizer of ``tokenizer.json`` (via `tokenizers`), returning numpy arrays;
`state_dict_names` maps Hugging Face ``BertModel`` parameter names to the encoders' own and
`bare_weights` strips a checkpoint's prefix (``bert.``, ``0.auto_model.``) and old TensorFlow
LayerNorm names from its keys. Problems raise `BertLoadError` with a one-line reason.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import MISSING, dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

T = TypeVar("T")

WEIGHTS_FILE = "model.safetensors"
TOKENIZER_FILE = "tokenizer.json"

#: BERT activation names → the `approximate` argument of `torch.nn.functional.gelu`
#: ("none": exact, "tanh": the tanh approximation).
ACTIVATIONS = {"gelu": "none", "gelu_new": "tanh", "gelu_pytorch_tanh": "tanh", "gelu_fast": "tanh"}


class BertLoadError(ValueError):
    """A checkpoint folder that the pure-PyTorch BERT cannot load, with a one-line reason."""


@dataclass(frozen=True)
class BertConfig:
    """The fields of a Hugging Face ``BertConfig`` that the encoder uses."""

    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12
    hidden_act: str = "gelu"
    pad_token_id: int = 0

    @classmethod
    def from_dict(cls, config: dict) -> BertConfig:
        """Read the fields from a parsed ``config.json``; raises `BertLoadError` naming a
        missing or malformed field."""
        kwargs = {}
        for name, field in cls.__dataclass_fields__.items():
            if name in config and config[name] is not None:
                kwargs[name] = config[name]
            elif field.default is MISSING:  # a required field
                raise BertLoadError(f"config has no {name!r}")
        try:
            cfg = cls(**{k: (float(v) if k == "layer_norm_eps" else v if k == "hidden_act" else int(v))
                         for k, v in kwargs.items()})
        except (TypeError, ValueError) as e:
            raise BertLoadError(f"malformed config ({e})") from None
        if cfg.hidden_size % cfg.num_attention_heads:
            raise BertLoadError(f"hidden_size {cfg.hidden_size} is not a multiple of "
                                f"num_attention_heads {cfg.num_attention_heads}")
        if cfg.hidden_act not in ACTIVATIONS:
            raise BertLoadError(f"unsupported hidden_act {cfg.hidden_act!r}")
        return cfg


def state_dict_names(cfg: BertConfig) -> dict[str, str]:
    """Checkpoint key (Hugging Face ``BertModel`` naming, prefix removed) → `BertEncoder` key."""
    names = {
        "embeddings.word_embeddings.weight": "word_embeddings.weight",
        "embeddings.position_embeddings.weight": "position_embeddings.weight",
        "embeddings.token_type_embeddings.weight": "token_type_embeddings.weight",
        "embeddings.LayerNorm.weight": "embed_norm.weight",
        "embeddings.LayerNorm.bias": "embed_norm.bias",
    }
    parts = {
        "attention.self.query": "query", "attention.self.key": "key", "attention.self.value": "value",
        "attention.output.dense": "attn_out", "attention.output.LayerNorm": "attn_norm",
        "intermediate.dense": "ff_in", "output.dense": "ff_out", "output.LayerNorm": "ff_norm",
    }
    for i in range(cfg.num_hidden_layers):
        for src, dst in parts.items():
            for p in ("weight", "bias"):
                names[f"encoder.layer.{i}.{src}.{p}"] = f"layers.{i}.{dst}.{p}"
    return names


def checkpoint_prefix(keys: Sequence[str]) -> str:
    """What precedes ``embeddings.word_embeddings.weight`` in the checkpoint's keys: "" for a
    bare ``BertModel``, ``bert.`` for a model with heads, ``0.auto_model.`` and the like for
    other wrappers."""
    anchor = "embeddings.word_embeddings.weight"
    found = sorted((k[: -len(anchor)] for k in keys if k.endswith(anchor)), key=len)
    if not found:
        raise BertLoadError(f"no {anchor} in the weights")
    return found[0]


def bare_weights(tensors: Mapping[str, T], file_name: str) -> dict[str, T]:
    """A checkpoint's tensors under ``BertModel`` names: the prefix before
    ``embeddings.word_embeddings.weight`` removed (keys without it dropped), and LayerNorm
    ``gamma``/``beta`` (checkpoints converted from TensorFlow) renamed ``weight``/``bias``."""
    try:
        prefix = checkpoint_prefix(list(tensors))
    except BertLoadError as e:
        raise BertLoadError(f"{file_name}: {e}") from None
    bare = {}
    for k, t in tensors.items():
        if k.startswith(prefix):
            k = k[len(prefix):]
            if k.endswith((".gamma", ".beta")):
                k = k.rsplit(".", 1)[0] + (".weight" if k.endswith(".gamma") else ".bias")
            bare[k] = t
    return bare


# -- tokenizer -------------------------------------------------------------------------------------


class BertTokenizer:
    """The WordPiece tokenizer of ``tokenizer.json`` (via `tokenizers`), configured to truncate
    to a given number of tokens ([CLS] and [SEP] included) and to pad a batch to its longest
    text on the right, as ``transformers`` does with ``padding=True, truncation=True``."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer, normalizers

        path = folder / TOKENIZER_FILE
        try:
            self._tok = Tokenizer.from_file(str(path))
        except Exception as e:  # noqa: BLE001 - tokenizers raises a bare Exception for malformed files
            raise BertLoadError(f"{path.name}: unreadable tokenizer ({first_line(e)})") from None
        settings = read_json(folder / "tokenizer_config.json")
        specials = read_json(folder / "special_tokens_map.json")
        # The tokenizer config's casing options override tokenizer.json's normaliser, as they do
        # when transformers builds a BERT tokenizer.
        norm = read_json(path).get("normalizer") or {}
        if norm.get("type") == "BertNormalizer" and settings:
            self._tok.normalizer = normalizers.BertNormalizer(
                clean_text=bool(norm.get("clean_text", True)),
                handle_chinese_chars=bool(settings.get("tokenize_chinese_chars", norm.get("handle_chinese_chars", True))),
                strip_accents=settings.get("strip_accents", norm.get("strip_accents")),
                lowercase=bool(settings.get("do_lower_case", norm.get("lowercase", True))),
            )
        pad = settings.get("pad_token", specials.get("pad_token", "[PAD]"))
        self.pad_token = str(pad.get("content", "[PAD]") if isinstance(pad, dict) else pad)
        pad_id = self._tok.token_to_id(self.pad_token)
        if pad_id is None:
            raise BertLoadError(f"{path.name}: the padding token {self.pad_token!r} is not in the vocabulary")
        self.pad_id = int(pad_id)
        self._lock = threading.Lock()  # truncation length is tokenizer state

    @property
    def vocab_size(self) -> int:
        """Number of token ids, added special tokens included."""
        return self._tok.get_vocab_size(with_added_tokens=True)

    def __call__(self, texts: Sequence[str], max_tokens: int) -> dict[str, np.ndarray]:
        """``input_ids``, ``token_type_ids`` and ``attention_mask``, each a (B, T) int64 array,
        with T the longest text's length after truncation to `max_tokens`."""
        with self._lock:
            self._tok.enable_truncation(max_length=max_tokens, strategy="longest_first", direction="right")
            self._tok.enable_padding(direction="right", pad_id=self.pad_id, pad_type_id=0, pad_token=self.pad_token)
            encs = self._tok.encode_batch(list(texts), add_special_tokens=True)
        return {
            "input_ids": np.array([e.ids for e in encs], np.int64),
            "token_type_ids": np.array([e.type_ids for e in encs], np.int64),
            "attention_mask": np.array([e.attention_mask for e in encs], np.int64),
        }


def first_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def read_json(path: Path) -> dict:
    """A JSON object file, or {} when it is absent or not an object; raises on malformed JSON."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise BertLoadError(f"{path.name}: unreadable ({e})") from None
    return data if isinstance(data, dict) else {}


def read_checkpoint(folder: Path, config: dict | None = None) -> tuple[BertConfig, BertTokenizer]:
    """The config and tokenizer of a BERT checkpoint folder (``config.json``,
    ``model.safetensors``, ``tokenizer.json``; `config` is ``config.json`` already parsed),
    after checking that an encoder can load it. Raises `BertLoadError` with a one-line reason."""
    folder = Path(folder)
    if config is None:
        config = read_json(folder / "config.json")
    if config.get("model_type") != "bert":
        raise BertLoadError(f"model_type is {config.get('model_type')!r}, not 'bert'")
    if config.get("position_embedding_type", "absolute") != "absolute":
        raise BertLoadError(f"position_embedding_type {config.get('position_embedding_type')!r} is not 'absolute'")
    for name in (WEIGHTS_FILE, TOKENIZER_FILE):
        if not (folder / name).is_file():
            raise BertLoadError(f"no {name}")
    cfg = BertConfig.from_dict(config)
    tokenizer = BertTokenizer(folder)
    if tokenizer.vocab_size > cfg.vocab_size:
        raise BertLoadError(f"{TOKENIZER_FILE}: {tokenizer.vocab_size} tokens, more than the "
                            f"model's vocab_size {cfg.vocab_size}")
    return cfg, tokenizer
