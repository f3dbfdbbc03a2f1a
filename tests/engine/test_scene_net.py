"""The denoiser in plain PyTorch: the same network as the diffusers teacher/student, loaded without diffusers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch

from engine.models.loading import load_scene_model
from engine.models.scene_net import SceneNet, SinusoidalTimesteps, TimestepMLP, cosine_alphas_cumprod

ROOT = Path(__file__).resolve().parents[2]
STUDENT = ROOT / "engine" / "weights" / "student"


def test_generating_with_the_student_never_imports_diffusers_or_sympy(tmp_path):
    code = ("import sys\nfrom engine.api import Engine\n"
            "e = Engine.from_folder('sample_design_systems/harbor')\n"
            "g = e.generate('checkout page with order summary', size=(480, 270), sampler='student')\n"
            "assert g.scene.elements and g.timings['sample'] > 0\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('diffusers', 'transformers', 'sympy')))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_plain_network_matches_the_diffusers_model():
    from diffusers.models.embeddings import TimestepEmbedding, Timesteps

    from conditioning.packing import prompt_context
    from engine.models.adapter import collate_contexts
    from engine.models.teacher import SceneTransformer
    from ingest import ingest_folder

    net = load_scene_model(STUDENT)
    ref = SceneTransformer.from_pretrained(STUDENT, low_cpu_mem_usage=False).eval()
    assert isinstance(net, SceneNet) and not net.training
    assert {k: v for k, v in ref.config.items() if not k.startswith("_")} == vars(net.config)
    a, b = net.state_dict(), ref.state_dict()
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    # the schedule and the timestep embedding are diffusers' exactly
    assert torch.equal(net.alphas_cumprod, ref.make_scheduler("ddpm").alphas_cumprod.to(torch.float32))
    assert torch.equal(cosine_alphas_cumprod(1000), net.alphas_cumprod)
    t = torch.tensor([0, 3, 250, 999])
    for d in (64, 9):
        assert torch.equal(SinusoidalTimesteps(d)(t), Timesteps(d, flip_sin_to_cos=True, downscale_freq_shift=0)(t))
    emb, mlp = TimestepEmbedding(16, 32), TimestepMLP(16, 32)
    mlp.load_state_dict(emb.state_dict())
    x = torch.randn(3, 16)
    assert torch.allclose(mlp(x), emb(x), atol=1e-6)
    # and so is the forward pass, up to float rounding
    ctx = collate_contexts([prompt_context("sales dashboard with KPI cards", ingest_folder(ROOT / "sample_design_systems" / "harbor"))])
    x = torch.randn(2, net.config.n_slots, net.config.slot_dim, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        ctx2 = {k: torch.cat([v, v]) for k, v in ctx.items()}
        out_a = net(x, torch.tensor([999, 499]), ctx2)
        out_b = ref(x, torch.tensor([999, 499]), ctx2)
    assert torch.allclose(out_a, out_b, atol=1e-4)


def test_other_weight_files_and_bad_configs(tmp_path):
    from engine.models.teacher import create_model

    model = create_model("tiny", n_slots=8)
    model.save_pretrained(tmp_path / "bin", safe_serialization=False)  # a .bin checkpoint: loaded through diffusers
    loaded = load_scene_model(tmp_path / "bin")
    assert loaded.config.n_slots == 8
    model.save_pretrained(tmp_path / "st")
    plain = load_scene_model(tmp_path / "st")
    assert isinstance(plain, SceneNet) and plain.config.d_model == 64
    with pytest.raises(TypeError, match="unknown SceneNet arguments: bogus"):
        SceneNet(bogus=1)
    with pytest.raises(ValueError, match="slot_dim"):
        SceneNet(slot_dim=3)


def test_attention_mask_is_the_key_padding_mask():
    from torch import nn

    from engine.models.adapter import attend

    torch.manual_seed(0)
    attn = nn.MultiheadAttention(32, 4, batch_first=True).eval()
    q, kv = torch.randn(2, 5, 32), torch.randn(2, 9, 32)
    keep = torch.rand(2, 9) > 0.4
    keep[:, 0] = True
    with torch.no_grad():
        assert torch.equal(attend(attn, q, kv, keep), attn(q, kv, kv, key_padding_mask=~keep, need_weights=False)[0])
        hidden = kv.clone()
        hidden[~keep] = 100.0  # what a masked key holds does not matter
        assert torch.allclose(attend(attn, q, hidden, keep), attend(attn, q, kv, keep), atol=1e-6)


def test_prompt_cache_overflow_keeps_every_answer(monkeypatch):
    """Clearing the full prompt cache in the middle of a batch must not lose the batch's
    already-cached prompts (a long training run once stopped on exactly that)."""
    from conditioning.prompt import encode_prompts

    cache: dict = {}
    first = encode_prompts(["sign in page", "orders table"], cache, 3)
    again = encode_prompts(["orders table", "pricing page", "settings page", "sign in page"], cache, 3)
    assert len(again) == 4 and len(cache) <= 3
    assert again[0][0] is first[1][0] and again[3][0] is first[0][0]
    assert again[1][1].shape == (384,)
