"""Idempotency keys: a repeated mutation returns the first outcome instead of writing again.

The first call with a key claims it with an atomic ``add`` (an in-flight marker), runs, and
stores its outcome: the key of the record written, or the error. Later calls with the same
key, token and mutation get that outcome; while the first is still running they wait for
it, and give up with CONFLICT rather than write a second time. Entries live in the cache
backend, so with a shared backend the guarantee holds across replicas.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson

from gateway.cache import Cache, entry_key
from gateway.collections import RecordKey
from gateway.errors import (
    BadUserInput,
    Conflict,
    Forbidden,
    GatewayError,
    NotFound,
    RateLimited,
    Unauthenticated,
    UpstreamError,
    UpstreamOutcomeUnknown,
    UpstreamTimeout,
)

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


class Idempotency:
    """Outcomes of keyed mutations, per principal, for ``ttl`` seconds."""

    def __init__(self, cache: Cache, ttl: int, wait_seconds: float) -> None:
        self.cache = cache
        self.ttl = ttl
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
        cache_key = entry_key("idem", principal, mutation, key)
        fingerprint = hashlib.sha256(orjson.dumps(arguments, option=orjson.OPT_SORT_KEYS))
        marker = {"state": "pending", "fingerprint": fingerprint.hexdigest()}
        pending_ttl = max(1, int(self.wait_seconds) + 1)
        if not await self.cache.add(cache_key, marker, pending_ttl):
            return await self._replay(cache_key, marker["fingerprint"])
        try:
            record_key = await write()
        except GatewayError as error:
            stored = {"code": error.code, "message": error.message, "details": error.details}
            outcome = {"error": stored, **marker}
            await self.cache.set(cache_key, {**outcome, "state": "done"}, self.ttl)
            raise
        except BaseException:
            await self.cache.set(cache_key, {**marker, "state": "failed"}, self.ttl)
            raise
        done = {**marker, "state": "done", "key": list(record_key)}
        await self.cache.set(cache_key, done, self.ttl)
        return record_key

    async def _replay(self, cache_key: str, fingerprint: str) -> RecordKey:
        deadline = time.monotonic() + self.wait_seconds
        while True:
            entry = await self.cache.get(cache_key)
            if not isinstance(entry, dict):
                raise Conflict(
                    "The first mutation with this idempotencyKey left no outcome; use a new key"
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
                raise Conflict("A mutation with this idempotencyKey is still in progress")
            await asyncio.sleep(_POLL_SECONDS)
        error = entry.get("error")
        if isinstance(error, dict):
            cls = _ERRORS.get(str(error.get("code")), UpstreamError)
            details = error.get("details")
            extra = details if isinstance(details, dict) else {}
            raise cls(str(error.get("message")), **{**extra, "idempotentReplay": True})
        return tuple(str(part) for part in entry.get("key", []))
