"""Screen matching: does a prompt find the system's own screen it asks for?

    python -m benchmarks.bench_screen_match [--systems DIR ...] [--names neutral|descriptive] [--sweep] [--json]

For each design system (the four samples by default) a copy of its folder gets eight screens in
place of its own: 1440×900 renders (procedural composer, the system's own look) of a dashboard,
a checkout, settings, a sign-in, an orders table, a product grid, pricing plans and a profile,
saved as ``screens/screen-01.png`` … (``--names neutral``, the default: the file name says
nothing) or ``screens/checkout.png`` … (``--names descriptive``). The copy is ingested
(`ingest.store.ingest_to_store`, with its context index and the screens' UI-CLIP vectors) and
each prompt is packed (`conditioning.packing.pack_context`) against it with every screen allowed,
so the reference it gets is the best scoring screen.

Two prompt sets, written before any result was seen: ``dev`` (used to choose the weight of
UI-CLIP in `conditioning.packing.screen_match`) and ``held-out`` (reported, never tuned on).
Each holds two paraphrases per screen and four prompts for pages none of the screens shows.
Measured with UI-CLIP's term off (weight 0: the screens' words alone) and at ``--weight`` (0.3
by default, as shipped in `conditioning.retrieval.SCREEN_CLIP_WEIGHT`, the best top-1 on the dev
prompts):

- ``top1``: share of prompts for a screen whose best scoring screen is that screen;
- ``used``: share whose held screen (what generation follows: the best-ranked screen whose words
  reach `conditioning.packing.SCREEN_MATCH`, or with ``--clip-hold X`` whose UI-CLIP agreement
  reaches X) is that screen;
- ``false_use``: share of prompts for pages no screen shows for which a screen is still held
  (a wrong layout would be followed).

``--sweep`` prints the dev set at several weights.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENS = {
    "dashboard": "sales analytics dashboard",
    "checkout": "checkout page with order summary",
    "settings": "account settings",
    "sign-in": "sign in page",
    "orders": "admin table of orders",
    "products": "product listing grid",
    "pricing": "pricing plans",
    "profile": "user profile page",
}
PROMPTS = {
    "dev": {
        "dashboard": ["revenue dashboard with KPIs and a chart", "metrics overview for the sales team"],
        "checkout": ["payment step of the cart with the order total", "checkout with shipping address and summary"],
        "settings": ["preferences page to change notifications and password", "settings screen for the account"],
        "sign-in": ["login form with email and password", "log in screen"],
        "orders": ["list of recent orders in a data table", "order management table with status"],
        "products": ["shop catalogue of items with prices", "grid of products for an online store"],
        "pricing": ["plans and pricing tiers", "subscription plans comparison"],
        "profile": ["public profile of a user with avatar and bio", "member profile page"],
        None: ["calendar of upcoming events", "music player with playlist", "kanban board of tasks",
               "chat conversation screen"],
    },
    "held-out": {
        "dashboard": ["KPI overview of monthly performance", "analytics home with graphs"],
        "checkout": ["place your order: review items and pay", "billing and payment form for a purchase"],
        "settings": ["edit security and privacy options", "configuration page with toggles"],
        "sign-in": ["authentication page to access your account", "sign-in with remember me"],
        "orders": ["table of customer orders with filters", "admin view of purchases and their statuses"],
        "products": ["browse merchandise cards", "product gallery with add to cart buttons"],
        "pricing": ["choose a plan: free, pro, enterprise", "pricing page with monthly and yearly toggle"],
        "profile": ["my profile with personal details", "user page showing their activity and info"],
        None: ["map of nearby stores", "photo gallery album", "video call screen", "weather forecast"],
    },
}


def build_folder(system: Path, out: Path, names: str) -> dict[str, str]:
    """A copy of `system` whose screens are renders of `SCREENS`; file stem → screen name."""
    from engine import Engine

    shutil.copytree(system, out, ignore=shutil.ignore_patterns(".onbrand", "*.pdf"))  # only these screens
    shutil.rmtree(out / "screens", ignore_errors=True)
    (out / "screens").mkdir()
    engine = Engine.from_folder(system, store=out.parent / f"{out.name}-render-store")
    stems = {}
    for i, (name, prompt) in enumerate(SCREENS.items(), 1):
        stem = f"screen-{i:02d}" if names == "neutral" else name
        engine.generate(prompt, size=(1440, 900), sampler="procedural", seed=i).image.save(out / "screens" / f"{stem}.png")
        stems[stem] = name
    return stems


def score_set(ds, store, stems: dict[str, str], prompts: dict) -> dict:
    """Best screen of each prompt (every screen allowed) → top1, used and false_use."""
    from conditioning.packing import pack_context

    hits = used = n = false_use = n_none = 0
    rows = []
    for target, texts in prompts.items():
        for p in texts:
            ctx = pack_context(ds, p, store=store, screen_threshold=-9.0, use_clip=False)
            best = next((r for r in ctx.references if r["kind"] == "screen"), None)
            got = stems.get(Path(best["source"]).stem) if best else None
            score = best["score"] if best else None
            # what generation holds: the best ranked screen whose words reach the threshold
            held = next((r for r in pack_context(ds, p, store=store, use_clip=False).references
                         if r["kind"] == "screen"), None)
            rows.append({"prompt": p, "target": target, "best": got, "score": score,
                         "source": best["source"] if best else None, "clip": best.get("clip_agreement") if best else None})
            if target is None:
                n_none += 1
                false_use += held is not None
            else:
                n += 1
                hits += got == target
                used += held is not None and stems.get(Path(held["source"]).stem) == target
    return {"top1": hits / max(n, 1), "used": used / max(n, 1), "false_use": false_use / max(n_none, 1),
            "n": n, "n_none": n_none, "rows": rows}


def main() -> None:
    import conditioning.retrieval as retrieval

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--systems", nargs="*", default=None)
    ap.add_argument("--names", choices=("neutral", "descriptive"), default="neutral")
    ap.add_argument("--weight", type=float, default=0.3, help="UI-CLIP weight compared with none (default 0.3)")
    ap.add_argument("--sweep", action="store_true", help="also the dev set at several UI-CLIP weights")
    ap.add_argument("--clip-hold", type=float, default=None,
                    help="also hold a screen whose UI-CLIP agreement reaches this (default: as shipped, "
                         "conditioning.retrieval.SCREEN_CLIP_HOLD)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    systems = [Path(s) for s in a.systems] if a.systems else sorted(
        p for p in (ROOT / "sample_design_systems").iterdir() if p.is_dir())
    shipped, weight = retrieval.SCREEN_CLIP_WEIGHT, a.weight
    if a.clip_hold is not None:
        retrieval.SCREEN_CLIP_HOLD = a.clip_hold
    weights = sorted({0.0, weight} | ({0.25, 0.5, 1.0, 1.5, 2.0} if a.sweep else set()))
    sets = ["dev", "held-out"]
    totals: dict = {}
    ingest_s = []
    from ingest.store import ingest_to_store, load_context

    with tempfile.TemporaryDirectory() as tmp:
        for system in systems:
            folder = Path(tmp) / system.name
            stems = build_folder(system, folder, a.names)
            t = time.perf_counter()
            rep = ingest_to_store(folder, Path(tmp) / f"{system.name}-store")
            ingest_s.append(time.perf_counter() - t)
            store = load_context(rep.store)
            for w in weights:
                retrieval.SCREEN_CLIP_WEIGHT = w
                for s in sets:
                    if s == "held-out" and w not in (0.0, weight):
                        continue
                    r = score_set(rep.ds, store, stems, PROMPTS[s])
                    acc = totals.setdefault((w, s), {"top1": 0.0, "used": 0.0, "false_use": 0.0, "rows": []})
                    for k in ("top1", "used", "false_use"):
                        acc[k] += r[k] / len(systems)
                    acc["rows"] += [{"system": system.name, **row} for row in r["rows"]]
    retrieval.SCREEN_CLIP_WEIGHT = shipped
    out = {f"{s} @ weight {w:g}": {k: round(v, 3) for k, v in acc.items() if k != "rows"}
           for (w, s), acc in sorted(totals.items(), key=lambda kv: (kv[0][1], kv[0][0]))}
    if a.json:
        print(json.dumps({"results": out, "ingest_s": ingest_s,
                          "rows": {f"{s} @ {w:g}": acc["rows"] for (w, s), acc in totals.items()}}, indent=1))
        return
    print(f"{len(systems)} systems x {len(SCREENS)} screens ({a.names} file names); "
          f"ingest of each copy {min(ingest_s):.2f}-{max(ingest_s):.2f} s")
    for k, v in out.items():
        print(f"  {k:<26} top1 {v['top1']:.3f}  used {v['used']:.3f}  false_use {v['false_use']:.3f}")


if __name__ == "__main__":
    main()
