"""Reference layouts for a prompt: what the diffusion samplers are conditioned on at generate time.

Retrieval-augmented layout generation (Horita et al. 2024, "Retrieval-Augmented Layout
Transformer for Content-Aware Layout Generation"): the model does better when it sees a few
real layouts close to what it is asked for. The teacher is trained with a reference of the
same archetype, device and style family; at generate time `ReferenceBank.lookup` supplies
the closest exemplar of that archetype and device from a bank of curriculum pages
(`engine.compose.curriculum.sample_example` with a fixed seed), ranked by the cosine similarity of
their captions to the prompt (all-MiniLM-L6-v2) plus a bonus for carrying the component
kinds the prompt names (`prompt_kinds`: "… with a confirm dialog" prefers a page with a
modal open, "… with search and pagination" one that has both). The system's own screens and
the request's reference images come first, from `conditioning.packing.pack_context`, which
calls this bank only when none of them matches.

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


@dataclass
class ReferenceBank:
    """Exemplar layouts, built lazily per (archetype, device) and kept for the engine's life."""

    n_slots: int = 32
    size: int = BANK_SIZE
    path: Path | None = BANK_FILE
    _bank: dict[tuple[str, str], list[tuple[list[Block], str, np.ndarray]]] = field(default_factory=dict)
    _loaded: bool = False
    _raw: dict[tuple[str, str], list[tuple[dict, np.ndarray]]] = field(default_factory=dict)

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

    def lookup(self, prompt: str, device: str, ds=None, prompt_vec: np.ndarray | None = None,
               k: int = 1) -> tuple[list[list[Block]], list[dict]]:
        """Up to `k` curriculum exemplar layouts for the prompt and their provenance (`ds` is
        accepted for the `conditioning.packing.pack_context` interface; the exemplars do not
        depend on it)."""
        arch = curriculum_archetype(prompt)
        refs: list[list[Block]] = []
        prov: list[dict] = []
        bank = self._exemplars(arch, device)
        if prompt_vec is None:
            from conditioning.prompt import encode_prompt

            prompt_vec = encode_prompt(prompt)[1]
        named = prompt_kinds(prompt)
        pn = np.linalg.norm(prompt_vec)
        sims = np.array([float(np.dot(v, prompt_vec) / (np.linalg.norm(v) * pn + 1e-9))
                         + KIND_BONUS * kind_coverage(blocks, named) - UNASKED_PENALTY * unasked(blocks, named)
                         for blocks, _, v in bank])
        for i in np.argsort(-sims)[:k]:
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
