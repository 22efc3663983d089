"""The GraphQL endpoint: authentication at the edge, then Strawberry with a typed context."""

from __future__ import annotations

import logging
from typing import Any

from cross_web import AsyncHTTPRequestAdapter
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from gateway.auth import Credentials, credentials_from_header
from gateway.batching import Loaders
from gateway.broker import Broker
from gateway.errors import BadUserInput, PersistedQueryError, Unauthenticated
from gateway.explorer import ExplorerPage
from gateway.oauth import oauth_client
from gateway.persisted_queries import create_persisted_queries
from gateway.settings import Settings
from gateway.upstream import Upstream
from gateway.ws import handler_class, is_subscription
from schema.context import Context

_CREDENTIALS = "gateway.credentials"
# A websocket's context until its connection_init names the caller (gateway.ws replaces it
# before any operation can run); it carries no token, so nothing could reach Visma with it.
_NOT_YET_AUTHENTICATED = Credentials("", "", "", "")

log = logging.getLogger(__name__)


class GatewayGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app, refusing operations without a usable bearer token with HTTP 401
    before anything reaches Visma. The GraphiQL page itself needs no token. Subscriptions run
    over graphql-transport-ws websockets, authenticated in ``connection_init``."""

    def __init__(self, schema: Any, upstream: Upstream, settings: Settings, broker: Broker) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql",
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            allowed_origins=settings.cors_origins,
        )
        self.graphql_transport_ws_handler_class = handler_class(self.context_for)
        self.broker = broker
        self.explorer = ExplorerPage(settings, sign_in=oauth_client(settings) is not None)
        self.upstream = upstream
        self.settings = settings
        self.persisted_queries = create_persisted_queries(settings, upstream.cache)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope, receive)
            if request.method == "GET" and not _carries_operation(request):
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

    async def render_graphql_ide(self, request: Request) -> Response:
        return self.explorer.response()

    def should_render_graphql_ide(self, request: Any) -> bool:
        return request.method == "GET" and not _carries_operation(request)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Runs the operation after resolving its persisted-query extension, if any."""
        try:
            request_data = await self.persisted_queries.resolve(request_data)
        except (PersistedQueryError, BadUserInput) as error:
            log.info("persisted query refused: %s", error.code)
            return ExecutionResult(
                data=None, errors=[GraphQLError(error.message, extensions=error.extensions)]
            )
        if is_subscription(request_data.query, request_data.operation_name):
            refusal = BadUserInput(
                "Subscriptions run over a websocket: connect to /graphql with the "
                "graphql-transport-ws protocol"
            )
            return ExecutionResult(
                data=None, errors=[GraphQLError(refusal.message, extensions=refusal.extensions)]
            )
        return await super().execute_single(
            request, request_adapter, sub_response, context, root_value, request_data
        )

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        credentials = request.scope.get(_CREDENTIALS)
        if isinstance(credentials, Credentials):
            return self.context_for(credentials)
        if isinstance(request, WebSocket):
            return self.context_for(_NOT_YET_AUTHENTICATED)
        raise Unauthenticated("Missing Authorization header")  # __call__ answers 401 first

    def context_for(self, credentials: Credentials) -> Context:
        session = self.upstream.session(credentials)
        return Context(
            settings=self.settings,
            credentials=credentials,
            upstream=session,
            loaders=Loaders(session),
            broker=self.broker,
            slicer=self.upstream.slicer,
        )


def _carries_operation(request: Any) -> bool:
    """Whether a GET asks to run an operation (by text or by persisted hash), not for the page."""
    params = request.query_params
    return "query" in params or "extensions" in params
