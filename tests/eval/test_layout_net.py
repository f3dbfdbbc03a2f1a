"""The trained layout encoder behind layout FID: save/load, features, corruptions, training."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
import torch

from scene.blocks import BLOCK_KINDS, Block
from eval import fid
from eval.layout_net import (
    DEFAULT_WEIGHTS,
    LayoutNet,
    corrupt,
    layout_arrays,
    load_layout_net,
)
from eval.train_layout_net import (
    corrupted_layouts,
    curriculum_layouts,
    evaluate,
    main,
    train,
)


@pytest.fixture(scope="module", autouse=True)
def _one_thread():
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


@pytest.fixture(scope="module")
def real_sets():
    """Two disjoint sets of curriculum layouts (other seeds than the encoder was trained on)."""
    return curriculum_layouts(150, seed=424242), curriculum_layouts(150, seed=515151)


def _tiny(**kw) -> LayoutNet:
    torch.manual_seed(0)
    return LayoutNet(d_model=32, n_layers=1, n_heads=2, n_dec_layers=1, **kw).eval()


def test_save_load_round_trip(tmp_path: Path, real_sets) -> None:
    model = _tiny()
    model.save_pretrained(tmp_path / "net")
    assert json.loads((tmp_path / "net" / "config.json").read_text())["d_model"] == 32
    loaded = load_layout_net(tmp_path / "net")
    layouts = real_sets[0][:20]
    assert np.array_equal(model.features(layouts), loaded.features(layouts))
    assert loaded.features(layouts).shape == (20, 32)


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="config.json missing") as e:
        load_layout_net(tmp_path)
    assert str(tmp_path) in str(e.value)


def test_shipped_weights_load() -> None:
    model = load_layout_net()
    assert (DEFAULT_WEIGHTS / "config.json").is_file()
    assert tuple(model.config.kinds) == BLOCK_KINDS[: len(model.config.kinds)]  # a prefix, by name
    assert fid.default_feature() == "trained"
    assert sum((DEFAULT_WEIGHTS / f).stat().st_size for f in ("config.json",
               "diffusion_pytorch_model.safetensors")) < 5 * 2**20


def test_feature_ignores_block_order_and_handles_odd_input(real_sets) -> None:
    model = load_layout_net()
    layout = real_sets[0][0]
    shuffled = list(layout)
    random.Random(3).shuffle(shuffled)
    f = model.features([layout, shuffled])
    assert np.allclose(f[0], f[1], atol=1e-5)
    odd = [[], [Block(kind="carousel", box=(float("nan"), -2.0, 5.0, 0.1))], [Block(kind="card", box=(0, 0, 0.1, 0.1))] * 60]
    assert np.isfinite(model.features(odd)).all()


def test_trained_fid_ranks_corrupted_above_real(real_sets) -> None:
    a, b = real_sets
    real = fid.layout_fid(b, a)
    jittered = fid.layout_fid(corrupted_layouts(b, seed=1), a)
    rng = np.random.default_rng(2)
    shuffled_kinds = []
    for bs in b:  # each layout's kinds permuted among its boxes
        perm = rng.permutation(len(bs))
        shuffled_kinds.append([Block(kind=bs[int(j)].kind, box=x.box) for j, x in zip(perm, bs)])
    shuffled = fid.layout_fid(shuffled_kinds, a)
    assert real < jittered and real < shuffled, (real, jittered, shuffled)
    assert fid.layout_fid(a, a) < 0.05 * real


def test_projection_fallback(monkeypatch, tmp_path: Path, real_sets) -> None:
    a, b = real_sets[0][:30], real_sets[1][:30]
    projection = fid.layout_fid(a, b, feature="projection")
    assert projection == pytest.approx(fid.frechet_distance(np.stack([fid.layout_features(x) for x in a]),
                                                            np.stack([fid.layout_features(x) for x in b])))
    monkeypatch.setattr("eval.layout_net.DEFAULT_WEIGHTS", tmp_path / "none")
    assert fid.default_feature() == "projection"
    assert fid.layout_fid(a, b) == projection  # nothing installed: the projection is used
    with pytest.raises(FileNotFoundError):  # a folder that was named must hold an encoder
        fid.layout_fid(a, b, weights=tmp_path / "none")
    with pytest.raises(ValueError, match="unknown layout feature"):
        fid.layout_fid(a, b, feature="inception")


def test_corrupt_is_seeded_and_stays_on_canvas(real_sets) -> None:
    index = {k: i for i, k in enumerate(BLOCK_KINDS)}
    arrays = [layout_arrays(bs, lambda k: index.get(k, 0)) for bs in real_sets[0][:40]]
    one = [corrupt(k, b, np.random.default_rng(5)) for k, b in arrays]
    two = [corrupt(k, b, np.random.default_rng(5)) for k, b in arrays]
    changed = 0
    for (k, b), (k1, b1), (k2, b2) in zip(arrays, one, two):
        assert np.array_equal(k1, k2) and np.array_equal(b1, b2)
        assert 1 <= len(k1) <= 48 and b1.min() >= 0.0 and b1.max() <= 1.0
        assert k1.min() >= 0 and k1.max() < len(BLOCK_KINDS)
        changed += len(k1) != len(k) or not np.array_equal(k1, k) or not np.allclose(b1, b)
    assert changed >= 38


def test_training_is_deterministic(tmp_path: Path) -> None:
    kw = {"steps": 3, "seed": 7, "batch_size": 8, "pool": 16, "n_val": 8, "log_every": 1, "d_model": 32,
          "n_layers": 1, "n_heads": 2, "n_dec_layers": 1}
    log = train(out=tmp_path / "a", **kw)
    train(out=tmp_path / "b", **kw)
    assert [r["loss"] for r in log["history"]] == [r["loss"] for r in json.loads(
        (tmp_path / "b" / "train_log.json").read_text())["history"]]
    layouts = curriculum_layouts(4, seed=1)
    assert np.array_equal(load_layout_net(tmp_path / "a").features(layouts),
                          load_layout_net(tmp_path / "b").features(layouts))
    assert set(log["held_out"]) >= {"fid_real_vs_real", "fid_real_vs_corrupted", "real_fake_accuracy"}


def test_evaluate_reports_both_extractors(tmp_path: Path, capsys) -> None:
    res = evaluate(n_val=40)
    assert set(res) == {"trained", "projection"}
    for r in res.values():
        assert 0 <= r["fid_real_vs_real"] < r["fid_real_vs_corrupted"]
    assert main(["--evaluate", str(tmp_path)]) == 2  # no encoder there: one line, no traceback
    assert str(tmp_path) in capsys.readouterr().err
