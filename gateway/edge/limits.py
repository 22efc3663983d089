"""Request size limits, applied before anything parses what a client sent.

``BodyLimit`` is ASGI middleware in front of the whole app: a body whose ``Content-Length``
exceeds the limit is refused with 413 before a byte of it is read; one within it is passed on
as it arrives (a file upload is spooled to disk by the form parser, not held here), never
more than it declared. A body without a length (chunked) is counted while it arrives, held,
and refused as soon as it passes the limit. Multipart requests (file uploads) have a limit
of their own. The GraphQL view then checks the document and the variables
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
    """Refuses HTTP request bodies above ``max_bytes`` (multipart ones above
    ``max_upload_bytes``) with 413, reading no more than that."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_upload_bytes if _is_multipart(scope) else self.max_bytes
        declared = _content_length(scope)
        if declared is not None:
            if declared > limit:
                await self._refuse(limit, scope, receive, send)
            else:
                await self.app(scope, _at_most(declared, receive), send)
            return
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > limit:
                await self._refuse(limit, scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        error = PayloadTooLarge(f"The request body is larger than {limit} bytes", maxBytes=limit)
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


def _is_multipart(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            return bytes(value).lower().startswith(b"multipart/form-data")
    return False


def _at_most(declared: int, receive: Receive) -> Receive:
    """``receive``, ending the request as a disconnect should a body run past the length it
    declared (the server's framing forbids it; this makes the bound hold here too)."""
    received = 0

    async def bounded() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > declared:
                return {"type": "http.disconnect"}
        return message

    return bounded


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
