"""The `onbrand` command line: ingest, generate, eval, inspect.

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


def _modes(values: tuple[str, ...]) -> dict[str, str]:
    """``("theme=dark", "density=compact")`` -> {"theme": "dark", "density": "compact"}."""
    out: dict[str, str] = {}
    for v in values:
        key, sep, val = v.partition("=")
        if not sep or not key.strip() or not val.strip():
            raise click.BadParameter(f"{v!r} is not NAME=OPTION, e.g. theme=dark", param_hint="--mode")
        out[key.strip()] = val.strip()
    return out


def _mode_option(f):
    return click.option(
        "--mode", "modes", multiple=True, metavar="NAME=OPTION",
        help="Select a mode of the system, e.g. --mode theme=dark (repeatable). "
             "`onbrand ingest --json` lists the modes a system has.")(f)


def _store_option(f):
    return click.option("--store", type=click.Path(), help="Store location (default: FOLDER/.onbrand/).")(f)


class _ProgressBar:
    """A progress bar on stderr that appears only when work takes more than half a second."""

    def __init__(self, label: str, enabled: bool = True):
        self.label = label
        self.enabled = enabled and sys.stderr.isatty()
        self.t0 = time.perf_counter()
        self.bar = None
        self.task = None

    def __call__(self, what: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.perf_counter() - self.t0 < 0.5 or done >= total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), TextColumn("{task.fields[what]}", style="dim"),
                                console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total, what="")
        desc = "embedding chunks" if what == "embedding" else self.label
        self.bar.update(self.task, completed=done, total=total, description=desc,
                        what="" if what == "embedding" else what[-60:])

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _ingest(folder: str, store: str | None, modes: dict[str, str] | None = None, *, must_save: bool = True,
            force: bool = False, progress: bool = True, with_context: bool = True):
    """Ingest (incrementally) or load the store; one-line errors for the user."""
    from ingest import IngestError, default_store, ingest_to_store

    bar = _ProgressBar("reading files", enabled=progress)
    try:
        return ingest_to_store(folder, store, mode=modes or None, must_save=must_save, progress=bar, force=force,
                               with_context=with_context)
    except IngestError as e:
        raise _Fail(str(e)) from None
    except OSError as e:
        where = store or default_store(folder)
        raise _Fail(f"{where}: cannot write the store ({e.strerror}); pass --store PATH") from None
    finally:
        bar.close()


def _load_ds(folder: str, store: str | None, modes: dict[str, str] | None = None):
    # The design system alone: a folder that changed is re-read, but its context store (the
    # embeddings, which need the text encoder) is only rebuilt by `ingest` and `search`.
    rep = _ingest(folder, store, modes, with_context=False)
    return rep.ds, rep.store, rep.reused_store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onbrand")
def main() -> None:
    """onbrand: on-brand UI mocks at native 4K from a design-system folder.

    \b
    Typical use:
      onbrand ingest ./my-design-system          # read tokens, fonts, logo, icons
      onbrand generate ./my-design-system "checkout page with order summary" --out mock.png
      onbrand eval ./my-design-system mock.png   # how on-palette is an image?
      onbrand inspect ./my-design-system --out sheet.png   # the token sheet
    """


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@_store_option
@_mode_option
@click.option("--force", is_flag=True, help="Read every file again, ignoring the incremental cache.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
def ingest(folder: str, store: str | None, modes: tuple[str, ...], force: bool, as_json: bool) -> None:
    """Read a design-system folder into a DesignSystem and its long-context store.

    \b
    Reads token files (DTCG, Style Dictionary, Tokens Studio, Figma variables; JSON, JSON5,
    YAML), brand-guide PDFs, SVG logos, icons and screens, screenshots, fonts and docs.
    Colours get semantic roles; fonts named by the tokens resolve to files in the folder,
    installed font packages or a fallback. Everything is chunked and indexed for `search`.

    Ingest is incremental: an unchanged folder is not read again, and a changed file is the
    only one re-read. Files that cannot be read are listed with a one-line reason and the rest
    is still ingested (exit code 3).
    """
    rep = _ingest(folder, store, _modes(modes), force=force)
    ds = rep.ds
    summary = {
        "folder": str(Path(folder).resolve()),
        "store": str(rep.store.resolve()),
        "files": len(ds.files),
        "ingested": len(ds.files) - len({f.path for f in ds.failed if f.path in ds.files}),
        "failed": [f.model_dump() for f in ds.failed],
        "tokens": ds.token_count,
        "colors": len(ds.colors),
        "palette": [{"role": r.role, "hex": r.hex, "name": r.color, "reason": r.reason} for r in ds.roles],
        "type_scale": [{"name": t.name, "family": t.family, "size": t.size, "weight": t.weight} for t in ds.type_scale],
        "spacing": ds.spacing_px(),
        "radii": {d.name: d.px for d in ds.radii},
        "fonts": [{"family": f.family, "weight": f.weight, "path": f.path, "origin": f.origin} for f in ds.fonts],
        "logo": ds.logo.source.file if ds.logo else None,
        "icons": len(ds.icons),
        "assets": [{"kind": a.kind, "file": a.source.file} for a in ds.assets],
        "modes": ds.modes,
        "mode": ds.mode,
        "chunks": rep.chunks,
        "read": len(rep.parsed),
        "reused": len(rep.reused),
        "store_reused": rep.reused_store,
        "warnings": ds.warnings,
        "seconds": round(rep.seconds, 3),
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
              f"{len(s['type_scale'])} type styles, {s['icons']} icons, {s['chunks']} chunks in {s['seconds']} s"
              + (" (unchanged; store reused)" if s["store_reused"] else f" ({s['read']} files read, {s['reused']} cached)"))
    if s["modes"]:
        con.print("Modes: " + "; ".join(f"{k}: " + "|".join(v) for k, v in s["modes"].items())
                  + "  (selected " + ", ".join(f"{k}={v}" for k, v in s["mode"].items()) + ")")
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
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same pixels.")
@click.option("--store", type=click.Path(), help="Store location (default: FOLDER/.onbrand/).")
@_mode_option
@click.option("--sampler", type=click.Choice(["student", "teacher", "procedural"]),
              help="Generator: the scene diffusion teacher (or its student) or the procedural composer. "
                   "[default: teacher when its weights are installed, else procedural]")
@click.option("--steps", type=click.IntRange(1, 1000), default=50, show_default=True,
              help="Denoising steps of the diffusion sampler.")
@click.option("--json", "as_json", is_flag=True, help="Print paths, timings and warnings as JSON.")
def generate(folder: str, prompt: str, out: str, size: str | None, device: str | None, fmt: str | None,
             seed: int, store: str | None, modes: tuple[str, ...], sampler: str | None, steps: int,
             as_json: bool) -> None:
    """Generate an on-brand UI mock for PROMPT from the design system in FOLDER.

    The mock is drawn as vectors at the requested size (no upscaling) with only the system's
    colours, fonts, radii and spacing, and its logo and icons.
    """
    from engine.api import FORMATS, Engine, default_sampler

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
    ds, store_path, cached = _load_ds(folder, store, _modes(modes))
    engine = Engine(ds, time.perf_counter() - t0, store=store_path)
    try:
        gen = engine.generate(prompt, seed=seed, size=wh, device=device, format=suffix,
                              sampler=sampler or default_sampler(), steps=steps)
    except ValueError as e:
        raise _Fail(str(e)) from None
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
        "sampler": gen.sampler,
        "elements": sum(1 for _ in gen.scene.walk()),
        "layout_report": gen.layout_report,
        "timings": gen.timings,
        "store": str(store_path),
        "store_cached": cached,
        "warnings": gen.warnings,
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(f"wrote {paths['image']} ({wh[0]}×{wh[1]}, {gen.scene.archetype}, {gen.sampler}) "
                   f"+ {Path(paths['svg']).name} + {Path(paths['scene']).name}")
        tim = ", ".join(f"{k} {v:.3f}s" for k, v in gen.timings.items())
        click.echo(f"timings: {tim}")
        if gen.layout_report:
            r = gen.layout_report
            click.echo(f"layout pass: moved {r['mean_displacement_px']:.1f} px on average (max "
                       f"{r['max_displacement_px']:.1f} px), {r['overlaps_removed']} overlaps removed")
        for w in gen.warnings:
            click.echo(f"warning: {w}", err=True)


@main.group()
def train() -> None:
    """Train onbrand's models (weights land in a run folder; see each command)."""


@train.command(name="teacher")
@click.option("--steps", type=click.IntRange(1), default=2000, show_default=True, help="Optimiser steps in all.")
@click.option("--batch", type=click.IntRange(1), default=32, show_default=True, help="Examples per step.")
@click.option("--out", type=click.Path(file_okay=False), default="build/teacher", show_default=True,
              help="Run folder: checkpoints, then the final model (config.json + safetensors).")
@click.option("--resume", is_flag=True, help="Continue from the latest checkpoint in --out.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same weights.")
@click.option("--config", "config", type=click.Choice(["small", "tiny"]), default="small", show_default=True,
              help="Model architecture.")
@click.option("--lr", type=float, default=5e-4, show_default=True, help="Peak learning rate.")
@click.option("--checkpoint-every", type=click.IntRange(1), default=250, show_default=True)
@click.option("--threads", type=click.IntRange(1), default=1, show_default=True,
              help="CPU threads for torch (1 is fastest on a busy 2-core machine).")
def train_teacher_cmd(steps: int, batch: int, out: str, resume: bool, seed: int, config: str, lr: float,
                      checkpoint_every: int, threads: int) -> None:
    """Train the scene diffusion teacher on the procedural curriculum.

    The final model (EMA weights) lands in OUT as config.json + diffusion_pytorch_model.safetensors;
    copy that folder to engine/weights/teacher to make it the default sampler of `generate`.
    """
    from engine.train import TrainConfig, train_teacher

    cfg = TrainConfig(out=out, config=config, steps=steps, batch=batch, lr=lr, seed=seed, threads=threads,
                      checkpoint_every=checkpoint_every)
    try:
        res = train_teacher(cfg, resume=resume)
    except OSError as e:
        raise _Fail(f"{out}: cannot write the run folder ({e.strerror})") from None
    click.echo(f"trained {res['step']} steps in {res['seconds']} s; loss (last 100 steps) {res['loss']}; "
               f"model in {res['out']}")


@main.command(name="eval")
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("images", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--store", type=click.Path(), help="Store location (default: FOLDER/.onbrand/).")
@click.option("--threshold", type=float, default=3.0, show_default=True, help="CIEDE2000 tolerance.")
@_mode_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(folder: str, images: tuple[str, ...], store: str | None, threshold: float, modes: tuple[str, ...],
             as_json: bool) -> None:
    """Score how closely IMAGES follow the design system in FOLDER.

    palette_adherence is the share of pixels within CIEDE2000 <= 3 of a design-system colour;
    anti-aliased edge pixels (off-palette blends between two differing neighbours) are left
    out. The largest off-palette colours are listed with their share of the image.
    """
    from eval import palette_adherence

    ds, _, _ = _load_ds(folder, store, _modes(modes))
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


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("query")
@click.option("-k", "k", type=click.IntRange(1, 200), default=8, show_default=True, help="How many results.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only chunks of this kind (repeatable): tokens, palette, typography, spacing, pdf-text, "
                   "pdf-page, pdf-image, svg, screen, image, font, doc.")
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def search(folder: str, query: str, k: int, kinds: tuple[str, ...], store: str | None, as_json: bool) -> None:
    """Search the design system's store the way the engine's retrieval sees it.

    QUERY is matched by meaning (all-MiniLM-L6-v2 embeddings, cosine score) against every
    chunk of the folder: token groups, palette and type summaries, PDF text and pages, SVGs,
    screenshots, fonts and docs. Each result gives its score, kind, source file, locator
    (token path, PDF page, SVG element…) and text.
    """
    from ingest import load_context
    from ingest.context_store import StoreError

    if not query.strip():
        raise _Fail("the query is empty; e.g. onbrand search DIR \"primary button colour\"")
    rep = _ingest(folder, store)
    try:
        ctx = load_context(rep.store)
    except (StoreError, OSError) as e:
        raise _Fail(f"{rep.store}: the store has no search index ({str(e).splitlines()[0]}); run onbrand ingest --force") from None
    hits = ctx.search(query, k=k, kinds=kinds or None)
    results = [{"score": round(float(h.score), 4), "kind": h.chunk.kind, "source": h.chunk.source.file,
                "locator": h.chunk.source.locator, "id": h.chunk.id, "text": h.chunk.text} for h in hits]
    if as_json:
        click.echo(json.dumps({"query": query, "design_system": rep.ds.name, "chunks": len(ctx),
                               "results": results}, indent=2))
        return
    if not results:
        click.echo("no results")
    for i, r in enumerate(results, 1):
        where = r["source"] + (f" · {r['locator']}" if r["locator"] else "")
        click.echo(click.style(f"{i}. {r['score']:.3f}  {r['kind']:<10} {where}", bold=True))
        text = r["text"].strip().replace("\n", "\n   ")
        click.echo("   " + (text[:400] + "…" if len(text) > 400 else text))


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--out", "-o", type=click.Path(dir_okay=False), default="sheet.png", show_default=True,
              help="PNG to write; the .svg lands beside it.")
@click.option("--size", help="WIDTHxHEIGHT in pixels; the sheet is scaled to fit.  [default: 2400 wide, "
                             "height to fit]")
@click.option("--store", type=click.Path(), help="Store location (default: FOLDER/.onbrand/).")
@_mode_option
@click.option("--json", "as_json", is_flag=True, help="Print the sheet path and a summary of the system as JSON.")
def inspect(folder: str, out: str, size: str | None, store: str | None, modes: tuple[str, ...], as_json: bool) -> None:
    """Draw the token sheet of the design system in FOLDER: what onbrand understood.

    One page shows the colour roles with their WCAG contrast, the full palette grouped by
    token path, the type scale at true size in the system's own fonts, each font face and
    where it was found (folder, package, system or a fallback), spacing, radii, shadows,
    icons and every warning. Exit code 3 when some files of the folder could not be read.
    """
    from engine.sheet import render_token_sheet

    wh = _size(size) if size else None
    if Path(out).suffix.lower() != ".png":
        raise _Fail(f"{out}: the token sheet is written as .png (with an .svg beside it)")
    t0 = time.perf_counter()
    ds, store_path, cached = _load_ds(folder, store, _modes(modes))
    sheet = render_token_sheet(ds, *(wh or ()))
    try:
        paths = sheet.save(out)
    except OSError as e:
        raise _Fail(f"{out}: cannot write ({e.strerror})") from None
    secs = round(time.perf_counter() - t0, 3)
    if as_json:
        click.echo(json.dumps({"sheet": paths["png"], "svg": paths["svg"], "size": list(sheet.size),
                               "store": str(store_path), "store_cached": cached, "seconds": secs,
                               **_ds_summary(ds)}, indent=2))
    else:
        click.echo(f"wrote {paths['png']} ({sheet.size[0]}×{sheet.size[1]}) + {Path(paths['svg']).name} in {secs} s")
        for w in ds.warnings:
            click.echo(f"warning: {w}", err=True)
        for f in ds.failed:
            click.echo(f"skipped {f.path}: {f.reason}", err=True)
    if ds.failed:
        sys.exit(EXIT_PARTIAL)


def _ds_summary(ds) -> dict:
    """The design system as `inspect --json` reports it: every value with where it came from."""
    by_name = {c.name: c for c in ds.colors}

    def src(name: str) -> dict | None:
        c = by_name.get(name)
        return c.source.model_dump() if c else None

    return {
        "name": ds.name,
        "folder": ds.root,
        "tokens": ds.token_count,
        "files": len(ds.files),
        "palette": [{"role": r.role, "hex": r.hex, "name": r.color, "source": src(r.color), "reason": r.reason}
                    for r in ds.roles],
        "colors": [{"name": c.name, "hex": c.hex, "alpha": c.alpha, "source": c.source.model_dump()}
                   for c in ds.colors],
        "type_scale": [{"name": t.name, "family": t.family, "size": t.size, "weight": t.weight,
                        "line_height": t.line_height, "letter_spacing": t.letter_spacing} for t in ds.type_scale],
        "fonts": [{"family": f.family, "weight": f.weight, "path": f.path, "origin": f.origin, "warning": f.warning}
                  for f in ds.fonts],
        "spacing": {d.name: d.px for d in ds.spacing},
        "radii": {d.name: d.px for d in ds.radii},
        "shadows": [s.model_dump(exclude={"source"}) for s in ds.shadows],
        "logo": ds.logo.source.file if ds.logo else None,
        "icons": [a.name for a in ds.icons],
        "warnings": ds.warnings,
        "failed": [f.model_dump() for f in ds.failed],
    }


if __name__ == "__main__":  # pragma: no cover
    main()
