"""Persisted queries: Apollo's automatic persisted queries (APQ) and an allow-list mode.

The protocol: a request carries ``extensions.persistedQuery = {"version": 1, "sha256Hash": H}``
(on GET as the JSON ``extensions`` parameter). With the hash alone, the gateway runs the query
it knows under H or answers ``PersistedQueryNotFound``, and the client sends it again with the
query text, which the gateway checks against H, keeps in the cache and runs.

``GATEWAY_PERSISTED_QUERIES`` chooses the mode: ``apq`` (default) as above; ``allowlist`` runs
only the operations of a manifest (``GATEWAY_PERSISTED_QUERIES_FILE``), by hash or by text, and
registers nothing; ``off`` refuses the extension so that clients fall back to plain queries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from strawberry.http import GraphQLRequestData

from gateway.errors import (
    BadUserInput,
    PersistedQueryNotAllowed,
    PersistedQueryNotFound,
    PersistedQueryNotSupported,
)
from gateway.settings import Settings, SettingsError
from gateway.upstream.cache import Cache, entry_key

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def query_hash(query: str) -> str:
    """The protocol's hash of a query text: SHA-256 of its UTF-8 bytes, lowercase hex."""
    return hashlib.sha256(query.encode()).hexdigest()


class PersistedQueries:
    """Turns a request's persisted-query extension into the query text to run, or refuses it
    with a coded ``PersistedQueryError`` / ``BadUserInput`` before anything executes."""

    def __init__(
        self, mode: str, cache: Cache, ttl: int, allowed: Mapping[str, str] | None = None
    ) -> None:
        self.mode = mode
        self.cache = cache
        self.ttl = ttl
        self.allowed = dict(allowed or {})

    async def resolve(self, data: GraphQLRequestData) -> GraphQLRequestData:
        """``data`` with its query text filled in and checked against the mode."""
        requested = _requested_hash(data.extensions)
        if self.mode == "allowlist":
            return dataclasses.replace(data, query=self._allowed_query(data.query, requested))
        if requested is None:
            return data
        if self.mode == "off":
            raise PersistedQueryNotSupported("PersistedQueryNotSupported")
        key = entry_key("apq", requested)
        if data.query is None:
            stored = await self.cache.get(key)
            if not isinstance(stored, str):
                raise PersistedQueryNotFound("PersistedQueryNotFound")
            return dataclasses.replace(data, query=stored)
        if query_hash(data.query) != requested:
            raise BadUserInput("provided sha256Hash does not match the query")
        await self.cache.set(key, data.query, self.ttl)
        return data

    def _allowed_query(self, query: str | None, requested: str | None) -> str:
        if query is None:
            if requested is not None and requested in self.allowed:
                return self.allowed[requested]
        elif requested in (None, query_hash(query)) and query_hash(query) in self.allowed:
            return query
        raise PersistedQueryNotAllowed(
            "Only registered operations run on this gateway; this one is not registered"
        )


def _requested_hash(extensions: Mapping[str, Any] | None) -> str | None:
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, Mapping) or persisted.get("version") != 1:
        raise BadUserInput("persistedQuery must be {version: 1, sha256Hash: ...}")
    requested = persisted.get("sha256Hash")
    if not isinstance(requested, str) or not _SHA256_HEX.fullmatch(requested.lower()):
        raise BadUserInput("persistedQuery.sha256Hash must be a SHA-256 hex digest")
    return requested.lower()


def load_manifest(path: str) -> dict[str, str]:
    """Read an allow-list: ``{"<sha256>": "<query>", ...}``, or Apollo's persisted query
    manifest (``{"operations": [{"id": ..., "body": ...}]}``). Every hash is checked."""
    name = "GATEWAY_PERSISTED_QUERIES_FILE"
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SettingsError(f"{name}: cannot read {path!r}: {error}") from None
    if isinstance(raw, dict) and isinstance(raw.get("operations"), list):
        pairs = [(op.get("id"), op.get("body")) for op in raw["operations"] if isinstance(op, dict)]
    elif isinstance(raw, dict):
        pairs = list(raw.items())
    else:
        raise SettingsError(f"{name}: expected a JSON object of sha256 hash to query")
    manifest: dict[str, str] = {}
    for digest, query in pairs:
        if not isinstance(digest, str) or not isinstance(query, str):
            raise SettingsError(f"{name}: every entry needs a hash and a query text")
        if query_hash(query) != digest.lower():
            raise SettingsError(f"{name}: {digest!r} is not the sha256 of its query")
        manifest[digest.lower()] = query
    return manifest


def create_persisted_queries(settings: Settings, cache: Cache) -> PersistedQueries:
    """The persisted-query handling that ``settings`` ask for (the allow-list read once)."""
    allowed = None
    if settings.persisted_queries == "allowlist":
        allowed = load_manifest(settings.persisted_queries_file)
    return PersistedQueries(
        settings.persisted_queries, cache, settings.persisted_queries_ttl, allowed
    )
