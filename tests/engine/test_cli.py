"""The onbrand CLI: JSON outputs, exit codes, one-line errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from PIL import Image

from onbrand.cli import main


@pytest.fixture
def run():
    runner = CliRunner()

    def _run(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return _run


def test_help_explains_every_command(run):
    out = run("--help").output
    for cmd in ("ingest", "generate", "eval"):
        assert cmd in out
    assert "palette_adherence" in run("eval", "--help").output


def test_ingest_json_summary(run, harbor, tmp_path):
    r = run("ingest", harbor, "--store", tmp_path / "st", "--json")
    assert r.exit_code == 0, r.output
    s = json.loads(r.output)
    for key in ("files", "failed", "colors", "palette", "fonts", "seconds", "tokens"):
        assert key in s
    assert s["failed"] == []
    assert {"role": "primary", "hex": "#0e5e71"}.items() <= next(p for p in s["palette"] if p["role"] == "primary").items()
    assert (tmp_path / "st" / "manifest.json").exists()
    assert not (harbor / ".onbrand").exists()  # --store keeps the folder untouched


def test_ingest_default_store_in_folder(run, harbor):
    assert run("ingest", harbor).exit_code == 0
    assert (harbor / ".onbrand" / "manifest.json").exists()


def test_ingest_partial_failure_exit_3(run, harbor):
    (harbor / "tokens" / "bad.tokens.json").write_text("{")
    r = run("ingest", harbor, "--json")
    assert r.exit_code == 3
    s = json.loads(r.output)
    assert s["failed"][0]["path"] == "tokens/bad.tokens.json"
    assert s["colors"] > 0


def test_generate_writes_4k_png_svg_and_scene(run, harbor, tmp_path):
    out = tmp_path / "mock.png"
    r = run("generate", harbor, "checkout page with order summary", "--out", out, "--seed", 2, "--json")
    assert r.exit_code == 0, r.output
    s = json.loads(r.output)
    with Image.open(out) as im:
        assert im.size == (3840, 2160)
    assert (tmp_path / "mock.svg").exists() and (tmp_path / "mock.scene.json").exists()
    assert s["archetype"] == "checkout"
    assert set(s["timings"]) >= {"load", "sample", "layout", "render", "encode"}


def test_generate_size_option(run, harbor, tmp_path):
    r = run("generate", harbor, "dashboard", "--out", tmp_path / "m.png", "--size", "1280x720")
    assert r.exit_code == 0
    with Image.open(tmp_path / "m.png") as im:
        assert im.size == (1280, 720)


def test_eval_json(run, harbor, tmp_path):
    out = tmp_path / "m.png"
    run("generate", harbor, "sales dashboard", "--out", out, "--size", "1920x1080")
    r = run("eval", harbor, out, "--json")
    assert r.exit_code == 0
    res = json.loads(r.output)["images"][0]
    assert res["palette_adherence"] >= 0.97
    assert "off_palette" in res


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "onbrand.cli", *map(str, args)], capture_output=True, text=True)


@pytest.mark.parametrize("case", ["missing", "no-tokens", "broken", "bad-size"])
def test_usage_errors_are_one_line_exit_2(harbor, tmp_path, case):
    if case == "missing":
        p = _cli("generate", tmp_path / "nope", "dashboard", "--out", tmp_path / "m.png")
        name = "nope"
    elif case == "no-tokens":
        (tmp_path / "empty").mkdir()
        p = _cli("ingest", tmp_path / "empty")
        name = "empty"
    elif case == "broken":
        d = tmp_path / "broken"
        d.mkdir()
        (d / "tokens.json").write_text('{"color": ')
        p = _cli("ingest", d)
        name = "tokens.json"
    else:
        p = _cli("generate", harbor, "dashboard", "--size", "big", "--out", tmp_path / "m.png")
        name = "big"
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr
    assert name in p.stderr
    assert len([ln for ln in p.stderr.splitlines() if ln.strip()]) <= 3


def test_ingest_json_lists_modes_and_mode_selects(run, harbor, tmp_path):
    r = run("ingest", harbor, "--store", tmp_path / "st", "--json")
    s = json.loads(r.output)
    assert s["modes"] == {"theme": ["light", "dark"]} and s["mode"] == {"theme": "light"}
    assert s["chunks"] > 20 and s["read"] > 20
    again = json.loads(run("ingest", harbor, "--store", tmp_path / "st", "--json").output)
    assert again["store_reused"] and again["read"] == 0
    dark = json.loads(run("ingest", harbor, "--store", tmp_path / "st", "--mode", "theme=dark", "--json").output)
    assert dark["mode"] == {"theme": "dark"}
    bg = {p["role"]: p["hex"] for p in dark["palette"]}["background"]
    assert bg != "#f7f9fb"
    bad = run("ingest", harbor, "--store", tmp_path / "st", "--mode", "theme=sepia")
    assert bad.exit_code == 2 and "theme=light|dark" in bad.output
    assert run("ingest", harbor, "--mode", "dark").exit_code == 2  # not NAME=OPTION


def test_search_json_has_provenance(run, harbor, tmp_path):
    r = run("search", harbor, "primary button colour", "-k", "4", "--store", tmp_path / "st", "--json")
    assert r.exit_code == 0, r.output
    s = json.loads(r.output)
    assert len(s["results"]) == 4
    for hit in s["results"]:
        assert set(hit) >= {"score", "kind", "source", "locator", "text"}
        assert -1.0 <= hit["score"] <= 1.0 and hit["source"]
    scores = [h["score"] for h in s["results"]]
    assert scores == sorted(scores, reverse=True)
    pdf = json.loads(run("search", harbor, "logo clear space rules", "--kind", "pdf-text", "--store",
                         tmp_path / "st", "--json").output)
    assert pdf["results"] and all(h["kind"] == "pdf-text" and h["source"] == "guidelines.pdf" for h in pdf["results"])
    assert all(h["locator"].startswith("page") for h in pdf["results"])
    assert "page" in run("search", harbor, "logo", "--store", tmp_path / "st").output


def test_generate_dark_mode(run, harbor, tmp_path):
    out = tmp_path / "dark.png"
    r = run("generate", harbor, "settings page", "--out", out, "--size", "960x540", "--mode", "theme=dark",
            "--store", tmp_path / "st", "--json")
    assert r.exit_code == 0, r.output
    import numpy as np

    px = np.asarray(Image.open(out).convert("RGB")).reshape(-1, 3)
    colours, counts = np.unique(px, axis=0, return_counts=True)
    top = colours[counts.argmax()]  # the dark theme's background fills most of the frame
    assert int(top.sum()) < 3 * 80
