"""Cold-start cost of the text encoder: from `import` to the first encoded prompt.

    python -m benchmarks.bench_text_encoder [--runs 3] [--backend native transformers]

Each run is a fresh Python process (nothing cached in memory) that imports the engine's
prompt adapter, builds a `MiniLMTextEncoder` with the given backend and encodes one prompt the
way `conditioning.prompt.encode_prompts` does (32 tokens, mean-pooled unit vector). The process
reports the seconds from before its imports to the encoded prompt, split into imports, model
load and the first forward pass, and whether it imported transformers. Prints the median of
`--runs` runs per backend.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROMPT = "a pricing page for a neobank with three plans and a FAQ"

_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from conditioning.prompt import MAX_PROMPT_TOKENS
from ingest.encoders import MiniLMTextEncoder
t1 = time.perf_counter()
enc = MiniLMTextEncoder(backend=sys.argv[1])
enc._load()
t2 = time.perf_counter()
hidden, mask = enc.token_states([sys.argv[2]], MAX_PROMPT_TOKENS)
vec = hidden[0, : int(mask[0].sum())].mean(0)
vec = vec / vec.norm()
t3 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "first_prompt": t3 - t2, "total": t3 - t0,
                  "transformers_imported": "transformers" in sys.modules}))
"""


def cold_start(backend: str, prompt: str = PROMPT) -> dict:
    """One fresh process's timings (seconds) for `backend`."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", _CHILD, backend, prompt], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--backend", nargs="+", default=["native", "transformers"],
                    choices=["native", "transformers", "auto"])
    args = ap.parse_args(argv)
    print(f"{'backend':<13} {'imports':>8} {'load':>8} {'1st prompt':>11} {'total':>8}  transformers imported")
    for backend in args.backend:
        runs = [cold_start(backend) for _ in range(args.runs)]
        med = {k: statistics.median(r[k] for r in runs) for k in ("imports", "load", "first_prompt", "total")}
        print(f"{backend:<13} {med['imports']:>7.2f}s {med['load']:>7.2f}s {med['first_prompt']:>10.2f}s "
              f"{med['total']:>7.2f}s  {any(r['transformers_imported'] for r in runs)}")


if __name__ == "__main__":
    main()
