"""`onbrand ingest` on an unchanged folder without loading the design system.

The summary `onbrand ingest` prints is kept in the store generation it describes, as an
unchanged re-run prints it (nothing read, every file reused, the store reused), and printed as
is while `ingest.quick.saved_summary` finds the folder and store unchanged. Only the standard
library and `ingest.quick` are imported on that path (no pydantic, numpy or readers).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

#: Files whose changes change what the store holds: a new version of any is a miss (the UI-CLIP
#: weights make the screens' vectors in the context index).
_PRODUCERS = ("cli.py", "../ingest/model.py", "../ingest/weights/ui_clip/model.safetensors")


def schema() -> str:
    """What produced a saved summary: this onbrand's command line and design-system model files."""
    from ingest.cache import file_fingerprint

    here = Path(__file__).resolve().parent
    return "|".join(str(file_fingerprint(os.path.normpath(here / p))) for p in _PRODUCERS)


def cached_summary(folder: str, store: str | None, modes: Mapping[str, str]) -> dict | None:
    """The summary to print for an unchanged folder, or None (then ingest as usual)."""
    from ingest.quick import saved_summary

    try:
        return saved_summary(folder, store, modes, schema())
    except Exception:  # noqa: BLE001 - any surprise takes the ordinary path, which reports properly
        return None


def remember(folder: str, store: str | None, modes: Mapping[str, str], generation: str | None,
             summary: Mapping) -> None:
    """Keep `summary` (of an ingest that left the store at `generation`) as an unchanged re-run
    would print it; nothing when the store has moved on to another generation since."""
    from ingest.quick import save_summary

    if not generation:
        return
    unchanged = {**summary, "read": 0, "reused": summary["files"], "store_reused": True}
    try:
        save_summary(folder, store, modes, schema(), unchanged, generation=generation)
    except Exception:  # noqa: BLE001 - the next run is only slower
        return
