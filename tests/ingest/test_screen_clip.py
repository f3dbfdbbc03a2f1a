"""UI-CLIP vectors of a system's screens: the numpy towers against the PyTorch model, the
vectors put on screen chunks at ingest (cached by thumbnail), and what matching reads back."""

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ingest import screen_clip
from ingest.model import Chunk, Source


def _screen(seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    im = Image.new("RGB", (320, 200), (246, 247, 249))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, 60, 200], fill=tuple(int(v) for v in rng.integers(0, 120, 3)))
    for _ in range(6):
        x, y = int(rng.integers(70, 280)), int(rng.integers(10, 170))
        d.rectangle([x, y, x + int(rng.integers(10, 40)), y + int(rng.integers(8, 30))],
                    fill=tuple(int(v) for v in rng.integers(0, 256, 3)))
    return im


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def test_numpy_towers_match_the_pytorch_model(one_torch_thread):
    pytest.importorskip("torch")
    pytest.importorskip("open_clip")
    from ingest.ui_clip import default_ui_clip, letterbox

    enc = default_ui_clip()
    tower = screen_clip.load_image_tower()
    arrays = np.stack([letterbox(_screen(s), enc.image_size) for s in range(3)])
    assert np.allclose(tower(arrays), enc.encode_arrays(arrays), atol=1e-5)
    assert tower.name == enc.name
    texts = ["checkout page with order summary", "sign in"]
    from ingest.encoders import default_text_encoder

    head = screen_clip.load_text_head()
    assert np.allclose(head(default_text_encoder().encode(texts)), enc.encode_texts(texts), atol=1e-5)
    assert np.allclose(screen_clip.prompt_vector(default_text_encoder().encode(texts)[0]),
                       enc.encode_texts(texts[:1])[0], atol=1e-5)


def test_screen_chunks_get_cached_vectors(tmp_path, monkeypatch):
    monkeypatch.setenv("ONBRAND_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("ONBRAND_NO_DISK_CACHE", raising=False)

    def chunks():
        return [Chunk(id=f"s{i}", kind="screen", text="screen", source=Source(file=f"screens/{i}.png"),
                      thumbnail=_png(_screen(i)), meta={"blocks": [{"kind": "card", "box": [0, 0, 1, 1]}]})
                for i in range(2)] + [
            Chunk(id="photo", kind="image", text="image", source=Source(file="photo.png"), thumbnail=_png(_screen(9))),
            Chunk(id="doc", kind="doc", text="words", source=Source(file="README.md"))]

    first = chunks()
    assert screen_clip.add_screen_vectors(first) == 2  # the two screens, nothing else
    assert all(screen_clip.META_VECTOR not in c.meta for c in first[2:])
    vecs = [screen_clip.screen_vector(c.meta) for c in first[:2]]
    assert all(v is not None and v.shape == (256,) and abs(np.linalg.norm(v) - 1) < 1e-3 for v in vecs)
    assert float(vecs[0] @ vecs[1]) < 0.9999  # different screens, different vectors
    assert len(first[0].meta[screen_clip.META_VECTOR]) < 700  # small: 256 float16 in base64
    again = chunks()
    assert screen_clip.add_screen_vectors(again) == 0  # from the disk cache
    assert again[0].meta[screen_clip.META_VECTOR] == first[0].meta[screen_clip.META_VECTOR]
    # a vector another model made is not read as this model's
    assert screen_clip.screen_vector({**first[0].meta, screen_clip.META_MODEL: "ui-clip:other"}) is None


def test_agreement_is_relative_to_page_captions():
    from conditioning.prompt import encode_prompt

    meta = {}
    c = Chunk(id="s", kind="screen", text="screen", source=Source(file="s.png"), thumbnail=_png(_screen(1)),
              meta={"blocks": [{"kind": "card", "box": [0, 0, 1, 1]}]})
    screen_clip.add_screen_vectors([c])
    meta = c.meta
    q = screen_clip.prompt_vector(encode_prompt("analytics dashboard")[1])
    v = screen_clip.screen_vector(meta)
    a = screen_clip.agreement(meta, q)
    assert a is not None and abs(a - float(v @ q)) > 1e-4  # the screen's general agreement is taken off
    assert screen_clip.agreement(meta, None) is None and screen_clip.agreement({}, q) is None
    assert screen_clip.unpack_vector("not base64!") is None
