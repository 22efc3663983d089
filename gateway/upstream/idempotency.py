"""Idempotency keys: a repeated mutation returns the first outcome instead of writing again.

The first call with a key claims it with an atomic ``add`` (an in-flight marker), runs, and
stores its outcome: the key of the record written, or the error. Later calls with the same
key, token and mutation get that outcome; while the first is still running they wait for
it, and give up with CONFLICT rather than write a second time. Records live in their own
store (``gateway.upstream.idempotency_store``), out of the cache's eviction; with Redis the
guarantee holds across replicas, and without a reachable Redis keyed writes are refused.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson

from gateway.errors import (
    BadUserInput,
    Conflict,
    Forbidden,
    GatewayError,
    IdempotencyStoreUnavailable,
    NotFound,
    RateLimited,
    Unauthenticated,
    UpstreamError,
    UpstreamOutcomeUnknown,
    UpstreamTimeout,
)
from gateway.resources.declaration import RecordKey
from gateway.upstream.cache import entry_key
from gateway.upstream.idempotency_store import IdempotencyStore

_ERRORS: dict[str, type[GatewayError]] = {
    cls.code: cls
    for cls in (
        Unauthenticated,
        Forbidden,
        NotFound,
        BadUserInput,
        Conflict,
        RateLimited,
        UpstreamError,
        UpstreamTimeout,
        UpstreamOutcomeUnknown,
    )
}
_POLL_SECONDS = 0.05

log = logging.getLogger(__name__)


class Idempotency:
    """Outcomes of keyed mutations, per principal, for ``ttl`` seconds.

    A claim is held for ``pending_ttl`` seconds and renewed while its write runs, however
    long it waits for budget or concurrency slots, so that it lapses only when its process
    died. A second caller waits up to ``wait_seconds`` for the first one's outcome.
    """

    def __init__(
        self, store: IdempotencyStore, ttl: int, pending_ttl: float, wait_seconds: float
    ) -> None:
        self.store = store
        self.ttl = ttl
        self.pending_ttl = pending_ttl
        self.wait_seconds = wait_seconds

    async def run(
        self,
        principal: str,
        mutation: str,
        key: str,
        arguments: Any,
        write: Callable[[], Awaitable[RecordKey]],
    ) -> RecordKey:
        """``write()``'s result, or the stored outcome of its first run under ``key``."""
        if not key or len(key) > 255:
            raise BadUserInput("idempotencyKey must be 1 to 255 characters", field="idempotencyKey")
        record = entry_key(principal, mutation, key)
        fingerprint = hashlib.sha256(orjson.dumps(arguments, option=orjson.OPT_SORT_KEYS))
        marker = {"state": "pending", "fingerprint": fingerprint.hexdigest()}
        if not await self.store.claim(record, marker, self.pending_ttl):
            return await self._replay(record, marker["fingerprint"])
        renewal = asyncio.create_task(self._renew(record))
        try:
            record_key = await write()
        except GatewayError as error:
            stored = {"code": error.code, "message": error.message, "details": error.details}
            await self._keep(record, {**marker, "error": stored, "state": "done"})
            raise
        except BaseException:
            await self._keep(record, {**marker, "state": "failed"})
            raise
        finally:
            renewal.cancel()
        await self._keep(record, {**marker, "state": "done", "key": list(record_key)})
        return record_key

    async def _renew(self, record: str) -> None:
        while True:
            await asyncio.sleep(self.pending_ttl / 3)
            try:
                await self.store.extend(record, self.pending_ttl)
            except IdempotencyStoreUnavailable:
                log.warning("idempotency claim could not be renewed; trying again")

    async def _keep(self, record: str, outcome: dict[str, Any]) -> None:
        """Store the outcome; when the store fails now, the write has happened all the same,
        so its caller gets its answer and the claim stays until it lapses."""
        try:
            await self.store.put(record, outcome, self.ttl)
        except IdempotencyStoreUnavailable:
            log.error("the outcome of an idempotent write could not be stored")

    async def _replay(self, cache_key: str, fingerprint: str) -> RecordKey:
        deadline = time.monotonic() + self.wait_seconds
        while True:
            entry = await self.store.get(cache_key)
            if not isinstance(entry, dict):
                raise Conflict(
                    "The first mutation with this idempotencyKey left no outcome; use a new key",
                    field="idempotencyKey",
                )
            if entry.get("fingerprint") != fingerprint:
                raise BadUserInput(
                    "idempotencyKey was already used with other arguments",
                    field="idempotencyKey",
                )
            if entry.get("state") == "done":
                break
            if entry.get("state") == "failed":
                raise UpstreamError(
                    "The first mutation with this idempotencyKey failed unexpectedly; use a new key"
                )
            if time.monotonic() >= deadline:
                raise Conflict(
                    "A mutation with this idempotencyKey is still in progress",
                    field="idempotencyKey",
                )
            await asyncio.sleep(_POLL_SECONDS)
        error = entry.get("error")
        if isinstance(error, dict):
            cls = _ERRORS.get(str(error.get("code")), UpstreamError)
            details = error.get("details")
            extra = details if isinstance(details, dict) else {}
            raise cls(str(error.get("message")), **{**extra, "idempotentReplay": True})
        return tuple(str(part) for part in entry.get("key", []))
