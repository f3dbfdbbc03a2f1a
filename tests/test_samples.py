"""The bundled sample design systems: files, formats, brand differences and generated artefacts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import defusedxml.ElementTree as ET
import json5
import numpy as np
import pymupdf
import pytest
import yaml
from PIL import Image

from eval.colour import ciede2000, contrast_ratio, hex_to_rgb, srgb_to_lab

from conftest import ROOT, SAMPLES

sys.path.insert(0, str(ROOT / "scripts"))
import sample_brands  # noqa: E402

SYSTEMS = ("harbor", "ember", "grove", "circuit")
SCREENS = ("dashboard", "sign-in", "list")
COMMON = ["README.md", "logo.svg", "guidelines.pdf"] + [f"screens/{s}.{e}" for s in SCREENS for e in ("svg", "png")]
DECLARED = {
    "harbor": COMMON + ["tokens/harbor.resolver.json", "tokens/harbor.base.tokens.json", "tokens/harbor.tokens.json",
                        "tokens/harbor.dark.tokens.json"],
    "ember": COMMON + ["tokens/$themes.json", "tokens/$metadata.json", "tokens/core.json", "tokens/theme/light.json",
                       "tokens/theme/dark.json"],
    "grove": COMMON + ["config.json", "tokens/color/base.json5", "tokens/color/role.yaml", "tokens/color/font.json",
                       "tokens/size/font.json", "tokens/size/padding.json", "tokens/font.json"],
    "circuit": COMMON + ["tokens/circuit.resolver.json", "tokens/circuit.base.tokens.json",
                         "tokens/circuit.dark.tokens.json", "tokens/circuit.light.tokens.json"],
}
FONTS = {"harbor": "Manrope", "ember": "Lato", "grove": "Source Sans Pro", "circuit": "Red Hat Display"}
# Harbor's colour roles before the split into base/light/dark sets, resolved to hex.
HARBOR_LIGHT = {
    "background": "#f7f9fb", "surface": "#ffffff", "surface-muted": "#eff3f6", "text": "#131d2a",
    "text-muted": "#4a5a6c", "primary": "#0e5e71", "primary-hover": "#104d5d", "on-primary": "#ffffff",
    "secondary": "#d3f1f4", "on-secondary": "#123f4c", "accent": "#cc4421", "on-accent": "#ffffff",
    "border": "#e1e7ed", "divider": "#eff3f6", "success": "#126b3d", "on-success": "#ffffff",
    "warning": "#955706", "on-warning": "#ffffff", "danger": "#a92522", "on-danger": "#ffffff",
    "info": "#1d4fa6", "on-info": "#ffffff", "focus": "#1690a5", "chart-1": "#0f7489", "chart-2": "#f2643f",
    "chart-3": "#2563c9", "chart-4": "#b86c06", "chart-5": "#16834a",
}


@pytest.fixture(scope="module")
def brands() -> dict[str, sample_brands.Brand]:
    return {b.key: b for b in sample_brands.load_all()}


def _lab(hex_: str) -> np.ndarray:
    return srgb_to_lab(np.array(hex_to_rgb(hex_)) / 255.0)


# -- files --------------------------------------------------------------------------------------


@pytest.mark.parametrize("system", SYSTEMS)
def test_declared_files_exist_within_size_limits(system):
    root = SAMPLES / system
    for rel in DECLARED[system]:
        assert (root / rel).is_file(), f"{system}/{rel} missing"
    assert (root / "guidelines.pdf").stat().st_size < 1.5 * 1024 * 1024
    for s in SCREENS:
        assert (root / "screens" / f"{s}.png").stat().st_size < 600 * 1024
    assert len(list((root / "icons").glob("*.svg"))) >= 12


@pytest.mark.parametrize("system", SYSTEMS)
def test_every_svg_parses_and_icons_are_24px(system):
    root = SAMPLES / system
    svgs = sorted(root.rglob("*.svg"))
    assert len(svgs) >= 16
    for p in svgs:
        el = ET.parse(p).getroot()
        assert el.tag.endswith("svg"), p
        if p.parent.name == "icons":
            assert el.get("viewBox") == "0 0 24 24", p
        if p.parent.name == "screens":
            assert el.get("viewBox") == "0 0 1440 900", p
    logo = ET.parse(root / "logo.svg").getroot()
    assert not any(e.tag.endswith("text") for e in logo.iter()), "logo text must be drawn as paths"


@pytest.mark.parametrize("system", SYSTEMS)
def test_png_screens_open_at_full_size(system, brands):
    for s in SCREENS:
        with Image.open(SAMPLES / system / "screens" / f"{s}.png") as im:
            assert im.size == (1440, 900)
            colours = {"#%02x%02x%02x" % c[1][:3] for c in im.convert("RGB").getcolors(1 << 20) if c[0] > 500}
        # the brand's primary and background are painted in every screen
        assert brands[system].roles["background"] in colours
        assert brands[system].primary in colours


@pytest.mark.parametrize("system", SYSTEMS)
def test_guidelines_pdf(system, brands):
    b = brands[system]
    with pymupdf.open(SAMPLES / system / "guidelines.pdf") as doc:
        assert doc.page_count >= 4
        text = "\n".join(page.get_text() for page in doc)
        fonts = {f[3] for page in doc for f in page.get_fonts()}
        swatches = [d for d in doc[1].get_drawings() if d.get("fill") is not None]
    assert f"HEX {b.primary.upper()}" in text
    assert "RGB " in text and "CMYK " in text
    assert FONTS[system] in text
    assert any(FONTS[system].replace(" ", "") in f.replace(" ", "") for f in fonts), fonts  # set in the real font
    primary = tuple(hex_to_rgb(b.primary))
    assert any(tuple(round(v * 255) for v in d["fill"]) == primary for d in swatches)  # vector swatch


# -- brands differ ------------------------------------------------------------------------------


def test_primaries_differ_clearly_and_fonts_differ(brands):
    keys = list(brands)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            de = float(ciede2000(_lab(brands[a].primary), _lab(brands[b].primary)))
            assert de > 20, (a, b, de)
    assert len({b.font_family for b in brands.values()}) == len(SYSTEMS)
    assert {k: b.font_family for k, b in brands.items()} == FONTS
    radii = sorted(b.button_radius for b in brands.values())
    assert radii[0] <= 2 and radii[-1] >= 999  # square-ish vs pill buttons
    assert len({b.control_height for b in brands.values()}) == len(SYSTEMS)  # a density each


@pytest.mark.parametrize("system", SYSTEMS)
def test_roles_complete_and_readable(system, brands):
    b = brands[system]
    assert set(sample_brands.ROLE_NAMES) <= set(b.roles)
    for fg, bg in (("text", "background"), ("text", "surface"), ("text-muted", "background"),
                   ("on-primary", "primary"), ("on-secondary", "secondary"), ("on-accent", "accent")):
        assert contrast_ratio(b.roles[fg], b.roles[bg]) >= 4.5, (system, fg, bg)
    names = [s.name for s in b.type_scale]
    assert names[:4] == ["display", "h1", "h2", "h3"] and "body" in names and "caption" in names
    assert len(b.spacing) >= 6 and len(b.radii) >= 4 and len(b.shadows) >= 3


# -- formats ------------------------------------------------------------------------------------


def _flat(node: dict, prefix=()):
    for k, v in node.items():
        if k.startswith("$") or not isinstance(v, dict):
            continue
        if "$value" in v:
            yield ".".join(prefix + (k,)), v["$value"]
        else:
            yield from _flat(v, prefix + (k,))


def _harbor_context(name: str) -> dict:
    tok = SAMPLES / "harbor" / "tokens"
    res = json.loads((tok / "harbor.resolver.json").read_text())
    assert res["version"] == "2025.10"
    assert res["resolutionOrder"] == [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}]
    theme = res["modifiers"]["theme"]
    assert theme["default"] == "light" and set(theme["contexts"]) == {"light", "dark"}
    flat: dict = {}
    for src in res["sets"]["base"]["sources"] + theme["contexts"][name]:
        flat.update(_flat(json.loads((tok / src["$ref"]).read_text())))
    return flat


def _resolve(flat: dict, path: str):
    v = flat[path]
    while isinstance(v, str) and v.startswith("{"):
        v = flat[v.strip("{}")]
    return v


def test_harbor_resolver_light_context_keeps_the_old_values():
    flat = _harbor_context("light")
    got = {r: _resolve(flat, f"color.role.{r}")["hex"] for r in HARBOR_LIGHT}
    assert got == HARBOR_LIGHT
    for path in ("typography.h1", "spacing.4", "radius.md", "shadow.md", "font.family.base", "font.weight.bold",
                 "border.width.thin", "duration.base", "cubicBezier.standard", "color.teal.50", "color.slate.950"):
        assert path in flat, path
    assert _resolve(flat, "radius.md") == {"value": 8, "unit": "px"}


def test_harbor_dark_context_is_a_readable_dark_theme():
    light, dark = _harbor_context("light"), _harbor_context("dark")
    roles = {p.split(".")[-1] for p in light if p.startswith("color.role.")}
    assert roles == {p.split(".")[-1] for p in dark if p.startswith("color.role.")}
    c = {r: _resolve(dark, f"color.role.{r}")["hex"] for r in roles}
    assert contrast_ratio(c["background"], "#000000") < contrast_ratio(c["background"], "#ffffff")  # dark canvas
    for fg, bg in (("text", "background"), ("text", "surface"), ("text", "surface-muted"), ("text-muted", "background"),
                   ("text-muted", "surface"), ("on-primary", "primary"), ("on-secondary", "secondary"),
                   ("on-accent", "accent"), ("on-success", "success"), ("on-danger", "danger")):
        assert contrast_ratio(c[fg], c[bg]) >= 4.5, (fg, bg)
    assert c["primary"] != HARBOR_LIGHT["primary"]


def test_circuit_is_dark_first_with_a_light_alternative(brands):
    tok = SAMPLES / "circuit" / "tokens"
    res = json.loads((tok / "circuit.resolver.json").read_text())
    assert res["version"] == "2025.10"
    theme = res["modifiers"]["theme"]
    assert theme["default"] == "dark" and list(theme["contexts"]) == ["dark", "light"]
    b = brands["circuit"]
    dark, light = b.roles, b.light_roles
    assert contrast_ratio(dark["background"], "#000000") < contrast_ratio(dark["background"], "#ffffff")
    assert contrast_ratio(light["background"], "#000000") > contrast_ratio(light["background"], "#ffffff")
    lightness = [float(_lab(dark[r])[0]) for r in ("background", "surface", "surface-raised")]
    assert lightness == sorted(lightness) and len(set(lightness)) == 3  # page < panels < cards
    roles = json.loads((tok / "circuit.dark.tokens.json").read_text())["color"]["role"]
    assert {"background", "surface", "surface-raised", "text"} <= set(roles) and "surface-muted" not in roles
    for c in (dark, light):
        for fg, bg in (("text", "background"), ("text", "surface"), ("text", "surface-raised"),
                       ("text-muted", "surface-raised"), ("on-primary", "primary"), ("on-accent", "accent"),
                       ("on-danger", "danger"), ("on-success", "success")):
            assert contrast_ratio(c[fg], c[bg]) >= 4.5, (fg, bg)


def test_ember_is_tokens_studio_folder_form(brands):
    tok = SAMPLES / "ember" / "tokens"
    order = json.loads((tok / "$metadata.json").read_text())["tokenSetOrder"]
    assert all((tok / f"{s}.json").is_file() for s in order)
    themes = json.loads((tok / "$themes.json").read_text())
    assert {t["name"] for t in themes} == {"Light", "Dark"}
    core = (tok / "core.json").read_text()
    for idiom in ('"{spacing.base} * 2"', '"type": "boxShadow"', '"type": "typography"', '"lineHeights"',
                  '"130%"', '"0%"', '"Bold"', '"type": "opacity"', '"type": "sizing"', '"type": "borderRadius"'):
        assert idiom in core, idiom
    assert "rgba({color.primary}, 0.12)" in (tok / "theme" / "light.json").read_text()
    b = brands["ember"]
    assert dict(b.spacing)["sm"] == 8 and dict(b.spacing)["2xl"] == 32  # math evaluated
    assert b.style("display").size == 48 and b.style("h1").line_height == round(32 * 1.3)
    for fg, bg in (("text", "background"), ("on-primary", "primary"), ("text-muted", "surface")):
        assert contrast_ratio(b.dark_roles[fg], b.dark_roles[bg]) >= 4.5, (fg, bg)


def test_grove_is_style_dictionary_with_json5_yaml_and_config(brands):
    root = SAMPLES / "grove"
    config = json.loads((root / "config.json").read_text())
    assert set(config) == {"source", "platforms"} and "value" not in json.dumps(config)
    base_text = (root / "tokens" / "color" / "base.json5").read_text()
    with pytest.raises(json.JSONDecodeError):
        json.loads(base_text)  # comments and trailing commas: real JSON5
    assert json5.loads(base_text)["color"]["base"]["green"]["700"]["value"] == brands["grove"].primary
    roles = yaml.safe_load((root / "tokens" / "color" / "role.yaml").read_text())["color"]["role"]
    assert roles["primary"]["value"] == "{color.base.green.700.value}"
    assert set(sample_brands.ROLE_NAMES) <= set(roles)
    size = json.loads((root / "tokens" / "size" / "font.json").read_text())["size"]["font"]
    assert "large" in size and "comment" in size["large"]
    assert "medium" in json.loads((root / "tokens" / "size" / "padding.json").read_text())["size"]["padding"]
    assert dict(brands["grove"].radii)["small"] == 2


@pytest.mark.parametrize("system", SYSTEMS)
def test_committed_screens_match_the_tokens(system, brands):
    """The SVG screens in the repo are what the build script draws from the current tokens."""
    import build_screens

    for name in SCREENS:
        cv = build_screens.Canvas(brands[system], SAMPLES / system)
        build_screens.DRAW[name](cv)
        assert cv.svg() == (SAMPLES / system / "screens" / f"{name}.svg").read_text(), (
            f"{system}/screens/{name}.svg is stale; run python scripts/build_samples.py")


def test_broken_sample_tokens_give_one_line_errors_naming_the_file(tmp_path):
    import shutil

    grove = tmp_path / "grove"
    shutil.copytree(SAMPLES / "grove", grove)
    (grove / "tokens" / "color" / "role.yaml").write_text("color:\n  role: [unclosed\n")
    with pytest.raises(sample_brands.SampleError) as e:
        sample_brands.load_grove(grove)
    assert "role.yaml" in str(e.value) and "\n" not in str(e.value)

    ember = tmp_path / "ember"
    shutil.copytree(SAMPLES / "ember", ember)
    light = ember / "tokens" / "theme" / "light.json"
    light.write_text(light.read_text().replace("{color.ember.600}", "{color.ember.650}"))
    with pytest.raises(KeyError, match="color.ember.650"):
        sample_brands.load_ember(ember)
    (ember / "tokens" / "core.json").write_text('{"color": ')
    with pytest.raises(sample_brands.SampleError, match="core.json"):
        sample_brands.load_ember(ember)
