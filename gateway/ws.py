"""GraphQL over websockets (graphql-transport-ws): authentication in ``connection_init``.

Browsers cannot set headers on a websocket, so the token travels in the ``connection_init``
payload (``{"Authorization": "Bearer ..."}``, any case). Without a usable one the socket is
closed with 4403 and the reason, before any operation can start; with one, the connection's
operations run with a context built from those credentials. Only subscriptions run here: a
connection lives long, and queries belong to HTTP, where each gets fresh loaders and its own
deadline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from graphql import GraphQLError, OperationType, get_operation_ast, parse
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    SubscribeMessage,
)

from gateway.auth import Credentials, credentials_from_header
from gateway.errors import BadUserInput, Unauthenticated
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


def handler_class(
    context_for: Callable[[Credentials], Context],
) -> type[BaseGraphQLTransportWSHandler[Context, None]]:
    """The protocol handler that authenticates with ``connection_init`` and builds each
    connection's context with ``context_for``."""

    class AuthenticatingHandler(BaseGraphQLTransportWSHandler[Context, None]):
        async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
            if not self.connection_init_received:
                try:
                    credentials = credentials_from_header(authorization(message.get("payload")))
                except Unauthenticated as error:
                    log.info("websocket refused: %s", error.message)
                    await self.websocket.close(code=4403, reason=error.message[:120])
                    return
                self.context = context_for(credentials)
            await super().handle_connection_init(message)

        async def handle_subscribe(self, message: SubscribeMessage) -> None:
            payload: Any = message.get("payload")
            request = payload if isinstance(payload, dict) else {}
            if self.connection_acknowledged and not is_subscription(
                request.get("query"), request.get("operationName")
            ):
                refusal = BadUserInput(
                    "Only subscriptions run over the websocket; send queries and mutations "
                    "as HTTP POST /graphql"
                )
                error = GraphQLError(refusal.message, extensions=refusal.extensions)
                await self.send_message(
                    {"id": message["id"], "type": "error", "payload": [error.formatted]}
                )
                return
            await super().handle_subscribe(message)

    return AuthenticatingHandler
