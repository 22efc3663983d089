"""One call to Visma on behalf of one principal: allowance, budget, breakers, concurrency
caps, timeouts, retries.

Every request is charged to its operation's allowance of calls (the estimate it was admitted
with; retries of a call are bounded by ``GATEWAY_UPSTREAM_RETRIES`` instead), draws on the
budget, passes the breakers and takes a slot of its operation (``GATEWAY_OPERATION_CONCURRENCY``)
and of its company (``GATEWAY_UPSTREAM_CONCURRENCY``), so one operation cannot hold all of a
company's slots. The per-call timeout and the operation's deadline bound every wait and the
whole exchange, not each read. GETs are retried on connection
errors, timeouts and 502/503/504 with bounded exponential backoff and jitter, and after a
429 once its ``Retry-After`` has passed (through the budget), all within the operation's
deadline. Writes are sent once and never retried. Every failure ends as a coded
``GatewayError``.

``stream`` is a GET whose successful answer comes back with its body unread (files): it is
counted, paced and retried like any GET until its headers have come, and keeps its slots
until the caller closes it; how long its body takes is then the caller's to bound. A ``get``
with a ``watch`` shows the watcher its successful answer's body, decoded, as it arrives.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import weakref
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass

import anyio
import httpx

from gateway.credentials import Credentials
from gateway.errors import (
    QueryTooCostly,
    ResponseTooLarge,
    UpstreamTimeout,
    from_transport_error,
    from_upstream_response,
    from_write_transport_error,
)
from gateway.metrics import Metrics
from gateway.settings import Settings
from gateway.upstream.breaker import Breakers, Ticket
from gateway.upstream.budget import Budget
from gateway.upstream.proofs import Proofs
from gateway.upstream.response_cap import too_large

log = logging.getLogger(__name__)

USER_AGENT = "visma-graphql-gateway/0.1"
_RETRYABLE_STATUS = frozenset({502, 503, 504})
# Failures that show Visma could not be reached at all, whoever called.
_UNREACHED = (httpx.ConnectError, httpx.ConnectTimeout)
Slots = tuple[asyncio.Semaphore, asyncio.Semaphore]
# Closings of streamed answers whose callers are gone, kept until done (the loop keeps only
# weak references to tasks).
_closing: set[asyncio.Task[None]] = set()


@dataclass
class CallStats:
    """One operation's account upstream: what it cost, what it was admitted to spend
    (``admitted`` calls, None for no limit) and its lane of calls in flight."""

    lane: asyncio.Semaphore
    calls: int = 0
    cache_hits: int = 0
    admitted: int | None = None
    spent: int = 0

    def spend(self, method: str, path: str) -> None:
        """Charge one call, or raise QUERY_TOO_COSTLY when the allowance is spent."""
        if self.admitted is not None and self.spent >= self.admitted:
            raise QueryTooCostly(
                f"This operation has spent the {self.admitted} Visma.net calls it was "
                f"admitted with, so {method} {path} was not sent; ask for fewer items or "
                "fewer nested lists",
                admittedCalls=self.admitted,
            )
        self.spent += 1


class Sender:
    def __init__(
        self,
        settings: Settings,
        budget: Budget,
        breakers: Breakers,
        metrics: Metrics,
        proofs: Proofs,
        *,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.settings = settings
        self.budget = budget
        self.breakers = breakers
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
        headers: Mapping[str, str] | None = None,
        watch: Callable[[bytes], None] | None = None,
    ) -> httpx.Response:
        """A successful answer to ``GET path``, or the coded error of the last attempt.
        ``watch`` is handed each piece of a successful answer's body as it arrives (of each
        attempt's: one may be cut off and sent again); it must not raise."""
        return await self._get(
            client, path, params, credentials, kind, deadline, stats, headers, watch=watch
        )

    async def stream(
        self,
        client: httpx.AsyncClient,
        path: str,
        credentials: Credentials,
        *,
        kind: str,
        deadline: float,
        stats: CallStats,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """A successful answer to ``GET path`` with its body not yet read, or the coded error
        of the last attempt. Attempts are made as ``get`` makes them, all before any byte of
        the body is read; the caller must close the answer, which holds the call's slots."""
        return await self._get(
            client, path, {}, credentials, kind, deadline, stats, headers, stream=True
        )

    async def _get(
        self,
        client: httpx.AsyncClient,
        path: str,
        params: Mapping[str, str],
        credentials: Credentials,
        kind: str,
        deadline: float,
        stats: CallStats,
        headers: Mapping[str, str] | None,
        *,
        stream: bool = False,
        watch: Callable[[bytes], None] | None = None,
    ) -> httpx.Response:
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
                    headers=headers,
                    attempt=attempt,
                    stream=stream,
                    watch=watch,
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
        body: bytes | AsyncIterator[bytes] | None,
        headers: Mapping[str, str],
    ) -> httpx.Response:
        """Send a write once: never retried, whatever happens (a streamed body could not be
        sent again)."""
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
        content: bytes | AsyncIterator[bytes] | None = None,
        headers: Mapping[str, str] | None = None,
        attempt: int = 0,
        stream: bool = False,
        watch: Callable[[bytes], None] | None = None,
    ) -> httpx.Response:
        """One request: allowance, budget, breakers, concurrency caps, metrics, logs."""
        if attempt == 0:
            stats.spend(method, path)
        sent = {"Authorization": credentials.authorization, "Accept": "application/json"}
        sent.update(headers or {})
        request = client.build_request(
            method, path, params=dict(params or {}), content=content, headers=sent
        )
        key = credentials.budget_key
        await self.budget.acquire(key, min(self.settings.rate_limit_wait, _left(deadline)))
        ticket = await self.breakers.admit(key, _left(deadline))
        try:
            company = self._slots.get(key)
            if company is None:
                company = asyncio.Semaphore(self.settings.upstream_concurrency)
                self._slots[key] = company
            await _acquire((stats.lane, company), deadline, f"{method} {path}")
        except BaseException:
            ticket.close()
            raise
        stats.calls += 1
        exchange = self._exchange(
            client, request, ticket, (stats.lane, company), kind, deadline, attempt, stream, watch
        )
        if ticket.probing:
            # The breakers must hear the probe's verdict even if its caller is cancelled;
            # a failure nobody awaits any more is retrieved here, not reported as lost.
            probe = asyncio.ensure_future(exchange)
            probe.add_done_callback(lambda done: done.cancelled() or done.exception())
            try:
                response = await asyncio.shield(probe)
            except asyncio.CancelledError:
                probe.add_done_callback(_close_unclaimed)
                raise
        else:
            response = await exchange
        try:
            await self.proofs.observe(credentials, response.status_code)
        except BaseException:
            await _discard(response)
            raise
        return response

    async def _exchange(
        self,
        client: httpx.AsyncClient,
        request: httpx.Request,
        ticket: Ticket,
        slots: Slots,
        kind: str,
        deadline: float,
        attempt: int,
        stream: bool,
        watch: Callable[[bytes], None] | None,
    ) -> httpx.Response:
        """Send within the per-call timeout and the operation's deadline, both counted
        over the whole exchange (httpx's own timeouts count per read), and tell the breakers.
        With ``stream``, a successful answer's body is left unread (the timeout then ends with
        its headers) and the principal's slot is released when it is closed. The operation's
        lane is released as soon as the answer's headers have come: it bounds the calls the
        operation has waiting for Visma, and a body being received holds the principal's
        slot alone (so a bulk read's later pages are not held back by the earlier answers
        still arriving)."""
        method, path = request.method, request.url.path
        started = time.monotonic()
        kept = False
        lane = slots[0]
        held = list(slots)

        def answered() -> None:
            if lane in held:
                held.remove(lane)
                lane.release()

        try:
            try:
                async with asyncio.timeout(min(self.settings.upstream_timeout, _left(deadline))):
                    response = await _send(
                        client, request, stream, watch, answered, self.settings.max_upstream_bytes
                    )
            except TimeoutError:
                raise httpx.ReadTimeout("no complete answer in time", request=request) from None
            if response.status_code >= 500:
                ticket.failed(reached=True)
            else:
                ticket.succeeded()
            kept = not response.is_closed
            if kept:
                response.stream = _HoldingSlots(response.stream, tuple(held))
        except httpx.TransportError as error:
            self.metrics.upstream_calls.labels(kind, "0").inc()
            ticket.failed(reached=not isinstance(error, _UNREACHED))
            log.warning(
                "upstream %s %s failed: %s",
                method,
                path,
                type(error).__name__,
                extra={"attempt": attempt + 1},
            )
            raise
        finally:
            ticket.close()
            if not kept:
                for slot in held:
                    slot.release()
        status = response.status_code
        self.metrics.upstream_calls.labels(kind, str(status)).inc()
        log.info(
            "upstream %s %s -> %s",
            method,
            path,
            status,
            extra={"attempt": attempt + 1, "seconds": time.monotonic() - started},
        )
        try:
            await self.budget.observe(ticket.company, response.headers, status)
        except BaseException:
            await _discard(response)
            raise
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


async def _send(
    client: httpx.AsyncClient,
    request: httpx.Request,
    stream: bool,
    watch: Callable[[bytes], None] | None,
    answered: Callable[[], None],
    max_bytes: int,
) -> httpx.Response:
    """The answer to ``request``; read whole unless it is a success to be streamed (an
    error's body is short, and what it says becomes the coded error), a success's body shown
    to ``watch`` while it is read. ``answered`` is told when the headers have come."""
    response = await client.send(request, stream=True)
    answered()
    if response.is_success and stream and watch is None:
        return response
    return await _read_whole(response, watch if response.is_success else None, max_bytes)


async def _read_whole(
    response: httpx.Response, watch: Callable[[bytes], None] | None, max_bytes: int
) -> httpx.Response:
    """``response`` read whole, each decoded piece shown to ``watch`` as it comes; returned
    as an answer whose body is that decoded content. ``CappedTransport`` bounds the bytes
    that come over the wire; ``max_bytes`` bounds them decoded (a compressed answer)."""
    pieces: list[bytes] = []
    size = 0
    try:
        async for piece in response.aiter_bytes():
            size += len(piece)
            if size > max_bytes:
                raise too_large(max_bytes, response.request)
            pieces.append(piece)
            if watch is not None:
                watch(piece)
    finally:
        await _discard(response)
    decoded = [
        (name, value)
        for name, value in response.headers.multi_items()
        if name.lower() not in ("content-encoding", "content-length", "transfer-encoding")
    ]
    return httpx.Response(
        response.status_code,
        headers=decoded,
        content=b"".join(pieces),
        request=response.request,
        extensions=response.extensions,
    )


async def _discard(response: httpx.Response) -> None:
    """Close an answer nobody will read, even while its caller is being cancelled."""
    with anyio.CancelScope(shield=True):
        await response.aclose()


def _close_unclaimed(probe: asyncio.Future[httpx.Response]) -> None:
    """Close the answer of a probe whose caller stopped waiting: a streamed one would keep
    its connection and slots."""
    if probe.cancelled() or probe.exception() is not None:
        return
    closing = asyncio.ensure_future(probe.result().aclose())
    _closing.add(closing)
    closing.add_done_callback(_closing.discard)


class _HoldingSlots(httpx.AsyncByteStream):
    """A streamed answer's body: its call stays in flight, holding its concurrency slots,
    until the body is closed."""

    def __init__(
        self,
        inner: httpx.SyncByteStream | httpx.AsyncByteStream,
        slots: tuple[asyncio.Semaphore, ...],
    ) -> None:
        if not isinstance(inner, httpx.AsyncByteStream):
            raise TypeError("the upstream client must answer with an async stream")
        self.inner = inner
        self.slots: tuple[asyncio.Semaphore, ...] = slots

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self.inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self.inner.aclose()
        finally:
            slots, self.slots = self.slots, ()
            for slot in slots:
                slot.release()


def _left(deadline: float) -> float:
    """Seconds left before ``deadline``; raises ``UpstreamTimeout`` when none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise UpstreamTimeout("The operation ran out of time before calling Visma.net")
    return left


async def _acquire(slots: tuple[asyncio.Semaphore, ...], deadline: float, what: str) -> None:
    """Take every slot in order before ``deadline``; on failure, none is kept."""
    taken: list[asyncio.Semaphore] = []
    try:
        async with asyncio.timeout(_left(deadline)):
            for slot in slots:
                await slot.acquire()
                taken.append(slot)
    except BaseException as error:
        for slot in taken:
            slot.release()
        if isinstance(error, TimeoutError):
            raise UpstreamTimeout(
                f"The operation ran out of time waiting to call Visma.net ({what})"
            ) from None
        raise
