"""``create_app(settings)``: the gateway's Starlette application."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

import httpx
from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Route

from gateway.browser import browser_routes
from gateway.cache import create_cache
from gateway.cors import cors_middleware
from gateway.graphql_view import GatewayGraphQL
from gateway.settings import Settings
from gateway.upstream import USER_AGENT, Upstream
from schema import build_schema

log = logging.getLogger(__name__)

SIMULATOR_ORIGIN = "http://visma-simulator.invalid"


def create_app(
    settings: Settings, *, upstream_transport: httpx.AsyncBaseTransport | None = None
) -> Starlette:
    """Build the gateway.

    ``upstream_transport`` replaces the network under the one upstream client (tests pass the
    simulator's ASGI app here). In demo mode without one, an embedded simulator answers.
    """
    base_url = settings.visma_api_url
    if settings.demo:
        base_url = SIMULATOR_ORIGIN
        if upstream_transport is None:
            from gateway.simulator import Simulator

            upstream_transport = httpx.ASGITransport(app=Simulator().app)
    cache = create_cache(settings)
    upstream = Upstream(cache, settings)
    graphql = GatewayGraphQL(build_schema(settings), upstream, settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with httpx.AsyncClient(
            base_url=base_url,
            transport=upstream_transport,
            timeout=settings.upstream_timeout,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        ) as client:
            upstream.client = client
            log.info(
                "gateway ready; upstream %s", "embedded simulator" if settings.demo else base_url
            )
            try:
                yield
            finally:
                upstream.client = None
                await cache.close()

    async def home(_: object) -> RedirectResponse:
        return RedirectResponse("/graphql")

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/", home),
            *browser_routes(settings, upstream_transport),
        ],
        lifespan=lifespan,
        middleware=cors_middleware(settings.cors_origins),
    )
    app.state.upstream = upstream
    return app
