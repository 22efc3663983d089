"""The GraphQL endpoint: authentication at the edge, then Strawberry with a typed context."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import Any

import orjson
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
    is_readable_body,
    request_error,
    wants_page,
)
from gateway.edge.response_cache import (
    HIT,
    MISS,
    Answer,
    ResponseCache,
    answer_of,
    matches,
    operation_key,
    runs_a_query,
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
from gateway.logs import operation_id
from gateway.settings import Settings
from gateway.upstream.batching import Loaders
from gateway.upstream.idempotency import Idempotency
from gateway.upstream.proofs import Proofs
from gateway.upstream.session import Upstream
from schema.context import Context
from schema.error_codes import coded, fold

_CREDENTIALS = "gateway.credentials"
_RESPONSE_KEY = "gateway.response_key"
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
            # Files of uploads; the body limit (BodyLimit) bounds them before they are read.
            multipart_uploads_enabled=True,
        )
        self.broker = broker
        self.explorer = ExplorerPage(settings, sign_in=oauth_client(settings) is not None)
        self.upstream = upstream
        self.settings = settings
        self.proofs = proofs
        self.idempotency = idempotency
        self.persisted_queries = create_persisted_queries(settings, upstream.cache)
        self.responses = (
            ResponseCache(upstream.cache, settings.response_cache_max_bytes, settings.ttl)
            if settings.response_cache_max_bytes
            else None
        )
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
        """The answer to one HTTP request: the explorer page, a request error, a 401, the
        operation's result (kept or executed), or 304 when a GET's ``If-None-Match`` names
        it. Every answer but the page and 304 is a GraphQL JSON body."""
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
        if request.method == "POST" and not is_readable_body(request.headers):
            return request_error(NOT_JSON, status_code=415)
        if request.method == "GET" or is_json_body(request.headers):
            kept = await self.kept_answer(request, request.scope[_CREDENTIALS])
            if kept is not None:
                return kept
        try:
            response = await self.run(request)
        except HTTPException as error:
            return request_error(error.reason, status_code=error.status_code)
        etag = response.headers.get("etag")
        if request.method == "GET" and etag and matches(etag, request.headers.get("if-none-match")):
            return _not_modified(response.headers)
        return response

    async def kept_answer(self, request: Request, credentials: Credentials) -> Response | None:
        """The response cache's answer to ``request``, or None to execute it (then noting
        under which key to keep its answer: a token proven by this very execution has its
        answer kept)."""
        if self.responses is None:
            return None
        payload = await _payload(request)
        if payload is None:
            return None
        hashes_accepted = self.settings.persisted_queries != "off"
        key = operation_key(credentials, payload, hashes_accepted=hashes_accepted)
        if key is None:
            return None
        request.scope[_RESPONSE_KEY] = key
        if not self.responses.usable_by(credentials):
            return None
        answer = await self.responses.find(key)
        self.upstream.metrics.response_cache_lookups.labels(MISS if answer is None else HIT).inc()
        return None if answer is None else _served(request, answer)

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
        resolvers) is cancelled and the answer is OPERATION_TIMEOUT without data. What the
        operation read is let go when it is over (``Context.release``)."""
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
        finally:
            context.release()

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
        key = request.scope.get(_RESPONSE_KEY)
        if key is not None and not result.errors:
            await self._keep(key, request_data, context, result, sub_response)
        if request.method == "GET":
            # The answer depends on the caller's token: shared caches must not keep it, and a
            # browser keeps no error.
            sub_response.headers["Cache-Control"] = "no-store" if result.errors else "private"
            sub_response.headers["Vary"] = "Authorization"
        return result

    async def _keep(
        self,
        key: str,
        request_data: GraphQLRequestData,
        context: Context,
        result: ExecutionResult,
        sub_response: Response,
    ) -> None:
        """Keep the answer of a query that read cached data, and give it its ETag."""
        session = context.upstream
        generations = session.generations_read()
        if (
            self.responses is None
            or generations is None
            or not self.responses.usable_by(session.credentials)
            or not runs_a_query(request_data.query, request_data.operation_name)
        ):
            return
        answer = answer_of(
            result.data, context.warnings, session.credentials.cache_group, generations
        )
        if await self.responses.keep(key, answer):
            sub_response.headers["ETag"] = answer.etag
            result.extensions = {**(result.extensions or {}), "responseCache": MISS}

    def encode_json(self, data: object) -> str:
        """JSON as the response cache keeps it (and faster than the standard library). Text,
        since websocket messages must be text frames."""
        return orjson.dumps(data).decode()

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


async def _payload(request: Request) -> dict[str, Any] | None:
    """A request's GraphQL fields as one JSON object, or None when they cannot be read (the
    execution path then answers with the proper error)."""
    try:
        if request.method == "GET":
            payload: dict[str, Any] = dict(request.query_params)
            for name in ("variables", "extensions"):
                if payload.get(name):
                    payload[name] = orjson.loads(payload[name])
            return payload
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        return None
    return body if isinstance(body, dict) else None


def _served(request: Request, answer: Answer) -> Response:
    """A kept answer with a fresh operation id, or 304 when a GET names its ETag."""
    headers = {"ETag": answer.etag}
    if request.method == "GET":
        headers |= {"Cache-Control": "private", "Vary": "Authorization"}
        if matches(answer.etag, request.headers.get("if-none-match")):
            return Response(status_code=304, headers=headers)
    served = uuid.uuid4().hex[:16]
    token = operation_id.set(served)
    log.info("operation answered from the response cache")
    operation_id.reset(token)
    extensions = {
        "operationId": served,
        "responseCache": HIT,
        "upstream": {"estimatedCalls": 0, "admittedCalls": 0, "calls": 0, "cacheHits": 0},
    }
    return Response(answer.body(extensions), media_type="application/json", headers=headers)


def _not_modified(headers: Any) -> Response:
    """304 for an executed GET whose answer the client holds: its caching headers only."""
    kept = ("etag", "cache-control", "vary")
    return Response(status_code=304, headers={k: headers[k] for k in kept if k in headers})


def _carries_operation(request: Any) -> bool:
    """Whether a GET asks to run an operation (by text or by persisted hash), not for the page."""
    params = request.query_params
    return "query" in params or "extensions" in params
