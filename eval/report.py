"""Eval reports: one self-contained HTML page (thumbnails and plots inlined) plus the same
figures as JSON, for pasting into a design review."""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

__all__ = ["confusion_matrix", "thumbnail_data_uri", "write_report"]

_CSS = """
body{font:14px/1.45 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1b2430;margin:32px;max-width:1400px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #e3e7ec;padding-bottom:4px}
.muted{color:#5b6673}table{border-collapse:collapse;margin:8px 0}th,td{padding:6px 10px;border-bottom:1px solid #e3e7ec;
text-align:left;vertical-align:top}th{background:#f4f6f8;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
img.thumb{width:240px;border:1px solid #d5dbe1;border-radius:4px}.sw{display:inline-block;width:14px;height:14px;
border:1px solid #0002;border-radius:3px;vertical-align:middle;margin-right:4px}.bad{color:#a4262c;font-weight:600}
.good{color:#126b3d}.plots img{max-width:100%;margin:4px 0}td.cm{text-align:center;min-width:56px}
"""


def thumbnail_data_uri(image: str | Path | Image.Image, width: int = 480) -> str:
    """A JPEG thumbnail of an image (path or PIL image) as a ``data:`` URI ("" when unreadable)."""
    try:
        if isinstance(image, Image.Image):
            im = image.convert("RGB")
        else:
            with Image.open(image) as src:
                im = src.convert("RGB")
        im.thumbnail((width, width * 4))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=82)
    except (OSError, ValueError):
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode()


def confusion_matrix(pairs: Sequence[tuple[str, str]], systems: Sequence[str]) -> list[list[int]]:
    """Counts ``[true][identified]`` over (true system, identified system) pairs."""
    idx = {s: i for i, s in enumerate(systems)}
    m = [[0] * len(systems) for _ in systems]
    for true, got in pairs:
        if true in idx and got in idx:
            m[idx[true]][idx[got]] += 1
    return m


def _fig_uri(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _plots(results: Sequence[Mapping[str, Any]], group_key: str) -> list[tuple[str, str]]:
    """Distribution plots (title, data URI) of the per-image metrics, one series per group."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = [("palette_adherence", "Palette adherence"), ("aa_pass_rate", "Text passing WCAG AA"),
               ("min_contrast", "Lowest text contrast"), ("typography_adherence", "Typography adherence"),
               ("spacing_adherence", "Spacing adherence"), ("alignment", "Alignment (LayoutGAN++)"),
               ("overlap", "Overlap (LayoutGAN++)"), ("margin", "Brand margin over runner-up")]
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for r in results:
        groups.setdefault(str(r.get(group_key, "")), []).append(r)
    out = []
    present = [(k, t) for k, t in metrics if any(_metric(r, k) is not None for r in results)]
    if not present:
        return out
    cols = min(4, len(present))
    rows = (len(present) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 2.8 * rows), squeeze=False)
    for ax, (key, title) in zip(axes.ravel(), present):
        data = [[v for r in rs if (v := _metric(r, key)) is not None] for rs in groups.values()]
        labels = [g or "all" for g in groups]
        keep = [(d, lab) for d, lab in zip(data, labels) if d]
        if keep:
            ax.boxplot([d for d, _ in keep], showmeans=True, widths=0.5)
            for i, (d, _) in enumerate(keep, start=1):  # every image as a dot beside its box
                jitter = (np.arange(len(d)) % 7 - 3) * 0.03
                ax.plot(i + jitter, d, "o", ms=3, alpha=0.55, color="#0e5e71")
            ax.set_xticks(range(1, len(keep) + 1), [lab for _, lab in keep], rotation=20, fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    for ax in axes.ravel()[len(present):]:
        ax.axis("off")
    fig.tight_layout()
    out.append(("Distributions", _fig_uri(fig)))
    return out


def _metric(r: Mapping[str, Any], key: str) -> float | None:
    if key in ("aa_pass_rate", "min_contrast"):
        v = r.get("contrast", {}).get(key)
    else:
        v = r.get(key)
    return float(v) if isinstance(v, (int, float)) else None


def _fmt(v: Any, digits: int = 3) -> str:
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return html.escape(str(v)) if v is not None else "–"


_ROLE_ORDER = ("primary", "secondary", "accent", "background", "surface", "surface-muted", "text", "text-muted",
               "border", "success", "warning", "danger", "info")


def _brand_scores_html(results: Sequence[Mapping[str, Any]], systems: Sequence[str]) -> str:
    """Images × systems table of brand scores, the identified system in bold."""
    head = "<tr><th>image</th>" + "".join(f"<th>{html.escape(Path(s).name)}</th>" for s in systems) + "</tr>"
    body = ""
    for r in results:
        if "brand_scores" not in r:
            continue
        by = {b["system"]: b["score"] for b in r["brand_scores"]}
        cells = "".join(f"<td class=num>{'<b>' if s == r['identified'] else ''}{by.get(s, float('nan')):.3f}"
                        f"{'</b>' if s == r['identified'] else ''}</td>" for s in systems)
        body += f"<tr><td>{html.escape(Path(r['image']).name)}</td>{cells}</tr>"
    return f"<table>{head}{body}</table>"


def _image_rows(results: Sequence[Mapping[str, Any]]) -> str:
    rows = []
    for r in results:
        if "error" in r:
            rows.append(f"<tr><td colspan=9 class=bad>{html.escape(r.get('image', ''))}: {html.escape(r['error'])}</td></tr>")
            continue
        thumb = r.get("thumbnail") or (thumbnail_data_uri(r["image"]) if r.get("image") else "")
        img = f"<img class=thumb src='{thumb}'>" if thumb else ""
        off = "".join([f"<div><span class=sw style='background:{o['hex']}'></span>{o['hex']} {o['share'] * 100:.2f}%"
                      f" <span class=muted>ΔE {o['delta_e']:.1f} from</span> <span class=sw "
                      f"style='background:{o['nearest_hex']}'></span></div>"
                       for o in r.get("off_palette", []) if o["share"] >= 0.0001][:4])
        c = r.get("contrast", {})
        aa = c.get("aa_pass_rate")
        caption = " · ".join(str(v) for v in (Path(r["image"]).name, r.get("design_system"), r.get("sampler"),
                                              r.get("device"), r.get("prompt")) if v)
        present = [p for p in _ROLE_ORDER if p in r.get("roles_present", [])]
        present += [p for p in r.get("roles_present", []) if p not in present and not p.startswith("on-")]
        roles = "".join(f"<div>{html.escape(p)}</div>" for p in present[:8])
        cls = "good" if aa is not None and aa >= 0.999 else "bad"
        brand = (f"{html.escape(Path(r['identified']).name)} <span class=muted>(+{r['margin']:.3f})</span>"
                 if "identified" in r else "–")
        scene = (f"type {_fmt(r['typography_adherence'])}<br>spacing {_fmt(r['spacing_adherence'])}<br>"
                 f"align {_fmt(r['alignment'], 4)} · overlap {_fmt(r['overlap'], 4)}<br>"
                 f"defects {sum(r['defect_counts'].values())}" if "typography_adherence" in r else "<span class=muted>no scene</span>")
        rows.append(
            f"<tr><td>{img}<div class=muted>{html.escape(caption)}</div></td>"
            f"<td class=num>{r['palette_adherence']:.4f}</td><td>{off or '<span class=muted>none</span>'}</td>"
            f"<td>{roles}</td><td>{brand}</td>"
            f"<td class='num {cls}'>{_fmt(aa)}<br><span class=muted>min {_fmt(c.get('min_contrast'), 2)}:1 · "
            f"{c.get('method', '')}</span></td><td>{scene}</td></tr>")
    head = ("<tr><th>image</th><th>palette adherence</th><th>largest off-palette colours</th><th>roles present</th>"
            "<th>identified (margin)</th><th>AA pass rate</th><th>scene metrics</th></tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _confusion_html(matrix: Sequence[Sequence[int]], systems: Sequence[str]) -> str:
    names = [html.escape(Path(s).name) for s in systems]
    head = "<tr><th>true \\ identified</th>" + "".join(f"<th>{n}</th>" for n in names) + "</tr>"
    body = ""
    for name, row in zip(names, matrix):
        total = max(sum(row), 1)
        cells = "".join(f"<td class=cm style='background:{_tint(v / total)};"
                        f"color:{'#fff' if v / total > 0.5 else '#1b2430'}'>{v}</td>" for v in row)
        body += f"<tr><th>{name}</th>{cells}</tr>"
    return f"<table>{head}{body}</table>"


def _tint(t: float) -> str:
    """White to deep teal as t goes 0 → 1 (opaque hex: renders the same everywhere)."""
    lo, hi = (255, 255, 255), (14, 94, 113)
    return "#" + "".join(f"{round(a + (b - a) * min(max(t, 0.0), 1.0)):02x}" for a, b in zip(lo, hi))


def _sampler_table(samplers: Sequence[Mapping[str, Any]]) -> str:
    """Metrics as rows, samplers as columns (side by side); unavailable ones say why."""
    names = [str(s["sampler"]) for s in samplers]
    head = "<tr><th>metric</th>" + "".join(f"<th>{html.escape(n)}</th>" for n in names) + "</tr>"
    keys = [k for k in dict.fromkeys(k for s in samplers for k in s) if k not in ("sampler", "available", "reason")]
    avail = "<tr><td>available</td>" + "".join(
        f"<td>{'yes' if s.get('available') == 'yes' else '<span class=bad>no</span>: ' + html.escape(str(s.get('reason', '')))}</td>"
        for s in samplers) + "</tr>"
    body = "".join(f"<tr><td>{html.escape(k)}</td>" + "".join(f"<td class=num>{_fmt(s.get(k))}</td>" for s in samplers)
                   + "</tr>" for k in keys)
    return f"<table>{head}{avail}{body}</table>"


_RULE_STATUS = {"kept": ("kept", "good"), "broken": ("broken", "bad"), "not-checkable": ("not checkable", "muted")}


def _source_text(src: Any) -> str:
    if isinstance(src, Mapping):
        return f"{src.get('file', '')} {src.get('locator', '')}".strip()
    return str(src or "")


def _rules_html(results: Sequence[Mapping[str, Any]]) -> str:
    """Each stated rule (kind, text, source) with what each image does with it: the status and
    detail for one image, else counts and the images that break it."""
    rules: dict[tuple[str, str, str], list[tuple[str, Mapping[str, Any]]]] = {}
    for r in results:
        for c in r.get("rules", ()):
            key = (str(c.get("kind", "")), str(c.get("text", "")), _source_text(c.get("source")))
            rules.setdefault(key, []).append((Path(str(r.get("image", ""))).name or "image", c))
    rows = []
    for (kind, text, src), seen in rules.items():
        if len(seen) == 1:
            c = seen[0][1]
            word, cls = _RULE_STATUS.get(str(c.get("status")), (str(c.get("status")), ""))
            status, detail = f"<span class={cls}>{word}</span>", html.escape(str(c.get("detail", "")))
        else:
            counts = {k: sum(c.get("status") == k for _, c in seen) for k in _RULE_STATUS}
            status = " · ".join(f"<span class={_RULE_STATUS[k][1]}>{_RULE_STATUS[k][0]} {n}</span>"
                                for k, n in counts.items() if n)
            detail = "".join([f"<div><b>{html.escape(name)}</b>: {html.escape(str(c.get('detail', '')))}</div>"
                              for name, c in seen if c.get("status") == "broken"][:8])
        rows.append(f"<tr><td>{html.escape(text)}<div class=muted>{html.escape(kind)}</div></td>"
                    f"<td>{html.escape(src)}</td><td>{status}</td><td>{detail}</td></tr>")
    head = "<tr><th>rule</th><th>source</th><th>status</th><th>detail</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td class=num>{_fmt(r.get(c))}</td>" if isinstance(r.get(c), (int, float))
                                    else f"<td>{_fmt(r.get(c))}</td>" for c in columns) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def write_report(path: str | Path, results: Sequence[Mapping[str, Any]], *, title: str = "onbrand eval",
                 systems: Sequence[str] = (), true_key: str = "design_system_dir",
                 summary: Mapping[str, Any] | None = None, samplers: Sequence[Mapping[str, Any]] = (),
                 extra: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Write the HTML report at `path` and its figures as JSON beside it (``.json``).

    `results` are per-image dicts from `eval.score.evaluate_image` (plus `sampler` and
    `true_key` when known); `systems` orders the brand confusion matrix, built from
    ``(result[true_key], result["identified"])``; `samplers` are rows of the side-by-side
    sampler table.  Returns the two paths written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = [r for r in results if "error" not in r]
    pairs = [(str(r[true_key]), str(r["identified"])) for r in ok if true_key in r and "identified" in r]
    matrix = confusion_matrix(pairs, systems) if systems and pairs else []
    group_key = "sampler" if any("sampler" in r for r in ok) else "design_system"
    plots = _plots(ok, group_key) if ok else []
    figures = {"title": title, "summary": dict(summary or {}), "samplers": list(samplers),
               "confusion": {"systems": list(systems), "matrix": matrix}, **(extra or {}),
               "images": list(results)}
    unreadable = f"; {len(results) - len(ok)} unreadable" if len(ok) < len(results) else ""
    head = (f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(title)}</title>"
            f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>"
            f"<div class=muted>{len(ok)} image(s) scored{unreadable}.</div>")
    parts = [head]
    if summary:
        parts.append("<h2>Summary</h2>" + _table([summary], list(summary)))
    if samplers:
        parts.append("<h2>Samplers side by side</h2>" + _sampler_table(samplers))
    if extra and extra.get("notes"):
        parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in extra["notes"]) + "</ul>")
    if matrix:
        acc = sum(matrix[i][i] for i in range(len(matrix))) / max(sum(map(sum, matrix)), 1)
        parts.append(f"<h2>Brand confusion matrix</h2><div class=muted>identification accuracy {acc:.1%}</div>"
                     + _confusion_html(matrix, systems))
    elif systems and any("brand_scores" in r for r in ok):
        parts.append("<h2>Brand identification</h2><div class=muted>score of each image against each system "
                     "(0.5·palette adherence + 0.25·role coverage + 0.25·screen likeness); bold: identified</div>"
                     + _brand_scores_html(ok, systems))
    for name, uri in plots:
        parts.append(f"<h2>{html.escape(name)}</h2><div class=plots><img src='{uri}'></div>")
    parts.append("<h2>Images</h2>" + _image_rows(results))
    if any("rules" in r for r in ok):
        stated = any(r.get("rules") for r in ok)
        parts.append("<h2>Rules</h2><div class=muted>the do's and don'ts the design system states, checked "
                     "against each image (exactly with onbrand's scene; from pixels only the area a colour "
                     "covers); a broken rule changes no score</div>"
                     + (_rules_html(ok) if stated else "<p class=muted>the design system states no rules</p>"))
    parts.append("<p class=muted>palette adherence: share of pixels within CIEDE2000 ≤ 3 of a system colour "
                 "(anti-aliased edge blends left out). AA: WCAG 2.x 4.5:1, 3:1 for large text; exact from the "
                 "scene when onbrand's scene JSON is beside the image, else estimated from detected text regions. "
                 "Alignment and Overlap as defined for LayoutGAN++ (Kikuchi et al. 2021), lower is better.</p>")
    parts.append("</body></html>")
    path.write_text("".join(parts))
    json_path = path.with_suffix(".json")
    json_path.write_text(json.dumps(figures, indent=1, default=str))
    return {"html": str(path), "json": str(json_path)}
