"""The GraphQL endpoint: authentication at the edge, then Strawberry with a typed context."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from gateway.auth import Credentials, credentials_from_header
from gateway.batching import Loaders
from gateway.errors import Unauthenticated
from gateway.settings import Settings
from gateway.upstream import Upstream
from schema.context import Context

_CREDENTIALS = "gateway.credentials"


class GatewayGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app, refusing operations without a usable bearer token with HTTP 401
    before anything reaches Visma. The GraphiQL page itself needs no token."""

    def __init__(self, schema: Any, upstream: Upstream, settings: Settings) -> None:
        super().__init__(schema, graphql_ide="graphiql")
        self.upstream = upstream
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope, receive)
            if request.method == "GET" and "query" not in request.query_params:
                page = await self.render_graphql_ide(request)
                await page(scope, receive, send)
                return
            try:
                scope[_CREDENTIALS] = credentials_from_header(request.headers.get("authorization"))
            except Unauthenticated as error:
                response = JSONResponse(
                    {"errors": [{"message": error.message, "extensions": error.extensions}]},
                    status_code=401,
                    headers={"WWW-Authenticate": 'Bearer realm="visma-graphql-gateway"'},
                )
                await response(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        credentials = request.scope.get(_CREDENTIALS)
        if not isinstance(credentials, Credentials):  # __call__ answers 401 before this
            raise Unauthenticated("Missing Authorization header")
        session = self.upstream.session(credentials)
        return Context(
            settings=self.settings,
            credentials=credentials,
            upstream=session,
            loaders=Loaders(session),
        )
