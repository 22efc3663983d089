"""``expectedVersion``: a record's version as the caller read it, checked before it is sent."""

from __future__ import annotations

import re

from gateway.errors import BadUserInput

# What fits between the quotes of an ETag (RFC 9110 etagc), without the quotes.
_ETAG_TEXT = re.compile(r"[\x21\x23-\x7e]+")


def expected_version(value: str | None) -> str | None:
    """The version to send as ``If-Match``, without quotes: as read from ``version`` or
    ``timeStamp``, or as an ETag (``"v"``, ``W/"v"``). A value that cannot be a version is
    refused with BAD_USER_INPUT, before anything is sent."""
    if value is None:
        return None
    text = value.strip().removeprefix("W/")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if not _ETAG_TEXT.fullmatch(text):
        raise BadUserInput(
            "expectedVersion is not a version: pass the record's version (or timeStamp) as read",
            field="expectedVersion",
        )
    return text
