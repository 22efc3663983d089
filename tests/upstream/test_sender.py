"""Retries, 429 handling and the budget, seen from the simulator's record."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import httpx
import pytest

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, FaultRule, Simulator, SimulatorConfig
from tests.conftest import Gateway, running, served
from tests.schema.test_mutation import CREATE_SUPPLIER, SEED_SUPPLIER
from tests.upstream.test_batching import Q1

SUPPLIERS = "{ suppliers(first: 3) { totalCount } }"


def statuses(gateway: Gateway) -> list[int]:
    return [c.status for c in gateway.calls()]


async def test_a_429_is_waited_out_and_the_get_retried(gateway: Gateway) -> None:
    gateway.sim.add_fault(
        FaultRule(path_pattern=r"^/v1/supplier$", status=429, retry_after=1, times=1)
    )
    started = time.monotonic()

    result = await gateway.query(SUPPLIERS)

    assert "errors" not in result
    assert statuses(gateway) == [429, 200]
    assert time.monotonic() - started >= 1.0
    assert result["extensions"]["upstream"]["calls"] == 2


async def test_a_long_429_fails_fast_and_is_not_hammered(gateway: Gateway) -> None:
    gateway.sim.add_fault(FaultRule(path_pattern=r"^/v1/supplier$", status=429, retry_after=900))
    first = await gateway.query(SUPPLIERS)
    second = await gateway.query('{ supplier(number: "10001") { name } }')

    for result in (first, second):
        [error] = result["errors"]
        assert error["extensions"]["code"] == "RATE_LIMITED"
        assert 890 <= error["extensions"]["retryAfter"] <= 900
    assert statuses(gateway) == [429]  # the second operation did not call at all


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_gateway_errors_of_visma_are_retried_for_gets(gateway: Gateway, status: int) -> None:
    gateway.sim.add_fault(FaultRule(path_pattern=r"^/v1/supplier$", status=status, times=2))
    result = await gateway.query(SUPPLIERS)
    assert "errors" not in result
    assert statuses(gateway) == [status, status, 200]


async def test_retries_are_bounded(gateway: Gateway) -> None:
    gateway.sim.add_fault(FaultRule(path_pattern=r"^/v1/supplier$", status=503))
    result = await gateway.query(SUPPLIERS)
    assert result["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"
    assert statuses(gateway) == [503] * 4


async def test_a_timed_out_get_is_sent_again(sim: Simulator) -> None:
    sim.company(COMPANY_A_TENANT)  # generate the demo data now, not inside the timed call
    sim.add_fault(
        FaultRule(path_pattern=r"^/v1/supplier$", status=None, delay_seconds=1.0, times=1)
    )
    async with served(sim.app) as url:
        settings = Settings(visma_api_url=url, upstream_timeout=0.3)
        async with running(sim, settings, httpx.AsyncHTTPTransport()) as gateway:
            result = await gateway.query(SUPPLIERS)
    assert "errors" not in result
    assert len(sim.calls) == 2


@pytest.mark.parametrize("sim_config", [SimulatorConfig(hourly_budget=4)])
async def test_the_budget_learned_from_visma_is_kept_without_a_429(gateway: Gateway) -> None:
    results = [
        await gateway.query(f'{{ supplier(number: "1000{i}") {{ name }} }}') for i in range(1, 7)
    ]

    refused = [r for r in results if "errors" in r]
    assert len(refused) == 2
    assert {r["errors"][0]["extensions"]["code"] for r in refused} == {"RATE_LIMITED"}
    assert all(r["errors"][0]["extensions"]["retryAfter"] > 0 for r in refused)
    assert statuses(gateway) == [200] * 4  # Visma never had to refuse


@pytest.mark.parametrize("settings", [Settings(rate_limit="3/hour")])
async def test_the_configured_ceiling_caps_calls(gateway: Gateway) -> None:
    # The first call, before Visma accepted the token, draws on the token's own window;
    # the company's window applies from then on.
    await gateway.query('{ supplier(number: "10001") { name } }')
    gateway.sim.reset_calls()
    for i in range(2, 7):
        await gateway.query(f'{{ supplier(number: "1000{i}") {{ name }} }}')
    assert len(gateway.calls()) == 3


# A hundred Q1s in one process take about a minute of CPU on a loaded machine: the operation
# timeout, which bounds CPU work too, must not be what this test measures.
@pytest.mark.parametrize("settings", [Settings(operation_timeout=600)])
async def test_concurrent_identical_queries_share_their_calls(gateway: Gateway) -> None:
    results = await asyncio.gather(*(gateway.query(Q1) for _ in range(100)))

    assert all("errors" not in r for r in results)
    keys = Counter((c.path.lower(), tuple(sorted(c.params.items()))) for c in gateway.calls())
    assert max(keys.values()) == 1
    assert len(gateway.calls()) <= 30
    assert sum(r["extensions"]["upstream"]["calls"] for r in results) == len(gateway.calls())


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_writes_are_never_retried(gateway: Gateway, status: int) -> None:
    gateway.sim.add_fault(FaultRule(path_pattern=r"^/v1/supplier$", status=status, method="POST"))
    result = await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER})

    assert result["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"
    assert [(c.method, c.status) for c in gateway.calls()] == [("POST", status)]
