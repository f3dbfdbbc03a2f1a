"""Page composition: from a prompt (or sampled blocks) to a full scene with real copy.

- `composer`: the procedural composer; routes a prompt to a page archetype and lays it out
  with flex for a device (`DEVICES`), and the shared pieces pages are built from;
- `pages`: more page archetypes (analytics, product detail, profile, inbox, chat, …);
- `curriculum`: random, realistic page scenes with captions, the training data of the model;
- `domain_copy`: realistic copy for the prompt's domain (navigation, KPIs, tables, people);
- `fill`: turns the blocks a sampler produced back into a complete scene.

A new page type goes in `pages` (and its route in `composer.PAGE_ROUTES`); new copy for a
domain goes in `domain_copy`.
"""
