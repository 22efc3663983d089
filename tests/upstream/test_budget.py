"""The rate budget policy, as pure functions and through ``Budget``."""

from __future__ import annotations

import pytest

from gateway.errors import RateLimited
from gateway.upstream.budget import Budget, MemoryBudgetStore, Policy, Window, decide, observed

POLICY = Policy(ceiling=100, window_seconds=3600, pacing_fraction=0.1)


def test_a_new_window_starts_at_the_ceiling_and_counts_down() -> None:
    window, decision = decide(None, 1000.0, POLICY)
    assert decision.granted and decision.wait == 0
    assert window == Window(limit=100, remaining=99, resets_at=4600.0)


def test_an_expired_window_starts_again() -> None:
    window, decision = decide(Window(100, 0, resets_at=50.0), 60.0, POLICY)
    assert decision.granted and window.remaining == 99 and window.resets_at == 3660.0


def test_a_spent_window_waits_for_its_reset() -> None:
    _, decision = decide(Window(100, 0, resets_at=1300.0), 1000.0, POLICY)
    assert not decision.granted and decision.wait == 300.0


def test_few_calls_left_are_spread_over_the_rest_of_the_window() -> None:
    window = Window(100, 10, resets_at=1100.0)
    waits = []
    for _ in range(3):
        window, decision = decide(window, 1000.0, POLICY)
        waits.append(decision.wait)
    assert waits == [0.0, 10.0, pytest.approx(10.0 + 100 / 9)]


def test_visma_headers_correct_the_window() -> None:
    window = Window(100, 80, resets_at=4600.0)
    headers = {"x-ratelimit-limit": "50", "x-ratelimit-remaining": "20", "x-ratelimit-reset": "60"}
    assert observed(window, 1000.0, POLICY, headers, 200) == Window(50, 20, resets_at=1060.0)


def test_the_ceiling_caps_what_visma_allows() -> None:
    headers = {"x-ratelimit-limit": "15000", "x-ratelimit-remaining": "14999"}
    window = observed(None, 0.0, POLICY, headers, 200)
    assert window is not None and window.limit == 100 and window.remaining == 100


def test_a_429_blocks_until_retry_after() -> None:
    window = observed(Window(100, 50, 4600.0), 1000.0, POLICY, {"retry-after": "30"}, 429)
    assert window is not None and window.remaining == 50 and window.blocked_until == 1030.0
    _, decision = decide(window, 1010.0, POLICY)
    assert not decision.granted and decision.wait == 20.0


async def test_acquire_refuses_what_it_cannot_get_in_time() -> None:
    clock = [1000.0]
    budget = Budget(MemoryBudgetStore(), Policy(2, 3600, 0.0), clock=lambda: clock[0])
    await budget.acquire("k", max_wait=1)
    await budget.acquire("k", max_wait=1)
    with pytest.raises(RateLimited) as refused:
        await budget.acquire("k", max_wait=1)
    assert refused.value.extensions["retryAfter"] == 3600
    assert await budget.remaining("k") == 0
    assert await budget.remaining("other") is None


async def test_acquire_waits_out_a_short_block() -> None:
    budget = Budget(MemoryBudgetStore(), POLICY)
    await budget.observe("k", {"retry-after": "0.2"}, 429)
    waited: list[float] = []
    budget._on_wait = waited.append
    await budget.acquire("k", max_wait=2)
    assert waited and 0 < waited[0] <= 0.2
