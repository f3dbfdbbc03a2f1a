"""Token export (`ingest.tokens.export`): DTCG, CSS and Tailwind, and the DTCG round trip.

Re-ingesting the DTCG export of every sample system, and of a folder that holds only a PDF
brand guide, gives the same roles and palette in every mode; the CSS defines every variable
it uses and resolves each role to its colour in each mode; the Tailwind config loads in node.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pymupdf
import pytest
import tinycss2
from conftest import SAMPLE_NAMES, SAMPLES

from ingest.folder import assemble, ingest_folder, read_folder
from ingest.model import CORE_ROLES
from ingest.tokens.export import EXTENSION_KEY, ExportError, check_round_trip, export_tokens, mode_variants

_loaded: dict[str, list] = {}


def _systems(name: str) -> list:
    """The sample system in its default mode, then each other mode (read once per test run)."""
    if name not in _loaded:
        read = read_folder(SAMPLES / name)
        ds, _ = assemble(read)
        _loaded[name] = [ds] + [assemble(read, v)[0] for v in mode_variants(ds)]
    return _loaded[name]


def _reingest(tmp_path: Path, text: str, name: str = "tokens.json"):
    folder = tmp_path / "exported"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return read_folder(folder)


def _same_design(a, b) -> None:
    assert b.role_map() == a.role_map()
    assert set(b.palette_hexes()) == set(a.palette_hexes())
    assert b.theme == a.theme
    key = lambda t: (t.name, t.family, t.size, t.weight, t.line_height, t.letter_spacing)
    assert [key(t) for t in b.type_scale] == [key(t) for t in a.type_scale]
    assert {d.name: d.px for d in b.spacing} == {d.name: d.px for d in a.spacing}
    assert {d.name: d.px for d in b.radii} == {d.name: d.px for d in a.radii}
    assert [s.model_dump(exclude={"source"}) for s in b.shadows] == [s.model_dump(exclude={"source"}) for s in a.shadows]


# -- DTCG round trip ------------------------------------------------------------------------


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_dtcg_round_trip_of_every_sample_in_every_mode(name, tmp_path):
    systems = _systems(name)
    out = export_tokens(systems, "dtcg")
    assert out.modes == [ds.mode for ds in systems]
    read = _reingest(tmp_path, out.text)
    again, _ = assemble(read)
    assert again.failed == []
    assert again.modes == systems[0].modes  # the same modes, the default first
    for ds in systems:
        back, _ = assemble(read, ds.mode)
        assert back.mode == ds.mode
        _same_design(ds, back)
    assert check_round_trip(systems, out.text) == []


PDF_PAGES = [
    ("Lagoon brand guide", ["For product and marketing teams"]),
    ("Colour", [
        "Lagoon Blue  #1D4E89", "Coral  #E4572E", "Night  #17202A", "Shell  #FBF8F3", "Kelp  #2F7D4F",
        "Sunrise  #C77800", "",
        "Use Lagoon Blue for primary actions and links.",
        "Coral is for errors only.",
        "Night is used for body text. Shell is the page background.",
        "Kelp marks success, and Sunrise is for warnings.",
    ]),
    ("Typography", ["Display 44/52, H1 30/38, Body 16/24, Caption 12/16"]),
    ("Layout", ["Spacing scale: 4, 8, 16, 24, 40 px.", "Buttons use a 4 px radius; cards use 10 px."]),
]


def _write_guide(path: Path) -> None:
    doc = pymupdf.open()
    for title, lines in PDF_PAGES:
        page = doc.new_page(width=595, height=842)
        page.insert_text((48, 72), title, fontsize=24)
        y = 120
        for ln in lines:
            m = re.search(r"#([0-9A-F]{6})", ln)
            if m:  # a swatch with its name and value beside it
                rgb = tuple(int(m.group(1)[i:i + 2], 16) / 255 for i in (0, 2, 4))
                page.draw_rect(pymupdf.Rect(48, y - 14, 88, y + 6), color=None, fill=rgb)
                page.insert_text((100, y), ln, fontsize=11)
                y += 34
            elif ln:
                page.insert_text((48, y), ln, fontsize=11)
                y += 24
            else:
                y += 12
    doc.save(str(path))


@pytest.mark.timeout(120)
def test_dtcg_round_trip_of_a_pdf_only_folder(tmp_path):
    guide = tmp_path / "guide"
    guide.mkdir()
    _write_guide(guide / "brand.pdf")
    ds = ingest_folder(guide)
    assert ds.token_count == 0 and ds.role("primary") == "#1d4e89" and ds.role("danger") == "#e4572e"
    out = export_tokens(ds, "dtcg")
    doc = json.loads(out.text)
    assert "sets" not in doc  # one mode: a plain token document
    # colours a guide names go into a colour group, with the page they came from
    blue = doc["color"]["lagoon-blue"]
    assert blue["$value"]["hex"] == "#1d4e89"
    assert blue["$extensions"][EXTENSION_KEY]["source"] == {"file": "brand.pdf", "locator": "page 2"}
    primary = doc["role"]["primary"]
    assert primary["$value"] == "{color.lagoon-blue}"
    ext = primary["$extensions"][EXTENSION_KEY]
    assert ext["evidence"][0]["kind"] == "guide"
    assert ext["evidence"][0]["text"] == "Use Lagoon Blue for primary actions and links."
    back, _ = assemble(_reingest(tmp_path, out.text))
    _same_design(ds, back)


# -- DTCG document shape ----------------------------------------------------------------------


def _walk_tokens(node, path=()):
    for k, v in node.items():
        if k.startswith("$") and k != "$root" or not isinstance(v, dict):
            continue
        if "$value" in v:
            yield (path if k == "$root" else path + (k,)), v
        else:
            yield from _walk_tokens(v, path + (k,))


def test_dtcg_document_holds_modes_roles_and_provenance():
    systems = _systems("harbor")
    light, dark = systems
    doc = json.loads(export_tokens(systems, "dtcg").text)
    assert doc["modifiers"]["theme"]["default"] == "light"
    assert list(doc["modifiers"]["theme"]["contexts"]) == ["light", "dark"]
    assert doc["resolutionOrder"] == [{"$ref": "#/sets/shared"}, {"$ref": "#/modifiers/theme"}]
    shared = doc["sets"]["shared"]["sources"][0]
    dark_ctx = doc["modifiers"]["theme"]["contexts"]["dark"][0]
    types = {"color", "dimension", "fontFamily", "fontWeight", "typography", "shadow"}
    for tree in (shared, dark_ctx):
        for path, tok in _walk_tokens(tree):
            assert tok["$type"] in types, path
            if tok["$type"] != "fontWeight":  # every value but a weight says where it came from
                assert tok["$extensions"][EXTENSION_KEY]["source"]["file"], path
    # type scale, spacing and shadows do not change with the theme: they are shared
    h1 = shared["typography"]["h1"]["$value"]
    style = light.type_style("h1")
    assert h1["fontSize"] == {"value": style.size, "unit": "px"}
    assert h1["fontFamily"] == "{font.family.manrope}" and shared["font"]["family"]["manrope"]["$value"] == "Manrope"
    assert h1["lineHeight"] * style.size == pytest.approx(style.line_height)
    assert shared["shadow"]["sm"]["$value"]["color"]["alpha"] < 1
    # each role aliases the palette colour that plays it, with why
    role = dark_ctx["role"]["primary"]
    assigned = next(r for r in dark.roles if r.role == "primary")
    assert role["$value"] == "{" + assigned.color + "}"
    ext = role["$extensions"][EXTENSION_KEY]
    assert ext["reason"] == assigned.reason and ext["source"]["file"] == "tokens/harbor.dark.tokens.json"
    assert ext["evidence"][0]["kind"] == assigned.evidence[0].kind
    # the light context holds the light values of the same paths
    light_paths = {p for p, _ in _walk_tokens(doc["modifiers"]["theme"]["contexts"]["light"][0])}
    dark_paths = {p for p, _ in _walk_tokens(dark_ctx)}
    assert ("role", "background") in light_paths & dark_paths
    assert not light_paths & {p for p, _ in _walk_tokens(shared)}


def test_one_mode_exports_as_a_plain_document(tmp_path):
    dark = _systems("harbor")[1]
    out = export_tokens(dark, "dtcg")
    doc = json.loads(out.text)
    assert "sets" not in doc and doc["$extensions"][EXTENSION_KEY]["mode"] == {"theme": "dark"}
    back, _ = assemble(_reingest(tmp_path, out.text))
    assert back.modes == {}
    _same_design(dark, back)


def _token_folder(tmp_path: Path, doc: dict) -> Path:
    folder = tmp_path / "system"
    folder.mkdir()
    (folder / "tokens.json").write_text(json.dumps(doc))
    return folder


def test_names_that_collide_are_kept_apart(tmp_path):
    """A palette that already uses the role group, a token that is also a group (DTCG
    ``$root``) and a translucent colour all survive the round trip."""
    doc = {"role": {"$type": "color", "brand": {"$value": "#1d4e89"}},
           "color": {"$type": "color",
                     "sky": {"$root": {"$value": "#0ea5e9"}, "600": {"$value": "#0284c7"}},
                     "paper": {"$value": "#fbfbf9"}, "ink": {"$value": "#111827"},
                     "scrim": {"$value": {"colorSpace": "srgb", "components": [0, 0, 0], "alpha": 0.4}}}}
    ds = ingest_folder(_token_folder(tmp_path, doc))
    out = export_tokens(ds, "dtcg")
    exported = json.loads(out.text)
    assert "roles" in exported  # "role" is the system's own group, so the roles take the next name
    assert exported["color"]["sky"]["$root"]["$value"]["hex"] == "#0ea5e9"
    assert exported["color"]["scrim"]["$value"]["alpha"] == pytest.approx(0.4)
    back, _ = assemble(_reingest(tmp_path, out.text))
    _same_design(ds, back)
    assert {c.name: (c.hex, c.alpha) for c in back.colors if not c.name.startswith("roles.")} == \
        {c.name: (c.hex, c.alpha) for c in ds.colors}


def test_round_trip_check_names_a_role_that_reads_back_differently(tmp_path):
    """Body text named by a token wins before the background is derived, so it is never held
    to 4.5:1 against it; read back, the background is a token too and the text is checked."""
    doc = {"color": {"$type": "color", "font": {"primary": {"$value": "#3b5998"}},
                     "base": {"grey": {"$value": "#cccccc"}, "black": {"$value": "#000000"}}}}
    ds = ingest_folder(_token_folder(tmp_path, doc))
    assert ds.role("text") == "#3b5998" and ds.role("background") == "#cccccc"
    differ = check_round_trip(ds, export_tokens(ds, "dtcg").text)
    assert differ == [{"mode": {}, "what": "role text", "exported": "#3b5998", "read_back": "#000000"}]


def test_modes_must_each_change_one_modifier():
    light, dark = _systems("harbor")
    with pytest.raises(ExportError, match="exactly one modifier"):
        export_tokens([light, light], "dtcg")
    with pytest.raises(ExportError, match="unknown token format"):
        export_tokens(dark, "scss")


# -- CSS ----------------------------------------------------------------------------------------

_HEX = re.compile(r"^#(?:[0-9a-f]{6}|[0-9a-f]{8})$")


def _blocks(css: str) -> dict[str, dict[str, list]]:
    """selector (with an @media prefix inside one) -> {variable: value tokens}."""
    out: dict[str, dict[str, list]] = {}

    def rules(items, prefix=""):
        for r in items:
            assert r.type != "error", r.message
            if r.type == "at-rule":
                media = tinycss2.serialize(r.prelude).strip()
                rules(tinycss2.parse_rule_list(r.content, skip_comments=True, skip_whitespace=True),
                      f"@media {media} ")
                continue
            decls = {}
            for d in tinycss2.parse_blocks_contents(r.content, skip_comments=True, skip_whitespace=True):
                assert d.type == "declaration", getattr(d, "message", d)
                assert d.name.startswith("--") and d.name not in decls
                decls[d.name] = [t for t in d.value if t.type not in ("whitespace", "comment")]
            out[prefix + tinycss2.serialize(r.prelude).strip()] = decls

    rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return out


def _refs(tokens) -> list[str]:
    found = []
    for t in tokens:
        if t.type == "function" and t.lower_name == "var":
            found.append(next(a.value for a in t.arguments if a.type == "ident"))
    return found


def _check_value(name: str, toks: list) -> None:
    kinds = [t.type for t in toks]
    if name.startswith("--color-"):
        assert len(toks) == 1 and (toks[0].type == "function" and toks[0].lower_name == "var"
                                   or toks[0].type == "hash" and _HEX.match("#" + toks[0].value)), name
    elif name.startswith(("--spacing-", "--radius-", "--font-size-", "--line-height-", "--letter-spacing-")):
        assert kinds == ["dimension"] and toks[0].unit == "px", name
    elif name.startswith("--font-weight-"):
        assert kinds == ["number"] and toks[0].is_integer and 1 <= toks[0].value <= 1000, name
    elif name.startswith("--shadow-"):
        assert kinds == ["dimension"] * 4 + ["hash"] and _HEX.match("#" + toks[4].value), name
    elif name.startswith("--font-family-"):
        assert kinds[0] in ("string", "ident") and toks[-1].type == "ident", name
    elif name.startswith("--font-"):  # the font shorthand: weight size/line-height family
        assert kinds == ["number", "dimension", "literal", "dimension", "function"], name
    else:
        raise AssertionError(f"unexpected variable {name}")


def _resolve(decls: dict[str, list], name: str, depth: int = 0) -> str:
    toks = decls[name]
    if toks[0].type == "function":
        assert depth < 10
        return _resolve(decls, _refs(toks)[0], depth + 1)
    return "#" + toks[0].value


@pytest.mark.parametrize("name", ["harbor", "circuit"])
def test_css_defines_every_variable_and_each_mode_resolves_its_roles(name):
    systems = _systems(name)
    css = export_tokens(systems, "css").text
    blocks = _blocks(css)
    root = blocks[":root"]
    default, other = systems
    (modifier, option), = [(k, v) for k, v in other.mode.items() if default.mode[k] != v]
    selector = f'[data-{modifier}="{option}"]'
    assert set(blocks) == {":root", selector, f"@media (prefers-color-scheme: {other.theme}) :root:not([data-theme])"}
    for sel, decls in blocks.items():
        for var, toks in decls.items():
            _check_value(var, toks)
            for ref in _refs(toks):
                assert ref in root or ref in decls, f"{sel} {var} uses undefined {ref}"
    for ds, decls in ((default, root), (other, {**root, **blocks[selector]})):
        assert {r: _resolve(decls, f"--color-{r}") for r in ds.role_map()} == ds.role_map()
    assert set(default.role_map()) == set(CORE_ROLES)
    # the dark theme answers prefers-color-scheme with the same values as its attribute
    media = blocks[f"@media (prefers-color-scheme: {other.theme}) :root:not([data-theme])"]
    text = lambda decls: {k: tinycss2.serialize(v) for k, v in decls.items()}
    assert text(media) == text(blocks[selector])
    # each palette variable names its token and file in a comment
    c = default.colors[0]
    assert re.search(rf"--color-[\w-]+: {c.hex}; /\* {re.escape(c.name)} · {re.escape(c.source.file)} \*/", css)


# -- Tailwind ---------------------------------------------------------------------------------


def _load_js(path: Path) -> dict:
    node = shutil.which("node")
    if node:
        done = subprocess.run([node, "-e", "console.log(JSON.stringify(require(process.argv[1])))", str(path)],
                              capture_output=True, text=True, timeout=60, check=True)
        return json.loads(done.stdout)
    # without node: the module is JSON values with bare keys, trailing commas and // comments
    text = path.read_text()
    body = text[text.index("module.exports = ") + len("module.exports = "):].rstrip().rstrip(";")
    body = re.sub(r"^\s*//.*$", "", body, flags=re.MULTILINE)
    body = re.sub(r"^(\s*)([A-Za-z_$][\w$]*):", r'\1"\2":', body, flags=re.MULTILINE)
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", body))


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", ["ember", "grove"])
def test_tailwind_config_loads_with_every_role(name, tmp_path):
    ds = _systems(name)[0]
    out = export_tokens(_systems(name), "tailwind")
    assert out.modes == [ds.mode]
    assert bool(out.notes) == bool(ds.modes)  # the other modes are named, not silently dropped
    path = tmp_path / "tailwind.config.js"
    path.write_text(out.text)
    ext = _load_js(path)["theme"]["extend"]
    assert {r: ext["colors"][r] for r in ds.role_map()} == ds.role_map()
    assert set(ext) == {"colors", "fontFamily", "fontSize", "spacing", "borderRadius", "boxShadow"}
    for t in ds.type_scale:
        size, extra = ext["fontSize"][t.name]
        assert size == f"{t.size:g}px" and extra["lineHeight"] == f"{t.line_height:g}px"
        assert extra["fontWeight"] == str(t.weight)
    assert {k: float(v[:-2]) for k, v in ext["spacing"].items()} == {d.name: d.px for d in ds.spacing}
    assert {k: float(v[:-2]) for k, v in ext["borderRadius"].items()} == {d.name: d.px for d in ds.radii}
    assert len(ext["boxShadow"]) == len(ds.shadows)
    # the palette nests by token path under the colour group, as Tailwind palettes do
    c = next(c for c in ds.colors if c.name.startswith("color.") and c.name.count(".") >= 2 and c.alpha == 1)
    node = ext["colors"]
    for seg in c.name.split(".")[1:]:
        node = node[seg]
    assert (node["DEFAULT"] if isinstance(node, dict) else node) == c.hex


# -- the command line ---------------------------------------------------------------------------

LIGHT = {"color": {"$type": "color", "role": {
    "background": {"$value": "#fbfaf7"}, "text": {"$value": "#1b1f24"}, "primary": {"$value": "#0e5e71"}}}}
DARK = {"color": {"$type": "color", "role": {
    "background": {"$value": "#0c1117"}, "text": {"$value": "#eef2f5"}, "primary": {"$value": "#5cc6d6"}}}}
BASE = {"color": {"$type": "color", "teal": {"700": {"$value": "#0e5e71"}}},
        "spacing": {"$type": "dimension", "md": {"$value": {"value": 16, "unit": "px"}}},
        "typography": {"body": {"$type": "typography", "$value": {
            "fontFamily": "Manrope", "fontSize": {"value": 16, "unit": "px"}, "fontWeight": 400, "lineHeight": 1.5}}}}


@pytest.fixture
def themed(tmp_path) -> Path:
    """A small token folder with a light and a dark theme (modes inferred from the file names)."""
    folder = tmp_path / "themed"
    (folder / "tokens").mkdir(parents=True)
    for name, doc in (("base", BASE), ("light", LIGHT), ("dark", DARK)):
        (folder / "tokens" / f"{name}.tokens.json").write_text(json.dumps(doc))
    return folder


@pytest.fixture
def cli(tmp_path):
    from click.testing import CliRunner

    from onbrand.cli import main

    def run(*args):
        return CliRunner().invoke(main, ["export-tokens", *map(str, args), "--store", str(tmp_path / "store")],
                                  catch_exceptions=False)

    return run


@pytest.mark.timeout(120)
def test_cli_writes_every_mode_and_reports_what_it_wrote(cli, themed, tmp_path):
    out = tmp_path / "out" / "tokens.json"
    r = cli(themed, "--format", "dtcg", "--out", out, "--json")
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert s["out"] == str(out) and s["format"] == "dtcg" and s["modes"] == [{"theme": "light"}, {"theme": "dark"}]
    assert s["counts"]["roles"] >= 3 and s["counts"]["colors"] == 4 and s["counts"]["tokens"] > 0
    assert s["bytes"] == len(out.read_bytes())
    assert s["round_trip"] == [] and s["notes"] == []
    source = read_folder(themed)
    exported = read_folder(out.parent)
    for mode in ({"theme": "light"}, {"theme": "dark"}):
        a, b = assemble(source, mode)[0], assemble(exported, mode)[0]
        assert b.role_map() == a.role_map() and set(b.palette_hexes()) == set(a.palette_hexes())
    assert assemble(exported, {"theme": "dark"})[0].role("primary") == "#5cc6d6"


@pytest.mark.timeout(120)
def test_cli_css_to_stdout_and_one_mode_for_tailwind(cli, themed, tmp_path):
    r = cli(themed, "--format", "css", "--out", "-")
    assert r.exit_code == 0, r.output
    blocks = _blocks(r.stdout)
    assert _resolve(blocks[":root"], "--color-primary") == "#0e5e71"
    assert _resolve({**blocks[":root"], **blocks['[data-theme="dark"]']}, "--color-primary") == "#5cc6d6"
    out = tmp_path / "tailwind.config.js"
    r = cli(themed, "--format", "tailwind", "--mode", "theme=dark", "--out", out)
    assert r.exit_code == 0, r.output
    assert f"wrote {out}" in r.stdout
    colors = _load_js(out)["theme"]["extend"]["colors"]
    assert colors["background"] == "#0c1117" and colors["primary"] == "#5cc6d6"


@pytest.mark.timeout(120)
def test_cli_never_writes_into_the_design_folder_unless_forced(cli, themed):
    inside = themed / "tokens" / "export.json"
    r = cli(themed, "--out", inside)
    assert r.exit_code == 2 and not inside.exists()
    assert r.stderr.count("\n") == 1 and "inside the design-system folder" in r.stderr and "--force" in r.stderr
    r = cli(themed, "--out", inside, "--force")
    assert r.exit_code == 0, r.output
    assert json.loads(inside.read_text())["modifiers"]["theme"]["default"] == "light"


@pytest.mark.parametrize("args, message", [
    (["{missing}"], "no such folder"),
    (["{folder}", "--mode", "theme=sepia"], "unknown mode theme=sepia"),
    (["{folder}", "--mode", "sepia"], "NAME=OPTION"),
    (["{folder}", "--out", "-", "--json"], "--json prints a summary"),
    (["{folder}", "--out", "{tmp}"], "is a directory"),
    (["{folder}", "--format", "scss"], "'scss' is not one of"),
])
def test_cli_errors_are_one_line(cli, themed, tmp_path, args, message):
    args = [a.format(missing=tmp_path / "nope", folder=themed, tmp=tmp_path) for a in args]
    r = cli(*args)
    assert r.exit_code == 2, r.output
    assert message in r.stderr and "Traceback" not in r.output
    assert len([ln for ln in r.stderr.splitlines() if ln.startswith(("onbrand: error", "Error"))]) == 1


def test_cli_help_names_the_formats():
    from click.testing import CliRunner

    from onbrand.cli import main

    out = CliRunner().invoke(main, ["export-tokens", "--help"]).output
    assert "dtcg" in out and "css" in out and "tailwind" in out and "--mode" in out and "--json" in out
