"""The adversarial stage of distillation (Adversarial Diffusion Distillation, Sauer et al. 2023).

After progressive distillation (`engine.training.progressive`) the student keeps its
distillation loss and adds a small non-saturating GAN loss: it samples in its few steps with
gradient from the same noised references the teacher's runs start from, and a `LayoutCritic`
trained alongside tells its final estimates from the teacher's.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from engine.models.adapter import (
    DEVICE_NAMES,
)
from engine.models.teacher import SceneTransformer
from engine.samplers.student import few_step_trajectory, student_timesteps
from engine.training.progressive import DistillConfig, TrajectoryPool


class LayoutCritic(nn.Module):
    """The adversarial stage's discriminator: a small pre-norm transformer over a set of clean
    slots ``(B, N, D)`` (all slots, null ones included, so the number of blocks counts),
    told the device; mean-pooled to one logit per layout (high: the teacher's)."""

    def __init__(self, slot_dim: int, d: int = 96, layers: int = 2, heads: int = 4):
        super().__init__()
        self.inp = nn.Linear(slot_dim, d)
        self.device_emb = nn.Embedding(len(DEVICE_NAMES), d)
        layer = nn.TransformerEncoderLayer(d, heads, 2 * d, dropout=0.0, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.head = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, 1))

    def forward(self, x: torch.Tensor, device: torch.Tensor) -> torch.Tensor:
        h = self.encoder(self.inp(x) + self.device_emb(device)[:, None])
        return self.head(h.mean(1)).squeeze(-1)


class AdversarialStage:
    """The critic, its optimiser and the GAN terms of the adversarial stage (Sauer et al.
    2023's recipe on slot sets: non-saturating loss, the teacher's samples as the real ones)."""

    def __init__(self, cfg: DistillConfig, slot_dim: int, gen: torch.Generator):
        self.cfg, self.gen = cfg, gen
        self.critic = LayoutCritic(slot_dim)
        self.opt = torch.optim.AdamW(self.critic.parameters(), lr=cfg.critic_lr, betas=(0.0, 0.99))
        self.last = {"critic": float("nan"), "generator": float("nan")}

    def state_dict(self) -> dict:
        return {"critic": self.critic.state_dict(), "optimizer": self.opt.state_dict()}

    def load_state_dict(self, state: dict) -> None:
        self.critic.load_state_dict(state["critic"])
        self.opt.load_state_dict(state["optimizer"])

    def describe(self) -> str:
        """The last critic and generator losses, for the progress bar (both near 1.39 and 0.69,
        ln 4 and ln 2, while the critic cannot tell the student's layouts from the teacher's)."""
        return f"critic {self.last['critic']:.3f}  gan {self.last['generator']:.3f}"

    def _noised(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.cfg.critic_noise * torch.randn(x.shape, generator=self.gen)

    def generator_loss(self, student: SceneTransformer, pool: TrajectoryPool) -> torch.Tensor:
        """Run the student's sampler from a batch of the pool's references (a share
        `adv_p_noise` of the batches from pure noise instead) with gradient,
        update the critic once on those layouts against the teacher's, and return the
        student's GAN loss ``softplus(−critic(fake))``."""
        sdedit = not (self.cfg.adv_p_noise and pool.rng.random() < self.cfg.adv_p_noise)
        ctx, x, device, real = pool.starts(self.cfg.batch, sdedit)
        T = student.config.num_train_timesteps
        ts = student_timesteps(self.cfg.student_steps, T, self.cfg.strength if sdedit else 1.0)
        _, fake = few_step_trajectory(student, x, ts, ctx)
        loss_c = (F.softplus(-self.critic(self._noised(real), device)).mean()
                  + F.softplus(self.critic(self._noised(fake.detach()), device)).mean())
        self.opt.zero_grad(set_to_none=True)
        loss_c.backward()
        self.opt.step()
        self.critic.requires_grad_(False)
        try:
            loss_g = F.softplus(-self.critic(self._noised(fake), device)).mean()
        finally:
            self.critic.requires_grad_(True)
        self.last = {"critic": loss_c.item(), "generator": loss_g.item()}
        return loss_g


