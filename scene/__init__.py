"""The scene schema, at the bottom of the project: it imports nothing of onbrand.

A `Scene` (in `scene.model`) is the tree of UI elements the renderer draws: each `Element` has
a kind, a box in canvas pixels, a colour role, a text style and children. `scene.blocks` holds
its flat form, the `Block`s the diffusion model samples and the layout pass moves (kind,
normalised box, role, content tag). Ingest reads screens into blocks, conditioning packs them
as reference layouts, the engine samples, lays out and fills them, and eval measures them; all
of them import this package, and it imports none of them.
"""
