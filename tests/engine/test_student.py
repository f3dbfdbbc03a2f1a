"""The distilled student: timesteps, distillation, sampling, references, Engine default, CLI."""

from __future__ import annotations

import json

import pytest
import torch
from click.testing import CliRunner
from conftest import SAMPLES

from conditioning.packing import prompt_context
from engine.models.adapter import collate_contexts
from engine.samplers.student import student_timesteps
from engine.training.distill import distill
from engine.training.progressive import (
    DistillConfig,
    TrajectoryPool,
    distill_loss,
    jump_target,
    snap,
    used_slots,
)
from engine.samplers.defaults import DEFAULT_STRENGTH
from engine.models.teacher import SLOT_DIM, create_model

HARBOR = SAMPLES / "harbor"


pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _tiny_teacher(path, seed: int = 0, self_condition: bool = True):
    torch.manual_seed(seed)
    model = create_model("tiny", n_slots=16, self_condition=self_condition)
    for p in model.parameters():
        torch.nn.init.normal_(p, std=0.05)
    model.save_pretrained(path)
    return model


def _cfg(tmp_path, teacher, **kw) -> DistillConfig:
    base = {"out": str(tmp_path / "student"), "teacher": str(teacher), "steps": 6, "batch": 4, "lr": 2e-3,
            "warmup": 1, "pool_batches": 2, "refresh_every": 3, "checkpoint_every": 3,
            "log_every": 2, "design_systems": [str(HARBOR)]}
    return DistillConfig(**{**base, **kw})


def test_student_timesteps_end_a_quarter_of_the_way_in():
    from engine.samplers.student import trailing_timesteps

    assert trailing_timesteps(1) == [999] and trailing_timesteps(2) == [999, 499]
    assert trailing_timesteps(4) == [999, 749, 499, 249] and trailing_timesteps(4, strength=0.4) == [399, 299, 199, 99]
    assert student_timesteps(1) == [999]
    assert student_timesteps(4) == trailing_timesteps(4)  # 4 steps: the trailing ones
    assert student_timesteps(2) == [999, 249]  # 2 steps: the first and last of those
    assert student_timesteps(2, strength=0.4) == [399, 99] and student_timesteps(1, strength=0.4) == [399]
    assert student_timesteps(3, strength=0.4) == [399, 249, 99]
    for fn in (student_timesteps, trailing_timesteps):
        with pytest.raises(ValueError):
            fn(0)


def test_predict_x0_inverts_the_v_parameterisation():
    model = create_model("tiny", n_slots=8)
    x0 = torch.rand(3, 8, SLOT_DIM) * 2 - 1
    eps = torch.randn(3, 8, SLOT_DIM)
    t = torch.tensor([10, 500, 990])
    sched = model.make_scheduler("ddpm")
    xt = sched.add_noise(x0, eps, t)
    v = sched.get_velocity(x0, eps, t)
    assert torch.allclose(model.predict_x0(v, xt, t), x0, atol=1e-4)


def test_self_conditioning_reads_the_previous_estimate():
    torch.manual_seed(0)
    model = create_model("tiny", n_slots=8, self_condition=True)
    for p in model.parameters():
        torch.nn.init.normal_(p, std=0.05)
    ctx = collate_contexts([prompt_context("a dashboard")], ["desktop"], 8)
    x = torch.randn(1, 8, SLOT_DIM)
    t = torch.tensor([500])
    with torch.no_grad():
        a = model(x, t, ctx)
        b = model(x, t, ctx, x_self_cond=torch.ones_like(x))
        c = model(x, t, ctx, x_self_cond=torch.zeros_like(x))
    assert not torch.allclose(a, b) and torch.allclose(a, c)


def test_snap_and_used_slots():
    x = torch.tensor([[[1.5, -2.0, 0.2, 0.3] + [0.3, -0.1] + [-0.4] * (SLOT_DIM - 6)]])
    s = snap(x)
    assert s[0, 0, :4].tolist() == pytest.approx([1.0, -1.0, 0.2, 0.3])
    assert set(s[0, 0, 4:].tolist()) <= {-1.0, 1.0} and s[0, 0, 4] == 1.0 and s[0, 0, 5] == -1.0
    assert used_slots(s).tolist() == [[True]]
    assert used_slots(-torch.ones(1, 1, SLOT_DIM)).tolist() == [[False]]


def test_few_step_trajectory_is_the_student_sampler(tmp_path):
    """The batched trajectory distillation records is the loop `sample_student` runs."""
    from scene.blocks import scene_blocks
    from engine.compose.composer import compose
    from engine.samplers.common import clean_slots as _slots
    from engine.samplers.student import few_step_trajectory, sample_student
    from engine.models.scene_net import decode_slots

    teacher = _tiny_teacher(tmp_path / "t").eval()
    ref = scene_blocks(compose("sales dashboard", 1920, 1080, archetype="dashboard"), 16)
    ctx = prompt_context("a dashboard")
    ts = student_timesteps(4, 1000, 0.4)
    assert ts == [399, 299, 199, 99]
    z = torch.randn((1, 16, SLOT_DIM), generator=torch.Generator().manual_seed(3))
    x = teacher.add_noise(_slots(teacher, ref), z, ts[0])
    with torch.no_grad():
        states, x0 = few_step_trajectory(teacher, x, ts, collate_contexts([ctx], ["desktop"], 16))
    assert len(states) == 4 and torch.equal(states[0], x) and x0.abs().max() <= 1
    assert decode_slots(x0[0].numpy()) == sample_student(teacher, ctx, steps=4, seed=3, init_blocks=ref, strength=0.4)
    # a batch of two gives each row what it gives alone
    ctx2 = collate_contexts([ctx, prompt_context("sign in")], ["desktop", "mobile"], 16)
    with torch.no_grad():
        _, both = few_step_trajectory(teacher, torch.cat([x, x]), ts, ctx2)
    assert torch.allclose(both[0], x0[0], atol=1e-5) and not torch.allclose(both[1], x0[0])


def test_jump_target_lands_on_the_teachers_later_state():
    model = create_model("tiny", n_slots=8)
    g = torch.Generator().manual_seed(0)
    x, x_next = torch.randn(2, 8, SLOT_DIM, generator=g), torch.randn(2, 8, SLOT_DIM, generator=g)
    target = jump_target(model, x, x_next, 399, 199)
    # the sampler's DDIM jump from x with that estimate reaches x_next
    assert torch.allclose(model.add_noise(target, model.path_noise(x, target, 399), 199), x_next, atol=1e-4)


def test_pool_points_follow_the_teachers_trajectories(tmp_path):
    import random

    from engine.samplers.student import trailing_timesteps

    teacher = _tiny_teacher(tmp_path / "t").eval()
    cfg = _cfg(tmp_path, tmp_path / "t", p_sdedit=1.0, p_between=0.0)
    pool = TrajectoryPool(cfg, teacher, random.Random(0), torch.Generator().manual_seed(0))
    pool.fill()
    assert len(pool.items) == cfg.pool_batches * cfg.batch and pool.made == len(pool.items)
    tr = pool.items[0]
    assert tr.timesteps == [399, 299, 199, 99] and tr.states.shape == (4, 16, SLOT_DIM)
    assert set(tr.final.flatten()[4:].tolist()) <= {-1.0, 1.0} or tr.final[:, 4:].abs().eq(1).all()
    seen = {}
    for _ in range(40):
        x, t, target, x_before, t_before = pool.point(tr)
        seen[t] = (x, target)
        # the sampler's previous step: none at the first, the first at the second
        assert (t, t_before) in ((399, -1), (99, 399)) and torch.equal(x_before, tr.states[0])
    # a 2-step student only ever stands at the teacher's first and last timesteps
    assert set(seen) == {399, 99}
    x, target = seen[399]
    assert torch.equal(x, tr.states[0])
    landed = teacher.add_noise(target[None], teacher.path_noise(x[None], target[None], 399), 99)[0]
    assert torch.allclose(landed, tr.states[3], atol=1e-4)
    assert torch.equal(seen[99][0], tr.states[3]) and torch.equal(seen[99][1], tr.final)
    # in-between points (where the 4-step sampler stops) train one teacher step
    pool.cfg.p_between = 1.0
    between = {pool.point(tr)[1] for _ in range(40)}
    assert between == {299, 199}
    ctx, xt, t, target, used, x_before, t_before = pool.draw()
    assert xt.shape == target.shape == x_before.shape == (cfg.batch, 16, SLOT_DIM) and used.shape == (cfg.batch, 16)
    assert set(zip(t.tolist(), t_before.tolist())) <= {(299, 399), (199, 299)}
    with pytest.raises(ValueError, match="multiple"):
        TrajectoryPool(_cfg(tmp_path, tmp_path / "t", teacher_steps=3), teacher, random.Random(0), torch.Generator())
    # from pure noise the teacher takes 16 steps; the 2-step student stands at 999 and 499
    pool = TrajectoryPool(_cfg(tmp_path, tmp_path / "t", p_sdedit=0.0, p_between=0.0), teacher, random.Random(1),
                    torch.Generator().manual_seed(1))
    pool.fill()
    tr = pool.items[0]
    assert tr.timesteps == trailing_timesteps(16) and tr.states.shape[0] == 16
    assert {pool.point(tr)[1] for _ in range(40)} == {999, 249}
    x, t, target, _, _ = next(p for p in (pool.point(tr) for _ in range(40)) if p[1] == 999)
    landed = teacher.add_noise(target[None], teacher.path_noise(x[None], target[None], 999), 249)[0]
    assert torch.allclose(landed, tr.states[12], atol=1e-3)
    pool.cfg.p_between = 1.0
    assert {pool.point(tr)[1] for _ in range(40)} == {749, 499}


def test_distill_loss_self_conditions_as_the_sampler_does(tmp_path):
    """At the first step nothing is fed back; at the second, the student's own clamped estimate
    at the first step's state, as `few_step_trajectory` feeds it."""
    teacher = _tiny_teacher(tmp_path / "t").eval()
    ctx = collate_contexts([prompt_context("a dashboard")] * 2, ["desktop", "mobile"], 16)
    g = torch.Generator().manual_seed(2)
    xt, xb, target = (torch.randn(2, 16, SLOT_DIM, generator=g) for _ in range(3))
    used = torch.ones(2, 16, dtype=torch.bool)
    t, tb = torch.tensor([199, 399]), torch.tensor([399, -1])
    with torch.no_grad():
        loss = distill_loss(teacher, ctx, xt, t, target, used, xb, tb)
        prev0 = teacher.predict_x0(teacher(xb[:1], tb[:1], {k: v[:1] for k, v in ctx.items()}), xb[:1], tb[:1]).clamp(-1, 1)
        prev = torch.cat([prev0, torch.zeros(1, 16, SLOT_DIM)])
        pred = teacher.predict_x0(teacher(xt, t, ctx, x_self_cond=prev), xt, t)
        wrong = teacher.predict_x0(teacher(xt, t, ctx), xt, t)
    assert float(loss) == pytest.approx(float(((pred - target) ** 2).mean()), rel=1e-5)
    assert float(loss) != pytest.approx(float(((wrong - target) ** 2).mean()), rel=1e-5)


def test_distillation_fits_the_teachers_trajectories(tmp_path):
    """Optimising the distillation loss on fixed points drives it down from the teacher's start."""
    import random

    teacher = _tiny_teacher(tmp_path / "t").eval()
    cfg = _cfg(tmp_path, tmp_path / "t")
    pool = TrajectoryPool(cfg, teacher, random.Random(0), torch.Generator().manual_seed(0))
    pool.fill()
    batch = pool.draw()
    # from noise (999, 499) or from a reference at the engine's strength (399, 199)
    assert set(batch[2].tolist()) <= {999, 749, 499, 249, 399, 299, 199, 99}
    student = create_model("tiny", n_slots=16, self_condition=True)
    student.load_state_dict(teacher.state_dict())
    opt = torch.optim.Adam(student.parameters(), lr=3e-3)

    def loss_now() -> float:
        with torch.no_grad():
            return float(distill_loss(student, *batch))

    before = loss_now()
    for i in range(40):
        loss = distill_loss(student, *batch)
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss_now() < 0.5 * before


def test_distill_saves_loads_and_resumes(tmp_path):
    from engine.models.teacher import SceneTransformer

    _tiny_teacher(tmp_path / "t")
    res = distill(_cfg(tmp_path, tmp_path / "t", adv_steps=0), progress=False)
    out = tmp_path / "student"
    assert res["step"] == 6 and res["pairs"] >= 8
    assert (out / "config.json").is_file() and (out / "diffusion_pytorch_model.safetensors").is_file()
    meta = json.loads((out / "distill_config.json").read_text())
    assert meta["sampler_steps"] == [1, 2, 4] and meta["student_steps"] == 2 and "Salimans" in meta["method"]
    assert "adversarial" not in meta["method"] and not (out / "progressive").exists()
    student = SceneTransformer.from_pretrained(out)
    assert student.config.self_condition and student.config.n_slots == 16
    # resume: a longer run continues from the last checkpoint instead of starting over
    more = distill(_cfg(tmp_path, tmp_path / "t", steps=9, adv_steps=0), resume=True, progress=False)
    assert more["step"] == 9 and len(more["losses"]) == 9
    with pytest.raises(FileNotFoundError, match="no teacher"):
        distill(_cfg(tmp_path, tmp_path / "missing"), progress=False)


def test_distill_with_an_adversarial_stage_resumes_both_stages(tmp_path):
    from engine.models.teacher import SceneTransformer

    _tiny_teacher(tmp_path / "t")
    out = tmp_path / "student"
    res = distill(_cfg(tmp_path, tmp_path / "t", adv_steps=3), progress=False)
    assert res["step"] == 9 and len(res["losses"]) == 9
    assert (out / "progressive" / "config.json").is_file() and (out / "config.json").is_file()
    meta = json.loads((out / "distill_config.json").read_text())
    assert "Sauer" in meta["method"] and meta["adv_steps"] == 3
    # the critic and its optimiser are checkpointed with the student
    state = torch.load(out / "checkpoint-3" / "state.pt", weights_only=False)
    assert set(state["extras"]["critic"]) == {"critic", "optimizer"}
    first = SceneTransformer.from_pretrained(out / "progressive").state_dict()
    final = SceneTransformer.from_pretrained(out).state_dict()
    assert any(not torch.equal(first[k], final[k]) for k in first)  # the adversarial stage trained it
    # resume: the finished progressive stage is kept, the adversarial one goes on from its checkpoint
    more = distill(_cfg(tmp_path, tmp_path / "t", adv_steps=5), resume=True, progress=False)
    assert more["step"] == 11 and len(more["losses"]) == 11
    assert SceneTransformer.from_pretrained(out / "progressive").state_dict()["out.weight"].equal(first["out.weight"])


def test_adversarial_stage_trains_the_critic_and_the_student_through_its_sampler(tmp_path):
    """One generator loss: the critic takes a step on the student's 2-step layouts against the
    teacher's; the returned loss sends gradient into the student (through both its steps)
    but none into the critic."""
    import random

    from engine.training.adversarial import AdversarialStage

    teacher = _tiny_teacher(tmp_path / "t").eval()
    cfg = _cfg(tmp_path, tmp_path / "t", p_sdedit=1.0)
    pool = TrajectoryPool(cfg, teacher, random.Random(0), torch.Generator().manual_seed(0))
    pool.fill()
    ctx, x, device, real = pool.starts(4)
    assert ctx["prompt_vec"].shape[0] == 4
    assert x.shape == real.shape == (4, 16, SLOT_DIM) and device.shape == (4,)
    assert all(tr.estimate is not None and tr.estimate.abs().max() <= 1 for tr in pool.items)
    student = create_model("tiny", n_slots=16, self_condition=True)
    student.load_state_dict(teacher.state_dict())
    stage = AdversarialStage(cfg, SLOT_DIM, torch.Generator().manual_seed(0))
    before = {k: v.clone() for k, v in stage.critic.state_dict().items()}
    loss = stage.generator_loss(student, pool)
    assert any(not torch.equal(before[k], v) for k, v in stage.critic.state_dict().items())
    stage.critic.zero_grad(set_to_none=True)
    loss.backward()
    assert all(p.grad is None for p in stage.critic.parameters())
    assert student.inp.weight.grad is not None and student.inp.weight.grad.abs().sum() > 0
    assert stage.last["critic"] > 0 and stage.last["generator"] > 0
    assert stage.describe().startswith("critic ") and " gan " in stage.describe()
    # a pool drawn from noise only makes a batch from references in place of its oldest
    noise_only = TrajectoryPool(_cfg(tmp_path, tmp_path / "t", p_sdedit=0.0), teacher, random.Random(0),
                                torch.Generator().manual_seed(0))
    noise_only.fill()
    size = len(noise_only.items)
    assert all(tr.timesteps[0] == 999 for tr in noise_only.items)
    # with adv_p_noise 1 the student samples from noise, against the teacher's runs from noise
    noise_stage = AdversarialStage(_cfg(tmp_path, tmp_path / "t", adv_p_noise=1.0), SLOT_DIM,
                                   torch.Generator().manual_seed(0))
    assert torch.isfinite(noise_stage.generator_loss(student, noise_only))
    assert all(tr.timesteps[0] == 999 for tr in noise_only.items)
    noise_only.starts(2)
    assert len(noise_only.items) == size and noise_only.items[-1].timesteps[0] == 399


def test_critic_learns_to_tell_blurred_layouts_from_sharp_ones():
    """The critic is a working discriminator: a few steps separate sharp slots (±1 bits)
    from the same slots shrunk towards zero, as regression blurs them."""
    from engine.training.adversarial import LayoutCritic

    torch.manual_seed(0)
    critic = LayoutCritic(SLOT_DIM)
    opt = torch.optim.Adam(critic.parameters(), lr=1e-3)
    dev = torch.zeros(16, dtype=torch.long)
    for _ in range(60):
        sharp = torch.sign(torch.randn(16, 8, SLOT_DIM))
        blurred = 0.6 * torch.sign(torch.randn(16, 8, SLOT_DIM))
        loss = (torch.nn.functional.softplus(-critic(sharp, dev)).mean()
                + torch.nn.functional.softplus(critic(blurred, dev)).mean())
        opt.zero_grad()
        loss.backward()
        opt.step()
    sharp, blurred = torch.sign(torch.randn(16, 8, SLOT_DIM)), 0.6 * torch.sign(torch.randn(16, 8, SLOT_DIM))
    with torch.no_grad():
        assert (critic(sharp, dev) > critic(blurred, dev).max()).all()


def test_sample_student_is_seeded_and_valid(tmp_path):
    from engine.samplers.student import sample_student

    student = _tiny_teacher(tmp_path / "s")
    ctx = prompt_context("checkout page")
    for steps in (1, 2, 4):
        a = sample_student(student, ctx, steps=steps, seed=3)
        assert a == sample_student(student, ctx, steps=steps, seed=3)
        for b in a:
            x, y, w, h = b.box
            assert 0 <= x and 0 <= y and x + w <= 1.0001 and y + h <= 1.0001 and b.kind != "null"
    with pytest.raises(ValueError, match="steps"):
        sample_student(student, ctx, steps=0)
    # from a reference noised halfway: seeded, and a different start than pure noise
    from scene.blocks import scene_blocks
    from engine.compose.composer import compose

    ref = scene_blocks(compose("sales dashboard", 1920, 1080, archetype="dashboard"), 16)
    a = sample_student(student, ctx, steps=2, seed=3, init_blocks=ref, strength=0.5)
    assert a == sample_student(student, ctx, steps=2, seed=3, init_blocks=ref, strength=0.5)
    assert a != sample_student(student, ctx, steps=2, seed=3)


# -- references --------------------------------------------------------------------------------------


def test_reference_bank_exemplars():
    # the system's own screens come first through conditioning.pack_context
    # (tests/engine/test_references_and_rules.py)
    from engine.samplers.references import ReferenceBank, curriculum_archetype
    from ingest import ingest_folder

    ds = ingest_folder(HARBOR)
    bank = ReferenceBank(size=4)
    refs, prov = bank.lookup("sales dashboard with KPI cards", "desktop", ds)
    assert prov[0]["kind"] == "exemplar" and prov[0]["source"] == "curriculum:dashboard/desktop"
    refs, prov = bank.lookup("checkout page with order summary", "desktop", ds)
    assert prov[0]["kind"] == "exemplar" and prov[0]["source"] == "curriculum:checkout/desktop"
    assert any(b.kind == "navbar" for b in refs[0]) or refs[0]
    _, prov = bank.lookup("sign in", "mobile", ds)
    assert prov[0]["kind"] == "exemplar" and prov[0]["source"] == "curriculum:sign-in/mobile"
    assert curriculum_archetype("a list of products") == "product-list"
    assert curriculum_archetype("zzz") == "dashboard"


def test_reference_ranking_prefers_exemplars_that_carry_the_named_kinds():
    from scene.blocks import Block
    from engine.samplers.references import ReferenceBank, curriculum_archetype, kind_coverage, prompt_kinds

    assert prompt_kinds("orders table with a confirm delete dialog") == ["modal", "table"]
    assert prompt_kinds("customers list with search and pagination") == ["search", "pagination"]
    assert prompt_kinds("a calm landing page") == []
    blocks = [Block(kind="card", box=(0, 0, 1, 1), content="table"), Block(kind="modal", box=(0.3, 0.3, 0.4, 0.4))]
    assert kind_coverage(blocks, ["modal", "table"]) == 1.0
    assert kind_coverage(blocks, ["modal", "chart"]) == 0.5
    assert kind_coverage(blocks, []) == 0.0
    bank = ReferenceBank()  # the shipped bank: some curriculum pages there have a dialog open
    for prompt, device in (("orders admin with a confirm delete dialog", "desktop"),
                           ("checkout with a popup confirming the payment", "mobile"),
                           ("settings page with a modal asking to confirm account deletion", "tablet")):
        refs, prov = bank.lookup(prompt, device)
        assert any(b.kind == "modal" for b in refs[0]), (prompt, prov)
    refs, _ = bank.lookup("orders admin table", "desktop")
    assert not any(b.kind == "modal" for b in refs[0])
    # an exemplar with a dialog open is never the reference of a prompt that asks for none,
    # even where its caption is the closest
    from engine.samplers.references import unasked

    assert unasked([Block(kind="modal", box=(0.3, 0.3, 0.4, 0.4))], []) and not unasked(blocks, ["modal"])
    for prompt, device in (("mobile inbox with unread messages", "mobile"),
                           ("product detail page for a ceramic mug", "mobile")):
        full = bank._exemplars(curriculum_archetype(prompt), device)
        assert any(any(b.kind == "modal" for b in bl) for bl, _, _ in full)  # the bank has such pages
        refs, _ = bank.lookup(prompt, device)
        assert not any(b.kind == "modal" for b in refs[0]), prompt


# -- engine and CLI ----------------------------------------------------------------------------------


@pytest.fixture
def tiny_student(tmp_path, monkeypatch):
    import engine.api

    _tiny_teacher(tmp_path / "student")
    monkeypatch.setattr(engine.api, "STUDENT_WEIGHTS", tmp_path / "student")
    return tmp_path / "student"


def test_engine_uses_the_student_by_default(harbor_engine, tiny_student):
    from engine.api import default_sampler

    assert default_sampler() == "student"
    harbor_engine._models.pop("student", None)
    g = harbor_engine.generate("checkout page with order summary", size=(960, 540))
    assert g.sampler == "student" and g.conditioning["steps"] == 2 and g.conditioning["strength"] == DEFAULT_STRENGTH
    assert {"load", "retrieve", "sample", "layout", "render", "encode"} <= set(g.timings)
    assert g.conditioning["references"][0]["source"] == "curriculum:checkout/desktop"
    bare = harbor_engine.generate("checkout page with order summary", size=(960, 540), retrieval=False,
                                  style_scale=0.0, steps=1)
    assert bare.conditioning["references"] == [] and bare.conditioning["steps"] == 1
    assert bare.conditioning["strength"] == 1.0  # nothing to start from without a reference
    with pytest.raises(ValueError, match="strength"):
        harbor_engine.generate("checkout page", size=(960, 540), strength=0.0)
    harbor_engine._models.pop("student", None)


def test_engine_loads_weights_from_any_folder(tmp_path):
    from engine.api import Engine

    _tiny_teacher(tmp_path / "mine")
    e = Engine.from_folder(HARBOR, weights={"student": tmp_path / "mine"})
    g = e.generate("orders table", size=(640, 360), sampler="student", steps=4)
    assert g.sampler == "student" and e.model("student").config.n_slots == 16
    e2 = Engine.from_folder(HARBOR, weights={"student": tmp_path / "nothing"})
    with pytest.raises(ValueError, match="onbrand train distill"):
        e2.generate("orders table", sampler="student")


def test_cli_train_distill(tmp_path):
    from onbrand.cli import main

    _tiny_teacher(tmp_path / "t")
    runner = CliRunner()
    r = runner.invoke(main, ["train", "distill", "--teacher", str(tmp_path / "t"), "--steps", "2", "--batch", "2",
                             "--teacher-steps", "2", "--teacher-steps-noise", "2", "--student-steps", "1", "--adv-steps", "1",
                             "--out", str(tmp_path / "run")],
                       catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "distilled 3 steps" in r.output and (tmp_path / "run" / "config.json").is_file()
    r = runner.invoke(main, ["train", "distill", "--teacher", str(tmp_path / "none"), "--steps", "2",
                             "--out", str(tmp_path / "run2")])
    assert r.exit_code == 2 and "no teacher" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["train", "distill", "--help"])
    assert "2-step student" in r.output and "progressive" in r.output and "--adv-steps" in r.output
    r = runner.invoke(main, ["train", "distill", "--teacher", str(tmp_path / "t"), "--teacher-steps", "3",
                             "--out", str(tmp_path / "run3")])
    assert r.exit_code == 2 and "miss the student's" in r.output and "Traceback" not in r.output


def test_nav_family():
    from benchmarks.bench_samplers import nav_family
    from scene.blocks import Block

    assert nav_family([Block(kind="sidebar", box=(0, 0, 0.13, 1)), Block(kind="navbar", box=(0.13, 0, 0.87, 0.07))]) == "sidebar"
    assert nav_family([Block(kind="sidebar", box=(0, 0, 0.04, 1))]) == "rail"
    assert nav_family([Block(kind="navbar", box=(0, 0, 1, 0.07))]) == "topbar"
    assert nav_family([Block(kind="card", box=(0.1, 0.1, 0.3, 0.3))]) == "none"


def test_shipped_exemplar_bank_matches_a_fresh_draw():
    """`engine/weights/exemplars.npz` is what `python -m engine.samplers.references build` draws."""
    from scene.devices import DEVICES
    from engine.compose.curriculum import ARCHETYPES
    from engine.samplers.references import BANK_FILE, ReferenceBank

    shipped = ReferenceBank()
    shipped._load_file()
    assert BANK_FILE.is_file() and set(shipped._raw) == {(a, d) for a in ARCHETYPES for d in DEVICES}
    fresh = ReferenceBank(path=None)._exemplars("checkout", "mobile")
    got = shipped._exemplars("checkout", "mobile")  # built from the file's entries on first use
    assert [c for _, c, _ in got] == [c for _, c, _ in fresh]
    assert [[(b.kind, tuple(b.box), b.variant) for b in blocks] for blocks, _, _ in got] == \
        [[(b.kind, tuple(b.box), b.variant) for b in blocks] for blocks, _, _ in fresh]


def test_quality_pools_layout_fid_over_seeds():
    """The benchmark's quality section at several seeds: one FID over all their layouts and one per seed."""
    from engine.api import Engine
    from benchmarks.bench_samplers import PROMPTS, quality
    from eval.suite import load_prompts

    engine = Engine.from_folder(HARBOR)
    prompts = load_prompts(PROMPTS)[:3]
    one = quality(engine, prompts, [("procedural", {"sampler": "procedural"})])["procedural"]
    two = quality(engine, prompts, [("procedural", {"sampler": "procedural"})], seeds=2)["procedural"]
    assert "layout_fid_per_seed" not in one and len(two["layout_fid_per_seed"]) == 2
    assert two["layout_fid_per_seed"][0] == round(one["layout_fid"], 2)
    assert two["layout_fid"] >= 0 and two["faithfulness"] > 0.5
