"""Circuit breakers: fail fast while Visma.net, or one company's calls to it, keep failing.

Two layers, so that one company's failures (or one broken record) never refuse another
company's calls, while a real outage of the origin still opens fast:

- one breaker per company (per rate-budget key): ``threshold`` failed calls of that company
  in a row open it, for that company only;
- one breaker for the origin: ``threshold`` failed calls in a row (any success of anyone
  resets the count) open it for everyone, but only when those failures came from at least
  ``spread`` distinct companies, or when Visma could not be reached at all (no connection).
  A failing record answers 5xx to its one company, so it can only open that company's
  breaker; ``/readyz`` reports only the origin's.

A failure is a transport error, a timeout or a 5xx answer. Each breaker is closed (calls
pass), open (calls fail at once for ``cooldown`` seconds) or half-open: one call is the
probe, and calls arriving meanwhile wait for its verdict (within their own time) instead of
being refused. The probe's verdict decides: success closes, failure opens again. A probe
that ends without a verdict (cancelled, or failed before sending) frees its slot, so the
next call probes; the sender shields a probe's request from its caller's cancellation, so a
sibling field failing fast cannot keep the breaker from ever hearing back.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from gateway.errors import UpstreamError


class BreakerState(Enum):
    CLOSED = 0
    HALF_OPEN = 1
    OPEN = 2


class CircuitBreaker:
    """One breaker. ``spread`` is how many distinct sources a run of failures must come
    from to open it (a source of None counts as all of them)."""

    def __init__(
        self,
        threshold: int,
        cooldown: float,
        *,
        spread: int = 1,
        clock: Callable[[], float] = time.monotonic,
        on_change: Callable[[BreakerState], None] = lambda _: None,
    ) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self.spread = spread
        self._clock = clock
        self._on_change = on_change
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._sources: set[str] = set()
        self._everywhere = False
        self._opened_at = 0.0
        self._probe_started: float | None = None
        self._verdict = asyncio.Event()

    @property
    def state(self) -> BreakerState:
        if self._state is BreakerState.OPEN and self._clock() - self._opened_at >= self.cooldown:
            self._set(BreakerState.HALF_OPEN)
        return self._state

    @property
    def clean(self) -> bool:
        """Closed with no failure counted: nothing worth keeping."""
        return self._state is BreakerState.CLOSED and self._failures == 0

    def blocks_calls(self, stuck_after: float) -> bool:
        """Open, or half-open with a probe running for longer than ``stuck_after`` seconds."""
        state = self.state
        if state is BreakerState.OPEN:
            return True
        started = self._probe_started
        return (
            state is BreakerState.HALF_OPEN
            and started is not None
            and self._clock() - started > stuck_after
        )

    async def admit(self, wait: float) -> bool:
        """Let a call through (True when it is the half-open probe), waiting up to ``wait``
        seconds for a running probe's verdict; raise ``UpstreamError`` while open."""
        loop = asyncio.get_running_loop()
        until = loop.time() + wait
        while True:
            state = self.state
            if state is BreakerState.CLOSED:
                return False
            if state is BreakerState.OPEN:
                raise self._refusal()
            if self._probe_started is None:
                self._probe_started = self._clock()
                self._verdict.clear()
                return True
            left = until - loop.time()
            if left <= 0:
                raise self._refusal()
            verdict = self._verdict
            try:
                await asyncio.wait_for(verdict.wait(), left)
            except TimeoutError:
                raise self._refusal() from None

    def release(self) -> None:
        """The probe ended without a verdict: let the next call probe."""
        self._end_probe()

    def succeeded(self) -> None:
        self._failures = 0
        self._sources.clear()
        self._everywhere = False
        self._end_probe()
        if self._state is not BreakerState.CLOSED:
            self._set(BreakerState.CLOSED)

    def failed(self, source: str | None, *, probe: bool = False) -> None:
        """A failed call; ``source`` names its company, None when Visma was unreachable;
        ``probe`` when the call was this breaker's half-open probe."""
        if probe:
            self._end_probe()
        self._failures += 1
        if source is None:
            self._everywhere = True
        else:
            self._sources.add(source)
        spread = self._everywhere or len(self._sources) >= self.spread
        if (probe and self._state is BreakerState.HALF_OPEN) or (
            self._state is BreakerState.CLOSED and self._failures >= self.threshold and spread
        ):
            self._opened_at = self._clock()
            self._set(BreakerState.OPEN)

    def _end_probe(self) -> None:
        self._probe_started = None
        self._verdict.set()

    def _refusal(self) -> UpstreamError:
        retry_in = max(1, round(self.cooldown - (self._clock() - self._opened_at)))
        return UpstreamError(
            "Visma.net is unavailable; the gateway is not calling it for a moment",
            retryAfter=retry_in,
        )

    def _set(self, state: BreakerState) -> None:
        self._state = state
        self._on_change(state)


@dataclass
class Ticket:
    """One call's passage through the breakers: which of them it probes."""

    breakers: Breakers
    company: str
    probes: list[CircuitBreaker] = field(default_factory=list)
    judged: bool = False

    @property
    def probing(self) -> bool:
        return bool(self.probes)

    def succeeded(self) -> None:
        self.judged = True
        self.breakers.origin.succeeded()
        self.breakers.company_succeeded(self.company)

    def failed(self, *, reached: bool) -> None:
        """A failed call; ``reached`` is False when no connection to Visma could be made."""
        self.judged = True
        origin, company = self.breakers.origin, self.breakers.company(self.company)
        origin.failed(self.company if reached else None, probe=origin in self.probes)
        company.failed(self.company, probe=company in self.probes)

    def close(self) -> None:
        """Free the probe slots of a call that ended without a verdict."""
        if not self.judged:
            for breaker in self.probes:
                breaker.release()
        self.probes = []


class Breakers:
    """The origin's breaker and one breaker per company with failures in a row."""

    def __init__(
        self,
        threshold: int,
        cooldown: float,
        spread: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        on_change: Callable[[BreakerState], None] = lambda _: None,
    ) -> None:
        self._threshold = threshold
        self._cooldown = cooldown
        self._clock = clock
        self.origin = CircuitBreaker(
            threshold, cooldown, spread=spread, clock=clock, on_change=on_change
        )
        self._companies: dict[str, CircuitBreaker] = {}

    def company(self, key: str) -> CircuitBreaker:
        breaker = self._companies.get(key)
        if breaker is None:
            breaker = CircuitBreaker(self._threshold, self._cooldown, clock=self._clock)
            self._companies[key] = breaker
        return breaker

    def company_succeeded(self, key: str) -> None:
        breaker = self._companies.get(key)
        if breaker is not None:
            breaker.succeeded()
            if breaker.clean:  # only companies with failures in a row are kept
                del self._companies[key]

    async def admit(self, company: str, wait: float) -> Ticket:
        """Pass the origin's breaker, then the company's; raises ``UpstreamError`` when
        either is open."""
        ticket = Ticket(self, company)
        loop = asyncio.get_running_loop()
        until = loop.time() + wait
        if await self.origin.admit(wait):
            ticket.probes.append(self.origin)
        breaker = self._companies.get(company)
        try:
            if breaker is not None and await breaker.admit(max(0.0, until - loop.time())):
                ticket.probes.append(breaker)
        except BaseException:
            ticket.close()
            raise
        return ticket
