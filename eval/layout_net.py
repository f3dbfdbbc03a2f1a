"""A layout encoder for layout FID, trained the const_layout way (Kikuchi et al. 2021).

"Constrained Graphic Layout Generation via Latent Optimization" (Kikuchi et al. 2021, the
LayoutGAN++ paper) measures layout FID with features of a Transformer trained on the layouts
themselves; LayoutDM (Inoue et al. 2023) reuses that network.  `LayoutNet` is the same recipe
for onbrand's block layouts (`scene.blocks.Block`):

- **Input.** Each block is one token: an embedding of its kind (`scene.blocks.BLOCK_KINDS`;
  index 0, the null kind, stands for kinds the network does not know) concatenated with a
  linear map of its box ``(x, y, w, h)`` in canvas fractions (clipped to [0, 1]), then mapped
  to ``d_model``.  A learned **CLS** token is prepended.  The encoder has no positional
  encoding, so its feature does not depend on the order the blocks are listed in.
- **Encoder.** A pre-norm Transformer encoder (`n_layers` layers, `n_heads` heads) with
  padding masks; its final LayerNorm'd CLS output is the layout's feature ``z`` (``d_model``
  values).  **The FID feature is this CLS output ``z``**, not a projection of it.
- **Heads.** (a) a real-vs-fake logit from ``z``; (b) a decoder that reconstructs the input
  from ``z`` alone: ``z`` is broadcast to every slot, added to a learned slot query, run
  through a small Transformer (`n_dec_layers`) and read out as kind logits and boxes.  Fakes
  are real layouts corrupted by `corrupt` (boxes jittered, kinds replaced or shuffled, blocks
  dropped or duplicated); only real layouts are reconstructed.

Training: ``python -m eval.train_layout_net`` (`eval.train_layout_net`).  The weights that
ship in ``eval/weights/layout_net`` load with `load_layout_net()`; any local folder written
by `LayoutNet.save_pretrained` loads with ``load_layout_net(path)``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import torch
from diffusers.configuration_utils import ConfigMixin, register_to_config
from diffusers.models.modeling_utils import ModelMixin
from torch import nn

from scene.blocks import BLOCK_KINDS, Block

__all__ = ["DEFAULT_WEIGHTS", "MAX_BLOCKS", "LayoutNet", "corrupt", "layout_arrays", "load_layout_net"]

#: The trained encoder that ships with the package.
DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "weights" / "layout_net"

#: Blocks per layout the network reads (`scene.blocks.scene_blocks` keeps at most 48).
MAX_BLOCKS = 48


class LayoutNet(ModelMixin, ConfigMixin):
    """Transformer encoder over a layout's blocks with a CLS feature, a real/fake head and a decoder.

    ``forward(kinds, boxes, mask)`` takes kind indices ``(B, N)`` (into ``config.kinds``),
    boxes ``(B, N, 4)`` and a validity mask ``(B, N)`` (True for a block, False for padding)
    and returns ``(z, logit, kind_logits, boxes_hat)``: the feature ``(B, d_model)``, the
    real-vs-fake logit ``(B,)``, and the reconstruction ``(B, N, K)``, ``(B, N, 4)``.
    """

    config_name = "config.json"

    @register_to_config
    def __init__(self, kinds: Sequence[str] = BLOCK_KINDS, max_blocks: int = MAX_BLOCKS, d_model: int = 128,
                 n_layers: int = 4, n_heads: int = 4, ff_mult: int = 2, n_dec_layers: int = 2,
                 dropout: float = 0.1):
        super().__init__()
        d = d_model
        self._kind_index = {k: i for i, k in enumerate(kinds)}
        self.emb_kind = nn.Embedding(len(kinds), d)
        self.fc_box = nn.Linear(4, d)
        self.fc_in = nn.Linear(2 * d, d)
        self.cls = nn.Parameter(torch.randn(1, 1, d) * 0.02)

        def layer() -> nn.TransformerEncoderLayer:
            return nn.TransformerEncoderLayer(d, n_heads, ff_mult * d, dropout, batch_first=True, norm_first=True)

        self.encoder = nn.TransformerEncoder(layer(), n_layers, norm=nn.LayerNorm(d), enable_nested_tensor=False)
        self.fc_disc = nn.Linear(d, 1)
        self.slot_query = nn.Parameter(torch.randn(1, max_blocks, d) * 0.02)
        self.dec_in = nn.Linear(d, d)
        self.decoder = nn.TransformerEncoder(layer(), n_dec_layers, norm=nn.LayerNorm(d),
                                             enable_nested_tensor=False)
        self.fc_kind = nn.Linear(d, len(kinds))
        self.fc_box_out = nn.Linear(d, 4)

    # -- the network ---------------------------------------------------------------------

    def encode(self, kinds: torch.Tensor, boxes: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """The CLS feature ``z`` (B, d_model) of a batch of layouts: the layout FID feature."""
        B = kinds.shape[0]
        x = torch.cat([self.emb_kind(kinds), self.fc_box(boxes)], -1)  # (B, N, 2d)
        x = torch.relu(self.fc_in(x))  # (B, N, d)
        x = torch.cat([self.cls.expand(B, -1, -1), x], 1)  # (B, 1 + N, d)
        pad = torch.cat([torch.zeros(B, 1, dtype=torch.bool, device=mask.device), ~mask], 1)
        return self.encoder(x, src_key_padding_mask=pad)[:, 0]  # (B, d)

    def discriminate(self, z: torch.Tensor) -> torch.Tensor:
        """Real-vs-fake logit (B,) of features ``z``."""
        return self.fc_disc(z).squeeze(-1)

    def decode(self, z: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Kind logits (B, N, K) and boxes (B, N, 4) in [0, 1] for the N slots of `mask`, from ``z``."""
        N = mask.shape[1]
        x = torch.relu(self.dec_in(z))[:, None, :] + self.slot_query[:, :N]  # (B, N, d)
        x = self.decoder(x, src_key_padding_mask=~mask)
        return self.fc_kind(x), torch.sigmoid(self.fc_box_out(x))

    def forward(self, kinds: torch.Tensor, boxes: torch.Tensor, mask: torch.Tensor):
        z = self.encode(kinds, boxes, mask)
        kind_logits, boxes_hat = self.decode(z, mask)
        return z, self.discriminate(z), kind_logits, boxes_hat

    # -- layouts in, features out -----------------------------------------------------------

    def kind_index(self, kind: str) -> int:
        """Index of `kind` in the network's vocabulary (0, the null kind, when unknown)."""
        return self._kind_index.get(kind, 0)

    def layout_tensors(self, layouts: Sequence[Sequence[Block]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Padded ``(kinds, boxes, mask)`` tensors for `layouts` (at most ``max_blocks`` blocks each)."""
        return pad_blocks([layout_arrays(bs, self.kind_index, self.config.max_blocks) for bs in layouts])

    @torch.no_grad()
    def features(self, layouts: Sequence[Sequence[Block]], batch_size: int = 512) -> npt.NDArray[np.float64]:
        """The CLS feature ``z`` of each layout, as an (N, d_model) float64 array (eval mode, batched)."""
        was_training = self.training
        self.eval()
        out = []
        try:
            for i in range(0, len(layouts), batch_size):
                kinds, boxes, mask = self.layout_tensors(layouts[i: i + batch_size])
                out.append(self.encode(kinds, boxes, mask).double().numpy())
        finally:
            self.train(was_training)
        return np.concatenate(out) if out else np.zeros((0, self.config.d_model))


def layout_arrays(blocks: Sequence[Block], kind_index, max_blocks: int = MAX_BLOCKS
                  ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Kind indices (n,) and boxes (n, 4) of a layout: boxes clipped to [0, 1] (non-finite → 0),
    and, past `max_blocks`, the largest blocks kept (as `scene.blocks.scene_blocks` does)."""
    blocks = list(blocks)
    if len(blocks) > max_blocks:
        blocks = sorted(blocks, key=lambda b: float(b.box[2]) * float(b.box[3]), reverse=True)[:max_blocks]
    kinds = np.array([kind_index(b.kind) for b in blocks], dtype=np.int64)
    boxes = np.array([[float(v) for v in b.box] for b in blocks], dtype=np.float32).reshape(-1, 4)
    boxes = np.clip(np.nan_to_num(boxes, nan=0.0, posinf=1.0, neginf=0.0), 0.0, 1.0)
    return kinds, boxes


def pad_blocks(items: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    n = max([len(k) for k, _ in items] + [1])
    kinds = np.zeros((len(items), n), dtype=np.int64)
    boxes = np.zeros((len(items), n, 4), dtype=np.float32)
    mask = np.zeros((len(items), n), dtype=bool)
    for i, (k, b) in enumerate(items):
        kinds[i, : len(k)], boxes[i, : len(k)], mask[i, : len(k)] = k, b, True
    return torch.from_numpy(kinds), torch.from_numpy(boxes), torch.from_numpy(mask)


def corrupt(kinds: np.ndarray, boxes: np.ndarray, rng: np.random.Generator, n_kinds: int = len(BLOCK_KINDS),
            max_blocks: int = MAX_BLOCKS) -> tuple[np.ndarray, np.ndarray]:
    """A fake layout made from a real one (kind indices (n,), boxes (n, 4)): one or two of

    - **jitter**: Gaussian noise (σ from 0.01 to 0.15 of the canvas) on the boxes of a random
      share of the blocks;
    - **swap**: a random share of the kinds replaced by random kinds;
    - **shuffle**: the kinds permuted among the blocks (boxes stay);
    - **drop**: up to a third of the blocks removed (one is always kept);
    - **duplicate**: one to three blocks repeated, slightly moved.
    """
    kinds, boxes = kinds.copy(), boxes.copy()
    n = len(kinds)
    ops = ["jitter", "swap", "shuffle", "drop", "duplicate"]
    chosen = rng.choice(len(ops), size=int(rng.integers(1, 3)), replace=False)
    for op in (ops[i] for i in chosen):
        n = len(kinds)
        if op == "jitter" or (op in ("shuffle", "drop") and n < 2):
            sel = rng.random(n) < rng.uniform(0.3, 1.0)
            sel[rng.integers(n)] = True
            sigma = rng.uniform(0.01, 0.15)
            boxes[sel] += rng.normal(0.0, sigma, size=(int(sel.sum()), 4)).astype(np.float32)
        elif op == "swap":
            sel = rng.random(n) < rng.uniform(0.2, 0.8)
            sel[rng.integers(n)] = True
            kinds[sel] = rng.integers(1, n_kinds, size=int(sel.sum()))
        elif op == "shuffle":
            kinds = kinds[rng.permutation(n)]
        elif op == "drop":
            keep = np.ones(n, dtype=bool)
            keep[rng.choice(n, size=int(rng.integers(1, max(1, n // 3) + 1)), replace=False)] = False
            kinds, boxes = kinds[keep], boxes[keep]
        else:  # duplicate
            idx = rng.integers(0, n, size=int(rng.integers(1, 4)))
            extra = boxes[idx] + rng.normal(0.0, 0.02, size=(len(idx), 4)).astype(np.float32)
            kinds, boxes = np.concatenate([kinds, kinds[idx]])[:max_blocks], np.concatenate([boxes, extra])[:max_blocks]
    boxes[:, 2:] = np.maximum(boxes[:, 2:], 0.005)
    return kinds, np.clip(boxes, 0.0, 1.0)


@functools.lru_cache(maxsize=4)
def _load(path: str) -> LayoutNet:
    return LayoutNet.from_pretrained(path, low_cpu_mem_usage=False).eval()


def load_layout_net(path: str | Path | None = None) -> LayoutNet:
    """The trained `LayoutNet` in `path` (a `save_pretrained` folder; default: the shipped
    `DEFAULT_WEIGHTS`), in eval mode.  Loaded once per folder and cached.

    Raises `FileNotFoundError` naming the folder when it holds no ``config.json``.
    """
    folder = Path(path) if path is not None else DEFAULT_WEIGHTS
    if not (folder / LayoutNet.config_name).is_file():
        raise FileNotFoundError(f"{folder}: no layout encoder here (config.json missing)")
    return _load(str(folder.resolve()))
