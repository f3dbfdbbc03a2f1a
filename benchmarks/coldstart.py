"""Timing `onbrand` commands as fresh processes, from outside (shared by the benchmarks).

`child_env` is the environment the timed processes run in: the repository on ``PYTHONPATH``,
and Python's bytecode cache on (``PYTHONDONTWRITEBYTECODE`` removed) in a folder of the
benchmark's own (``PYTHONPYCACHEPREFIX``), so the timings are those of an installed onbrand,
whose modules are compiled once, not of a tree whose every module is compiled at every start.
A warm-up run fills that folder. `run_child` times one process: wall seconds, its peak RSS, the
onbrand-relevant modules it imported, and its output.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Runs the `onbrand` console script's entry point and reports, on stderr, which heavy modules it imported.
CHILD = ("import atexit, sys\n"
         "def _report():\n"
         "    sys.stderr.write('\\nIMPORTED=%s\\n' % ','.join(sorted({m.split('.')[0] for m in "
         "sys.modules} & {'torch', 'numpy', 'pydantic', 'cairocffi', 'faiss', 'PIL'})))\n"
         "    try:\n"
         "        hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
         "        sys.stderr.write('VMHWM_KB=%s\\n' % hwm)\n"
         "    except (OSError, IndexError):\n"
         "        pass\n"
         "atexit.register(_report)\n"
         "sys.argv = ['onbrand'] + sys.argv[1:]\n"
         "from onbrand.cli import main\n"
         "main()\n")


def child_env(tmp: Path, bytecode: bool = True, **extra: str) -> dict[str, str]:
    """The timed processes' environment (see the module docs); `bytecode=False` keeps
    ``PYTHONDONTWRITEBYTECODE`` as the caller has it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra}
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def onbrand_cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", CHILD, *args]


def run_child(cmd: list[str], env: dict, tmp: Path, ok_codes: tuple[int, ...] = (0,)) -> tuple[float, float, set[str], str]:
    """Wall seconds, peak RSS (MiB), the heavy modules imported, and stdout of one process."""
    with open(tmp / "child.out", "w+") as out, open(tmp / "child.err", "w+") as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, text=True)
        _, status, rusage = os.wait4(proc.pid, 0)  # this child's own peak RSS (KiB on Linux)
        wall = time.perf_counter() - t
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if code not in ok_codes:
        raise RuntimeError(f"{' '.join(cmd[3:])} failed ({code}): {stderr[-2000:]}")
    mods = stderr.rsplit("IMPORTED=", 1)[-1].split("\n", 1)[0].strip() if "IMPORTED=" in stderr else ""
    # the process's own high-water mark (ru_maxrss of a child also counts the parent's pages it
    # was forked with); ru_maxrss where /proc is not there
    hwm = stderr.rsplit("VMHWM_KB=", 1)[-1].split("\n", 1)[0].strip() if "VMHWM_KB=" in stderr else ""
    peak = int(hwm) / 1024 if hwm.isdigit() else rusage.ru_maxrss / 1024
    return wall, peak, {m for m in mods.split(",") if m}, stdout
