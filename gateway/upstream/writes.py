"""The write path to Visma.net: POST/PUT with the caller's token, never retried.

A write is sent once, never retried, through the sender (budget, breaker, metrics). A
create's new id comes from the ``Location`` header (``gateway.upstream.location``), or from
the id its input gave. After a success the
record is read back fresh (never from the cache), and the generations of what the write
changed are bumped for the caller's tenant so that every principal of the company reads anew.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from gateway.errors import (
    BadUserInput,
    Forbidden,
    GatewayError,
    NotFound,
    UpstreamError,
    UpstreamOutcomeUnknown,
)
from gateway.resources.declaration import RecordKey, Resource
from gateway.upstream import paths
from gateway.upstream.background import (
    BACKGROUND_HEADER,
    JobState,
    follow,
    job_body,
    job_state,
    state_path,
)
from gateway.upstream.files import FileBody
from gateway.upstream.location import created_id
from gateway.upstream.scopes import missing_scope
from gateway.upstream.session import Item, UpstreamSession

_QUOTED_NAME = re.compile(r"'([A-Za-z][A-Za-z0-9]*)'")


@dataclass(frozen=True)
class Write:
    """One write and what it touches.

    ``key`` is the record's key when it exists already (update, or a POST action such as
    release, whose ``actionResult`` is checked); for a create the
    key is ``key_prefix`` plus the id from ``Location``, or ``given_id`` (the id the input
    named, if any) when Location names none. ``fields`` maps DTO field names
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
    given_id: str | None = None
    if_match: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def action(self) -> bool:
        """A POST to an existing record: an action such as release."""
        return self.key is not None and self.method == "POST"


@dataclass(frozen=True)
class Written:
    """What a write tells of the record it wrote: its key, its new version (the ETag) when
    Visma sent one, and the background job still running it, if any."""

    key: RecordKey
    version: str | None = None
    job: JobState | None = None


async def execute(session: UpstreamSession, write: Write) -> Written:
    """Send ``write`` and return the key (and version) of the record it wrote. An action is
    sent through Visma's background API when ``GATEWAY_BACKGROUND_WAIT`` is set, and followed
    for that long."""
    wait = session.upstream.settings.background_wait if write.action else 0.0
    kind = write.collection.kind
    job = None
    try:
        response = await _send(
            session, write.method, write.path, write.body, write.if_match, kind, background=wait > 0
        )
        if response.status_code == 202 and wait > 0:

            async def get(path: str) -> httpx.Response:
                return await _send(session, "GET", path, None, None, kind)

            job = await follow(response, wait, get, write.path)
    except UpstreamOutcomeUnknown:
        await invalidate(session, write.invalidates)
        raise
    except BadUserInput as error:
        raise _with_field(error, write.fields) from None
    except Forbidden as error:
        verb = "create" if write.key is None else "update"
        raise missing_scope(error, verb, f"{write.collection.name} records") from None
    if write.key is not None:
        key = write.key
        if write.action and response.status_code != 202:
            _check_action(response, write.path)
    else:
        key = _created_key(session, response, write)
    session.accept_claims()  # Visma accepted the write: the whole company reads anew
    await invalidate(session, write.invalidates)
    return Written(key, version_of(response), job)


async def read_fresh(
    session: UpstreamSession, collection: Resource, key: RecordKey
) -> tuple[Item, str | None]:
    """The record as it now stands upstream, bypassing the cache, and its version."""
    session.read_uncached()
    path = paths.build(collection.single_path, *key)
    response = await _send(session, "GET", path, None, None, collection.kind)
    try:
        data = orjson.loads(response.content)
    except ValueError:
        raise UpstreamError(f"Visma.net sent an unreadable answer for {path}") from None
    if not isinstance(data, dict):
        raise UpstreamError(f"Visma.net sent something other than a record for {path}")
    return data, version_of(response)


async def read_job(session: UpstreamSession, job_id: str) -> JobState | None:
    """A background job as Visma now reports it; None when Visma knows no such job."""
    session.read_uncached()
    try:
        response = await _send(session, "GET", state_path(job_id), None, None, "background")
    except NotFound:
        return None
    return job_state(job_id, job_body(response))


def version_of(response: httpx.Response) -> str | None:
    """The version an ``ETag`` header names (``"v"``, ``W/"v"`` or Visma's bare ``v``)."""
    etag = response.headers.get("etag", "").strip()
    etag = etag.removeprefix("W/")
    if len(etag) >= 2 and etag[0] == etag[-1] == '"':
        etag = etag[1:-1]
    return etag or None


async def invalidate(session: UpstreamSession, kinds: tuple[str, ...]) -> None:
    """Make the tenant's cached entries of ``kinds`` unreachable, for every principal. A token
    not proven yet bumps nothing: it has no answers cached, and its claims are not proven."""
    for kind in kinds if session.credentials.proven else ():
        await session.upstream.cache.bump_generation(session.credentials.tenant, kind)
    session.forget_generations(kinds)


async def _send(
    session: UpstreamSession,
    method: str,
    path: str,
    body: Any,
    if_match: str | None,
    kind: str,
    *,
    background: bool = False,
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
    content: bytes | AsyncIterator[bytes] | None = None
    if isinstance(body, FileBody):
        multipart = body.multipart()
        content = multipart.pieces
        headers["Content-Type"] = multipart.content_type
        headers["Content-Length"] = str(multipart.length)
    elif body is not None:
        content = orjson.dumps(body)
        headers["Content-Type"] = "application/json"
    if if_match is not None:
        headers["If-Match"] = f'"{if_match}"'
    if background:
        headers[BACKGROUND_HEADER] = "none"
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


def _created_key(session: UpstreamSession, response: httpx.Response, write: Write) -> RecordKey:
    """The key of the record a create wrote: from ``Location``, else from the id the input
    gave. Visma has written the record either way, so failing to name it says so."""
    client = session.upstream.client
    base = httpx.URL(session.upstream.settings.visma_api_url if client is None else client.base_url)
    location = response.headers.get("location")
    ident = created_id(location, base, write.collection, write.key_prefix) or write.given_id
    if ident is None:
        what = "no Location" if not location else "a Location that names no record of it"
        raise UpstreamError(
            f"Visma.net created the record in {write.collection.path} but answered with {what}; "
            "it was written: find it by a query rather than write it again",
            upstreamStatus=response.status_code,
            written=True,
        )
    return (*write.key_prefix, ident)


def _check_action(response: httpx.Response, path: str) -> None:
    """An action answers ``{actionId, actionResult, errorInfo}``; a Failed result is an error."""
    try:
        data = orjson.loads(response.content) if response.content else {}
    except ValueError:
        data = {}
    if isinstance(data, dict) and data.get("actionResult") == "Failed":
        info = data.get("errorInfo")
        raise BadUserInput(f"Visma.net could not run {path}: {info or 'the action failed'}")


def _with_field(error: GatewayError, fields: Mapping[str, str]) -> GatewayError:
    """``error`` with ``field`` set when its upstream message names a field of the input."""
    for name in _QUOTED_NAME.findall(error.message):
        path = fields.get(name.lower())
        if path is not None:
            return BadUserInput(error.message, **error.details, field=path)
    return error
