"""The response cache: the finished answer of a repeated query, served without executing it.

An answer is kept under a digest of the caller's principal (a digest of the token, never the
token), the company its cache entries are grouped under, the document (the SHA-256 of its
text, which is also its persisted-query hash), the operation name and the variables. With it
go the generations of every (company, kind) the execution read data under. It is served only
while each of those generations is unchanged: a webhook or a write through the gateway that
bumps one, on any replica when the cache is in Redis, makes it unreachable at once. It lives
no longer than the shortest TTL of the kinds it read. Only queries answered without errors
are kept, and only for proven principals.

Entries live in each replica's memory, bounded by their size in bytes; their generations are
read from the data cache, shared by every replica when that is Redis. An entry holds the
serialized ``data`` (and ``warnings``); a hit gets a fresh operation id and
``extensions.responseCache: "hit"``. The ETag is a digest of those bytes alone, so identical
data has the same ETag whatever the operation id.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import GraphQLError, OperationType, get_operation_ast, parse

from gateway.credentials import Credentials
from gateway.edge.persisted_queries import query_hash
from gateway.upstream.cache import Cache, MemoryCache

HIT = "hit"
MISS = "miss"


@dataclass(frozen=True)
class Answer:
    """A kept answer and the generations it is valid under."""

    data: bytes  # the JSON of the response's ``data``
    warnings: bytes | None  # the JSON of ``extensions.warnings``, when there were any
    etag: str
    tenant: str
    generations: tuple[tuple[str, int], ...]

    def body(self, extensions: Mapping[str, Any]) -> bytes:
        """The response body: the kept data and warnings with this response's extensions."""
        encoded = orjson.dumps(extensions)
        if self.warnings is not None:
            rest = b"}" if encoded == b"{}" else b"," + encoded[1:]
            encoded = b'{"warnings":' + self.warnings + rest
        return b"".join((b'{"data":', self.data, b',"extensions":', encoded, b"}"))

    @property
    def size(self) -> int:
        return len(self.data) + len(self.warnings or b"")


def answer_of(
    data: Any, warnings: list[dict[str, Any]], tenant: str, generations: Mapping[str, int]
) -> Answer:
    """The answer to keep of an executed query's ``data`` and ``warnings``."""
    encoded = orjson.dumps(data)
    kept_warnings = orjson.dumps(warnings) if warnings else None
    digest = hashlib.sha256(encoded)
    digest.update(b"\0" + (kept_warnings or b""))
    return Answer(
        encoded,
        kept_warnings,
        f'"{digest.hexdigest()[:32]}"',
        tenant,
        tuple(sorted(generations.items())),
    )


def operation_key(
    credentials: Credentials, payload: Mapping[str, Any], *, hashes_accepted: bool
) -> str | None:
    """The key of a GraphQL request's answer (``payload``: its JSON object, with ``variables``
    and ``extensions`` decoded), or None when the request is not one to look up, because
    executing it would be refused: no document, a persisted-query extension that is malformed,
    not ``hashes_accepted``, or does not match the text sent along."""
    query, name, variables = (payload.get(k) for k in ("query", "operationName", "variables"))
    if query is not None and not isinstance(query, str):
        return None
    extensions = payload.get("extensions")
    persisted = None
    if isinstance(extensions, dict) and "persistedQuery" in extensions:
        persisted = _persisted_hash(extensions["persistedQuery"])
        if persisted is None or not hashes_accepted:
            return None
    document = query_hash(query) if query is not None else persisted
    if document is None or (persisted is not None and persisted != document):
        return None
    if not (name is None or isinstance(name, str)) or not (
        variables is None or isinstance(variables, dict)
    ):
        return None
    try:
        identity = orjson.dumps(
            [credentials.principal, credentials.cache_group, document, name, variables or {}],
            option=orjson.OPT_SORT_KEYS,
        )
    except TypeError:  # orjson.JSONEncodeError: a number beyond 64 bits
        return None
    return "resp|" + hashlib.sha256(identity).hexdigest()


def runs_a_query(query: str | None, operation_name: str | None) -> bool:
    """Whether ``query`` runs a query operation (not a mutation or subscription)."""
    if query is None:
        return False
    try:
        operation = get_operation_ast(parse(query, no_location=True), operation_name)
    except GraphQLError:
        return False
    return operation is not None and operation.operation == OperationType.QUERY


def matches(etag: str, if_none_match: str | None) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weakly compared, as RFC 9110
    says for this header)."""
    if if_none_match is None:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


class ResponseCache:
    """Answers by key, in this replica's memory; generations from the data cache."""

    def __init__(
        self,
        generations: Cache,
        max_bytes: int,
        ttl: Callable[[str], int],
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.generations = generations
        self.entries = MemoryCache(max_bytes, bytes_per_json_byte=1)
        self.ttl = ttl
        self.clock = clock

    def usable_by(self, credentials: Credentials) -> bool:
        """Whether answers are kept for and served to ``credentials``: proven, not expired."""
        expired = credentials.expires_at is not None and credentials.expires_at <= self.clock()
        return credentials.proven and not expired

    async def find(self, key: str) -> Answer | None:
        """The answer under ``key`` while every generation it was built under is current."""
        answer = await self.entries.get(key)
        if not isinstance(answer, Answer):
            return None
        current = await asyncio.gather(
            *(self.generations.generation(answer.tenant, kind) for kind, _ in answer.generations)
        )
        if any(now != then for now, (_, then) in zip(current, answer.generations, strict=True)):
            return None
        return answer

    async def keep(self, key: str, answer: Answer) -> bool:
        """Keep ``answer`` for the shortest TTL of the kinds it read; False when it read
        none (nothing would tell when it goes stale)."""
        if not answer.generations:
            return False
        ttl = min(self.ttl(kind) for kind, _ in answer.generations)
        await self.entries.set(key, answer, ttl, size=answer.size)
        return True


def _persisted_hash(persisted: Any) -> str | None:
    """The hash of a well-formed ``persistedQuery`` extension, else None."""
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        return None
    requested = persisted.get("sha256Hash")
    return requested.lower() if isinstance(requested, str) else None
