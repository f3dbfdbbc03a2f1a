"""Benchmark scripts (``python -m benchmarks.bench_<name> --help``): medians over repeated runs
and ratios to a baseline measured in the same run. They are not part of the installed package."""
