"""The Python API: `Engine.from_folder(DIR).generate(prompt, seed=…)` → `Generation`."""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from conditioning import build_conditioning
from engine.compose.composer import compose
from engine.compose.rules import apply_rules, prepare_theme
from engine.render.export import DEFAULT_SVG_TEXT, check_svg_text, draw_scene, svg_of
from engine.render.theme import Theme
from engine.samplers.defaults import DEFAULT_STRENGTH
from ingest import DesignSystem, load_or_ingest
from scene.devices import DEVICES
from scene.model import Scene

DEFAULT_SIZE = (3840, 2160)
FORMATS = {"png": "PNG", "jpeg": "JPEG", "jpg": "JPEG", "webp": "WEBP"}
SAMPLERS = ("student", "teacher", "procedural")
#: How a prompt no page type draws is laid out (`Engine.generate`'s `plan_layout`).
PLAN_LAYOUTS = ("composed", "sampled")
#: The committed teacher weights (``onbrand train teacher`` rebuilds them).
TEACHER_WEIGHTS = Path(__file__).resolve().parent / "weights" / "teacher"
#: The committed student weights (``onbrand train distill`` rebuilds them).
STUDENT_WEIGHTS = Path(__file__).resolve().parent / "weights" / "student"
#: Denoising steps when `steps` is not given.
DEFAULT_STEPS = {"student": 2, "teacher": 50}


def default_sampler() -> str:
    """The generator `onbrand generate` uses when `--sampler` is not given: the distilled
    ``student`` (2 steps), or the ``procedural`` composer when no student weights are installed."""
    return "student" if (STUDENT_WEIGHTS / "config.json").is_file() else "procedural"


def _load_model(sampler: str, folder: Path):
    """The model in `folder`: the student as a `engine.models.numpy_net.NumpySceneNet` when it
    can run without torch and `ingest.encoders.INFERENCE_ENV` does not ask for torch, else (and
    always for the teacher) the PyTorch `SceneNet` (no diffusers import on this path)."""
    from ingest.encoders import inference_backend

    if sampler == "student" and inference_backend() != "torch":
        from engine.models.numpy_net import NumpyLoadError, load_numpy_scene_model

        try:
            return load_numpy_scene_model(folder)
        except NumpyLoadError:
            if inference_backend() == "numpy":
                raise
    from engine.models.loading import load_scene_model

    return load_scene_model(folder)


@dataclass
class Generation:
    """One generated mock: the raster, the SVG it was drawn from, the scene and timings."""

    image: "object"  # PIL.Image.Image
    svg: str
    scene: Scene
    timings: dict[str, float]
    warnings: list[str] = field(default_factory=list)
    conditioning: dict = field(default_factory=dict)  # conditioning.Conditioning as a dict (provenance)
    format: str = "png"
    mode: dict = field(default_factory=dict)  # the design-system mode it was drawn in, e.g. {"theme": "dark"}
    device: str = "desktop"
    sampler: str = "procedural"
    layout_report: dict = field(default_factory=dict)  # the layout pass after sampling (teacher, student)
    plan: dict = field(default_factory=dict)  # the page plan of the prompt (conditioning.plan.Plan as a dict)
    design_system: "object" = field(default=None, repr=False, compare=False)  # for html()
    svg_text: str = DEFAULT_SVG_TEXT  # how `svg` holds text: "live" (<text> elements) or "outline" (glyph paths)
    redraw_svg: "object" = field(default=None, repr=False, compare=False)  # svg_text -> the SVG in that mode

    def svg_as(self, svg_text: str) -> str:
        """The SVG with its text `svg_text` ("live" or "outline", see `engine.render.export`):
        `svg` when it was drawn that way, else the scene's SVG drawn again in that mode."""
        check_svg_text(svg_text)
        if svg_text == self.svg_text:
            return self.svg
        if self.redraw_svg is None:
            raise ValueError(f"this generation holds only its {self.svg_text} SVG")
        cache = self.__dict__.setdefault("_svgs", {})
        if svg_text not in cache:
            cache[svg_text] = self.redraw_svg(svg_text)
        return cache[svg_text]

    def html(self) -> str:
        """The mock as one self-contained HTML page: CSS flexbox, the system's tokens as CSS
        custom properties, embedded fonts, real text and form controls (`engine.render.html`)."""
        from engine.render.html import scene_html

        if self.design_system is None:
            raise ValueError("this generation holds no design system to write its HTML with")
        return scene_html(self.scene, self.design_system)

    def encode(self, fmt: str | None = None) -> bytes:
        """The image encoded as `fmt` (default: the generation's format); memoised per format."""
        fmt = (fmt or self.format).lower()
        if fmt not in FORMATS:
            raise ValueError(f"unknown image format {fmt!r} (use png, jpeg or webp)")
        cache = self.__dict__.setdefault("_encoded", {})
        if FORMATS[fmt] not in cache:
            cache[FORMATS[fmt]] = self._encode(fmt)
        return cache[FORMATS[fmt]]

    def _encode(self, fmt: str) -> bytes:
        if FORMATS[fmt] == "PNG":
            from engine.render.png import (
                encode_png,  # Up-filtered rows, fast deflate: an eighth of Pillow's time
            )

            return encode_png(self.image)
        buf = io.BytesIO()
        if FORMATS[fmt] == "JPEG":
            self.image.save(buf, "JPEG", quality=92, subsampling=0)
        else:
            self.image.save(buf, "WEBP", quality=90, method=2)
        return buf.getvalue()

    def save(self, path: str | os.PathLike, svg_text: str | None = None) -> dict[str, str]:
        """Write the mock and the files beside it; returns their paths (``image``, ``svg``,
        ``scene``). An image path (.png, .jpg, .webp) gets the ``.svg`` and ``.scene.json``
        beside it; an ``.svg`` path gets the image (in the generation's `format`) and the
        ``.scene.json`` beside it (an ``.html`` path: `engine.render.html.save_html`).
        `svg_text` is the SVG's text mode, "live" or "outline" (default: the generation's
        `svg_text`)."""
        path = Path(path)
        if path.suffix.lower() in (".html", ".htm"):  # the page, with the image and scene beside it
            from engine.render.html import save_html

            return save_html(self, path)
        fmt = path.suffix.lower().lstrip(".") or self.format
        if fmt not in FORMATS and fmt != "svg":
            raise ValueError(f"{path}: unknown format {fmt!r} (use .png, .jpg, .webp or .svg)")
        svg = self.svg_as(svg_text or self.svg_text)
        svg_path = path.with_suffix(".svg")
        if fmt == "svg":
            fmt = self.format
            path = path.with_suffix(".jpg" if FORMATS[fmt] == "JPEG" else f".{fmt}")
        path.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        fresh = FORMATS[fmt] not in self.__dict__.get("_encoded", {})
        data = self.encode(fmt)
        if fresh:
            self.timings["encode"] = round(time.perf_counter() - t0, 4)
        path.write_bytes(data)
        svg_path.write_text(svg)
        scene_path = path.with_suffix(".scene.json")
        scene_path.write_text(json.dumps(self.scene.model_dump(), indent=1))
        return {"image": str(path), "svg": str(svg_path), "scene": str(scene_path)}


class Engine:
    """A design system loaded once; `generate` can be called many times."""

    def __init__(self, design_system: DesignSystem, load_seconds: float = 0.0,
                 store: str | os.PathLike | None = None, weights: Mapping[str, str | os.PathLike] | None = None):
        self.ds = design_system
        self.weights = {k: Path(v) for k, v in (weights or {}).items()}  # sampler -> model folder overrides
        self._references = None
        self._context = None  # the store's ContextStore once opened; False when it has none
        self.load_seconds = load_seconds
        self.store = Path(store) if store else None
        self._modes: dict[tuple, DesignSystem] = {self._mode_key(design_system.mode): design_system}
        self._models: dict[str, object] = {}

    def model(self, sampler: str):
        """The diffusion model behind `sampler` ("teacher" or "student"), loaded once per engine
        from `weights[sampler]` given to the constructor (any local `save_pretrained` folder),
        else from the committed `TEACHER_WEIGHTS` / `STUDENT_WEIGHTS`. The student runs in
        numpy (`engine.models.numpy_net`, no torch import) unless its folder needs PyTorch or
        ``ONBRAND_INFERENCE=torch`` is set; the teacher always runs in PyTorch."""
        if sampler not in self._models:
            defaults = {"teacher": TEACHER_WEIGHTS, "student": STUDENT_WEIGHTS}
            if sampler not in defaults:
                raise ValueError(f"no {sampler} model (use --sampler student, teacher or procedural)")
            folder = self.weights.get(sampler, defaults[sampler])
            if not (folder / "config.json").is_file():
                cmd = "onbrand train distill" if sampler == "student" else "onbrand train teacher"
                raise ValueError(f"{folder}: no {sampler} weights; run `{cmd}` and copy its output folder there")
            try:
                self._models[sampler] = _load_model(sampler, folder)
            except (OSError, ValueError, RuntimeError, KeyError, TypeError) as e:
                why = (str(e).splitlines() or [type(e).__name__])[0]
                raise ValueError(f"{folder}: not a loadable {sampler} model ({why})") from None
        return self._models[sampler]

    @property
    def references(self):
        """The engine's `engine.samplers.references.ReferenceBank` (exemplars are drawn on first use)."""
        if self._references is None:
            from engine.samplers.references import ReferenceBank

            self._references = ReferenceBank()
        return self._references

    def context_store(self):
        """The folder's context store (chunks, embeddings, the screens read as layouts), opened
        on first use and kept; None when the store has no context index (`onbrand ingest`
        builds it). Retrieval for `generate` reads the system's own screens from it."""
        if self._context is None:
            self._context = False
            if self.store is not None:
                from ingest.context_store import StoreError
                from ingest.store import load_context

                try:
                    self._context = load_context(self.store)
                except (StoreError, OSError):
                    self._context = False
        return self._context or None

    @classmethod
    def from_folder(cls, folder: str | os.PathLike, store: str | os.PathLike | None = None,
                    mode: Mapping[str, str] | None = None,
                    weights: Mapping[str, str | os.PathLike] | None = None) -> "Engine":
        """Load the folder's store if it is current, else ingest the folder (and save the store).

        `mode` selects a mode of the system (e.g. ``{"theme": "dark"}``); `generate(mode=…)`
        can switch to another one later. `weights` maps ``"student"`` / ``"teacher"`` to a local
        model folder to use instead of the committed weights.
        """
        t0 = time.perf_counter()
        # read-only folders still generate (must_save=False); the context store is built by ingest
        ds, store_path, _ = load_or_ingest(folder, store, must_save=False, mode=mode, with_context=False)
        return cls(ds, time.perf_counter() - t0, store=store_path, weights=weights)

    @staticmethod
    def _mode_key(mode: Mapping[str, str] | None) -> tuple:
        return tuple(sorted((mode or {}).items()))

    def _parse_mode(self, mode: Mapping[str, str] | str | None) -> dict[str, str]:
        if not mode:
            return {}
        if not isinstance(mode, str):
            return dict(mode)
        out: dict[str, str] = {}
        for part in mode.split(","):
            key, sep, val = part.partition("=")
            if sep:
                out[key.strip()] = val.strip()
                continue
            owners = [m for m, opts in self.ds.modes.items() if key.strip().casefold() in {o.casefold() for o in opts}]
            if len(owners) != 1:
                avail = "; ".join(f"{k}=" + "|".join(v) for k, v in self.ds.modes.items()) or "none"
                raise ValueError(f"unknown or ambiguous mode {key.strip()!r}; available: {avail}")
            out[owners[0]] = key.strip()
        return out

    def design_system(self, mode: Mapping[str, str] | None = None) -> DesignSystem:
        """The design system in `mode` (options not given keep the engine's defaults)."""
        if not mode:
            return self.ds
        from ingest import IngestError

        key = self._mode_key({**self.ds.mode, **mode})
        if key not in self._modes:
            try:
                ds, _, _ = load_or_ingest(self.ds.root, self.store, must_save=False, mode={**self.ds.mode, **mode},
                                          with_context=False)
            except IngestError as e:
                raise ValueError(str(e)) from None
            self._modes[key] = ds
        return self._modes[key]

    @staticmethod
    def plan(prompt: str, device: str = "desktop"):
        """The page plan of `prompt` (`conditioning.plan.plan_prompt`): sections of element kinds
        with counts, named labels, titles and positions, the device, the domain and the built-in
        page type it clearly asks for (any of the composer's, `engine.compose.composer.PAGE_ROUTES`
        included)."""
        from conditioning.plan import plan_prompt
        from engine.compose.composer import ARCHETYPES, PAGE_ROUTES

        return plan_prompt(prompt, device, page_types={**ARCHETYPES, **PAGE_ROUTES})

    def generate(self, prompt: str, seed: int = 0, size: tuple[int, int] | None = None, device: str = "desktop",
                 format: str = "png", mode: Mapping[str, str] | str | None = None, sampler: str | None = None,
                 steps: int | None = None, guidance: float = 1.0, retrieval: bool = True,
                 style_scale: float = 1.0, strength: float | None = None,
                 reference_images: Sequence | None = None,
                 svg_text: str = DEFAULT_SVG_TEXT, plan_layout: str = "composed") -> Generation:
        """Sample, lay out, render and encode one mock.

        `sampler` picks the generator: ``student`` (the default: the distilled diffusion model,
        2 steps unless `steps` says 1–4), ``teacher`` (the scene diffusion teacher, 50 steps by
        default, classifier-free `guidance`) or ``procedural`` (the archetype composer). The
        diffusion samplers are conditioned on what `conditioning.pack_context` builds: the
        prompt, the design tokens, the `reference_images` sent with the request (up to 14
        Pillow images or image bytes, read into layouts) and, with `retrieval`, the system's own
        screens from its context store that answer the prompt, else the closest curriculum
        exemplar (`engine.samplers.references`); provenance in
        ``Generation.conditioning["references"]``. `style_scale` weighs the design-system
        stream of the cross-attention (0 = prompt only). `strength` < 1 starts sampling from
        the best matching reference layout noised to that share of the schedule (SDEdit): lower
        keeps more of the reference's structure, 1 samples from pure noise (default
        `DEFAULT_STRENGTH`). The rules the system states are applied to every mock and listed
        in ``Generation.conditioning["rules"]`` as applied or not applicable, with their source.
        Their blocks then go through the layout pass, whose report lands in
        `Generation.layout_report`.

        `device` (desktop | tablet | mobile) picks the preset size (3840×2160, 2732×2048,
        1290×2796) and the layout class; `size` overrides the pixel size, never the layout
        class. `mode` selects a mode of the design system: ``{"theme": "dark"}``, ``"theme=dark"``
        or just ``"dark"`` when exactly one modifier has that option.
        `svg_text` is how `Generation.svg` holds text: ``"live"`` (editable ``<text>``, the
        default) or ``"outline"`` (glyph outlines); see `engine.render.export`.

        A prompt no page type draws is built from its plan (`plan`): with `plan_layout`
        ``"composed"`` (the default) the plan composer lays it out; with ``"sampled"`` a
        diffusion sampler trained on plans (a model with plan tokens) lays the composer's
        content out itself, starting from the composer's layout under the plan's tokens
        (`engine.compose.plan_fill`); a model without plan tokens falls back to the composer,
        with a warning.
        """
        if device not in DEVICES:
            raise ValueError(f"unknown device {device!r} (use {', '.join(DEVICES)})")
        w, h = size or DEVICES[device][0]
        if not (64 <= w <= 16384 and 64 <= h <= 16384):
            raise ValueError(f"size {w}x{h} is outside 64–16384 pixels per side")
        if format.lower() not in FORMATS:
            raise ValueError(f"unknown format {format!r} (use png, jpeg or webp)")
        check_svg_text(svg_text)
        if plan_layout not in PLAN_LAYOUTS:
            raise ValueError(f"unknown plan_layout {plan_layout!r} (use {', '.join(PLAN_LAYOUTS)})")
        sampler = sampler or default_sampler()
        if sampler not in SAMPLERS:
            raise ValueError(f"unknown sampler {sampler!r} (use {', '.join(SAMPLERS)})")
        steps = steps if steps is not None else DEFAULT_STEPS.get(sampler, 50)
        if sampler != "procedural" and not 1 <= steps <= 1000:
            raise ValueError(f"steps must be 1–1000 (got {steps})")
        timings: dict[str, float] = {"load": round(self.load_seconds, 4)}
        t = time.perf_counter()
        ds = self.design_system(self._parse_mode(mode))
        timings["load"] = round(timings["load"] + time.perf_counter() - t, 4)
        t = time.perf_counter()
        cond = build_conditioning(ds, prompt)
        plan = self.plan(prompt, device)
        timings["retrieve"] = round(time.perf_counter() - t, 4)
        theme = Theme(ds)
        prepare_theme(theme, ds.rules)
        layout_report: dict = {}
        warnings: list[str] = []
        images = list(reference_images or ())
        packed = None
        if sampler == "procedural" and images:
            warnings.append("reference images condition the diffusion samplers only; the procedural composer ignored them")
        # open prompts: a screen no built-in page type draws (plan_is_open says why) is built from its
        # plan, laid out by the plan composer; asked to (plan_layout="sampled"), a model trained on
        # plans (``plan_tokens``) lays the composer's content out itself, starting from the composer's
        # layout (SDEdit) under the plan's tokens
        from engine.compose.plan_compose import compose_plan, plan_is_open
        from engine.compose.plan_compose import plan_layout as compose_plan_layout
        from engine.compose.plan_fill import node_blocks

        open_plan, why = plan_is_open(plan, prompt, device)
        planned, planned_blocks = None, None
        if sampler != "procedural":
            from conditioning.packing import pack_context

            if open_plan and plan_layout == "sampled":
                if getattr(self.model(sampler).config, "plan_tokens", False):
                    planned = compose_plan_layout(plan, w, h, theme=theme, seed=seed, device=device)
                    planned_blocks = node_blocks(planned)
                else:
                    warnings.append(f"the {sampler} model was not trained on plans (no plan tokens); "
                                    "the plan composer laid the plan out")
            t = time.perf_counter()
            packed = pack_context(ds, prompt, self.context_store() if retrieval else None, device=device,
                                  reference_images=images, exemplars=self.references if retrieval else None,
                                  plan=plan, planned=planned_blocks)
            timings["retrieve"] = round(timings["retrieve"] + time.perf_counter() - t, 4)
            if open_plan and packed.hold_init and packed.references[0]["kind"] == "image":
                # a screen the user sent is followed
                open_plan, why, planned = False, f"the layout of {packed.references[0]['source']} is followed", None
            elif open_plan and packed.hold_init:
                # a folder screen matched the page type, but the prompt asks for what it does not show
                # (open_plan says what): the plan composer draws the page, not the screen's layout
                warnings.append(f"the layout of {packed.references[0]['source']} was not followed: {why}")
                packed.references[0]["used_as"] = "not followed: the prompt asks for what it does not show"
                if planned is not None:  # the sampled plan layout starts from the plan's own layout
                    packed = replace(packed, hold_init=False, init_blocks=list(planned_blocks))
        composed = open_plan and planned is None  # drawn by the plan composer, not sampled
        if composed:
            t = time.perf_counter()
            timings["sample"] = 0.0
            scene = compose_plan(plan, w, h, theme=theme, seed=seed, device=device)
            timings["layout"] = round(time.perf_counter() - t, 4)
            if sampler != "procedural":
                warnings.append(f"drawn by the plan composer, not the {sampler}: {why}")
        elif sampler == "procedural":
            t = time.perf_counter()
            timings["sample"] = 0.0  # the procedural composer has no sampling step; layout includes it
            scene = compose(prompt, w, h, seed=seed, archetype=cond.archetype, device=device, theme=theme)
            timings["layout"] = round(time.perf_counter() - t, 4)
        else:
            from engine.compose.fill import fill_blocks
            from engine.layout.tidy import layout_pass
            from engine.samplers.student import sample_student

            strength = DEFAULT_STRENGTH if strength is None else float(strength)
            if not 0.0 < strength <= 1.0:
                raise ValueError(f"strength must be in (0, 1] (got {strength})")
            model = self.model(sampler)
            context = packed
            if not getattr(model.config, "image_conditioning", False):
                # a model trained without image tokens reads request images through their layouts only
                context = replace(packed, image_vecs=packed.image_vecs[:0])
            t = time.perf_counter()
            init = packed.init_blocks if strength < 1.0 else None
            # a plan's layout decodes to the kinds it holds (there is no content for any other)
            kinds = {b.kind for b in planned_blocks} if planned is not None else None
            if sampler == "student":
                blocks = sample_student(model, context, steps=steps, seed=seed, device=device,
                                        style_scale=style_scale, init_blocks=init, strength=strength,
                                        hold=packed.hold_init, kinds=kinds)
            else:
                from engine.samplers.teacher import sample_blocks

                blocks = sample_blocks(model, context, steps=steps, seed=seed, guidance=guidance, device=device,
                                       style_scale=style_scale, init_blocks=init, strength=strength,
                                       hold=packed.hold_init, kinds=kinds)
            timings["sample"] = round(time.perf_counter() - t, 4)
            t = time.perf_counter()
            # a held screen is a designed layout: tidied (frame, grid, overlaps), not re-flowed into rows
            held = len(packed.init_blocks or []) if packed.hold_init and init else 0
            blocks, rep = layout_pass(blocks, device, (w, h), unit=max(4.0, cond.spacing_unit),
                                      rows=not held, pinned=held)
            layout_report = rep.to_dict()
            if planned is not None:
                from engine.compose.plan_fill import fill_plan

                filled = fill_plan(blocks, planned, seed)
                scene = filled.scene
                layout_report["plan_fill"] = filled.report()
                if filled.dropped:
                    warnings.append(f"no room for {', '.join(filled.dropped)} of the plan in the sampled layout")
            else:
                # a held screen keeps its regions' boxes: no re-inset, no cards shrunk to their content
                scene = fill_blocks(blocks, prompt, w, h, theme, seed, device, page_layout=not held)
                scene = scene.model_copy(update={"archetype": cond.archetype})
                if held:
                    from engine.layout.tidy import clear_held_regions

                    scene, cleared = clear_held_regions(scene, blocks[:held])
                    layout_report["dropped"] = layout_report.get("dropped", 0) + cleared
            if planned is None and any(sec.kind == "modal" for sec in plan.sections) \
                    and not any(e.kind == "modal" for e in scene.walk()):
                # the prompt asks for a dialog the sampled page lacks: the page type's own dialog over it
                from engine.compose.composer import dialog_scene

                over = dialog_scene(prompt, w, h, cond.archetype or "dashboard", device, seed, theme)
                scene = scene.model_copy(update={"elements": [*scene.elements, *over.elements]})
                layout_report["dialog_added"] = True
            timings["layout"] = round(time.perf_counter() - t, 4)
            if not blocks:
                warnings.append(f"the {sampler} sampled no blocks for {prompt!r}; try another seed")
        from conditioning.packing import named_icons
        from engine.compose.named_icons import place_named_icons

        icons = packed.icons if packed is not None else named_icons(ds, prompt)  # the icons the prompt asks for
        scene, icons_drawn = place_named_icons(scene, icons)
        rules = apply_rules(scene, ds.rules, theme)
        t = time.perf_counter()
        cv = draw_scene(theme, scene, svg_text)
        svg = cv.svg()
        image = cv.image()
        timings["render"] = round(time.perf_counter() - t, 4)
        conditioning = cond.model_dump()
        conditioning["composer"] = {"plan": open_plan, "reason": why,  # open prompts: see plan_is_open
                                    "plan_layout": "sampled" if planned is not None else ("composed" if composed else None)}
        conditioning["rules"] = rules
        conditioning["icons_drawn"] = icons_drawn
        if packed is not None and not composed:
            conditioning.update(references=packed.references, steps=steps, style_scale=style_scale,
                                strength=strength if packed.init_blocks else 1.0, icons=packed.icons,
                                retrieved=conditioning["retrieved"] + [r.model_dump() for r in packed.retrieved])
        gen = Generation(image=image, svg=svg, svg_text=svg_text, redraw_svg=lambda m: svg_of(theme, scene, m),
                         scene=scene, timings=timings,
                         warnings=list(ds.warnings) + theme.warnings + warnings, format=format.lower(),
                         conditioning=conditioning, mode=dict(ds.mode), device=device, sampler=sampler,
                         layout_report=layout_report, design_system=ds)
        gen.plan = plan.model_dump()
        t = time.perf_counter()
        gen.encode()
        timings["encode"] = round(time.perf_counter() - t, 4)
        return gen
