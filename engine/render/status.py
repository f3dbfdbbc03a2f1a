"""The colour role a status label reads as (badges, table status cells, toasts, alerts)."""

from __future__ import annotations

import re


def status_role(text: str) -> str:
    """The colour role of a status label: success, warning, danger, info, or secondary for a
    state that is merely off ("Off", "Paused", "Inactive")."""
    t = text.lower().strip()
    if t in ("off", "paused", "inactive", "disabled", "archived", "idle", "closed") or t.startswith("off "):
        return "secondary"
    if t.startswith(("not ", "no ")) or t in ("absent", "declined", "out", "sold out", "injured", "suspended", "queenless",
                                               "missing pieces", "needed"):
        return "danger"  # "Not accepted", "Absent", "Sold out"
    if t in ("present", "free", "attending", "accepted", "stable", "fit", "strong", "enough", "let", "kept", "growing",
             "flowering", "spoken", "fermenting", "resulted", "on the way", "in season"):
        return "success"
    if t in ("late", "cleaning", "inspect", "swarm risk", "under review", "few seats", "last few", "wind check", "on hold",
             "rinse first", "muddy", "needs pruning", "tentative", "moved", "unconfirmed", "awaiting reply",
             "awaiting transport", "awaiting letter", "awaiting proof", "proof sent", "pharmacy", "discharge today",
             "custom only", "skipped", "mixed to order", "back soon", "2 free", "4 free", "vacant", "low"):
        return "warning"
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
