"""GraphQL over websockets (graphql-transport-ws): authentication in ``connection_init``.

Browsers cannot set headers on a websocket, so the token travels in the ``connection_init``
payload (``{"Authorization": "Bearer ..."}``, any case). Without a usable one the socket is
closed with 4403 and the reason, before any operation can start; with one, the connection's
operations run with a context built from those credentials.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage

from gateway.auth import Credentials, credentials_from_header
from gateway.errors import Unauthenticated
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

    return AuthenticatingHandler
