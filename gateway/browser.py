"""The routes of the browser-facing features, gathered for ``create_app``: the explorer's
files, "Sign in with Visma" when configured, and the example pages."""

from __future__ import annotations

from pathlib import Path

import httpx
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from gateway.explorer import explorer_routes
from gateway.oauth import DEMO_AUTHORIZE_PATH, SignIn, oauth_client, session_secret
from gateway.settings import Settings

# The example frontends live beside the package in a checkout (`make run`), not in the image.
EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"


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
            from gateway.simulator.connect import authorize

            routes.append(Route(DEMO_AUTHORIZE_PATH, authorize, methods=["GET"]))
    if EXAMPLES_DIR.is_dir():
        routes.append(Mount("/examples", app=StaticFiles(directory=EXAMPLES_DIR, html=True)))
    return routes
