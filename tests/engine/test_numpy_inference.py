"""The numpy inference path against PyTorch: the same noise, the same slots to 1e-4, the same
blocks, the same MiniLM embeddings; and a default `onbrand generate` never imports torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from engine.api import STUDENT_WEIGHTS, Engine
from engine.models.adapter import collate_contexts
from conditioning.packing import prompt_context
from engine.models.inputs import collate_arrays
from engine.models.loading import load_scene_model
from engine.models.numpy_net import (
    NumpyLoadError,
    NumpySceneNet,
    load_numpy_scene_model,
)
from engine.models.scene_net import cosine_alphas_cumprod as torch_schedule
from engine.models.slots import cosine_alphas_cumprod, encode_slots
from engine.samplers.noise import randn
from engine.samplers.references import ReferenceBank
from engine.samplers.student import (
    few_step_trajectory,
    few_step_trajectory_numpy,
    sample_student,
    student_timesteps,
)

ROOT = Path(__file__).resolve().parents[2]
PROMPTS = ["sales analytics dashboard", "checkout page with order summary", "sign in page", "account settings"]


@pytest.fixture(scope="module")
def models():
    return load_scene_model(STUDENT_WEIGHTS), load_numpy_scene_model(STUDENT_WEIGHTS)


@pytest.fixture(scope="module")
def harbor_ds(tmp_path_factory):
    from ingest import load_or_ingest

    ds, _, _ = load_or_ingest(ROOT / "sample_design_systems" / "harbor", tmp_path_factory.mktemp("store"),
                              must_save=False, with_context=False)
    return ds


@pytest.mark.parametrize("shape,seed", [((1, 32, 27), 0), ((1, 32, 27), 7), ((2, 48, 27), 123456789),
                                        ((3, 7), 5), ((1, 5, 7), 2 ** 40 + 3)])
def test_noise_is_torch_randn(shape, seed):
    want = torch.randn(shape, generator=torch.Generator().manual_seed(seed)).numpy()
    got = randn(shape, seed)
    assert got.dtype == np.float32 and got.shape == shape
    assert np.abs(got - want).max() < 5e-6


def test_schedule_is_bit_for_bit_torchs():
    assert np.array_equal(cosine_alphas_cumprod(1000), torch_schedule(1000).numpy())


@pytest.mark.parametrize("prompt", PROMPTS)
def test_forward_and_context_match_torch(models, harbor_ds, prompt):
    tm, nm = models
    refs, _ = ReferenceBank().lookup(prompt, "desktop", harbor_ds)
    ctx = prompt_context(prompt, harbor_ds, reference_blocks=refs)
    ct, ca = collate_contexts([ctx], ["desktop"], 32), collate_arrays([ctx], ["desktop"], 32)
    x = randn((1, 32, 27), 3)
    with torch.inference_mode():
        et = tm.encode_context(ct)
        en = nm.encode_context(ca)
        for k in et:
            assert np.abs(et[k].float().numpy() - np.asarray(en[k], np.float32)).max() < 1e-5, k
        for t, style_scale in ((999, 1.0), (399, 0.5), (99, 0.0)):
            prev = np.tanh(x)
            want = tm(torch.from_numpy(x), torch.tensor([t]), ct, style_scale=style_scale, encoded=et,
                      x_self_cond=torch.from_numpy(prev)).numpy()
            got = nm(x, t, style_scale=style_scale, encoded=en, x_self_cond=prev)
            assert np.abs(got - want).max() < 1e-4


@pytest.mark.parametrize("prompt,seed,steps,strength", [(PROMPTS[0], 0, 2, 0.4), (PROMPTS[1], 5, 2, 1.0),
                                                        (PROMPTS[2], 11, 4, 0.4), (PROMPTS[3], 3, 1, 0.4)])
def test_student_samples_the_same_slots_and_blocks(models, harbor_ds, prompt, seed, steps, strength):
    tm, nm = models
    refs, _ = ReferenceBank().lookup(prompt, "desktop", harbor_ds)
    ctx = prompt_context(prompt, harbor_ds, reference_blocks=refs)
    sdedit = strength < 1.0
    ts = student_timesteps(steps, 1000, strength)
    x = torch.randn((1, 32, tm.config.slot_dim), generator=torch.Generator().manual_seed(seed))
    if sdedit:
        x = tm.add_noise(torch.from_numpy(encode_slots(refs[0], 32, tm.config.slot_dim)[0])[None], x, ts[0])
    with torch.inference_mode():
        states_t, x0_t = few_step_trajectory(tm, x, ts, collate_contexts([ctx], ["desktop"], 32))
    xn = randn((1, 32, tm.config.slot_dim), seed)
    if sdedit:
        xn = nm.add_noise(encode_slots(refs[0], 32, tm.config.slot_dim)[0][None], xn, ts[0])
    states_n, x0_n = few_step_trajectory_numpy(nm, xn, ts, collate_arrays([ctx], ["desktop"], 32))
    for a, b in zip(states_t, states_n):
        assert np.abs(a.numpy() - b).max() < 1e-4
    assert np.abs(x0_t.numpy() - x0_n).max() < 1e-4
    kw = {"steps": steps, "seed": seed, "init_blocks": refs[0] if sdedit else None, "strength": strength}
    got, want = sample_student(nm, ctx, **kw), sample_student(tm, ctx, **kw)
    # the same blocks; a box coordinate within 1e-6 of a rounding boundary may round to the
    # neighbouring 5th decimal
    assert [(b.kind, b.role, b.style, b.variant, b.content) for b in got] == \
        [(b.kind, b.role, b.style, b.variant, b.content) for b in want]
    assert max(abs(u - v) for a, b in zip(got, want) for u, v in zip(a.box, b.box)) <= 1.0001e-5


def test_minilm_numpy_embeddings_match_torch():
    from ingest.encoders import MiniLMTextEncoder

    enc = MiniLMTextEncoder()
    texts = ["a login screen for a bank", "Ünïcödé  checkout   flow", "settings " * 50, "", "dashboard"]
    h, m = enc.token_arrays(texts, 32)
    ht, mt = (v.numpy() for v in enc.token_states(texts, 32))
    assert isinstance(h, np.ndarray) and h.dtype == np.float32
    assert np.array_equal(m, mt)
    assert np.abs((h - ht) * m[..., None]).max() < 1e-4
    for i in range(len(texts)):
        a, b = h[i, : m[i].sum()].mean(0), ht[i, : mt[i].sum()].mean(0)
        assert float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)) >= 0.99999


def test_engine_runs_the_student_in_numpy_and_draws_what_torch_draws(tmp_path, monkeypatch):
    folder = ROOT / "sample_design_systems" / "harbor"
    monkeypatch.setenv("ONBRAND_INFERENCE", "auto")
    numpy_engine = Engine.from_folder(folder, store=tmp_path / "store")
    assert isinstance(numpy_engine.model("student"), NumpySceneNet)
    monkeypatch.setenv("ONBRAND_INFERENCE", "torch")
    torch_engine = Engine.from_folder(folder, store=tmp_path / "store")
    assert isinstance(torch_engine.model("student"), torch.nn.Module)
    for prompt, seed in ((PROMPTS[0], 0), (PROMPTS[2], 4)):
        a = numpy_engine.generate(prompt, seed=seed, size=(640, 360))
        b = torch_engine.generate(prompt, seed=seed, size=(640, 360))
        assert a.scene == b.scene and a.svg == b.svg


def test_folders_the_numpy_net_cannot_run_fall_back_to_torch(tmp_path):
    folder = tmp_path / "student"
    folder.mkdir()
    cfg = json.loads((STUDENT_WEIGHTS / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**cfg, "beta_schedule": "linear"}))
    (folder / "diffusion_pytorch_model.safetensors").write_bytes(
        (STUDENT_WEIGHTS / "diffusion_pytorch_model.safetensors").read_bytes())
    with pytest.raises(NumpyLoadError, match="beta_schedule"):
        load_numpy_scene_model(folder)
    engine = Engine.from_folder(ROOT / "sample_design_systems" / "harbor", store=tmp_path / "store",
                                weights={"student": folder})
    assert isinstance(engine.model("student"), torch.nn.Module)


def test_default_generate_never_imports_torch(tmp_path):
    code = (
        "import sys\n"
        "from onbrand.cli import main\n"
        "sys.argv = ['onbrand', 'generate', sys.argv[1], 'sales dashboard', '--out', sys.argv[2],"
        " '--store', sys.argv[3], '--size', '640x360']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print('TORCH', sorted(m for m in sys.modules if m.split('.')[0] == 'torch')[:3])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ONBRAND_INFERENCE", None)
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "sample_design_systems" / "harbor"),
                          str(tmp_path / "m.png"), str(tmp_path / "store")],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "TORCH []"
    assert (tmp_path / "m.png").is_file()
