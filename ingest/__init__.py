"""Ingest: read a design-system folder into a `DesignSystem` and keep it in a store."""

from ingest.folder import IngestError, ingest_folder
from ingest.model import Color, DesignSystem, FontFace, RoleAssignment, Source, TypeStyle
from ingest.context_store import ContextStore, Hit, StoreError
from ingest.encoders import default_text_encoder
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

__all__ = [
    "ContextStore",
    "Hit",
    "StoreError",
    "StorePathError",
    "check_store_path",
    "default_text_encoder",
    "Color",
    "DesignSystem",
    "FontFace",
    "IngestError",
    "IngestReport",
    "RoleAssignment",
    "Source",
    "TypeStyle",
    "default_store",
    "ingest_folder",
    "ingest_to_store",
    "load_context",
    "load_or_ingest",
    "load_store",
    "save_store",
]
