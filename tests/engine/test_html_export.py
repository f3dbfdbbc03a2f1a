"""The HTML export: the scene keeps its flex tree, the page is valid, named, tokenised, and a real
browser draws it like the PNG."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from engine.render.html import _flex_items, scene_html, text_contrast
from eval.browser import AGREEMENT_LIMITS, find_chromium, passes, pixel_agreement
from eval.html_check import html_problems
from scene.model import Scene
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    from engine import Engine

    out = {}
    for name in ("harbor", "circuit"):
        out[name] = Engine.from_folder(SAMPLES / name, store=tmp_path_factory.mktemp("store") / name)
    return out


@pytest.fixture(scope="module")
def checkout(engines):
    return engines["harbor"].generate("checkout page with order summary", size=(1920, 1080), sampler="procedural")


def test_scene_files_without_layout_still_load(checkout):
    data = checkout.scene.model_dump()
    data.pop("layout")

    def strip(e):
        e.pop("layout", None)
        for c in e["children"]:
            strip(c)

    for e in data["elements"]:
        strip(e)
    old = Scene.model_validate(data)
    assert old.layout is None and all(e.layout is None for e in old.walk())
    again = Scene.model_validate(json.loads(json.dumps(checkout.scene.model_dump())))
    assert again.layout == checkout.scene.layout


def test_the_scene_keeps_the_flex_tree(checkout):
    sc = checkout.scene
    ids = {e.id for e in sc.walk()}

    def listed(items):
        for it in items:
            if isinstance(it, str):
                yield it
            else:
                assert len(it["box"]) == 4 and it["width"] in ("fill", "hug", "fixed")
                if "items" in it:  # a frame that arranges children (an empty one is a spacer)
                    assert it["direction"] in ("row", "column") and len(it["padding"]) == 4
                    yield from listed(it["items"])

    top = list(listed(sc.layout["items"]))
    assert top and set(top) <= ids
    containers = [e for e in sc.walk() if e.children]
    assert containers and all(e.layout and e.layout.get("items") is not None for e in containers)
    for e in containers:
        assert set(listed(e.layout["items"])) <= {c.id for c in e.walk()}


def test_page_is_self_contained_semantic_and_tokenised(checkout, engines):
    page = checkout.html()
    assert page.startswith("<!DOCTYPE html>")
    assert "display: flex" in page and "flex-direction: column" in page
    assert re.search(r"--color-primary: #[0-9a-f]{6}; /\* [^*]*color", page)
    assert "var(--color-primary)" in page and "var(--radius-md)" in page and re.search(r"var\(--space-", page)
    assert "@font-face" in page and "base64," in page
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)|url\((['"]?)(https?:|//|file:)""", page)
    for tag in ("<nav", "<main", "<button", "<input", "<select", "<svg", 'type="checkbox"'):
        assert tag in page, tag
    assert "Order summary" in page  # real text, not outlines
    assert html_problems(page) == []


def test_checks_find_problems():
    bad = "<!DOCTYPE html><html><head><title>x</title></head><body><blink>x</blink><button></button>" \
          "<input id=a><p><div></div></p></body></html>"
    problems = html_problems(bad)
    assert any("unknown element <blink>" in p for p in problems)
    assert sum("no accessible name" in p for p in problems) == 2
    assert any("parse error" in p for p in problems)


def test_sampled_scene_falls_back_to_absolute_positions(engines):
    gen = engines["harbor"].generate("analytics dashboard with KPI cards", size=(1366, 1024), device="tablet")
    assert gen.scene.layout is None
    page = gen.html()
    assert "position: absolute" in page and "display: flex" in page  # blocks placed, their fill in flex
    assert html_problems(page) == []


def test_a_text_area_and_a_highlighted_row_are_real_controls(engines):
    """A request's description is a <textarea> as tall as the drawn one; the table row a review
    panel acts on is marked selected and filled."""
    claim = engines["harbor"].generate("warranty claim with a product select, a receipt upload dropzone and a Send claim button",
                                       device="mobile", size=(390, 844), sampler="procedural")
    page = claim.html()
    (area,) = re.findall(r"<textarea [^>]*>", page)
    assert 'rows="4"' in area and "height: 116px" in area
    queue = engines["harbor"].generate("leave request queue with a requests table and Approve and Deny buttons",
                                       size=(1440, 900), sampler="procedural").html()
    (tr,) = re.findall(r'<tr [^>]*aria-selected="true"[^>]*>', queue)
    assert "background:" in tr


def test_text_contrast_report(checkout):
    runs = text_contrast(checkout.scene, checkout.design_system)
    assert runs and all(r["contrast"] >= r["need"] for r in runs)


def test_flex_items_exact_without_margins_and_corrected_when_snapped():
    sizing = [{"width": "hug", "height": "hug"}] * 3
    boxes = [(0, 0, 100, 20), (116, 0, 50, 20), (182, 0, 30, 20)]
    css = _flex_items((0, 0, 300, 20), (0, 0, 0, 0), 16, True, "start", "stretch", boxes, sizing)
    assert all("margin-left" not in c and "margin-right" not in c for c in css)
    assert css[0]["flex"] == "0 1 100px" and "height" not in css[0]
    snapped = [(0, 0, 100, 20), (120, 0, 50, 20), (186, 0, 30, 20)]
    css = _flex_items((0, 0, 300, 20), (0, 0, 0, 0), 16, True, "start", "stretch", snapped, sizing)
    assert css[1]["margin-left"] == "4px" and "margin-left" not in css[2] and css[2]["margin-right"] == "84px"
    fills = [{"width": "fill", "width_grow": 1.0}, {"width": "fill", "width_grow": 1.0}]
    css = _flex_items((0, 0, 200, 40), (8, 8, 8, 8), 8, False, "start", "center", [(8, 8, 184, 10), (8, 26, 100, 10)],
                      [{**f, "height": "fixed"} for f in fills])
    assert css[1]["width"] == "100px" and css[1]["margin-left"] == "-84px"  # centred: off by half its slack


def test_cli_writes_html(tmp_path, capsys):
    from click.testing import CliRunner

    from onbrand.cli import main

    dst = tmp_path / "grove"
    shutil.copytree(SAMPLES / "grove", dst, ignore=shutil.ignore_patterns(".onbrand*"))
    r = CliRunner().invoke(main, ["generate", str(dst), "settings page", "--sampler", "procedural", "--size", "683x512",
                                  "--out", str(tmp_path / "m.html"), "--json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    assert res["html"].endswith("m.html") and (tmp_path / "m.png").is_file() and (tmp_path / "m.scene.json").is_file()
    assert html_problems((tmp_path / "m.html").read_text()) == []
    r = CliRunner().invoke(main, ["generate", str(dst), "settings page", "--out", str(tmp_path / "m.docx")])
    assert r.exit_code == 2 and "Traceback" not in r.output


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("system,device,prompt", [
    ("harbor", "desktop", "checkout page with order summary"),
    ("circuit", "mobile", "settings page with notification toggles"),
    ("harbor", "mobile", "warranty claim with a product select, a receipt upload dropzone and a Send claim button"),
    ("circuit", "desktop", "leave request queue with a requests table and Approve and Deny buttons"),
])
def test_a_real_browser_draws_the_page_like_the_png(engines, system, device, prompt):
    if find_chromium() is None:
        pytest.skip("Chromium is not installed (apt-get install chromium, or set ONBRAND_CHROMIUM): "
                    "the browser comparison cannot run")
    pytest.importorskip("playwright", reason="the playwright package is not installed")
    from eval.browser import browser_screenshot
    from scene.devices import DEVICES

    (w, h), _ = DEVICES[device]
    gen = engines[system].generate(prompt, device=device, size=(w // 2, h // 2), sampler="procedural")
    sc = gen.scene
    shot = browser_screenshot(gen.html(), sc.width / sc.scale, sc.height / sc.scale, sc.scale)
    assert shot.size == gen.image.size
    agree = pixel_agreement(gen.image, shot)
    assert passes(agree), (agree, AGREEMENT_LIMITS)
    # and the metric is not blind: the page with its primary colour changed fails
    page = re.sub(r"(--color-primary: )#[0-9a-f]{6}", r"\1#ff00ff", gen.html())
    worse = pixel_agreement(gen.image, browser_screenshot(page, sc.width / sc.scale, sc.height / sc.scale, sc.scale))
    assert worse["mean_delta_e"] > agree["mean_delta_e"]
