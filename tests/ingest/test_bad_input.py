"""Hostile and broken files: each is reported with a one-line reason and the rest is ingested."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from ingest import ingest_folder

from conftest import ROOT

GOOD_TOKENS = {
    "color": {
        "$type": "color",
        "brand": {"$value": "#0e5e71"},
        "paper": {"$value": "#ffffff"},
        "ink": {"$value": "#131d2a"},
    }
}


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A small PNG whose header claims 10 gigapixels (what a decompression bomb looks like)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4096)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def _pdf_bytes(password: str | None = None) -> bytes:
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Brand guide: primary HEX #0E5E71")
    if password:
        return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=password, owner_pw=password + "!")
    return doc.tobytes()


HOSTILE: dict[str, bytes] = {
    "svg/xxe.svg": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    "svg/laughs.svg": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                      b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
                      b'<svg xmlns="http://www.w3.org/2000/svg"><text>&d;</text></svg>',
    "svg/file-href.svg": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                         b'<image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>',
    "svg/http-href.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://example.com/a.png"'
                         b' width="10" height="10"/></svg>',
    "svg/huge.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="10000000" height="10000000">'
                    b'<rect width="10" height="10" fill="#f00"/></svg>',
    "svg/not-svg.svg": b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR",
    "images/bomb.png": bomb_png(),
    "images/corrupt.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
    "guides/truncated.pdf": b"",  # filled in below
    "guides/encrypted.pdf": b"",
    "tokens/cycle.tokens.json": json.dumps({"a": {"$type": "color", "$value": "{b}"}, "b": {"$value": "{c}"},
                                            "c": {"$value": "{a}"}}).encode(),
    "tokens/dangling.tokens.json": json.dumps({"x": {"$type": "color", "$value": "{nowhere.at.all}"}}).encode(),
    "tokens/deep.tokens.json": b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
    "tokens/truncated.tokens.json": b'{"color": {"x": {"$type": "color", "$value": "#fff',
    "tokens/code.tokens.json": json.dumps({"size": {"$type": "dimension",
                                                    "$value": "__import__('os').system('touch /tmp/pwned') * 2"},
                                           "big": {"$type": "number", "$value": "{size} ** 99999999"}}).encode(),
    "tokens/empty.tokens.json": b"",
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    (root / "tokens").mkdir(parents=True)
    (root / "tokens" / "good.tokens.json").write_text(json.dumps(GOOD_TOKENS))
    files = dict(HOSTILE)
    pdf = _pdf_bytes()
    files["guides/truncated.pdf"] = pdf[: len(pdf) // 3]
    files["guides/encrypted.pdf"] = _pdf_bytes(password="secret")
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    outside = tmp_path / "outside.tokens.json"
    outside.write_text(json.dumps({"secret": {"$type": "color", "$value": "#abcdef"}}))
    os.symlink(outside, root / "tokens" / "link.tokens.json")
    # a file name that is not UTF-8 (Linux allows any bytes but / and NUL)
    with open(os.fsencode(root / "tokens") + b"/caf\xe9.tokens.json", "wb") as f:
        f.write(json.dumps({"accent": {"$type": "color", "$value": "#d94f30"}}).encode())
    return root


def test_every_hostile_file_is_reported_and_the_rest_ingested(hostile):
    ds = ingest_folder(hostile)
    failed = {f.path: f.reason for f in ds.failed}
    expected = [rel for rel in HOSTILE] + ["tokens/link.tokens.json"]
    for rel in expected:
        assert rel in failed, f"{rel} not reported; failed: {sorted(failed)}"
    for rel, reason in failed.items():
        assert reason and "\n" not in reason and "Traceback" not in reason, (rel, reason)
        assert len(reason) < 300, (rel, reason)
    # specific reasons a user can act on
    assert " -> " in failed["tokens/cycle.tokens.json"]
    for name in ("a", "b", "c"):
        assert name in failed["tokens/cycle.tokens.json"]
    assert "nowhere.at.all" in failed["tokens/dangling.tokens.json"]
    assert "deep" in failed["tokens/deep.tokens.json"] or "nested" in failed["tokens/deep.tokens.json"]
    assert "empty" in failed["tokens/empty.tokens.json"]
    assert "outside" in failed["tokens/link.tokens.json"]
    assert "encrypt" in failed["guides/encrypted.pdf"].lower() or "password" in failed["guides/encrypted.pdf"].lower()
    assert not Path("/tmp/pwned").exists()
    # the good tokens (and the oddly named file) are still there
    hexes = {c.hex for c in ds.colors}
    assert {"#0e5e71", "#ffffff", "#131d2a", "#d94f30"} <= hexes
    assert "#abcdef" not in hexes  # the symlink target outside the folder was not read
    assert ds.role("primary") == "#0e5e71" or "#0e5e71" in ds.palette_hexes()


def test_cli_exit_code_3_and_no_traceback(hostile, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "onbrand.cli", "ingest", str(hostile), "--store", str(tmp_path / "st"),
                        "--json"], capture_output=True, text=True, env=env, timeout=240)
    assert r.returncode == 3, r.stderr
    assert "Traceback" not in r.stderr
    s = json.loads(r.stdout)
    assert s["ingested"] >= 2 and len(s["failed"]) >= len(HOSTILE)
    assert all(set(f) == {"path", "reason"} for f in s["failed"])
    assert (tmp_path / "st" / "manifest.json").is_file()
