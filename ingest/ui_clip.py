"""UI-CLIP: an image encoder that knows UI screens, with a text side to match.

A small CLIP-style model (Radford et al. 2021) trained by ``onbrand train clip`` on mocks that
onbrand renders from its own curriculum (`engine.training.ui_clip`), so it knows what a
dashboard, a checkout flow or a sign-in form looks like whatever the palette. It maps images
and texts into one space of unit vectors: ``encode_images`` for screenshots and reference
images, ``encode_texts`` for prompts, ``score(image, text)`` for their cosine agreement.

- **Image tower**: an open_clip ``VisionTransformer`` (or a ``ModifiedResNet`` when the config
  gives four layer counts) over the image letterboxed into a square of ``image_size`` pixels
  (aspect ratio kept, the bars mid-grey), so a phone screen and a desktop page keep their shapes.
- **Text tower**: ``"minilm"`` (the default) reuses the bundled all-MiniLM-L6-v2 sentence encoder
  (`ingest.encoders.default_text_encoder`, 384-d, frozen) and trains only a small projection
  head on its pooled vectors; ``"clip"`` is open_clip's own ``TextTransformer`` with its BPE
  tokenizer, trained from scratch.

A model folder holds ``config.json`` (`UIClipConfig`) and ``model.safetensors``; the committed
weights are in ``ingest/weights/ui_clip`` (`UI_CLIP_WEIGHTS`) and any folder written by
`save_ui_clip` loads with `load_ui_clip(folder)`. PyTorch and open_clip are imported only when
a model is built or loaded, so importing this module stays light.
"""

from __future__ import annotations

import io
import json
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from ingest.encoders import EncoderError

if TYPE_CHECKING:
    import torch
    from PIL import Image

#: The committed UI-CLIP weights (``onbrand train clip`` rebuilds them).
UI_CLIP_WEIGHTS = Path(__file__).resolve().parent / "weights" / "ui_clip"
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"
MODEL_TYPE = "onbrand-ui-clip"
TEXT_TOWERS = ("minilm", "clip")
#: Width of the frozen MiniLM sentence vectors the ``"minilm"`` text head reads.
MINILM_DIM = 384
#: Letterbox bars and the normalisation: pixels map to [-1, 1], so mid-grey bars are 0.
_MEAN, _STD = 0.5, 0.5


@dataclass
class UIClipConfig:
    """The architecture of a UI-CLIP model, as written in its folder's ``config.json``.

    `vision` holds open_clip ``CLIPVisionCfg`` fields for the image tower (``width``,
    ``layers``, ``head_width``, ``patch_size``, ``mlp_ratio``; ``layers`` as four counts makes
    it a ResNet). `text` picks the text tower (`TEXT_TOWERS`); `text_cfg` its sizes:
    ``{"hidden": H}`` for the MiniLM head (0: one linear layer), open_clip ``CLIPTextCfg`` fields
    (``context_length``, ``width``, ``heads``, ``layers``) for ``"clip"``."""

    embed_dim: int = 256
    image_size: int = 128
    vision: dict = field(default_factory=lambda: {"width": 192, "layers": 6, "head_width": 64, "patch_size": 16,
                                                  "mlp_ratio": 4.0})
    text: str = "minilm"
    text_cfg: dict = field(default_factory=lambda: {"hidden": 512})
    text_encoder: str = "all-MiniLM-L6-v2"  # the frozen sentence encoder of the "minilm" tower
    model_type: str = MODEL_TYPE

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict, where: str = "config") -> "UIClipConfig":
        if not isinstance(d, dict):
            raise EncoderError(f"{where}: not a UI-CLIP config (a JSON object is expected)")
        if d.get("model_type") != MODEL_TYPE:
            raise EncoderError(f"{where}: model_type is {d.get('model_type')!r}, not {MODEL_TYPE!r}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(d) - known)
        if unknown:
            raise EncoderError(f"{where}: unknown UI-CLIP config keys {', '.join(unknown)}")
        try:
            cfg = cls(**d)
            cfg.embed_dim, cfg.image_size = int(cfg.embed_dim), int(cfg.image_size)
        except (TypeError, ValueError) as e:
            raise EncoderError(f"{where}: bad UI-CLIP config ({e})") from None
        if cfg.text not in TEXT_TOWERS:
            raise EncoderError(f"{where}: text tower {cfg.text!r} is not one of {', '.join(TEXT_TOWERS)}")
        if not (8 <= cfg.embed_dim <= 4096 and 32 <= cfg.image_size <= 1024):
            raise EncoderError(f"{where}: embed_dim {cfg.embed_dim} or image_size {cfg.image_size} out of range")
        if not isinstance(cfg.vision, dict) or not isinstance(cfg.text_cfg, dict):
            raise EncoderError(f"{where}: vision and text_cfg must be JSON objects")
        if cfg.text == "minilm" and cfg.text_encoder != "all-MiniLM-L6-v2":
            raise EncoderError(f"{where}: text encoder {cfg.text_encoder!r} is not the bundled all-MiniLM-L6-v2")
        return cfg


# -- the network ----------------------------------------------------------------------------------


def build_model(cfg: UIClipConfig) -> "torch.nn.Module":
    """A freshly initialised `UIClipNet` for `cfg` (what training starts from)."""
    return _net_class()(cfg)


@lru_cache(maxsize=1)
def _net_class():
    import torch
    from torch import nn

    class UIClipNet(nn.Module):
        """Image tower, text tower and the learned temperature of the contrastive loss."""

        def __init__(self, cfg: UIClipConfig):
            super().__init__()
            self.cfg = cfg
            v = dict(cfg.vision)
            layers = v.get("layers", 6)
            if isinstance(layers, (list, tuple)):
                from open_clip.modified_resnet import ModifiedResNet

                width = int(v.get("width", 32))
                self.visual = ModifiedResNet(layers=list(layers), output_dim=cfg.embed_dim,
                                             heads=max(1, width * 32 // int(v.get("head_width", 64))),
                                             image_size=cfg.image_size, width=width)
            else:
                from open_clip.transformer import VisionTransformer

                width = int(v.get("width", 192))
                self.visual = VisionTransformer(
                    image_size=cfg.image_size, patch_size=int(v.get("patch_size", 16)), width=width,
                    layers=int(layers), heads=max(1, width // int(v.get("head_width", 64))),
                    mlp_ratio=float(v.get("mlp_ratio", 4.0)), output_dim=cfg.embed_dim,
                    pool_type=v.get("pool_type", "tok"))
            t = dict(cfg.text_cfg)
            if cfg.text == "minilm":
                hidden = int(t.get("hidden", 512))
                self.text = (nn.Sequential(nn.Linear(MINILM_DIM, hidden), nn.GELU(), nn.Linear(hidden, cfg.embed_dim))
                             if hidden else nn.Linear(MINILM_DIM, cfg.embed_dim))
            else:
                from open_clip.transformer import TextTransformer

                width = int(t.get("width", 128))
                self.text = TextTransformer(context_length=int(t.get("context_length", 32)), width=width,
                                            heads=max(1, width // int(t.get("head_width", 64))),
                                            layers=int(t.get("layers", 3)), output_dim=cfg.embed_dim)
            self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))

        def encode_image(self, pixels: torch.Tensor) -> torch.Tensor:
            """``(B, 3, S, S)`` normalised pixels (`preprocess`) → ``(B, embed_dim)`` unit rows."""
            return nn.functional.normalize(self.visual(pixels), dim=-1)

        def encode_text(self, text_input: torch.Tensor) -> torch.Tensor:
            """MiniLM sentence vectors ``(B, 384)`` (``"minilm"``) or BPE token ids ``(B, T)``
            (``"clip"``) → ``(B, embed_dim)`` unit rows."""
            return nn.functional.normalize(self.text(text_input), dim=-1)

        def forward(self, pixels: torch.Tensor, text_input: torch.Tensor):
            return self.encode_image(pixels), self.encode_text(text_input), self.logit_scale.exp().clamp(max=100)

    return UIClipNet


# -- images ---------------------------------------------------------------------------------------


def _as_image(item: Any) -> "Image.Image":
    from PIL import Image, UnidentifiedImageError

    if isinstance(item, Image.Image):
        return item
    try:
        if isinstance(item, (bytes, bytearray, memoryview)):
            im = Image.open(io.BytesIO(bytes(item)))
        elif isinstance(item, (str, Path)):
            im = Image.open(item)
        else:
            raise EncoderError(f"cannot encode a {type(item).__name__} as an image (a PIL image, bytes or a path)")
        im.load()
        return im
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as e:
        raise EncoderError(f"not a readable image ({str(e).splitlines()[0] if str(e) else type(e).__name__})") from None


def letterbox(image: Any, size: int) -> np.ndarray:
    """The image (a PIL image, encoded bytes or a path) as ``(size, size, 3)`` uint8 RGB: composited
    over white, scaled to fit the square with its aspect ratio kept (box filter when shrinking)
    and centred between mid-grey bars."""
    from PIL import Image

    im = _as_image(image)
    if im.mode != "RGB":
        im = im.convert("RGBA")
        bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, im).convert("RGB")
    w, h = im.size
    if w < 1 or h < 1:
        raise EncoderError("an empty image")
    k = size / max(w, h)
    nw, nh = max(1, round(w * k)), max(1, round(h * k))
    if im.size != (nw, nh):
        # a reducing pass first keeps a 4K mock's resize cheap, then a box filter to the size
        if k < 0.25:
            im = im.reduce(max(1, int(0.5 / k)))
        im = im.resize((nw, nh), Image.Resampling.BOX if k < 1 else Image.Resampling.BILINEAR)
    out = np.full((size, size, 3), 128, np.uint8)
    x, y = (size - nw) // 2, (size - nh) // 2
    out[y:y + nh, x:x + nw] = np.asarray(im, np.uint8)
    return out


def to_pixels(batch: np.ndarray) -> np.ndarray:
    """``(B, S, S, 3)`` uint8 → the model's ``(B, 3, S, S)`` float32 input in [-1, 1]."""
    x = batch.astype(np.float32).transpose(0, 3, 1, 2) / 255.0
    return (x - _MEAN) / _STD


# -- the encoder ----------------------------------------------------------------------------------


class UIClipEncoder:
    """A trained UI-CLIP model, ready for inference (CPU, eval mode, no gradients).

    ``encode_images(images)`` and ``encode_texts(texts)`` return float32 ``(n, dim)`` arrays of
    unit rows in one space, so their inner product is cosine similarity; ``score(image, text)``
    is that cosine for one pair. Images may be PIL images, encoded bytes or paths. It also
    satisfies `ingest.encoders.Encoder` for images (``encode(list_of_bytes)``), under a `name`
    that includes the folder's weights hash, so a store never mixes two models' vectors."""

    modality = "image"

    def __init__(self, net, cfg: UIClipConfig, name: str, folder: Path | None = None, batch_size: int = 64):
        self.net, self.cfg, self.name, self.folder = net, cfg, name, folder
        self.dim = cfg.embed_dim
        self.image_size = cfg.image_size
        self.batch_size = batch_size
        self._tokenizer = None
        self._lock = threading.Lock()

    def image_arrays(self, images: Sequence[Any]) -> np.ndarray:
        """The letterboxed ``(n, S, S, 3)`` uint8 inputs of `images`."""
        if not len(images):
            return np.zeros((0, self.image_size, self.image_size, 3), np.uint8)
        return np.stack([letterbox(im, self.image_size) for im in images])

    def encode_arrays(self, arrays: np.ndarray) -> np.ndarray:
        """`image_arrays`' output → ``(n, dim)`` unit rows."""
        import torch

        out = np.zeros((len(arrays), self.dim), np.float32)
        with self._lock, torch.inference_mode():
            for s in range(0, len(arrays), self.batch_size):
                x = torch.from_numpy(to_pixels(arrays[s:s + self.batch_size]))
                out[s:s + len(x)] = self.net.encode_image(x).numpy()
        return out

    def encode_images(self, images: Sequence[Any]) -> np.ndarray:
        """Unit vectors ``(n, dim)`` of screens or other images (PIL images, bytes or paths)."""
        return self.encode_arrays(self.image_arrays(images))

    def text_inputs(self, texts: Sequence[str]) -> np.ndarray:
        """What the text tower reads: MiniLM sentence vectors ``(n, 384)`` float32 or BPE token
        ids ``(n, context_length)`` int64."""
        texts = [" ".join(str(t).split()) for t in texts]
        if self.cfg.text == "minilm":
            from ingest.encoders import default_text_encoder

            if not texts:
                return np.zeros((0, MINILM_DIM), np.float32)
            return default_text_encoder().encode(texts)
        return clip_tokenize(texts, int(self.cfg.text_cfg.get("context_length", 32)))

    def encode_text_inputs(self, inputs: np.ndarray) -> np.ndarray:
        import torch

        out = np.zeros((len(inputs), self.dim), np.float32)
        with self._lock, torch.inference_mode():
            for s in range(0, len(inputs), 256):
                out[s:s + 256] = self.net.encode_text(torch.from_numpy(inputs[s:s + 256])).numpy()
        return out

    def encode_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors ``(n, dim)`` of prompts or captions."""
        return self.encode_text_inputs(self.text_inputs(texts))

    def score(self, image: Any, text: str) -> float:
        """Cosine similarity of one image and one text, in [-1, 1] (higher: they agree more)."""
        return float(self.encode_images([image])[0] @ self.encode_texts([text])[0])

    def encode(self, items: Sequence[bytes]) -> np.ndarray:
        """`ingest.encoders.Encoder` for images: encoded image bytes → unit rows."""
        return self.encode_images(list(items))


def clip_tokenize(texts: Sequence[str], context_length: int) -> np.ndarray:
    """open_clip's BPE tokens of `texts`, ``(n, context_length)`` int64 (truncated, end token kept)."""
    from open_clip.tokenizer import SimpleTokenizer

    tok = _simple_tokenizer(SimpleTokenizer, context_length)
    return tok(list(texts)).numpy().astype(np.int64)


@lru_cache(maxsize=4)
def _simple_tokenizer(cls, context_length: int):
    return cls(context_length=context_length)


# -- folders ----------------------------------------------------------------------------------------


def read_config(folder: str | Path) -> UIClipConfig:
    """The `UIClipConfig` of a model folder (one-line `EncoderError` when it has none)."""
    path = Path(folder) / CONFIG_FILE
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise EncoderError(f"{folder}: no UI-CLIP model here (no {CONFIG_FILE}); run `onbrand train clip`") from None
    except (OSError, ValueError) as e:
        raise EncoderError(f"{path}: unreadable ({str(e).splitlines()[0]})") from None
    return UIClipConfig.from_dict(data, where=str(path))


def save_ui_clip(net, folder: str | Path, extra: dict | None = None) -> Path:
    """Write `net` (a `build_model` network) to `folder`: ``config.json`` and ``model.safetensors``
    (float16, half the size; inference runs in float32). `extra` is kept in ``config.json``'s
    sibling ``train_info.json``."""
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to("cpu").contiguous() for k, v in net.state_dict().items()}
    state = {k: (v.half() if v.is_floating_point() and k != "logit_scale" else v) for k, v in state.items()}
    tmp = folder / f".{WEIGHTS_FILE}.tmp"
    save_file(state, str(tmp), metadata={"format": "pt", "model_type": MODEL_TYPE})
    tmp.chmod(0o644)
    tmp.replace(folder / WEIGHTS_FILE)
    (folder / CONFIG_FILE).write_text(json.dumps(net.cfg.to_dict(), indent=1) + "\n")
    if extra is not None:
        (folder / "train_info.json").write_text(json.dumps(extra, indent=1) + "\n")
    return folder


def load_ui_clip(folder: str | Path | None = None, threads: int | None = None) -> UIClipEncoder:
    """The UI-CLIP model in `folder` (default: the committed `UI_CLIP_WEIGHTS`) as a `UIClipEncoder`.
    Any folder written by `save_ui_clip` or ``onbrand train clip`` loads; a missing or
    mismatched one raises `EncoderError` with a one-line reason."""
    folder = Path(folder) if folder is not None else UI_CLIP_WEIGHTS
    cfg = read_config(folder)
    weights = folder / WEIGHTS_FILE
    if not weights.is_file():
        raise EncoderError(f"{folder}: no {WEIGHTS_FILE}")
    import torch
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    from ingest.cache import content_digest

    if threads:
        torch.set_num_threads(threads)
    try:
        state = load_file(str(weights))
    except (SafetensorError, OSError, ValueError) as e:
        raise EncoderError(f"{weights}: unreadable weights ({str(e).splitlines()[0]})") from None
    net = build_model(cfg)
    own = net.state_dict()
    missing = sorted(set(own) - set(state))
    extra = sorted(set(state) - set(own))
    bad = [k for k in own if k in state and tuple(state[k].shape) != tuple(own[k].shape)]
    if missing or extra or bad:
        what = (f"missing {missing[:3]}" if missing else f"unexpected {extra[:3]}" if extra
                else f"shape of {bad[:3]}")
        raise EncoderError(f"{weights}: weights do not match {CONFIG_FILE} ({what})")
    net.load_state_dict({k: v.to(own[k].dtype) for k, v in state.items()})
    net.eval()
    digest = content_digest(weights) or ""  # the weights' SHA-256, remembered across processes
    return UIClipEncoder(net, cfg, name=ui_clip_name(cfg, digest), folder=folder)


def ui_clip_name(cfg: UIClipConfig, digest: str) -> str:
    """The name of a UI-CLIP model of config `cfg` whose weights file has SHA-256 `digest`
    (`UIClipEncoder.name`): vectors made under one name are only compared with each other."""
    return f"ui-clip:{cfg.text}-{cfg.embed_dim}-{digest[:12]}"


@contextmanager
def one_torch_thread() -> Iterator[None]:
    """PyTorch on one thread inside the block, its thread count restored after: UI-CLIP is a
    2.5 MB model, and more threads only add synchronisation (10–40× slower on a busy machine)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


_DEFAULT_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _default() -> UIClipEncoder:
    return load_ui_clip(UI_CLIP_WEIGHTS)


def default_ui_clip() -> UIClipEncoder:
    """The committed UI-CLIP model, loaded once per process."""
    with _DEFAULT_LOCK:
        return _default()


def encode_images(images: Sequence[Any]) -> np.ndarray:
    """`UIClipEncoder.encode_images` of the committed model: ``(n, dim)`` unit rows."""
    return default_ui_clip().encode_images(images)


def encode_texts(texts: Sequence[str]) -> np.ndarray:
    """`UIClipEncoder.encode_texts` of the committed model: ``(n, dim)`` unit rows."""
    return default_ui_clip().encode_texts(texts)


def score(image: Any, text: str) -> float:
    """`UIClipEncoder.score` of the committed model: the cosine agreement of one image and one text."""
    return default_ui_clip().score(image, text)
