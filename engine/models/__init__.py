"""Models: the networks the engine samples with.

- `adapter`: the context adapter, which turns the prompt and the design system into the
  tokens the transformer cross-attends to, and the array form of blocks;
- `teacher`: the scene diffusion transformer (`SceneTransformer`) and its named configs;
- `scene_net`: the network in plain PyTorch; `loading` reads a trained model from a folder of
  ``config.json`` + safetensors (the committed weights live in ``engine/weights/``);
- `inputs` and `slots`: what the model reads (the context record, prompt encoding, batches as
  arrays) and the slot encoding of blocks with the noise schedule, all without torch;
- `numpy_net`: the same network in numpy, which a default generate runs without importing torch.
"""
