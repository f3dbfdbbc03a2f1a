"""Plan-conditioned scene models: the grown block vocabulary, plan tokens, the warm start from an
older checkpoint, plan examples of the curriculum and filling a sampled layout with a plan."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from conditioning.packing import PLAN_DIM, PLAN_KIND_COLUMNS, PLAN_POSITIONS, plan_rows, prompt_context
from conditioning.plan import plan_prompt
from engine.models.adapter import collate_contexts
from engine.models.slots import SLOT_DIM, decode_slots, encode_slots, kind_vocab, slot_bits
from scene.blocks import BLOCK_KINDS, FIRST_KINDS, Block

OLD_DIM = SLOT_DIM - 1  # the first models' slots: one kind bit fewer


def test_slot_width_says_which_kinds_a_model_knows():
    assert kind_vocab(SLOT_DIM) == len(BLOCK_KINDS) and kind_vocab(OLD_DIM) == FIRST_KINDS
    assert slot_bits(OLD_DIM)[0] == slot_bits(SLOT_DIM)[0] - 1
    with pytest.raises(ValueError, match="matches no block vocabulary"):
        slot_bits(SLOT_DIM + 5)
    blocks = [Block(kind="card", box=(0.1, 0.1, 0.3, 0.3)), Block(kind="kanban_column", box=(0.5, 0.1, 0.2, 0.8))]
    x, used = encode_slots(blocks, 8)
    assert x.shape == (8, SLOT_DIM) and used[:2].all()
    assert [b.kind for b in decode_slots(x)] == ["card", "kanban_column"]
    x_old, used_old = encode_slots(blocks, 8, OLD_DIM)  # an older model cannot hold the new kind
    assert x_old.shape == (8, OLD_DIM) and used_old.tolist()[:2] == [True, False]
    assert [b.kind for b in decode_slots(x_old)] == ["card"]
    # whatever 5-bit pattern an older model emits, it decodes to one of the kinds it knew
    rng = np.random.default_rng(0)
    noise = np.sign(rng.standard_normal((64, OLD_DIM))).astype(np.float32)
    noise[:, :4] = np.abs(noise[:, :4]) * 0.5
    assert {b.kind for b in decode_slots(noise)} <= set(BLOCK_KINDS[:FIRST_KINDS])


def test_plan_rows_encode_kind_position_count_and_labels():
    plan = plan_prompt("support board with To do, In progress and Done columns and a map on the right", "desktop")
    rows = plan_rows(plan)
    assert rows.shape == (len(plan.sections), PLAN_DIM)
    kinds = [s.kind for s in plan.sections]
    assert "kanban_column" in kinds and "map" in kinds
    k = kinds.index("kanban_column")
    assert rows[k, BLOCK_KINDS.index("kanban_column")] == 1.0 and rows[k, :PLAN_KIND_COLUMNS].sum() == 1.0
    assert rows[k, PLAN_KIND_COLUMNS + len(PLAN_POSITIONS)] == pytest.approx(3 / 12)  # three columns
    assert rows[k, PLAN_KIND_COLUMNS + len(PLAN_POSITIONS) + 2] == pytest.approx(3 / 8)  # three labels
    m = kinds.index("map")
    assert rows[m, PLAN_KIND_COLUMNS + PLAN_POSITIONS.index("right")] == 1.0
    assert plan_rows(None).shape == (0, PLAN_DIM)
    assert prompt_context("x", plan=plan).plan_rows.shape == rows.shape


def _tiny(**kw):
    from engine.models.teacher import create_model

    torch.manual_seed(0)
    return create_model("tiny", n_slots=16, self_condition=True, **kw).eval()


def _batch(prompt: str, plan=None):
    ctx = prompt_context(prompt, plan=plan)
    return collate_contexts([ctx], ["desktop"], 16)


def test_plan_tokens_condition_the_model_and_drop_with_the_prompt():
    model = _tiny()
    assert model.config.plan_tokens and model.adapter.plan_proj is not None
    torch.nn.init.normal_(model.out.weight, std=0.1)  # a fresh model's output layer is zero
    x = torch.randn(1, 16, SLOT_DIM, generator=torch.Generator().manual_seed(1))
    t = torch.tensor([500])
    a = _batch("a screen", plan_prompt("a screen with a map and three kanban columns", "desktop"))
    b = _batch("a screen", plan_prompt("a screen with a code block on the left", "desktop"))
    with torch.no_grad():
        ya, yb = model(x, t, a), model(x, t, b)
        assert not torch.allclose(ya, yb)
        a["drop_prompt"][:] = True
        b["drop_prompt"][:] = True
        assert torch.allclose(model(x, t, a), model(x, t, b), atol=1e-6)


def test_numpy_network_matches_torch_with_plan_tokens(tmp_path):
    from engine.models.numpy_net import load_numpy_scene_model

    model = _tiny()
    for p in model.parameters():  # non-zero everywhere, so every path is compared
        torch.nn.init.normal_(p, std=0.05)
    model.save_pretrained(tmp_path)
    net = load_numpy_scene_model(tmp_path)
    c = _batch("kanban", plan_prompt("a board with To do, Doing and Done columns and a toast", "desktop"))
    x = torch.randn(1, 16, SLOT_DIM, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        want = model(x, torch.tensor([300]), c, x_self_cond=x * 0.5).numpy()
    got = net(x.numpy(), np.array([300]), {k: v.numpy() for k, v in c.items()}, x_self_cond=x.numpy() * 0.5)
    assert np.abs(got - want).max() < 1e-4


def test_warm_start_from_an_older_vocabulary_keeps_what_it_knew(tmp_path):
    from engine.models.teacher import SceneTransformer
    from engine.training.teacher import warm_start

    torch.manual_seed(3)
    old = SceneTransformer(n_slots=16, slot_dim=OLD_DIM, d_model=64, n_layers=2, n_heads=4, n_style_tokens=8,
                           self_condition=True).eval()
    for p in old.parameters():
        torch.nn.init.normal_(p, std=0.05)
    old.save_pretrained(tmp_path)
    new = _tiny()
    counts = warm_start(new, tmp_path)
    assert counts["adapted"] == 4 and counts["fresh"] == 2  # slot in/out, kind embedding; plan projection
    blocks = [Block(kind="card", box=(0.1, 0.1, 0.4, 0.3)), Block(kind="button", box=(0.6, 0.1, 0.1, 0.05))]
    x_old = torch.from_numpy(encode_slots(blocks, 16, OLD_DIM)[0])[None]
    x_new = torch.from_numpy(encode_slots(blocks, 16)[0])[None]
    ctx = prompt_context("settings page", reference_blocks=[blocks])
    t = torch.tensor([250])
    with torch.no_grad():
        y_old = old(x_old, t, collate_contexts([ctx], ["desktop"], 16), x_self_cond=x_old)
        y_new = new(x_new, t, collate_contexts([ctx], ["desktop"], 16), x_self_cond=x_new)
    keep = [0, 1, 2, 3] + list(range(5, SLOT_DIM))  # every column but the new leading kind bit
    assert torch.allclose(y_new[..., keep], y_old, atol=1e-5)
    assert torch.all(y_new[..., 4] == 0)
    wrong = SceneTransformer(n_slots=16, d_model=32, n_layers=2, n_heads=4, n_style_tokens=8, self_condition=True)
    wrong.save_pretrained(tmp_path / "wrong")
    with pytest.raises(ValueError, match="d_model"):
        warm_start(_tiny(), tmp_path / "wrong")


def test_plan_examples_draw_what_their_caption_asks_for():
    from engine.compose.curriculum import sample_plan_example
    from scene.blocks import scene_blocks

    hits = total = 0
    for seed in range(12):
        ex = sample_plan_example(random.Random(seed))
        assert ex.archetype == "plan" and ex.plan is not None and ex.reference is not None
        assert ex.caption == ex.plan.prompt and scene_blocks(ex.reference)
        kinds, stack = set(), list(ex.scene.elements)  # a section may sit inside a card
        while stack:
            e = stack.pop()
            kinds.add(e.kind)
            stack += list(e.children)
        for s in ex.plan.sections:
            if s.kind in BLOCK_KINDS:
                total += 1
                hits += s.kind in kinds
    assert total >= 12 and hits / total >= 0.95


def test_fill_plan_places_the_plans_content_in_sampled_boxes():
    from engine.compose.plan_compose import plan_layout
    from engine.compose.plan_fill import fill_plan, node_blocks

    plan = plan_prompt("support board with To do, In progress and Done columns", "desktop")
    pl = plan_layout(plan, 1920, 1080, seed=0, device="desktop")
    blocks = node_blocks(pl)
    cols = [i for i, b in enumerate(blocks) if b.kind == "kanban_column"]
    assert len(cols) == 3
    # the sampler moved the columns down a little and sampled a block the plan did not ask for
    moved = [Block(kind=b.kind, box=(b.box[0], min(b.box[1] + 0.02, 1 - b.box[3]), b.box[2], b.box[3]))
             for b in blocks] + [Block(kind="gauge", box=(0.0, 0.9, 0.1, 0.1))]
    out = fill_plan(moved, plan_layout(plan, 1920, 1080, seed=0, device="desktop"))
    assert out.paired == len(blocks) and out.unplanned == ["gauge"] and not out.dropped
    texts, stack = set(), list(out.scene.elements)
    while stack:
        e = stack.pop()
        texts.add(e.text)
        stack += list(e.children)
    assert {"To do", "In progress", "Done"} <= texts
    tops = sorted(e.box[1] for e in out.scene.elements if e.kind == "kanban_column")
    want = sorted(moved[i].box[1] * 1080 for i in cols)
    assert np.allclose(tops, want, atol=2.0)
    # a sampled layout without a place for the columns: they keep their own boxes, or are reported
    out = fill_plan([b for b in blocks if b.kind != "kanban_column"], plan_layout(plan, 1920, 1080, device="desktop"))
    assert out.kept.count("kanban_column") + out.dropped.count("kanban_column") == 3


def test_generate_lays_an_open_prompt_out_with_a_plan_model_only_when_asked(tmp_path):
    from engine.api import Engine
    from tests.conftest import SAMPLES

    model = _tiny()
    model.save_pretrained(tmp_path / "teacher")
    prompt = "support board with To do, In progress and Done columns"
    eng = Engine.from_folder(SAMPLES / "harbor", weights={"teacher": tmp_path / "teacher"})
    kw = dict(size=(480, 270), sampler="teacher", steps=2)
    sampled = eng.generate(prompt, plan_layout="sampled", **kw)
    assert sampled.conditioning["composer"]["plan_layout"] == "sampled"
    fill = sampled.layout_report["plan_fill"]
    assert fill["paired"] + len(fill["kept_plan_nodes"]) + len(fill["dropped_plan_nodes"]) >= 4
    assert sampled.conditioning["references"][0]["kind"] == "plan"
    composed = eng.generate(prompt, **kw)  # the default: the plan composer's layout
    assert composed.conditioning["composer"]["plan_layout"] == "composed"
    assert "plan_fill" not in composed.layout_report
    # the committed student has no plan tokens: asked to sample, it says so and the composer draws
    plain = Engine.from_folder(SAMPLES / "harbor").generate(prompt, size=(480, 270), plan_layout="sampled")
    assert plain.conditioning["composer"]["plan_layout"] == "composed"
    assert any("not trained on plans" in w for w in plain.warnings)
    with pytest.raises(ValueError, match="plan_layout"):
        eng.generate(prompt, plan_layout="drawn", **kw)


def test_context_in_prompt_lets_each_reference_block_be_attended_to_and_numpy_matches(tmp_path):
    """`context_in_prompt`: the reference-layout and image tokens join the prompt stream (each
    attended to directly), dropped with the style stream; the config records it, a saved model
    loads with it, and the numpy network computes the same output as PyTorch."""
    from engine.models.numpy_net import load_numpy_scene_model
    from engine.models.teacher import SceneTransformer
    from engine.training.teacher import set_context_in_prompt

    model = _tiny()
    for p in model.parameters():
        torch.nn.init.normal_(p, std=0.05)
    blocks = [Block(kind="card", box=(0.1, 0.1, 0.4, 0.3)), Block(kind="button", box=(0.6, 0.1, 0.1, 0.05))]
    c = collate_contexts([prompt_context("settings page", reference_blocks=[blocks])], ["desktop"], 16)
    base = model.adapter(c)["prompt"].shape[1]
    set_context_in_prompt(model)
    assert model.config.context_in_prompt
    enc = model.adapter(c)
    assert enc["prompt"].shape[1] > base  # every reference slot (and image slot) is a prompt token
    c_drop = {k: v.clone() for k, v in c.items()}
    c_drop["drop_style"][:] = True
    assert not model.adapter(c_drop)["prompt_mask"][0, base:].any()  # dropped with the style stream
    model.save_pretrained(tmp_path)
    again = SceneTransformer.from_pretrained(tmp_path, low_cpu_mem_usage=False).eval()
    assert again.adapter.context_in_prompt
    x = torch.randn(1, 16, SLOT_DIM, generator=torch.Generator().manual_seed(4))
    with torch.no_grad():
        want = model(x, torch.tensor([300]), c, x_self_cond=x * 0.5).numpy()
        assert np.abs(again(x, torch.tensor([300]), c, x_self_cond=x * 0.5).numpy() - want).max() < 1e-5
    net = load_numpy_scene_model(tmp_path)
    got = net(x.numpy(), np.array([300]), {k: v.numpy() for k, v in c.items()}, x_self_cond=x.numpy() * 0.5)
    assert np.abs(got - want).max() < 1e-4


def test_slot_positions_start_at_zero_and_numpy_matches(tmp_path):
    """`slot_positions`: a learned place-in-reading-order embedding per slot and per reference
    block; a warm start from a model without them answers exactly as that model, and the numpy
    network computes what PyTorch does once they are trained (non-zero)."""
    from engine.models.numpy_net import load_numpy_scene_model
    from engine.training.teacher import warm_start

    plain = _tiny()
    for p in plain.parameters():
        torch.nn.init.normal_(p, std=0.05)
    plain.save_pretrained(tmp_path / "plain")
    posed = _tiny(slot_positions=True).eval()
    counts = warm_start(posed, tmp_path / "plain")
    assert counts["fresh"] == 2  # slot_pos and adapter.layout.pos, zero
    blocks = [Block(kind="card", box=(0.1, 0.1, 0.4, 0.3)), Block(kind="button", box=(0.6, 0.1, 0.1, 0.05))]
    c = collate_contexts([prompt_context("settings page", reference_blocks=[blocks])], ["desktop"], 16)
    x = torch.randn(1, 16, SLOT_DIM, generator=torch.Generator().manual_seed(5))
    with torch.no_grad():
        assert torch.allclose(posed(x, torch.tensor([400]), c, x_self_cond=x), plain(x, torch.tensor([400]), c,
                                                                                     x_self_cond=x), atol=1e-6)
        torch.nn.init.normal_(posed.slot_pos, std=0.1)
        torch.nn.init.normal_(posed.adapter.layout.pos, std=0.1)
        want = posed(x, torch.tensor([400]), c, x_self_cond=x).numpy()
    posed.save_pretrained(tmp_path / "posed")
    net = load_numpy_scene_model(tmp_path / "posed")
    got = net(x.numpy(), np.array([400]), {k: v.numpy() for k, v in c.items()}, x_self_cond=x.numpy())
    assert np.abs(got - want).max() < 1e-4


def test_reference_marks_tell_a_pictured_reference_and_numpy_matches(tmp_path):
    """`reference_marks`: one learned vector added to the tokens of a reference read from a
    picture of the screen asked for; zero after a warm start (the same answers), and once
    trained a marked reference changes the output, the same in PyTorch and numpy."""
    from engine.models.numpy_net import load_numpy_scene_model
    from engine.training.teacher import warm_start

    plain = _tiny()
    for p in plain.parameters():
        torch.nn.init.normal_(p, std=0.05)
    plain.save_pretrained(tmp_path / "plain")
    marked = _tiny(reference_marks=True).eval()
    assert warm_start(marked, tmp_path / "plain")["fresh"] == 1  # adapter.pictured, zero
    blocks = [Block(kind="card", box=(0.1, 0.1, 0.4, 0.3)), Block(kind="button", box=(0.6, 0.1, 0.1, 0.05))]
    ctx = prompt_context("settings page", reference_blocks=[blocks])
    ctx.pictured = [True]
    c = collate_contexts([ctx], ["desktop"], 16)
    assert c["ref_pictured"].tolist() == [[True]]
    c_plain = collate_contexts([prompt_context("settings page", reference_blocks=[blocks])], ["desktop"], 16)
    x = torch.randn(1, 16, SLOT_DIM, generator=torch.Generator().manual_seed(6))
    t = torch.tensor([500])
    with torch.no_grad():
        assert torch.allclose(marked(x, t, c, x_self_cond=x), plain(x, t, c, x_self_cond=x), atol=1e-6)
        torch.nn.init.normal_(marked.adapter.pictured, std=0.5)
        want = marked(x, t, c, x_self_cond=x).numpy()
        assert not np.allclose(want, marked(x, t, c_plain, x_self_cond=x).numpy(), atol=1e-4)
    marked.save_pretrained(tmp_path / "marked")
    net = load_numpy_scene_model(tmp_path / "marked")
    got = net(x.numpy(), np.array([500]), {k: v.numpy() for k, v in c.items()}, x_self_cond=x.numpy())
    assert np.abs(got - want).max() < 1e-4


def test_the_one_step_reading_check_scores_with_and_without_the_reading(tmp_path):
    """`benchmarks.bench_image_tokens.one_step` on a tiny model and two pictured pages: a box
    error per timestep with the reading and without, each a mean square in [0, 4]."""
    from benchmarks.bench_image_tokens import one_step, pages

    model = _tiny()
    out = one_step(model, pages(2), timesteps=(900, 300))
    assert set(out) == {"900", "300"}
    for v in out.values():
        assert 0 <= v["with_reading"] <= 4 and 0 <= v["without"] <= 4


def test_reference_slots_push_a_pictured_layout_into_its_slots_and_numpy_matches(tmp_path):
    """`reference_slots`: the pictured reference's k-th block reaches the k-th slot through
    zero-initialised pushes and a copy gate that starts nearly shut. After a warm start the
    model answers nearly as before with a pictured reference and exactly as before without one;
    trained, a pictured reference changes the output, an unpictured one or a dropped style
    stream does not, only the slots that have a block are pushed, an open gate copies the
    block's slot row, and numpy agrees with PyTorch."""
    from engine.models.numpy_net import load_numpy_scene_model
    from engine.training.teacher import warm_start

    plain = _tiny()
    for p in plain.parameters():
        torch.nn.init.normal_(p, std=0.05)
    plain.save_pretrained(tmp_path / "plain")
    model = _tiny(reference_slots=True).eval()
    fresh = warm_start(model, tmp_path / "plain")["fresh"]
    assert fresh == len([n for n, _ in model.named_parameters() if n.startswith("ref_slots.")])
    blocks = [Block(kind="card", box=(0.1, 0.1, 0.4, 0.3)), Block(kind="button", box=(0.6, 0.1, 0.1, 0.05))]
    pictured = prompt_context("settings page", reference_blocks=[blocks])
    pictured.pictured = [True]
    c = collate_contexts([pictured], ["desktop"], 16)
    c_plain = collate_contexts([prompt_context("settings page", reference_blocks=[blocks])], ["desktop"], 16)
    x = torch.randn(1, 16, SLOT_DIM, generator=torch.Generator().manual_seed(6))
    t = torch.tensor([500])
    with torch.no_grad():
        first = model.predict_x0(model(x, t, c, x_self_cond=x), x, t)
        base = plain.predict_x0(plain(x, t, c, x_self_cond=x), x, t)
        assert 0 < (first - base).abs().max() < 0.1  # the gate starts at about 0.018
        model.ref_slots.gate.bias.fill_(2.0)  # wide open: the estimate is the block's own row
        est = model.predict_x0(model(x, t, c, x_self_cond=x), x, t)
        rows, _ = encode_slots(blocks, 16, SLOT_DIM)
        assert torch.allclose(est[0], torch.from_numpy(rows), atol=1e-3)
        for p in model.ref_slots.inject.parameters():
            torch.nn.init.normal_(p, std=0.3)
        torch.nn.init.normal_(model.ref_slots.gate.weight, std=0.05)
        model.ref_slots.gate.bias.fill_(-0.2)
        want = model(x, t, c, x_self_cond=x).numpy()
        assert not np.allclose(want, plain(x, t, c, x_self_cond=x).numpy(), atol=1e-4)
        assert torch.allclose(model(x, t, c_plain, x_self_cond=x), plain(x, t, c_plain, x_self_cond=x), atol=1e-6)
        dropped = dict(c, drop_style=torch.tensor([True]))
        assert torch.allclose(model(x, t, dropped, x_self_cond=x), plain(x, t, dropped, x_self_cond=x), atol=1e-6)
        enc = model.encode_context(c)
        assert enc["slot_ref_on"][0].tolist() == [True, True] + [False] * 14
    model.save_pretrained(tmp_path / "slots")
    net = load_numpy_scene_model(tmp_path / "slots")
    got = net(x.numpy(), np.array([500]), {k: v.numpy() for k, v in c.items()}, x_self_cond=x.numpy())
    assert np.abs(got - want).max() < 1e-4


def test_the_shipped_student_follows_a_pictured_layout_from_pure_noise():
    """The committed student's reference slots: sampled from pure noise (no start from the
    reference, nothing held), its layout takes after the page it is shown as pictured, and
    after nothing when the same blocks are only a reference to take after."""
    import statistics

    from benchmarks.bench_image_tokens import pages
    from benchmarks.bench_references import mean_best_iou, top_level
    from engine.api import STUDENT_WEIGHTS
    from engine.models.loading import load_scene_model
    from engine.samplers.student import sample_student
    from scene.blocks import scene_blocks

    model = load_scene_model(STUDENT_WEIGHTS)
    assert model.config.reference_slots
    pictured, plain = [], []
    for ex, _image in pages(4):
        page = scene_blocks(ex.scene, model.config.n_slots)
        for mark, acc in ((True, pictured), (False, plain)):
            ctx = prompt_context(ex.caption, reference_blocks=[page])
            ctx.pictured = [mark]
            blocks = sample_student(model, ctx, steps=2, seed=0, device=ex.device, strength=1.0)
            acc.append(mean_best_iou(top_level(page), top_level(blocks)))
    assert statistics.fmean(pictured) > 0.8 > statistics.fmean(plain) + 0.2
