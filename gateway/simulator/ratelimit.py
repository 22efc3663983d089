"""Visma's fixed-window rate limit, counted per (tenant, client)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from gateway.simulator.config import SimulatorConfig

POLICY = "4-fixed-window"


@dataclass(frozen=True)
class Quota:
    """The outcome of counting one call, as reported in the ``X-RateLimit-*`` headers."""

    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_seconds),
            "X-RateLimit-Policy": POLICY,
        }


@dataclass
class _Window:
    started: float
    used: int = 0


class FixedWindowLimiter:
    """Counts calls per key in windows that start with a key's first call.

    Budget, window length and clock are read from the config on every call, so tests can
    change them (or move the clock) on a running simulator. Refused calls are not counted.
    """

    def __init__(self, config: SimulatorConfig) -> None:
        self._config = config
        self._windows: dict[tuple[str, str], _Window] = {}

    def take(self, key: tuple[str, str]) -> Quota:
        now = self._config.clock()
        length = self._config.window_seconds
        budget = self._config.hourly_budget
        window = self._windows.get(key)
        if window is None or now >= window.started + length:
            window = self._windows[key] = _Window(started=now)
        reset = max(1, math.ceil(length - (now - window.started)))
        if window.used >= budget:
            return Quota(allowed=False, limit=budget, remaining=0, reset_seconds=reset)
        window.used += 1
        return Quota(
            allowed=True, limit=budget, remaining=budget - window.used, reset_seconds=reset
        )

    def reset(self) -> None:
        self._windows.clear()
