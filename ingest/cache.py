"""Small on-disk caches that survive across processes (``$ONBRAND_CACHE``, else
``$XDG_CACHE_HOME/onbrand`` or ``~/.cache/onbrand``).

A cold ``onbrand generate`` repeats work whose answer depends only on files that rarely change:
the C declarations of cairo parsed by cffi, whether a font file can draw text, what an SVG logo
rasterises to, the MiniLM states of a prompt seen before. `DiskCache` keeps such answers as one
file per key in its own folder:

- keys are any text; the file name is the SHA-256 of the key, so a key that names what the
  answer depends on (a content hash, a file's size and modification time, a version) is how an
  entry is invalidated: a changed input is a different key and simply misses;
- writes are atomic (a temporary file renamed over the entry), so concurrent processes see a
  whole entry or none; any unreadable entry is a miss;
- each folder holds at most `max_entries` entries: a write beyond that removes the least
  recently written ones;
- a cache that cannot be written (read-only home, full disk) only costs time, never an error.

Only stdlib is imported here, so every layer can use it without paying for imports.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file beside it and a rename, so a reader sees
    the old file or the new one, never a part; False (and nothing left behind) when it cannot."""
    tmp = path.with_name(f".tmp-{secrets.token_hex(6)}-{path.name}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return False
    return True

#: Environment variable naming the cache folder (used as is, no ``onbrand`` appended).
CACHE_ENV = "ONBRAND_CACHE"
#: Set to 1 to turn every `DiskCache` off (reads miss, writes are dropped).
NO_CACHE_ENV = "ONBRAND_NO_DISK_CACHE"


def cache_dir() -> Path:
    """The folder onbrand keeps its caches in (created on first write)."""
    own = os.environ.get(CACHE_ENV)
    if own:
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "onbrand"


def file_fingerprint(path: str | os.PathLike) -> str | None:
    """What identifies a file's current content without reading it: device, inode, size and
    modification time in nanoseconds (a rewrite changes at least one); None when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


class DiskCache:
    """A bounded folder of entries keyed by text (see the module docs)."""

    def __init__(self, name: str, max_entries: int = 256, suffix: str = ".bin"):
        if max_entries < 1:
            raise ValueError("a cache holds at least one entry")
        self.name = name
        self.max_entries = max_entries
        self.suffix = suffix

    @property
    def folder(self) -> Path:
        return cache_dir() / self.name

    @staticmethod
    def enabled() -> bool:
        return os.environ.get(NO_CACHE_ENV, "").strip() not in ("1", "true", "yes")

    def path_of(self, key: str) -> Path:
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / f"{digest[:40]}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        """The bytes stored under `key`, or None."""
        if not self.enabled():
            return None
        try:
            with open(self.path_of(key), "rb") as f:
                return f.read()
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> Path | None:
        """Store `data` under `key` (atomically); returns the entry's path, None when the cache
        cannot be written. Removes the oldest entries beyond `max_entries`."""
        if not self.enabled():
            return None
        path = self.path_of(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        if not write_atomic(path, data):
            return None
        self._trim(keep=path.name)
        return path

    def entries(self) -> list[Path]:
        """The cache's entries (not the temporary files of writes in progress)."""
        try:
            return [Path(e.path) for e in os.scandir(self.folder)
                    if e.name.endswith(self.suffix) and not e.name.startswith(".tmp-")]
        except OSError:
            return []

    def _trim(self, keep: str) -> None:
        entries = self.entries()
        if len(entries) <= self.max_entries:
            return
        stamped = []
        for p in entries:
            try:
                stamped.append((p.stat().st_mtime_ns, p.name, p))
            except OSError:
                continue
        stamped.sort()
        excess = len(stamped) - self.max_entries
        for _, name, p in stamped:
            if excess <= 0:
                break
            if name == keep:
                continue
            try:
                p.unlink()
                excess -= 1
            except OSError:
                continue

    def clear(self) -> None:
        for p in self.entries():
            try:
                p.unlink()
            except OSError:
                pass


def content_digest(path: str | os.PathLike) -> str | None:
    """SHA-256 of a file's bytes, remembered on disk under the file's `file_fingerprint` (a
    model's weights are hashed once, not at every start); None when it cannot be read."""
    stamp = file_fingerprint(path)
    if stamp is None:
        return None
    cache = DiskCache("file-digests", max_entries=256, suffix=".txt")
    key = f"{os.path.abspath(path)}\0{stamp}"
    hit = cache.get(key)
    if hit is not None and len(hit) == 64:
        return hit.decode("ascii", "replace")
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    digest = h.hexdigest()
    cache.put(key, digest.encode("ascii"))
    return digest
