"""The id of a created record, read from the ``Location`` Visma answered a POST with.

Visma documents the new id as the last path segment of ``Location``; what surrounds it varies
(an absolute URL or a path, a trailing slash, the collection in other casing, a query
string, the document type before an invoice's number). Only a Location on the configured
upstream origin is trusted; it is read, never followed.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from urllib.parse import SplitResult, unquote, urlsplit

import httpx

from gateway.resources.declaration import RecordKey, Resource

log = logging.getLogger(__name__)

_B64 = re.compile(r"b64\((?P<body>[A-Za-z0-9_\-+/=]*)\)")


def created_id(
    location: str | None, base: httpx.URL, collection: Resource, prefix: RecordKey
) -> str | None:
    """The new record's id in ``location``, or None when it names none that can be trusted:
    absent, on another origin than ``base``, or not under ``collection`` (followed by the
    key parts ``prefix`` the write fixed ahead of the id, if Visma repeats them)."""
    if not location:
        return None
    parts = urlsplit(location.strip())
    if (parts.scheme or parts.netloc) and _origin(parts) != _base_origin(base):
        log.warning("ignored a Location on another origin after a write to %s", collection.path)
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    name = collection.path.rstrip("/").rsplit("/", 1)[-1].casefold()
    found = [i for i, segment in enumerate(segments) if segment.casefold() == name]
    if not found:
        return None
    after = segments[found[-1] + 1 :]
    if len(after) == len(prefix) + 1 and all(
        given.casefold() == sent.casefold() for given, sent in zip(prefix, after, strict=False)
    ):
        return _decode(after[-1])
    if len(after) == 1:
        return _decode(after[0])
    return None


def _origin(parts: SplitResult) -> tuple[str, str | None, int]:
    try:
        port = parts.port
    except ValueError:
        port = -1
    return parts.scheme.lower(), parts.hostname, _port(parts.scheme, port)


def _base_origin(base: httpx.URL) -> tuple[str, str | None, int]:
    return base.scheme, base.host, _port(base.scheme, base.port)


def _port(scheme: str, port: int | None) -> int:
    if port is not None:
        return port
    return 443 if scheme.lower() == "https" else 80


def _decode(segment: str) -> str | None:
    """A segment as the id it names; Visma's ``b64(...)`` form decoded."""
    match = _B64.fullmatch(segment)
    if match is None:
        return segment or None
    body = match["body"]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
