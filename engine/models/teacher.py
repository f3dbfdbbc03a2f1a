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
to the context (`engine.models.adapter`), and an AdaLN-Zero-modulated MLP. The conditioning vector of
AdaLN is the timestep embedding plus the pooled prompt and device.

With ``self_condition`` (Analog Bits, Section 3.2) the model also reads its own previous
estimate of the clean slots, concatenated to the noisy input: zeros on a first pass; during
training half the batches first run a gradient-free pass whose estimate is fed back, and a
sampler feeds each step's estimate into the next. Seeing the whole page it is drawing keeps
a set model from drawing the same block twice.

The layers live in `engine.models.scene_net` (plain PyTorch, what generation loads); this module adds
the diffusers model around them for training, distillation and ``save_pretrained``.
"""

from __future__ import annotations

from diffusers.configuration_utils import ConfigMixin, register_to_config
from diffusers.models.modeling_utils import ModelMixin

from engine.models.configs import model_overrides
from engine.models.scene_net import (  # noqa: F401 - the slot encoding is part of the teacher's interface
    BITS,
    SLOT_DIM,
    SceneBlock,
    SceneNetMixin,
    decode_slots,
    encode_slots,
)


#: Named architectures; `create_model(name, **overrides)` starts from one (overrides win).
def create_model(name: str = "small", **overrides) -> SceneTransformer:
    """A fresh `SceneTransformer` from a named config (`engine.models.configs`), `overrides`
    applied on top."""
    return SceneTransformer(**{**model_overrides(name), **overrides})


# -- model -------------------------------------------------------------------------------------------


class SceneTransformer(SceneNetMixin, ModelMixin, ConfigMixin):
    """Denoiser over ``(B, n_slots, SLOT_DIM)`` block slots under cross-attention to a context.

    ``forward(sample, timestep, context)`` takes the noisy slots, integer timesteps ``(B,)`` and
    a collated context (`engine.models.adapter.collate_contexts`) and returns the model output in the
    scheduler's parameterisation (``prediction_type``, recorded in the config).
    """

    config_name = "config.json"

    @register_to_config
    def __init__(self, n_slots: int = 48, slot_dim: int = SLOT_DIM, d_model: int = 192, n_layers: int = 6,
                 n_heads: int = 6, mlp_ratio: float = 4.0, n_style_tokens: int = 16,
                 prediction_type: str = "v_prediction", num_train_timesteps: int = 1000,
                 beta_schedule: str = "squaredcos_cap_v2", self_condition: bool = False, plan_tokens: bool = False,
                 image_conditioning: bool = False, context_in_prompt: bool = False, slot_positions: bool = False,
                 reference_marks: bool = False, reference_slots: bool = False):
        super().__init__()
        self._build(n_slots, slot_dim, d_model, n_layers, n_heads, mlp_ratio, n_style_tokens, prediction_type,
                    num_train_timesteps, beta_schedule, self_condition, plan_tokens, image_conditioning,
                    context_in_prompt, slot_positions, reference_marks, reference_slots)
