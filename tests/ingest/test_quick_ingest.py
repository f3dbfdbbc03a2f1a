"""`onbrand ingest` on an unchanged folder: the saved summary, printed without loading the design
system, only while nothing changed (edit, add, delete, rename, another mode, --force)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import onbrand.cli as cli
from ingest.quick import save_summary, saved_summary
from onbrand.quick_ingest import schema

ROOT = Path(__file__).resolve().parents[2]
HARBOR = ROOT / "sample_design_systems" / "harbor"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Harbor's tokens (two modes), logo and README: a folder that ingests in a few seconds."""
    dst = tmp_path / "ds"
    shutil.copytree(HARBOR / "tokens", dst / "tokens")
    shutil.copy(HARBOR / "logo.svg", dst / "logo.svg")
    shutil.copy(HARBOR / "README.md", dst / "README.md")
    return dst


@pytest.fixture
def slow_calls(monkeypatch):
    """How many times the ordinary (loading) ingest path ran."""
    calls = []
    real = cli._ingest

    def spy(*a, **kw):
        calls.append(a)
        return real(*a, **kw)

    monkeypatch.setattr(cli, "_ingest", spy)
    return calls


def _ingest(folder: Path, *extra: str) -> dict:
    res = CliRunner().invoke(cli.main, ["ingest", str(folder), "--json", *extra])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def _later(p: Path) -> None:
    st = p.stat()
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


def test_unchanged_folder_prints_the_saved_summary_without_loading(small, slow_calls):
    first = _ingest(small)
    assert first["read"] > 0 and not first["store_reused"] and len(slow_calls) == 1
    again = _ingest(small)
    assert len(slow_calls) == 1  # the saved summary, not the store's design system
    assert again["store_reused"] and again["read"] == 0 and again["reused"] == again["files"]
    # what the ordinary unchanged path prints, field for field
    for p in (small / ".onbrand").glob("g-*/summary-*.json"):
        p.unlink()
    ordinary = _ingest(small)
    assert len(slow_calls) == 2
    assert {k: v for k, v in again.items() if k != "seconds"} == {k: v for k, v in ordinary.items() if k != "seconds"}
    _ingest(small)
    assert len(slow_calls) == 2  # the ordinary path saved the summary again


@pytest.mark.parametrize("change", ["edit", "touch", "add", "delete", "rename"])
def test_any_change_in_the_folder_takes_the_ordinary_path(small, slow_calls, change):
    first = _ingest(small)
    tokens = small / "tokens" / "harbor.tokens.json"
    if change == "edit":
        doc = json.loads(tokens.read_text())
        doc.setdefault("color", {})["signal"] = {"$type": "color", "$value": "#7a3ee0"}
        tokens.write_text(json.dumps(doc))
        _later(tokens)
    elif change == "touch":
        _later(small / "README.md")
    elif change == "add":
        (small / "notes.md").write_text("# Notes\n\nButtons use sentence case.\n")
    elif change == "delete":
        (small / "logo.svg").unlink()
    else:
        (small / "README.md").rename(small / "GUIDE.md")
    after = _ingest(small)
    assert len(slow_calls) == 2
    assert not after["store_reused"]
    if change == "edit":
        assert after["tokens"] == first["tokens"] + 1 and after["read"] >= 1
    if change == "add":
        assert after["files"] == first["files"] + 1
    if change == "delete":
        assert after["files"] == first["files"] - 1 and after["logo"] is None
    if change == "rename":
        assert after["files"] == first["files"]
    _ingest(small)
    assert len(slow_calls) == 2  # and the new state is remembered in turn


def test_another_mode_or_force_takes_the_ordinary_path(small, slow_calls):
    light = _ingest(small)
    dark = _ingest(small, "--mode", "theme=dark")
    assert len(slow_calls) == 2 and dark["mode"] == {"theme": "dark"} and light["mode"] != dark["mode"]
    again = _ingest(small, "--mode", "theme=dark")
    assert len(slow_calls) == 2  # each mode has its own saved summary
    assert again["mode"] == {"theme": "dark"} and again["palette"] == dark["palette"] and again["store_reused"]
    forced = _ingest(small, "--force")
    assert len(slow_calls) == 3 and forced["read"] == forced["files"]


def test_another_store_path_or_a_damaged_summary_takes_the_ordinary_path(small, slow_calls, tmp_path):
    _ingest(small)
    _ingest(small, "--store", str(tmp_path / "elsewhere"))
    assert len(slow_calls) == 2
    for p in (small / ".onbrand").glob("g-*/summary-*.json"):
        p.write_text("{not json")
    _ingest(small)
    assert len(slow_calls) == 3


def test_a_summary_is_kept_only_for_the_generation_it_describes(small):
    _ingest(small)
    manifest = json.loads((small / ".onbrand" / "manifest.json").read_text())
    key = (small, None, {}, schema())
    assert saved_summary(*key) is not None
    # another process saved the store since: a summary of the older state is not kept
    assert save_summary(*key, {"files": 0}, generation="g-" + "0" * 16) is None
    assert saved_summary(*key)["files"] > 0
    assert save_summary(*key, {"files": 7}, generation=manifest["generation"]) is not None
    assert saved_summary(*key) == {"files": 7}
    # the schema (what printed it) is part of the key
    assert saved_summary(small, None, {}, schema() + "-other") is None


@pytest.mark.timeout(300)
def test_unchanged_ingest_imports_neither_pydantic_nor_numpy(small):
    """The fast path as a fresh process: the summary printed, no heavy module imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = ("import atexit, sys\n"
             "atexit.register(lambda: sys.stderr.write('\\nMODS=' + ','.join(sorted(m for m in sys.modules "
             "if m.split('.')[0] in ('pydantic', 'numpy', 'torch', 'cairocffi', 'faiss', 'ingest')))))\n"
             "sys.argv = ['onbrand'] + sys.argv[1:]\n"
             "from onbrand.cli import main\n"
             "main()\n")
    cmd = [sys.executable, "-c", child, "ingest", str(small), "--json"]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    assert "pydantic" in first.stderr.split("MODS=")[-1]  # the first ingest loads everything
    again = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    mods = again.stderr.split("MODS=")[-1].strip().split(",")
    assert not [m for m in mods if m.split(".")[0] in ("pydantic", "numpy", "torch", "cairocffi", "faiss")], mods
    assert set(mods) <= {"ingest", "ingest.quick", "ingest.walk", "ingest.cache"}, mods
    assert json.loads(again.stdout)["store_reused"] is True
