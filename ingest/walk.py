"""Finding a design folder's files, with nothing but the standard library.

`walk` is the one definition of which files of a folder ingest reads (`ingest.folder.discover`
wraps it) and `stat_files` their sizes and modification times as the store's manifest records
them, so the check that a folder is unchanged (`ingest.quick`) needs neither pydantic nor the
readers.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

SKIP_DIRS = {".onbrand", ".git", "node_modules", "__pycache__"}
MAX_FILES = 20_000


class IngestError(Exception):
    """The folder cannot become a design system; the message is one line for the user."""


def has_store_manifest(path: Path) -> bool | None:
    """Whether the folder `path` holds an onbrand store manifest (version 4 and later write their
    format first, so the first bytes tell); None when it has no readable ``manifest.json``."""
    try:
        with open(path / "manifest.json", "rb") as f:
            head = f.read(256)
    except OSError:
        return None
    return b'"format": "onbrand-store"' in head


def _is_store(path: Path) -> bool:
    """An onbrand store (``--store`` inside the design folder): never read as design files."""
    found = has_store_manifest(path)
    if found is None:
        return (path / "write.lock").is_file()  # a store being written for the first time
    return found


def rel_name(p: Path, root: Path) -> str:
    """`p` relative to `root` as printable text (undecodable bytes of a file name are escaped)."""
    return os.fsdecode(p.relative_to(root)).encode("utf-8", "backslashreplace").decode("utf-8")


def walk(root: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Regular files under `root`, sorted, and (relative path, reason) of what was not followed:
    symlinks that leave the folder, loop or point nowhere, and symlinked folders."""
    files: list[Path] = []
    failed: list[tuple[str, str]] = []
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith(".")
                             and not _is_store(Path(dirpath) / d))
        for d in list(dirnames):
            p = Path(dirpath) / d
            if p.is_symlink():
                dirnames.remove(d)
                failed.append((rel_name(p, root), "symlinked folder not followed"))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if name.startswith("."):
                continue
            if p.is_symlink():
                try:
                    os.stat(p)
                    target = p.resolve(strict=True)
                except (OSError, RuntimeError) as e:
                    loop = isinstance(e, RuntimeError) or getattr(e, "errno", None) == errno.ELOOP
                    reason = "symlink loop; not followed" if loop else "symlink to nothing; not followed"
                    failed.append((rel_name(p, root), reason))
                    continue
                if not target.is_relative_to(real_root):
                    failed.append((rel_name(p, root), "symlink points outside the folder; not followed"))
                    continue
            if not p.is_file():
                continue
            files.append(p)
            if len(files) > MAX_FILES:
                raise IngestError(f"{root}: more than {MAX_FILES} files; point onbrand at the design-system folder itself")
    return files, failed


def stat_files(folder: Path) -> dict[str, list[int]]:
    """``{relative path: [size, mtime_ns]}`` of the files `walk` finds (as the manifest keeps them)."""
    files, _ = walk(folder)
    out = {}
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        out[rel_name(f, folder)] = [st.st_size, st.st_mtime_ns]
    return out
