"""Training: the teacher (`teacher`: ``onbrand train teacher``) and its distillation into the
few-step student (`distill`: progressive distillation then an adversarial stage,
``onbrand train distill``). Both checkpoint and resume."""
