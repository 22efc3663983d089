"""The routes of the browser-facing features, gathered for ``create_app``: the explorer's
files, "Sign in with Visma" when configured, and the example pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from gateway.edge.explorer import explorer_routes
from gateway.edge.oauth import DEMO_AUTHORIZE_PATH, SignIn, oauth_client, session_secret
from gateway.settings import Settings

# The example frontends are package data (gateway/examples/), so an installed gateway and the
# container image serve them as a checkout does.
EXAMPLES = ("gateway", "examples")


def browser_routes(
    settings: Settings, upstream_transport: httpx.AsyncBaseTransport | None
) -> list[BaseRoute]:
    """Routes to add to the app. ``upstream_transport`` also carries the token requests of
    sign-ins (in demo mode and in tests it is the simulator)."""
    routes = explorer_routes()
    client = oauth_client(settings)
    if client is not None:
        sign_in = SignIn(
            client,
            session_secret(settings),
            transport=upstream_transport,
            timeout=settings.upstream_timeout,
        )
        routes += sign_in.routes()
        if client.authorize_url == DEMO_AUTHORIZE_PATH:
            from gateway.simulator.connect import authorizer

            endpoint = authorizer({client.redirect_uri})
            routes.append(Route(DEMO_AUTHORIZE_PATH, endpoint, methods=["GET"]))
    routes.append(Route("/examples/config.json", _examples_config(settings), methods=["GET"]))
    routes.append(Mount("/examples", app=StaticFiles(packages=[EXAMPLES], html=True)))
    return routes


def _examples_config(settings: Settings) -> Callable[[Request], Awaitable[Response]]:
    """What the example pages need to start: in demo mode, the demo token of company A."""
    demo_token_a = None
    if settings.demo:
        from gateway.simulator import COMPANY_A_TENANT, demo_token

        demo_token_a = demo_token(COMPANY_A_TENANT)

    async def config(request: Request) -> Response:
        return JSONResponse(
            {"endpoint": "/graphql", "demoToken": demo_token_a},
            headers={"Cache-Control": "no-store"},
        )

    return config
