"""Running the HTTP API with uvicorn: connection limits and read timeouts (a protocol subclass),
the uvicorn configuration `onbrand serve` uses, and `serve`.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Mapping

from engine.api import Engine
from onbrand.server.admission import Limits
from onbrand.server.app import create_app, error_response


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

def _protocol_class(limits: Limits) -> type:
    """uvicorn's h11 protocol with time limits on reading headers and a cap on open connections.

    A connection that is not running a request (just opened, or answered and kept alive) must
    deliver the next request's headers within `Limits.header_timeout_s`, else it is closed: an
    idle or dribbling socket holds nothing for long. Past `Limits.max_connections` open
    connections, a new connection's request is answered 503 (Gemini-shaped, with Retry-After)
    and the connection closed. Requests that are running are bounded by the app instead: the
    body by `Limits.body_timeout_s`, the whole request by `Limits.timeout_s`.
    """
    from uvicorn.protocols.http.h11_impl import H11Protocol

    busy = error_response(503, f"the server has {limits.max_connections} connections open; retry after "
                       f"{limits.retry_after_s} s", retry_after=limits.retry_after_s, close=True)

    class Protocol(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if len(self.connections) > limits.max_connections:
                self.app = busy
            self._arm()

        def _running(self) -> bool:
            return self.cycle is not None and not self.cycle.response_complete

        def _arm(self) -> None:
            self._disarm()
            self._header_timer = self.loop.call_later(limits.header_timeout_s, self._headers_late)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _headers_late(self) -> None:
            self._header_timer = None
            if not self._running():  # no request came in time (or the rest of an answered one did not)
                self.transport.close()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._running():
                self._disarm()
            elif self._header_timer is None and not self.transport.is_closing():
                self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if self._running():  # a pipelined request started at once
                self._disarm()
            elif not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return Protocol

def uvicorn_config(app, host: str = "127.0.0.1", port: int = 8080, limits: Limits | None = None,
                   log_level: str = "info"):
    """The uvicorn configuration `serve` runs `app` with: header/body timeouts and a connection cap
    from `limits` (see `_protocol_class`), no proxy headers (a client cannot pick its own address
    for the per-client limit), no WebSockets."""
    import uvicorn

    limits = limits or getattr(getattr(app, "state", None), "limits", None) or Limits()
    return uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=False,
                          http=_protocol_class(limits), ws="none", lifespan="on", proxy_headers=False,
                          limit_concurrency=None, timeout_keep_alive=5)

def serve(engines: Mapping[str, Engine], host: str = "127.0.0.1", port: int = 8080, api_key: str | None = None,
          limits: Limits | None = None, log_level: str = "info", workers: int = 1) -> None:
    """Serve `engines` with uvicorn until interrupted: in this process, or with `workers` > 1 in
    that many processes forked from this one on one listening socket (`workers.serve_processes`).
    Either way each generation runs on one BLAS thread (`workers.fit_blas_threads`) and large
    buffers stay on a reused heap (`workers.fit_malloc`)."""
    import uvicorn

    from onbrand.server.workers import fit_blas_threads, fit_malloc, serve_processes

    fit_blas_threads()
    fit_malloc()
    limits = limits or Limits()
    app = create_app(engines, limits, api_key)
    config = uvicorn_config(app, host, port, limits, log_level)
    if workers <= 1:
        uvicorn.Server(config).run()
        return
    sock = config.bind_socket()
    try:
        serve_processes(workers, sock, lambda s: uvicorn.Server(config).run(sockets=[s]))
    finally:
        sock.close()
