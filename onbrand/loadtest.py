"""Load test for `onbrand serve`, on loopback only, bounded in requests and in time.

    python -m onbrand.loadtest sample_design_systems/harbor --size 1K --levels 1,2,4,8 --soak 1000
    python -m onbrand.loadtest sample_design_systems/harbor --size 4K --levels 1,2 --soak 0 --slow 0

Starts the server as a subprocess on a free loopback port (or uses ``--url`` of one already
running on loopback), then for each concurrency level sends Gemini ``generateContent``
requests from that many client threads and reports throughput, p50/p99 latency, rejections
(429/503) and unintended server errors (any other 5xx). The slow-client phase holds ``--slow``
sockets open that never finish a request (a third idle, a third dribbling header lines, a
third dribbling a body; each one the server closes is opened again) while
``--slow-concurrency`` normal clients are measured as in a level: they must keep being served.
The soak phase sends ``--soak`` requests and samples the server's resident memory (RSS) as it
goes. Each level reports the median of every ``Server-Timing`` span the server answers with
(read, parse, queue, retrieve, sample, layout, render, encode, serialize, total, in ms) and
``outside``: the client's latency less the server's total (HTTP, transfer and the client's own
parsing). ``--workers N`` starts the server with N processes. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import httpx

from onbrand.server import SIZES, is_loopback

PROMPTS = ("sales analytics dashboard", "checkout page with order summary", "sign in page",
           "account settings with notification preferences", "product listing grid", "admin table of orders")


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    codes: dict[int, int] = field(default_factory=dict)
    image_bytes: int = 0
    spans: dict[str, list[float]] = field(default_factory=dict)  # Server-Timing spans (ms), successful requests
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, code: int, seconds: float, nbytes: int, timing: str | None = None) -> None:
        with self.lock:
            self.codes[code] = self.codes.get(code, 0) + 1
            if code == 200:
                self.latencies.append(seconds)
                self.image_bytes += nbytes
                spans = parse_server_timing(timing or "")
                if "total" in spans:  # what the request spent outside the handler: HTTP, transfer, client
                    spans["outside"] = seconds * 1000 - spans["total"]
                for name, ms in spans.items():
                    self.spans.setdefault(name, []).append(ms)


def parse_server_timing(value: str) -> dict[str, float]:
    """A Server-Timing header value as {name: milliseconds} (entries without a duration left out)."""
    out: dict[str, float] = {}
    for entry in value.split(","):
        name, *params = (p.strip() for p in entry.split(";"))
        for p in params:
            if p.startswith("dur="):
                try:
                    out[name] = float(p[4:])
                except ValueError:
                    pass
    return out


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return round(s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))], 4)


def request_body(i: int, aspect: str, size: str, mime: str) -> dict:
    return {"contents": [{"parts": [{"text": PROMPTS[i % len(PROMPTS)]}]}],
            "generationConfig": {"seed": i, "imageConfig": {"aspectRatio": aspect, "imageSize": size,
                                                            "outputMimeType": mime}}}


def run_level(url: str, model: str, key: str, concurrency: int, requests: int, seconds: float, aspect: str,
              size: str, mime: str, on_request=None, start: int = 0) -> dict:
    """`requests` requests (or fewer if `seconds` pass first) from `concurrency` threads."""
    tally = _Tally()
    counter = iter(range(start, start + requests))
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    endpoint = f"{url}/v1beta/models/{model}:generateContent"

    def worker():
        with httpx.Client(headers={"x-goog-api-key": key}, timeout=120) as http:
            while time.perf_counter() < deadline:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                t = time.perf_counter()
                timing = None
                try:
                    r = http.post(endpoint, json=request_body(i, aspect, size, mime))
                    code = r.status_code
                    nbytes = len(r.json()["candidates"][0]["content"]["parts"][-1]["inlineData"]["data"]) * 3 // 4 \
                        if code == 200 else 0
                    timing = r.headers.get("server-timing")
                except httpx.HTTPError:
                    code, nbytes = 599, 0  # transport failure: counted as a server error
                tally.add(code, time.perf_counter() - t, nbytes, timing)
                if code in (429, 503):
                    time.sleep(float(r.headers.get("retry-after", "1")) * 0.1)
                if on_request:
                    on_request(i)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    ok = tally.codes.get(200, 0)
    return {"concurrency": concurrency, "requests": sum(tally.codes.values()), "ok": ok,
            "rejected": tally.codes.get(429, 0) + tally.codes.get(503, 0),
            "unintended_5xx": sum(n for c, n in tally.codes.items() if c >= 500 and c != 503),
            "other_4xx": sum(n for c, n in tally.codes.items() if 400 <= c < 500 and c != 429),
            "seconds": round(wall, 2), "throughput_rps": round(ok / wall, 2) if wall else 0.0,
            "p50_s": _pct(tally.latencies, 0.50), "p99_s": _pct(tally.latencies, 0.99),
            "mean_image_bytes": tally.image_bytes // ok if ok else 0,
            "server_timing_p50_ms": {k: round(statistics.median(v), 1) for k, v in tally.spans.items()},
            "codes": tally.codes}


class SlowClients(threading.Thread):
    """`n` sockets to the server that never finish a request, re-opened whenever the server closes
    them: ``idle`` ones send nothing, ``headers`` ones send a header line every `interval`
    seconds, ``body`` ones send full headers (Content-Length 1 MB) and then a byte of body every
    `interval` seconds. Counts what the server does to them."""

    KINDS = ("idle", "headers", "body")

    def __init__(self, url: str, model: str, key: str, n: int, interval: float = 1.0):
        super().__init__(daemon=True)
        u = urlparse(url)
        self.addr = (u.hostname or "127.0.0.1", u.port or 80)
        self.path = f"/v1beta/models/{model}:generateContent"
        self.key, self.n, self.interval = key, n, interval
        self.stop = threading.Event()
        self.opened = 0
        self.failed_to_open = 0
        self.closed = dict.fromkeys(self.KINDS, 0)  # closed by the server without an answer
        self.answers: dict[str, int] = {}  # status line -> count (e.g. 408 for a late body)
        self.max_open = 0

    def _open(self, kind: str) -> socket.socket | None:
        try:
            s = socket.create_connection(self.addr, timeout=5)
        except OSError:
            self.failed_to_open += 1
            return None
        s.setblocking(False)
        self.opened += 1
        head = f"POST {self.path} HTTP/1.1\r\nHost: {self.addr[0]}\r\nx-goog-api-key: {self.key}\r\n"
        try:
            if kind == "headers":
                s.send(head.encode())
            elif kind == "body":
                s.send((head + "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{").encode())
        except OSError:
            pass
        return s

    def run(self) -> None:
        socks: dict[socket.socket, str] = {}
        for i in range(self.n):
            kind = self.KINDS[i % len(self.KINDS)]
            s = self._open(kind)
            if s is not None:
                socks[s] = kind
        tick = 0
        while not self.stop.is_set():
            self.max_open = max(self.max_open, len(socks))
            gone: list[socket.socket] = []
            for s, kind in socks.items():
                try:
                    if kind == "headers":
                        s.send(f"X-Slow-{tick}: 1\r\n".encode())
                    elif kind == "body":
                        s.send(b" ")
                except OSError:
                    gone.append(s)
            readable = select.select(list(socks), [], [], 0)[0] if socks else []
            for s in readable:
                try:
                    data = s.recv(65536)
                except OSError:
                    data = b""
                if data.startswith(b"HTTP/"):
                    status = data.split(b"\r\n", 1)[0].decode("latin-1", "replace")
                    self.answers[status] = self.answers.get(status, 0) + 1
                elif s not in gone:
                    self.closed[socks[s]] += 1
                if s not in gone:
                    gone.append(s)
            for s in gone:
                kind = socks.pop(s)
                s.close()
                if not self.stop.is_set():
                    new = self._open(kind)
                    if new is not None:
                        socks[new] = kind
            tick += 1
            self.stop.wait(self.interval)
        for s in socks:
            s.close()

    def report(self) -> dict:
        return {"slow_sockets": self.n, "max_open": self.max_open, "opened": self.opened,
                "failed_to_open": self.failed_to_open, "closed_by_server": self.closed, "answers": self.answers}


def run_slow_phase(url: str, model: str, key: str, slow: int, concurrency: int, requests: int, seconds: float,
                   aspect: str, size: str, mime: str, interval: float = 1.0) -> dict:
    """A level of `concurrency` normal clients, measured while `slow` slow sockets are held open."""
    clients = SlowClients(url, model, key, slow, interval)
    clients.start()
    time.sleep(min(2.0, seconds / 4))  # let the slow sockets open first
    try:
        normal = run_level(url, model, key, concurrency, requests, seconds, aspect, size, mime, start=50_000)
    finally:
        clients.stop.set()
        clients.join(10)
    return {**clients.report(), "normal": normal}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder: str, key: str, max_concurrent: int, max_queue: int, store: str | None, workers: int = 1):
    port = _free_port()
    cmd = [sys.executable, "-m", "onbrand.cli", "serve", folder, "--host", "127.0.0.1", "--port", str(port),
           "--max-concurrent", str(max_concurrent), "--max-queue", str(max_queue), "--max-per-key", "64",
           "--workers", str(workers)]
    if store:
        cmd += ["--store", store]
    log = tempfile.TemporaryFile("w+")  # noqa: SIM115 -- lives as long as the server; a file never blocks it
    proc = subprocess.Popen(cmd, env={**os.environ, "ONBRAND_API_KEY": key}, stdout=subprocess.DEVNULL,
                            stderr=log, text=True)
    url = f"http://127.0.0.1:{port}"
    t0 = time.time()
    while time.time() - t0 < 120:
        if proc.poll() is not None:
            log.seek(0)
            last = (log.read().strip().splitlines() or ["no output"])[-1]
            raise SystemExit(f"loadtest: the server exited ({last})")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("loadtest: the server did not start within 120 s")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m onbrand.loadtest", description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", help="design-system folder to serve (omit with --url)")
    ap.add_argument("--url", help="a server already running on loopback, e.g. http://127.0.0.1:8080")
    ap.add_argument("--pid", type=int, help="with --url: the server's process id, to sample its memory")
    ap.add_argument("--api-key", default=os.environ.get("ONBRAND_API_KEY"))
    ap.add_argument("--model", help="model name (default: the first the server lists)")
    ap.add_argument("--size", default="1K", choices=("1K", "2K", "4K"))
    ap.add_argument("--aspect", default="16:9", choices=tuple(SIZES))
    ap.add_argument("--mime", default="image/png", choices=("image/png", "image/jpeg", "image/webp"))
    ap.add_argument("--levels", default="1,2,4,8", help="client concurrency levels")
    ap.add_argument("--requests", type=int, default=60, help="requests per level")
    ap.add_argument("--level-seconds", type=float, default=60.0, help="time limit per level")
    ap.add_argument("--slow", type=int, default=200, help="slow sockets held open in the slow-client phase (0: none)")
    ap.add_argument("--slow-concurrency", type=int, default=4, help="normal clients measured in the slow-client phase")
    ap.add_argument("--slow-requests", type=int, default=100_000, help="their requests at most")
    ap.add_argument("--slow-seconds", type=float, default=40.0,
                    help="length of the slow-client phase (past the server's header and body timeouts)")
    ap.add_argument("--soak", type=int, default=1000, help="requests in the memory soak (0: none)")
    ap.add_argument("--soak-concurrency", type=int, default=4)
    ap.add_argument("--soak-seconds", type=float, default=600.0)
    ap.add_argument("--max-concurrent", type=int, default=2, help="the started server's --max-concurrent")
    ap.add_argument("--max-queue", type=int, default=8, help="the started server's --max-queue")
    ap.add_argument("--store", help="the started server's --store")
    ap.add_argument("--workers", type=int, default=1, help="the started server's --workers (processes)")
    ap.add_argument("--out", help="also write the JSON report here")
    args = ap.parse_args(argv)
    import psutil

    proc = None
    if args.url:
        host = urlparse(args.url).hostname or ""
        if not is_loopback(host):
            ap.error(f"--url {args.url}: the load test only targets loopback addresses")
        url, key, pid = args.url.rstrip("/"), args.api_key or "", args.pid
    elif args.folder:
        key = args.api_key or secrets.token_hex(16)
        proc, url = start_server(args.folder, key, args.max_concurrent, args.max_queue, args.store, args.workers)
        pid = proc.pid
    else:
        ap.error("give a design-system FOLDER to serve, or --url of a running server")
    server = psutil.Process(pid) if pid else None

    def rss_mb() -> float | None:
        """The server's resident memory; with worker processes, theirs added (pages they share
        with the parent counted in each)."""
        if not server:
            return None
        rss = server.memory_info().rss
        for child in server.children(recursive=True):
            try:
                rss += child.memory_info().rss
            except psutil.Error:  # a worker that just exited
                pass
        return round(rss / 2**20, 1)

    try:
        models = httpx.get(url + "/v1/systems", headers={"x-goog-api-key": key}, timeout=10).json()["systems"]
        model = args.model or models[0]["model"]
        report: dict = {"url": url, "model": model, "size": args.size, "aspect": args.aspect,
                        "pixels": "x".join(map(str, SIZES[args.aspect][args.size])), "mime": args.mime,
                        "cpus": os.cpu_count(), "rss_mb_start": rss_mb(), "levels": []}
        for c in (int(v) for v in args.levels.split(",") if v.strip()):
            lvl = run_level(url, model, key, c, args.requests, args.level_seconds, args.aspect, args.size, args.mime)
            lvl["rss_mb"] = rss_mb()
            report["levels"].append(lvl)
            print(json.dumps({k: v for k, v in lvl.items() if k != "codes"}), file=sys.stderr)
        if args.slow:
            slow = run_slow_phase(url, model, key, args.slow, args.slow_concurrency, args.slow_requests,
                                  args.slow_seconds, args.aspect, args.size, args.mime)
            slow["rss_mb"] = rss_mb()
            report["slow_clients"] = slow
            print(json.dumps({k: v for k, v in slow.items() if k != "normal"}), file=sys.stderr)
            print(json.dumps({k: v for k, v in slow["normal"].items() if k != "codes"}), file=sys.stderr)
        if args.soak:
            samples: list[tuple[int, float | None]] = [(0, rss_mb())]
            done = [0]
            lock = threading.Lock()

            def sample(_i: int) -> None:
                with lock:
                    done[0] += 1
                    if done[0] % 50 == 0:
                        samples.append((done[0], rss_mb()))

            soak = run_level(url, model, key, args.soak_concurrency, args.soak, args.soak_seconds, args.aspect,
                             args.size, args.mime, on_request=sample, start=100_000)
            rss = [m for _, m in samples if m is not None]
            warm = [m for n, m in samples if n >= 200 and m is not None]  # after caches have filled
            soak["rss_samples_mb"] = samples
            if rss:
                soak["rss_mb_first"], soak["rss_mb_last"], soak["rss_mb_max"] = rss[0], rss[-1], max(rss)
            if len(warm) >= 2:
                soak["rss_mb_drift_after_warmup"] = round(warm[-1] - warm[0], 1)
            report["soak"] = soak
        report["rss_mb_end"] = rss_mb()
        report["unintended_5xx"] = sum(lvl["unintended_5xx"] for lvl in report["levels"]) + \
            report.get("soak", {}).get("unintended_5xx", 0) + \
            report.get("slow_clients", {}).get("normal", {}).get("unintended_5xx", 0)
        text = json.dumps(report, indent=1)
        print(text)
        if args.out:
            with open(args.out, "w") as f:
                f.write(text + "\n")
        return report
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
