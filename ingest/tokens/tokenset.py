"""All token documents of a folder as one `TokenSet`, with its modes.

Pipeline: documents → per-source layers and modifiers (resolver documents, Tokens Studio
themes, Figma variables, then plain files with modes inferred from their names) → for one
chosen mode, merge the layers in resolution order (later wins) → resolve references → tokens.
A file that fails is reported with a one-line reason; the other files still resolve.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ingest.tokens.base import RawToken, Token, TokenError, resolve_raw
from ingest.tokens.dtcg import flatten_dtcg, flatten_legacy
from ingest.tokens.dtcg_resolver import resolver_contribution
from ingest.tokens.figma import figma_contribution
from ingest.tokens.layers import Contribution, Layer, Modifier
from ingest.tokens.load import TokenDocument
from ingest.tokens.modes import infer_modes
from ingest.tokens.studio import flatten_set, folder_set_name, is_multi_set, multi_set_sets, studio_contribution


class TokenSet:
    """Token layers and the modifiers that choose between them.

    ``modes`` maps each modifier to its options, default first, e.g.
    ``{"theme": ["light", "dark"]}``.
    """

    def __init__(self, order: list[list[Layer] | str], modifiers: dict[str, Modifier], failed: dict[str, str]):
        self._order = order
        self._modifiers = modifiers
        self._failed = dict(failed)
        self.modes: dict[str, list[str]] = {m: list(mod.options) for m, mod in modifiers.items() if mod.options}

    def _available(self) -> str:
        return ", ".join(f"{m}={'|'.join(opts)}" for m, opts in self.modes.items()) or "none"

    def canonical(self, modifier: str, option: str) -> tuple[str, str]:
        """The modifier and option as the system spells them (names match case-insensitively,
        so ``theme=dark`` selects a theme called "Dark"); TokenError when there is no such mode."""
        mods = {m.casefold(): m for m in self.modes}
        m = mods.get(modifier.casefold())
        if m is not None:
            opts = {o.casefold(): o for o in self.modes[m]}
            if option.casefold() in opts:
                return m, opts[option.casefold()]
        raise TokenError(f"unknown mode {modifier}={option}; available: {self._available()}")

    def resolve(self, mode: Mapping[str, str] | None = None) -> tuple[list[Token], dict[str, str]]:
        """Tokens of the chosen mode (defaults for unspecified modifiers) and {file: reason}."""
        chosen = {m: opts[0] for m, opts in self.modes.items()}
        for m, opt in (mode or {}).items():
            m, opt = self.canonical(m, opt)
            chosen[m] = opt
        stack: list[tuple[Layer, dict[str, str] | None]] = []
        for entry in self._order:
            if isinstance(entry, str):
                if entry in chosen:
                    stack += [(layer, {entry: chosen[entry]}) for layer in self._modifiers[entry].options[chosen[entry]]]
            else:
                stack += [(layer, None) for layer in entry]
        # a layer listed again overrides what came between, so only its last place matters
        last = {id(layer): i for i, (layer, _) in enumerate(stack)}
        merged: dict[str, RawToken] = {}
        for i, (layer, tag) in enumerate(stack):
            if last[id(layer)] != i:
                continue
            if tag is None:
                merged.update(layer.tokens)
            else:
                for path, rt in layer.tokens.items():
                    merged[path] = replace(rt, mode=tag)
        tokens, failed = resolve_raw(merged)  # drops the tokens of files that fail to resolve
        # files that could not be read were never layered; report them too
        for rel, reason in self._failed.items():
            failed.setdefault(rel, reason)
        return tokens, failed


def _flat_layer(doc: TokenDocument) -> Layer:
    if doc.kind == "dtcg":
        toks = flatten_dtcg(doc.data, doc.rel)
    elif doc.kind == "legacy":
        toks = flatten_legacy(doc.data, doc.rel)
    else:
        toks = flatten_set(doc.data, doc.rel)
    if not toks:
        raise TokenError(f"{doc.rel}: no design tokens found (no objects with a '$value' or 'value' member)")
    return Layer(name=doc.rel, file=doc.rel, tokens=toks)


def build_token_set(docs: list[TokenDocument]) -> TokenSet:
    """Combine parsed documents into one TokenSet (see the module docstring for the order)."""
    contributions: list[Contribution] = []
    claimed: set[str] = set()
    failed: dict[str, str] = {}
    for doc in docs:
        if doc.kind == "resolver":
            c = resolver_contribution(doc.rel, doc.data)
            contributions.append(c)
            claimed |= c.claimed | {doc.rel}
    # Tokens Studio folder exports: $themes.json / $metadata.json and the set files beside them
    themes_docs = [d for d in docs if d.kind in ("studio-themes", "studio-metadata")]
    studio_dirs: dict[str, dict[str, TokenDocument]] = {}
    for d in themes_docs:
        studio_dirs.setdefault(d.rel.rpartition("/")[0], {})[d.kind] = d
        claimed.add(d.rel)
    for meta in studio_dirs.values():
        anchor = next(iter(meta.values())).rel
        sets: dict[str, tuple[str, object]] = {}
        for d in docs:
            if d.rel in claimed or d.kind not in ("dtcg", "legacy", "studio"):
                continue
            name = folder_set_name(anchor, d.rel)
            if name is not None:
                sets[name] = (d.rel, d.data)
                claimed.add(d.rel)
        themes = meta["studio-themes"].data if "studio-themes" in meta else None
        md = meta["studio-metadata"].data if "studio-metadata" in meta else {}
        order = md.get("tokenSetOrder") if isinstance(md, dict) else None
        contributions.append(studio_contribution(anchor, sets, themes, order if isinstance(order, list) else None))
    plain: list[Layer] = []
    for doc in docs:
        if doc.rel in claimed or doc.kind in ("studio-themes", "studio-metadata", "resolver"):
            continue
        if doc.kind == "figma-variables":
            contributions.append(figma_contribution(doc.rel, doc.data))
        elif doc.kind == "studio" and is_multi_set(doc.data):
            md = doc.data.get("$metadata") if isinstance(doc.data.get("$metadata"), dict) else {}
            order = md.get("tokenSetOrder")
            sets = {n: (doc.rel, v) for n, v in multi_set_sets(doc.data, doc.rel).items()}
            contributions.append(studio_contribution(doc.rel, sets, doc.data.get("$themes"),
                                                     order if isinstance(order, list) else None))
        else:
            try:
                plain.append(_flat_layer(doc))
            except TokenError as e:
                failed[doc.rel] = str(e)
    contributions.insert(0, infer_modes(plain))
    order: list[list[Layer] | str] = []
    modifiers: dict[str, Modifier] = {}
    for c in contributions:
        failed.update({k: v for k, v in c.failed.items() if k not in failed})
        for entry in c.order:
            if isinstance(entry, str):
                if entry in modifiers:
                    for opt, layers in c.modifiers[entry].options.items():
                        modifiers[entry].add(opt, layers)
                else:
                    modifiers[entry] = c.modifiers[entry]
                    order.append(entry)
            else:
                order.append(entry)
    return TokenSet(order, modifiers, failed)
