"""The open-prompt sets and their scores: required kinds present, named labels present, the planner's accuracy."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from eval.open_prompts import kinds_present, label_found, labels_present, plan_accuracy, scene_texts
from eval.suite import load_prompts
from scene.model import KINDS, Element, Scene

DEV = ROOT / "eval" / "prompts" / "open_dev.jsonl"
HELDOUT = ROOT / "eval" / "prompts" / "open_heldout.jsonl"


def test_open_sets_cover_domains_devices_and_kinds() -> None:
    dev, held = load_prompts(DEV), load_prompts(HELDOUT)
    both = dev + held
    assert len(both) >= 60
    assert {p.device for p in dev} == {p.device for p in held} == {"desktop", "tablet", "mobile"}
    assert len({p.domain for p in both}) >= 20
    assert all(p.kinds and all(k in KINDS for k in p.kinds) for p in both)
    assert sum(bool(p.labels) for p in held) >= 10
    assert not {p.prompt for p in dev} & {p.prompt for p in held}
    assert "HELD-OUT" in HELDOUT.read_text().splitlines()[0]


def test_every_open_set_loads_and_no_prompt_is_in_two_sets() -> None:
    """Each open set reads (kinds known, labels strings); a held-out set shares no prompt with a
    development set, so its figures stay clean."""
    sets = {f.name: load_prompts(f) for f in sorted((ROOT / "eval" / "prompts").glob("open_*.jsonl"))}
    assert {"open_dev4.jsonl", "open_heldout2.jsonl", "open_heldout3.jsonl"} <= set(sets)
    held = {n for n in sets if "heldout" in n}
    for name, prompts in sets.items():
        assert prompts and all(p.kinds and all(k in KINDS for k in p.kinds) for p in prompts), name
        if name in held:
            assert "HELD-OUT" in (ROOT / "eval" / "prompts" / name).read_text().splitlines()[0]
    dev_prompts = {p.prompt for n, ps in sets.items() if n not in held and "review" not in n for p in ps}
    for name in held:
        assert not dev_prompts & {p.prompt for p in sets[name]}, name


def _words(prompt: str) -> set[str]:
    import re

    return set(re.findall(r"[a-z0-9$]+", prompt.lower())) - {"a", "an", "the", "and", "with", "of", "for", "to", "on",
                                                               "in"}


@pytest.mark.parametrize("name", ["open_heldout2.jsonl", "open_heldout3.jsonl", "open_heldout4.jsonl",
                                  "open_heldout5.jsonl", "open_heldout6.jsonl",
                                  "open_heldout7.jsonl", "open_heldout8.jsonl", "open_heldout9.jsonl",
                                  "open_heldout10.jsonl", "open_heldout11.jsonl",
                                  "open_heldout12.jsonl"])
def test_a_newer_held_out_set_holds_no_near_copy_of_another_sets_prompt(name: str) -> None:
    others = [p.prompt for f in sorted((ROOT / "eval" / "prompts").glob("*.jsonl")) if f.name != name
              for p in load_prompts(f)]
    for p in load_prompts(ROOT / "eval" / "prompts" / name):
        w = _words(p.prompt)
        closest = max(others, key=lambda q: len(w & _words(q)) / len(w | _words(q)))
        assert len(w & _words(closest)) / len(w | _words(closest)) < 0.45, (p.prompt, closest)


@pytest.mark.parametrize("line, message", [
    ('{"prompt": "x", "requires": ["carousel"]}', "unknown element kind 'carousel'"),
    ('{"prompt": "x", "requires": [1]}', "element kinds as strings"),
    ('{"prompt": "x", "labels": "Done"}', "list of non-empty strings"),
    ('{"prompt": "x", "labels": [""]}', "list of non-empty strings"),
])
def test_bad_open_lines(tmp_path: Path, line: str, message: str) -> None:
    f = tmp_path / "p.jsonl"
    f.write_text("# a comment\n" + line + "\n")
    with pytest.raises(ValueError) as e:
        load_prompts(f)
    assert f"{f}:2" in str(e.value) and message in str(e.value)


def _scene(*elements: Element) -> Scene:
    return Scene(width=100, height=100, scale=1.0, archetype="plan", prompt="p", seed=0, elements=list(elements))


def test_scores_of_a_scene() -> None:
    scene = _scene(
        Element(id="col-1", kind="kanban_column", box=(0, 0, 10, 10), text="To do",
                props={"cards": [{"title": "Ship it", "tag": "In progress"}]}),
        Element(id="b", kind="button", box=(0, 0, 10, 10), text="MUTE"),
        Element(id="t", kind="tabs", box=(0, 0, 10, 10), props={"items": ["Sizes", "Colours"]}),
    )
    assert set(scene_texts(scene)) >= {"To do", "Ship it", "In progress", "MUTE", "Sizes"}
    assert labels_present(scene, ["to do", "In progress", "Done", "Mute"]) == 0.75
    assert not label_found("S", scene_texts(scene))  # whole words only: "S" is not in "Sizes"
    assert labels_present(scene, []) is None
    assert kinds_present(scene.count(), ["kanban_column", "button", "map"]) == pytest.approx(2 / 3)
    assert kinds_present(scene.count(), []) is None


def test_planner_accuracy_on_the_dev_set() -> None:
    res = plan_accuracy(load_prompts(DEV))
    assert res["prompts"] == 32
    assert res["kinds_recall"] >= 0.9 and res["labels_recall"] >= 0.9
    for row in res["rows"]:
        assert set(row) >= {"kinds", "missing_kinds", "missing_labels", "domain"}


def test_a_day_or_month_is_found_in_its_short_form():
    assert label_found("Friday", ["Mon", "Fri"]) and label_found("september", ["Sep 2027"])
    assert not label_found("Friday", ["Fridge"]) and not label_found("May", ["Mayor"])
    assert not label_found("Frank", ["Fra"])  # only days and months have short forms
