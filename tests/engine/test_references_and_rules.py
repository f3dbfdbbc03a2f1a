"""One conditioning path: the system's own screens and the request's reference images steer the
mock; the rules the system states are applied and reported."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pytest

from benchmarks.bench_references import SCREENS, mean_best_iou, scene_boxes, screen_svg, top_level
from conditioning.packing import MAX_REQUEST_IMAGES, pack_context, points_at_image
from engine.api import Engine
from ingest import ingest_to_store
from ingest.model import Rule, Source
from ingest.screens import svg_screen_blocks

ROOT = Path(__file__).resolve().parents[2]
HARBOR = ROOT / "sample_design_systems" / "harbor"
SIZE = (960, 600)


def _screen(name: str) -> dict:
    return next(s for s in SCREENS if s["name"] == name)


@pytest.fixture(scope="module")
def harbor_engine():
    return Engine.from_folder(HARBOR)


@pytest.fixture(scope="module")
def colours(harbor_engine):
    return {r: harbor_engine.ds.role_map()[r] for r in ("background", "surface", "border", "text", "text-muted",
                                                        "primary")}


@pytest.fixture(scope="module")
def inbox_folder(tmp_path_factory, colours):
    """Harbor with its screens replaced by one master–detail support inbox."""
    root = tmp_path_factory.mktemp("inbox") / "harbor"
    shutil.copytree(HARBOR, root, ignore=shutil.ignore_patterns(".onbrand", "screens"))
    (root / "screens").mkdir()
    (root / "screens" / "support-inbox.svg").write_text(screen_svg(_screen("support-inbox"), colours))
    ingest_to_store(root)
    return root


def _png(svg: str):
    import cairosvg
    from PIL import Image

    return Image.open(io.BytesIO(cairosvg.svg2png(bytestring=svg.encode(), output_width=1440,
                                                   output_height=900))).convert("RGB")


def test_a_matching_folder_screen_is_the_reference_and_is_held(inbox_folder):
    eng = Engine.from_folder(inbox_folder)
    ctx = pack_context(eng.ds, "support inbox with a conversation open", eng.context_store(), device="desktop",
                       exemplars=eng.references)
    assert ctx.references[0]["kind"] == "screen" and ctx.references[0]["source"] == "screens/support-inbox.svg"
    assert ctx.references[0]["matches"] and ctx.hold_init and ctx.init_blocks
    # a prompt the screen does not answer gets the exemplar instead, and nothing is held
    other = pack_context(eng.ds, "pricing page with three plans", eng.context_store(), device="desktop",
                         exemplars=eng.references)
    assert other.references[0]["kind"] == "exemplar" and not other.hold_init
    # a phone mock does not take a desktop screen
    phone = pack_context(eng.ds, "support inbox with a conversation open", eng.context_store(), device="mobile",
                         exemplars=eng.references)
    assert all(r["kind"] != "screen" for r in phone.references)


@pytest.mark.slow
def test_generation_follows_the_folder_screen_and_retrieval_false_does_not(inbox_folder):
    eng = Engine.from_folder(inbox_folder)
    ref = top_level(svg_screen_blocks(inbox_folder / "screens" / "support-inbox.svg"))
    prompt = "support inbox with a conversation open"
    with_ref = eng.generate(prompt, size=SIZE)
    without = eng.generate(prompt, size=SIZE, retrieval=False)
    assert with_ref.conditioning["references"][0]["source"] == "screens/support-inbox.svg"
    assert without.conditioning["references"] == []
    assert mean_best_iou(ref, scene_boxes(with_ref)) >= 0.8
    assert scene_boxes(with_ref) != scene_boxes(without)


def test_a_folder_screen_does_not_override_what_an_open_prompt_asks_for(inbox_folder):
    eng = Engine.from_folder(inbox_folder)
    # the inbox screen matches the page type, but the prompt asks for a kanban board it does not show
    prompt = "support inbox with To do, Waiting and Solved kanban columns"
    ctx = pack_context(eng.ds, prompt, eng.context_store(), device="desktop", exemplars=eng.references)
    assert ctx.hold_init and ctx.references[0]["source"] == "screens/support-inbox.svg"
    g = eng.generate(prompt, size=SIZE)
    assert any("screens/support-inbox.svg was not followed" in w for w in g.warnings)
    assert sum(e.kind == "kanban_column" for e in g.scene.walk()) == 3
    assert {"To do", "Waiting", "Solved"} <= {e.text for e in g.scene.walk()}


@pytest.mark.slow
def test_a_request_image_is_followed(harbor_engine, colours):
    sc = _screen("sprint-board")
    image = _png(screen_svg(sc, colours))
    gen = harbor_engine.generate("sprint board for the mobile team, like this", size=SIZE, reference_images=[image])
    first = gen.conditioning["references"][0]
    assert first["kind"] == "image" and first["matches"] and first["used_as"].startswith("start")
    from ingest.screens import raster_screen_blocks

    ref = top_level(raster_screen_blocks(image))
    plain = harbor_engine.generate("sprint board for the mobile team, like this", size=SIZE)
    assert mean_best_iou(ref, scene_boxes(gen)) >= 0.5 + 0.15 * 0  # followed
    assert mean_best_iou(ref, scene_boxes(gen)) > mean_best_iou(ref, scene_boxes(plain))


def test_request_images_are_read_and_bounded(harbor_engine, colours):
    image = _png(screen_svg(_screen("stock-levels"), colours))
    ctx = pack_context(harbor_engine.ds, "stock levels like this", None, device="desktop", reference_images=[image])
    assert ctx.image_vecs.shape == (1, 208) and abs(float(np.linalg.norm(ctx.image_vecs[0])) - 1) < 1e-4
    assert ctx.references[0]["source"] == "request image 1" and ctx.references[0]["summary"].startswith("screen")
    assert -1.0 <= ctx.references[0]["clip_agreement"] <= 1.0  # UI-CLIP's image–prompt cosine
    with pytest.raises(ValueError, match="at most 14"):
        pack_context(harbor_engine.ds, "x", None, reference_images=[image] * (MAX_REQUEST_IMAGES + 1))
    with pytest.raises(ValueError, match="reference image 1"):
        pack_context(harbor_engine.ds, "x", None, reference_images=[b"not an image"])
    assert points_at_image("an orders page like this") and not points_at_image("an orders page")


def _rule(kind: str, text: str, **kw) -> Rule:
    return Rule(kind=kind, text=text, source=Source(file="guide.md", locator="# Do and don't"), **kw)


def test_rules_are_applied_and_reported(harbor_engine):
    from eval.rules import check_rules

    ds = harbor_engine.ds.model_copy(update={"rules": [
        _rule("max-primary-buttons", "One primary button per view.", count=1),
        _rule("min-text-size", "Text is never below 15 px.", px=15),
        _rule("min-target-size", "Tap targets are at least 44 px.", px=44),
        _rule("color-not-large-area", "Never fill large areas with the primary colour.",
              color=harbor_engine.ds.role_map()["primary"]),
    ]})
    eng = Engine(ds, store=harbor_engine.store)
    gen = eng.generate("checkout page with order summary", size=SIZE, sampler="procedural")
    report = {r["kind"]: r for r in gen.conditioning["rules"]}
    assert set(report) == {"max-primary-buttons", "min-text-size", "min-target-size", "color-not-large-area"}
    assert all(r["status"] in ("applied", "not-applicable") and r["source"] == "guide.md › # Do and don't"
               for r in report.values())
    checks = {c.kind: c for c in check_rules(ds, scene=gen.scene)}
    for kind in ("max-primary-buttons", "min-text-size", "min-target-size"):
        assert checks[kind].status == "kept", (kind, checks[kind].detail)
    # the rules changed the mock: Harbor's captions are 12 px, drawn at 15; the second primary
    # buttons of the page became secondary
    from engine.render.theme import Theme

    assert Theme(harbor_engine.ds).style("caption").size == 12
    assert gen.scene.theme_rules == {"text_floor": 15.0}
    drawn = Theme(ds)
    drawn.apply_theme_rules(gen.scene.theme_rules)
    assert drawn.style("caption").size == 15
    plain = harbor_engine.generate("checkout page with order summary", size=SIZE, sampler="procedural")
    primaries = [e for e in plain.scene.walk() if e.kind == "button" and (e.variant or "primary") == "primary"]
    if len(primaries) > 1:
        assert "made secondary" in report["max-primary-buttons"]["detail"]


@pytest.mark.slow
def test_native_route_and_cli_take_reference_images(harbor_engine, colours, tmp_path):
    import base64

    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from onbrand.cli import main
    from onbrand.server import create_app

    image = _png(screen_svg(_screen("stock-levels"), colours))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    body = {"prompt": "stock levels with filters, like this", "size": "960x600",
            "reference_images": [{"mime_type": "image/png", "data": base64.b64encode(buf.getvalue()).decode()}]}
    with TestClient(create_app({"onbrand-harbor": harbor_engine})) as tc:
        j = tc.post("/v1/generate", json=body).json()
    refs = j["provenance"]["references"]
    assert refs[0]["kind"] == "image" and refs[0]["matches"], j
    assert isinstance(j["provenance"]["rules"], list)
    path = tmp_path / "ref.png"
    image.save(path)
    out = CliRunner().invoke(main, ["generate", str(HARBOR), "stock levels with filters, like this", "--size",
                                    "960x600", "--ref", str(path), "--out", str(tmp_path / "m.png"), "--json"])
    assert out.exit_code == 0, out.output
    import json

    assert json.loads(out.output)["references"][0]["source"] == "request image 1"
    bad = CliRunner().invoke(main, ["generate", str(HARBOR), "x", "--ref", str(tmp_path / "none.png")])
    assert bad.exit_code == 2 and "no such file" in bad.output
