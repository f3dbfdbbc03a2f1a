"""Schemathesis against the server's OpenAPI document: generated requests, valid and invalid,
to every operation; no answer may be a 5xx, and every answer must match what the document says
(status codes, headers such as Allow, content types, response schemas)."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from engine import Engine
from onbrand.server import Limits, create_app

MODEL = "onbrand-harbor"


class _SmallEngine(Engine):
    """The real engine drawing at most 320 px a side, so that generated requests stay quick;
    parsing, validation, limits and errors are all the server's own."""

    def generate(self, prompt, *args, size=None, **kwargs):
        if size is not None and all(64 <= v <= 16384 for v in size):
            scale = min(1.0, 320 / max(size))
            size = (max(64, int(size[0] * scale)), max(64, int(size[1] * scale)))
        return super().generate(prompt, *args, size=size, **kwargs)


class _Deferred:
    """An ASGI app standing in for the served one: the schema is read from an app with no systems
    when this module is imported (the document does not depend on them), and the test fixture
    swaps in the app serving Harbor."""

    def __init__(self):
        self.app = create_app({})

    async def __call__(self, scope, receive, send):
        await self.app(scope, receive, send)


_app = _Deferred()
schema = schemathesis.openapi.from_asgi("/openapi.json", _app)


@pytest.fixture(scope="module", autouse=True)
def _serve_harbor(harbor_engine):
    eng = _SmallEngine(harbor_engine.ds, store=harbor_engine.store)
    _app.app = create_app({MODEL: eng}, Limits(max_per_key=1000, max_queue=1000))
    yield
    _app.app = create_app({})


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_no_server_errors_and_answers_match_the_document(case):
    # positive_data_acceptance is left out: a schema cannot say that a prompt must not be blank
    # or that a mode must be one the system has, so schema-valid requests may rightly get 400
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
    assert response.status_code < 500, response.text
