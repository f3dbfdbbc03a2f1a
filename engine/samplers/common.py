"""What the teacher's and the student's samplers share: blocks as clean slots and the
inference context (eval mode, inference mode, a set number of torch threads)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch

from engine.models.scene_net import SceneNetMixin, encode_slots
from scene.blocks import Block


def clean_slots(model: SceneNetMixin, blocks: list[Block]) -> torch.Tensor:
    """Blocks as a ``(1, N, D)`` batch of clean slots for `model`."""
    return torch.from_numpy(encode_slots(blocks, model.config.n_slots, model.config.slot_dim)[0])[None]


@contextmanager
def sampling(model: SceneNetMixin, threads: int) -> Iterator[None]:
    """Eval mode, inference mode and `threads` torch threads, restored afterwards."""
    was_training, n_threads = model.training, torch.get_num_threads()
    model.eval()
    torch.set_num_threads(max(1, threads))
    try:
        with torch.inference_mode():
            yield
    finally:
        model.train(was_training)
        torch.set_num_threads(n_threads)
