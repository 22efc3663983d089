"""The write path to Visma.net: POST/PUT with the caller's token, never retried.

A write is sent once, never retried, through the sender (budget, breaker, metrics). A
create's new id comes from the ``Location`` header, accepted only on the configured upstream
origin. After a success the
record is read back fresh (never from the cache), and the generations of what the write
changed are bumped for the caller's tenant so that every principal of the company reads anew.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import SplitResult, unquote, urlsplit

import httpx
import orjson

from gateway.errors import BadUserInput, GatewayError, UpstreamError, UpstreamOutcomeUnknown
from gateway.resources.declaration import RecordKey, Resource
from gateway.upstream import paths
from gateway.upstream.session import Item, UpstreamSession

log = logging.getLogger(__name__)

_B64 = re.compile(r"b64\((?P<body>[A-Za-z0-9_\-+/=]*)\)")
_QUOTED_NAME = re.compile(r"'([A-Za-z][A-Za-z0-9]*)'")


@dataclass(frozen=True)
class Write:
    """One write and what it touches.

    ``key`` is the record's key when it exists already (update, or a POST action such as
    release, whose ``actionResult`` is checked); for a create the
    key is ``key_prefix`` plus the id from ``Location``. ``fields`` maps DTO field names
    (lowercase) to the GraphQL input paths they came from, to point validation errors at
    the input. ``invalidates`` are the cache kinds whose generations the write bumps.
    """

    method: str
    path: str
    body: Any
    collection: Resource
    invalidates: tuple[str, ...]
    key: RecordKey | None = None
    key_prefix: RecordKey = ()
    if_match: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)


async def execute(session: UpstreamSession, write: Write) -> RecordKey:
    """Send ``write`` and return the key of the record it wrote."""
    try:
        response = await _send(
            session, write.method, write.path, write.body, write.if_match, write.collection.kind
        )
    except UpstreamOutcomeUnknown:
        await invalidate(session, write.invalidates)
        raise
    except BadUserInput as error:
        raise _with_field(error, write.fields) from None
    if write.key is not None:
        key = write.key
        if write.method == "POST":
            _check_action(response, write.path)
    else:
        key = (*write.key_prefix, _id_from_location(session, response, write.collection))
    session.accept_claims()  # Visma accepted the write: the whole company reads anew
    await invalidate(session, write.invalidates)
    return key


async def read_fresh(session: UpstreamSession, collection: Resource, key: RecordKey) -> Item:
    """The record as it now stands upstream, bypassing the cache."""
    path = paths.build(collection.record_path, *key)
    response = await _send(session, "GET", path, None, None, collection.kind)
    try:
        data = orjson.loads(response.content)
    except ValueError:
        raise UpstreamError(f"Visma.net sent an unreadable answer for {path}") from None
    if not isinstance(data, dict):
        raise UpstreamError(f"Visma.net sent something other than a record for {path}")
    return data


async def invalidate(session: UpstreamSession, kinds: tuple[str, ...]) -> None:
    """Make the tenant's cached entries of ``kinds`` unreachable, for every principal. A token
    not proven yet bumps nothing: it has no answers cached, and its claims are not proven."""
    for kind in kinds if session.credentials.proven else ():
        await session.upstream.cache.bump_generation(session.credentials.tenant, kind)
    session.forget_generations(kinds)


async def _send(
    session: UpstreamSession, method: str, path: str, body: Any, if_match: str | None, kind: str
) -> httpx.Response:
    client = session.upstream.require_client()
    sender = session.upstream.sender
    if method == "GET":
        return await sender.get(
            client,
            path,
            {},
            session.credentials,
            kind=kind,
            deadline=session.deadline,
            stats=session.stats,
        )
    headers: dict[str, str] = {}
    content: bytes | None = None
    if body is not None:
        content = orjson.dumps(body)
        headers["Content-Type"] = "application/json"
    if if_match is not None:
        headers["If-Match"] = if_match
    return await sender.write(
        client,
        method,
        path,
        session.credentials,
        kind=kind,
        deadline=session.deadline,
        stats=session.stats,
        body=content,
        headers=headers,
    )


def _id_from_location(session: UpstreamSession, response: httpx.Response, coll: Resource) -> str:
    """The new record's id: the last segment of ``Location``, which must point at the
    configured upstream origin and the collection written to."""
    location = response.headers.get("location")
    if not location:
        raise UpstreamError(f"Visma.net created a record in {coll.path} but sent no Location")
    client = session.upstream.client
    base = httpx.URL(session.upstream.settings.visma_api_url if client is None else client.base_url)
    parts = urlsplit(location)
    if (parts.scheme or parts.netloc) and _origin(parts.scheme, parts.hostname, parts) != (
        base.scheme,
        base.host,
        _port(base.scheme, base.port),
    ):
        log.warning("refused a Location on another origin after a write to %s", coll.path)
        raise UpstreamError(
            f"Visma.net answered the write to {coll.path} with a Location on another "
            "origin; it was not followed",
            upstreamStatus=response.status_code,
        )
    base_path = base.path.rstrip("/")
    record_path = parts.path[len(base_path) :] if parts.path.startswith(base_path) else ""
    prefix, _, segment = record_path.rpartition("/")
    if prefix.lower() != coll.path.lower() or not segment:
        raise UpstreamError(f"Visma.net answered the write to {coll.path} with an odd Location")
    return _decode_segment(unquote(segment))


def _check_action(response: httpx.Response, path: str) -> None:
    """An action answers ``{actionId, actionResult, errorInfo}``; a Failed result is an error."""
    try:
        data = orjson.loads(response.content) if response.content else {}
    except ValueError:
        data = {}
    if isinstance(data, dict) and data.get("actionResult") == "Failed":
        info = data.get("errorInfo")
        raise BadUserInput(f"Visma.net could not run {path}: {info or 'the action failed'}")


def _origin(scheme: str, host: str | None, parts: SplitResult) -> tuple[str, str | None, int]:
    try:
        port = parts.port
    except ValueError:
        port = -1
    return scheme.lower(), host, _port(scheme, port)


def _port(scheme: str, port: int | None) -> int:
    if port is not None:
        return port
    return 443 if scheme.lower() == "https" else 80


def _decode_segment(segment: str) -> str:
    match = _B64.fullmatch(segment)
    if match is None:
        return segment
    body = match["body"]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise UpstreamError("Visma.net sent a Location with an unreadable id") from None


def _with_field(error: GatewayError, fields: Mapping[str, str]) -> GatewayError:
    """``error`` with ``field`` set when its upstream message names a field of the input."""
    for name in _QUOTED_NAME.findall(error.message):
        path = fields.get(name.lower())
        if path is not None:
            return BadUserInput(error.message, **error.details, field=path)
    return error
