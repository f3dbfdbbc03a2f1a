"""Conditioning: turn a prompt, a DesignSystem and its context store into what the generator is
conditioned on (retrieval under a budget, packing into context inputs)."""

from conditioning.context import (
    ARCHETYPES,
    Conditioning,
    Retrieved,
    archetype_scores,
    build_conditioning,
    choose_archetype,
)
from conditioning.packing import ContextInputs, pack_context, prompt_token_embeddings
from conditioning.retrieval import retrieve

__all__ = [
    "ARCHETYPES",
    "Conditioning",
    "ContextInputs",
    "Retrieved",
    "archetype_scores",
    "build_conditioning",
    "choose_archetype",
    "pack_context",
    "prompt_token_embeddings",
    "retrieve",
]
