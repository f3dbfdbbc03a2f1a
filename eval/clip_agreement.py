"""Text–image agreement: does an image show what a prompt asks for? (UI-CLIP, any image.)

`clip_agreement(image, prompt)` embeds the image and the prompt with UI-CLIP
(`ingest.ui_clip`, trained on onbrand's renders in several design systems, so it reads the
layout and content rather than the palette) and returns:

* ``clip_agreement``: their cosine similarity, in [-1, 1] (higher: they agree more). Like
  CLIPScore (Hessel et al. 2021) it is meaningful relative to other texts or images, not as an
  absolute;
* ``clip_percentile``: the share of `reference_prompts` (a fixed set of other UI requests: every
  page type of the curriculum on each device) that agree with the image less than the prompt
  does. 1.0: the prompt fits the image better than any other kind of page; about 0.5: no better
  than a random other request;
* ``clip_best_reference``: the reference request that fits the image best (what the image looks
  like to the model), and ``clip_model``: the model's name (its weights hash).

Images may be paths, encoded bytes or PIL images, made by onbrand or not. The model is loaded
on first use (PyTorch); `encoder` takes any `ingest.ui_clip.UIClipEncoder`.
"""

from __future__ import annotations

import random
from functools import lru_cache
from typing import Any

import numpy as np

from ingest.ui_clip import UIClipEncoder, default_ui_clip

__all__ = ["agreement_scorer", "clip_agreement", "reference_prompts"]

_REFERENCE_CACHE: dict[str, np.ndarray] = {}


@lru_cache(maxsize=1)
def reference_prompts() -> tuple[str, ...]:
    """One request per curriculum page type and device, phrased the curriculum's way (fixed)."""
    from engine.compose.curriculum import ARCHETYPES, captions, default_style

    out = []
    for i, arch in enumerate(ARCHETYPES):
        for device in ("desktop", "tablet", "mobile"):
            out.append(captions(arch, default_style(arch), "retail", random.Random(f"{arch}:{device}:{i}"),
                                device=device))
    return tuple(out)


def _references(enc: UIClipEncoder) -> np.ndarray:
    if enc.name not in _REFERENCE_CACHE:
        _REFERENCE_CACHE[enc.name] = enc.encode_texts(list(reference_prompts()))
    return _REFERENCE_CACHE[enc.name]


def clip_agreement(image: Any, prompt: str, encoder: UIClipEncoder | None = None) -> dict[str, Any]:
    """How well `image` agrees with `prompt` (see the module docstring for the figures).
    Raises ValueError (one line) for an empty prompt or an unreadable image."""
    if not str(prompt).strip():
        raise ValueError("the prompt is empty")
    enc = encoder or default_ui_clip()
    return _agreement(enc, enc.encode_texts([prompt])[0], image)


def _agreement(enc: UIClipEncoder, text_vec, image: Any) -> dict[str, Any]:
    v = enc.encode_images([image])[0]
    s = float(text_vec @ v)
    ref = _references(enc) @ v
    return {"clip_agreement": round(s, 4), "clip_percentile": round(float((ref < s).mean()), 4),
            "clip_best_reference": reference_prompts()[int(ref.argmax())], "clip_model": enc.name}


def agreement_scorer(prompt: str, encoder: UIClipEncoder | None = None):
    """A function ``image -> clip_agreement(image, prompt)`` with the model loaded and the prompt
    checked once (for scoring many images); raises ValueError (one line) when the prompt is
    empty or the model cannot be loaded."""
    if not str(prompt).strip():
        raise ValueError("--prompt is empty")
    enc = encoder or default_ui_clip()
    _references(enc)
    text_vec = enc.encode_texts([prompt])[0]  # encoded once, not per image
    return lambda image: _agreement(enc, text_vec, image)
