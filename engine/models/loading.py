"""Loading a trained scene model from a local folder (the committed weights or a user's own).

`load_scene_model(folder)` reads ``config.json`` and ``diffusion_pytorch_model.safetensors``
(what ``save_pretrained`` writes) straight into the plain-PyTorch `SceneNet`, so generating
needs no diffusers import; a folder holding other weight files is loaded by diffusers through
`SceneTransformer.from_pretrained`.
"""

from __future__ import annotations

import json
from pathlib import Path

from torch import nn

from engine.models.scene_net import DEFAULT_CONFIG, WEIGHTS_NAME, SceneNet


def load_scene_model(folder: str | Path) -> nn.Module:
    """The model saved in `folder` (``save_pretrained`` output: ``config.json`` and
    ``diffusion_pytorch_model.safetensors``) as a `SceneNet` in eval mode, without importing
    diffusers; a folder holding other weight files goes through
    ``SceneTransformer.from_pretrained``. Config keys that are not architecture arguments
    (diffusers' ``_class_name``, ``_diffusers_version``) are ignored."""
    folder = Path(folder)
    cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    if not (folder / WEIGHTS_NAME).is_file():
        from engine.models.teacher import SceneTransformer

        return SceneTransformer.from_pretrained(folder, low_cpu_mem_usage=False).eval()
    from safetensors.torch import load_file

    net = SceneNet(**{k: v for k, v in cfg.items() if k in DEFAULT_CONFIG})
    net.load_state_dict(load_file(str(folder / WEIGHTS_NAME)), strict=True)
    return net.eval()
