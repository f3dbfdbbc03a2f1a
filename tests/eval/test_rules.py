"""Stated rules checked in eval: each kind kept and broken, pixels alone, `evaluate_image`, the
command line and the report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from engine.render.canvas import Canvas
from engine.render.components import Renderer
from engine.render.theme import Theme
from eval.colour import hex_to_rgb
from eval.report import write_report
from eval.rules import check_rules, colour_share
from eval.score import evaluate_image
from ingest.model import DesignSystem, Rule, Source
from onbrand.cli import main
from scene.model import Element, Scene

SRC = Source(file="brand-guide.pdf", locator="p. 4")


def _rule(kind: str, text: str = "", **kw) -> Rule:
    return Rule(kind=kind, text=text or f"a {kind} rule", source=SRC, **kw)


def _with(ds: DesignSystem, *rules: Rule) -> DesignSystem:
    out = ds.model_copy(deep=True)
    out.rules = list(rules)
    return out


def _scene(*elements: Element, w: int = 960, h: int = 540, background: str = "background") -> Scene:
    """A scene at half of 1920×1080: design px are twice canvas px."""
    return Scene(width=w, height=h, scale=w / 1920, archetype="dashboard", prompt="t", seed=0,
                 background_role=background, elements=list(elements))


def _check(ds: DesignSystem, rule: Rule, scene: Scene | None, rgb: np.ndarray | None = None):
    [c] = check_rules(_with(ds, rule), rgb, scene)
    assert c.kind == rule.kind and c.text == rule.text and c.source == SRC
    return c


def _draw(scene: Scene, ds: DesignSystem) -> np.ndarray:
    theme = Theme(ds)
    cv = Canvas(scene.width, scene.height, theme.color(scene.background_role))
    Renderer(theme, scene.scale).draw(cv, scene)
    return np.asarray(cv.image())


@pytest.fixture(scope="module")
def harbor(sample_systems) -> DesignSystem:
    return sample_systems["harbor"]


def _button(id_: str, variant: str = "primary", box=(40, 40, 80, 22), **kw) -> Element:
    return Element(id=id_, kind="button", box=box, text="Save", variant=variant, **kw)


# -- color-not-large-area ------------------------------------------------------------------------


def test_colour_not_large_area_kept_and_broken(harbor) -> None:
    rule = _rule("color-not-large-area", "Never use Harbor Teal for backgrounds or cards", color=harbor.role("primary"))
    kept = _scene(_button("cta"), Element(id="card", kind="card", box=(40, 80, 400, 300)))
    c = _check(harbor, rule, kept)
    assert c.status == "kept" and c.where == [], c.detail
    broken = _scene(_button("cta"), Element(id="card", kind="card", box=(40, 80, 400, 300), role="primary"))
    c = _check(harbor, rule, broken)
    assert c.status == "broken" and c.where == ["card"], c.detail
    c = _check(harbor, rule, _scene(_button("cta"), background="primary"))
    assert c.status == "broken" and c.where == ["page background"]
    # one fill over 15 % of the canvas is a large area whatever its kind
    c = _check(harbor, rule, _scene(_button("huge", box=(0, 0, 600, 300))))
    assert c.status == "broken" and c.where == ["huge"]


def test_colour_not_large_area_from_pixels(harbor) -> None:
    rule = _rule("color-not-large-area", color=harbor.role("accent"))
    img = np.empty((100, 100, 3), np.uint8)
    img[:] = hex_to_rgb(harbor.role("background"))
    img[:5] = hex_to_rgb(harbor.role("accent"))
    c = _check(harbor, rule, None, img)
    assert c.status == "kept" and "5.0%" in c.detail
    img[:30] = hex_to_rgb(harbor.role("accent"))
    c = _check(harbor, rule, None, img)
    assert c.status == "broken" and "30.0%" in c.detail
    # a near-white page is not the white of its cards, though within ΔE 3 of it
    assert colour_share(img, harbor.role("surface"), harbor.palette_hexes()) == 0.0


def test_rule_colour_a_little_off_its_token_means_the_token(harbor) -> None:
    r, g, b = hex_to_rgb(harbor.role("primary"))
    printed = f"#{r + 1:02x}{g:02x}{b + 1:02x}"  # as a PDF guide may print it
    rule = _rule("color-not-large-area", color=printed)
    c = _check(harbor, rule, _scene(Element(id="card", kind="card", box=(40, 80, 400, 300), role="primary")))
    assert c.status == "broken"


# -- color-only-for ------------------------------------------------------------------------------


def test_colour_only_for_kept_and_broken(harbor) -> None:
    ds = harbor.model_copy(deep=True)
    orange = ds.role("accent")
    for r in ds.roles:  # this system's alert colour is its orange
        if r.role == "danger":
            r.hex = orange
    rule = _rule("color-only-for", "Signal Orange is for alerts only", color=orange, use="danger")
    kept = _scene(Element(id="overdue", kind="badge", box=(40, 40, 60, 20), text="Overdue", role="danger"),
                  _button("delete", variant="destructive"), _button("save", box=(200, 40, 80, 22)))
    c = _check(ds, rule, kept)
    assert c.status == "kept" and "2 time(s)" in c.detail, c.detail
    broken = _scene(*kept.elements, Element(id="new", kind="badge", box=(40, 80, 60, 20), text="New", role="accent"))
    c = _check(ds, rule, broken)
    assert c.status == "broken" and c.where == ["new"], c.detail
    # text in that colour for another use breaks it too
    c = _check(ds, rule, _scene(Element(id="t", kind="heading", box=(40, 40, 400, 40), text="Hello", role="accent")))
    assert c.status == "broken" and c.where == ["t"]


# -- no-text-on ----------------------------------------------------------------------------------


def test_no_text_on_kept_and_broken(harbor) -> None:
    teal, white = harbor.role("primary"), harbor.role("surface")
    rule = _rule("no-text-on", "Never set teal text on white", color=teal, background=white)

    def card(role: str) -> Element:
        return Element(id="card", kind="card", box=(40, 40, 500, 300), children=[
            Element(id="card/title", kind="heading", box=(60, 60, 400, 30), text="Revenue", role=role, style="h3")])

    c = _check(harbor, rule, _scene(card("text"),
                                    Element(id="h", kind="heading", box=(40, 400, 400, 30), text="On the page",
                                            role="primary")))
    assert c.status == "kept", c.detail  # teal text on the page background is not teal on white
    c = _check(harbor, rule, _scene(card("primary")))
    assert c.status == "broken" and c.where == ["card/title"], c.detail


# -- min-text-size -------------------------------------------------------------------------------


def test_min_text_size_kept_and_broken(harbor) -> None:
    rule = _rule("min-text-size", "Text is never smaller than 14px", px=14)
    body = Element(id="p", kind="text", box=(40, 40, 400, 60), text="Body copy", style="body")
    caption = Element(id="c", kind="text", box=(40, 120, 400, 30), text="Fine print", style="caption")
    assert _check(harbor, rule, _scene(body)).status == "kept"
    c = _check(harbor, rule, _scene(body, caption))
    assert c.status == "broken" and c.where == ["c"] and "caption" in c.detail
    # "body text never below": captions are not body text
    body_rule = _rule("min-text-size", "Body text is never below 14px", px=14)
    assert _check(harbor, body_rule, _scene(body, caption)).status == "kept"
    assert _check(harbor, _rule("min-text-size", "Body text is never below 18px", px=18), _scene(body)).status == "broken"


# -- min-target-size -----------------------------------------------------------------------------


def test_min_target_size_in_design_px(harbor) -> None:
    rule = _rule("min-target-size", "Tap targets are at least 44px", px=44)
    ok = _button("ok", box=(40, 40, 80, 22))  # 160×44 design px at scale 0.5
    c = _check(harbor, rule, _scene(ok))
    assert c.status == "kept", c.detail
    tiny = _button("tiny", box=(40, 80, 60, 14))  # 120×28 design px
    toggle = Element(id="tg", kind="toggle", box=(40, 120, 200, 16), text="Alerts")
    c = _check(harbor, rule, _scene(ok, tiny, toggle))
    assert c.status == "broken" and c.where == ["tiny", "tg"], c.detail


# -- max-primary-buttons -------------------------------------------------------------------------


def test_max_primary_buttons_kept_and_broken(harbor) -> None:
    rule = _rule("max-primary-buttons", "Use one primary button per view", count=1)
    one = _scene(_button("save"), _button("cancel", variant="secondary", box=(200, 40, 80, 22)))
    assert _check(harbor, rule, one).status == "kept"
    two = _scene(_button("save"), _button("send", variant="", box=(200, 40, 80, 22)))  # no variant: primary
    c = _check(harbor, rule, two)
    assert c.status == "broken" and c.where == ["save", "send"], c.detail
    # a dialog is a view of its own
    dialog = Element(id="dlg", kind="modal", box=(300, 150, 360, 240), text="Confirm",
                     children=[_button("dlg/ok", box=(540, 340, 100, 22))])
    assert _check(harbor, rule, _scene(_button("save"), dialog)).status == "kept"


# -- without a scene, and rules that cannot be read ------------------------------------------------


def test_scene_only_rules_not_checkable_from_pixels(harbor) -> None:
    rules = [_rule("color-only-for", color=harbor.role("danger"), use="danger"),
             _rule("no-text-on", color=harbor.role("primary"), background=harbor.role("surface")),
             _rule("min-text-size", px=14), _rule("min-target-size", px=44), _rule("max-primary-buttons", count=1)]
    img = np.full((60, 80, 3), 250, np.uint8)
    for c in check_rules(_with(harbor, *rules), img, None):
        assert c.status == "not-checkable" and "scene" in c.detail, c
    odd = [_rule("color-not-large-area", color="not a colour"), _rule("min-text-size"), _rule("use-the-logo")]
    assert [c.status for c in check_rules(_with(harbor, *odd), img, None)] == ["not-checkable"] * 3


def test_evaluate_image_reports_rules_and_keeps_scores(harbor, tmp_path) -> None:
    scene = _scene(_button("save"), _button("send", box=(200, 40, 80, 22)),
                   Element(id="card", kind="card", box=(40, 100, 400, 300)))
    png = tmp_path / "m.png"
    from PIL import Image

    Image.fromarray(_draw(scene, harbor)).save(png)
    (tmp_path / "m.scene.json").write_text(json.dumps(scene.model_dump()))
    ds = _with(harbor, _rule("max-primary-buttons", "One primary button per view", count=1),
               _rule("color-not-large-area", color=harbor.role("primary")))
    res = evaluate_image(png, ds)
    assert res["contrast"]["method"] == "scene"
    assert [(r["kind"], r["status"]) for r in res["rules"]] == [("max-primary-buttons", "broken"),
                                                                ("color-not-large-area", "kept")]
    assert res["rules"][0]["source"] == {"file": "brand-guide.pdf", "locator": "p. 4"}
    plain = evaluate_image(png, harbor.model_copy(update={"rules": []}))
    assert plain["rules"] == []
    same = {k for k in res if k not in ("rules", "seconds")}
    assert {k: res[k] for k in same} == {k: plain[k] for k in same}  # a broken rule changes no score
    # the same image without its scene: scene-only rules cannot be told
    alone = tmp_path / "alone.png"
    shutil.copy(png, alone)
    res = evaluate_image(alone, ds)
    assert [r["status"] for r in res["rules"]] == ["not-checkable", "kept"]


# -- the command line and the report -------------------------------------------------------------


def test_cli_eval_json_and_report_carry_rules(tmp_path) -> None:
    folder = tmp_path / "harbor"
    shutil.copytree(SAMPLES / "harbor", folder, ignore=shutil.ignore_patterns(".onbrand*"))
    store = tmp_path / "store"
    run = CliRunner()
    assert run.invoke(main, ["ingest", str(folder), "--store", str(store)], catch_exceptions=False).exit_code == 0
    # a mock made before the guide stated its rules (generate applies the rules a system states)
    mock = tmp_path / "m.png"
    r = run.invoke(main, ["generate", str(folder), "sales dashboard", "--store", str(store), "--out", str(mock),
                          "--size", "1280x720"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    # the rules a guide would state, written into the stored design system
    [stored] = store.rglob("design_system.json")
    ds = DesignSystem.model_validate_json(stored.read_text())
    ds.rules = [_rule("max-primary-buttons", "One primary button per view", count=1),
                _rule("min-target-size", "Tap targets are at least 200px", px=200)]
    stored.write_text(ds.model_dump_json())
    screen = tmp_path / "screen.png"
    shutil.copy(SAMPLES / "grove" / "screens" / "list.png", screen)
    report = tmp_path / "report.html"
    r = run.invoke(main, ["eval", str(folder), str(mock), str(screen), "--store", str(store), "--json",
                          "--report", str(report)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    by = {i["image"]: i for i in json.loads(r.output)["images"]}
    rules = {x["kind"]: x for x in by[str(mock)]["rules"]}
    assert rules["min-target-size"]["status"] == "broken" and rules["min-target-size"]["where"]
    assert rules["max-primary-buttons"]["status"] in ("kept", "broken")
    assert all(x["source"] == {"file": "brand-guide.pdf", "locator": "p. 4"} for x in rules.values())
    assert [x["status"] for x in by[str(screen)]["rules"]] == ["not-checkable", "not-checkable"]
    page = report.read_text()
    assert "<h2>Rules</h2>" in page and "Tap targets are at least 200px" in page and "brand-guide.pdf p. 4" in page
    assert "broken" in page and "not checkable" in page
    r = run.invoke(main, ["eval", str(folder), str(mock), "--store", str(store)], catch_exceptions=False)
    assert "rule broken: 'Tap targets are at least 200px' (brand-guide.pdf p. 4)" in r.output, r.output


def test_report_rules_section_for_one_image(harbor, tmp_path) -> None:
    results = [{"image": str(tmp_path / "a.png"), "palette_adherence": 1.0, "off_palette": [], "contrast": {},
                "rules": [{"kind": "min-text-size", "text": "Body text is never below 14px", "status": "kept",
                           "detail": "smallest body text 16px", "where": [],
                           "source": {"file": "guide.md", "locator": "line 12"}}]}]
    paths = write_report(tmp_path / "r.html", results)
    page = Path(paths["html"]).read_text()
    assert "<h2>Rules</h2>" in page and "guide.md line 12" in page and "smallest body text 16px" in page
    assert json.loads(Path(paths["json"]).read_text())["images"][0]["rules"][0]["status"] == "kept"
