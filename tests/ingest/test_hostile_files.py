"""Tiny files that ask for unbounded work: each is refused with a one-line reason, quickly and
in bounded memory, and the rest of the folder is still ingested.

Every hostile file is generated here (none is committed). Each case is ingested in a child
process that reports its peak memory, so a case that blew memory would fail the test rather
than the test run; the wall bound is pytest-timeout's, not a timed assertion.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import limits

from conftest import ROOT

GOOD_TOKENS = {"color": {"$type": "color", "brand": {"$value": "#0e5e71"}, "paper": {"$value": "#ffffff"},
                         "ink": {"$value": "#131d2a"}}}
MAX_RSS_MB = 1024  # a hostile case that ingests in more than this has blown memory

_CHILD = """
import json, resource, sys
from ingest import ingest_folder
ds = ingest_folder(sys.argv[1])
try:  # this process's own peak (ru_maxrss would include the parent's, inherited through fork)
    rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
except OSError:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"failed": {f.path: f.reason for f in ds.failed}, "colors": len(ds.colors), "rss_mb": rss / 1024}))
"""


def _folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    root = tmp_path / "ds"
    for rel, data in {"tokens/good.tokens.json": json.dumps(GOOD_TOKENS).encode(), **files}.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return root


def _ingest_in_child(root: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-c", _CHILD, str(root)], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["rss_mb"] < MAX_RSS_MB, out
    return out


def _refused(tmp_path: Path, rel: str, data: bytes, *words: str) -> str:
    """Ingest a folder of good tokens plus one hostile file: the file is in `failed` with a
    one-line reason holding `words`, and the good tokens are still ingested."""
    out = _ingest_in_child(_folder(tmp_path, {rel: data}))
    assert list(out["failed"]) == [rel], out["failed"]
    reason = out["failed"][rel]
    assert reason and "\n" not in reason and len(reason) < 300 and "Traceback" not in reason, reason
    for w in words:
        assert w in reason, reason
    assert out["colors"] >= 3  # the good tokens
    return reason


# -- the hostile files ------------------------------------------------------------------------


def long_letter_value(n: int) -> bytes:
    """A token whose value is one run of `n` letters (the function-call scan was quadratic on it)."""
    return json.dumps({"note": {"$type": "string", "$value": "a" * n}}).encode()


def alias_amplification(levels: int = 9, fan: int = 8) -> bytes:
    """Each level references the previous one `fan` times: ~1 kB that expands to gigabytes."""
    doc = {"s0": {"$type": "string", "$value": "amplified!"}}
    for k in range(1, levels + 1):
        doc[f"s{k}"] = {"$type": "string", "$value": " ".join([f"{{s{k - 1}}}"] * fan)}
    return json.dumps(doc).encode()


def extends_fan_out(levels: int = 30) -> bytes:
    """Groups whose two members each extend the previous level's group: 2^levels tokens."""
    doc: dict = {"g0": {"$type": "color", "a": {"$value": "#112233"}, "b": {"$value": "#445566"}}}
    for k in range(1, levels + 1):
        doc[f"g{k}"] = {"x": {"$extends": f"{{g{k - 1}}}"}, "y": {"$extends": f"{{g{k - 1}}}"}}
    return json.dumps(doc).encode()


def resolver_fan_out(levels: int = 40) -> bytes:
    """A resolver whose every set lists the previous set twice: 2^levels sources from 1.4 kB."""
    sets: dict = {"s0": {"sources": [{"fan": {"$type": "color", "a": {"$value": "#223344"}}}]}}
    for k in range(1, levels + 1):
        sets[f"s{k}"] = {"sources": [{"$ref": f"#/sets/s{k - 1}"}, {"$ref": f"#/sets/s{k - 1}"}]}
    return json.dumps({"version": "2025.10", "sets": sets, "resolutionOrder": [{"$ref": f"#/sets/s{levels}"}]}).encode()


def yaml_scalar_bomb(chars: int = 1_000_000, aliases: int = 2_000) -> bytes:
    """One 1 MB scalar anchor aliased 2,000 times: few nodes, gigabytes of text."""
    lines = ["big:", "  $type: string", f"  $value: &x {'a' * chars}", "copies:", "  $type: string"]
    lines.append("  $value: [" + ", ".join(["*x"] * aliases) + "]")
    return ("\n".join(lines) + "\n").encode()


def svg_pattern_nesting(levels: int = 5, fan: int = 10) -> bytes:
    """Patterns whose tiles are filled with the previous pattern, `fan` tiles per level."""
    defs = ['<pattern id="p0" width="4" height="4" patternUnits="userSpaceOnUse">'
            '<rect width="2" height="2" fill="#c0392b"/></pattern>']
    for k in range(1, levels + 1):
        tiles = "".join(f'<rect x="{i}" width="1" height="8" fill="url(#p{k - 1})"/>' for i in range(fan))
        defs.append(f'<pattern id="p{k}" width="10" height="10" patternUnits="userSpaceOnUse">{tiles}</pattern>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200"><defs>'
            + "".join(defs) + f'</defs><rect width="200" height="200" fill="url(#p{levels})"/></svg>').encode()


def svg_marker_bomb(vertices: int = 20_000) -> bytes:
    """One path with a marker drawn at every one of its vertices, the marker itself 10 shapes."""
    marker = "".join(f'<circle cx="{i}" cy="1" r="1" fill="#2a9d8f"/>' for i in range(10))
    d = "M0 0 " + " ".join(f"L{i % 97} {i % 89}" for i in range(vertices))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><defs><marker id="m">{marker}'
            f'</marker></defs><path d="{d}" fill="none" stroke="#000" marker-mid="url(#m)"/></svg>').encode()


def pdf_many_paths(paths: int = 1_000_000) -> bytes:
    """One page drawing a million tiny rectangles: 30 kB compressed."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Brand guide: primary HEX #0E5E71")
    xref = page.get_contents()[0]
    doc.update_stream(xref, doc.xref_stream(xref) + b"\n1 0 0 rg\n" + b"10 10 1 1 re f\n" * paths, compress=True)
    return doc.tobytes(deflate=True)


def many_colours(n: int = 32_000) -> bytes:
    rng = random.Random(0)
    return json.dumps({"palette": {"$type": "color", **{
        f"c{i}": {"$value": "#%06x" % rng.randrange(1 << 24)} for i in range(n)}}}).encode()


# -- one regression test per hostile file ---------------------------------------------------------


@pytest.mark.timeout(60)
def test_long_letter_run_is_scanned_in_linear_time(tmp_path):
    # just under the value limit: read (the call scan no longer backtracks over the run) ...
    out = _ingest_in_child(_folder(tmp_path, {"tokens/long.tokens.json": long_letter_value(250_000)}))
    assert out["failed"] == {}
    # ... and past it: refused, without scanning a megabyte
    reason = _refused(tmp_path, "tokens/huge.tokens.json", long_letter_value(1_000_000), "note",
                      f"{limits.MAX_VALUE_CHARS} character limit")
    assert "1000000 characters" in reason


@pytest.mark.timeout(60)
def test_string_alias_amplification_is_refused(tmp_path):
    data = alias_amplification()
    assert len(data) < 1500
    _refused(tmp_path, "tokens/amp.tokens.json", data, f"more than {limits.MAX_VALUE_CHARS} characters")


@pytest.mark.timeout(60)
def test_composite_alias_amplification_is_refused(tmp_path):
    doc = {"l0": {"$type": "shadow", "$value": [{"offsetX": "1px", "color": "#000000"}] * 8}}
    for k in range(1, 12):
        doc[f"l{k}"] = {"$type": "shadow", "$value": [f"{{l{k - 1}}}"] * 8}
    _refused(tmp_path, "tokens/amp.tokens.json", json.dumps(doc).encode(), "token l4 ",
             f"more than {limits.MAX_VALUE_CHARS} characters")


@pytest.mark.timeout(60)
def test_many_aliases_of_one_large_value_are_refused(tmp_path):
    big = [{"offsetX": f"{i}px", "color": "#000000"} for i in range(6000)]  # ~150 k characters
    doc = {"big": {"$type": "shadow", "$value": big}}
    doc.update({f"a{i}": {"$type": "shadow", "$value": "{big}"} for i in range(400)})
    _refused(tmp_path, "tokens/many.tokens.json", json.dumps(doc).encode(),
             f"more than {limits.MAX_FILE_VALUE_CHARS} characters")


@pytest.mark.timeout(60)
def test_extends_fan_out_is_refused(tmp_path):
    data = extends_fan_out()
    assert len(data) < 4096
    _refused(tmp_path, "tokens/ext.tokens.json", data, "$extends", f"more than {limits.MAX_TOKENS}")


@pytest.mark.timeout(60)
def test_resolver_set_fan_out_is_refused(tmp_path):
    data = resolver_fan_out()
    assert len(data) < 4096
    _refused(tmp_path, "tokens/fan.resolver.json", data, f"more than {limits.MAX_LAYERS} sources")


@pytest.mark.timeout(60)
def test_yaml_scalar_aliased_thousands_of_times_is_refused(tmp_path):
    _refused(tmp_path, "tokens/bomb.tokens.yaml", yaml_scalar_bomb(), "alias bomb",
             f"{limits.MAX_YAML_CHARS} characters")


@pytest.mark.timeout(60)
def test_nested_svg_patterns_are_refused(tmp_path):
    data = svg_pattern_nesting()
    assert len(data) < 4000
    _refused(tmp_path, "art/patterns.svg", data, f"more than {limits.MAX_SVG_RENDER_NODES} elements", "pattern")


@pytest.mark.timeout(60)
def test_marker_on_every_vertex_is_refused(tmp_path):
    _refused(tmp_path, "art/markers.svg", svg_marker_bomb(), f"more than {limits.MAX_SVG_RENDER_NODES} elements")


@pytest.mark.timeout(60)
def test_svg_with_a_few_patterns_is_still_read(tmp_path):
    out = _ingest_in_child(_folder(tmp_path, {"art/patterns.svg": svg_pattern_nesting(levels=2)}))
    assert out["failed"] == {}


@pytest.mark.timeout(60)
def test_pdf_page_of_a_million_paths_is_refused(tmp_path):
    data = pdf_many_paths()
    assert len(data) < 100_000
    _refused(tmp_path, "guides/paths.pdf", data, "page 1", f"more than {limits.MAX_PDF_PAGE_PATHS} vector paths")


@pytest.mark.timeout(60)
def test_pdf_page_of_a_million_paths_through_a_form_is_refused(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Brand guide")
    form = doc.get_new_xref()  # a form drawing 1,000 paths, drawn 1,000 times by the page
    doc.update_object(form, "<< /Type /XObject /Subtype /Form /BBox [0 0 600 800] >>")
    doc.update_stream(form, b"0 0 1 rg\n" + b"10 10 1 1 re f\n" * 1000, compress=True)
    kind, value = doc.xref_get_key(page.xref, "Resources")
    if kind == "xref":
        doc.xref_set_key(int(value.split()[0]), "XObject", f"<< /X {form} 0 R >>")
    else:
        doc.xref_set_key(page.xref, "Resources", f"<< /XObject << /X {form} 0 R >> >>")
    contents = page.get_contents()[0]
    doc.update_stream(contents, b"q /X Do Q\n" * 1000, compress=True)
    _refused(tmp_path, "guides/forms.pdf", doc.tobytes(deflate=True), "page 1", "vector paths")


@pytest.mark.timeout(60)
def test_32k_colour_tokens_ingest_in_near_linear_time(tmp_path):
    out = _ingest_in_child(_folder(tmp_path, {"tokens/palette.tokens.json": many_colours()}))
    assert out["failed"] == {}
    assert out["colors"] >= 32_000


def test_role_inference_scales_linearly():
    """Role inference reads each colour once: 4x the colours is not 16x the work."""
    from ingest.colour import rgb_to_lab, to_hex
    from ingest.model import Color, Source
    from ingest.roles import infer_roles

    calls = 0

    def palette(n: int) -> list[Color]:
        rng = random.Random(n)
        out = []
        for i in range(n):
            rgb = tuple(rng.randrange(256) for _ in range(3))
            name = f"color.role.{['primary', 'text', 'on-primary', 'background', 'border', 'c'][i % 6]}-{i}"
            out.append(Color(name=name, hex=to_hex(rgb), lab=rgb_to_lab(rgb), source=Source(file="t", locator=name)))
        return out

    import ingest.colour as colour

    real = colour.contrast

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    import ingest.roles as roles

    counts = []
    roles.contrast = counting
    try:
        for n in (2000, 8000):
            calls = 0
            assert infer_roles(palette(n))
            counts.append(calls)
    finally:
        roles.contrast = real
    assert counts[1] < 6 * counts[0], counts


@pytest.mark.timeout(240)
def test_cli_reports_every_hostile_file_and_exits_3(tmp_path):
    files = {
        "tokens/huge.tokens.json": long_letter_value(1_000_000),
        "tokens/amp.tokens.json": alias_amplification(),
        "tokens/ext.tokens.json": extends_fan_out(),
        "tokens/fan.resolver.json": resolver_fan_out(),
        "tokens/bomb.tokens.yaml": yaml_scalar_bomb(),
        "art/patterns.svg": svg_pattern_nesting(),
        "guides/paths.pdf": pdf_many_paths(),
    }
    root = _folder(tmp_path, files)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "onbrand.cli", "ingest", str(root), "--store", str(tmp_path / "st"),
                        "--json"], capture_output=True, text=True, env=env, timeout=230)
    assert r.returncode == 3, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    failed = {f["path"]: f["reason"] for f in json.loads(r.stdout)["failed"]}
    assert set(files) <= set(failed), failed
    assert all(reason and "\n" not in reason for reason in failed.values())
