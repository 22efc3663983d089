"""Cost known before execution: the estimate and the refusals."""

from __future__ import annotations

import pytest

from gateway.resources.supplier_balance import SUPPLIER_BALANCE
from gateway.settings import Settings
from gateway.simulator import SimulatorConfig
from schema.types.node import encode_id
from tests.conftest import Gateway
from tests.upstream.test_batching import Q1

_BALANCE_1 = encode_id(SUPPLIER_BALANCE, ("10001",))
_BALANCE_2 = encode_id(SUPPLIER_BALANCE, ("10002",))


async def estimate_of(gateway: Gateway, query: str) -> tuple[int, int]:
    result = await gateway.query(query)
    assert "errors" not in result, result["errors"]
    upstream = result["extensions"]["upstream"]
    return upstream["estimatedCalls"], upstream["calls"]


async def test_q1_estimate_bounds_its_cost_and_sharpens_with_knowledge(gateway: Gateway) -> None:
    cold_estimate, cold_calls = await estimate_of(gateway, Q1)
    assert cold_calls <= cold_estimate <= 40

    # Another document over the same data executes (the repeat itself would be a kept answer).
    warm_estimate, warm_calls = await estimate_of(gateway, f"query Q1Again {Q1}")
    assert warm_calls == 0
    assert warm_estimate == cold_calls


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('{ supplier(number: "1") { name } }', 1),
        (f'{{ nodes(ids: ["{_BALANCE_1}", "{_BALANCE_2}", "{_BALANCE_1}"]) {{ id }} }}', 3),
        ("{ supplierBalances(first: 5) { nodes { balance } } }", 1),
        ('{ supplier(number: "1") { name balance invoices(first: 5) { totalCount } } }', 3),
        ("{ suppliers(first: 20) { nodes { balance } } }", 2),
        ("{ supplierInvoices(first: 10) { nodes { supplier { name } } } }", 1),
        ("{ supplierInvoices(first: 10) { nodes { supplier { status } } } }", 12),
        (
            "fragment F on Supplier { number } { suppliers(first: 3) { edges { node { ...F } } } }",
            1,
        ),
        # One customer's invoices: one filtered call. Its sales orders have no customer filter:
        # the whole list, assumed 10 pages plus the probe. Its balance: one record.
        ('{ customer(number: "00001") { invoices(first: 5) { totalCount } } }', 2),
        ('{ customer(number: "00001") { salesOrders(first: 5) { totalCount } } }', 12),
        ("{ customers(first: 20) { nodes { balance { balance } } } }", 2),
        # Lines count as lines under any name (`invoiceLines` is Visma's, `lines` its alias):
        # two invoices' ten assumed lines name up to ten items, read whole in 10 pages and the
        # probe, after the page of invoices.
        (
            "{ supplierInvoices(first: 2) { nodes { invoiceLines { inventoryItem { type } } } } }",
            12,
        ),
        ("{ supplierInvoices(first: 2) { nodes { lines { inventoryItem { type } } } } }", 12),
    ],
)
async def test_estimates_of_shapes(gateway: Gateway, query: str, expected: int) -> None:
    estimate, calls = await estimate_of(gateway, query)
    assert estimate == expected
    assert calls <= estimate


@pytest.mark.parametrize("settings", [Settings(max_operation_calls=20)])
async def test_a_query_over_the_limit_is_refused_before_any_call(gateway: Gateway) -> None:
    result = await gateway.query(Q1)

    [error] = result["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["estimatedCalls"] > 20
    assert error["extensions"]["limit"] == 20
    assert result["data"] is None
    assert gateway.calls() == []


@pytest.mark.parametrize("sim_config", [SimulatorConfig(hourly_budget=6)])
async def test_a_query_over_the_budget_left_is_refused_before_any_call(gateway: Gateway) -> None:
    for number in ("10001", "10002", "10003"):
        await gateway.query(f'{{ supplier(number: "{number}") {{ name }} }}')
    gateway.sim.reset_calls()

    result = await gateway.query(
        '{ supplier(number: "10004") { balance invoices { totalCount } payments { totalCount } '
        "purchaseOrders { totalCount } } }"
    )

    [error] = result["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["remainingBudget"] == 3
    assert gateway.calls() == []
