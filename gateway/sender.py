"""One call to Visma on behalf of one principal: budget, breaker, concurrency cap, retries.

Every request draws on the budget and passes the breaker. GETs are retried on connection
errors, timeouts and 502/503/504 with bounded exponential backoff and jitter, and after a
429 once its ``Retry-After`` has passed (through the budget), all within the operation's
deadline. Writes are sent once and never retried. Every failure ends as a coded
``GatewayError``.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

from gateway.auth import Credentials
from gateway.breaker import CircuitBreaker
from gateway.budget import Budget
from gateway.errors import (
    UpstreamTimeout,
    from_transport_error,
    from_upstream_response,
    from_write_transport_error,
)
from gateway.metrics import Metrics
from gateway.proofs import Proofs
from gateway.response_cap import ResponseTooLarge
from gateway.settings import Settings

log = logging.getLogger(__name__)

USER_AGENT = "visma-graphql-gateway/0.1"
_RETRYABLE_STATUS = frozenset({502, 503, 504})


@dataclass
class CallStats:
    """What one operation cost upstream."""

    calls: int = 0
    cache_hits: int = 0


class Sender:
    def __init__(
        self,
        settings: Settings,
        budget: Budget,
        breaker: CircuitBreaker,
        metrics: Metrics,
        proofs: Proofs,
        *,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.settings = settings
        self.budget = budget
        self.breaker = breaker
        self.metrics = metrics
        self.proofs = proofs
        self._jitter = jitter
        self._slots: weakref.WeakValueDictionary[str, asyncio.Semaphore] = (
            weakref.WeakValueDictionary()
        )

    async def get(
        self,
        client: httpx.AsyncClient,
        path: str,
        params: Mapping[str, str],
        credentials: Credentials,
        *,
        kind: str,
        deadline: float,
        stats: CallStats,
    ) -> httpx.Response:
        """A successful answer to ``GET path``, or the coded error of the last attempt."""
        attempt = 0
        while True:
            try:
                response = await self._attempt(
                    client,
                    "GET",
                    path,
                    credentials,
                    kind,
                    deadline,
                    stats,
                    params=params,
                    attempt=attempt,
                )
            except httpx.TransportError as error:
                if not isinstance(error, ResponseTooLarge) and await self._backoff(
                    attempt, deadline
                ):
                    attempt += 1
                    self.metrics.retries.inc()
                    continue
                raise from_transport_error(error, path) from None
            if response.is_success:
                return response
            status = response.status_code
            retry = (status in _RETRYABLE_STATUS and await self._backoff(attempt, deadline)) or (
                status == 429 and attempt < self.settings.upstream_retries
            )
            if retry:
                attempt += 1
                self.metrics.retries.inc()
                continue
            raise from_upstream_response(status, response.content, response.headers, path)

    async def write(
        self,
        client: httpx.AsyncClient,
        method: str,
        path: str,
        credentials: Credentials,
        *,
        kind: str,
        deadline: float,
        stats: CallStats,
        body: bytes | None,
        headers: Mapping[str, str],
    ) -> httpx.Response:
        """Send a write once: never retried, whatever happens."""
        try:
            response = await self._attempt(
                client,
                method,
                path,
                credentials,
                kind,
                deadline,
                stats,
                content=body,
                headers=headers,
            )
        except httpx.TransportError as error:
            raise from_write_transport_error(error, path) from None
        if not response.is_success:
            raise from_upstream_response(
                response.status_code, response.content, response.headers, path
            )
        return response

    async def _attempt(
        self,
        client: httpx.AsyncClient,
        method: str,
        path: str,
        credentials: Credentials,
        kind: str,
        deadline: float,
        stats: CallStats,
        *,
        params: Mapping[str, str] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        attempt: int = 0,
    ) -> httpx.Response:
        """One request: budget, breaker, the principal's concurrency cap, metrics, logs."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise UpstreamTimeout(f"The operation ran out of time at {method} {path}")
        key = credentials.budget_key
        await self.budget.acquire(key, min(self.settings.rate_limit_wait, left))
        self.breaker.before_call()
        slot = self._slots.get(key)
        if slot is None:
            slot = asyncio.Semaphore(self.settings.upstream_concurrency)
            self._slots[key] = slot
        sent = {"Authorization": credentials.authorization, "Accept": "application/json"}
        sent.update(headers or {})
        try:
            async with slot:
                stats.calls += 1
                response = await client.request(
                    method,
                    path,
                    params=dict(params or {}),
                    content=content,
                    headers=sent,
                    timeout=min(self.settings.upstream_timeout, max(0.001, left)),
                )
        except httpx.TransportError as error:
            self.metrics.upstream_calls.labels(kind, "0").inc()
            self.breaker.failed()
            log.warning(
                "upstream %s %s failed: %s",
                method,
                path,
                type(error).__name__,
                extra={"attempt": attempt + 1},
            )
            raise
        status = response.status_code
        self.metrics.upstream_calls.labels(kind, str(status)).inc()
        log.info(
            "upstream %s %s -> %s",
            method,
            path,
            status,
            extra={"attempt": attempt + 1, "seconds": response.elapsed.total_seconds()},
        )
        await self.budget.observe(key, response.headers, status)
        await self.proofs.observe(credentials, status)
        if status >= 500:
            self.breaker.failed()
        else:
            self.breaker.succeeded()
        return response

    async def _backoff(self, attempt: int, deadline: float) -> bool:
        """Sleep before another attempt; False when no attempt is left or time is up."""
        if attempt >= self.settings.upstream_retries:
            return False
        base = self.settings.retry_backoff * 2**attempt
        delay = min(self.settings.retry_backoff_max, base) * (0.5 + self._jitter())
        if time.monotonic() + delay >= deadline:
            return False
        await asyncio.sleep(delay)
        return True
