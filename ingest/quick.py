"""Telling that a folder is unchanged since its store was written, with the standard library only.

`onbrand ingest` on a folder whose store is current reads nothing, yet importing the readers,
pydantic and numpy to load the DesignSystem and print its summary costs most of a second. So
each ingest also keeps the summary it prints, as an unchanged re-run would print it, in the
store generation it describes (``g-<id>/summary-<key>.json``, `save_summary`), and
`saved_summary` returns it when, and only when, all of these hold:

- the store's manifest is a current one (format and `STORE_VERSION`) and names that generation
  and its write time, and the generation's own files (`OWN_FILES`) have the size and
  modification time they had when the summary was kept;
- the context index is current (as `ingest.store` requires for ``ingest``);
- the folder's files (`ingest.walk`) have exactly the manifest's names, sizes and modification
  times: any edit, added, deleted or renamed file fails this;
- the key matches: the folder and store paths, the selected mode options and the caller's
  `schema` (what produced the summary; a change to it is a miss).

Anything else (a damaged or missing file, another mode, ``--force``) takes the ordinary path.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from ingest.cache import write_atomic
from ingest.walk import IngestError, stat_files

STORE_VERSION = 4
STORE_FORMAT = "onbrand-store"
GENERATION = re.compile(r"^g-[0-9a-f]{16}$")
#: Bump when the saved summary's layout changes.
SUMMARY_FORMAT = 1


def _manifest(store: Path) -> dict | None:
    try:
        m = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if (not isinstance(m, dict) or m.get("version") != STORE_VERSION or m.get("format") != STORE_FORMAT
            or not isinstance(m.get("generation"), str) or not GENERATION.match(m["generation"])
            or not isinstance(m.get("files"), dict)):
        return None
    return m


def _key(folder: Path, store: Path, modes: Mapping[str, str] | None, schema: str) -> str:
    parts = [SUMMARY_FORMAT, str(folder.resolve()), str(store.resolve()), sorted((modes or {}).items()), schema]
    return hashlib.sha256(json.dumps(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


#: The generation's own files whose stat is part of the stamp: a damaged or replaced one (its
#: size or modification time changed) sends the next ingest the ordinary way, which rebuilds it.
OWN_FILES = ("design_system.json", "files.jsonl")


def _stamp(store: Path, manifest: dict) -> list:
    own = []
    for name in OWN_FILES:
        try:
            st = (store / manifest["generation"] / name).stat()
            own.append([name, st.st_size, st.st_mtime_ns])
        except OSError:
            own.append([name, None, None])
    return [manifest["generation"], manifest.get("written"), manifest.get("context"), own]


def _store_path_ok(folder: Path, store: Path) -> bool:
    """The cases `ingest.store.check_store_path` refuses go the ordinary way (which says why)."""
    try:
        real_store, real_folder = store.resolve(), folder.resolve()
    except (OSError, RuntimeError):
        return False
    return real_store != real_folder and not real_folder.is_relative_to(real_store) and store.is_dir() \
        and not store.is_symlink()


def saved_summary(folder: str | os.PathLike, store: str | os.PathLike | None, modes: Mapping[str, str] | None,
                  schema: str) -> dict | None:
    """The summary `save_summary` kept for this folder, store, modes and schema when the store is
    current for the folder as it is now (see the module docs); None otherwise."""
    folder = Path(folder)
    store = Path(store) if store else folder / ".onbrand"
    if not folder.is_dir() or not _store_path_ok(folder, store):
        return None
    manifest = _manifest(store)
    if manifest is None:
        return None
    ctx = manifest.get("context")
    if manifest.get("chunks", 0) and not (isinstance(ctx, dict) and ctx.get("current") and isinstance(
            ctx.get("generation"), str) and GENERATION.match(ctx["generation"])
            and (store / ctx["generation"] / "context").is_dir()):
        return None
    path = store / manifest["generation"] / f"summary-{_key(folder, store, modes, schema)}.json"
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(saved, dict) or saved.get("stamp") != _stamp(store, manifest) or not isinstance(saved.get("summary"), dict):
        return None
    try:
        now = stat_files(folder)
    except (IngestError, OSError):
        return None
    files = manifest["files"]
    if now.keys() != files.keys() or any(not isinstance(files[k], list) or files[k][:2] != v for k, v in now.items()):
        return None
    return saved["summary"]


def save_summary(folder: str | os.PathLike, store: str | os.PathLike | None, modes: Mapping[str, str] | None,
                 schema: str, summary: Mapping, generation: str) -> Path | None:
    """Keep `summary` (JSON-able), which describes store generation `generation`, for
    `saved_summary`; None when the manifest names another generation by now (another process
    saved the store since) or the store cannot be written (the next run is then slower)."""
    folder = Path(folder)
    store = Path(store) if store else folder / ".onbrand"
    manifest = _manifest(store)
    if manifest is None or manifest["generation"] != generation:
        return None
    path = store / manifest["generation"] / f"summary-{_key(folder, store, modes, schema)}.json"
    data = json.dumps({"stamp": _stamp(store, manifest), "summary": summary}).encode("utf-8")
    return path if write_atomic(path, data) else None
