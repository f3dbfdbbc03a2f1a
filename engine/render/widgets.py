"""Controls, overlays, feedback and structured lists drawn from tokens.

One ``k_<kind>`` method per element kind, mixed into `engine.render.components.Renderer`:
chips, segmented controls, sliders, numeric steppers, date and time pickers, ratings,
accordions, open menus, tooltips, toasts, inline alerts, timelines, stat tiles, progress rings,
gauges, avatar groups, tree views, description lists, comments, kanban columns, bottom sheets,
floating action buttons, upload dropzones and skeleton loaders.

The rules are the renderer's: every fill is `Theme.color(role)` (no opacity, no tints), text
goes through `Renderer.text` so it keeps WCAG AA contrast on what is under it, every size is
design px through `self.px` and shrinks to the box it is given, and every kind draws sensible
content when its props are missing or of the wrong type (a generated scene gives none).
"""

from __future__ import annotations

import calendar as _cal
import math

from engine.render.status import status_role


def as_list(v, default=()) -> list:
    """A prop as a list: a list or tuple as is, a comma-separated string split, else `default`."""
    if isinstance(v, (list, tuple)):
        return list(v)
    if isinstance(v, str) and v.strip():
        return [s.strip() for s in v.split(",") if s.strip()]
    return list(default)


def as_num(v, default: float, lo: float | None = None, hi: float | None = None) -> float:
    """A prop as a finite number clamped to [lo, hi], else `default`."""
    try:
        f = float(v)
    except (TypeError, ValueError):
        f = float(default)
    if not math.isfinite(f):
        f = float(default)
    if lo is not None:
        f = max(lo, f)
    if hi is not None:
        f = min(hi, f)
    return f


def star_points(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star of outer radius r, one point up."""
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.45
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


class WidgetsMixin:
    # -- shared helpers ----------------------------------------------------------------------
    def lh(self, style: str) -> float:
        """The line height of a type style in canvas px."""
        return self.px(self.th.style(style).line_height)

    def track(self, bg: str) -> str:
        """The colour of an empty track (slider, ring, skeleton) on `bg`."""
        muted = self.th.color("surface-muted")
        return muted if muted != bg else self.th.color("border")

    def popover(self, cv, x, y, w, h, elevation: str = "md") -> str:
        """A raised panel (menus, pickers, toasts): shadow token, raised surface, border."""
        r = min(self.px(self.th.radius("lg")), w / 2, h / 2)
        self._elevation(cv, x, y, w, h, r, elevation)
        fill = self.th.color("surface-raised")
        cv.rect(x, y, w, h, fill=fill, radius=r, stroke=self.th.color("border"), stroke_width=self.px(1))
        return fill

    def chip(self, cv, label: str, x: float, cy: float, max_w: float, bg: str, selected: bool = False,
             icon: str = "", removable: bool = False, role: str = "") -> float:
        """One pill with a label (and an icon, a remove cross); its width, 0 when it does not fit."""
        h = self.px(32)
        isz = self.px(16)
        pad = self.px(12)
        tw = self.measure(label, "label") if label else 0.0
        w = pad * 2 + tw + self.px(1) + (isz + self.px(6)) * bool(icon) + (isz + self.px(4)) * removable
        if max_w < pad * 2 + (isz if icon or removable else min(tw, isz)):
            return 0.0  # a one-letter size chip ("S") fits where an icon chip would not
        w = min(w, max_w)
        fill = self.th.color(role or "secondary") if selected or role else bg
        stroke = None if selected or role else self.th.color("border")
        cv.rect(x, cy - h / 2, w, h, fill=fill, radius=h / 2, stroke=stroke, stroke_width=self.px(1) if stroke else 0)
        text_role = (f"on-{role}" if role else "on-secondary") if selected or role else "text"
        col = self.th.text_on(text_role, fill, large=True)
        tx = x + pad
        if icon:
            self.icon(cv, icon, tx, cy - isz / 2, isz, col)
            tx += isz + self.px(6)
        room = x + w - tx - pad - (isz + self.px(4)) * removable
        if label and room > 0:
            self.text_mid(cv, label, tx, cy, room, "label", text_role, fill)
        if removable:
            self.icon(cv, "x", x + w - pad - isz, cy - isz / 2, isz, col)
        return w

    def _field_box(self, cv, el, bg, icon: str, value: str) -> tuple[float, str]:
        """A labelled field like `input` with a trailing icon; the y under it and its fill."""
        x, y, w, h = el.box
        label = el.props.get("label")
        fy = y
        if label and h >= self.px(72):
            self.text(cv, str(label), x, y, w, "label", "text", bg)
            fy += self.px(28)
        fh = min(self.px(44), y + h - fy)
        fill = self.th.color("surface")
        focused = bool(el.props.get("open", True))
        cv.rect(x, fy, w, fh, fill=fill, radius=self.px(self.th.radius("md")),
                stroke=self.th.color("focus" if focused else "border"), stroke_width=self.px(2 if focused else 1))
        isz = min(self.px(18), fh * 0.6)
        ix = x + w - self.px(14) - isz
        if ix > x + self.px(14):
            self.icon(cv, icon, ix, fy + (fh - isz) / 2, isz, self.th.text_on("text-muted", fill, large=True))
        self.text_mid(cv, value, x + self.px(14), fy + fh / 2, ix - x - self.px(24), "body", "text", fill)
        return fy + fh, fill

    # -- selection controls ------------------------------------------------------------------
    def k_chip(self, cv, el, bg):
        """A chip, or a wrapping row of them (props.items)."""
        x, y, w, h = el.box
        items = [str(i) for i in as_list(el.props.get("items"))]
        ch = self.px(32)
        if not items:
            label = el.text or "Filter"
            role = el.role if el.role in ("primary", "secondary", "accent", "success", "warning", "danger",
                                          "info") else ""
            self.chip(cv, label, x, y + h / 2, w, bg, bool(el.props.get("selected")), str(el.props.get("icon", "")),
                      bool(el.props.get("removable")), role if el.props.get("selected") else "")
            return
        sel = {int(as_num(i, -1)) for i in as_list(el.props.get("selected"), [0])}
        gap = self.px(8)
        cx, cy = x, y + min(h, ch) / 2
        for i, it in enumerate(items):
            want = self.px(24) + self.measure(it, "label")
            if cx + want > x + w and cx > x:  # wrap to the next line when it fits
                if cy + ch / 2 + gap + ch > y + h + 0.5:
                    break
                cx, cy = x, cy + ch + gap
            used = self.chip(cv, it, cx, cy, x + w - cx, bg, i in sel, removable=bool(el.props.get("removable")))
            if not used:
                break
            cx += used + gap

    def k_segmented(self, cv, el, bg):
        """A segmented control: props.items, props.active."""
        x, y, w, h = el.box
        items = [str(i) for i in as_list(el.props.get("items"), ["Day", "Week", "Month"])] or ["Day"]
        active = int(as_num(el.props.get("active"), 0, 0, len(items) - 1))
        sh = min(h, self.px(40))
        sy = y + (h - sh) / 2
        track = self.track(bg)
        r = min(self.px(self.th.radius("md")), sh / 2)
        cv.rect(x, sy, w, sh, fill=track, radius=r)
        inset = min(self.px(3), sh / 6)
        seg = (w - 2 * inset) / len(items)
        for i, it in enumerate(items):
            sx = x + inset + seg * i
            fill = track
            if i == active:
                fill = self.th.color("primary")
                cv.rect(sx, sy + inset, seg, sh - 2 * inset, fill=fill, radius=max(0.0, r - inset))
            elif i and i != active + 1:
                cv.rect(sx, sy + sh * 0.3, self.px(1), sh * 0.4, fill=self.th.color("border"))
            self.text_mid(cv, it, sx + self.px(6), sy + sh / 2, seg - self.px(12), "label",
                          "on-primary" if i == active else "text", fill, align="center")

    def k_slider(self, cv, el, bg):
        """A slider: props.value 0–1, or props.values [low, high] for a range; text is the label,
        props.display the value shown beside it."""
        x, y, w, h = el.box
        vals = [as_num(v, 0.5, 0, 1) for v in as_list(el.props.get("values"))][:2]
        if len(vals) != 2:
            vals = [0.0, as_num(el.props.get("value"), 0.6, 0, 1)]
        lo, hi = sorted(vals)
        knob = min(self.px(10), h / 2, w / 4)
        ty = y + h - knob
        if el.text and h >= self.lh("small") + 2 * knob:
            disp = str(el.props.get("display", "") or f"{round(hi * 100)}%")
            dw = self.measure(disp, "label")
            self.text(cv, el.text, x, y, max(0.0, w - dw - self.px(12)), "small", "text", bg)
            self.text(cv, disp, x + w - min(w, dw), y, min(w, dw) + 1, "label", "text", bg)
        else:
            ty = y + h / 2
        th_ = min(self.px(4), knob)
        x0, x1 = x + knob, x + w - knob
        cv.rect(x0, ty - th_ / 2, max(0.0, x1 - x0), th_, fill=self.track(bg), radius=th_ / 2)
        fill = self.th.color(el.role if el.role in ("primary", "accent", "success", "info") else "primary")
        cv.rect(x0 + (x1 - x0) * lo, ty - th_ / 2, max(0.0, (x1 - x0) * (hi - lo)), th_, fill=fill, radius=th_ / 2)
        for v, on in ((lo, len(set(vals)) == 2 and el.props.get("values") is not None), (hi, True)):
            if on and knob > 0:
                cv.circle(x0 + (x1 - x0) * v, ty, knob - self.px(1), fill=self.th.color("surface"), stroke=fill,
                          stroke_width=min(self.px(2), knob / 2))

    def k_stepper(self, cv, el, bg):
        """A numeric stepper: − value +; props.value, props.min, props.max, props.label (text)."""
        x, y, w, h = el.box
        label = el.text or str(el.props.get("label", ""))
        val = el.props.get("value", 1)
        fy, fh = y, min(h, self.px(40))
        if label and h >= self.lh("label") + self.px(36):
            self.text(cv, label, x, y, w, "label", "text", bg)
            fy = y + self.lh("label") + self.px(6)
            fh = min(fh, y + h - fy)
        fw = min(w, max(self.px(120), fh * 3.2))
        fill = self.th.color("surface")
        r = min(self.px(self.th.radius("md")), fh / 2)
        cv.rect(x, fy, fw, fh, fill=fill, radius=r, stroke=self.th.color("border"), stroke_width=self.px(1))
        bw = min(fh, fw / 3)
        lo, hi = el.props.get("min"), el.props.get("max")
        num = as_num(val, 1)
        ink = self.th.text_on("text", fill, large=True)
        mute = self.th.text_on("text-muted", fill, large=True)
        arm = bw * 0.2
        lw = max(self.px(1), min(self.px(2), bw / 10))
        cy = fy + fh / 2
        cv.line(x + bw / 2 - arm, cy, x + bw / 2 + arm, cy, mute if lo is not None and num <= as_num(lo, num)
                else ink, lw, cap="round")
        px_ = x + fw - bw / 2
        col = mute if hi is not None and num >= as_num(hi, num) else ink
        cv.line(px_ - arm, cy, px_ + arm, cy, col, lw, cap="round")
        cv.line(px_, cy - arm, px_, cy + arm, col, lw, cap="round")
        div = self.th.color("border")
        cv.rect(x + bw, fy, self.px(1), fh, fill=div)
        cv.rect(x + fw - bw - self.px(1), fy, self.px(1), fh, fill=div)
        self.text_mid(cv, str(val), x + bw + self.px(4), cy, fw - 2 * bw - self.px(8), "body-strong", "text", fill,
                      align="center")

    def k_rating(self, cv, el, bg):
        """Stars: props.value (e.g. 4.5) of props.max (5); text (e.g. "128 reviews") beside them."""
        x, y, w, h = el.box
        n = int(as_num(el.props.get("max"), 5, 1, 10))
        val = as_num(el.props.get("value"), 4, 0, n)
        size = min(h, self.px(20), w / n)
        if size <= 0:
            return
        gap = size * 0.2
        on = self.th.color(el.role if el.role in ("primary", "accent", "warning", "success") else "warning")
        off = self.track(bg)
        cy = y + h / 2
        for i in range(n):
            cx = x + i * (size + gap) + size / 2
            if cx + size / 2 > x + w + 0.5:
                break
            pts = star_points(cx, cy + size * 0.05, size / 2)
            frac = max(0.0, min(1.0, val - i))
            cv.polyline(pts, "", 0, fill=off, closed=True)
            if frac > 0:
                with cv.clip(cx - size / 2, cy - size / 2, size * frac, size):
                    cv.polyline(pts, "", 0, fill=on, closed=True)
        tx = x + n * (size + gap) + self.px(4)
        label = el.text or (f"{val:g}" if el.props.get("show_value", True) else "")
        if label and tx < x + w - self.px(16):
            self.text_mid(cv, label, tx, cy, x + w - tx, "small", "text-muted", bg)

    # -- pickers -----------------------------------------------------------------------------
    def k_date_picker(self, cv, el, bg):
        """A date field with its month popover open below when there is room: props.label,
        props.value, props.month, props.year, props.selected (day); props.open false closes it."""
        x, y, w, h = el.box
        month = int(as_num(el.props.get("month"), 11, 1, 12))
        year = int(as_num(el.props.get("year"), 2026, 1, 9999))
        day = int(as_num(el.props.get("selected"), 25, 1, 31))
        value = str(el.props.get("value") or f"{_cal.month_abbr[month]} {day}, {year}")
        under, _ = self._field_box(cv, el, bg, "calendar", value)
        gap = self.px(8)
        ph = y + h - under - gap
        if ph < self.px(200) or w < self.px(200) or el.props.get("open") is False:
            return
        pw = min(w, self.px(320))
        fill = self.popover(cv, x, under + gap, pw, ph)
        p = self.px(16)
        cal = el.model_copy(update={"box": (x + p, under + gap + p, pw - 2 * p, ph - 2 * p), "variant": "month",
                                    "props": {"month": month, "year": year, "selected": [day]}})
        self.k_calendar(cv, cal, fill)
        isz = self.px(16)  # month arrows beside the title
        col = self.th.text_on("text-muted", fill, large=True)
        ty = under + gap + p + (self.lh("title") - isz) / 2
        self.icon(cv, "chevron-left", x + pw - p - 2 * isz - self.px(12), ty, isz, col)
        self.icon(cv, "chevron-right", x + pw - p - isz, ty, isz, col)

    def k_time_picker(self, cv, el, bg):
        """A time field with its list of slots open below when there is room: props.label,
        props.value, props.slots."""
        x, y, w, h = el.box
        slots = [str(s) for s in as_list(el.props.get("slots"),
                                         ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00"])]
        value = str(el.props.get("value") or (slots[min(2, len(slots) - 1)] if slots else "10:00"))
        under, _ = self._field_box(cv, el, bg, "clock", value)
        gap = self.px(8)
        ph = y + h - under - gap
        rh = self.px(40)
        if ph < rh + self.px(16) or not slots or el.props.get("open") is False:
            return
        n = min(len(slots), int((ph - self.px(16)) // rh))
        if n <= 0:
            return
        pw = min(w, self.px(220))
        fill = self.popover(cv, x, under + gap, pw, n * rh + self.px(16))
        sel = slots.index(value) if value in slots else -1
        top = max(0, min(sel - n // 2, len(slots) - n)) if sel >= 0 else 0
        for i in range(n):
            s = slots[top + i]
            ry = under + gap + self.px(8) + rh * i
            f = fill
            if top + i == sel:
                f = self.th.color("secondary")
                cv.rect(x + self.px(8), ry, pw - self.px(16), rh, fill=f, radius=self.px(self.th.radius("sm")))
            self.text_mid(cv, s, x + self.px(20), ry + rh / 2, pw - self.px(40), "body",
                          "on-secondary" if f != fill else "text", f)
            if f != fill:
                isz = self.px(16)
                self.icon(cv, "check", x + pw - self.px(20) - isz, ry + (rh - isz) / 2, isz,
                          self.th.text_on("on-secondary", f, large=True))

    # -- disclosure and overlays -------------------------------------------------------------
    def k_accordion(self, cv, el, bg):
        """Sections with a chevron: props.items (titles), props.open (index), props.body (the open
        section's text)."""
        x, y, w, h = el.box
        items = [str(i) for i in as_list(el.props.get("items"), ["Shipping", "Returns", "Warranty"])]
        op = int(as_num(el.props.get("open"), 0))
        body = str(el.props.get("body") or "Orders ship within two working days. Tracking is emailed as soon "
                                            "as the parcel leaves the warehouse.")
        rh = min(self.px(52), h)
        div = self.th.color("divider")
        isz = self.px(18)
        col = self.th.text_on("text-muted", bg, large=True)
        cy = y
        closed_after = (len(items) - op - 1) * rh if 0 <= op < len(items) else 0
        for i, it in enumerate(items):
            if cy + rh > y + h + 0.5:
                break
            self.text_mid(cv, it, x, cy + rh / 2, w - isz - self.px(16), "body-strong", "text", bg)
            if w > isz:
                self.icon(cv, "chevron-down" if i == op else "chevron-right", x + w - isz, cy + (rh - isz) / 2, isz, col)
            cy += rh
            if i == op:
                room = y + h - cy - closed_after - self.px(12)
                if room >= self.lh("body"):
                    used = self.text(cv, body, x, cy, w - isz - self.px(16), "body", "text-muted", bg, max_lines=6,
                                     h=room)
                    cy += used + self.px(12)
            if cy + self.px(1) <= y + h:
                cv.rect(x, cy - self.px(1), w, self.px(1), fill=div)

    def k_menu(self, cv, el, bg):
        """An open dropdown menu: props.items ("-" or "---" is a separator), props.active,
        props.icons, props.shortcuts, props.danger (indices drawn in the danger colour)."""
        x, y, w, h = el.box
        items = [str(i) for i in as_list(el.props.get("items"), ["Edit", "Duplicate", "Share", "---", "Delete"])]
        icons = [str(i) for i in as_list(el.props.get("icons"))]
        keys = [str(i) for i in as_list(el.props.get("shortcuts"))]
        danger = {int(as_num(i, -1)) for i in as_list(el.props.get("danger"),
                                                      [len(items) - 1] if items and items[-1].lower() in
                                                      ("delete", "remove", "log out", "sign out") else [])}
        active = int(as_num(el.props.get("active"), -1))
        rh, sep_h, pad = self.px(40), self.px(9), self.px(6)
        need = 2 * pad + sum(sep_h if it.strip("-") == "" else rh for it in items)
        mh = min(h, need)
        fill = self.popover(cv, x, y, w, mh)
        cy = y + pad
        for i, it in enumerate(items):
            if it.strip("-") == "":
                if cy + sep_h > y + mh - pad:
                    break
                cv.rect(x, cy + sep_h / 2, w, self.px(1), fill=self.th.color("divider"))
                cy += sep_h
                continue
            if cy + rh > y + mh - pad + 0.5:
                break
            f = fill
            if i == active:
                f = self.th.color("secondary")
                cv.rect(x + pad, cy, w - 2 * pad, rh, fill=f, radius=self.px(self.th.radius("sm")))
            role = "danger" if i in danger else ("on-secondary" if f != fill else "text")
            tx = x + self.px(16)
            ic = icons[i] if i < len(icons) else ""
            if ic:
                isz = self.px(18)
                self.icon(cv, ic, tx, cy + (rh - isz) / 2, isz, self.th.text_on(role if role != "text" else "text-muted",
                                                                                f, large=True))
                tx += isz + self.px(12)
            kw = 0.0
            if i < len(keys) and keys[i]:
                kw = self.measure(keys[i], "caption")
                self.text_mid(cv, keys[i], x + w - self.px(16) - kw, cy + rh / 2, kw + 1, "caption", "text-muted", f)
            self.text_mid(cv, it, tx, cy + rh / 2, x + w - tx - self.px(16) - kw - self.px(8) * bool(kw), "body", role, f)
            cy += rh

    def k_tooltip(self, cv, el, bg):
        """A tooltip bubble with its arrow: text; props.placement top (arrow down, default) |
        bottom."""
        x, y, w, h = el.box
        label = el.text or "Copied to clipboard"
        fill = self.th.color("text")
        arrow = min(self.px(6), h / 4)
        pad = self.px(10)
        lh = self.lh("caption")
        max_w = w - 2 * pad
        if max_w <= 0:
            return
        lines = max(1, min(3, int((h - arrow - self.px(8)) // lh)))
        tw = min(max_w, self.measure(label, "caption"))
        bw, bh = tw + 2 * pad, min(h - arrow, lines * lh + self.px(8) if tw >= max_w else lh + self.px(8))
        bx = x + (w - bw) / 2
        below = el.props.get("placement") == "bottom"
        by = y + arrow if below else y + h - arrow - bh
        if bh <= 0:
            return
        cv.rect(bx, by, bw, bh, fill=fill, radius=min(self.px(self.th.radius("sm")), bh / 2))
        cx = x + w / 2
        tip = [(cx - arrow, by), (cx, by - arrow), (cx + arrow, by)] if below else \
            [(cx - arrow, by + bh), (cx, by + bh + arrow), (cx + arrow, by + bh)]
        cv.polyline(tip, "", 0, fill=fill, closed=True)
        self.text(cv, label, bx + pad, by + self.px(4), bw - 2 * pad, "caption", "background", fill, align="center",
                  max_lines=lines, h=bh - self.px(8))
        return fill

    def _status_icon(self, cv, role: str, cx: float, cy: float, r: float, bg: str) -> None:
        """A status mark: a filled circle in the role's colour with a check, cross, or bang."""
        fill = self.th.color(role)
        cv.circle(cx, cy, r, fill=fill)
        col = self.th.text_on(f"on-{role}", fill, large=True)
        lw = max(self.px(1), r * 0.18)
        if role == "success":
            cv.polyline([(cx - r * 0.45, cy), (cx - r * 0.1, cy + r * 0.35), (cx + r * 0.45, cy - r * 0.35)], col, lw)
        elif role == "danger":
            k = r * 0.35
            cv.line(cx - k, cy - k, cx + k, cy + k, col, lw, cap="round")
            cv.line(cx + k, cy - k, cx - k, cy + k, col, lw, cap="round")
        else:
            top, bottom = (cy + r * 0.45, cy - r * 0.05) if role == "info" else (cy - r * 0.45, cy + r * 0.05)
            cv.line(cx, min(top, bottom), cx, max(top, bottom), col, lw, cap="round")
            dot = cy - r * 0.42 if role == "info" else cy + r * 0.42
            cv.circle(cx, dot, lw * 0.6, fill=col)

    def _notice_role(self, el, text: str) -> str:
        if el.role in ("success", "warning", "danger", "info"):
            return el.role
        return status_role(text + " " + str(el.props.get("message", "")))

    def k_toast(self, cv, el, bg):
        """A toast: a raised card with a status mark, text (title), props.message, props.action and
        a close cross; role (success | warning | danger | info) or read from the words."""
        x, y, w, h = el.box
        title = el.text or "Changes saved"
        msg = str(el.props.get("message", ""))
        role = self._notice_role(el, title)
        fill = self.popover(cv, x, y, w, h, elevation="lg")
        p = min(self.px(16), h / 4)
        r = min(self.px(12), h / 2 - p)
        if r > 0:
            self._status_icon(cv, role, x + p + r, y + (h / 2 if not msg else p + r), r, fill)
        tx = x + p + 2 * r + self.px(12)
        isz = self.px(16)
        right = x + w - p - isz - self.px(8)
        action = str(el.props.get("action", ""))
        if w > self.px(160):
            self.icon(cv, "x", x + w - p - isz, y + (h - isz) / 2 if not msg else y + p + r - isz / 2, isz,
                      self.th.text_on("text-muted", fill, large=True))
        if action:
            aw = self.measure(action, "label")
            if right - aw - tx > self.px(60):
                self.text_mid(cv, action, right - aw, y + h / 2 if not msg else y + p + r, aw + 1, "label", "primary",
                              fill)
                right -= aw + self.px(16)
        if msg:
            used = self.text(cv, title, tx, y + p + r - self.lh("body-strong") / 2, right - tx, "body-strong", "text",
                             fill)
            self.text(cv, msg, tx, y + p + r - self.lh("body-strong") / 2 + used, right - tx, "small", "text-muted",
                      fill, max_lines=3, h=y + h - p - (y + p + r - self.lh("body-strong") / 2 + used))
        else:
            self.text_mid(cv, title, tx, y + h / 2, right - tx, "body-strong", "text", fill)
        return fill

    def k_alert(self, cv, el, bg):
        """An inline alert banner: a bar and mark in the status colour, text (title),
        props.message, props.action; role or read from the words."""
        x, y, w, h = el.box
        title = el.text or "Your trial ends in 3 days"
        msg = str(el.props.get("message", "Add a payment method to keep your workspace."))
        role = self._notice_role(el, title)
        r = min(self.px(self.th.radius("md")), h / 2, w / 2)
        fill = self.th.color("surface") if self.th.color("surface") != bg else self.th.color("surface-muted")
        accent = self.th.color(role)
        cv.rect(x, y, w, h, fill=fill, radius=r, stroke=accent, stroke_width=self.px(1))
        bar = min(self.px(4), w)
        with cv.clip(x, y, w, h, r):
            cv.rect(x, y, bar, h, fill=accent)
        p = min(self.px(16), h / 3)
        ir = min(self.px(10), h / 2 - self.px(2))
        single = h < self.px(64) or not msg
        cy0 = y + h / 2 if single else y + p + self.lh("body-strong") / 2
        if ir > 0:
            self._status_icon(cv, role, x + bar + p + ir, cy0, ir, fill)
        tx = x + bar + p + 2 * ir + self.px(12)
        right = x + w - p
        action = str(el.props.get("action", ""))
        if action:
            aw = self.measure(action, "label")
            if right - aw - tx > self.px(80):
                self.text_mid(cv, action, right - aw, cy0, aw + 1, "label", "primary", fill)
                right -= aw + self.px(16)
        if single:
            self.text_mid(cv, title, tx, cy0, right - tx, "body-strong", "text", fill)
            return fill
        ty = y + p
        used = self.text(cv, title, tx, ty, right - tx, "body-strong", "text", fill)
        self.text(cv, msg, tx, ty + used, right - tx, "small", "text-muted", fill, max_lines=3,
                  h=y + h - p - ty - used)
        return fill

    def k_bottom_sheet(self, cv, el, bg):
        """A sheet rising from the bottom: rounded top, grab handle, text (title); children are
        laid inside, else props.items become action rows (props.icons); props.scrim dims the page."""
        x, y, w, h = el.box
        if el.props.get("scrim"):
            col, alpha = self.th.scrim()
            cv.rect(0, 0, cv.width, cv.height, fill=col, opacity=alpha)
            self.scrim_at = len(self.text_runs)
        r = min(self.px(self.th.radius("xl")), w / 2, h / 2)
        fill = self.th.color("surface-raised")
        self._elevation(cv, x, y, w, h, r, el.props.get("elevation", "lg"))
        cv.rect(x, y, w, h, fill=fill, radius=r)
        cv.rect(x, y + h / 2, w, h / 2, fill=fill)  # square bottom corners: the sheet meets the screen edge
        hw, hh = min(self.px(40), w / 3), min(self.px(4), h / 8)
        cv.rect(x + (w - hw) / 2, y + self.px(8), hw, hh, fill=self.th.color("border"), radius=hh / 2)
        p = self.px(24)
        cy = y + self.px(24)
        if el.text and h > self.px(56):
            cy += self.text(cv, el.text, x + p, cy, w - 2 * p, "title", "text", fill) + self.px(8)
        if el.children:
            return fill
        items = [str(i) for i in as_list(el.props.get("items"), ["Share", "Copy link", "Add to playlist", "Report"])]
        icons = [str(i) for i in as_list(el.props.get("icons"), ["arrow-up-right", "file", "plus", "bell"])]
        rh = self.px(52)
        col = self.th.text_on("text-muted", fill, large=True)
        isz = self.px(20)
        for i, it in enumerate(items):
            if cy + rh > y + h + 0.5:
                break
            tx = x + p
            if i < len(icons):
                self.icon(cv, icons[i], tx, cy + (rh - isz) / 2, isz, col)
                tx += isz + self.px(16)
            self.text_mid(cv, it, tx, cy + rh / 2, x + w - p - tx, "body", "text", fill)
            cy += rh
        return fill

    def k_fab(self, cv, el, bg):
        """A floating action button: a circle (or, with text, an extended pill) in the role's
        colour with the system's shadow; props.icon (default plus)."""
        x, y, w, h = el.box
        role = el.role if el.role in ("primary", "secondary", "accent", "success", "danger", "surface") else "primary"
        fill = self.th.color(role)
        icon = str(el.props.get("icon", "plus"))
        if el.text and w >= 2 * h:
            bw, bh = w, h
            bx, by = x, y
        else:
            bw = bh = min(w, h)
            bx, by = x + (w - bw) / 2, y + (h - bh) / 2
        if bw <= 0:
            return
        r = bh / 2 if not el.props.get("square") else min(self.px(self.th.radius("lg")), bh / 2)
        self._elevation(cv, bx, by, bw, bh, r, el.props.get("elevation", "md"))
        cv.rect(bx, by, bw, bh, fill=fill, radius=r)
        on = f"on-{role}" if role != "surface" else "primary"
        col = self.th.text_on(on, fill, large=True)
        isz = min(self.px(24), bh * 0.5)
        if el.text and bw > bh:
            tw = self.measure(el.text, "label")
            sx = bx + max(self.px(16), (bw - tw - isz - self.px(8)) / 2)
            self.icon(cv, icon, sx, by + (bh - isz) / 2, isz, col)
            self.text_mid(cv, el.text, sx + isz + self.px(8), by + bh / 2, bx + bw - sx - isz - self.px(16), "label",
                          on, fill, color=col)
        else:
            self.icon(cv, icon, bx + (bw - isz) / 2, by + (bh - isz) / 2, isz, col)

    # -- data summaries ----------------------------------------------------------------------
    def k_stat(self, cv, el, bg):
        """A stat tile: text (label), props.value, props.delta ("+12%" green, "-3%" red),
        props.caption, props.series (a sparkline); variant plain draws no tile."""
        x, y, w, h = el.box
        fill = bg
        p = 0.0
        if el.variant != "plain":
            r = min(self.px(self.th.radius("lg")), w / 2, h / 2)
            fill = self.th.color(el.role if el.role in ("surface", "surface-raised", "surface-muted") else "surface")
            if fill == bg:
                fill = self.th.color("surface-raised")
            cv.rect(x, y, w, h, fill=fill, radius=r, stroke=self.th.color("border"), stroke_width=self.px(1))
            p = min(self.px(20), w / 6, h / 6)
        iw = w - 2 * p
        label = el.text or "Revenue"
        value = str(el.props.get("value", "$48,210"))
        delta = str(el.props.get("delta", "+12.4%"))
        cy = y + p
        if cy + self.lh("small") <= y + h - p:
            cy += self.text(cv, label, x + p, cy, iw, "small", "text-muted", fill)
        if cy + self.lh("h2") <= y + h - p + 0.5:
            cy += self.text(cv, value, x + p, cy + self.px(4), iw, "h2", "text", fill) + self.px(4)
        if delta and cy + self.px(24) <= y + h - p + 0.5:
            neg = delta.strip().startswith(("-", "−", "▼"))
            role = "danger" if neg else "success"
            bw = self._badge(cv, delta, x + p, cy + self.px(12), role, fill, max_w=iw)
            cap = str(el.props.get("caption", "vs last month"))
            if cap and iw - bw > self.px(40):
                self.text_mid(cv, cap, x + p + bw + self.px(8), cy + self.px(12), iw - bw - self.px(8), "caption",
                              "text-muted", fill)
            cy += self.px(24) + self.px(12)
        series = [as_num(v, 0) for v in as_list(el.props.get("series"))]
        sh = y + h - p - cy
        if len(series) >= 2 and sh >= self.px(20):
            spark = el.model_copy(update={"box": (x + p, cy, iw, sh), "props": {"series": [series]},
                                          "role": "success" if not delta.strip().startswith(("-", "−")) else "danger"})
            self._chart_sparkline(cv, spark, fill)
        return fill

    def _ring(self, cv, cx, cy, r, thick, frac, role, bg, a0=-math.pi / 2, sweep=2 * math.pi):
        cv.arc(cx, cy, r - thick / 2, a0, a0 + sweep - 1e-6 if sweep >= 2 * math.pi else a0 + sweep,
               self.track(bg), thick)
        if frac > 0.001:
            cv.arc(cx, cy, r - thick / 2, a0, a0 + sweep * min(frac, 0.9999), self.th.color(role), thick)

    def k_progress_ring(self, cv, el, bg):
        """A circular progress: props.value 0–1 with the percentage (or props.display) inside;
        text is a label under it when there is room."""
        x, y, w, h = el.box
        val = as_num(el.props.get("value"), 0.72, 0, 1)
        label_h = self.lh("small") + self.px(8) if el.text and h > w * 0.9 + self.lh("small") else 0.0
        r = min(w, h - label_h) / 2
        if r <= 0:
            return
        cx, cy = x + w / 2, y + r
        role = el.role if el.role in ("primary", "accent", "success", "warning", "danger", "info") else "primary"
        self._ring(cv, cx, cy, r, max(self.px(2), r * 0.16), val, role, bg)
        disp = str(el.props.get("display") or f"{round(val * 100)}%")
        style = "h3" if r >= self.px(40) else ("label" if r >= self.px(18) else "caption")
        if r >= self.px(14):
            tw = self.measure(disp, style)
            self.text_mid(cv, disp, cx - min(tw, r * 1.4) / 2, cy, r * 1.4, style, "text", bg)
        if label_h:
            self.text(cv, el.text, x, y + 2 * r + self.px(8), w, "small", "text-muted", bg, align="center")

    def k_gauge(self, cv, el, bg):
        """A half-circle gauge: props.value 0–1, props.display, props.min and props.max labels,
        text (label under the value); props.bands [[end 0–1, role], …] colour the track."""
        x, y, w, h = el.box
        val = as_num(el.props.get("value"), 0.64, 0, 1)
        cap_h = self.lh("caption") + self.px(4)
        r = min(w / 2, h - cap_h)
        if r <= 0:
            return
        cx, cy = x + w / 2, y + r
        thick = max(self.px(2), r * 0.18)
        bands = as_list(el.props.get("bands"))
        if bands:
            a = math.pi
            for b in bands:
                try:
                    end, role = as_num(b[0], 1, 0, 1), str(b[1])
                except (TypeError, IndexError, KeyError):
                    continue
                a1 = math.pi + math.pi * end
                if a1 > a:
                    cv.arc(cx, cy, r - thick / 2, a, a1, self.th.color(role), thick)
                    a = a1
            # the needle
            ang = math.pi + math.pi * val
            cv.line(cx, cy, cx + (r - thick * 1.2) * math.cos(ang), cy + (r - thick * 1.2) * math.sin(ang),
                    self.th.text_on("text", bg, large=True), max(self.px(1), thick * 0.25), cap="round")
            cv.circle(cx, cy, max(self.px(2), thick * 0.35), fill=self.th.text_on("text", bg, large=True))
        else:
            role = el.role if el.role in ("primary", "accent", "success", "warning", "danger", "info") else "primary"
            self._ring(cv, cx, cy, r, thick, val, role, bg, a0=math.pi, sweep=math.pi)
        disp = str(el.props.get("display") or f"{round(val * 100)}%")
        style = "h2" if r >= self.px(70) else ("title" if r >= self.px(36) else "caption")
        lh = self.lh(style)
        if r - thick > lh * 0.6 and not bands:
            self.text(cv, disp, cx - (r - thick), cy - lh, 2 * (r - thick), style, "text", bg, align="center")
        if el.text and r - thick > lh:
            self.text(cv, el.text, cx - (r - thick), cy - lh - self.lh("caption"), 2 * (r - thick), "caption",
                      "text-muted", bg, align="center")
        lo, hi = str(el.props.get("min", "0")), str(el.props.get("max", "100"))
        if r >= self.px(30):  # the ends' labels under the arc's feet, inside the arc's width
            lw = thick * 2 + self.px(8)
            self.text(cv, lo, cx - r, cy + self.px(4), lw, "caption", "text-muted", bg)
            self.text(cv, hi, cx + r - lw, cy + self.px(4), lw, "caption", "text-muted", bg, align="right")

    def k_avatar_group(self, cv, el, bg):
        """Overlapping avatars: props.names, props.max shown (the rest as +N)."""
        x, y, w, h = el.box
        names = [str(n) for n in as_list(el.props.get("names"),
                                         ["Maya Chen", "Jonas Weber", "Amara Okafor", "Kenji Sato", "Luis Romero",
                                          "Priya Nair"])]
        r = min(h / 2, self.px(18))
        if r <= 0 or not names:
            return
        step = r * 1.65  # the next avatar clears the initials of the one before
        fit = max(1, int((w - 2 * r) // step) + 1)
        show = min(len(names), int(as_num(el.props.get("max"), 4, 1)), fit)
        extra = len(names) - show
        if extra and show + 1 > fit:
            show -= 1
            extra += 1
        cy = y + h / 2
        ring = max(self.px(1), r * 0.12)
        for i in range(max(0, show)):
            cx = x + r + i * step
            cv.circle(cx, cy, r, fill=bg)
            self._avatar(cv, names[i], cx, cy, r - ring, i)
        if extra > 0:
            cx = x + r + max(0, show) * step
            fill = self.th.color("surface-muted") if self.th.color("surface-muted") != bg else self.th.color("border")
            cv.circle(cx, cy, r, fill=bg)
            cv.circle(cx, cy, r - ring, fill=fill)
            s = f"+{extra}"
            st = "caption" if r < self.px(20) else "label"
            tw = self.measure(s, st)
            self.text_mid(cv, s, cx - tw / 2, cy, tw + 2, st, "text", fill)

    # -- structured lists --------------------------------------------------------------------
    def k_timeline(self, cv, el, bg):
        """Events on a line: props.items ([title, meta] pairs or titles), props.current (the
        latest done); variant horizontal lays them across."""
        x, y, w, h = el.box
        raw = as_list(el.props.get("items"), [["Order placed", "Nov 21, 09:12"], ["Packed", "Nov 21, 14:40"],
                                              ["Shipped", "Nov 22, 08:05"], ["Delivered", "Expected Nov 24"]])
        items = [(str(i[0]), str(i[1]) if len(i) > 1 else "") if isinstance(i, (list, tuple)) and i else (str(i), "")
                 for i in raw]
        if not items:
            return
        cur = int(as_num(el.props.get("current"), len(items) - 2, -1, len(items) - 1))
        done_c, todo_c = self.th.color("primary"), self.th.color("border")
        dot = self.px(6)
        if el.variant == "horizontal" or (w > 3 * h and el.variant != "vertical"):
            seg = w / len(items)
            ly = y + dot + self.px(2)
            for i, (t, m) in enumerate(items):
                cx = x + seg * i + dot
                if i < len(items) - 1:
                    cv.rect(cx + dot, ly - self.px(1), seg - 2 * dot, self.px(2), fill=done_c if i < cur else todo_c)
                cv.circle(cx, ly, dot, fill=done_c if i <= cur else self.th.color("surface"),
                          stroke=done_c if i <= cur else todo_c, stroke_width=self.px(2))
                ty = ly + dot + self.px(8)
                if ty + self.lh("label") <= y + h + 0.5:
                    used = self.text(cv, t, x + seg * i, ty, seg - self.px(8), "label",
                                     "text" if i <= cur else "text-muted", bg)
                    if m and ty + used + self.lh("caption") <= y + h + 0.5:
                        self.text(cv, m, x + seg * i, ty + used, seg - self.px(8), "caption", "text-muted", bg)
            return
        rh = max(self.lh("body-strong") + self.lh("small") + self.px(12), self.px(56))
        rh = min(rh, h / len(items)) if h / len(items) >= self.lh("body-strong") else rh
        lx = x + dot + self.px(1)
        for i, (t, m) in enumerate(items):
            ry = y + rh * i
            if ry + self.lh("body-strong") > y + h + 0.5:
                break
            cy = ry + self.lh("body-strong") / 2
            if i < len(items) - 1 and ry + rh + self.px(4) <= y + h:
                cv.rect(lx - self.px(1), cy + dot + self.px(4), self.px(2), rh - 2 * dot - self.px(8),
                        fill=done_c if i < cur else todo_c)
            cv.circle(lx, cy, dot, fill=done_c if i <= cur else self.th.color("surface"),
                      stroke=done_c if i <= cur else todo_c, stroke_width=self.px(2))
            tx = x + 2 * dot + self.px(14)
            used = self.text(cv, t, tx, ry, x + w - tx, "body-strong", "text" if i <= cur else "text-muted", bg)
            if m and ry + used + self.lh("small") <= y + h + 0.5:
                self.text(cv, m, tx, ry + used, x + w - tx, "small", "text-muted", bg)

    def k_tree(self, cv, el, bg):
        """A tree view: props.items as [depth, label] pairs or labels indented by two spaces per
        level; props.active; a node followed by a deeper one is drawn open, with a folder icon."""
        x, y, w, h = el.box
        raw = as_list(el.props.get("items"), [[0, "src"], [1, "engine"], [2, "render.py"], [2, "layout.py"],
                                              [1, "scene.py"], [0, "tests"], [0, "README.md"]])
        items = []
        for it in raw:
            if isinstance(it, (list, tuple)) and len(it) >= 2:
                items.append((int(as_num(it[0], 0, 0, 12)), str(it[1])))
            else:
                s = str(it)
                items.append(((len(s) - len(s.lstrip(" "))) // 2, s.strip()))
        active = int(as_num(el.props.get("active"), 2 if len(items) > 2 else -1))
        rh = min(self.px(36), h)
        indent = self.px(20)
        isz = self.px(16)
        for i, (d, label) in enumerate(items):
            ry = y + rh * i
            if ry + rh > y + h + 0.5:
                break
            parent = i + 1 < len(items) and items[i + 1][0] > d
            f = bg
            if i == active:
                f = self.th.color("secondary")
                cv.rect(x, ry, w, rh, fill=f, radius=self.px(self.th.radius("sm")))
            col = self.th.text_on("on-secondary" if f != bg else "text-muted", f, large=True)
            tx = x + self.px(8) + d * indent
            if tx + 2 * isz > x + w:
                continue
            if parent:
                self.icon(cv, "chevron-down", tx, ry + (rh - isz) / 2, isz, col)
            tx += isz + self.px(4)
            self.icon(cv, "folder" if parent or "." not in label else "file", tx, ry + (rh - isz) / 2, isz, col)
            tx += isz + self.px(8)
            self.text_mid(cv, label, tx, ry + rh / 2, x + w - tx - self.px(8), "small",
                          "on-secondary" if f != bg else "text", f)

    def k_description_list(self, cv, el, bg):
        """Key–value pairs: props.items as [key, value] pairs (or a mapping); keys muted in a
        column, values beside them (under them when narrow, or variant stacked)."""
        x, y, w, h = el.box
        raw = el.props.get("items")
        if isinstance(raw, dict):
            pairs = [(str(k), str(v)) for k, v in raw.items()]
        else:
            pairs = [(str(p[0]), str(p[1]) if len(p) > 1 else "") for p in as_list(raw)
                     if isinstance(p, (list, tuple)) and p]
        if not pairs:
            pairs = [("Invoice", "INV-2026-0412"), ("Issued", "Nov 21, 2026"), ("Due", "Dec 5, 2026"),
                     ("Amount", "$4,280.00"), ("Status", "Pending")]
        stacked = el.variant == "stacked" or w < self.px(260)
        kw = 0.0 if stacked else min(w * 0.4, max(self.measure(k, "small") for k, _ in pairs) + self.px(24))
        rh = (self.lh("small") + self.lh("body") + self.px(16)) if stacked else max(self.lh("body") + self.px(20),
                                                                                   self.px(44))
        div = self.th.color("divider")
        for i, (k, v) in enumerate(pairs):
            ry = y + rh * i
            if ry + rh > y + h + 0.5:
                break
            if stacked:
                self.text(cv, k, x, ry + self.px(8), w, "small", "text-muted", bg)
                self.text(cv, v, x, ry + self.px(8) + self.lh("small"), w, "body", "text", bg)
            else:
                self.text_mid(cv, k, x, ry + rh / 2, kw - self.px(16), "small", "text-muted", bg)
                if k.lower() == "status":
                    self._badge(cv, v, x + kw, ry + rh / 2, status_role(v), bg, max_w=w - kw)
                else:
                    self.text_mid(cv, v, x + kw, ry + rh / 2, w - kw, "body", "text", bg)
            if i < len(pairs) - 1:
                cv.rect(x, ry + rh - self.px(1), w, self.px(1), fill=div)

    def k_comment(self, cv, el, bg):
        """A comment: text (author), props.meta (time), props.body, props.actions (e.g. Reply,
        Like), props.likes; props.indent shifts a reply right."""
        x, y, w, h = el.box
        ind = min(self.px(48) * int(as_num(el.props.get("indent"), 0, 0, 3)), w / 3)
        x, w = x + ind, w - ind
        author = el.text or "Amara Okafor"
        r = min(self.px(18), h / 2, w / 4)
        if r > 0:
            self._avatar(cv, author, x + r, y + r, r)
        tx = x + 2 * r + self.px(12)
        tw = x + w - tx
        if tw <= 0:
            return
        aw = self.text_mid(cv, author, tx, y + self.lh("body-strong") / 2, tw, "body-strong", "text", bg)
        meta = str(el.props.get("meta", "2 h ago"))
        if meta and tw - aw > self.px(40):
            self.text_mid(cv, meta, tx + aw + self.px(8), y + self.lh("body-strong") / 2, tw - aw - self.px(8), "caption",
                          "text-muted", bg)
        body = str(el.props.get("body", "Looks great. Can we move the export button next to the filters?"))
        acts = [str(a) for a in as_list(el.props.get("actions"), ["Reply", "Like"])]
        act_h = self.lh("label") + self.px(6) if acts else 0.0
        by = y + self.lh("body-strong") + self.px(4)
        used = self.text(cv, body, tx, by, tw, "body", "text", bg, max_lines=6, h=y + h - by - act_h)
        ay = by + used + self.px(6)
        if acts and ay + self.lh("label") <= y + h + 0.5:
            ax = tx
            likes = el.props.get("likes")
            for a in acts:
                s = f"{a} · {likes}" if likes is not None and a.lower() == "like" else a
                aw_ = self.measure(s, "label")
                if ax + aw_ > x + w:
                    break
                self.text(cv, s, ax, ay, aw_ + 1, "label", "text-muted", bg)
                ax += aw_ + self.px(20)

    def k_kanban_column(self, cv, el, bg):
        """A board column: text (title), props.count (default the cards'), props.cards as titles or
        [title, tag] pairs or {title, tag, assignee, due}; an add row when there is room."""
        x, y, w, h = el.box
        title = el.text or "To do"
        raw = as_list(el.props.get("cards"), [["Write launch brief", "Marketing"], ["Audit colour tokens", "Design"],
                                              ["Fix checkout timeout", "Bug"]])
        cards = []
        for c in raw:
            if isinstance(c, dict):
                cards.append((str(c.get("title", "")), str(c.get("tag", "")), str(c.get("assignee", "")),
                              str(c.get("due", ""))))
            elif isinstance(c, (list, tuple)) and c:
                cards.append((str(c[0]), str(c[1]) if len(c) > 1 else "", str(c[2]) if len(c) > 2 else "", ""))
            else:
                cards.append((str(c), "", "", ""))
        r = min(self.px(self.th.radius("lg")), w / 2, h / 2)
        col_fill = self.track(bg)
        cv.rect(x, y, w, h, fill=col_fill, radius=r)
        p = min(self.px(12), w / 8)
        head = self.px(44)
        count = str(el.props.get("count", len(cards)))
        cw = self.measure(count, "caption") + self.px(16)
        if h >= head:
            tw = self.text_mid(cv, title, x + p, y + head / 2, w - 2 * p - cw - self.px(8), "label", "text", col_fill)
            if x + p + tw + self.px(8) + cw <= x + w - p:
                self._badge(cv, count, x + p + tw + self.px(8), y + head / 2, "surface", col_fill)
        cy = y + head
        tags = ("primary", "accent", "info", "success", "warning")
        for i, (t, tag, who, due) in enumerate(cards):
            ch = self.px(16) + self.lh("small") * 2 + (self.px(30) if tag or who else 0) + self.px(4)
            if cy + ch > y + h - p + 0.5:
                break
            cfill = self.th.color("surface-raised")
            cv.rect(x + p, cy, w - 2 * p, ch, fill=cfill, radius=self.px(self.th.radius("md")),
                    stroke=self.th.color("border"), stroke_width=self.px(1))
            ix = x + p + self.px(12)
            iw = w - 2 * p - self.px(24)
            self.text(cv, t, ix, cy + self.px(10), iw, "small", "text", cfill, max_lines=2)
            by = cy + ch - self.px(20)
            if tag:
                role = status_role(tag) if tag.lower() in ("bug", "blocked", "done", "review") else \
                    tags[sum(map(ord, tag)) % len(tags)]
                self._badge(cv, tag, ix, by, role, cfill, max_w=iw - self.px(32))
            if who or tag:
                ar = self.px(11)
                if iw > self.px(80):
                    self._avatar(cv, who or ["Maya Chen", "Jonas Weber", "Kenji Sato"][i % 3], ix + iw - ar, by, ar, i)
            cy += ch + self.px(8)
        if cy + self.px(32) <= y + h - p + 0.5 and el.props.get("add", True):
            isz = self.px(16)
            col = self.th.text_on("text-muted", col_fill, large=True)
            self.icon(cv, "plus", x + p + self.px(4), cy + self.px(8), isz, col)
            self.text_mid(cv, str(el.props.get("add_label", "Add card")), x + p + self.px(4) + isz + self.px(8),
                          cy + self.px(16), w - 2 * p - isz - self.px(12), "label", "text-muted", col_fill)
        return col_fill

    # -- upload and loading ------------------------------------------------------------------
    def k_dropzone(self, cv, el, bg):
        """An upload dropzone: a dashed rounded outline, an upload mark, text (the call, default
        "Drop files here or browse"), props.hint (types and size)."""
        x, y, w, h = el.box
        fill = self.th.color("surface-muted") if self.th.color("surface-muted") != bg else self.th.color("surface")
        r = min(self.px(self.th.radius("lg")), w / 2, h / 2)
        cv.rect(x, y, w, h, fill=fill, radius=r)
        self._dashed_outline(cv, x, y, w, h, r, self.th.color(el.role or "border"))
        isz = min(self.px(40), h * 0.3, w * 0.3)
        call = el.text or "Drop files here or browse"
        hint = str(el.props.get("hint", "PNG, JPG or PDF, up to 10 MB"))
        block = isz + self.px(12) + self.lh("body-strong") + (self.lh("small") if hint else 0)
        top = y + max(self.px(4), (h - block) / 2)
        if isz >= self.px(12):
            cv.circle(x + w / 2, top + isz / 2, isz / 2, fill=self.th.color("secondary"))
            self.icon(cv, "upload", x + (w - isz * 0.55) / 2, top + isz * 0.225, isz * 0.55,
                      self.th.text_on("on-secondary", self.th.color("secondary"), large=True))
            top += isz + self.px(12)
        p = self.px(16)
        if top + self.lh("body-strong") <= y + h + 0.5:
            top += self.text(cv, call, x + p, top, w - 2 * p, "body-strong", "text", fill, align="center")
        if hint and top + self.lh("small") <= y + h - self.px(4):
            self.text(cv, hint, x + p, top, w - 2 * p, "small", "text-muted", fill, align="center")
        return fill

    def _dashed_outline(self, cv, x, y, w, h, r, color) -> None:
        """A dashed rounded rectangle inside the box: straight dashed sides, solid corner arcs."""
        lw = self.px(1.5)
        d = (self.px(6), self.px(4))
        i = lw / 2
        r = max(0.0, min(r, w / 2, h / 2) - i)
        if w - 2 * r - 2 * i > 0:
            cv.line(x + i + r, y + i, x + w - i - r, y + i, color, lw, dash=d)
            cv.line(x + i + r, y + h - i, x + w - i - r, y + h - i, color, lw, dash=d)
        if h - 2 * r - 2 * i > 0:
            cv.line(x + i, y + i + r, x + i, y + h - i - r, color, lw, dash=d)
            cv.line(x + w - i, y + i + r, x + w - i, y + h - i - r, color, lw, dash=d)
        if r > 0:
            for cx, cy, a in ((x + w - i - r, y + i + r, -math.pi / 2), (x + w - i - r, y + h - i - r, 0),
                              (x + i + r, y + h - i - r, math.pi / 2), (x + i + r, y + i + r, math.pi)):
                cv.arc(cx, cy, r, a, a + math.pi / 2, color, lw)

    def k_skeleton(self, cv, el, bg):
        """A loading placeholder in the track colour: variant text (lines), list (avatar and two
        lines per row), card (media block then lines; the default for tall boxes)."""
        x, y, w, h = el.box
        fill = self.track(bg)
        lh = self.px(12)
        gap = self.px(10)
        r = min(self.px(self.th.radius("sm")), lh / 2)
        v = el.variant if el.variant in ("text", "list", "card") else ("card" if h > w * 0.8 and h > self.px(160) else
                                                                        "list" if h >= self.px(40) else "text")

        def lines(x0, y0, ww, hh, n=3):
            for k in range(n):
                ly = y0 + k * (lh + gap)
                if ly + lh > y0 + hh + 0.5:
                    break
                cv.rect(x0, ly, ww * (0.6 if k == n - 1 else (0.92 if k % 2 else 1.0)), min(lh, hh), fill=fill,
                        radius=r)

        if v == "card":
            mh = h * 0.5
            cv.rect(x, y, w, mh, fill=fill, radius=min(self.px(self.th.radius("lg")), w / 2, mh / 2))
            lines(x, y + mh + self.px(16), w, h - mh - self.px(16))
        elif v == "list":
            rowh = self.px(56)
            ar = min(self.px(18), h / 2)
            n = max(1, int(h // rowh))
            for k in range(n):
                cy = y + k * rowh + min(rowh, h) / 2
                cv.circle(x + ar, cy, ar, fill=fill)
                lx = x + 2 * ar + self.px(12)
                if lx < x + w:
                    cv.rect(lx, cy - lh - self.px(3), (x + w - lx) * 0.7, lh, fill=fill, radius=r)
                    cv.rect(lx, cy + self.px(3), (x + w - lx) * 0.45, lh, fill=fill, radius=r)
        else:
            lines(x, y, w, h, n=max(1, int((h + gap) // (lh + gap))))
