"""``GET /attachments/{id}``: an attachment's file, fetched from Visma.net with the caller's token.

The id must look like Visma's attachment ids (``gateway.upstream.paths.attachment``), so no
other path can be reached through it. The file is streamed: the upstream session makes the call
(budget, breaker, proofs, retries until Visma's headers have come) and the body is passed on
as it arrives, in pieces of at most ``CHUNK`` bytes, as Visma typed it, as a download
(``Content-Disposition: attachment`` with a name made safe) that only the caller's browser may
keep. Every refusal before the first byte is a GraphQL-shaped JSON error with its code, a file
whose ``Content-Length`` is above ``GATEWAY_MAX_UPSTREAM_BYTES`` among them. What fails after
it (a file without ``Content-Length`` passing that bound, Visma breaking off, Visma or the
client stalling for ``GATEWAY_UPSTREAM_TIMEOUT``) is logged and raised as ``DownloadCutOff``,
so that the server drops the connection and the client sees a broken transfer, not a short
file. Visma's answer is closed however the download ends, the client going away included.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncGenerator
from email.message import Message

import anyio
import httpx
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import Message as AsgiMessage
from starlette.types import Receive, Scope, Send

from gateway.credentials import credentials_from_header
from gateway.edge.request_errors import error_response
from gateway.errors import (
    BadRequest,
    Forbidden,
    GatewayError,
    NotFound,
    RateLimited,
    Unauthenticated,
    UpstreamError,
    UpstreamTimeout,
)
from gateway.upstream import paths
from gateway.upstream.proofs import Proofs
from gateway.upstream.session import Upstream
from schema.types.attachment import DOWNLOAD_PATH

log = logging.getLogger(__name__)

KIND = "attachment"
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="visma-graphql-gateway"'}
# Characters a file name keeps in Content-Disposition; anything else becomes "_".
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")
_MAX_NAME = 120
# Largest piece handed to the server at once (what httpx reads from a socket at most).
CHUNK = 64 * 1024
# HTTP status of each refusal, most specific class first.
_STATUS: tuple[tuple[type[GatewayError], int], ...] = (
    (Unauthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (RateLimited, 429),
    (UpstreamTimeout, 504),
    (UpstreamError, 502),
)


class DownloadCutOff(Exception):
    """A download that failed after its first byte: raised out of the app so that the
    server drops the connection."""


class AttachmentDownload:
    """The route's endpoint; one per app."""

    def __init__(self, upstream: Upstream, proofs: Proofs) -> None:
        self.upstream = upstream
        self.proofs = proofs

    def routes(self) -> list[Route]:
        # ``path`` so that any id, even one holding "/", reaches the check below.
        return [Route(DOWNLOAD_PATH.format("{ident:path}"), self.download, methods=["GET"])]

    async def download(self, request: Request) -> Response:
        """The file as a streamed download, or a coded JSON refusal."""
        try:
            credentials = credentials_from_header(request.headers.get("authorization"))
            credentials = await self.proofs.apply(credentials)
        except Unauthenticated as error:
            return error_response(error, 401, _CHALLENGE)
        ident = request.path_params["ident"]
        path = paths.attachment(ident)
        if path is None:
            return error_response(BadRequest("This is not an attachment id"), 400)
        session = self.upstream.session(credentials)
        try:
            answer = await session.open_download(path, KIND)
        except GatewayError as error:
            return _refusal(error)
        return _Relay(answer, ident, self.upstream.settings.upstream_timeout)


class _Relay(StreamingResponse):
    """Visma's open answer passed on as it arrives; closed however the relay ends."""

    def __init__(self, answer: httpx.Response, ident: str, stall_seconds: float) -> None:
        self.answer = answer
        self.ident = ident
        self.stall_seconds = stall_seconds
        self.pieces = _pieces(answer, ident)
        super().__init__(self.pieces, headers=_download_headers(answer, ident))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, self._send_in_time(send))
        finally:
            # Also when cancelled (the client went away): the answer holds a connection and
            # the call's slots until it is closed.
            with anyio.CancelScope(shield=True):
                await self.pieces.aclose()
                await self.answer.aclose()

    def _send_in_time(self, send: Send) -> Send:
        """``send`` bounded, so that a client that stops reading does not hold Visma's
        connection and the call's slots for ever."""

        async def bounded(message: AsgiMessage) -> None:
            try:
                with anyio.fail_after(self.stall_seconds):
                    await send(message)
            except TimeoutError:
                log.warning(
                    "attachment %s cut off: the client took nothing for %s s",
                    self.ident,
                    self.stall_seconds,
                )
                raise DownloadCutOff(
                    f"the client stopped reading attachment {self.ident}"
                ) from None

        return bounded


async def _pieces(answer: httpx.Response, ident: str) -> AsyncGenerator[bytes]:
    """The file's bytes as they come from Visma, in pieces of at most ``CHUNK``."""
    passed = 0
    try:
        async for received in answer.aiter_raw():
            for start in range(0, len(received), CHUNK):
                piece = received[start : start + CHUNK]
                passed += len(piece)
                yield piece
    except httpx.TransportError as error:
        # The bound crossed without a Content-Length (ResponseTooLarge), a read timed out,
        # Visma broke off: the status line is sent, so only a broken transfer can tell.
        log.warning("attachment %s cut off after %d bytes: %s", ident, passed, error)
        raise DownloadCutOff(f"attachment {ident} broke off after {passed} bytes") from None


def _refusal(error: GatewayError) -> Response:
    """The coded JSON error of a download that failed before its first byte."""
    status = next((s for kind, s in _STATUS if isinstance(error, kind)), 400)
    log.info("attachment download refused: %s", error.code)
    return error_response(error, status, _CHALLENGE if status == 401 else None)


def _download_headers(answer: httpx.Response, ident: str) -> dict[str, str]:
    """Visma's type (and length and coding, when given) with the headers of a private
    download under a safe name."""
    name = _safe_name(answer.headers.get("content-disposition"), ident)
    headers = {
        "Content-Type": answer.headers.get("content-type", "application/octet-stream"),
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "private",
        "Vary": "Authorization",
        "X-Content-Type-Options": "nosniff",
    }
    length = answer.headers.get("content-length", "")
    if length.isascii() and length.isdigit():
        headers["Content-Length"] = length
    if "content-encoding" in answer.headers:
        headers["Content-Encoding"] = answer.headers["content-encoding"]
    return headers


def _safe_name(disposition: str | None, ident: str) -> str:
    """The file name Visma gave, reduced to characters safe in a quoted header value, or
    the id when it gave none."""
    name = None
    if disposition:
        message = Message()
        message["content-disposition"] = disposition
        name = message.get_filename()
    cleaned = _UNSAFE_NAME.sub("_", (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    cleaned = cleaned.strip(" .")[:_MAX_NAME]
    return cleaned or ident
