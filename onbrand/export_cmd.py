"""`onbrand export-tokens`: load a design system in each of its modes and write its tokens.

The export itself is `ingest.export_tokens`; this module decides where the file may go (never
into the design-system folder unless asked: its next ingest would read the export as part of
the system), writes it atomically and reports what it holds.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import click

EXIT_PARTIAL = 3


def check_out_path(out: str, folder: str, force: bool) -> Path | None:
    """The file to write (None for stdout); ValueError with a one-line reason when it may not be written."""
    if out == "-":
        return None
    path = Path(out)
    target = path.resolve()
    root = Path(folder).resolve()
    if target.is_dir():
        raise ValueError(f"{out}: is a folder; give a file name, e.g. {Path(out) / 'tokens.json'}")
    if (target == root or root in target.parents) and not force:
        raise ValueError(f"{out}: inside the design-system folder {folder}, whose next ingest would read it as "
                         "one of its token files; write it elsewhere, or pass --force")
    return path


def _mode_text(mode: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in mode.items())


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_folder(folder: str, fmt: str, out: str, force: bool, store: str | None, mode: dict[str, str],
                  as_json: bool, load_ds: Callable, fail: type[click.ClickException]) -> None:
    """Run the command: `load_ds(folder, store, mode)` loads one mode, `fail` is the one-line error."""
    from ingest import ExportError, check_round_trip, export_tokens, mode_variants

    if as_json and out == "-":
        raise fail("--json prints a summary on stdout; give --out FILE to write the tokens to a file")
    if not Path(folder).is_dir():
        raise fail(f"{folder}: no such folder" if not Path(folder).exists() else
                   f"{folder}: not a folder (give the design-system folder)")
    try:
        path = check_out_path(out, folder, force)
    except ValueError as e:
        raise fail(str(e)) from None
    t0 = time.perf_counter()
    ds, store_path, _cached = load_ds(folder, store, mode)
    systems = [ds]
    if not mode and fmt != "tailwind":
        systems += [load_ds(folder, store, v)[0] for v in mode_variants(ds)]
    try:
        result = export_tokens(systems, fmt)
    except ExportError as e:
        raise fail(str(e)) from None
    # the DTCG export is read back as onbrand reads a folder; what differs is reported
    differ = check_round_trip(systems, result.text) if fmt == "dtcg" else []
    if differ:
        shown = "; ".join(f"{d['what']} {d['exported'] or '(none)'} reads back as {d['read_back'] or '(none)'}"
                          + (f" ({_mode_text(d['mode'])})" if d["mode"] else "") for d in differ[:3])
        result.notes.append(f"{len(differ)} value(s) read back differently: {shown}"
                            + (" …" if len(differ) > 3 else ""))
    if path is None:
        click.echo(result.text, nl=False)
    else:
        try:
            _write(path, result.text)
        except OSError as e:
            raise fail(f"{out}: cannot write ({e.strerror})") from None
    secs = round(time.perf_counter() - t0, 3)
    modes = [_mode_text(m) for m in result.modes if m]
    if as_json:
        click.echo(json.dumps({"out": str(path), "format": fmt, "system": ds.name, "folder": ds.root,
                               "modes": result.modes, "counts": result.counts, "bytes": len(result.text.encode()),
                               "notes": result.notes, "round_trip": differ if fmt == "dtcg" else None, "store": str(store_path), "seconds": secs,
                               "failed": [f.model_dump() for f in ds.failed]}, indent=2))
    else:
        if path is not None:
            c = result.counts
            click.echo(f"wrote {path} ({fmt}: {c['colors']} colours, {c['roles']} roles, {c['type_styles']} text "
                       f"styles, {c['spacing']} spacing, {c['radii']} radii, {c['shadows']} shadows"
                       + (f"; modes {', '.join(modes)}" if modes else "") + f") in {secs} s")
        for note in result.notes:
            click.echo(f"note: {note}", err=True)
        for f in ds.failed:
            click.echo(f"skipped {f.path}: {f.reason}", err=True)
    if ds.failed:
        sys.exit(EXIT_PARTIAL)
