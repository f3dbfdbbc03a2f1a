"""Rendering: a scene drawn with a design system's tokens at any size.

- `components`: the `Renderer`, one drawing function per element kind;
- `charts`: line, bar and donut charts; `canvas`: the drawing surface (SVG text and a cairo
  raster kept in lock-step); `text`: HarfBuzz shaping, wrapping and fonts; `png`: the fast PNG
  writer; `theme`: the design tokens the renderer reads (colours by role, type, spacing);
- `sheet`: the token sheet, a specimen page of the design system.

A new element kind gets its drawing function in `components` (and its entry in
`scene.model.KINDS`).
"""
