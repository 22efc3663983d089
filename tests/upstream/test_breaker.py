"""The circuit breakers, alone and with the upstream (or one company's record) failing."""

from __future__ import annotations

import asyncio

import pytest

from gateway.errors import UpstreamError
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, FaultRule
from gateway.upstream.breaker import BreakerState, CircuitBreaker
from tests.conftest import TOKEN_A, TOKEN_B, Gateway

LOOKUP = '{ supplier(number: "10001") { name } }'


def state(breaker: CircuitBreaker) -> BreakerState:
    """Read afresh each time (mypy would keep an asserted property's narrowed value)."""
    return breaker.state


async def test_it_opens_after_failures_in_a_row_and_probes_after_the_cooldown() -> None:
    now = [0.0]
    breaker = CircuitBreaker(threshold=2, cooldown=10, clock=lambda: now[0])
    breaker.failed("a")
    breaker.succeeded()
    breaker.failed("a")
    assert state(breaker) is BreakerState.CLOSED
    breaker.failed("a")
    assert state(breaker) is BreakerState.OPEN
    with pytest.raises(UpstreamError):
        await breaker.admit(0)

    now[0] = 10.0
    assert await breaker.admit(0)  # the probe
    with pytest.raises(UpstreamError):
        await breaker.admit(0)  # another call waits for the verdict, here not at all
    breaker.failed("a", probe=True)
    assert state(breaker) is BreakerState.OPEN

    now[0] = 20.0
    assert await breaker.admit(0)
    breaker.release()  # the probe ended without a verdict: the next call probes
    assert await breaker.admit(0)
    breaker.succeeded()
    assert state(breaker) is BreakerState.CLOSED


async def test_failures_of_one_source_do_not_open_a_breaker_that_needs_a_spread() -> None:
    breaker = CircuitBreaker(threshold=2, cooldown=10, spread=2)
    for _ in range(5):
        breaker.failed("company b")
    assert state(breaker) is BreakerState.CLOSED
    breaker.failed("company a")
    assert state(breaker) is BreakerState.OPEN

    unreachable = CircuitBreaker(threshold=2, cooldown=10, spread=2)
    unreachable.failed(None)
    unreachable.failed(None)
    assert state(unreachable) is BreakerState.OPEN


async def test_it_blocks_calls_while_open_or_while_a_probe_is_stuck() -> None:
    now = [0.0]
    breaker = CircuitBreaker(threshold=1, cooldown=5, clock=lambda: now[0])
    breaker.failed("a")
    assert breaker.blocks_calls(stuck_after=10)
    now[0] = 5.0
    assert not breaker.blocks_calls(stuck_after=10)  # half-open: the next call probes
    assert await breaker.admit(0)
    now[0] = 15.0
    assert not breaker.blocks_calls(stuck_after=10)
    now[0] = 15.5
    assert breaker.blocks_calls(stuck_after=10)


async def outage(gateway: Gateway, queries: int) -> None:
    """Every call of both companies fails, until the origin's breaker opens."""
    gateway.sim.add_fault(FaultRule(path_pattern=r"^/v1/", status=503))
    for index in range(queries):
        failed = await gateway.query(LOOKUP, token=(TOKEN_A, TOKEN_B)[index % 2])
        assert failed["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"


@pytest.mark.parametrize(
    "settings", [Settings(breaker_threshold=3, breaker_cooldown=0.5, upstream_retries=0)]
)
async def test_an_outage_opens_the_origin_fails_fast_reports_and_recovers(
    gateway: Gateway,
) -> None:
    await outage(gateway, 3)
    assert len(gateway.calls()) == 3

    for token in (TOKEN_A, TOKEN_B):
        fast = await gateway.query(LOOKUP, token=token)
        assert "unavailable" in fast["errors"][0]["message"]
    assert len(gateway.calls()) == 3  # failed fast, Visma was not called
    ready = await gateway.client.get("/readyz")
    assert ready.status_code == 503 and "circuit open" in ready.json()["checks"]["upstream"]
    assert "gateway_breaker_state 2.0" in (await gateway.client.get("/metrics")).text

    gateway.sim.clear_faults()
    await asyncio.sleep(0.6)
    recovered = await gateway.query(LOOKUP)
    assert recovered["data"]["supplier"]["name"]
    assert (await gateway.client.get("/readyz")).status_code == 200


@pytest.mark.parametrize(
    "settings", [Settings(breaker_threshold=2, breaker_cooldown=0.3, upstream_retries=0)]
)
async def test_a_probe_cancelled_by_a_failing_sibling_field_still_closes_the_breaker(
    gateway: Gateway,
) -> None:
    await outage(gateway, 2)
    gateway.sim.clear_faults()
    # The probe's answer is slow, so the sibling field fails while the probe is in flight.
    gateway.sim.add_fault(
        FaultRule(path_pattern=r"^/v1/supplier$", status=None, delay_seconds=0.3, times=1)
    )
    await asyncio.sleep(0.35)

    cancelling = (
        "{ a: suppliers(first: 1) { totalCount } "
        'b: suppliers(first: 1, after: "x") { totalCount } }'
    )
    lookups = [f'{{ supplier(number: "{n}") {{ name }} }}' for n in ("10001", "10002")]
    # The first field of `cancelling` becomes the probe and is cancelled by its sibling;
    # the lookups arrive while it runs and wait for its verdict instead of being refused.
    results = await asyncio.gather(*(gateway.query(q) for q in [cancelling, *lookups]))

    assert results[0]["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert all("errors" not in r for r in results[1:]), results
    names = {s["number"]: s["name"] for s in gateway.sim.company(COMPANY_A_TENANT).suppliers}
    assert [r["data"]["supplier"]["name"] for r in results[1:]] == [names["10001"], names["10002"]]
    for _ in range(3):  # before, every such query left the probe slot taken, for good
        assert (await gateway.query(cancelling))["errors"][0]["extensions"]["code"] == (
            "BAD_USER_INPUT"
        )
    for token in (TOKEN_A, TOKEN_B):
        assert "errors" not in await gateway.query(
            "{ suppliers(first: 1) { totalCount } }", token=token
        )
    assert (await gateway.client.get("/readyz")).status_code == 200


@pytest.mark.parametrize("settings", [Settings(retry_backoff=0.01)])
async def test_a_failing_record_of_one_company_refuses_no_call_of_another(
    gateway: Gateway,
) -> None:
    gateway.sim.add_fault(
        FaultRule(path_pattern=r"^/v1/supplier/10001$", status=503, tenant=COMPANY_B_TENANT)
    )
    for _ in range(2):
        failed = await gateway.query(LOOKUP, token=TOKEN_B)
        assert failed["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"
    # Four attempts, then company B's own breaker opened: B's failures stay B's.
    assert [c.tenant_id for c in gateway.calls()] == [COMPANY_B_TENANT] * 5

    served = await gateway.query(LOOKUP, token=TOKEN_A)
    assert "errors" not in served and served["data"]["supplier"]["name"]
    assert (await gateway.client.get("/readyz")).status_code == 200
