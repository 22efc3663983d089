"""Every operation is bounded: in time, in calls, in concurrency and in size."""

from __future__ import annotations

import asyncio
import gc
import time
from typing import Any

import httpx
import pytest

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, FaultRule, Simulator, SimulatorConfig, demo_token
from tests.conftest import Gateway, running, served
from tests.upstream.test_batching import Q1

LOOKUP = '{ supplier(number: "10001") { name } }'
INVOICES = r"^/v1/supplierinvoice$"


def filtered_invoice_lists(count: int, first: int) -> str:
    """``count`` aliased invoice lists of one supplier, each with its own filter (one that
    every invoice passes, so each list is as long as the whole collection)."""
    return " ".join(
        f"l{i}: invoices(first: {first}, filter: {{ balance: "
        f'{{ operator: LESS_THAN, value: "{10**9 + i}" }} }}) {{ totalCount }}'
        for i in range(count)
    )


async def test_a_trickling_answer_fails_within_the_per_call_timeout(sim: Simulator) -> None:
    sim.company(COMPANY_A_TENANT)  # generate the demo data now, not inside the timed call
    sim.add_fault(
        FaultRule(path_pattern=r"^/v1/supplier/10001$", status=None, trickle_seconds=0.02)
    )
    async with served(sim.app) as url:
        settings = Settings(visma_api_url=url, upstream_timeout=0.5, upstream_retries=0)
        async with running(sim, settings, httpx.AsyncHTTPTransport()) as gateway:
            # Each byte comes well within a read timeout; the answer as a whole does not.
            result = await asyncio.wait_for(gateway.query(LOOKUP), 10)

    assert result["errors"][0]["extensions"]["code"] == "UPSTREAM_TIMEOUT"
    assert result["data"] == {"supplier": None}


@pytest.mark.parametrize(
    "settings", [Settings(operation_timeout=1.0, operation_concurrency=1, upstream_retries=0)]
)
async def test_the_operation_deadline_ends_what_is_left_with_partial_data(
    gateway: Gateway,
) -> None:
    gateway.sim.company(COMPANY_A_TENANT)  # generate the demo data now, not inside the deadline
    gateway.sim.add_fault(FaultRule(path_pattern=INVOICES, status=None, delay_seconds=0.6))

    result = await gateway.query(
        f'{{ supplier(number: "10001") {{ name {filtered_invoice_lists(4, 1)} }} }}'
    )

    supplier = result["data"]["supplier"]
    assert supplier["name"]
    lists = [supplier[f"l{i}"] for i in range(4)]
    assert lists[0] is not None  # the first call fitted in the deadline
    assert {e["extensions"]["code"] for e in result["errors"]} == {"UPSTREAM_TIMEOUT"}
    # Errors of one cause come folded, listing the paths they cover (schema/error_codes.py).
    paths = [p for e in result["errors"] for p in e["extensions"].get("paths", [e["path"]])]
    assert sorted(tuple(path) for path in paths) == [("supplier", f"l{i}") for i in range(1, 4)]
    # The calls still waiting for a slot at the deadline were never sent.
    assert len([c for c in gateway.calls() if c.path == "/v1/supplierInvoice"]) <= 2


async def test_an_answer_being_received_leaves_the_operations_lane_to_its_next_call(
    sim: Simulator,
) -> None:
    """The operation's lane bounds the calls it has waiting for Visma; a body still arriving
    (a bulk read's first pages, while its later pages are asked for) holds only the
    principal's slot."""
    sim.company(COMPANY_A_TENANT)  # generate the demo data now, not between the calls
    # Two bytes ("[]"), 0.3 s before each: the first answer's body takes 0.6 s to arrive.
    sim.add_fault(FaultRule(path_pattern=INVOICES, status=None, trickle_seconds=0.3, times=1))
    nothing_passes = " ".join(
        f"l{i}: invoices(first: 1, filter: {{ balance: "
        f'{{ operator: LESS_THAN, value: "{-1 - i}" }} }}) {{ totalCount }}'
        for i in range(2)
    )
    async with served(sim.app) as url:
        settings = Settings(visma_api_url=url, operation_concurrency=1, upstream_retries=0)
        async with running(sim, settings, httpx.AsyncHTTPTransport()) as gateway:
            result = await gateway.query(f'{{ supplier(number: "10001") {{ {nothing_passes} }} }}')

    assert "errors" not in result, result["errors"]
    assert result["data"]["supplier"] == {"l0": {"totalCount": 0}, "l1": {"totalCount": 0}}
    first, second = [c for c in sim.calls if c.path == "/v1/supplierInvoice"]
    assert second.received_at - first.received_at < 0.25


@pytest.mark.parametrize(
    "settings", [Settings(upstream_concurrency=2, operation_concurrency=1, upstream_retries=0)]
)
async def test_one_operation_leaves_slots_of_its_company_to_another_user(
    gateway: Gateway,
) -> None:
    gateway.sim.add_fault(FaultRule(path_pattern=INVOICES, status=None, delay_seconds=0.3))
    big = asyncio.create_task(
        gateway.query(f'{{ supplier(number: "10001") {{ name {filtered_invoice_lists(6, 1)} }} }}')
    )
    while not [c for c in gateway.calls() if c.path == "/v1/supplierInvoice"]:  # noqa: ASYNC110
        await asyncio.sleep(0.01)  # until the big query holds a slot of the company

    colleague = demo_token(COMPANY_A_TENANT, subject="colleague")
    small = await gateway.query('{ supplier(number: "10002") { name } }', token=colleague)

    assert small["data"]["supplier"]["name"]
    sent_by_big = [c for c in gateway.calls() if c.path == "/v1/supplierInvoice"]
    assert not big.done()
    assert len(sent_by_big) <= 2  # the colleague did not wait behind all six of its calls
    assert "errors" not in await big


@pytest.mark.parametrize("sim_config", [SimulatorConfig(max_page_size=100)])
async def test_aliased_lists_cannot_spend_more_calls_than_admitted(gateway: Gateway) -> None:
    query = f"{{ suppliers(first: 50) {{ nodes {{ {filtered_invoice_lists(27, 10)} }} }} }}"

    result = await gateway.query(query)

    upstream = result["extensions"]["upstream"]
    assert upstream["estimatedCalls"] <= upstream["admittedCalls"] == 300
    assert len(gateway.calls()) <= upstream["admittedCalls"]
    assert upstream["calls"] == len(gateway.calls())
    codes = {e["extensions"]["code"] for e in result["errors"]}
    assert codes == {"QUERY_TOO_COSTLY"}
    assert all("admitted" in e["message"] for e in result["errors"])
    assert result["data"]["suppliers"]["nodes"]  # what fitted is answered


FREEZE = """{ supplierInvoices(first: 500) { nodes { supplier { name
    invoices(first: 500) { nodes { supplier { name
        payments(first: 500) { nodes { referenceNumber } } } } } } } } }"""


async def test_a_query_that_could_return_too_much_is_refused_before_any_call(
    gateway: Gateway,
) -> None:
    result = await gateway.query(FREEZE)

    [error] = result["errors"]
    assert error["extensions"]["code"] == "RESULT_TOO_LARGE"
    assert error["extensions"]["estimatedObjects"] > error["extensions"]["limit"] == 20000
    assert result["data"] is None
    assert gateway.calls() == []


async def test_q1_fits_the_default_bound_on_objects(gateway: Gateway) -> None:
    assert "errors" not in await gateway.query(Q1)


async def test_health_answers_while_a_big_query_runs(gateway: Gateway) -> None:
    # 20,000 objects, the most admitted by default: 500 invoices, their suppliers and 38
    # invoices of each supplier.
    big_query = (
        "{ supplierInvoices(first: 500) { nodes { referenceNumber amount supplier { name "
        "invoices(first: 38) { nodes { referenceNumber amount balance status date dueDate "
        "description } } } } } }"
    )
    gateway.sim.company(COMPANY_A_TENANT)  # generate the demo data before, not during
    # A full collection of what earlier tests left would be the widest gap, and no turn of
    # the loop at all: this test is about the gateway's own work.
    gc.disable()
    try:
        widest_gap, duration, result = await _health_gaps_during(gateway, big_query)
    finally:
        gc.enable()
    assert "errors" not in result
    # Relative to the query's own time, so a busy machine slows both alike.
    assert widest_gap < duration / 3, (widest_gap, duration)


async def _health_gaps_during(gateway: Gateway, query: str) -> tuple[float, float, dict[str, Any]]:
    """The widest gap between answers of /healthz polled while ``query`` runs, the
    query's duration and its result."""
    started = time.perf_counter()
    big: asyncio.Task[dict[str, Any]] = asyncio.create_task(gateway.query(query))
    await asyncio.sleep(0)
    # The gaps between answers: a frozen event loop shows as one as long as the freeze.
    widest_gap = 0.0
    last = started
    answered_during = 0
    while not big.done():
        assert (await gateway.client.get("/healthz")).status_code == 200
        now = time.perf_counter()
        widest_gap, last = max(widest_gap, now - last), now
        answered_during += not big.done()
        await asyncio.sleep(0.01)
    assert answered_during > 0
    return widest_gap, time.perf_counter() - started, big.result()
