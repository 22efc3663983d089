"""The purchasing neighbourhood: projects, tasks, items, warehouses, units, contacts,
supplier locations, purchase receipts, supplier documents and invoice attachments."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, Simulator

Json = Any

PAGED_LISTS = [
    "/v1/project",
    "/v1/inventory",
    "/v1/supplierlocation",
    "/v1/PurchaseReceipt",
    "/v1/supplierdocument",
]
PLAIN_LISTS = ["/v1/warehouse", "/v1/unitofmeasure", "/v1/contact"]


async def _all(client: httpx.AsyncClient, path: str, **params: str) -> list[Json]:
    """Every item of a paged list, page by page."""
    items: list[Json] = []
    number = 1
    while True:
        response = await client.get(path, params={**params, "pageNumber": number})
        assert response.status_code == 200, response.text
        page: list[Json] = response.json()
        items += page
        if not page or len(items) >= page[0]["metadata"]["totalCount"]:
            return items
        number += 1


@pytest.mark.parametrize("path", PAGED_LISTS)
async def test_paged_lists_page_with_metadata(client_a: httpx.AsyncClient, path: str) -> None:
    first = (await client_a.get(path, params={"pageSize": 2})).json()
    second = (await client_a.get(path, params={"pageSize": 2, "pageNumber": 2})).json()
    whole = (await client_a.get(path, params={"pageSize": 4})).json()

    total = first[0]["metadata"]["totalCount"]
    assert total >= 4
    assert [item["metadata"]["totalCount"] for item in first + second] == [total] * 4
    assert first + second == whole


async def test_tasks_page_without_metadata(client_a: httpx.AsyncClient) -> None:
    second = (await client_a.get("/v1/projecttask", params={"pageSize": 3, "pageNumber": 2})).json()
    whole = (await client_a.get("/v1/projecttask", params={"pageSize": 6})).json()

    assert second == whole[3:]
    assert all("metadata" not in task for task in whole)


@pytest.mark.parametrize("path", PLAIN_LISTS)
async def test_plain_lists_answer_everything(client_a: httpx.AsyncClient, path: str) -> None:
    response = await client_a.get(path)

    assert response.status_code == 200
    items = response.json()
    assert len(items) >= 3
    assert all("metadata" not in item for item in items)


@pytest.mark.parametrize(
    "path",
    [
        "/v1/project/NOPE-1",
        "/v1/projecttask/999999",
        "/v1/inventory/NOPE-ITEM",
        "/v1/warehouse/NOPE",
        "/v1/contact/999999",
        "/v1/supplier/99999/contact",
        "/v1/supplierlocation/99999",
        "/v1/supplierlocation/10001/NOPE",
        "/v1/PurchaseReceipt/PR999999",
        "/v1/supplier/99999/document",
        "/v1/attachment/00000000-0000-4000-8000-000000000000",
    ],
)
async def test_unknown_keys_are_404(client_a: httpx.AsyncClient, path: str) -> None:
    response = await client_a.get(path)

    assert response.status_code == 404
    assert "was not found" in response.json()["message"]


async def test_non_numeric_internal_ids_are_400(client_a: httpx.AsyncClient) -> None:
    task = await client_a.get("/v1/projecttask/abc")
    contact = await client_a.get("/v1/contact/12x")

    assert (task.status_code, contact.status_code) == (400, 400)


async def test_records_answer_by_key_with_etag(client_a: httpx.AsyncClient) -> None:
    receipts = (await client_a.get("/v1/PurchaseReceipt", params={"pageSize": 5})).json()
    chosen = receipts[3]

    response = await client_a.get(f"/v1/PurchaseReceipt/{chosen['receiptNbr']}")

    assert response.status_code == 200
    assert response.json() == {k: v for k, v in chosen.items() if k != "metadata"}
    assert response.headers["etag"] == f'"{chosen["timeStamp"]}"'


async def test_every_closed_order_has_its_receipt(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    orders = [o for o in sim.company(COMPANY_A_TENANT).purchase_orders if "purchaseReceipts" in o]
    receipts = {r["receiptNbr"]: r for r in await _all(client_a, "/v1/PurchaseReceipt")}

    assert len(orders) > 100
    for order in orders:
        entry = order["purchaseReceipts"][0]
        receipt = receipts[entry["receiptNumber"]]
        assert receipt["supplier"] == order["supplier"]
        assert receipt["totalAmt"] == entry["totalAmt"]
        assert {line["poOrderNbr"] for line in receipt["lines"]} == {order["orderNbr"]}
        assert sum(line["receiptQty"] for line in receipt["lines"]) == entry["totalQty"]
    assert len(receipts) == len(orders)


async def test_receipt_filters(sim: Simulator, client_a: httpx.AsyncClient) -> None:
    order = next(
        o for o in sim.company(COMPANY_A_TENANT).purchase_orders if "purchaseReceipts" in o
    )
    supplier = order["supplier"]["number"]

    by_order = await client_a.get("/v1/PurchaseReceipt", params={"poOrderNbr": order["orderNbr"]})
    by_supplier = await _all(client_a, "/v1/PurchaseReceipt", supplier=supplier)
    early = await _all(
        client_a, "/v1/PurchaseReceipt", receiptDate="2024-03-01", receiptDateCondition="<"
    )
    held = (await client_a.get("/v1/PurchaseReceipt", params={"status": "Hold"})).json()
    bad = await client_a.get("/v1/PurchaseReceipt", params={"receiptType": "Nope"})

    assert [r["receiptNbr"] for r in by_order.json()] == [
        order["purchaseReceipts"][0]["receiptNumber"]
    ]
    assert by_supplier and {r["supplier"]["number"] for r in by_supplier} == {supplier}
    assert early and all(r["date"] < "2024-03-01" for r in early)
    assert held == []
    assert bad.status_code == 400


async def test_supplier_documents_are_the_invoices_and_payments(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    data = sim.company(COMPANY_A_TENANT)
    supplier = data.payments[0]["supplier"]["number"]
    invoices = {i["referenceNumber"] for i in data.invoices if i["supplier"]["number"] == supplier}
    payments = {p["refNbr"] for p in data.payments if p["supplier"]["number"] == supplier}

    documents = await _all(client_a, f"/v1/supplier/{supplier}/document")
    checks = await _all(client_a, "/v1/supplierdocument", documentType="Payment")
    total = (await client_a.get("/v1/supplierdocument", params={"pageSize": 1})).json()

    assert {d["referenceNumber"] for d in documents} == invoices | payments
    assert {d["referenceNumber"] for d in checks} == {
        p["refNbr"] for p in data.payments if p["type"] == "Payment"
    }
    assert {d["documentType"] for d in checks} == {"Check"}
    assert total[0]["metadata"]["totalCount"] == len(data.invoices) + len(data.payments)


async def test_document_project_and_item_filters_read_the_invoice_lines(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    invoices = sim.company(COMPANY_A_TENANT).invoices
    on_project = {
        i["referenceNumber"]
        for i in invoices
        if any(line.get("project", {}).get("id") == "P24-103" for line in i["invoiceLines"])
    }
    with_item = {
        i["referenceNumber"]
        for i in invoices
        if any(line["inventoryNumber"] == "GIPS-13" for line in i["invoiceLines"])
    }

    by_project = await _all(client_a, "/v1/supplierdocument", project="P24-103")
    by_item = await _all(client_a, "/v1/supplierdocument", item="GIPS-13")

    assert on_project and {d["referenceNumber"] for d in by_project} == on_project
    assert with_item and {d["referenceNumber"] for d in by_item} == with_item


async def test_document_filters(client_a: httpx.AsyncClient) -> None:
    open_docs = await _all(client_a, "/v1/supplierdocument", status="Open", branch="2")
    unreleased = await _all(client_a, "/v1/supplierdocument", released="0")
    big = await _all(client_a, "/v1/supplierdocument", balance="100000", balanceCondition=">")

    assert open_docs and {(d["status"], d["branch"]["number"]) for d in open_docs} == {
        ("Open", "2")
    }
    assert unreleased and {d["status"] for d in unreleased} <= {"Hold", "Balanced"}
    assert big and all(d["balance"] > 100000 for d in big)


async def test_reference_filters(client_a: httpx.AsyncClient) -> None:
    projects = (await client_a.get("/v1/project")).json()
    project = projects[1]
    project_id = str(project["internalID"])
    tasks = (await client_a.get("/v1/projecttask", params={"projectInternalId": project_id})).json()
    services = await _all(client_a, "/v1/inventory", description="arbeid")
    stores = (await client_a.get("/v1/warehouse", params={"branch": "2"})).json()
    contacts = (await client_a.get("/v1/contact", params={"businessAccount": "10001"})).json()
    mine = (await client_a.get("/v1/supplier/10001/contact")).json()
    bad = await client_a.get("/v1/project", params={"status": "Sleeping"})

    assert {t["taskId"] for t in tasks} == {t["taskId"] for t in project["tasks"]}
    assert {t["projectInternalId"] for t in tasks} == {project["internalID"]}
    assert services and all("arbeid" in i["description"].lower() for i in services)
    assert [w["branch"]["number"] for w in stores] == ["2"]
    assert contacts == mine and {c["businessAccount"] for c in contacts} == {"10001"}
    assert bad.status_code == 400


@pytest.mark.parametrize("tenant", [COMPANY_A_TENANT, COMPANY_B_TENANT])
async def test_references_in_the_ledgers_resolve(
    sim: Simulator, client_a: httpx.AsyncClient, client_b: httpx.AsyncClient, tenant: str
) -> None:
    client = client_a if tenant == COMPANY_A_TENANT else client_b
    data = sim.company(tenant)
    project_ids = {
        p["internalID"]: p["projectID"] for p in (await client.get("/v1/project")).json()
    }
    tasks = {
        (project_ids[t["projectInternalId"]], t["taskId"])
        for t in (await client.get("/v1/projecttask")).json()
    }
    items = {i["inventoryNumber"]: i for i in await _all(client, "/v1/inventory")}
    warehouses = {w["warehouseID"] for w in (await client.get("/v1/warehouse")).json()}
    units = {u["fromUnit"] for u in (await client.get("/v1/unitofmeasure")).json()}
    contact_ids = [c["contactId"] for c in (await client.get("/v1/contact")).json()]
    contacts = set(contact_ids)
    locations = {
        (loc["baccount"]["number"], loc["locationId"])
        for loc in await _all(client, "/v1/supplierlocation")
    }
    lines = [line for order in data.purchase_orders for line in order["lines"]]
    invoice_lines = [line for invoice in data.invoices for line in invoice["invoiceLines"]]

    for line in lines + invoice_lines:
        number = line["inventory"]["number"] if "inventory" in line else line["inventoryNumber"]
        assert items[number]["purchaseUnit"] == line["uom"]
        assert line["uom"] in units
        if "project" in line:
            assert (line["project"]["id"], line["projectTask"]["id"]) in tasks
    assert {line["warehouse"]["id"] for line in lines if "warehouse" in line} <= warehouses
    assert len(contacts) == len(contact_ids) > len(data.suppliers)
    for supplier in data.suppliers:
        assert supplier["mainContact"]["contactId"] in contacts
        assert (supplier["number"], supplier["location"]["id"]) in locations
    for document in data.invoices + data.payments:
        assert (document["supplier"]["number"], document["location"]["id"]) in locations


async def test_one_supplier_location_by_both_keys(client_a: httpx.AsyncClient) -> None:
    listed = (await client_a.get("/v1/supplierlocation/10001")).json()

    one = await client_a.get(f"/v1/supplierlocation/10001/{listed[0]['locationId']}")

    assert [loc["baccount"]["number"] for loc in listed] == ["10001"]
    assert one.json() == {k: v for k, v in listed[0].items() if k != "metadata"}


async def test_invoice_attachments_stream_a_pdf(
    sim: Simulator, client_a: httpx.AsyncClient, client_b: httpx.AsyncClient
) -> None:
    invoices = sim.company(COMPANY_A_TENANT).invoices
    attached = [i for i in invoices if i.get("attachments")]
    invoice = attached[7]
    attachment = invoice["attachments"][0]

    served = (await client_a.get(f"/v1/supplierInvoice/{invoice['referenceNumber']}")).json()
    first = await client_a.get(f"/v1/attachment/{attachment['id']}")
    again = await client_a.get(f"/v1/attachment/{attachment['id']}")
    other_company = await client_b.get(f"/v1/attachment/{attachment['id']}")

    assert 0.6 < len(attached) / len(invoices) < 0.95
    assert served["attachments"] == invoice["attachments"]
    assert first.status_code == 200
    assert first.headers["content-type"] == "application/pdf"
    assert attachment["name"] in first.headers["content-disposition"]
    assert first.content.startswith(b"%PDF-") and first.content.rstrip().endswith(b"%%EOF")
    assert invoice["supplierReference"].encode() in first.content
    assert again.content == first.content
    assert other_company.status_code == 404


async def test_invoices_in_approval_are_found_by_their_approval_document(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    invoices = sim.company(COMPANY_A_TENANT).invoices
    waiting = [i for i in invoices if "approvalDetails" in i]
    rejected = next(i for i in waiting if i["approvalStatus"] == "RejectedInApproval")
    approved = next(i for i in invoices if i.get("attachments") and "approvalDetails" not in i)
    system_id = rejected["approvalDetails"]["attachmentID"]

    found = await client_a.get("/v1/supplierInvoice/approval", params={"systemId": system_id})
    not_waiting = await client_a.get(
        "/v1/supplierInvoice/approval", params={"systemId": approved["attachments"][0]["id"]}
    )
    missing = await client_a.get("/v1/supplierInvoice/approval")
    pdf = await client_a.get(f"/v1/attachment/{system_id}")

    assert waiting and {i["approvalStatus"] for i in waiting} == {
        "SentToApproval",
        "InProgressApproval",
        "RejectedInApproval",
    }
    assert found.status_code == 200
    assert found.json()["referenceNumber"] == rejected["referenceNumber"]
    assert found.json()["approvalDetails"]["comment"]
    assert not_waiting.status_code == 404
    assert missing.status_code == 400
    assert pdf.status_code == 200
