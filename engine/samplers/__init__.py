"""Samplers: from packed context to blocks.

`diffusion` holds the teacher's many-step sampler (`sample_blocks`: DDIM or DPM-Solver++ with
classifier-free guidance) and the distilled student's few-step sampler (`sample_student`),
both with one signature; `references` retrieves the reference layouts a sampler starts from;
`defaults` holds the defaults the engine, the command line and the benchmarks share. A new
sampler goes here, beside them.
"""
