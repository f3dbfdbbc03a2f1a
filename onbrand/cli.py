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

from engine.samplers.defaults import DEFAULT_STRENGTH
from onbrand.ui_clip_cli import train_clip_cmd

EXIT_USAGE = 2
EXIT_PARTIAL = 3


class _Fail(click.ClickException):
    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        msg = " ".join(self.format_message().split())  # one line, whatever the message held
        click.echo(f"onbrand: error: {msg}", err=True)


def _error_text(e: BaseException) -> str:
    """An exception as one readable line (no Python reprs, no pydantic error blocks)."""
    from ingest.readers_common import one_line

    return one_line(e)


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
    t0 = time.perf_counter()
    selected = _modes(modes)
    from onbrand.quick_ingest import cached_summary, remember

    quick = None if force else cached_summary(folder, store, selected)  # unchanged: nothing to load
    if quick is not None:
        _show_ingest({**quick, "seconds": round(time.perf_counter() - t0, 3)}, as_json)
        return
    rep = _ingest(folder, store, selected, force=force)
    ds = rep.ds
    summary = {
        "folder": str(Path(folder).resolve()),
        "store": str(rep.store.resolve()),
        "files": len(ds.files),
        "ingested": len(ds.files) - len({f.path for f in ds.failed if f.path in ds.files}),
        "failed": [f.model_dump() for f in ds.failed],
        "tokens": ds.token_count,
        "colors": len(ds.colors),
        "palette": [{"role": r.role, "hex": r.hex, "name": r.color, "reason": r.reason,
                     "evidence": [_evidence_json(e) for e in r.evidence],
                     "lost": [_evidence_json(e) for e in r.lost]} for r in ds.roles],
        "rules": [r.model_dump(mode="json") for r in ds.rules],
        "type_scale": [{"name": t.name, "family": t.family, "size": t.size, "weight": t.weight} for t in ds.type_scale],
        "spacing": ds.spacing_px(),
        "radii": {d.name: d.px for d in ds.radii},
        "fonts": [{"family": f.family, "weight": f.weight, "path": f.path, "origin": f.origin} for f in ds.fonts],
        "logo": ds.logo.source.file if ds.logo else None,
        "icons": len(ds.icons),
        "assets": [{"kind": a.kind, "file": a.source.file} for a in ds.assets],
        "modes": ds.modes,
        "mode": ds.mode,
        "theme": ds.theme,
        "chunks": rep.chunks,
        "read": len(rep.parsed),
        "reused": len(rep.reused),
        "store_reused": rep.reused_store,
        "warnings": ds.warnings,
        "seconds": round(rep.seconds, 3),
    }
    remember(folder, store, selected, rep.generation, summary)
    _show_ingest(summary, as_json)


def _show_ingest(summary: dict, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(summary, indent=2))
    else:
        _print_ingest(summary)
    if summary["failed"]:
        sys.exit(EXIT_PARTIAL)


def _evidence_json(e) -> dict:
    """One piece of role evidence as `ingest --json` reports it: what it is, what it says, where."""
    return {"kind": e.kind, "role": e.role, "hex": e.hex, "weight": e.weight, "text": e.text,
            "source": e.source.model_dump() if e.source else None}


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


def _reference_images(paths: tuple[str, ...]) -> list:
    """The `--ref` images as Pillow images; a one-line error for a missing or unreadable file."""
    if len(paths) > 14:
        raise _Fail(f"{len(paths)} --ref images; at most 14")
    images = []
    for p in paths:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(p) as im:
                im.load()
                images.append(im.convert("RGB"))
        except FileNotFoundError:
            raise _Fail(f"{p}: no such file (--ref)") from None
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
            raise _Fail(f"{p}: not a readable image (--ref; {_error_text(e)})") from None
    return images


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("prompt")
@click.option("--out", "-o", type=click.Path(dir_okay=False), default="mock.png", show_default=True,
              help="Mock to write: an image (.png, .jpg, .webp; the .svg and .scene.json land beside it), "
                   "an .svg (the .png and .scene.json land beside it) or an .html page (CSS flexbox, the "
                   "system's tokens as CSS custom properties, embedded fonts; the .png and .scene.json beside it).")
@click.option("--size", help="WIDTHxHEIGHT in pixels; overrides the device's size.")
@click.option("--device", type=click.Choice(["desktop", "tablet", "mobile"]),
              help="Layout and preset size: desktop 3840x2160, tablet 2732x2048, mobile 1290x2796. "
                   "[default: desktop, or from the shape of --size]")
@click.option("--format", "fmt", type=click.Choice(["png", "jpeg", "webp", "svg", "html"]),
              help="Output format (default: from --out's suffix, else png); svg writes the SVG as the "
                   "main output and a PNG beside it; html the HTML page and a PNG beside it.")
@click.option("--svg-text", default="live", show_default=True, metavar="live|outline",
              help="Text in the SVG: live <text> elements in the system's font (editable in Figma, "
                   "Illustrator, Inkscape) or glyph outlines (self-contained, exact glyphs).")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same pixels.")
@click.option("--store", type=click.Path(), help="Store location (default: FOLDER/.onbrand/).")
@_mode_option
@click.option("--sampler", type=click.Choice(["student", "teacher", "procedural"]),
              help="Generator: the distilled diffusion student (fast), its 50-step teacher, or the "
                   "procedural archetype composer.  [default: student]")
@click.option("--steps", type=click.IntRange(1, 1000),
              help="Denoising steps of the diffusion sampler.  [default: 2 for the student (1, 2 or 4 "
                   "are its trained schedules), 50 for the teacher]")
@click.option("--strength", type=click.FloatRange(0.0, 1.0, min_open=True),
              help="How much of the noise schedule the diffusion sampler runs, starting from the retrieved "
                   "reference layout: lower keeps more of its structure, 1 samples from pure noise.  "
                   f"[default: {DEFAULT_STRENGTH}]")
@click.option("--ref", "refs", multiple=True, type=click.Path(dir_okay=False), metavar="IMAGE",
              help="A reference screen (PNG, JPEG or WebP; repeatable, up to 14): the mock follows the "
                   "layout of one that matches the prompt (\"an orders page like this\").")
@click.option("--plan-layout", type=click.Choice(["composed", "sampled"]), default="composed", show_default=True,
              help="For a screen no page type draws: the plan composer lays its plan out, or a diffusion "
                   "model trained on plans (see --model) lays the composer's content out itself.")
@click.option("--model", "model_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="A model folder of your own (config.json + safetensors) for the chosen diffusion sampler, "
                   "instead of the committed weights.")
@click.option("--json", "as_json", is_flag=True, help="Print paths, timings and warnings as JSON.")
def generate(folder: str, prompt: str, out: str, size: str | None, device: str | None, fmt: str | None,
             seed: int, store: str | None, modes: tuple[str, ...], sampler: str | None, steps: int | None,
             strength: float | None, svg_text: str, refs: tuple[str, ...], plan_layout: str, model_dir: str | None,
             as_json: bool) -> None:
    """Generate an on-brand UI mock for PROMPT from the design system in FOLDER.

    The scene diffusion student samples the page's blocks in 2 steps, conditioned on the
    prompt, the design tokens and a retrieved reference layout; a layout pass tidies them and
    the mock is drawn as vectors at the requested size (no upscaling) with only the system's
    colours, fonts, radii and spacing, and its logo and icons.
    """
    from engine.api import FORMATS, Engine, default_sampler

    from scene.devices import DEVICES, device_for_size

    wh = _size(size) if size else DEVICES[device or "desktop"][0]
    device = device or (device_for_size(*wh) if size else "desktop")
    suffix = Path(out).suffix.lower().lstrip(".")
    outputs = {**FORMATS, "svg": "SVG", "html": "HTML"}
    if fmt:
        if suffix and suffix in outputs and outputs[suffix] != outputs[fmt]:
            raise _Fail(f"{out}: the suffix .{suffix} does not match --format {fmt}")
        if suffix not in outputs:
            out = str(Path(out).with_suffix(".jpg" if fmt == "jpeg" else f".{fmt}"))
        suffix = fmt
    if suffix not in outputs:
        raise _Fail(f"{out}: unknown format {suffix!r} (use .png, .jpg, .webp, .svg or .html, or --format)")
    if svg_text not in ("live", "outline"):
        raise _Fail(f"unknown --svg-text {svg_text!r} (use live or outline)")
    if not prompt.strip():
        raise _Fail("the prompt is empty; describe the screen, e.g. \"checkout page with order summary\"")
    images = _reference_images(refs)
    sampler = sampler or default_sampler()
    if model_dir and sampler == "procedural":
        raise _Fail("--model is a diffusion model's folder; the procedural sampler has none")
    t0 = time.perf_counter()
    ds, store_path, cached = _load_ds(folder, store, _modes(modes))
    engine = Engine(ds, time.perf_counter() - t0, store=store_path,
                    weights={sampler: model_dir} if model_dir else None)
    try:
        gen = engine.generate(prompt, seed=seed, size=wh, device=device, format="png" if suffix in ("svg", "html") else suffix,
                              sampler=sampler, steps=steps, strength=strength,
                              svg_text=svg_text, reference_images=images, plan_layout=plan_layout)
    except ValueError as e:
        raise _Fail(_error_text(e)) from None
    try:
        paths = gen.save(out)
    except OSError as e:
        raise _Fail(f"{out}: cannot write ({e.strerror})") from None
    result = {
        **paths,
        "size": list(wh),
        "device": device,
        "format": outputs[suffix].lower(),
        "svg_text": svg_text,
        "archetype": gen.scene.archetype,
        "sampler": gen.sampler,
        "elements": sum(1 for _ in gen.scene.walk()),
        "layout_report": gen.layout_report,
        "references": gen.conditioning.get("references", []),
        "rules": gen.conditioning.get("rules", []),
        "steps": gen.conditioning.get("steps"),
        "strength": gen.conditioning.get("strength"),
        "timings": gen.timings,
        "store": str(store_path),
        "store_cached": cached,
        "warnings": gen.warnings,
        "plan": gen.plan,
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        first, beside = (paths[suffix], paths["image"]) if suffix in ("svg", "html") else (paths["image"], paths["svg"])
        click.echo(f"wrote {first} ({wh[0]}×{wh[1]}, {gen.scene.archetype}, {gen.sampler}) "
                   f"+ {Path(beside).name} + {Path(paths['scene']).name}")
        tim = ", ".join(f"{k} {v:.3f}s" for k, v in gen.timings.items())
        click.echo(f"timings: {tim}")
        if gen.layout_report:
            r = gen.layout_report
            click.echo(f"layout pass: moved {r['mean_displacement_px']:.1f} px on average (max "
                       f"{r['max_displacement_px']:.1f} px), {r['overlaps_removed']} overlaps removed")
        for w in gen.warnings:
            click.echo(f"warning: {w}", err=True)


def _clip_scorer(prompt: str):
    """`eval --prompt`: the UI-CLIP agreement of an image with the prompt (eval.clip_agreement)."""
    from eval.clip_agreement import agreement_scorer

    try:
        return agreement_scorer(prompt)
    except ValueError as e:
        raise _Fail(str(e)) from None


def _load_against(folders: tuple[str, ...], modes: dict[str, str]):
    """Brand profiles of the `--against` systems (stores are caches: read-only folders work)."""
    from eval.brand import BrandProfile
    from ingest import IngestError, ingest_to_store

    profiles = []
    for f in folders:
        if not Path(f).is_dir():
            raise _Fail(f"{f}: no such design-system folder (--against)")
        try:
            rep = ingest_to_store(f, None, mode=modes or None, must_save=False, with_context=False)
        except IngestError as e:
            raise _Fail(str(e)) from None
        profiles.append(BrandProfile.from_design_system(rep.ds, name=f))
    return profiles


@main.group()
def train() -> None:
    """Train onbrand's models (weights land in a run folder; see each command)."""


train.add_command(train_clip_cmd)  # onbrand train clip: UI-CLIP, see onbrand/ui_clip_cli.py


_image_share_option = click.option(
    "--image-share", type=click.FloatRange(0, 1), default=0.0, show_default=True,
    help="Share of training pages drawn in a sample system and given to the model as a reference "
         "image (its descriptor); above 0 the model is marked as reading reference images.")
_image_blocks_option = click.option(
    "--image-blocks", is_flag=True,
    help="With --image-share: each such page's context also holds the blocks the screenshot reader "
         "finds in its drawing, as its reference layout (as a request image's context does), so the "
         "model learns to follow a pictured layout through cross-attention.")
_train_only_option = click.option(
    "--train-only", "train_only", multiple=True, metavar="PREFIX",
    help="Train only the parameters whose names start with PREFIX (repeatable), the rest frozen; the "
         "model is the --init one itself. With adapter.image_proj, answers without reference images "
         "stay exactly the same.")


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
@click.option("--init", "init", type=click.Path(exists=True, file_okay=False), default=None,
              help="Start from the model in this folder (same architecture; an older block vocabulary "
                   "or a model without plan tokens is adapted) instead of fresh weights.")
@click.option("--plan-share", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Share of training pages composed from random page plans rather than page types "
                   "(a model without plan tokens gets none).")
@_image_share_option
@_image_blocks_option
@click.option("--context-in-prompt", is_flag=True,
              help="Reference-layout and image tokens also join the prompt stream, each attended to directly "
                   "(not only resampled into the style stream); the student distilled from it does the same.")
@click.option("--slot-positions", is_flag=True,
              help="Give every slot and every reference block a learned embedding of its place in reading order "
                   "(zero at first), so a slot can find its block in a reference.")
@click.option("--exact-share", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="With --image-blocks: share of pictured pages whose reference is the page's own blocks, exact, "
                   "rather than the reader's reading of its drawing.")
@click.option("--reference-marks", is_flag=True,
              help="Mark a picture's reading (--image-blocks) as the reading of the page asked for, with a learned "
                   "vector (zero at first), as a request image that matches the prompt is marked at generate time.")
@click.option("--reference-slots", is_flag=True,
              help="Add a direct path from a pictured reference's k-th block to the k-th slot (zero at first); "
                   "with --train-only ref_slots and --init, only the path learns and answers without a "
                   "pictured reference stay exactly the same.")
@click.option("--image-vectors/--no-image-vectors", default=True, show_default=True,
              help="Pictured pages also give the model their image descriptor (adapter.image_proj).")
@_train_only_option
def train_teacher_cmd(steps: int, batch: int, out: str, resume: bool, seed: int, config: str, lr: float,
                      checkpoint_every: int, threads: int, init: str | None, plan_share: float,
                      image_share: float, image_blocks: bool, context_in_prompt: bool, slot_positions: bool,
                      exact_share: float, reference_marks: bool, reference_slots: bool, image_vectors: bool,
                      train_only: tuple[str, ...]) -> None:
    """Train the scene diffusion teacher on the procedural curriculum.

    The final model (EMA weights) lands in OUT as config.json + diffusion_pytorch_model.safetensors;
    copy that folder to engine/weights/teacher to make it the default sampler of `generate`.
    """
    from engine.training.teacher import TrainConfig, train_teacher

    cfg = TrainConfig(out=out, config=config, steps=steps, batch=batch, lr=lr, seed=seed, threads=threads,
                      checkpoint_every=checkpoint_every, init=init, p_plan=plan_share, p_image=image_share,
                      image_blocks=image_blocks, context_in_prompt=context_in_prompt, slot_positions=slot_positions,
                      reference_marks=reference_marks, p_exact=exact_share, reference_slots=reference_slots,
                      image_vectors=image_vectors, train_only=list(train_only))
    try:
        res = train_teacher(cfg, resume=resume)
    except OSError as e:
        raise _Fail(f"{out}: cannot write the run folder ({e.strerror})") from None
    except ValueError as e:
        raise _Fail(str(e)) from None
    click.echo(f"trained {res['step']} steps in {res['seconds']} s; loss (last 100 steps) {res['loss']}; "
               f"model in {res['out']}")


@train.command(name="distill")
@click.option("--teacher", type=click.Path(file_okay=False), default=None,
              help="Teacher model folder.  [default: engine/weights/teacher]")
@click.option("--steps", type=click.IntRange(1), default=2000, show_default=True,
              help="Optimiser steps of the progressive stage.")
@click.option("--batch", type=click.IntRange(1), default=32, show_default=True,
              help="Training points per step (and teacher trajectories per pool refresh).")
@click.option("--out", type=click.Path(file_okay=False), default="build/student", show_default=True,
              help="Run folder: checkpoints, then the final student (config.json + safetensors); the "
                   "progressive stage runs in OUT/progressive.")
@click.option("--resume", is_flag=True, help="Continue from the latest checkpoint in --out.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same weights.")
@click.option("--lr", type=float, default=2e-4, show_default=True, help="Peak learning rate.")
@click.option("--student-steps", type=click.IntRange(1), default=2, show_default=True,
              help="Sampling steps the student is distilled for.")
@click.option("--teacher-steps", type=click.IntRange(1), default=4, show_default=True,
              help="Teacher steps from a reference (a multiple of twice --student-steps: one "
                   "progressive-distillation halving at twice).")
@click.option("--teacher-steps-noise", type=click.IntRange(1), default=16, show_default=True,
              help="Teacher steps for the trajectories that start from pure noise (a multiple of "
                   "twice --student-steps).")
@click.option("--adv-steps", type=click.IntRange(0), default=400, show_default=True,
              help="Steps of the adversarial stage after the progressive one (0: none).")
@click.option("--adv-weight", type=click.FloatRange(0), default=0.01, show_default=True,
              help="Weight of the GAN loss beside the distillation loss in the adversarial stage.")
@click.option("--checkpoint-every", type=click.IntRange(1), default=250, show_default=True)
@click.option("--threads", type=click.IntRange(1), default=1, show_default=True, help="CPU threads for torch.")
@click.option("--init", "init", type=click.Path(exists=True, file_okay=False), default=None,
              help="Start from the student in this folder instead of the teacher's weights.")
@_image_share_option
@_image_blocks_option
@_train_only_option
def train_distill_cmd(teacher: str | None, steps: int, batch: int, out: str, resume: bool, seed: int, lr: float,
                      student_steps: int, teacher_steps: int, teacher_steps_noise: int, adv_steps: int,
                      adv_weight: float, checkpoint_every: int, threads: int, init: str | None,
                      image_share: float, image_blocks: bool, train_only: tuple[str, ...]) -> None:
    """Distil the teacher into the 2-step student that `generate` uses by default.

    The student starts from the teacher's weights and learns to take in one step what the
    teacher takes in several: from the states of the teacher's 4-step runs (drawn on the
    fly from curriculum prompts, mostly from a reference layout noised to the engine's
    default strength) where the 2-step sampler stands, the jump that lands where the
    teacher is at the sampler's next step (progressive distillation, Salimans & Ho 2022).
    A short adversarial stage follows (Sauer et al. 2023): the student samples in 2 steps
    and a critic trained alongside tells its layouts from the teacher's, which sharpens what
    regression leaves blurred. See engine/training/distill.py. The same weights sample in 1, 2 or 4
    steps. The final model (EMA weights) lands in OUT; copy its config.json,
    diffusion_pytorch_model.safetensors, scheduler_config.json and distill_config.json to
    engine/weights/student to make it the default.
    """
    from engine.training.distill import distill
    from engine.training.progressive import TEACHER_WEIGHTS, DistillConfig, check_schedules

    cfg = DistillConfig(out=out, teacher=teacher or str(TEACHER_WEIGHTS), steps=steps, batch=batch, lr=lr,
                        seed=seed, student_steps=student_steps, teacher_steps=teacher_steps,
                        teacher_steps_noise=teacher_steps_noise, adv_steps=adv_steps, adv_weight=adv_weight,
                        checkpoint_every=checkpoint_every, threads=threads, init=init, p_image=image_share,
                        image_blocks=image_blocks, train_only=list(train_only))
    try:
        check_schedules(cfg)
    except ValueError as e:
        raise _Fail(str(e)) from None
    try:
        res = distill(cfg, resume=resume)
    except (FileNotFoundError, ValueError) as e:
        raise _Fail(str(e)) from None
    except OSError as e:
        raise _Fail(f"{out}: cannot write the run folder ({e.strerror})") from None
    click.echo(f"distilled {res['step']} steps from {res['pairs']} teacher trajectories in {res['seconds']} s; "
               f"loss (last 100 steps) {res['loss']}; student in {res['out']}")


@main.command(name="eval")
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("images", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--against", "against", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Identify which of these design systems each image most resembles (repeatable).")
@click.option("--report", "report", type=click.Path(dir_okay=False), metavar="FILE.html",
              help="Write a self-contained HTML report (and FILE.json with the same figures).")
@click.option("--store", type=click.Path(), help="Store location (default: FOLDER/.onbrand/).")
@click.option("--threshold", type=float, default=3.0, show_default=True, help="CIEDE2000 tolerance.")
@click.option("--prompt", default=None, metavar="TEXT",
              help="Also score how well each image shows this request (UI-CLIP): clip_agreement, clip_percentile.")
@_mode_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(folder: str, images: tuple[str, ...], against: tuple[str, ...], report: str | None, store: str | None,
             threshold: float, prompt: str | None, modes: tuple[str, ...], as_json: bool) -> None:
    """Score how closely IMAGES (PNG or JPEG, from any tool) follow the design system in FOLDER.

    \b
    palette_adherence  share of pixels within CIEDE2000 <= 3 of a design-system colour
                       (anti-aliased edge blends left out), the largest off-palette
                       colours with their areas, and which role colours appear
    identified/margin  with --against: the system the image most resembles, and its
                       score's lead over the runner-up
    contrast           WCAG 2.x AA of the text: exact when onbrand's NAME.scene.json is
                       beside the image, else estimated from detected text regions
    scene metrics      for onbrand images: typography and spacing adherence, defects
                       (overlaps, out of frame, text overflow), Alignment and Overlap
    rules              each rule the design system states, with its source: kept,
                       broken or not checkable (most need onbrand's scene); a broken
                       rule changes no score
    clip_agreement     with --prompt: cosine of the image and the prompt in UI-CLIP,
                       and clip_percentile, the share of other UI requests the
                       prompt fits the image better than (any image)

    An unreadable image gets a one-line reason and the others are still scored (exit 3).
    """
    from eval.rules import source_label
    from eval.score import evaluate_image, summarise

    mode = _modes(modes)
    ds, _, _ = _load_ds(folder, store, mode)
    profiles = _load_against(against, mode)
    agreement = _clip_scorer(prompt) if prompt is not None else None
    results = []
    for img in images:
        p = Path(img)
        if not p.is_file():
            results.append({"image": str(p), "error": "no such image"})
            continue
        try:
            res = evaluate_image(p, ds, profiles, threshold=threshold)
            if agreement is not None:
                res.update(agreement(p))
        except Exception as e:  # unreadable or hostile image or scene: one line, keep going
            msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            results.append({"image": str(p), "error": f"cannot score this image ({msg})"})
            continue
        results.append(res)
    scored = [r for r in results if "error" not in r]
    summary = summarise(scored)
    paths = None
    if report:
        from eval.report import write_report

        systems = list(against)
        try:
            paths = write_report(report, results, title=f"onbrand eval: {ds.name}", systems=systems, summary=summary)
        except OSError as e:
            raise _Fail(f"{report}: cannot write the report ({e.strerror})") from None
    if as_json:
        click.echo(json.dumps({"design_system": ds.name, "summary": summary, "images": results,
                               **({"report": paths} if paths else {})}, indent=2, default=str))
    else:
        for r in results:
            if "error" in r:
                click.echo(f"onbrand: {r['image']}: {r['error']}", err=True)
                continue
            line = f"{r['image']}: palette_adherence {r['palette_adherence']:.4f}"
            if "identified" in r:
                line += f", identified {r['identified']} (margin {r['margin']:.3f})"
            c = r["contrast"]
            line += f", text AA {c['aa_pass_rate']:.0%} (min {c['min_contrast']:.2f}:1, {c['method']})"
            click.echo(line)
            if "typography_adherence" in r:
                click.echo(f"  typography {r['typography_adherence']:.3f}, spacing {r['spacing_adherence']:.3f}, "
                           f"alignment {r['alignment']:.4f}, overlap {r['overlap']:.4f}, "
                           f"defects {sum(r['defect_counts'].values())}")
            if "clip_agreement" in r:
                click.echo(f"  clip_agreement {r['clip_agreement']:.3f} (the prompt fits better than "
                           f"{r['clip_percentile']:.0%} of other UI requests)")
            for o in r["off_palette"][:5]:
                click.echo(f"  off-palette {o['hex']} {o['share'] * 100:.3f}% (nearest {o['nearest_hex']}, "
                           f"ΔE {o['delta_e']:.1f})")
            for rule in r.get("rules", []):
                status = rule["status"].replace("-", " ")
                click.echo(f"  rule {status}: {rule['text']!r} ({source_label(rule['source'])})"
                           + (f": {rule['detail']}" if rule["detail"] else ""))
        if paths:
            click.echo(f"wrote {paths['html']} + {Path(paths['json']).name}")
    if len(scored) < len(results):
        sys.exit(EXIT_PARTIAL)


@main.command(name="eval-suite")
@click.argument("more_systems", nargs=-1, type=click.Path(file_okay=False), metavar="[DIR]...")
@click.option("--systems", "systems", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Design-system folders to generate for (repeatable; more may follow as arguments).")
@click.option("--prompts", "prompts_file", required=True, type=click.Path(dir_okay=False), metavar="FILE.jsonl",
              help='Prompts, one JSON object a line: {"prompt": …, "device": …, "requires": {kind: min}}.')
@click.option("--n", "n", type=click.IntRange(1), default=None, help="Use the first N prompts only.")
@click.option("--samplers", "samplers", default="student,teacher,procedural,no-retrieval", show_default=True,
              help="Comma-separated samplers to compare; those the engine lacks are reported unavailable.")
@click.option("--report", "report", type=click.Path(dir_okay=False), metavar="FILE.html",
              help="Write the HTML report (and FILE.json with the same figures).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Also save every mock and its scene here.")
@click.option("--size", "size", default=None, metavar="WxH", help="Render size for every mock (default: device preset).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the first prompt (then +1 each).")
@click.option("--json", "as_json", is_flag=True, help="Print the sampler table and per-image scores as JSON.")
def eval_suite_cmd(more_systems: tuple[str, ...], systems: tuple[str, ...], prompts_file: str, n: int | None,
                   samplers: str, report: str | None, out_dir: str | None, size: str | None, seed: int,
                   as_json: bool) -> None:
    """Generate mocks for held-out prompts with each sampler and score them all side by side.

    Every metric of `onbrand eval` per mock, plus prompt faithfulness (the share of each
    prompt's "requires" met), seconds per generation, brand-identification accuracy across
    the systems and layout FID against procedural reference layouts.

    \b
      onbrand eval-suite --systems sample_design_systems/harbor sample_design_systems/ember \\
          --prompts eval/prompts/heldout.jsonl --n 10 --report suite.html
    """
    from eval.suite import load_prompts, run_suite

    folders = list(dict.fromkeys(list(systems) + list(more_systems)))
    if not folders:
        raise _Fail("no design systems: pass --systems DIR [DIR...]")
    for f in folders:
        if not Path(f).is_dir():
            raise _Fail(f"{f}: no such design-system folder")
    try:
        prompts = load_prompts(prompts_file)
    except ValueError as e:
        raise _Fail(str(e)) from None
    names = [s.strip() for s in samplers.split(",") if s.strip()]
    if not names:
        raise _Fail("--samplers is empty; e.g. --samplers student,procedural")
    wh = _size(size) if size else None
    bar = _ProgressBar("generating")
    try:
        result = run_suite(folders, prompts, n=n, samplers=names, out_dir=out_dir, seed=seed, size=wh, progress=bar)
    except Exception as e:  # an unusable folder or engine failure: one line, no traceback
        from ingest import IngestError

        if not isinstance(e, (IngestError, ValueError, OSError)):
            raise
        raise _Fail(str(e).splitlines()[0]) from None
    finally:
        bar.close()
    paths = None
    if report:
        from eval.report import write_report
        from eval.score import summarise

        ok = [r for r in result["images"] if "error" not in r]
        try:
            paths = write_report(report, result["images"], title="onbrand eval-suite", systems=result["systems"],
                                 summary=summarise(ok), samplers=result["samplers"],
                                 extra={"notes": result["notes"], "prompts": prompts_file})
        except OSError as e:
            raise _Fail(f"{report}: cannot write the report ({e.strerror})") from None
    if as_json:
        click.echo(json.dumps({**result, **({"report": paths} if paths else {})}, indent=2, default=str))
        return
    for note in result["notes"]:
        click.echo(f"note: {note}")
    cols = ["sampler", "generations", "seconds_per_generation", "palette_adherence", "aa_pass_rate",
            "typography_adherence", "spacing_adherence", "alignment", "overlap", "defects_per_image",
            "faithfulness", "kinds_present", "labels_present", "brand_accuracy", "layout_fid"]
    for row in result["samplers"]:
        if row.get("available") != "yes":
            click.echo(f"{row['sampler']}: unavailable ({row.get('reason', '')})")
            continue
        click.echo("  ".join(f"{c} {row[c]:.4g}" if isinstance(row.get(c), float) else f"{c} {row.get(c)}"
                             for c in cols if c in row))
    if paths:
        click.echo(f"wrote {paths['html']} + {Path(paths['json']).name}")


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
    from engine.render.sheet import render_token_sheet

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


@main.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; loopback by default. Another address needs --api-key.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option("--api-key", envvar="ONBRAND_API_KEY", metavar="KEY",
              help="Require this key on every route but /healthz (x-goog-api-key header, ?key= or "
                   "Authorization: Bearer). Also read from $ONBRAND_API_KEY.")
@click.option("--max-concurrent", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Generations running at once.")
@click.option("--max-queue", type=click.IntRange(0, 1024), default=8, show_default=True,
              help="Requests waiting for a slot; beyond that the answer is 503 with Retry-After.")
@click.option("--max-per-key", type=click.IntRange(1, 1024), default=6, show_default=True,
              help="Requests the API key (without --api-key: one client address) may have running or waiting; "
                   "beyond that 429.")
@click.option("--timeout", "timeout_s", type=click.FloatRange(0.1, 3600), default=60.0, show_default=True,
              help="Seconds a request may take, waiting included (then 504).")
@click.option("--max-connections", type=click.IntRange(1, 65536), default=512, show_default=True,
              help="Open connections; past that a request is answered 503 with Retry-After.")
@click.option("--header-timeout", "header_timeout_s", type=click.FloatRange(0.1, 3600), default=10.0,
              show_default=True, help="Seconds a connection has to send a request's headers (else it is closed).")
@click.option("--body-timeout", "body_timeout_s", type=click.FloatRange(0.1, 3600), default=30.0,
              show_default=True, help="Seconds a request has to send its body (else 408).")
@click.option("--store", type=click.Path(file_okay=False),
              help="Folder holding one store per system (default: each FOLDER/.onbrand/).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes on one port, forked after loading (limits and /metrics are per process).")
def serve(folders: tuple[str, ...], host: str, port: int, api_key: str | None, max_concurrent: int,
          max_queue: int, max_per_key: int, timeout_s: float, max_connections: int, header_timeout_s: float,
          body_timeout_s: float, store: str | None, workers: int) -> None:
    """Serve the design systems in FOLDERS over HTTP, each loaded once and kept warm.

    \b
    Each system is the model onbrand-<system> of a Gemini-compatible endpoint (v1 and v1beta):
      POST /v1/models/onbrand-<system>:generateContent
    plus POST /v1/generate, GET /v1/systems, /healthz, /metrics and the OpenAPI docs at /docs.
    Point a Gemini client at it with its base URL, e.g. in Python:
      genai.Client(api_key=KEY, http_options={"base_url": "http://127.0.0.1:8080"})
    """
    from onbrand.server import Limits, is_loopback, load_engines
    from onbrand.server import serve as run_server
    from ingest import IngestError

    if not is_loopback(host) and not api_key:
        raise _Fail(f"--host {host} is reachable from other machines; pass --api-key KEY as well")
    for folder in folders:
        if not Path(folder).is_dir():
            raise _Fail(f"{folder}: no such folder")
    try:
        engines = load_engines(list(folders), store)
    except (IngestError, ValueError) as e:
        raise _Fail(str(e)) from None
    for name, engine in engines.items():
        click.echo(f"{name}: {engine.ds.root} loaded in {engine.load_seconds:.2f} s", err=True)
    click.echo(f"serving {len(engines)} system(s) on http://{host}:{port} (docs at /docs)"
               + (f" with {workers} worker processes" if workers > 1 else ""), err=True)
    limits = Limits(max_concurrent=max_concurrent, max_queue=max_queue, max_per_key=max_per_key, timeout_s=timeout_s,
                    max_connections=max_connections, header_timeout_s=header_timeout_s, body_timeout_s=body_timeout_s)
    run_server(engines, host=host, port=port, api_key=api_key, limits=limits, log_level="warning", workers=workers)


_EXPORT_NAMES = {"dtcg": "tokens.json", "css": "tokens.css", "tailwind": "tailwind.config.js"}


@main.command(name="plan")
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("prompt")
@click.option("--device", type=click.Choice(["desktop", "tablet", "mobile"]), default="desktop", show_default=True,
              help="The device the mock is for; a device the prompt names (\"mobile app\", \"iPad\") wins over "
                   "the default desktop.")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
def plan_cmd(folder: str, prompt: str, device: str, as_json: bool) -> None:
    """Show the page plan of PROMPT: what the mock for FOLDER's design system will hold.

    Each section is an element kind (or a titled "section" for a thing no kind draws), how many,
    the labels the prompt names for it, a title and a position; with the device, the domain and
    the built-in page type the prompt asks for, if any. The plan depends on the prompt only.
    """
    from engine.api import Engine
    from onbrand.plan_cmd import plan_json, print_plan

    if not Path(folder).is_dir():
        raise _Fail(f"{folder}: no such folder")
    t0 = time.perf_counter()
    plan = Engine.plan(prompt, device)
    if as_json:
        click.echo(json.dumps(plan_json(plan), indent=2, ensure_ascii=False))
    else:
        print_plan(plan, time.perf_counter() - t0)


@main.command(name="export-tokens")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(list(_EXPORT_NAMES)), default="dtcg", show_default=True,
              help="dtcg: W3C design tokens JSON (a resolver document when the system has modes); css: custom "
                   "properties; tailwind: a tailwind.config.js module.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write, or - for stdout.  [default: tokens.json, tokens.css or tailwind.config.js]")
@click.option("--force", is_flag=True, help="Write even inside the design-system folder (its next ingest then "
                                            "reads the export as one of its token files).")
@_store_option
@_mode_option
@click.option("--json", "as_json", is_flag=True, help="Print the output path and what it holds as JSON.")
def export_tokens_cmd(folder: str, fmt: str, out: str | None, force: bool, store: str | None,
                      modes: tuple[str, ...], as_json: bool) -> None:
    """Write what onbrand understood about the design system in FOLDER as design tokens.

    Palette, colour roles (with why each colour plays its role), type scale, fonts, spacing,
    radii and shadows, each with the file it came from. Without --mode every mode of the
    system is written (Tailwind: the default mode only); --mode writes that one mode.

    \b
      onbrand export-tokens ./my-design-system --format dtcg --out tokens.json
      onbrand export-tokens ./my-design-system --format css --out tokens.css
      onbrand export-tokens ./my-design-system --format tailwind --mode theme=dark --out tailwind.config.js
    """
    from onbrand.export_cmd import export_folder

    export_folder(folder, fmt, out or _EXPORT_NAMES[fmt], force, store, _modes(modes), as_json, _load_ds, _Fail)


def _ds_summary(ds) -> dict:
    """The design system as `inspect --json` reports it: every value with where it came from."""
    by_name = {c.name: c for c in ds.colors}

    def src(name: str) -> dict | None:
        c = by_name.get(name)
        return c.source.model_dump() if c else None

    return {
        "name": ds.name,
        "folder": ds.root,
        "theme": ds.theme,
        "tokens": ds.token_count,
        "files": len(ds.files),
        "palette": [{"role": r.role, "hex": r.hex, "name": r.color, "source": src(r.color), "reason": r.reason,
                     "evidence": [_evidence_json(e) for e in r.evidence], "lost": [_evidence_json(e) for e in r.lost]}
                    for r in ds.roles],
        "rules": [r.model_dump(mode="json") for r in ds.rules],
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
