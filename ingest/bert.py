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

from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from ingest.bert_checkpoint import (  # noqa: F401 - the checkpoint's config and tokenizer are part of this interface
    ACTIVATIONS,
    TOKENIZER_FILE,
    WEIGHTS_FILE,
    BertConfig,
    BertLoadError,
    BertTokenizer,
    bare_weights,
    checkpoint_prefix,
    first_line,
    read_checkpoint,
    state_dict_names,
)

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


def load_encoder(weights: Path, cfg: BertConfig, device: str | torch.device = "cpu") -> BertEncoder:
    """The encoder with the weights of a safetensors file, float32, in eval mode on `device`."""
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    try:
        tensors = load_file(str(weights), device="cpu")
    except (SafetensorError, OSError) as e:
        raise BertLoadError(f"{weights.name}: unreadable weights ({first_line(e)})") from None
    bare = bare_weights(tensors, weights.name)
    prefix = checkpoint_prefix(list(tensors))
    model = BertEncoder(cfg)
    expected = {k: tuple(v.shape) for k, v in model.state_dict().items()}  # (uninitialised, cheap)
    state = {}
    for src, dst in state_dict_names(cfg).items():
        if src not in bare:
            raise BertLoadError(f"{weights.name}: no weight {prefix + src!r}")
        if tuple(bare[src].shape) != expected[dst]:
            raise BertLoadError(f"{weights.name}: {prefix + src} has shape {tuple(bare[src].shape)}, "
                                f"config.json implies {expected[dst]}")
        state[dst] = bare[src].float()
    model.load_state_dict(state, strict=True, assign=True)
    return model.eval().to(device)


def load_bert(folder: Path, config: dict | None = None,
              device: str | torch.device = "cpu") -> tuple[BertEncoder, BertTokenizer]:
    """The encoder and tokenizer of a BERT checkpoint folder (``config.json``,
    ``model.safetensors``, ``tokenizer.json``). Raises `BertLoadError` with a one-line reason."""
    folder = Path(folder)
    cfg, tokenizer = read_checkpoint(folder, config)
    return load_encoder(folder / WEIGHTS_FILE, cfg, device), tokenizer


__all__ = ["BertConfig", "BertEncoder", "BertLoadError", "BertTokenizer", "load_bert", "load_encoder"]
