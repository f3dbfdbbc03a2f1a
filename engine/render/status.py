"""The colour role a status label reads as (badges, table status cells, toasts, alerts)."""

from __future__ import annotations


def status_role(text: str) -> str:
    """The colour role of a status label: success, warning, danger or info."""
    t = text.lower()
    if any(k in t for k in ("paid", "active", "complete", "delivered", "success", "approved", "shipped", "done",
                            "in stock", "checked in")):
        return "success"
    if any(k in t for k in ("past due", "overdue", "failed", "cancel", "refund", "error", "blocked", "out of")):
        return "danger"
    if any(k in t for k in ("pending", "processing", "review", "draft", "low", "due", "waiting", "trial")):
        return "warning"
    return "info"
