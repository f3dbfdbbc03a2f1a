"""Ingest: read a design-system folder into a `DesignSystem` and keep it in a store.

Importing `ingest` itself is light: the names below load their module on first use, so a
command that needs only the store's manifest, or only the context store, does not import the
readers, fonts or encoders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingest.context_store import ContextStore, Hit, StoreError
    from ingest.encoders import default_text_encoder
    from ingest.folder import IngestError, ingest_folder
    from ingest.model import Color, DesignSystem, FontFace, RoleAssignment, Source, TypeStyle
    from ingest.store import (
        IngestReport,
        StorePathError,
        check_store_path,
        default_store,
        ingest_to_store,
        load_context,
        load_or_ingest,
        load_store,
        save_store,
    )
    from ingest.tokens.export import ExportError, TokenExport, check_round_trip, export_tokens, mode_variants

_LAZY = {
    **dict.fromkeys(("ContextStore", "Hit", "StoreError"), "ingest.context_store"),
    "default_text_encoder": "ingest.encoders",
    **dict.fromkeys(("IngestError", "ingest_folder"), "ingest.folder"),
    **dict.fromkeys(("Color", "DesignSystem", "FontFace", "RoleAssignment", "Source", "TypeStyle"), "ingest.model"),
    **dict.fromkeys(("ExportError", "TokenExport", "check_round_trip", "export_tokens", "mode_variants"),
                    "ingest.tokens.export"),
    **dict.fromkeys(("IngestReport", "StorePathError", "check_store_path", "default_store", "ingest_to_store",
                     "load_context", "load_or_ingest", "load_store", "save_store"), "ingest.store"),
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
