"""Models: the networks the engine samples with.

- `adapter`: the context adapter, which turns the prompt and the design system into the
  tokens the transformer cross-attends to, and the array form of blocks;
- `teacher`: the scene diffusion transformer (`SceneTransformer`) and its named configs;
- `scene_net`: the slot encoding of blocks and loading a trained model from a folder of
  ``config.json`` + safetensors (the committed weights live in ``engine/weights/``).
"""
