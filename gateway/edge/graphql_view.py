"""The GraphQL endpoint: authentication at the edge, then Strawberry with a typed context."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from gateway.credentials import Credentials, credentials_from_header
from gateway.edge.explorer import ExplorerPage
from gateway.edge.limits import check_operation
from gateway.edge.oauth import oauth_client
from gateway.edge.persisted_queries import create_persisted_queries
from gateway.edge.request_errors import (
    NO_QUERY,
    NOT_JSON,
    error_response,
    is_json_body,
    request_error,
    wants_page,
)
from gateway.edge.ws import handler_class, is_subscription
from gateway.errors import (
    BadUserInput,
    OperationTimeout,
    PayloadTooLarge,
    PersistedQueryError,
    Unauthenticated,
)
from gateway.events.broker import Broker
from gateway.settings import Settings
from gateway.upstream.batching import Loaders
from gateway.upstream.idempotency import Idempotency
from gateway.upstream.proofs import Proofs
from gateway.upstream.session import Upstream
from schema.context import Context
from schema.error_codes import coded, fold

_CREDENTIALS = "gateway.credentials"
# A websocket's context until its connection_init names the caller (gateway.edge.ws replaces it
# before any operation can run); it carries no token, so nothing could reach Visma with it.
_NOT_YET_AUTHENTICATED = Credentials("", "", "", "")
# Seconds past GATEWAY_OPERATION_TIMEOUT before an operation is cancelled whole: the upstream
# deadline ends calls at the timeout itself, and this leaves their partial answer time to form.
OPERATION_GRACE = 0.5

log = logging.getLogger(__name__)


class GatewayGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app, refusing operations without a usable bearer token with HTTP 401
    before anything reaches Visma, and tokens Visma refused a moment ago likewise. The GraphiQL
    page itself needs no token. Subscriptions run over graphql-transport-ws websockets,
    authenticated in ``connection_init`` with a proven token."""

    def __init__(
        self,
        schema: Any,
        upstream: Upstream,
        settings: Settings,
        broker: Broker,
        proofs: Proofs,
        idempotency: Idempotency,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql",
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            allowed_origins=settings.cors_origins,
        )
        self.broker = broker
        self.explorer = ExplorerPage(settings, sign_in=oauth_client(settings) is not None)
        self.upstream = upstream
        self.settings = settings
        self.proofs = proofs
        self.idempotency = idempotency
        self.persisted_queries = create_persisted_queries(settings, upstream.cache)
        self.graphql_transport_ws_handler_class = handler_class(
            self.proven_credentials,
            self.context_for,
            self.persisted_queries,
            settings.max_subscriptions,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            response = await self.answer(Request(scope, receive))
            await response(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    async def answer(self, request: Request) -> Response:
        """The answer to one HTTP request: the explorer page, a request error, a 401, or the
        operation's result. Every answer but the page is a GraphQL JSON body."""
        if request.method == "GET" and not _carries_operation(request):
            if wants_page(request.headers):
                return await self.render_graphql_ide(request)
            return request_error(NO_QUERY)
        try:
            credentials = credentials_from_header(request.headers.get("authorization"))
            request.scope[_CREDENTIALS] = await self.proofs.apply(credentials)
        except Unauthenticated as error:
            return error_response(
                error, 401, {"WWW-Authenticate": 'Bearer realm="visma-graphql-gateway"'}
            )
        if request.method == "POST" and not is_json_body(request.headers):
            return request_error(NOT_JSON, status_code=415)
        try:
            return await self.run(request)
        except HTTPException as error:
            return request_error(error.reason, status_code=error.status_code)

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
        """Runs the operation after resolving its persisted-query extension, if any, within
        the operation timeout: past it and its grace, what is left (cache and Redis calls,
        resolvers) is cancelled and the answer is OPERATION_TIMEOUT without data."""
        bound = asyncio.timeout(self.settings.operation_timeout + OPERATION_GRACE)
        try:
            async with bound:
                return await self._execute_bounded(
                    request, request_adapter, sub_response, context, root_value, request_data
                )
        except TimeoutError:
            if not bound.expired():
                raise  # another timeout than this bound's, not to be reported as it
            timeout = OperationTimeout(
                f"The operation did not finish within {self.settings.operation_timeout:g} s "
                "and was cancelled"
            )
            log.warning("operation cancelled at its timeout")
            sub_response.headers["Cache-Control"] = "no-store"
            return ExecutionResult(data=None, errors=[timeout.graphql_error()])

    async def _execute_bounded(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        try:
            check_operation(request_data.query, request_data.variables, self.settings)
            request_data = await self.persisted_queries.resolve(request_data)
        except (PersistedQueryError, BadUserInput, PayloadTooLarge) as error:
            log.info("operation refused before it ran: %s", error.code)
            return ExecutionResult(data=None, errors=[error.graphql_error()])
        if is_subscription(request_data.query, request_data.operation_name):
            refusal = BadUserInput(
                "Subscriptions run over a websocket: connect to /graphql with the "
                "graphql-transport-ws protocol"
            )
            return ExecutionResult(data=None, errors=[refusal.graphql_error()])
        result = await super().execute_single(
            request, request_adapter, sub_response, context, root_value, request_data
        )
        if result.errors:
            # Errors raised by an extension leave the operation before ErrorCodes sees them.
            result.errors = fold([coded(error) for error in result.errors])
        if request.method == "GET":
            # The answer depends on the caller's token: shared caches must not keep it, and a
            # browser keeps no error.
            sub_response.headers["Cache-Control"] = "no-store" if result.errors else "private"
            sub_response.headers["Vary"] = "Authorization"
        return result

    def decode_json(self, data: str | bytes) -> object:
        """JSON of a body or of GET's ``variables``/``extensions``, refusing deep nesting
        (the parser would otherwise fail with a RecursionError, an internal error)."""
        try:
            return json.loads(data)
        except RecursionError:
            raise HTTPException(400, "The JSON nests too deeply") from None

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        credentials = request.scope.get(_CREDENTIALS)
        if isinstance(credentials, Credentials):
            return self.context_for(credentials)
        if isinstance(request, WebSocket):
            return self.context_for(_NOT_YET_AUTHENTICATED)
        raise Unauthenticated("Missing Authorization header")  # __call__ answers 401 first

    async def proven_credentials(self, header: str | None) -> Credentials:
        """The credentials of ``header`` once Visma has accepted the token, asking it with one
        cheap call when that is not known yet; raises the coded error otherwise."""
        credentials = await self.proofs.apply(credentials_from_header(header))
        if not credentials.proven:
            session = self.upstream.session(credentials)
            await session.prove()
            credentials = session.credentials
        return credentials

    def context_for(self, credentials: Credentials) -> Context:
        session = self.upstream.session(credentials)
        return Context(
            settings=self.settings,
            credentials=credentials,
            upstream=session,
            loaders=Loaders(session),
            broker=self.broker,
            idempotency=self.idempotency,
            slicer=self.upstream.slicer,
        )


def _carries_operation(request: Any) -> bool:
    """Whether a GET asks to run an operation (by text or by persisted hash), not for the page."""
    params = request.query_params
    return "query" in params or "extensions" in params
