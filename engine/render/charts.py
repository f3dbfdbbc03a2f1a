"""Charts drawn from tokens: line, area, bar, stacked bar, scatter, donut, gauge and sparkline,
with axes, labels and legends.

Series take the system's chart colours (`Theme.chart`: its ``chart``/``data`` colours, then
primary, accent, info, success, warning); gridlines use the divider colour and labels the
muted text colour. Mixed into `engine.render.components.Renderer`.
"""

from __future__ import annotations

import math


class ChartsMixin:
    def k_chart(self, cv, el, bg):
        # a variant that is not a chart type (e.g. from a generated scene) draws a line chart
        draw = getattr(self, f"_chart_{el.variant}", None) if el.variant else None
        (draw or self._chart_line)(cv, el, bg)

    def _legend(self, cv, el, bg) -> float:
        """Series swatches and names (props.legend) in a row at the chart's top; its height."""
        names = el.props.get("legend") or []
        if not names:
            return 0.0
        x, y, w, _ = el.box
        lh = self.px(20)
        cx = x + self.px(48)
        for i, name in enumerate(names):
            col = self.th.chart[i % len(self.th.chart)]
            if cx + self.px(40) > x + w:
                break
            cv.rect(cx, y + lh / 2 - self.px(1.5), self.px(14), self.px(3), fill=col, radius=self.px(1.5))
            tw = self.text_mid(cv, name, cx + self.px(20), y + lh / 2, x + w - cx - self.px(20), "caption",
                               "text-muted", bg)
            cx += self.px(20) + tw + self.px(20)
        return lh + self.px(12)

    def _axes(self, cv, el, bg, ymax: float, labels: list[str], ymin: float = 0.0):
        x, y, w, h = el.box
        # the top tick's label is centred on the top gridline: half a caption line keeps it in the box
        top = self._legend(cv, el, bg) + self.px(self.th.style("caption").line_height) / 2
        left = self.px(48)
        bottom = self.px(28)
        px0, py0, pw, ph = x + left, y + top, w - left, h - bottom - top
        grid = self.th.color("divider")
        ticks = 4
        for i in range(ticks + 1):
            gy = py0 + ph - ph * i / ticks
            cv.rect(px0, gy, pw, self.px(1), fill=grid)
            val = ymin + (ymax - ymin) * i / ticks
            lab = _short(val) if val >= 0 else "−" + _short(-val)
            self.text_mid(cv, lab, x, gy, left - self.px(12), "caption", "text-muted", bg, align="right")
        n = len(labels)
        for i, lab in enumerate(labels):
            cx = px0 + pw * (i + 0.5) / n
            tw = self.measure(lab, "caption")
            self.text(cv, lab, cx - tw / 2, py0 + ph + self.px(8), tw + 2, "caption", "text-muted", bg)
        return px0, py0, pw, ph

    def _plot_series(self, cv, el, bg) -> tuple[list[tuple[str, list[tuple[float, float]]]], float]:
        """The axes of a line or area chart, drawn, and each series as (colour, points); with
        the plot's baseline y."""
        series: list[list[float]] = el.props.get("series", [[3, 5, 4, 6, 8, 7, 9]])
        labels = el.props.get("labels", [str(i + 1) for i in range(len(series[0]))])
        ymin, ymax = _nice_range(min(min(s) for s in series), max(max(s) for s in series))
        px0, py0, pw, ph = self._axes(cv, el, bg, ymax, labels, ymin)
        n = len(labels)
        return [(self.th.chart[si % len(self.th.chart)],
                 [(px0 + pw * (i + 0.5) / n, py0 + ph - ph * (v - ymin) / (ymax - ymin)) for i, v in enumerate(s)])
                for si, s in enumerate(series)], py0 + ph - ph * (0 - ymin) / (ymax - ymin)

    def _chart_line(self, cv, el, bg):
        lines, _ = self._plot_series(cv, el, bg)
        for si, (col, pts) in enumerate(lines):
            cv.polyline(pts, col, self.px(2.5 if si == 0 else 2))
            if si == 0:
                for p in pts[-1:]:
                    cv.circle(p[0], p[1], self.px(5), fill=self.th.color("surface"), stroke=col, stroke_width=self.px(2.5))

    def _chart_bar(self, cv, el, bg):
        series: list[list[float]] = el.props.get("series", [[3, 5, 4, 6, 8, 7]])
        labels = el.props.get("labels", [str(i + 1) for i in range(len(series[0]))])
        ymin, ymax = _nice_range(min(min(s) for s in series), max(max(s) for s in series))
        px0, py0, pw, ph = self._axes(cv, el, bg, ymax, labels, ymin)
        n = len(labels)
        k = len(series)
        slot = pw / n
        bw = min(self.px(28), slot * 0.6 / k)
        zero = py0 + ph - ph * (0 - ymin) / (ymax - ymin)  # bars stand on zero: below it where negative
        for si, s in enumerate(series):
            col = self.th.chart[si % len(self.th.chart)]
            for i, v in enumerate(s):
                bh = ph * abs(v) / (ymax - ymin)
                bx = px0 + slot * (i + 0.5) - (k * bw + (k - 1) * self.px(4)) / 2 + si * (bw + self.px(4))
                top = zero - bh if v >= 0 else zero
                cv.rect(bx, top, bw, bh, fill=col, radius=self.px(3))
                foot = min(bh, self.px(3))  # the end at zero square
                cv.rect(bx, zero - foot if v >= 0 else zero, bw, foot, fill=col)

    def _chart_donut(self, cv, el, bg):
        x, y, w, h = el.box
        vals: list[float] = el.props.get("series", [[40, 25, 20, 15]])[0]
        labels: list[str] = el.props.get("labels", [f"Part {i + 1}" for i in range(len(vals))])
        r = min(h / 2, w * 0.22)
        cx, cy = x + r, y + h / 2
        tot = sum(vals)
        a = -math.pi / 2
        thick = r * 0.28
        gap = 0.025
        for i, v in enumerate(vals):
            da = 2 * math.pi * v / tot
            cv.arc(cx, cy, r - thick / 2, a + gap, a + da - gap, self.th.chart[i % len(self.th.chart)], thick)
            a += da
        big = str(el.props.get("total", _short(tot)))
        bw = self.measure(big, "h3")
        self.text_mid(cv, big, cx - bw / 2, cy - self.px(6), bw + 2, "h3", "text", bg)
        sub = el.props.get("center_label", "total")
        sw = self.measure(sub, "caption")
        self.text_mid(cv, sub, cx - sw / 2, cy + self.px(16), sw + 2, "caption", "text-muted", bg)
        lx = x + 2 * r + self.px(32)
        lh = self.px(32)
        ly = cy - lh * len(vals) / 2
        for i, (lab, v) in enumerate(zip(labels, vals)):
            cv.rect(lx, ly + i * lh + lh / 2 - self.px(5), self.px(10), self.px(10), fill=self.th.chart[i % len(self.th.chart)],
                    radius=self.px(3))
            self.text_mid(cv, lab, lx + self.px(20), ly + i * lh + lh / 2, x + w - lx - self.px(70), "small", "text", bg)
            pct = f"{round(100 * v / tot)}%"
            self.text_mid(cv, pct, x + w - self.px(48), ly + i * lh + lh / 2, self.px(48), "label", "text-muted", bg,
                          align="right")

    def _chart_area(self, cv, el, bg):
        """Lines with the area under the first series filled in its colour's lightest step: the
        secondary surface colour, so the fill stays a system colour."""
        lines, base = self._plot_series(cv, el, bg)
        for si, (col, pts) in enumerate(lines):
            if si == 0 and len(pts) >= 2:
                cv.polyline(pts + [(pts[-1][0], base), (pts[0][0], base)], "", 0,
                            fill=self.th.color("secondary"), closed=True)
            cv.polyline(pts, col, self.px(2.5 if si == 0 else 2))

    def _chart_stacked(self, cv, el, bg):
        """Bars with the series stacked: one column per label, a segment per series."""
        series: list[list[float]] = el.props.get("series", [[3, 5, 4, 6], [2, 2, 3, 2], [1, 2, 1, 3]])
        labels = el.props.get("labels", [str(i + 1) for i in range(len(series[0]))])
        n = len(labels)
        totals = [sum(s[i] for s in series if i < len(s)) for i in range(n)]
        ymax = _nice_max(max(totals or [1]))
        px0, py0, pw, ph = self._axes(cv, el, bg, ymax, labels)
        slot = pw / max(1, n)
        bw = min(self.px(32), slot * 0.6)
        for i in range(n):
            base = py0 + ph
            for si, s in enumerate(series):
                if i >= len(s) or s[i] <= 0:
                    continue
                bh = ph * s[i] / ymax
                top = si == len(series) - 1 or all(i >= len(t) or t[i] <= 0 for t in series[si + 1:])
                col = self.th.chart[si % len(self.th.chart)]
                bx = px0 + slot * (i + 0.5) - bw / 2
                cv.rect(bx, base - bh, bw, bh, fill=col, radius=self.px(3) if top else 0)
                if top:
                    cv.rect(bx, base - min(bh, self.px(3)), bw, min(bh, self.px(3)), fill=col)
                base -= bh

    def _chart_scatter(self, cv, el, bg):
        """Points: props.points as [x, y] pairs per series (props.series of point lists), on a
        value axis for y and x."""
        pts_series = el.props.get("points") or [[[1, 2], [2, 3.5], [3, 3], [4, 5], [5, 4.2], [6, 6.5], [7, 6]],
                                                [[1.5, 1], [2.5, 2], [4.5, 2.5], [6.5, 3.5]]]
        xs = [p[0] for s in pts_series for p in s] or [1]
        ys = [p[1] for s in pts_series for p in s] or [1]
        xmax, ymax = _nice_max(max(xs)), _nice_max(max(ys))
        labels = el.props.get("labels") or [_short(xmax * (i + 0.5) / 4) for i in range(4)]  # at the quarter centres
        px0, py0, pw, ph = self._axes(cv, el, bg, ymax, labels)
        r = self.px(5)
        for si, s in enumerate(pts_series):
            col = self.th.chart[si % len(self.th.chart)]
            for p in s:
                cx = px0 + pw * min(1.0, max(0.0, p[0] / xmax))
                cy = py0 + ph - ph * min(1.0, max(0.0, p[1] / ymax))
                cv.circle(min(max(cx, px0 + r), px0 + pw - r), max(cy, py0 + r), r, fill=col)

    def _chart_gauge(self, cv, el, bg):
        self.k_gauge(cv, el, bg)

    def _chart_sparkline(self, cv, el, bg):
        x, y, w, h = el.box
        s: list[float] = el.props.get("series", [[3, 4, 3, 5, 6, 5, 7]])[0]
        lo, hi = min(s), max(s)
        rng = (hi - lo) or 1
        pts = [(x + w * i / (len(s) - 1), y + h - h * (v - lo) / rng) for i, v in enumerate(s)]
        cv.polyline(pts, self.th.color(el.role or "primary"), self.px(2))



def _nice_range(lo: float, hi: float) -> tuple[float, float]:
    """The bottom and top of an axis of four round ticks that holds `lo`…`hi`: from zero to
    `_nice_max` where nothing is negative, else a round step below zero and above it (−6, −3,
    0, 3, 6)."""
    if lo >= 0:
        return 0.0, _nice_max(hi)
    span = max(hi, 0) - lo
    step = _nice_max(span) / 4
    while True:
        bottom = math.floor(lo / step) * step
        if bottom + 4 * step >= hi:
            return bottom, bottom + 4 * step
        step = _nice_max(4 * step * 1.01) / 4


def _nice_max(v: float) -> float:
    """The top of an axis of four ticks that holds `v`: four times a round step (1, 1.5, 2, 2.5,
    3, 4, 5, 6 or 8 times a power of ten), so every tick reads round (4, 8, 12, 16; not 3.75)."""
    if v <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(v / 4))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if 4 * m * mag >= v:
            return 4 * m * mag
    return 40 * mag


def _short(v: float) -> str:
    if v >= 1_000_000:
        return f"{v / 1_000_000:.1f}M".replace(".0M", "M")
    if v >= 1000:
        return f"{v / 1000:.1f}k".replace(".0k", "k")
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}".rstrip("0").rstrip(".")  # 0.25 stays 0.25
