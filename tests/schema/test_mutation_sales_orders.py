"""createSalesOrder, updateSalesOrder and cancelSalesOrder: the DTO Visma receives
(SalesOrderUpdateDto, generated), the totals its lines make, the order listed under its
customer, and Visma's refusal to change a cancelled order as a user error."""

from __future__ import annotations

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

CREATE = """
mutation($input: CreateSalesOrderInput!) {
  createSalesOrder(input: $input) {
    salesOrder { orderNo status orderTotal taxTotal lines { lineNbr quantity
      inventory { inventoryNumber } } }
    userErrors { message field code }
  }
}"""
UPDATE = """
mutation($n: String!, $input: UpdateSalesOrderInput!) {
  updateSalesOrder(orderNo: $n, input: $input) {
    salesOrder { status orderTotal } userErrors { message field code }
  }
}"""
CANCEL = """mutation($n: String!) { cancelSalesOrder(orderNo: $n) {
  salesOrder { status canceled } userErrors { message code } } }"""


async def test_an_order_is_created_changed_and_cancelled(gateway: Gateway) -> None:
    customer = gateway.sim.company(COMPANY_A_TENANT).receivables.customers[1]["number"]

    created = await gateway.query(
        CREATE,
        variables={
            "input": {
                "customer": customer,
                "description": "Stillas til Bryggen",
                "lines": [
                    {
                        "operation": "INSERT",
                        "inventoryNumber": "KRAN-LEIE",
                        "quantity": "3",
                        "unitPrice": "1000",
                    }
                ],
            }
        },
    )
    payload = created["data"]["createSalesOrder"]
    number = payload["salesOrder"]["orderNo"]
    changed = await gateway.query(UPDATE, variables={"n": number, "input": {"hold": True}})
    cancelled = await gateway.query(CANCEL, variables={"n": number})
    refused = await gateway.query(UPDATE, variables={"n": number, "input": {"hold": False}})
    listed = await gateway.query(
        """query($n: String!) { customer(number: $n) {
             salesOrders(first: 500) { nodes { orderNo } } } }""",
        variables={"n": customer},
    )

    assert payload["userErrors"] == []
    assert payload["salesOrder"] == {
        "orderNo": number,
        "status": "OPEN",
        "orderTotal": "3750.0",
        "taxTotal": "750.0",
        "lines": [{"lineNbr": 1, "quantity": "3.0", "inventory": {"inventoryNumber": "KRAN-LEIE"}}],
    }
    assert gateway.writes()[0] == (
        "POST",
        "/v1/salesorder",
        {
            "lines": [
                {
                    "operation": "Insert",
                    "inventoryNumber": {"value": "KRAN-LEIE"},
                    "quantity": {"value": 3},
                    "unitPrice": {"value": 1000},
                }
            ],
            "customer": {"value": customer},
            "description": {"value": "Stillas til Bryggen"},
        },
        None,
    )
    assert changed["data"]["updateSalesOrder"]["salesOrder"]["status"] == "HOLD"
    assert cancelled["data"]["cancelSalesOrder"]["salesOrder"] == {
        "status": "CANCELLED",
        "canceled": True,
    }
    [error] = refused["data"]["updateSalesOrder"]["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert "cannot be changed" in error["message"]
    orders = listed["data"]["customer"]["salesOrders"]["nodes"]
    assert number in [o["orderNo"] for o in orders]
