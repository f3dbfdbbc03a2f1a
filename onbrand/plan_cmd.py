"""`onbrand plan`: the page plan of a prompt as a readable table or as JSON.

The plan itself is `engine.Engine.plan` (`conditioning.plan.plan_prompt` with every built-in
page type); this module only lays it out for a terminal.
"""

from __future__ import annotations

__all__ = ["plan_json", "print_plan"]


def plan_json(plan) -> dict:
    """The plan as the JSON `onbrand plan --json` prints (`conditioning.plan.Plan` fields)."""
    return plan.model_dump()


def print_plan(plan, seconds: float | None = None) -> None:
    """Print `plan`: device, domain and page type, then one row per section."""
    from rich.console import Console
    from rich.table import Table

    con = Console(highlight=False, soft_wrap=False)
    head = f"device {plan.device} · domain {plan.domain} · page type {plan.archetype or '(none: drawn from the plan)'}"
    if seconds is not None:
        head += f" · planned in {seconds * 1000:.1f} ms"
    con.print(head)
    if not plan.sections:
        con.print("no sections: the prompt names nothing to draw")
    else:
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for col in ("#", "kind", "count", "position", "title", "labels", "score", "from the prompt"):
            table.add_column(col, justify="right" if col in ("#", "count", "score") else "left",
                             overflow="fold")
        for i, s in enumerate(plan.sections, 1):
            table.add_row(str(i), s.kind, str(s.count), s.position, s.title, ", ".join(s.labels),
                          f"{s.score:.2f}", s.phrase)
        con.print(table)
    for u in plan.unmatched:
        con.print(f"no kind for: {u}")
