"""Throughput of the readers on generated inputs: PDF pages/s, SVG files/s, raster files/s, tokens/s.

    python -m benchmarks.bench_readers [--runs 5] [--json]

Inputs are generated in a temporary folder: a 20-page brand guide (swatches, colour specs,
specimens, one embedded image per page), 40 SVGs (logo-like and icon-like) and 20 PNG/JPEG
screenshots of 1280×800, and a DTCG token file of 20,000 tokens (10,000 colours in several
colour spaces and 10,000 aliases), read, layered and resolved. Each figure is the median of `--runs` timed runs after one warm-up.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import tempfile
import time
from pathlib import Path


def _make_pdf(path: Path, pages: int) -> None:
    import pymupdf
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (400, 300), "#f2643f").save(buf, format="PNG")
    img = buf.getvalue()
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page(width=595, height=842)
        page.insert_text((50, 60), f"Section {i + 1}: colour and type", fontsize=22, fontname="hebo")
        for j in range(6):
            x = 50 + (j % 3) * 170
            y = 100 + (j // 3) * 120
            rgb = ((i * 37 + j * 53) % 256, (j * 91) % 256, (i * 13 + 120) % 256)
            page.draw_rect(pymupdf.Rect(x, y, x + 140, y + 70), color=None, fill=tuple(v / 255 for v in rgb))
            page.insert_text((x, y + 85), "Swatch {}  HEX #{:02X}{:02X}{:02X}  RGB {} {} {}".format(j, *rgb, *rgb),
                             fontsize=8)
        page.insert_text((50, 400), "Heading 32/40", fontsize=32)
        page.insert_text((50, 450), "Body text is set in 16 px for reading. " * 2, fontsize=12)
        page.insert_image(pymupdf.Rect(50, 500, 250, 650), stream=img)
    doc.save(str(path))


def _make_svgs(folder: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        if i % 2:
            body = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#{i:02x}5e71">'
                    '<path d="M4 4h16v16H4z"/><circle cx="12" cy="12" r="4"/></svg>')
            p = folder / "icons" / f"icon-{i}.svg"
        else:
            body = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 40"><rect width="40" height="40" '
                    f'rx="8" fill="#0e5e{i:02x}"/><circle cx="20" cy="15" r="5" fill="#f2643f"/>'
                    '<text x="50" y="28" font-family="Manrope" fill="#123f4c">harbor</text></svg>')
            p = folder / f"logo-{i}.svg"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body)
        paths.append(p)
    return paths


def _make_rasters(folder: Path, n: int) -> list[Path]:
    from PIL import Image, ImageDraw

    paths = []
    for i in range(n):
        im = Image.new("RGB", (1280, 800), "#ffffff")
        d = ImageDraw.Draw(im)
        d.rectangle((0, 0, 240, 800), fill="#0e5e71")
        for r in range(8):
            d.rectangle((280, 40 + r * 90, 1240, 110 + r * 90), fill=("#f4f6f8", "#f2643f")[(r + i) % 5 == 0])
            d.text((300, 60 + r * 90), f"Row {r} of screen {i}", fill="#111827")
        p = folder / f"screen-{i}.{'png' if i % 2 else 'jpg'}"
        im.save(p)
        paths.append(p)
    return paths


def _median_rate(fn, count: int, runs: int) -> float:
    fn()  # warm-up: imports and caches
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return count / statistics.median(times)


def _make_tokens(path: Path, n: int) -> None:
    half = n // 2
    colors = {}
    for i in range(half):
        if i % 2:
            colors[f"c{i}"] = {"$value": f"#{(i * 2654435761) % 0xFFFFFF:06x}"}
        else:
            colors[f"c{i}"] = {"$value": {"colorSpace": "oklch", "components": [0.5 + (i % 40) / 100, 0.1, i % 360]}}
    aliases = {f"a{i}": {"$value": f"{{color.c{i}}}", "$description": "semantic alias"} for i in range(half)}
    path.write_text(json.dumps({"color": {"$type": "color", **colors}, "alias": {"$type": "color", **aliases}}))


def _read_tokens(path: Path) -> int:
    from ingest.tokens import build_token_set, parse_token_file

    tokens, failed = build_token_set([parse_token_file(path, path.name)]).resolve()
    assert not failed
    return len(tokens)


def run(runs: int = 5, pdf_pages: int = 20, svgs: int = 40, rasters: int = 20,
        tokens: int = 20_000) -> dict[str, float]:
    from ingest.pdf import read_pdf
    from ingest.raster import read_raster
    from ingest.svg import read_svg

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pdf = root / "guide.pdf"
        _make_pdf(pdf, pdf_pages)
        svg_paths = _make_svgs(root, svgs)
        raster_paths = _make_rasters(root, rasters)
        token_file = root / "big.tokens.json"
        _make_tokens(token_file, tokens)

        def rel(p: Path) -> str:
            return str(p.relative_to(root))

        return {
            "pdf_pages_per_s": round(_median_rate(lambda: read_pdf(pdf, "guide.pdf"), pdf_pages, runs), 1),
            "svg_files_per_s": round(
                _median_rate(lambda: [read_svg(p, rel(p), root) for p in svg_paths], svgs, runs), 1),
            "raster_files_per_s": round(
                _median_rate(lambda: [read_raster(p, rel(p)) for p in raster_paths], rasters, runs), 1),
            "tokens_per_s": round(_median_rate(lambda: _read_tokens(token_file), tokens, runs), 1),
        }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs per reader (median reported)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    figures = run(runs=args.runs)
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:>20}: {v}")


if __name__ == "__main__":
    main()
