"""The page planner: how fast it reads a prompt and how well its plans answer the open prompts.

    python -m benchmarks.bench_plan [--repeats 5] [--misses] [--json] [FILE.jsonl ...]

**Speed**: every prompt of the files (default: ``eval/prompts/open_dev.jsonl`` and
``open_heldout.jsonl``) is planned once to warm up (the MiniLM encoder and the kind catalogue
load, phrase vectors are memoised), then `--repeats` times each; the median and p90 of those
warm runs are reported. *Cold phrases* plans each prompt once more after forgetting the memoised
phrase vectors, so every phrase the lexicon does not know is embedded again (what a prompt never
seen before costs). The first plan of the process (model and catalogue load) is reported apart.

**Accuracy** (`eval.open_prompts.plan_accuracy`), separately per file: the share of each
prompt's required kinds among its plan's section kinds, the share of its labels among the plan's
labels and titles, the domain, and how many sections and unmatched phrases the planner added.
``open_heldout.jsonl`` is held out: it was never used to tune the planner.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILES = [ROOT / "eval" / "prompts" / "open_dev.jsonl", ROOT / "eval" / "prompts" / "open_heldout.jsonl"]


def _ms(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {"median_ms": round(statistics.median(xs) * 1000, 3),
            "p90_ms": round(xs[min(len(xs) - 1, int(0.9 * len(xs)))] * 1000, 3),
            "max_ms": round(xs[-1] * 1000, 3)}


def timing(prompts: list, repeats: int = 5) -> dict:
    """Warm and cold-phrase timings of `conditioning.plan.plan_prompt` over `prompts` (SuitePrompt)."""
    from conditioning.plan import clear_phrase_cache, plan_prompt

    t = time.perf_counter()
    plan_prompt(prompts[0].prompt, prompts[0].device)
    first = time.perf_counter() - t
    for p in prompts:
        plan_prompt(p.prompt, p.device)
    warm: list[float] = []
    for _ in range(repeats):
        for p in prompts:
            t = time.perf_counter()
            plan_prompt(p.prompt, p.device)
            warm.append(time.perf_counter() - t)
    cold: list[float] = []
    for p in prompts:
        clear_phrase_cache()
        t = time.perf_counter()
        plan_prompt(p.prompt, p.device)
        cold.append(time.perf_counter() - t)
    return {"first_plan_s": round(first, 3), "warm": _ms(warm), "cold_phrases": _ms(cold), "plans": len(warm)}


def main(argv: list[str] | None = None) -> int:
    from eval.open_prompts import plan_accuracy
    from eval.suite import load_prompts

    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_plan", description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES, help="open-prompt files (JSONL)")
    ap.add_argument("--repeats", type=int, default=5, help="warm runs per prompt (default 5)")
    ap.add_argument("--misses", action="store_true", help="list each prompt's missing kinds and labels")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    sets = {}
    for f in args.files:
        try:
            sets[f.name] = load_prompts(f)
        except ValueError as e:
            print(f"error: {e}")
            return 2
    every = [p for ps in sets.values() for p in ps]
    out = {"timing": timing(every, max(1, args.repeats)),
           "accuracy": {name: plan_accuracy(ps) for name, ps in sets.items()}}
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    t = out["timing"]
    print(f"planning {len(every)} prompts: first plan of the process {t['first_plan_s']} s; warm median "
          f"{t['warm']['median_ms']} ms (p90 {t['warm']['p90_ms']}, max {t['warm']['max_ms']}) over {t['plans']} "
          f"plans; cold phrases median {t['cold_phrases']['median_ms']} ms (p90 {t['cold_phrases']['p90_ms']})")
    for name, res in out["accuracy"].items():
        print(f"{name}: {res['prompts']} prompts  kinds recall {res['kinds_recall']}  labels recall "
              f"{res['labels_recall']}  domain accuracy {res['domain_accuracy']}  extra sections "
              f"{res['extra_sections']}  unmatched phrases {res['unmatched']}")
        if args.misses:
            for r in res["rows"]:
                if r["missing_kinds"] or r["missing_labels"] or r["domain"] != r["domain_expected"]:
                    print(f"  {r['prompt']!r}: missing kinds {r['missing_kinds']} labels {r['missing_labels']}"
                          f" domain {r['domain']} (want {r['domain_expected']}); planned {r['kinds']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
