"""Named model configs, kept as JSON files in ``engine/models/model_configs/`` (one file per
architecture, as open_clip keeps its model configs).

A named config holds only what differs from the architecture's defaults
(`engine.models.scene_net.DEFAULT_CONFIG`, the one source of defaults); `model_config(name)`
returns the full set of arguments. `add_model_config(path)` registers more JSON files (a file,
or a folder of them) so a user's own architectures can be trained by name.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from engine.models.scene_net import DEFAULT_CONFIG

CONFIG_DIR = Path(__file__).resolve().parent / "model_configs"
_CONFIGS: dict[str, dict] = {}


def add_model_config(path: str | os.PathLike) -> list[str]:
    """Register the JSON config file at `path` (or every ``*.json`` in a folder) under its stem.

    Raises ValueError for a file that is not a JSON object of known architecture arguments."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    names = []
    for f in files:
        try:
            cfg = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ValueError(f"{f}: not a readable JSON model config ({e.__class__.__name__})") from None
        if not isinstance(cfg, dict):
            raise ValueError(f"{f}: a model config is a JSON object of architecture arguments")
        unknown = sorted(set(cfg) - set(DEFAULT_CONFIG))
        if unknown:
            raise ValueError(f"{f}: unknown architecture arguments {', '.join(unknown)}")
        _CONFIGS[f.stem] = cfg
        names.append(f.stem)
    return names


def list_models() -> list[str]:
    """The names of the registered configs."""
    return sorted(_CONFIGS)


def model_overrides(name: str) -> dict:
    """What config `name` sets, over the defaults (ValueError for an unknown name)."""
    if name not in _CONFIGS:
        raise ValueError(f"unknown model config {name!r} (use {', '.join(list_models())})")
    return dict(_CONFIGS[name])


def model_config(name: str) -> dict:
    """The full architecture arguments of config `name`: the defaults with its values on top."""
    return {**DEFAULT_CONFIG, **model_overrides(name)}


add_model_config(CONFIG_DIR)
