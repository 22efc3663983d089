"""``GET /attachments/{id}``: an attachment's file, fetched from Visma.net with the caller's token.

The id must look like Visma's attachment ids (``gateway.upstream.paths.attachment``), so no
other path can be reached through it; the file is read whole through the upstream session
(budget, breaker, proofs, ``GATEWAY_MAX_UPSTREAM_BYTES``) and answered as Visma typed it, as a
download (``Content-Disposition: attachment`` with a name made safe) that only the caller's
browser may keep. Every refusal is a GraphQL-shaped JSON error with its code.
"""

from __future__ import annotations

import logging
import re
from email.message import Message

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

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
# HTTP status of each refusal, most specific class first.
_STATUS: tuple[tuple[type[GatewayError], int], ...] = (
    (Unauthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (RateLimited, 429),
    (UpstreamTimeout, 504),
    (UpstreamError, 502),
)


class AttachmentDownload:
    """The route's endpoint; one per app."""

    def __init__(self, upstream: Upstream, proofs: Proofs) -> None:
        self.upstream = upstream
        self.proofs = proofs

    def routes(self) -> list[Route]:
        # ``path`` so that any id, even one holding "/", reaches the check below.
        return [Route(DOWNLOAD_PATH.format("{ident:path}"), self.download, methods=["GET"])]

    async def download(self, request: Request) -> Response:
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
            answer = await session.download(path, KIND)
        except GatewayError as error:
            status = next((s for kind, s in _STATUS if isinstance(error, kind)), 400)
            log.info("attachment download refused: %s", error.code)
            headers = _CHALLENGE if status == 401 else None
            return error_response(error, status, headers)
        name = _safe_name(answer.headers.get("content-disposition"), ident)
        return Response(
            answer.content,
            headers={
                "Content-Type": answer.headers.get("content-type", "application/octet-stream"),
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "private",
                "Vary": "Authorization",
                "X-Content-Type-Options": "nosniff",
            },
        )


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
