"""Admission and metrics of the HTTP API: the limits (`Limits`), the bounded queue with per-key
shares that answers 503/429 with Retry-After (`Admission`), and the Prometheus counters.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from onbrand.server.gemini import (
    MAX_CONTENTS,
    MAX_PARTS,
)


@dataclass
class Limits:
    """What one server accepts; every queue and payload it holds is bounded by these."""

    max_concurrent: int = 2  # generations running at once (threads)
    max_queue: int = 8  # requests waiting for a generation slot; more get 503
    max_per_key: int = 6  # running + waiting per API key (without one: per client address); more get 429
    timeout_s: float = 60.0  # per request, waiting included; then 504
    retry_after_s: int = 1
    max_body_bytes: int = 48 * 2**20
    max_json_values: int = 20_000  # JSON values in a body (counted as its , { and [ bytes); more get 413
    max_contents: int = MAX_CONTENTS  # Gemini contents per request; more get 400
    max_parts: int = MAX_PARTS  # parts per content; more get 400
    max_prompt_chars: int = 4000
    max_reference_images: int = 14  # as many as the Gemini API takes
    max_reference_bytes: int = 12 * 2**20  # decoded bytes per reference image
    max_reference_pixels: int = 4096 * 4096
    max_candidates: int = 4
    max_output_pixels: int = 4096 * 4096  # native sizes; every Gemini size is below it
    # connections (uvicorn_config): idle and slow sockets cannot hold the server
    max_connections: int = 512  # open connections; past it a request is answered 503 and its connection closed
    header_timeout_s: float = 10.0  # to send a request's headers, from connecting or the previous answer
    body_timeout_s: float = 30.0  # to send a request's whole body once its headers are in; then 408

class Rejected(Exception):
    """A request refused with an HTTP code, a one-line message and optional Retry-After."""

    def __init__(self, code: int, message: str, retry_after: int | None = None,
                 headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after = retry_after
        self.headers = dict(headers or {})

class Admission:
    """Bounded admission: a semaphore of generation slots, a bounded wait queue, per-key caps.

    Generations run on a thread pool of `max_concurrent` workers. A request that times out is
    answered at once, but its slot is released only when its thread finishes, so the number of
    generations running never exceeds the limit.
    """

    def __init__(self, limits: Limits, on_reject: Callable[[str], None] | None = None):
        self.limits = limits
        self._slots = asyncio.Semaphore(limits.max_concurrent)
        self._pool = ThreadPoolExecutor(limits.max_concurrent, thread_name_prefix="onbrand-generate")
        self._per_key: Counter[str] = Counter()
        self._on_reject = on_reject or (lambda reason: None)
        self.running = 0
        self.waiting = 0

    def _reject(self, code: int, reason: str, message: str) -> Rejected:
        self._on_reject(reason)
        return Rejected(code, message, retry_after=self.limits.retry_after_s)

    async def run(self, key: str, fn: Callable[[], Any], timeout_s: float | None = None,
                  spans: dict[str, float] | None = None) -> Any:
        """Run `fn()` on a generation thread once a slot is free; raises `Rejected`. The seconds
        spent waiting for the slot go in ``spans["queue"]`` when `spans` is given."""
        lim = self.limits
        timeout_s = lim.timeout_s if timeout_s is None else timeout_s
        if self._per_key[key] >= lim.max_per_key:
            raise self._reject(429, "per_key", f"too many requests in flight for this key "
                                               f"({lim.max_per_key} at most); retry after {lim.retry_after_s} s")
        # running and waiting change only between awaits, so a burst arriving at once is counted
        # exactly (a semaphore's locked() lags behind acquisitions that have not run yet)
        if self.running + self.waiting >= lim.max_concurrent + lim.max_queue:
            raise self._reject(503, "queue_full", f"the server is busy ({self.running} generating, "
                                                  f"{self.waiting} waiting); retry after {lim.retry_after_s} s")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        self._per_key[key] += 1
        try:
            self.waiting += 1
            try:
                await asyncio.wait_for(self._slots.acquire(), timeout_s)
            except TimeoutError:
                raise self._reject(504, "timeout", f"no generation slot came free within {timeout_s:g} s") from None
            finally:
                self.waiting -= 1
            self.running += 1
            if spans is not None:
                spans["queue"] = spans.get("queue", 0.0) + timeout_s - (deadline - loop.time())
            fut = loop.run_in_executor(self._pool, fn)

            def _release(_f: asyncio.Future) -> None:
                self.running -= 1
                self._slots.release()
                if not _f.cancelled():
                    _f.exception()  # a late failure after a timeout is not left unretrieved

            fut.add_done_callback(_release)
            try:
                return await asyncio.wait_for(asyncio.shield(fut), max(deadline - loop.time(), 0.001))
            except TimeoutError:
                raise self._reject(504, "timeout", f"the generation did not finish within {timeout_s:g} s") from None
        finally:
            self._per_key[key] -= 1
            if self._per_key[key] <= 0:
                del self._per_key[key]

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

class Metrics:
    """Counters and a latency histogram, written in the Prometheus text format."""

    BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

    def __init__(self) -> None:
        self.requests: Counter[tuple[str, str, int]] = Counter()
        self.rejections: Counter[str] = Counter()
        self.image_bytes: Counter[str] = Counter()
        self.images: Counter[str] = Counter()
        self._hist: dict[str, list[float]] = {}  # route -> bucket counts + [sum, count]

    def observe(self, route: str, method: str, code: int, seconds: float) -> None:
        self.requests[(route, method, code)] += 1
        h = self._hist.setdefault(route, [0.0] * (len(self.BUCKETS) + 2))
        for i, b in enumerate(self.BUCKETS):
            if seconds <= b:
                h[i] += 1
        h[-2] += seconds
        h[-1] += 1

    def render(self, admission: Admission) -> str:
        out = ["# HELP onbrand_requests_total HTTP requests by route, method and status code.",
               "# TYPE onbrand_requests_total counter"]
        for (route, method, code), n in sorted(self.requests.items()):
            out.append(f'onbrand_requests_total{{route="{route}",method="{method}",code="{code}"}} {n}')
        out += ["# HELP onbrand_request_duration_seconds Request latency by route.",
                "# TYPE onbrand_request_duration_seconds histogram"]
        for route, h in sorted(self._hist.items()):
            for b, n in zip(self.BUCKETS, h):
                out.append(f'onbrand_request_duration_seconds_bucket{{route="{route}",le="{b:g}"}} {n:g}')
            out.append(f'onbrand_request_duration_seconds_bucket{{route="{route}",le="+Inf"}} {h[-1]:g}')
            out.append(f'onbrand_request_duration_seconds_sum{{route="{route}"}} {h[-2]:.6f}')
            out.append(f'onbrand_request_duration_seconds_count{{route="{route}"}} {h[-1]:g}')
        out += ["# HELP onbrand_queue_depth Requests waiting for a generation slot.",
                "# TYPE onbrand_queue_depth gauge", f"onbrand_queue_depth {admission.waiting}",
                "# HELP onbrand_generations_in_flight Generations running now.",
                "# TYPE onbrand_generations_in_flight gauge", f"onbrand_generations_in_flight {admission.running}",
                "# HELP onbrand_rejections_total Requests refused by admission, by reason.",
                "# TYPE onbrand_rejections_total counter"]
        for reason in ("queue_full", "per_key", "timeout"):
            out.append(f'onbrand_rejections_total{{reason="{reason}"}} {self.rejections[reason]}')
        out += ["# HELP onbrand_images_total Images returned, by MIME type.", "# TYPE onbrand_images_total counter"]
        out += [f'onbrand_images_total{{mime_type="{m}"}} {n}' for m, n in sorted(self.images.items())]
        out += ["# HELP onbrand_image_bytes_total Encoded image bytes returned, by MIME type.",
                "# TYPE onbrand_image_bytes_total counter"]
        out += [f'onbrand_image_bytes_total{{mime_type="{m}"}} {n}' for m, n in sorted(self.image_bytes.items())]
        return "\n".join(out) + "\n"
