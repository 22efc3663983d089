"""Q2, the customer ledger: nested lists under engine-built customers, counted from the
simulator's record of calls."""

from __future__ import annotations

import math
from collections import Counter

from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT
from gateway.simulator.filters import Record
from tests.conftest import TOKEN_B, Gateway
from tests.upstream.test_batching import request_keys

Q2 = """
{ customers(first: 50) { totalCount nodes { number name
    invoices(first: 100) { totalCount nodes { referenceNumber amount balance status } }
    salesOrders(first: 100) { nodes { orderNo status orderTotal } }
    payments(first: 100) { nodes { refNbr paymentAmount } } } } }
"""


def of_customer(items: list[Record], number: str) -> list[Record]:
    return [i for i in items if i["customer"]["number"] == number]


async def test_q2_cold_costs_few_calls_and_answers_what_the_simulator_holds(
    gateway: Gateway,
) -> None:
    result = await gateway.query(Q2)

    assert "errors" not in result
    calls = request_keys(gateway)
    assert len(calls) <= 30
    assert not [key for key, n in Counter(calls).items() if n > 1]
    assert result["extensions"]["upstream"]["calls"] == len(calls)
    assert result["extensions"]["upstream"]["estimatedCalls"] >= len(calls)

    book = gateway.sim.company(COMPANY_A_TENANT).receivables
    customers = sorted(book.customers, key=lambda c: c["number"])[:50]
    nodes = result["data"]["customers"]["nodes"]
    assert result["data"]["customers"]["totalCount"] == len(book.customers)
    assert [n["number"] for n in nodes] == [c["number"] for c in customers]
    for node in nodes:
        invoices = of_customer(book.invoices, node["number"])
        assert node["invoices"]["totalCount"] == len(invoices)
        assert {i["referenceNumber"] for i in node["invoices"]["nodes"]} == {
            i["referenceNumber"] for i in invoices[:100]
        }
        orders = of_customer(book.sales_orders, node["number"])
        assert [o["orderNo"] for o in node["salesOrders"]["nodes"]] == [
            o["orderNo"] for o in orders[:100]
        ]
        payments = of_customer(book.payments, node["number"])
        assert [p["refNbr"] for p in node["payments"]["nodes"]] == [
            p["refNbr"] for p in payments[:100]
        ]
    assert any(n["salesOrders"]["nodes"] for n in nodes)


async def test_q2_warm_costs_nothing_for_the_same_token(gateway: Gateway) -> None:
    first = await gateway.query(Q2)
    gateway.sim.reset_calls()

    second = await gateway.query(Q2)

    assert gateway.calls() == []
    assert second["extensions"]["upstream"]["calls"] == 0
    assert second["data"] == first["data"]


async def test_sales_orders_without_a_customer_filter_are_read_whole_and_grouped(
    gateway: Gateway,
) -> None:
    """/v1/salesorder has no customer parameter: one bulk read serves every customer."""
    result = await gateway.query(
        '{ customer(number: "00001") { salesOrders(first: 3) { totalCount nodes { orderNo } } } }'
    )

    order_calls = [c for c in gateway.calls() if c.path.lower() == "/v1/salesorder"]
    orders = of_customer(gateway.sim.company(COMPANY_A_TENANT).receivables.sales_orders, "00001")
    total = len(gateway.sim.company(COMPANY_A_TENANT).receivables.sales_orders)
    assert all("customer" not in c.params for c in order_calls)
    assert len(order_calls) == math.ceil(total / gateway.sim.config.max_page_size)
    connection = result["data"]["customer"]["salesOrders"]
    assert connection["totalCount"] == len(orders)
    assert [n["orderNo"] for n in connection["nodes"]] == [o["orderNo"] for o in orders[:3]]


async def test_a_customer_balance_is_one_record_per_customer_read_in_one_call(
    gateway: Gateway,
) -> None:
    result = await gateway.query(
        "{ customers(first: 20) { nodes { number balance { balance customer { name } } } } }"
    )

    assert "errors" not in result
    balances = {
        b["customer"]["number"]: b
        for b in gateway.sim.company(COMPANY_A_TENANT).receivables.balances
    }
    for node in result["data"]["customers"]["nodes"]:
        expected = balances[node["number"]]
        assert float(node["balance"]["balance"]) == float(expected["balance"])
        assert node["balance"]["customer"]["name"] == expected["customer"]["name"]
    assert [c.path for c in gateway.calls()] == ["/v1/customer", "/v1/customer/balance"]


async def test_company_b_sees_only_its_own_customers(gateway: Gateway) -> None:
    await gateway.query(Q2)
    gateway.sim.reset_calls()

    result = await gateway.query(Q2, token=TOKEN_B)

    assert "errors" not in result
    assert gateway.calls() and {c.authorization for c in gateway.calls()} == {f"Bearer {TOKEN_B}"}
    company_b = gateway.sim.company(COMPANY_B_TENANT).receivables
    company_a = gateway.sim.company(COMPANY_A_TENANT).receivables
    assert result["data"]["customers"]["totalCount"] == len(company_b.customers)
    b_invoices = {i["referenceNumber"] for i in company_b.invoices}
    a_names = {c["name"] for c in company_a.customers} - {c["name"] for c in company_b.customers}
    for node in result["data"]["customers"]["nodes"]:
        assert node["name"] not in a_names
        assert {i["referenceNumber"] for i in node["invoices"]["nodes"]} <= b_invoices
