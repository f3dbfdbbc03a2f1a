"""``onbrand train clip``: train UI-CLIP, the image encoder that knows UI screens (`ingest.ui_clip`)."""

from __future__ import annotations

import json

import click


class _ClipFail(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"onbrand: error: {' '.join(self.format_message().split())}", err=True)


@click.command(name="clip")
@click.option("--steps", type=click.IntRange(1), default=1200, show_default=True, help="Optimiser steps in all.")
@click.option("--batch", type=click.IntRange(2), default=96, show_default=True,
              help="Pages per step (each with one render and one text; the other pages of the batch are its negatives).")
@click.option("--pages", type=click.IntRange(2), default=3000, show_default=True,
              help="Curriculum pages rendered for training (each in two design systems or modes).")
@click.option("--out", type=click.Path(file_okay=False), default="build/ui_clip", show_default=True,
              help="Run folder: rendered data, checkpoints, then the model (config.json + model.safetensors).")
@click.option("--resume", is_flag=True, help="Continue from the latest checkpoint in --out (the rendered data is kept).")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same data and weights.")
@click.option("--lr", type=click.FloatRange(0, min_open=True), default=1e-3, show_default=True,
              help="Peak learning rate.")
@click.option("--text-tower", type=click.Choice(["minilm", "clip"]), default="minilm", show_default=True,
              help="minilm: a projection head on the frozen bundled MiniLM; clip: open_clip's text "
                   "transformer trained from scratch.")
@click.option("--checkpoint-every", type=click.IntRange(1), default=100, show_default=True)
@click.option("--threads", type=click.IntRange(1), default=1, show_default=True,
              help="CPU threads for torch (1 is fastest on a busy 2-core machine).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def train_clip_cmd(steps: int, batch: int, pages: int, out: str, resume: bool, seed: int, lr: float,
                   text_tower: str, checkpoint_every: int, threads: int, as_json: bool) -> None:
    """Train UI-CLIP: an image encoder for UI screens with a text side to match.

    Renders curriculum pages small in the sample design systems Harbor, Ember and Circuit
    (light and dark; Grove is held out), captions each with its prompt, other phrasings and
    a plan of its blocks, and trains an open_clip vision transformer and a text head with
    the contrastive CLIP loss (see engine/training/ui_clip.py). A progress bar shows on a
    terminal, plain log lines otherwise. The model lands in OUT as config.json +
    model.safetensors; copy both to ingest/weights/ui_clip to make it the default, or load
    the folder with ingest.ui_clip.load_ui_clip(OUT).
    """
    from engine.training.ui_clip import ClipTrainConfig, train_clip

    cfg = ClipTrainConfig(out=out, steps=steps, batch=batch, pages=pages, seed=seed, lr=lr, threads=threads,
                          checkpoint_every=checkpoint_every)
    if text_tower == "clip":
        cfg.model = {**cfg.model, "text": "clip",
                     "text_cfg": {"context_length": 32, "width": 128, "layers": 3, "head_width": 32}}
    try:
        res = train_clip(cfg, resume=resume)
    except OSError as e:
        raise _ClipFail(f"{out}: cannot write the run folder ({e.strerror or e})") from None
    if as_json:
        click.echo(json.dumps({k: v for k, v in res.items() if k != "losses"}, indent=2))
    else:
        click.echo(f"trained {res['step']} steps on {res['pages']} pages in {res['seconds']} s "
                   f"(rendering {res['data_seconds']} s); loss (last 50 steps) {res['loss']}; model in {res['out']}")
