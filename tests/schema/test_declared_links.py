"""Declared links beyond the documents, end to end against the simulator: a supplier's
purchase order balance, its locations (a list Visma cannot filter by supplier, read whole
and grouped) and the currency it names by id, each in one read for a whole page; a purchase
order's receipts (which name their order only on their lines, so are read per order)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

Record = dict[str, Any]


def amount(value: Any) -> Decimal:
    """An amount as the gateway answers it (text) or the simulator holds it (a number)."""
    return Decimal(str(value))


QUERY = """{ suppliers(first: 20) { nodes { number
  poBalance { totalOpenPOOrderTotal supplier { number } }
  locations { totalCount nodes { locationId locationName } }
  currency { id description } } } }"""


async def test_a_page_of_suppliers_reads_each_link_once(gateway: Gateway) -> None:
    company = gateway.sim.company(COMPANY_A_TENANT)
    suppliers = company.suppliers[:20]
    balances = {b["supplier"]["number"]: b for b in company.po_balances}
    currencies = {c["id"]: c for c in company.ledger["currency"]}

    result = await gateway.query(QUERY)

    assert "errors" not in result
    nodes = result["data"]["suppliers"]["nodes"]
    assert [n["number"] for n in nodes] == [s["number"] for s in suppliers]
    for node, supplier in zip(nodes, suppliers, strict=True):
        balance = balances[supplier["number"]]
        assert node["poBalance"]["supplier"] == {"number": supplier["number"]}
        assert amount(node["poBalance"]["totalOpenPOOrderTotal"]) == amount(
            balance["totalOpenPOOrderTotal"]
        )
        mine = [
            loc
            for loc in company.purchasing.locations
            if loc["baccount"]["number"] == node["number"]
        ]
        assert node["locations"]["totalCount"] == len(mine)
        assert node["locations"]["nodes"] == [
            {"locationId": loc["locationId"], "locationName": loc["locationName"]} for loc in mine
        ]
        assert node["currency"]["description"] == currencies[supplier["currencyId"]]["description"]
    paths = sorted(call.path for call in gateway.calls())
    used = sorted({f"/v1/currency/{s['currencyId']}" for s in suppliers})
    read = [p for p in paths if p.startswith("/v1/currency")]
    # The currencies named: one record each, or the whole (short) list at once.
    assert read in (used, ["/v1/currency"])
    others = ["/v1/supplier", "/v1/supplier/POBalance", "/v1/supplierlocation"]
    assert [p for p in paths if p not in read] == others
    assert result["extensions"]["upstream"]["estimatedCalls"] >= len(paths)

    again = await gateway.query(QUERY)
    assert again["data"] == result["data"]
    assert len(gateway.calls()) == len(paths)  # warm: no call


async def test_one_suppliers_po_balance_is_read_by_its_number(gateway: Gateway) -> None:
    balance = gateway.sim.company(COMPANY_A_TENANT).po_balances[3]
    number = balance["supplier"]["number"]

    result = await gateway.query(
        "query($n: String!) { supplier(number: $n) { poBalance { totalClosedPOOrderTotal } } }",
        variables={"n": number},
    )

    found = result["data"]["supplier"]["poBalance"]["totalClosedPOOrderTotal"]
    assert amount(found) == amount(balance["totalClosedPOOrderTotal"])
    assert [call.path for call in gateway.calls()] == [
        f"/v1/supplier/{number}",
        f"/v1/supplier/{number}/POBalance",
    ]


async def test_a_customers_credit_terms_sent_inline_cost_no_call(gateway: Gateway) -> None:
    customer = gateway.sim.company(COMPANY_A_TENANT).receivables.customers[0]

    result = await gateway.query(
        "query($n: String!) { customer(number: $n) { creditTerms { termsId description } } }",
        variables={"n": customer["number"]},
    )

    terms = customer["creditTerms"]
    assert result["data"]["customer"]["creditTerms"] == {
        "termsId": terms["id"],
        "description": terms["description"],
    }
    assert [call.path for call in gateway.calls()] == [f"/v1/customer/{customer['number']}"]


async def test_a_purchase_orders_receipts_are_read_filtered_by_it(gateway: Gateway) -> None:
    company = gateway.sim.company(COMPANY_A_TENANT)
    orders = company.purchase_orders[:5]

    result = await gateway.query(
        "{ purchaseOrders(first: 5) { nodes { orderNbr purchaseReceipts { totalCount "
        "nodes { receiptNbr } } } } }"
    )

    assert "errors" not in result
    for node in result["data"]["purchaseOrders"]["nodes"]:
        mine = [
            r["receiptNbr"]
            for r in company.purchasing.receipts
            if any(line["poOrderNbr"] == node["orderNbr"] for line in r["lines"])
        ]
        assert node["purchaseReceipts"]["totalCount"] == len(mine)
        assert [r["receiptNbr"] for r in node["purchaseReceipts"]["nodes"]] == mine
    receipt_calls = [c for c in gateway.calls() if c.path == "/v1/PurchaseReceipt"]
    assert sorted(c.params["poOrderNbr"] for c in receipt_calls) == [o["orderNbr"] for o in orders]
    assert result["extensions"]["upstream"]["estimatedCalls"] == len(gateway.calls())
