"""A bound on the size of Visma's answers, enforced while they arrive.

``CappedTransport`` wraps the upstream client's transport: an answer whose ``Content-Length``
is above the cap is refused before its body is read, and one without (chunked) is cut off as
soon as it passes the cap. Either raises ``ResponseTooLarge``, which the sender turns into
UPSTREAM_ERROR without retrying; the cut-off of a streamed body (attachment downloads) is
raised to its reader instead. The cap counts bytes as they come over the wire (compressed,
when Visma compresses); the sender bounds an answer it reads whole by the same figure once
decoded (``gateway.upstream.sender``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from gateway.errors import ResponseTooLarge


class CappedTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, max_bytes: int) -> None:
        self.inner = inner
        self.max_bytes = max_bytes

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await response.aclose()
            raise too_large(self.max_bytes, request)
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_CappedStream(response, self.max_bytes, request),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self.inner.aclose()


def too_large(max_bytes: int, request: httpx.Request) -> ResponseTooLarge:
    """The error of an answer to ``request`` that passed ``max_bytes``."""
    return ResponseTooLarge(f"Visma.net answered more than {max_bytes} bytes", request=request)


class _CappedStream(httpx.AsyncByteStream):
    def __init__(self, response: httpx.Response, max_bytes: int, request: httpx.Request) -> None:
        if not isinstance(response.stream, httpx.AsyncByteStream):
            raise TypeError("the upstream transport must answer with an async stream")
        self.inner = response.stream
        self.max_bytes = max_bytes
        self.request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        received = 0
        async for chunk in self.inner:
            received += len(chunk)
            if received > self.max_bytes:
                raise too_large(self.max_bytes, self.request)
            yield chunk

    async def aclose(self) -> None:
        await self.inner.aclose()
