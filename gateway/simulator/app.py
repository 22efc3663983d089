"""The simulator: a Starlette app that answers like the Visma.net ERP API.

Every /v1 request passes, in order: token check (401), rate limit (429), injected faults,
routing (404/405), scope check (403) and the endpoint itself (400/404/200). Once a caller is
admitted, every answer carries the ``X-RateLimit-*`` headers. Each /v1 request is recorded
on arrival with the status it got; latency and fault delays are applied after recording so
that a client which times out still leaves a trace.
"""

from __future__ import annotations

import base64
import functools
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import anyio
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from gateway.simulator.auth import admit, bearer_claims, require_scope
from gateway.simulator.background import Background
from gateway.simulator.config import SimulatorConfig
from gateway.simulator.connect import Connect, authorize
from gateway.simulator.demodata import DEMO_TENANTS, CompanyData, demo_company
from gateway.simulator.endpoints import Call, route
from gateway.simulator.errors import (
    NO_RESOURCE_MESSAGE,
    ApiError,
    bad_request,
    injected,
    no_resource,
    rate_limited,
)
from gateway.simulator.faults import FaultBook, FaultRule
from gateway.simulator.ledger import Ledger
from gateway.simulator.locations import shaped
from gateway.simulator.paths import raw_path, split_segments
from gateway.simulator.ratelimit import FixedWindowLimiter
from gateway.simulator.recording import CallRecorder, RecordedCall
from gateway.simulator.responses import OrjsonResponse
from gateway.simulator.store import CompanyStore
from gateway.simulator.tokens import Claims
from gateway.simulator.webhooks import WebhookSender
from gateway.simulator.writecall import WriteCall, WriteHandler
from gateway.simulator.writes import find_write

_ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
_UNREADABLE = object()


@dataclass(frozen=True)
class _Outcome:
    response: Response
    tenant_id: str | None
    delay: float
    trickle: float = 0.0


@functools.cache
def _demo_store(tenant_id: str, scale: int) -> CompanyStore:
    # Generated on first use and shared by all instances: the data is read-only.
    return CompanyStore(demo_company(tenant_id, scale))


class Simulator:
    """An in-process stand-in for the Visma.net ERP API with two demo companies.

    Serve ``app`` with any ASGI server, or call it through ``httpx.ASGITransport``. The demo
    data of a company is generated on its first use (once per process and
    ``SimulatorConfig.scale``) and is the same for every instance.
    Writes go to the instance's own copy of a company (made on its first write), so
    instances never see each other's writes.
    """

    def __init__(self, config: SimulatorConfig | None = None) -> None:
        self.config = config if config is not None else SimulatorConfig()
        self._recorder = CallRecorder()
        self._faults = FaultBook()
        self._creates = 0
        self._limiter = FixedWindowLimiter(self.config)
        self._ledgers: dict[str, Ledger] = {}
        self.connect = Connect()
        self.webhooks = WebhookSender(self.config)
        self.background = Background(lambda: self.config.background_polls, self.config.wall_clock)
        self.app = Starlette(
            routes=[
                Route("/connect/authorize", authorize, methods=["GET"]),
                Route("/connect/token", self.connect.token, methods=["POST"]),
                Route("/_simulator/calls", self._calls_endpoint, methods=["GET", "DELETE"]),
                Route("/_simulator/health", self._health_endpoint, methods=["GET"]),
                Route("/_simulator/webhooks/trigger", self._trigger_endpoint, methods=["POST"]),
                Route("/{path:path}", self._api_endpoint, methods=_ALL_METHODS),
            ]
        )

    @property
    def calls(self) -> list[RecordedCall]:
        """A copy of the recorded /v1 calls, in arrival order."""
        return self._recorder.snapshot()

    def reset_calls(self) -> None:
        self._recorder.clear()

    def add_fault(self, rule: FaultRule) -> None:
        self._faults.add(rule)

    def clear_faults(self) -> None:
        self._faults.clear()

    def reset_rate_limits(self) -> None:
        self._limiter.reset()

    def company(self, tenant_id: str) -> CompanyData:
        """The data served to tokens of ``tenant_id``, with this instance's writes
        (KeyError if not licensed)."""
        return self._store(tenant_id).data

    def _store(self, tenant_id: str) -> CompanyStore:
        return self._ledgers.get(tenant_id) or self._demo(tenant_id)

    def _demo(self, tenant_id: str) -> CompanyStore:
        if tenant_id not in DEMO_TENANTS:
            raise KeyError(tenant_id)
        return _demo_store(tenant_id, self.config.scale)

    def _ledger(self, tenant_id: str) -> Ledger:
        ledger = self._ledgers.get(tenant_id)
        if ledger is None:
            ledger = Ledger(self._demo(tenant_id).data)
            self._ledgers[tenant_id] = ledger
        return ledger

    async def _api_endpoint(self, request: Request) -> Response:
        received = time.monotonic()
        segments = split_segments(request.scope)
        if not segments or segments[0].lower() != "v1":
            return OrjsonResponse({"message": NO_RESOURCE_MESSAGE}, status_code=404)
        raw = await request.body()
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            body = await _files(request)
        else:
            body = _decode(raw)
        outcome = self._serve(request, segments, body)
        delay = self.config.latency_seconds + outcome.delay
        self._record(request, outcome, body, received, time.monotonic() + delay)
        if delay > 0:
            await anyio.sleep(delay)
        if outcome.trickle > 0:
            return _trickled(outcome.response, outcome.trickle)
        return outcome.response

    def _shape_location(self, response: Response, location: str) -> None:
        """Answer the create with the next of the configured Location shapes."""
        shapes = self.config.location_shapes or ("absolute",)
        shape = shapes[self._creates % len(shapes)]
        self._creates += 1
        del response.headers["location"]
        answered = shaped(location, shape)
        if answered is not None:
            response.headers["Location"] = answered

    def _write(
        self,
        request: Request,
        write: tuple[WriteHandler, dict[str, str], frozenset[str]],
        body: Any,
        caller: Claims,
    ) -> Response:
        """Run a write now, or queue it when ``erp-api-background`` asks for that."""
        write_handler, values, scopes = write
        require_scope(caller, scopes)
        tenant = caller.tenant_id
        if body is _UNREADABLE:
            raise bad_request("The request is invalid: the body is not JSON.")
        origin = self.config.location_origin or str(request.base_url).rstrip("/")
        path = raw_path(request.scope)
        background = request.headers.get("erp-api-background") is not None
        # The spec: an action checks If-Match only when it runs in the background API.
        checks_version = background or "/action/" not in path
        call = WriteCall(
            ledger=self._ledger(tenant),
            path=values,
            body=body,
            if_match=request.headers.get("if-match") if checks_version else None,
            origin=origin,
            now=self.config.wall_clock(),
        )

        def run() -> Response:
            response = write_handler(call)
            location = response.headers.get("location")
            self.webhooks.after_write(
                tenant, urlsplit(location).path if location else path, created=bool(location)
            )
            if location is not None:
                self._shape_location(response, location)
            return response

        if background:
            return self.background.accept(tenant, origin, f"{origin}{path}", run)
        return run()

    def _serve(self, request: Request, segments: list[str], body: Any) -> _Outcome:
        claims = bearer_claims(request.headers.get("authorization"))
        tenant_id = claims.tenant_id if claims is not None else None
        rate_headers: dict[str, str] = {}
        delay = trickle = 0.0
        try:
            caller = admit(claims, self.config.wall_clock(), DEMO_TENANTS)
            quota = self._limiter.take((caller.tenant_id, caller.client_id))
            rate_headers = quota.headers()
            if not quota.allowed:
                raise rate_limited(quota.reset_seconds)
            fault = self._faults.trigger(request.method, request.scope["path"], caller.tenant_id)
            if fault is not None:
                delay, trickle = fault.delay_seconds, fault.trickle_seconds
                if fault.status is not None:
                    raise injected(fault.status, fault.retry_after, fault.message)
            write = find_write(request.method, segments)
            if write is not None:
                response = self._write(request, write, body, caller)
            elif request.method == "GET" and [s.lower() for s in segments[:2]] == [
                "v1",
                "background",
            ]:
                if len(segments) != 3:
                    raise no_resource()
                response = self.background.state(caller.tenant_id, segments[2])
            else:
                handler, values = route(request.method, segments, caller)
                params = {
                    name.lower(): value
                    for name, value in request.query_params.items()
                    if value.strip()
                }
                response = handler(Call(self._store(caller.tenant_id), values, params, self.config))
        except ApiError as error:
            response = OrjsonResponse(error.body, status_code=error.status, headers=error.headers)
        response.headers.update(rate_headers)
        return _Outcome(response, tenant_id, delay, trickle)

    def _record(
        self, request: Request, outcome: _Outcome, body: Any, received: float, answered: float
    ) -> None:
        self._recorder.add(
            RecordedCall(
                method=request.method,
                path=request.scope["path"],
                raw_path=raw_path(request.scope),
                params=dict(request.query_params.items()),
                authorization=request.headers.get("authorization"),
                tenant_id=outcome.tenant_id,
                status=outcome.response.status_code,
                headers=dict(request.headers.items()),
                body=None if body is _UNREADABLE else body,
                response_bytes=len(outcome.response.body),
                received_at=received,
                answered_at=answered,
            )
        )

    async def _calls_endpoint(self, request: Request) -> Response:
        if request.method == "DELETE":
            self._recorder.clear()
            return Response(status_code=204)
        return OrjsonResponse([call.redacted() for call in self._recorder.snapshot()])

    async def _trigger_endpoint(self, request: Request) -> Response:
        return await self.webhooks.trigger(request, self._ledger)

    async def _health_endpoint(self, request: Request) -> Response:
        return OrjsonResponse({"status": "ok"})


def _trickled(response: Response, pause: float) -> Response:
    """``response`` with its body sent one byte at a time, ``pause`` seconds before each."""
    body = bytes(response.body)

    async def chunks() -> AsyncIterator[bytes]:
        for index in range(len(body)):
            await anyio.sleep(pause)
            yield body[index : index + 1]

    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    return StreamingResponse(chunks(), status_code=response.status_code, headers=headers)


async def _files(request: Request) -> Any:
    """The files of a multipart body by field name, each as ``fileName``, ``contentType``
    and its bytes in ``base64`` (JSON, as every recorded body); ``_UNREADABLE`` when the body
    cannot be parsed."""
    try:
        form = await request.form()
    except (ValueError, AssertionError, MultiPartException):
        return _UNREADABLE
    files: dict[str, Any] = {}
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            files[name] = {
                "fileName": value.filename,
                "contentType": value.content_type,
                "base64": base64.b64encode(await value.read()).decode("ascii"),
            }
    return files


def _decode(raw: bytes) -> Any:
    """The JSON of a request body; None when empty, ``_UNREADABLE`` when not JSON."""
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return _UNREADABLE
