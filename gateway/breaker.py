"""A circuit breaker for the upstream origin: fail fast while Visma is down, probe to recover.

Closed: calls pass; ``threshold`` failures in a row open it. Open: calls fail at once for
``cooldown`` seconds. Half-open: one probe call passes; its success closes the breaker, its
failure opens it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum

from gateway.errors import UpstreamError


class BreakerState(Enum):
    CLOSED = 0
    HALF_OPEN = 1
    OPEN = 2


class CircuitBreaker:
    def __init__(
        self,
        threshold: int,
        cooldown: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        on_change: Callable[[BreakerState], None] = lambda _: None,
    ) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self._clock = clock
        self._on_change = on_change
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._probing = False

    @property
    def state(self) -> BreakerState:
        if self._state is BreakerState.OPEN and self._clock() - self._opened_at >= self.cooldown:
            self._set(BreakerState.HALF_OPEN)
        return self._state

    def before_call(self) -> None:
        """Let a call through, or raise ``UpstreamError`` while the breaker is open."""
        state = self.state
        if state is BreakerState.OPEN or (state is BreakerState.HALF_OPEN and self._probing):
            retry_in = max(1, round(self.cooldown - (self._clock() - self._opened_at)))
            raise UpstreamError(
                "Visma.net is unavailable; the gateway is not calling it for a moment",
                retryAfter=retry_in,
            )
        if state is BreakerState.HALF_OPEN:
            self._probing = True

    def succeeded(self) -> None:
        self._failures = 0
        self._probing = False
        if self._state is not BreakerState.CLOSED:
            self._set(BreakerState.CLOSED)

    def failed(self) -> None:
        self._probing = False
        self._failures += 1
        if self._state is BreakerState.HALF_OPEN or self._failures >= self.threshold:
            self._opened_at = self._clock()
            self._set(BreakerState.OPEN)

    def _set(self, state: BreakerState) -> None:
        self._state = state
        self._on_change(state)
