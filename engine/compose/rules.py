"""The rules a design system states (`ingest.model.Rule`), applied to a generation.

A guide says things its tokens cannot: "never use orange for large areas", "red is for errors
only", "no white text on yellow", "body text is never below 14 px", "tap targets are at least
44 px", "one primary button per view". Ingest reads them (`ingest.guidance`); here they shape
the mock:

* `prepare_theme` sets what the theme must respect before anything is measured or drawn: the
  smallest text size (every type step drawn at least that size; line heights grow with it) and
  the text colours that must not sit on a background; the scene records it
  (``Scene.theme_rules``) so it is drawn the same way again (eval's replay, exports);
* `apply_rules` then walks the filled scene: a colour that must not fill large areas is taken
  off surfaces (page regions, cards, dialogs) and off any element covering 15 % of the canvas or
  more; a colour reserved for one use is taken off elements of other roles; tap targets smaller
  than the stated size grow about their centre; primary buttons beyond the stated count (per
  view: the page, each dialog) become secondary.

Each rule gets one report entry, ``{"kind", "text", "source", "status", "detail"}``, where
status is "applied" (the generation follows it: what was changed, or that it already held) or
"not-applicable" (the mock has nothing it speaks of, e.g. no buttons). The eval harness checks
the same rules independently (`eval.rules`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ingest.colour import hex_to_rgb
from ingest.model import Rule
from scene.model import Element, Scene

#: Share of the canvas from which one element's fill is a large area (eval's check uses it too).
LARGE_AREA = 0.15
#: Element kinds whose own fill is a surface (a large area whatever its size): page regions,
#: cards and panels, dialogs and sheets.
SURFACE_KINDS = ("navbar", "sidebar", "footer", "card", "modal", "bottom_sheet", "menu", "toast", "alert",
                 "kanban_column", "stat", "dropzone", "code")
#: Element kinds that are tap targets.
TARGET_KINDS = ("button", "input", "checkbox", "radio", "toggle", "select", "search", "chip", "segmented",
                "slider", "stepper", "date_picker", "time_picker", "fab")
#: Role names that mean the same use ("errors only" is the danger role).
USE_ALIASES = (
    {"danger", "error", "errors", "destructive", "critical", "negative", "alert", "alerts"},
    {"success", "positive", "valid"},
    {"warning", "warnings", "caution"},
    {"info", "information", "informational", "notice"},
    {"primary", "brand", "action", "actions", "primary-action", "cta", "call-to-action"},
    {"link", "links"},
    {"focus", "focus-ring"},
    {"text", "body", "copy"},
)
#: Where a role that must leave a large area goes instead.
_CALM = {"navbar": "surface", "sidebar": "surface", "footer": "background", "card": "surface", "modal": "surface"}


def source_label(rule: Rule) -> str:
    """Where a rule was stated: ``file › locator``."""
    return f"{rule.source.file} › {rule.source.locator}" if rule.source.locator else rule.source.file


def _same(a: str, b: str, tol: int = 6) -> bool:
    """Two hex colours equal within `tol` per sRGB channel."""
    try:
        return max(abs(p - q) for p, q in zip(hex_to_rgb(a), hex_to_rgb(b))) <= tol
    except (ValueError, TypeError):
        return False


def _roles_of(theme, hex_: str) -> set[str]:
    return {role for role, h in theme.roles.items() if _same(h, hex_)}


def _uses(use: str) -> set[str]:
    use = use.lower().strip()
    for group in USE_ALIASES:
        if use in group:
            return group
    return {use}


def prepare_theme(theme, rules: Iterable[Rule]) -> None:
    """Set the theme-level rules on `theme` (an `engine.render.theme.Theme`) before layout:
    the smallest text size and the forbidden text-on-background pairs."""
    floor = [float(r.px) for r in rules if r.kind == "min-text-size" and r.px > 0]
    pairs = [[r.color, r.background] for r in rules if r.kind == "no-text-on" and r.color and r.background]
    theme.apply_theme_rules({"text_floor": max(floor, default=0.0), "forbidden_text_on": pairs})


def _entry(rule: Rule, status: str, detail: str) -> dict:
    return {"kind": rule.kind, "text": rule.text, "source": source_label(rule), "status": status, "detail": detail}


def views(elements: list[Element]) -> list[tuple[str, list[Element]]]:
    """The buttons of each view of a page whose top-level elements are `elements`, each named:
    the page's outside dialogs ("the page"), then each dialog's own ("dialog <id>"), in tree order."""
    def buttons(els: list[Element]) -> list[Element]:
        out = []
        for e in els:
            if e.kind == "modal":
                continue
            if e.kind == "button":
                out.append(e)
            out += buttons(e.children)
        return out

    out = [("the page", buttons(elements))]
    out += [(f"dialog {m.id}", buttons(m.children)) for top in elements for m in top.walk() if m.kind == "modal"]
    return out


def _max_primary(rule: Rule, scene: Scene) -> dict:
    page_views = views(scene.elements)
    if not any(btns for _, btns in page_views):
        return _entry(rule, "not-applicable", "the mock has no buttons")
    if rule.count <= 0:
        return _entry(rule, "not-applicable", "the rule states no count")
    demoted = 0
    for _, btns in page_views:
        primaries = [b for b in sorted(btns, key=lambda b: (b.box[1], b.box[0])) if (b.variant or "primary") == "primary"]
        for b in primaries[rule.count:]:
            b.variant = "secondary"
            demoted += 1
    detail = (f"{demoted} primary button(s) beyond {rule.count} per view made secondary" if demoted
              else f"at most {rule.count} primary button(s) per view already")
    return _entry(rule, "applied", detail)


def _min_target(rule: Rule, scene: Scene) -> dict:
    targets = [e for e in scene.walk() if e.kind in TARGET_KINDS]
    if not targets or rule.px <= 0:
        return _entry(rule, "not-applicable", "the mock has no tap targets" if not targets else "the rule states no size")
    need = rule.px * (scene.scale or 1.0)
    grown = 0
    for e in targets:
        x, y, w, h = e.box
        nw, nh = max(w, need), max(h, need)
        if (nw, nh) != (w, h):
            e.box = (max(0.0, x - (nw - w) / 2), max(0.0, y - (nh - h) / 2), nw, nh)
            grown += 1
    detail = (f"{grown} of {len(targets)} tap targets grown to {rule.px:g}px" if grown
              else f"all {len(targets)} tap targets at least {rule.px:g}px already")
    return _entry(rule, "applied", detail)


def _large_area(rule: Rule, scene: Scene, theme) -> dict:
    roles = _roles_of(theme, rule.color)
    if not roles:
        return _entry(rule, "not-applicable", f"{rule.color} is not a colour role the renderer fills with")
    total = float(scene.width * scene.height) or 1.0
    moved = 0
    for e in scene.walk():
        big = e.kind in SURFACE_KINDS or e.box[2] * e.box[3] >= LARGE_AREA * total
        if big and e.role in roles:
            e.role = _CALM.get(e.kind, "surface")
            moved += 1
    if scene.background_role in roles:
        scene.background_role = "background" if "background" not in roles else "surface"
        moved += 1
    detail = (f"{moved} large area(s) moved off {rule.color}" if moved
              else f"no surface or large area uses {rule.color}")
    return _entry(rule, "applied", detail)


def _only_for(rule: Rule, scene: Scene, theme) -> dict:
    roles = _roles_of(theme, rule.color)
    allowed = _uses(rule.use)
    other = {r for r in roles if r not in allowed and r.removeprefix("on-") not in allowed}
    if not roles:
        return _entry(rule, "not-applicable", f"{rule.color} is not a colour role of the system")
    moved = 0
    for e in scene.walk():
        if e.role in other:
            e.role = "text-muted" if e.role.startswith("text") else "secondary"
            moved += 1
    detail = (f"{moved} element(s) of another role moved off {rule.color}" if moved
              else f"{rule.color} drawn only for {rule.use or 'its use'}")
    return _entry(rule, "applied", detail)


def apply_rules(scene: Scene, rules: Iterable[Rule], theme) -> list[dict]:
    """Apply the scene-level rules to `scene` in place (after `prepare_theme` set the
    theme-level ones on `theme`, which the scene records) and report every rule (see the module
    docs)."""
    scene.theme_rules = theme.theme_rules() or None
    report = []
    for r in rules:
        if r.kind == "max-primary-buttons":
            report.append(_max_primary(r, scene))
        elif r.kind == "min-target-size":
            report.append(_min_target(r, scene))
        elif r.kind == "color-not-large-area":
            report.append(_large_area(r, scene, theme))
        elif r.kind == "color-only-for":
            report.append(_only_for(r, scene, theme))
        elif r.kind == "min-text-size":
            has_text = any(e.text for e in scene.walk())
            report.append(_entry(r, "applied" if has_text else "not-applicable",
                                 f"every type step drawn at {r.px:g}px or more" if has_text else "the mock has no text"))
        elif r.kind == "no-text-on":
            on = _roles_of(theme, r.background)
            used = any(e.role in on for e in scene.walk()) or scene.background_role in on
            report.append(_entry(r, "applied" if used else "not-applicable",
                                 f"text on {r.background} never drawn in {r.color}" if used
                                 else f"nothing in the mock is filled with {r.background}"))
        else:
            report.append(_entry(r, "not-applicable", f"onbrand does not apply rules of kind {r.kind!r}"))
    return report
