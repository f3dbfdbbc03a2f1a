"""Fitting a served process to its cores: one BLAS thread per generation, large buffers kept on
a reused heap, and worker processes.

A server runs generations side by side (`Limits.max_concurrent` threads, or `--workers`
processes); each generation's matrix products are small (the student's two steps over a few
hundred blocks). Left alone, OpenBLAS starts one thread per core for every product, so two
concurrent generations on two cores run four BLAS threads that spin against each other and
against the renderer: on a 2-core machine under load the sampling stage of a 4K mock went from
0.02 s to 0.1–1.4 s. `fit_blas_threads` pins the BLAS pools to one thread; parallelism comes
from serving requests side by side instead. An explicit ``OPENBLAS_NUM_THREADS``,
``OMP_NUM_THREADS`` or ``MKL_NUM_THREADS`` in the environment is left as it is.

Each mock also allocates a few full-size buffers (a 4K RGBA canvas is 33 MB). glibc hands
buffers that large out as fresh memory maps, and on a generation thread's own arena it
returns them at once, so every mock paid for some 30,000 page faults of zeroed memory again:
a 4K mock took 0.12–0.15 s on a server thread against 0.09 s in a warmed main thread.
`fit_malloc` keeps such buffers in one reused heap (one malloc arena; memory-mapping and
trimming only past 64 and 128 MiB), which brings the served stages to the in-process times
for about 100 MB more resident memory.

`serve_processes` runs several uvicorn servers on one listening socket: the engines are loaded
once in the parent and each worker is forked from it (copy-on-write, so a worker starts in
milliseconds and shares the loaded models' memory until it writes to it). The kernel hands
each new connection to one worker; a worker that dies is forked again. Admission limits and
`/metrics` are per worker.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Callable

log = logging.getLogger("onbrand.server")

#: Environment variables that set a BLAS pool's size; when one is set, the user's choice stands.
BLAS_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def fit_blas_threads(threads: int = 1) -> dict[str, int]:
    """Limit the process's BLAS/OpenMP pools to `threads` threads each (unless the environment
    sets their size); returns {library: threads before} for the pools changed."""
    if any(os.environ.get(v) for v in BLAS_ENV):
        return {}
    from threadpoolctl import threadpool_info, threadpool_limits

    before = {f"{p['internal_api']}:{p['filepath']}": p["num_threads"] for p in threadpool_info()}
    threadpool_limits(limits=threads)
    return before


#: glibc mallopt parameters
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_ARENA_MAX = -1, -3, -8


def fit_malloc(mmap_threshold: int = 64 * 2**20) -> bool:
    """Keep large buffers on one reused heap (glibc only): one arena, memory maps for blocks
    past `mmap_threshold` bytes, heap trimmed past twice that. An explicit ``MALLOC_ARENA_MAX``,
    ``MALLOC_MMAP_THRESHOLD_`` or ``MALLOC_TRIM_THRESHOLD_`` leaves it as it is. True when set."""
    import ctypes
    import ctypes.util

    if any(os.environ.get(v) for v in ("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (macOS, musl without mallopt)
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return all([mallopt(_M_ARENA_MAX, 1), mallopt(_M_MMAP_THRESHOLD, mmap_threshold),
                mallopt(_M_TRIM_THRESHOLD, 2 * mmap_threshold)])


def serve_processes(workers: int, sock: socket.socket, run_worker: Callable[[socket.socket], None],
                    restart_delay_s: float = 1.0) -> int:
    """Fork `workers` processes that each call `run_worker(sock)` (a uvicorn server on the shared
    listening socket) and supervise them until SIGINT/SIGTERM, which is passed on to them.
    A worker that exits while the server is running is forked again (after `restart_delay_s`).
    Returns the exit status: 0 after a signal."""
    children: dict[int, int] = {}  # pid -> worker index
    stopping = False

    def fork(index: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.default_int_handler)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                run_worker(sock)
                code = 0
            except KeyboardInterrupt:
                code = 0
            except BaseException:  # logged; the parent forks a new worker
                log.exception("worker %d failed", index)
            finally:
                os._exit(code)
        children[pid] = index

    def stop(signum, _frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM if signum == signal.SIGTERM else signal.SIGINT)
            except ProcessLookupError:
                pass

    old = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        for i in range(workers):
            fork(i)
        while children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:  # pragma: no cover - PEP 475 retries os.wait
                continue
            index = children.pop(pid, None)
            if index is not None and not stopping:
                log.warning("worker %d (pid %d) exited with status %d; starting it again", index, pid,
                            os.waitstatus_to_exitcode(status))
                time.sleep(restart_delay_s)
                if not stopping:
                    fork(index)
        return 0
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
