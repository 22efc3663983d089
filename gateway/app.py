"""``create_app(settings)``: the gateway's Starlette application."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import RedirectResponse
from starlette.routing import Route, WebSocketRoute

from gateway.edge.attachments import AttachmentDownload
from gateway.edge.browser import browser_routes
from gateway.edge.cors import cors_middleware
from gateway.edge.graphql_view import GatewayGraphQL
from gateway.edge.health import health_routes
from gateway.edge.limits import BodyLimit
from gateway.events.broker import Broker
from gateway.events.fanout import Fanout
from gateway.events.webhooks import WebhookEndpoint
from gateway.metrics import Metrics
from gateway.redis_url import redact
from gateway.settings import Settings
from gateway.upstream.breaker import Breakers
from gateway.upstream.budget import Budget, Policy
from gateway.upstream.idempotency import Idempotency
from gateway.upstream.idempotency_store import create_idempotency_store
from gateway.upstream.proofs import Proofs
from gateway.upstream.redis import create_stores
from gateway.upstream.response_cap import CappedTransport
from gateway.upstream.sender import USER_AGENT, Sender
from gateway.upstream.session import Upstream
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
    demo_simulator = None
    if settings.demo:
        base_url = SIMULATOR_ORIGIN
        if upstream_transport is None:
            from gateway.simulator import Simulator

            demo_simulator = Simulator()
            upstream_transport = httpx.ASGITransport(app=demo_simulator.app)
    metrics = Metrics()
    stores = create_stores(settings)
    cache = stores.cache
    budget = Budget(
        stores.budget,
        Policy(settings.rate_limit_calls, settings.rate_limit_window, settings.rate_limit_pacing),
        on_wait=metrics.waited_for_budget,
        on_refusal=metrics.rate_limit_refusals.inc,
    )
    breakers = Breakers(
        settings.breaker_threshold,
        settings.breaker_cooldown,
        settings.breaker_companies,
        on_change=lambda state: metrics.breaker_state.set(state.value),
    )
    proofs = Proofs(cache, settings.token_proof_max_seconds, settings.token_refusal_seconds)
    sender = Sender(settings, budget, breakers, metrics, proofs)
    upstream = Upstream(cache, sender, metrics, settings)
    broker = Broker(
        settings.subscription_queue,
        on_drop=metrics.subscription_events.labels("dropped").inc,
    )
    fanout = Fanout(broker, None if stores.redis is None else stores.redis.client)
    records = create_idempotency_store(settings)
    webhooks = WebhookEndpoint(settings, cache, records, metrics, fanout.publish)
    idempotency = Idempotency(
        records,
        settings.idempotency_ttl,
        # As long as a write can run: its budget wait, its call, its operation; then renewed.
        pending_ttl=settings.operation_timeout
        + settings.upstream_timeout
        + settings.rate_limit_wait,
        wait_seconds=settings.upstream_timeout + 5,
    )
    graphql = GatewayGraphQL(
        build_schema(settings), upstream, settings, broker, proofs, idempotency
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with httpx.AsyncClient(
            base_url=base_url,
            transport=CappedTransport(
                upstream_transport or httpx.AsyncHTTPTransport(), settings.max_upstream_bytes
            ),
            timeout=settings.upstream_timeout,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        ) as client:
            upstream.client = client
            log.info(
                "gateway ready; upstream %s",
                "embedded simulator" if settings.demo else redact(base_url),
            )
            try:
                yield
            finally:
                upstream.client = None
                await stores.cache.close()
                await records.close()

    @contextlib.asynccontextmanager
    async def lifespan_with_fanout(app: Starlette) -> AsyncIterator[None]:
        async with lifespan(app), fanout.running():
            yield

    async def home(_: object) -> RedirectResponse:
        return RedirectResponse("/graphql")

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/", home),
            *AttachmentDownload(upstream, proofs).routes(),
            *webhooks.routes(),
            *health_routes(upstream, base_url, stores),
            *browser_routes(settings, upstream_transport),
        ],
        lifespan=lifespan_with_fanout,
        middleware=[
            *cors_middleware(settings),
            Middleware(
                BodyLimit,
                max_bytes=settings.max_body_bytes,
                max_upload_bytes=settings.max_upload_bytes,
            ),
        ],
    )
    app.state.upstream = upstream
    app.state.stores = stores
    app.state.records = records
    app.state.broker = broker
    if demo_simulator is not None and settings.webhook_secret:
        # The embedded simulator's writes reach this app's webhook endpoint in-process.
        demo_simulator.config.webhook_url = "http://gateway.invalid/webhooks/visma"
        demo_simulator.config.webhook_secret = settings.webhook_secret
        demo_simulator.config.webhook_transport = httpx.ASGITransport(app=app)
    return app
