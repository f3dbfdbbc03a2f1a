"""Reference layouts for a prompt: what the diffusion samplers are conditioned on at generate time.

Retrieval-augmented layout generation (Horita et al. 2024, "Retrieval-Augmented Layout
Transformer for Content-Aware Layout Generation"): the model does better when it sees a few
real layouts close to what it is asked for. The teacher is trained with a reference of the
same archetype, device and style family; at generate time `ReferenceBank.lookup` supplies

1. with ``screens=True``, the design system's own example screens (SVG assets classified as
   screens) whose file name routes to the prompt's page archetype and whose shape matches the
   device, read into blocks by `ingest.screens.svg_screen_blocks`; then
2. the closest exemplar of that archetype and device from a bank of curriculum pages
   (`engine.compose.curriculum.sample_example` with a fixed seed), ranked by the cosine similarity of
   their captions to the prompt (all-MiniLM-L6-v2) plus a bonus for carrying the component
   kinds the prompt names (`prompt_kinds`: "… with a confirm dialog" prefers a page with a
   modal open, "… with search and pagination" one that has both).

The exemplar bank ships prebuilt as `engine/weights/exemplars.npz` (block layouts, captions
and caption vectors for every archetype × device), so a cold start composes nothing; rebuild
it with ``python -m engine.samplers.references build`` after changing the curriculum. Without the file
the bank is drawn lazily, per (archetype, device), on first use.

Each reference comes with its provenance, which the engine exposes on the generation.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from conditioning.kinds import KIND_BONUS, UNASKED_PENALTY, kind_coverage, prompt_kinds, unasked
from scene.blocks import Block, scene_blocks

#: The curriculum's names for the composer's coarse archetypes.
_CURRICULUM_NAME = {"products": "product-list", "orders": "table-admin"}
#: Exemplars drawn per (archetype, device) the first time a prompt asks for them.
BANK_SIZE = 12
BANK_SEED = 20240617
BANK_FILE = Path(__file__).resolve().parents[1] / "weights" / "exemplars.npz"
def curriculum_archetype(prompt: str) -> str:
    """The curriculum page archetype a prompt routes to (`engine.compose.composer.route_prompt`)."""
    from engine.compose.composer import route_prompt
    from engine.compose.curriculum import ARCHETYPES

    arch = route_prompt(prompt)
    arch = _CURRICULUM_NAME.get(arch, arch)
    return arch if arch in ARCHETYPES else "dashboard"


def _named_archetype(words: str) -> str | None:
    """The archetype a screen's file name names, or None when it names none ("list.svg")."""
    from conditioning import archetype_scores
    from engine.compose.composer import PAGE_ROUTES

    low = f" {words.lower()} "
    if any(archetype_scores(words).values()) or any(w in low for ws in PAGE_ROUTES.values() for w in ws):
        return curriculum_archetype(words)
    return None


def _device_of(w: float, h: float) -> str:
    r = w / max(h, 1e-6)
    return "mobile" if r < 0.8 else ("tablet" if r < 1.5 else "desktop")


def _svg_device(path: str) -> str:
    """The device class of an SVG screen from its root viewBox (or width/height)."""
    head = Path(path).read_bytes()[:2048].decode("utf-8", "replace")
    m = re.search(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)', head)
    if not m:
        m = re.search(r'<svg[^>]*?width="([\d.]+)[^"]*"[^>]*?height="([\d.]+)', head)
    return _device_of(float(m.group(1)), float(m.group(2))) if m else "desktop"


@dataclass
class ReferenceBank:
    """Exemplar layouts, built lazily per (archetype, device) and kept for the engine's life."""

    n_slots: int = 32
    size: int = BANK_SIZE
    path: Path | None = BANK_FILE
    _bank: dict[tuple[str, str], list[tuple[list[Block], str, np.ndarray]]] = field(default_factory=dict)
    _loaded: bool = False
    _raw: dict[tuple[str, str], list[tuple[dict, np.ndarray]]] = field(default_factory=dict)
    _screens: dict[str, list[tuple[list[Block], str, str, str]]] = field(default_factory=dict)

    def _load_file(self) -> None:
        self._loaded = True
        if self.path is None or not Path(self.path).is_file():
            return
        with np.load(self.path, allow_pickle=False) as z:
            entries = json.loads(str(z["entries"]))
            vecs = z["vecs"].astype(np.float32)
        # blocks are built per (archetype, device) on first use: a call needs one of them
        for e, v in zip(entries, vecs):
            self._raw.setdefault((e["archetype"], e["device"]), []).append((e, v))

    def _exemplars(self, arch: str, device: str) -> list[tuple[list[Block], str, np.ndarray]]:
        key = (arch, device)
        if not self._loaded:
            self._load_file()
        if key not in self._bank and key in self._raw:
            self._bank[key] = [([Block.from_dict(b) for b in e["blocks"]][: self.n_slots], e["caption"], v)
                               for e, v in self._raw.pop(key)]
        if key not in self._bank:
            from engine.compose.curriculum import sample_example
            from conditioning.prompt import encode_prompts

            rng = random.Random(f"{BANK_SEED}:{arch}:{device}")
            exs = [sample_example(rng, device=device, archetype=arch) for _ in range(self.size)]
            vecs = [v for _, v in encode_prompts([e.caption for e in exs])]
            self._bank[key] = [(scene_blocks(e.scene, self.n_slots), e.caption, np.asarray(v, np.float32))
                               for e, v in zip(exs, vecs)]
        return self._bank[key]

    def _system_screens(self, ds) -> list[tuple[list[Block], str, str, str]]:
        """(blocks, path, routed archetype, device class) of the system's SVG example screens."""
        root = str(getattr(ds, "root", ""))
        if root not in self._screens:
            from ingest.screens import svg_screen_blocks

            found = []
            for a in getattr(ds, "assets", []):
                if a.kind != "screen" or not a.path.lower().endswith(".svg"):
                    continue
                try:
                    blocks = svg_screen_blocks(a.path)
                except Exception:  # noqa: BLE001 - a screen that will not parse is simply not a reference
                    continue
                if blocks:
                    words = re.sub(r"[-_.]+", " ", Path(a.path).stem)
                    found.append((blocks[: self.n_slots], a.path, _named_archetype(words), _svg_device(a.path)))
            self._screens[root] = found
        return self._screens[root]

    def lookup(self, prompt: str, device: str, ds=None, prompt_vec: np.ndarray | None = None,
               k: int = 1, screens: bool = False) -> tuple[list[list[Block]], list[dict]]:
        """Up to `k` reference layouts for the prompt and their provenance. With `screens`
        the design system's own matching screens come first (off by default: the shipped
        teacher learnt from curriculum references, whose blocks are drawn at the grain it
        generates, and follows them more closely than layouts read back from a drawing)."""
        arch = curriculum_archetype(prompt)
        refs: list[list[Block]] = []
        prov: list[dict] = []
        if ds is not None and screens:
            for blocks, path, screen_arch, screen_device in self._system_screens(ds):
                if screen_arch == arch and screen_device == device:
                    refs.append(blocks)
                    prov.append({"kind": "screen", "source": path, "archetype": arch})
                if len(refs) >= k:
                    return refs, prov
        bank = self._exemplars(arch, device)
        if prompt_vec is None:
            from conditioning.prompt import encode_prompt

            prompt_vec = encode_prompt(prompt)[1]
        named = prompt_kinds(prompt)
        pn = np.linalg.norm(prompt_vec)
        sims = np.array([float(np.dot(v, prompt_vec) / (np.linalg.norm(v) * pn + 1e-9))
                         + KIND_BONUS * kind_coverage(blocks, named) - UNASKED_PENALTY * unasked(blocks, named)
                         for blocks, _, v in bank])
        for i in np.argsort(-sims)[: k - len(refs)]:
            blocks, caption, _ = bank[int(i)]
            refs.append(blocks)
            prov.append({"kind": "exemplar", "source": f"curriculum:{arch}/{device}", "caption": caption,
                         "score": round(float(sims[i]), 4)})
        return refs, prov


def build_bank(path: Path = BANK_FILE, per: int = BANK_SIZE) -> int:
    """Draw `per` exemplars for every curriculum archetype × device and save them to `path`."""
    from engine.compose.curriculum import ARCHETYPES
    from scene.devices import DEVICES

    bank = ReferenceBank(n_slots=48, size=per, path=None)
    entries, vecs = [], []
    for arch in ARCHETYPES:
        for device in DEVICES:
            for blocks, caption, vec in bank._exemplars(arch, device):
                entries.append({"archetype": arch, "device": device, "caption": caption,
                                "blocks": [{k: v for k, v in b.to_dict().items() if v not in ("", {}) or k == "kind"}
                                           for b in blocks]})
                vecs.append(vec)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, entries=np.array(json.dumps(entries, separators=(",", ":"))),
                        vecs=np.stack(vecs).astype(np.float16))
    return len(entries)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Build the reference-layout exemplar bank.")
    ap.add_argument("command", choices=["build"])
    ap.add_argument("--out", type=Path, default=BANK_FILE)
    ap.add_argument("--per", type=int, default=BANK_SIZE, help="exemplars per archetype and device")
    args = ap.parse_args(argv)
    n = build_bank(args.out, args.per)
    print(f"wrote {n} exemplars to {args.out}")


if __name__ == "__main__":
    main()
