"""UI-CLIP: the image encoder that knows UI screens (ingest.ui_clip), its training
(engine.training.ui_clip, `onbrand train clip`) and its text–image agreement (eval.clip_agreement)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from ingest.encoders import EncoderError
from ingest.ui_clip import (
    UI_CLIP_WEIGHTS,
    UIClipConfig,
    build_model,
    letterbox,
    load_ui_clip,
    read_config,
    save_ui_clip,
)

TINY = UIClipConfig(embed_dim=32, image_size=64,
                    vision={"width": 32, "layers": 1, "head_width": 16, "patch_size": 16}, text_cfg={"hidden": 0})


@pytest.fixture(scope="module")
def committed():
    return load_ui_clip()


@pytest.fixture(scope="module")
def heldout():
    """Freshly rendered held-out mocks (another stream than the benchmark's) in the held-out system."""
    from engine.training.ui_clip import heldout_pages

    return heldout_pages(16, seed=7, full_images=True)


def test_committed_weights_load_and_encode_unit_vectors(committed):
    from PIL import Image

    assert (UI_CLIP_WEIGHTS / "config.json").is_file() and (UI_CLIP_WEIGHTS / "model.safetensors").is_file()
    assert committed.dim == committed.cfg.embed_dim and committed.name.startswith("ui-clip:")
    imgs = committed.encode_images([Image.new("RGB", (300, 200), "white"), Image.new("RGB", (90, 200), "#123456")])
    txts = committed.encode_texts(["analytics dashboard with KPI cards", "mobile sign-in screen", "checkout"])
    assert imgs.shape == (2, committed.dim) and txts.shape == (3, committed.dim)
    assert imgs.dtype == np.float32 and txts.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(imgs, axis=1), 1, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(txts, axis=1), 1, atol=1e-5)
    assert committed.encode_images([]).shape == (0, committed.dim)


def test_a_saved_folder_loads_with_the_same_vectors(tmp_path):
    import torch

    from PIL import Image

    torch.manual_seed(0)
    net = build_model(TINY).eval()
    save_ui_clip(net, tmp_path / "m")
    assert read_config(tmp_path / "m") == TINY
    enc = load_ui_clip(tmp_path / "m")
    im = Image.new("RGB", (128, 72), "#c0ffee")
    x = torch.from_numpy(np.stack([letterbox(im, 64)]).astype(np.float32).transpose(0, 3, 1, 2) / 127.5 - 1)
    with torch.no_grad():
        want = net.encode_image(x).numpy()
    got = enc.encode_images([im])
    assert got.shape == (1, 32)
    np.testing.assert_allclose(got, want, atol=2e-2)  # weights are stored as float16
    import io

    buf = io.BytesIO()
    im.save(buf, "PNG")
    np.testing.assert_allclose(enc.encode([buf.getvalue()]), got, atol=1e-6)  # the store's bytes interface
    with pytest.raises(EncoderError, match="not a readable image"):
        enc.encode([b"not an image"])


def test_a_bad_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(EncoderError, match="no UI-CLIP model here"):
        load_ui_clip(tmp_path)
    save_ui_clip(build_model(TINY), tmp_path / "m")
    cfg = json.loads((tmp_path / "m" / "config.json").read_text())
    (tmp_path / "m" / "config.json").write_text(json.dumps({**cfg, "embed_dim": 48}))
    with pytest.raises(EncoderError, match="do not match"):
        load_ui_clip(tmp_path / "m")
    (tmp_path / "m" / "config.json").write_text(json.dumps({**cfg, "text": "gpt"}))
    with pytest.raises(EncoderError, match="text tower"):
        load_ui_clip(tmp_path / "m")


def test_letterbox_keeps_the_shape_of_the_screen():
    from PIL import Image

    phone = letterbox(Image.new("RGB", (430, 932), "#ff0000"), 64)
    assert phone.shape == (64, 64, 3)
    red = (phone[..., 0] == 255) & (phone[..., 1] == 0)
    cols = np.flatnonzero(red.any(0))
    assert 27 <= cols.size <= 31 and red[:, 32].all()  # a tall screen between grey bars
    assert (phone[:, 0] == 128).all()


def test_matching_captions_beat_mismatched_ones_on_heldout_mocks(committed, heldout):
    """On mocks the model never saw, in a design system it never saw, each page's own caption
    agrees with it more than the caption of a page of another type, most of the time."""
    imgs = committed.encode_images([p.images[0] for p in heldout])
    txts = committed.encode_texts([p.texts[0] for p in heldout])
    sim = imgs @ txts.T
    wins = total = 0
    for i, p in enumerate(heldout):
        for j, q in enumerate(heldout):
            if q.archetype != p.archetype:
                wins += sim[i, i] > sim[i, j]
                total += 1
    assert total > 100
    assert wins / total >= 0.75, wins / total


def test_clip_agreement_prefers_the_right_prompt(committed, heldout):
    from eval.clip_agreement import clip_agreement, reference_prompts

    assert len(reference_prompts()) == 66
    page = next(p for p in heldout if p.archetype in ("dashboard", "analytics", "sign-in", "checkout", "pricing"))
    right = clip_agreement(page.images[0], page.texts[0], committed)
    wrong_prompt = ("Mobile chat screen with message bubbles and a composer" if page.archetype != "chat"
                    else "Desktop pricing page with three plan cards")
    wrong = clip_agreement(page.images[0], wrong_prompt, committed)
    assert right["clip_agreement"] > wrong["clip_agreement"]
    assert right["clip_percentile"] > wrong["clip_percentile"]
    assert 0.0 <= wrong["clip_percentile"] <= right["clip_percentile"] <= 1.0
    with pytest.raises(ValueError, match="empty"):
        clip_agreement(page.images[0], "  ", committed)


def test_plan_caption_lists_the_blocks():
    import random

    from engine.compose.curriculum import sample_example
    from engine.training.ui_clip import plan_caption

    ex = sample_example(random.Random(3), device="desktop", archetype="dashboard", style={"nav": "sidebar"})
    plan = plan_caption(ex.scene, "desktop")
    assert plan.startswith("desktop page: ") and "sidebar" in plan and "KPI card" in plan


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_train_clip_runs_end_to_end_and_resumes(tmp_path):
    from onbrand.cli import main

    out = tmp_path / "run"
    runner = CliRunner()
    r = runner.invoke(main, ["train", "clip", "--steps", "2", "--pages", "6", "--batch", "4", "--out", str(out),
                             "--checkpoint-every", "1", "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert res["step"] == 2 and res["pages"] == 6
    enc = load_ui_clip(out)
    assert enc.encode_texts(["a settings page"]).shape == (1, enc.dim)
    r = runner.invoke(main, ["train", "clip", "--steps", "3", "--pages", "6", "--batch", "4", "--out", str(out),
                             "--resume", "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["step"] == 3
    bad = tmp_path / "file"
    bad.write_text("x")
    r = runner.invoke(main, ["train", "clip", "--steps", "1", "--pages", "2", "--batch", "2", "--out", str(bad / "x")])
    assert r.exit_code == 2 and "Traceback" not in r.output


def test_eval_prompt_reports_clip_agreement(tmp_path, heldout):
    import shutil

    from conftest import SAMPLES
    from onbrand.cli import main

    grove = tmp_path / "grove"
    shutil.copytree(SAMPLES / "grove", grove, ignore=shutil.ignore_patterns(".onbrand*"))
    page = heldout[0]
    img = tmp_path / "page.png"
    page.images[0].save(img)
    runner = CliRunner()
    r = runner.invoke(main, ["eval", str(grove), str(img), "--prompt", page.texts[0], "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    one = res["images"][0]
    assert -1.0 <= one["clip_agreement"] <= 1.0 and 0.0 <= one["clip_percentile"] <= 1.0
    assert res["summary"]["clip_agreement"] == one["clip_agreement"]
    r = runner.invoke(main, ["eval", str(grove), str(img), "--prompt", " "])
    assert r.exit_code == 2 and "prompt is empty" in r.output and "Traceback" not in r.output
