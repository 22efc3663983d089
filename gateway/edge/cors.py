"""CORS for the configured origins only (``GATEWAY_CORS_ORIGINS``; none by default), with
the request and response headers of ``GATEWAY_CORS_ALLOW_HEADERS`` / ``_EXPOSE_HEADERS``.

Starlette's ``CORSMiddleware`` answers a disallowed origin with some CORS headers still set
(``Access-Control-Allow-Credentials``, the allowed methods and headers). Here a disallowed
origin gets none at all: its preflight is refused with a bare 400, and its other requests
pass through untouched, so browsers apply the same-origin policy to them.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.settings import Settings

ALLOWED_METHODS = ("GET", "POST")
PREFLIGHT_MAX_AGE = 600


class AllowListedCors:
    """Credentials-aware CORS for the exact origins given; nothing for any other."""

    def __init__(
        self,
        app: ASGIApp,
        origins: Sequence[str],
        allow_headers: Sequence[str],
        expose_headers: Sequence[str],
    ) -> None:
        self.app = app
        self.origins = frozenset(origins)
        self.cors = CORSMiddleware(
            app,
            allow_origins=list(origins),
            allow_methods=ALLOWED_METHODS,
            allow_headers=allow_headers,
            expose_headers=expose_headers,
            allow_credentials=True,
            max_age=PREFLIGHT_MAX_AGE,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None or origin in self.origins:
            await self.cors(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            refusal = PlainTextResponse(
                "Disallowed CORS origin", status_code=400, headers={"Vary": "Origin"}
            )
            await refusal(scope, receive, send)
            return

        async def send_varying(message: Message) -> None:
            # The answer differs by Origin, so caches must key on it.
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("Vary", "Origin")
            await send(message)

        await self.app(scope, receive, send_varying)


def cors_middleware(settings: Settings) -> list[Middleware]:
    """The middleware list for ``Starlette(middleware=...)``: empty when no origin is allowed."""
    if not settings.cors_origins:
        return []
    return [
        Middleware(
            AllowListedCors,
            origins=settings.cors_origins,
            allow_headers=settings.cors_allow_headers,
            expose_headers=settings.cors_expose_headers,
        )
    ]
