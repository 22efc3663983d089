"""The circuit breaker, alone and with the upstream down."""

from __future__ import annotations

import asyncio

import pytest

from gateway.breaker import BreakerState, CircuitBreaker
from gateway.errors import UpstreamError
from gateway.settings import Settings
from gateway.simulator import FaultRule
from tests.conftest import Gateway


def state(breaker: CircuitBreaker) -> BreakerState:
    """The breaker's state, read afresh: mypy keeps ``breaker.state`` narrowed by one assert
    across the calls that change it."""
    return breaker.state


def test_it_opens_after_failures_in_a_row_and_probes_after_the_cooldown() -> None:
    now = [0.0]
    breaker = CircuitBreaker(threshold=2, cooldown=10, clock=lambda: now[0])
    breaker.failed()
    breaker.succeeded()
    breaker.failed()
    assert state(breaker) is BreakerState.CLOSED
    breaker.failed()
    assert state(breaker) is BreakerState.OPEN
    with pytest.raises(UpstreamError):
        breaker.before_call()

    now[0] = 10.0
    breaker.before_call()  # the probe
    with pytest.raises(UpstreamError):
        breaker.before_call()  # only one probe at a time
    breaker.failed()
    assert state(breaker) is BreakerState.OPEN

    now[0] = 20.0
    breaker.before_call()
    breaker.succeeded()
    assert state(breaker) is BreakerState.CLOSED


@pytest.mark.parametrize(
    "settings", [Settings(breaker_threshold=3, breaker_cooldown=0.5, upstream_retries=0)]
)
async def test_the_breaker_opens_fails_fast_reports_and_recovers(gateway: Gateway) -> None:
    gateway.sim.add_fault(FaultRule(path_pattern=r"^/v1/", status=503))
    for _ in range(3):
        failed = await gateway.query('{ supplier(number: "10001") { name } }')
        assert failed["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"
    assert len(gateway.calls()) == 3

    fast = await gateway.query('{ supplier(number: "10001") { name } }')
    assert "unavailable" in fast["errors"][0]["message"]
    assert len(gateway.calls()) == 3  # failed fast, Visma was not called
    ready = await gateway.client.get("/readyz")
    assert ready.status_code == 503 and "circuit open" in ready.json()["checks"]["upstream"]
    assert "gateway_breaker_state 2.0" in (await gateway.client.get("/metrics")).text

    gateway.sim.clear_faults()
    await asyncio.sleep(0.6)
    recovered = await gateway.query('{ supplier(number: "10001") { name } }')
    assert recovered["data"]["supplier"]["name"]
    assert (await gateway.client.get("/readyz")).status_code == 200
