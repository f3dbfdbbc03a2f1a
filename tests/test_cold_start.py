"""What a fresh process pays: `onbrand --version` imports nothing heavy, and the disk caches
behind a cold `onbrand generate` (ingest.cache and its users) are bounded and miss when what
they were keyed on changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.cache import DiskCache, content_digest, file_fingerprint

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """Every disk cache of this test in its own folder."""
    monkeypatch.setenv("ONBRAND_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("ONBRAND_NO_DISK_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.mark.timeout(120)
def test_version_imports_neither_torch_nor_cairo_nor_numpy():
    child = ("import sys\n"
             "sys.argv = ['onbrand', '--version']\n"
             "from onbrand.cli import main\n"
             "try:\n"
             "    main()\n"
             "finally:\n"
             "    heavy = {'torch', 'numpy', 'cairocffi', 'cairosvg', 'pydantic', 'PIL', 'faiss', 'fontTools'}\n"
             "    sys.stderr.write('HEAVY=' + ','.join(sorted({m.split('.')[0] for m in sys.modules} & heavy)))\n")
    res = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=100)
    assert res.returncode == 0, res.stderr
    assert "version" in res.stdout
    assert res.stderr.rsplit("HEAVY=", 1)[-1].strip() == ""


def test_disk_cache_round_trip_and_bound(cache_home):
    c = DiskCache("t", max_entries=3)
    assert c.get("a") is None
    for i, k in enumerate("abcde"):
        assert c.put(k, f"value {k}".encode()) is not None
        p = c.path_of(k)
        os.utime(p, ns=(i * 10**9, i * 10**9))  # written in this order
    assert len(c.entries()) == 3  # bounded: the oldest went
    assert c.get("a") is None and c.get("b") is None
    assert c.get("e") == b"value e" and c.get("c") == b"value c"
    assert c.get("e2") is None  # another key misses


def test_disk_cache_off_and_unwritable(cache_home, monkeypatch, tmp_path):
    c = DiskCache("t")
    monkeypatch.setenv("ONBRAND_NO_DISK_CACHE", "1")
    assert c.put("k", b"v") is None and c.get("k") is None
    monkeypatch.delenv("ONBRAND_NO_DISK_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ONBRAND_CACHE", str(blocker))
    assert c.put("k", b"v") is None and c.get("k") is None  # costs time, never an error


def test_file_identity_changes_with_the_file(tmp_path, cache_home):
    p = tmp_path / "w.bin"
    p.write_bytes(b"one")
    before, digest = file_fingerprint(p), content_digest(p)
    assert content_digest(p) == digest  # remembered
    p.write_bytes(b"two!")
    assert file_fingerprint(p) != before and content_digest(p) != digest
    assert file_fingerprint(tmp_path / "missing") is None


def test_prompt_states_are_kept_on_disk_under_the_encoder_identity(cache_home, monkeypatch):
    from conditioning import prompt as P

    P._cache.clear()
    tokens, vec = P.encode_prompt("checkout page with order summary")
    disk = P._DiskPrompts()
    hit = disk.get(P.prompt_key("checkout page with order summary"))
    assert hit is not None and np.array_equal(hit[0], tokens) and np.array_equal(hit[1], vec)
    # a fresh process (empty memory cache) gets the very same arrays without the encoder
    P._cache.clear()
    monkeypatch.setattr("ingest.encoders.MiniLMTextEncoder.token_arrays",
                        lambda *a, **k: pytest.fail("the encoder ran on a disk hit"))
    t2, v2 = P.encode_prompt("checkout   page with order summary")
    assert np.array_equal(t2, tokens) and np.array_equal(v2, vec) and not t2.flags.writeable
    # another encoder identity (new weights, another backend) is a miss
    monkeypatch.setattr(P, "encoder_identity", lambda encoder=None: "other weights")
    assert P._DiskPrompts().get(P.prompt_key("checkout page with order summary")) is None
    P._cache.clear()


def test_encoder_identity_follows_weights_and_backend(cache_home, monkeypatch, tmp_path):
    from conditioning.prompt import encoder_identity

    class Enc:
        name, device, backend = "st:x", "cpu", "native"

        def __init__(self, path):
            self.path = path

    folder = tmp_path / "enc"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "model.safetensors").write_bytes(b"weights v1")
    a = encoder_identity(Enc(folder))
    assert encoder_identity(Enc(folder)) == a
    (folder / "model.safetensors").write_bytes(b"weights v2")
    b = encoder_identity(Enc(folder))
    assert b != a
    monkeypatch.setenv("ONBRAND_INFERENCE", "torch")
    assert encoder_identity(Enc(folder)) not in (a, b)


def test_font_answers_are_remembered_per_file_version(cache_home, tmp_path):
    import shutil

    from engine.render import text as T

    from ingest.fonts import installed_fonts

    src = Path(next(f[3] for f in installed_fonts() if f[3].endswith((".ttf", ".otf"))))
    font = tmp_path / "f.ttf"
    shutil.copy(src, font)
    calls = []

    def compute():
        calls.append(1)
        return "broken"

    assert T._font_memo("check", str(font), compute) == "broken"
    assert T._font_memo("check", str(font), compute) == "broken" and len(calls) == 1
    font.write_bytes(font.read_bytes() + b"\0")  # another version of the file
    assert T._font_memo("check", str(font), lambda: None) is None
    info = T.load_font(str(font)).face
    assert T.FaceInfo(*T._font_memo("face", str(font), lambda: pytest.fail("recomputed"))) == info


def test_svg_rasters_are_kept_by_content_and_size(cache_home, tmp_path):
    from engine.render import canvas as C

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="5" fill="#c00"/></svg>'
    png = C._svg_png(svg, 20, 20)
    assert png.startswith(b"\x89PNG") and len(DiskCache("svg-raster", suffix=".png").entries()) == 1
    assert C._svg_png(svg, 20, 20) == png
    C._svg_png(svg, 40, 40)
    C._svg_png(svg.replace(b"#c00", b"#00c"), 20, 20)
    assert len(DiskCache("svg-raster", suffix=".png").entries()) == 3  # size and content are the key


@pytest.mark.timeout(300)
def test_cairo_declarations_cached_module_draws_the_same(cache_home):
    """A process that imports cairocffi from the cached out-of-line declarations draws the same
    pixels as one that parses them."""
    child = ("import sys, hashlib\n"
             "from ingest.cairo_ffi import import_cairocffi\n"
             "cairo = import_cairocffi()\n"
             "s = cairo.ImageSurface(cairo.FORMAT_ARGB32, 64, 48)\n"
             "c = cairo.Context(s)\n"
             "c.set_source_rgb(0.1, 0.5, 0.8); c.arc(30, 20, 15, 0, 6.283); c.fill()\n"
             "c.set_source_rgb(0.9, 0.2, 0.1); c.rectangle(5, 30, 50, 10); c.stroke()\n"
             "s.flush()\n"
             "print(type(cairo.ffi).__module__, hashlib.sha256(bytes(s.get_data())).hexdigest())\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ONBRAND_CACHE": str(cache_home)}
    runs = [subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, env=env, timeout=200)
            for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    (first_kind, first_hash), (second_kind, second_hash) = (r.stdout.split() for r in runs)
    assert first_kind == "cffi.api"  # parsed, then written to the cache
    assert second_kind != "cffi.api"  # the cached, precompiled declarations
    assert first_hash == second_hash
    # a damaged entry is ignored: the ordinary import still works
    for p in (cache_home / "cairo-ffi").iterdir():
        p.write_text("raise RuntimeError('damaged')\n# -- pixbuf --\n")
    third = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, env=env, timeout=200)
    assert third.returncode == 0, third.stderr
    assert third.stdout.split()[1] == first_hash
