"""Attachments as downloads: the gateway path that serves an attachment's file
(``gateway/edge/attachments.py``), on the generated ``Attachment`` type through its base."""

from __future__ import annotations

import strawberry

from gateway.upstream import paths
from schema.types.record import Record, text

DOWNLOAD_PATH = "/attachments/{}"


@strawberry.type
class Downloadable(Record):
    """Base of the generated ``Attachment`` (``make generate`` names it for AttachmentDto)."""

    @strawberry.field(
        name="downloadUrl",
        description=(
            "The gateway path serving this attachment's file: GET it with the same "
            "`Authorization` header as /graphql."
        ),
    )
    def download_url(self) -> str | None:
        ident = text(self._data.get("id"))
        if ident is None or paths.attachment(ident) is None:
            return None
        return DOWNLOAD_PATH.format(ident)
