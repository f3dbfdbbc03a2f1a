"""Theme lightness per mode, derived surface roles on the theme's side, and Fluent's generated ramps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.colour import contrast, parse_hex, rgb_to_lab
from ingest.folder import ingest_folder, mode_theme_hint
from ingest.model import CORE_ROLES, Color, Source
from ingest.roles import infer_roles, theme_of
from ingest.tokens.generate import expand_generate

from tests.conftest import REAL_WORLD, SAMPLES

CIRCUIT = SAMPLES / "circuit"
SURFACES = ("surface", "surface-muted", "surface-raised")


def _l(hex_: str) -> float:
    return rgb_to_lab(parse_hex(hex_)[0])[0]


def _colour(name: str, hex_: str) -> Color:
    return Color(name=name, hex=hex_, lab=rgb_to_lab(parse_hex(hex_)[0]), source=Source(file="t.json", locator=name))


# -- the dark-first sample system ----------------------------------------------------------------


@pytest.fixture(scope="module")
def circuit_dark():
    return ingest_folder(CIRCUIT)


@pytest.fixture(scope="module")
def circuit_light():
    return ingest_folder(CIRCUIT, {"theme": "light"})


def test_dark_first_system_is_dark_by_default(circuit_dark):
    ds = circuit_dark
    assert ds.mode == {"theme": "dark"} and ds.modes == {"theme": ["dark", "light"]}
    assert ds.theme == "dark" and not ds.failed
    roles = ds.role_map()
    assert set(CORE_ROLES) <= set(roles)
    assert _l(roles["background"]) < 10 and _l(roles["text"]) > 85
    # page < panels < raised cards, all dark, each readable under the text colour
    order = [_l(roles[r]) for r in ("background", "surface", "surface-raised")]
    assert order == sorted(order) and len(set(order)) == 3
    for r in SURFACES:
        assert _l(roles[r]) < 30, r
        assert roles[r] != roles["text"], r
        assert contrast(parse_hex(roles["text"])[0], parse_hex(roles[r])[0]) >= 4.5, r
    assert roles["surface-raised"] == "#1c212c"  # the semantic surface-raised token is read as such
    muted = next(a for a in ds.roles if a.role == "surface-muted")
    # no surface-muted token: derived between the surface and the raised surface, never from the text
    assert muted.hex == "#161a23" and muted.reason.startswith("derived")
    assert _l(roles["surface"]) < _l(muted.hex) < _l(roles["surface-raised"])
    assert [e.kind for e in muted.evidence] == ["derived"]
    assert "between the surface and the raised surface" in muted.evidence[0].text
    for a in ds.roles:
        if a.reason.startswith("derived"):
            assert a.evidence and a.evidence[0].kind == "derived" and a.evidence[0].text, a.role


def test_dark_first_system_light_mode(circuit_light):
    ds = circuit_light
    assert ds.mode == {"theme": "light"} and ds.theme == "light"
    roles = ds.role_map()
    assert _l(roles["background"]) > 90 and _l(roles["text"]) < 10
    for r in SURFACES:
        assert _l(roles[r]) > 90, r


def test_the_screens_use_the_surface_muted_onbrand_derives(circuit_dark, circuit_light):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    import sample_brands

    b = sample_brands.load_circuit()
    assert b.roles["surface-muted"] == circuit_dark.role("surface-muted")
    assert b.light_roles["surface-muted"] == circuit_light.role("surface-muted")


def test_light_systems_keep_their_roles_and_theme():
    for name in ("harbor", "ember", "grove"):
        ds = ingest_folder(SAMPLES / name)
        assert ds.theme == "light", name
        roles = ds.role_map()
        # a light system's raised surface is its surface unless it names one
        assert roles["surface-raised"] == roles["surface"], name
    harbor = ingest_folder(SAMPLES / "harbor")
    assert {r: harbor.role(r) for r in ("background", "surface", "surface-muted", "text", "border")} == {
        "background": "#f7f9fb", "surface": "#ffffff", "surface-muted": "#eff3f6", "text": "#131d2a",
        "border": "#e1e7ed"}
    dark = ingest_folder(SAMPLES / "harbor", {"theme": "dark"})
    assert dark.theme == "dark"
    assert all(_l(dark.role(r)) < 35 for r in SURFACES)


def test_ingest_json_and_inspect_json_show_the_theme(tmp_path):
    from click.testing import CliRunner

    from onbrand.cli import main

    out = CliRunner().invoke(main, ["ingest", str(CIRCUIT), "--store", str(tmp_path / "s"), "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["theme"] == "dark"
    out = CliRunner().invoke(main, ["inspect", str(CIRCUIT), "--store", str(tmp_path / "s"), "--json",
                                    "--mode", "theme=light", "--out", str(tmp_path / "sheet.png")])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["theme"] == "light"


# -- derivation rules on small palettes ------------------------------------------------------------


def test_dark_theme_derives_dark_surfaces_a_step_above_the_page():
    colours = [_colour("color.role.background", "#0d0f14"), _colour("color.role.text", "#eef0f4"),
               _colour("color.gray.800", "#1e222b"), _colour("color.gray.850", "#171a21"),
               _colour("color.gray.300", "#a9afbb"), _colour("color.gray.50", "#f8f9fb"),
               _colour("color.role.primary", "#7c5cff")]
    roles = {a.role: a for a in infer_roles(colours)}
    bg, text = roles["background"].hex, roles["text"].hex
    for r in SURFACES:
        assert roles[r].hex not in (text, "#f8f9fb", "#a9afbb"), r  # never a light neutral or the text
        assert _l(bg) < _l(roles[r].hex) < _l(bg) + 30, r
        assert roles[r].evidence[0].kind == "derived"
    assert _l(roles["surface"].hex) < _l(roles["surface-raised"].hex)
    assert _l(roles["text-muted"].hex) > 50 and _l(roles["border"].hex) < 40


def test_dark_theme_without_neutral_steps_mixes_the_background_toward_the_text():
    colours = [_colour("color.role.background", "#000000"), _colour("color.role.text", "#ffffff"),
               _colour("color.role.primary", "#2f7bf5")]
    roles = {a.role: a for a in infer_roles(colours)}
    s, m, r = (_l(roles[x].hex) for x in SURFACES)
    assert 0 < s < m < r < 25
    assert "mixed" in roles["surface"].evidence[0].text


def test_raised_names_map_to_the_raised_surface():
    for name in ("color.surface-raised", "bg.elevated", "theme.surface.overlay", "color.background-raised",
                 "sys.popover"):
        colours = [_colour("color.role.background", "#101216"), _colour("color.role.surface", "#16191f"),
                   _colour(name, "#20242c"), _colour("color.role.text", "#f1f2f4")]
        roles = {a.role: a for a in infer_roles(colours)}
        assert roles["surface-raised"].hex == "#20242c", name
        assert roles["surface"].hex == "#16191f", name


def test_a_mode_named_dark_picks_the_dark_side_when_no_token_names_the_background():
    colours = [_colour("gray.50", "#f7f7f8"), _colour("gray.200", "#d4d5d8"), _colour("gray.600", "#53565e"),
               _colour("gray.850", "#1f2126"), _colour("gray.900", "#17181c"), _colour("gray.950", "#0e0f12"),
               _colour("blue.400", "#4c8dff")]
    light = {a.role: a.hex for a in infer_roles(colours)}
    dark = {a.role: a.hex for a in infer_roles(colours, theme="dark")}
    assert light["background"] == "#f7f7f8" and light["text"] == "#0e0f12"
    assert dark["background"] == "#0e0f12" and dark["text"] == "#f7f7f8"
    assert all(_l(dark[r]) < 30 for r in SURFACES)


def test_theme_of_and_mode_hints():
    assert theme_of("#0b0d12") == "dark" and theme_of("#ffffff") == "light"
    assert theme_of("#777777", "dark") == "dark" and theme_of("#777777", "light") == "light"
    assert theme_of("#ffffff", "dark") == "light"  # the colour decides when it is clearly light
    assert theme_of(None, "dark") == "dark" and theme_of(None) == "light"
    assert mode_theme_hint({"theme": "dark"}) == "dark"
    assert mode_theme_hint({"Colors": "Dark-High-Contrast"}) == "dark"
    assert mode_theme_hint({"brand": "b1", "theme": "light"}) == "light"
    assert mode_theme_hint({"density": "compact"}) is None


# -- Fluent's generated ramps ----------------------------------------------------------------------


def test_fluent_generate_types_as_documented():
    grey = expand_generate({"type": "lightness2to98by2", "value": "#808080"})
    assert list(grey) == [str(i) for i in range(2, 99, 2)]
    assert grey["2"] == "#050505" and grey["50"] == "#808080" and grey["98"] == "#fafafa"
    assert list(expand_generate({"type": "lightness0to100by2", "value": "grey"}))[::25] == ["0", "50", "100"]
    shared = expand_generate({"type": "fluentsharedcolors", "value": "#0078d4"})
    assert list(shared) == ["Shade50", "Shade40", "Shade30", "Shade20", "Shade10", "Primary",
                            "Tint10", "Tint20", "Tint30", "Tint40", "Tint50", "Tint60"]
    assert shared["Primary"] == "#0078d4"
    ls = [_l(shared[k]) for k in shared]
    assert ls == sorted(ls)  # darkest shade to lightest tint
    assert "Shade50" not in expand_generate({"type": "fluentsharedcolors", "value": "#000000"})
    assert "Tint10" not in expand_generate({"type": "fluentsharedcolors", "value": "#ffffff"})
    alpha = expand_generate({"type": "alpha5to90", "value": "#112233"})
    assert list(alpha) == ["5", "10", "20", "30", "40", "50", "60", "70", "80", "90"]
    assert alpha["50"] == "rgba(17, 34, 51, 0.5)"
    for bad in ({"type": "rainbow", "value": "#fff"}, {"type": "lightness2to98by2", "value": "{Global.Blue}"},
                {"type": "fluentsharedcolors", "value": 12}):
        with pytest.raises(ValueError):
            expand_generate(bad)


def test_authored_generate_nodes_become_colour_tokens(tmp_path):
    (tmp_path / "ramps.json").write_text(json.dumps({"Global": {"Color": {
        "Slate": {"generate": {"type": "lightness2to98by2", "value": "#64748b"}},
        "Berry": {"generate": {"type": "fluentsharedcolors", "value": "#c239b3"}},
        "Ink": {"value": "#101418"},
        "Odd": {"generate": {"type": "unknown", "value": "#123456"}},
    }}, "Set": {"Page": {"Background": {"value": "{Global.Color.Slate.96.value}"}}}}))
    ds = ingest_folder(tmp_path)
    names = {c.name: c.hex for c in ds.colors}
    assert sum(n.startswith("Global.Color.Slate.") for n in names) == 49
    assert sum(n.startswith("Global.Color.Berry.") for n in names) == 12
    assert names["Global.Color.Berry.Primary"] == "#c239b3"
    assert names["Set.Page.Background"] == names["Global.Color.Slate.96"]
    assert not any("generate" in n for n in names) and not ds.failed


@pytest.mark.skipif(not (REAL_WORLD / "fluent").is_dir(), reason="the real-world Fluent folder is not present")
def test_fluent_real_file_ramps_match_the_pipeline_export():
    """fluentui.json's generate nodes give the tokens the pipeline exported to global.tokens.json."""
    from ingest.tokens.load import parse_token_file
    from ingest.tokens.tokenset import build_token_set

    fluent = REAL_WORLD / "fluent"
    doc = parse_token_file(fluent / "fluentui.json", "fluentui.json")
    tokens, failed = build_token_set([doc]).resolve()
    assert not failed
    mine = {t.path: t for t in tokens}
    assert not any(p.endswith(".generate") for p in mine)
    exported = json.loads((fluent / "global.tokens.json").read_text())["Global"]["Color"]
    compared = differ = 0
    for name, steps in exported.items():
        for step, node in steps.items() if isinstance(steps, dict) else ():
            path = f"Global.Color.{name}.{step}"
            if path in mine and isinstance(node, dict) and isinstance(node.get("$value"), str):
                compared += 1
                assert mine[path].type == "color"
                differ += mine[path].value != node["$value"].lower()
    assert compared > 600 and differ <= 1  # the export carries one hand-tuned step (Yellow.Shade30)
    assert mine["Global.Color.Grey.2"].value == "#050505" and mine["Global.Color.Grey.98"].value == "#fafafa"
    ds = ingest_folder(fluent)
    assert not ds.failed and ds.theme == "light"
    dark = ingest_folder(fluent, {"theme": "dark"})
    assert not dark.failed and dark.theme == "dark"
    assert all(_l(dark.role(r)) < 40 for r in ("background", *SURFACES))
