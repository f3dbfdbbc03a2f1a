"""The on-disk store of an ingested folder (``DIR/.onbrand/`` unless ``--store`` says otherwise).

Layout: ``design_system.json`` (the DesignSystem) and ``manifest.json`` (format version and
the size and mtime of every file the folder held). The store is written to a sibling temporary
folder and swapped in with renames, so an interrupted write never replaces a good store.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ingest.folder import discover
from ingest.model import DesignSystem

STORE_VERSION = 2


def default_store(folder: str | os.PathLike) -> Path:
    return Path(folder) / ".onbrand"


def fingerprint(folder: Path) -> dict[str, list[float]]:
    files, _ = discover(folder)
    out = {}
    for f in files:
        st = f.stat()
        out[str(f.relative_to(folder))] = [st.st_size, st.st_mtime_ns]
    return out


def save_store(ds: DesignSystem, store: str | os.PathLike) -> Path:
    store = Path(store)
    store.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".onbrand-tmp-", dir=store.parent))
    try:
        (tmp / "design_system.json").write_text(ds.model_dump_json(indent=1))
        manifest = {"version": STORE_VERSION, "files": fingerprint(Path(ds.root))}
        (tmp / "manifest.json").write_text(json.dumps(manifest))
        old = store.with_name(store.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if store.exists():
            os.replace(store, old)
        os.replace(tmp, store)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return store


def load_store(folder: str | os.PathLike, store: str | os.PathLike) -> DesignSystem | None:
    """The stored DesignSystem if the store is current for `folder`, else None."""
    store = Path(store)
    try:
        manifest = json.loads((store / "manifest.json").read_text())
        if manifest.get("version") != STORE_VERSION:
            return None
        if manifest.get("files") != fingerprint(Path(folder)):
            return None
        return DesignSystem.model_validate_json((store / "design_system.json").read_text())
    except (OSError, ValueError):
        return None


def load_or_ingest(
    folder: str | os.PathLike, store: str | os.PathLike | None = None, must_save: bool = True
) -> tuple[DesignSystem, Path, bool]:
    """The folder's DesignSystem from a current store, else freshly ingested and saved.

    Returns (design system, store path, whether the store was reused). Raises IngestError for
    an unusable folder, and OSError when the store cannot be written unless `must_save` is
    False (then the store is only a cache, as for a read-only folder).
    """
    from ingest.folder import ingest_folder

    store_path = Path(store) if store else default_store(folder)
    ds = load_store(folder, store_path)
    if ds is not None:
        return ds, store_path, True
    ds = ingest_folder(folder)
    try:
        save_store(ds, store_path)
    except OSError:
        if must_save:
            raise
    return ds, store_path, False
