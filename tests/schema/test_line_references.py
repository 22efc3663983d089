"""References held by a document's lines (``line_references``), end to end against the
simulator: a line's inventory item, warehouse, branch or order resolves to that record in
full through the batching loaders, in one read for all lines, and costs no call when only
what Visma sent inline is selected."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.resources.declaration import Reference, Resource, line_references
from gateway.resources.registry import BY_NAME
from gateway.simulator import COMPANY_A_TENANT
from schema.edges import owned_edges
from schema.generated import FIELDS
from schema.generated.enums import InventoryType
from tests.conftest import Gateway

Record = dict[str, Any]


def _items(gateway: Gateway) -> dict[str, Record]:
    inventory = gateway.sim.company(COMPANY_A_TENANT).purchasing.inventory
    return {item["inventoryNumber"]: item for item in inventory}


async def test_a_sales_order_lines_items_are_read_in_full_in_one_read(gateway: Gateway) -> None:
    orders = gateway.sim.company(COMPANY_A_TENANT).receivables.sales_orders[:3]
    items = _items(gateway)

    result = await gateway.query(
        "{ salesOrders(first: 3) { nodes { orderNo lines { inventory { id inventoryNumber "
        "type description } } } } }"
    )

    assert "errors" not in result
    lines = [line for order in result["data"]["salesOrders"]["nodes"] for line in order["lines"]]
    expected = [line["inventory"]["number"] for order in orders for line in order["lines"]]
    assert [line["inventory"]["inventoryNumber"] for line in lines] == expected
    for line in lines:
        item = items[line["inventory"]["inventoryNumber"]]
        assert line["inventory"]["description"] == item["description"]
        assert line["inventory"]["type"] == InventoryType(item["type"]).name
    paths = [call.path for call in gateway.calls()]
    assert paths[0] == "/v1/salesorder"
    # Every line's item in one read (the whole inventory list or one record each, as the
    # planner finds cheaper), never one call per line.
    assert len(paths) <= 1 + len(set(expected))
    assert len(paths) - 1 < len(expected)
    assert result["extensions"]["upstream"]["estimatedCalls"] >= len(paths)


async def test_what_a_line_sent_inline_costs_no_call(gateway: Gateway) -> None:
    order = gateway.sim.company(COMPANY_A_TENANT).receivables.sales_orders[0]

    result = await gateway.query(
        "query($n: String!) { salesOrder(orderNo: $n) { lines { inventory { inventoryNumber "
        "description } branchNumber { number name } } } }",
        variables={"n": order["orderNo"]},
    )

    assert result["data"]["salesOrder"]["lines"] == [
        {
            "inventory": {
                "inventoryNumber": line["inventory"]["number"],
                "description": line["inventory"]["description"],
            },
            "branchNumber": line["branchNumber"],
        }
        for line in order["lines"]
    ]
    assert [call.path for call in gateway.calls()] == [f"/v1/salesorder/{order['orderNo']}"]


async def test_a_customer_invoice_line_names_its_item_by_number(gateway: Gateway) -> None:
    invoice = next(
        i
        for i in gateway.sim.company(COMPANY_A_TENANT).receivables.invoices
        if any(line.get("inventoryNumber") for line in i["invoiceLines"])
    )
    items = _items(gateway)

    result = await gateway.query(
        "query($n: String!) { customerInvoice(referenceNumber: $n) { invoiceLines { "
        "inventoryNumber inventoryItem { inventoryNumber description } } } }",
        variables={"n": invoice["referenceNumber"]},
    )

    assert "errors" not in result
    for line in result["data"]["customerInvoice"]["invoiceLines"]:
        number = line["inventoryNumber"]
        expected = (
            None
            if number is None
            else {
                "inventoryNumber": number,
                "description": items[number]["description"],
            }
        )
        assert line["inventoryItem"] == expected


async def test_a_receipt_line_resolves_the_purchase_order_it_receives(gateway: Gateway) -> None:
    receipt = gateway.sim.company(COMPANY_A_TENANT).purchasing.receipts[0]

    result = await gateway.query(
        "query($n: String!) { purchaseReceipt(receiptNbr: $n) { lines { poOrderNbr "
        "purchaseOrder { orderNumber supplier { number } } } } }",
        variables={"n": receipt["receiptNbr"]},
    )

    assert "errors" not in result
    lines = result["data"]["purchaseReceipt"]["lines"]
    assert [line["poOrderNbr"] for line in lines] == [
        line["poOrderNbr"] for line in receipt["lines"]
    ]
    for line in lines:
        assert line["purchaseOrder"]["orderNumber"] == line["poOrderNbr"]
        assert line["purchaseOrder"]["supplier"]["number"] == receipt["supplier"]["number"]


def test_a_line_reference_on_no_nested_type_of_the_record_is_refused() -> None:
    sales_order = BY_NAME["SalesOrder"]
    wrong = Resource(
        **{
            **sales_order.__dict__,
            "references": line_references(
                "NoSuchLine", Reference("inventory", "InventoryItem", (("inventory", "number"),))
            ),
        }
    )

    with pytest.raises(ValueError, match="NoSuchLine"):
        owned_edges(wrong, FIELDS["SalesOrder"], {"InventoryItem"}, {}, {})


async def test_a_receipt_line_names_the_order_line_it_receives(gateway: Gateway) -> None:
    company = gateway.sim.company(COMPANY_A_TENANT)
    receipt = next(r for r in company.purchasing.receipts if len(r["lines"]) > 1)
    orders = {o["orderNbr"]: o for o in company.purchase_orders}

    result = await gateway.query(
        """query($n: String!) { purchaseReceipt(receiptNbr: $n) { lines { lineNbr
             purchaseOrderLine { lineNbr orderQty inventory { inventoryNumber } } } } }""",
        variables={"n": receipt["receiptNbr"]},
    )

    assert "errors" not in result, result
    expected = []
    for line in receipt["lines"]:
        order_line = next(
            o for o in orders[line["poOrderNbr"]]["lines"] if o["lineNbr"] == line["poOrderLineNbr"]
        )
        expected.append(
            {
                "lineNbr": line["lineNbr"],
                "purchaseOrderLine": {
                    "lineNbr": order_line["lineNbr"],
                    "orderQty": str(order_line["orderQty"]),
                    "inventory": {"inventoryNumber": order_line["inventory"]["number"]},
                },
            }
        )
    assert result["data"]["purchaseReceipt"]["lines"] == expected
    # The receipt, then each order it receives once, whatever the number of its lines.
    paths = [call.path for call in gateway.calls()]
    assert paths == [f"/v1/PurchaseReceipt/{receipt['receiptNbr']}"] + [
        f"/v1/purchaseorder/{n}"
        for n in dict.fromkeys(line["poOrderNbr"] for line in receipt["lines"])
    ]
