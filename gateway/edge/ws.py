"""GraphQL over websockets (graphql-transport-ws): authentication in ``connection_init``.

Browsers cannot set headers on a websocket, so the token travels in the ``connection_init``
payload (``{"Authorization": "Bearer ..."}``, any case). Without a usable one the socket is
closed with 4403 and the reason (4503 when Visma could not be asked), before any operation
can start; with one, the connection's
operations run with a context built from those credentials, and only once they are proven
(``authenticate`` asks Visma when it has to), so that a forged token never joins a company's
events. Only subscriptions run here, at most ``max_subscriptions`` at once per connection,
resolved through the same persisted-query handling (and allow-list) as HTTP: a connection
lives long, and queries belong to HTTP, where each gets fresh loaders and its own deadline.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from graphql import GraphQLError, OperationType, get_operation_ast, parse
from strawberry.http import GraphQLRequestData
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    SubscribeMessage,
)

from gateway.credentials import Credentials
from gateway.edge.persisted_queries import PersistedQueries
from gateway.errors import (
    BadUserInput,
    Forbidden,
    GatewayError,
    PersistedQueryError,
    TooManySubscriptions,
    Unauthenticated,
)
from schema.context import Context

log = logging.getLogger(__name__)


def authorization(payload: Any) -> str | None:
    """The Authorization value of a ``connection_init`` payload, whatever its key's case."""
    if not isinstance(payload, dict):
        return None
    for name, value in payload.items():
        if isinstance(name, str) and name.lower() == "authorization" and isinstance(value, str):
            return value
    return None


def is_subscription(query: object, operation_name: object) -> bool:
    """Whether ``query`` (a GraphQL document) runs a subscription; False when unreadable."""
    if not isinstance(query, str) or "subscription" not in query:
        return False
    try:
        operation = get_operation_ast(
            parse(query), operation_name if isinstance(operation_name, str) else None
        )
    except GraphQLError:
        return False  # execution reports the syntax error
    return operation is not None and operation.operation == OperationType.SUBSCRIPTION


def request_data(payload: Any) -> GraphQLRequestData:
    """A subscribe message's payload as the request data HTTP operations have."""
    request = payload if isinstance(payload, dict) else {}
    query, variables = request.get("query"), request.get("variables")
    name, extensions = request.get("operationName"), request.get("extensions")
    if not (query is None or isinstance(query, str)) or not (
        extensions is None or isinstance(extensions, dict)
    ):
        raise BadUserInput("A subscribe payload needs a query text or a persisted-query hash")
    return GraphQLRequestData(
        query=query,
        variables=variables if isinstance(variables, dict) else None,
        operation_name=name if isinstance(name, str) else None,
        extensions=extensions,
    )


def handler_class(
    authenticate: Callable[[str | None], Awaitable[Credentials]],
    context_for: Callable[[Credentials], Context],
    persisted_queries: PersistedQueries,
    max_subscriptions: int,
) -> type[BaseGraphQLTransportWSHandler[Context, None]]:
    """The protocol handler that authenticates with ``connection_init`` (``authenticate``
    turns the Authorization value into proven credentials or raises ``Unauthenticated``),
    builds each connection's context with ``context_for`` and runs only subscriptions the
    persisted-query handling lets through."""

    class AuthenticatingHandler(BaseGraphQLTransportWSHandler[Context, None]):
        async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
            if not self.connection_init_received:
                try:
                    credentials = await authenticate(authorization(message.get("payload")))
                except GatewayError as error:
                    # 4403: the token is not usable; 4503: it could not be checked now.
                    code = 4403 if isinstance(error, Unauthenticated | Forbidden) else 4503
                    log.info("websocket refused: %s", error.code)
                    await self.websocket.close(code=code, reason=error.message[:120])
                    return
                self.context = context_for(credentials)
            await super().handle_connection_init(message)

        async def handle_subscribe(self, message: SubscribeMessage) -> None:
            if not self.connection_acknowledged or message["id"] in self.operations:
                await super().handle_subscribe(message)  # closes the socket as the protocol says
                return
            try:
                data = await persisted_queries.resolve(request_data(message.get("payload")))
                if not is_subscription(data.query, data.operation_name):
                    raise BadUserInput(
                        "Only subscriptions run over the websocket; send queries and mutations "
                        "as HTTP POST /graphql"
                    )
                if len(self.operations) >= max_subscriptions:
                    raise TooManySubscriptions(
                        f"A connection may hold {max_subscriptions} subscriptions at once; "
                        "complete one or open another connection",
                        limit=max_subscriptions,
                    )
            except (PersistedQueryError, BadUserInput, TooManySubscriptions) as refusal:
                log.info("websocket subscription refused: %s", refusal.code)
                await self.send_message(
                    {
                        "id": message["id"],
                        "type": "error",
                        "payload": [refusal.graphql_error().formatted],
                    }
                )
                return
            resolved: SubscribeMessage = {
                "id": message["id"],
                "type": "subscribe",
                "payload": {
                    "query": str(data.query),  # a text: is_subscription parsed it
                    "variables": data.variables,
                    "operationName": data.operation_name,
                },
            }
            await super().handle_subscribe(resolved)

    return AuthenticatingHandler
