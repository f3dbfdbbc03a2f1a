"""The scene diffusion teacher: slots, model, training, sampling, layout pass, Engine and CLI."""

from __future__ import annotations

import json
import random
import shutil

import numpy as np
import pytest
import torch
from click.testing import CliRunner
from conftest import SAMPLES
from PIL import Image

from conditioning.packing import ContextInputs, prompt_context
from engine.models.adapter import block_arrays, collate_contexts
from scene.blocks import (
    BLOCK_KINDS,
    CONTENTS,
    ROLES,
    STYLES,
    VARIANTS,
    Block,
    scene_blocks,
)
from engine.compose.composer import compose
from engine.models.configs import model_config
from engine.models.teacher import (
    SLOT_DIM,
    SceneTransformer,
    create_model,
    decode_slots,
    encode_slots,
)

HARBOR = str(SAMPLES / "harbor")


pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _tiny(seed: int = 0) -> SceneTransformer:
    torch.manual_seed(seed)
    return create_model("tiny")


def _dashboard_blocks(device: str = "desktop") -> list[Block]:
    return scene_blocks(compose("sales dashboard", 1920, 1080, archetype="dashboard", device=device))


# -- slots -------------------------------------------------------------------------------------------


def test_slots_round_trip_every_vocabulary_value():
    blocks = [Block(kind=k, box=(0.1, 0.2, 0.3, 0.4), role=ROLES[i % len(ROLES)], style=STYLES[i % len(STYLES)],
                    variant=VARIANTS[i % len(VARIANTS)], content=CONTENTS[i % len(CONTENTS)])
              for i, k in enumerate(BLOCK_KINDS[1:])]
    x, used = encode_slots(blocks, 64)
    assert x.shape == (64, SLOT_DIM) and used.sum() == len(blocks)
    assert set(np.unique(x[:, 4:])) <= {-1.0, 1.0}
    back = decode_slots(x)
    assert [(b.kind, b.role, b.style, b.variant, b.content) for b in back] == \
           [(b.kind, b.role, b.style, b.variant, b.content) for b in blocks]
    assert all(np.allclose(a.box, b.box, atol=1e-5) for a, b in zip(back, blocks))


def test_decode_drops_null_and_out_of_vocabulary_indices():
    x, _ = encode_slots(_dashboard_blocks(), 48)
    x[:, 4:10] = 1.0  # kind index 63 is past the vocabulary: decodes to null
    assert decode_slots(x) == []


def test_block_arrays_keep_the_largest_blocks():
    blocks = [Block("card", (0, 0, 0.1 * (i + 1) / 10, 0.1)) for i in range(10)]
    boxes, _, mask = block_arrays(blocks, 4)
    assert mask.all() and np.allclose(sorted((boxes[:, 2] + 1) / 2), [0.07, 0.08, 0.09, 0.1], atol=1e-6)
    # the kept blocks stay in the order they were given
    assert np.allclose((boxes[:, 2] + 1) / 2, [0.07, 0.08, 0.09, 0.1], atol=1e-6)


def test_reference_layouts_reach_the_model_in_reading_order():
    from scene.blocks import reading_order

    page = [Block("header", (0, 0, 1, 0.1)), Block("sidebar", (0, 0.1, 0.2, 0.9)),
            Block("card", (0.25, 0.15, 0.3, 0.2)), Block("card", (0.6, 0.15, 0.3, 0.2)),
            Block("table", (0.25, 0.4, 0.65, 0.5))]
    shuffled = [page[3], page[4], page[0], page[2], page[1]]
    assert reading_order(shuffled) == page
    arrays = collate_contexts([prompt_context("orders", reference_blocks=[shuffled])])
    assert np.allclose((arrays["ref_boxes"][0, 0, :, :2].numpy() + 1) / 2, [b.box[:2] for b in page], atol=1e-6)


# -- model -------------------------------------------------------------------------------------------


def _batch(n: int = 2, refs: bool = True):
    ctx = prompt_context("sales dashboard", reference_blocks=[_dashboard_blocks()] if refs else None)
    return collate_contexts([ctx] * n, ["desktop"] * n)


def test_model_is_permutation_equivariant_over_slots():
    model = _tiny().eval()
    for p in model.parameters():  # zero-initialised output layers would make this trivial
        torch.nn.init.normal_(p, std=0.05) if p.dim() > 1 else None
    c = _batch(1)
    x = torch.randn(1, 48, SLOT_DIM)
    perm = torch.randperm(48)
    with torch.no_grad():
        a = model(x, torch.tensor([500]), c)
        b = model(x[:, perm], torch.tensor([500]), c)
    assert a.abs().mean() > 1e-3
    assert torch.allclose(a[:, perm], b, atol=1e-4)


def test_save_load_round_trip(tmp_path):
    model = _tiny()
    for p in model.parameters():
        torch.nn.init.normal_(p, std=0.05)
    model.save_pretrained(tmp_path)
    assert (tmp_path / "config.json").is_file() and (tmp_path / "diffusion_pytorch_model.safetensors").is_file()
    again = SceneTransformer.from_pretrained(tmp_path, low_cpu_mem_usage=False)
    assert again.config.d_model == model_config("tiny")["d_model"]
    c, x, t = _batch(), torch.randn(2, 48, SLOT_DIM), torch.tensor([10, 900])
    with torch.no_grad():
        assert torch.allclose(model.eval()(x, t, c), again.eval()(x, t, c), atol=1e-6)


def test_small_config_fits_the_weight_budget():
    model = create_model("small")
    assert sum(p.numel() for p in model.parameters()) * 4 <= 50 * 2**20


def test_context_dropout_changes_the_output():
    model = _tiny()
    for p in model.parameters():
        torch.nn.init.normal_(p, std=0.05)
    c = _batch()
    c["drop_prompt"] = torch.tensor([False, True])
    x, t = torch.randn(1, 48, SLOT_DIM).expand(2, -1, -1), torch.tensor([300, 300])
    with torch.no_grad():
        out = model(x, t, c)
    assert not torch.allclose(out[0], out[1], atol=1e-4)
    with torch.no_grad():  # style_scale 0: references and design tokens have no effect
        c2 = _batch(2, refs=False)
        assert torch.allclose(model(x, t, _batch(2), style_scale=0.0), model(x, t, c2, style_scale=0.0), atol=1e-5)


# -- training ----------------------------------------------------------------------------------------


def _cfg(tmp_path, **kw):
    from engine.training.teacher import TrainConfig

    base = {"out": str(tmp_path / "run"), "config": "tiny", "steps": 6, "batch": 4, "lr": 2e-3, "warmup": 1, "pool": 16, "refresh": 1,
                "checkpoint_every": 2, "design_systems": [HARBOR], "log_every": 1000}
    return TrainConfig(**{**base, **kw})


def test_training_reduces_the_loss_on_a_fixed_batch(tmp_path):
    from engine.training.teacher import ExamplePool, diffusion_loss, make_batch

    cfg = _cfg(tmp_path, batch=6)
    rng = random.Random(0)
    x0, used, ctx = make_batch(cfg, rng, ExamplePool(rng, 6, 48))
    model = _tiny()
    sched = model.make_scheduler("ddpm")

    def loss() -> float:
        with torch.no_grad():
            return float(diffusion_loss(model, sched, x0, used, ctx, torch.Generator().manual_seed(1)))

    before = loss()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
    gen = torch.Generator().manual_seed(2)
    for _ in range(25):
        opt.zero_grad()
        diffusion_loss(model, sched, x0, used, ctx, gen).backward()
        opt.step()
    assert loss() < 0.9 * before


def test_train_is_deterministic_and_resumes_from_the_same_step(tmp_path):
    from engine.training.teacher import train_teacher

    full = train_teacher(_cfg(tmp_path / "a"), progress=False)
    again = train_teacher(_cfg(tmp_path / "b"), progress=False)
    assert full["step"] == 6 and len(full["losses"]) == 6
    assert full["losses"] == again["losses"]
    out = tmp_path / "a" / "run"
    assert (out / "config.json").is_file() and (out / "diffusion_pytorch_model.safetensors").is_file()
    assert (out / "scheduler_config.json").is_file()
    assert sorted(p.name for p in out.glob("checkpoint-*")) == ["checkpoint-4", "checkpoint-6"]

    # a run stopped after step 4 resumes from its checkpoint, with the same history
    shutil.rmtree(out / "checkpoint-6")
    resumed = train_teacher(_cfg(tmp_path / "a"), resume=True, progress=False)
    assert resumed["step"] == 6 and len(resumed["losses"]) == 6
    assert resumed["losses"][:4] == full["losses"][:4]
    assert (out / "checkpoint-6").is_dir()
    SceneTransformer.from_pretrained(out, low_cpu_mem_usage=False)


# -- sampling ----------------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")  # inside DPM-Solver
def test_sample_blocks_returns_valid_blocks_and_is_seeded():
    from engine.samplers.teacher import sample_blocks

    model = _tiny()
    for p in model.parameters():
        torch.nn.init.normal_(p, std=0.02)
    ctx = prompt_context("checkout page with order summary")
    calls = []
    a = sample_blocks(model, ctx, steps=4, seed=3, guidance=2.0, callback=lambda i, t, x: calls.append(i))
    b = sample_blocks(model, ctx, steps=4, seed=3, guidance=2.0)
    assert calls == [0, 1, 2, 3]
    assert [x.to_dict() for x in a] == [x.to_dict() for x in b]
    for blk in a:
        assert blk.kind in BLOCK_KINDS[1:] and blk.content in CONTENTS and blk.variant in VARIANTS
        x, y, w, h = blk.box
        assert 0 <= x and 0 <= y and w > 0 and h > 0 and x + w <= 1 + 1e-6 and y + h <= 1 + 1e-6
    for sched in ("ddim", "dpm"):
        sample_blocks(model, ctx, steps=3, seed=0, guidance=1.0, scheduler=sched)
    with pytest.raises(ValueError, match="steps"):
        sample_blocks(model, ctx, steps=0)


def test_reference_guidance_pushes_along_what_the_references_add():
    from engine.samplers.teacher import sample_blocks

    model = _tiny()
    for p in model.parameters():
        torch.nn.init.normal_(p, std=0.05)
    ref = [Block("sidebar", (0.0, 0.0, 0.2, 1.0)), Block("table", (0.25, 0.2, 0.7, 0.7))]
    plain = prompt_context("orders page")
    with_ref = prompt_context("orders page", reference_blocks=[ref])
    seen = {}

    def run(ctx, w, key):
        sample_blocks(model, ctx, steps=3, seed=1, reference_guidance=w,
                      callback=lambda i, t, x: seen.__setitem__(key, x.clone()))
        return seen[key]

    # without references there is nothing to guide by: the same sample as unguided
    assert torch.equal(run(plain, 3.0, "a"), run(plain, 1.0, "b"))
    base, guided = run(with_ref, 1.0, "c"), run(with_ref, 3.0, "d")
    assert not torch.allclose(base, guided)
    # w = 1 + 0 · (c − n): guidance at exactly 1 is the unguided sampler, bit for bit
    assert torch.equal(base, run(with_ref, 1.0, "e"))


# -- layout pass ---------------------------------------------------------------------------------------


def _px(b: Block, W=3840, H=2160):
    return (b.box[0] * W, b.box[1] * H, (b.box[0] + b.box[2]) * W, (b.box[1] + b.box[3]) * H)


def test_layout_pass_removes_overlaps_snaps_and_aligns():
    from engine.layout.tidy import layout_pass

    blocks = [Block("card", (0.2001, 0.2, 0.3, 0.3), content="kpi"),
              Block("card", (0.45, 0.21, 0.3, 0.3), content="kpi"),  # overlaps the first on x by 0.05
              Block("heading", (0.205, 0.05, 0.3, 0.05)),  # left edge ≈ the first card's
              Block("button", (0.95, 0.95, 0.2, 0.2))]  # runs out of frame
    out, rep = layout_pass(blocks, "desktop", (3840, 2160), unit=8, rows=False)
    boxes = [_px(b) for b in out]
    a, b = boxes[0], boxes[1]
    assert min(a[2], b[2]) - max(a[0], b[0]) <= 0.5 or min(a[3], b[3]) - max(a[1], b[1]) <= 0.5
    assert rep.overlaps_removed == 1 and rep.overlaps_left == 0
    assert boxes[0][0] == boxes[2][0]  # aligned left edges
    assert boxes[0][1] == boxes[1][1]  # aligned tops
    grid = 8 * 2  # design px → canvas px at 4K
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 and 0 <= y0 and x1 <= 3840 + 1e-6 and y1 <= 2160 + 1e-6
        assert abs(x0 / grid - round(x0 / grid)) < 1e-3
    assert 0 < rep.mean_displacement_px <= rep.max_displacement_px
    assert rep.to_dict()["grid_px"] == 16.0


def test_layout_pass_keeps_nesting_and_overlays():
    from engine.layout.tidy import layout_pass

    blocks = [Block("card", (0.0, 0.0, 0.5, 1.0), variant="panel"), Block("input", (0.1, 0.4, 0.3, 0.05)),
              Block("modal", (0.3, 0.3, 0.4, 0.4))]
    out, rep = layout_pass(blocks, "desktop", rows=False)
    assert rep.overlaps_removed == 0
    assert np.allclose(_px(out[1]), _px(blocks[1]), atol=16)
    assert layout_pass([], "mobile")[0] == []
    # a card inside another card (no backdrop) is an overlap, and is pushed out
    out, rep = layout_pass([Block("card", (0.1, 0.1, 0.6, 0.6)), Block("card", (0.2, 0.2, 0.2, 0.2))], "desktop",
                           rows=False)
    assert rep.overlaps_removed == 1 and rep.overlaps_left == 0


def test_layout_pass_leaves_out_what_sits_on_a_held_region():
    from engine.layout.tidy import layout_pass

    held = [Block("card", (0.0, 0.0, 0.43, 1.0), variant="panel"), Block("card", (0.56, 0.24, 0.31, 0.53), content="form")]
    sampled = [Block("input", (0.56, 0.22, 0.27, 0.06)),  # two thirds on the form card: its content, left out
               Block("input", (0.56, 0.30, 0.27, 0.06)),  # on the card: left out
               Block("search", (0.56, 0.08, 0.27, 0.06)),  # above the card: kept
               Block("button", (0.56, 0.85, 0.27, 0.06)),  # below the card: kept
               Block("modal", (0.3, 0.3, 0.4, 0.4))]  # overlays stay
    out, rep = layout_pass(held + sampled, "desktop", (1440, 900), pinned=2, rows=False)
    kinds = [b.kind for b in out]
    assert kinds == ["card", "card", "search", "button", "modal"] and rep.dropped == 2
    assert out[0].box == held[0].box and np.allclose(out[1].box, held[1].box, atol=1e-4)
    # without held regions the same inputs are pushed apart, not left out
    out, rep = layout_pass(held + sampled, "desktop", (1440, 900), rows=False)
    assert len(out) == 7 and rep.dropped == 0


def test_clear_held_regions_leaves_out_what_the_fill_grew_over_a_held_region():
    from engine.layout.tidy import clear_held_regions
    from scene.model import Element, Scene

    held = [Block("card", (0.0, 0.0, 0.5, 1.0)), Block("card", (0.6, 0.25, 0.3, 0.5))]
    els = [Element(id="a", kind="card", box=(0, 0, 500, 800)), Element(id="b", kind="card", box=(600, 200, 300, 400)),
           Element(id="c", kind="input", box=(520, 150, 200, 60)),  # runs onto the form card
           Element(id="d", kind="button", box=(520, 700, 70, 40)),  # in the free gutter
           Element(id="e", kind="modal", box=(300, 300, 400, 200))]
    sc = Scene(width=1000, height=800, scale=1.0, archetype="sign-in", prompt="sign in", seed=0, elements=els)
    out, n = clear_held_regions(sc, held)
    assert [e.id for e in out.elements] == ["a", "b", "d", "e"] and n == 1
    assert clear_held_regions(out, held) == (out, 0)


def test_layout_pass_flows_content_into_rows_beside_the_chrome():
    from engine.layout.tidy import layout_pass

    blocks = [Block("sidebar", (0.01, 0.02, 0.12, 0.9)),
              Block("navbar", (0.2, 0.01, 0.7, 0.06)),
              Block("card", (0.15, 0.12, 0.3, 0.2), content="kpi"),
              Block("card", (0.4, 0.13, 0.3, 0.25), content="kpi"),  # overlaps the first: same row
              Block("card", (0.15, 0.3, 0.8, 0.5), content="table"),  # overlaps both from below
              Block("modal", (0.3, 0.3, 0.4, 0.4))]
    out, rep = layout_pass(blocks, "desktop", (1920, 1080), unit=8)
    side, nav, k1, k2, table, modal = (_px(b, 1920, 1080) for b in out)
    assert rep.overlaps_found >= 3 and rep.overlaps_left == 0
    assert side[0] == 0 and side[1] == 0 and side[3] == 1080  # the sidebar runs down the left edge
    assert nav[1] == 0 and nav[0] == side[2] and nav[2] == 1920  # the top bar sits beside it
    assert k1[1] == k2[1] and k1[3] == k2[3]  # one row: tops and heights shared
    assert k2[0] - k1[2] >= 24 - 0.1  # one gap apart
    assert table[1] - max(k1[3], k2[3]) >= 24 - 0.1  # the next row starts below
    assert k1[0] >= side[2] and k1[1] >= nav[3] and table[3] <= 1080
    assert np.allclose(modal, _px(blocks[5], 1920, 1080), atol=16)  # overlays stay where they were drawn


def test_layout_pass_stacks_a_form_into_one_column():
    """Controls drawn over each other become a column sharing a left edge; fields share a width."""
    from engine.layout.tidy import layout_pass

    blocks = [Block("heading", (0.05, 0.10, 0.9, 0.04)),
              Block("input", (0.05, 0.30, 0.90, 0.08)),
              Block("input", (0.06, 0.32, 0.87, 0.08)),  # on top of the first: below it, not beside it
              Block("checkbox", (0.04, 0.46, 0.64, 0.02)),
              Block("button", (0.06, 0.44, 0.90, 0.05), variant="primary"),  # over the checkbox
              Block("card", (0.05, 0.60, 0.42, 0.2)), Block("card", (0.30, 0.62, 0.42, 0.2))]
    out, _ = layout_pass(blocks, "tablet", (1024, 768), unit=8)
    head, in1, in2, check, button, c1, c2 = (_px(b, 1024, 768) for b in out)
    assert in2[1] >= in1[3] and button[1] >= check[3] or check[1] >= button[3]  # stacked, one per row
    assert in1[0] == in2[0] == button[0] == check[0] == head[0]  # one left edge
    assert in1[2] == in2[2] == button[2]  # the fields share the column's width
    assert c1[0] != c2[0] and abs(c1[1] - c2[1]) < 1  # containers drawn over each other still share a row


# -- fill, Engine and CLI ----------------------------------------------------------------------------


def test_fill_draws_every_kind_and_content():
    from engine.render.canvas import Canvas
    from engine.render.components import Renderer
    from engine.compose.fill import fill_blocks
    from engine.render.theme import Theme
    from ingest import ingest_folder

    blocks = [Block(k, ((i % 6) / 6, (i // 6) / 6, 1 / 6, 1 / 6), variant="tabbar" if k == "navbar" else "")
              for i, k in enumerate(BLOCK_KINDS[1:])]
    blocks += [Block("card", ((i % 5) / 5, 0.0, 0.2, 0.5), content=c) for i, c in enumerate(CONTENTS)]
    theme = Theme(ingest_folder(HARBOR))
    scene = fill_blocks(blocks, "orders admin", 1280, 720, theme, 0, "desktop")
    assert len(scene.elements) >= len(blocks) // 2
    assert sum(1 for _ in scene.walk()) > 2 * len(blocks)
    cv = Canvas(1280, 720, theme.color("background"))
    Renderer(theme, scene.scale).draw(cv, scene)
    assert cv.image().size == (1280, 720)


@pytest.fixture
def tiny_weights(tmp_path, monkeypatch):
    import engine.api

    model = _tiny()
    for p in model.parameters():
        torch.nn.init.normal_(p, std=0.02)
    model.save_pretrained(tmp_path / "teacher")
    monkeypatch.setattr(engine.api, "TEACHER_WEIGHTS", tmp_path / "teacher")
    return tmp_path / "teacher"


def test_engine_generate_with_the_teacher(harbor_engine, tiny_weights, tmp_path, monkeypatch):
    import engine.api

    monkeypatch.setattr(engine.api, "STUDENT_WEIGHTS", tmp_path / "no-student")
    harbor_engine._models.pop("student", None)
    g = harbor_engine.generate("sales dashboard", size=(960, 540), sampler="teacher", steps=5)
    assert g.sampler == "teacher" and g.image.size == (960, 540)
    assert g.timings["sample"] > 0
    assert {"mean_displacement_px", "max_displacement_px", "overlaps_removed"} <= set(g.layout_report)
    again = harbor_engine.generate("sales dashboard", size=(960, 540), sampler="teacher", steps=5)
    assert again.svg == g.svg
    with pytest.raises(ValueError, match="sampler"):
        harbor_engine.generate("sales dashboard", sampler="magic")
    with pytest.raises(ValueError, match="student"):
        harbor_engine.generate("sales dashboard", sampler="student")


def test_cli_generate_teacher_json_and_train(harbor, tmp_path, tiny_weights, monkeypatch):
    import engine.api
    from onbrand.cli import main

    monkeypatch.setattr(engine.api, "STUDENT_WEIGHTS", tmp_path / "no-student")
    runner = CliRunner()
    out = tmp_path / "m.png"
    r = runner.invoke(main, ["generate", str(harbor), "orders table", "--out", str(out), "--size", "960x540",
                             "--sampler", "teacher", "--steps", "4", "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    s = json.loads(r.output)
    assert s["sampler"] == "teacher" and "overlaps_removed" in s["layout_report"]
    with Image.open(out) as im:
        assert im.size == (960, 540)
    r = runner.invoke(main, ["generate", str(harbor), "orders", "--out", str(out), "--sampler", "student"])
    assert r.exit_code == 2 and "student" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["train", "teacher", "--config", "tiny", "--steps", "2", "--batch", "2",
                             "--out", str(tmp_path / "run")], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "run" / "diffusion_pytorch_model.safetensors").is_file()


def test_context_inputs_accept_design_tokens():
    from conditioning.packing import design_token_rows
    from ingest import ingest_folder

    dt = design_token_rows(ingest_folder(HARBOR))
    assert dt.shape[1] == 16 and 2 <= len(dt) <= 48
    ctx = ContextInputs(prompt_tokens=np.zeros((3, 384), np.float32), prompt_vec=np.zeros(384, np.float32),
                        design_tokens=dt)
    c = collate_contexts([ctx], ["mobile"])
    assert c["design_mask"].sum() == len(dt) and c["device"].tolist() == [2]


def test_named_configs_are_json_files_over_one_set_of_defaults(tmp_path):
    import json

    from engine.models.configs import add_model_config, list_models, model_config
    from engine.models.scene_net import DEFAULT_CONFIG

    assert {"tiny", "small"} <= set(list_models())
    tiny = model_config("tiny")
    assert set(tiny) == set(DEFAULT_CONFIG) and tiny["d_model"] == 64
    (tmp_path / "wide.json").write_text(json.dumps({"d_model": 96, "n_layers": 3, "n_heads": 4}))
    assert add_model_config(tmp_path / "wide.json") == ["wide"]
    assert create_model("wide").config.d_model == 96
    (tmp_path / "bad.json").write_text(json.dumps({"d_modle": 96}))
    with pytest.raises(ValueError, match="unknown architecture arguments d_modle"):
        add_model_config(tmp_path / "bad.json")
    with pytest.raises(ValueError, match="unknown model config"):
        model_config("nope")


def test_training_only_the_image_projection_keeps_every_other_weight_and_reads_images(tmp_path):
    from safetensors.numpy import load_file

    from engine.models.slots import WEIGHTS_NAME
    from engine.training.teacher import ExamplePool, freeze_except, train_teacher

    init = tmp_path / "init"
    _tiny().save_pretrained(init)
    res = train_teacher(_cfg(tmp_path, steps=3, init=str(init), train_only=["adapter.image_proj"], p_image=1.0),
                        progress=False)
    before, after = load_file(str(init / WEIGHTS_NAME)), load_file(str(tmp_path / "run" / WEIGHTS_NAME))
    changed = sorted(k for k in before if not np.array_equal(before[k], after[k]))
    assert changed == ["adapter.image_proj.bias", "adapter.image_proj.weight"]
    assert json.loads((tmp_path / "run" / "config.json").read_text())["image_conditioning"] is True
    assert res["step"] == 3
    # every pool page carries its drawn image's descriptor, unit length
    pool = ExamplePool(random.Random(0), 2, 32, p_image=1.0, image_systems=[HARBOR])
    assert all(it.image_vec.shape == (208,) and abs(np.linalg.norm(it.image_vec) - 1) < 1e-4 for it in pool.items)
    with pytest.raises(ValueError, match="starts with"):
        freeze_except(_tiny(), ["adapter.no_such_layer"])
    with pytest.raises(ValueError, match="init"):
        train_teacher(_cfg(tmp_path / "x", train_only=["adapter.image_proj"]), progress=False)


def test_a_pictured_page_is_its_own_reference_read_from_its_drawing(tmp_path):
    """`--image-blocks`: an image example's context holds the blocks the screenshot reader finds
    in the page's drawing as its reference layout (always, whatever `p_reference`) and the
    drawing's descriptor, as a request image's context does."""
    from conditioning.packing import read_reference_image
    from engine.training.teacher import ExamplePool, TrainConfig, make_batch, page_image_reading, system_theme

    pool = ExamplePool(random.Random(0), 3, 32, p_image=1.0, image_systems=[HARBOR], image_blocks=True)
    assert all(it.pictured and it.reference and it.image_vec.shape == (208,) for it in pool.items)
    it = pool.items[0]
    read, vec = page_image_reading(it.example.scene, system_theme(HARBOR))
    assert [b.box for b in read[:32]] == [b.box for b in it.reference]  # the page itself, read back
    from engine.render.export import draw_scene

    assert np.allclose(read_reference_image(draw_scene(system_theme(HARBOR), it.example.scene).image())[2], vec)
    cfg = TrainConfig(batch=3, p_reference=0.0, design_systems=[HARBOR], p_image=1.0, image_blocks=True)
    _x0, _used, ctx = make_batch(cfg, random.Random(1), pool)
    assert ctx["ref_mask"].reshape(3, -1).any(-1).all() and ctx["image_mask"].any(-1).all()  # each holds its reading
    plain = ExamplePool(random.Random(0), 2, 32, p_image=1.0, image_systems=[HARBOR])
    assert not any(it.pictured for it in plain.items)  # without image_blocks, only the descriptor
    # --exact-share 1: the page's own blocks are its reference, marked as pictured in the batch
    exact = ExamplePool(random.Random(0), 2, 32, p_image=1.0, image_systems=[HARBOR], image_blocks=True, p_exact=1.0)
    assert all(it.pictured and [b.box for b in it.reference] == [b.box for b in it.blocks] for it in exact.items)
    _x0, _used, ctx = make_batch(TrainConfig(batch=2, design_systems=[HARBOR], p_image=1.0, image_blocks=True),
                                 random.Random(2), exact)
    assert ctx["ref_pictured"][:, 0].all()
