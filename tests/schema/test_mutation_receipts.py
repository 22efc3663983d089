"""createPurchaseReceipt, updatePurchaseReceipt and releasePurchaseReceipt: a receipt of a
purchase order's lines, the DTO Visma receives (PurchaseReceiptUpdateDto, generated), the
order's receipts refreshed by the write, If-Match where the spec declares it and not on the
release, and Visma's refusals as user errors."""

from __future__ import annotations

from typing import Any

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

CREATE = """
mutation($input: CreatePurchaseReceiptInput!) {
  createPurchaseReceipt(input: $input) {
    purchaseReceipt { receiptNbr status totalQty lines { lineNbr receiptQty amount
      inventory { inventoryNumber } purchaseOrderLine { lineNbr } } }
    version userErrors { message field code }
  }
}"""
UPDATE = """
mutation($n: String!, $input: UpdatePurchaseReceiptInput!, $version: String) {
  updatePurchaseReceipt(receiptNbr: $n, input: $input, expectedVersion: $version) {
    purchaseReceipt { status hold lines { lineNbr receiptQty } }
    version userErrors { message field code }
  }
}"""
RELEASE = """mutation($n: String!) { releasePurchaseReceipt(receiptNbr: $n) {
  purchaseReceipt { status } userErrors { message code } } }"""
RECEIPTS = """query($n: String!) { purchaseOrder(number: $n) {
  purchaseReceipts { nodes { receiptNbr } } } }"""


def _order(gateway: Gateway) -> dict[str, Any]:
    order: dict[str, Any] = gateway.sim.company(COMPANY_A_TENANT).purchase_orders[0]
    return order


async def _create(gateway: Gateway, order: dict[str, Any]) -> dict[str, Any]:
    result = await gateway.query(
        CREATE,
        variables={
            "input": {
                "supplierId": order["supplier"]["number"],
                "receiptType": "PO_RECEIPT",
                "lines": [
                    {"poOrderNbr": order["orderNbr"], "poOrderLineNbr": 2, "receiptQty": "10"}
                ],
            }
        },
    )
    assert "errors" not in result, result
    payload: dict[str, Any] = result["data"]["createPurchaseReceipt"]
    return payload


async def test_a_receipt_of_an_order_line_is_created_and_listed_under_the_order(
    gateway: Gateway,
) -> None:
    order = _order(gateway)
    before = await gateway.query(RECEIPTS, variables={"n": order["orderNbr"]})
    known = [n["receiptNbr"] for n in before["data"]["purchaseOrder"]["purchaseReceipts"]["nodes"]]
    gateway.sim.reset_calls()

    payload = await _create(gateway, order)

    assert payload["userErrors"] == []
    receipt = payload["purchaseReceipt"]
    order_line = next(line for line in order["lines"] if line["lineNbr"] == 2)
    assert receipt["status"] == "BALANCED"
    assert receipt["lines"] == [
        {
            "lineNbr": 1,
            "receiptQty": "10.0",
            "amount": str(round(10 * order_line["unitCost"], 2)),
            "inventory": {"inventoryNumber": order_line["inventory"]["number"]},
            "purchaseOrderLine": {"lineNbr": 2},
        }
    ]
    assert gateway.writes() == [
        (
            "POST",
            "/v1/PurchaseReceipt",
            {
                "lines": [
                    {
                        "receiptQty": {"value": 10},
                        "poOrderNbr": {"value": order["orderNbr"]},
                        "poOrderLineNbr": {"value": 2},
                    }
                ],
                "receiptType": {"value": "PoReceipt"},
                "supplierId": {"value": order["supplier"]["number"]},
            },
            None,
        )
    ]
    after = await gateway.query(RECEIPTS, variables={"n": order["orderNbr"]})
    listed = [n["receiptNbr"] for n in after["data"]["purchaseOrder"]["purchaseReceipts"]["nodes"]]
    assert sorted(listed) == sorted([*known, receipt["receiptNbr"]])


async def test_an_update_adds_a_line_with_if_match_and_a_release_takes_no_version(
    gateway: Gateway,
) -> None:
    order = _order(gateway)
    created = await _create(gateway, order)
    number = created["purchaseReceipt"]["receiptNbr"]
    gateway.sim.reset_calls()

    updated = await gateway.query(
        UPDATE,
        variables={
            "n": number,
            "input": {
                "lines": [
                    {
                        "operation": "INSERT",
                        "poOrderNbr": order["orderNbr"],
                        "poOrderLineNbr": 3,
                        "receiptQty": "1",
                    },
                    {"operation": "UPDATE", "lineNbr": 1, "receiptQty": "12"},
                ]
            },
            "version": created["version"],
        },
    )
    released = await gateway.query(RELEASE, variables={"n": number})
    again = await gateway.query(RELEASE, variables={"n": number})

    payload = updated["data"]["updatePurchaseReceipt"]
    assert payload["userErrors"] == []
    assert payload["purchaseReceipt"]["lines"] == [
        {"lineNbr": 1, "receiptQty": "12.0"},
        {"lineNbr": 2, "receiptQty": "1.0"},
    ]
    put, release, _ = gateway.writes()
    assert (put[0], put[1], put[3]) == (
        "PUT",
        f"/v1/PurchaseReceipt/{number}",
        f'"{created["version"]}"',
    )
    assert release == ("POST", f"/v1/PurchaseReceipt/{number}/action/release", None, None)
    assert released["data"]["releasePurchaseReceipt"]["purchaseReceipt"] == {"status": "RELEASED"}
    [error] = again["data"]["releasePurchaseReceipt"]["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert "already been released" in error["message"]


async def test_another_suppliers_order_is_a_user_error(gateway: Gateway) -> None:
    order = _order(gateway)
    other = next(
        s["number"]
        for s in gateway.sim.company(COMPANY_A_TENANT).suppliers
        if s["number"] != order["supplier"]["number"]
    )

    result = await gateway.query(
        CREATE,
        variables={
            "input": {
                "supplierId": other,
                "lines": [
                    {"poOrderNbr": order["orderNbr"], "poOrderLineNbr": 1, "receiptQty": "1"}
                ],
            }
        },
    )

    payload = result["data"]["createPurchaseReceipt"]
    assert payload["purchaseReceipt"] is None
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert "not an order of this supplier" in error["message"]
