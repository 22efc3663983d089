"""Operational endpoints: ``/healthz`` (alive), ``/readyz`` (can serve) and ``/metrics``."""

from __future__ import annotations

import httpx
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gateway.upstream.redis import Stores
from gateway.upstream.session import Upstream

_PROBE_TIMEOUT = 3.0


def health_routes(upstream: Upstream, base_url: str, stores: Stores) -> list[Route]:
    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_: Request) -> Response:
        checks = {"upstream": await _upstream_check(upstream, base_url)}
        redis = await stores.redis_check()
        if redis is not None:
            checks["redis"] = redis
        ready = all(check == "ok" for check in checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    async def metrics(_: Request) -> Response:
        return Response(upstream.metrics.render(), media_type=CONTENT_TYPE_LATEST)

    return [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
    ]


async def _upstream_check(upstream: Upstream, base_url: str) -> str:
    """'ok' when Visma's origin answers HTTP at all (no token is sent, so 401 is fine) and
    its breaker lets calls through; one company's breaker does not make the gateway unready."""
    if upstream.sender.breakers.origin.blocks_calls(stuck_after=upstream.settings.upstream_timeout):
        return "circuit open: recent calls to Visma.net failed"
    client = upstream.client
    if client is None:
        return "not started"
    try:
        await client.get("/", timeout=_PROBE_TIMEOUT)
    except httpx.TransportError as error:
        return f"unreachable: {type(error).__name__}"
    return "ok"
