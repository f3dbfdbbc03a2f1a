"""cairocffi without parsing cairo's C declarations at every start.

cairocffi declares cairo's API with ``FFI.cdef`` (in-line ABI mode): every process parses
about a thousand C declarations with pycparser when it imports cairocffi (0.3–0.5 s, the largest
part of a cold ``onbrand generate``), and cffi builds each C type again the first time it is
used. cffi's out-of-line ABI mode stores the parsed declarations as a small Python module
instead. `import_cairocffi` imports cairocffi with its ``cairocffi.ffi`` module answered by such
a module, generated once from cairocffi's own declarations and kept in the disk cache
(`ingest.cache`) under a key of cairocffi's declaration files, cffi's version and Python's
version, so an upgrade of either regenerates it. The FFI objects are cffi's own
(``_cffi_backend.FFI``) with the same types, functions and constants: drawing is unchanged.

Whenever the fast path cannot be used (no cache, an unexpected cairocffi layout, xcffib
installed, an error of any kind) cairocffi is imported the ordinary way.
"""

from __future__ import annotations

import sys
import types
from typing import Any

#: Bump to regenerate every cached declaration module.
FORMAT = 1
_MAIN = "_onbrand_cairo_ffi"
_PIXBUF = "_onbrand_cairo_pixbuf_ffi"


def _key() -> tuple[str, Any] | None:
    """(cache key, cairocffi's package folder) or None when the fast path does not apply."""
    import hashlib
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("cairocffi")
    if spec is None or spec.origin is None:
        return None
    if importlib.util.find_spec("xcffib") is not None:  # cairocffi then includes xcb declarations
        return None
    pkg = Path(spec.origin).parent
    h = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    try:
        import _cffi_backend

        h.update(str(getattr(_cffi_backend, "__version__", "")).encode())
        for name in ("ffi.py", "constants.py"):
            h.update((pkg / name).read_bytes())
    except (ImportError, OSError):
        return None
    return h.hexdigest(), pkg


def _cache():
    from ingest.cache import DiskCache

    return DiskCache("cairo-ffi", max_entries=8, suffix=".py")


def find_library(name: str) -> str | None:
    """`ctypes.util.find_library`, remembered on disk: on Linux it runs ``ldconfig``, ``gcc`` and
    ``ld`` (tens of milliseconds per name). The key holds the dynamic linker's cache file and
    ``LD_LIBRARY_PATH``, so installing or removing libraries asks again; so does an answer
    naming a file that is gone."""
    import ctypes.util
    import json
    import os

    from ingest.cache import DiskCache, file_fingerprint

    key = json.dumps([name, file_fingerprint("/etc/ld.so.cache"), os.environ.get("LD_LIBRARY_PATH", ""),
                      sys.platform])
    cache = DiskCache("find-library", max_entries=64, suffix=".json")
    raw = cache.get(key)
    if raw is not None:
        try:
            hit = json.loads(raw)["path"]
            if hit is None or not os.path.isabs(hit) or os.path.exists(hit):
                return hit
        except (ValueError, KeyError, TypeError):
            pass
    found = _REAL_FIND_LIBRARY(name) if _REAL_FIND_LIBRARY else ctypes.util.find_library(name)
    cache.put(key, json.dumps({"path": found}).encode())
    return found


_REAL_FIND_LIBRARY = None


def _import_with_cached_find_library():
    """``import cairocffi`` with `find_library` answering its library look-ups (restored after)."""
    global _REAL_FIND_LIBRARY
    import ctypes.util

    real = ctypes.util.find_library
    _REAL_FIND_LIBRARY = real
    ctypes.util.find_library = find_library
    try:
        import cairocffi
    finally:
        ctypes.util.find_library = real
    return cairocffi


def _exec(name: str, source: bytes) -> types.ModuleType:
    mod = types.ModuleType(name)
    mod.__file__ = f"<{name}>"
    exec(compile(source, mod.__file__, "exec"), mod.__dict__)  # noqa: S102 - source written by cffi itself
    return mod


def _shim(main_ffi, pixbuf_source: bytes) -> types.ModuleType:
    """A stand-in for ``cairocffi.ffi``: ``ffi`` ready, ``ffi_pixbuf`` and ``constants`` on first use."""
    shim = types.ModuleType("cairocffi.ffi")
    shim.__package__ = "cairocffi"
    shim.ffi = main_ffi

    def __getattr__(attr: str):
        if attr == "ffi_pixbuf":
            mod = sys.modules.get(_PIXBUF) or _exec(_PIXBUF, pixbuf_source)
            sys.modules[_PIXBUF] = mod
            shim.ffi_pixbuf = mod.ffi
            return mod.ffi
        if attr == "constants":
            import cairocffi.constants as constants

            return constants
        if attr == "FFI":
            from cffi import FFI

            return FFI
        raise AttributeError(f"module 'cairocffi.ffi' has no attribute {attr!r}")

    shim.__getattr__ = __getattr__
    return shim


def _split(blob: bytes) -> tuple[bytes, bytes] | None:
    main, sep, pixbuf = blob.partition(b"\n# -- pixbuf --\n")
    return (main, pixbuf) if sep else None


def import_cairocffi():
    """The ``cairocffi`` module, imported with cached declarations when it can be (see the module docs)."""
    if "cairocffi" in sys.modules:
        return sys.modules["cairocffi"]
    try:
        found = _key()
    except Exception:  # noqa: BLE001 - any surprise: the ordinary import
        found = None
    if found is not None:
        key, _ = found
        cache = _cache()
        blob = cache.get(key)
        parts = _split(blob) if blob else None
        if parts is not None:
            try:
                main = _exec(_MAIN, parts[0])
                sys.modules[_MAIN] = main
                sys.modules["cairocffi.ffi"] = _shim(main.ffi, parts[1])
                return _import_with_cached_find_library()
            except Exception:  # noqa: BLE001 - a damaged entry: forget it, import the ordinary way
                for name in ("cairocffi", "cairocffi.ffi", "cairocffi.constants", _MAIN):
                    sys.modules.pop(name, None)
                for name in [n for n in sys.modules if n.startswith("cairocffi.")]:
                    sys.modules.pop(name, None)
    import cairocffi

    if found is not None:
        _store(found[0])
    return cairocffi


def _store(key: str) -> None:
    """Write the out-of-line declaration modules of the cairocffi just imported (in-line mode)."""
    import contextlib
    import io
    import os
    import tempfile

    try:
        real = sys.modules.get("cairocffi.ffi")
        if real is None or not hasattr(real, "ffi_pixbuf") or type(real.ffi).__module__ != "cffi.api":
            return
        # cairocffi's own FFI objects, already parsed: name their (out-of-line) modules and emit them
        main, pixbuf = real.ffi, real.ffi_pixbuf
        if getattr(main, "_assigned_source", None) or getattr(pixbuf, "_assigned_source", None):
            return
        main.set_source(_MAIN, None)
        pixbuf.set_source(_PIXBUF, None)
        with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(io.StringIO()):
            main.emit_python_code(os.path.join(tmp, "main.py"))
            pixbuf.emit_python_code(os.path.join(tmp, "pixbuf.py"))
            with open(os.path.join(tmp, "main.py"), "rb") as f:
                main_src = f.read()
            with open(os.path.join(tmp, "pixbuf.py"), "rb") as f:
                pixbuf_src = f.read()
        _cache().put(key, main_src + b"\n# -- pixbuf --\n" + pixbuf_src)
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        return

