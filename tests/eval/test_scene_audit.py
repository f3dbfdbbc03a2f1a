"""Exact text metrics from a scene: contrast, typography adherence, overflow; scene metrics."""

from __future__ import annotations

import pytest

from scene.model import Element, Scene
from eval.colour import contrast_ratio
from eval.scene_audit import audit_scene_text
from eval.score import evaluate_image


def _scene(*elements: Element, w: int = 1280, h: int = 720) -> Scene:
    return Scene(width=w, height=h, scale=w / 1920, archetype="dashboard", prompt="t", seed=0, elements=list(elements))


def test_contrast_is_exact_for_a_text_element(sample_systems) -> None:
    ds = sample_systems["harbor"]
    scene = _scene(Element(id="t", kind="text", box=(40, 40, 600, 60), text="Body copy", role="text", style="body"))
    rep = audit_scene_text(scene, ds)
    assert rep.runs == 1
    bg, ink = ds.role("background"), ds.role("text")
    assert rep.colours == [ink]
    assert rep.min_contrast == pytest.approx(contrast_ratio(ink, bg), abs=1e-3)
    assert rep.aa_pass_rate == 1.0 and rep.typography_adherence == 1.0 and rep.overflow == []


def test_text_overflow_is_reported(sample_systems) -> None:
    ds = sample_systems["harbor"]
    long = "Export every transaction of the last fiscal year as a spreadsheet"
    scene = _scene(Element(id="b", kind="button", box=(40, 40, 90, 30), text=long, variant="primary"))
    rep = audit_scene_text(scene, ds)
    assert [d.element for d in rep.overflow] == ["b"]
    assert rep.overflow[0].kind == "text-overflow"


def test_typography_off_the_type_scale(sample_systems) -> None:
    ds = sample_systems["harbor"].model_copy(deep=True)
    for t in ds.type_scale:  # a family the system ships no font for: drawn in a fallback face
        t.family = "Imaginary Grotesk"
    scene = _scene(Element(id="t", kind="text", box=(40, 40, 600, 60), text="Body copy", role="text", style="body"))
    rep = audit_scene_text(scene, ds)
    assert rep.typography_adherence == 0.0
    assert "Imaginary Grotesk" in rep.off_scale_styles[0]


def test_generated_mock_scene_metrics(harbor_engine, sample_systems, tmp_path) -> None:
    gen = harbor_engine.generate("sales analytics dashboard", sampler="procedural", size=(1280, 720))
    paths = gen.save(tmp_path / "m.png")
    res = evaluate_image(paths["image"], harbor_engine.ds)
    assert res["contrast"]["method"] == "scene"
    assert res["palette_adherence"] > 0.97
    for key in ("typography_adherence", "spacing_adherence", "alignment", "overlap"):
        assert 0.0 <= res[key] <= (1.0 if key.endswith("adherence") else 10.0)
    assert res["typography_adherence"] == 1.0
    assert res["defect_counts"]["overlap"] == 0 and res["defect_counts"]["out-of-frame"] == 0
    # the same image scored against another system: its scene does not describe it any more
    other = evaluate_image(paths["image"], sample_systems["ember"])
    assert other["contrast"]["method"] == "detected" and "scene_ignored" in other


def test_mock_with_a_dialog_counts_scrim_blends_and_skips_hidden_text(harbor_engine) -> None:
    gen = harbor_engine.generate("orders admin with a confirm delete dialog", sampler="procedural", size=(1280, 720))
    assert any(e.kind == "modal" for e in gen.scene.walk())
    res = evaluate_image(gen.image, harbor_engine.ds, scene=gen.scene)
    assert res["scrim_blends"] is True
    assert res["palette_adherence"] > 0.97  # the page behind the scrim is the palette, tinted
    total = audit_scene_text(gen.scene, harbor_engine.ds)
    assert 0 < total.runs < 30  # only the dialog's own text is read for contrast
    plain = evaluate_image(gen.image, harbor_engine.ds)  # no scene: the tinted page is off palette
    assert plain["palette_adherence"] < 0.5 and plain["scrim_blends"] is False


def test_broken_scene_beside_an_image_is_ignored_with_a_reason(sample_systems, tmp_path) -> None:
    import shutil

    from conftest import SAMPLES

    img = tmp_path / "shot.png"
    shutil.copy(SAMPLES / "harbor" / "screens" / "list.png", img)
    (tmp_path / "shot.scene.json").write_text("{ not json")
    res = evaluate_image(img, sample_systems["harbor"])
    assert res["contrast"]["method"] == "detected"
    assert "shot.scene.json" in res["scene_ignored"] and "\n" not in res["scene_ignored"]
    with pytest.raises(ValueError, match="not an onbrand scene"):
        evaluate_image(img, sample_systems["harbor"], scene=tmp_path / "shot.scene.json")
