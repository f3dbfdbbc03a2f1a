"""Every design-token format through `parse_token_file` → `build_token_set` → `resolve(mode)`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REAL_WORLD

from ingest.colour import parse_colour, to_hex
from ingest.normalise import (
    colors_from_tokens,
    dimensions_from_tokens,
    font_families,
    shadows_from_tokens,
    type_scale_from_tokens,
)
from ingest.roles import infer_roles
from ingest.tokens import (
    TOKEN_SUFFIXES,
    TokenError,
    TokenSet,
    build_token_set,
    parse_token_file,
)

FIXTURES = Path(__file__).parent / "fixtures" / "tokens"


def load_folder(root: Path) -> tuple[TokenSet, dict[str, str], list]:
    """Parse every token file under `root` the way the folder pipeline does."""
    docs, failed = [], {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix.lower() in TOKEN_SUFFIXES:
            rel = p.relative_to(root).as_posix()
            try:
                doc = parse_token_file(p, rel)
            except TokenError as e:
                failed[rel] = str(e)
                continue
            if doc is not None:
                docs.append(doc)
    return build_token_set(docs), failed, docs


def resolved(root: Path, mode=None) -> tuple[dict, dict[str, str]]:
    ts, failed, _ = load_folder(root)
    toks, more = ts.resolve(mode)
    return {t.path: t for t in toks}, {**failed, **more}


def hex_of(value) -> str:
    rgb, _ = parse_colour(value)
    return to_hex(rgb)


# ---------------------------------------------------------------- shared checks over every fixture

FORMAT_FIXTURES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "not-tokens")


@pytest.mark.parametrize("name", FORMAT_FIXTURES)
def test_every_fixture_resolves_in_every_mode(name):
    ts, failed, docs = load_folder(FIXTURES / name)
    assert not failed and docs
    combos = [None] + [{m: o} for m, opts in ts.modes.items() for o in opts]
    for mode in combos:
        toks, fails = ts.resolve(mode)
        assert not fails, (mode, fails)
        assert toks
        colors, problems = colors_from_tokens(toks)
        assert colors and not problems, problems
        assert infer_roles(colors)
        json.dumps([t.value for t in toks])  # resolved values stay JSON-serialisable
        for t in toks:
            if mode:
                (m, o), = mode.items()
                assert t.mode.get(m, o) == o


def test_document_kinds():
    kinds = {d.rel: d.kind for name in FORMAT_FIXTURES for d in load_folder(FIXTURES / name)[2]}
    assert kinds["design.resolver.json"] == "resolver"
    assert kinds["tokens.json"] == "studio"
    assert kinds["$themes.json"] == "studio-themes"
    assert kinds["$metadata.json"] == "studio-metadata"
    assert kinds["variables.json"] == "figma-variables"
    assert kinds["brand.tokens.json"] == "dtcg"
    assert kinds["color.json"] == "legacy" and kinds["brand.yaml"] == "legacy" and kinds["size.json5"] == "legacy"


def test_files_that_are_not_tokens_give_none():
    root = FIXTURES / "not-tokens"
    for p in sorted(root.iterdir()):
        assert parse_token_file(p, p.name) is None, p.name


# ---------------------------------------------------------------- DTCG 2025.10


def test_dtcg_colour_spaces_to_srgb():
    toks, failed = resolved(FIXTURES / "dtcg-full")
    assert not failed
    colors = {c.name: c for c in colors_from_tokens(list(toks.values()))[0]}
    assert colors["color.teal.600"].hex == "#0d766e"
    assert colors["color.coral"].hex == hex_of("hsl(8 80% 55%)")
    assert colors["color.scrim"].alpha == 0.5
    assert colors["color.ink"].lab[0] < 25  # oklch L 0.2 is a very dark blue
    assert colors["color.lab-blue"].lab[2] < -40  # CIELAB b* stays strongly blue after gamut mapping
    assert colors["color.p3-lime"].hex.startswith("#")  # display-p3 gamut-mapped into sRGB
    assert colors["color.hueless"].lab[1] == pytest.approx(0, abs=1)  # "none" hue, zero chroma


def test_dtcg_references_pointers_root_extends():
    toks, _ = resolved(FIXTURES / "dtcg-full")
    assert toks["color.teal-alias"].alias_of == "color.teal.600"
    assert toks["color.brand-red-channel"].value == 0.051  # partial $ref into a composite value
    assert toks["color.link"].type == "color" and hex_of(toks["color.link"].value) == "#0d766e"
    assert toks["color.surface"].value == "#f8fafc"  # $root token is the group's own value
    assert toks["color.on-surface"].value == "#f8fafc"  # {color.surface} addresses the $root token
    assert toks["theme.inverse.bg"].value == "#111111"  # $extends: overridden
    assert toks["theme.inverse.fg"].value == "#111111"  # $extends: inherited
    assert toks["color.legacy-accent"].deprecated == "Use color.coral instead"
    assert toks["color.legacy-accent"].extensions == {"com.example.origin": "v1"}


def test_dtcg_all_types_and_composites():
    toks, _ = resolved(FIXTURES / "dtcg-full")
    types = {t.type for t in toks.values()}
    assert {"color", "dimension", "fontFamily", "fontWeight", "duration", "cubicBezier", "number", "strokeStyle",
            "border", "transition", "shadow", "gradient", "typography"} <= types
    assert toks["motion.fade"].value["timingFunction"] == [0.2, 0, 0, 1]
    assert toks["border.default"].value["style"]["lineCap"] == "round"
    assert toks["gradient.hero"].value[1]["color"]["colorSpace"] == "hsl"
    tl = list(toks.values())
    scale = {s.name: s for s in type_scale_from_tokens(tl, None)}
    assert scale["heading"].size == 32 and scale["heading"].weight == 700 and scale["heading"].line_height == 40
    assert scale["body"].family == "Inter" and scale["body"].weight == 400
    spacing, radii = dimensions_from_tokens(tl)
    assert {d.px for d in spacing} >= {8.0, 16.0} and [d.px for d in radii] == [8.0]
    (shadow,) = shadows_from_tokens(tl)
    assert shadow.blur == 12 and shadow.alpha == 0.5  # the first outer layer, not the inset one


def test_earlier_drafts_string_dimensions_and_types():
    toks, failed = resolved(FIXTURES / "dtcg-drafts")
    assert not failed
    tl = list(toks.values())
    spacing, _ = dimensions_from_tokens(tl)
    assert sorted(d.px for d in spacing) == [8.0, 24.0]
    assert [s.size for s in type_scale_from_tokens(tl, None)] == [32.0, 16.0]
    assert font_families(tl) == ["Inter"]
    (shadow,) = shadows_from_tokens(tl)
    assert shadow.offset_y == 2 and shadow.blur == 6 and shadow.alpha == pytest.approx(0.2)


# ---------------------------------------------------------------- resolver documents


def test_resolver_modifiers_become_modes():
    ts, failed, _ = load_folder(FIXTURES / "resolver")
    assert not failed
    assert ts.modes == {"theme": ["light", "dark"], "density": ["comfortable", "compact"]}
    light, f1 = ts.resolve()
    dark, f2 = ts.resolve({"theme": "dark", "density": "compact"})
    assert not f1 and not f2
    light = {t.path: t for t in light}
    dark = {t.path: t for t in dark}
    assert light["color.background"].value == "#ffffff" and dark["color.background"].value == "#0f172a"
    assert light["color.primary"].value == "#2563eb" and dark["color.primary"].value == "#93c5fd"
    assert light["space.gap"].value == {"value": 16, "unit": "px"}
    assert dark["space.gap"].value == {"value": 8, "unit": "px"}
    assert dark["color.primary"].mode == {"theme": "dark"}
    assert dark["color.background"].file == "tokens/dark.json"
    # files a resolver references are read through it only, never merged flat as well
    assert not any(t.file == "tokens/dark.json" for t in ts.resolve()[0])


def test_unknown_mode_lists_what_is_available():
    ts, _, _ = load_folder(FIXTURES / "resolver")
    with pytest.raises(TokenError) as e:
        ts.resolve({"theme": "sepia"})
    assert str(e.value) == "unknown mode theme=sepia; available: theme=light|dark, density=comfortable|compact"
    with pytest.raises(TokenError, match="unknown mode contrast=high"):
        ts.resolve({"contrast": "high"})


def test_resolver_missing_broken_and_outside_refs(tmp_path):
    (tmp_path / "base.json").write_text(json.dumps({"c": {"$type": "color", "a": {"$value": "#123456"}}}))
    (tmp_path / "x.resolver.json").write_text(json.dumps({
        "sets": {"base": {"sources": [{"$ref": "base.json"}, {"$ref": "missing.json"}, {"$ref": "broken.json"}]},
                 "more": {"sources": [{"$ref": "../../etc/passwd"}]}},
        "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/sets/more"}]}))
    (tmp_path / "broken.json").write_text('{"c": {"b": {"$value": "#fff"')
    toks, failed = resolved(tmp_path)
    assert toks["c.a"].value == "#123456"
    assert failed["x.resolver.json"] == "x.resolver.json: $ref 'missing.json' names a missing file"
    assert failed["broken.json"].startswith("broken.json: invalid JSON")


# ---------------------------------------------------------------- Style Dictionary legacy


def test_legacy_json_json5_yaml():
    toks, failed = resolved(FIXTURES / "legacy")
    assert not failed
    assert toks["color.font.base"].value == "#222222"  # {x.y.value}
    assert toks["color.font.inverse"].value == "#eeeeee"  # {x.y}
    assert toks["color.base.red"].type == "color"  # CTI: category "color"
    assert toks["color.base.gray.light"].description == "dividers"
    assert toks["size.padding.base"].value == "16px" and toks["size.padding.base"].description == "default padding"
    assert toks["color.brand.secondary"].value == "#0b5fff"
    colors = {c.name: c.hex for c in colors_from_tokens(list(toks.values()))[0]}
    assert colors["color.brand.tint"] == "#c8dcff"  # {r, g, b} object
    spacing, _ = dimensions_from_tokens(list(toks.values()))
    assert sorted(d.px for d in spacing) == [8.0, 16.0]


# ---------------------------------------------------------------- Tokens Studio


def test_studio_single_file_themes_math_and_composites():
    ts, failed, _ = load_folder(FIXTURES / "studio-single")
    assert not failed and ts.modes == {"theme": ["Light", "Dark"]}
    light = {t.path: t for t in ts.resolve()[0]}
    dark = {t.path: t for t in ts.resolve({"theme": "Dark"})[0]}
    assert "colors.blue" in light  # "source" sets hold primitives that are part of the system
    assert ts.resolve({"THEME": "dark"})[0] == ts.resolve({"theme": "Dark"})[0]  # names match case-insensitively
    assert light["bg"].value == "#ffffff" and dark["bg"].value == "#101828"
    assert light["overlay"].value == "#1018284c"  # rgba({colors.ink}, 0.3)
    assert hex_of(light["danger"].value) == "#dc2626"  # rgba(220, 38, 38, 1)
    assert dark["shadow.focus"].value["color"] == "#7aa5ff"
    tl = list(light.values())
    scale = {s.name: s for s in type_scale_from_tokens(tl, None)}
    assert scale["h1"].size == 32 and scale["h1"].weight == 600  # "{fontSizes.body} * 2", "Semi Bold"
    assert scale["h1"].line_height == pytest.approx(38.4)  # 120%
    assert scale["h1"].letter_spacing == pytest.approx(-0.64)  # -2% of 32px
    assert scale["body"].line_height == 24
    shadows = {s.name: s for s in shadows_from_tokens(tl)}
    assert shadows["card"].blur == 12 and shadows["card"].alpha == pytest.approx(0.15, abs=0.01)
    assert shadows["focus"].spread == 3


def test_studio_math_in_source_sets():
    # core is a source set in every theme: expose it as a plain set to check its arithmetic
    from ingest.tokens.base import resolve_raw
    from ingest.tokens.studio import flatten_set

    data = json.loads((FIXTURES / "studio-single" / "tokens.json").read_text())
    toks = {t.path: t.value for t in resolve_raw(flatten_set(data["core"], "tokens.json"))[0]}
    assert toks["spacing.md"] == 16
    assert toks["spacing.lg"] == 13  # roundTo((16 + 4) / 3 * 2)
    assert toks["radius.md"] == 8


def test_studio_folder_form():
    ts, failed, _ = load_folder(FIXTURES / "studio-folder")
    assert not failed and ts.modes == {"brand": ["Brand A", "Brand B"]}
    a = {t.path: t.value for t in ts.resolve()[0]}
    b = {t.path: t.value for t in ts.resolve({"brand": "Brand B"})[0]}
    assert a["brand.primary"] == "#12805c" and b["brand.primary"] == "#b4237a"
    assert a["space.2"] == 6  # ({space.1} + 4) / 2


# ---------------------------------------------------------------- Figma


def test_figma_dtcg_export_per_mode_files():
    ts, failed, _ = load_folder(FIXTURES / "figma-dtcg")
    assert not failed and ts.modes == {"Colors": ["Light", "Dark"]}
    light = {t.path: t for t in ts.resolve()[0]}
    dark = {t.path: t for t in ts.resolve({"Colors": "Dark"})[0]}
    assert hex_of(light["bg"].value) == "#ffffff" and hex_of(dark["bg"].value) == "#121217"
    assert light["bg"].extensions["com.figma.variableId"] == "VariableID:1:2"
    assert dark["space.md"].value == {"value": 16, "unit": "px"}  # a one-mode collection is always applied


def test_figma_rest_variables():
    ts, failed, _ = load_folder(FIXTURES / "figma-rest")
    assert not failed and ts.modes == {"Theme": ["Light", "Dark"]}
    light = {t.path: t for t in ts.resolve()[0]}
    dark = {t.path: t for t in ts.resolve({"Theme": "Dark"})[0]}
    assert light["bg.default"].value == "#ffffff" and light["bg.default"].alias_of == "color.white"
    assert dark["bg.default"].value == "#111827"
    assert dark["overlay"].value == "#000000b3"
    assert light["radius.md"].value == 8 and light["radius.md"].type == "dimension"
    assert light["color.orange.500"].description == "Primary brand colour"
    _, radii = dimensions_from_tokens(list(light.values()))
    assert [r.px for r in radii] == [8.0]


# ---------------------------------------------------------------- modes from file names


def test_brand_folders_become_a_mode():
    ts, _, _ = load_folder(FIXTURES / "brands")
    assert ts.modes == {"brand": ["acme", "globex"]}
    acme = {t.path: t.value for t in ts.resolve()[0]}
    globex = {t.path: t.value for t in ts.resolve({"brand": "globex"})[0]}
    assert acme["color.action"] == "#e11d48" and globex["color.action"] == "#059669"


def test_light_dark_files_without_overlap_stay_flat(tmp_path):
    (tmp_path / "light.json").write_text(json.dumps({"a": {"$type": "color", "$value": "#ffffff"}}))
    (tmp_path / "dark.json").write_text(json.dumps({"b": {"$type": "color", "$value": "#000000"}}))
    ts, _, _ = load_folder(tmp_path)
    assert ts.modes == {}
    assert {t.path for t in ts.resolve()[0]} == {"a", "b"}


# ---------------------------------------------------------------- roles from descriptions


def test_roles_from_descriptions():
    toks, _ = resolved(FIXTURES / "dtcg-full")
    colors, _ = colors_from_tokens(list(toks.values()))
    roles = {r.role: r for r in infer_roles(colors)}
    assert roles["primary"].color == "color.teal.600"
    assert roles["primary"].reason.startswith("description of color.teal.600")
    assert "Primary brand colour" in roles["primary"].reason


def test_on_primary_description_does_not_claim_primary(tmp_path):
    doc = {"c": {"$type": "color",
                 "a": {"$value": "#ffffff", "$description": "Text on primary buttons"},
                 "b": {"$value": "#7c3aed", "$description": "Main brand colour"},
                 "z": {"$value": "#111111"}}}
    (tmp_path / "t.json").write_text(json.dumps(doc))
    toks, _ = resolved(tmp_path)
    roles = {r.role: r for r in infer_roles(colors_from_tokens(list(toks.values()))[0])}
    assert roles["primary"].color == "c.b" and roles["on-primary"].color == "c.a"
    assert "description" in roles["on-primary"].reason


# ---------------------------------------------------------------- the real-world folders


REAL_FOLDERS = sorted({p.parent.parent if p.parent.name == "tokens" else p.parent
                       for p in REAL_WORLD.rglob("*") if p.suffix in TOKEN_SUFFIXES} if REAL_WORLD.exists() else [])


def _top_folder(p: Path) -> Path:
    parts = p.relative_to(REAL_WORLD).parts
    n = 3 if parts[:2] == ("style-dictionary", "advanced") else 2 if parts[0] == "style-dictionary" else 1
    return REAL_WORLD.joinpath(*parts[:n])


REAL_ROOTS = sorted({_top_folder(p) for p in REAL_FOLDERS})


@pytest.mark.skipif(not REAL_ROOTS, reason="the real-world token folders are not present")
@pytest.mark.parametrize("root", REAL_ROOTS, ids=lambda p: str(p.relative_to(REAL_WORLD)))
def test_real_world_folders_resolve_without_failures(root):
    ts, failed, _ = load_folder(root)
    assert not failed
    for mode in [None] + [{m: o} for m, opts in ts.modes.items() for o in opts]:
        toks, fails = ts.resolve(mode)
        assert toks and not fails, fails
        assert colors_from_tokens(toks)[0]


@pytest.mark.skipif(not REAL_ROOTS, reason="the real-world token folders are not present")
def test_real_world_modes():
    assert {p.relative_to(REAL_WORLD).as_posix() for p in REAL_ROOTS} == {
        "fluent", "style-dictionary/basic", "style-dictionary/complete",
        "style-dictionary/advanced/multi-brand-multi-platform", "style-dictionary/advanced/yaml-tokens"}
    fluent, _, _ = load_folder(REAL_WORLD / "fluent")
    assert fluent.modes == {"theme": ["light", "dark"]}
    light = {t.path: t.value for t in fluent.resolve()[0]}
    dark = {t.path: t.value for t in fluent.resolve({"theme": "dark"})[0]}
    key = "NeutralForeground1.Fill.Color.Rest"
    assert light[key] != dark[key]
    sd, _, _ = load_folder(REAL_WORLD / "style-dictionary/advanced/multi-brand-multi-platform")
    assert sd.modes["brand"] == ["brand-1", "brand-2", "brand-3"]
    config = REAL_WORLD / "style-dictionary" / "package.json"
    if config.exists():
        assert parse_token_file(config, "package.json") is None


def test_studio_multi_set_file_without_themes(tmp_path):
    doc = {"global": {"colors": {"blue": {"value": "#2f6fed", "type": "color"}},
                      "space": {"sm": {"value": "4", "type": "spacing"}}},
           "semantic": {"primary": {"value": "{colors.blue}", "type": "color"},
                        "gap": {"value": "{space.sm} * 3", "type": "spacing"}}}
    (tmp_path / "tokens.json").write_text(json.dumps(doc))
    toks, failed = resolved(tmp_path)
    assert not failed
    assert toks["primary"].value == "#2f6fed" and toks["gap"].value == 12


def test_studio_colour_modifiers():
    ts, _, _ = load_folder(FIXTURES / "studio-single")
    light = {t.path: t.value for t in ts.resolve()[0]}
    dark = {t.path: t.value for t in ts.resolve({"theme": "Dark"})[0]}
    # darken 0.2 in sRGB: each channel × 0.8 (#2f6fed → #2659be)
    assert light["primary-hover"] == "#2659be"
    assert light["primary-soft"] == "#2f6fed40"
    assert dark["primary-hover"] == "#95b7ff"  # lighten: 20 % of the way to white
    assert dark["primary-soft"] == "#455e93"  # half way to {colors.ink} #101828


def test_yaml_numeric_keys_and_jsonc(tmp_path):
    (tmp_path / "grey.yml").write_text("color:\n  grey:\n    100:\n      value: '#f5f5f5'\n    900:\n      value: '#111'\n"
                                       "  text:\n    value: '{color.grey.900.value}'\n")
    (tmp_path / "space.json").write_text('{\n  // spacing in px\n  "space": {"sm": {"$type": "dimension", "$value": "4px"}}\n}')
    toks, failed = resolved(tmp_path)
    assert not failed
    assert toks["color.grey.100"].value == "#f5f5f5" and toks["color.text"].value == "#111"
    assert toks["space.sm"].value == "4px"


def test_resolver_ref_outside_folder(tmp_path):
    (tmp_path / "ds").mkdir()
    (tmp_path / "secret.json").write_text(json.dumps({"c": {"$type": "color", "s": {"$value": "#000000"}}}))
    (tmp_path / "ds" / "x.resolver.json").write_text(json.dumps({
        "sets": {"s": {"sources": [{"$ref": "../secret.json"}, {"c": {"$type": "color", "ok": {"$value": "#fff"}}}]}}}))
    toks, failed = resolved(tmp_path / "ds")
    assert "c.s" not in toks and toks["c.ok"].value == "#fff"
    assert "outside the design-system folder" in failed["x.resolver.json"]


def test_sibling_groups_share_one_modifier_with_fallback(tmp_path):
    def w(name, doc):
        (tmp_path / name).write_text(json.dumps(doc))

    w("colors-light.json", {"c": {"$type": "color", "bg": {"$value": "#ffffff"}}})
    w("colors-dark.json", {"c": {"$type": "color", "bg": {"$value": "#000000"}}})
    w("colors-high-contrast.json", {"c": {"$type": "color", "bg": {"$value": "#ffff00"}}})
    w("shadow-light.json", {"s": {"$type": "color", "tint": {"$value": "#eeeeee"}}})
    w("shadow-dark.json", {"s": {"$type": "color", "tint": {"$value": "#222222"}}})
    ts, _, _ = load_folder(tmp_path)
    assert ts.modes == {"theme": ["light", "dark", "high-contrast"]}
    hc = {t.path: t.value for t in ts.resolve({"theme": "high-contrast"})[0]}
    assert hc == {"c.bg": "#ffff00", "s.tint": "#eeeeee"}  # no high-contrast shadow file: light's


def test_resolver_inline_sets_and_modifiers(tmp_path):
    (tmp_path / "r.resolver.json").write_text(json.dumps({
        "version": "2025.10",
        "sets": {"palette": {"sources": [{"p": {"$type": "color", "red": {"$value": "#ff0000"},
                                                "blue": {"$value": "#0000ff"}}}]}},
        "resolutionOrder": [
            {"type": "set", "name": "base", "sources": [{"$ref": "#/sets/palette"}]},
            {"type": "modifier", "name": "brand", "default": "cool",
             "contexts": {"warm": [{"brand": {"$type": "color", "main": {"$value": "{p.red}"}}}],
                          "cool": [{"brand": {"$type": "color", "main": {"$value": "{p.blue}"}}}]}},
        ]}))
    ts, failed, _ = load_folder(tmp_path)
    assert not failed and ts.modes == {"brand": ["cool", "warm"]}
    assert {t.path: t.value for t in ts.resolve()[0]}["brand.main"] == "#0000ff"
    assert {t.path: t.value for t in ts.resolve({"brand": "warm"})[0]}["brand.main"] == "#ff0000"


def test_resolver_bad_default_is_one_line(tmp_path):
    (tmp_path / "r.resolver.json").write_text(json.dumps({
        "modifiers": {"theme": {"contexts": {"light": [], "dark": []}, "default": "sepia"}},
        "resolutionOrder": [{"$ref": "#/modifiers/theme"}]}))
    _, failed = resolved(tmp_path)
    assert failed == {"r.resolver.json": "r.resolver.json: modifier 'theme' default 'sepia' is not one of its "
                                         "contexts (light|dark)"}


def test_legacy_names_imply_font_types_and_icon_fonts_go_last(tmp_path):
    (tmp_path / "fonts.json").write_text(json.dumps({
        "asset": {"font": {"icon": {"name": {"value": "MaterialIcons", "type": "fontFamily"}}}},
        "Global": {"Font": {"Family": {"Default": {"value": ["Segoe UI", "sans-serif"]}},
                            "Size": {"400": {"value": 16}, "600": {"value": 24}},
                            "Weight": {"Bold": {"value": 700}}},
                   "Color": {"Ink": {"value": "#111111"}}}}))
    toks, _ = resolved(tmp_path)
    assert toks["Global.Font.Size.400"].type == "fontSize"
    assert toks["Global.Font.Family.Default"].type == "fontFamily"
    assert toks["Global.Font.Weight.Bold"].type == "fontWeight"
    tl = list(toks.values())
    assert font_families(tl) == ["Segoe UI", "MaterialIcons"]
    assert [s.size for s in type_scale_from_tokens(tl, "Segoe UI")] == [24.0, 16.0]


def test_studio_sets_no_theme_mentions_are_always_applied(tmp_path):
    doc = {"base": {"c": {"ink": {"value": "#111111", "type": "color"}}},
           "extra": {"c": {"accent": {"value": "#7c3aed", "type": "color"}}},
           "a": {"c": {"bg": {"value": "#ffffff", "type": "color"}}},
           "b": {"c": {"bg": {"value": "#000000", "type": "color"}}},
           "$themes": [{"name": "A", "selectedTokenSets": {"base": "enabled", "a": "enabled"}},
                       {"name": "B", "selectedTokenSets": {"base": "enabled", "b": "enabled", "a": "disabled"}}]}
    (tmp_path / "tokens.json").write_text(json.dumps(doc))
    ts, _, _ = load_folder(tmp_path)
    assert ts.modes == {"theme": ["A", "B"]}
    b = {t.path: t.value for t in ts.resolve({"theme": "B"})[0]}
    assert b == {"c.accent": "#7c3aed", "c.ink": "#111111", "c.bg": "#000000"}
