"""Media, places and files drawn from tokens: maps, video tiles, transport and call controls,
story rows, file tiles and code blocks.

Mixed into `engine.render.components.Renderer` beside `engine.render.widgets`, under the same
rules: fills only from `Theme.color`, text through `Renderer.text`, sizes through `self.px`,
sensible content when props are missing.
"""

from __future__ import annotations

import math
import random
import re

from engine.render.widgets import as_list, as_num

#: Call-control labels and the icon each one shows (the first word that matches wins).
CALL_ICONS = (("unmute", "mic-off"), ("mute", "mic"), ("mic", "mic"), ("camera", "video"), ("video", "video"),
              ("share", "monitor"), ("screen", "monitor"), ("chat", "message"), ("people", "users"),
              ("participants", "users"), ("leave", "phone"), ("end", "phone"), ("hang", "phone"),
              ("more", "more"), ("record", "dot"))

#: File extensions and the role of their type mark.
FILE_ROLES = {"pdf": "danger", "doc": "info", "docx": "info", "xls": "success", "xlsx": "success", "csv": "success",
              "ppt": "warning", "pptx": "warning", "png": "accent", "jpg": "accent", "jpeg": "accent", "svg": "accent",
              "fig": "primary", "zip": "secondary", "mp4": "primary", "mov": "primary", "mp3": "primary"}

_KEYWORDS = frozenset("def class return if else elif for while import from const let var function async await "
                      "new true false none null export default in of try except catch finally with as "
                      "public private static interface type struct fn pub use match self this".split())
_TOKEN = re.compile(r"(#.*|//.*|\"[^\"]*\"?|'[^']*'?|\w+|\s+|[^\w\s])")


class MediaMixin:
    # -- vector glyphs -----------------------------------------------------------------------
    def transport_glyph(self, cv, name: str, cx: float, cy: float, size: float, color: str) -> None:
        """play | pause | prev | next as filled vector shapes of `size` centred on (cx, cy)."""
        s = size / 2
        if name == "play":
            cv.polyline([(cx - s * 0.55, cy - s * 0.8), (cx + s * 0.85, cy), (cx - s * 0.55, cy + s * 0.8)], "", 0,
                        fill=color, closed=True)
        elif name == "pause":
            cv.rect(cx - s * 0.7, cy - s * 0.8, s * 0.5, s * 1.6, fill=color, radius=s * 0.1)
            cv.rect(cx + s * 0.2, cy - s * 0.8, s * 0.5, s * 1.6, fill=color, radius=s * 0.1)
        elif name in ("prev", "next"):
            k = 1 if name == "next" else -1
            cv.polyline([(cx - k * s * 0.7, cy - s * 0.7), (cx + k * s * 0.45, cy), (cx - k * s * 0.7, cy + s * 0.7)],
                        "", 0, fill=color, closed=True)
            bx = cx + k * s * 0.45 if k > 0 else cx + k * s * 0.45 - s * 0.25
            cv.rect(bx, cy - s * 0.7, s * 0.25, s * 1.4, fill=color)

    # -- map ---------------------------------------------------------------------------------
    def k_map(self, cv, el, bg):
        """A vector map. By props.terrain (or the element's variant): ``town`` (the default: blocks, a
        park and a river, streets in two weights), ``water`` (a shore with a harbour wall and
        pontoons reaching into the water) or ``outdoor`` (contour lines round three hills, woods
        and two footpaths, no streets). Over it props.route (a line of [x, y] fractions, or true for
        one between the first two pins), props.pins (labels or [x, y, label] at fractions of the
        box); props.zoom false hides the zoom buttons."""
        x, y, w, h = el.box
        if w < 2 or h < 2:
            return
        rng = random.Random(sum(map(ord, el.id)) * 7919)
        r = min(self.px(self.th.radius("lg")), w / 2, h / 2)
        base = self.th.color("surface-muted")
        road = self.th.color("surface") if self.th.color("surface") != base else self.th.color("background")
        green = self.th.color("secondary")
        water = self.th.color("border")
        terrain = str(el.props.get("terrain") or getattr(el, "variant", "") or "town")
        with cv.clip(x, y, w, h, r):
            cv.rect(x, y, w, h, fill=base)
            if terrain == "water":  # the water in the system's secondary colour where that is a quiet one
                self._map_water(cv, rng, x, y, w, h, road, green if _quiet(green) else water)
            elif terrain == "outdoor":
                self._map_outdoor(cv, rng, x, y, w, h, road, water, green)
            else:
                self._map_town(cv, rng, x, y, w, h, road, water, green)
            self._map_marks(cv, el, x, y, w, h)
        return base

    def _map_water(self, cv, rng, x, y, w, h, road, water) -> None:
        """A shore across the top with a harbour wall, the water below it and pontoons (with their
        berths) reaching into it."""
        shore = y + h * rng.uniform(0.22, 0.3)
        edge = [(x - 10, shore + h * 0.04)]
        for k in range(1, 6):
            edge.append((x + w * k / 5, shore + h * rng.uniform(-0.03, 0.04)))
        cv.polyline(edge + [(x + w + 10, y + h + 10), (x - 10, y + h + 10)], "", 0, fill=water, closed=True)
        cv.polyline(edge, road, max(self.px(6), min(w, h) * 0.02))  # the harbour wall
        cv.line(x, shore - h * 0.08, x + w, shore - h * 0.1, road, max(self.px(4), min(w, h) * 0.014))  # quay road
        arm = max(self.px(5), min(w, h) * 0.018)
        for k in range(3):  # pontoons, each with its berths on both sides
            px_ = x + w * (0.22 + 0.28 * k)
            top, bottom = shore, shore + h * rng.uniform(0.45, 0.6)
            cv.line(px_, top, px_, bottom, road, arm)
            yy = top + h * 0.06
            while yy < bottom - h * 0.02:
                cv.line(px_ - w * 0.06, yy, px_ + w * 0.06, yy, road, max(self.px(2), arm * 0.4))
                yy += h * 0.07

    def _map_outdoor(self, cv, rng, x, y, w, h, road, water, green) -> None:
        """Open country: woods, a tarn, contour lines round three hills and two footpaths."""
        for _ in range(3):  # woods
            cx_, cy_, rr = x + w * rng.uniform(0.1, 0.9), y + h * rng.uniform(0.1, 0.9), min(w, h) * rng.uniform(0.1, 0.18)
            pts = [(cx_ + rr * (1 + 0.25 * rng.uniform(-1, 1)) * math.cos(a), cy_ + rr * (1 + 0.25 * rng.uniform(-1, 1))
                    * math.sin(a)) for a in [k * math.pi / 6 for k in range(12)]]
            cv.polyline(pts, "", 0, fill=green, closed=True)
        tx, ty = x + w * rng.uniform(0.15, 0.35), y + h * rng.uniform(0.6, 0.8)  # a tarn
        cv.polyline([(tx + w * 0.07 * math.cos(a) * (1 + 0.2 * math.sin(3 * a)), ty + h * 0.05 * math.sin(a))
                     for a in [k * math.pi / 8 for k in range(16)]], "", 0, fill=water, closed=True)
        line = max(self.px(1.5), min(w, h) * 0.004)
        for _ in range(3):  # hills: rings of contour lines, wobbling as real ground does
            hx, hy = x + w * rng.uniform(0.2, 0.85), y + h * rng.uniform(0.15, 0.6)
            wob = [rng.uniform(-0.12, 0.12) for _ in range(12)]
            for ring in range(1, 6):
                rr = min(w, h) * 0.055 * ring
                pts = [(hx + rr * (1.3 + wob[k]) * math.cos(k * math.pi / 6), hy + rr * (1 + wob[k]) * math.sin(k * math.pi / 6))
                       for k in range(12)]
                cv.polyline(pts + pts[:1], water, line)
        path = max(self.px(3), min(w, h) * 0.01)
        for k in range(2):  # footpaths across the country
            y0 = y + h * (0.3 + 0.4 * k)
            pts = [(x - 10, y0)] + [(x + w * t, y0 + h * 0.12 * math.sin(t * 5 + k * 2)) for t in (0.2, 0.4, 0.6, 0.8)] + \
                [(x + w + 10, y0 - h * 0.1)]
            cv.polyline(pts, road, path)

    def _map_town(self, cv, rng, x, y, w, h, road, water, green) -> None:
        """A town: a river across one corner, a park, a slightly irregular street grid and two avenues."""
        # water: a river across one corner
        wy = y + h * rng.uniform(0.65, 0.8)
        river = [(x - 10, wy), (x + w * 0.3, wy - h * 0.08), (x + w * 0.6, wy + h * 0.05), (x + w + 10, wy - h * 0.1)]
        cv.polyline(river + [(x + w + 10, y + h + 10), (x - 10, y + h + 10)], "", 0, fill=water, closed=True)
        # a park
        px0, py0 = x + w * rng.uniform(0.55, 0.7), y + h * rng.uniform(0.1, 0.25)
        cv.rect(px0, py0, w * 0.22, h * 0.22, fill=green, radius=self.px(6))
        # streets: a slightly irregular grid, then two avenues
        minor = max(self.px(3), min(w, h) * 0.012)
        major = max(self.px(7), min(w, h) * 0.03)
        step = max(self.px(56), min(w, h) / 6)
        gx = x + rng.uniform(0, step)
        while gx < x + w:
            cv.line(gx, y, gx + rng.uniform(-step, step) * 0.3, y + h, road, minor)
            gx += step * rng.uniform(0.8, 1.2)
        gy = y + rng.uniform(0, step)
        while gy < y + h:
            cv.line(x, gy, x + w, gy + rng.uniform(-step, step) * 0.3, road, minor)
            gy += step * rng.uniform(0.8, 1.2)
        cv.line(x, y + h * 0.15, x + w, y + h * 0.55, road, major, cap="round")
        cv.line(x + w * 0.35, y, x + w * 0.25, y + h, road, major, cap="round")

    def _map_marks(self, cv, el, x, y, w, h) -> None:
        """A map's route, pins and zoom buttons, over any terrain."""
        pins = []
        for i, p in enumerate(as_list(el.props.get("pins"), ["Pickup", "Drop-off"])):
            if isinstance(p, (list, tuple)) and len(p) >= 2:
                fx, fy = as_num(p[0], 0.5, 0.05, 0.95), as_num(p[1], 0.5, 0.1, 0.95)
                label = str(p[2]) if len(p) > 2 else ""
            else:
                fx, fy = ((0.22, 0.62), (0.74, 0.3), (0.5, 0.45), (0.35, 0.25), (0.8, 0.7))[i % 5]
                label = str(p)
            pins.append((x + w * fx, y + h * fy, label))
        route = el.props.get("route", True)
        pts = []
        if isinstance(route, (list, tuple)) and len(route) >= 2:
            pts = [(x + w * as_num(p[0], 0, 0, 1), y + h * as_num(p[1], 0, 0, 1)) for p in route
                   if isinstance(p, (list, tuple)) and len(p) >= 2]
        elif route and len(pins) >= 2:
            (ax, ay, _), (bx, by, _) = pins[0], pins[1]
            pts = [(ax, ay), (ax, ay + (by - ay) * 0.15), ((ax + bx) / 2, ay + (by - ay) * 0.3),
                   ((ax + bx) / 2, by + (ay - by) * 0.2), (bx, by)]
        if len(pts) >= 2:
            lw = max(self.px(4), min(w, h) * 0.014)
            cv.polyline(pts, self.th.color("surface"), lw + self.px(3))
            cv.polyline(pts, self.th.color("primary"), lw)
        for i, (cx, cy, label) in enumerate(pins):
            self._pin(cv, cx, cy, "primary" if i == 0 else "accent", label, x, y, w, h)
        if el.props.get("zoom", True) and w > self.px(120) and h > self.px(120):
            bs = self.px(36)
            fill = self.th.color("surface")
            zx, zy = x + w - bs - self.px(12), y + self.px(12)
            cv.rect(zx, zy, bs, 2 * bs, fill=fill, radius=self.px(self.th.radius("md")),
                    stroke=self.th.color("border"), stroke_width=self.px(1))
            cv.rect(zx, zy + bs, bs, self.px(1), fill=self.th.color("border"))
            col = self.th.text_on("text", fill, large=True)
            k = bs * 0.22
            cv.line(zx + bs / 2 - k, zy + bs / 2, zx + bs / 2 + k, zy + bs / 2, col, self.px(2))
            cv.line(zx + bs / 2, zy + bs / 2 - k, zx + bs / 2, zy + bs / 2 + k, col, self.px(2))
            cv.line(zx + bs / 2 - k, zy + bs * 1.5, zx + bs / 2 + k, zy + bs * 1.5, col, self.px(2))

    def _pin(self, cv, cx, cy, role, label, x, y, w, h) -> None:
        """A map pin with its point at (cx, cy) and its label in a chip above it."""
        pr = self.px(12)
        fill = self.th.color(role)
        top = cy - pr * 2.6
        cv.polyline([(cx - pr * 0.75, top + pr * 1.6), (cx, cy), (cx + pr * 0.75, top + pr * 1.6)], "", 0, fill=fill,
                    closed=True)
        cv.circle(cx, top + pr, pr, fill=fill)
        cv.circle(cx, top + pr, pr * 0.42, fill=self.th.color("surface"))
        if label:
            surf = self.th.color("surface")
            tw = self.measure(label, "caption") + self.px(16)
            ch = self.px(24)
            lx = max(x + self.px(4), min(cx - tw / 2, x + w - tw - self.px(4)))
            ly = top - ch - self.px(6)
            if ly < y + self.px(4):
                ly = cy + self.px(6)
            cv.rect(lx, ly, tw, ch, fill=surf, radius=ch / 2, stroke=self.th.color("border"), stroke_width=self.px(1))
            self.text_mid(cv, label, lx + self.px(8), ly + ch / 2, tw - self.px(15), "caption", "text", surf)

    # -- video -------------------------------------------------------------------------------
    def k_video(self, cv, el, bg):
        """A video tile: a poster (an on-palette illustration), a play button, props.duration and
        props.progress (0–1, a bar along the bottom); variant call is a call participant: text
        (name) in a label, props.muted, props.camera_off (an avatar instead of the poster),
        props.speaking (a ring in the primary colour)."""
        x, y, w, h = el.box
        if w < 2 or h < 2:
            return
        r = min(self.px(self.th.radius("lg")), w / 2, h / 2)
        call = el.variant == "call"
        if call and el.props.get("camera_off"):
            fill = self.th.color("surface-muted")
            cv.rect(x, y, w, h, fill=fill, radius=r)
            ar = min(w, h) * 0.22
            self._avatar(cv, el.text or "Maya Chen", x + w / 2, y + h / 2, ar)
        else:
            self.k_image(cv, el.model_copy(update={"role": el.role or "secondary",
                                                   "props": {"motif": "landscape"}}), bg)
        if call:
            if el.props.get("speaking"):
                cv.rect(x, y, w, h, radius=r, stroke=self.th.color("primary"), stroke_width=self.px(3))
            name = el.text or "Maya Chen"
            lab = self.th.color("surface")
            ch = min(self.px(28), h / 3)
            isz = self.px(14) if el.props.get("muted") else 0.0
            tw = min(self.measure(name, "caption"), w - self.px(40) - isz)
            if tw > 0 and ch > self.px(16):
                lx, ly = x + self.px(10), y + h - ch - self.px(10)
                cv.rect(lx, ly, tw + self.px(16) + (isz + self.px(6)) * bool(isz), ch, fill=lab, radius=ch / 2)
                tx = lx + self.px(8)
                if isz:
                    self.icon(cv, "mic-off", tx, ly + (ch - isz) / 2, isz, self.th.text_on("danger", lab, large=True))
                    tx += isz + self.px(6)
                self.text_mid(cv, name, tx, ly + ch / 2, tw + 1, "caption", "text", lab)
            return
        pr = min(self.px(28), min(w, h) * 0.18)
        if pr > self.px(6):
            surf = self.th.color("surface")
            cv.circle(x + w / 2, y + h / 2, pr, fill=surf)
            self.transport_glyph(cv, "play", x + w / 2 + pr * 0.08, y + h / 2, pr * 0.9, self.th.color("primary"))
        dur = str(el.props.get("duration", "4:32"))
        ch = self.px(22)
        if dur and h > ch * 3 and w > self.px(100):
            fill = self.th.color("text")
            tw = self.measure(dur, "caption") + self.px(12)
            cv.rect(x + w - tw - self.px(10), y + h - ch - self.px(14), tw, ch, fill=fill, radius=self.px(4))
            self.text_mid(cv, dur, x + w - tw - self.px(4), y + h - ch / 2 - self.px(14), tw, "caption", "background",
                          fill)
        prog = el.props.get("progress")
        if prog is not None:
            bh = self.px(4)
            with cv.clip(x, y, w, h, r):
                cv.rect(x, y + h - bh, w, bh, fill=self.th.color("surface"))
                cv.rect(x, y + h - bh, w * as_num(prog, 0.3, 0, 1), bh, fill=self.th.color("primary"))

    # -- transport and call controls ---------------------------------------------------------
    def k_media_controls(self, cv, el, bg):
        """Player controls: a scrubber with props.elapsed and props.total times over prev / play
        (or pause, props.playing) / next, with shuffle and repeat when wide; variant call (or
        props.buttons without variant player) is a row of round call buttons from props.buttons (mute, camera, share, leave …: leave, end and hang
        up in the danger colour)."""
        x, y, w, h = el.box
        if w < 2 or h < 2:
            return
        if el.variant == "call" or (el.props.get("buttons") and el.variant != "player"):
            return self._call_controls(cv, el, bg)
        cy = y
        el_t, tot = str(el.props.get("elapsed", "1:24")), str(el.props.get("total", "3:48"))
        prog = as_num(el.props.get("progress"), 0.37, 0, 1)
        bsz = min(self.px(56), h * 0.6, w / 4)
        scrub = h >= bsz + self.px(40)
        if scrub:
            knob = self.px(6)
            tr = self.px(4)
            ty = y + knob
            cv.rect(x + knob, ty - tr / 2, w - 2 * knob, tr, fill=self.track(bg), radius=tr / 2)
            cv.rect(x + knob, ty - tr / 2, (w - 2 * knob) * prog, tr, fill=self.th.color("primary"), radius=tr / 2)
            cv.circle(x + knob + (w - 2 * knob) * prog, ty, knob, fill=self.th.color("primary"))
            lt = ty + knob + self.px(4)
            tw = self.measure(tot, "caption")
            self.text(cv, el_t, x, lt, w / 2, "caption", "text-muted", bg)
            self.text(cv, tot, x + w - min(tw, w / 2), lt, min(tw, w / 2) + 1, "caption", "text-muted", bg)
            cy = lt + self.lh("caption")
        mid = cy + (y + h - cy) / 2
        bsz = min(bsz, y + h - cy)
        if bsz <= 0:
            return
        cx = x + w / 2
        fill = self.th.color("primary")
        cv.circle(cx, mid, bsz / 2, fill=fill)
        glyph = "pause" if el.props.get("playing", True) else "play"
        self.transport_glyph(cv, glyph, cx + (bsz * 0.04 if glyph == "play" else 0), mid, bsz * 0.42,
                             self.th.text_on("on-primary", fill, large=True))
        ink = self.th.text_on("text", bg, large=True)
        gap = bsz * 1.1
        gs = bsz * 0.36
        for k, g in ((-1, "prev"), (1, "next")):
            if abs(k) * gap + gs <= w / 2:
                self.transport_glyph(cv, g, cx + k * gap, mid, gs, ink)
        isz = bsz * 0.34
        if w / 2 >= 2 * gap + isz * 1.5:
            mute = self.th.text_on("text-muted", bg, large=True)
            self.icon(cv, "shuffle", cx - 2 * gap - isz / 2, mid - isz / 2, isz, mute)
            self.icon(cv, "repeat", cx + 2 * gap - isz / 2, mid - isz / 2, isz, mute)

    def _call_controls(self, cv, el, bg):
        x, y, w, h = el.box
        labels = [str(b) for b in as_list(el.props.get("buttons"), ["Mute", "Camera", "Share", "Leave"])]
        if not labels:
            return
        off = {str(v).lower() for v in as_list(el.props.get("off"))}
        show_labels = h >= self.px(56) + self.lh("caption") + self.px(6) and el.props.get("labels", True)
        d = min(self.px(56), h - (self.lh("caption") + self.px(6) if show_labels else 0))
        gap = self.px(16)
        d = min(d, (w - gap * (len(labels) - 1)) / len(labels))
        if d <= 0:
            return
        slot = max(d, min(self.px(88), (w - gap * (len(labels) - 1)) / len(labels)))
        total = slot * len(labels) + gap * (len(labels) - 1)
        sx = x + (w - total) / 2
        for i, lab in enumerate(labels):
            low = lab.lower()
            leave = any(k in low for k in ("leave", "end", "hang"))
            icon = next((ic for key, ic in CALL_ICONS if key in low), "dot")
            if low in off and icon in ("mic", "video"):
                icon = "mic-off" if icon == "mic" else icon
            role = "danger" if leave else ("text" if low in off else "surface-muted")
            fill = self.th.color(role)
            if fill == bg:
                fill = self.th.color("surface")
            cx = sx + slot * i + gap * i + slot / 2
            cv.circle(cx, y + d / 2, d / 2, fill=fill, stroke=self.th.color("border") if fill == self.th.color("surface")
                      else None, stroke_width=self.px(1))
            on = "on-danger" if leave else ("background" if low in off else "text")
            isz = d * 0.42
            self.icon(cv, icon, cx - isz / 2, y + (d - isz) / 2, isz, self.th.text_on(on, fill, large=True))
            if show_labels:
                self.text(cv, lab, cx - slot / 2, y + d + self.px(6), slot, "caption", "text-muted", bg, align="center")

    # -- people ------------------------------------------------------------------------------
    def k_stories(self, cv, el, bg):
        """A row of story avatars with rings (primary until seen) and names under them:
        props.names, props.seen (how many, from the right, are seen), props.add (a first "Your
        story" with a plus)."""
        x, y, w, h = el.box
        names = [str(n) for n in as_list(el.props.get("names"),
                                         ["Maya", "Jonas", "Amara", "Kenji", "Luis", "Priya", "Omar"])]
        show_names = h >= self.px(56) + self.lh("caption")
        d = min(self.px(64), h - (self.lh("caption") + self.px(6) if show_names else 0))
        if d <= 0:
            return
        gap = self.px(14)
        n_fit = int((w + gap) // (d + gap))
        seen = int(as_num(el.props.get("seen"), 2, 0))
        add = bool(el.props.get("add", True))
        items = (["Your story"] if add else []) + names
        ring = max(self.px(1.5), d * 0.045)
        for i, nm in enumerate(items[:max(0, n_fit)]):
            cx = x + i * (d + gap) + d / 2
            cy = y + d / 2
            mine = add and i == 0
            is_seen = not mine and i >= len(items) - seen
            cv.circle(cx, cy, d / 2, fill=self.th.color("border" if is_seen or mine else "primary"))
            cv.circle(cx, cy, d / 2 - ring, fill=bg)
            self._avatar(cv, "Me" if mine else nm, cx, cy, d / 2 - ring * 2.2, i)
            if mine:
                pr = d * 0.16
                fill = self.th.color("primary")
                cv.circle(cx + d * 0.33, cy + d * 0.33, pr + ring, fill=bg)
                cv.circle(cx + d * 0.33, cy + d * 0.33, pr, fill=fill)
                col = self.th.text_on("on-primary", fill, large=True)
                cv.line(cx + d * 0.33 - pr * 0.5, cy + d * 0.33, cx + d * 0.33 + pr * 0.5, cy + d * 0.33, col, ring)
                cv.line(cx + d * 0.33, cy + d * 0.33 - pr * 0.5, cx + d * 0.33, cy + d * 0.33 + pr * 0.5, col, ring)
            if show_names:
                self.text(cv, nm, cx - (d + gap) / 2, y + d + self.px(6), d + gap, "caption",
                          "text-muted" if is_seen else "text", bg, align="center")

    # -- files and code ----------------------------------------------------------------------
    def k_file_tile(self, cv, el, bg):
        """A file: text (name, its extension picks the type mark's colour), props.meta (size,
        date); a row when the box is wide, else a tile with a large type mark; props.progress
        (0–1) shows an upload bar."""
        x, y, w, h = el.box
        if w < 2 or h < 2:
            return
        name = el.text or "Q3-report.pdf"
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else "file"
        role = FILE_ROLES.get(ext, "secondary")
        meta = str(el.props.get("meta", "2.4 MB · Nov 21"))
        r = min(self.px(self.th.radius("md")), w / 2, h / 2)
        fill = self.th.color("surface") if self.th.color("surface") != bg else self.th.color("surface-raised")
        cv.rect(x, y, w, h, fill=fill, radius=r, stroke=self.th.color("border"), stroke_width=self.px(1))
        p = min(self.px(12), w / 6, h / 6)
        row_ = w >= 2.2 * h
        mark = min(h - 2 * p, self.px(40)) if row_ else min(w - 2 * p, h - 2 * p - self.lh("small") * 2, self.px(64))
        if mark <= self.px(8):
            return fill
        mx, my = (x + p, y + (h - mark) / 2) if row_ else (x + (w - mark) / 2, y + p + (h - 2 * p - mark - self.lh("small")
                                                                                          * 2) / 2)
        self._file_mark(cv, mx, my, mark, ext, role)
        prog = el.props.get("progress")
        if row_:
            tx = mx + mark + self.px(12)
            tw = x + w - p - tx
            mid = y + h / 2
            self.text(cv, name, tx, mid - self.lh("small"), tw, "label", "text", fill)
            if prog is not None:
                bh = self.px(4)
                cv.rect(tx, mid + self.px(6), tw, bh, fill=self.track(fill), radius=bh / 2)
                cv.rect(tx, mid + self.px(6), tw * as_num(prog, 0.5, 0, 1), bh, fill=self.th.color("primary"),
                        radius=bh / 2)
            else:
                self.text(cv, meta, tx, mid, tw, "caption", "text-muted", fill)
        else:
            ty = my + mark + self.px(6)
            if ty + self.lh("label") <= y + h:
                self.text(cv, name, x + p, ty, w - 2 * p, "label", "text", fill, align="center")
            if ty + self.lh("label") + self.lh("caption") <= y + h:
                self.text(cv, meta, x + p, ty + self.lh("label"), w - 2 * p, "caption", "text-muted", fill,
                          align="center")
        return fill

    def _file_mark(self, cv, x, y, s, ext, role) -> None:
        """A page with a folded corner in the role's colour and the extension on it."""
        fill = self.th.color(role)
        fold = s * 0.28
        w = s * 0.8
        ox = x + (s - w) / 2
        cv.polyline([(ox, y), (ox + w - fold, y), (ox + w, y + fold), (ox + w, y + s), (ox, y + s)], "", 0, fill=fill,
                    closed=True)
        cv.polyline([(ox + w - fold, y), (ox + w - fold, y + fold), (ox + w, y + fold)], "", 0,
                    fill=self.th.color("surface"), closed=True)
        label = ext.upper()[:4]
        if s >= self.px(28):
            tw = self.measure(label, "caption")
            if tw <= w - self.px(4):
                self.text_mid(cv, label, ox + (w - tw) / 2, y + s * 0.66, tw + 1, "caption", f"on-{role}", fill)

    def k_code(self, cv, el, bg):
        """A code block: props.lines (or text split at line breaks), line numbers, keywords,
        strings and comments coloured from the system; variant diff marks lines starting with +
        or - in the success and danger colours; props.title names the file in a bar."""
        x, y, w, h = el.box
        if w < 2 or h < 2:
            return
        lines = [str(s) for s in as_list(el.props.get("lines"))] or (el.text.split("\n") if el.text else [
            "def total(items):", "    # sum of line prices", "    return sum(i.price for i in items)", "",
            "print(total(cart))"])
        if el.variant == "diff" and not el.props.get("lines") and not el.text:
            lines = ["  def total(items):", "-     return sum(items)", "+     return sum(i.price for i in items)",
                     "  print(total(cart))"]
        r = min(self.px(self.th.radius("md")), w / 2, h / 2)
        fill = self.th.color("surface-muted") if self.th.color("surface-muted") != bg else self.th.color("surface")
        cv.rect(x, y, w, h, fill=fill, radius=r, stroke=self.th.color("border"), stroke_width=self.px(1))
        style = next((t.name for t in self.th.ds.type_scale if t.name in ("code", "mono", "monospace")), "small")
        lh = self.lh(style)
        p = min(self.px(16), w / 8)
        cy = y + p * 0.75
        title = el.props.get("title")
        if title and h > lh * 3:
            self.text_mid(cv, str(title), x + p, y + self.px(18), w - 2 * p, "caption", "text-muted", fill)
            cv.rect(x, y + self.px(36), w, self.px(1), fill=self.th.color("border"))
            cy = y + self.px(36) + p * 0.5
        gutter = self.measure(str(len(lines)), style) + self.px(16)
        diff = el.variant == "diff"
        for i, ln in enumerate(lines):
            if cy + lh > y + h - p * 0.5 + 0.5:
                break
            mark = ln[:1] if diff else ""
            lx = x + p
            if mark in ("+", "-"):
                role = "success" if mark == "+" else "danger"
                cv.rect(x + self.px(1), cy, self.px(3), lh, fill=self.th.color(role))
            if gutter < w / 3:
                self.text(cv, str(i + 1), lx, cy, gutter - self.px(12), style, "text-muted", fill, align="right")
                lx += gutter
            self._code_line(cv, ln, lx, cy, x + w - p - lx, style, fill, mark)
            cy += lh
        return fill

    def _code_line(self, cv, line, x, y, w, style, bg, mark) -> None:
        if w <= 0 or not line.strip():
            return
        if mark in ("+", "-"):
            role = "success" if mark == "+" else "danger"
            self.text(cv, line, x, y, w, style, role, bg)
            return
        cx = x
        for tok in _TOKEN.findall(line):
            if not tok:
                continue
            tw = self.measure(tok, style)
            if cx + tw > x + w:
                self.text(cv, tok, cx, y, x + w - cx, style, "text", bg)  # ends in an ellipsis
                return
            if not tok.isspace():
                role = ("text-muted" if tok.startswith(("#", "//")) else "success" if tok[0] in "\"'" else
                        "primary" if tok in _KEYWORDS else "text")
                self.text(cv, tok, cx, y, tw + 1, style, role, bg)
            cx += tw


def _quiet(hex_: str) -> bool:
    """Whether a colour is quiet enough to fill half a map (a pale or greyish tint, not a brand's
    saturated accent: CIELAB chroma under 30)."""
    from engine.render.theme import chroma

    return chroma(hex_) < 30
