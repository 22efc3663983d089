"""Injected faults and latency: statuses, counts, methods, delays."""

from __future__ import annotations

import time
from typing import Any

import anyio
import httpx
import pytest

from gateway.simulator import COMPANY_B_TENANT, FaultRule, Simulator


async def test_fault_answers_with_visma_error_shape(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    sim.add_fault(FaultRule(path_pattern=r"^/v1/supplierinvoice$", status=503))

    failed = await client_a.get("/v1/supplierInvoice")
    other = await client_a.get("/v1/supplier/10001")

    assert failed.status_code == 503
    assert failed.json() == {"message": "An error has occurred."}
    assert failed.headers["x-ratelimit-policy"] == "4-fixed-window"
    assert other.status_code == 200


async def test_pattern_is_searched_in_the_lowercased_path(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    sim.add_fault(FaultRule(path_pattern="supplier/10001$", status=500))
    sim.add_fault(FaultRule(path_pattern="^/v1/supplierInvoice$", status=502))

    assert (await client_a.get("/V1/SUPPLIER/10001")).status_code == 500
    assert (await client_a.get("/v1/supplier/10002")).status_code == 200
    assert (await client_a.get("/v1/supplierinvoice")).status_code == 502


async def test_times_limits_a_rule(sim: Simulator, client_a: httpx.AsyncClient) -> None:
    sim.add_fault(FaultRule(path_pattern=r"^/v1/supplier$", status=500, times=2))

    statuses = [(await client_a.get("/v1/supplier")).status_code for _ in range(4)]

    assert statuses == [500, 500, 200, 200]


async def test_method_restricts_a_rule(sim: Simulator, client_a: httpx.AsyncClient) -> None:
    sim.add_fault(FaultRule(path_pattern="supplier", status=500, method="POST"))

    assert (await client_a.get("/v1/supplier/10001")).status_code == 200
    assert (await client_a.post("/v1/supplier/10001")).status_code == 500


async def test_injected_429_carries_retry_after(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    sim.add_fault(FaultRule(path_pattern="purchaseorder", status=429, retry_after=42))

    response = await client_a.get("/v1/purchaseorder")

    assert response.status_code == 429
    assert response.headers["retry-after"] == "42"
    assert response.json() == {
        "statusCode": 429,
        "message": "Rate limit is exceeded. Try again in 42 seconds.",
    }


async def test_clear_faults(sim: Simulator, client_a: httpx.AsyncClient) -> None:
    sim.add_fault(FaultRule(path_pattern=".*", status=500))
    sim.clear_faults()

    assert (await client_a.get("/v1/supplier/10001")).status_code == 200


async def test_delay_only_rule_answers_normally_after_the_delay(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    sim.add_fault(FaultRule(path_pattern="supplier/10001", status=None, delay_seconds=0.1))

    started = time.perf_counter()
    response = await client_a.get("/v1/supplier/10001")

    assert time.perf_counter() - started >= 0.1
    assert response.status_code == 200


async def test_a_delay_provokes_client_timeouts_and_is_still_recorded(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    sim.add_fault(FaultRule(path_pattern="supplier", status=None, delay_seconds=5))

    with pytest.raises(TimeoutError):
        with anyio.fail_after(0.1):
            await client_a.get("/v1/supplier/10001")

    assert [(c.path, c.status) for c in sim.calls] == [("/v1/supplier/10001", 200)]


async def test_configured_latency_applies_to_every_v1_answer(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    sim.config.latency_seconds = 0.05

    started = time.perf_counter()
    await client_a.get("/v1/supplier/nobody")
    await client_a.get("/v1/supplier/10001")

    assert time.perf_counter() - started >= 0.1


@pytest.mark.parametrize(
    "bad", [{"status": 200}, {"status": 302}, {"times": 0}, {"path_pattern": "("}]
)
def test_rules_are_validated(bad: dict[str, Any]) -> None:
    arguments: dict[str, Any] = {"path_pattern": "supplier", **bad}

    with pytest.raises(ValueError):
        FaultRule(**arguments)


async def test_a_rule_for_one_company_spares_the_other(
    sim: Simulator, client_a: httpx.AsyncClient, client_b: httpx.AsyncClient
) -> None:
    sim.add_fault(FaultRule(path_pattern="supplier", status=503, tenant=COMPANY_B_TENANT))

    assert (await client_a.get("/v1/supplier")).status_code == 200
    assert (await client_b.get("/v1/supplier")).status_code == 503


async def test_a_trickled_answer_comes_whole_one_byte_at_a_time(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    whole = await client_a.get("/v1/supplier/10001")
    sim.add_fault(FaultRule(path_pattern="supplier/10001", status=None, trickle_seconds=0.0005))

    started = time.perf_counter()
    trickled = await client_a.get("/v1/supplier/10001")

    assert trickled.content == whole.content
    assert time.perf_counter() - started >= len(whole.content) * 0.0005  # a pause per byte
