"""Ingest: read a design-system folder into a `DesignSystem` and keep it in a store."""

from ingest.folder import IngestError, ingest_folder
from ingest.model import Color, DesignSystem, FontFace, RoleAssignment, Source, TypeStyle
from ingest.store import default_store, load_or_ingest, load_store, save_store

__all__ = [
    "Color",
    "DesignSystem",
    "FontFace",
    "IngestError",
    "RoleAssignment",
    "Source",
    "TypeStyle",
    "default_store",
    "ingest_folder",
    "load_or_ingest",
    "load_store",
    "save_store",
]
