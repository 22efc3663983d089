"""Single resources, their 404s, and the supplier balance endpoints."""

from __future__ import annotations

import httpx
import pytest

from gateway.simulator import COMPANY_A_TENANT, Simulator


@pytest.mark.parametrize(
    ("collection", "path", "key"),
    [
        ("suppliers", "/v1/supplier/{}", "number"),
        ("invoices", "/v1/supplierInvoice/{}", "referenceNumber"),
        ("purchase_orders", "/v1/purchaseorder/{}", "orderNbr"),
        ("payments", "/v1/supplierPayment/{}", "refNbr"),
    ],
)
async def test_single_resource_with_etag(
    sim: Simulator, client_a: httpx.AsyncClient, collection: str, path: str, key: str
) -> None:
    record = getattr(sim.company(COMPANY_A_TENANT), collection)[42]

    response = await client_a.get(path.format(record[key]))

    assert response.status_code == 200
    assert response.json() == record
    assert response.headers["etag"] == f'"{record["timeStamp"]}"'


async def test_typed_invoice_and_payment_lookups(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    data = sim.company(COMPANY_A_TENANT)
    credit = next(i for i in data.invoices if i["documentType"] == "CreditAdj")
    prepayment = next(p for p in data.payments if p["type"] == "Prepayment")

    right_invoice = await client_a.get(f"/v1/supplierInvoice/CreditAdj/{credit['referenceNumber']}")
    wrong_invoice = await client_a.get(f"/v1/supplierInvoice/Invoice/{credit['referenceNumber']}")
    right_payment = await client_a.get(f"/v1/supplierPayment/Prepayment/{prepayment['refNbr']}")
    wrong_payment = await client_a.get(f"/v1/supplierPayment/Payment/{prepayment['refNbr']}")

    assert right_invoice.json()["referenceNumber"] == credit["referenceNumber"]
    assert right_payment.json()["refNbr"] == prepayment["refNbr"]
    assert wrong_invoice.status_code == 404
    assert wrong_payment.status_code == 404
    expected = f"Supplier invoice '{credit['referenceNumber']}' was not found."
    assert wrong_invoice.json()["message"].endswith(expected)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/v1/supplier/99999", "Supplier '99999' was not found."),
        ("/v1/supplier/99999/invoice", "Supplier '99999' was not found."),
        ("/v1/supplier/99999/balance", "Supplier '99999' was not found."),
        ("/v1/supplier/99999/POBalance", "Supplier '99999' was not found."),
        ("/v1/supplierInvoice/000000", "Supplier invoice '000000' was not found."),
        ("/v1/purchaseorder/PO999999", "Purchase order 'PO999999' was not found."),
        ("/v1/supplierPayment/000000", "Supplier payment '000000' was not found."),
    ],
)
async def test_missing_records_are_404_with_visma_id(
    client_a: httpx.AsyncClient, path: str, text: str
) -> None:
    response = await client_a.get(path)

    assert response.status_code == 404
    message = response.json()["message"]
    assert message.startswith("VismaId: ")
    assert message.endswith(text)


async def test_supplier_balance_sums_open_invoice_balances(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    data = sim.company(COMPANY_A_TENANT)
    expected = {
        s["number"]: round(
            sum(
                i["balance"]
                for i in data.invoices
                if i["supplier"]["number"] == s["number"] and i["status"] == "Open"
            ),
            2,
        )
        for s in data.suppliers
    }

    number = max(expected, key=lambda n: expected[n])

    one = await client_a.get(f"/v1/supplier/{number}/balance")
    every = await client_a.get("/v1/supplier/balance")

    assert one.json()["balance"] == expected[number] > 0
    assert one.json()["supplier"]["number"] == number
    assert {b["supplier"]["number"]: b["balance"] for b in every.json()} == expected
    assert set(one.json()) == {
        "supplier",
        "balance",
        "unreleasedPurchasesNotInApproval",
        "totalSentForApproval",
        "totalPurchaseInvoicePeriod",
        "totalPurchaseInvoiceYear",
        "lastModifiedDateTime",
    }


async def test_po_balance_sums_orders_by_status(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    data = sim.company(COMPANY_A_TENANT)
    order = next(o for o in data.purchase_orders if o["status"] == "Open")
    number = order["supplier"]["number"]
    open_total = round(
        sum(
            o["orderTotalInBaseCurrency"]
            for o in data.purchase_orders
            if o["supplier"]["number"] == number
            and o["status"] in ("Open", "PendingPrint", "PendingEmail", "Printed")
        ),
        2,
    )

    one = await client_a.get(f"/v1/supplier/{number}/POBalance")
    every = await client_a.get("/v1/supplier/POBalance")

    assert one.json()["totalOpenPOOrderTotal"] == open_total > 0
    assert len(every.json()) == len(data.suppliers)
    assert "metadata" not in every.json()[0]
