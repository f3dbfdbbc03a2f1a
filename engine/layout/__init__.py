"""Layout: where things go on the page.

`engine.layout.flex` is a small single-line flexbox (rows and columns of fixed, hug and fill
children with gap, padding and alignment) that the composer and the fill build pages with.
`engine.layout.tidy` is the layout pass that takes the blocks a sampler drew and snaps them
to the spacing grid, aligns near-equal edges, flows overlapping siblings into rows and keeps
everything in frame, reporting how far it moved them.
"""
