"""Conditioning: turn a prompt and a DesignSystem into what the generator is conditioned on."""

from conditioning.context import (
    ARCHETYPES,
    Conditioning,
    Retrieved,
    archetype_scores,
    build_conditioning,
    choose_archetype,
)

__all__ = ["ARCHETYPES", "Conditioning", "Retrieved", "archetype_scores", "build_conditioning", "choose_archetype"]
