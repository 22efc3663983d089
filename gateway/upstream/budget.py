"""The Visma call budget of each principal, honoured before Visma has to answer 429.

Visma allows N calls per company and client per hour and reports the state of that window on
every answer (``X-RateLimit-Limit/-Remaining/-Reset``). The gateway keeps its own view of each
window: capped by the configured ceiling, corrected by every answer, blocked by a 429's
``Retry-After``. Each call reserves one unit first. When few units are left, reservations are
spread over the rest of the window (paced); when none are left, a call waits for the window
to reset if that is within its wait limit, and is refused with RATE_LIMITED otherwise.

``decide`` is the whole policy, as a pure function over a window's state; the stores apply it
atomically, in process memory or in Redis so that replicas share one budget.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Protocol

from gateway.errors import RateLimited

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Window:
    """What is known of one principal's window; times are epoch seconds."""

    limit: int
    remaining: int
    resets_at: float
    blocked_until: float = 0.0
    next_slot: float = 0.0


@dataclass(frozen=True)
class Policy:
    ceiling: int  # at most this many calls per window, whatever Visma allows
    window_seconds: float
    pacing_fraction: float  # pace once no more than this share of the limit is left


@dataclass(frozen=True)
class Decision:
    """``wait`` seconds before calling; ``granted`` False means: wait, then ask again."""

    granted: bool
    wait: float


def decide(window: Window | None, now: float, policy: Policy) -> tuple[Window, Decision]:
    """Try to reserve one call in ``window`` at ``now``."""
    if window is None or now >= window.resets_at:
        limit = window.limit if window is not None else policy.ceiling
        window = Window(limit, limit, now + policy.window_seconds)
    if window.blocked_until > now:
        return window, Decision(False, window.blocked_until - now)
    if window.remaining <= 0:
        return window, Decision(False, window.resets_at - now)
    if window.remaining > policy.pacing_fraction * window.limit:
        return replace(window, remaining=window.remaining - 1), Decision(True, 0.0)
    interval = (window.resets_at - now) / window.remaining
    start = max(now, window.next_slot)
    return (
        replace(window, remaining=window.remaining - 1, next_slot=start + interval),
        Decision(True, start - now),
    )


def observed(
    window: Window | None, now: float, policy: Policy, headers: Mapping[str, str], status: int
) -> Window | None:
    """``window`` corrected by what Visma said in an answer's headers."""
    limit = _number(headers.get("x-ratelimit-limit"))
    remaining = _number(headers.get("x-ratelimit-remaining"))
    reset = _number(headers.get("x-ratelimit-reset"))
    retry_after = _number(headers.get("retry-after"))
    if window is None:
        if limit is None and status != 429:
            return None
        window = Window(policy.ceiling, policy.ceiling, now + policy.window_seconds)
    if limit is not None:
        window = replace(window, limit=max(0, min(policy.ceiling, int(limit))))
    if remaining is not None:
        window = replace(window, remaining=max(0, min(window.remaining, int(remaining))))
    if reset is not None and reset > 0:
        window = replace(window, resets_at=now + reset)
    if status == 429:
        wait = retry_after if retry_after is not None else max(1.0, window.resets_at - now)
        window = replace(window, blocked_until=now + wait)
    return window


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


class BudgetStore(Protocol):
    """Applies an update to one key's window atomically and returns what the update gave."""

    async def update(
        self, key: str, change: Callable[[Window | None], tuple[Window | None, Decision | None]]
    ) -> Decision | None: ...

    async def get(self, key: str) -> Window | None: ...


class MemoryBudgetStore:
    """Windows in this process's memory (one replica, or Redis unreachable)."""

    def __init__(self) -> None:
        self._windows: dict[str, Window] = {}

    async def update(
        self, key: str, change: Callable[[Window | None], tuple[Window | None, Decision | None]]
    ) -> Decision | None:
        window, decision = change(self._windows.get(key))
        if window is not None:
            self._windows[key] = window
        return decision

    async def get(self, key: str) -> Window | None:
        return self._windows.get(key)


class Budget:
    """Reservations against each principal's window, and corrections from Visma's answers."""

    def __init__(
        self,
        store: BudgetStore,
        policy: Policy,
        *,
        clock: Callable[[], float] = time.time,
        on_wait: Callable[[float], None] = lambda _: None,
        on_refusal: Callable[[], None] = lambda: None,
    ) -> None:
        self.store = store
        self.policy = policy
        self.clock = clock
        self._on_wait = on_wait
        self._on_refusal = on_refusal

    async def acquire(self, key: str, max_wait: float) -> None:
        """Reserve one call for ``key``, waiting at most ``max_wait`` seconds in all."""
        deadline = self.clock() + max_wait
        while True:
            now = self.clock()

            def reserve(
                window: Window | None, now: float = now
            ) -> tuple[Window | None, Decision | None]:
                new, decision = decide(window, now, self.policy)
                if not decision.granted or now + decision.wait <= deadline:
                    return new, decision
                return window, decision  # a paced slot too far out: keep the window as it was

            decision = await self.store.update(key, reserve)
            assert decision is not None
            if now + decision.wait > deadline:
                self._on_refusal()
                raise RateLimited(
                    "The Visma.net call budget of this company is spent; retry later",
                    retryAfter=max(1, math.ceil(decision.wait)),
                )
            if decision.wait > 0:
                self._on_wait(decision.wait)
                await asyncio.sleep(decision.wait)
            if decision.granted:
                return

    async def observe(self, key: str, headers: Mapping[str, str], status: int) -> None:
        """Correct ``key``'s window with the rate-limit headers of one answer."""
        now = self.clock()
        await self.store.update(
            key, lambda window: (observed(window, now, self.policy, headers, status), None)
        )

    async def remaining(self, key: str) -> int | None:
        """Calls left in ``key``'s current window; None when nothing is known yet."""
        window = await self.store.get(key)
        if window is None or self.clock() >= window.resets_at:
            return None
        return window.remaining


def window_to_mapping(window: Window) -> dict[str, str]:
    return {name: repr(value) for name, value in asdict(window).items()}


def window_from_mapping(data: Mapping[str, str]) -> Window | None:
    try:
        return Window(
            limit=int(float(data["limit"])),
            remaining=int(float(data["remaining"])),
            resets_at=float(data["resets_at"]),
            blocked_until=float(data.get("blocked_until", 0.0)),
            next_slot=float(data.get("next_slot", 0.0)),
        )
    except (KeyError, ValueError):
        return None
