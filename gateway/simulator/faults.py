"""Injected faults: error answers, delays and trickled answers for requests whose path
matches a pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class FaultRule:
    """Make matching /v1 requests fail or stall.

    ``path_pattern`` is a regular expression searched in the lowercased, percent-decoded
    request path (case-insensitively, so ``supplierInvoice`` in a pattern works too).
    ``status`` is the error status to answer with (4xx/5xx, in Visma's body shapes), or None
    to only add ``delay_seconds`` and then answer normally. ``method`` limits the rule to one
    HTTP method. ``times`` limits how many matching calls the rule affects; None means all.
    ``retry_after`` becomes the Retry-After header (and the wait named in a 429 body).
    ``message`` replaces the text of a 4xx answer's body (other than 401, 404 and 429).
    ``tenant`` limits the rule to calls with a token of that company. ``trickle_seconds``
    sends the answer's body one byte at a time, pausing that long before each byte (a
    server that keeps a connection alive without ever finishing its answer).
    Rules are tried in the order they were added; the first live match applies.
    """

    path_pattern: str
    status: int | None = 500
    method: str | None = None
    times: int | None = None
    delay_seconds: float = 0.0
    retry_after: int | None = None
    message: str | None = None
    tenant: str | None = None
    trickle_seconds: float = 0.0

    def __post_init__(self) -> None:
        if self.status is not None and not 400 <= self.status <= 599:
            raise ValueError(f"fault status must be an error status, got {self.status}")
        if self.times is not None and self.times < 1:
            raise ValueError("times must be at least 1 (or None for every call)")
        try:
            re.compile(self.path_pattern)
        except re.error as error:
            raise ValueError(f"invalid path_pattern {self.path_pattern!r}: {error}") from None


@dataclass
class _Armed:
    rule: FaultRule
    pattern: re.Pattern[str]
    remaining: int | None


class FaultBook:
    """The active rules, consulted in the order they were added."""

    def __init__(self) -> None:
        self._rules: list[_Armed] = []

    def add(self, rule: FaultRule) -> None:
        pattern = re.compile(rule.path_pattern, re.IGNORECASE)
        self._rules.append(_Armed(rule, pattern, rule.times))

    def clear(self) -> None:
        self._rules.clear()

    def trigger(self, method: str, path: str, tenant: str | None = None) -> FaultRule | None:
        """The first live rule matching the request of a token of ``tenant``, counting the
        use against ``times``."""
        lowered = path.lower()
        for armed in self._rules:
            rule = armed.rule
            if armed.remaining == 0:
                continue
            if rule.method is not None and rule.method.upper() != method.upper():
                continue
            if rule.tenant is not None and rule.tenant != tenant:
                continue
            if armed.pattern.search(lowered) is None:
                continue
            if armed.remaining is not None:
                armed.remaining -= 1
            return rule
        return None
