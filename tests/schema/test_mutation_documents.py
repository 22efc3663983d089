"""Invoice, purchase order and payment mutations against the simulator: exact request bodies,
read-back payloads, and invalidation of the supplier's nested lists and balance."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

SUPPLIER_VIEW = """query($n: String!) { supplier(number: $n) { balance
  invoices(first: 500) { totalCount nodes { referenceNumber status } }
  purchaseOrders(first: 500) { totalCount nodes { orderNumber } }
  payments(first: 500) { totalCount nodes { referenceNumber status } } } }"""

CREATE_INVOICE = """mutation($input: CreateSupplierInvoiceInput!) {
  createSupplierInvoice(input: $input) {
  supplierInvoice { documentType referenceNumber status amount date supplier { number }
    lines { lineNumber inventoryNumber quantity unitCost cost } timeStamp } } }"""

SEED_INVOICE = {
    "supplierNumber": "10015",
    "supplierReference": "INV-7788",
    "date": "2026-03-02",
    "dueDate": "2026-04-01",
    "description": "Gipsskruer til Kvartal 7",
    "invoiceLines": [
        {"inventoryNumber": "SKRUE-GIPS", "quantity": "10", "unitCostInCurrency": "196.50"},
        {
            "operation": "INSERT",
            "transactionDescription": "Frakt",
            "quantity": "1",
            "costInCurrency": "250",
        },
    ],
}


def writes(gateway: Gateway) -> list[tuple[str, str, Any]]:
    return [(c.method, c.path, c.body) for c in gateway.calls() if c.method != "GET"]


async def test_create_invoice_sends_wrapped_fields_and_unwrapped_lines(gateway: Gateway) -> None:
    result = await gateway.query(CREATE_INVOICE, variables={"input": SEED_INVOICE})

    invoice = result["data"]["createSupplierInvoice"]["supplierInvoice"]
    assert (invoice["documentType"], invoice["referenceNumber"], invoice["status"]) == (
        "INVOICE",
        "106001",
        "BALANCED",
    )
    assert Decimal(invoice["amount"]) == Decimal("2215")
    assert invoice["supplier"] == {"number": "10015"}
    assert writes(gateway) == [
        (
            "POST",
            "/v1/supplierInvoice",
            {
                "documentType": {"value": "Invoice"},
                "date": {"value": "2026-03-02T00:00:00"},
                "supplierReference": {"value": "INV-7788"},
                "description": {"value": "Gipsskruer til Kvartal 7"},
                "supplierNumber": {"value": "10015"},
                "dueDate": {"value": "2026-04-01T00:00:00"},
                "invoiceLines": [
                    {
                        "inventoryNumber": {"value": "SKRUE-GIPS"},
                        "quantity": {"value": 10},
                        "unitCostInCurrency": {"value": 196.5},
                    },
                    {
                        "operation": "Insert",
                        "transactionDescription": {"value": "Frakt"},
                        "quantity": {"value": 1},
                        "costInCurrency": {"value": 250},
                    },
                ],
            },
        )
    ]
    assert ("GET", "/v1/supplierInvoice/Invoice/106001") in [
        (c.method, c.path) for c in gateway.calls()
    ]


async def test_created_and_released_invoice_shows_in_cached_supplier_views(
    gateway: Gateway,
) -> None:
    before = (await gateway.query(SUPPLIER_VIEW, variables={"n": "10015"}))["data"]["supplier"]
    cached = await gateway.query(SUPPLIER_VIEW, variables={"n": "10015"})
    assert cached["extensions"]["upstream"]["calls"] == 0

    await gateway.query(CREATE_INVOICE, variables={"input": SEED_INVOICE})
    created = (await gateway.query(SUPPLIER_VIEW, variables={"n": "10015"}))["data"]["supplier"]
    assert created["invoices"]["totalCount"] == before["invoices"]["totalCount"] + 1
    assert {"referenceNumber": "106001", "status": "BALANCED"} in created["invoices"]["nodes"]

    released = await gateway.query(
        """mutation { releaseSupplierInvoice(documentType: INVOICE, referenceNumber: "106001") {
             supplierInvoice { status } } }"""
    )
    assert released["data"]["releaseSupplierInvoice"]["supplierInvoice"]["status"] == "OPEN"
    assert writes(gateway)[-1] == (
        "POST",
        "/v1/supplierInvoice/Invoice/106001/action/release",
        None,
    )
    after = (await gateway.query(SUPPLIER_VIEW, variables={"n": "10015"}))["data"]["supplier"]
    assert Decimal(after["balance"]) == Decimal(before["balance"]) + Decimal("2215")


async def test_update_invoice_lines_by_operation(gateway: Gateway) -> None:
    await gateway.query(CREATE_INVOICE, variables={"input": SEED_INVOICE})
    result = await gateway.query(
        """mutation($lines: [SupplierInvoiceLineUpdateInput!]) {
             updateSupplierInvoice(documentType: INVOICE, referenceNumber: "106001",
                                   input: {invoiceLines: $lines}) {
               supplierInvoice { amount invoiceLines { lineNumber quantity } } } }""",
        variables={
            "lines": [
                {"operation": "UPDATE", "lineNumber": 1, "quantity": "20"},
                {"operation": "DELETE", "lineNumber": 2},
            ]
        },
    )

    invoice = result["data"]["updateSupplierInvoice"]["supplierInvoice"]
    assert invoice["invoiceLines"] == [{"lineNumber": 1, "quantity": "20.0"}]
    assert writes(gateway)[-1] == (
        "PUT",
        "/v1/supplierInvoice/Invoice/106001",
        {
            "invoiceLines": [
                {"operation": "Update", "lineNumber": {"value": 1}, "quantity": {"value": 20}},
                {"operation": "Delete", "lineNumber": {"value": 2}},
            ]
        },
    )


async def test_update_or_delete_lines_need_a_line_number(gateway: Gateway) -> None:
    result = await gateway.query(
        """mutation { updateSupplierInvoice(documentType: INVOICE, referenceNumber: "100001",
             input: {invoiceLines: [{operation: DELETE}]}) {
               supplierInvoice { amount } userErrors { field code } } }"""
    )

    assert result["data"]["updateSupplierInvoice"] == {
        "supplierInvoice": None,
        "userErrors": [
            {"field": ["input", "invoiceLines", "0", "lineNumber"], "code": "BAD_USER_INPUT"}
        ],
    }
    assert writes(gateway) == []


async def test_create_purchase_order_with_lines(gateway: Gateway) -> None:
    before = (await gateway.query(SUPPLIER_VIEW, variables={"n": "10015"}))["data"]["supplier"]
    result = await gateway.query(
        """mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) {
             purchaseOrder { orderNumber orderType status orderTotal
               lines { lineNumber quantity unitCost amount } } } }""",
        variables={
            "input": {
                "orderType": "REGULAR_ORDER",
                "supplier": "10015",
                "date": "2026-03-02",
                "description": "Konstruksjonsvirke",
                "lines": [
                    {
                        "operation": "INSERT",
                        "inventory": "TRE-48198",
                        "lineType": "GOODS_FOR_INVENTORY",
                        "orderQty": "100",
                        "unitCost": "61.5",
                        "promised": "2026-03-20",
                    }
                ],
            }
        },
    )

    order = result["data"]["createPurchaseOrder"]["purchaseOrder"]
    assert (order["orderNumber"], order["orderType"], order["status"]) == (
        "PO000451",
        "REGULAR_ORDER",
        "OPEN",
    )
    assert Decimal(order["orderTotal"]) == Decimal("6150")
    assert writes(gateway) == [
        (
            "POST",
            "/v1/purchaseorder",
            {
                "orderType": {"value": "RegularOrder"},
                "supplier": {"value": "10015"},
                "date": {"value": "2026-03-02T00:00:00"},
                "description": {"value": "Konstruksjonsvirke"},
                "lines": [
                    {
                        "operation": "Insert",
                        "inventory": {"value": "TRE-48198"},
                        "lineType": {"value": "GoodsForInventory"},
                        "orderQty": {"value": 100},
                        "unitCost": {"value": 61.5},
                        "promised": {"value": "2026-03-20T00:00:00"},
                    }
                ],
            },
        )
    ]
    after = (await gateway.query(SUPPLIER_VIEW, variables={"n": "10015"}))["data"]["supplier"]
    assert after["purchaseOrders"]["totalCount"] == before["purchaseOrders"]["totalCount"] + 1


async def test_update_purchase_order_sends_only_given_fields(gateway: Gateway) -> None:
    result = await gateway.query(
        """mutation { updatePurchaseOrder(orderNbr: "PO000001",
             input: {description: "Ny tekst", promisedOn: null}) {
             purchaseOrder { description promisedOn } } }"""
    )

    assert result["data"]["updatePurchaseOrder"]["purchaseOrder"] == {
        "description": "Ny tekst",
        "promisedOn": None,
    }
    assert writes(gateway) == [
        (
            "PUT",
            "/v1/purchaseorder/PO000001",
            {"promisedOn": {"value": None}, "description": {"value": "Ny tekst"}},
        )
    ]


async def test_payment_create_and_release_pays_the_invoice(gateway: Gateway) -> None:
    invoice = next(
        i
        for i in gateway.sim.company(COMPANY_A_TENANT).invoices
        if i["status"] == "Open" and i["documentType"] == "Invoice"
    )
    supplier = invoice["supplier"]["number"]
    before = (await gateway.query(SUPPLIER_VIEW, variables={"n": supplier}))["data"]["supplier"]

    created = await gateway.query(
        """mutation($input: CreateSupplierPaymentInput!) { createSupplierPayment(input: $input) {
             supplierPayment { referenceNumber status paymentAmount } } }""",
        variables={
            "input": {
                "type": "PAYMENT",
                "supplier": supplier,
                "applicationDate": "2026-03-31",
                "paymentLines": [
                    {
                        "operation": "INSERT",
                        "documentType": "INVOICE",
                        "refNbr": invoice["referenceNumber"],
                    }
                ],
            }
        },
    )
    payment = created["data"]["createSupplierPayment"]["supplierPayment"]
    assert (payment["referenceNumber"], payment["status"]) == ("300381", "BALANCED")
    released = await gateway.query(
        """mutation { releaseSupplierPayment(refNbr: "300381") {
             supplierPayment { status released } } }"""
    )

    assert released["data"]["releaseSupplierPayment"]["supplierPayment"] == {
        "status": "CLOSED",
        "released": True,
    }
    assert writes(gateway) == [
        (
            "POST",
            "/v1/supplierPayment",
            {
                "type": {"value": "Payment"},
                "supplier": {"value": supplier},
                "applicationDate": {"value": "2026-03-31T00:00:00"},
                "paymentLines": [
                    {
                        "operation": "Insert",
                        "documentType": {"value": "Invoice"},
                        "refNbr": {"value": invoice["referenceNumber"]},
                    }
                ],
            },
        ),
        ("POST", "/v1/supplierPayment/300381/action/release", {"type": {"value": "Payment"}}),
    ]
    after = (await gateway.query(SUPPLIER_VIEW, variables={"n": supplier}))["data"]["supplier"]
    assert after["payments"]["totalCount"] == before["payments"]["totalCount"] + 1
    assert {"referenceNumber": invoice["referenceNumber"], "status": "CLOSED"} in after["invoices"][
        "nodes"
    ]
    assert Decimal(after["balance"]) == Decimal(before["balance"]) - Decimal(
        str(invoice["balance"])
    )


async def test_create_invoice_needs_a_supplier(gateway: Gateway) -> None:
    result = await gateway.query(
        """mutation { createSupplierInvoice(input: {description: "x"}) {
             supplierInvoice { referenceNumber } } }"""
    )

    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "supplierNumber" in result["errors"][0]["message"]
    assert writes(gateway) == []


async def test_update_payment_changes_what_it_applies_until_it_is_released(
    gateway: Gateway,
) -> None:
    invoice = next(
        i
        for i in gateway.sim.company(COMPANY_A_TENANT).invoices
        if i["status"] == "Open" and i["documentType"] == "Invoice"
    )
    line = {"documentType": "INVOICE", "refNbr": invoice["referenceNumber"]}
    await gateway.query(
        """mutation($input: CreateSupplierPaymentInput!) { createSupplierPayment(input: $input) {
             userErrors { message } } }""",
        variables={
            "input": {
                "supplier": invoice["supplier"]["number"],
                "paymentAmount": "500",
                "paymentLines": [{**line, "amountPaid": "100"}],
            }
        },
    )
    update = """mutation($input: UpdateSupplierPaymentInput!) {
      updateSupplierPayment(refNbr: "300381", input: $input) {
        supplierPayment { description paymentAmount appliedAmount paymentLines { amountPaid } }
        userErrors { code message } } }"""

    updated = await gateway.query(
        update,
        variables={
            "input": {
                "description": "Delbetaling",
                "paymentLines": [{**line, "operation": "UPDATE", "amountPaid": "250"}],
            }
        },
    )
    await gateway.query('mutation { releaseSupplierPayment(refNbr: "300381") { __typename } }')
    refused = await gateway.query(update, variables={"input": {"description": "Sent"}})

    assert updated["data"]["updateSupplierPayment"] == {
        "supplierPayment": {
            "description": "Delbetaling",
            "paymentAmount": "500.0",
            "appliedAmount": "250.0",
            "paymentLines": [{"amountPaid": "250.0"}],
        },
        "userErrors": [],
    }
    assert writes(gateway)[1] == (
        "PUT",
        "/v1/supplierPayment/300381",
        {
            "description": {"value": "Delbetaling"},
            "paymentLines": [
                {
                    "operation": "Update",
                    "documentType": {"value": "Invoice"},
                    "refNbr": {"value": invoice["referenceNumber"]},
                    "amountPaid": {"value": 250},
                }
            ],
        },
    )
    [error] = refused["data"]["updateSupplierPayment"]["userErrors"]
    assert "A released document cannot be changed" in error["message"]
