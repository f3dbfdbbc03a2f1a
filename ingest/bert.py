"""A small pure-PyTorch BERT encoder that reads a Hugging Face checkpoint folder directly.

BERT (Devlin et al. 2019, "BERT: Pre-training of Deep Bidirectional Transformers"): token,
absolute-position and token-type embeddings summed and layer-normalised, then N post-LayerNorm
transformer layers (self-attention, then a GELU feed-forward, each followed by a residual add
and LayerNorm). Only the encoder is built, enough to produce the token states that
sentence-transformers pools; the pooler and pre-training heads are not.

`load_bert(folder)` reads ``config.json``, ``model.safetensors`` and ``tokenizer.json`` with
`safetensors` and `tokenizers` alone, so loading takes a fraction of a second and never imports
`transformers`. Checkpoints of other architectures raise `BertLoadError`; callers that accept
any checkpoint (`ingest.encoders.MiniLMTextEncoder`) check the config first and load those with
`transformers`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import MISSING, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

WEIGHTS_FILE = "model.safetensors"
TOKENIZER_FILE = "tokenizer.json"

#: BERT activation names → the `approximate` argument of `torch.nn.functional.gelu`.
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


# -- model -----------------------------------------------------------------------------------------


class _Linear(nn.Linear):
    """`nn.Linear` left uninitialised: its parameters come from a checkpoint."""

    def reset_parameters(self) -> None:
        pass


class _Embedding(nn.Embedding):
    """`nn.Embedding` left uninitialised: its table comes from a checkpoint."""

    def reset_parameters(self) -> None:
        pass


class _Layer(nn.Module):
    """One post-LayerNorm transformer layer: x = LN(x + attn(x)); x = LN(x + ffn(x))."""

    def __init__(self, cfg: BertConfig) -> None:
        super().__init__()
        d = cfg.hidden_size
        self.n_heads = cfg.num_attention_heads
        self.query, self.key, self.value = _Linear(d, d), _Linear(d, d), _Linear(d, d)
        self.attn_out = _Linear(d, d)
        self.attn_norm = nn.LayerNorm(d, eps=cfg.layer_norm_eps)
        self.ff_in = _Linear(d, cfg.intermediate_size)
        self.ff_out = _Linear(cfg.intermediate_size, d)
        self.ff_norm = nn.LayerNorm(d, eps=cfg.layer_norm_eps)
        self.approximate = ACTIVATIONS[cfg.hidden_act]

    def forward(self, x: torch.Tensor, attend: torch.Tensor) -> torch.Tensor:
        B, T, C = x.shape
        H = self.n_heads

        def heads(t: torch.Tensor) -> torch.Tensor:  # (B, T, C) -> (B, H, T, C/H)
            return t.view(B, T, H, C // H).transpose(1, 2)

        q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=attend)  # (B, H, T, C/H)
        a = a.transpose(1, 2).reshape(B, T, C)
        x = self.attn_norm(x + self.attn_out(a))
        return self.ff_norm(x + self.ff_out(F.gelu(self.ff_in(x), approximate=self.approximate)))


class BertEncoder(nn.Module):
    """BERT's embeddings and encoder layers; `forward` returns the last hidden states.

    The linear and embedding parameters are left uninitialised (drawing random values that a
    checkpoint replaces costs a tenth of a second); build one with `load_encoder`."""

    def __init__(self, cfg: BertConfig) -> None:
        super().__init__()
        self.config = cfg
        d = cfg.hidden_size
        self.word_embeddings = _Embedding(cfg.vocab_size, d)
        self.position_embeddings = _Embedding(cfg.max_position_embeddings, d)
        self.token_type_embeddings = _Embedding(cfg.type_vocab_size, d)
        self.embed_norm = nn.LayerNorm(d, eps=cfg.layer_norm_eps)
        self.layers = nn.ModuleList(_Layer(cfg) for _ in range(cfg.num_hidden_layers))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor | None = None) -> torch.Tensor:
        """``input_ids`` and ``attention_mask`` (B, T) (mask 1 for tokens, 0 for padding) →
        hidden states (B, T, C). Padded positions hold values but attend to no one's output."""
        T = input_ids.shape[1]
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        pos = torch.arange(T, device=input_ids.device)
        x = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids) + self.position_embeddings(pos)
        x = self.embed_norm(x)  # (B, T, C)
        attend = attention_mask.bool()[:, None, None, :]  # (B, 1, 1, T): which keys each query sees
        for layer in self.layers:
            x = layer(x, attend)
        return x


def _state_dict_names(cfg: BertConfig) -> dict[str, str]:
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


def _checkpoint_prefix(keys: Sequence[str]) -> str:
    """What precedes ``embeddings.word_embeddings.weight`` in the checkpoint's keys: "" for a
    bare ``BertModel``, ``bert.`` for a model with heads, ``0.auto_model.`` and the like for
    other wrappers."""
    anchor = "embeddings.word_embeddings.weight"
    found = sorted((k[: -len(anchor)] for k in keys if k.endswith(anchor)), key=len)
    if not found:
        raise BertLoadError(f"no {anchor} in the weights")
    return found[0]


def load_encoder(weights: Path, cfg: BertConfig, device: str | torch.device = "cpu") -> BertEncoder:
    """The encoder with the weights of a safetensors file, float32, in eval mode on `device`."""
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    try:
        tensors = load_file(str(weights), device="cpu")
    except (SafetensorError, OSError) as e:
        raise BertLoadError(f"{weights.name}: unreadable weights ({_first_line(e)})") from None
    try:
        prefix = _checkpoint_prefix(list(tensors))
    except BertLoadError as e:
        raise BertLoadError(f"{weights.name}: {e}") from None
    # Checkpoints converted from TensorFlow may still name LayerNorm parameters gamma and beta.
    bare = {}
    for k, t in tensors.items():
        if k.startswith(prefix):
            k = k[len(prefix):]
            if k.endswith((".gamma", ".beta")):
                k = k.rsplit(".", 1)[0] + (".weight" if k.endswith(".gamma") else ".bias")
            bare[k] = t
    model = BertEncoder(cfg)
    expected = {k: tuple(v.shape) for k, v in model.state_dict().items()}  # (uninitialised, cheap)
    state = {}
    for src, dst in _state_dict_names(cfg).items():
        if src not in bare:
            raise BertLoadError(f"{weights.name}: no weight {prefix + src!r}")
        if tuple(bare[src].shape) != expected[dst]:
            raise BertLoadError(f"{weights.name}: {prefix + src} has shape {tuple(bare[src].shape)}, "
                                f"config.json implies {expected[dst]}")
        state[dst] = bare[src].float()
    model.load_state_dict(state, strict=True, assign=True)
    return model.eval().to(device)


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
            raise BertLoadError(f"{path.name}: unreadable tokenizer ({_first_line(e)})") from None
        settings = _read_json(folder / "tokenizer_config.json")
        specials = _read_json(folder / "special_tokens_map.json")
        # The tokenizer config's casing options override tokenizer.json's normaliser, as they do
        # when transformers builds a BERT tokenizer.
        norm = _read_json(path).get("normalizer") or {}
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

    def __call__(self, texts: Sequence[str], max_tokens: int) -> dict[str, torch.Tensor]:
        """``input_ids``, ``token_type_ids`` and ``attention_mask``, each (B, T) int64, with T
        the longest text's length after truncation to `max_tokens`."""
        with self._lock:
            self._tok.enable_truncation(max_length=max_tokens, strategy="longest_first", direction="right")
            self._tok.enable_padding(direction="right", pad_id=self.pad_id, pad_type_id=0, pad_token=self.pad_token)
            encs = self._tok.encode_batch(list(texts), add_special_tokens=True)
        return {
            "input_ids": torch.tensor([e.ids for e in encs], dtype=torch.long),
            "token_type_ids": torch.tensor([e.type_ids for e in encs], dtype=torch.long),
            "attention_mask": torch.tensor([e.attention_mask for e in encs], dtype=torch.long),
        }


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _read_json(path: Path) -> dict:
    """A JSON object file, or {} when it is absent or not an object; raises on malformed JSON."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise BertLoadError(f"{path.name}: unreadable ({e})") from None
    return data if isinstance(data, dict) else {}


def load_bert(folder: Path, config: dict | None = None,
              device: str | torch.device = "cpu") -> tuple[BertEncoder, BertTokenizer]:
    """The encoder and tokenizer of a BERT checkpoint folder (``config.json``,
    ``model.safetensors``, ``tokenizer.json``). Raises `BertLoadError` with a one-line reason."""
    folder = Path(folder)
    if config is None:
        config = _read_json(folder / "config.json")
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
    return load_encoder(folder / WEIGHTS_FILE, cfg, device), tokenizer


__all__ = ["BertConfig", "BertEncoder", "BertLoadError", "BertTokenizer", "load_bert", "load_encoder"]
