"""The eval suite: prompt files, faithfulness, a small real run, and the held-out prompt set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from scene.model import KINDS
from eval.suite import load_prompts, prompt_faithfulness, run_suite

HELDOUT = ROOT / "eval" / "prompts" / "heldout.jsonl"


def test_heldout_prompts_cover_archetypes_and_devices() -> None:
    from conditioning import choose_archetype

    prompts = load_prompts(HELDOUT)
    assert len(prompts) >= 40
    assert {p.device for p in prompts} == {"desktop", "tablet", "mobile"}
    assert all(p.requires for p in prompts)
    assert len({choose_archetype(p.prompt) for p in prompts}) >= 6
    assert all(k in KINDS for p in prompts for k in p.requires)


@pytest.mark.parametrize("line, message", [
    ("{not json", "not JSON"),
    ('{"device": "desktop"}', "non-empty \"prompt\""),
    ('{"prompt": "x", "device": "watch"}', "unknown device 'watch'"),
    ('{"prompt": "x", "requires": {"carousel": 1}}', "unknown element kind 'carousel'"),
    ('{"prompt": "x", "requires": {"chart": 0}}', "positive integer"),
])
def test_bad_prompt_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    f = tmp_path / "p.jsonl"
    f.write_text('{"prompt": "fine"}\n' + line + "\n")
    with pytest.raises(ValueError) as e:
        load_prompts(f)
    assert f"{f}:2" in str(e.value) and message in str(e.value)
    assert "\n" not in str(e.value)


def test_prompt_faithfulness() -> None:
    assert prompt_faithfulness({"chart": 2, "card": 1}, {"chart": 1, "card": 3}) == 0.5
    assert prompt_faithfulness({}, {}) == 1.0
    assert prompt_faithfulness({"table": 1}, {"table": 1, "pagination": 1}) == 0.5


def test_small_suite_run(tmp_path: Path) -> None:
    prompts = load_prompts(HELDOUT)
    res = run_suite([SAMPLES / "harbor", SAMPLES / "ember"], prompts, n=3, size=(960, 540), out_dir=tmp_path,
                    store_root=tmp_path / "stores")  # the repository's sample folders stay untouched
    rows = {r["sampler"]: r for r in res["samplers"]}
    ran = [r for r in rows.values() if r["available"] == "yes"]
    assert ran and all(r["generations"] == 6 for r in ran)  # 2 systems × 3 prompts
    for r in ran:
        assert 0.9 <= r["palette_adherence"] <= 1.0
        assert r["brand_accuracy"] == 1.0
        assert r["seconds_per_generation"] > 0
        assert r["layout_fid"] >= 0.0 and r["layout_fid_feature"] == "trained"
        assert 0.0 <= r["faithfulness"] <= 1.0
    unavailable = [r for r in rows.values() if r["available"] == "no"]
    assert all(r["reason"] for r in unavailable)
    imgs = [r for r in res["images"] if "error" not in r]
    assert all(Path(r["image"]).is_file() for r in imgs)
    assert all(r["contrast"]["method"] == "scene" for r in imgs)
    json.dumps(res, default=str)
