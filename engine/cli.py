"""The `onbrand` command line: ingest, generate, eval.

Exit codes: 0 success; 2 usage errors (bad arguments, missing folder, no usable tokens);
3 when ingest skipped some files (the store still holds the rest). Errors are one line on
stderr, never a traceback. Every command has ``--json`` for a machine-readable result.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

EXIT_USAGE = 2
EXIT_PARTIAL = 3


class _Fail(click.ClickException):
    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"onbrand: error: {self.format_message()}", err=True)


def _size(value: str | None) -> tuple[int, int]:
    if value is None:
        return (3840, 2160)
    try:
        w, h = (int(v) for v in value.lower().split("x"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not WIDTHxHEIGHT, e.g. 3840x2160") from None
    if not (64 <= w <= 16384 and 64 <= h <= 16384):
        raise click.BadParameter(f"{value!r}: each side must be 64–16384 pixels")
    return w, h


def _load_ds(folder: str, store: str | None):
    from ingest import IngestError, default_store, load_or_ingest

    try:
        return load_or_ingest(folder, store)
    except IngestError as e:
        raise _Fail(str(e)) from None
    except OSError as e:
        where = store or default_store(folder)
        raise _Fail(f"{where}: cannot write the store ({e.strerror}); pass --store PATH") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onbrand")
def main() -> None:
    """onbrand: on-brand UI mocks at native 4K from a design-system folder.

    \b
    Typical use:
      onbrand ingest ./my-design-system          # read tokens, fonts, logo, icons
      onbrand generate ./my-design-system "checkout page with order summary" --out mock.png
      onbrand eval ./my-design-system mock.png   # how on-palette is an image?
    """


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--store", type=click.Path(), help="Where to keep the store (default: FOLDER/.onbrand/).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
def ingest(folder: str, store: str | None, as_json: bool) -> None:
    """Read a design-system folder into a DesignSystem and save its store.

    Token files (DTCG JSON) give the palette, type scale, spacing, radii and shadows; SVGs
    named *logo* become the logo and SVGs under icons/ the icon set; fonts named by the
    tokens are resolved to files in the folder, installed font packages or a fallback.
    Files that cannot be read are listed with a reason and the rest is still ingested
    (exit code 3).
    """
    from ingest import IngestError, default_store, ingest_folder, save_store

    t0 = time.perf_counter()
    try:
        ds = ingest_folder(folder)
    except IngestError as e:
        raise _Fail(str(e)) from None
    store_path = Path(store) if store else default_store(folder)
    try:
        save_store(ds, store_path)
    except OSError as e:
        raise _Fail(f"{store_path}: cannot write the store ({e.strerror}); pass --store PATH") from None
    secs = round(time.perf_counter() - t0, 3)
    summary = {
        "folder": str(Path(folder).resolve()),
        "store": str(store_path.resolve()),
        "files": len(ds.files),
        "ingested": len(ds.files) - len([f for f in ds.failed if f.path in ds.files]),
        "failed": [f.model_dump() for f in ds.failed],
        "tokens": ds.token_count,
        "colors": len(ds.colors),
        "palette": [{"role": r.role, "hex": r.hex, "reason": r.reason} for r in ds.roles],
        "type_scale": [{"name": t.name, "family": t.family, "size": t.size, "weight": t.weight} for t in ds.type_scale],
        "spacing": ds.spacing_px(),
        "radii": {d.name: d.px for d in ds.radii},
        "fonts": [{"family": f.family, "weight": f.weight, "path": f.path, "origin": f.origin} for f in ds.fonts],
        "logo": ds.logo.source.file if ds.logo else None,
        "icons": len(ds.icons),
        "warnings": ds.warnings,
        "seconds": secs,
    }
    if as_json:
        click.echo(json.dumps(summary, indent=2))
    else:
        _print_ingest(summary)
    if ds.failed:
        sys.exit(EXIT_PARTIAL)


def _print_ingest(s: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console(stderr=False, highlight=False)
    con.print(f"[bold]{s['folder']}[/]: {s['files']} files, {s['tokens']} tokens, {s['colors']} colours, "
              f"{len(s['type_scale'])} type styles, {s['icons']} icons in {s['seconds']} s")
    t = Table(title="Palette roles", show_lines=False)
    t.add_column("role")
    t.add_column("hex")
    t.add_column("from")
    for p in s["palette"]:
        t.add_row(p["role"], f"[on {p['hex']}]    [/] {p['hex']}", p["reason"])
    con.print(t)
    fams = sorted({f["family"] + f" ({f['origin']})" for f in s["fonts"]})
    con.print("Fonts: " + ", ".join(fams))
    for w in s["warnings"]:
        con.print(f"[yellow]warning:[/] {w}")
    for f in s["failed"]:
        con.print(f"[red]skipped[/] {f['path']}: {f['reason']}")
    con.print(f"Store: {s['store']}")


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("prompt")
@click.option("--out", "-o", type=click.Path(dir_okay=False), default="mock.png", show_default=True,
              help="Image to write; the .svg and .scene.json land beside it.")
@click.option("--size", help="WIDTHxHEIGHT in pixels; overrides the device's size.")
@click.option("--device", type=click.Choice(["desktop", "tablet", "mobile"]),
              help="Layout and preset size: desktop 3840x2160, tablet 2732x2048, mobile 1290x2796. "
                   "[default: desktop, or from the shape of --size]")
@click.option("--format", "fmt", type=click.Choice(["png", "jpeg", "webp"]),
              help="Image format (default: from --out's suffix, else png).")
@click.option("--mode", help="Design-system mode to render, e.g. dark (passed to the engine).")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same pixels.")
@click.option("--store", type=click.Path(), help="Store location (default: FOLDER/.onbrand/).")
@click.option("--json", "as_json", is_flag=True, help="Print paths, timings and warnings as JSON.")
def generate(folder: str, prompt: str, out: str, size: str | None, device: str | None, fmt: str | None,
             mode: str | None, seed: int, store: str | None, as_json: bool) -> None:
    """Generate an on-brand UI mock for PROMPT from the design system in FOLDER.

    The mock is drawn as vectors at the requested size (no upscaling) with only the system's
    colours, fonts, radii and spacing, and its logo and icons.
    """
    from engine.api import FORMATS, Engine

    from engine.compose import DEVICES, device_for_size

    wh = _size(size) if size else DEVICES[device or "desktop"][0]
    device = device or (device_for_size(*wh) if size else "desktop")
    suffix = Path(out).suffix.lower().lstrip(".")
    if fmt:
        if suffix and suffix in FORMATS and FORMATS[suffix] != FORMATS[fmt]:
            raise _Fail(f"{out}: the suffix .{suffix} does not match --format {fmt}")
        if suffix not in FORMATS:
            out = str(Path(out).with_suffix(".jpg" if fmt == "jpeg" else f".{fmt}"))
        suffix = fmt
    if suffix not in FORMATS:
        raise _Fail(f"{out}: unknown image format {suffix!r} (use .png, .jpg or .webp, or --format)")
    if not prompt.strip():
        raise _Fail("the prompt is empty; describe the screen, e.g. \"checkout page with order summary\"")
    t0 = time.perf_counter()
    ds, store_path, cached = _load_ds(folder, store)
    engine = Engine(ds, time.perf_counter() - t0)
    gen = engine.generate(prompt, seed=seed, size=wh, device=device, format=suffix, mode=mode)
    try:
        paths = gen.save(out)
    except OSError as e:
        raise _Fail(f"{out}: cannot write ({e.strerror})") from None
    result = {
        **paths,
        "size": list(wh),
        "device": device,
        "format": FORMATS[suffix].lower(),
        "archetype": gen.scene.archetype,
        "elements": sum(1 for _ in gen.scene.walk()),
        "timings": gen.timings,
        "store": str(store_path),
        "store_cached": cached,
        "warnings": gen.warnings,
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(f"wrote {paths['image']} ({wh[0]}×{wh[1]}, {gen.scene.archetype}) "
                   f"+ {Path(paths['svg']).name} + {Path(paths['scene']).name}")
        tim = ", ".join(f"{k} {v:.3f}s" for k, v in gen.timings.items())
        click.echo(f"timings: {tim}")
        for w in gen.warnings:
            click.echo(f"warning: {w}", err=True)


@main.command(name="eval")
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("images", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--store", type=click.Path(), help="Store location (default: FOLDER/.onbrand/).")
@click.option("--threshold", type=float, default=3.0, show_default=True, help="CIEDE2000 tolerance.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(folder: str, images: tuple[str, ...], store: str | None, threshold: float, as_json: bool) -> None:
    """Score how closely IMAGES follow the design system in FOLDER.

    palette_adherence is the share of pixels within CIEDE2000 <= 3 of a design-system colour;
    anti-aliased edge pixels (off-palette blends between two differing neighbours) are left
    out. The largest off-palette colours are listed with their share of the image.
    """
    from eval import palette_adherence

    ds, _, _ = _load_ds(folder, store)
    palette = {r.role: r.hex for r in ds.roles}
    for c in ds.colors:
        if c.alpha >= 0.999:
            palette.setdefault(c.name, c.hex)
    results = []
    for img in images:
        p = Path(img)
        if not p.is_file():
            raise _Fail(f"{img}: no such image")
        try:
            rep = palette_adherence(p, palette, threshold=threshold)
        except Exception as e:  # unreadable or hostile image
            raise _Fail(f"{img}: cannot score this image ({str(e).splitlines()[0] if str(e) else type(e).__name__})") from None
        results.append({"image": str(p), **rep.model_dump()})
    if as_json:
        click.echo(json.dumps({"design_system": ds.name, "images": results}, indent=2))
        return
    for r in results:
        click.echo(f"{r['image']}: palette_adherence {r['palette_adherence']:.4f}")
        for o in r["off_palette"][:5]:
            click.echo(f"  off-palette {o['hex']} {o['share'] * 100:.3f}% (nearest {o['nearest_hex']}, "
                       f"ΔE {o['delta_e']:.1f})")


if __name__ == "__main__":  # pragma: no cover
    main()
