"""Defaults the engine, the CLI and distillation share (kept free of heavy imports)."""

#: How much of the noise schedule sampling runs from the retrieved reference layout (SDEdit
#: strength; 1 = pure noise). Distillation trains the student on this path.
DEFAULT_STRENGTH = 0.4
