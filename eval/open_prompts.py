"""How well a mock, or the page plan, answers an open prompt.

The open-prompt sets (``eval/prompts/open_dev.jsonl`` for tuning, ``open_heldout.jsonl`` held
out) list for each prompt the element kinds its mock must hold (``requires``) and the labels it
must show (``labels``: "To do", "Mute"…). Two scores per mock:

- **kinds present**: the share of the required kinds that occur in the scene at least once;
- **labels present**: the share of the labels found in the scene's texts (every element's text
  and every string in its props, such as tab items, table columns, button names), compared
  case-insensitively as whole words.

`plan_accuracy` scores the planner (`conditioning.plan.plan_prompt`) alone: the share of the
required kinds among the plan's section kinds and the share of labels among its sections'
labels and titles, per prompt and averaged. ``python -m benchmarks.bench_plan`` prints it for
the development and held-out sets separately, with the planner's speed.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from typing import Any

from conditioning.plan import DAY_NAMES, MONTH_NAMES

__all__ = ["kinds_present", "label_found", "labels_present", "plan_accuracy", "scene_texts"]


def _strings(value: Any, out: list[str], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, out, depth + 1)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _strings(v, out, depth + 1)


def scene_texts(scene) -> list[str]:
    """Every text a scene shows: each element's `text` and the strings in its `props`."""
    out: list[str] = []
    for e in scene.walk():
        if e.text:
            out.append(e.text)
        _strings(e.props, out)
    return out


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


_SHORT_NAMES = {n.lower() for n in (*DAY_NAMES, *MONTH_NAMES) if len(n) > 3}


def label_found(label: str, texts: Iterable[str]) -> bool:
    """Whether `label` appears in one of `texts` as whole words, case and punctuation aside
    ("to do" is found in "To do · 4", "S" is not found in "Sizes"); a day or month is found in
    its three-letter short form too ("Friday" in a phone's "Fri" tab)."""
    want = _norm(label)
    if not want:
        return True
    alt = re.escape(want) + (f"|{re.escape(want[:3])}" if want in _SHORT_NAMES else "")
    pat = re.compile(r"(?<!\w)(?:" + alt + r")(?!\w)")
    return any(pat.search(_norm(t)) for t in texts)


def kinds_present(counts: dict[str, int], kinds: Sequence[str]) -> float | None:
    """Share of `kinds` with at least one element in `counts` (`Scene.count()`); None if no kinds."""
    kinds = list(dict.fromkeys(kinds))
    if not kinds:
        return None
    return sum(counts.get(k, 0) >= 1 for k in kinds) / len(kinds)


def labels_present(scene, labels: Sequence[str]) -> float | None:
    """Share of `labels` the scene shows (`label_found` over `scene_texts`); None if no labels."""
    labels = [x for x in dict.fromkeys(labels) if x.strip()]
    if not labels:
        return None
    texts = scene_texts(scene)
    return sum(label_found(x, texts) for x in labels) / len(labels)


def plan_accuracy(prompts: Sequence, planner=None) -> dict[str, Any]:
    """Score the planner on open prompts (`eval.suite.SuitePrompt` with `kinds` and `labels`).

    `planner(prompt, device)` defaults to `conditioning.plan.plan_prompt`. Returns
    ``{"prompts", "kinds_recall", "labels_recall", "domain_accuracy", "extra_sections",
    "unmatched", "rows": [...]}``: recalls are means over the prompts that have kinds or labels;
    ``extra_sections`` is the mean number of sections whose kind no requirement names (what the
    planner added) and ``unmatched`` the mean number of phrases without a kind.
    """
    if planner is None:
        from conditioning.plan import plan_prompt as planner
    rows = []
    for p in prompts:
        plan = planner(p.prompt, p.device)
        kinds = [s.kind for s in plan.sections]
        texts = [x for s in plan.sections for x in (*s.labels, s.title)]
        want = list(dict.fromkeys(getattr(p, "kinds", None) or list(p.requires)))
        row = {"prompt": p.prompt, "device": p.device, "kinds": kinds,
               "missing_kinds": [k for k in want if k not in kinds],
               "kinds_recall": kinds_present({k: 1 for k in kinds}, want),
               "labels_recall": None, "missing_labels": [],
               "domain": plan.domain, "domain_expected": getattr(p, "domain", "") or None,
               "extra_sections": sum(1 for k in kinds if k not in want), "unmatched": plan.unmatched}
        labels = list(getattr(p, "labels", []) or [])
        if labels:
            row["missing_labels"] = [x for x in labels if not any(_norm(x) == _norm(t) for t in texts)]
            row["labels_recall"] = 1 - len(row["missing_labels"]) / len(labels)
        rows.append(row)

    def mean(key: str) -> float | None:
        vals = [r[key] for r in rows if isinstance(r[key], (int, float))]
        return round(statistics.fmean(vals), 4) if vals else None

    doms = [r for r in rows if r["domain_expected"]]
    return {"prompts": len(rows), "kinds_recall": mean("kinds_recall"), "labels_recall": mean("labels_recall"),
            "domain_accuracy": round(sum(r["domain"] == r["domain_expected"] for r in doms) / len(doms), 4)
            if doms else None,
            "extra_sections": mean("extra_sections"),
            "unmatched": round(statistics.fmean(len(r["unmatched"]) for r in rows), 4) if rows else None,
            "rows": rows}

