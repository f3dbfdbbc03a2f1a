"""`onbrand eval` and `onbrand eval-suite`: JSON, brand identification, reports, bad input."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from onbrand.cli import main


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def systems(tmp_path_factory):
    """Writable copies of the three sample systems (their stores stay out of the repo)."""
    root = tmp_path_factory.mktemp("systems")
    out = []
    for s in ("harbor", "ember", "grove"):
        shutil.copytree(SAMPLES / s, root / s, ignore=shutil.ignore_patterns(".onbrand*"))
        out.append(root / s)
    return out


def test_eval_against_identifies_and_reports(systems, tmp_path) -> None:
    _, ember, grove = systems
    mock = tmp_path / "m.png"
    assert _run("generate", ember, "sales dashboard", "--out", mock, "--size", "1280x720").exit_code == 0
    screen = tmp_path / "screen.png"
    shutil.copy(SAMPLES / "grove" / "screens" / "list.png", screen)
    report = tmp_path / "out" / "report.html"
    args = ["eval", ember, mock, screen, "--json", "--report", report]
    for s in systems:
        args += ["--against", s]
    r = _run(*args)
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    by = {i["image"]: i for i in res["images"]}
    assert by[str(mock)]["identified"] == str(ember), by[str(mock)]["brand_scores"]
    assert by[str(mock)]["margin"] > 0.05
    assert by[str(screen)]["identified"] == str(grove)
    assert by[str(mock)]["contrast"]["method"] == "scene"
    assert by[str(screen)]["contrast"]["method"] == "detected"
    assert "typography_adherence" in by[str(mock)] and "typography_adherence" not in by[str(screen)]
    assert "primary" in by[str(mock)]["roles_present"]
    page = report.read_text()
    thumbs = re.findall(r"data:image/(?:png|jpeg);base64,([A-Za-z0-9+/=]+)", page)
    assert len(thumbs) >= 3  # two thumbnails and the plots
    assert base64.b64decode(thumbs[0])[:3] in (b"\xff\xd8\xff", b"\x89PN")
    assert "Brand identification" in page and "src='http" not in page
    assert "Brand confusion matrix" not in page  # the true system of a loose image is unknown
    figures = json.loads(report.with_suffix(".json").read_text())
    assert [i["identified"] for i in figures["images"]] == [str(ember), str(grove)]


def test_eval_bad_images_are_one_line_and_others_scored(systems, tmp_path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png at all")
    good = tmp_path / "ok.png"
    shutil.copy(SAMPLES / "harbor" / "screens" / "sign-in.png", good)
    p = subprocess.run([sys.executable, "-m", "onbrand.cli", "eval", str(systems[0]), str(bad), str(good),
                        str(tmp_path / "missing.png")], capture_output=True, text=True, cwd=ROOT, check=False)
    assert p.returncode == 3
    assert "Traceback" not in p.stderr
    errs = p.stderr.strip().splitlines()
    assert len(errs) == 2 and str(bad) in errs[0] and "missing.png" in errs[1]
    assert "ok.png: palette_adherence" in p.stdout


def test_eval_suite_cli(systems, tmp_path) -> None:
    prompts = tmp_path / "p.jsonl"
    prompts.write_text('{"prompt": "admin table of orders", "device": "desktop", "requires": {"table": 1}}\n'
                       '{"prompt": "sign in page", "device": "mobile", "requires": {"input": 2}}\n')
    r = _run("eval-suite", "--systems", systems[0], systems[1], "--prompts", prompts, "--size", "960x540",
             "--report", tmp_path / "suite.html", "--json")
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    ran = [s for s in res["samplers"] if s["available"] == "yes"]
    proc = next(s for s in ran if s["sampler"] == "procedural")
    assert all(s["generations"] == 4 for s in ran) and proc["faithfulness"] == 1.0
    page = (tmp_path / "suite.html").read_text()
    assert page.count("Samplers side by side") == 1 and "Brand confusion matrix" in page
    figures = json.loads((tmp_path / "suite.json").read_text())
    per_system = 2 * len(ran)  # two prompts for each sampler that ran
    assert figures["confusion"]["matrix"] == [[per_system, 0], [0, per_system]]  # each system's mocks identify it


def test_eval_suite_bad_prompts_file(systems, tmp_path) -> None:
    prompts = tmp_path / "p.jsonl"
    prompts.write_text('{"prompt": "x", "device": "fridge"}\n')
    p = subprocess.run([sys.executable, "-m", "onbrand.cli", "eval-suite", "--systems", str(systems[0]),
                        "--prompts", str(prompts)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert f"{prompts}:1" in p.stderr and len(p.stderr.strip().splitlines()) == 1
