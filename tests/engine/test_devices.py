"""Device presets and formats: exact sizes, layouts that adapt, on-palette frames, CLI options."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from PIL import Image

from onbrand.cli import main
from engine.compose.composer import compose
from scene.devices import DEVICES
from engine.render.theme import Theme
from eval import palette_adherence
from tests.engine.pixels import PROMPTS

APP = ("dashboard", "orders", "settings")


def _palette(engine):
    return engine.ds.role_map() | {c.name: c.hex for c in engine.ds.colors}


@pytest.mark.parametrize("device", sorted(DEVICES))
@pytest.mark.parametrize("arch", sorted(PROMPTS))
def test_every_device_preset_is_exact_in_frame_and_on_palette(harbor_engine, device, arch):
    g = harbor_engine.generate(PROMPTS[arch], sampler="procedural", device=device)
    assert g.image.size == DEVICES[device][0]
    assert g.scene.archetype == arch and g.device == device
    W, H = g.image.size
    for e in g.scene.walk():
        x, y, w, h = e.box
        assert w > 0 and h > 0 and x >= -0.5 and y >= -0.5 and x + w <= W + 0.5 and y + h <= H + 0.5, (e.id, e.box)
    rep = palette_adherence(g.image, _palette(harbor_engine))
    assert rep.palette_adherence >= 0.97, (device, arch, rep.off_palette[:3])


def _scene(engine, arch, device):
    (w, h), _ = DEVICES[device]
    return compose(PROMPTS[arch], w, h, seed=0, archetype=arch, device=device, theme=Theme(engine.ds))


@pytest.mark.parametrize("arch", APP)
def test_tablet_collapses_the_sidebar_to_an_icon_rail(harbor_engine, arch):
    desk = {e.id: e for e in _scene(harbor_engine, arch, "desktop").walk()}
    tab = {e.id: e for e in _scene(harbor_engine, arch, "tablet").walk()}
    s = tab["page/sidebar"].box[2] / _scene(harbor_engine, arch, "tablet").scale
    assert s <= 96 < desk["page/sidebar"].box[2] / 2.0
    items = [e for k, e in tab.items() if k.startswith("page/sidebar/nav-item")]
    assert items and all(e.props.get("collapsed") for e in items)


@pytest.mark.parametrize("arch", sorted(PROMPTS))
def test_mobile_is_one_column_with_app_bar_and_tab_bar(harbor_engine, arch):
    sc = _scene(harbor_engine, arch, "mobile")
    els = {e.id: e for e in sc.walk()}
    if arch == "sign-in":  # a single centred form, no navigation
        assert "page/form" in {k.rsplit("/", 1)[0] for k in els} or any(k.startswith("page/form") for k in els)
        return
    bar, tabs = els["page/appbar"], els["page/tabbar"]
    assert bar.box[1] == 0 and abs(tabs.box[1] + tabs.box[3] - sc.height) < 1
    assert len([e for e in els.values() if e.variant == "tab"]) >= 4
    # every top-level block of the content spans the content width: one column
    tops = [e for k, e in els.items() if k.startswith("page/content/") and k.count("/") == 2
            and e.kind in ("card", "tabs", "table", "list")]
    if arch == "products":  # a shop grid keeps two product columns on a phone
        cards = [e for k, e in els.items() if k.startswith("page/content/grid/product") and e.kind == "card"]
        assert len({e.box[0] for e in cards}) == 2
        return
    assert tops and all(e.box[2] >= sc.width * 0.85 for e in tops), [(e.id, e.box) for e in tops]


def test_size_overrides_the_preset_and_the_layout_is_vector_scaled(harbor_engine):
    big = harbor_engine.generate("sign in page", sampler="procedural", device="mobile")
    small = harbor_engine.generate("sign in page", sampler="procedural", device="mobile", size=(430, 932))
    assert small.image.size == (430, 932)
    # same layout, every box ×3: drawn at each size, never resampled
    b1 = {e.id: e.box for e in big.scene.walk()}
    b2 = {e.id: e.box for e in small.scene.walk()}
    assert b1.keys() == b2.keys()
    for k, box in b1.items():
        assert all(abs(a - 3 * b) < 0.05 for a, b in zip(box, b2[k])), k


def test_mode_selects_the_design_systems_mode(harbor_engine):
    light = harbor_engine.generate("sign in page", sampler="procedural", size=(640, 360))
    dark = harbor_engine.generate("sign in page", sampler="procedural", size=(640, 360), mode="dark")
    assert light.mode == {"theme": "light"} and dark.mode == {"theme": "dark"}
    assert harbor_engine.generate("sign in page", sampler="procedural", size=(640, 360), mode={"theme": "dark"}).mode == dark.mode
    assert dark.image.getpixel((2, 2)) != light.image.getpixel((2, 2))
    with pytest.raises(ValueError, match="theme=light|dark"):
        harbor_engine.generate("sign in page", size=(640, 360), mode="sepia")


def test_unknown_device_is_a_one_line_error(harbor_engine):
    with pytest.raises(ValueError, match="unknown device 'watch'"):
        harbor_engine.generate("sign in page", device="watch")


@pytest.mark.parametrize("fmt,magic", [("png", b"\x89PNG"), ("jpeg", b"\xff\xd8\xff"), ("webp", b"RIFF")])
def test_formats(harbor_engine, fmt, magic):
    g = harbor_engine.generate("admin table of orders", size=(960, 540), format=fmt)
    data = g.encode()
    assert data.startswith(magic)
    assert Image.open(io.BytesIO(data)).size == (960, 540)


def test_cli_device_and_format(harbor, tmp_path):
    out = tmp_path / "m"
    r = CliRunner().invoke(main, ["generate", str(harbor), "settings page", "--device", "tablet", "--format", "webp",
                                  "--out", str(out), "--store", str(tmp_path / "st"), "--json"],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    assert res["image"].endswith(".webp") and res["device"] == "tablet" and res["size"] == [2732, 2048]
    with Image.open(res["image"]) as im:
        assert im.format == "WEBP" and im.size == (2732, 2048)
    bad = CliRunner().invoke(main, ["generate", str(harbor), "x", "--device", "watch"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    clash = CliRunner().invoke(main, ["generate", str(harbor), "x", "--format", "png", "--out", str(tmp_path / "a.jpg"),
                                      "--store", str(tmp_path / "st")])
    assert clash.exit_code != 0 and "does not match" in clash.output


@pytest.mark.parametrize("prompt,expect", [
    ("clinic dashboard with patient appointments", "Appointments"),
    ("SaaS subscription metrics dashboard", "Subscriptions"),
    ("bank transactions table", "Transactions"),
    ("admin table of project tasks", "Tasks"),
    ("sales dashboard for my shop", "Orders"),
])
def test_copy_follows_the_prompts_domain(prompt, expect):
    from engine.compose.domain_copy import domain_for

    assert domain_for(prompt).records == expect
    scene = compose(prompt, 1920, 1080, seed=0)
    texts = " ".join(filter(None, [e.text for e in scene.walk()] + [
        " ".join(map(str, e.props.get("columns", []))) for e in scene.walk()]))
    assert expect.lower() in texts.lower()
    assert "lorem" not in texts.lower()


def test_cli_infers_the_device_from_a_portrait_size(harbor, tmp_path):
    r = CliRunner().invoke(main, ["generate", str(harbor), "sign in page", "--size", "430x932", "--out",
                                  str(tmp_path / "m.png"), "--store", str(tmp_path / "st"), "--json"],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    res = json.loads(r.output[r.output.index("{"):])
    assert res["device"] == "mobile" and res["size"] == [430, 932]


@pytest.mark.parametrize("device", sorted(DEVICES))
def test_a_dialog_prompt_draws_a_modal_over_its_scrim_on_palette(harbor_engine, device):
    g = harbor_engine.generate("orders table with a confirm delete dialog", sampler="procedural", device=device,
                               size=tuple(v // 2 for v in DEVICES[device][0]))
    modal = next(e for e in g.scene.walk() if e.kind == "modal")
    x, y, w, h = modal.box
    W, H = g.image.size
    assert abs((x + w / 2) - W / 2) < W * 0.02 and abs((y + h / 2) - H / 2) < H * 0.05
    assert g.scene.elements[-1].id == "overlay/modal"  # drawn last, above the page
    th = Theme(harbor_engine.ds)
    rep = palette_adherence(g.image, list(_palette(harbor_engine).values()) + th.scrim_palette())
    assert rep.palette_adherence >= 0.97, rep.off_palette[:3]
