"""The colour role a status label reads as (badges, table status cells, toasts, alerts)."""

from __future__ import annotations

import re


def status_role(text: str) -> str:
    """The colour role of a status label: success, warning, danger, info, or secondary for a
    state that is merely off ("Off", "Paused", "Inactive")."""
    t = text.lower().strip()
    if t in ("off", "paused", "inactive", "disabled", "archived", "idle", "closed") or t.startswith("off "):
        return "secondary"
    if re.search(r"\b(unavailable|down|offline|out of order|outages?)\b", t):
        return "danger"
    if any(k in t for k in ("degraded", "in use", "busy", "partial", "maintenance")):
        return "warning"
    if t in ("on", "up", "open", "ready", "live", "online") or any(
            k in t for k in ("available", "operational", "healthy", "confirmed", "paid", "active", "complete",
                             "delivered", "success", "approved", "shipped", "done", "in stock", "checked in")):
        return "success"
    if any(k in t for k in ("past due", "overdue", "failed", "cancel", "refund", "error", "blocked", "out of")):
        return "danger"
    if any(k in t for k in ("pending", "processing", "review", "draft", "low", "due", "waiting", "trial", "warning",
                            "expir", "caution", "at risk", "delay")):
        return "warning"
    return "info"
