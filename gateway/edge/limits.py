"""Request size limits, applied before anything parses what a client sent.

``BodyLimit`` is ASGI middleware in front of the whole app: a body whose ``Content-Length``
exceeds the limit is refused with 413 before a byte of it is read, and a body without one
(chunked) is counted while it arrives and refused as soon as it passes the limit. At most the
limit is ever held in memory. The GraphQL view then checks the document and the variables
against their own, smaller limits (``check_operation``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.edge.request_errors import error_response
from gateway.errors import PayloadTooLarge
from gateway.settings import Settings


class BodyLimit:
    """Refuses HTTP request bodies above ``max_bytes`` with 413, reading no more than that."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = PayloadTooLarge(
            f"The request body is larger than {self.max_bytes} bytes", maxBytes=self.max_bytes
        )
        # Connection: close, since the rest of the body is never read.
        response = error_response(error, 413, {"Connection": "close"})
        await response(scope, receive, send)


def check_operation(
    query: str | None, variables: Mapping[str, Any] | None, settings: Settings
) -> None:
    """Refuse a GraphQL document or variables above their limits with ``PayloadTooLarge``."""
    if query is not None and len(query.encode("utf-8", "surrogatepass")) > settings.max_query_bytes:
        raise PayloadTooLarge(
            f"The GraphQL document is larger than {settings.max_query_bytes} bytes",
            maxBytes=settings.max_query_bytes,
        )
    if not variables:
        return
    try:
        # A file of a multipart request counts as null: the body limit bounds it.
        size = len(json.dumps(variables, separators=(",", ":"), default=lambda _: None))
    except (RecursionError, ValueError):
        size = settings.max_variables_bytes + 1
    if size > settings.max_variables_bytes:
        raise PayloadTooLarge(
            f"The variables are larger than {settings.max_variables_bytes} bytes of JSON",
            maxBytes=settings.max_variables_bytes,
        )


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands over the body read already, then waits for the disconnect."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
